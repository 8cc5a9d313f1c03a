"""The "Steder som os" dashboard built in-process (no browser) for VestRum and a cluster in another municipality.

Expected positions are recomputed here from the committed indicator table (which tests/test_parish_indicators.py
checks against the raw files), never taken from the code under test.
"""

from __future__ import annotations

import pickle
import re

import pandas as pd
import pytest

from landsby_utils.cluster import load_cluster, load_cluster_file
from landsby_utils.settings import PARISH_INDICATORS_CSV as INDICATORS_CSV
from landsby_utils.widgets._base import CLASSES, SECTIONS
from landsby_utils.widgets.comparison import ComparisonDashboard


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return pd.read_csv(INDICATORS_CSV, dtype={"parish_code": str}).set_index("parish_code")


@pytest.fixture(scope="module")
def vestrum() -> ComparisonDashboard:
    return ComparisonDashboard(load_cluster("vestrum"), "da")


@pytest.fixture(scope="module")
def gudme() -> ComparisonDashboard:
    return ComparisonDashboard(load_cluster("gudmekongensland"), "da")  # Svendborg (0479)


def _out_of_10(national: pd.DataFrame, code: str, column: str) -> tuple[str, int]:
    rural = national[national["rural"] & national[column].notna() & (national.index != code)][column]
    mine = national.loc[code, column]
    below, above = (rural < mine).mean(), (rural > mine).mean()
    # "more than n out of 10" must be true: n is the whole tenths below the share (counted here from the table)
    tenths = int(below * 10 + 1e-9) if below >= above else int(above * 10 + 1e-9)
    return ("flere" if below >= above else "færre"), tenths


def test_section_is_registered_once():
    assert [s for s in SECTIONS if s[0] == "sammenligning"] == [
        ("sammenligning", "04_sammenligning.ipynb", "sammenligning.html", "nav_comparison")]
    assert CLASSES["sammenligning"] == "landsby_utils.widgets.comparison:ComparisonDashboard"


def test_vestrum_positions_in_words_match_the_table(vestrum, national):
    text = vestrum.in_words().text
    word, n = _out_of_10(national, "8752", "share_0_15")
    assert f"Hee har {word} børn end {n} ud af 10 danske landsogne." in text
    word, n = _out_of_10(national, "8759", "share_65plus")
    assert f"Tim har {word} ældre end {n} ud af 10 danske landsogne." in text
    assert "VestRum (hele klyngen)" in text
    for village in ("Hee", "Hover", "No", "Stadil", "Tim", "Torsted", "Vedersø"):
        assert f"I ord: {village} blandt landsognene" in text


def test_ten_similar_parishes_per_village_outside_the_cluster_with_reasons(vestrum, national):
    frames = vestrum.data
    own = set(vestrum.cluster.parish_codes)
    per_village = frames.neighbours.groupby("query")["parish_code"].apply(list)
    assert len(per_village) == 7 and all(len(codes) == 10 for codes in per_village)
    assert not own & set(frames.neighbours["parish_code"])
    text = vestrum.similar_html().text
    hee = frames.neighbours[frames.neighbours["query"] == "p0"]
    for code in hee["parish_code"]:
        assert f"{national.loc[code, 'parish_name']} ({code})" in text
    assert "Hvorfor ligner de Hee?" in text and "Ligner på" in text and "tæt på" in text
    # Three other real clusters, never VestRum itself.
    assert len(frames.similar_clusters) == 3 and "vestrum" not in set(frames.similar_clusters["slug"])
    assert "Andre landsbyklynger, der ligner os" in text


def test_cluster_in_another_municipality_and_villages_sharing_a_parish(gudme):
    text = gudme.similar_html().text
    assert "Sogne, der ligner Gudme" in text
    assert "Sogne, der ligner Gudbjerg / Lakkendrup" in text  # both villages lie in parish 7723: one place
    assert "gudmekongensland" not in set(gudme.data.similar_clusters["slug"])
    assert "Gudme har" in gudme.in_words().text


def test_the_indicator_choice_changes_the_similar_places_and_none_gives_a_message(vestrum):
    box = vestrum.similar()
    boxes, output = vestrum._widgets["boxes"], vestrum._widgets["output"]
    first = output.outputs[0]["data"]["text/plain"]
    for code, checkbox in boxes.items():
        checkbox.value = code == "children"
    only_children = output.outputs[0]["data"]["text/plain"]
    assert only_children != first and "Sogne, der ligner Hee" in only_children
    for checkbox in boxes.values():
        checkbox.value = False
    message = output.outputs[0]["data"]["text/plain"]
    assert "Vælg mindst ét kendetal" in message and "Traceback" not in message
    assert box is not None


def test_map_shows_similar_parishes_as_points_not_polygons(vestrum):
    page = vestrum.map().html
    assert "iframe" in page
    assert page.count("L.circleMarker(") == 70 + 7  # 10 similar parishes per village, plus the 7 villages
    assert "L.geoJson(" not in page


def test_tables_are_numeric_and_name_their_sources(vestrum):
    tables = vestrum.tables()
    assert set(tables) == {"sammenligning_kendetal", "sammenligning_placering", "lignende_sogne", "lignende_klynger"}
    positions = tables["sammenligning_placering"]
    assert pd.api.types.is_float_dtype(positions["Sogne med lavere værdi (%)"])
    assert positions["Sogne med lavere værdi (%)"].between(0, 100).all()
    assert len(tables["lignende_sogne"]) == 70
    described = " ".join(p.describe("da") for p in vestrum.provenances())
    assert "SOGN1" in described and "OpenStreetMap" in described and "DAGI" in described
    pickle.loads(pickle.dumps(vestrum.data))  # the frames are prepared ahead and pickled


def test_english_edition(national):
    app = ComparisonDashboard(load_cluster("vestrum"), "en")
    text = app.in_words().text
    assert re.search(r"Hee has (more|fewer) children than \d+ out of 10 rural Danish parishes\.", text)
    assert "How the comparison is made" in app.method().text
    assert "Places like us" in app.header().html


def test_one_village_cluster_with_missing_indicators(tmp_path):
    """A cluster of one village in a split parish (9311 Birkerød): said, compared on the rest, nothing imputed."""
    path = tmp_path / "enlandsby.toml"
    path.write_text('slug = "enlandsby"\nname = "En landsby"\nmunicipality_code = "0230"\n\n'
                    '[[villages]]\nname = "Birkerød"\nparishes = ["9311"]\n', encoding="utf-8")
    app = ComparisonDashboard(load_cluster_file(path), "da")
    intro = app.intro().text
    assert "kun ét sted" in intro
    assert "For Birkerød mangler: udvikling, børn, ældre, ældre pr. erhvervsaktiv" in intro
    neighbours = app.data.neighbours
    assert len(neighbours) == 10 and set(neighbours["missing"]) == {"change;children;elderly"}
    assert "For Birkerød mangler tallet for udvikling." in app.in_words().text
