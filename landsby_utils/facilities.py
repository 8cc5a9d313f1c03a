"""Facilities of a landsbyklynge (one import for all): categories, cleaning, inventory per village, distances, closures.

Categories
    :mod:`landsby_utils.categories` (re-exported here): OSM tags → categories.

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

Modules
    :mod:`landsby_utils.facility_cleaning` (cleaning, villages' facilities, sharing) and
    :mod:`landsby_utils.facility_distances` (distances, shares, closures); this module
    re-exports them with the category table.
"""

from __future__ import annotations

from landsby_utils.categories import (
    CATEGORIES,
    CORE_CATEGORIES,
    POINT_GAPS,
    RULES,
    Category,
    categorize,
    category_label,
    rules_table,
)
from landsby_utils.facility_cleaning import (
    DEDUPE_RADIUS_M,
    STATUS_NO_POINT,
    STATUS_NONE,
    STATUS_OK,
    CleaningReport,
    assign_villages,
    facility_ids,
    inventory_by_village,
    prepare_facilities,
    shared_facilities,
    village_areas,
)
from landsby_utils.facility_distances import (
    _xy,
    access_shares,
    closure_scenario,
    distance_matrix,
    most_relied_on,
    nearest_facility_distance,
    nearest_village,
)

__all__ = [
    "CATEGORIES",
    "CORE_CATEGORIES",
    "Category",
    "CleaningReport",
    "DEDUPE_RADIUS_M",
    "POINT_GAPS",
    "RULES",
    "STATUS_NONE",
    "STATUS_NO_POINT",
    "STATUS_OK",
    "_xy",
    "access_shares",
    "assign_villages",
    "categorize",
    "category_label",
    "closure_scenario",
    "distance_matrix",
    "facility_ids",
    "inventory_by_village",
    "most_relied_on",
    "nearest_facility_distance",
    "nearest_village",
    "prepare_facilities",
    "rules_table",
    "shared_facilities",
    "village_areas",
]
