"""The static datapakke on a villager's phone: light pages, text before scripts, every chart drawn, open to everyone.

The site (vestrum, Danish and English) is served by a loopback HTTP server started here and opened
in Chromium at the phone viewport (390 × 844) with an empty cache. Sizes are asserted (they are not
timings); how fast the pages show on emulated rural 4G is measured by benchmarks/bench_static_phone.py.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _support import ROOT, new_page

from landsby_utils.report import _dashboards, build_cluster

#: Issue 15's budget: bytes over the network per page (first visit) and on disk per site (edition).
PAGE_BUDGET = 1_500_000
SITE_BUDGET = 4_000_000
AXE = ROOT / "tests" / "fixtures" / "axe-core" / "axe.min.js"
PAGES = [f"{edition}{page}" for edition in ("", "en/")
         for page in ["index.html", *(p for _, _, p, _ in _dashboards()), "kilder.html"]]
CHART_PAGES = [f"{edition}{page}" for edition in ("", "en/") for section, _, page, _ in _dashboards() if section == "befolkning"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """vestrum built offline, Danish and English edition."""
    out = tmp_path_factory.mktemp("phone")
    for lang in ("da", "en"):
        result = build_cluster("vestrum", lang, out)
        assert result.ok, result.error
    return out / "vestrum"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def host(site):
    """The site on a loopback HTTP server (a plain static host: files as they are, no compression)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=10)


def _open(chromium, url: str):
    """Open ``url`` on a phone with an empty cache; return the page and its network log (request id → url, bytes)."""
    page = new_page(chromium, "phone")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    log: dict[str, dict] = {}
    cdp.on("Network.requestWillBeSent", lambda e: log.setdefault(e["requestId"], {"url": e["request"]["url"], "bytes": 0}))
    cdp.on("Network.loadingFinished", lambda e: log.get(e["requestId"], {}).update(bytes=int(e["encodedDataLength"]), done=True))
    cdp.on("Network.loadingFailed", lambda e: log.get(e["requestId"], {}).update(done=True))
    page.goto(url, wait_until="load")
    return page, log


def _settle(page, log: dict[str, dict]) -> None:
    """Scroll to the map (its frame loads lazily), wait for its layers and for every chart, then for the network:
    every request the page (and its map frame) made has finished or failed, and none came for half a second."""
    maps = page.locator("iframe.landsby-map")
    if maps.count():
        maps.first.scroll_into_view_if_needed()
        page.frame_locator("iframe.landsby-map").first.locator(".leaflet-overlay-pane path").first.wait_for(timeout=30_000)
    if page.locator(".lb-chart-spec").count():
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    page.mouse.wheel(0, 20_000)
    quiet_since, seen = None, -1
    for _ in range(300):  # 30 s
        pending = [entry["url"] for entry in list(log.values()) if not entry.get("done")]
        if pending or len(log) != seen:
            quiet_since, seen = None, len(log)
        elif quiet_since is None:
            quiet_since = len(log)
        else:
            break  # a full poll with nothing pending and nothing new: settled
        page.wait_for_timeout(250 if not pending else 100)
    else:
        raise AssertionError(f"the page's requests never settled; still pending: {pending[:5]}")


CHARTS_DRAWN = """() => [...document.querySelectorAll('script.lb-chart-spec')]
    .every(s => { const box = document.getElementById(s.dataset.for); return box && box.querySelector('.main-svg .trace'); })"""


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_a_first_visit_transfers_at_most_1_5_mb(site, host, chromium, page):
    tab, log = _open(chromium, f"{host}/{page}")
    _settle(tab, log)
    tab.context.close()
    fetched = {entry["url"].removeprefix(host): entry["bytes"] for entry in log.values() if entry["url"].startswith(host)}
    assert f"/{page}" in fetched and fetched[f"/{page}"] > 0, fetched  # the log saw the page itself
    total = sum(fetched.values())
    assert total <= PAGE_BUDGET, (page, total, sorted(fetched.items(), key=lambda kv: -kv[1])[:5])
    assert not any(url.endswith("plotly.min.js") for url in fetched), fetched  # never the full 4.8 MB bundle


def test_each_edition_of_the_site_is_at_most_4_mb(site):
    editions = {"da": [p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "en"],
                "en": [p for p in (site / "en").rglob("*") if p.is_file()]}
    for edition, files in editions.items():
        total = sum(p.stat().st_size for p in files)
        biggest = sorted(files, key=lambda p: -p.stat().st_size)[:3]
        assert total <= SITE_BUDGET, (edition, total, [(p.name, p.stat().st_size) for p in biggest])


