"""Prepared frames on disk (landsby_utils/frames.py): a page view reads them, and they follow their inputs.

What a reader and a consultant rely on: a dashboard built from prepared frames shows the same as one
computed from scratch; editing a cluster file or fetching new data is shown on the next page (never
stale frames); a broken or unwritable frames file never breaks a page; and a page view from prepared
frames does not load the country-wide registers (that is what keeps a Voilà kernel small).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from landsby_utils import frames, settings
from landsby_utils._errors import UnknownClusterError
from landsby_utils.i18n import t
from landsby_utils.widgets._base import dashboard_classes
from landsby_utils.widgets.facilities import FacilitiesDashboard
from landsby_utils.widgets.overview import OverviewDashboard
from landsby_utils.widgets.population import PopulationDashboard

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty cache directory and a copy of the cluster files this test may edit."""
    clusters = tmp_path / "clusters"
    shutil.copytree(settings.CLUSTERS_DIR, clusters)
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(settings, "CLUSTERS_DIR", clusters)
    return tmp_path


def test_frames_are_saved_once_and_give_the_same_dashboard(own_cache):
    assert not frames.frames_dir().exists()
    computed = PopulationDashboard.from_params("vestrum", "da")
    files = sorted(p.name for p in frames.frames_dir().glob("*.pickle"))
    assert files and all(name.startswith("PopulationDashboard-vestrum-") for name in files)
    stamp = {p: p.stat().st_mtime_ns for p in frames.frames_dir().glob("*.pickle")}
    read = PopulationDashboard.from_params("vestrum", "da")
    assert {p: p.stat().st_mtime_ns for p in frames.frames_dir().glob("*.pickle")} == stamp  # read, not made again
    assert computed.error is None and read.error is None
    for name in ("headline", "age_table"):
        text = repr(getattr(computed, name)())
        assert text and not text.startswith(t("error_title", "da")), name  # a real part, not an empty one or an error
        assert repr(getattr(read, name)()) == text, name
    assert read.key_figures() == computed.key_figures()


def test_editing_a_cluster_file_is_shown_on_the_next_page(own_cache):
    assert repr(OverviewDashboard.from_params("vestrum", "da").header()).startswith("VestRum")
    path = settings.CLUSTERS_DIR / "vestrum.toml"
    text = path.read_text(encoding="utf-8")
    assert 'name = "VestRum"' in text
    path.write_text(text.replace('name = "VestRum"', 'name = "Vest Rum"'), encoding="utf-8")
    assert repr(OverviewDashboard.from_params("vestrum", "da").header()).startswith("Vest Rum")
    # only the current frames are kept
    assert len(list(frames.frames_dir().glob("OverviewDashboard-vestrum-*.pickle"))) == 1


def test_new_data_in_the_cache_makes_new_frames(own_cache):
    slug_path = settings.CLUSTERS_DIR / "friskvind.toml"
    before = frames.fingerprint(slug_path)
    assert frames.fingerprint(slug_path) == before  # stable while nothing changes
    store = Path(settings.CACHE_DIR) / "last_good" / "statbank"
    store.mkdir(parents=True)
    (store / "entry.json").write_text("{}", encoding="utf-8")
    assert frames.fingerprint(slug_path) != before
    # ... but the frames folder itself does not count
    after = frames.fingerprint(slug_path)
    FacilitiesDashboard.from_params("friskvind", "da")
    assert frames.fingerprint(slug_path) == after


def test_a_broken_frames_file_is_made_again(own_cache):
    OverviewDashboard.from_params("nissumfjord", "da")
    (path,) = frames.frames_dir().glob("OverviewDashboard-nissumfjord-*.pickle")
    path.write_bytes(path.read_bytes()[:100])  # e.g. a disk that filled up
    dashboard = OverviewDashboard.from_params("nissumfjord", "da")
    assert dashboard.error is None and "Nissum" in repr(dashboard.header())
    assert frames.load("OverviewDashboard", "nissumfjord", frames.fingerprint(settings.CLUSTERS_DIR / "nissumfjord.toml"))


def test_an_unwritable_cache_still_gives_the_page(own_cache):
    # A file where the frames folder should be: nothing can be written there (also for root).
    frames.frames_dir().parent.mkdir(parents=True)
    frames.frames_dir().write_text("not a folder", encoding="utf-8")
    dashboard = OverviewDashboard.from_params("vestrum", "da")
    assert dashboard.error is None and repr(dashboard.header()).startswith("VestRum")
    assert frames.frames_dir().read_text(encoding="utf-8") == "not a folder"


