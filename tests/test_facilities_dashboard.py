"""The facilities dashboard: its parts (in-process) and, in Voilà, in headless Chromium as a villager sees it."""

from __future__ import annotations

import geopandas as gpd
import pytest
from conftest import load_dashboard, screenshot, screenshot_full
from shapely.geometry import Point

from landsby_utils import _display, settings
from landsby_utils.cluster import load_cluster
from landsby_utils.sources._provenance import attach_provenance
from landsby_utils.sources.osm import OSM_SNAPSHOT
from landsby_utils.widgets._base import EMPTY, HTMLPart
from landsby_utils.widgets.facilities import FacilitiesDashboard, fmt_km

PARTS = ("header", "intro", "map", "distance_table", "shares_table", "shared_table", "only_one", "closure_example", "data_notes", "sources")


@pytest.fixture(scope="module")
def vestrum():
    return FacilitiesDashboard.from_params("vestrum", "da", None)


def test_fmt_km_uses_danish_decimals():
    assert fmt_km(2_400) == "2,4 km"
    assert fmt_km(12_345, "en") == "12.3 km"


def test_every_part_renders_in_danish(vestrum):
    texts = {name: repr(getattr(vestrum, name)()) for name in PARTS}
    assert "lige linje" in texts["intro"] and "ikke ad vej" in texts["intro"]
    # villages without their own point are named, and the reader is told the distance is from the parish centre
    assert "Hee, Hover, No, Stadil og Vedersø" in texts["intro"] and "sognets midte" in texts["intro"]
    assert "7,7 km" in texts["distance_table"] and "> 10 km" in texts["distance_table"]
    assert "Ingen landsby har kirke eller busstoppested inden for 10 km" in texts["distance_table"]
    assert "Befolkningstal" in texts["shares_table"] or "befolkningstal" in texts["shares_table"]
    assert "Skole: skole uden navn i Hover" in texts["only_one"]
    assert "Eksempel: hvis den nærmeste skole lukker" in texts["closure_example"]
    assert "Mister adgang inden for 2 km: Hover." in texts["closure_example"]
    assert "OpenStreetMap" in texts["sources"] and "DAGI" in texts["sources"]
    assert "Traceback" not in "".join(texts.values())


def test_distance_table_is_colour_coded_and_names_the_nearest_facility(vestrum):
    html = vestrum.distance_table().html
    assert "background:#c7ecd0" in html and "background:#f6c3c3" in html  # ≤ 2 km and none in reach
    assert 'title="Vedersø Kulturcenter i Vedersø"' in html
    assert "<details>" in html and "Hvilken facilitet er nærmest?" in html


def test_the_map_has_one_layer_per_category_and_attribution(vestrum):
    import html as html_module

    html = html_module.unescape(vestrum.map().html)
    for label in ("Skole (", "Legeplads (", "Spisested/caf", "Medregnet omr"):
        assert label in html
    assert "OpenStreetMap" in html and "Signaturforklaring" in html


def test_english_edition():
    app = FacilitiesDashboard.from_params("vestrum", "en", None)
    text = repr(app.intro()) + repr(app.distance_table()) + repr(app.closure_example())
    assert "straight-line" in text and "7.7 km" in text and "Example: if the nearest school closes" in text
    assert "lige linje" not in text


def test_tables_for_download(vestrum):
    tables = vestrum.tables()
    assert set(tables) == {"afstande", "andel_inden_for", "faciliteter_pr_landsby", "faciliteter"}
    assert len(tables["afstande"]) == 7 * 13
    assert [p.source for p in vestrum.provenances()][0] == "OpenStreetMap"


def test_closure_widget_fills_its_output_from_callbacks_only(vestrum):
    box = vestrum.closure_scenario()
    assert "lb-interactive" in box._dom_classes
    widgets = vestrum._closure_widgets
    output, select, dropdown = widgets["output"], widgets["select"], widgets["dropdown"]
    assert output.outputs == ()  # nothing at start-up
    assert dropdown.value == "skole"
    first = select.options[0][1]
    select.value = (first,)
    shown = output.outputs[0]["data"]["text/html"]
    assert "Efter" in shown and "Hover" in shown
    select.value = (first, select.options[3][1])
    assert output.outputs[0]["data"]["text/html"] != shown
    dropdown.value = "legeplads"
    assert select.value == () and output.outputs == ()
    assert all("legeplads" in label or "Legeplads" in label or label for label, _ in select.options)


def test_static_site_gets_a_danish_fallback_instead_of_widgets():
    _display.set_static_assets("assets")
    try:
        app = FacilitiesDashboard.from_params("vestrum", "da", "assets")
        part = app.closure_scenario()
        assert isinstance(part, HTMLPart) and "interaktive udgave" in part.text
        assert "Eksempel" in app.closure_example().text  # the precomputed example stays
    finally:
        _display.set_static_assets(None)


def test_unknown_cluster_shows_only_the_header_message():
    app = FacilitiesDashboard.from_params("findesikke", "da", None)
    assert "Der findes ingen landsbyklynge" in app.header().text
    assert all(getattr(app, name)() is EMPTY for name in PARTS[1:] + ("closure_scenario",))


