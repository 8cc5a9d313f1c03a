"""Facilities of a landsbyklynge: categories, inventory per village, distances, closure scenarios.

Categories
    Each rule maps an OSM ``key=value`` (``value`` may be ``*``) to one category;
    the first matching rule in :data:`RULES` wins, so more specific rules come first.
    Everything else is ``andet`` (other). Categories carry Danish and English labels,
    and a colour and icon for maps.

Analyses (pure functions: frames in, new frames out)
    :func:`prepare_facilities` cleans a facility frame (no position, duplicates,
    outside the reach); :func:`assign_villages`, :func:`inventory_by_village` and
    :func:`shared_facilities` say which village has what and what the cluster has
    only once; :func:`nearest_facility_distance` gives, for every village and
    category, the straight-line distance (metres, EPSG:25832) to the nearest
    facility and which one it is; :func:`access_shares` gives the share of villages
    (or of inhabitants, with weights) within thresholds; :func:`closure_scenario`
    recomputes the distances with some facilities closed.

Facility frames have the columns of :mod:`landsby_utils.sources.osm`: ``category``
and point ``geometry`` are required; ``name``, ``osm_type`` and ``osm_id`` are
used when present. Village frames have a ``village`` column and point geometry.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError

if TYPE_CHECKING:
    import geopandas as gpd


@dataclass(frozen=True)
class Category:
    """A kind of facility.

    Attributes
    ----------
    code : str
        Stable identifier (Danish, ASCII), used as column names.
    da, en : str
        Labels for readers.
    color : str
        Marker and legend colour (CSS hex). Every colour has at least 3:1 contrast against white (WCAG 2.1
        1.4.11, non-text contrast), so markers stand out from a light map and the white icon on them is
        legible; the icons, not the colours alone, tell the kinds apart (1.4.1).
    icon : str
        Font Awesome 6 (free, solid) icon name.
    """

    code: str
    da: str
    en: str
    color: str
    icon: str

    def label(self, lang: str = "da") -> str:
        """Return the label in ``lang``."""
        return self.da if lang == "da" else self.en


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("skole", "Skole", "School", "#1f5fbf", "school"),
        Category("dagtilbud", "Dagtilbud (børnehave/vuggestue)", "Childcare", "#00788a", "child"),
        Category("forsamlingshus", "Forsamlingshus/medborgerhus/kulturhus", "Village/community hall", "#c0392b", "house"),
        Category("idraetshal", "Idrætshal/idrætscenter", "Sports hall/centre", "#7b2d26", "basketball"),
        Category("sportsplads", "Sportsplads/boldbane", "Sports ground/pitch", "#2b7a2b", "flag"),
        Category("kirke", "Kirke", "Church", "#6a3d9a", "church"),
        Category("dagligvarer", "Dagligvarebutik", "Grocery shop", "#b35300", "cart-shopping"),
        Category("laege", "Lægehus", "Doctor", "#c2185b", "stethoscope"),
        Category("bibliotek", "Bibliotek", "Library", "#1b3a6b", "book"),
        Category("legeplads", "Legeplads", "Playground", "#5e7d00", "child-reaching"),
        Category("hjertestarter", "Hjertestarter", "Defibrillator", "#1d1d1f", "heart-pulse"),
        Category("bus", "Busstoppested", "Bus stop", "#5c5c5c", "bus"),
        Category("spisested", "Spisested/café", "Restaurant/café", "#8a5a2b", "utensils"),
        Category("andet", "Andet", "Other", "#8a8a8a", "circle-info"),
    )
}

#: (key, value, category); ``"*"`` matches any value. Order matters: first match wins.
#:
#: The mapping, documented (OSM tag → category):
#:
#: ============================  ==================================================================
#: category                      OSM tags
#: ============================  ==================================================================
#: skole                         amenity=school
#: dagtilbud                     amenity=kindergarten, amenity=childcare
#: forsamlingshus                amenity=community_centre, events_venue, arts_centre, social_centre
#: idraetshal                    leisure=sports_hall, leisure=sports_centre
#: sportsplads                   leisure=pitch, stadium, track
#: kirke                         amenity=place_of_worship (in Danish villages almost always the
#:                               parish church), building=church
#: dagligvarer                   shop=supermarket, convenience, general, grocery
#: laege                         amenity=doctors, healthcare=doctor
#: bibliotek                     amenity=library
#: legeplads                     leisure=playground
#: hjertestarter                 emergency=defibrillator
#: bus                           highway=bus_stop, amenity=bus_station, public_transport=platform
#:                               (but railway=platform first, which is a train platform: andet)
#: spisested                     amenity=restaurant, cafe, fast_food, pub
#: andet                         everything else
#: ============================  ==================================================================
RULES: tuple[tuple[str, str, str], ...] = (
    ("amenity", "school", "skole"),
    ("amenity", "kindergarten", "dagtilbud"),
    ("amenity", "childcare", "dagtilbud"),
    ("amenity", "community_centre", "forsamlingshus"),
    ("amenity", "events_venue", "forsamlingshus"),
    ("amenity", "arts_centre", "forsamlingshus"),
    ("amenity", "social_centre", "forsamlingshus"),
    ("leisure", "sports_hall", "idraetshal"),
    ("leisure", "sports_centre", "idraetshal"),
    ("leisure", "pitch", "sportsplads"),
    ("leisure", "stadium", "sportsplads"),
    ("leisure", "track", "sportsplads"),
    ("amenity", "place_of_worship", "kirke"),
    ("building", "church", "kirke"),
    ("shop", "supermarket", "dagligvarer"),
    ("shop", "convenience", "dagligvarer"),
    ("shop", "general", "dagligvarer"),
    ("shop", "grocery", "dagligvarer"),
    ("amenity", "doctors", "laege"),
    ("healthcare", "doctor", "laege"),
    ("amenity", "library", "bibliotek"),
    ("leisure", "playground", "legeplads"),
    ("emergency", "defibrillator", "hjertestarter"),
    ("highway", "bus_stop", "bus"),
    ("amenity", "bus_station", "bus"),
    ("railway", "platform", "andet"),
    ("public_transport", "platform", "bus"),
    ("amenity", "restaurant", "spisested"),
    ("amenity", "cafe", "spisested"),
    ("amenity", "fast_food", "spisested"),
    ("amenity", "pub", "spisested"),
)

#: The categories a cluster's access analysis is about (all but "andet").
CORE_CATEGORIES: tuple[str, ...] = tuple(code for code in CATEGORIES if code != "andet")


def categorize(tags: Mapping[str, str]) -> str:
    """Return the category code for a set of OSM tags.

    Parameters
    ----------
    tags : mapping of str to str
        The element's tags, e.g. ``{"amenity": "school", "name": "Hee Skole"}``.

    Returns
    -------
    str
        A key of :data:`CATEGORIES`; ``"andet"`` when no rule matches.
    """
    for key, value, category in RULES:
        if key in tags and (value == "*" or tags[key] == value):
            return category
    return "andet"


def category_label(code: str, lang: str = "da") -> str:
    """Return the reader's label for a category code (``"skole"`` → ``"Skole"``)."""
    return CATEGORIES[code].label(lang)


