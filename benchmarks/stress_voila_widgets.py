"""Load each Voilà dashboard many times under CPU load and count broken widgets (prints figures; asserts nothing).

Issue 15: "Error displaying widget: model not found" appeared once on the population page's village
picker in a full test run. This script loads every dashboard ``--loads`` times one after another
(default 200) in headless Chromium at the phone viewport, while ``--burners`` background processes
(default 1) keep a CPU core busy, and counts per dashboard:

* pages showing "Error displaying widget" (the text ipywidgets writes in place of a widget),
* pages where a widget never appeared (Voilà's outputs left unrendered, "Loading widget..." left,
  fewer widgets and charts than the most any load of that dashboard showed, or the page not ready
  within ``--timeout`` seconds),
* the slowest time to ready.

The console and page errors of every failing load are written to ``test-artifacts/stress-*.txt``.

Usage::

    .venv/bin/python benchmarks/stress_voila_widgets.py [--loads 200] [--burners 1] [--only befolkning]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_voila import ARGS, CHROMIUM, DASHBOARDS, PHONE, READY, ROOT, start_voila  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
#: Widget views that did not become widgets: Voilà's output scripts left, "Loading widget..." left, error text.
STATE = """() => {
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
  const manager = window.jupyterapp && window.jupyterapp.widgetManager;
  return {
    errors: outputs.filter(o => o.textContent.includes('Error displaying widget')).length,
    pending: document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]').length
             + outputs.filter(o => o.textContent.trim() === 'Loading widget...').length,
    widgets: document.querySelectorAll('.widget-box, .widget-html, .widget-toggle-button, .js-plotly-plot').length,
    restored: manager ? manager.restoredStatus : null,
    restoring: manager ? manager._kernelRestoreInProgress : null,
    models: manager && manager._models ? manager._models.size : null,
    kernel: manager && manager.kernel ? [manager.kernel.status, manager.kernel.connectionStatus] : null,
  };
}"""


#: Every widget output has become a widget or an error (none is left "Loading widget...").
SETTLED = """() => ![...document.querySelectorAll('.jp-OutputArea-output')].some(o => o.textContent.trim() === 'Loading widget...')"""


#: With ``--trace``: log the widget manager's restore, its fallback, model deletions and comm messages to the
#: console (kept in the failing load's ``.txt``), and note which widget models the page's outputs name.
TRACE = """(() => {
  const log = (...a) => console.log('[trace]', (performance.now() / 1000).toFixed(2), ...a);
  document.addEventListener('DOMContentLoaded', () => {
    window.__pageModels = [...document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]')]
      .map(s => { try { const d = JSON.parse(s.textContent).data || {}; const v = d['application/vnd.jupyter.widget-view+json']; return v && v.model_id; } catch (e) { return null; } })
      .filter(Boolean);
    log('page outputs name', window.__pageModels.length, 'widget models');
  });
  const timer = setInterval(() => {
    const m = window.jupyterapp && window.jupyterapp.widgetManager;
    if (!m) return;
    clearInterval(timer);
    log('manager found: restoring', m._kernelRestoreInProgress, 'restored', m.restoredStatus, 'models', Object.keys(m._models).length);
    m._models = new Proxy(m._models, {deleteProperty(t, k) { log('model deleted', k, new Error().stack.split('\\n').slice(1, 7).join(' | ')); return delete t[k]; }});
    const fallback = m._loadFromKernelModels.bind(m);
    m._loadFromKernelModels = async () => { log('fallback: the control comm did not answer'); const r = await fallback(); log('fallback done', Object.keys(m._models).length); return r; };
    m.restored.connect(() => log('restored with', Object.keys(m._models).length, 'models; missing', (window.__pageModels || []).filter(id => !(id in m._models)).join(',')));
    const k = m.kernel;
    k.connectionStatusChanged.connect((_, s) => log('connection', s));
    k.statusChanged.connect((_, s) => log('kernel', s));
    if (k.anyMessage) k.anyMessage.connect((_, a) => { const msg = a.msg, c = msg.content || {};
      if (msg.header.msg_type.startsWith('comm')) log(a.direction, msg.header.msg_type, c.comm_id, (c.data && c.data.method) || '', c.target_name || '',
        c.data && c.data.states ? Object.keys(c.data.states).length + ' states' : ''); });
  }, 5);
})();"""


def burn() -> subprocess.Popen:
    """A process that keeps one CPU core busy until it is ended."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def run(args) -> None:
    from playwright.sync_api import sync_playwright

    dashboards = [d for d in DASHBOARDS if not args.only or any(o in d for o in args.only)]
    server, base = start_voila(True)
    burners = [burn() for _ in range(args.burners)]
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        time.sleep(args.settle)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"{args.loads} loads per dashboard, one after another, {args.burners} CPU burner(s), phone 390x844")
            print(f"{'dashboard':24} {'loads':>6} {'widget errors':>14} {'missing widgets':>16} {'widgets/page':>13} {'slowest s':>10}")
            for dashboard in dashboards:
                url = f"{base}/voila/render/{dashboard}?klynge={args.cluster}"
                errors = missing = 0
                slowest = 0.0
                counts: set[int] = set()
                for number in range(args.loads):
                    context = browser.new_context(viewport=PHONE)
                    page = context.new_page()
                    if args.trace:
                        page.add_init_script(TRACE)
                    log: list[str] = []
                    page.on("console", lambda m, log=log: log.append(f"{m.type}: {m.text}"))
                    page.on("pageerror", lambda e, log=log: log.append(f"pageerror: {e}"))
                    start = time.perf_counter()
                    ready = True
                    try:
                        page.goto(url, wait_until="domcontentloaded", timeout=args.timeout * 1000)
                        page.wait_for_function(READY, timeout=args.timeout * 1000, polling=200)
                        page.wait_for_function(SETTLED, timeout=args.timeout * 1000, polling=200)
                    except Exception as exc:  # a page not ready in time is counted as missing widgets
                        ready = False
                        log.append(f"not ready: {exc!r}"[:300])
                    slowest = max(slowest, time.perf_counter() - start)
                    state = page.evaluate(STATE)
                    counts.add(state["widgets"])
                    # A page with fewer widgets than the most seen on this dashboard lost some.
                    short = state["widgets"] < max(counts)
                    failed = state["errors"] > 0 or state["pending"] > 0 or not ready or short
                    errors += state["errors"] > 0
                    missing += (state["pending"] > 0 or not ready or short) and state["errors"] == 0
                    if failed:
                        stem = ARTIFACTS / f"stress-{dashboard.split('.')[0]}-{number}"
                        page.screenshot(path=f"{stem}.png", full_page=True)
                        Path(f"{stem}.txt").write_text(f"{state}\n" + "\n".join(log), encoding="utf-8")
                    page.close(run_before_unload=True)
                    context.close()
                    if args.pause:
                        time.sleep(args.pause)
                    if (number + 1) % 25 == 0 and number + 1 < args.loads:
                        print(f"  {dashboard}: {number + 1} loads, {errors} widget errors, {missing} missing so far "
                              f"({time.strftime('%H:%M:%S')})", flush=True)
                print(f"{dashboard:24} {args.loads:6d} {errors:14d} {missing:16d} {'/'.join(map(str, sorted(counts))):>13} "
                      f"{slowest:10.1f}", flush=True)
            browser.close()
    finally:
        for burner in burners:
            burner.terminate()
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=200)
    parser.add_argument("--burners", type=int, default=1, help="background processes each keeping a core busy")
    parser.add_argument("--cluster", default="vestrum")
    parser.add_argument("--only", nargs="+", default=[], help="dashboards to load, e.g. befolkning (default: all)")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds a page may take to be ready")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between loads")
    parser.add_argument("--trace", action="store_true", help="log the widget manager's restore and comm messages of failing loads")
    parser.add_argument("--settle", type=float, default=12.0, help="seconds to let the kernel pools fill first")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
