"""How many readers one Voilà server serves at once: the server's side only (prints figures; asserts nothing).

``bench_voila.py`` measures what one phone gets, with headless Chromium. With ten browsers on the same two
cores as the server, most of the CPU goes to drawing ten pages (the readers' phones do that in reality), so its
"10 at once" figure says little about the server. This script plays the ten readers without a browser: each
does what a dashboard page asks of the server, over the same protocol, all at once:

1. ``GET /voila/render/<notebook>?klynge=<cluster>``: the page, made by a preheated kernel or, when the pool is
   empty, by a kernel started for it (Voilà runs the notebook);
2. a websocket to the page's kernel (``/api/kernels/<id>/channels``), the widget manager's ``jupyter.widget.control``
   comm and its ``request_states`` message, until the kernel sends every widget's state (``update_states``);
3. after ``--hold`` seconds, the shutdown request a closing page sends (``DELETE /api/kernels/<id>``).

Per dashboard and number of readers: the slowest and median reader's time until the page had arrived and until
its widgets' states had arrived (what the server owes the reader; the phone then draws the page, about 3-6 s on
rural 4G, see ``bench_voila.py``), errors, the server's CPU seconds (Voilà and kernels, kernels that ended
included) and the largest resident memory of the server with its kernels.

Usage::

    .venv/bin/python benchmarks/bench_capacity.py [--readers 10] [--only befolkning faciliteter] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import struct
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_voila import DASHBOARDS, start_voila  # noqa: E402

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)


def _message(session: str, msg_type: str, content: dict, metadata: dict | None = None) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "username": "bench", "session": session, "msg_type": msg_type,
                   "version": "5.3", "date": datetime.now(UTC).isoformat()},
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell", "buffers": [],
    })


def _decode(raw: str | bytes) -> dict:
    """A kernel message from the websocket: JSON text, or Jupyter Server's binary frame for messages with buffers
    (a count, the offsets, the JSON, then the buffers)."""
    if isinstance(raw, str):
        return json.loads(raw)
    count = struct.unpack("!I", raw[:4])[0]
    offsets = struct.unpack(f"!{count}I", raw[4:4 + 4 * count])
    return json.loads(raw[offsets[0]:offsets[1] if count > 1 else None])


def _cookies(answer) -> str:
    """The cookies the page's answer set, as a ``Cookie`` header."""
    return "; ".join(c.split(";")[0] for c in answer.headers.get_list("Set-Cookie"))


async def _close(client, base: str, kernel: str, cookies: str) -> None:
    """The shutdown request a closing page sends (with the page's cookies and its _xsrf token)."""
    from tornado.httpclient import HTTPRequest

    xsrf = re.search(r"_xsrf=([^;]+)", cookies)
    headers = {"Cookie": cookies, **({"X-XSRFToken": xsrf.group(1)} if xsrf else {})}
    await client.fetch(HTTPRequest(f"{base}/api/kernels/{kernel}", method="DELETE", headers=headers), raise_error=False)