def rules_table(lang: str = "da") -> pd.DataFrame:
    """The category rules as a table for readers: category label and the OSM tags that lead to it.

    Parameters
    ----------
    lang : {"da", "en"}
        Language of the labels and column names.

    Returns
    -------
    pandas.DataFrame
        Columns ``Kategori``/``Category`` and ``OpenStreetMap-mærker``/``OpenStreetMap tags``,
        one row per category in :data:`CATEGORIES` order (``andet`` last).
    """
    tags: dict[str, list[str]] = {code: [] for code in CATEGORIES}
    for key, value, code in RULES:
        if code != "andet":
            tags[code].append(f"{key}={value}")
    tags["andet"] = ["alt andet" if lang == "da" else "everything else"]
    return pd.DataFrame(
        {
            ("Kategori" if lang == "da" else "Category"): [CATEGORIES[c].label(lang) for c in CATEGORIES],
            ("OpenStreetMap-mærker" if lang == "da" else "OpenStreetMap tags"): [", ".join(tags[c]) for c in CATEGORIES],
        }
    )


# --- analyses -------------------------------------------------------------------------

#: Two facilities of one category with the same name closer than this (metres) are one facility
#: (typically mapped both as a point and as an area).
DEDUPE_RADIUS_M: float = 100.0

#: ``status`` of a village × category distance.
STATUS_OK = "ok"
#: No facility of the category within reach (``max_distance_m``) or in the data at all.
STATUS_NONE = "none_in_reach"
#: The village has no point, so no distance can be computed.
STATUS_NO_POINT = "no_point"

_NEAREST_COLUMNS = ["village", "category", "distance_m", "facility_id", "facility_name", "status"]


@dataclass(frozen=True)
class CleaningReport:
    """What :func:`prepare_facilities` did to a facility frame (stored in ``frame.attrs["cleaning"]``).

    Attributes
    ----------
    received : int
        Rows received.
    no_position : int
        Rows left out because they had no position (e.g. an OSM way without a centre).
    outside : int
        Rows left out because they lie outside the bounding box (beyond the margin).
    duplicates : int
        Rows merged into another row (same category and name within :data:`DEDUPE_RADIUS_M`).
    unnamed : int
        Rows kept that have no name (shown as "uden navn").
    merged : list of tuple of str
        ``(dropped facility_id, kept facility_id)`` for every merged duplicate.
    """

    received: int = 0
    no_position: int = 0
    outside: int = 0
    duplicates: int = 0
    unnamed: int = 0
    merged: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> CleaningReport:
        """The report attached to a frame by :func:`prepare_facilities` (an empty report if none)."""
        raw = frame.attrs.get("cleaning")
        if not raw:
            return cls()
        return cls(**{**raw, "merged": [tuple(pair) for pair in raw.get("merged", [])]})


