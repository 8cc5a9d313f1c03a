"""Reading a dashboard's parameters: papermill's ``parameters`` cell and Voilà's query string.

Every notebook has the parameters ``klynge`` (cluster slug) and ``lang``. Under
Voilà the query string (``?klynge=vestrum&lang=en``) overrides them; with
preheated kernels it is only known after :func:`wait_for_request`, which
:func:`read_query` calls (so heavy imports belong above it).
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from urllib.parse import parse_qs

from landsby_utils import settings
from landsby_utils.i18n import LANGUAGES

#: Longest query-string value we look at; anything longer is cut (and so never matches).
MAX_VALUE_LENGTH = 64
_SAFE = re.compile(r"[^a-z0-9_-]")


@dataclass(frozen=True)
class Params:
    """A dashboard's parameters after validation.

    Attributes
    ----------
    klynge : str
        Cluster slug as requested (lower-case, only ``a-z0-9_-``, at most 64 characters).
    lang : {"da", "en"}
        Language.
    """

    klynge: str
    lang: str


def under_voila() -> bool:
    """True when running in a Voilà kernel."""
    return "VOILA_KERNEL_ID" in os.environ or "VOILA_PREHEAT" in os.environ or "VOILA_APP_PORT" in os.environ


def preheating() -> bool:
    """True in a kernel that Voilà started ahead of a request (a preheated kernel)."""
    return os.environ.get("VOILA_PREHEAT", "False") == "True"


def wait_for_request() -> None:
    """In a preheated kernel, wait for the reader's request and put its details into ``os.environ``.

    The same protocol as :func:`voila.utils.wait_for_request` (Voilà 0.5): the kernel opens a
    websocket to the server's ``voila/query/<kernel id>`` route, whose first message is the
    request (``QUERY_STRING`` and the other CGI-style variables) as JSON. Importing
    ``voila.utils`` would load Voilà's whole server stack (jupyter_server, jupyterlab_server,
    jsonschema — about 3.5 s of CPU and tens of MB in every kernel, measured); only the small
    ``websockets`` client is needed here. Outside a preheated kernel this returns at once. If
    the server cannot be reached, the page is made with the notebook's own parameters.
    """
    if not preheating():
        return
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    url = f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"
    try:
        with connect(url, open_timeout=5, max_size=2**20) as socket:
            message = socket.recv()  # blocks until a reader asks for this page
    except (OSError, TimeoutError, WebSocketException) as exc:
        print(f"landsby: no request details from Voilà ({exc!r}); using the notebook's parameters", file=sys.stderr)
        return
    details = json.loads(message)
    os.environ.update({str(key): str(value) for key, value in details.items()})


def read_query() -> dict[str, str]:
    """Voilà's query string as a dict (empty outside Voilà); waits for a preheated kernel's request."""
    if not under_voila():
        return {}
    wait_for_request()
    query = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=True)
    return {key: values[-1] for key, values in query.items() if values}


def clean_slug(value: str) -> str:
    """Lower-case a requested slug and strip anything that is not ``a-z0-9_-`` (so nothing is reflected)."""
    return _SAFE.sub("", str(value)[:MAX_VALUE_LENGTH].strip().lower())


def resolve(klynge: str | None = None, lang: str | None = None) -> Params:
    """Combine notebook parameters with the query string (which wins).

    Parameters
    ----------
    klynge : str, optional
        The notebook's ``klynge`` parameter.
    lang : str, optional
        The notebook's ``lang`` parameter.

    Returns
    -------
    Params
        Validated parameters; an unknown language falls back to Danish.
    """
    query = read_query()
    slug = query.get("klynge") or klynge or settings.DEFAULT_CLUSTER  # ``?klynge=`` (empty) is no choice
    language = query.get("lang", lang or settings.LANGUAGE)
    language = language if language in LANGUAGES else "da"
    return Params(klynge=clean_slug(slug), lang=language)
