"""Accessibility of the Voilà dashboards (WCAG 2.1 AA, as Danish public bodies follow).

The browser tests run axe-core (vendored from npm by scripts/vendor_axe.sh into tests/fixtures/axe/) in
headless Chromium at a phone's size (390 × 844) on every Voilà page in Danish and in English, inside the
map's frame too, and fail on any critical or serious violation. Other tests check what axe cannot see:
the page's language and title, that the map can be skipped and has only named keyboard stops, a clear
focus ring, village buttons that say whether they are on, no sideways scrolling at 200 % zoom, each
chart's numbers as a table, and facility colours with enough contrast.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _support import APP_STARTED, CHROMIUM_ARGS, load_dashboard, new_page  # noqa: F401 (CHROMIUM_ARGS: docs)

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "fixtures" / "axe" / "axe.min.js"
#: The rules of WCAG 2.0/2.1 level A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


# -- pieces that need no browser ---------------------------------------------------------------------


def _luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour (WCAG 2.1)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a ``#rrggbb`` colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_facility_colours_stand_out_from_white_and_from_each_other():
    """Markers and legend dots: at least 3:1 against white (WCAG 1.4.11), so a pin stands out from a light
    map and its white icon is legible; no two kinds closer than ΔE 15 (clearly different colours)."""
    from landsby_utils.facilities import CATEGORIES

    low = {code: round(contrast(c.color, "#ffffff"), 2) for code, c in CATEGORIES.items() if contrast(c.color, "#ffffff") < 3}
    assert not low, f"below 3:1 against white: {low}"
    colours = [(code, _lab(c.color)) for code, c in CATEGORIES.items()]
    close = [
        (a, b, round(sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5, 1))
        for i, (a, la) in enumerate(colours) for b, lb in colours[i + 1:]
        if sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5 < 15
    ]
    assert not close, f"hard to tell apart: {close}"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_map_has_a_skip_link_and_a_titled_document_in_the_page_language(lang):
    import html as htmllib

    from landsby_utils.widgets.overview import OverviewDashboard

    part = OverviewDashboard.load("vestrum", lang).map()
    page = part.html
    skip = re.search(r'<a class="lb-skip" href="#([^"]+)">([^<]+)</a>', page)
    assert skip, "no skip link"
    assert skip.group(2) == {"da": "Spring kortet over", "en": "Skip the map"}[lang]
    assert page.index(skip.group(0)) < page.index("<iframe"), "the skip link comes before the map"
    target = page.index(f'id="{skip.group(1)}"')
    assert target > page.index("</iframe>"), "the skip link's target comes after the map"
    title = re.search(r'<iframe class="landsby-map" title="([^"]+)"', page).group(1)
    document = htmllib.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
    assert f'<html lang="{lang}">' in document
    assert f"<title>{title}</title>" in document and title.startswith({"da": "Kort", "en": "Map"}[lang])
    # Named keyboard stops only: every facility marker carries its name for the map's script.
    assert document.count('"lbName"') >= 5
    assert "L.MarkerCluster.prototype.options.keyboard = false" in document


def test_scrolling_tables_are_named_keyboard_regions():
    """A table wider than a phone scrolls sideways in its box; the box is a named region and a Tab stop."""
    import pandas as pd

    from landsby_utils.widgets._base import table_html

    shown = table_html(pd.DataFrame({"Landsby": ["Hee"], "Indbyggere": [1234]}), "Kilde: DST", "da")
    assert re.search(r'<div class="lb-table" role="region" tabindex="0" aria-label="Kilde: DST">', shown)
    named = table_html(pd.DataFrame({"a": [1]}), "", "da", label="Afstande")
    assert 'aria-label="Afstande"' in named


def test_each_chart_carries_the_numbers_it_draws():
    """"Vis tallene": the table under a chart holds exactly the values of its traces (same frames)."""
    import pandas as pd

    from landsby_utils.charts import FigurePart
    from landsby_utils.widgets.population import PopulationDashboard

    dashboard = PopulationDashboard.load("vestrum", "da")
    for name in ("population_chart", "index_chart", "pyramid_chart", "projection_chart"):
        part = getattr(dashboard, name)()
        assert isinstance(part, FigurePart), name
        frame, lang, decimals = part.fig._lb_numbers
        assert lang == "da"
        checked = 0
        for trace in part.fig.data:
            if trace.hoverinfo == "skip" or trace.legendgroup == "compare":
                continue  # the projection band's edges, the comparison outlines: columns of their own
            horizontal = trace.orientation == "h"
            keys = [str(k) for k in (trace.y if horizontal else trace.x)]
            values = [None if v is None else abs(float(v)) for v in (trace.x if horizontal else trace.y)]
            column = next(c for c in frame.columns[1:] if c in (trace.name, f"{trace.name} (%)"))
            table = dict(zip(frame.iloc[:, 0], frame[column], strict=True))
            for key, value in zip(keys, values, strict=True):
                if value is None:
                    assert pd.isna(table[key]), (name, column, key)
                else:
                    assert abs(float(table[key])) == pytest.approx(value, abs=10 ** -(decimals + 2)), (name, column, key)
            checked += 1
        assert checked >= 1, name
        html = part.numbers_html()
        assert html.startswith('<details class="lb-numbers"><summary>Vis tallene</summary>')
        assert "2.008" not in html, "years are not numbers with a thousands point"


def test_closure_controls_are_labelled():
    """The facilities page's two "what closes" controls have a label (their description) each."""
    from landsby_utils.widgets.facilities import FacilitiesDashboard

    dashboard = FacilitiesDashboard.load("vestrum", "da")
    dashboard.closure_scenario()
    widgets = dashboard._closure_widgets
    assert widgets["dropdown"].description == "Kategori"
    assert widgets["select"].description == "Faciliteter, der lukker"


