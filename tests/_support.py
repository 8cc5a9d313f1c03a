"""Helpers the test modules share (imported as ``from _support import ...``): loopback servers, headless Chromium pages.

They live here rather than in ``conftest.py``: the notebooks folder has a ``conftest.py`` of its own, and
two modules named ``conftest`` cannot both be imported by name.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

#: Pages opened by :func:`new_page` and not yet closed (for the diagnostics saved when a test fails).
_OPEN_PAGES: list = []

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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is an answer: not followed (it raises HTTPError)
        return None


#: Follows no redirect: a Voilà server's address redirects to a dashboard, which would take a kernel to render.
_NO_REDIRECT = urllib.request.build_opener(_NoRedirect)


def redirect_of(url: str) -> tuple[int, str | None]:
    """The HTTP status of a GET of ``url`` and where it redirects to (``None``: no redirect), not followed."""
    try:
        with _NO_REDIRECT.open(url, timeout=60) as answer:
            return answer.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def wait_for_http(url: str, timeout: float = 90.0) -> None:
    """Wait until ``url`` answers (any HTTP status, a redirect not followed), or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _NO_REDIRECT.open(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


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


_OUTPUTS = """() => [...document.querySelectorAll('.jp-OutputArea-output')].map(o => ({
    mime: o.getAttribute('data-mime-type') || o.className,
    children: o.children.length,
    text: o.innerText.slice(0, 80),
}))"""


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


APP_STARTED = """() => {
    const cells = document.getElementById('rendered_cells');
    return !!cells && cells.classList.contains('lm-Widget')
        && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]');
}"""

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


def screenshot(page, name: str) -> Path:
    """Save a screenshot into test-artifacts/ (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


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
