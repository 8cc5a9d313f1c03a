"""The live path end to end: a loopback StatBank serves real SOGN1 2014 figures in StatBank's real formats.

Labels with the municipality ("8752 Hee (Ringkøbing-Skjern Kommune)"), border parishes listing two
municipalities, ages 0-125 with no total, "0" as the table's suppressedDataValue for the empty cells,
and rows in another order than requested. Expected figures are SOGN1's own (SOURCES.md section 6).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from landsby_utils import cli, settings
from landsby_utils.cluster import load_cluster
from landsby_utils.sources import provenance_of, statbank
from landsby_utils.widgets.population import PopulationDashboard

REAL = Path(__file__).parent / "fixtures" / "statbank_real"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_landsby_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_live = _load("test_statbank_adapter")
Overpass = _load("test_overpass_adapter").Overpass


@pytest.fixture(autouse=True)
def isolated(live_http):
    """Every test here talks to loopback servers (see conftest.live_http)."""


def serve(httpserver, monkeypatch, drop: tuple[str, ...] = ()):
    cube = _live.StatBankCube(folders=(_live.FIXTURES, REAL), shuffle=True)
    if drop:  # a parish the table does not have (e.g. a code replaced since)
        info = cube.infos["SOGN1"]
        info["variables"][0]["values"] = [v for v in info["variables"][0]["values"] if v["id"] not in drop]
        cube.info_text["SOGN1"] = json.dumps(info, ensure_ascii=False)
    cube.install(httpserver)
    Overpass(httpserver)
    monkeypatch.setattr(settings, "STATBANK_URL", httpserver.url_for("/v1"))
    monkeypatch.setattr(settings, "OVERPASS_URL", httpserver.url_for("/api/interpreter"))
    return cube


def test_real_sogn1_body_gives_the_real_village_figures(httpserver, monkeypatch):
    serve(httpserver, monkeypatch)
    frame = statbank.sogn1(["8752", "8754", "8739", "8761"], network=True)
    totals = frame[(frame["sex"] == "total") & (frame["age"] == "total")].set_index("area_code")
    assert int(totals.loc["8752", "persons"]) == 942
    assert int(totals.loc["8761", "persons"]) == 345
    # Names as readers know them, without the municipality; border parishes too.
    assert dict(zip(totals.index, totals["area_name"], strict=True)) == {
        "8752": "Hee", "8754": "Nørre Omme", "8739": "Husby", "8761": "Vedersø"}
    # Zeros are zeros: no cell is missing, so sums and age bands survive.
    assert frame["persons"].notna().all()
    ages = frame[(frame["area_code"] == "8752") & (frame["sex"] == "total") & (frame["age_from"] >= 0)]
    assert len(ages) == 126 and int(ages["persons"].sum()) == 942


def test_fetch_then_the_page_shows_every_village_and_band(httpserver, monkeypatch, capsys):
    serve(httpserver, monkeypatch)
    assert cli.main(["fetch", "vestrum"]) == 0
    dashboard = PopulationDashboard(load_cluster("vestrum"), "da")
    assert provenance_of(dashboard.parishes.frame).served_from == "cache"
    table, _ = dashboard.village_figures()
    hee = table[table["name"] == "Hee"].iloc[0]
    assert int(hee["end"]) == 942  # live SOGN1 2014 is the latest live year here
    frame, label, protected = dashboard._age_subject()
    pyramid = dashboard._pyramid(frame, protected, 2014)
    assert len(pyramid) == 18 and pyramid[["men", "women"]].notna().all().all()
    assert "Siden kan ikke vises" not in repr(dashboard.headline())
    assert "Valgte landsbyer" not in repr(dashboard.headline())


def test_a_parish_missing_from_the_table_keeps_the_others_and_is_named(httpserver, monkeypatch, capsys):
    serve(httpserver, monkeypatch, drop=("8761",))
    assert cli.main(["fetch", "vestrum"]) == 2
    captured = capsys.readouterr()
    assert "8761" in captured.err and "Traceback" not in captured.err
    kept = statbank.sogn1(["8752", "8757"])  # offline now: what arrived was saved
    assert provenance_of(kept).served_from == "cache"
    dashboard = PopulationDashboard(load_cluster("vestrum"), "da")
    assert dashboard.parishes.missing == ["8761"]
    notice = repr(dashboard.data_notice())
    assert "8761" in notice and "Vedersø" in notice
    assert "landsby fetch" not in notice  # never ask the reader to do what was just done
