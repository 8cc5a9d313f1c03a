"""Folium maps of a cluster: outline, parishes, villages and facilities by category.

Maps work offline: Leaflet and its plugins come from ``landsby_utils/static/vendor``
(vendored from npm by ``scripts/vendor_assets.sh``), linked once per site in the static
datapakke, linked from the server under ``landsby serve`` (which serves them once for
every page: :func:`served_vendor_url`), and inline elsewhere (JupyterLab, Voilà as a
Jupyter server extension). Only the background tiles need the internet; without it the
map still shows every layer on a grey background.
"""

from __future__ import annotations

import base64
import html
import os
import re
from functools import cache
from importlib import resources

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from landsby_utils import _display, settings
from landsby_utils.categories import CATEGORIES
from landsby_utils.i18n import t

_ASSET = "landsby-asset:/"
_JS = [
    ("jquery", _ASSET + "jquery/jquery.min.js"),
    ("leaflet", _ASSET + "leaflet/leaflet.js"),
    ("awesome_markers", _ASSET + "awesome/leaflet.awesome-markers.js"),
]
_CSS = [
    ("leaflet_css", _ASSET + "leaflet/leaflet.css"),
    ("awesome_markers_css", _ASSET + "awesome/leaflet.awesome-markers.css"),
    ("fontawesome_css", _ASSET + "fontawesome/css/all.min.css"),
]
_CLUSTER_JS = [("markerclusterjs", _ASSET + "markercluster/leaflet.markercluster.js")]
_CLUSTER_CSS = [
    ("markerclustercss", _ASSET + "markercluster/MarkerCluster.css"),
    ("markerclusterdefaultcss", _ASSET + "markercluster/MarkerCluster.Default.css"),
]
#: Attribution line of every map (the ODbL requires it to stay visible); the rest is :func:`t`'s ``map_attribution``.
_ATTRIBUTION_LINK = '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank">OpenStreetMap</a>'




def vendor_dir():
    """Folder of the vendored JavaScript/CSS."""
    return resources.files("landsby_utils") / "static" / "vendor"


@cache
def _asset_text(path: str) -> str:
    text = (vendor_dir() / path).read_text(encoding="utf-8")
    if path.endswith("all.min.css"):
        # Keep only the solid font (the one the markers use), inlined as a data URI.
        font = base64.b64encode((vendor_dir() / "fontawesome/webfonts/fa-solid-900.woff2").read_bytes()).decode()
        text = re.sub(r"@font-face\{[^}]*\}", "", text)
        text += (
            '@font-face{font-family:"Font Awesome 6 Free";font-style:normal;font-weight:900;font-display:block;'
            f'src:url(data:font/woff2;base64,{font}) format("woff2")}}'
        )
    if path.endswith(".css"):
        # Images the stylesheet refers to (marker sprites, layer icon) go inline too.
        folder = path.rsplit("/", 1)[0]

        def inline(match: re.Match[str]) -> str:
            image = vendor_dir() / folder / match.group(1)
            return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"

        text = re.sub(r"url\((?:'|\")?(images/[^)'\"]+\.png)(?:'|\")?\)", inline, text)
    return text.replace("</script", "<\\/script")


def served_vendor_url() -> str | None:
    """Where the Voilà server serves the vendored files (``<base_url>voila/landsby/vendor/``), or None.

    Set by ``landsby_utils/voila_config/server.py`` (the server ``landsby serve`` runs) in the
    environment its kernels inherit; None in JupyterLab and under any other server.
    """
    return os.environ.get("LANDSBY_VENDOR_URL") or None


def warm() -> None:
    """Read and inline the vendored assets once (cached for the kernel's lifetime), unless the server serves them."""
    if served_vendor_url() is not None and _display.static_assets() is None:
        return
    for _, url in [*_JS, *_CSS, *_CLUSTER_JS, *_CLUSTER_CSS]:
        _asset_text(url.removeprefix(_ASSET))