def _require_columns(frame: pd.DataFrame, columns: Iterable[str], argument: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidArgumentError(
            f"{argument} lacks column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}",
            f"{argument} mangler kolonnen/kolonnerne {', '.join(missing)}",
        )


def _require_crs(frame: gpd.GeoDataFrame, argument: str) -> None:
    if getattr(frame, "crs", None) is None:
        raise InvalidArgumentError(
            f"{argument} must be a GeoDataFrame with a CRS (e.g. {settings.CRS_GEOGRAPHIC})",
            f"{argument} skal være en GeoDataFrame med et koordinatsystem",
        )


def _check_categories(categories: Iterable[str] | None) -> list[str]:
    chosen = list(CORE_CATEGORIES if categories is None else ([categories] if isinstance(categories, str) else categories))
    unknown = [c for c in chosen if c not in CATEGORIES]
    if unknown:
        raise InvalidArgumentError(
            f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(map(repr, unknown))}; valid: {', '.join(CATEGORIES)}",
            f"ukendt kategori {', '.join(map(repr, unknown))}; gyldige: {', '.join(CATEGORIES)}",
        )
    return chosen


def _name_key(name: object) -> str:
    return " ".join(str(name).casefold().split()) if isinstance(name, str) else ""


def facility_ids(facilities: pd.DataFrame) -> pd.Series:
    """Stable identifiers of facilities: ``facility_id`` if present, else ``"<osm_type>/<osm_id>"``.

    Parameters
    ----------
    facilities : pandas.DataFrame
        Facility rows.

    Returns
    -------
    pandas.Series
        Strings, aligned with ``facilities``; ``"#<index>"`` when the frame has no OSM ids.
    """
    if "facility_id" in facilities.columns:
        return facilities["facility_id"].astype(str)
    if {"osm_type", "osm_id"} <= set(facilities.columns):
        return facilities["osm_type"].astype(str) + "/" + facilities["osm_id"].astype(str)
    return pd.Series([f"#{i}" for i in facilities.index], index=facilities.index, dtype=str)


def prepare_facilities(
    facilities: gpd.GeoDataFrame,
    bbox: tuple[float, float, float, float] | None = None,
    dedupe_radius_m: float = DEDUPE_RADIUS_M,
) -> gpd.GeoDataFrame:
    """Clean a facility frame for the analyses: positions, reach, duplicates, names, ids.

    * Rows without a position (an OSM way without a centre) are left out, with a warning.
      Areas and lines are replaced by a point inside them.
    * Rows outside ``bbox`` (the cluster's box plus margin) are left out, with a warning.
    * The same facility mapped twice (same category and same name, case and spacing
      ignored, within ``dedupe_radius_m``; or an unnamed node and an unnamed way of the
      same category that close) is kept once, with a warning. Named rows win over
      unnamed ones, ways over nodes, then the smaller ``facility_id``.
    * Missing names become ``""``; a ``facility_id`` column is added (see :func:`facility_ids`).

    Parameters
    ----------
    facilities : geopandas.GeoDataFrame
        Facility rows with ``category`` and ``geometry`` (any CRS).
    bbox : tuple of float, optional
        ``(west, south, east, north)`` in degrees; rows outside are left out.
    dedupe_radius_m : float, default :data:`DEDUPE_RADIUS_M`
        How close (metres) two rows must be to count as one facility; 0 turns merging off.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame in the input's CRS with a fresh index; its ``attrs`` keep the input's
        (provenance) and add ``"cleaning"`` (see :class:`CleaningReport`).

    Raises
    ------
    InvalidArgumentError
        If columns or the CRS are missing, or ``dedupe_radius_m`` is negative.
    """
    _require_columns(facilities, ["category", "geometry"], "facilities")
    _require_crs(facilities, "facilities")
    if dedupe_radius_m < 0:
        raise InvalidArgumentError(
            f"dedupe_radius_m must be >= 0, got {dedupe_radius_m}", f"dedupe_radius_m skal være >= 0, ikke {dedupe_radius_m}"
        )
    frame = facilities.copy()
    frame.attrs = dict(facilities.attrs)
    received = len(frame)
    frame["facility_id"] = facility_ids(frame)
    frame["name"] = [str(n).strip() if isinstance(n, str) else "" for n in frame.get("name", pd.Series("", index=frame.index))]

    missing = frame.geometry.isna() | frame.geometry.is_empty
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} facilit{'y has' if missing.sum() == 1 else 'ies have'} no position "
            f"(e.g. an OSM way without a centre) and {'is' if missing.sum() == 1 else 'are'} left out: "
            + ", ".join(frame.loc[missing, "facility_id"].head(5)),
            stacklevel=2,
        )
        frame = frame[~missing]
    not_point = frame.geom_type != "Point"
    if not_point.any():
        metric = frame.loc[not_point].geometry.to_crs(settings.CRS_METRIC)
        frame.loc[not_point, "geometry"] = metric.representative_point().to_crs(frame.crs).to_numpy()

    outside = 0
    if bbox is not None:
        west, south, east, north = bbox
        geographic = frame.geometry.to_crs(settings.CRS_GEOGRAPHIC)
        inside = (geographic.x >= west) & (geographic.x <= east) & (geographic.y >= south) & (geographic.y <= north)
        outside = int((~inside).sum())
        if outside:
            warnings.warn(
                f"{outside} facilit{'y lies' if outside == 1 else 'ies lie'} outside the bounding box (beyond the margin) and "
                f"{'is' if outside == 1 else 'are'} ignored",
                stacklevel=2,
            )
            frame = frame[inside.to_numpy()]

    merged = _duplicates(frame, dedupe_radius_m) if dedupe_radius_m > 0 and len(frame) > 1 else []
    if merged:
        warnings.warn(
            f"{len(merged)} facilit{'y was' if len(merged) == 1 else 'ies were'} mapped twice (e.g. as node and way) "
            f"and merged: " + ", ".join(f"{a} = {b}" for a, b in merged[:5]),
            stacklevel=2,
        )
        dropped = {a for a, _ in merged}
        frame = frame[~frame["facility_id"].isin(dropped)]

    frame = frame.reset_index(drop=True)
    frame.attrs["cleaning"] = {
        "received": received,
        "no_position": int(missing.sum()),
        "outside": outside,
        "duplicates": len(merged),
        "unnamed": int((frame["name"] == "").sum()),
        "merged": [list(pair) for pair in merged],
    }
    return frame


