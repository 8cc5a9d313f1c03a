"""How long the village × category nearest-distance table takes (prints figures; not a test).

Two figures:

1. every OSM place node in Denmark (``places_denmark.csv``, about 7,000) against every
   facility of the 13 core categories in the bundled snapshot;
2. one cluster (default ``vestrum``): cleaning its facilities and computing its table,
   as the facilities dashboard does, plus one closure scenario.

Run: ``python benchmarks/bench_distances.py [cluster-slug] [repeats]``.
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings

import geopandas as gpd
import pandas as pd

from landsby_utils import settings
from landsby_utils.facilities import (
    CORE_CATEGORIES,
    closure_scenario,
    most_relied_on,
    nearest_facility_distance,
    prepare_facilities,
)


def _timed(function, repeats: int) -> tuple[float, float, object]:
    """(median seconds, best seconds, last result) of ``repeats`` calls."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def _places() -> gpd.GeoDataFrame:
    raw = pd.read_csv(settings.OSM_PLACES_CSV, dtype={"ID": "int64", "NAME": str})
    return gpd.GeoDataFrame(
        {"village": raw["NAME"].fillna("node " + raw["ID"].astype(str)).to_numpy()},
        geometry=gpd.points_from_xy(raw["LON"], raw["LAT"]),
        crs=settings.CRS_GEOGRAPHIC,
    )


def main(slug: str = "vestrum", repeats: int = 5) -> None:
    from landsby_utils.cluster import load_cluster
    from landsby_utils.sources.osm import facilities_for_bbox, facilities_from_snapshot

    warnings.simplefilter("ignore")
    places = _places()
    snapshot = prepare_facilities(facilities_from_snapshot())
    core = snapshot[snapshot["category"].isin(CORE_CATEGORIES)]
    nearest_facility_distance(places.head(10), core)  # import scipy.spatial once, outside the timing

    median, best, table = _timed(lambda: nearest_facility_distance(places, core), repeats)
    print(f"Denmark: {len(places):,} place nodes × {len(CORE_CATEGORIES)} categories against {len(core):,} facilities")
    print(f"  full table ({len(table):,} rows, incl. projection to {settings.CRS_METRIC}): median {median * 1000:.0f} ms, best {best * 1000:.0f} ms")

    cluster = load_cluster(slug)
    bbox = cluster.bbox(settings.OSM_MARGIN_M)
    raw = facilities_for_bbox(bbox)

    def one_cluster():
        clean = prepare_facilities(raw, bbox)
        clean = clean[clean["category"].isin(CORE_CATEGORIES)]
        return clean, nearest_facility_distance(cluster.village_points, clean, max_distance_m=settings.OSM_MARGIN_M)

    median, best, (clean, table) = _timed(one_cluster, repeats)
    print(f"Cluster {cluster.name}: {len(cluster.villages)} villages × {len(CORE_CATEGORIES)} categories against {len(clean):,} facilities in reach")
    print(f"  cleaning + table ({len(table)} rows): median {median * 1000:.1f} ms, best {best * 1000:.1f} ms")
    closed = most_relied_on(table, "skole") or clean["facility_id"].iloc[0]
    median, best, _ = _timed(
        lambda: closure_scenario(cluster.village_points, clean, [closed], max_distance_m=settings.OSM_MARGIN_M), repeats
    )
    print(f"  one closure scenario ({closed}): median {median * 1000:.1f} ms, best {best * 1000:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vestrum", int(sys.argv[2]) if len(sys.argv) > 2 else 5)