def _resolve_assets(document: str) -> str:
    """Replace asset placeholders by links into the site (static mode), to the server (``landsby serve``) or inline code."""
    base = _display.static_assets()
    if base is not None:
        return document.replace(_ASSET, base + "/vendor/")
    served = served_vendor_url()
    if served is not None:
        return document.replace(_ASSET, served.rstrip("/") + "/")

    def script(match: re.Match[str]) -> str:
        return f"<script>{_asset_text(match.group(1))}</script>"

    def style(match: re.Match[str]) -> str:
        return f"<style>{_asset_text(match.group(1))}</style>"

    document = re.sub(r'<script src="' + re.escape(_ASSET) + r'([^"]+)"></script>', script, document)
    return re.sub(r'<link rel="stylesheet" href="' + re.escape(_ASSET) + r'([^"]+)"\s*/>', style, document)


def base_map(bounds: tuple[float, float, float, float], lang: str = "da") -> folium.Map:
    """A folium map fitted to ``bounds`` (west, south, east, north) with OSM tiles and attribution.

    Parameters
    ----------
    bounds : tuple of float
        The area to show, in degrees.
    lang : {"da", "en"}
        Language of the attribution.

    Returns
    -------
    folium.Map
        The map, using the vendored scripts.
    """
    west, south, east, north = bounds
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=11, tiles=None, control_scale=True)
    fmap.default_js = list(_JS)
    fmap.default_css = list(_CSS)
    attribution = _ATTRIBUTION_LINK + html.escape(t("map_attribution", lang)).removeprefix("OpenStreetMap")
    folium.TileLayer(settings.OSM_TILES_URL, attr=attribution, name="OpenStreetMap", max_zoom=19).add_to(fmap)
    # The map opens at its fitted view at once. Leaflet would otherwise zoom there from zoom_start with an
    # animation after the map is drawn; at its end (a quarter of a second later, longer on a busy phone) the
    # marker groups are formed again and their markers drawn anew, and a marker that a keyboard reader had
    # just tabbed to takes the focus away with it.
    fit = folium.FitBounds([[south, west], [north, east]])
    fit.options["animate"] = False
    fit.add_to(fmap)
    _KeyboardAccess().add_to(fmap)
    return fmap


def add_outline(fmap: folium.Map, cluster, lang: str = "da") -> None:
    """Add the cluster's outline and its parish borders (with names) as two layers."""
    outline = gpd.GeoDataFrame(geometry=[cluster.geometry], crs=settings.CRS_GEOGRAPHIC)
    folium.GeoJson(
        outline.to_json(),
        name=t("cluster_outline", lang),
        style_function=lambda _: {"color": "#b5179e", "weight": 3, "fillColor": "#b5179e", "fillOpacity": 0.06},
        interactive=False,  # nothing to show on it: not a target for pointer or keyboard
    ).add_to(fmap)
    parishes = cluster.parishes[["parish_code", "name", "geometry"]]
    folium.GeoJson(
        parishes.to_json(),
        name=t("parish_borders", lang),
        style_function=lambda _: {"color": "#555", "weight": 1, "dashArray": "4 4", "fillOpacity": 0},
        tooltip=folium.GeoJsonTooltip(["name", "parish_code"], aliases=[t("parish", lang), t("map_code", lang)]),
    ).add_to(fmap)


def add_reach(fmap: folium.Map, cluster, margin_m: float, lang: str = "da") -> None:
    """Add the area within ``margin_m`` of the cluster (where facilities count for distances) as a dashed line.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    cluster : landsby_utils.cluster.Cluster
        The cluster.
    margin_m : float
        The reach in metres (e.g. ``settings.OSM_MARGIN_M``).
    lang : {"da", "en"}
        Language of the layer name.
    """
    reach = gpd.GeoSeries([cluster.geometry], crs=settings.CRS_GEOGRAPHIC).to_crs(settings.CRS_METRIC)
    reach = reach.buffer(margin_m).simplify(50).to_crs(settings.CRS_GEOGRAPHIC)
    km = f"{margin_m / 1000:.0f} km"
    name = t("map_reach", lang, km=km)
    folium.GeoJson(
        gpd.GeoDataFrame(geometry=reach, crs=settings.CRS_GEOGRAPHIC).to_json(),
        name=name,
        style_function=lambda _: {"color": "#3a0ca3", "weight": 1.5, "dashArray": "6 6", "fillOpacity": 0},
        show=True,
        interactive=False,
    ).add_to(fmap)


