"""Facility categories, cleaning, inventory, nearest distances, shares and closures.

Known answers come from a small hand-made layout in metres (EPSG:25832) and from an
independent haversine calculation on real snapshot points.
"""

from __future__ import annotations

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.facilities import (
    CATEGORIES,
    CORE_CATEGORIES,
    RULES,
    STATUS_NO_POINT,
    STATUS_NONE,
    STATUS_OK,
    CleaningReport,
    access_shares,
    assign_villages,
    categorize,
    category_label,
    closure_scenario,
    distance_matrix,
    facility_ids,
    inventory_by_village,
    most_relied_on,
    nearest_facility_distance,
    nearest_village,
    prepare_facilities,
    rules_table,
    shared_facilities,
)

# --- categories ---------------------------------------------------------------------

#: Written by hand from the issue's category list (not derived from RULES).
EXPECTED = [
    ({"amenity": "school"}, "skole"),
    ({"amenity": "kindergarten"}, "dagtilbud"),
    ({"amenity": "childcare"}, "dagtilbud"),
    ({"amenity": "community_centre"}, "forsamlingshus"),
    ({"amenity": "events_venue"}, "forsamlingshus"),
    ({"amenity": "arts_centre"}, "forsamlingshus"),
    ({"amenity": "social_centre"}, "forsamlingshus"),
    ({"leisure": "sports_hall"}, "idraetshal"),
    ({"leisure": "sports_centre"}, "idraetshal"),
    ({"leisure": "pitch"}, "sportsplads"),
    ({"leisure": "stadium"}, "sportsplads"),
    ({"leisure": "track"}, "sportsplads"),
    ({"amenity": "place_of_worship"}, "kirke"),
    ({"building": "church"}, "kirke"),
    ({"shop": "supermarket"}, "dagligvarer"),
    ({"shop": "convenience"}, "dagligvarer"),
    ({"shop": "general"}, "dagligvarer"),
    ({"shop": "grocery"}, "dagligvarer"),
    ({"amenity": "doctors"}, "laege"),
    ({"healthcare": "doctor"}, "laege"),
    ({"amenity": "library"}, "bibliotek"),
    ({"leisure": "playground"}, "legeplads"),
    ({"emergency": "defibrillator"}, "hjertestarter"),
    ({"highway": "bus_stop"}, "bus"),
    ({"amenity": "bus_station"}, "bus"),
    ({"public_transport": "platform"}, "bus"),
    ({"railway": "platform"}, "andet"),
    ({"amenity": "restaurant"}, "spisested"),
    ({"amenity": "cafe"}, "spisested"),
    ({"amenity": "fast_food"}, "spisested"),
    ({"amenity": "pub"}, "spisested"),
]


@pytest.mark.parametrize(("tags", "expected"), EXPECTED, ids=[f"{next(iter(t.items()))}" for t, _ in EXPECTED])
def test_each_rule_gives_its_category(tags, expected):
    assert categorize({**tags, "name": "Noget"}) == expected


def test_every_rule_is_covered_by_a_hand_written_case():
    covered = {next(iter(tags.items())) for tags, _ in EXPECTED}
    assert {(key, value) for key, value, _ in RULES} == covered


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"amenity": "parking"}, "andet"),
        ({}, "andet"),
        ({"name": "Hee Skole"}, "andet"),  # a name alone says nothing
        ({"amenity": "School"}, "andet"),  # OSM values are case-sensitive
        ({"railway": "platform", "public_transport": "platform"}, "andet"),  # a train platform, not a bus stop
        ({"building": "church", "amenity": "community_centre"}, "forsamlingshus"),  # a church turned village hall
        ({"amenity": "cafe", "shop": "convenience"}, "dagligvarer"),  # a shop with a café counter
    ],
)
def test_first_matching_rule_wins_and_the_rest_is_other(tags, expected):
    assert categorize(tags) == expected


def test_categories_have_danish_and_english_labels_colours_and_icons():
    for code, category in CATEGORIES.items():
        assert category.code == code
        assert category.da and category.en and category.color and category.icon
        assert category_label(code, "da") == category.da and category_label(code, "en") == category.en
    assert "andet" not in CORE_CATEGORIES and set(CORE_CATEGORIES) | {"andet"} == set(CATEGORIES)
    assert {c for _, _, c in RULES} <= set(CATEGORIES)