def _duplicates(frame: gpd.GeoDataFrame, radius_m: float) -> list[tuple[str, str]]:
    """(dropped id, kept id) pairs: same category and name (or unnamed node + way) within ``radius_m``."""
    from sklearn.neighbors import BallTree

    metric = frame.geometry.to_crs(settings.CRS_METRIC)
    xy = np.column_stack([metric.x.to_numpy(), metric.y.to_numpy()])
    names = [_name_key(n) for n in frame["name"]]
    types = frame["osm_type"].astype(str).to_numpy() if "osm_type" in frame.columns else np.full(len(frame), "")
    ids = frame["facility_id"].to_numpy()
    categories = frame["category"].to_numpy()
    # Preference: named first, then ways, then the smaller id (deterministic).
    order = sorted(range(len(frame)), key=lambda i: (names[i] == "", types[i] != "way", ids[i]))
    rank = {i: r for r, i in enumerate(order)}
    tree = BallTree(xy)
    neighbours = tree.query_radius(xy, r=radius_m)
    dropped: dict[int, int] = {}
    for i in order:
        if i in dropped:
            continue
        for j in sorted(neighbours[i], key=rank.__getitem__):
            if j == i or j in dropped or rank[j] < rank[i] or categories[j] != categories[i]:
                continue
            same_name = names[i] != "" and names[i] == names[j]
            node_and_way = names[i] == names[j] == "" and {types[i], types[j]} == {"node", "way"}
            if same_name or node_and_way:
                dropped[j] = i
    return sorted(((str(ids[j]), str(ids[i])) for j, i in dropped.items()), key=lambda pair: pair[0])


def village_areas(cluster) -> gpd.GeoDataFrame:
    """Each village of a cluster with the union of its parishes (for :func:`assign_villages`).

    Parameters
    ----------
    cluster : landsby_utils.cluster.Cluster
        The cluster.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``village`` and ``geometry`` (polygons, EPSG:4326), in village order.
    """
    import geopandas as gpd

    parishes = cluster.parishes.set_index("parish_code").geometry
    return gpd.GeoDataFrame(
        {"village": [v.name for v in cluster.villages]},
        geometry=[parishes.loc[[c for c in v.parishes if c in parishes.index]].union_all() for v in cluster.villages],
        crs=cluster.parishes.crs,
    )


