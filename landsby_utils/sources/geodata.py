"""Municipality and parish polygons (DAGI) from the bundled snapshot.

Municipalities are DAGI 2014 (1:500 000) as decoded by :mod:`landsby_utils._derive`.
Parishes are the DAWA polygons of August 2021, plus the DAGI 2014 polygon of every
parish code that was merged away or split by 2021 (``vintage == "2014"``, with its
``successor``), as derived by :mod:`landsby_utils._derive_parishes`.
DAWA, the old live source, closed in August 2026; a live replacement
(Dataforsyningen's WFS/Datafordeler) can be added behind the same functions.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd

from landsby_utils import settings
from landsby_utils.sources._provenance import Provenance, attach_provenance

DAGI_PROVENANCE = Provenance(
    source="geodatastyrelsen",
    table="DAGI",
    licence=settings.LICENCE_DAGI,
    reference_date="2014-02-13",
    served_from="snapshot",
)
PARISH_PROVENANCE = Provenance(
    source="dawa",
    table="dagi_parishes",
    licence=settings.LICENCE_DAGI_2021,
    reference_date="2021-08-27",
    served_from="snapshot",
)


@lru_cache(maxsize=1)
def _municipalities() -> gpd.GeoDataFrame:
    frame = gpd.read_file(settings.KOMMUNER_GEOJSON)
    frame = frame.rename(columns={"KOMKODE": "municipality_code", "KOMNAVN": "name"})
    return frame[["municipality_code", "name", "geometry"]]


@lru_cache(maxsize=1)
def _parishes() -> gpd.GeoDataFrame:
    frame = gpd.read_file(f"/vsigzip/{settings.PARISHES_GEOJSON}")
    frame = frame.rename(columns={"parish_name": "name"})
    frame["successor"] = frame["successor"].fillna("")
    return frame[["parish_code", "name", "municipality_code", "vintage", "successor", "geometry"]]


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
    """Parishes (sogne, DAWA 2021 plus 2014 codes gone since), one row per parish and municipality.

    A parish that straddles a municipal border (e.g. Husby, 8739) has one row per
    municipality (each with the whole parish polygon).

    Parameters
    ----------
    municipality_code : str, optional
        Keep only parishes in this municipality (4 digits).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``parish_code``, ``name``, ``municipality_code``, ``vintage``
        (``"2021"``, or ``"2014"`` for a code gone by 2021), ``successor`` (its 2021
        code(s)), ``geometry`` (EPSG:4326), with provenance.
    """
    frame = _parishes()
    if municipality_code is not None:
        frame = frame[frame["municipality_code"] == municipality_code]
    return attach_provenance(frame.copy(), PARISH_PROVENANCE)
