"""scikit-learn's BallTree against scipy's cKDTree for the facilities' nearest-neighbour queries (prints figures).

The facilities analysis asks two questions of points in metric coordinates (EPSG:25832):
the nearest facility of a category for each village (``query(k=1)``) and the neighbours
within a radius when merging duplicates (``query_radius`` / ``query_ball_point``). This
script times both trees on real data and checks that they give the same answers:

1. every OSM place node in Denmark (about 7,000) against each of the 13 core categories
   of the bundled facilities snapshot (build + nearest query);
2. every facility of the snapshot against itself within 50 m (build + radius query);
3. the time to import each library in a fresh interpreter.

scikit-learn is no longer a dependency; its figures are printed when it is installed.

Run: ``python benchmarks/bench_trees.py [repeats]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd

from landsby_utils import settings
from landsby_utils.facilities import CORE_CATEGORIES, _xy, prepare_facilities


def _timed(function, repeats: int) -> tuple[float, object]:
    """(median seconds, last result) of ``repeats`` calls."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main(repeats: int = 5) -> None:
    import geopandas as gpd
    from scipy.spatial import cKDTree

    from landsby_utils.sources.osm import facilities_from_snapshot

    try:
        from sklearn.neighbors import BallTree
    except ImportError:
        BallTree = None
        print("scikit-learn is not installed: only cKDTree is timed")
    warnings.simplefilter("ignore")
    raw = pd.read_csv(settings.OSM_PLACES_CSV)
    places = gpd.GeoDataFrame(geometry=gpd.points_from_xy(raw["LON"], raw["LAT"]), crs=settings.CRS_GEOGRAPHIC)
    facilities = prepare_facilities(facilities_from_snapshot())
    pxy, fxy = _xy(places), _xy(facilities)
    groups = [fxy[(facilities["category"] == code).to_numpy()] for code in CORE_CATEGORIES]
    groups = [g for g in groups if len(g)]

    def nearest(tree_class):
        return [tree_class(g).query(pxy, k=1) for g in groups]

    print(f"1. {len(pxy):,} places × {len(groups)} categories ({sum(map(len, groups)):,} facilities), nearest, median of {repeats}")
    seconds, kd = _timed(lambda: nearest(cKDTree), repeats)
    print(f"   cKDTree : {seconds * 1000:7.1f} ms")
    if BallTree is not None:
        seconds, ball = _timed(lambda: [(d[:, 0], i[:, 0]) for d, i in nearest(BallTree)], repeats)
        print(f"   BallTree: {seconds * 1000:7.1f} ms")
        worst = max(float(np.max(np.abs(a[0] - b[0]))) for a, b in zip(kd, ball, strict=True))
        same = sum(int(np.sum(a[1] != b[1])) for a, b in zip(kd, ball, strict=True))
        print(f"   largest distance difference {worst:.2e} m; nearest index differs for {same} of "
              f"{len(pxy) * len(groups):,} queries (ties at equal distance only if > 0)")

    print(f"2. {len(fxy):,} facilities against themselves within 50 m, median of {repeats}")
    seconds, kd = _timed(lambda: cKDTree(fxy).query_ball_point(fxy, r=50.0), repeats)
    print(f"   cKDTree : {seconds * 1000:7.1f} ms")
    if BallTree is not None:
        seconds, ball = _timed(lambda: BallTree(fxy).query_radius(fxy, r=50.0), repeats)
        print(f"   BallTree: {seconds * 1000:7.1f} ms")
        differ = sum(set(a) != set(map(int, b)) for a, b in zip(kd, ball, strict=True))
        print(f"   neighbour sets that differ: {differ} of {len(fxy):,}")

    print("3. import time in a fresh interpreter")
    print(f"   scipy.spatial      : {_import_seconds('scipy.spatial') * 1000:7.1f} ms")
    if BallTree is not None:
        print(f"   sklearn.neighbors  : {_import_seconds('sklearn.neighbors') * 1000:7.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