def test_a_failed_write_leaves_no_partial_file_and_keeps_the_old_one(own_cache, monkeypatch):
    OverviewDashboard.from_params("vestrum", "da")
    (old,) = frames.frames_dir().glob("OverviewDashboard-vestrum-*.pickle")
    content = old.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(frames.os, "fsync", full_disk)  # the write fails just before the rename
    saved = frames.save("OverviewDashboard", "vestrum", "0" * 64, {"cluster": None, "values": {}})
    assert saved is None
    assert [p.name for p in frames.frames_dir().iterdir()] == [old.name]
    assert old.read_bytes() == content


def test_an_unknown_cluster_is_an_error_with_suggestions_not_a_file(own_cache):
    with pytest.raises(UnknownClusterError) as caught:
        frames.prepared(OverviewDashboard, "vestrumm")
    assert "vestrum" in caught.value.localized("da")
    dashboard = OverviewDashboard.from_params("vestrumm", "da")
    assert isinstance(dashboard.error, UnknownClusterError)
    assert "vestrum" in dashboard.header().text  # the page says which cluster was meant
    assert not frames.frames_dir().exists()


def test_landsby_prepare_makes_every_dashboard_and_then_reports_up_to_date(tmp_path):
    env = {**os.environ, "LANDSBY_CACHE_DIR": str(tmp_path / "cache"), "LANDSBY_OFFLINE": "1"}
    landsby = [sys.executable, "-m", "landsby_utils.cli"]
    first = subprocess.run([*landsby, "prepare", "vestrum", "friskvind"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    dashboards = len(dashboard_classes())
    assert first.stdout.count("made") == 2 * dashboards
    second = subprocess.run([*landsby, "prepare", "vestrum"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert second.stdout.count("up to date") == dashboards and "made" not in second.stdout
    wrong = subprocess.run([*landsby, "prepare", "vestrumm"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert wrong.returncode == 2 and "vestrum" in wrong.stderr and "Traceback" not in wrong.stderr


def test_one_broken_cluster_file_does_not_stop_the_others(tmp_path):
    clusters = tmp_path / "clusters"
    shutil.copytree(settings.CLUSTERS_DIR, clusters)
    path = clusters / "vestrum.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Stadil"', 'name = "Stadill"'), encoding="utf-8")
    env = {**os.environ, "LANDSBY_CACHE_DIR": str(tmp_path / "cache"), "LANDSBY_OFFLINE": "1", "LANDSBY_CLUSTERS_DIR": str(clusters)}
    done = subprocess.run([sys.executable, "-m", "landsby_utils.cli", "prepare"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "vestrum.toml" in done.stderr and "Stadill" in done.stderr and "Stadil" in done.stderr
    for slug in ("bedstmodwest", "friskvind", "nissumfjord"):  # the other clusters are prepared
        assert done.stdout.count(f"{slug} ") == len(dashboard_classes())
    assert "vestrum " not in done.stdout


#: Renders every part of a dashboard from prepared frames in a fresh process and reports what was loaded.
_VIEW = """
import json, sys
from landsby_utils import cluster
from landsby_utils.widgets.{module} import {cls} as D
d = D.from_params("vestrum", "da")
assert d.error is None
for name in {parts}:
    getattr(d, name)()
print(json.dumps({{"registers": cluster._registers.cache_info().currsize,
                  "scipy_optimize": "scipy.optimize" in sys.modules, "scipy_spatial": "scipy.spatial" in sys.modules}}))
"""


@pytest.mark.parametrize(
    ("module", "cls", "parts"),
    [
        ("overview", "OverviewDashboard", ["header", "intro", "figures", "map", "villages_table", "facilities_table", "sources"]),
        ("population", "PopulationDashboard", ["header", "headline", "narrative", "population_chart", "projection_chart", "sources"]),
        ("facilities", "FacilitiesDashboard", ["header", "intro", "map", "distance_table", "shares_table", "shared_table",
                                               "only_one", "closure_example", "closure_scenario", "data_notes", "sources"]),
    ],
)
def test_a_page_from_prepared_frames_does_not_load_the_country_wide_registers(tmp_path, module, cls, parts):
    """Nor scipy's trees or its optimiser (only a reader's own closure or village choice needs them)."""
    env = {**os.environ, "LANDSBY_CACHE_DIR": str(tmp_path / "cache"), "LANDSBY_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "landsby_utils.cli", "prepare", "vestrum"], env=env, check=True, capture_output=True)
    code = _VIEW.format(module=module, cls=cls, parts=parts)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"registers": 0, "scipy_optimize": False, "scipy_spatial": False}


def test_frames_that_cannot_be_pickled_are_not_saved_and_the_page_still_works(own_cache):
    state = {"cluster": None, "values": {"callback": lambda: None}}  # e.g. a frame holding a function
    assert frames.save("OverviewDashboard", "vestrum", "1" * 64, state) is None
    assert not list(frames.frames_dir().iterdir())
