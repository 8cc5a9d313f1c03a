"""`landsby build --pdf` and `--lang en`: A4 PDFs of every page, print layout, the English edition."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _support import CHROMIUM

from landsby_utils.i18n import LABELS, t
from landsby_utils.report import _dashboards

pytestmark = pytest.mark.browser

A4 = (595.28, 841.89)  # points: 210 × 297 mm
SLUG = "vestrum"


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANDSBY_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "landsby_utils.cli", "build", *args], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """vestrum built with --pdf, Danish first and then English (as a consultant would)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make chromium` (the README's test command does).")
    out = tmp_path_factory.mktemp("print")
    for lang in ("da", "en"):
        done = _cli(SLUG, "--lang", lang, "--pdf", "--out", str(out))
        assert done.returncode == 0, done.stdout + done.stderr
    return out / SLUG


def _pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page, read from the page objects' /MediaBox.

    Chromium writes page dictionaries uncompressed, so no PDF library is needed.
    """
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-"), pdf
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    boxes = [tuple(float(v) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([-\d.\s]+)\]", data)]
    assert boxes, f"no /MediaBox in {pdf.name}"
    sizes = [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes]
    # A MediaBox can be inherited from /Pages: one box may serve every page.
    return sizes if len(sizes) == pages else [sizes[0]] * pages


def _sections() -> list[str]:
    return [page for _, _, page, _ in _dashboards()]


@pytest.mark.parametrize("edition", ["da", "en"])
def test_every_page_prints_to_a4_pdf(site, edition):
    root = site if edition == "da" else site / "en"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    printed = ["index.html", *_sections()]
    assert set(printed) <= set(manifest["pages"])
    pdfs = sorted((root / "pdf").glob("*.pdf"))
    assert [p.name for p in pdfs] == sorted(p.replace(".html", ".pdf") for p in printed)
    for pdf in pdfs:
        pages = _pdf_pages(pdf)
        for width, height in pages:
            assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, (pdf.name, width, height)
        # The front page is a short summary, and so is the survey page while no survey is imported (as here: the
        # tests' cache has none); a section (map or charts, tables, sources) needs more than one sheet.
        low, high = (1, 3) if pdf.name in ("index.pdf", "borgerundersoegelse.pdf") else (2, 12)
        assert low <= len(pages) <= high, (pdf.name, len(pages))


PRINT_LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(e).visibility !== 'hidden'; };
  const wide = [...document.querySelectorAll('.landsby table, .landsby figure, .landsby .lb-cards, iframe.landsby-map')]
    .filter(e => e.getBoundingClientRect().right > width + 1).map(e => e.outerHTML.slice(0, 80));
  const folded = [...document.querySelectorAll('details')].filter(d => ![...d.children]
    .filter(c => c.tagName !== 'SUMMARY').some(visible)).map(d => d.querySelector('summary')?.textContent);
  return {
    overflow: document.documentElement.scrollWidth - width,
    wide,
    folded,
    controls: [...document.querySelectorAll('nav.lb-nav, .jupyter-widgets, .widget-area, .lb-interactive, button, select, input')]
      .filter(visible).map(e => e.outerHTML.slice(0, 80)),
    scrolling: [...document.querySelectorAll('.lb-table')].filter(e => getComputedStyle(e).overflowX !== 'visible').length,
  };
}"""


@pytest.mark.parametrize("page", ["index.html", *_sections()])
def test_print_layout_fits_a4_without_controls(site, chromium, page):
    # A4 minus the @page margins (2 × 12 mm) is 186 mm = 703 CSS px.
    context = chromium.new_context(viewport={"width": 703, "height": 1000})
    context.route("http*://**", lambda route: route.abort())
    tab = context.new_page()
    tab.emulate_media(media="print")
    tab.goto((site / page).as_uri(), wait_until="load")
    if tab.locator(".plotly-graph-div").count():
        tab.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=20_000)
    layout = tab.evaluate(PRINT_LAYOUT)
    context.close()
    assert layout["overflow"] <= 1 and layout["wide"] == [], layout  # nothing cut at the right edge
    assert layout["controls"] == [], layout  # no navigation pills, widgets or form controls on paper
    assert layout["folded"] == [], layout  # folded-away details are printed open
    assert layout["scrolling"] == 0, layout  # tables wrap instead of scrolling


class _Text(HTMLParser):
    """Headings, captions and links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: list[str] = []
        self.captions: list[str] = []
        self.links: list[str] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("h1", "h2", "h3", "caption", "figcaption"):
            self._open.append((tag, []))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            (self.headings if name.startswith("h") else self.captions).append(text)

    def handle_data(self, data):
        if self._open:
            self._open[-1][1].append(data)


def _read(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _local(links: list[str]) -> list[str]:
    return [h.split("#")[0] for h in links if not re.match(r"^[a-z]+:", h) and not h.startswith("#")]


def test_english_edition_is_in_english(site):
    en = site / "en"
    pages = ["index.html", *_sections(), "kilder.html"]
    danish_only = {v["da"] for v in LABELS.values() if v["da"] != v["en"] and "{" not in v["da"]}
    for page in pages:
        text = _read(en / page)
        assert text.lang == "en", page
        assert text.headings, page
        untranslated = [h for h in text.headings + text.captions if h in danish_only]
        assert untranslated == [], (page, untranslated)
    index = _read(en / "index.html")
    assert {t("villages", "en"), t("key_figures", "en")} <= set(index.headings)
    for page in _sections():
        assert t("sources", "en") in _read(en / page).headings, page
    body = (en / "index.html").read_text(encoding="utf-8")
    assert "Built " in body and "Bygget" not in body
    # The data downloads are the English edition's own.
    assert (en / "data" / "datapakke.xlsx").exists()


def test_editions_link_to_each_other_from_their_index_pages(site):
    da_index, en_index = site / "index.html", site / "en" / "index.html"
    to_en = [h for h in _read(da_index).links if h.startswith("en/")]
    to_da = [h for h in _read(en_index).links if h.startswith("../")]
    assert to_en == ["en/index.html"] and to_da == ["../index.html"]
    assert _read(site / to_en[0]).lang == "en"
    assert _read((en_index.parent / to_da[0]).resolve()).lang == "da"
    # Every other local link of each edition resolves inside the site.
    for root in (site, site / "en"):
        for page in root.glob("*.html"):
            for href in _local(_read(page).links):
                assert (page.parent / href).resolve().exists(), (page, href)


def test_rebuilding_danish_keeps_english_and_the_links(site, tmp_path):
    copy = tmp_path / SLUG
    shutil.copytree(site, copy)
    done = _cli(SLUG, "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (copy / "en" / "index.html").read_bytes() == (site / "en" / "index.html").read_bytes()
    assert 'href="en/index.html"' in (copy / "index.html").read_text(encoding="utf-8")


def test_english_section_pages_link_all_clusters_to_the_english_index(site):
    for page in _sections():
        text = (site / "en" / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]+)">' + re.escape(t("nav_all", "en")) + "</a>", text)
        assert hrefs == ["index.html"], (page, hrefs)
        assert _read((site / "en" / hrefs[0]).resolve()).lang == "en"
    # ... and the Danish pages to the Danish index.
    for page in _sections():
        hrefs = re.findall(r'<a href="([^"]+)">' + re.escape(t("nav_all", "da")) + "</a>", (site / page).read_text(encoding="utf-8"))
        assert hrefs == ["index.html"], (page, hrefs)


#: Inside a map's frame: which controls a reader would see (display and size), and whether the
#: legend's entries are shown.
MAP_CONTROLS = """() => {
    const shown = selector => [...document.querySelectorAll(selector)].some(e => {
        const r = e.getBoundingClientRect();
        return getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' && r.width > 0 && r.height > 0;
    });
    const legend = document.getElementById('lb-legend');
    const entries = legend ? [...legend.querySelectorAll('div')] : [];
    return {
        zoom: shown('.leaflet-control-zoom'), layers: shown('.leaflet-control-layers'),
        attribution: shown('.leaflet-control-attribution'),
        attribution_text: (document.querySelector('.leaflet-control-attribution') || {}).innerText || '',
        legend_entries: entries.filter(e => e.getBoundingClientRect().height > 0).length, legend_total: entries.length,
    };
}"""


@pytest.mark.parametrize("page", ["overblik.html", "faciliteter.html"])
def test_maps_print_without_zoom_buttons_or_layer_switcher(site, chromium, page):
    if page not in _sections():
        pytest.skip(f"no {page} in this build")
    # Phone width: the legend starts folded there, and paper must still show it open.
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    context.route("http*://**", lambda route: route.abort())
    tab = context.new_page()
    tab.goto((site / page).as_uri(), wait_until="load")
    tab.locator("iframe.landsby-map").scroll_into_view_if_needed()
    frame = tab.frame_locator("iframe.landsby-map")
    frame.locator(".leaflet-control-zoom").wait_for(timeout=20_000)
    on_screen = frame.locator("body").evaluate(MAP_CONTROLS)
    tab.emulate_media(media="print")
    on_paper = frame.locator("body").evaluate(MAP_CONTROLS)
    context.close()
    assert on_screen["zoom"] and on_screen["layers"], on_screen
    assert not on_paper["zoom"] and not on_paper["layers"], on_paper
    assert on_paper["attribution"] and "ODbL" in on_paper["attribution_text"], on_paper
    assert on_paper["legend_total"] > 0 and on_paper["legend_entries"] == on_paper["legend_total"], on_paper