async def _widget_states(base: str, kernel: str, cookies: str):
    """The widget manager's first request: a websocket to the kernel, the ``jupyter.widget.control`` comm and its
    ``request_states``, until the kernel has sent every widget's state. Returns the open socket and the count."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    socket = await websocket_connect(HTTPRequest(f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels"
                                                 f"?session_id={session}", headers={"Cookie": cookies}))
    comm = uuid.uuid4().hex
    socket.write_message(_message(session, "comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control",
                                                         "data": {}}, {"version": "1.0.0"}))  # ipywidgets 8's
    socket.write_message(_message(session, "comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}))
    while True:
        raw = await asyncio.wait_for(socket.read_message(), timeout=300)
        if raw is None:
            raise ConnectionError("the kernel's websocket closed")
        msg = _decode(raw)
        data = msg.get("content", {}).get("data", {})
        if msg.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
            return socket, len(data.get("states", {}))


async def reader(base: str, notebook: str, cluster: str, hold: float) -> dict:
    """One reader: the page, then the widgets' states; returns seconds and any error."""
    from tornado.httpclient import AsyncHTTPClient

    client = AsyncHTTPClient()
    start = time.perf_counter()
    result: dict = {"page": None, "widgets": None, "error": None, "widget_count": 0}
    try:
        answer = await client.fetch(f"{base}/voila/render/{notebook}?klynge={cluster}", request_timeout=600,
                                    headers={"Accept-Encoding": "gzip"})
        result["page"] = time.perf_counter() - start
        text = answer.body.decode()
        if 'class="lb-error' in text or "Traceback" in text:
            result["error"] = "the page shows an error"
        kernel = json.loads(CONFIG.search(text).group(1))["kernelId"]
        cookies = _cookies(answer)
        socket = None
        if "application/vnd.jupyter.widget-view+json" in text:  # without widgets (the overview): ready with the page
            socket, result["widget_count"] = await _widget_states(base, kernel, cookies)
        result["widgets"] = result["page"] if socket is None else time.perf_counter() - start
        await asyncio.sleep(hold)
        if socket is not None:
            socket.close()
        await _close(client, base, kernel, cookies)
    except Exception as exc:  # noqa: BLE001 (reported, the other readers go on)
        result["error"] = f"{type(exc).__name__}: {exc}"[:200]
    return result


def server_usage(server) -> tuple[float, float]:
    """CPU seconds so far of Voilà and its kernels (ended kernels included) and their resident MB now."""
    process = psutil.Process(server.pid)
    times = process.cpu_times()
    cpu = times.user + times.system + times.children_user + times.children_system
    memory = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            child_times = child.cpu_times()
            cpu += child_times.user + child_times.system
            memory += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return cpu, memory / 2**20


async def run(args) -> None:
    dashboards = [d for d in DASHBOARDS if not args.only or any(o in d for o in args.only)]
    server, base = start_voila(True)
    try:
        await asyncio.sleep(args.settle)
        print(f"readers at once: {args.readers} (pool: voila.json), cluster {args.cluster}, {psutil.cpu_count()} cores")
        print(f"{'dashboard':28} {'round':>5} {'page max s':>10} {'ready max s':>11} {'ready median s':>14} "
              f"{'errors':>6} {'widgets':>7} {'server CPU s':>12} {'peak MB':>8}")
        for notebook in dashboards:
            for round_ in range(1, args.rounds + 1):
                cpu_before, _ = server_usage(server)
                peak = 0.0
                tasks = [asyncio.ensure_future(reader(base, notebook, args.cluster, args.hold)) for _ in range(args.readers)]
                while not all(t.done() for t in tasks):
                    peak = max(peak, server_usage(server)[1])
                    await asyncio.sleep(0.5)
                results = [t.result() for t in tasks]
                cpu_after, _ = server_usage(server)
                ready = [r["widgets"] for r in results if r["widgets"] is not None]
                pages = [r["page"] for r in results if r["page"] is not None]
                errors = [r["error"] for r in results if r["error"]]
                print(f"{notebook:28} {round_:5d} {max(pages, default=float('nan')):10.2f} "
                      f"{max(ready, default=float('nan')):11.2f} {statistics.median(ready) if ready else float('nan'):14.2f} "
                      f"{len(errors):6d} {max(r['widget_count'] for r in results):7d} {cpu_after - cpu_before:12.1f} {peak:8.0f}")
                for error in sorted(set(errors)):
                    print(f"{'':28}   error: {error}")
                await asyncio.sleep(args.settle)  # the pool refills, as between two meetings' links
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cluster", default="vestrum")
    parser.add_argument("--only", nargs="+", default=[], help="dashboards, e.g. befolkning (default: all)")
    parser.add_argument("--hold", type=float, default=5.0, help="seconds each reader keeps the page open")
    parser.add_argument("--settle", type=float, default=15.0, help="seconds to let the kernel pools fill")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
