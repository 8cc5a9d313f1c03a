"""One cached HTTP session for every source, and the "last good" store behind it.

Two layers keep fetched data:

1. **HTTP cache** — a requests-cache :class:`~requests_cache.CachedSession` with a
   SQLite file at ``settings.cache_dir() / "http_cache.sqlite"``. Only ``200``
   responses whose body passed the caller's validator are written (errors are
   never cached). Entries expire after :data:`HTTP_CACHE_EXPIRE_S`, so a second
   identical request within that time never reaches the server.
2. **Last good store** (:mod:`landsby_utils._last_good`, re-exported here) —
   validated response bodies written atomically (temporary file +
   :func:`os.replace`) under ``settings.cache_dir() / "last_good"``. Entries never
   expire; they are what dashboards read (``network=False``) and what a source
   falls back to when the live request fails.

Why two layers: when requests-cache meets a response that its ``filter_fn``
rejects, it *deletes* the entry already cached under that key
(``CacheMixin.send`` in requests-cache 1.3), and a forced refresh that returns a
bad ``200`` body would overwrite a good one. A bad body therefore can cost us the
HTTP-cache copy, but never the last good copy, which is only written after
validation.

Requests are retried with exponential backoff (``settings.HTTP_BACKOFF_S``,
``settings.HTTP_RETRIES``) on connection errors, timeouts, truncated transfers,
``429`` (honouring ``Retry-After``, capped to ``HTTP_RETRY_AFTER_MAX_S``) and
``5xx``. In offline mode (``settings.OFFLINE``, env ``LANDSBY_OFFLINE=1``)
:func:`request` raises :class:`OfflineError` before anything leaves the machine.

Every setting is read at call time (``settings.STATBANK_URL``, never a copy), so
tests can monkeypatch them.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import requests_cache

from landsby_utils import settings
from landsby_utils._errors import SourceError
from landsby_utils._last_good import (  # noqa: F401 - re-exported: sources use _http.save_last_good etc.
    LAST_GOOD_DIR,
    CacheCorruptWarning,
    Entry,
    atomic_write_text,
    entry_id,
    find_last_good,
    iter_last_good,
    load_last_good,
    quarantine,
    save_last_good,
    today,
)

logger = logging.getLogger(__name__)

#: File name of the requests-cache SQLite database inside the cache folder.
HTTP_CACHE_FILE = "http_cache.sqlite"
#: Default lifetime of an HTTP-cache entry; ``settings.HTTP_CACHE_EXPIRE_S`` overrides it.
HTTP_CACHE_EXPIRE_S = 24 * 3600
#: Default cap on a server's ``Retry-After``; ``settings.HTTP_RETRY_AFTER_MAX_S`` overrides it.
HTTP_RETRY_AFTER_MAX_S = 5.0

Validator = Callable[[str], None]


# --- errors -----------------------------------------------------------------------------


class SourceUnavailableError(SourceError):
    """The source could not give a usable answer now (down, slow, overloaded, bad body).

    Callers may fall back to the last good copy or the snapshot.
    """


class OfflineError(SourceUnavailableError):
    """Offline mode is on, so no request was sent."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"offline mode (LANDSBY_OFFLINE) is on; {what} was not requested",
            f"Offline-tilstand er slået til; {what} blev ikke hentet",
        )


class BadResponseError(SourceUnavailableError):
    """The server answered ``200`` but the body is unusable (truncated, HTML, an error remark)."""


class RequestRejectedError(SourceError):
    """The provider refused the request itself (a 4xx answer or an error message in the body).

    Falling back to older data would hide a bug in the request, so callers raise it.

    Attributes
    ----------
    status : int
        HTTP status (``200`` when the error came in a ``200`` body).
    error_code : str
        The provider's error code (e.g. StatBank ``"EXTRACT-NOTFOUND"``), or ``""``.
    provider_message : str
        The provider's own message.
    """

    def __init__(self, what: str, status: int, error_code: str, provider_message: str) -> None:
        code = f" {error_code}" if error_code else ""
        super().__init__(
            f"{what} was rejected (HTTP {status}{code}): {provider_message}",
            f"{what} blev afvist af kilden (HTTP {status}{code}): {provider_message}",
        )
        self.status = status
        self.error_code = error_code
        self.provider_message = provider_message


# --- settings read at call time ---------------------------------------------------------


def _expire_s() -> float:
    return float(getattr(settings, "HTTP_CACHE_EXPIRE_S", HTTP_CACHE_EXPIRE_S))


def _retry_after_cap_s() -> float:
    return float(getattr(settings, "HTTP_RETRY_AFTER_MAX_S", HTTP_RETRY_AFTER_MAX_S))