def test_rules_table_documents_every_rule():
    table = rules_table("da")
    assert list(table.columns) == ["Kategori", "OpenStreetMap-mærker"]
    assert len(table) == len(CATEGORIES)
    text = " ".join(table["OpenStreetMap-mærker"])
    for key, value, category in RULES:
        if category != "andet":
            assert f"{key}={value}" in text
    assert rules_table("en").iloc[0, 0] == "School"


# --- a hand-made layout (metres, EPSG:25832) ----------------------------------------
X0, Y0 = 450_000.0, 6_220_000.0


def _villages(*rows):
    return gpd.GeoDataFrame(
        {"village": [r[0] for r in rows]},
        geometry=[Point(X0 + r[1], Y0 + r[2]) if r[1] is not None else None for r in rows],
        crs=settings.CRS_METRIC,
    )


def _facilities(*rows):
    """rows: (osm_type, osm_id, name, category, dx, dy); dx None = no position."""
    return gpd.GeoDataFrame(
        {
            "osm_type": [r[0] for r in rows],
            "osm_id": [r[1] for r in rows],
            "name": [r[2] for r in rows],
            "category": [r[3] for r in rows],
        },
        geometry=[Point(X0 + r[4], Y0 + r[5]) if r[4] is not None else None for r in rows],
        crs=settings.CRS_METRIC,
    )


@pytest.fixture
def villages():
    # A at the origin, B 10 km east, C 3 km north of A.
    return _villages(("A", 0, 0), ("B", 10_000, 0), ("C", 0, 3_000))


@pytest.fixture
def facilities():
    return _facilities(
        ("node", 1, "A-skole", "skole", 1_000, 0),  # 1 km from A, 9 km from B, 3162 m from C
        ("node", 2, "B-skole", "skole", 10_000, 4_000),  # 4 km north of B
        ("node", 3, "Brugsen", "dagligvarer", 0, 2_500),  # 2.5 km from A, 500 m from C
        ("way", 4, "", "legeplads", 9_000, 0),  # 1 km from B
    )


def test_nearest_facility_has_known_distances_and_identities(villages, facilities):
    nearest = nearest_facility_distance(villages, facilities, ["skole", "dagligvarer", "legeplads", "kirke"])
    got = nearest.set_index(["village", "category"])
    assert list(nearest.columns[:6]) == ["village", "category", "distance_m", "facility_id", "facility_name", "status"]
    assert got.loc[("A", "skole"), "distance_m"] == pytest.approx(1_000)
    assert got.loc[("A", "skole"), "facility_id"] == "node/1"
    assert got.loc[("B", "skole"), "distance_m"] == pytest.approx(4_000)
    assert got.loc[("B", "skole"), "facility_name"] == "B-skole"
    assert got.loc[("C", "skole"), "distance_m"] == pytest.approx(math.hypot(1_000, 3_000))
    assert got.loc[("C", "skole"), "facility_id"] == "node/1"
    assert got.loc[("C", "dagligvarer"), "distance_m"] == pytest.approx(500)
    assert got.loc[("B", "legeplads"), "facility_id"] == "way/4"
    assert got.loc[("B", "legeplads"), "facility_name"] == ""
    # no church anywhere: explicit "none in reach", no distance, no facility
    churches = nearest[nearest["category"] == "kirke"]
    assert (churches["status"] == STATUS_NONE).all() and churches["distance_m"].isna().all()
    assert (churches["facility_id"] == "").all()
    # order: villages, then categories
    assert list(nearest["village"]) == ["A"] * 4 + ["B"] * 4 + ["C"] * 4


def test_max_distance_turns_far_facilities_into_none_in_reach(villages, facilities):
    nearest = nearest_facility_distance(villages, facilities, ["dagligvarer"], max_distance_m=5_000)
    got = nearest.set_index("village")
    assert got.loc["A", "status"] == STATUS_OK and got.loc["C", "status"] == STATUS_OK
    # B is sqrt(10000² + 2500²) ≈ 10.3 km from the shop: beyond the reach
    assert got.loc["B", "status"] == STATUS_NONE and np.isnan(got.loc["B", "distance_m"])
    assert nearest.attrs["max_distance_m"] == 5_000


