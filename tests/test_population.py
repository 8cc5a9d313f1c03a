"""Population analyses: known answers from the FOLK1B source file, hand-made frames, projection invariants."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from landsby_utils import narrative, settings
from landsby_utils import population as pop
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.sources.statbank import folk1b_from_snapshot


@pytest.fixture(scope="module")
def folk1b() -> pd.DataFrame:
    """Ringkøbing-Skjern, Region Midtjylland and Denmark from the bundled FOLK1B snapshot."""
    frame = folk1b_from_snapshot(False)
    return frame[frame["area_code"].isin(["760", "082", "000"])].reset_index(drop=True)


@pytest.fixture(scope="module")
def raw_csv() -> pd.DataFrame:
    """The source file itself, read with pandas only (not through the code under test)."""
    return pd.read_csv(settings.FOLK1B_Q1_CSV, sep=";", encoding="utf-8-sig")


def _raw_total(raw: pd.DataFrame, area: str, period: str, age: str = "Total", sex: str = "Total") -> int:
    row = raw[(raw["OMRÅDE"] == area) & (raw["KØN"] == sex) & (raw["ALDER"] == age) & (raw["TID"] == period)]
    assert len(row) == 1
    return int(row["INDHOLD"].iloc[0])


def tidy(counts: dict[tuple[str, int], dict[str, int]], code: str = "A", name: str = "Area A", level: str = "parish",
         single_years: bool = True) -> pd.DataFrame:
    """A hand-made tidy frame: ``counts[(sex, age_from)][year] = persons`` plus the totals DST publishes/derives.

    ``age_from`` is a single year (``single_years``) or the start of a 5-year band.
    """
    rows = []
    years = sorted({y for values in counts.values() for y in values})
    for (sex, age_from), values in counts.items():
        label = str(age_from) if single_years else f"{age_from}-{age_from + 4}"
        for year, persons in values.items():
            rows.append((sex, label, age_from, year, persons))
    frame = pd.DataFrame(rows, columns=["sex", "age", "age_from", "year", "persons"])
    both = frame.groupby(["age", "age_from", "year"], as_index=False)["persons"].sum().assign(sex="total")
    frame = pd.concat([frame, both], ignore_index=True)
    totals = frame.groupby(["sex", "year"], as_index=False)["persons"].sum().assign(age="total", age_from=-1)
    frame = pd.concat([frame, totals], ignore_index=True)
    frame["period"] = frame["year"].astype(str)
    frame["date"] = pd.to_datetime(frame["year"].astype(str) + "-01-01")
    frame["area_code"], frame["area_name"], frame["level"] = code, name, level
    frame["persons"] = frame["persons"].astype("Int64")
    assert set(years) == set(frame["year"])
    return frame[list(pop.TIDY_COLUMNS)]


def uniform(value: int, years: list[int], top: int = 90, code: str = "A", single_years: bool = True) -> pd.DataFrame:
    """Every age (or band) and sex holds ``value`` persons in every year."""
    step = 1 if single_years else 5
    counts = {(sex, age): {y: value for y in years} for sex in ("men", "women") for age in range(0, top + 1, step)}
    return tidy(counts, code=code, single_years=single_years)


# --- known answers from the source file ---------------------------------------------------------------


def test_municipal_total_2020_equals_the_csv(folk1b, raw_csv):
    expected = _raw_total(raw_csv, "Ringkøbing-Skjern", "2020Q1")
    totals = pop.totals(folk1b)
    got = totals[(totals["area_code"] == "760") & (totals["year"] == 2020)]["persons"].iloc[0]
    assert got == expected


def test_change_over_ten_years_matches_the_csv(folk1b, raw_csv):
    start, end = _raw_total(raw_csv, "Ringkøbing-Skjern", "2010Q1"), _raw_total(raw_csv, "Ringkøbing-Skjern", "2020Q1")
    change = pop.population_change(folk1b, (10,))
    row = change[change["area_code"] == "760"].iloc[0]
    assert (row["start_persons"], row["end_persons"], row["change"]) == (start, end, end - start)
    assert row["change_pct"] == pytest.approx((end - start) / start * 100)


def test_age_groups_sum_to_the_total_for_every_area_and_year(folk1b):
    groups = pop.age_groups(folk1b)
    totals = pop.totals(folk1b).set_index(["area_code", "year"])["persons"]
    sums = groups.groupby(["area_code", "year"])["persons"].sum()
    assert (sums == totals.loc[sums.index]).all()
    assert not groups["exact"].any()  # FOLK1B has 5-year bands: the band groups are used


def test_band_group_for_school_age_is_5_to_14_from_the_csv(folk1b, raw_csv):
    expected = _raw_total(raw_csv, "Ringkøbing-Skjern", "2020Q1", "5-9 years") + _raw_total(
        raw_csv, "Ringkøbing-Skjern", "2020Q1", "10-14 years")
    groups = pop.age_groups(folk1b)
    got = groups[(groups["area_code"] == "760") & (groups["year"] == 2020) & (groups["group"] == "5-14")]["persons"]
    assert int(got.iloc[0]) == expected


def test_exact_groups_refused_on_bands(folk1b):
    with pytest.raises(InvalidArgumentError, match="single-year"):
        pop.age_groups(folk1b, scheme="exact")


def test_index_of_the_first_year_is_100(folk1b):
    index = pop.index_series(folk1b)
    first = index[index["year"] == index["year"].min()]
    assert (first["index"] == 100).all()
    last = index[(index["area_code"] == "760") & (index["year"] == 2020)]["index"].iloc[0]
    totals = pop.totals(folk1b).set_index(["area_code", "year"])["persons"]
    assert last == pytest.approx(totals[("760", 2020)] / totals[("760", 2008)] * 100)


def test_dependency_ratio_from_the_csv(folk1b, raw_csv):
    old = sum(_raw_total(raw_csv, "Ringkøbing-Skjern", "2020Q1", age) for age in
              [f"{a}-{a + 4} years" for a in range(65, 100, 5)] + ["100 years and over"])
    working = sum(_raw_total(raw_csv, "Ringkøbing-Skjern", "2020Q1", f"{a}-{a + 4} years") for a in range(15, 65, 5))
    ratio = pop.old_age_dependency(folk1b)
    row = ratio[(ratio["area_code"] == "760") & (ratio["year"] == 2020)].iloc[0]
    assert (row["persons_65_plus"], row["persons_15_64"]) == (old, working)
    assert row["ratio"] == pytest.approx(old / working * 100)


def test_pyramid_shares_sum_to_100_and_counts_match_the_csv(folk1b, raw_csv):
    pyramid = pop.age_pyramid(folk1b[folk1b["area_code"] == "760"], 2020)
    assert float(pyramid["men_pct"].sum() + pyramid["women_pct"].sum()) == pytest.approx(100)
    men_0_4 = _raw_total(raw_csv, "Ringkøbing-Skjern", "2020Q1", "0-4 years", "Men")
    assert int(pyramid.loc[pyramid["age"] == "0-4", "men"].iloc[0]) == men_0_4
    assert pyramid["age"].iloc[-1] == "85+"


def test_functions_never_mutate_their_input(folk1b):
    before = folk1b.copy(deep=True)
    pop.totals(folk1b)
    pop.age_groups(folk1b)
    pop.age_pyramid(folk1b[folk1b["area_code"] == "760"])
    pop.index_series(folk1b)
    pop.population_change(folk1b)
    pop.projection_range(folk1b[folk1b["area_code"] == "760"], {"a": folk1b[folk1b["area_code"] == "082"]})
    pd.testing.assert_frame_equal(folk1b, before)


# --- hand-made frames ------------------------------------------------------------------------------------


def test_exact_age_groups_on_single_years():
    frame = uniform(1, [2020], top=99)
    groups = pop.age_groups(frame).set_index("group")["persons"]
    # 2 persons (a man and a woman) per single year of age.
    assert groups.to_dict() == {"0-5": 12, "6-16": 22, "17-24": 16, "25-39": 30, "40-64": 50, "65-79": 30, "80+": 40}
    assert pop.age_groups(frame, scheme="bands").set_index("group")["persons"]["5-14"] == 20


def test_cluster_population_sums_members_and_keeps_the_input():
    a = uniform(2, [2019, 2020], top=9, code="7001")
    b = uniform(3, [2019, 2020], top=9, code="7002")
    both = pd.concat([a, b], ignore_index=True)
    before = both.copy(deep=True)
    summed = pop.cluster_population(both, ["7001", "7002"], code="x", name="X")
    total = summed[(summed["sex"] == "total") & (summed["age"] == "total") & (summed["period"] == "2020")]["persons"]
    assert int(total.iloc[0]) == (2 + 3) * 2 * 10
    assert set(summed["level"]) == {"cluster"}
    pd.testing.assert_frame_equal(both, before)


def test_cluster_population_unknown_code_is_a_clear_error():
    with pytest.raises(InvalidArgumentError) as info:
        pop.cluster_population(uniform(1, [2020], top=4), ["9999"])
    assert "9999" in info.value.localized("da")


def test_cluster_population_drops_years_missing_a_member_with_a_warning():
    a = uniform(2, [2019, 2020], top=4, code="7001")
    b = uniform(3, [2020], top=4, code="7002")
    with pytest.warns(UserWarning, match="left out"):
        summed = pop.cluster_population(pd.concat([a, b]), ["7001", "7002"])
    assert set(summed["period"]) == {"2020"}


def test_population_change_known_answers_and_horizon_outside_data():
    counts = {("men", 0): {2015: 100, 2019: 110, 2020: 90}, ("women", 0): {2015: 100, 2019: 90, 2020: 110}}
    frame = tidy(counts)
    with pytest.warns(UserWarning, match="10 years"):
        change = pop.population_change(frame, (1, 5, 10))
    assert change["horizon"].tolist() == [1, 5]
    assert change["change"].tolist() == [0, 0]
    with pytest.raises(InvalidArgumentError) as info:
        pop.population_change(frame, (1,), end_year=2031)
    assert "2031" in info.value.localized("da") and "2015–2020" in info.value.localized("da")


def test_year_outside_span_in_age_group_change():
    frame = uniform(1, [2015, 2020], top=20)
    with pytest.raises(InvalidArgumentError, match="outside"):
        pop.age_group_change(frame, 2005, 2020)
    with pytest.raises(InvalidArgumentError, match="before"):
        pop.age_group_change(frame, 2020, 2015)


def test_age_group_change_known_answer():
    counts = {("men", 10): {2015: 40, 2020: 30}, ("women", 10): {2015: 60, 2020: 58}, ("men", 50): {2015: 5, 2020: 9},
              ("women", 50): {2015: 5, 2020: 9}}
    changes = pop.age_group_change(tidy(counts), 2015, 2020).set_index("group")
    assert (int(changes.loc["6-16", "start"]), int(changes.loc["6-16", "end"]), int(changes.loc["6-16", "change"])) == (100, 88, -12)
    assert float(changes.loc["6-16", "change_pct"]) == pytest.approx(-12.0)
    sentences = narrative.age_group_sentences(changes.reset_index().assign(), lang="da")
    assert "Der bor 12 % færre børn i skolealderen (6–16 år) end i 2015." in sentences


def test_bad_arguments_are_clear_errors():
    frame = uniform(1, [2020], top=10)
    with pytest.raises(InvalidArgumentError):
        pop.age_groups(frame, scheme="decades")
    with pytest.raises(InvalidArgumentError):
        pop.totals(frame.drop(columns="persons"))
    with pytest.raises(InvalidArgumentError):
        pop.totals(frame.iloc[0:0])
    with pytest.raises(InvalidArgumentError):
        pop.five_year_bands(frame, top=83)


# --- projection --------------------------------------------------------------------------------------------


def test_hamilton_perry_by_hand():
    # Bands 0-4, 5-9 and an open 10+; top=10.
    counts = {
        ("men", 0): {2015: 10, 2020: 12}, ("men", 5): {2015: 20, 2020: 9}, ("men", 10): {2015: 30, 2020: 40},
        ("women", 0): {2015: 10, 2020: 8}, ("women", 5): {2015: 10, 2020: 11}, ("women", 10): {2015: 40, 2020: 44},
    }
    frame = tidy(counts, single_years=False)
    # With the open band at 10 there are no women aged 15-49 to base the child-woman ratio on: it is set to 1, with a warning.
    with pytest.warns(UserWarning, match="set to 1"):
        result = pop.hamilton_perry(frame, horizon=5, top=10)
    got = result[result["year"] == 2025].set_index(["sex", "age_from"])["persons"]
    # CCR men 5-9 = 9/10, men 10+ = 40/(20+30); women 5-9 = 11/10, women 10+ = 44/(10+40).
    assert got[("men", 5)] == pytest.approx(0.9 * 12)
    assert got[("men", 10)] == pytest.approx(0.8 * (9 + 40))
    assert got[("women", 5)] == pytest.approx(1.1 * 8)
    assert got[("women", 10)] == pytest.approx(0.88 * (11 + 44))
    assert (result["persons"] >= 0).all()


def test_child_woman_ratio_by_hand():
    frame = uniform(10, [2015, 2020], top=85, single_years=False)
    ratios = pop.cohort_change_ratios(frame).set_index(["sex", "kind"])
    # 10 boys and 10 girls aged 0-4 per 7 bands x 10 women aged 15-49.
    assert ratios.loc[("men", "cwr"), "ratio"] == pytest.approx(10 / 70)
    assert ratios.loc[("women", "cwr"), "ratio"] == pytest.approx(10 / 70)


def test_stationary_population_projects_to_itself():
    frame = uniform(10, [2015, 2020], top=89, single_years=True)
    result = pop.hamilton_perry(frame, horizon=10)
    totals = result.groupby("year")["persons"].sum()
    assert totals.tolist() == pytest.approx([totals.iloc[0]] * 3)


def test_projection_invariants_on_real_data(folk1b):
    municipality = folk1b[folk1b["area_code"] == "760"]
    region = folk1b[folk1b["area_code"] == "082"]
    variants, band = pop.projection_range(municipality, {"own": municipality, "region": region})
    assert sorted(set(band["year"])) == [2020, 2025, 2030]
    # total = sum of cohorts
    detail = pop.hamilton_perry(municipality, region, horizon=10, variant="region")
    sums = detail.groupby("year")["persons"].sum()
    region_totals = variants[variants["variant"] == "region"].set_index("year")["persons"]
    assert sums.to_numpy() == pytest.approx(region_totals.to_numpy())
    assert (detail["persons"] >= 0).all()
    # the band contains both variants
    merged = variants.merge(band, on="year")
    assert ((merged["low"] <= merged["persons"] + 1e-9) & (merged["persons"] <= merged["high"] + 1e-9)).all()
    # the jump-off year is the observed population, in both variants
    observed = pop.totals(municipality).set_index("year")["persons"][2020]
    assert band[band["year"] == 2020][["low", "high"]].to_numpy() == pytest.approx(np.array([[observed, observed]]))


def test_projection_needs_two_years_five_apart():
    frame = uniform(1, [2019, 2020], top=20)
    with pytest.raises(InvalidArgumentError) as info:
        pop.hamilton_perry(frame)
    assert "fem års mellemrum" in info.value.localized("da")
    with pytest.raises(InvalidArgumentError):
        pop.hamilton_perry(uniform(1, [2015, 2020], top=20), horizon=7)


def test_empty_starting_cohort_is_set_to_one_with_a_warning():
    counts = {(sex, age): {2015: (0 if (sex, age) == ("men", 0) else 5), 2020: 5} for sex in ("men", "women") for age in range(0, 90, 5)}
    frame = tidy(counts, single_years=False)
    with pytest.warns(UserWarning, match="set to 1"):
        ratios = pop.cohort_change_ratios(frame)
    assert ratios[(ratios["sex"] == "men") & (ratios["age_from"] == 5)]["ratio"].iloc[0] == 1.0


def test_narrative_sentences_read_real_figures(folk1b):
    municipality = folk1b[folk1b["area_code"] == "760"]
    changes = pop.population_change(municipality, (10,))
    sentence = narrative.change_sentence("Ringkøbing-Skjern Kommune", changes.iloc[0], lang="da")
    assert sentence.startswith("Befolkningen i Ringkøbing-Skjern Kommune er faldet 3,2 % fra 2010 til 2020")
    english = narrative.change_sentence("Ringkøbing-Skjern Municipality", changes.iloc[0], lang="en")
    assert "fell by 3.2%" in english
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert narrative.round_people(54_448.2) == 54_400 and narrative.round_people(3_456.4) == 3_460
