"""The facilities dashboard: its parts (in-process) and, in Voilà, in headless Chromium as a villager sees it."""

from __future__ import annotations

import geopandas as gpd
import pytest
from _support import VIEWPORTS, load_dashboard, screenshot, screenshot_full
from shapely.geometry import Point

from landsby_utils import _display, settings
from landsby_utils.categories import POINT_GAPS
from landsby_utils.cluster import load_cluster
from landsby_utils.sources._provenance import attach_provenance
from landsby_utils.sources.osm import OSM_SNAPSHOT
from landsby_utils.widgets._base import EMPTY, HTMLPart
from landsby_utils.widgets.facilities import FacilitiesDashboard, fmt_km

PARTS = ("header", "intro", "map", "distance_table", "shares_table", "shared_table", "only_one", "closure_example", "data_notes", "sources")


@pytest.fixture(scope="module")
def vestrum():
    return FacilitiesDashboard.from_params("vestrum", "da", None)


def nearest_raw_km(village: str, key: str, value: str) -> str:
    """Straight-line distance (Danish "7,0") from a village's point in its cluster file to the nearest raw OSM node
    with this tag, computed here from the bundled CSV in EPSG:25832 (not by the code under test)."""
    import pandas as pd
    from pyproj import Transformer

    raw = pd.read_csv(settings.OSM_NODES_CSV, dtype=str)
    nodes = raw[(raw["TAG"] == key) & (raw["VALUE"] == value)]
    point = next(v for v in load_cluster("vestrum").villages if v.name == village)
    to_metric = Transformer.from_crs(settings.CRS_GEOGRAPHIC, settings.CRS_METRIC, always_xy=True)
    x, y = to_metric.transform(point.lon, point.lat)
    xs, ys = to_metric.transform(nodes["LON"].astype(float).to_numpy(), nodes["LAT"].astype(float).to_numpy())
    metres = float(((xs - x) ** 2 + (ys - y) ** 2).min() ** 0.5)
    return f"{metres / 1000:.1f}".replace(".", ",")


def test_fmt_km_uses_danish_decimals():
    assert fmt_km(2_400) == "2,4 km"
    assert fmt_km(12_345, "en") == "12.3 km"


def test_every_part_renders_in_danish(vestrum):
    texts = {name: repr(getattr(vestrum, name)()) for name in PARTS}
    assert "lige linje" in texts["intro"] and "ikke ad vej" in texts["intro"]
    # villages without their own point are named, and the reader is told the distance is from the parish centre
    assert "Hee, Hover, No, Stadil og Vedersø" in texts["intro"] and "sognets midte" in texts["intro"]
    assert f"{nearest_raw_km('Tim', 'amenity', 'school')} km" in texts["distance_table"]
    assert "> 10 km" in texts["distance_table"]
    # The 2019 points miss churches and bus stops (mapped as buildings/areas, or not at all): never called absent.
    assert "Ikke registreret som punkt i OpenStreetMap 2019: kirke og busstoppested" in texts["distance_table"]
    assert "Ingen landsby har kirke" not in "".join(texts.values())
    assert "Befolkningstal" in texts["shares_table"] or "befolkningstal" in texts["shares_table"]
    # What exists once and the closure example leave those categories out (schools are among them).
    assert "Skole:" not in texts["only_one"] and "Ikke registreret som punkt" in texts["only_one"]
    assert "Eksempel: hvis den nærmeste dagtilbud (børnehave/vuggestue) lukker" in texts["closure_example"]
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
    assert "straight-line" in text and f"{nearest_raw_km('Tim', 'amenity', 'school').replace(',', '.')} km" in text
    assert "Example: if the nearest childcare closes" in text
    assert "Not registered as points in OpenStreetMap 2019: church and bus stop" in text
    assert "lige linje" not in text


def test_tables_for_download(vestrum):
    tables = vestrum.tables()
    assert set(tables) == {"afstande", "andel_inden_for", "faciliteter_pr_landsby", "faciliteter"}
    assert len(tables["afstande"]) == 7 * 13
    assert [p.publisher("da") for p in vestrum.provenances()][0] == "OpenStreetMap"


