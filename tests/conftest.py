"""Shared fixtures: offline settings, a Voilà server on a free loopback port, headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Phone and laptop viewports the dashboards must work at.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}

os.environ.setdefault("LANDSBY_OFFLINE", "1")
# Tests never read or write the developer's cache: the snapshot is what they check against.
os.environ["LANDSBY_CACHE_DIR"] = tempfile.mkdtemp(prefix="landsby-test-cache-")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 90.0) -> None:
    """Wait until ``url`` answers (any HTTP status), or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback only)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def voila_url():
    """Start Voilà on a free loopback port from the repository root (so voila.json applies)."""
    port = free_port()
    voila = Path(sys.executable).with_name("voila")
    log = (ARTIFACTS / "voila.log")
    ARTIFACTS.mkdir(exist_ok=True)
    env = {**os.environ, "LANDSBY_OFFLINE": "1"}
    with log.open("w") as handle:
        process = subprocess.Popen(
            [str(voila), "notebooks", f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"],
            cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(base + "/")
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make chromium` (the README's test command does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_at(chromium):
    """Open a new page at a named viewport; closed after the test."""
    pages = []

    def open_page(viewport: str = "laptop"):
        context = chromium.new_context(viewport=VIEWPORTS[viewport], locale="da-DK")
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        pages.append(context)
        return page

    yield open_page
    for context in pages:
        context.close()


def load_dashboard(page, url: str, timeout_ms: int = 120_000):
    """Open a dashboard and wait until its footer (or an error box) is rendered."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(".lb-footer, .lb-error", timeout=timeout_ms)
    return page


def screenshot(page, name: str) -> Path:
    """Save a screenshot into test-artifacts/ (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
