"""The shared HTTP layer against a real loopback server: caching, retries, faults, offline mode."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from werkzeug import Request, Response

from landsby_utils import _http, settings
from landsby_utils._errors import SourceError


@pytest.fixture(autouse=True)
def isolated(live_http, monkeypatch):
    """Loopback servers (see conftest.live_http), with 2 retries to exercise them."""
    monkeypatch.setattr(settings, "HTTP_RETRIES", 2)


@pytest.fixture
def sleeps(monkeypatch) -> list[float]:
    """Record the waits between retries instead of sleeping."""
    waits: list[float] = []
    monkeypatch.setattr(_http, "_sleep", waits.append)
    return waits


def _json_ok(text: str) -> None:
    try:
        json.loads(text)
    except ValueError as exc:
        raise SourceError(f"not JSON: {exc}", "ikke JSON") from exc


def _served(httpserver) -> int:
    return len(httpserver.log)


def test_sends_user_agent_and_caches_second_call(httpserver):
    httpserver.expect_request("/thing", headers={"User-Agent": settings.USER_AGENT}).respond_with_json({"a": 1})
    first = _http.request("GET", httpserver.url_for("/thing"), validate=_json_ok)
    second = _http.request("GET", httpserver.url_for("/thing"), validate=_json_ok)
    assert json.loads(first.text) == json.loads(second.text) == {"a": 1}
    assert (first.from_cache, second.from_cache) == (False, True)
    assert _served(httpserver) == 1
    assert (settings.CACHE_DIR / _http.HTTP_CACHE_FILE).is_file()


def test_post_bodies_are_cached_by_content(httpserver):
    httpserver.expect_request("/data", method="POST").respond_with_handler(
        lambda request: Response(json.dumps(request.get_json()), content_type="application/json"))
    url = httpserver.url_for("/data")
    assert _http.request("POST", url, json_body={"x": 1}).text == '{"x": 1}'
    assert _http.request("POST", url, json_body={"x": 2}).text == '{"x": 2}'
    assert _http.request("POST", url, json_body={"x": 1}).from_cache
    assert _served(httpserver) == 2


def test_refresh_bypasses_the_cache(httpserver):
    httpserver.expect_request("/thing").respond_with_json({"a": 1})
    _http.request("GET", httpserver.url_for("/thing"))
    again = _http.request("GET", httpserver.url_for("/thing"), refresh=True)
    assert not again.from_cache and _served(httpserver) == 2


def test_errors_are_never_cached(httpserver, monkeypatch, sleeps):
    monkeypatch.setattr(settings, "HTTP_RETRIES", 0)
    httpserver.expect_oneshot_request("/thing").respond_with_data("down", status=503)
    httpserver.expect_request("/thing").respond_with_json({"ok": True})
    with pytest.raises(_http.SourceUnavailableError, match="HTTP 503"):
        _http.request("GET", httpserver.url_for("/thing"))
    answer = _http.request("GET", httpserver.url_for("/thing"))
    assert not answer.from_cache and json.loads(answer.text) == {"ok": True}


def test_server_error_is_retried_with_backoff(httpserver, sleeps):
    httpserver.expect_oneshot_request("/thing").respond_with_data("oops", status=500)
    httpserver.expect_oneshot_request("/thing").respond_with_data("oops", status=502)
    httpserver.expect_request("/thing").respond_with_json({"ok": True})
    answer = _http.request("GET", httpserver.url_for("/thing"))
    assert json.loads(answer.text) == {"ok": True}
    assert sleeps == [0.01, 0.02]  # HTTP_BACKOFF_S * 2**attempt


def test_gives_up_after_retries(httpserver, sleeps):
    httpserver.expect_request("/thing").respond_with_data("oops", status=500)
    with pytest.raises(_http.SourceUnavailableError, match=r"HTTP 500.*after 3 attempts") as info:
        _http.request("GET", httpserver.url_for("/thing"), what="Test source")
    assert "efter 3 forsøg" in info.value.message_da
    assert _served(httpserver) == 3


def test_429_honours_retry_after_capped(httpserver, sleeps, monkeypatch):
    monkeypatch.setattr(settings, "HTTP_RETRY_AFTER_MAX_S", 3.0)
    httpserver.expect_oneshot_request("/thing").respond_with_data("slow down", status=429, headers={"Retry-After": "2"})
    httpserver.expect_oneshot_request("/thing").respond_with_data("slow down", status=429, headers={"Retry-After": "120"})
    httpserver.expect_request("/thing").respond_with_json({"ok": True})
    assert json.loads(_http.request("GET", httpserver.url_for("/thing")).text) == {"ok": True}
    assert sleeps == [2.0, 3.0]


def test_retry_after_as_http_date(monkeypatch):
    monkeypatch.setattr(settings, "HTTP_RETRY_AFTER_MAX_S", 60.0)
    response = requests.Response()
    response.headers["Retry-After"] = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 20 < _http.retry_delay(response, 0) <= 30
    response.headers["Retry-After"] = "nonsense"
    assert _http.retry_delay(response, 1) == pytest.approx(0.02)


def test_server_down_closed_port(sleeps):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(_http.SourceUnavailableError, match="connection refused"):
        _http.request("GET", f"http://127.0.0.1:{port}/thing")
    assert len(sleeps) == 2


def test_timeout(httpserver, monkeypatch, sleeps):
    monkeypatch.setattr(settings, "HTTP_TIMEOUT_S", 0.2)
    monkeypatch.setattr(settings, "HTTP_RETRIES", 0)

    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(_http.SourceUnavailableError, match="no answer within 0.2 s"):
        _http.request("GET", httpserver.url_for("/slow"))


def test_transfer_shorter_than_content_length(httpserver, monkeypatch, sleeps):
    monkeypatch.setattr(settings, "HTTP_RETRIES", 0)
    monkeypatch.setattr(settings, "HTTP_TIMEOUT_S", 1.0)
    response = Response('{"elements": [1, 2', content_type="application/json")
    response.headers["Content-Length"] = "500"
    response.headers["Connection"] = "close"
    httpserver.expect_request("/cut").respond_with_response(response)
    with pytest.raises(_http.SourceUnavailableError):
        _http.request("GET", httpserver.url_for("/cut"), validate=_json_ok)
    assert not list(_http.iter_last_good("any"))


def test_truncated_200_body_is_bad_and_not_cached(httpserver):
    httpserver.expect_oneshot_request("/cut").respond_with_data('{"elements": [1, 2', content_type="application/json")
    httpserver.expect_request("/cut").respond_with_json({"elements": [1, 2]})
    with pytest.raises(_http.BadResponseError, match="not JSON"):
        _http.request("GET", httpserver.url_for("/cut"), validate=_json_ok)
    answer = _http.request("GET", httpserver.url_for("/cut"), validate=_json_ok)
    assert not answer.from_cache and json.loads(answer.text) == {"elements": [1, 2]}


def test_bad_body_deletes_http_cache_entry_but_never_last_good(httpserver):
    """Documents requests-cache's behaviour: a filtered-out answer deletes the cached entry."""
    url = httpserver.url_for("/doc")
    httpserver.expect_oneshot_request("/doc").respond_with_json({"v": 1})
    good = _http.request("GET", url, validate=_json_ok)
    _http.save_last_good("test", {"url": url}, good.text)
    httpserver.expect_oneshot_request("/doc").respond_with_data("<html><body>busy</body></html>",
                                                                content_type="text/html")
    with pytest.raises(_http.BadResponseError):
        _http.request("GET", url, validate=_json_ok, refresh=True)
    assert not _http.session().cache.contains(url=url)  # the HTTP-cache copy is gone ...
    assert json.loads(_http.load_last_good("test", {"url": url}).body()) == {"v": 1}  # ... the last good is not