def add_villages(fmap: folium.Map, cluster, lang: str = "da") -> None:
    """Add the villages as labelled points; estimated points (parish centre) are drawn hollow."""
    group = folium.FeatureGroup(name=t("village_points", lang))
    for village in cluster.villages:
        note = f"<br><i>{html.escape(t('estimated_point', lang))}</i>" if village.point_estimated else ""
        folium.CircleMarker(
            [village.lat, village.lon],
            radius=9,
            color="#b5179e",
            weight=3,
            fill=True,
            fill_color="#ffffff" if village.point_estimated else "#b5179e",
            fill_opacity=0.9,
            tooltip=village.name,
            popup=folium.Popup(f"<b>{html.escape(village.name)}</b>{note}", max_width=260),
        ).add_to(group)
    group.add_to(fmap)


def add_facilities(fmap: folium.Map, facilities: gpd.GeoDataFrame, lang: str = "da", categories=None) -> list[str]:
    """Add one layer per facility category, with icons, colours, clustering and popups.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    facilities : geopandas.GeoDataFrame
        Facility columns (``name``, ``category``, ``geometry``).
    lang : {"da", "en"}
        Language of labels.
    categories : iterable of str, optional
        Categories to show (default: every category present except ``andet``).

    Returns
    -------
    list of str
        The categories added, in order.
    """
    present = set(facilities["category"])
    wanted = [c for c in (categories or [c for c in CATEGORIES if c != "andet"]) if c in present]
    for code in wanted:
        category = CATEGORIES[code]
        rows = facilities[facilities["category"] == code]
        layer = MarkerCluster(name=f"{category.label(lang)} ({len(rows)})", options={"disableClusteringAtZoom": 14})
        layer.default_js = list(_CLUSTER_JS)
        layer.default_css = list(_CLUSTER_CSS)
        for row in rows.itertuples():
            unnamed = t("fac_unnamed", lang)
            name = html.escape(row.name) if row.name else f"<i>{unnamed}</i>"
            folium.Marker(
                [row.geometry.y, row.geometry.x],
                icon=_pin(category),
                title=f"{category.label(lang)}: {row.name or ''}".strip(": "),  # accessible name
                tooltip=f"{category.label(lang)}: {row.name or ''}".strip(": "),
                popup=folium.Popup(f"<b>{name}</b><br>{html.escape(category.label(lang))}{_osm_ref(row)}", max_width=260),
                # The marker's accessible name (set by _KeyboardAccess): a marker is a keyboard stop.
                lbName=f"{category.label(lang)}: {row.name or unnamed}",
            ).add_to(layer)
        layer.add_to(fmap)
    return wanted


def _pin(category) -> folium.DivIcon:
    """A map pin in the category's colour with its white icon (styled by :data:`_MAP_CSS`).

    The colours (:data:`landsby_utils.facilities.CATEGORIES`) have at least 3:1 contrast against white, so
    pins stand out from a light map and the white icon is legible on them.
    """
    return folium.DivIcon(
        html=(f'<div class="lb-pin" style="background:{category.color}">'
              f'<i class="fa-solid fa-{category.icon}" aria-hidden="true"></i></div>'),
        icon_size=(28, 28), icon_anchor=(14, 34), popup_anchor=(0, -30), class_name="lb-marker",
    )


def _osm_ref(row) -> str:
    """``<br>OSM node 123`` for a facility row with OSM ids (nothing otherwise)."""
    osm_type, osm_id = getattr(row, "osm_type", None), getattr(row, "osm_id", None)
    return f"<br>OSM {html.escape(str(osm_type))} {html.escape(str(osm_id))}" if osm_type and osm_id is not None else ""