def assign_villages(
    facilities: gpd.GeoDataFrame, villages: gpd.GeoDataFrame, radius_m: float | None = None
) -> gpd.GeoDataFrame:
    """Say which village each facility belongs to: by the village's area, or within a radius of its point.

    Parameters
    ----------
    facilities : geopandas.GeoDataFrame
        Facility rows (``category``, point ``geometry``).
    villages : geopandas.GeoDataFrame
        ``village`` and either polygons (areas, e.g. from :func:`village_areas`) or points.
    radius_m : float, optional
        With points: a facility belongs to the nearest village point within this many metres.
        Leave out with areas.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``facilities`` with a ``village`` column (missing when the facility belongs
        to no village). With areas, a facility inside two villages' shared parish appears
        once per village.

    Raises
    ------
    InvalidArgumentError
        If columns or CRS are missing, points are given without ``radius_m``, or ``radius_m`` <= 0.
    """
    import geopandas as gpd

    _require_columns(villages, ["village", "geometry"], "villages")
    _require_columns(facilities, ["category", "geometry"], "facilities")
    _require_crs(villages, "villages")
    _require_crs(facilities, "facilities")
    located = villages[villages.geometry.notna() & ~villages.geometry.is_empty]
    points = bool(len(located)) and bool((located.geom_type == "Point").all())
    if radius_m is None:
        if points:
            raise InvalidArgumentError(
                "villages are points: give radius_m, or give village areas (polygons)",
                "landsbyerne er punkter: angiv radius_m, eller giv landsbyernes områder",
            )
        joined = gpd.sjoin(
            facilities, located[["village", "geometry"]].to_crs(facilities.crs), how="left", predicate="within"
        ).drop(columns="index_right")
        order = {name: i for i, name in enumerate(villages["village"])}
        joined["_order"] = joined["village"].map(order)
        joined = joined.reset_index(names="_row").sort_values(["_row", "_order"], kind="stable")
        out = joined.drop(columns=["_row", "_order"]).reset_index(drop=True)
    else:
        if radius_m <= 0:
            raise InvalidArgumentError(f"radius_m must be > 0, got {radius_m}", f"radius_m skal være > 0, ikke {radius_m}")
        if not points:
            raise InvalidArgumentError("radius_m needs village points", "radius_m kræver landsbypunkter")
        from sklearn.neighbors import BallTree

        out = facilities.copy()
        out["village"] = pd.Series([pd.NA] * len(out), index=out.index, dtype="object")
        if len(out) and len(located):
            vxy = _xy(located)
            fxy = _xy(out)
            distance, index = BallTree(vxy).query(fxy, k=1)
            near = distance[:, 0] <= radius_m
            names = located["village"].to_numpy()
            out.loc[near, "village"] = names[index[near, 0]]
        out = out.reset_index(drop=True)
    out.attrs = dict(facilities.attrs)
    return out