def test_distance_matrix_is_categories_by_villages(villages, facilities):
    matrix = distance_matrix(nearest_facility_distance(villages, facilities, ["skole", "dagligvarer"]))
    assert list(matrix.index) == ["skole", "dagligvarer"] and list(matrix.columns) == ["A", "B", "C"]
    assert matrix.at["dagligvarer", "C"] == pytest.approx(500)


def test_closure_scenario_on_the_layout(villages, facilities):
    scenario = closure_scenario(villages, facilities, ["node/1"], thresholds=(2_000, 5_000, 10_000))
    assert list(scenario["category"].unique()) == ["skole"]  # only the closed facility's category
    got = scenario.set_index("village")
    # A: 1 km to A-skole, then sqrt(10000² + 4000²) ≈ 10 770 m to B-skole
    assert got.loc["A", "distance_before_m"] == pytest.approx(1_000)
    assert got.loc["A", "distance_after_m"] == pytest.approx(math.hypot(10_000, 4_000))
    assert got.loc["A", "facility_id_after"] == "node/2"
    assert got.loc["A", "increase_m"] == pytest.approx(math.hypot(10_000, 4_000) - 1_000)
    assert got.loc["A", "lost_thresholds"] == (2_000, 5_000, 10_000)
    assert got.loc["A", "loses_access"]
    # B keeps its own school
    assert got.loc["B", "increase_m"] == 0 and got.loc["B", "lost_thresholds"] == () and not got.loc["B", "loses_access"]
    # C: 3162 m before, sqrt(10000² + 1000²) ≈ 10 050 m after
    assert got.loc["C", "lost_thresholds"] == (5_000, 10_000)


def test_closing_every_school_leaves_none_in_reach(villages, facilities):
    scenario = closure_scenario(villages, facilities, ["node/1", "node/2"], max_distance_m=10_000)
    assert (scenario["status_after"] == STATUS_NONE).all()
    assert scenario["distance_after_m"].isna().all() and scenario["increase_m"].isna().all()
    assert scenario["loses_access"].all()


def test_closure_rejects_unknown_ids(villages, facilities):
    with pytest.raises(InvalidArgumentError, match="node/99"):
        closure_scenario(villages, facilities, ["node/99"])


def test_closing_nothing_changes_nothing(villages, facilities):
    scenario = closure_scenario(villages, facilities, [], categories=["skole"])
    assert (scenario["increase_m"] == 0).all() and not scenario["loses_access"].any()


def test_most_relied_on_facility(villages, facilities):
    nearest = nearest_facility_distance(villages, facilities, ["skole", "kirke"])
    assert most_relied_on(nearest, "skole") == "node/1"  # nearest for A and C
    assert most_relied_on(nearest, "kirke") is None


def test_access_shares_count_villages_within_each_threshold(villages, facilities):
    nearest = nearest_facility_distance(villages, facilities, ["skole"])
    shares = access_shares(nearest, (1_000, 4_000, 10_000)).set_index("threshold_m")
    # distances: A 1000 (exactly at the threshold counts), B 4000, C 3162
    assert list(shares["villages_within"]) == [1, 3, 3]
    assert list(shares["villages_total"]) == [3, 3, 3]
    assert shares.loc[1_000, "share_villages"] == pytest.approx(100 / 3)


def test_access_shares_with_population_weights(villages, facilities):
    weighted = villages.assign(population=[100, 300, 600])
    nearest = nearest_facility_distance(weighted, facilities, ["skole"])
    shares = access_shares(nearest, (2_000, 3_500), weights="population").set_index("threshold_m")
    assert shares.loc[2_000, "share_weighted"] == pytest.approx(10.0)  # only A (100 of 1000)
    assert shares.loc[3_500, "share_weighted"] == pytest.approx(70.0)  # A and C
    assert shares.loc[3_500, "weight_total"] == 1_000


def test_access_shares_warn_on_missing_weights_and_refuse_negative(villages, facilities):
    nearest = nearest_facility_distance(villages.assign(population=[100, None, 600]), facilities, ["skole"])
    with pytest.warns(UserWarning, match="no population for B"):
        shares = access_shares(nearest, (5_000,), weights="population")
    assert shares["share_weighted"].iloc[0] == pytest.approx(100.0)
    bad = nearest_facility_distance(villages.assign(population=[100, -1, 600]), facilities, ["skole"])
    with pytest.raises(InvalidArgumentError, match="negative"):
        access_shares(bad, (5_000,), weights="population")
    with pytest.raises(InvalidArgumentError, match="missing|lacks"):
        access_shares(nearest, (5_000,), weights="inhabitants")
    with pytest.raises(InvalidArgumentError, match="positive"):
        access_shares(nearest, (0,))