@pytest.fixture
def messy():
    """Vestrum with facilities that have every data problem the issue lists.

    Built from the cluster directly (not ``from_params``, which brings the frames prepared from the
    real snapshot), so every derived frame is computed from these raw facilities.
    """
    app = FacilitiesDashboard(load_cluster("vestrum"), "da")
    rows = [
        ("node", 1, "", "skole", Point(8.43, 56.155)),  # no name
        ("way", 2, "Hover Hal", "idraetshal", None),  # a way without a centre
        ("node", 3, "Hee Brugs", "dagligvarer", Point(8.2920, 56.1575)),
        ("way", 4, "Hee Brugs", "dagligvarer", Point(8.2925, 56.1577)),  # the same shop as a way, ~40 m away
        ("node", 5, "Skagen Skole", "skole", Point(10.58, 57.72)),  # far outside the cluster
    ]
    frame = gpd.GeoDataFrame(
        {"osm_type": [r[0] for r in rows], "osm_id": [r[1] for r in rows], "name": [r[2] for r in rows], "key": "", "value": "", "category": [r[3] for r in rows]},
        geometry=[r[4] for r in rows],
        crs=settings.CRS_GEOGRAPHIC,
    )
    app.__dict__["raw_facilities"] = attach_provenance(frame, OSM_SNAPSHOT)
    return app


def test_bad_input_is_explained_in_danish_and_nothing_crashes(messy):
    notes = messy.data_notes().text
    assert "1 faciliteter havde ingen position" in notes
    assert "1 faciliteter var registreret to gange" in notes
    assert "1 faciliteter ligger mere end 10 km uden for klyngen" in notes
    assert "1 af faciliteterne har intet navn" in notes
    # every category but school and grocery shop has nothing in reach
    assert "Ingen landsby har dagtilbud (børnehave/vuggestue), forsamlingshus" in notes
    assert "sognets midte" in notes
    for name in PARTS + ("closure_scenario",):
        assert getattr(messy, name)() is not None
    table = messy.distance_table().text
    assert "Skole" in table and "Dagligvarebutik" in table and "Lægehus" not in table
    assert "skole uden navn i Hover" in messy.only_one().text
    assert len(messy.core_facilities) == 2  # the school and one shop


def test_no_facilities_at_all(messy):
    empty = messy.raw_facilities.iloc[0:0]
    messy.__dict__["raw_facilities"] = attach_provenance(empty, OSM_SNAPSHOT)
    assert "Ingen landsby har skole" in messy.closure_example().text
    assert "Ingen kategori findes præcis én gang" in messy.only_one().text
    assert isinstance(messy.closure_scenario(), HTMLPart)


# --- in Voilà, in headless Chromium ----------------------------------------------------


@pytest.mark.browser
def test_dashboard_in_voila_map_layers_and_closure(voila_url, page_at):
    page = load_dashboard(page_at("laptop"), f"{voila_url}/voila/render/03_faciliteter.ipynb?klynge=vestrum", timeout_ms=180_000)
    body = page.inner_text("body")
    assert page.locator(".lb-error").count() == 0
    assert "Traceback" not in body and "error when executing" not in body
    assert "Afstand til nærmeste facilitet" in body and "lige linje" in body and "Kilder og licenser" in body
    frame = page.frame_locator("iframe.landsby-map")
    labels = frame.locator(".leaflet-control-layers-overlays label")
    labels.first.wait_for(state="attached", timeout=60_000)
    texts = [labels.nth(i).inner_text() for i in range(labels.count())]
    for category in ("Skole", "Dagligvarebutik", "Legeplads", "Spisested/café", "Hjertestarter"):
        assert any(t.strip().startswith(category + " (") for t in texts), texts
    assert frame.locator(".leaflet-marker-icon").count() > 0

    select = page.locator(".lb-interactive select[multiple]")
    select.wait_for(timeout=60_000)
    scenario = page.locator(".lb-interactive .lb-scenario")
    assert scenario.count() == 0  # the Output is empty until a facility is chosen
    options = select.locator("option")
    first, second = options.nth(0).get_attribute("value"), options.nth(1).get_attribute("value")
    select.select_option([first])
    scenario.first.wait_for(timeout=30_000)
    one = scenario.first.inner_text()
    assert "Efter" in one and "Hover" in one
    select.select_option([first, second])
    page.wait_for_function(
        "old => { const e = document.querySelector('.lb-interactive .lb-scenario'); return e && e.innerText !== old; }",
        arg=one, timeout=30_000,
    )
    both = scenario.first.inner_text()
    assert both != one and "Vedersø" in both
    assert page.evaluate("document.documentElement.scrollWidth") <= 1367
    assert page.errors == []
    # (test_dashboards_all_clusters.py saves faciliteter-vestrum-laptop.png; this one shows two closures)
    screenshot(page, "faciliteter-vestrum-laptop-to-lukninger")
    screenshot_full(page, "faciliteter-vestrum-laptop-to-lukninger")


@pytest.mark.browser
def test_dashboard_on_a_phone(voila_url, page_at):
    page = load_dashboard(page_at("phone"), f"{voila_url}/voila/render/03_faciliteter.ipynb?klynge=vestrum", timeout_ms=180_000)
    page.locator(".lb-interactive select[multiple]").wait_for(timeout=60_000)
    page.frame_locator("iframe.landsby-map").locator(".leaflet-marker-icon").first.wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391, "horizontal scrolling on a phone"
    assert page.errors == []
    # (test_dashboards_all_clusters.py saves faciliteter-vestrum-phone.png after a resize; this one is loaded at phone size)
    screenshot(page, "faciliteter-vestrum-phone-direkte")
    screenshot_full(page, "faciliteter-vestrum-phone-direkte")
