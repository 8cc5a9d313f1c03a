"""The Voilà server `landsby serve` runs: Voilà 0.5 with compressed, cacheable responses and the map libraries.

Voilà's own server (``voila notebooks``) sends every page and script uncompressed and tells browsers to ask
again for each of its ~90 scripts on every page (``Cache-Control: no-cache`` on the JupyterLab extensions, no
caching header on the rest). On a rural mobile network (150 ms round trip) that is seconds per page. And a
closed page never freed its kernel. And its own address (``http://localhost:8866/``, the one it prints) showed
an empty English file list that fetched a style sheet from a CDN. This subclass changes seven things and
nothing else:

* **the server's address leads to the datapakke**: ``<base_url>`` and Voilà's file list (``voila/tree``)
  redirect to :attr:`LandsbyVoila.landing` (the landing page; ``landsby serve`` names its cluster's overview).

* **gzip**: HTML, JavaScript, CSS and JSON go compressed (Tornado's ``compress_response``). Voilà applies its
  ``Voila.tornado_settings`` only after Tornado has chosen its output transforms, so the setting has to be
  given when the application is made (:meth:`LandsbyVoila.init_settings`).
* **caching**: Voilà's static files, its templates' static files and the JupyterLab extensions may be kept by
  the browser: a year for files whose name carries a content hash (webpack's chunks: a new version has a new
  name), an hour for the rest (after an upgrade of Voilà a browser may use an older file for at most an hour).
* **map libraries**: Leaflet, its plugins, jQuery and Font Awesome (``landsby_utils/static/vendor``) are served
  at ``<base_url>voila/landsby/vendor/``, so a map frame links them (cached once per browser) instead of
  carrying ~1.2 MB of them inline on every page. The kernels learn the address from the environment variable
  ``LANDSBY_VENDOR_URL`` (see :func:`landsby_utils.maps.served_vendor_url`); where it is not set (JupyterLab,
  Voilà as a Jupyter server extension) the maps keep their libraries inline.
* **charts**: the partial plotly.js bundle and ``datapakke-charts.js`` (``landsby_utils/static``) are served
  at ``<base_url>voila/landsby/static/``; the kernels (which see ``LANDSBY_VENDOR_URL``) write charts as HTML
  for that script to draw, and the pages skip jupyterlab-plotly, whose renderer carries the full plotly.js.
* **kernels over Unix sockets** (:data:`KERNEL_TRANSPORT`), so no other socket on the machine can take a
  kernel's port before the kernel binds it.
* **closed pages free their kernels**: Voilà's page asks the server to shut its kernel down when it is closed
  (a beacon to ``voila/api/shutdown/<kernel>``, on ``beforeunload``; the "landsby" template adds ``pagehide``),
  sending the ``_xsrf`` cookie as the form's ``_xsrf`` field. Voilà's page handler never sets that cookie, so
  the server refused every such request ("'_xsrf' argument missing from POST", 403) and closed pages' kernels
  lived until the idle cull. The page handler here sets it (:class:`PageHandler`).

Run as ``python -m landsby_utils.voila_config.server`` with Voilà's own arguments (``landsby serve`` does).
"""

from __future__ import annotations

import os
import re

from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler, StaticFileHandler
from traitlets import Unicode
from voila.app import Voila
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

#: Environment variable naming where the vendored map libraries are served (read by the kernels).
VENDOR_URL_ENV = "LANDSBY_VENDOR_URL"
#: A file name with a content hash (webpack: ``0.03957c7088ad5ed0.js``, ``remoteEntry.be18471aaf567c023b03.js``).
HASHED = re.compile(r"[.-][0-9a-f]{16,}\.(js|css|woff2?|svg|png)$")
HASHED_MAX_AGE = 365 * 24 * 3600
OTHER_MAX_AGE = 3600


class _Cacheable:
    """Static files the browser may keep: long for content-hashed names, an hour for the rest."""

    def get_cache_time(self, path, modified, mime_type) -> int:  # noqa: D102 (tornado's hook)
        return HASHED_MAX_AGE if HASHED.search(path) else OTHER_MAX_AGE


class CachedMultiStaticFileHandler(_Cacheable, MultiStaticFileHandler):
    """Voilà's ``/voila/static/`` files, cacheable."""


class CachedTemplateStaticFileHandler(_Cacheable, TemplateStaticFileHandler):
    """The templates' ``/voila/templates/<name>/static/`` files, cacheable."""


class CachedFileFindHandler(_Cacheable, FileFindHandler):
    """The JupyterLab extensions (``/voila/labextensions/``), cacheable."""

    def set_headers(self) -> None:
        # Tornado's headers (from get_cache_time), without jupyter_server's "no-cache" for unversioned URLs.
        StaticFileHandler.set_headers(self)


class VendorHandler(_Cacheable, StaticFileHandler):
    """The vendored map libraries (``landsby_utils/static/vendor``) and the chart script with its plotly.js."""


class PageHandler(TornadoVoilaHandler):
    """Voilà's dashboard page, with the ``_xsrf`` cookie its kernel-shutdown request sends back."""

    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 (reading the token sets the cookie)
        return await super().get(path)