class _Scripts(HTMLParser):
    """Every <script> of a page: its attributes and (for inline ones) its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in = {"attrs": dict(attrs), "text": ""}
            self.scripts.append(self._in)

    def handle_data(self, data):
        if self._in is not None:
            self._in["text"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


@pytest.mark.parametrize("page", PAGES)
def test_no_script_holds_up_the_text(site, page):
    parser = _Scripts()
    parser.feed((site / page).read_text(encoding="utf-8"))
    for script in parser.scripts:
        attrs, kind = script["attrs"], script["attrs"].get("type", "text/javascript")
        if "src" in attrs:
            # A script file is fetched without stopping the parser and run after it.
            assert "defer" in attrs or "async" in attrs, (page, attrs)
        elif kind == "application/json":
            assert "lb-chart-spec" in attrs.get("class", ""), (page, attrs)  # data, never run
        else:
            # The only inline script registers print handlers; no chart is drawn while the page is parsed.
            assert "Plotly" not in script["text"], (page, script["text"][:120])
    charts = [s for s in parser.scripts if "lb-chart-spec" in s["attrs"].get("class", "")]
    sources = [s["attrs"].get("src", "") + " " + s["attrs"].get("data-plotly", "") for s in parser.scripts]
    if charts:
        assert any(src.endswith("vendor/plotly/plotly-basic.min.js") for src in sources), (page, sources)
        for chart in charts:
            spec = json.loads(chart["text"])
            assert spec["data"] and {t.get("type", "scatter") for t in spec["data"]} <= {"scatter", "bar"}, page
    else:
        assert not any("plotly" in src for src in sources), (page, sources)  # pages without charts load no plotly.js


@pytest.mark.browser
@pytest.mark.parametrize("page", CHART_PAGES)
def test_text_shows_while_plotly_is_still_on_its_way(site, host, chromium, page):
    tab = new_page(chromium, "phone")
    held, released = [], []
    scripts = re.compile(r".*\.js(\.gz)?$")

    def hold(route):
        # No script file (the charts script, plotly.js or its gzip copy) arrives until released below.
        if released:
            route.continue_()
        else:
            held.append(route)

    tab.route(scripts, hold)
    with tab.expect_request(scripts):
        tab.goto(f"{host}/{page}", wait_until="commit")
    tab.locator("h1").first.wait_for(state="visible", timeout=15_000)
    tab.locator("figure.lb-figure h2").first.wait_for(state="visible", timeout=15_000)
    assert tab.locator(".main-svg").count() == 0  # the charts really were waiting for their scripts
    released.append(True)
    for route in held:
        route.continue_()
    tab.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    tab.context.close()


#: For each chart: how many traces its figure has and how many plotly drew.
TRACES = """() => [...document.querySelectorAll('script.lb-chart-spec')].map(s => {
    const box = document.getElementById(s.dataset.for);
    const spec = JSON.parse(s.textContent);
    return {id: s.dataset.for, traces: spec.data.length, drawn: box ? box.querySelectorAll('.main-svg .trace').length : -1,
            width: box ? box.getBoundingClientRect().width : 0};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("page", CHART_PAGES)
def test_every_chart_is_drawn_by_the_partial_bundle(site, host, chromium, page):
    from _support import screenshot

    tab, log = _open(chromium, f"{host}/{page}")
    tab.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    charts = tab.evaluate(TRACES)
    screenshot(tab, f"static-phone-{page.replace('/', '-').replace('.html', '')}")
    urls = [entry["url"] for entry in log.values()]
    errors = list(tab.errors)
    tab.context.close()
    assert len(charts) >= 4, charts  # population, index, age pyramid, projection
    for chart in charts:
        assert chart["drawn"] >= chart["traces"] > 0, chart
        assert 300 <= chart["width"] <= 390, chart  # as wide as the phone, no wider
    # Over HTTP the browser gets the bundle's gzip copy (0.4 MB) and unpacks it, whatever the host does.
    assert any(u.endswith("/plotly-basic.min.js.gz") for u in urls) and not any(u.endswith("/plotly.min.js") for u in urls)
    assert not any(u.endswith("/plotly-basic.min.js") for u in urls), urls
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_critical_or_serious_violation(site, host, chromium, page):
    tab, log = _open(chromium, f"{host}/{page}")
    _settle(tab, log)
    for frame in tab.frames:  # the map's frame too: axe checks frames where it runs
        frame.add_script_tag(path=str(AXE))
    violations = tab.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'critical' || v.impact === 'serious')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 100))}))"""
    )
    tab.context.close()
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


#: Text at 200 % (WCAG 1.4.4), as a phone's font-size setting does it: the root and the pages' own px size doubled.
DOUBLE_TEXT = "html { font-size: 32px !important; } .landsby { font-size: 32px !important; }"


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_text_at_200_percent_does_not_scroll_the_page_sideways(site, host, chromium, page):
    tab, _ = _open(chromium, f"{host}/{page}")
    tab.add_style_tag(content=DOUBLE_TEXT)
    # Wide tables scroll inside their own (keyboard-reachable) box, charts and maps resize; nothing else may stick out.
    sticking_out = tab.evaluate("""() => [...document.querySelectorAll('.landsby *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     && !e.closest('.lb-table') && !e.closest('.js-plotly-plot'))
        .slice(0, 5).map(e => e.outerHTML.slice(0, 100))""")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    tab.context.close()
    assert overflow <= 1 and sticking_out == [], (overflow, sticking_out)


@pytest.mark.browser
def test_charts_fall_back_to_the_plain_bundle_when_the_gzip_copy_is_missing(site, host, chromium):
    page = CHART_PAGES[0]
    tab = new_page(chromium, "phone")
    tab.route("**/plotly-basic.min.js.gz", lambda route: route.fulfill(status=404, body="not here"))
    with tab.expect_response("**/plotly-basic.min.js") as plain:
        tab.goto(f"{host}/{page}", wait_until="load")
    tab.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    errors = list(tab.errors)
    tab.context.close()
    assert plain.value.ok and errors == []