# -- in the browser -----------------------------------------------------------------------------------

#: Voilà pages: (notebook and query, Danish title, English title).
PAGES = [
    ("forside.ipynb", "Datapakke for landsbyklynger", "Data package for village clusters"),
    ("00_overblik.ipynb?klynge=vestrum", "Overblik – VestRum", "Overview – VestRum"),
    ("02_befolkning.ipynb?klynge=vestrum", "Befolkning – VestRum", "Population – VestRum"),
    ("03_faciliteter.ipynb?klynge=vestrum", "Faciliteter – VestRum", "Facilities – VestRum"),
    ("06_flytninger.ipynb?klynge=vestrum", "Hvem flytter – VestRum", "Who moves – VestRum"),
    ("04_sammenligning.ipynb?klynge=vestrum", "Steder som os – VestRum", "Places like us – VestRum"),
    ("05_borgerundersoegelse.ipynb?klynge=vestrum", "Borgerundersøgelse – VestRum", "Citizen survey – VestRum"),
]

#: True when every map's frame has drawn its markers (after Voilà's application has moved the cells).
_MAPS_DRAWN = """() => [...document.querySelectorAll('iframe.landsby-map')].every(f => {
    const d = f.contentDocument; return d && d.querySelector('.leaflet-marker-icon, .leaflet-overlay-pane path, path.leaflet-interactive');
})"""


def _url(base: str, notebook: str, lang: str) -> str:
    sep = "&" if "?" in notebook else "?"
    return f"{base}/voila/render/{notebook}" + (f"{sep}lang=en" if lang == "en" else "")


def _open(browser, url: str, viewport: dict | None = None, init_script: str | None = None):
    """A page at ``url`` with everything drawn: text, widgets, charts and maps (``init_script`` runs first in
    every frame of it)."""
    page = new_page(browser, "phone")
    if viewport:
        page.set_viewport_size(viewport)
    if init_script:
        page.add_init_script(init_script)
    if "forside" in url:  # the landing page has no footer
        page.goto(url, wait_until="domcontentloaded", timeout=240_000)
        page.wait_for_selector(".lb-cards", timeout=120_000)
        page.wait_for_function(APP_STARTED, timeout=120_000)
    else:
        load_dashboard(page, url)
    if "02_befolkning" in url:
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=180_000)
        page.locator(".lb-picker .lb-village-toggle").first.wait_for(timeout=120_000)
    if "03_faciliteter" in url:
        page.locator(".lb-interactive select[multiple]").wait_for(timeout=120_000)
    if "06_flytninger" in url:  # the flow map lives in the age-band widget, drawn once the widget replaces its HTML
        page.locator(".lb-band-picker select").wait_for(timeout=120_000)
    if "04_sammenligning" in url:
        page.locator(".lb-interactive input[type=checkbox]").first.wait_for(timeout=120_000)
    page.wait_for_function(_MAPS_DRAWN, timeout=60_000)
    return page


