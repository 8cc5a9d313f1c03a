"""The "Hvem flytter" dashboard in-process: VestRum (Ringkøbing-Skjern) and Landet på Midtfyn (Faaborg-Midtfyn).

Expected figures are computed here from the raw FLY66 zip (zipfile + csv) or are the figures the issue and the
folder's README state; none comes from the code under test.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile

import pytest

from landsby_utils import settings
from landsby_utils._derive_moves import FLY66_ZIP
from landsby_utils.cluster import load_cluster
from landsby_utils.i18n import fmt_int, t
from landsby_utils.widgets._base import SECTIONS
from landsby_utils.widgets.moves import MovesDashboard


def raw_totals(name: str, ages: range = range(0, 100)) -> tuple[int, int]:
    """(moved in, moved out) of a municipality in 2024 for some ages, read from the raw zip."""
    into = out = 0
    with zipfile.ZipFile(FLY66_ZIP) as archive:
        for member in archive.namelist():
            match = re.fullmatch(r"[fm]_(\d+)-\d+\.csv", member)
            if not match:
                continue
            for row in csv.reader(io.StringIO(archive.read(member).decode("latin-1")), delimiter=";"):
                for offset, value in enumerate(row[4:]):
                    if int(match[1]) + offset in ages:
                        into += int(value) if row[2] == f"Til {name}" else 0
                        out += int(value) if row[3] == f"Fra {name}" else 0
    return into, out


@pytest.fixture(scope="module")
def vestrum() -> MovesDashboard:
    return MovesDashboard.load("vestrum", "da")


@pytest.fixture(scope="module")
def midtfyn() -> MovesDashboard:
    return MovesDashboard.load("landetpaamidtfyn", "da")


def test_section_follows_befolkning_in_the_navigation(vestrum):
    ids = [s[0] for s in SECTIONS]
    assert ids[ids.index("befolkning") + 1] == "flytninger"
    header = vestrum.header().html
    assert header.index(t("nav_population", "da")) < header.index("Hvem flytter") < header.index(t("nav_facilities", "da"))
    assert 'aria-current="page">Hvem flytter</a>' in header


def test_vestrum_shows_ringkoebing_skjerns_2024_moves(vestrum):
    figures = repr(vestrum.figures())
    assert "Nettotilflytning, 2024: −730" in figures  # the issue: net −730
    assert "Heraf 18–29-årige: −498" in figures  # of which −498 aged 18–29
    assert "Tilflyttede fra andre kommuner, 2024: 1.837" in figures  # README: in 1,837
    narrative = repr(vestrum.narrative())
    assert "Flere flytter fra end til kommunen; især de 18–29-årige: 498 flere flyttede fra end til i 2024." in narrative


def test_every_chart_and_table_says_it_is_the_municipality_not_the_villages(vestrum):
    scope = "Tallene gælder Ringkøbing-Skjern Kommune, ikke landsbyerne."
    for name in ("accounts_chart", "accounts_table", "rates_chart", "age_chart"):
        assert scope in repr(getattr(vestrum, name)()), name
    body, _ = vestrum.flows_html("all")
    assert scope in body
    assert "ikke landsbyerne i klyngen" in repr(vestrum.scope())


def test_accounts_2006_2017_and_comparisons(vestrum):
    text = repr(vestrum.accounts_table())
    assert "2006" in text and "2017" in text and "57005" in text  # README: end of 2017 = 57,005
    rates = repr(vestrum.rates_chart())
    assert "Lignende kommuner er de 5 kommuner" in rates and "Varde" in rates
    assert "hele landet" in rates


def test_flows_table_names_top_origins_and_the_map_has_points_and_lines(vestrum):
    body, text = vestrum.flows_html("all")
    herning = next(line for line in text.splitlines() if line.strip().startswith("Herning"))
    assert "312" in herning  # README: 312 moved from Herning
    assert "I alt" in text and "1.837" in text and "2.567" in text
    document = html.unescape(body)
    assert "landsby-map" in body
    assert document.count("L.polyline(") == 10  # one line to each of the 10 top partners
    assert document.count("L.circleMarker(") == 11  # their points and the municipality's own


def test_age_band_picker_changes_map_and_table_in_place(vestrum):
    part = vestrum.flows()
    assert "Herning" in repr(part)
    before = vestrum._flows_widget.value
    into, out = raw_totals("Ringkøbing-Skjern", range(18, 30))
    vestrum._picker.value = "18-29"
    after = vestrum._flows_widget.value
    assert after != before and "18–29 år" in after
    assert fmt_int(into) in after and fmt_int(out) in after
    vestrum._picker.value = "all"


def test_a_band_with_nothing_to_show_is_a_sentence_not_an_empty_chart():
    cluster = load_cluster("vestrum")
    cluster_like = type("C", (), {"municipality_code": "0411", "municipality_name": "Christiansø", "slug": "x", "name": "x"})()
    app = MovesDashboard(cluster_like, "da")
    body, text = app.flows_html("65+")  # nobody aged 65+ moved to or from Christiansø in 2024 (raw file)
    assert raw_totals("Christiansø", range(65, 100)) == (0, 0)
    assert text.startswith("Ingen flyttede mellem Christiansø Kommune") and "landsby-map" not in body
    age = repr(app.age_chart())
    assert "ingen aldersgruppe kan vises" in age
    assert cluster.municipality_code == "0760"


def test_another_municipality_faaborg_midtfyn(midtfyn):
    into, out = raw_totals("Faaborg-Midtfyn")
    figures = repr(midtfyn.figures())
    assert f"Tilflyttede fra andre kommuner, 2024: {fmt_int(into)}" in figures
    net = into - out
    assert f"Nettotilflytning, 2024: {'+' if net > 0 else '−'}{fmt_int(abs(net))}" in figures
    assert "Faaborg-Midtfyn Kommune" in repr(midtfyn.scope())
    assert "Odense" in repr(midtfyn.flows())


def test_english_edition():
    app = MovesDashboard.load("vestrum", "en")
    assert "especially people aged 18–29: 498 more moved away" in repr(app.narrative())
    assert "These figures are for Ringkøbing-Skjern Municipality, not the villages." in repr(app.age_chart())
    assert "Years 2006–2017 from the bundled snapshot" in repr(app.sources())


def test_tables_for_download_are_numbers_with_marks_only_where_hidden(vestrum):
    tables = vestrum.tables()
    partners = tables["kommuner_2024"].set_index("municipality_code")
    assert partners.loc["0657", "moves_in"] == 312 and isinstance(partners.loc["0657", "moves_in"], int)
    assert partners.loc["total", "net"] == -730
    accounts = tables["regnskab"]
    assert accounts["year"].tolist() == list(range(2006, 2018))
    assert set(tables) >= {"regnskab", "rater_pr_1000", "alder_2024", "lignende_kommuner"}
    for frame in (partners, accounts, tables["alder_2024"]):
        assert not frame.astype(str).apply(lambda c: c.str.contains(r"\d\.\d{3}")).to_numpy().any()  # no "1.837" strings


def test_missing_snapshot_file_is_a_message_naming_it_and_other_pages_still_work(monkeypatch, tmp_path):
    from landsby_utils.widgets.overview import OverviewDashboard

    monkeypatch.setattr(settings, "MOVES_ACCOUNTS_CSV", tmp_path / "moves_bev107_accounts.csv")
    app = MovesDashboard(load_cluster("vestrum"), "da")
    shown = repr(app.figures())
    assert "moves_bev107_accounts.csv" in shown and "Traceback" not in shown
    assert "Landsbyer: Hee, Hover" in repr(OverviewDashboard(load_cluster("vestrum"), "da").intro())


def test_an_error_in_the_picker_callback_is_a_danish_message_not_a_traceback(monkeypatch):
    app = MovesDashboard.load("vestrum", "da")
    app.flows()

    def boom(*args, **kwargs):
        raise TypeError("unsupported operand type(s) for +: 'int' and 'NoneType'")

    monkeypatch.setattr(app, "flows_html", boom)
    app._picker.value = "30-44"
    assert "Der opstod en uventet fejl, da siden blev lavet." in app._flows_widget.value
    assert "Traceback" not in app._flows_widget.value and "TypeError" not in app._flows_widget.value
