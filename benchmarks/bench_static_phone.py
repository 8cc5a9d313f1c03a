"""The static datapakke on a villager's phone over rural 4G (prints figures; asserts nothing).

Every page of a built site (both editions when present) is opened in Debian's headless
Chromium as a first visit: a new browser context (empty cache), a phone (390 × 844 CSS px,
device scale 3, touch), and the network emulated through Chromium's DevTools protocol
(``Network.emulateNetworkConditions``: 4 Mbit/s down, 1 Mbit/s up, 150 ms round trip). The
site is served by a loopback HTTP server started here; every other host fails to resolve, so
map tiles count as failed requests.

Per page, the median of ``--repeats`` loads (and the slowest in brackets):

* requests and bytes transferred (``Network.loadingFinished``'s ``encodedDataLength``:
  headers and bodies as they came over the wire, failed requests not counted), from a
  plain host and from one that compresses text like most static hosts (``--host``);
* text visible: the first contentful paint (the header's text);
* chart visible: every plotly chart on the page has drawn its traces (first one, then all);
* map visible: the map frame's Leaflet layers are drawn (parish outlines or markers).

Targets (issue 15): text at once, chart or map ≤ 3 s, ≤ 1.5 MB transferred per page,
site ≤ 4 MB.

Usage::

    .venv/bin/python benchmarks/bench_static_phone.py [--site build/vestrum] [--cluster vestrum] [--repeats 3]

Without ``--site`` the cluster is built (Danish and English) into a temporary folder first.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
    # Only the loopback resolves: map tiles and any CDN fail, as in the tests.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
#: Rural 4G as in issue 15 (bytes per second and milliseconds, as the DevTools protocol wants them).
RURAL_4G = {"offline": False, "latency": 150, "downloadThroughput": 4_000_000 / 8, "uploadThroughput": 1_000_000 / 8}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
TARGET_S, PAGE_MB, SITE_MB = 3.0, 1.5, 4.0

#: Runs in every page before its own scripts: records when the text, the charts and the map are visible.
WATCH = """
if (window.top === window) {
  const seen = window.__lb = {fcp: null, chart_first: null, chart_all: null, charts: 0, map: null, maps: 0};
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') seen.fcp = e.startTime;
  }).observe({type: 'paint', buffered: true});
  const drawn = div => !!div.querySelector('.main-svg .trace, .main-svg .point, .main-svg .bars path');
  const tick = () => {
    const now = performance.now();
    const charts = [...document.querySelectorAll('.plotly-graph-div, [data-lb-chart]')];
    seen.charts = charts.length;
    const done = charts.filter(drawn).length;
    if (done && seen.chart_first === null) seen.chart_first = now;
    if (charts.length && done === charts.length && seen.chart_all === null) seen.chart_all = now;
    const frames = [...document.querySelectorAll('iframe.landsby-map')];
    seen.maps = frames.length;
    if (frames.length && seen.map === null && frames.every(f => {
      const d = f.contentDocument;
      return d && d.querySelector('.leaflet-overlay-pane path, .leaflet-marker-icon');
    })) seen.map = now;
  };
  setInterval(tick, 20);
}
"""


class _Host(http.server.SimpleHTTPRequestHandler):
    """A plain static host: files as they are, keep-alive."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # noqa: D102
        pass


class _GzipHost(_Host):
    """A static host that compresses text (HTML, CSS, JavaScript, JSON, SVG) as GitHub Pages, Netlify or nginx do."""

    TYPES = (".html", ".css", ".js", ".json", ".svg", ".csv")

    def send_head(self):  # noqa: D102
        path = Path(self.translate_path(self.path))
        if not (path.is_file() and path.suffix in self.TYPES and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path, compress: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free loopback port (gzip for text when ``compress``); return the server and its URL."""
    handler = functools.partial(_GzipHost if compress else _Host, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def load(browser, url: str, network: dict | None = RURAL_4G, timeout_s: float = 40.0) -> dict:
    """Open ``url`` once as a first visit on a phone; return what was transferred and when things showed."""
    context = browser.new_context(**PHONE, locale="da-DK")
    context.add_init_script(WATCH)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if network:
        cdp.send("Network.emulateNetworkConditions", network)
    requests: dict[str, str] = {}
    finished: dict[str, int] = {}
    failed: list[str] = []
    cdp.on("Network.requestWillBeSent", lambda e: requests.setdefault(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    cdp.on("Network.loadingFailed", lambda e: failed.append(requests.get(e["requestId"], "?")))
    page.goto(url, wait_until="commit", timeout=int(timeout_s * 1000))
    deadline = time.monotonic() + timeout_s
    state: dict = {}
    while time.monotonic() < deadline:
        state = page.evaluate("() => ({...window.__lb, load: performance.getEntriesByType('navigation')[0]?.loadEventEnd || 0})")
        charts_done = not state["charts"] or state["chart_all"] is not None
        map_done = not state["maps"] or state["map"] is not None
        if state["load"] and state["fcp"] is not None and charts_done and map_done:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)  # late requests (e.g. the map frame's images) still count
    # Only what came over the network: a map's srcdoc frame is reported too (as a finished load of its own), but
    # its document is part of the page's HTML.
    http_ids = {i for i, u in requests.items() if u.startswith("http")}
    http_requests = [requests[i] for i in http_ids]
    context.close()

    def sec(ms: float | None) -> float | None:
        return None if ms is None else ms / 1000

    return {
        "requests": len(http_requests), "bytes": sum(size for i, size in finished.items() if i in http_ids), "failed": len(failed),
        "text": sec(state.get("fcp")), "chart_first": sec(state.get("chart_first")), "chart_all": sec(state.get("chart_all")),
        "map": sec(state.get("map")), "charts": state.get("charts", 0), "maps": state.get("maps", 0),
        "load": sec(state.get("load") or None),
        "detail": sorted(((finished[i], requests[i]) for i in finished if i in http_ids), reverse=True),
    }


def _cell(values: list, fmt: str = "{:.2f}") -> str:
    if all(v is None for v in values):
        return "—"
    got = [v for v in values if v is not None]
    text = fmt.format(statistics.median(got)) + " [" + fmt.format(max(got)) + "]"
    return text if len(got) == len(values) else f"{text} never {len(values) - len(got)}×"


def pages_of(site: Path) -> list[str]:
    """Every HTML page of a site, relative to it (the English edition under en/ too)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "pdf" not in p.parts)


