"""``landsby_utils.params.wait_for_request`` against Voilà's own server with preheated kernels.

The function copies Voilà's protocol (a websocket to ``voila/query/<kernel id>`` whose first
message is the reader's request) instead of importing ``voila.utils``. If a Voilà upgrade
changes the protocol, the copy would silently fall back to the notebook's parameters and every
reader would see the default cluster. This test starts the installed Voilà with preheating on the
loopback, serving a probe notebook that calls the copy, and checks that the preheated kernel
receives the query string of a real page request.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from _support import ARTIFACTS, free_port, stop_process, wait_for_http

pytestmark = pytest.mark.slow

#: The probe: say (in a file) that the kernel is waiting, wait for the request, print what arrived.
PROBE = """import os, pathlib
from landsby_utils import params
pathlib.Path(os.environ["LANDSBY_PROBE_MARKER"]).write_text("waiting " + os.environ.get("VOILA_PREHEAT", ""))
params.wait_for_request()
print("query<" + os.environ.get("QUERY_STRING", "") + "> preheated<" + os.environ.get("VOILA_PREHEAT", "") + ">")"""


def _wait_for_file(path: Path, content: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text() == content:
            return
        time.sleep(0.2)
    raise TimeoutError(f"no preheated kernel reached wait_for_request within {timeout} s ({path})")


def test_a_preheated_kernel_receives_the_query_string_of_a_page_request(tmp_path):
    folder = tmp_path / "served"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(PROBE)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "probe.ipynb")
    marker = tmp_path / "marker"
    port = free_port()
    voila = Path(sys.executable).with_name("voila")
    env = {**os.environ, "LANDSBY_PROBE_MARKER": str(marker), "LANDSBY_OFFLINE": "1"}
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "voila-preheat-protocol.log").open("w") as log:
        process = subprocess.Popen(
            [str(voila), str(folder), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1",
             "--preheat_kernel=True", "--pool_size=1", "--VoilaExecutor.timeout=120"],
            cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_http(base + "/")
            _wait_for_file(marker, "waiting True")  # the pool's kernel ran the probe up to the wait
            with urllib.request.urlopen(f"{base}/voila/render/probe.ipynb?klynge=friskvind", timeout=120) as answer:  # noqa: S310
                body = answer.read().decode("utf-8")
        finally:
            stop_process(process)
    text = html.unescape(body)
    assert "query<klynge=friskvind> preheated<True>" in text, text[-2000:]
