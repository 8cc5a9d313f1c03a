"""Facility frames cleaned and placed: positions, duplicates, which village has what, what the cluster shares.

Part of :mod:`landsby_utils.facilities` (which re-exports it with
:mod:`landsby_utils.facility_distances`). Pure functions: frames in, new frames out.
Facility frames have the columns of :mod:`landsby_utils.sources.osm`: ``category``
and point ``geometry`` are required; ``name``, ``osm_type`` and ``osm_id`` are
used when present. Village frames have a ``village`` column and point geometry.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError

if TYPE_CHECKING:
    import geopandas as gpd


from landsby_utils.categories import (  # noqa: E402,F401 (the category table lives in its own module)
    CATEGORIES,
    CORE_CATEGORIES,
    POINT_GAPS,
    RULES,
    Category,
    categorize,
    category_label,
    rules_table,
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
    from scipy.spatial import cKDTree

    metric = frame.geometry.to_crs(settings.CRS_METRIC)
    xy = np.column_stack([metric.x.to_numpy(), metric.y.to_numpy()])
    names = [_name_key(n) for n in frame["name"]]
    types = frame["osm_type"].astype(str).to_numpy() if "osm_type" in frame.columns else np.full(len(frame), "")
    ids = frame["facility_id"].to_numpy()
    categories = frame["category"].to_numpy()
    # Preference: named first, then ways, then the smaller id (deterministic).
    order = sorted(range(len(frame)), key=lambda i: (names[i] == "", types[i] != "way", ids[i]))
    rank = {i: r for r, i in enumerate(order)}
    neighbours = cKDTree(xy).query_ball_point(xy, r=radius_m)
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
        from scipy.spatial import cKDTree

        out = facilities.copy()
        out["village"] = pd.Series([pd.NA] * len(out), index=out.index, dtype="object")
        if len(out) and len(located):
            vxy = _xy(located)
            fxy = _xy(out)
            distance, index = cKDTree(vxy).query(fxy, k=1)
            near = distance <= radius_m
            names = located["village"].to_numpy()
            out.loc[near, "village"] = names[index[near]]
        out = out.reset_index(drop=True)
    out.attrs = dict(facilities.attrs)
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
