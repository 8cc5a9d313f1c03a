"""The comparison analysis (issue 12) on small hand-made tables whose answers are known, and on the real table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from landsby_utils import comparison as cmp
from landsby_utils._errors import LandsbyError
from landsby_utils.settings import PARISH_INDICATORS_CSV as INDICATORS_CSV


def _table(rows: dict[str, dict[str, float]]) -> pd.DataFrame:
    """A hand-made indicator table: every indicator column, defaults overridden by ``rows``."""
    base = {i.column: 1.0 for i in cmp.INDICATORS}
    base.update({"population_2014_lfl": 100.0, "persons_0_15": 20.0, "persons_16_64": 60.0, "persons_65plus": 20.0,
                 "area_km2": 10.0, "rural": True})
    return pd.DataFrame({code: {**base, **values} for code, values in rows.items()}).T


def test_oracle_nearest_neighbours_on_a_hand_made_grid():
    """Five places on two indicators: the neighbours and their order are known by construction."""
    z = pd.DataFrame({"children": [0.0, 0.1, 1.0, -2.0, 0.0], "elderly": [0.0, 0.0, 1.0, 2.0, 0.5]},
                     index=["A", "B", "C", "D", "E"])
    found = cmp.nearest(z, z.loc[["A"]], codes=["children", "elderly"], k=3)
    assert list(found["parish_code"]) == ["B", "E", "C"]  # distances 0.1, 0.5, sqrt(2)
    assert found["distance"].to_numpy() == pytest.approx(np.array([0.1, 0.5, np.sqrt(2)]) / np.sqrt(2))
    # Only 'elderly' counting: B (gap 0), E (0.5), C (1.0); D (2.0) is left out at k=3.
    found = cmp.nearest(z, z.loc[["A"]], codes=["elderly"], k=3)
    assert list(found["parish_code"]) == ["B", "E", "C"]
    found = cmp.nearest(z, z.loc[["A"]], codes=["children"], k=2)
    assert set(found["parish_code"]) == {"E", "B"}  # both at 0 or 0.1; C at 1, D at 2


def test_excluded_parishes_and_missing_values_are_never_matched_or_imputed():
    z = pd.DataFrame({"children": [0.0, 0.1, 0.2, np.nan], "elderly": [0.0, 0.0, 0.0, 0.0]}, index=list("ABCD"))
    found = cmp.nearest(z, z.loc[["A"]], codes=["children", "elderly"], k=5, exclude={"A": ["B"]})
    assert list(found["parish_code"]) == ["C"]  # B excluded, D lacks 'children', A is the query itself
    query = pd.DataFrame({"children": [np.nan], "elderly": [0.0]}, index=["Q"])
    found = cmp.nearest(z, query, codes=["children", "elderly"], k=4)
    assert set(found["missing"]) == {"children"} and set(found["used"]) == {"elderly"}
    assert "D" in set(found["parish_code"])  # compared on the rest: D has 'elderly'


def test_all_indicators_excluded_is_a_clear_error():
    z = pd.DataFrame({"children": [0.0, 1.0]}, index=["A", "B"])
    with pytest.raises(cmp.NoIndicatorsError) as caught:
        cmp.nearest(z, z.loc[["A"]], codes=[])
    assert isinstance(caught.value, LandsbyError)
    assert "mindst ét" in caught.value.localized("da")
    with pytest.raises(LandsbyError):
        cmp.chosen(["nonsense"])


def test_standardisation_and_log_transform():
    table = _table({"A": {"population_2021": 9.0}, "B": {"population_2021": 99.0}, "C": {"population_2021": 999.0}})
    scale = cmp.fit_scale(table)
    z = cmp.zscores(table, scale)
    # log(x + 1) gives log 10, log 100, log 1000: equally spaced, so z = -1.2247, 0, 1.2247.
    assert z["population"].to_numpy() == pytest.approx([-np.sqrt(1.5), 0, np.sqrt(1.5)])
    assert z["children"].to_numpy() == pytest.approx([0, 0, 0])  # no spread: std replaced by 1


def test_positions_count_lower_and_higher_parishes_among_all_and_rural():
    table = _table({c: {"share_0_15": v, "rural": r} for c, v, r in
                    [("A", 10, True), ("B", 20, True), ("C", 30, False), ("D", 40, True), ("E", 25, False)]})
    pos = cmp.positions(table, table.loc[["E"]], codes=["children"]).iloc[0]
    assert (pos["below_all"], pos["above_all"], pos["n_all"]) == (0.5, 0.5, 4)
    assert (pos["below_rural"], pos["above_rural"], pos["n_rural"]) == (pytest.approx(2 / 3), pytest.approx(1 / 3), 3)
    assert cmp.in_words(0.71, 0.29) == ("more", 7)
    assert cmp.in_words(0.1, 0.85) == ("less", 8)
    assert cmp.in_words(0.97, 0.02) == ("more", 9)  # never "more than 10 out of 10"
    assert cmp.in_words(0.75, 0.2) == ("more", 7)  # 7.5 of 10: more than 7, not more than 8


def test_combining_parishes_sums_counts_and_recomputes_shares():
    table = _table({"A": {"population_2021": 100, "persons_0_15": 10, "persons_16_64": 70, "persons_65plus": 20,
                          "population_2014_lfl": 100, "area_km2": 10, "dist_dagligvarer_km": 1.0},
                    "B": {"population_2021": 300, "persons_0_15": 90, "persons_16_64": 150, "persons_65plus": 60,
                          "population_2014_lfl": 300, "area_km2": 30, "dist_dagligvarer_km": 5.0}})
    both = cmp.combine(table, {"AB": ["A", "B"]}).loc["AB"]
    assert both["population_2021"] == 400 and both["share_0_15"] == pytest.approx(25.0)
    assert both["old_age_dependency"] == pytest.approx(80 / 220 * 100)
    assert both["density_per_km2"] == pytest.approx(10.0)
    assert both["dist_dagligvarer_km"] == pytest.approx((1 * 100 + 5 * 300) / 400)  # population-weighted
    assert both["change_pct"] == pytest.approx(0.0)


def test_gaps_say_why_similar_and_where_different():
    a = pd.Series({i.code: 0.0 for i in cmp.INDICATORS})
    b = a.copy()
    b["children"], b["elderly"], b["grocery"] = 0.1, -1.5, np.nan
    verdicts = cmp.gaps(a, b, ["children", "elderly", "grocery"]).set_index("indicator")["verdict"]
    assert verdicts.to_dict() == {"children": "close", "elderly": "lower", "grocery": "missing"}


def test_real_table_neighbours_of_hee_are_rural_and_types_are_neutral_letters():
    table = pd.read_csv(INDICATORS_CSV, dtype={"parish_code": str}).set_index("parish_code")
    scale = cmp.fit_scale(table)
    z = cmp.zscores(table, scale)
    found = cmp.nearest(z, z.loc[["8752"]], k=10)
    assert len(found) == 10 and "8752" not in set(found["parish_code"])
    assert table.loc[found["parish_code"], "rural"].mean() >= 0.8
    everyone = cmp.neighbours_for_all(z, k=10)
    assert everyone.shape == (len(z[list(cmp.DEFAULT_CODES)].dropna()), 10)
    kinds = cmp.types(z)
    assert set(kinds) <= set("ABCDEF") and kinds.value_counts().iloc[0] == kinds.value_counts().max()
    assert bool(cmp.small(table.loc["8752", "population_2021"])) is False


def test_shares_resting_on_one_to_four_persons_are_never_shown():
    from landsby_utils import comparison_parts as view

    row = pd.Series({"persons_0_15": 3, "persons_16_64": 40, "persons_65plus": 12, "share_0_15": 5.45,
                     "share_65plus": 21.8, "old_age_dependency": 30.0, "population_2021": 60})
    assert view.value_text(row, "children", "da") == "×" and np.isnan(view.value(row, "children"))
    assert view.value_text(row, "elderly", "da") == "21,8"
    row["persons_65plus"] = 0  # zero is shown as it is
    assert view.value_text(row, "dependency", "da") == "30"
