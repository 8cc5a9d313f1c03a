"""Parish births, deaths and moves (KMSTA003): codes from tableinfo, the cache offline, suppression on the page.

A loopback StatBank (`test_statbank_adapter.StatBankCube`) serves `tests/fixtures/statbank_kmsta003/`:
StatBank's formats with MADE-UP values (see that folder's README; no real KMSTA003 answer is available
offline, so nothing here is a real figure). Expected values are read from the fixture files in the test.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

from landsby_utils import cli, settings
from landsby_utils._errors import LandsbyError
from landsby_utils.cluster import load_cluster
from landsby_utils.sources import dst_parish_moves, provenance_of
from landsby_utils.widgets.moves import MovesDashboard

HERE = Path(__file__).parent
KMSTA003 = HERE / "fixtures" / "statbank_kmsta003"
REAL = HERE / "fixtures" / "statbank_real"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_landsby_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_live = _load("test_statbank_adapter")
Overpass = _load("test_overpass_adapter").Overpass
VESTRUM = load_cluster("vestrum")
#: Labels the page uses, as the fixture's tableinfo words them (read from the file, not the code).
INFO = json.loads((KMSTA003 / "tableinfo_KMSTA003.json").read_text(encoding="utf-8"))
MOVEMENT_LABELS = {v["id"]: v["text"] for v in INFO["variables"][1]["values"]}
WANTED = {"Levendefødte": "births", "Døde": "deaths", "Tilflyttede": "moves_in", "Fraflyttede": "moves_out"}


@pytest.fixture(autouse=True)
def isolated(live_http):
    """Every test here talks to loopback servers (see conftest.live_http)."""


def _expected() -> pd.DataFrame:
    """The fixture's cells for VestRum's parishes and the four movements, zeros included (the server answers "0")."""
    bulk = pd.read_csv(KMSTA003 / "KMSTA003_bulk.csv", sep=";", dtype=str)
    bulk["INDHOLD"] = bulk["INDHOLD"].astype(int)
    codes = {code: WANTED[label] for code, label in MOVEMENT_LABELS.items() if label in WANTED}
    years = [v["id"] for v in INFO["variables"][2]["values"]]
    index = pd.MultiIndex.from_product([VESTRUM.parish_codes, list(codes), years], names=["SOGN", "KIRKEBEV", "TID"])
    full = bulk.set_index(["SOGN", "KIRKEBEV", "TID"])["INDHOLD"].reindex(index, fill_value=0).reset_index()
    full["component"] = full["KIRKEBEV"].map(codes)
    return full


def serve(httpserver, monkeypatch, info: dict | None = None, rename: dict[str, str] | None = None):
    cube = _live.StatBankCube(folders=(_live.FIXTURES, REAL, KMSTA003))
    if info is not None:
        cube.infos["KMSTA003"] = info
        cube.info_text["KMSTA003"] = json.dumps(info, ensure_ascii=False)
    if rename:
        cube.cubes["KMSTA003"] = {(s, rename.get(m, m), y): v for (s, m, y), v in cube.cubes["KMSTA003"].items()}
    cube.install(httpserver)
    Overpass(httpserver)
    monkeypatch.setattr(settings, "STATBANK_URL", httpserver.url_for("/v1"))
    monkeypatch.setattr(settings, "OVERPASS_URL", httpserver.url_for("/api/interpreter"))
    return cube


def _asked(cube, variable: str) -> list[list[str]]:
    return [next(v["values"] for v in body["variables"] if v["code"] == variable)
            for function, body in cube.requests if function == "data" and body["table"] == "KMSTA003"]


def test_offline_with_nothing_cached_is_none_and_the_page_says_how_to_fetch():
    assert dst_parish_moves.parish_vitals(VESTRUM.parish_codes) is None
    for lang, words in (("da", "landsby fetch vestrum"), ("en", "landsby fetch vestrum")):
        dashboard = MovesDashboard(VESTRUM, lang)
        text = repr(dashboard.parishes())
        assert words in text and "KMSTA003" in text
        assert "sogne" not in dashboard.tables()
        assert "KMSTA003" not in repr(dashboard.sources())


def test_codes_are_taken_from_tableinfo_and_only_the_clusters_parishes_are_asked(httpserver, monkeypatch):
    """The movement codes are renamed in tableinfo and in the cube: the reader follows the labels, not known codes."""
    info = json.loads(json.dumps(INFO))
    rename = {v["id"]: f"Q{n}" for n, v in enumerate(info["variables"][1]["values"])}
    for value in info["variables"][1]["values"]:
        value["id"] = rename[value["id"]]
    cube = serve(httpserver, monkeypatch, info=info, rename=rename)
    frame = dst_parish_moves.parish_vitals(VESTRUM.parish_codes, network=True)
    wanted_codes = sorted(rename[c] for c, label in MOVEMENT_LABELS.items() if label in WANTED)
    assert [sorted(v) for v in _asked(cube, "KIRKEBEV")] == [wanted_codes]
    assert [sorted(v) for v in _asked(cube, "SOGN")] == [sorted(VESTRUM.parish_codes)]  # not Sønder Nissum
    expected = _expected()
    merged = frame.merge(expected.rename(columns={"SOGN": "parish_code"}).assign(year=lambda f: f["TID"].astype(int)),
                         on=["parish_code", "year", "component"])
    assert len(merged) == len(expected) == len(frame)
    assert (merged["persons"].astype(int) == merged["INDHOLD"]).all()
    notes = provenance_of(frame).describe("da")
    assert "År 2015–2024 fra Statistikbanken (KMSTA003)." in notes
    assert "Ikke vist fra KMSTA003: Befolkningen 1. januar, Fødselsoverskud, Nettotilflyttede." in notes


def test_an_unexpected_label_is_refused_and_named_before_any_data_request(httpserver, monkeypatch):
    info = json.loads(json.dumps(INFO))
    for value in info["variables"][1]["values"]:
        if value["text"] == "Levendefødte":
            value["text"] = "Levendefødte i alt"
    cube = serve(httpserver, monkeypatch, info=info)
    with pytest.raises(LandsbyError) as raised:
        dst_parish_moves.parish_vitals(VESTRUM.parish_codes, network=True)
    for lang in ("da", "en"):
        assert "Levendefødte i alt" in raised.value.localized(lang) and "KMSTA003" in raised.value.localized(lang)
    assert cube.count("data", "KMSTA003") == 0


def test_fetch_fills_the_cache_and_the_offline_page_shows_years_source_and_suppresses_1_to_4(httpserver, monkeypatch):
    cube = serve(httpserver, monkeypatch)
    assert cli.main(["fetch", "vestrum"]) == 0
    assert cube.count("data", "KMSTA003") == 1
    monkeypatch.setattr(settings, "STATBANK_URL", "http://127.0.0.1:9/v1")  # nothing answers now
    offline = dst_parish_moves.parish_vitals(VESTRUM.parish_codes)
    assert provenance_of(offline).served_from == "cache"
    dashboard = MovesDashboard(VESTRUM, "da")
    data = dashboard.data
    assert sorted(data.parishes) == list(range(2015, 2025))
    text = repr(dashboard.parishes())
    assert "Sognetallene for 2015–2024 kommer fra Danmarks Statistiks Statistikbank, tabel KMSTA003" in text
    assert "landsby fetch" not in text
    expected = _expected()
    for (code, component, year), count in expected.set_index(["SOGN", "component", "TID"])["INDHOLD"].items():
        shown = data.parishes[int(year)].display("da").loc[code, component]
        if 1 <= count <= 4:
            assert shown == "<5", (code, component, year, count)
        elif shown not in ("×",):
            assert shown == str(count)
    for protected in data.parishes.values():  # secondary suppression: never one hidden cell alone in a column
        hidden = protected.hidden.sum()
        assert ((hidden == 0) | (hidden >= 2)).all()
    assert any(p.any_hidden for p in data.parishes.values())
    exported = dashboard.tables()["sogne"]
    assert not exported[["births", "deaths"]].isin([1, 2, 3, 4]).any().any()
    assert "KMSTA003" in repr(dashboard.sources())
    english = repr(MovesDashboard(VESTRUM, "en").parishes())
    assert "The parish figures for 2015–2024 come from Statistics Denmark's StatBank, table KMSTA003" in english
