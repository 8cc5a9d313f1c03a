"""A dashboard's kernel and the page: a closed page frees its kernel; a page whose kernel has ended says so.

Each reader's page has its own kernel (~140 MB). Voilà's page asks the server to shut it down when the page
is closed (a beacon to ``voila/api/shutdown/<kernel>``), but the server refused every such request for want of
the ``_xsrf`` cookie, so closed pages' kernels lived until the idle cull (15 minutes). And when a kernel has
ended (culled, crashed), the page's widgets went dead without a word.
"""

from __future__ import annotations

import contextlib
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
from _support import load_dashboard

pytestmark = pytest.mark.browser

#: How long a closed page's kernel may live on (issue 15).
FREED_WITHIN_S = 30


def kernel_id(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def kernel_exists(base: str, kernel: str) -> bool:
    """Whether the server still has this kernel (Voilà's REST API answers 404 once it is gone)."""
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel}", timeout=10):  # noqa: S310 (loopback)
            return True
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False
        raise


def wait_until_gone(base: str, kernel: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not kernel_exists(base, kernel):
            return True
        time.sleep(0.5)
    return not kernel_exists(base, kernel)


def loaded(page_at, url: str):
    page = page_at("phone")
    load_dashboard(page, url)
    # Voilà's widget manager (which registers its own shutdown on beforeunload) is running.
    page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.widgetManager)", timeout=120_000)
    return page


@pytest.mark.parametrize("beforeunload", [True, False], ids=["closed", "closed-without-beforeunload"])
def test_a_closed_page_frees_its_kernel(voila_url, page_at, beforeunload):
    """Closing the page ends its kernel, also when the browser fires no ``beforeunload`` (phones often do not:
    a tab closed from the tab switcher): then the page's ``pagehide`` sends the request."""
    page = loaded(page_at, f"{voila_url}/voila/render/02_befolkning.ipynb?klynge=vestrum")
    kernel = kernel_id(page)
    assert kernel_exists(voila_url, kernel)
    page.close(run_before_unload=beforeunload)
    assert wait_until_gone(voila_url, kernel, FREED_WITHIN_S), f"kernel {kernel} still alive {FREED_WITHIN_S} s after its page closed"


@pytest.mark.parametrize(("notebook", "lang", "text", "button"), [
    ("02_befolkning.ipynb?klynge=vestrum", "da", "Siden har været åben længe, eller forbindelsen er afbrudt", "Genindlæs"),
    ("00_overblik.ipynb?klynge=vestrum&lang=en", "en", "This page has been open a long time, or the connection was lost", "Reload"),
])
def test_a_page_whose_kernel_has_ended_says_so_and_reloads(voila_url, page_at, notebook, lang, text, button):
    """The kernel ends (here shut down through the REST API, as the idle cull does): the page shows a notice
    with a button, and the button loads the page again with a new kernel."""
    page = loaded(page_at, f"{voila_url}/voila/render/{notebook}")
    kernel = kernel_id(page)
    assert page.locator("#lb-kernel-notice").count() == 0  # not while the kernel lives
    xsrf = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
    request = urllib.request.Request(f"{voila_url}/api/kernels/{kernel}", method="DELETE",
                                     headers={"X-XSRFToken": xsrf, "Cookie": f"_xsrf={xsrf}"})
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback)
        assert answer.status == 204
    notice = page.locator("#lb-kernel-notice")
    notice.wait_for(timeout=60_000)
    assert notice.get_attribute("role") == "alert"
    assert text in notice.inner_text()
    reload = notice.get_by_role("button", name=button)
    assert reload.is_visible()
    reload.click()
    page.wait_for_function("id => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId !== id",
                           arg=kernel, timeout=240_000)
    load_dashboard(page, page.url)
    new_kernel = kernel_id(page)
    assert new_kernel != kernel and kernel_exists(voila_url, new_kernel)
    assert page.locator("#lb-kernel-notice").count() == 0


def test_the_servers_kernels_talk_over_unix_sockets(voila_url, page_at):
    """The server and its kernels use Unix sockets, which nothing else can take, not loopback TCP ports.

    Over TCP, jupyter_client picks a kernel's ports by binding port 0 and letting go, and the kernel binds
    them a moment later: a test run once saw another socket take one in between ("Address already in use"),
    the preheated kernel never started, and its reader waited 60 s for an error page.
    """
    port = int(voila_url.rsplit(":", 1)[1])
    page = loaded(page_at, f"{voila_url}/voila/render/00_overblik.ipynb?klynge=vestrum")
    servers = [process for process in psutil.process_iter(["cmdline"], ad_value=[])
               if "landsby_utils.voila_config.server" in (command := process.info["cmdline"] or [])
               and f"--port={port}" in command]
    assert len(servers) == 1, servers
    kernels = []
    for child in servers[0].children():
        with contextlib.suppress(psutil.NoSuchProcess):
            if "ipykernel_launcher" in (command := child.cmdline()):
                kernels.append(command)
    assert kernel_id(page) in " ".join(" ".join(command) for command in kernels)
    for command in kernels:
        connection = json.loads(Path(command[command.index("-f") + 1]).read_text())
        assert connection["transport"] == "ipc", connection
        for name in ("shell", "iopub", "stdin", "control", "hb"):
            socket_file = Path(f"{connection['ip']}-{connection[name + '_port']}")
            assert socket_file.is_socket(), socket_file
