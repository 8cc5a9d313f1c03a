"""What a hosted Voilà must refuse: notebooks, Python files, the cache, anything outside the served folder."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.browser  # needs the Voilà server fixture


def status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.mark.parametrize(
    "path",
    [
        "/voila/files/00_overblik.ipynb",
        "/voila/files/..%2Fpyproject.toml",
        "/voila/files/%2e%2e/pyproject.toml",
        "/voila/files/..%2F.cache%2Flandsby%2Fhttp_cache.sqlite",
        "/voila/files/..%2Flandsby_utils%2Fsettings.py",
        "/voila/files/..%2Fdata%2Fclusters%2Fvestrum.toml",
        "/voila/render/..%2FREADME.md",
        "/voila/static/..%2F..%2Fpyproject.toml",
        "/api/contents/00_overblik.ipynb",
        "/files/00_overblik.ipynb",
        "/api/kernels",
        "/api/terminals",
        "/tree",
    ],
)
def test_route_is_refused(voila_url, path):
    code, body = status(voila_url + path)
    assert code in (403, 404), (path, code)
    assert "klynge =" not in body and "import" not in body


def test_dashboard_html_carries_no_source_code(voila_url):
    code, body = status(voila_url + "/voila/render/00_overblik.ipynb?klynge=vestrum")
    assert code == 200
    assert "OverviewDashboard.from_params" not in body and "static_assets = None" not in body


def test_template_and_theme_cannot_be_changed_from_the_address(voila_url):
    """``?template=lab`` would bring back the CDN links; ``?theme=dark`` a dark page."""
    code, body = status(voila_url + "/voila/render/forside.ipynb?template=lab&theme=dark")
    assert code == 200
    assert "cdn.jsdelivr.net" not in body  # the repository's "landsby" template, not Voilà's "lab"
    assert 'data-jp-theme-name="JupyterLab Light"' in body and "theme-dark" not in body
    assert "lb-cards" in body  # the landing page itself was made


def test_malformed_query_is_not_reflected(voila_url):
    code, body = status(voila_url + "/voila/render/00_overblik.ipynb?klynge=%3Cscript%3Ealert(1)%3C/script%3E")
    assert code == 200
    assert "<script>alert(1)</script>" not in body


#: From inside a loaded dashboard, open the page's own kernel channel and send ``messages`` (shell channel,
#: JSON wire format), then a ``comm_info_request``; resolve with the message types the kernel answered
#: with, once the comm_info_reply arrived (the kernel handles shell messages in order, so by then every
#: earlier message has been handled — if it was let through at all).
_SEND_TO_KERNEL = """async (messages) => {
    const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
    const base = new URL(config.baseUrl || '/', location.href);
    const url = base.href.replace(/^http/, 'ws') + 'api/kernels/' + config.kernelId + '/channels';
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    const session = crypto.randomUUID();
    const message = (msg_type, content) => JSON.stringify({
        header: {msg_id: crypto.randomUUID(), username: 'reader', session, msg_type, version: '5.3', date: new Date().toISOString()},
        parent_header: {}, metadata: {}, content, buffers: [], channel: 'shell'});
    const answered = [];
    const done = new Promise((resolve) => {
        socket.onmessage = (event) => {
            if (typeof event.data !== 'string') return;
            const reply = JSON.parse(event.data);
            if (reply.parent_header && reply.parent_header.session === session) answered.push(reply.header.msg_type);
            if (reply.header.msg_type === 'comm_info_reply' && reply.parent_header.session === session) resolve();
        };
    });
    for (const [type, content] of messages) socket.send(message(type, content));
    socket.send(message('comm_info_request', {}));
    await done;
    socket.close();
    return answered;
}"""


def test_the_browser_cannot_run_code_in_the_kernel(voila_url, page_at, tmp_path):
    """Only widget messages reach a dashboard's kernel: code sent over its channel is never run."""
    from _support import load_dashboard

    marker = tmp_path / "written-by-the-browser.txt"
    page = page_at("laptop")
    load_dashboard(page, voila_url + "/voila/render/00_overblik.ipynb?klynge=vestrum")
    code = f"open({str(marker)!r}, 'w').write('code ran')"
    execute = {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False}
    answered = page.evaluate(_SEND_TO_KERNEL, [["execute_request", execute], ["inspect_request", {"code": "app", "cursor_pos": 3}]])
    assert "comm_info_reply" in answered  # the channel works: widget messages get through ...
    assert "execute_reply" not in answered and "inspect_reply" not in answered  # ... code requests do not
    assert not marker.exists()