def test_closure_widget_fills_its_output_from_callbacks_only(vestrum):
    box = vestrum.closure_scenario()
    assert "lb-interactive" in box._dom_classes
    widgets = vestrum._closure_widgets
    output, select, dropdown = widgets["output"], widgets["select"], widgets["dropdown"]
    assert output.outputs == ()  # nothing at start-up
    assert dropdown.value == vestrum.example_closure[0] == "dagtilbud"
    offered_categories = [value for _, value in dropdown.options]
    assert not set(offered_categories) & set(POINT_GAPS)  # no what-if on categories the points cannot show
    first = select.options[0][1]
    select.value = (first,)
    shown = output.outputs[0]["data"]["text/html"]
    assert "Efter" in shown and "Hee" in shown
    assert len(select.options) > 1
    select.value = (first, select.options[-1][1])
    assert output.outputs[0]["data"]["text/html"] != shown
    dropdown.value = "legeplads"
    assert select.value == () and output.outputs == ()
    playgrounds = set(vestrum.core_facilities.loc[vestrum.core_facilities["category"] == "legeplads", "facility_id"])
    offered = [value for _, value in select.options]
    assert offered and set(offered) <= playgrounds  # the list now offers playgrounds, and only playgrounds


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
    # every category but school and grocery shop has nothing in reach; the points-only gaps are not called absent
    assert "Ingen landsby har dagtilbud (børnehave/vuggestue), lægehus, bibliotek, legeplads, hjertestarter" in notes
    assert ("Ikke registreret som punkt i OpenStreetMap 2019: forsamlingshus/medborgerhus/kulturhus, "
            "idrætshal/idrætscenter, sportsplads/boldbane, kirke og busstoppested") in notes
    assert "sognets midte" in notes
    for name in PARTS:  # every part is shown, none as an error box
        shown = getattr(messy, name)()
        assert isinstance(shown, HTMLPart) and shown.html and 'class="lb-error"' not in shown.html, name
    assert not isinstance(messy.closure_scenario(), HTMLPart)  # the closure widget, not a message
    table = messy.distance_table().text
    assert "Skole" in table and "Dagligvarebutik" in table and "Lægehus" not in table
    assert "Dagligvarebutik: Hee Brugs i Hee" in messy.only_one().text
    assert "skole" not in messy.only_one().text.split("Ikke registreret")[0].lower()  # a points-only gap: not "only one"
    assert len(messy.core_facilities) == 2  # the school and one shop


def test_with_areas_from_overpass_every_category_counts(messy):
    """Live Overpass data include buildings and areas: then a missing church is a missing church."""
    from landsby_utils.sources._provenance import Provenance

    live = Provenance(**{**OSM_SNAPSHOT.as_dict(), "served_from": "live", "table": "Overpass API", "note": ""})
    messy.__dict__["raw_facilities"] = attach_provenance(messy.raw_facilities.copy(), live)
    notes = messy.data_notes().text
    assert "kirke" in notes.split("Ingen landsby har")[1] and "Ikke registreret som punkt" not in notes
    assert "Skole: skole uden navn i Hover" in messy.only_one().text


def test_no_facilities_at_all(messy):
    empty = messy.raw_facilities.iloc[0:0]
    messy.__dict__["raw_facilities"] = attach_provenance(empty, OSM_SNAPSHOT)
    example = messy.closure_example().text
    assert "Ingen landsby har dagtilbud" in example and "Ingen landsby har skole" not in example
    assert "Ikke registreret som punkt i OpenStreetMap 2019: skole" in example
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

    # The legend is open on a laptop; when the window shrinks to a phone's width it folds away.
    assert frame.locator("#lb-legend").evaluate("e => e.open")
    page.set_viewport_size(VIEWPORTS["phone"])
    frame.locator("#lb-legend[open]").wait_for(state="detached", timeout=30_000)
    legend = frame.locator("#lb-legend").evaluate(MAP_LEGEND)
    assert _legend_share(legend) <= 0.05 and not legend["title_covered"], legend