def add_legend(fmap: folium.Map, categories: list[str], lang: str = "da") -> None:
    """Add a fold-out legend of the facility categories (colours and labels) under the zoom buttons.

    The legend is a Leaflet control, so Leaflet keeps it clear of the other controls and the
    attribution. On a narrow map (a phone) it starts folded to one small line and uses a smaller
    font; it folds or unfolds by itself when the map crosses that width (a phone turned, a window
    resized), and the reader can always open or close it. On paper it is printed open.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    categories : list of str
        Category codes shown on the map, in legend order.
    lang : {"da", "en"}
        Language of the title and labels.
    """
    items = "".join(
        f'<div><span class="lb-dot" style="background:{CATEGORIES[c].color}">'
        f'<i class="fa-solid fa-{CATEGORIES[c].icon}" aria-hidden="true"></i></span>'
        f"{html.escape(CATEGORIES[c].label(lang))}</div>"
        for c in categories
    )
    _Legend(f"<summary>{html.escape(t('map_legend', lang))}</summary>{items}").add_to(fmap)


class _Legend(MacroElement):
    """The legend as a Leaflet control (see :func:`add_legend`); ``content`` is the inner HTML of ``<details>``."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var legend = L.control({position: "topleft"});
    legend.onAdd = function () {
        var box = L.DomUtil.create("details", "lb-legend leaflet-control");
        box.id = "lb-legend";
        box.innerHTML = {{ this.content|tojson }};
        var narrow = window.matchMedia("(max-width: {{ this.narrow_px }}px)");
        box.open = !narrow.matches;
        narrow.addEventListener("change", function (event) { box.open = !event.matches; });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    };
    legend.addTo({{ this._parent.get_name() }});
    // Paper shows the legend open (and as it was afterwards).
    window.addEventListener("beforeprint", function () {
        var box = document.getElementById("lb-legend");
        if (box && !box.open) { box.open = true; box.dataset.lbFolded = "1"; }
    });
    window.addEventListener("afterprint", function () {
        var box = document.getElementById("lb-legend");
        if (box && box.dataset.lbFolded) { box.open = false; delete box.dataset.lbFolded; }
    });
})();
{% endmacro %}
"""
    )

    def __init__(self, content: str) -> None:
        super().__init__()
        self._name = "LandsbyLegend"
        self.content = content
        self.narrow_px = _NARROW_PX


#: Maps at most this wide (CSS px, inside the map's frame) get the compact phone layout.
_NARROW_PX = 520

#: Styles inside every map's frame: the legend; compact legend and attribution on phones; no
#: controls on paper (the zoom buttons and layer switcher cannot be used there; the legend,
#: scale and attribution stay).
_MAP_CSS = f"""<style>
.lb-legend {{ background: rgba(255,255,255,.94); padding: 6px 8px; border-radius: 6px; box-shadow: 0 1px 4px #0003;
  font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  max-width: min(60vw, 16rem); max-height: calc(100vh - 140px); overflow: auto; }}
.lb-legend summary {{ cursor: pointer; font-weight: 600; }}
.lb-legend .lb-dot {{ display: inline-flex; align-items: center; justify-content: center; width: 14px; height: 14px;
  border-radius: 50%; margin-right: 5px; vertical-align: -2px; color: #fff; font-size: 8px; }}
.lb-marker .lb-pin {{ position: absolute; left: 0; top: 0; box-sizing: border-box; width: 28px; height: 28px;
  border: 2px solid #fff; border-radius: 50% 50% 50% 0; transform: rotate(-45deg); box-shadow: 0 1px 4px #0009;
  display: flex; align-items: center; justify-content: center; }}
.lb-marker .lb-pin i {{ transform: rotate(45deg); color: #fff; font-size: 13px; }}
/* A clear focus ring (2 px or more, set off from the element) on everything in the map that takes the focus. */
.leaflet-container a:focus-visible, .leaflet-marker-icon:focus-visible, .lb-legend summary:focus-visible,
.leaflet-control-layers-selector:focus-visible {{ outline: 3px solid #1d1d1f; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }}
.leaflet-container:focus-visible {{ outline: 3px solid #1d1d1f; outline-offset: -3px; }}
@media (max-width: {_NARROW_PX}px) {{
  .lb-legend {{ font-size: 11px; line-height: 1.25; padding: 4px 6px; max-width: 55vw; max-height: 45vh; }}
  .lb-legend .lb-dot {{ width: 12px; height: 12px; font-size: 7px; vertical-align: -1px; }}
  .lb-legend:not([open]) {{ padding: 0; }}
  .lb-legend summary {{ padding: 6px 8px; }}
  .leaflet-control-attribution {{ font-size: 9px; line-height: 1.3; }}
}}
@media print {{
  .leaflet-control-zoom, .leaflet-control-layers {{ display: none !important; }}
  .lb-legend {{ max-height: none; box-shadow: none; border: 1px solid #999; }}
  .lb-legend::details-content {{ content-visibility: visible; display: contents; }}
}}
</style>"""


