"""Benchmark the Voilà dashboards in headless Chromium (prints figures; asserts nothing).

For each dashboard: time to first content (the header is visible) and time until
everything is rendered (the sources footer, every widget and chart), for a cold
load (the first after the server starts) and warm loads, one reader and
N concurrent readers, and the memory of the kernel behind each reader's page.

On an emulated rural mobile network (``--network rural4g``, the default: 4 Mbit/s down,
1 Mbit/s up, 150 ms round trip, through Chromium's DevTools protocol
``Network.emulateNetworkConditions``) and a phone viewport (390x844), each dashboard's
first view with an empty browser cache, then a second view of the next dashboard in the
same browser (its cache kept): first content, ready, requests to the network and answered
from the cache, bytes transferred (HTTP, as DevTools counts them, compressed; websocket
frames separately; "+later": what the page fetches in the background once drawn, the other
dashboards' libraries for the next view), and the largest responses (``--top``). Targets (issue 15): first content <= 3 s, ready <= 8 s, <= 2.5 MB
on the first view; <= 300 kB on the second.

After the run: which kernels are still alive (the preheated pools should be all).

Usage::

    .venv/bin/python benchmarks/bench_voila.py [--no-preheat] [--readers 5] [--clusters vestrum]
    .venv/bin/python benchmarks/bench_voila.py --network rural4g --no-loopback   # only the phone figures

The server's log goes to the file named by the environment variable ``BENCH_VOILA_LOG`` (default: nowhere).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        # Only the loopback resolves (map tiles fail at once, as in the tests), so figures do not depend on the internet.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
sys.path.insert(0, str(ROOT))
from landsby_utils.widgets._base import SECTIONS  # noqa: E402

#: Every dashboard, in the navigation's order.
DASHBOARDS = [notebook for _, notebook, _, _ in SECTIONS]
READY = """() => {
  if (!document.querySelector('.lb-footer, .lb-error')) return false;
  const cells = document.getElementById('rendered_cells');
  if (!cells || !cells.classList.contains('lm-Widget')) return false;  // Voilà's application has started
  if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) return false;
  if (document.querySelector('.widget-area .jupyter-widgets-view, .jp-OutputArea-output:has(> .lds-ellipsis)')) return false;
  const pending = [...document.querySelectorAll('.jupyter-widgets')].filter(w => w.textContent.includes('Loading widget'));
  return pending.length === 0;
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_voila(preheat: bool, pool: int | None = None, fill_delay: float | None = None) -> tuple[subprocess.Popen, str]:
    # As `landsby serve` does: the dashboards' frames are prepared before Voilà starts.
    subprocess.run([sys.executable, "-m", "landsby_utils.cli", "prepare"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "LANDSBY_OFFLINE": "1"})
    port = free_port()
    from landsby_utils.cli import voila_command

    cmd = voila_command(port)  # as `landsby serve` runs it
    if not preheat:
        cmd.append("--VoilaConfiguration.preheat_kernel=False")
    if pool is not None:
        cmd.append(f"--VoilaConfiguration.default_pool_size={pool}")
    if fill_delay is not None:
        cmd.append(f"--VoilaKernelManager.fill_delay={fill_delay}")
    log = open(os.environ["BENCH_VOILA_LOG"], "w") if os.environ.get("BENCH_VOILA_LOG") else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "LANDSBY_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:  # a static file: the server's address redirects to a page, whose rendering would take a kernel
            urllib.request.urlopen(base + "/voila/landsby/static/datapakke-charts.js", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    return proc, base


def cpu_seconds(server: subprocess.Popen) -> dict[str, float]:
    """CPU time used so far by Chromium, by the Voilà server and by its kernels (user + system, s)."""
    used = {"browser": 0.0, "voila": 0.0, "kernels": 0.0}
    for process in psutil.process_iter(["name", "cmdline"]):
        try:
            times = process.cpu_times()
            total = times.user + times.system + times.children_user + times.children_system
            cmdline = " ".join(process.info["cmdline"] or [])
            if "chrom" in (process.info["name"] or ""):
                used["browser"] += total
            elif process.pid == server.pid:
                used["voila"] += times.user + times.system
            elif "ipykernel" in cmdline:
                used["kernels"] += total
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return used


def kernels_mb(proc: subprocess.Popen) -> list[float]:
    children = psutil.Process(proc.pid).children(recursive=True)
    return [c.memory_info().rss / 2**20 for c in children if "ipykernel" in " ".join(c.cmdline())]


def kernel_usage(kernel_id: str) -> tuple[float, float] | None:
    """Resident memory (MB) and CPU time so far (s) of the kernel with this id (found by its connection file)."""
    for process in psutil.process_iter(["cmdline"]):
        if any(f"kernel-{kernel_id}.json" in part for part in process.info["cmdline"] or []):
            times = process.cpu_times()
            return process.memory_info().rss / 2**20, times.user + times.system
    return None


#: Emulated networks (DevTools ``Network.emulateNetworkConditions``: latency ms, throughput bytes/s).
NETWORKS = {
    "rural4g": {"offline": False, "latency": 150, "downloadThroughput": 4_000_000 / 8, "uploadThroughput": 1_000_000 / 8},
}
PHONE = {"width": 390, "height": 844}


class Meter:
    """Requests and bytes of one page, from the DevTools protocol (what DevTools shows as "transferred")."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.cached: set[str] = set()
        self.ws_bytes = 0
        self.at_ready = 0

    async def attach(self, context, page, network: str | None) -> None:
        cdp = await context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", self._loaded)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)
        await cdp.send("Network.enable")
        if network:
            await cdp.send("Network.emulateNetworkConditions", NETWORKS[network])

    def _request(self, event) -> None:
        # Only what crosses the network: not data: URLs nor the maps' srcdoc frames (about:srcdoc).
        if event["request"]["url"].startswith(("http:", "https:")):
            self.urls.setdefault(event["requestId"], event["request"]["url"])

    def _loaded(self, event) -> None:
        if event["requestId"] in self.urls:
            self.bytes[event["requestId"]] = int(event["encodedDataLength"])

    def _frame(self, event) -> None:
        self.ws_bytes += len(event["response"]["payloadData"])

    @property
    def requests(self) -> int:
        """Requests that went to the network (not answered from the browser's cache)."""
        return len(set(self.urls) - self.cached)

    @property
    def from_cache(self) -> int:
        return len(set(self.urls) & self.cached)

    @property
    def total(self) -> int:
        return sum(self.bytes.values())

    def top(self, n: int) -> list[tuple[int, str]]:
        sizes = sorted(((size, self.urls.get(rid, "?")) for rid, size in self.bytes.items()), reverse=True)
        return [(size, url.split("?")[0].split("/", 3)[-1][-70:]) for size, url in sizes[:n] if size >= 1000]


#: Memory (MB) and CPU time (s) of the kernel behind each page loaded, measured when the page was ready.
PAGE_KERNEL_MB: list[float] = []
PAGE_KERNEL_CPU: list[float] = []


async def load(browser, url: str, context=None, meter: Meter | None = None,
               network: str | None = None) -> tuple[float, float]:
    """Load ``url`` in a new context (or ``context``, kept open); return seconds to first content and to ready."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    own = context is None
    if own:
        context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    if meter is not None:
        await meter.attach(context, page, network)
    start = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded", timeout=180_000)
    await page.wait_for_selector(".lb-header, .lb-error", state="visible", timeout=180_000)
    first = time.perf_counter() - start
    await page.wait_for_function(READY, timeout=180_000, polling=100)
    ready = time.perf_counter() - start
    if meter is not None:
        # Bytes until ready; then the page fetches the other dashboards' libraries in the background
        # (the template's prefetch), which the reader's phone transfers too: counted separately.
        meter.at_ready = meter.total
        try:
            await page.wait_for_function("window.landsbyPrefetched === true", timeout=120_000, polling=250)
        except PlaywrightTimeout:
            print(f"  (no background prefetch finished within 120 s on {url})")
    kernel_id = await page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    usage = kernel_usage(kernel_id)
    if usage is not None:
        PAGE_KERNEL_MB.append(usage[0])
        PAGE_KERNEL_CPU.append(usage[1])
    await page.close(run_before_unload=True)  # as a reader leaving the page (the page's unload hooks run)
    if own:
        # A closing page's shutdown request is a beacon the browser sends on its own; closing the whole
        # browser context at once can drop it (a phone's browser keeps running when a tab closes).
        await asyncio.sleep(1)
        await context.close()
    return first, ready


async def phone_views(browser, base: str, dashboards: list[str], cluster: str, network: str, top: int) -> None:
    """First view of each dashboard with an empty cache, then a second view of the next one (cache kept)."""
    print(f"\n{network} ({NETWORKS[network]['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, "
          f"{NETWORKS[network]['uploadThroughput'] * 8 / 1e6:g} up, {NETWORKS[network]['latency']} ms RTT), phone 390x844")
    print(f"{'dashboard':24} {'view':28} {'first s':>8} {'ready s':>8} {'requests':>9} {'cached':>7} {'HTTP kB':>9} {'+later kB':>9} {'ws kB':>7}")
    for index, dashboard in enumerate(dashboards):
        second = dashboards[(index + 1) % len(dashboards)]
        context = await browser.new_context(viewport=PHONE)
        for view, name in (("first, empty cache", dashboard), (f"then {second.split('_')[-1].split('.')[0]}", second)):
            if view != "first, empty cache" and second == dashboard:
                continue
            meter = Meter()
            first, ready = await load(browser, f"{base}/voila/render/{name}?klynge={cluster}", context, meter, network)
            label = dashboard if view.startswith("first") else ""
            print(f"{label:24} {view:28} {first:8.2f} {ready:8.2f} {meter.requests:9d} {meter.from_cache:7d} "
                  f"{meter.at_ready / 1000:9.0f} {(meter.total - meter.at_ready) / 1000:9.0f} {meter.ws_bytes / 1000:7.0f}")
            for size, url in meter.top(top):
                print(f"{'':26}{size / 1000:8.0f} kB  {url}")
        await context.close()


async def run(args) -> None:
    from playwright.async_api import async_playwright

    dashboards = [d for d in DASHBOARDS if (ROOT / "notebooks" / d).exists() and (not args.only or any(o in d for o in args.only))]
    proc, base = start_voila(not args.no_preheat, args.pool, args.fill_delay)
    try:
        if not args.no_preheat:
            await asyncio.sleep(args.settle)  # let the pools fill, as on a server that has been up a while
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            if args.network != "none":
                for cluster in args.clusters:
                    await phone_views(browser, base, dashboards, cluster, args.network, args.top)
                await asyncio.sleep(args.settle)
            if args.no_loopback:
                dashboards = []
            print(f"\npreheat={'on' if not args.no_preheat else 'off'}  pool={args.pool or 'voila.json'}  fill_delay={args.fill_delay or 'voila.json'}  readers={args.readers}")
            print(f"{'dashboard':24} {'case':12} {'first content s':>16} {'all ready s':>12}")
            for dashboard in dashboards:
                for cluster in args.clusters:
                    url = f"{base}/voila/render/{dashboard}?klynge={cluster}"
                    first, ready = await load(browser, url)
                    print(f"{dashboard:24} {'cold':12} {first:16.2f} {ready:12.2f}")
                    await asyncio.sleep(args.settle)
                    warm = [await load(browser, url) for _ in range(2)]
                    print(f"{dashboard:24} {'warm':12} {statistics.mean(w[0] for w in warm):16.2f} {statistics.mean(w[1] for w in warm):12.2f}")
                    await asyncio.sleep(args.settle)
                    before = cpu_seconds(proc)
                    many = await asyncio.gather(*[load(browser, url) for _ in range(args.readers)])
                    after = cpu_seconds(proc)
                    print(f"{dashboard:24} {f'{args.readers} at once':12} {max(m[0] for m in many):16.2f} {max(m[1] for m in many):12.2f}  (slowest reader)")
                    spent = ", ".join(f"{k} {after[k] - before[k]:.1f}" for k in after)
                    print(f"{dashboard:24} {'CPU s':12} {'':16} {'':12}  ({spent}; kernels that ended are not counted)")
                    print(f"{dashboard:24} {'kernel MB':12} {'':16} {max(PAGE_KERNEL_MB):12.0f}  (largest of {len(PAGE_KERNEL_MB)} readers' kernels)")
                    print(f"{dashboard:24} {'kernel CPU s':12} {'':16} {statistics.median(PAGE_KERNEL_CPU):12.2f}  "
                          f"(median per reader's kernel until its page was ready, max {max(PAGE_KERNEL_CPU):.2f})")
                    PAGE_KERNEL_MB.clear()
                    PAGE_KERNEL_CPU.clear()
                    await asyncio.sleep(args.settle)
            await browser.close()
            await asyncio.sleep(args.linger)  # closed pages' kernels should be shut down by now
            memory = kernels_mb(proc)
            if memory:
                print(f"kernels alive {args.linger:.0f} s after the last page closed: {len(memory)} "
                      f"(preheated pools: {len(list((ROOT / 'notebooks').glob('*.ipynb')))} notebooks x pool size); memory per kernel MB: "
                      f"median {statistics.median(memory):.0f}, max {max(memory):.0f}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-preheat", action="store_true")
    parser.add_argument("--readers", type=int, default=5)
    parser.add_argument("--pool", type=int, default=None, help="preheated kernels per dashboard (default: voila.json)")
    parser.add_argument("--clusters", nargs="+", default=["vestrum"])
    parser.add_argument("--fill-delay", type=float, default=None,
                        help="seconds before Voilà refills a pool after a kernel is taken (default: voila.json / Voilà's 1 s)")
    parser.add_argument("--only", nargs="+", default=[], help="dashboards to measure, e.g. befolkning (default: all)")
    parser.add_argument("--network", choices=[*NETWORKS, "none"], default="rural4g",
                        help="emulated network for the phone views (none: skip them)")
    parser.add_argument("--no-loopback", action="store_true", help="only the phone views on the emulated network")
    parser.add_argument("--top", type=int, default=5, help="largest responses listed per phone view")
    parser.add_argument("--linger", type=float, default=30.0, help="seconds after the last page before counting kernels")
    parser.add_argument("--settle", type=float, default=12.0, help="seconds to let kernel pools refill between cases")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
