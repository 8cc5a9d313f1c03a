"""`landsby build`: the static datapakke site, built offline from the snapshot."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from landsby_utils import settings
from landsby_utils.cluster import load_cluster
from landsby_utils.report import _dashboards, build_cluster


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = build_cluster("vestrum", "da", out)
    assert result.ok, result.error
    return result.path


def test_site_has_index_sections_sources_tables_and_shared_assets(site):
    pages = {p.name for p in site.glob("*.html")}
    sections = {page for _, _, page, _ in _dashboards()}
    assert {"index.html", "kilder.html", "overblik.html"} | sections <= pages
    assert (site / "data" / "datapakke.xlsx").exists()
    assert (site / "assets" / "vendor" / "plotly" / "plotly-basic.min.js").exists()
    assert (site / "assets" / "vendor" / "plotly" / "LICENSE").exists()
    bundle = site / "assets" / "vendor" / "plotly" / "plotly-basic.min.js"
    assert gzip.decompress(bundle.with_name(bundle.name + ".gz").read_bytes()) == bundle.read_bytes()
    assert not (site / "assets" / "plotly.min.js").exists()  # the full 4.8 MB bundle is not shipped
    assert (site / "assets" / "vendor" / "leaflet" / "leaflet.js").exists()
    # Scripts are shared, never inlined per page.
    for page in site.glob("*.html"):
        text = page.read_text()
        assert text.count("L.Map=") == 0 and "cdn.jsdelivr" not in text and "cdnjs" not in text


def test_csv_tables_match_the_dashboards(site):
    cluster = load_cluster("vestrum")
    for section, _, _, cls in _dashboards():
        for name, frame in cls(cluster, "da").tables().items():
            written = pd.read_csv(site / "data" / f"{section}_{name}.csv", encoding="utf-8-sig")
            expected = frame.reset_index(drop=True)
            assert list(written.columns) == [str(c) for c in expected.columns], name
            for column in expected.columns:
                got, want = written[str(column)], expected[column]
                if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want):
                    pd.testing.assert_series_equal(got.astype(float), want.astype(float), check_names=False, rtol=1e-9)
                else:
                    assert got.fillna("").astype(str).tolist() == want.fillna("").astype(str).tolist(), (name, column)
    workbook = pd.ExcelFile(site / "data" / "datapakke.xlsx")
    assert "kilder" in workbook.sheet_names and "overblik_landsbyer" in workbook.sheet_names


def test_pages_have_no_code_and_no_tracebacks(site):
    for page in site.glob("*.html"):
        text = page.read_text()
        for forbidden in ("Traceback", "from landsby_utils", "app.header()", "jp-InputArea", "In&nbsp;[", "Error:"):
            assert forbidden not in text, (page.name, forbidden)


def test_index_states_vintage_build_date_and_links(site):
    text = (site / "index.html").read_text()
    assert "VestRum" in text and "Bygget" in text and "FOLK1B" in text and "OpenStreetMap" in text
    for _, _, page, _ in _dashboards():
        assert f'href="{page}"' in text
    assert 'href="kilder.html"' in text
    licences = (site / "kilder.html").read_text()
    assert "ODbL" in licences and "Danmarks Statistik" in licences and "realdania.dk" in licences


def test_two_builds_give_the_same_tables(site, tmp_path):
    again = build_cluster("vestrum", "da", tmp_path)
    assert again.ok
    for csv in (site / "data").glob("*.csv"):
        assert csv.read_bytes() == (again.path / "data" / csv.name).read_bytes(), csv.name


@pytest.mark.browser
@pytest.mark.parametrize("page", ["index.html", "overblik.html"])
def test_site_opens_from_disk_with_the_network_blocked(site, chromium, page):
    from _support import screenshot

    context = chromium.new_context(viewport={"width": 390, "height": 844})
    requests = []
    context.route("http*://**", lambda route: (requests.append(route.request.url), route.abort()))
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto((site / page).as_uri(), wait_until="load")
    if page == "overblik.html":
        frame = tab.frame_locator("iframe.landsby-map")
        frame.locator(".leaflet-overlay-pane path").first.wait_for(timeout=20_000)
        assert frame.locator(".leaflet-marker-icon").count() > 0
    assert errors == []
    assert all("tile.openstreetmap.org" in url for url in requests), requests
    screenshot(tab, f"static-vestrum-{page.replace('.html', '')}")
    context.close()


@pytest.mark.browser
def test_section_with_charts_renders_them_offline(site, chromium):
    pages = [page for section, _, page, _ in _dashboards() if section == "befolkning"]
    if not pages:
        pytest.skip("no population dashboard in this build")
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    context.route("http*://**", lambda route: route.abort())
    tab = context.new_page()
    tab.goto((site / pages[0]).as_uri(), wait_until="load")
    tab.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=20_000)
    context.close()


def test_failing_notebook_keeps_the_previous_build(site, tmp_path, monkeypatch):
    out = site.parent
    before = (site / "index.html").read_text()
    notebooks = tmp_path / "notebooks"
    shutil.copytree(settings.NOTEBOOKS_DIR, notebooks)
    nb = nbformat.read(notebooks / "00_overblik.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("raise RuntimeError('kortet mangler')"))
    nbformat.write(nb, notebooks / "00_overblik.ipynb")
    monkeypatch.setattr(settings, "NOTEBOOKS_DIR", notebooks)
    result = build_cluster("vestrum", "da", out)
    assert not result.ok
    assert "00_overblik.ipynb" in result.error and "RuntimeError" in result.error and "kortet mangler" in result.error
    assert (site / "index.html").read_text() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".vestrum")]  # no temporary folder left behind


def test_unwritable_build_folder_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = build_cluster("vestrum", "da", blocker / "build")
    assert not result.ok and "build folder" in result.error


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANDSBY_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "landsby_utils.cli", "build", *args], capture_output=True, text=True, env=env)


def test_cli_refuses_zero_jobs_and_unknown_clusters(tmp_path):
    zero = _cli("--all", "--jobs", "0", "--out", str(tmp_path))
    assert zero.returncode == 2 and "at least 1" in zero.stderr
    unknown = _cli("vestrom", "--out", str(tmp_path))
    assert unknown.returncode == 2 and "Did you mean: vestrum" in unknown.stderr and "Traceback" not in unknown.stderr
    assert not any(Path(tmp_path).iterdir())


def test_building_leaves_the_working_directory_alone(tmp_path):
    before = os.getcwd()
    assert build_cluster("nissumfjord", "da", tmp_path).ok
    assert os.getcwd() == before
