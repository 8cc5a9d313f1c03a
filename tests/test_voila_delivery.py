"""How `landsby serve`'s Voilà delivers pages to a phone: compressed, cacheable, map libraries served once.

See landsby_utils/voila_config/server.py. The tests run against the server the fixture ``voila_url`` starts
the way ``landsby serve`` does.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from _support import APP_STARTED, close_context, load_dashboard, new_page, redirect_of

from landsby_utils.maps import vendor_dir
from landsby_utils.voila_config.server import HASHED_MAX_AGE, OTHER_MAX_AGE

OVERVIEW = "/voila/render/00_overblik.ipynb?klynge=vestrum"


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body as sent (not decompressed)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=240) as answer:  # noqa: S310 (loopback)
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def status(url: str) -> int:
    """The HTTP status of a GET of ``url`` (an error status too)."""
    try:
        return fetch(url)[0]
    except urllib.error.HTTPError as exc:
        return exc.code


def max_age(headers: dict[str, str]) -> int:
    match = re.search(r"max-age=(\d+)", headers.get("cache-control", ""))
    return int(match.group(1)) if match else 0


@pytest.fixture(scope="module")
def overview(voila_url):
    status, headers, body = fetch(voila_url + OVERVIEW)
    assert status == 200
    return headers, gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()


def test_pages_are_compressed_and_never_cached(overview):
    headers, text = overview
    assert headers.get("content-encoding") == "gzip"
    assert "no-store" in headers["cache-control"]  # a page carries its own kernel: never reused
    assert "lb-header" in text


def test_the_map_links_its_libraries_instead_of_carrying_them(voila_url, overview):
    """The map frame links Leaflet & co. from the server (fetched once, then cached) instead of inlining them."""
    _, text = overview
    frames = re.findall(r'<iframe class="landsby-map"[^>]* srcdoc="([^"]*)"', text)
    assert frames, "no map on the overview page"
    document = html.unescape(frames[0])
    links = re.findall(r'(?:src|href)="(/voila/landsby/vendor/[^"]+)"', document)
    assert any(link.endswith("leaflet/leaflet.js") for link in links), links
    assert any(link.endswith("leaflet/leaflet.css") for link in links), links
    assert "landsby-asset:" not in document
    # Not inline as well: no vendored script or style sheet is in the frame (its size depends on the markers).
    for library in [*vendor_dir().rglob("*.js"), *vendor_dir().rglob("*.css")]:
        text = library.read_text(encoding="utf-8")
        sample = text[len(text) // 2: len(text) // 2 + 400]
        assert sample not in document, f"{library.name} is inline in the map frame"
    for link in links:
        status, headers, _ = fetch(voila_url + link)
        assert status == 200 and max_age(headers) > 0, link


@pytest.mark.parametrize(("path", "age"), [
    ("/voila/static/voila.js", OTHER_MAX_AGE),
    ("/voila/landsby/vendor/leaflet/leaflet.js", OTHER_MAX_AGE),
    ("/voila/landsby/static/datapakke-charts.js", OTHER_MAX_AGE),
    ("/voila/landsby/static/vendor/plotly/plotly-basic.min.js", OTHER_MAX_AGE),
])
def test_static_files_are_compressed_and_cacheable(voila_url, path, age):
    status, headers, body = fetch(voila_url + path)
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert max_age(headers) == age
    assert len(gzip.decompress(body)) > len(body)


def test_content_hashed_extension_files_are_cached_for_long(voila_url):
    """JupyterLab extensions' chunks carry a content hash in their name: a browser may keep them for a year."""
    _, _, body = fetch(voila_url + "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json")
    entry = re.search(r'"load":\s*"(static/remoteEntry\.[0-9a-f]+\.js)"', gzip.decompress(body).decode()
                      if body[:2] == b"\x1f\x8b" else body.decode())
    assert entry, "no remoteEntry named in the extension's package.json"
    status, headers, _ = fetch(f"{voila_url}/voila/labextensions/@jupyter-widgets/jupyterlab-manager/{entry.group(1)}")
    assert status == 200 and max_age(headers) == HASHED_MAX_AGE
    assert "no-cache" not in headers.get("cache-control", "")