def test_access_shares_warn_beyond_the_reach(villages, facilities):
    nearest = nearest_facility_distance(villages, facilities, ["skole"], max_distance_m=5_000)
    with pytest.warns(UserWarning, match="exceeds the data's reach"):
        access_shares(nearest, (2_000, 10_000))


# --- bad input ----------------------------------------------------------------------


def test_village_without_point_gets_an_explicit_status(facilities):
    villages = _villages(("A", 0, 0), ("Uden punkt", None, None))
    with pytest.warns(UserWarning, match="Uden punkt"):
        nearest = nearest_facility_distance(villages, facilities, ["skole"])
    got = nearest.set_index("village")
    assert got.loc["Uden punkt", "status"] == STATUS_NO_POINT and np.isnan(got.loc["Uden punkt", "distance_m"])
    assert got.loc["A", "status"] == STATUS_OK
    shares = access_shares(nearest, (2_000,))
    assert shares["villages_total"].iloc[0] == 1  # a village without a point is not counted as "far"


def test_prepare_drops_positionless_ways_with_a_warning():
    raw = _facilities(("node", 1, "Skole", "skole", 0, 0), ("way", 2, "Hal", "idraetshal", None, None))
    with pytest.warns(UserWarning, match="no position"):
        clean = prepare_facilities(raw)
    assert list(clean["facility_id"]) == ["node/1"]
    assert CleaningReport.of(clean).no_position == 1


def test_prepare_turns_areas_into_points():
    raw = _facilities(("node", 1, "Skole", "skole", 0, 0))
    area = gpd.GeoDataFrame(
        {"osm_type": ["way"], "osm_id": [2], "name": ["Hal"], "category": ["idraetshal"]},
        geometry=[box(X0 + 100, Y0 + 100, X0 + 300, Y0 + 200)],
        crs=settings.CRS_METRIC,
    )
    clean = prepare_facilities(pd.concat([raw, area], ignore_index=True))
    assert (clean.geom_type == "Point").all()
    assert clean.geometry.iloc[1].within(area.geometry.iloc[0])


def test_prepare_merges_node_and_way_of_the_same_facility():
    raw = _facilities(
        ("node", 1, "Hee Skole", "skole", 0, 0),
        ("way", 2, "hee  skole", "skole", 40, 30),  # same school drawn as a building, 50 m away
        ("node", 3, "Hee Skole", "skole", 5_000, 0),  # same name, another place: a different school
        ("node", 4, "Hee Skole", "forsamlingshus", 10, 0),  # same name, other category: kept
        ("node", 5, "", "legeplads", 0, 500),
        ("way", 6, "", "legeplads", 20, 520),  # unnamed node + way of one playground
        ("node", 7, "", "hjertestarter", 0, 900),
        ("node", 8, "", "hjertestarter", 10, 900),  # two unnamed nodes: two defibrillators
    )
    with pytest.warns(UserWarning, match="merged"):
        clean = prepare_facilities(raw)
    report = CleaningReport.of(clean)
    assert report.duplicates == 2
    assert sorted(report.merged) == [("node/1", "way/2"), ("node/5", "way/6")]  # ways are kept
    assert sorted(clean["facility_id"]) == ["node/3", "node/4", "node/7", "node/8", "way/2", "way/6"]


def test_prepare_ignores_facilities_beyond_the_margin():
    near = gpd.GeoDataFrame(
        {"osm_type": ["node", "node"], "osm_id": [1, 2], "name": ["Tim Skole", "Skagen Skole"], "category": ["skole", "skole"]},
        geometry=[Point(8.30, 56.19), Point(10.58, 57.72)],
        crs=settings.CRS_GEOGRAPHIC,
    )
    with pytest.warns(UserWarning, match="outside the bounding box"):
        clean = prepare_facilities(near, bbox=(8.0, 56.0, 8.6, 56.4))
    assert list(clean["name"]) == ["Tim Skole"]
    assert CleaningReport.of(clean).outside == 1


