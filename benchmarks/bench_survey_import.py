"""How long ``landsby survey import`` takes for 50,000 respondents, per export format (prints figures; not a test).

The exports are generated here from random answers with the template's labels (``tests/_survey_exports.py``,
the same writers the tests use), for the cluster's villages, into a temporary folder; the import runs
with a temporary cache. Target: at most 5 s per import (issue 13).

Run: ``python benchmarks/bench_survey_import.py [rows] [cluster-slug]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("LANDSBY_OFFLINE", "1")
os.environ["LANDSBY_CACHE_DIR"] = tempfile.mkdtemp(prefix="landsby-bench-survey-")

from _survey_exports import generate, write_google, write_msforms, write_surveyxact  # noqa: E402

from landsby_utils import survey_frames  # noqa: E402

TARGET_S = 5.0


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    slug = sys.argv[2] if len(sys.argv) > 2 else "vestrum"
    villages = survey_frames.cluster_villages(slug)
    per = {v: rows // len(villages) + (1 if i < rows % len(villages) else 0) for i, v in enumerate(villages)}
    responses = generate(per, seed=7)
    with tempfile.TemporaryDirectory(prefix="landsby-bench-exports-") as folder:
        folder = Path(folder)
        exports = {
            "SurveyXact (tab, UTF-16)": write_surveyxact(folder / "sx16", responses, sep="\t", encoding="utf-16"),
            "SurveyXact (;, UTF-8)": write_surveyxact(folder / "sx8", responses),
            "Google Forms CSV": [write_google(folder / "google.csv", responses)],
            "Microsoft Forms .xlsx": [write_msforms(folder / "forms.xlsx", responses)],
        }
        survey_frames.template()  # read once, as a long-running import would
        print(f"{rows:,} respondents, cluster {slug}; target ≤ {TARGET_S:.0f} s per import")
        for name, files in exports.items():
            size = sum(p.stat().st_size for p in files) / 1e6
            start, cpu = time.perf_counter(), time.process_time()
            path, report = survey_frames.import_survey(slug, files)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            verdict = "ok" if seconds <= TARGET_S else "OVER TARGET"
            print(f"{name:26s} {size:6.1f} MB  {seconds:5.2f} s wall, {cpu:5.2f} s CPU  {verdict}  "
                  f"({report.rows:,} rows → {path.stat().st_size / 1e6:.1f} MB stored)")
        print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (wall time grows with a busy machine)")


if __name__ == "__main__":
    main()