@pytest.fixture(scope="module")
def opened(chromium):
    """``opened(url)``: one page per address kept open across this module's tests (the previous one closed)."""
    kept: dict[str, object] = {}

    def get(url: str):
        if url in kept:
            return kept[url]
        for page in kept.values():
            page.context.close()
        kept.clear()
        kept[url] = _open(chromium, url)
        return kept[url]

    yield get
    for page in kept.values():
        page.context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page, its map frames included."""
    source = AXE.read_text(encoding="utf-8")
    for frame in page.frames:
        frame.evaluate(source)
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, iframes: true});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => [n.target, n.failureSummary])}));
        }""",
        WCAG_AA,
    )
    return result


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("notebook", "title_da", "title_en"), PAGES, ids=[p[0].split(".")[0] for p in PAGES])
def test_voila_page_has_no_serious_accessibility_violation(voila_url, opened, notebook, title_da, title_en, lang):
    """axe-core finds nothing critical or serious; the page says its language and is titled by its content."""
    page = opened(_url(voila_url, notebook, lang))
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.title() == (title_da if lang == "da" else title_en)
    serious = [v for v in axe_violations(page) if v["impact"] in ("critical", "serious")]
    assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)[:4000]


#: Where the keyboard focus is: the element's tag, class and name, inside frames too ("IFRAME>…").
_FOCUSED = """() => {
    let d = document, e = d.activeElement, inside = false;
    while (e && e.tagName === 'IFRAME' && e.contentDocument) { inside = true; d = e.contentDocument; e = d.activeElement; }
    if (!e) return null;
    const name = (e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent || '').trim();
    return {inside, tag: e.tagName, cls: String(e.getAttribute('class') || ''), name: name.slice(0, 60),
            outline: getComputedStyle(e).outlineStyle, width: parseFloat(getComputedStyle(e).outlineWidth)};
}"""


def _tab_through(page, limit: int = 2000) -> list[dict]:
    """Every keyboard stop of the page in Tab order (from the top, once round).

    A map of a cluster can hold a few hundred named facility markers (how many are single markers rather than
    cluster bubbles depends on the map's size and zoom), so the walk goes on until the focus comes round; it
    fails rather than stop part-way at ``limit``."""
    page.evaluate("""() => {  // start at the top of the page, wherever the focus was
        let start = document.getElementById('lb-test-start');
        if (!start) {
            start = document.createElement('span');
            start.id = 'lb-test-start';
            start.tabIndex = -1;
            document.body.prepend(start);
        }
        start.focus();
    }""")
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUSED)
        if stop is None or stop["tag"] == "BODY" or (stops and stop == stops[0]):
            page.last_walk_end = stop  # where the walk ended, for a failing test's message
            break
        stops.append(stop)
    else:
        raise AssertionError(f"the Tab order did not come round within {limit} stops")
    return stops


@pytest.mark.browser
def test_map_can_be_skipped_and_has_only_named_keyboard_stops(voila_url, opened):
    """Before the map a "Spring kortet over" link moves the focus past it; inside the map every stop has a name,
    and neither the parish outlines, the village points nor the cluster bubbles are stops."""
    page = opened(_url(voila_url, "03_faciliteter.ipynb?klynge=vestrum", "da"))
    stops = _tab_through(page)
    in_map = [s for s in stops if s["inside"]]
    assert in_map, "the map takes no keyboard focus at all"
    unnamed = [s for s in in_map if not s["name"]]
    assert not unnamed, unnamed
    assert not [s for s in in_map if s["tag"].lower() == "path" or "marker-cluster" in s["cls"]], in_map
    first = next(i for i, s in enumerate(stops) if s["inside"])
    assert "lb-skip" in stops[first - 1]["cls"] and stops[first - 1]["name"] == "Spring kortet over"
    after = [s for s in stops[first:] if not s["inside"]]
    # (a string, so that pytest shows all of it: the last stops and where the walk ended)
    assert after, (f"no keyboard stop after the map: {len(stops)} stops, the map's first at {first}; last stops "
                   f"{json.dumps(stops[-4:], ensure_ascii=False)}; ended at "
                   f"{json.dumps(page.last_walk_end, ensure_ascii=False)}")
    after_map = after[0]

    # Use the skip link: the next Tab goes to the first stop after the map.
    page.evaluate("document.getElementById('lb-test-start').focus()")
    for _ in range(first):
        page.keyboard.press("Tab")
    assert "lb-skip" in page.evaluate(_FOCUSED)["cls"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED) == after_map


