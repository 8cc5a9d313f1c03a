"""Nothing personal from a citizen survey can be reached: not in the static datapakke, not from the Voilà server.

A survey with names, e-mail addresses, timestamps and free text (written by the test, tests/_survey_exports.py)
is imported with ``landsby survey import`` into a cache of the test's own; then

* ``landsby build vestrum`` makes the static site, and no file of it (pages, CSV, the Excel workbook) holds a
  personal field, a free-text answer or a raw answer row, while the survey page shows the suppressed results;
* a Voilà server started as ``landsby serve`` starts it (landsby_utils.cli.voila_command, repository root) refuses
  every address that points at the stored answers, and its survey page holds no personal field either.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest
from _support import (
    ARTIFACTS,
    ROOT,
    close_context,
    free_port,
    load_dashboard,
    new_page,
    screenshot_full,
    stop_process,
    wait_for_http,
)
from _survey_exports import EMAIL_DOMAIN, FREE_TEXT_MARK, NAME_PREFIX, generate, write_google, write_surveyxact

VESTRUM = {"Hee": 12, "Hover": 3, "No": 8, "Stadil": 20, "Tim": 6, "Torsted": 9, "Vedersø": 7}
#: What must never appear: the generated personal fields and free text, and the stored file's own header.
FORBIDDEN = (NAME_PREFIX, EMAIL_DOMAIN, FREE_TEXT_MARK, "hvorfor_her:natur", "landsby,alder,bopaelsaar")


def _landsby(cache: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANDSBY_CACHE_DIR": str(cache), "LANDSBY_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "landsby_utils.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=timeout)


def _import(cache: Path, folder: Path, fmt: str) -> Path:
    responses = generate(VESTRUM, seed=5)
    files = write_surveyxact(folder / "sx", responses) if fmt == "surveyxact" else [write_google(folder / "g.csv", responses)]
    done = _landsby(cache, "survey", "import", "vestrum", *map(str, files))
    assert done.returncode == 0, done.stderr
    stored = cache / "surveys" / "vestrum" / "responses.csv"
    assert stored.is_file()
    return stored


def _texts(site: Path) -> dict[str, str]:
    """Every file of the site as text (the workbook's XML parts unpacked)."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file() or "assets" in path.relative_to(site).parts:
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                texts[str(path)] = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
        else:
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return texts


@pytest.mark.slow
def test_static_site_has_only_suppressed_aggregates(tmp_path):
    cache = tmp_path / "cache"
    _import(cache, tmp_path, "surveyxact")
    out = tmp_path / "build"
    done = _landsby(cache, "build", "vestrum", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    site = out / "vestrum"
    page = (site / "borgerundersoegelse.html").read_text(encoding="utf-8")
    assert "Hvem har svaret" in page and "&lt;5" in page and "×" in page  # the results, with Hover (3 answers) hidden
    assert (site / "borgerundersoegelse.html").stat().st_size <= 1_500_000
    for name in ("borgerundersoegelse_svar_pr_landsby.csv", "borgerundersoegelse_fokusomraader.csv"):
        assert (site / "data" / name).is_file(), sorted(p.name for p in (site / "data").iterdir())
    respondents = (site / "data" / "borgerundersoegelse_svar_pr_landsby.csv").read_text(encoding="utf-8-sig")
    assert "Hover,<5," in respondents
    for path, text in _texts(site).items():
        for forbidden in FORBIDDEN:
            assert forbidden not in text, (path, forbidden)
    assert not list(site.rglob("responses*"))


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=180) as response:  # noqa: S310 (loopback only)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def voila_with_survey(tmp_path_factory):
    """Voilà as ``landsby serve`` starts it, with a survey imported into a cache where ``landsby`` keeps it by
    default: a hidden folder beside ``notebooks/`` in the repository (so ``..`` would reach it)."""
    from landsby_utils.cli import voila_command

    cache = ROOT / ".cache" / f"landsby-test-survey-{uuid.uuid4().hex[:8]}"
    try:
        stored = _import(cache, tmp_path_factory.mktemp("exports"), "google")
        port = free_port()
        ARTIFACTS.mkdir(exist_ok=True)
        env = {**os.environ, "LANDSBY_OFFLINE": "1", "LANDSBY_CACHE_DIR": str(cache)}
        # No preheated kernels: this test asks for files and one page, not for every dashboard warmed.
        command = [*voila_command(port, ip="127.0.0.1"), "--VoilaConfiguration.preheat_kernel=False"]
        with (ARTIFACTS / "voila-survey.log").open("w") as log:
            process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for_http(base + "/")
                yield base, stored
            finally:
                stop_process(process)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


@pytest.mark.browser
def test_voila_serves_no_stored_survey_file_and_no_personal_field(voila_with_survey):
    base, stored = voila_with_survey
    relative = os.path.relpath(stored, ROOT / "notebooks")  # ../.cache/landsby-test-survey-…/surveys/vestrum/responses.csv
    quoted = urllib.parse.quote(relative, safe="")
    paths = [
        f"/voila/files/{relative}",
        f"/voila/files/{quoted}",
        f"/voila/files/{quoted.replace('..', '%2e%2e')}",
        f"/voila/files/{urllib.parse.quote(str(stored), safe='')}",
        f"/voila/files{stored}",
        f"/voila/static/..%2F{quoted}",
        f"/files/{quoted}",
        f"/api/contents/{quoted}",
        f"/voila/render/{quoted}",
    ]
    for path in paths:
        code, body = _status(base + path)
        assert code in (403, 404), (path, code)
        for forbidden in FORBIDDEN:
            assert forbidden not in body, (path, forbidden)
    code, page = _status(base + "/voila/render/05_borgerundersoegelse.ipynb?klynge=vestrum")
    assert code == 200 and "Hvem har svaret" in page and "&lt;5" in page
    for forbidden in FORBIDDEN:
        assert forbidden not in page, forbidden


@pytest.mark.browser
def test_survey_page_on_a_phone_shows_the_suppressed_results_and_the_focus_area_menu(voila_with_survey, chromium):
    base, _ = voila_with_survey
    page = new_page(chromium, "phone")
    try:
        load_dashboard(page, base + "/voila/render/05_borgerundersoegelse.ipynb?klynge=vestrum")
        page.wait_for_selector("text=Fokusområde: organisering", timeout=60_000)  # the menu's chart, drawn by its widget
        text = page.inner_text("body")
        assert "Hvem har svaret" in text and "<5" in text and "Fokusområde: organisering" in text
        page.locator(".lb-interactive select").select_option(label="kommunikation")
        page.wait_for_selector("text=Fokusområde: kommunikation", timeout=60_000)
        assert "Fokusområde: organisering" not in page.inner_text("body")  # the chart was drawn again, not added
        wide = page.evaluate("[...document.querySelectorAll('.lb-table')].some(b => b.getBoundingClientRect().right > innerWidth + 1)")
        assert not wide  # tables scroll inside their box on a 390 px phone
        screenshot_full(page, "survey-phone")
        assert page.errors == []
    finally:
        close_context(page.context)
