"""Shared fixtures: offline settings, a Voilà server on a free loopback port, headless Chromium."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from _support import (  # noqa: F401 (shared with the test modules)
    _OPEN_PAGES,
    _OUTPUTS,
    _UNBOX_CSS,
    APP_STARTED,
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    VIEWPORTS,
    VOILA_CELL_TIMEOUT,
    close_context,
    free_port,
    load_dashboard,
    new_page,
    screenshot,
    screenshot_full,
    stop_process,
    wait_for_http,
)

os.environ.setdefault("LANDSBY_OFFLINE", "1")
# Tests never read or write the developer's cache: the snapshot is what they check against.
os.environ["LANDSBY_CACHE_DIR"] = tempfile.mkdtemp(prefix="landsby-test-cache-")


@pytest.fixture
def live_http(tmp_path, monkeypatch):
    """Network allowed, but only to the tests' own loopback servers; cache in tmp_path; fast retries."""
    from landsby_utils import _http, settings

    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setenv("LANDSBY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(settings, "OFFLINE", False)
    monkeypatch.delenv("LANDSBY_OFFLINE", raising=False)
    monkeypatch.setattr(settings, "HTTP_RETRIES", 1)
    monkeypatch.setattr(settings, "HTTP_BACKOFF_S", 0.01)
    monkeypatch.setattr(settings, "HTTP_TIMEOUT_S", 5.0)
    monkeypatch.setattr(settings, "HTTP_RETRY_AFTER_MAX_S", 0.05)
    yield
    _http.close_sessions()


def _voila_command(port: int) -> list[str]:
    from landsby_utils.cli import voila_command  # imported late: settings must see LANDSBY_CACHE_DIR first

    return voila_command(port, ip="127.0.0.1")


@pytest.fixture(scope="session")
def voila_url():
    """Start Voilà as ``landsby serve`` does, on a free loopback port from the repository root (so voila.json applies).

    Like ``landsby serve``, the dashboards' frames are prepared first (landsby_utils/frames.py), and the server
    is ``landsby_utils/voila_config/server.py`` (Voilà with gzip, cacheable files, map libraries served once).
    """
    from landsby_utils import frames
    from landsby_utils.cluster import cluster_slugs
    from landsby_utils.widgets._base import dashboard_classes

    frames.prepare_all(cluster_slugs(), dashboard_classes())
    port = free_port()
    log = (ARTIFACTS / "voila.log")
    ARTIFACTS.mkdir(exist_ok=True)
    env = {**os.environ, "LANDSBY_OFFLINE": "1"}
    with log.open("w") as handle:
        process = subprocess.Popen(
            _voila_command(port),
            cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(base + "/")
            yield base
        finally:
            stop_process(process)


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




#: Each rendered output of a Voilà page: its MIME type, whether it has content, and its first words.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, save every open page's screenshot, console, page errors and outputs.

    Written to ``test-artifacts/FAILED-<test>.*``, so an intermittent failure in CI can be diagnosed
    afterwards (which output stayed empty, what the widget manager logged).
    """
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or not _OPEN_PAGES:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.name)[:120]
    for number, page in enumerate(list(_OPEN_PAGES)):
        stem = ARTIFACTS / f"FAILED-{safe}-{number}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            outputs = page.evaluate(_OUTPUTS)
        except Exception as exc:  # the page may be gone; the report itself is what matters
            outputs = [f"(could not read the page: {exc!r})"]
        lines = [f"url: {page.url}", "failure:", report.longreprtext[-6000:], "page errors:", *page.errors, "console:",
                 *page.console_messages, "outputs:"]
        lines += [str(output) for output in outputs]
        Path(f"{stem}.txt").write_text("\n".join(lines), encoding="utf-8")
        report.sections.append((f"page {number} at failure", "\n".join(lines[-60:])))


@pytest.fixture
def page_at(chromium):
    """Open a new page at a named viewport; closed after the test."""
    pages = []

    def open_page(viewport: str = "laptop"):
        page = new_page(chromium, viewport)
        pages.append(page.context)
        return page

    yield open_page
    for context in pages:
        close_context(context)


@pytest.fixture(scope="module")
def kept_page(chromium):
    """One page kept open across a module's tests, so a dashboard is loaded once and checked at several sizes.

    ``kept_page(key, url, viewport)`` returns ``(page, loaded)``: the page already open for ``key``
    (``loaded`` False), or a new page at ``viewport`` with ``url`` loaded by :func:`load_dashboard`
    (``loaded`` True). Asking for another key closes the previous page (and so its Voilà kernel).
    """
    kept: dict[str, object] = {}

    def get(key: str, url: str, viewport: str = "laptop"):
        if key in kept:
            return kept[key], False
        for page in kept.values():
            close_context(page.context)
        kept.clear()
        page = new_page(chromium, viewport)
        try:
            load_dashboard(page, url)
        except BaseException:
            close_context(page.context)  # a page that did not load is not kept: the next test loads it again
            raise
        kept[key] = page
        return page, True

    yield get
    for page in kept.values():
        close_context(page.context)


#: True once Voilà's JavaScript application has taken over the page: the cells are a Lumino widget and
#: every output left for JavaScript (widgets, charts) has been handed to its renderer.
#: Voilà's message when a cell ran longer than ``VoilaExecutor.timeout`` (voila.json); the page stops there.
#: Lets the page grow to its content for a whole-page screenshot: Voilà's lab template (Lumino panels
#: with ``contain: strict``) otherwise scrolls the dashboard inside ``#rendered_cells``.