#: Run in every frame before its own scripts: counts the animated zooms of the frame's Leaflet maps once made.
_COUNT_ZOOM_ANIMATIONS = """(() => {
  let leaflet;
  window.__lbZoomAnimations = 0;
  Object.defineProperty(window, 'L', {configurable: true, get: () => leaflet, set: value => {
    leaflet = value;
    if (value && value.Map && !value.Map.__lbCounted) {
      value.Map.__lbCounted = true;
      value.Map.addInitHook(function () { this.on('zoomanim', () => { window.__lbZoomAnimations += 1; }); });
    }
  }});
})();"""


@pytest.mark.browser
def test_the_map_opens_at_its_view_and_keeps_a_keyboard_readers_focus(voila_url, chromium):
    """The map is made at the view that fits the cluster; it does not zoom there with an animation.

    Such an animation runs after the page is drawn, and at its end the marker groups are formed again at the
    new zoom: the markers are removed and drawn anew, and a marker that a keyboard reader had just tabbed to
    takes the focus away with it (the focus falls to the map's document). This was why the Tab walk of
    test_map_can_be_skipped_and_has_only_named_keyboard_stops ended inside the map once in a while.
    """
    page = _open(chromium, _url(voila_url, "03_faciliteter.ipynb?klynge=vestrum", "da"),
                 init_script=_COUNT_ZOOM_ANIMATIONS)
    try:
        handle = page.locator("iframe.landsby-map").first.element_handle()
        frame = handle.content_frame()
        assert frame.evaluate("window.__lbZoomAnimations") == 0
        # Shown, as a reader tabbing into it would show it: the map's pending animation frames run.
        handle.scroll_into_view_if_needed()
        frame.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert frame.evaluate("window.__lbZoomAnimations") == 0
        # A marker tabbed to as soon as the page shows keeps the focus once the map has settled.
        page.locator(".lb-skip").first.focus()
        for _ in range(3):  # the map itself, then its first marker
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if "lb-marker" in focused["cls"]:
                break
        assert focused["inside"] and "lb-marker" in focused["cls"], focused
        frame.wait_for_function("""() => { const map = Object.keys(window).filter(k => k.startsWith('map_'))
                                                              .map(k => window[k]).find(m => m && m.getZoom);
                                           return map && !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress); }""",
                                timeout=10_000)
        frame.evaluate("() => new Promise(done => setTimeout(done, 600))")  # a marker group's own animation: 300 ms
        assert page.evaluate(_FOCUSED) == focused
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("notebook", ["00_overblik.ipynb?klynge=vestrum", "04_sammenligning.ipynb?klynge=vestrum",
                                      "06_flytninger.ipynb?klynge=vestrum"])
def test_every_other_map_opens_at_its_view_too(voila_url, chromium, notebook):
    """The overview's, places-like-us' and who-moves' maps come from the same ``maps.base_map`` as the
    facilities map: none of them zooms with an animation after the page is drawn (see the test above).

    Before the fix only the overview's map animated: the other two span more of Denmark, more than four
    zoom levels from where the map starts, and Leaflet jumps that far without an animation
    (``zoomAnimationThreshold``). They are here so that a map made another way, or a cluster whose view
    lies near the start, is caught too."""
    page = _open(chromium, _url(voila_url, notebook, "da"), init_script=_COUNT_ZOOM_ANIMATIONS)
    try:
        handles = page.locator("iframe.landsby-map").element_handles()
        assert handles, "the page has a map"
        for handle in handles:
            handle.scroll_into_view_if_needed()
            frame = handle.content_frame()
            frame.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            assert frame.evaluate("window.__lbZoomAnimations") == 0, notebook
    finally:
        page.context.close()


@pytest.mark.browser
def test_keyboard_focus_is_clearly_visible(voila_url, opened):
    """Links, the map, the table regions, fold-outs and form controls show a ring of at least 2 px when
    reached with the keyboard (JupyterLab's own is a 1 px colour change)."""
    page = opened(_url(voila_url, "03_faciliteter.ipynb?klynge=vestrum", "da"))
    stops = _tab_through(page)
    kinds = {s["tag"] for s in stops}
    assert {"A", "DIV", "SELECT", "SUMMARY"} <= kinds, kinds
    faint = [s for s in stops if s["outline"] == "none" or s["width"] < 2]
    assert not faint, faint


