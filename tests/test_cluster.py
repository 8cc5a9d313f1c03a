"""Cluster files: the four real clusters load, and every kind of bad input gets one clear message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from landsby_utils import settings
from landsby_utils._errors import ClusterFileError, UnknownClusterError
from landsby_utils.cluster import cluster_slugs, list_clusters, load_cluster, load_cluster_file
from landsby_utils.i18n import source_text

REAL = ("vestrum", "friskvind", "bedstmodwest", "nissumfjord")
SOURCE = pd.read_csv(settings.CLUSTER_VILLAGES_CSV, dtype=str)


def test_all_twelve_real_clusters_load():
    clusters, errors = list_clusters()
    assert errors == []
    listed = pd.read_csv(settings.CLUSTERS_CSV, dtype=str)["cluster_id"]
    assert sorted(c.slug for c in clusters) == sorted(listed) and len(listed) == 12
    assert set(REAL) <= {c.slug for c in clusters}


@pytest.mark.parametrize("slug", ["hjoerring_pilot", "desyvsogne", "molsiudvikling", "minlandsbyklynge", "sydvestsalling",
                                  "haervejsklyngen", "gudmekongensland", "landetpaamidtfyn"])
def test_other_clusters_have_the_villages_their_pages_name(slug):
    rows = pd.read_csv(settings.CLUSTER_SOURCE_DIR / "cluster_villages_other.csv", dtype=str).fillna("")
    members = rows[(rows["cluster_id"] == slug) & (rows["member"] == "yes")]
    cluster = load_cluster(slug)
    assert [v.name for v in cluster.villages] == list(members["village"])
    assert [";".join(v.parishes) for v in cluster.villages] == list(members["parish_code"])
    assert all(url in cluster.sources for url in members["source_url"])


@pytest.mark.parametrize("slug", REAL)
def test_member_parishes_match_the_dagi_codes_in_the_source_csv(slug):
    cluster = load_cluster(slug)
    rows = SOURCE[SOURCE["cluster_id"] == slug]
    assert [v.name for v in cluster.villages] == list(rows["village"])
    for village, codes in zip(cluster.villages, rows["sognekode_dagi2014"], strict=True):
        assert list(village.parishes) == codes.split(";")


def test_villages_with_an_osm_node_use_its_coordinates():
    rows = SOURCE.dropna(subset=["osm_lat"])
    for row in rows.itertuples():
        village = next(v for v in load_cluster(row.cluster_id).villages if v.name == row.village)
        assert village.lat == pytest.approx(float(row.osm_lat), abs=1e-6)
        assert village.lon == pytest.approx(float(row.osm_lon), abs=1e-6)
        assert not village.point_estimated


def test_villages_without_a_point_fall_back_to_their_parish_and_say_so():
    cluster = load_cluster("vestrum")
    hee = next(v for v in cluster.villages if v.name == "Hee")
    assert hee.point_estimated and "sogn" in source_text(hee.point_source, "da")
    parish = cluster.parishes.set_index("parish_code").loc["8752", "geometry"]
    from shapely.geometry import Point

    assert parish.contains(Point(hee.lon, hee.lat))


def test_cluster_geometry_is_the_union_of_its_parishes():
    cluster = load_cluster("vestrum")
    metric = cluster.parishes.to_crs(settings.CRS_METRIC)
    import geopandas as gpd

    union = gpd.GeoSeries([cluster.geometry], crs=settings.CRS_GEOGRAPHIC).to_crs(settings.CRS_METRIC)
    assert union.area.iloc[0] == pytest.approx(metric.area.sum(), rel=1e-3)
    west, south, east, north = cluster.bbox()
    for village in cluster.villages:
        assert west <= village.lon <= east and south <= village.lat <= north
    wide = cluster.bbox(10_000)
    assert wide[0] < west and wide[2] > east


def test_comparison_areas_are_municipality_region_and_country():
    areas = load_cluster("nissumfjord").comparison_areas
    assert [(a.level, a.code) for a in areas] == [("municipality", "661"), ("region", "082"), ("country", "000")]
    assert areas[0].name == "Holstebro"


def test_unknown_slug_suggests_the_nearest():
    with pytest.raises(UnknownClusterError, match="vestrum"):
        load_cluster("vestrumm")


def test_slug_with_markup_is_refused():
    with pytest.raises(UnknownClusterError):
        load_cluster("<script>alert(1)</script>")


# --- bad cluster files -----------------------------------------------------------------

GOOD = """name = "Test"
municipality_code = "0760"

