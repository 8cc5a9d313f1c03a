"""``landsby lab``: the consultant's executed working copies outside git, and JupyterLab opened on them."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest
from _support import ARTIFACTS, ROOT, free_port, stop_process

pytestmark = pytest.mark.slow

DASHBOARDS = ("00_overblik.ipynb", "02_befolkning.ipynb", "03_faciliteter.ipynb", "04_sammenligning.ipynb",
              "05_borgerundersoegelse.ipynb", "06_flytninger.ipynb")


def _tracked() -> dict[str, str]:
    """SHA-256 of every tracked notebook."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((ROOT / "notebooks").glob("*.ipynb"))}


def _lab(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "landsby_utils.cli", "lab", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "LANDSBY_OFFLINE": "1"}, **kwargs)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Working copies for Friskvind in English, and the tracked notebooks' hashes before and after."""
    folder = tmp_path_factory.mktemp("lab") / "friskvind"
    before = _tracked()
    done = _lab("friskvind", "--lang", "en", "--dir", str(folder), "--no-start", timeout=600)
    assert done.returncode == 0, done.stderr
    return folder, before, _tracked(), done.stdout


def test_copies_are_executed_with_the_cluster_and_language(copies):
    folder, _, _, stdout = copies
    assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(DASHBOARDS)  # the landing page is not per cluster
    for name in DASHBOARDS:
        nb = nbformat.read(folder / name, as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and 'klynge = "friskvind"' in injected[0].source and 'lang = "en"' in injected[0].source
        shown = "\n".join(o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code"
                          for o in c.get("outputs", []))
        assert "Friskvind" in shown, name  # what ran is the chosen cluster, not the notebook's default (VestRum)
        assert "VestRum" not in shown, name
        assert "Sources and licences" in shown, name  # in English, and run to the last cell
    assert "made" in stdout


def test_tracked_notebooks_stay_byte_identical(copies):
    _, before, after, _ = copies
    assert after == before


def test_a_second_run_keeps_the_consultants_copies(copies):
    folder, _, _, _ = copies
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.ipynb")}
    done = _lab("friskvind", "--dir", str(folder), "--no-start", timeout=120)
    assert done.returncode == 0, done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.ipynb")} == stamps
    assert done.stdout.count("kept") == len(DASHBOARDS)


def test_unknown_cluster_is_one_message_and_no_folder(tmp_path):
    done = _lab("vestrumm", "--dir", str(tmp_path / "lab"), "--no-start", timeout=120)
    assert done.returncode == 2 and "vestrum" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "lab").exists()


def test_jupyterlab_starts_on_the_copies_as_the_current_user(copies):
    """Started by the command as whoever runs the tests (root in CI containers too), it answers on the loopback."""
    folder, _, _, _ = copies
    port, token = free_port(), "landsby-lab-test"
    ARTIFACTS.mkdir(exist_ok=True)
    env = {**os.environ, "LANDSBY_OFFLINE": "1", "JUPYTER_TOKEN": token}
    with (ARTIFACTS / "jupyterlab.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "landsby_utils.cli", "lab", "friskvind", "--dir", str(folder), "--no-browser",
             f"--port={port}"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
        )
        try:
            contents = None
            deadline = time.monotonic() + 120
            while contents is None and time.monotonic() < deadline:
                assert process.poll() is None, (ARTIFACTS / "jupyterlab.log").read_text()[-2000:]
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=5) as answer:  # noqa: S310
                        contents = json.loads(answer.read())
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.3)
            assert contents is not None, "JupyterLab did not answer within 120 s"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=30) as answer:  # noqa: S310
                assert answer.status == 200 and "JupyterLab" in answer.read().decode("utf-8")
        finally:
            stop_process(process)
    # JupyterLab's root is the work folder: it lists the copies, not the tracked notebooks' folder
    assert sorted(item["name"] for item in contents["content"]) == sorted(DASHBOARDS)
