"""Straight-line distances from villages to facilities, shares within thresholds, closure scenarios.

Part of :mod:`landsby_utils.facilities`. Pure functions: frames in, new frames out.
Distances are Euclidean in ETRS89 / UTM 32N (``settings.CRS_METRIC``), found with k-d trees.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.categories import CATEGORIES
from landsby_utils.facility_cleaning import (
    STATUS_NO_POINT,
    STATUS_NONE,
    STATUS_OK,
    _check_categories,
    _require_columns,
    _require_crs,
    _xy,
    facility_ids,
)

if TYPE_CHECKING:
    import geopandas as gpd


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
    from scipy.spatial import cKDTree

    _require_columns(villages, ["village", "geometry"], "villages")
    _require_crs(villages, "villages")
    _require_crs(facilities, "facilities")
    located = villages[villages.geometry.notna() & ~villages.geometry.is_empty]
    out = facilities.copy()
    out.attrs = dict(facilities.attrs)
    out["nearest_village"] = pd.Series([pd.NA] * len(out), index=out.index, dtype="object")
    out["village_distance_m"] = np.nan
    if len(out) and len(located):
        distance, index = cKDTree(_xy(located)).query(_xy(out), k=1)
        out["nearest_village"] = located["village"].to_numpy()[index]
        out["village_distance_m"] = distance
    return out




def nearest_facility_distance(
    villages: gpd.GeoDataFrame,
    facilities: gpd.GeoDataFrame,
    categories: Iterable[str] | None = None,
    max_distance_m: float | None = None,
) -> pd.DataFrame:
    """Straight-line distance from every village to the nearest facility of every category.

    Distances are Euclidean in ETRS89 / UTM 32N (``settings.CRS_METRIC``), found with a
    k-d tree per category (no double loop). They are as the crow flies, not by road.

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
    from scipy.spatial import cKDTree

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
        d, i = cKDTree(fxy[members]).query(vxy[has_point], k=1)
        distance[has_point, k] = d
        which[has_point, k] = members[i]
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
