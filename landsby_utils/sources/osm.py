"""OpenStreetMap facilities and places.

This module reads the bundled 2019 node extract (ObiWanLansi/GeoData, nodes only,
municipalities 0760 and 0661 for facilities, all of Denmark for places). The live
Overpass adapter (nodes and ways with ``out center``, one query per cluster
bounding box, cached) plugs in behind :func:`facilities_for_bbox` with the same
columns.

Facility columns
----------------
``osm_type`` (``"node"``/``"way"``), ``osm_id``, ``name`` (may be empty),
``key``, ``value`` (the tag that decided the category), ``category`` (see
:mod:`landsby_utils.facilities`), ``geometry`` (points, EPSG:4326).
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import pandas as pd

from landsby_utils import settings
from landsby_utils.facilities import RULES, categorize
from landsby_utils.sources._provenance import Provenance, attach_provenance

OSM_SNAPSHOT = Provenance(
    source="OpenStreetMap",
    table="GeoData-udtræk af OSM-punkter",
    licence=settings.LICENCE_OSM,
    reference_date="2019-09-11",
    served_from="snapshot",
    note="Kun punkter; faciliteter tegnet som områder mangler i øjebliksbilledet.",
)

_RULE_ORDER = {(key, value): i for i, (key, value, _) in enumerate(RULES)}


@lru_cache(maxsize=1)
def _snapshot_facilities() -> gpd.GeoDataFrame:
    raw = pd.read_csv(settings.OSM_NODES_CSV, dtype={"ID": "int64", "NAME": str, "TAG": str, "VALUE": str})
    raw = raw[raw["TAG"] != "place"].copy()
    raw["category"] = [categorize({k: v}) for k, v in zip(raw["TAG"], raw["VALUE"], strict=True)]
    # A node appears once per tag; keep the row whose tag decides its category.
    raw["_rank"] = [_RULE_ORDER.get((k, v), len(RULES)) for k, v in zip(raw["TAG"], raw["VALUE"], strict=True)]
    raw = raw.sort_values(["ID", "_rank"]).drop_duplicates("ID")
    frame = gpd.GeoDataFrame(
        {
            "osm_type": "node",
            "osm_id": raw["ID"].to_numpy(),
            "name": raw["NAME"].fillna("").to_numpy(),
            "key": raw["TAG"].to_numpy(),
            "value": raw["VALUE"].to_numpy(),
            "category": raw["category"].to_numpy(),
        },
        geometry=gpd.points_from_xy(raw["LON"], raw["LAT"]),
        crs=settings.CRS_GEOGRAPHIC,
    )
    return frame.reset_index(drop=True)


def facilities_from_snapshot() -> gpd.GeoDataFrame:
    """All facility nodes of the bundled OSM extract (Ringkøbing-Skjern and Holstebro).

    Returns
    -------
    geopandas.GeoDataFrame
        Facility columns (see module docstring), one row per OSM node, with provenance.
    """
    return attach_provenance(_snapshot_facilities().copy(), OSM_SNAPSHOT)


def facilities_for_bbox(bbox: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """Facilities inside a bounding box.

    Parameters
    ----------
    bbox : tuple of float
        ``(west, south, east, north)`` in degrees (EPSG:4326).

    Returns
    -------
    geopandas.GeoDataFrame
        Facility columns, with provenance.
    """
    west, south, east, north = bbox
    frame = _snapshot_facilities().cx[west:east, south:north].copy()
    return attach_provenance(frame.reset_index(drop=True), OSM_SNAPSHOT)


@lru_cache(maxsize=1)
def _snapshot_places() -> gpd.GeoDataFrame:
    raw = pd.read_csv(settings.OSM_PLACES_CSV, dtype={"ID": "int64", "NAME": str, "VALUE": str})
    raw = raw.dropna(subset=["NAME"])
    return gpd.GeoDataFrame(
        {
            "osm_id": raw["ID"].to_numpy(),
            "name": raw["NAME"].to_numpy(),
            "place": raw["VALUE"].to_numpy(),
            "population_tag": pd.to_numeric(raw["POPULATION"], errors="coerce").to_numpy(),
        },
        geometry=gpd.points_from_xy(raw["LON"], raw["LAT"]),
        crs=settings.CRS_GEOGRAPHIC,
    ).reset_index(drop=True)


def places_from_snapshot() -> gpd.GeoDataFrame:
    """Named OSM place nodes (city … hamlet) of all of Denmark, 2019.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``osm_id``, ``name``, ``place`` (OSM ``place=*`` value),
        ``population_tag`` (typed in by mappers; not a statistic), ``geometry``.
    """
    return attach_provenance(_snapshot_places().copy(), OSM_SNAPSHOT)