[[villages]]
name = "Hee"

[[villages]]
name = "Stadil"
"""


def write(tmp_path: Path, text: str, name: str = "test.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimal_file_finds_parishes_by_name(tmp_path):
    cluster = load_cluster_file(write(tmp_path, GOOD))
    assert [v.parishes for v in cluster.villages] == [("8752",), ("8758",)]


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD.replace('name = "Stadil"', 'name = "Stadil'))
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(path)
    assert info.value.line == 8
    assert "test.toml" in info.value.message and "line 8" in info.value.message


def test_unknown_municipality_code_lists_closest_codes(tmp_path):
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(write(tmp_path, GOOD.replace('"0760"', '"0762"')))
    assert info.value.field == "municipality_code" and info.value.line == 2
    assert any("Ringkøbing-Skjern" in s for s in info.value.suggestions)


def test_misspelt_village_gets_suggestions(tmp_path):
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(write(tmp_path, GOOD.replace('"Stadil"', '"Stadill"')))
    assert info.value.field == "villages[1].name" and info.value.line == 8
    assert info.value.suggestions[0] == "Stadil"
    assert "Mente du: Stadil" in info.value.message_da


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Vederso", "Vedersø"), ("Vedersöe", "Vedersø"), ("Sdr Lemm", "Sønder Lem")],
)
def test_suggestions_know_danish_letters_and_abbreviations(tmp_path, typed, expected):
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(write(tmp_path, GOOD.replace('"Stadil"', f'"{typed}"')))
    assert expected in info.value.suggestions


def test_transliterated_names_match_the_register(tmp_path):
    cluster = load_cluster_file(write(tmp_path, GOOD.replace('"Stadil"', '"Vedersoe"')))
    assert cluster.villages[1].parishes == ("8761",)


def test_abbreviated_names_match_the_register(tmp_path):
    text = GOOD.replace('"Stadil"', '"Sdr. Lem"')
    cluster = load_cluster_file(write(tmp_path, text))
    assert cluster.villages[1].parishes == ("8770",)


def test_empty_village_list(tmp_path):
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(write(tmp_path, 'name = "Test"\nmunicipality_code = "0760"\nvillages = []\n'))
    assert info.value.field == "villages" and info.value.line == 3


def test_duplicate_village_even_when_spelt_differently(tmp_path):
    text = GOOD.replace('"Hee"', '"Sdr. Lem"').replace('"Stadil"', '"Sønder Lem"')
    with pytest.raises(ClusterFileError, match="listed twice"):
        load_cluster_file(write(tmp_path, text))


def test_village_outside_the_municipality_says_where_it_is(tmp_path):
    text = GOOD.replace('"0760"', '"0661"').replace('"Hee"', '"Staby"')
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(write(tmp_path, text))
    assert "outside municipality 0661" in info.value.message and "Ringkøbing-Skjern" in info.value.message


def test_parish_outside_the_municipality(tmp_path):
    text = GOOD + '\n[[villages]]\nname = "Tim"\nparishes = ["8740"]\n'
    with pytest.raises(ClusterFileError, match="8740 .*outside municipality 0760"):
        load_cluster_file(write(tmp_path, text))


def test_point_outside_the_municipality(tmp_path):
    text = GOOD + '\n[[villages]]\nname = "Tim"\npoint = { lat = 55.68, lon = 12.57 }\n'
    with pytest.raises(ClusterFileError) as info:
        load_cluster_file(write(tmp_path, text))
    assert info.value.field == "villages[2].point" and info.value.line == 12


def test_slug_must_match_file_name(tmp_path):
    with pytest.raises(ClusterFileError, match="differs from the file name"):
        load_cluster_file(write(tmp_path, 'slug = "other"\n' + GOOD))


def test_cli_reports_a_broken_file_without_traceback(tmp_path):
    write(tmp_path, GOOD.replace('"Stadil"', '"Stadill"'), "broken.toml")
    env = {"LANDSBY_CLUSTERS_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "LANDSBY_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "landsby_utils.cli", "show", "broken"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "broken.toml" in result.stderr and "Stadil" in result.stderr


def test_cluster_slugs_lists_the_files():
    assert set(REAL) <= set(cluster_slugs())