def nearest_village(facilities: gpd.GeoDataFrame, villages: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add to each facility its nearest village point and the straight-line distance to it.

    Parameters
    ----------
    facilities : geopandas.GeoDataFrame
        Facility rows (point ``geometry``).
    villages : geopandas.GeoDataFrame
        ``village`` and point ``geometry`` (villages without a point are skipped).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``facilities`` with ``nearest_village`` and ``village_distance_m``
        (missing when no village has a point).
    """
    from sklearn.neighbors import BallTree

    _require_columns(villages, ["village", "geometry"], "villages")
    _require_crs(villages, "villages")
    _require_crs(facilities, "facilities")
    located = villages[villages.geometry.notna() & ~villages.geometry.is_empty]
    out = facilities.copy()
    out.attrs = dict(facilities.attrs)
    out["nearest_village"] = pd.Series([pd.NA] * len(out), index=out.index, dtype="object")
    out["village_distance_m"] = np.nan
    if len(out) and len(located):
        distance, index = BallTree(_xy(located)).query(_xy(out), k=1)
        out["nearest_village"] = located["village"].to_numpy()[index[:, 0]]
        out["village_distance_m"] = distance[:, 0]
    return out


def _xy(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Metric (EPSG:25832) coordinates of point geometries as an (n, 2) array."""
    metric = frame.geometry.to_crs(settings.CRS_METRIC)
    return np.column_stack([metric.x.to_numpy(dtype=float), metric.y.to_numpy(dtype=float)])


def inventory_by_village(
    assigned: pd.DataFrame, villages: Sequence[str], categories: Iterable[str] | None = None
) -> pd.DataFrame:
    """Count facilities per category (rows) and village (columns).

    Parameters
    ----------
    assigned : pandas.DataFrame
        Output of :func:`assign_villages` (``category``, ``village``).
    villages : sequence of str
        Villages, in the order of the columns (villages with nothing get zeros).
    categories : iterable of str, optional
        Categories, in row order (default :data:`CORE_CATEGORIES`).

    Returns
    -------
    pandas.DataFrame
        Integer counts; index = category codes, columns = ``villages``.
    """
    _require_columns(assigned, ["category", "village"], "assigned")
    chosen = _check_categories(categories)
    counts = assigned.dropna(subset=["village"]).groupby(["category", "village"]).size()
    table = counts.unstack("village").reindex(index=chosen, columns=list(villages)).fillna(0).astype(int)
    table.index.name = "category"
    table.columns.name = "village"
    table.attrs = dict(assigned.attrs)
    return table


def shared_facilities(
    assigned: pd.DataFrame, categories: Iterable[str] | None = None, villages: Sequence[str] | None = None
) -> pd.DataFrame:
    """What the cluster shares: per category, how many facilities it has and in which villages.

    Parameters
    ----------
    assigned : pandas.DataFrame
        Output of :func:`assign_villages`; rows without a village (outside the cluster) are ignored.
    categories : iterable of str, optional
        Categories, in row order (default :data:`CORE_CATEGORIES`).
    villages : sequence of str, optional
        The order in which to name villages (default: first seen in ``assigned``).

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``count`` (distinct facilities in the cluster),
        ``villages_with`` (how many villages have one), ``villages`` (their names, in the
        order of ``villages``), ``only_one`` (exactly one facility in the whole cluster), and for
        those ``facility_id`` and ``facility_name``.
    """
    _require_columns(assigned, ["category", "village"], "assigned")
    chosen = _check_categories(categories)
    inside = assigned.dropna(subset=["village"]).copy()
    inside["facility_id"] = facility_ids(inside)
    rows = []
    for code in chosen:
        rows_of = inside[inside["category"] == code]
        distinct = rows_of.drop_duplicates("facility_id")
        names = list(dict.fromkeys(rows_of["village"]))
        if villages is not None:
            order = {name: i for i, name in enumerate(villages)}
            names.sort(key=lambda name: order.get(name, len(order)))
        single = len(distinct) == 1
        rows.append(
            {
                "category": code,
                "count": len(distinct),
                "villages_with": len(names),
                "villages": ", ".join(names),
                "only_one": single,
                "facility_id": distinct["facility_id"].iloc[0] if single else "",
                "facility_name": (distinct["name"].iloc[0] if "name" in distinct else "") if single else "",
            }
        )
    out = pd.DataFrame(rows, columns=["category", "count", "villages_with", "villages", "only_one", "facility_id", "facility_name"])
    out.attrs = dict(assigned.attrs)
    return out


def nearest_facility_distance(
    villages: gpd.GeoDataFrame,
    facilities: gpd.GeoDataFrame,
    categories: Iterable[str] | None = None,
    max_distance_m: float | None = None,
) -> pd.DataFrame:
    """Straight-line distance from every village to the nearest facility of every category.

    Distances are Euclidean in ETRS89 / UTM 32N (``settings.CRS_METRIC``), found with a
    ball tree per category (no double loop). They are as the crow flies, not by road.

    Parameters
    ----------
    villages : geopandas.GeoDataFrame
        ``village`` and point ``geometry``; villages without a point get status
        :data:`STATUS_NO_POINT` (with a warning). Extra columns (e.g. a population for
        :func:`access_shares`) are carried along.
    facilities : geopandas.GeoDataFrame
        Facility rows (``category``, point ``geometry``; ``name``, ids), ideally from
        :func:`prepare_facilities`. Facilities outside the cluster count too.
    categories : iterable of str, optional
        Categories (default :data:`CORE_CATEGORIES`).
    max_distance_m : float, optional
        The reach of the data (e.g. ``settings.OSM_MARGIN_M``): a nearest facility farther
        away than this is not trusted (a nearer one may lie outside the data), and the
        village gets status :data:`STATUS_NONE` with no distance.

    Returns
    -------
    pandas.DataFrame
        One row per village and category, in village order then category order:
        ``village``, ``category``, ``distance_m`` (float, NaN when none), ``facility_id``,
        ``facility_name`` (``""`` when none), ``status`` (``"ok"``, ``"none_in_reach"``,
        ``"no_point"``), plus the villages' extra columns. ``attrs["max_distance_m"]``
        records the reach.

    Raises
    ------
    InvalidArgumentError
        If columns or CRS are missing, a category is unknown, or ``max_distance_m`` <= 0.
    """
    from sklearn.neighbors import BallTree

    _require_columns(villages, ["village", "geometry"], "villages")
    _require_columns(facilities, ["category", "geometry"], "facilities")
    _require_crs(villages, "villages")
    _require_crs(facilities, "facilities")
    chosen = _check_categories(categories)
    if max_distance_m is not None and not max_distance_m > 0:
        raise InvalidArgumentError(
            f"max_distance_m must be > 0, got {max_distance_m}", f"max_distance_m skal være > 0, ikke {max_distance_m}"
        )
    has_point = (villages.geometry.notna() & ~villages.geometry.is_empty).to_numpy()
    if (villages.geom_type[has_point] != "Point").any():
        raise InvalidArgumentError(
            "villages must be points (e.g. Cluster.village_points), not areas",
            "landsbyerne skal være punkter, ikke områder",
        )
    if not has_point.all():
        warnings.warn(
            "village(s) without a point get no distance: " + ", ".join(map(str, villages.loc[~has_point, "village"])),
            stacklevel=2,
        )
    usable = facilities[facilities.geometry.notna() & ~facilities.geometry.is_empty]
    if len(usable) < len(facilities):
        warnings.warn(
            f"{len(facilities) - len(usable)} facilities without a position are ignored (use prepare_facilities)",
            stacklevel=2,
        )
    vxy = np.full((len(villages), 2), np.nan)
    if has_point.any():
        vxy[has_point] = _xy(villages[has_point])
    fxy = _xy(usable) if len(usable) else np.empty((0, 2))
    ids = facility_ids(usable).to_numpy()
    names = (usable["name"].fillna("").astype(str) if "name" in usable.columns else pd.Series("", index=usable.index)).to_numpy()
    categories_of = usable["category"].to_numpy()

    n_v, n_c = len(villages), len(chosen)
    distance = np.full((n_v, n_c), np.nan)
    which = np.full((n_v, n_c), -1, dtype=int)
    for k, code in enumerate(chosen):
        members = np.flatnonzero(categories_of == code)
        if members.size == 0 or not has_point.any():
            continue
        d, i = BallTree(fxy[members]).query(vxy[has_point], k=1)
        distance[has_point, k] = d[:, 0]
        which[has_point, k] = members[i[:, 0]]
    if max_distance_m is not None:
        too_far = distance > max_distance_m
        distance[too_far] = np.nan
        which[too_far] = -1

    status = np.where(which >= 0, STATUS_OK, STATUS_NONE).astype(object)
    status[~has_point, :] = STATUS_NO_POINT
    found = which >= 0
    out = pd.DataFrame(
        {
            "village": np.repeat(villages["village"].to_numpy(), n_c),
            "category": np.tile(np.array(chosen, dtype=object), n_v),
            "distance_m": distance.ravel(),
            "facility_id": np.where(found, ids[np.where(found, which, 0)] if len(ids) else "", "").ravel(),
            "facility_name": np.where(found, names[np.where(found, which, 0)] if len(names) else "", "").ravel(),
            "status": status.ravel(),
        }
    )
    extra = [c for c in villages.columns if c not in ("village", villages.geometry.name)]
    for column in extra:
        out[column] = np.repeat(villages[column].to_numpy(), n_c)
    out.attrs = dict(facilities.attrs)
    out.attrs["max_distance_m"] = max_distance_m
    return out


def distance_matrix(nearest: pd.DataFrame) -> pd.DataFrame:
    """The long output of :func:`nearest_facility_distance` as a category × village table of metres.

    Parameters
    ----------
    nearest : pandas.DataFrame
        ``village``, ``category``, ``distance_m``.

    Returns
    -------
    pandas.DataFrame
        Index = categories (in first-seen order), columns = villages (in first-seen order),
        values = metres (NaN when none in reach or no point).
    """
    _require_columns(nearest, ["village", "category", "distance_m"], "nearest")
    table = nearest.pivot(index="category", columns="village", values="distance_m")
    table = table.reindex(index=list(dict.fromkeys(nearest["category"])), columns=list(dict.fromkeys(nearest["village"])))
    table.attrs = dict(nearest.attrs)
    return table


def access_shares(
    nearest: pd.DataFrame,
    thresholds: Sequence[float] = settings.DISTANCE_THRESHOLDS_M,
    weights: str | None = None,
) -> pd.DataFrame:
    """Share of villages (and, with weights, of inhabitants) within each distance of each category.

    Parameters
    ----------
    nearest : pandas.DataFrame
        Output of :func:`nearest_facility_distance`.
    thresholds : sequence of float, default ``settings.DISTANCE_THRESHOLDS_M``
        Distances in metres (a facility exactly at the threshold counts as within).
    weights : str, optional
        Column of ``nearest`` with a weight per village (e.g. inhabitants). Villages with a
        missing weight are left out of the weighted share, with a warning.

    Returns
    -------
    pandas.DataFrame
        One row per category and threshold: ``category``, ``threshold_m``,
        ``villages_within``, ``villages_total`` (villages with a point), ``share_villages``
        (percent, NaN when no village has a point); with ``weights`` also ``weight_within``,
        ``weight_total`` and ``share_weighted`` (percent).

    Raises
    ------
    InvalidArgumentError
        If columns are missing, a threshold is not positive, or weights are negative.
    """
    _require_columns(nearest, ["village", "category", "distance_m", "status"], "nearest")
    thresholds = [float(t) for t in ([thresholds] if np.isscalar(thresholds) else thresholds)]
    if not thresholds or any(not t > 0 for t in thresholds):
        raise InvalidArgumentError(
            f"thresholds must be positive distances in metres, got {thresholds}",
            f"afstandsgrænserne skal være positive tal i meter, ikke {thresholds}",
        )
    reach = nearest.attrs.get("max_distance_m")
    if reach is not None and max(thresholds) > reach:
        warnings.warn(
            f"threshold {max(thresholds):.0f} m exceeds the data's reach {reach:.0f} m; shares beyond it are lower bounds",
            stacklevel=2,
        )
    frame = nearest[nearest["status"] != STATUS_NO_POINT]
    if weights is not None:
        _require_columns(nearest, [weights], "nearest")
        w = pd.to_numeric(frame[weights], errors="coerce")
        if (w < 0).any():
            raise InvalidArgumentError(f"weights column {weights!r} has negative values", f"vægtkolonnen {weights!r} har negative tal")
        if w.isna().any():
            missing = sorted(set(frame.loc[w.isna(), "village"]))
            warnings.warn(f"no {weights} for {', '.join(map(str, missing))}; left out of the weighted share", stacklevel=2)
    rows = []
    for code in dict.fromkeys(nearest["category"]):
        of = frame[frame["category"] == code]
        distance = of["distance_m"].to_numpy(dtype=float)
        for t in thresholds:
            within = np.nan_to_num(distance, nan=np.inf) <= t
            row = {
                "category": code,
                "threshold_m": t,
                "villages_within": int(within.sum()),
                "villages_total": len(of),
                "share_villages": 100.0 * within.sum() / len(of) if len(of) else np.nan,
            }
            if weights is not None:
                w = pd.to_numeric(of[weights], errors="coerce").to_numpy(dtype=float)
                known = ~np.isnan(w)
                total = float(w[known].sum())
                part_w = float(w[known & within].sum())
                row.update(weight_within=part_w, weight_total=total, share_weighted=100.0 * part_w / total if total else np.nan)
            rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs = dict(nearest.attrs)
    return out


def closure_scenario(
    villages: gpd.GeoDataFrame,
    facilities: gpd.GeoDataFrame,
    closed: Iterable[str],
    categories: Iterable[str] | None = None,
    max_distance_m: float | None = None,
    thresholds: Sequence[float] = settings.DISTANCE_THRESHOLDS_M,
) -> pd.DataFrame:
    """What happens to the distances if some facilities close.

    Parameters
    ----------
    villages : geopandas.GeoDataFrame
        As for :func:`nearest_facility_distance`.
    facilities : geopandas.GeoDataFrame
        As for :func:`nearest_facility_distance`.
    closed : iterable of str
        ``facility_id`` values (see :func:`facility_ids`) of the facilities that close.
    categories : iterable of str, optional
        Categories to report (default: the categories of the closed facilities).
    max_distance_m : float, optional
        The reach of the data, as for :func:`nearest_facility_distance`.
    thresholds : sequence of float, default ``settings.DISTANCE_THRESHOLDS_M``
        Distances (metres) for ``lost_thresholds``.

    Returns
    -------
    pandas.DataFrame
        One row per village and category: ``village``, ``category``, ``distance_before_m``,
        ``facility_before``, ``facility_id_before``, ``status_before``, ``distance_after_m``,
        ``facility_after``, ``facility_id_after``, ``status_after``, ``increase_m`` (NaN
        when there is nothing left in reach), ``lost_thresholds`` (tuple of the thresholds
        the village was within before and is not after), ``loses_access`` (bool).

    Raises
    ------
    InvalidArgumentError
        If a closed id is not among the facilities, or as for :func:`nearest_facility_distance`.
    """
    ids = facility_ids(facilities)
    closed = [closed] if isinstance(closed, str) else list(dict.fromkeys(map(str, closed)))
    unknown = [c for c in closed if c not in set(ids)]
    if unknown:
        raise InvalidArgumentError(
            f"closed facility id(s) not found: {', '.join(unknown[:5])}; ids look like {', '.join(ids.head(3))}",
            f"de valgte faciliteter findes ikke: {', '.join(unknown[:5])}",
        )
    is_closed = ids.isin(closed).to_numpy()
    if categories is None:
        categories = [c for c in CATEGORIES if c in set(facilities.loc[is_closed, "category"])]
    chosen = _check_categories(categories)
    thresholds = sorted(float(t) for t in thresholds)
    keep_ids = facilities.copy()
    keep_ids["facility_id"] = ids
    before = nearest_facility_distance(villages, keep_ids, chosen, max_distance_m)
    after = nearest_facility_distance(villages, keep_ids[~is_closed], chosen, max_distance_m)
    out = before[["village", "category"]].copy()
    for when, frame in (("before", before), ("after", after)):
        out[f"distance_{when}_m"] = frame["distance_m"].to_numpy()
        out[f"facility_{when}"] = frame["facility_name"].to_numpy()
        out[f"facility_id_{when}"] = frame["facility_id"].to_numpy()
        out[f"status_{when}"] = frame["status"].to_numpy()
    out["increase_m"] = out["distance_after_m"] - out["distance_before_m"]
    b = np.nan_to_num(out["distance_before_m"].to_numpy(dtype=float), nan=np.inf)
    a = np.nan_to_num(out["distance_after_m"].to_numpy(dtype=float), nan=np.inf)
    out["lost_thresholds"] = [tuple(t for t in thresholds if x <= t < y) for x, y in zip(b, a, strict=True)]
    out["loses_access"] = out["lost_thresholds"].map(bool)
    out.attrs = dict(facilities.attrs)
    out.attrs["closed"] = closed
    out.attrs["max_distance_m"] = max_distance_m
    return out


def most_relied_on(nearest: pd.DataFrame, category: str) -> str | None:
    """The facility of ``category`` that is the nearest one for the most villages.

    Used to pick an example closure ("hvis den nærmeste skole lukker"). Ties go to the
    facility with the smaller total distance, then the smaller id.

    Parameters
    ----------
    nearest : pandas.DataFrame
        Output of :func:`nearest_facility_distance`.
    category : str
        A category code.

    Returns
    -------
    str or None
        A ``facility_id``, or None when no village has one of that category in reach.
    """
    _require_columns(nearest, ["category", "facility_id", "distance_m", "status"], "nearest")
    _check_categories([category])
    rows = nearest[(nearest["category"] == category) & (nearest["status"] == STATUS_OK)]
    if rows.empty:
        return None
    score = rows.groupby("facility_id").agg(villages=("distance_m", "size"), total=("distance_m", "sum"))
    score = score.reset_index().sort_values(["villages", "total", "facility_id"], ascending=[False, True, True])
    return str(score["facility_id"].iloc[0])