def test_charts_use_the_served_partial_plotly_not_jupyterlab_plotly(voila_url):
    """A page with charts writes them as JSON for the served partial plotly.js, and never lists jupyterlab-plotly.

    jupyterlab-plotly's renderer would bring the full plotly.js (4.8 MB, 1.4 MB compressed) to every reader.
    """
    status, headers, body = fetch(voila_url + "/voila/render/02_befolkning.ipynb?klynge=vestrum")
    text = gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', text, re.S)
    assert config, "no page config"
    extensions = [e["name"] for e in json.loads(config.group(1))["federated_extensions"]]
    assert "@voila-dashboards/widgets-manager8" in extensions  # the widgets still work
    assert "jupyterlab-plotly" not in extensions
    assert "application/vnd.plotly.v1+json" not in text
    assert len(re.findall(r'<script type="application/json" class="lb-chart-spec" data-for="[^"]+">', text)) >= 4
    assert '"voila/landsby/static/"' in text and '"datapakke-charts.js"' in text  # the template's loader


def test_only_the_vendor_folder_is_served(voila_url):
    """The map libraries' and the charts' routes serve their folders and nothing above them."""
    for path in ("/voila/landsby/vendor/../../../pyproject.toml", "/voila/landsby/vendor/%2e%2e/maps.py",
                 "/voila/landsby/static/../maps.py", "/voila/landsby/static/%2e%2e/cli.py"):
        assert status(voila_url + path) in (403, 404), path


@pytest.mark.browser
def test_a_drawn_page_fetches_the_other_dashboards_libraries_for_the_next_view(voila_url, chromium):
    """Once the overview (no charts) is drawn, the chart and map libraries are fetched in the background, so
    the population page that follows takes plotly.js from the browser's cache, not from the network."""
    page = new_page(chromium, "phone")
    try:
        load_dashboard(page, voila_url + OVERVIEW)
        page.wait_for_function("window.landsbyPrefetched === true", timeout=120_000)
        prefetched = page.evaluate("[...document.querySelectorAll('link[rel=prefetch]')].map(l => l.href)")
        assert any(href.endswith("/plotly-basic.min.js") for href in prefetched), prefetched
        # The overview's map fetched Leaflet itself: it is not fetched a second time.
        assert not [href for href in prefetched if href.endswith("/leaflet.js")], prefetched
        # The template names the libraries by path (it cannot read maps.py or report.py): each one is there.
        missing = {href: code for href in prefetched if (code := status(href)) != 200}
        assert not missing, missing

        second = page.context.new_page()
        cdp = page.context.new_cdp_session(second)
        answers: dict[str, dict] = {}
        cdp.on("Network.responseReceived", lambda e: answers.setdefault(e["response"]["url"].split("?")[0], e["response"]))
        cdp.send("Network.enable")
        load_dashboard(second, voila_url + "/voila/render/02_befolkning.ipynb?klynge=vestrum")
        second.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=180_000)
        plotly = [answer for url, answer in answers.items() if url.endswith("/plotly-basic.min.js")]
        assert plotly, sorted(answers)
        assert plotly[0].get("fromDiskCache") or plotly[0].get("fromPrefetchCache"), plotly[0].get("headers")
    finally:
        close_context(page.context)


@pytest.mark.browser
def test_the_servers_address_opens_the_landing_page_in_danish(voila_url, page_at):
    """The address the server prints last ("Voilà is running at: http://localhost:8866/") and Voilà's file list
    (``voila/tree``) lead to the datapakke's landing page. They showed Voilà's file list: an empty English page
    ("Select items to open with Voilà.") that asked a CDN for a style sheet, which fails offline and tells a
    third party who reads. (``landsby serve`` leads them to its cluster's overview instead: see test_cli.)"""
    for path in ("/", "/voila/tree", "/voila/tree/data"):
        assert redirect_of(voila_url + path) == (302, "/voila/render/forside.ipynb"), path
    page = page_at("phone")
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(voila_url + "/", wait_until="domcontentloaded", timeout=240_000)
    page.wait_for_selector(".lb-cards", timeout=120_000)  # the landing page's cluster cards
    page.wait_for_function(APP_STARTED, timeout=120_000)
    assert page.url == voila_url + "/voila/render/forside.ipynb"
    assert page.evaluate("document.documentElement.lang") == "da"
    assert page.title() == "Datapakke for landsbyklynger"
    assert hosts == {urlsplit(voila_url).netloc}, hosts
    assert not page.errors, page.errors
