"""The bundled parish snapshot (SOGN1 2014/2021, FOLK1A, DAWA 2021 polygons) and what `landsby derive` makes of it.

Expected figures are the ones `SOURCES.md` (section 6) states from the original files, or are read here
straight from the raw CSVs; none comes from the code under test.
"""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from landsby_utils import settings
from landsby_utils._derive_parishes import parish_layer, parish_table
from landsby_utils.sources import dst_snapshot, provenance_of, statbank


@pytest.fixture(scope="module")
def raw_2014() -> pd.DataFrame:
    return pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str})


def test_sogn1_2014_national_total_equals_folk1b_2014q1(raw_2014):
    folk1b = pd.read_csv(settings.FOLK1B_Q1_CSV, sep=";")
    denmark = folk1b[(folk1b["OMRÅDE"] == "All Denmark") & (folk1b["KØN"] == "Total") & (folk1b["ALDER"] == "Total")
                     & (folk1b["TID"] == "2014Q1")]
    assert int(raw_2014["persons"].sum()) == int(denmark["INDHOLD"].iloc[0]) == 5_627_235
    by_sex = raw_2014.groupby("sex")["persons"].sum()
    assert (int(by_sex["Men"]), int(by_sex["Women"])) == (2_792_279, 2_834_956)


def test_folk1a_2014_municipalities_equal_folk1b():
    folk1a = pd.read_csv(settings.FOLK1A_2014_CSV, dtype={"municipality_code": str})
    sums = folk1a.groupby("municipality_code")["persons"].sum()
    # SOURCES.md section 6: FOLK1A 2014K1 = FOLK1B 2014Q1 for these four municipalities.
    assert int(sums["0760"]) == 57_093
    assert int(sums["0661"]) == 57_338
    assert int(sums["0779"]) == 46_942
    assert int(sums["0575"]) == 42_667


def test_derived_table_is_what_derive_makes_now():
    """The committed derived file is reproducible from the raw files (nobody edited it by hand)."""
    committed = pd.read_csv(settings.PARISHES_CSV, dtype=str, keep_default_na=False)
    fresh = pd.read_csv(pd.io.common.StringIO(parish_table().to_csv(index=False)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, fresh)


def test_parish_table_both_vintages_and_like_for_like(raw_2014):
    table = dst_snapshot.parish_table()
    assert (int(table.loc["8752", "population_2014"]), int(table.loc["8752", "population_2021"])) == (942, 901)
    assert (int(table.loc["9280", "population_2014"]), int(table.loc["9280", "population_2021"])) == (1_486, 1_388)
    # 9317 Idom-Råsted = 8743 Idom + 8744 Råsted (SOURCES.md): like-for-like 2014 is their sum in the raw file.
    idom = int(raw_2014.loc[raw_2014["parish_code"].isin(["8743", "8744"]), "persons"].sum())
    assert int(table.loc["9317", "like_for_like_2014"]) == idom
    assert table.loc["8743", "successor_2021"] == "9317"
    # 7447 Birkerød was split: no sum of 2014 parishes is the 2021 area.
    assert not bool(table.loc["9311", "comparable"])
    assert len(table) == len(set(raw_2014["parish_code"]) | set(pd.read_csv(settings.SOGN1_2021_CSV, dtype=str)["parish_code"]))


def test_parish_layer_knows_both_codes_and_border_parishes():
    layer = parish_layer()
    assert set(layer.loc[layer["parish_code"] == "8739", "municipality_code"]) == {"0661", "0760"}  # Husby
    old = layer[layer["parish_code"] == "8743"]
    assert list(old["vintage"]) == ["2014"] and list(old["successor"]) == ["9317"]
    assert list(layer.loc[layer["parish_code"] == "9280", "vintage"]) == ["2021"]  # Lem has a 2021 polygon
    with gzip.open(settings.SOGNE_2021_GEOJSON, "rt", encoding="utf-8") as handle:
        assert len({f["properties"]["parish_code"] for f in json.load(handle)["features"]}) == 2_141
    assert set(layer.loc[layer["vintage"] == "2021", "parish_code"]).__len__() == 2_141


def test_snapshot_sogn1_zero_fills_and_sums_merged_parishes(raw_2014):
    frame = dst_snapshot.sogn1(["8752", "9317"])
    hee = frame[(frame["area_code"] == "8752") & (frame["period"] == "2014")]
    ages = hee[(hee["sex"] == "men") & (hee["age_from"] >= 0)]
    present = raw_2014[(raw_2014["parish_code"] == "8752") & (raw_2014["sex"] == "Men")]
    # Every single-year age is there; ages the source leaves out are 0, never missing.
    assert ages["persons"].notna().all()
    assert len(ages) > len(present)
    assert int(ages["persons"].sum()) == int(present["persons"].sum())
    idom = frame[(frame["area_code"] == "9317") & (frame["sex"] == "total") & (frame["age"] == "total")]
    assert dict(zip(idom["period"], idom["persons"].astype(int), strict=True)) == {"2014": 1_029, "2021": 986}
    assert frame.attrs["like_for_like"] == {"9317": ["8743", "8744"]}
    assert "Idom (8743) + Råsted (8744)" in provenance_of(frame).notes_text("da")


def test_statbank_sogn1_offline_serves_the_snapshot():
    frame = statbank.sogn1(["8752"], network=False)
    assert frame.attrs["provenance"]["served_from"] == "snapshot"
    totals = frame[(frame["sex"] == "total") & (frame["age"] == "total")].set_index("period")["persons"]
    assert (int(totals["2014"]), int(totals["2021"])) == (942, 901)


def test_unknown_parish_code_is_named():
    with pytest.raises(Exception, match="0001"):
        dst_snapshot.sogn1(["0001"])


def test_area_totals_2021_match_folk1a_file():
    frame = dst_snapshot.area_totals("0779")
    totals = frame[(frame["sex"] == "total") & (frame["age"] == "total")].set_index(["area_code", "period"])["persons"]
    raw = pd.read_csv(settings.FOLK1A_2021_CSV, dtype={"municipality_code": str}).set_index("municipality_code")
    assert int(totals[("779", "2021")]) == int(raw.loc["0779", "population"]) == 45_425
    assert int(totals[("000", "2021")]) == 5_840_045  # SOURCES.md: FOLK1A 2021K1, 99 rows
    assert int(totals[("779", "2014")]) == 46_942
