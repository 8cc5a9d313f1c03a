"""The national parish indicator table (``landsby derive``, issue 12), checked against the raw snapshot files.

Expected figures are read here straight from the raw SOGN1 and OSM files, never from the code under test.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer

from landsby_utils import settings
from landsby_utils._derive_comparison import indicator_notes, indicator_table

INDICATORS_CSV, INDICATORS_MD = settings.PARISH_INDICATORS_CSV, settings.PARISH_INDICATORS_MD


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return pd.read_csv(INDICATORS_CSV, dtype={"parish_code": str, "municipality_code": str, "municipality_codes": str})


@pytest.fixture(scope="module")
def raw_2014() -> pd.DataFrame:
    return pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str})


def test_committed_table_is_what_derive_makes_now():
    committed = pd.read_csv(INDICATORS_CSV, dtype=str, keep_default_na=False)
    fresh = pd.read_csv(io.StringIO(indicator_table().to_csv(index=False)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, fresh)
    assert INDICATORS_MD.read_text(encoding="utf-8") == indicator_notes()


def test_one_row_per_2021_parish_and_population_sums_to_sogn1_2021(table):
    raw = pd.read_csv(settings.SOGN1_2021_CSV, dtype={"parish_code": str})
    assert sorted(table["parish_code"]) == sorted(raw["parish_code"])
    assert int(table["population_2021"].sum()) == int(raw["population"].sum())
    merged = table.set_index("parish_code")["population_2021"]
    assert (merged.reindex(raw["parish_code"]).to_numpy() == raw["population"].to_numpy()).all()


def test_merged_parish_counts_its_2014_predecessors(table, raw_2014):
    row = table.set_index("parish_code").loc["9317"]  # Idom-Råsted = 8743 Idom + 8744 Råsted (SOURCES.md section 6)
    parts = raw_2014[raw_2014["parish_code"].isin(["8743", "8744"])]
    assert int(row["population_2014_lfl"]) == int(parts["persons"].sum())
    assert int(row["persons_0_15"]) == int(parts.loc[parts["age"] <= 15, "persons"].sum())
    assert int(row["persons_65plus"]) == int(parts.loc[parts["age"] >= 65, "persons"].sum())
    raw21 = pd.read_csv(settings.SOGN1_2021_CSV, dtype={"parish_code": str}).set_index("parish_code")
    expected = (raw21.loc["9317", "population"] / parts["persons"].sum() - 1) * 100
    assert row["change_pct"] == pytest.approx(expected, abs=0.01)


def test_split_parish_has_no_like_for_like_figures(table):
    row = table.set_index("parish_code").loc["9311"]  # Birkerød was split: no 2014 area matches the 2021 one
    assert pd.isna(row["population_2014_lfl"]) and pd.isna(row["change_pct"]) and pd.isna(row["share_0_15"])
    assert not pd.isna(row["population_2021"]) and not pd.isna(row["dist_dagligvarer_km"])


def test_unchanged_parish_age_shares_from_the_raw_ages(table, raw_2014):
    hee = raw_2014[raw_2014["parish_code"] == "8752"]
    row = table.set_index("parish_code").loc["8752"]
    children = hee.loc[hee["age"] <= 15, "persons"].sum()
    old = hee.loc[hee["age"] >= 65, "persons"].sum()
    working = hee.loc[(hee["age"] >= 16) & (hee["age"] <= 64), "persons"].sum()
    assert row["share_0_15"] == pytest.approx(children / hee["persons"].sum() * 100, abs=0.01)
    assert row["old_age_dependency"] == pytest.approx(old / working * 100, abs=0.01)


def test_centre_and_nearest_grocery_from_the_raw_osm_nodes(table):
    """Tim's centre is its OSM village node, and its nearest grocery shop is the nearest such node in the raw file."""
    nodes = pd.read_csv(settings.OSM_NODES_CSV, dtype={"ID": str})
    tim_node = nodes[(nodes["ID"] == "2388088967")].iloc[0]
    row = table.set_index("parish_code").loc["8759"]
    assert row["centre_source"] == "osm_place" and row["centre_name"] == "Tim"
    assert (row["centre_lat"], row["centre_lon"]) == pytest.approx((tim_node["LAT"], tim_node["LON"]), abs=1e-6)
    shops = nodes[(nodes["TAG"] == "shop") & nodes["VALUE"].isin(["supermarket", "convenience", "general", "grocery"])]
    to_metric = Transformer.from_crs(settings.CRS_GEOGRAPHIC, settings.CRS_METRIC, always_xy=True)
    x, y = to_metric.transform(shops["LON"].to_numpy(), shops["LAT"].to_numpy())
    cx, cy = to_metric.transform(tim_node["LON"], tim_node["LAT"])
    assert row["dist_dagligvarer_km"] == pytest.approx(np.hypot(x - cx, y - cy).min() / 1000, abs=0.002)


def test_rural_flag_follows_its_documented_definition(table):
    rural = table["rural"].astype(bool)
    assert (rural == (~table["has_town"].astype(bool) & (table["density_per_km2"] < 50))).all()
    assert rural[table["parish_code"].isin(["8752", "8759", "8740"])].all()  # Hee, Tim, Sønder Nissum
    assert not rural[table["parish_name"] == "Ringkøbing"].any()
    assert 0.3 < rural.mean() < 0.7
