"""Benchmark the Voilà dashboards in headless Chromium (prints figures; asserts nothing).

For each dashboard: time to first content (the header is visible) and time until
everything is rendered (the sources footer, every widget and chart), for a cold
load (the first after the server starts) and warm loads, one reader and
N concurrent readers, and the memory of the kernel behind each reader's page.

Usage::

    .venv/bin/python benchmarks/bench_voila.py [--no-preheat] [--readers 5] [--clusters vestrum]
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
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
DASHBOARDS = ["00_overblik.ipynb", "02_befolkning.ipynb", "03_faciliteter.ipynb"]
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
    voila = Path(sys.executable).with_name("voila")
    from landsby_utils.cli import voila_config_args

    cmd = [str(voila), "notebooks", f"--port={port}", "--no-browser", *voila_config_args()]
    if not preheat:
        cmd.append("--VoilaConfiguration.preheat_kernel=False")
    if pool is not None:
        cmd.append(f"--VoilaConfiguration.default_pool_size={pool}")
    if fill_delay is not None:
        cmd.append(f"--VoilaKernelManager.fill_delay={fill_delay}")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "LANDSBY_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
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


def kernel_mb(kernel_id: str) -> float | None:
    """Resident memory of the kernel with this id (found by its connection file), in MB."""
    for process in psutil.process_iter(["cmdline"]):
        if any(f"kernel-{kernel_id}.json" in part for part in process.info["cmdline"] or []):
            return process.memory_info().rss / 2**20
    return None


#: Memory of the kernel behind each page loaded (MB), measured when the page was ready.
PAGE_KERNEL_MB: list[float] = []


async def load(browser, url: str) -> tuple[float, float]:
    context = await browser.new_context(viewport={"width": 390, "height": 844})
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded", timeout=180_000)
    await page.wait_for_selector(".lb-header, .lb-error", state="visible", timeout=180_000)
    first = time.perf_counter() - start
    await page.wait_for_function(READY, timeout=180_000, polling=100)
    ready = time.perf_counter() - start
    kernel_id = await page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    memory = kernel_mb(kernel_id)
    if memory is not None:
        PAGE_KERNEL_MB.append(memory)
    await context.close()
    return first, ready


async def run(args) -> None:
    from playwright.async_api import async_playwright

    dashboards = [d for d in DASHBOARDS if (ROOT / "notebooks" / d).exists() and (not args.only or any(o in d for o in args.only))]
    proc, base = start_voila(not args.no_preheat, args.pool, args.fill_delay)
    try:
        if not args.no_preheat:
            await asyncio.sleep(args.settle)  # let the pools fill, as on a server that has been up a while
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"preheat={'on' if not args.no_preheat else 'off'}  pool={args.pool or 'voila.json'}  fill_delay={args.fill_delay or 'voila.json'}  readers={args.readers}")
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
                    PAGE_KERNEL_MB.clear()
                    await asyncio.sleep(args.settle)
            memory = kernels_mb(proc)
            if memory:
                print(f"kernels alive: {len(memory)}; memory per kernel MB: median {statistics.median(memory):.0f}, max {max(memory):.0f}")
            await browser.close()
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
    parser.add_argument("--settle", type=float, default=12.0, help="seconds to let kernel pools refill between cases")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
