"""The population page speaks about the villages, offline: real 2014 and 2021 parish figures for any cluster.

Expected numbers come from the raw SOGN1/FOLK1A files (or SOURCES.md, which states them from those files).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from landsby_utils import privacy, settings
from landsby_utils._derive_backtest import national_backtest
from landsby_utils.cluster import load_cluster, load_cluster_file
from landsby_utils.projection_check import error_summary, summary_figures
from landsby_utils.sources import dst_snapshot
from landsby_utils.widgets.population import PopulationDashboard


@pytest.fixture(scope="module")
def vestrum() -> PopulationDashboard:
    return PopulationDashboard(load_cluster("vestrum"), "da")


def _raw_totals() -> pd.Series:
    return pd.read_csv(settings.PARISHES_CSV, dtype={"parish_code": str}).set_index("parish_code")


def test_every_village_has_its_real_2014_and_2021_figures(vestrum):
    table, hidden = vestrum.village_figures()
    villages = table[table["kind"] == "village"].set_index("name")
    assert (int(villages.loc["Hee", "start"]), int(villages.loc["Hee", "end"])) == (942, 901)  # SOURCES.md section 6
    assert (int(villages.loc["Stadil", "start"]), int(villages.loc["Stadil", "end"])) == (473, 408)
    cluster = table[table["kind"] == "cluster"].iloc[0]
    raw = _raw_totals()
    codes = ["8752", "8757", "8753", "8758", "8759", "8756", "8761"]
    assert int(cluster["start"]) == int(raw.loc[codes, "population_2014"].sum())
    assert int(cluster["end"]) == int(raw.loc[codes, "population_2021"].sum())
    municipality = table[table["kind"] == "municipality"].iloc[0]
    assert (int(municipality["start"]), int(municipality["end"])) == (57_093, 56_182)  # FOLK1A 2014K1, 2021K1
    country = table[table["kind"] == "country"].iloc[0]
    assert (int(country["start"]), int(country["end"])) == (5_627_235, 5_840_045)
    assert table.attrs["start_year"] == 2014 and table.attrs["end_year"] == 2021


def test_no_page_part_says_the_parish_figures_are_missing(vestrum):
    assert vestrum.has_parish_data
    text = "\n".join(repr(getattr(vestrum, name)()) for name in ("data_notice", "headline", "narrative", "villages_table"))
    assert "ingen befolkningstal for klyngens sogne" not in text.lower()
    assert "Hee" in text and "942" in text and "901" in text


def test_children_share_comes_from_the_single_year_ages(vestrum):
    table, _ = vestrum.village_figures()
    hee = table[table["name"] == "Hee"].iloc[0]
    ages = pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str})
    hee_ages = ages[ages["parish_code"] == "8752"]
    expected = hee_ages.loc[hee_ages["age"] <= 15, "persons"].sum() / hee_ages["persons"].sum() * 100
    assert float(hee["children_pct"]) == pytest.approx(expected)


def test_sentences_speak_of_the_villages_first(vestrum):
    sentences = vestrum.sentences()
    assert "landsbyer" in sentences[0] and "Stadil" in sentences[0]  # Stadil fell most: 473 -> 408
    assert any("klyngen VestRum" in s and "Ringkøbing-Skjern Kommune" in s for s in sentences[1:3])


def test_picker_narrows_to_one_village_offline(vestrum):
    dashboard = PopulationDashboard(load_cluster("vestrum"), "da")
    dashboard.selected = ["Hee"]
    cards = dict((label, value) for value, label, _ in dashboard.key_figures())
    assert cards["Indbyggere i Hee, 1. januar 2021"] == "901"


def test_small_derived_counts_are_hidden_in_the_village_table():
    dashboard = PopulationDashboard(load_cluster("vestrum"), "da")
    table, hidden = dashboard.village_figures()
    vederso = table[table["name"] == "Vedersø"].index[0]
    assert int(table.loc[vederso, "change"]) == 4  # 345 -> 349: a derived count of 1-4 persons
    assert hidden.loc[vederso, "change"] and hidden.loc[vederso, "change_pct"]
    shown, _ = dashboard.village_display()
    assert shown.loc[vederso, "Ændring"] == privacy.small_mark()
    export = dashboard.tables()["landsbyer"]
    assert export.loc[vederso, "ændring"] == privacy.small_mark()
    assert pd.isna(export.loc[vederso, "ændring_pct"])


def test_merged_parishes_compare_like_for_like(tmp_path: Path):
    path = tmp_path / "idomraasted.toml"
    path.write_text('name = "Idom-Råsted"\nmunicipality_code = "0661"\n\n[[villages]]\nname = "Idom"\nparishes = ["8743"]\n',
                    encoding="utf-8")
    cluster = load_cluster_file(path)
    assert cluster.villages[0].parishes == ("9317",)
    assert "9317" in cluster.villages[0].note
    dashboard = PopulationDashboard(cluster, "da")
    table, _ = dashboard.village_figures()
    idom = table[table["kind"] == "village"].iloc[0]
    assert (int(idom["start"]), int(idom["end"])) == (1_029, 986)
    assert "Idom (8743)" in repr(dashboard.data_notice()) or "8743 + 8744" in repr(dashboard.villages_table())


def test_current_parish_code_is_accepted(tmp_path: Path):
    path = tmp_path / "idom.toml"
    path.write_text('name = "Idom"\nmunicipality_code = "0661"\n\n[[villages]]\nname = "Idom"\nparishes = ["9317"]\n',
                    encoding="utf-8")
    assert load_cluster_file(path).villages[0].parishes == ("9317",)


def test_skive_cluster_has_parish_population(tmp_path: Path):
    path = tmp_path / "skive.toml"
    path.write_text('name = "Skive-prøve"\nmunicipality_code = "0779"\n'
                    + "".join(f'\n[[villages]]\nname = "{n}"\n' for n in ("Ramsing", "Håsum", "Vejby", "Lem")), encoding="utf-8")
    cluster = load_cluster_file(path)
    assert [v.parishes for v in cluster.villages] == [("8555",), ("8554",), ("8557",), ("8556",)]
    dashboard = PopulationDashboard(cluster, "da")
    table, _ = dashboard.village_figures()
    raw = _raw_totals()
    lem = table[table["name"] == "Lem"].iloc[0]
    assert (int(lem["start"]), int(lem["end"])) == (int(raw.loc["8556", "population_2014"]), int(raw.loc["8556", "population_2021"]))


@pytest.mark.slow
def test_projection_backtest_is_what_the_page_states():
    """Re-run the back-test on every Danish parish; the stored table and the page's note agree with it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = national_backtest()
    actual = pd.read_csv(settings.SOGN1_2021_CSV, dtype={"parish_code": str}).set_index("parish_code")["population"]
    assert results["actual_2021"].tolist() == [int(actual[c]) for c in results["area_code"]]
    assert len(results) > 2_100
    summary = error_summary(results).set_index("band")
    stored = pd.read_csv(settings.BACKTEST_CSV, dtype={"area_code": str, "municipality_code": str})
    figures = summary_figures(stored)
    assert figures["median"] == pytest.approx(float(summary.loc["alle", "median_abs_error_pct"]), abs=0.01)
    assert figures["parishes"] == len(results)
    # The back-test's verdict the page acts on: at parish level the method is no better than "no change".
    assert figures["median"] > figures["naive"]
    note = " ".join(PopulationDashboard(load_cluster("vestrum"), "da").method_notes())
    assert f"{figures['median']:.1f}".replace(".", ",") in note
    assert "kun for Ringkøbing-Skjern Kommune" in note