def test_client_error_is_rejected_with_provider_message(httpserver):
    httpserver.expect_request("/bad").respond_with_json({"errorTypeCode": "REQUEST-EMPTY", "message": "Forespørgslen er tom"},
                                                      status=400)
    with pytest.raises(_http.RequestRejectedError, match="REQUEST-EMPTY.*Forespørgslen er tom") as info:
        _http.request("POST", httpserver.url_for("/bad"), json_body={})
    assert info.value.status == 400 and _served(httpserver) == 1


def test_offline_mode_sends_nothing(httpserver, monkeypatch):
    httpserver.expect_request("/thing").respond_with_json({})
    monkeypatch.setenv("LANDSBY_OFFLINE", "1")
    with pytest.raises(_http.OfflineError, match="offline"):
        _http.request("GET", httpserver.url_for("/thing"))
    monkeypatch.delenv("LANDSBY_OFFLINE")
    monkeypatch.setattr(settings, "OFFLINE", True)
    with pytest.raises(_http.OfflineError):
        _http.request("GET", httpserver.url_for("/thing"))
    assert _served(httpserver) == 0


def test_corrupt_cache_file_is_moved_aside(httpserver):
    settings.CACHE_DIR.mkdir(parents=True)
    path = settings.CACHE_DIR / _http.HTTP_CACHE_FILE
    path.write_bytes(b"this is not a sqlite database" * 10)
    httpserver.expect_request("/thing").respond_with_json({"ok": True})
    with pytest.warns(_http.CacheCorruptWarning, match="could not be read"):
        answer = _http.request("GET", httpserver.url_for("/thing"))
    assert json.loads(answer.text) == {"ok": True}
    moved = list(settings.CACHE_DIR.glob(f"{_http.HTTP_CACHE_FILE}.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not")
    sqlite3.connect(path).execute("select count(*) from sqlite_master").fetchone()  # a fresh, valid cache


def test_cache_corrupted_while_in_use(httpserver):
    httpserver.expect_request("/thing").respond_with_json({"ok": True})
    _http.request("GET", httpserver.url_for("/thing"))
    _http.close_sessions()
    (settings.CACHE_DIR / _http.HTTP_CACHE_FILE).write_bytes(b"\x00garbage" * 100)
    with pytest.warns(_http.CacheCorruptWarning):
        answer = _http.request("GET", httpserver.url_for("/thing"))
    assert json.loads(answer.text) == {"ok": True}


def test_last_good_store_round_trip_and_atomic_files():
    entry = _http.save_last_good("kind", {"q": "x"}, "body ✓", {"bbox": [1, 2, 3, 4]})
    loaded = _http.load_last_good("kind", {"q": "x"})
    assert loaded.body() == "body ✓" and loaded.meta == {"bbox": [1, 2, 3, 4]}
    assert loaded.retrieved_date == _http.today() == entry.retrieved_date
    found = _http.find_last_good("kind", lambda e: e.meta["bbox"][0] == 1)
    assert found.meta == {"bbox": [1, 2, 3, 4]} and found.body() == "body ✓"
    assert _http.find_last_good("kind", lambda e: e.meta["bbox"][0] == 2) is None
    assert _http.load_last_good("kind", {"q": "y"}) is None
    leftovers = [p for p in (settings.CACHE_DIR / _http.LAST_GOOD_DIR).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_corrupt_last_good_entry_is_reported_and_skipped():
    _http.save_last_good("kind", {"q": "x"}, "body")
    meta = next((settings.CACHE_DIR / _http.LAST_GOOD_DIR).glob("kind-*.meta.json"))
    meta.write_text("{not json", encoding="utf-8")
    with pytest.warns(_http.CacheCorruptWarning):
        assert _http.load_last_good("kind", {"q": "x"}) is None
    assert list((settings.CACHE_DIR / _http.LAST_GOOD_DIR).glob("kind-*.meta.json.corrupt-*"))


def test_html_detection():
    assert _http.looks_like_html("<!DOCTYPE html><html>")
    assert _http.looks_like_html('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC')
    assert not _http.looks_like_html("OMRÅDE;TID;INDHOLD")
    assert _http.provider_message("<html><body><p>Error: busy</p></body></html>") == ("", "Error: busy")
