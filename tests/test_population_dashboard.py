"""The population dashboard: the honest gap without parish figures, the picker with parish data, and in a browser.

The bundled snapshot has real parish figures (tests/test_village_population.py checks them). The tests
here replace ``statbank.sogn1`` either by a reader that has nothing (the honest gap a cluster would see
if its parishes had no figures) or by a reader of a small MADE-UP frame with yearly series (never shown
in the product), so they check the arithmetic and the picker, not real figures.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _support import VIEWPORTS, load_dashboard, screenshot, screenshot_full

from landsby_utils import _display
from landsby_utils import population as pop
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError
from landsby_utils.charts import FigurePart
from landsby_utils.cluster import load_cluster
from landsby_utils.sources import statbank
from landsby_utils.sources._provenance import Provenance, attach_provenance
from landsby_utils.widgets._base import HTMLPart
from landsby_utils.widgets.population import PopulationDashboard, parish_population

VESTRUM_PARISHES = ["8752", "8757", "8753", "8758", "8759", "8756", "8761"]


def made_up_sogn1(codes, years=range(2010, 2021)) -> pd.DataFrame:
    """A SOGN1-shaped frame with invented counts: parish i has (i + 1) persons per sex and single year 0-99, +1 per year after 2015."""
    rows = []
    for i, code in enumerate(codes):
        for year in years:
            for sex in ("men", "women"):
                for age in range(100):
                    rows.append((code, f"Sogn {code}", sex, str(age), age, str(year), i + 1 + (1 if year > 2015 and age < 20 else 0)))
    frame = pd.DataFrame(rows, columns=["area_code", "area_name", "sex", "age", "age_from", "period", "persons"])
    both = frame.groupby(["area_code", "area_name", "age", "age_from", "period"], as_index=False)["persons"].sum().assign(sex="total")
    frame = pd.concat([frame, both], ignore_index=True)
    totals = frame.groupby(["area_code", "area_name", "sex", "period"], as_index=False)["persons"].sum().assign(age="total", age_from=-1)
    frame = pd.concat([frame, totals], ignore_index=True)
    frame["level"] = "parish"
    frame["date"] = pd.to_datetime(frame["period"] + "-01-01")
    frame["persons"] = frame["persons"].astype("Int64")
    frame = frame[list(pop.TIDY_COLUMNS)]
    return attach_provenance(frame, Provenance("Danmarks Statistik", "SOGN1", "test", "2020-01-01", "cache", "2026-01-01"))


@pytest.fixture
def parish_data(monkeypatch):
    """Make ``statbank.sogn1`` answer from the made-up frame (Vedersø, 8761, unknown to the 'source')."""
    known = [c for c in VESTRUM_PARISHES if c != "8761"]
    frame = made_up_sogn1(known)

    def fake_sogn1(parish_codes, network=False, refresh=False):
        codes = [parish_codes] if isinstance(parish_codes, str) else list(parish_codes)
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise InvalidArgumentError(f"unknown parish {unknown}", f"Ukendt sogn {unknown}")
        result = frame[frame["area_code"].isin(codes)].reset_index(drop=True)
        result.attrs = frame.attrs
        return result

    monkeypatch.setattr(statbank, "sogn1", fake_sogn1)
    return frame


@pytest.fixture
def no_parish_data(monkeypatch):
    """Readers that have no parish figures at all (neither SOGN1 nor KM1)."""
    def unavailable(codes, network=False, refresh=False):
        raise DataUnavailableError("not cached", "Der er ingen tal for sognene")

    monkeypatch.setattr(statbank, "sogn1", unavailable)
    monkeypatch.setattr(statbank, "km1", unavailable)


@pytest.fixture
def app():
    """VestRum's dashboard computed from the readers (``from_params`` would bring the frames prepared on disk,
    made before a test replaced a reader)."""
    return PopulationDashboard(load_cluster("vestrum"), "da")


# --- no parish figures: the honest gap -----------------------------------------------------------------------


def test_without_parish_data_the_page_says_what_to_do(no_parish_data, app):
    assert not app.has_parish_data
    text = repr(app.data_notice())
    assert "landsby fetch vestrum" in text and "Ringkøbing-Skjern Kommune" in text and "internet" in text


def test_without_parish_data_the_municipality_is_shown_not_zeros(no_parish_data, app):
    cards = app.key_figures()
    assert cards[0][1].startswith("Indbyggere i Ringkøbing-Skjern Kommune")
    assert cards[0][0] == "56.182"  # FOLK1A 2021K1 (SOURCES.md section 6; the figure the overview also shows)
    assert all(value not in ("0", "0,0 %") for value, _, _ in cards)
    assert "Klyngen" not in repr(app.headline())


def test_without_parish_data_the_picker_is_disabled_with_a_note(no_parish_data, app):
    picker = app.picker()
    assert "(disabled)" in repr(picker) and "landsby fetch vestrum" in repr(picker)
    assert app._buttons and all(button.disabled for button in app._buttons.values())
    assert app._output is not None and app._output.outputs == ()  # nothing shown into the Output at start-up


def test_without_parish_data_every_part_renders(no_parish_data, app):
    for name in ("header", "data_notice", "headline", "narrative", "age_table", "villages_table", "sources"):
        assert isinstance(getattr(app, name)(), HTMLPart), name
    for name in ("population_chart", "index_chart", "pyramid_chart", "projection_chart"):
        figure = getattr(app, name)()
        assert isinstance(figure, FigurePart), name
        assert "Danmarks Statistik (FOLK1B, FOLK1A)" in figure.caption and "1. januar 2021" in figure.caption
        assert figure.alt
        assert "application/vnd.plotly.v1+json" in figure.mimebundle()
    assert "Hamilton–Perry" in app.projection_chart().notes[0]
    assert "5-årsgrupper" in repr(app.age_table())


def test_english_edition(no_parish_data):
    app = PopulationDashboard(load_cluster("vestrum"), "en")
    assert "landsby fetch vestrum" in repr(app.data_notice()) and "There are no population figures" in repr(app.data_notice())
    assert app.key_figures()[0][0] == "56,182"


def test_english_edition_with_the_bundled_parish_figures():
    app = PopulationDashboard.from_params("vestrum", "en", None)
    value, label, _ = app.key_figures()[0]
    assert (value, label) == ("4,299", "Inhabitants of VestRum, 1 January 2021")  # the seven parishes' SOGN1 2021 sum
    assert "villages had fewer inhabitants in 2021 than in 2014" in app.sentences()[0]


def test_static_mode_gives_html_without_plotly_js():
    _display.set_static_assets("assets")
    try:
        app = PopulationDashboard.from_params("vestrum", "da", "assets")
        part = app.population_chart()
        assert isinstance(part, HTMLPart)
        assert 'class="lb-chart-spec"' in part.html and 'aria-label="Linjediagram' in part.html
        # No script runs where the chart is: the page's deferred scripts draw it from its JSON.
        assert "cdn.plot.ly" not in part.html and "<script src" not in part.html and "Plotly.newPlot" not in part.html
        assert "interaktive udgave" in repr(app.picker())
    finally:
        _display.set_static_assets(None)


def test_unknown_cluster_shows_a_message_and_no_parts():
    app = PopulationDashboard.from_params("findesikke", "da", None)
    assert "Der findes ingen landsbyklynge" in repr(app.header())
    assert repr(app.headline()) == "" and repr(app.population_chart()) == ""


def test_reader_missing_is_no_parish_data(monkeypatch):
    monkeypatch.delattr(statbank, "sogn1")
    monkeypatch.delattr(statbank, "km1")
    data = parish_population(VESTRUM_PARISHES)
    assert data.frame is None and "sogn1" in data.reason


def test_unavailable_is_no_parish_data(monkeypatch):
    def unavailable(codes, network=False, refresh=False):
        raise DataUnavailableError("not cached", "ikke i lageret")

    monkeypatch.setattr(statbank, "sogn1", unavailable)
    monkeypatch.setattr(statbank, "km1", unavailable)
    assert parish_population(VESTRUM_PARISHES).frame is None


# --- with (made-up) parish data: the picker ---------------------------------------------------------------


def test_cluster_figures_are_the_sum_of_its_parishes(parish_data, app):
    assert app.has_parish_data
    expected = parish_data[(parish_data["sex"] == "total") & (parish_data["age"] == "total") & (parish_data["period"] == "2020")]["persons"].sum()
    value, label, _ = app.key_figures()[0]
    assert label.startswith("Indbyggere i VestRum") and value == f"{int(expected):,}".replace(",", ".")


def test_parish_unknown_to_the_source_is_named_and_its_village_left_out(parish_data, app):
    assert app.parishes.missing == ["8761"]
    assert app.villages_without_data() == ["Vedersø"]
    notice = repr(app.data_notice())
    assert "8761" in notice and "Vedersø" in notice
    app.picker()
    assert app._buttons["Vedersø"].disabled and not app._buttons["Hee"].disabled


def test_picker_narrows_the_headline_and_fills_the_output_only_on_change(parish_data, app):
    app.picker()
    headline = app.headline()
    recorded = repr(headline)
    widget = app._widgets["headline"]
    assert "VestRum" in widget.value and app._output.outputs == ()
    before = widget.value
    for name, button in app._buttons.items():
        if name not in ("Hee",) and not button.disabled:
            button.value = False
    assert app.selected == ["Hee"]
    hee = parish_data[(parish_data["area_code"] == "8752") & (parish_data["sex"] == "total") & (parish_data["age"] == "total") & (parish_data["period"] == "2020")]["persons"].iloc[0]
    assert widget.value != before and f">{int(hee)}<" in widget.value.replace(".", "")
    assert "Indbyggere i Hee," in widget.value and "Valgte landsbyer" not in widget.value
    assert recorded and repr(headline) == recorded  # the plain-text version stays what nbval recorded


def test_empty_selection_shows_a_danish_message(parish_data, app):
    app.picker()
    app.headline()
    app.select([])
    assert "Vælg mindst én landsby" in app._widgets["headline"].value
    with pytest.raises(InvalidArgumentError) as info:
        app.selection_frame([])
    assert "Vælg mindst én landsby" in info.value.localized("da")


def test_unknown_or_data_less_village_is_a_clear_error(parish_data, app):
    with pytest.raises(InvalidArgumentError) as info:
        app.selection_frame(["Atlantis"])
    assert "hører ikke til klyngen" in info.value.localized("da")
    with pytest.raises(InvalidArgumentError) as info:
        app.selection_frame(["Vedersø"])
    assert "ingen befolkningstal for Vedersø" in info.value.localized("da")


def test_parish_data_age_parts_use_exact_groups(parish_data, app):
    text = repr(app.age_table())
    assert "6–16 år (skolealder)" in text and "5-årsgrupper" not in text
    tables = app.tables()
    assert set(tables) >= {"befolkning_pr_aar", "aldersgrupper", "fremskrivning"}


def test_cluster_pyramid_hides_small_cells_and_their_partners(app):
    counts = {(sex, age): {2020: 6} for sex in ("men", "women") for age in range(0, 90)}
    counts[("men", 90)] = {2020: 3}  # the 85+ band: 6*5 + 3 men, and 30 women
    counts[("men", 85)] = {2020: 0}
    counts[("men", 86)] = {2020: 0}
    counts[("men", 87)] = {2020: 0}
    counts[("men", 88)] = {2020: 0}
    counts[("men", 89)] = {2020: 0}
    rows = [(sex, str(age), age, persons) for (sex, age), years in counts.items() for persons in years.values()]
    frame = pd.DataFrame(rows, columns=["sex", "age", "age_from", "persons"])
    total = frame.groupby(["age", "age_from"], as_index=False)["persons"].sum().assign(sex="total")
    frame = pd.concat([frame, total], ignore_index=True)
    frame = pd.concat([frame, frame.groupby("sex", as_index=False)["persons"].sum().assign(age="total", age_from=-1)])
    frame = frame.assign(area_code="x", area_name="X", level="cluster", period="2020", date=pd.Timestamp("2020-01-01"))
    frame["persons"] = frame["persons"].astype("Int64")
    pyramid = app._pyramid(frame, True, 2020)
    hidden = pyramid[["men", "women"]].isna()
    assert bool(hidden.loc[pyramid["age"] == "85+", "men"].iloc[0])  # 3 men aged 85+: "<5"
    assert int(hidden.to_numpy().sum()) >= 2  # and a partner, so it cannot be worked out from the total


# --- browser -------------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_dashboard_in_chromium(voila_url, page_at, viewport):
    width, height = VIEWPORTS[viewport]["width"], VIEWPORTS[viewport]["height"]
    page = load_dashboard(page_at(viewport), f"{voila_url}/voila/render/02_befolkning.ipynb?klynge=vestrum")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=180_000)
    body = page.inner_text("body")
    assert page.locator(".lb-error").count() == 0
    assert "Traceback" not in body and "Error" not in body
    assert page.locator(".js-plotly-plot").count() >= 4
    assert "Befolkningen år for år" in body and "Alderspyramide" in body and "Fremskrivning til 2030" in body
    assert "landsby fetch vestrum" in body  # the honest gap notice
    assert "56.594" in body  # municipal context from FOLK1B, Danish thousands separator
    toggles = page.locator(".lb-village-toggle")
    page.wait_for_function("document.querySelectorAll('.lb-village-toggle').length >= 7", timeout=180_000)
    body = page.inner_text("body")  # again, now that the widgets have rendered
    if "Landsbyvælgeren virker, når" in body:  # snapshot only: the picker is disabled with its note
        assert toggles.count() == 7
        assert all(toggles.nth(i).is_disabled() for i in range(toggles.count()))
    else:  # parish data cached: choosing one village changes the headline number
        before = page.inner_text(".lb-cards .lb-value >> nth=0")
        for i in range(1, toggles.count()):
            if not toggles.nth(i).is_disabled():
                toggles.nth(i).click()
        page.wait_for_function(f"document.querySelector('.lb-cards .lb-value').innerText !== {before!r}", timeout=30_000)
        # The chosen villages' charts arrive later, in the picker's output, and are drawn there too.
        page.wait_for_function("document.querySelectorAll('.lb-picker .js-plotly-plot .main-svg').length >= 2", timeout=60_000)
        assert "Diagrammer for de valgte landsbyer" in page.inner_text(".lb-picker")
    page.wait_for_timeout(500)
    screenshot(page, f"befolkning-{width}x{height}")
    screenshot_full(page, f"befolkning-{width}x{height}")
    # Every page error fails the test (jupyterlab-plotly's renderer, which threw "setData is not a function"
    # after each chart, is no longer loaded: the charts are drawn by landsby_utils/static/datapakke-charts.js).
    assert not page.errors, page.errors
