"""Prepared dashboard frames, cached on disk per cluster and dashboard.

A dashboard's language-independent frames (the plain dataclass its frames builder returns,
e.g. :func:`landsby_utils.builders.population.build_population_frames`, and the loaded
cluster) take registers of all of Denmark and a few seconds of computing to make, but are
small. They are made once — by ``landsby prepare`` (which ``landsby serve`` runs first) or by
the first page that needs them — and saved in ``<cache>/frames/``. A Voilà kernel then only
reads one small file per cluster: it starts faster and needs far less memory, because the
country-wide registers, scipy's optimiser and its k-d trees are never loaded for a
page view.

A file is valid only for the exact inputs it was made from: its name carries a
fingerprint of the package's code, the cluster file, the bundled snapshot and the
downloaded data in the cache (see :func:`fingerprint`; computed once per page view and
passed on). Change any of them and the frames are made again; old files of the same
dashboard and cluster are removed. Files are written atomically (a temporary file renamed
into place), so a reader never sees half a file and a failed write leaves the previous one
in use.

This module knows nothing of the dashboards: :func:`prepared` is given an object with a
``__name__`` (the file's kind) and a ``build_frames(cluster)`` function (a dashboard class
is one).

The files are pickles written by this package into the user's own cache folder; like the
HTTP cache next to them, they are trusted local state, never downloaded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from landsby_utils import settings

#: Sub-folder of the cache directory that holds the frames.
FRAMES_DIRNAME = "frames"
_PACKAGE_DIR = Path(__file__).resolve().parent


def frames_dir() -> Path:
    """Where prepared frames are kept (``<cache>/frames``)."""
    return Path(settings.CACHE_DIR) / FRAMES_DIRNAME


def _stat_lines(root: Path, skip: Iterable[Path] = ()) -> list[str]:
    """``relative path, size, modification time`` of every file under ``root`` (sorted)."""
    skipped = [s.resolve() for s in skip]
    lines = []
    if not root.is_dir():
        return lines
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if (here / d).resolve() not in skipped)
        for name in sorted(files):
            path = here / name
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while we looked
                continue
            lines.append(f"{path.relative_to(root)}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return lines


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of the package's Python source, read once per process: frames made by other code than
    the code running here are never reused."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(cluster_path: Path) -> str:
    """A digest of everything a cluster's prepared frames are computed from.

    Parameters
    ----------
    cluster_path : pathlib.Path
        The cluster file.

    Returns
    -------
    str
        Hex digest of: the package's source code, the cluster file's bytes, the name, size
        and modification time of every file of the bundled snapshot and of the cache
        (downloaded data; the frames folder itself excluded), and the Python version.
    """
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:2]}\n".encode())
    digest.update(_code_digest().encode())
    digest.update(cluster_path.read_bytes())
    for root, skip in ((settings.SNAPSHOT_DIR, ()), (Path(settings.CACHE_DIR), (frames_dir(),))):
        digest.update(f"\n{root.name}\n".encode())
        digest.update("\n".join(_stat_lines(Path(root), skip)).encode())
    return digest.hexdigest()


def _path(kind: str, slug: str, key: str) -> Path:
    return frames_dir() / f"{kind}-{slug}-{key[:20]}.pickle"


def load(kind: str, slug: str, key: str) -> dict[str, Any] | None:
    """The saved frames of one dashboard and cluster for these inputs, or None.

    A file that cannot be read (truncated, made by an incompatible library version) is
    treated as missing; it is replaced when the frames are saved again.
    """
    path = _path(kind, slug, key)
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)  # noqa: S301 (our own file in the user's cache, see module docstring)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 (any unreadable file is simply made again)
        print(f"landsby: ignoring unreadable prepared frames {path.name}: {exc!r}", file=sys.stderr)
        return None
    return state if isinstance(state, dict) and state.get("key") == key and "data" in state else None


def save(kind: str, slug: str, key: str, state: dict[str, Any]) -> Path | None:
    """Save frames atomically and remove older files of the same dashboard and cluster.

    Returns the file, or None when it could not be written (a read-only cache is not an
    error: the page still works, it only computes the frames itself).
    """
    folder = frames_dir()
    path = _path(kind, slug, key)
    tmp: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{path.name}.", delete=False) as handle:
            tmp = Path(handle.name)
            pickle.dump({**state, "key": key}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:  # a full disk, or a frame pickle refuses
        print(f"landsby: could not save prepared frames {path.name}: {exc!r}", file=sys.stderr)
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        return None
    for old in folder.glob(f"{kind}-{slug}-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


class FramesOwner(Protocol):
    """What :func:`prepared` needs of a dashboard class: a name and a frames builder."""

    __name__: str

    def build_frames(self, cluster: Any) -> Any: ...


@dataclass(frozen=True)
class Prepared:
    """A cluster's prepared frames for one dashboard.

    Attributes
    ----------
    key : str
        The :func:`fingerprint` they were made for.
    cluster : Cluster
        The loaded cluster (its parishes, outline and comparison areas computed).
    data : object
        What the dashboard's frames builder returned (e.g. a ``PopulationFrames``).
    """

    key: str
    cluster: Any
    data: Any


def prepared(owner: FramesOwner, slug: str, key: str | None = None) -> Prepared:
    """The cluster and prepared frames of a dashboard: from disk, or built and saved.

    Parameters
    ----------
    owner : type
        A dashboard class (``__name__`` names the file; ``build_frames(cluster)`` makes the frames).
    slug : str
        Cluster slug.
    key : str, optional
        The cluster's :func:`fingerprint`, when the caller has computed it already.

    Returns
    -------
    Prepared
        The fingerprint, the cluster and the frames.

    Raises
    ------
    LandsbyError
        When the cluster is unknown or its file is invalid (never cached).
    """
    from landsby_utils.cluster import cluster_path

    if key is None:
        key = fingerprint(cluster_path(slug))  # raises UnknownClusterError, with suggestions
    kind = owner.__name__
    state = load(kind, slug, key)
    if state is not None:
        return Prepared(key, state["cluster"], state["data"])
    from landsby_utils.cluster import load_cluster

    cluster = load_cluster(slug)
    cluster.parishes  # noqa: B018 (cached properties: computing them is the point)
    cluster.geometry  # noqa: B018
    cluster.comparison_areas  # noqa: B018
    data = owner.build_frames(cluster)
    save(kind, slug, key, {"cluster": cluster, "data": data})
    return Prepared(key, cluster, data)


def prepare_all(slugs: Iterable[str], classes: Iterable[type]) -> tuple[list[tuple[str, str, float, bool]], list[Exception]]:
    """Make sure every dashboard's frames are on disk for these clusters.

    A cluster that cannot be loaded (unknown, or a broken file) does not stop the others:
    its error is returned, and its pages show that error to their readers.

    Parameters
    ----------
    slugs : iterable of str
        Cluster slugs.
    classes : iterable of type
        The dashboard classes (:func:`landsby_utils.widgets._base.dashboard_classes`); passed in, so this
        module never imports the dashboards that import it.

    Returns
    -------
    tuple
        ``(done, errors)``: ``(dashboard, slug, seconds, made)`` per dashboard and cluster
        (``made`` is False when the frames were already there for the current inputs), and
        the :class:`~landsby_utils._errors.LandsbyError` of each cluster that failed.
    """
    import time

    from landsby_utils._errors import LandsbyError
    from landsby_utils.cluster import cluster_path

    done, errors = [], []
    for slug in slugs:
        try:
            key = fingerprint(cluster_path(slug))
            for cls in classes:
                start = time.perf_counter()
                had = load(cls.__name__, slug, key) is not None
                if not had:
                    prepared(cls, slug, key)
                done.append((cls.__name__, slug, time.perf_counter() - start, not had))
        except LandsbyError as exc:
            errors.append(exc)
    return done, errors
