""""Steder som os" (issue 12): how long the national table, the neighbours and a cluster's page data take (prints figures).

1. building the national parish indicator table from the raw snapshot (``landsby derive``'s step;
   target ≤ 60 s);
2. the 10 nearest parishes of every parish (one cKDTree over all complete parishes; target ≤ 1 s);
3. a cluster's page data, :func:`build_comparison_frames` (target ≤ 2 s per cluster), for every
   cluster, after the national table is read once (the first cluster's time includes that read);
4. the pickled frames' size per cluster (what a Voilà kernel reads).

Run: ``python benchmarks/bench_comparison.py [repeats]``.
"""

from __future__ import annotations

import pickle
import statistics
import sys
import time

from landsby_utils import comparison as cmp
from landsby_utils._derive_comparison import indicator_table
from landsby_utils.cluster import cluster_slugs, load_cluster
from landsby_utils.comparison_frames import build_comparison_frames, national_table


def _timed(function, repeats: int):
    """(median seconds, last result) of ``repeats`` calls."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(repeats: int = 3) -> None:
    seconds, table = _timed(indicator_table, repeats)
    print(f"national indicator table: {len(table)} parishes in {seconds:.2f} s (median of {repeats}; target ≤ 60 s)")

    national = national_table()
    z = cmp.zscores(national, cmp.fit_scale(national))
    seconds, index = _timed(lambda: cmp.neighbours_for_all(z, k=10), repeats)
    print(f"10 nearest parishes of all {index.shape[0]} complete parishes: {seconds * 1000:.0f} ms "
          f"(default indicators, median of {repeats}; target ≤ 1 s)")
    seconds, index = _timed(lambda: cmp.neighbours_for_all(z, [i.code for i in cmp.INDICATORS], k=10), repeats)
    print(f"  with all {len(cmp.INDICATORS)} indicators: {seconds * 1000:.0f} ms")

    national_table.cache_clear()
    print("page data per cluster (build_comparison_frames; the first includes reading the national table):")
    for slug in cluster_slugs():
        cluster = load_cluster(slug)
        start = time.perf_counter()
        frames = build_comparison_frames(cluster)
        seconds = time.perf_counter() - start
        size = len(pickle.dumps(frames))
        print(f"  {slug:20s} {seconds:6.2f} s  {size / 1e3:7.0f} kB pickled  (target ≤ 2 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