def site_sizes(site: Path) -> None:
    """Bytes on disk of each edition (what a static host stores and a full download would cost)."""
    editions = [("da", site, lambda p: p.relative_to(site).parts[0] != "en")]
    if (site / "en").is_dir():
        editions.append(("en", site / "en", lambda p: True))
    for name, root, keep in editions:
        files = [p for p in root.rglob("*") if p.is_file() and keep(p) and "pdf" not in p.parts]
        total = sum(p.stat().st_size for p in files)
        print(f"  edition {name}: {total / 1e6:.2f} MB in {len(files)} files (target ≤ {SITE_MB} MB); biggest:")
        for p in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:4]:
            print(f"    {p.stat().st_size / 1e6:7.3f} MB  {p.relative_to(root)}")
    every = [p for p in site.rglob("*") if p.is_file() and "pdf" not in p.parts]
    print(f"  both editions together: {sum(p.stat().st_size for p in every) / 1e6:.2f} MB")


def measure(site: Path, repeats: int, network: dict | None = RURAL_4G, detail: int = 0, compress: bool = False) -> None:
    """Print the per-page table for a built site served by a plain (or a compressing) host."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site, compress)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"  {'page':20} {'req':>4} {'MB':>6} {'text s':>13} {'first chart s':>14} {'all charts s':>14}"
                  f" {'map s':>13}   median of {repeats} [slowest]")
            for page in pages_of(site):
                rows = [load(browser, f"{base}/{page}", network) for _ in range(repeats)]
                req = statistics.median(r["requests"] for r in rows)
                mb = statistics.median(r["bytes"] for r in rows) / 1e6
                failed = max(r["failed"] for r in rows)
                note = f"  ({failed} failed: tiles)" if failed else ""
                print(f"  {page:20} {req:4.0f} {mb:6.2f} {_cell([r['text'] for r in rows]):>13}"
                      f" {_cell([r['chart_first'] for r in rows]) if rows[0]['charts'] else '—':>14}"
                      f" {_cell([r['chart_all'] for r in rows]) if rows[0]['charts'] else '—':>14}"
                      f" {_cell([r['map'] for r in rows]) if rows[0]['maps'] else '—':>13}{note}")
                if detail:
                    for size, url in rows[0]["detail"][:detail]:
                        print(f"      {size / 1e3:8.1f} kB  {url.removeprefix(base)[:90]}")
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build --cluster into a temporary folder)")
    parser.add_argument("--cluster", default="vestrum")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--detail", type=int, default=0, metavar="N", help="also list each page's N biggest transfers")
    parser.add_argument("--host", choices=["plain", "gzip", "both"], default="both",
                        help="serve files as they are, gzip-compressed (as most static hosts do), or measure both")
    parser.add_argument("--no-throttle", action="store_true", help="loopback speed (no network emulation), for comparison")
    args = parser.parse_args()
    network = None if args.no_throttle else RURAL_4G
    print(f"machine: {os.cpu_count()} cores, load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    print("network: " + ("none (loopback)" if network is None else
                         "emulated rural 4G: 4 Mbit/s down, 1 Mbit/s up, 150 ms RTT; phone 390x844 @3x; first visit"))
    with tempfile.TemporaryDirectory(prefix="bench-phone-") as tmp:
        site = args.site
        if site is None:
            env = {**os.environ, "LANDSBY_OFFLINE": "1"}
            for lang in ("da", "en"):
                subprocess.run([sys.executable, "-m", "landsby_utils.cli", "build", args.cluster, "--lang", lang, "--out", tmp],
                               check=True, capture_output=True, env=env, cwd=ROOT)
            site = Path(tmp) / args.cluster
        print(f"site size ({site}):")
        site_sizes(site)
        for compress in {"plain": [False], "gzip": [True], "both": [False, True]}[args.host]:
            host = "a host that compresses text (gzip)" if compress else "a plain host (no compression)"
            print(f"pages from {host} (targets: text at once, chart/map ≤ {TARGET_S} s, ≤ {PAGE_MB} MB):")
            measure(site, args.repeats, network, args.detail, compress)


if __name__ == "__main__":
    main()
