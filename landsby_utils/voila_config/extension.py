"""A Jupyter server extension: what ``landsby serve`` gives the pages, for Voilà as a server extension too.

Under JupyterHub's single-user servers or a plain ``jupyter server`` (``deploy/jupyter_server_config.py``
enables this extension next to Voilà's), the dashboards would otherwise draw their charts with
jupyterlab-plotly's renderer, which carries the full plotly.js (1.4 MB compressed) to every reader and, in
Voilà, throws "setData is not a function" on every chart (it tries to store a PNG of the chart in a model
that Voilà's pages do not have), and every map page would carry its map libraries inline (~1.2 MB).

This extension serves, as :class:`landsby_utils.voila_config.server.LandsbyVoila` does:

* the vendored map libraries at ``<base_url>voila/landsby/vendor/``;
* the chart script and the partial plotly.js bundle at ``<base_url>voila/landsby/static/``;

and tells the kernels where (the environment variable ``LANDSBY_VENDOR_URL``, which they inherit), so
charts are written as HTML for the template's chart script and maps link the served libraries.
``deploy/jupyter_server_config.py`` denies jupyterlab-plotly to the pages, which then never need it.

And closed pages free their kernels: Voilà's page handler never sets the ``_xsrf`` cookie that its
shutdown request on closing the page sends back, so under a Jupyter server too every such request was
refused ("'_xsrf' argument missing from POST", 403) and a closed page kept its kernel until the idle cull.
Once every extension is loaded, the page route's handler becomes
:class:`~landsby_utils.voila_config.server.PageHandler`, which sets it; and Voilà's file list
(``voila``, ``voila/tree``: an empty English page that asks a CDN for a style sheet) becomes a redirect to
the server's default page (the landing page), as the server's own address is.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join
from tornado.routing import RuleRouter
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from landsby_utils.voila_config.server import PageHandler, announce_vendor_url, landing_redirect, landsby_routes


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "landsby_utils.voila_config.extension"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Add the two static routes and tell the kernels (started later, with the server's environment) about them."""
    serverapp.web_app.add_handlers(".*$", landsby_routes(serverapp.base_url))
    announce_vendor_url(serverapp.base_url)
    serverapp.log.info("landsby: map libraries and chart script served at %svoila/landsby/", serverapp.base_url)


async def _start_jupyter_server_extension(serverapp: Any) -> None:
    """Once every extension's routes are in place (Voilà's too): Voilà's page route gets :class:`PageHandler`,
    its file list a redirect to the server's default page."""
    landing = url_path_join(serverapp.base_url, serverapp.default_url)
    swapped = swap_handlers(serverapp.web_app, {TornadoVoilaHandler: (PageHandler, None),
                                                TornadoVoilaTreeHandler: landing_redirect(landing)})
    if swapped[TornadoVoilaHandler]:
        serverapp.log.info("landsby: Voilà's page handler sets the _xsrf cookie (%d routes)", swapped[TornadoVoilaHandler])
    else:
        serverapp.log.warning("landsby: no Voilà page route found; closed pages keep their kernels until the cull")
    if swapped[TornadoVoilaTreeHandler]:
        serverapp.log.info("landsby: Voilà's file list leads to %s (%d routes)", landing, swapped[TornadoVoilaTreeHandler])


def swap_handlers(web_app: Any, replacements: dict[type, tuple[type, dict | None]]) -> dict[type, int]:
    """Serve every route of ``web_app`` whose handler is a key of ``replacements`` by that key's
    ``(handler, arguments)`` (``None``: the route's own arguments); how many routes each key had."""
    swapped, routers, seen = dict.fromkeys(replacements, 0), [web_app.default_router, web_app.wildcard_router], set()
    while routers:
        router = routers.pop()
        if id(router) in seen:
            continue
        seen.add(id(router))
        for rule in router.rules:
            if isinstance(rule.target, RuleRouter):
                routers.append(rule.target)
            elif rule.target in replacements:
                original = rule.target
                rule.target, arguments = replacements[original]
                if arguments is not None:
                    rule.target_kwargs = arguments
                swapped[original] += 1
    return swapped
