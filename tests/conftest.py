"""Shared fixtures: offline settings, a Voilà server on a free loopback port, headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
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
    # No network in tests: every host name but the loopback fails to resolve (map tiles, any CDN), so a page
    # behaves the same with and without internet; pages may still try, and tests can see those requests.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
#: Phone and laptop viewports the dashboards must work at.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
#: Page errors from upstream code that the dashboards cannot fix: jupyterlab-plotly's renderer calls
#: ``model.setData()`` after drawing, which Voilà's output models lack (the charts are drawn).
KNOWN_UPSTREAM_PAGE_ERRORS = ("setData is not a function",)

os.environ.setdefault("LANDSBY_OFFLINE", "1")
# Tests never read or write the developer's cache: the snapshot is what they check against.
os.environ["LANDSBY_CACHE_DIR"] = tempfile.mkdtemp(prefix="landsby-test-cache-")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Stop a server the tests started: ask it to end, and kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


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


#: Pages opened by :func:`new_page` and not yet closed (for the diagnostics saved when a test fails).
_OPEN_PAGES: list = []


def new_page(browser, viewport: str = "laptop"):
    """A page in a new Danish browser context at a named viewport.

    Page errors are recorded in ``page.errors`` and console messages in ``page.console_messages``; if a
    test fails while the page is open, :func:`pytest_runtest_makereport` saves both with a screenshot.
    """
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="da-DK")
    page = context.new_page()
    page.errors = []
    page.console_messages = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda message: page.console_messages.append(f"{message.type}: {message.text}"))
    _OPEN_PAGES.append(page)
    page.on("close", lambda _: _OPEN_PAGES.remove(page) if page in _OPEN_PAGES else None)
    return page


#: Each rendered output of a Voilà page: its MIME type, whether it has content, and its first words.
_OUTPUTS = """() => [...document.querySelectorAll('.jp-OutputArea-output')].map(o => ({
    mime: o.getAttribute('data-mime-type') || o.className,
    children: o.children.length,
    text: o.innerText.slice(0, 80),
}))"""


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
        lines = [f"url: {page.url}", "page errors:", *page.errors, "console:", *page.console_messages, "outputs:"]
        lines += [str(output) for output in outputs]
        Path(f"{stem}.txt").write_text("\n".join(lines), encoding="utf-8")
        report.sections.append((f"page {number} at failure", "\n".join(lines[-60:])))


def close_context(context) -> None:
    """Close a browser context as a reader closes the pages: each page's unload hooks run, so Voilà shuts
    its kernel down (a test run otherwise leaves every page's ~145 MB kernel to the 15-minute idle cull)."""
    from playwright.sync_api import Error as PlaywrightError

    for page in list(context.pages):
        if not page.is_closed():
            try:
                page.close(run_before_unload=True)
            except PlaywrightError:
                # ``close(run_before_unload=True)`` returns before the page is gone: a page a test closed
                # that way a moment ago may finish closing while this asks again. It is closed either way.
                if not page.is_closed():
                    raise
    context.close()


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
APP_STARTED = """() => {
    const cells = document.getElementById('rendered_cells');
    return !!cells && cells.classList.contains('lm-Widget')
        && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]');
}"""

#: Voilà's message when a cell ran longer than ``VoilaExecutor.timeout`` (voila.json); the page stops there.
VOILA_CELL_TIMEOUT = "Cell execution timed out"


def load_dashboard(page, url: str, timeout_ms: int = 120_000, goto_timeout_ms: int = 240_000):
    """Open a dashboard and wait until its footer (or an error box) is rendered.

    Voilà answers only when the notebook has run, which takes long on a busy 2-core machine.
    A page that Voilà aborted with a cell time-out fails at once, saying so (instead of waiting for a footer).
    """
    page.goto(url, wait_until="domcontentloaded", timeout=goto_timeout_ms)
    page.wait_for_selector(f".lb-footer, .lb-error, :text('{VOILA_CELL_TIMEOUT}')", timeout=timeout_ms)
    # The HTML parts show as soon as the page has arrived (the "landsby" template); then Voilà's JavaScript
    # application starts, moves the cells into its shell (a map's frame loads again) and draws the widgets
    # and charts. A dashboard is loaded once that has happened.
    page.wait_for_function(APP_STARTED, timeout=timeout_ms)
    if page.locator(f":text('{VOILA_CELL_TIMEOUT}')").count():
        pytest.fail(
            f"Voilà aborted {url} with a cell time-out: {page.inner_text('body')[:300]!r}. With preheated kernels "
            "this is what a reader gets when the kernel waited longer than VoilaExecutor.timeout for a request."
        )
    return page


def unexpected_page_errors(errors: list[str]) -> list[str]:
    """The page errors that are not in :data:`KNOWN_UPSTREAM_PAGE_ERRORS`."""
    return [e for e in errors if not any(known in e for known in KNOWN_UPSTREAM_PAGE_ERRORS)]


def screenshot(page, name: str) -> Path:
    """Save a screenshot into test-artifacts/ (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


#: Lets the page grow to its content for a whole-page screenshot: Voilà's lab template (Lumino panels
#: with ``contain: strict``) otherwise scrolls the dashboard inside ``#rendered_cells``.
_UNBOX_CSS = (
    "html,body,#main,#jp-main-content-panel,#rendered_cells{height:auto!important;overflow:visible!important}"
    "#main,#jp-main-content-panel,#rendered_cells{position:static!important;contain:none!important}"
)


def screenshot_full(page, name: str, settle_ms: int = 500) -> Path:
    """Save the whole dashboard as ``<name>-full.png`` into test-artifacts/.

    Voilà scrolls the dashboard inside ``#rendered_cells``, so a full-page screenshot only shows the
    first screen. A style sheet lets the page grow for the picture and is removed afterwards; the
    window is not resized (a resize makes Plotly and Leaflet lay out again, which is not what was checked).
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-full.png"
    style = page.add_style_tag(content=_UNBOX_CSS)
    try:
        page.wait_for_timeout(settle_ms)
        page.screenshot(path=str(path), full_page=True)
    finally:
        style.evaluate("element => element.remove()")
    return path
