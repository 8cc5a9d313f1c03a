"""The "last good" store: validated response bodies kept on disk, never expiring.

Bodies are written atomically (temporary file + :func:`os.replace`) under
``settings.cache_dir() / "last_good"``, body first and then the small metadata
file that makes it visible, so a crash never leaves a half-written entry. They are
what dashboards read (``network=False``) and what a source falls back to when the
live request fails. :mod:`landsby_utils._http` re-exports every public name here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from landsby_utils import settings

logger = logging.getLogger("landsby_utils._http")

#: Folder (inside the cache folder) of the last good validated responses.
LAST_GOOD_DIR = "last_good"


class CacheCorruptWarning(UserWarning):
    """A cache file could not be read; it was moved aside and the cache starts afresh."""


def quarantine(path: Path, problem: object) -> Path:
    """Move an unreadable cache file aside, warn, and return its new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    with contextlib.suppress(FileNotFoundError):
        os.replace(path, target)
    message = f"cache file {path} could not be read ({problem}); moved it to {target.name} and started a new one"
    logger.warning(message)
    warnings.warn(message, CacheCorruptWarning, stacklevel=3)
    return target


@dataclass(frozen=True)
class Entry:
    """A validated body in the last good store.

    Attributes
    ----------
    kind : str
        What it is, e.g. ``"statbank-data"`` or ``"overpass"``.
    key : dict
        What was asked (table and selection, or the query).
    meta : dict
        Anything the source wants to keep (bbox, reference date, ...).
    retrieved : str
        ISO timestamp (UTC) of the fetch.
    body_path : pathlib.Path
        Where the body is.
    """

    kind: str
    key: dict[str, Any]
    meta: dict[str, Any]
    retrieved: str
    body_path: Path

    @property
    def retrieved_date(self) -> str:
        """The ISO date (``YYYY-MM-DD``) of the fetch."""
        return self.retrieved[:10]

    def body(self) -> str:
        """Read the body (UTF-8)."""
        return self.body_path.read_text(encoding="utf-8")


def _store(create: bool = False) -> Path:
    folder = settings.CACHE_DIR / LAST_GOOD_DIR
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def entry_id(kind: str, key: Mapping[str, Any]) -> str:
    """Stable file stem for ``(kind, key)``."""
    digest = hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]
    return f"{kind}-{digest}"


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder + ``os.replace``).

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    text : str
        Content (written as UTF-8).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def save_last_good(kind: str, key: Mapping[str, Any], body: str, meta: Mapping[str, Any] | None = None,
                   retrieved: datetime | None = None) -> Entry:
    """Store a validated body as the last good copy of ``(kind, key)``.

    The body is written first, then the small metadata file that makes it
    visible; both atomically, so a crash never leaves a half-written entry.

    Parameters
    ----------
    kind : str
        Kind of entry.
    key : mapping
        What was asked (JSON-serialisable).
    body : str
        The validated body.
    meta : mapping, optional
        Extra metadata (JSON-serialisable).
    retrieved : datetime, optional
        When the server produced it (default: now).

    Returns
    -------
    Entry
        The stored entry.
    """
    stem = entry_id(kind, key)
    folder = _store(create=True)
    body_path = folder / f"{stem}.body"
    when = (retrieved or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    atomic_write_text(body_path, body)
    record = {"kind": kind, "key": dict(key), "meta": dict(meta or {}), "retrieved": when, "body": body_path.name}
    atomic_write_text(folder / f"{stem}.meta.json", json.dumps(record, ensure_ascii=False, indent=1))
    return Entry(kind, dict(key), dict(meta or {}), when, body_path)


def _read_entry(meta_path: Path) -> Entry | None:
    try:
        record = json.loads(meta_path.read_text(encoding="utf-8"))
        body_path = meta_path.with_name(record["body"])
        if not body_path.is_file():
            raise FileNotFoundError(body_path.name)
        return Entry(record["kind"], record["key"], record.get("meta", {}), record["retrieved"], body_path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        quarantine(meta_path, exc)
        return None


def load_last_good(kind: str, key: Mapping[str, Any]) -> Entry | None:
    """Return the last good entry for exactly ``(kind, key)``, or None.

    An unreadable entry is reported with :class:`CacheCorruptWarning`, moved aside
    and treated as missing.
    """
    path = _store() / f"{entry_id(kind, key)}.meta.json"
    return _read_entry(path) if path.is_file() else None


def iter_last_good(kind: str) -> Iterator[Entry]:
    """Yield every readable last good entry of ``kind``, newest first."""
    folder = _store()
    if not folder.is_dir():
        return
    entries = [e for p in folder.glob(f"{kind}-*.meta.json") if (e := _read_entry(p)) is not None]
    yield from sorted(entries, key=lambda e: e.retrieved, reverse=True)


def find_last_good(kind: str, covers: Callable[[Entry], bool]) -> Entry | None:
    """Return the newest last good entry of ``kind`` for which ``covers(entry)`` is true."""
    return next((entry for entry in iter_last_good(kind) if covers(entry)), None)


def today() -> str:
    """Today's ISO date (UTC)."""
    return datetime.now(UTC).date().isoformat()
