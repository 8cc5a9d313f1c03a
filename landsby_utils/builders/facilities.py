"""The facilities dashboard's frames: :func:`build_facilities_frames`.

Everything is computed from the facilities in the cluster's bounding box plus
:data:`settings.OSM_MARGIN_M`. Distances are straight-line in EPSG:25832 from each village's
point (the parish centre when the village's own point is not known).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from landsby_utils import facilities as fac
from landsby_utils import settings
from landsby_utils.facilities import CORE_CATEGORIES
from landsby_utils.sources._provenance import provenance_of

ClosureKey = tuple[tuple[str, ...], tuple[str, ...] | None]


@dataclass
class FacilitiesFrames:
    """What the facilities page shows, as numbers (language-independent, picklable).

    Attributes
    ----------
    cluster : Cluster
        The cluster.
    reach_m : float
        How far beyond the cluster facilities count (the margin of the fetched box).
    raw_facilities : geopandas.GeoDataFrame
        The facilities as the source returned them (its provenance says cache, live or snapshot).
    facilities : geopandas.GeoDataFrame
        Cleaned (:func:`landsby_utils.facilities.prepare_facilities`); ``attrs`` hold the cleaning counts.
    core_facilities : geopandas.GeoDataFrame
        Cleaned facilities of the categories the analysis is about.
    villages : geopandas.GeoDataFrame
        Village points (parish centre when estimated), with population when known.
    nearest : pandas.DataFrame
        Village × category nearest distances (long format).
    assigned : geopandas.GeoDataFrame
        Facilities inside the cluster, each with the village whose parish it lies in.
    shared : pandas.DataFrame
        Per category: facilities in the cluster, which villages have one, whether it is the only one.
    located : geopandas.GeoDataFrame
        Core facilities with their nearest village and the distance to it.
    reachable_categories : list of str
        Categories with at least one facility in reach of some village.
    example_closure : tuple of str or None
        ``(category, facility_id)`` of the closure example.
    closures : dict
        Closure scenarios computed so far by (closed facility ids, categories); see :func:`closure`.
    data_warnings : list of str
        Warnings of the cleaning.
    """

    cluster: Any
    reach_m: float
    raw_facilities: Any
    facilities: Any
    core_facilities: Any
    villages: Any
    nearest: pd.DataFrame
    assigned: Any
    shared: pd.DataFrame
    located: Any
    reachable_categories: list[str]
    example_closure: tuple[str, str] | None = None
    closures: dict[ClosureKey, pd.DataFrame] = field(default_factory=dict)
    data_warnings: list[str] = field(default_factory=list)

    @property
    def points_only(self) -> bool:
        """True when the facilities are the bundled points-only snapshot (no buildings or areas)."""
        return provenance_of(self.facilities).served_from == "snapshot"

    @property
    def uncertain_categories(self) -> list[str]:
        """Categories whose absence the data cannot show (:data:`~landsby_utils.categories.POINT_GAPS` when points only)."""
        return [c for c in CORE_CATEGORIES if self.points_only and c in fac.POINT_GAPS]

    @property
    def absent_categories(self) -> list[str]:
        """Categories with no facility in reach that the data would show if there were one."""
        return [c for c in CORE_CATEGORIES if c not in self.reachable_categories and c not in self.uncertain_categories]


def facilities_in_reach(cluster: Any, reach_m: float | None = None) -> Any:
    """Facilities in the cluster's bounding box plus ``reach_m`` (default :data:`settings.OSM_MARGIN_M`), as the source returns them."""
    from landsby_utils.sources.osm import facilities_for_bbox

    return facilities_for_bbox(cluster.bbox(float(settings.OSM_MARGIN_M) if reach_m is None else reach_m))


def closure(data: FacilitiesFrames, closed: Sequence[str], categories: Sequence[str] | None = None) -> pd.DataFrame:
    """:func:`landsby_utils.facilities.closure_scenario` for this cluster, computed once per question.

    The builder asks the questions every page shows (the example, each facility the cluster has
    only one of), so their answers are saved with the frames; a reader's own choices are added to
    ``data.closures`` as they are made.
    """
    key = (tuple(closed), tuple(categories) if categories is not None else None)
    if key not in data.closures:
        data.closures[key] = fac.closure_scenario(
            data.villages, data.core_facilities, list(closed), list(categories) if categories is not None else None, data.reach_m
        )
    return data.closures[key]


def _example_closure(data: FacilitiesFrames) -> tuple[str, str] | None:
    """``(category, facility_id)`` of the example: the school (else first kind) nearest to most villages."""
    for code in ["skole", *data.reachable_categories]:
        if code in data.uncertain_categories:
            continue
        facility = fac.most_relied_on(data.nearest, code)
        if facility:
            return code, facility
    return None


def build_facilities_frames(cluster: Any, raw_facilities: Any = None, village_population: pd.Series | None = None) -> FacilitiesFrames:
    """Compute the facilities page's frames for a cluster (cache or snapshot; never the network).

    Parameters
    ----------
    cluster : Cluster
        A loaded cluster.
    raw_facilities : geopandas.GeoDataFrame, optional
        Facilities to use instead of asking the source (:func:`facilities_in_reach`).
    village_population : pandas.Series, optional
        Inhabitants per village (index = village name); enables shares of inhabitants.

    Returns
    -------
    FacilitiesFrames
        Numbers with provenance, with the closures every page shows already computed.
    """
    reach_m = float(settings.OSM_MARGIN_M)
    raw = facilities_in_reach(cluster, reach_m) if raw_facilities is None else raw_facilities
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        facilities = fac.prepare_facilities(raw, cluster.bbox(reach_m))
    core = facilities[facilities["category"].isin(CORE_CATEGORIES)].reset_index(drop=True)
    core.attrs = dict(facilities.attrs)
    villages = cluster.village_points
    if village_population is not None:
        villages["population"] = villages["village"].map(village_population)
    nearest = fac.nearest_facility_distance(villages, core, CORE_CATEGORIES, reach_m)
    assigned = fac.assign_villages(core, fac.village_areas(cluster))
    assigned = assigned[assigned["village"].notna()].reset_index(drop=True)
    ok = nearest[nearest["status"] == fac.STATUS_OK]
    data = FacilitiesFrames(
        cluster=cluster, reach_m=reach_m, raw_facilities=raw, facilities=facilities, core_facilities=core,
        villages=villages, nearest=nearest, assigned=assigned,
        shared=fac.shared_facilities(assigned, CORE_CATEGORIES, [v.name for v in cluster.villages]),
        located=fac.nearest_village(core, villages),
        reachable_categories=[c for c in CORE_CATEGORIES if c in set(ok["category"])],
        data_warnings=[str(w.message) for w in caught],
    )
    data.example_closure = _example_closure(data)
    shared = data.shared
    for row in shared[shared["only_one"] & ~shared["category"].isin(data.uncertain_categories)].itertuples():
        closure(data, [row.facility_id], [row.category])
    if data.example_closure is not None:
        closure(data, [data.example_closure[1]])
    return data