_REPLACE = {MultiStaticFileHandler: CachedMultiStaticFileHandler, TemplateStaticFileHandler: CachedTemplateStaticFileHandler,
            FileFindHandler: CachedFileFindHandler}


def vendor_folder() -> str:
    """The folder of the vendored map libraries."""
    from landsby_utils.maps import vendor_dir

    return str(vendor_dir())


def static_folder() -> str:
    """The package's static files: the chart drawing script and, in ``vendor/``, the partial plotly.js bundle."""
    from pathlib import Path

    return str(Path(vendor_folder()).parent)


#: JupyterLab extensions the pages of this server do without (see :meth:`LandsbyVoila.init_settings`).
DENIED_EXTENSIONS = ("jupyterlab-plotly",)

#: How the server talks to its kernels: Unix sockets in the server's runtime folder, not TCP ports on loopback.
#: With TCP, jupyter_client picks a kernel's five ports by binding port 0 and letting go, and the kernel binds
#: them a moment later; any other socket on the machine may take one in between (an outgoing connection's
#: local port is drawn from the same range). The kernel then fails to start ("Address already in use") while
#: its pool counts it as ready, and the reader it is given waits 60 s for an error (seen in a test run,
#: 2026-11-30; jupyter_client's known race). Unix socket names are the kernel's own: nothing can take them.
KERNEL_TRANSPORT = "ipc"

#: Largest request head (request line and headers) the server reads, in bytes (Tornado's default: 64 kB).
MAX_HEADER_BYTES = 256 * 1024


class LandsbyVoila(Voila):
    """Voilà with gzip, cacheable static files and the map libraries served once (see the module's text)."""

    landing = Unicode("voila/render/forside.ipynb", config=True,
                      help="Where the server's address leads (relative to base_url): the landing page by default.")

    def init_settings(self) -> dict:
        # Before Voilà makes its kernel manager (in super().init_settings()): the kernels it starts inherit this.
        self.config.KernelManager.transport = KERNEL_TRANSPORT
        settings = super().init_settings()
        settings["compress_response"] = True
        # The kernels draw charts with the partial plotly.js this server serves (charts.FigurePart.served_html),
        # so pages need not load jupyterlab-plotly's renderer and its full plotly.js (1.4 MB compressed).
        denied = list(self.voila_configuration.extension_denylist)
        self.voila_configuration.extension_denylist = [*denied, *(n for n in DENIED_EXTENSIONS if n not in denied)]
        return settings

    def init_handlers(self) -> list:
        handlers = []
        for handler in super().init_handlers():
            pattern, cls, *kwargs = handler
            if cls in _REPLACE and pattern.endswith(("/voila/static/(.*)", "/voila/templates/(.*)", "/voila/labextensions/(.*)")):
                kwargs = [{key: value for key, value in kwargs[0].items() if key != "no_cache_paths"}] if kwargs else []
                handler = (pattern, _REPLACE[cls], *kwargs)
            elif cls is TornadoVoilaHandler:
                handler = (pattern, PageHandler, *kwargs)
            elif cls is TornadoVoilaTreeHandler:
                handler = (pattern, *landing_redirect(url_path_join(self.base_url, self.landing)))
            handlers.append(handler)
        return [*landsby_routes(self.server_url), *handlers]

    def listen(self) -> None:
        # Tornado closes the connection without an answer when a request's head exceeds 64 kB (e.g. a shared
        # link with a very long query): accept up to MAX_HEADER_BYTES, so the page itself answers with its
        # Danish message (the query's values are cut to 64 characters before use, landsby_utils.params).
        listen = self.app.listen
        self.app.listen = lambda port, address="", **kwargs: listen(port, address, max_header_size=MAX_HEADER_BYTES, **kwargs)
        super().listen()

    def start(self) -> None:
        # Before any kernel starts (the preheated pools start with the server): kernels copy os.environ.
        announce_vendor_url(self.base_url)
        super().start()


def landsby_routes(base_url: str) -> list[tuple]:
    """The routes of the map libraries (``voila/landsby/vendor/``) and the chart script (``voila/landsby/static/``)."""
    return [(url_path_join(base_url, r"/voila/landsby/vendor/(.*)"), VendorHandler, {"path": vendor_folder()}),
            (url_path_join(base_url, r"/voila/landsby/static/(.*)"), VendorHandler, {"path": static_folder()})]


def landing_redirect(url: str) -> tuple[type, dict]:
    """The handler and arguments of a route that redirects to ``url`` (temporarily: the landing depends on how
    the server was started), keeping the request's query (``/?lang=en``)."""
    return RedirectHandler, {"url": url, "permanent": False}


def announce_vendor_url(base_url: str) -> None:
    """Tell kernels started from now on where the map libraries are served (they inherit the environment)."""
    os.environ[VENDOR_URL_ENV] = url_path_join(base_url, "voila/landsby/vendor/")


main = LandsbyVoila.launch_instance

if __name__ == "__main__":
    main()
