"""nbval settings for the dashboard notebooks: what is compared, and the kernel's environment.

Only the text of the cells marked ``# NBVAL_CHECK_OUTPUT`` is compared (``--nbval-lax`` in
pyproject.toml). Their HTML and JavaScript are not: the HTML carries the whole style sheet
and markup, so a change of style would fail a test whose figures and sentences are
unchanged. The ``text/plain`` output of every dashboard part holds its figures and words.

Each notebook's kernel runs offline with a new, empty cache, as on a reviewer's fresh
machine: whatever the developer fetched or prepared is not read. This is set here, for the
notebook kernels only, and does not depend on ``tests/conftest.py`` having been imported.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

import pytest

#: Output types never compared: rich renderings of the same content as the compared text/plain.
SKIPPED_OUTPUTS = (
    "text/html",
    "text/markdown",
    "text/latex",
    "image/svg+xml",
    "application/javascript",
    "text/javascript",
    "application/json",
    "application/vnd.plotly.v1+json",
)

#: Environment of every notebook kernel (LANDSBY_CACHE_DIR is added per notebook).
KERNEL_ENV = {"LANDSBY_OFFLINE": "1"}

_CACHES: list[str] = []


def _is_notebook(node) -> bool:
    return type(node).__name__ == "IPyNbFile"


def pytest_collectstart(collector):
    """Leave the skipped output types out of nbval's comparison for each notebook."""
    if _is_notebook(collector):
        collector.skip_compare = tuple(collector.skip_compare) + SKIPPED_OUTPUTS


@contextmanager
def _environment(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Start each notebook's kernel (nbval does it in the first cell's setup) offline with an empty cache.

    The variables are set only while the kernel process starts, so the pytest process and
    the other tests keep their own settings.
    """
    notebook = item.parent
    if not _is_notebook(notebook) or notebook.kernel is not None:
        yield
        return
    cache = tempfile.mkdtemp(prefix="landsby-nbval-cache-")
    _CACHES.append(cache)
    with _environment({**KERNEL_ENV, "LANDSBY_CACHE_DIR": cache}):
        yield


def pytest_unconfigure(config):
    for cache in _CACHES:
        shutil.rmtree(cache, ignore_errors=True)