def test_backtest_summary_reads_the_stored_table():
    figures = summary_figures(dst_snapshot.backtest_table())
    assert figures["parishes"] > 2_100 and figures["municipalities"] == 99


@pytest.mark.parametrize("slug", ["vestrum", "sydvestsalling", "haervejsklyngen"])
def test_overview_count_and_about_the_data_agree_with_the_facility_tables(slug):
    from landsby_utils.widgets.facilities import FacilitiesDashboard
    from landsby_utils.widgets.overview import OverviewDashboard

    overview = OverviewDashboard(load_cluster(slug), "da")
    facilities = FacilitiesDashboard(load_cluster(slug), "da")
    shown = dict((label, value) for value, label, _ in overview.key_figures())["Faciliteter i klyngen (OpenStreetMap)"]
    in_tables = int(facilities.inventory_frame()["I klyngen"].sum())
    assert int(shown) == in_tables == int(overview.facility_counts()["Antal"].sum())
    assert f"{in_tables} af dem i klyngens sogne" in facilities.data_notes().text


def test_overview_names_the_clusters_own_inhabitants():
    from landsby_utils.widgets.overview import OverviewDashboard

    cards = {label: (value, note) for value, label, note in OverviewDashboard(load_cluster("vestrum"), "da").key_figures()}
    value, note = cards["Indbyggere i klyngens sogne, 1. januar 2021"]
    raw = _raw_totals()
    codes = ["8752", "8757", "8753", "8758", "8759", "8756", "8761"]
    assert value == f"{int(raw.loc[codes, 'population_2021'].sum()):,}".replace(",", ".")
    assert note.startswith(f"{int(raw.loc[codes, 'population_2014'].sum()):,}".replace(",", ".") + " (2014)")


def test_each_villages_age_groups_with_small_counts_suppressed():
    dashboard = PopulationDashboard(load_cluster("vestrum"), "da")
    ages = pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str})
    torsted = ages[ages["parish_code"] == "8756"]
    old = int(torsted.loc[torsted["age"] >= 80, "persons"].sum())
    assert 1 <= old <= 4  # the raw file: Torsted has 1-4 inhabitants aged 80+ in 2014
    counts = dashboard.village_ages
    assert int(counts.loc["Torsted", "80+"]) == old
    assert int(counts.loc["Hee"].sum()) == 942
    shown, hidden = dashboard.village_ages_frame()
    row = shown[shown["Landsby"] == "Torsted"].iloc[0]
    assert row["80 år og derover"] == "<5" and hidden
    assert (row == "×").sum() >= 1  # a second cell hidden, so the row total cannot give the small one away
    assert "landsbyer_aldersgrupper" in dashboard.tables()
