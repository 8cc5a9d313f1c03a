"""Any exception in any widget callback ends in the Danish message, never a traceback."""

from __future__ import annotations

import json

import pytest

from landsby_utils.cluster import load_cluster
from landsby_utils.widgets.facilities import FacilitiesDashboard
from landsby_utils.widgets.population import PopulationDashboard

MESSAGE = "Der opstod en uventet fejl, da siden blev lavet."


def boom(*args, **kwargs):
    raise TypeError("unsupported operand type(s) for +: 'int' and 'NoneType'")


def shown(output) -> str:
    return json.dumps([dict(o) for o in output.outputs], ensure_ascii=False)


@pytest.fixture()
def population():
    dashboard = PopulationDashboard(load_cluster("vestrum"), "da")
    dashboard.picker()
    dashboard.headline()
    dashboard.narrative()
    return dashboard


@pytest.mark.parametrize("broken", ["_pyramid_figure", "_line_figure", "_subject"])
def test_picker_charts_failure_shows_the_danish_message(population, monkeypatch, broken):
    monkeypatch.setattr(population, broken, boom)
    population._buttons["Hover"].value = False  # the reader deselects a village
    text = shown(population._output)
    assert MESSAGE in text
    assert "Traceback" not in text and "TypeError" not in text


def test_picker_part_failure_shows_the_danish_message(population, monkeypatch):
    monkeypatch.setattr(population, "_headline_html", boom)
    population._buttons["Stadil"].value = False
    assert MESSAGE in population._widgets["headline"].value
    assert "Traceback" not in population._widgets["headline"].value
    assert "Hvad tallene fortæller" in population._widgets["narrative"].value  # the other parts still update


def test_picker_callback_failure_is_caught_at_the_callback(population, monkeypatch):
    monkeypatch.setattr(population, "select", boom)
    population._buttons["No"].value = False
    assert MESSAGE in shown(population._output)
    assert all(MESSAGE in widget.value for widget in population._widgets.values())


def test_picker_works_without_failure(population):
    population._buttons["Hover"].value = False
    text = shown(population._output)
    assert MESSAGE not in text
    assert "application/vnd.plotly.v1+json" in text or "plotly" in text


@pytest.fixture()
def facilities():
    dashboard = FacilitiesDashboard(load_cluster("vestrum"), "da")
    box = dashboard.closure_scenario()
    assert box is not None and dashboard._closure_widgets
    return dashboard


def test_closure_redraw_failure_shows_the_danish_message(facilities, monkeypatch):
    widgets = facilities._closure_widgets
    monkeypatch.setattr(facilities, "scenario_html", boom)
    widgets["select"].value = (widgets["select"].options[0][1],)
    text = shown(widgets["output"])
    assert MESSAGE in text and "Traceback" not in text


def test_closure_category_failure_shows_the_danish_message(facilities, monkeypatch):
    widgets = facilities._closure_widgets
    monkeypatch.setattr(facilities, "closure_options", boom)
    other = [value for _, value in widgets["dropdown"].options if value != widgets["dropdown"].value][0]
    widgets["dropdown"].value = other
    text = shown(widgets["output"])
    assert MESSAGE in text and "Traceback" not in text