def test_prepare_keeps_unnamed_facilities_and_counts_them():
    raw = _facilities(("node", 1, None, "skole", 0, 0), ("node", 2, float("nan"), "skole", 3_000, 0), ("node", 3, " Tim ", "skole", 6_000, 0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no name is not a problem worth a warning
        clean = prepare_facilities(raw)
    assert list(clean["name"]) == ["", "", "Tim"]
    assert CleaningReport.of(clean).unnamed == 2


def test_prepare_keeps_provenance_and_does_not_touch_its_input(facilities):
    facilities.attrs["provenance"] = {"source": "test"}
    before = facilities.copy()
    clean = prepare_facilities(facilities)
    pd.testing.assert_frame_equal(facilities, before)
    assert "facility_id" not in facilities.columns
    assert clean.attrs["provenance"] == {"source": "test"}


def test_guard_clauses(villages, facilities):
    with pytest.raises(InvalidArgumentError, match="category"):
        nearest_facility_distance(villages, facilities.drop(columns="category"))
    with pytest.raises(InvalidArgumentError, match="village"):
        nearest_facility_distance(villages.rename(columns={"village": "navn"}), facilities)
    with pytest.raises(InvalidArgumentError, match="unknown category 'svømmehal'"):
        nearest_facility_distance(villages, facilities, ["svømmehal"])
    with pytest.raises(InvalidArgumentError, match="max_distance_m"):
        nearest_facility_distance(villages, facilities, max_distance_m=0)
    with pytest.raises(InvalidArgumentError, match="CRS"):
        nearest_facility_distance(villages, pd.DataFrame(facilities).pipe(gpd.GeoDataFrame).set_crs(None, allow_override=True))
    with pytest.raises(InvalidArgumentError, match="dedupe_radius_m"):
        prepare_facilities(facilities, dedupe_radius_m=-1)
    with pytest.raises(InvalidArgumentError, match="radius_m"):
        assign_villages(facilities, villages)  # points need a radius


def test_analyses_never_mutate_their_inputs(villages, facilities):
    v0, f0 = villages.copy(), facilities.copy()
    nearest = nearest_facility_distance(villages, facilities)
    n0 = nearest.copy()
    access_shares(nearest)
    closure_scenario(villages, facilities, ["node/1"])
    assign_villages(facilities, villages, radius_m=2_000)
    nearest_village(facilities, villages)
    pd.testing.assert_frame_equal(villages, v0)
    pd.testing.assert_frame_equal(facilities, f0)
    pd.testing.assert_frame_equal(nearest, n0)


# --- inventory per village ----------------------------------------------------------


def test_assign_by_area_and_inventory_and_shared_view(facilities):
    areas = gpd.GeoDataFrame(
        {"village": ["A", "B", "Tom"]},
        geometry=[box(X0 - 500, Y0 - 500, X0 + 1_500, Y0 + 3_000), box(X0 + 8_500, Y0 - 500, X0 + 10_500, Y0 + 4_500), box(X0 + 20_000, Y0, X0 + 21_000, Y0 + 1_000)],
        crs=settings.CRS_METRIC,
    )
    assigned = assign_villages(facilities, areas)
    assert dict(zip(facility_ids(assigned), assigned["village"], strict=True)) == {"node/1": "A", "node/2": "B", "node/3": "A", "way/4": "B"}
    table = inventory_by_village(assigned, ["A", "B", "Tom"], ["skole", "dagligvarer", "legeplads", "kirke"])
    assert table.loc["skole"].tolist() == [1, 1, 0]
    assert table.loc["kirke"].tolist() == [0, 0, 0]
    assert table["Tom"].sum() == 0
    shared = shared_facilities(assigned, ["skole", "dagligvarer", "kirke"], villages=["A", "B"]).set_index("category")
    assert shared.loc["skole", "count"] == 2 and shared.loc["skole", "villages"] == "A, B" and not shared.loc["skole", "only_one"]
    assert shared.loc["dagligvarer", "only_one"] and shared.loc["dagligvarer", "facility_name"] == "Brugsen"
    assert shared.loc["kirke", "count"] == 0 and not shared.loc["kirke", "only_one"]


def test_a_facility_in_a_shared_parish_belongs_to_both_villages_but_counts_once():
    parish = box(X0, Y0, X0 + 1_000, Y0 + 1_000)
    areas = gpd.GeoDataFrame({"village": ["Nørre Bork", "Sønder Bork"]}, geometry=[parish, parish], crs=settings.CRS_METRIC)
    assigned = assign_villages(_facilities(("node", 1, "Bork Skole", "skole", 500, 500)), areas)
    assert list(assigned["village"]) == ["Nørre Bork", "Sønder Bork"]
    shared = shared_facilities(assigned, ["skole"]).iloc[0]
    assert shared["count"] == 1 and shared["villages_with"] == 2 and shared["only_one"]


def test_assign_within_a_radius_of_village_points(villages, facilities):
    assigned = assign_villages(facilities, villages, radius_m=1_200)
    got = dict(zip(facility_ids(assigned), assigned["village"], strict=True))
    assert got["node/1"] == "A" and got["way/4"] == "B" and got["node/3"] == "C"
    assert pd.isna(got["node/2"])  # 4 km from B: beyond the radius


# --- real snapshot points against an independent haversine ---------------------------
EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def _haversine(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))


@pytest.fixture(scope="module")
def snapshot():
    from landsby_utils.sources.osm import facilities_from_snapshot, places_from_snapshot

    facilities = facilities_from_snapshot()
    facilities = facilities[facilities["category"].isin(CORE_CATEGORIES)].reset_index(drop=True)
    places = places_from_snapshot()
    west, south, east, north = facilities.total_bounds
    places = places.cx[west:east, south:north]
    places = places[places["place"].isin(["village", "hamlet", "town", "isolated_dwelling", "locality"])].reset_index(drop=True)
    return places.rename(columns={"name": "village"})[["village", "geometry"]], facilities


def test_distances_match_haversine_on_real_snapshot_points(snapshot):
    places, facilities = snapshot
    assert len(places) > 100
    nearest = nearest_facility_distance(places, facilities)
    ok = nearest[nearest["status"] == STATUS_OK]
    assert len(ok) > 500
    lon_v = np.repeat(places.geometry.x.to_numpy(), len(CORE_CATEGORIES))[nearest["status"].to_numpy() == STATUS_OK]
    lat_v = np.repeat(places.geometry.y.to_numpy(), len(CORE_CATEGORIES))[nearest["status"].to_numpy() == STATUS_OK]
    ids = facility_ids(facilities)
    for category in CORE_CATEGORIES:
        mask = (ok["category"] == category).to_numpy()
        if not mask.any():
            continue
        members = facilities[facilities["category"] == category]
        # brute-force oracle: every village against every facility of the category, on the sphere
        d = _haversine(
            lon_v[mask][:, None], lat_v[mask][:, None], members.geometry.x.to_numpy()[None, :], members.geometry.y.to_numpy()[None, :]
        )
        best = d.min(axis=1)
        got = ok.loc[mask, "distance_m"].to_numpy()
        # UTM 32N scale error in western Denmark is below 0.1 %; allow 0.5 % (and 1 m for tiny distances)
        np.testing.assert_allclose(got, best, rtol=0.005, atol=1.0)
        # the facility found is the oracle's nearest, or one within the tolerance of it
        chosen = ok.loc[mask, "facility_id"].to_numpy()
        lookup = dict(zip(ids[members.index], range(len(members)), strict=True))
        chosen_d = d[np.arange(len(chosen)), [lookup[c] for c in chosen]]
        assert np.all(chosen_d <= best * 1.005 + 1.0)


def test_removing_a_facility_never_shortens_a_distance(snapshot):
    places, facilities = snapshot
    rng = np.random.default_rng(20191)
    ids = facility_ids(facilities).to_numpy()
    for _ in range(5):
        closed = list(rng.choice(ids, size=15, replace=False))
        scenario = closure_scenario(places, facilities, closed, categories=CORE_CATEGORIES, max_distance_m=settings.OSM_MARGIN_M)
        before = scenario["distance_before_m"].fillna(np.inf)
        after = scenario["distance_after_m"].fillna(np.inf)
        assert (after >= before).all()
        assert not scenario["facility_id_after"].isin(closed).any()
        # every village gets a distance or an explicit "none in reach"
        assert set(scenario["status_after"]) <= {STATUS_OK, STATUS_NONE}
        assert scenario.loc[scenario["status_after"] == STATUS_OK, "distance_after_m"].notna().all()
        assert scenario.loc[scenario["status_after"] == STATUS_NONE, "distance_after_m"].isna().all()


def test_vestrum_every_village_and_category_has_a_distance_or_none_in_reach():
    from landsby_utils.cluster import load_cluster
    from landsby_utils.sources.osm import facilities_for_bbox

    cluster = load_cluster("vestrum")
    bbox = cluster.bbox(settings.OSM_MARGIN_M)
    clean = prepare_facilities(facilities_for_bbox(bbox), bbox)
    nearest = nearest_facility_distance(cluster.village_points, clean, max_distance_m=settings.OSM_MARGIN_M)
    assert len(nearest) == len(cluster.villages) * len(CORE_CATEGORIES)
    assert set(nearest["status"]) <= {STATUS_OK, STATUS_NONE}
    assert (nearest["distance_m"].notna() == (nearest["status"] == STATUS_OK)).all()
    assert (nearest["distance_m"].dropna() <= settings.OSM_MARGIN_M).all()
    # Vedersø Kulturcenter lies in Vedersø parish: the nearest community hall for Vedersø
    vedersoe = nearest[(nearest["village"] == "Vedersø") & (nearest["category"] == "forsamlingshus")].iloc[0]
    assert vedersoe["facility_name"] == "Vedersø Kulturcenter"


def test_polygon_villages_are_refused_for_distances():
    areas = gpd.GeoDataFrame({"village": ["A"]}, geometry=[Polygon([(0, 0), (1, 0), (1, 1)])], crs=settings.CRS_METRIC)
    facilities = _facilities(("node", 1, "x", "skole", 0, 0))
    # polygons have no x/y: a clear error rather than a silent centroid
    with pytest.raises(InvalidArgumentError, match="points"):
        nearest_facility_distance(areas, facilities)


@pytest.mark.parametrize("slug", ["vestrum", "friskvind", "bedstmodwest", "nissumfjord"])
def test_tree_distances_equal_brute_force_metric_distances_for_a_real_cluster(slug):
    """The k-d tree finds exactly what measuring every village against every facility (shapely) finds."""
    from landsby_utils.cluster import load_cluster
    from landsby_utils.sources.osm import facilities_for_bbox

    cluster = load_cluster(slug)
    bbox = cluster.bbox(settings.OSM_MARGIN_M)
    clean = prepare_facilities(facilities_for_bbox(bbox), bbox)
    villages = cluster.village_points
    nearest = nearest_facility_distance(villages, clean)  # no reach: every category with a facility has a nearest
    metric_villages = villages.to_crs(settings.CRS_METRIC)
    metric_facilities = clean.to_crs(settings.CRS_METRIC)
    ids = facility_ids(clean).to_numpy()
    checked = 0
    for category in CORE_CATEGORIES:
        members = metric_facilities[(metric_facilities["category"] == category).to_numpy()]
        rows = nearest[nearest["category"] == category]
        if members.empty:
            assert (rows["status"] == STATUS_NONE).all()
            continue
        # oracle: a villages × facilities matrix of shapely distances in EPSG:25832
        brute = np.array([members.geometry.distance(point).to_numpy() for point in metric_villages.geometry])
        np.testing.assert_allclose(rows["distance_m"].to_numpy(), brute.min(axis=1), rtol=0, atol=1e-6)
        chosen = [np.flatnonzero(ids == fid)[0] for fid in rows["facility_id"]]
        position = {index: n for n, index in enumerate(np.flatnonzero((clean["category"] == category).to_numpy()))}
        at_chosen = brute[np.arange(len(chosen)), [position[c] for c in chosen]]
        np.testing.assert_allclose(at_chosen, brute.min(axis=1), rtol=0, atol=1e-6)
        checked += len(rows)
    assert checked >= len(villages) * 5  # not vacuous: most categories exist around every cluster
    # the facility → nearest village direction (k-d tree over villages) against the same oracle
    near = nearest_village(clean, villages)
    brute = np.array([metric_villages.geometry.distance(point).to_numpy() for point in metric_facilities.geometry])
    np.testing.assert_allclose(near["village_distance_m"].to_numpy(), brute.min(axis=1), rtol=0, atol=1e-6)
