"""Snapshot readers: real figures from the bundled files, checked against the files themselves."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.sources import provenance_of
from landsby_utils.sources.geodata import municipalities_from_snapshot, parishes_from_snapshot
from landsby_utils.sources.osm import facilities_from_snapshot, places_from_snapshot
from landsby_utils.sources.statbank import folk1b_from_snapshot, population_by_area, region_of_municipality


@pytest.fixture(scope="module")
def folk1b():
    return folk1b_from_snapshot()


def test_men_plus_women_equal_total(folk1b):
    wide = folk1b.pivot_table(index=["area_code", "age", "period"], columns="sex", values="persons", aggfunc="sum")
    assert len(wide) == len(folk1b) / 3
    assert (wide["men"] + wide["women"] == wide["total"]).all()


def test_age_groups_sum_to_total(folk1b):
    totals = folk1b[folk1b["age"] == "total"].set_index(["area_code", "sex", "period"])["persons"]
    groups = folk1b[folk1b["age"] != "total"].groupby(["area_code", "sex", "period"])["persons"].sum()
    assert groups.sort_index().equals(totals.sort_index())
    assert folk1b["age"].nunique() == 22  # total + 21 bands (0-4 ... 95-99, 100+)


def test_known_totals_read_from_the_file_itself(folk1b):
    raw = pd.read_csv(settings.FOLK1B_Q1_CSV, sep=";")
    pick = raw[(raw["OMRÅDE"] == "Ringkøbing-Skjern") & (raw["KØN"] == "Total") & (raw["ALDER"] == "Total")]
    expected = dict(zip(pick["TID"], pick["INDHOLD"], strict=True))
    got = folk1b[(folk1b["area_code"] == "760") & (folk1b["sex"] == "total") & (folk1b["age"] == "total")]
    assert dict(zip(got["period"], got["persons"], strict=True)) == expected
    # SOURCES.md: 2019Q1 = 56 930 and 2009Q1 = 58 803, both equal to trap.lex.dk.
    assert expected["2019Q1"] == 56930 and expected["2009Q1"] == 58803


def test_population_by_area_accepts_four_digit_codes_and_has_provenance():
    frame = population_by_area(["0760", "082", "000"])
    assert set(frame["area_code"]) == {"760", "082", "000"}
    provenance = provenance_of(frame)
    assert provenance.table == "FOLK1B, FOLK1A" and provenance.served_from == "snapshot"
    assert set(frame["date"].dt.year) == set(range(2008, 2022))
    assert "Danmarks Statistik" in provenance.describe("da")


def test_population_by_area_refuses_unknown_codes():
    with pytest.raises(InvalidArgumentError, match="999"):
        population_by_area(["999"])


def test_quarterly_snapshot_has_every_quarter():
    frame = population_by_area(["760"], quarterly=True)
    assert frame["period"].nunique() == 4 * 13


def test_region_membership_from_statbank_order():
    assert region_of_municipality("0760") == ("082", "Region Midtjylland")
    assert region_of_municipality("0101") == ("084", "Region Hovedstaden")
    assert region_of_municipality("0851") == ("081", "Region Nordjylland")


def test_boundaries_cover_every_municipality_and_parish():
    kommuner = municipalities_from_snapshot()
    raw = json.loads(settings.KOMMUNER_TOPOJSON.read_text())
    raw_codes = {g["properties"]["KOMKODE"] for o in raw["objects"].values() for g in o["geometries"]}
    assert set(kommuner["municipality_code"]) == raw_codes
    sogne = parishes_from_snapshot()
    raw = json.loads(settings.SOGNE_TOPOJSON.read_text())
    codes_2014 = {g["properties"]["SOGNEKODE"] for o in raw["objects"].values() for g in o["geometries"]}
    with gzip.open(settings.SOGNE_2021_GEOJSON, "rt", encoding="utf-8") as handle:
        codes_2021 = {f["properties"]["parish_code"] for f in json.load(handle)["features"]}
    # Every 2021 parish, plus every 2014 code that is gone by 2021 (so a cluster file may name either).
    assert set(sogne["parish_code"]) == codes_2021 | codes_2014
    assert set(sogne.loc[sogne["vintage"] == "2014", "parish_code"]) == codes_2014 - codes_2021
    assert kommuner.geometry.is_valid.all() and sogne.geometry.is_valid.all()


def test_parishes_agree_with_the_hand_checked_west_jutland_subset():
    import geopandas as gpd

    subset = gpd.read_file(settings.DAGI_DIR / "sogne_0760_0661.geojson")
    derived = gpd.read_file(settings.SOGNE_GEOJSON).rename(columns={"SOGNEKODE": "parish_code", "KOMKODE": "municipality_code"})
    derived = derived[derived["municipality_code"].isin(["0760", "0661"])]
    assert set(subset["SOGNEKODE"]) == set(derived["parish_code"])
    # Each parish's derived polygon covers the subset file's polygons (same source, decoded independently).
    for code, group in subset.groupby("SOGNEKODE"):
        shape = derived[derived["parish_code"] == code].geometry.union_all()
        assert shape.buffer(1e-4).contains(group.geometry.union_all().buffer(-1e-4)), code


def test_derived_files_are_reproducible(tmp_path, monkeypatch):
    from landsby_utils import _derive

    monkeypatch.setattr(settings, "KOMMUNER_GEOJSON", tmp_path / "k.geojson")
    monkeypatch.setattr(settings, "SOGNE_GEOJSON", tmp_path / "s.geojson")
    monkeypatch.setattr(settings, "CLUSTERS_DIR", tmp_path / "clusters")
    for name in ("PARISHES_CSV", "PARISHES_GEOJSON", "BACKTEST_CSV", "MOVES_ACCOUNTS_CSV", "MOVES_FLOWS_CSV",
                 "PARISH_INDICATORS_CSV", "PARISH_INDICATORS_MD"):
        monkeypatch.setattr(settings, name, tmp_path / getattr(settings, name).name)
    root = settings.SNAPSHOT_DERIVED_DIR
    _derive.derive_all()
    assert (tmp_path / "k.geojson").read_bytes() == (root / "kommuner_denmark.geojson").read_bytes()
    assert (tmp_path / "s.geojson").read_bytes() == (root / "sogne_denmark.geojson").read_bytes()
    for name in ("parishes_denmark.csv", "parishes_denmark.geojson.gz", "projection_backtest.csv",
                 "moves_bev107_accounts.csv", "moves_fly66_2024.csv.gz", "parish_indicators.csv", "parish_indicators.md"):
        assert (tmp_path / name).read_bytes() == (root / name).read_bytes(), name
    slugs = pd.read_csv(settings.CLUSTERS_CSV, dtype=str)["cluster_id"]
    assert len(slugs) == 12
    for slug in slugs:
        committed = (settings.DATA_DIR / "clusters" / f"{slug}.toml").read_text()
        assert (tmp_path / "clusters" / f"{slug}.toml").read_text() == committed


def test_osm_snapshot_facilities_and_places():
    facilities = facilities_from_snapshot()
    raw = pd.read_csv(settings.OSM_NODES_CSV)
    assert facilities["osm_id"].is_unique
    assert set(facilities["osm_id"]) == set(raw.loc[raw["TAG"] != "place", "ID"])
    schools = set(raw.loc[(raw["TAG"] == "amenity") & (raw["VALUE"] == "school"), "ID"])
    assert set(facilities.loc[facilities["category"] == "skole", "osm_id"]) == schools
    assert provenance_of(facilities).licence_text("da").startswith("© OpenStreetMap")
    places = places_from_snapshot()
    assert len(places) == pd.read_csv(settings.OSM_PLACES_CSV)["NAME"].notna().sum()
