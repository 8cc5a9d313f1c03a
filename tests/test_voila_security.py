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


def test_malformed_query_is_not_reflected(voila_url):
    code, body = status(voila_url + "/voila/render/00_overblik.ipynb?klynge=%3Cscript%3Ealert(1)%3C/script%3E")
    assert code == 200
    assert "<script>alert(1)</script>" not in body