@pytest.mark.browser
def test_village_buttons_say_whether_they_are_on(voila_url, opened):
    """Each village button (an ipywidgets ToggleButton) has aria-pressed in step with its state.

    ipywidgets shows a toggle button's state only by its class ``mod-active``; the template's script keeps
    ``aria-pressed`` in step with it. Without parish figures (the tests' offline snapshot) the buttons are
    disabled, so the state change is made the way ipywidgets makes it (the class), and by a click when a
    button can be clicked.
    """
    page = opened(_url(voila_url, "02_befolkning.ipynb?klynge=vestrum", "da"))
    buttons = page.locator(".lb-picker button.lb-village-toggle")
    assert buttons.count() >= 2
    state = """els => els.map(b => [b.getAttribute('aria-pressed'), b.classList.contains('mod-active')])"""
    for pressed, active in buttons.evaluate_all(state):
        assert pressed == ("true" if active else "false")
    flipped = """([selector, expected]) => document.querySelector(selector).getAttribute('aria-pressed') === expected"""
    selector = ".lb-picker button.lb-village-toggle"
    before = buttons.first.get_attribute("aria-pressed")
    after = "false" if before == "true" else "true"
    buttons.first.evaluate("b => b.classList.toggle('mod-active')")
    page.wait_for_function(flipped, arg=[selector, after], timeout=10_000)
    buttons.first.evaluate("b => b.classList.toggle('mod-active')")
    page.wait_for_function(flipped, arg=[selector, before], timeout=10_000)
    enabled = page.locator(".lb-picker button.lb-village-toggle:not([disabled])")
    if enabled.count():  # with parish figures: a real click
        selector += ":not([disabled])"
        before = enabled.first.get_attribute("aria-pressed")
        enabled.first.click()
        page.wait_for_function(flipped, arg=[selector, "false" if before == "true" else "true"], timeout=30_000)
        enabled.first.click()
        page.wait_for_function(flipped, arg=[selector, before], timeout=30_000)


@pytest.mark.browser
def test_every_live_chart_has_a_name_and_its_numbers_under_it(voila_url, opened):
    """Each Plotly chart is one image named by its alt text (not a heap of SVG numbers), and "Vis tallene"
    under it opens a table with the chart's values."""
    page = opened(_url(voila_url, "02_befolkning.ipynb?klynge=vestrum", "da"))
    # Charts are drawn after the page (and after a village is picked, in the picker's output): wait until every
    # chart on the page is drawn before counting.
    page.wait_for_function("""() => [...document.querySelectorAll('script.lb-chart-spec')].every(s => {
        const box = document.getElementById(s.dataset.for); return box && box.querySelector('.main-svg'); })""",
                           timeout=60_000)
    charts = page.locator(".js-plotly-plot").count()
    assert charts >= 4 and charts == page.locator("script.lb-chart-spec").count()
    # Each chart's box sits in an element that names it as one image (charts.FigurePart.served_html).
    names = page.locator(".js-plotly-plot").evaluate_all(
        "els => els.map(e => e.closest('[role]')).map(e => e ? [e.getAttribute('role'), e.getAttribute('aria-label') || ''] : [null, ''])")
    assert len(names) == charts
    assert all(role == "img" and len(label) > 20 for role, label in names), names
    assert any(label.startswith("Linjediagram over befolkningen") for _, label in names), names
    assert page.locator("details.lb-numbers").count() == charts
    details = page.locator("details.lb-numbers").first
    details.locator("summary").click()
    table = details.locator("table")
    table.wait_for()
    cells = table.locator("tbody tr").evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    drawn = page.evaluate("() => { const t = document.querySelector('.js-plotly-plot').data[0]; return [t.x, t.y]; }")
    shown = {row[0]: float(row[1].replace(".", "").replace(",", ".")) for row in cells}
    assert shown == {str(x): float(y) for x, y in zip(*drawn, strict=True)}


@pytest.mark.browser
def test_facilities_page_does_not_scroll_sideways_at_200_percent(voila_url, chromium):
    """200 % zoom on a 390 px phone is a 195 px wide page: it reflows (WCAG 1.4.4/1.4.10). Wide tables scroll
    inside their own boxes; the page itself, and the colour key under the distance table, fit the width."""
    page = _open(chromium, _url(voila_url, "03_faciliteter.ipynb?klynge=vestrum", "da"), {"width": 195, "height": 422})
    try:
        overflow = page.evaluate("""() => {
            const cells = document.getElementById('rendered_cells');
            const key = document.querySelector('.lb-key:last-child').closest('p');
            return {page: cells.scrollWidth - cells.clientWidth, doc: document.documentElement.scrollWidth - window.innerWidth,
                    key: key.scrollWidth - key.clientWidth, keyRight: key.getBoundingClientRect().right - window.innerWidth};
        }""")
        assert all(value <= 1 for value in overflow.values()), overflow
    finally:
        page.context.close()
