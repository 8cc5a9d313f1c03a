"""The overview dashboard's frames: :func:`build_overview_frames`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from landsby_utils import population as pop
from landsby_utils import settings
from landsby_utils._errors import LandsbyError


@dataclass
class OverviewFrames:
    """What the overview page shows, as numbers (language-independent, picklable).

    Attributes
    ----------
    cluster : Cluster
        The cluster.
    facilities : geopandas.GeoDataFrame
        Facilities in the cluster's bounding box plus :data:`settings.OSM_MARGIN_M` (cache or snapshot).
    facilities_inside : geopandas.GeoDataFrame
        Those inside the cluster's parishes.
    municipal_population : pandas.DataFrame
        The municipality's total population on 1 January of each year.
    cluster_population : pandas.DataFrame or None
        The sum of the cluster's parishes on 1 January of each year (SOGN1), or None when a parish lacks figures.
    area_km2 : float
        The cluster's area (its parishes, EPSG:25832) in km².
    """

    cluster: Any
    facilities: Any
    facilities_inside: Any
    municipal_population: pd.DataFrame
    cluster_population: pd.DataFrame | None
    area_km2: float


def _municipal_population(cluster: Any) -> pd.DataFrame:
    from landsby_utils.sources.statbank import population_by_area

    frame = population_by_area([cluster.municipality_code])
    total = frame[(frame["sex"] == "total") & (frame["age"] == "total")].sort_values("date")
    total = total[total["date"].dt.month == 1]
    total.attrs = frame.attrs
    return total


def _cluster_population(cluster: Any) -> pd.DataFrame | None:
    from landsby_utils.sources.statbank import sogn1

    try:
        frame = sogn1(cluster.parish_codes)
        codes = [c for c in cluster.parish_codes if c in set(frame["area_code"])]
        summed = pop.totals(pop.cluster_population(frame, codes, code=cluster.slug, name=cluster.name))
    except LandsbyError:
        return None
    summed = summed.dropna(subset=["persons"])
    summed.attrs = frame.attrs
    return summed if len(codes) == len(cluster.parish_codes) and len(summed) else None


def build_overview_frames(cluster: Any) -> OverviewFrames:
    """Read the overview page's frames for a cluster (cache or snapshot; never the network).

    Parameters
    ----------
    cluster : Cluster
        A loaded cluster.

    Returns
    -------
    OverviewFrames
        Numbers with provenance; the dashboard only formats them.
    """
    from landsby_utils.sources.osm import facilities_for_bbox

    facilities = facilities_for_bbox(cluster.bbox(settings.OSM_MARGIN_M))
    inside = facilities[facilities.within(cluster.geometry)].copy()
    inside.attrs = facilities.attrs
    return OverviewFrames(
        cluster=cluster, facilities=facilities, facilities_inside=inside,
        municipal_population=_municipal_population(cluster), cluster_population=_cluster_population(cluster),
        area_km2=float(cluster.parishes.to_crs(settings.CRS_METRIC).area.sum() / 1e6),
    )