class _KeyboardAccess(MacroElement):
    """Keyboard stops of the map: every facility marker has a name; nothing else in the map is a stop.

    Leaflet makes every marker a Tab stop (``role="button"``) without a name, including MarkerCluster's
    bubbles, which only stand for markers the reader reaches by zooming in (the + key or the zoom
    buttons); Chromium also stops at every shape with a tooltip (parish outlines, village points). A
    facility marker gets its ``lbName`` option (category and name) as ``aria-label`` whenever it is added
    (markers come and go as the reader zooms); bubbles get Leaflet's ``keyboard: false``; shapes get
    ``tabindex="-1"`` (their names are in the page's tables and lists; a pointer still shows the tooltips).
    The outline and the reach line are not interactive at all (``interactive=False``).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    if (L.MarkerCluster) { L.MarkerCluster.prototype.options.keyboard = false; }
    var map = {{ this._parent.get_name() }};
    function describe(layer) {
        if (layer && layer._icon && layer.options && layer.options.lbName) {
            layer._icon.setAttribute("aria-label", layer.options.lbName);
        }
        if (layer instanceof L.Path && layer._path) { layer._path.setAttribute("tabindex", "-1"); }
    }
    map.on("layeradd", function (event) { describe(event.layer); });
    map.eachLayer(describe);
})();
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LandsbyKeyboardAccess"


def map_html(fmap: folium.Map, title: str, height: str = "min(70vh, 560px)", lang: str = "da") -> str:
    """The map as an ``<iframe srcdoc>`` that works offline and fits phone screens.

    A link before the map lets a keyboard reader skip it (it is shown when it has the focus); the frame
    and the map's own document carry the title, and the document its language.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    title : str
        Accessible title (read by screen readers; alt text of the map).
    height : str
        CSS height.
    lang : {"da", "en"}
        Language of the map's document and of the skip link.

    Returns
    -------
    str
        HTML: a link that skips the map (shown when it has the keyboard focus), the map's frame, and
        the link's target after it.
    """
    folium.LayerControl(collapsed=True).add_to(fmap)
    root = fmap.get_root()
    root.header.add_child(folium.Element(_MAP_CSS), name="landsby_map_css")
    root.title = html.escape(title)
    document = _resolve_assets(root.render()).replace("<html>", f'<html lang="{html.escape(lang)}">', 1)
    after = f"{fmap.get_name()}-after"
    return (
        f'<a class="lb-skip" href="#{after}">{html.escape(t("skip_map", lang))}</a>'
        f'<iframe class="landsby-map" title="{html.escape(title)}" srcdoc="{html.escape(document)}" '
        f'style="width:100%;height:{height};border:1px solid #ccc;border-radius:6px" loading="lazy"></iframe>'
        f'<span id="{after}" class="lb-skip-target" tabindex="-1"></span>'
    )
