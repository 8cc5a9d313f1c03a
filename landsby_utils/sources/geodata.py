"""Municipality and parish polygons (DAGI) from the bundled snapshot.

The snapshot is DAGI 2014 (1:500 000) as decoded by :mod:`landsby_utils._derive`.
DAWA, the old live source, closed in August 2026; a live replacement
(Dataforsyningen's WFS/Datafordeler) can be added behind the same functions.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd

from landsby_utils import settings
from landsby_utils.sources._provenance import Provenance, attach_provenance

DAGI_PROVENANCE = Provenance(
    source="Geodatastyrelsen (nu Klimadatastyrelsen)",
    table="DAGI",
    licence=settings.LICENCE_DAGI,
    reference_date="2014-02-13",
    served_from="snapshot",
)


@lru_cache(maxsize=1)
def _municipalities() -> gpd.GeoDataFrame:
    frame = gpd.read_file(settings.KOMMUNER_GEOJSON)
    frame = frame.rename(columns={"KOMKODE": "municipality_code", "KOMNAVN": "name"})
    return frame[["municipality_code", "name", "geometry"]]


@lru_cache(maxsize=1)
def _parishes() -> gpd.GeoDataFrame:
    frame = gpd.read_file(settings.SOGNE_GEOJSON)
    frame = frame.rename(columns={"SOGNEKODE": "parish_code", "SOGNENAVN": "name", "KOMKODE": "municipality_code"})
    return frame[["parish_code", "name", "municipality_code", "geometry"]]


def municipalities_from_snapshot() -> gpd.GeoDataFrame:
    """All Danish municipalities (DAGI 2014), one row each.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``municipality_code`` (4 digits, e.g. ``"0760"``), ``name`` and
        ``geometry`` (EPSG:4326), with provenance.
    """
    return attach_provenance(_municipalities().copy(), DAGI_PROVENANCE)


def parishes_from_snapshot(municipality_code: str | None = None) -> gpd.GeoDataFrame:
    """Parishes (sogne, DAGI 2014), one row per parish and municipality.

    A parish that straddles a municipal border (e.g. Husby, 8739) has one row per
    municipality.

    Parameters
    ----------
    municipality_code : str, optional
        Keep only parishes in this municipality (4 digits).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``parish_code``, ``name``, ``municipality_code``, ``geometry``
        (EPSG:4326), with provenance.
    """
    frame = _parishes()
    if municipality_code is not None:
        frame = frame[frame["municipality_code"] == municipality_code]
    return attach_provenance(frame.copy(), DAGI_PROVENANCE)