#: Geometry of the closure widget: every cell of the scenario table, boxes that scroll sideways,
#: the facility list and its options, and the page's own scroll widths.
CLOSURE_GEOMETRY = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width, height: r.height}; };
    const scenario = document.querySelector('.lb-interactive .lb-scenario');
    const select = document.querySelector('.lb-interactive select[multiple]');
    const cells = document.getElementById('rendered_cells');
    return {
        cells: [...scenario.querySelectorAll('th, td')].map(c => ({text: c.innerText.trim(), ...box(c)})),
        hidden: [...scenario.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
            .map(e => e.className || e.tagName),
        select: box(select),
        options: [...select.options].map(o => ({text: o.text, ...box(o), cut: o.scrollWidth > o.clientWidth + 1})),
        document: document.documentElement.scrollWidth,
        rendered_cells: cells ? cells.scrollWidth : 0,
    };
}"""

#: The map's legend, attribution and size inside the map's frame; ``covered`` says whether another
#: element lies on top of the middle of the legend's title or of the attribution.
MAP_LEGEND = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
    const onTop = e => { const r = e.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !(hit && e.contains(hit)); };
    const legend = document.getElementById('lb-legend');
    const attribution = document.querySelector('.leaflet-control-attribution');
    return {
        map: {width: innerWidth, height: innerHeight},
        legend: box(legend), open: legend.open, title_covered: onTop(legend.querySelector('summary')),
        attribution: box(attribution), attribution_text: attribution.innerText, attribution_covered: onTop(attribution),
    };
}"""


def _legend_share(legend: dict) -> float:
    return legend["legend"]["width"] * legend["legend"]["height"] / (legend["map"]["width"] * legend["map"]["height"])


@pytest.mark.browser
def test_dashboard_on_a_phone(voila_url, page_at):
    page = load_dashboard(page_at("phone"), f"{voila_url}/voila/render/03_faciliteter.ipynb?klynge=vestrum", timeout_ms=180_000)
    select = page.locator(".lb-interactive select[multiple]")
    select.wait_for(timeout=60_000)
    frame = page.frame_locator("iframe.landsby-map")
    frame.locator(".leaflet-marker-icon").first.wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391, "horizontal scrolling on a phone"

    # Close two schools: the table of new distances fits the phone, every column readable without scrolling.
    options = select.locator("option")
    select.select_option([options.nth(0).get_attribute("value"), options.nth(1).get_attribute("value")])
    page.locator(".lb-interactive .lb-scenario").first.wait_for(timeout=30_000)
    geometry = page.evaluate(CLOSURE_GEOMETRY)
    heads = [c["text"] for c in geometry["cells"][:5]]
    assert heads == ["Landsby", "Før", "Efter", "Længere", "Mister adgang inden for"], heads
    outside = [c for c in geometry["cells"] if c["left"] < 0 or c["right"] > 390]
    assert outside == [], f"cells of the closure table lie outside the phone's 390 px: {outside}"
    assert geometry["hidden"] == [], f"part of the closure table is scrolled out of sight: {geometry['hidden']}"
    assert geometry["document"] <= 391 and geometry["rendered_cells"] <= 391, geometry
    # The facility list: full width, every label whole (wrapped, not cut), rows tall enough to tap.
    assert geometry["select"]["width"] >= 340 and geometry["select"]["right"] <= 390, geometry["select"]
    assert [o["text"] for o in geometry["options"] if o["cut"]] == []
    assert all(o["height"] >= 40 for o in geometry["options"]), [o["height"] for o in geometry["options"]]
    assert geometry["select"]["height"] <= 844 / 2 + 1, "the list takes more than half the screen"

    # The map's legend starts folded to one small line, its title not hidden by the attribution,
    # and the ODbL attribution stays visible; opened, the legend still leaves most of the map free.
    legend = frame.locator("#lb-legend").evaluate(MAP_LEGEND)
    assert not legend["open"] and _legend_share(legend) <= 0.05, legend
    assert not legend["title_covered"] and not legend["attribution_covered"], legend
    assert "OpenStreetMap" in legend["attribution_text"] and "ODbL" in legend["attribution_text"]
    assert legend["attribution"]["bottom"] <= legend["map"]["height"] + 1 and legend["attribution"]["left"] >= 0
    frame.locator("#lb-legend summary").click()
    opened = frame.locator("#lb-legend").evaluate(MAP_LEGEND)
    assert opened["open"] and _legend_share(opened) <= 0.25, opened
    assert page.errors == []
    # (test_dashboards_all_clusters.py saves faciliteter-vestrum-phone.png after a resize; this one is loaded at phone size)
    screenshot(page, "faciliteter-vestrum-phone-direkte")
    screenshot_full(page, "faciliteter-vestrum-phone-direkte")
