"""Benchmark ``landsby build`` and the static site it writes (prints figures; asserts nothing).

Figures:

1. build time of one cluster and of every cluster, with ``--jobs 1`` and ``--jobs 2``
   (the CLI in a subprocess, ``LANDSBY_OFFLINE=1``, into a fresh temporary ``--out``);
2. where one cluster's build time goes (``--profile``): asset copying, Jupyter kernel
   start, notebook execution, nbconvert export, tables, index/sources pages;
3. the size of each site (total MB) and its biggest files;
4. how soon each page is ready in headless Chromium from a ``file://`` URL with the
   network blocked: navigation start to the ``load`` event, and to the map iframe's
   Leaflet markers / plotly's ``.main-svg`` being present where the page has them;
5. each page on a phone over emulated rural 4G from a loopback HTTP host (DevTools
   ``Network.emulateNetworkConditions``; requests, bytes, time to text, chart and map):
   :mod:`bench_static_phone`, here for a plain host (``--phone-repeats 0`` skips it).

Targets (issue 6): one cluster ≤ 30 s, all four ≤ 90 s with two jobs, index ready
≤ 1.5 s, a site ≤ 10 MB. Issue 15: on rural 4G text at once, chart or map ≤ 3 s,
≤ 1.5 MB per page, a site ≤ 4 MB.

Usage::

    .venv/bin/python benchmarks/bench_build.py [--cluster vestrum] [--repeats 5] [--skip-all] [--profile] [--site DIR]
        [--phone-repeats 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ENV = {**os.environ, "LANDSBY_OFFLINE": "1"}


def build(args: list[str], out: Path) -> tuple[float, float]:
    """Run ``landsby build ARGS --out OUT``; return its wall time and the CPU time of it and its kernels."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "landsby_utils.cli", "build", *args, "--out", str(out)],
                          capture_output=True, text=True, env=ENV, cwd=ROOT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, sep="\n")
        raise SystemExit(f"landsby build {' '.join(args)} failed ({proc.returncode})")
    return seconds, (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)


def load_average() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def site_size(site: Path, top: int = 6) -> None:
    files = [p for p in site.rglob("*") if p.is_file() and "en" not in p.relative_to(site).parts[:1]]
    total = sum(p.stat().st_size for p in files)
    print(f"  {site.name}: {total / 1e6:.2f} MB in {len(files)} files; biggest:")
    for p in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:top]:
        print(f"    {p.stat().st_size / 1e6:7.3f} MB  {p.relative_to(site)}")


def profile(slug: str) -> None:
    """Time the phases of one in-process build by wrapping report's helpers."""
    os.environ["LANDSBY_OFFLINE"] = "1"
    from jupyter_client.manager import start_new_kernel

    from landsby_utils import report

    spent: dict[str, float] = {}

    def timed(name, func):
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return func(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0
        return wrapper

    for name, label in [("_copy_assets", "copy assets"), ("_execute", "papermill, summed over threads"),
                        ("_export", "nbconvert export"), ("_write_tables", "csv + xlsx"),
                        ("_index_html", "index page"), ("_sources_html", "sources page")]:
        setattr(report, name, timed(label, getattr(report, name)))
    with tempfile.TemporaryDirectory() as out:
        result = report.build_cluster(slug, "da", Path(out))
    print(f"  in-process build of {slug}: {result.seconds:.1f} s (ok={result.ok})")
    for label, seconds in spent.items():
        print(f"    {label:28} {seconds:6.2f} s")
    kernel = []
    for _ in range(3):
        t0 = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        kernel.append(time.perf_counter() - t0)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"    kernel start alone (median of 3): {statistics.median(kernel):.2f} s "
          f"(× {len(report._dashboards())} notebooks per edition)")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import landsby_utils.widgets.overview, landsby_utils.widgets.population, "
                    "landsby_utils.widgets.facilities"], env=ENV, check=True)
    print(f"    importing the dashboards in a fresh interpreter: {time.perf_counter() - t0:.2f} s")