def offline() -> bool:
    """Return True when offline mode is on (``settings.OFFLINE`` or env ``LANDSBY_OFFLINE``)."""
    env = os.environ.get("LANDSBY_OFFLINE", "").lower() in {"1", "true", "yes", "on"}
    return bool(settings.OFFLINE) or env


# --- the session ------------------------------------------------------------------------

_SESSIONS: dict[Path, requests_cache.CachedSession] = {}
#: The validator of the request being sent, consulted by the cache's ``filter_fn``.
_VALIDATOR: ContextVar[Validator | None] = ContextVar("landsby_http_validator", default=None)


def _cacheable(response: requests.Response) -> bool:
    """requests-cache ``filter_fn``: cache only 200 responses whose body validates."""
    if response.status_code != 200:
        return False
    validate = _VALIDATOR.get()
    if validate is None:
        return True
    try:
        validate(response.text)
    except Exception:  # noqa: BLE001 - any failure means "do not cache"
        return False
    return True


def _new_session(path: Path) -> requests_cache.CachedSession:
    return requests_cache.CachedSession(
        str(path),
        backend="sqlite",
        expire_after=_expire_s(),
        allowable_codes=(200,),
        allowable_methods=("GET", "HEAD", "POST"),
        filter_fn=_cacheable,
        cache_control=False,
        stale_if_error=False,
    )


def session() -> requests_cache.CachedSession:
    """Return the shared cached session for the current cache folder.

    A corrupt SQLite file is reported with a :class:`CacheCorruptWarning`, moved
    aside and replaced by an empty cache.

    Returns
    -------
    requests_cache.CachedSession
        The session (one per cache folder, reused across calls).
    """
    path = settings.cache_dir() / HTTP_CACHE_FILE
    current = _SESSIONS.get(path)
    if current is not None:
        return current
    try:
        current = _new_session(path)
    except sqlite3.DatabaseError as exc:
        quarantine(path, exc)
        current = _new_session(path)
    _SESSIONS[path] = current
    return current


def _drop_session(path: Path) -> None:
    current = _SESSIONS.pop(path, None)
    if current is not None:
        with contextlib.suppress(Exception):
            current.close()


def close_sessions() -> None:
    """Close every open session (tests call this between cache folders)."""
    for path in list(_SESSIONS):
        _drop_session(path)


# --- requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """A validated answer.

    Attributes
    ----------
    text : str
        The body.
    status : int
        HTTP status (always 200).
    from_cache : bool
        True when the HTTP cache answered and the server saw no request.
    fetched_at : datetime
        When the server produced the body (UTC).
    url : str
        The URL requested.
    """

    text: str
    status: int
    from_cache: bool
    fetched_at: datetime
    url: str


def retry_delay(response: requests.Response | None, attempt: int) -> float:
    """Seconds to wait before retry number ``attempt + 1``.

    Parameters
    ----------
    response : requests.Response or None
        The failed response (None after a connection error or timeout).
    attempt : int
        0 for the first retry.

    Returns
    -------
    float
        ``Retry-After`` (seconds or HTTP date) when the server sent one, capped to
        ``settings.HTTP_RETRY_AFTER_MAX_S``; otherwise
        ``settings.HTTP_BACKOFF_S * 2**attempt``, with the same cap.
    """
    cap = _retry_after_cap_s()
    header = response.headers.get("Retry-After") if response is not None else None
    if header:
        header = header.strip()
        seconds: float | None = None
        if re.fullmatch(r"\d+(\.\d+)?", header):
            seconds = float(header)
        else:
            with contextlib.suppress(TypeError, ValueError):
                when = email.utils.parsedate_to_datetime(header)
                seconds = (when - datetime.now(UTC)).total_seconds()
        if seconds is not None:
            return min(max(seconds, 0.0), cap)
    return min(float(settings.HTTP_BACKOFF_S) * (2**attempt), cap)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def provider_message(text: str, limit: int = 300) -> tuple[str, str]:
    """Extract ``(error_code, message)`` from an error body (JSON or HTML/text).

    Parameters
    ----------
    text : str
        The body.
    limit : int
        Longest message returned.

    Returns
    -------
    tuple of str
        The provider's error code (``""`` if none) and a readable message.
    """
    stripped = text.lstrip("\ufeff").strip()
    with contextlib.suppress(ValueError):
        parsed = json.loads(stripped)
        if isinstance(parsed, dict):
            code = str(parsed.get("errorTypeCode") or parsed.get("type") or "")
            message = parsed.get("message") or parsed.get("title") or parsed.get("remark") or stripped
            return code, str(message)[:limit]
    plain = re.sub(r"<[^>]+>", " ", stripped)
    return "", re.sub(r"\s+", " ", plain).strip()[:limit]


def looks_like_html(text: str) -> bool:
    """True when a body is an HTML page (a proxy or error page instead of data)."""
    head = text.lstrip("\ufeff").lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or head.startswith("<?xml") or "<body" in head


def request(
    method: str,
    url: str,
    *,
    json_body: Mapping[str, Any] | None = None,
    form: Mapping[str, str] | None = None,
    validate: Validator | None = None,
    refresh: bool = False,
    what: str = "",
) -> Response:
    """Send one request through the shared cached session, with retries and validation.

    Parameters
    ----------
    method : {"GET", "POST"}
        HTTP method.
    url : str
        Full URL.
    json_body : mapping, optional
        Sent as a JSON body.
    form : mapping, optional
        Sent as a form body (``application/x-www-form-urlencoded``).
    validate : callable, optional
        Called with the body of a ``200`` answer; raises :class:`SourceError`
        when the body is unusable. Bodies that fail are never cached.
    refresh : bool, default False
        Ignore the HTTP cache and ask the server.
    what : str
        Short description for messages (e.g. ``"StatBank FOLK1A"``).

    Returns
    -------
    Response
        The validated answer.

    Raises
    ------
    OfflineError
        Offline mode is on.
    RequestRejectedError
        The provider refused the request (4xx other than 408/429, or an error in the body).
    BadResponseError
        A ``200`` answer with an unusable body.
    SourceUnavailableError
        No usable answer after all retries (connection refused, timeouts, 429, 5xx).
    """
    what = what or url
    if offline():
        raise OfflineError(what)
    attempts = int(settings.HTTP_RETRIES) + 1
    problem = ""
    delay = 0.0
    for attempt in range(attempts):
        if attempt and delay > 0:
            _sleep(delay)
        delay = retry_delay(None, attempt)  # after a connection error or timeout
        cache_path = settings.cache_dir() / HTTP_CACHE_FILE
        http = session()
        token = _VALIDATOR.set(validate)
        try:
            response = http.request(
                method,
                url,
                json=json_body,
                data=form,
                headers={"User-Agent": settings.USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                timeout=float(settings.HTTP_TIMEOUT_S),
                force_refresh=refresh,
            )
        except sqlite3.DatabaseError as exc:
            _drop_session(cache_path)
            quarantine(cache_path, exc)
            problem = f"HTTP cache unreadable ({exc})"
            delay = 0.0
            continue
        except requests.Timeout:
            problem = f"no answer within {settings.HTTP_TIMEOUT_S:g} s"
            continue
        except requests.ConnectionError as exc:
            problem = f"connection failed ({_short(exc)})"
            continue
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            problem = f"transfer broken off ({_short(exc)})"
            continue
        finally:
            _VALIDATOR.reset(token)

        status = response.status_code
        if status == 429 or status >= 500 or status == 408:
            code, message = provider_message(response.text)
            problem = f"HTTP {status}" + (f": {message}" if message else "")
            delay = retry_delay(response, attempt)
            continue
        if status != 200:
            code, message = provider_message(response.text)
            raise RequestRejectedError(what, status, code, message or response.reason or "")
        return _accepted(http, response, validate, what, url)
    raise SourceUnavailableError(
        f"{what}: {problem} (after {attempts} attempt{'s' if attempts != 1 else ''})",
        f"{what} kunne ikke hentes: {problem} (efter {attempts} forsøg)",
    )


def _accepted(http: requests_cache.CachedSession, response: requests.Response, validate: Validator | None,
              what: str, url: str) -> Response:
    """A ``200`` answer whose body passes ``validate``; an unusable body is dropped from the HTTP cache."""
    text = response.text
    if validate is not None:
        try:
            validate(text)
        except RequestRejectedError:
            _forget(http, response)
            raise
        except SourceError as exc:
            _forget(http, response)
            raise BadResponseError(
                f"{what}: unusable answer: {exc.message}", f"{what}: ubrugeligt svar: {exc.message_da}"
            ) from exc
    fetched = getattr(response, "created_at", None) or datetime.now(UTC)
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    return Response(text, response.status_code, bool(getattr(response, "from_cache", False)), fetched, url)


def _short(exc: BaseException) -> str:
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return text[:160]


def _forget(http: requests_cache.CachedSession, response: requests.Response) -> None:
    key = getattr(response, "cache_key", None)
    if key:
        with contextlib.suppress(Exception):
            http.cache.delete(key)