PAGE_READY = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const frame = document.querySelector('iframe.landsby-map');
  let markers = null;
  if (frame) {
    const doc = frame.contentDocument;
    markers = !!(doc && doc.querySelector('.leaflet-marker-icon, .leaflet-overlay-pane path'));
  }
  const plots = document.querySelectorAll('.js-plotly-plot, .plotly-graph-div');
  const svg = plots.length ? document.querySelectorAll('.js-plotly-plot .main-svg').length > 0 : null;
  return {dom: nav ? nav.domContentLoadedEventStart : 0, load: nav ? nav.loadEventStart : 0, markers, svg,
          t: performance.now()};
}"""
NA = "n/a"


def _cell(values: list) -> str:
    """Median, and the slowest load in brackets; '—' where the page has no such element."""
    if all(v == NA for v in values):
        return "—"
    got = [v for v in values if v not in (None, NA)]
    if len(got) < len(values):
        return f"never ({len(values) - len(got)}/{len(values)})"
    return f"{statistics.median(got):.2f} [{max(got):.2f}]"


def _measure(chromium, url: str) -> tuple:
    """Seconds from navigation start to DOMContentLoaded, load, map markers and plotly SVG (polled every 20 ms)."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    context.route("http*://**", lambda route: route.abort())
    tab = context.new_page()
    tab.goto(url, wait_until="commit")
    seen: dict[str, float | str | None] = {"dom": None, "load": None, "markers": None, "svg": None}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = tab.evaluate(PAGE_READY)
        for key in ("dom", "load"):
            if state[key] and seen[key] is None:
                seen[key] = state[key] / 1000
        for key in ("markers", "svg"):
            if state[key] is None and seen["load"] is not None:
                seen[key] = NA
            elif state[key] and seen[key] is None:
                seen[key] = state["t"] / 1000
        if all(v is not None for v in seen.values()):
            break
        tab.wait_for_timeout(20)
    context.close()
    return seen["dom"], seen["load"], seen["markers"], seen["svg"]


def browser(site: Path, repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    pages = ["index.html", *sorted(p.name for p in site.glob("*.html") if p.name not in ("index.html", "kilder.html")),
             "kilder.html"]
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(f"  {'page':18} {'DOMContentLoaded':>17} {'load event':>12} {'map markers':>12} {'plotly svg':>12}"
              f"   s; median of {repeats} [slowest]")
        for page in pages:
            rows = [_measure(chromium, site.joinpath(page).as_uri()) for _ in range(repeats)]
            cells = [_cell([r[i] for r in rows]) for i in range(4)]
            print(f"  {page:18} {cells[0]:>17} {cells[1]:>12} {cells[2]:>12} {cells[3]:>12}")
        chromium.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster", default="vestrum")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-all", action="store_true", help="skip the two all-cluster builds")
    parser.add_argument("--profile", action="store_true", help="also time the phases of one in-process build")
    parser.add_argument("--site", type=Path, help="only time the pages of this already built site")
    parser.add_argument("--phone-repeats", type=int, default=2, help="loads per page on emulated rural 4G (0: skip)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    if args.site:
        print(f"page readiness in headless Chromium, file:// with the network blocked ({args.site}):")
        browser(args.site, args.repeats)
        phone(args.site, args.phone_repeats)
        return
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        print("build time (CLI in a subprocess, wall clock):")
        print(f"  before: {load_average()} (other work on the machine inflates wall times; CPU s is steadier)")
        one, cpu = build([args.cluster], tmp / "one")
        print(f"  one cluster ({args.cluster}), --jobs 1: {one:6.1f} s wall, {cpu:6.1f} s CPU   (target ≤ 30 s)")
        if not args.skip_all:
            for jobs in (1, 2):
                seconds, cpu = build(["--all", "--jobs", str(jobs)], tmp / f"all-{jobs}")
                print(f"  all clusters, --jobs {jobs}:     {seconds:6.1f} s wall, {cpu:6.1f} s CPU"
                      + ("   (target ≤ 90 s)" if jobs == 2 else ""))
        print(f"  after: {load_average()}")
        if args.profile:
            print("where one build's time goes:")
            profile(args.cluster)
        print("site size (target ≤ 10 MB):")
        sites = sorted((tmp / "all-2").iterdir()) if (tmp / "all-2").exists() else [tmp / "one" / args.cluster]
        for site in sites:
            if site.is_dir():
                site_size(site)
        print(f"page readiness in headless Chromium, file:// with the network blocked ({args.cluster}; index target ≤ 1.5 s):")
        browser(tmp / "one" / args.cluster, args.repeats)
        phone(tmp / "one" / args.cluster, args.phone_repeats)


def phone(site: Path, repeats: int) -> None:
    """The site's pages on a phone over emulated rural 4G from a plain loopback host (bench_static_phone)."""
    if repeats < 1:
        return
    import bench_static_phone  # next to this script

    print("on a phone over emulated rural 4G (4/1 Mbit/s, 150 ms; 390x844, first visit), plain loopback host:")
    bench_static_phone.measure(site, repeats)


if __name__ == "__main__":
    main()
