"""Small-number suppression: primary ("<5") and secondary (nothing hidden can be worked out from the rest).

The oracle is written here, independently of the module: an attacker who sees
every shown cell and margin, and knows that "<5" means 1–4 and that counts are
non-negative, solves for each hidden cell's smallest and largest possible value.
A hidden cell is recovered when those bounds pin one whole number.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from landsby_utils import privacy
from landsby_utils._errors import InvalidArgumentError


def attacker_bounds(result: privacy.SuppressedTable, row_total: bool, column_total: bool) -> dict[tuple[int, int], tuple[float, float]]:
    """Every hidden cell's feasible range given what the table shows (the oracle)."""
    values = result.values.fillna(0).astype("int64").to_numpy()
    hidden = result.hidden.to_numpy()
    status = result.status.to_numpy()
    rows, cols = values.shape
    unknown = [(r, c) for r in range(rows) for c in range(cols) if hidden[r, c]]
    index = {cell: i for i, cell in enumerate(unknown)}
    lines = []
    if row_total:
        lines += [[(r, c) for c in range(cols - 1)] + [(r, cols - 1, "total")] for r in range(rows)]
    if column_total:
        lines += [[(r, c) for r in range(rows - 1)] + [(rows - 1, c, "total")] for c in range(cols)]
    a_eq, b_eq = [], []
    for line in lines:
        coefficients, constant = np.zeros(len(unknown)), 0.0
        for cell in line:
            sign = -1.0 if len(cell) == 3 else 1.0
            key = cell[:2]
            if key in index:
                coefficients[index[key]] += sign
            else:
                constant += sign * values[key]
        if coefficients.any():
            a_eq.append(coefficients)
            b_eq.append(-constant)
    bounds = [(1, 4) if status[cell] == privacy.PRIMARY else (0, None) for cell in unknown]
    found = {}
    for cell, i in index.items():
        c = np.zeros(len(unknown))
        c[i] = 1
        kwargs = {"A_eq": np.array(a_eq), "b_eq": np.array(b_eq)} if a_eq else {}
        low = linprog(c, bounds=bounds, **kwargs)
        high = linprog(-c, bounds=bounds, **kwargs)
        found[cell] = (low.fun, -high.fun if high.status == 0 else math.inf)
    return found


def assert_nothing_recoverable(result: privacy.SuppressedTable, row_total: bool = True, column_total: bool = True) -> None:
    true = result.values.to_numpy()
    for cell, (low, high) in attacker_bounds(result, row_total, column_total).items():
        assert low - 1e-6 <= float(true[cell]) <= high + 1e-6, "the oracle must contain the true value"
        pinned = math.isfinite(high) and math.floor(high + 1e-6) <= math.ceil(low - 1e-6)
        assert not pinned, f"hidden cell {cell} (true {true[cell]}) can be worked out: [{low}, {high}]"


def test_primary_suppression_marks_1_to_4_and_keeps_0_and_5():
    result = privacy.suppress_counts(pd.Series([0, 1, 4, 5, 200], index=list("abcde")), total=False)
    shown = result.display("da").iloc[:, 0].tolist()
    assert shown == ["0", "<5", "<5", "5", "200"]
    assert result.status.iloc[:, 0].tolist() == ["shown", "primary", "primary", "shown", "shown"]


def test_one_small_cell_with_a_total_gets_a_secondary_partner():
    result = privacy.suppress_counts(pd.Series([120, 3, 80], index=["Hee", "No", "Tim"], name="2020"))
    shown = result.display("da")["2020"].to_dict()
    assert shown["No"] == "<5"
    assert shown["Tim"] == privacy.HIDDEN_MARK  # the smallest other count is hidden, not the large one
    assert shown["I alt"] == "203"
    assert_nothing_recoverable(result, row_total=False, column_total=True)


def test_two_ones_in_a_row_are_not_left_to_be_worked_out_from_their_sum():
    # 1 + 1 = 2 with both known to be at least 1 would reveal both: a third cell must go.
    result = privacy.suppress_counts(pd.Series([1, 1, 100], index=list("abc")))
    assert result.status.loc["c"].iloc[0] == privacy.SECONDARY
    assert_nothing_recoverable(result, row_total=False, column_total=True)


def test_age_by_sex_table_with_margins():
    table = pd.DataFrame({"men": [10, 3, 20], "women": [12, 15, 22]}, index=["0-4", "5-9", "10-14"])
    result = privacy.suppress_table(table)
    shown = result.display("da")
    assert shown.loc["5-9", "men"] == "<5"
    assert shown.loc["I alt", "I alt"] == "82"
    # every line (row and column, with its margin) has either no hidden cell or at least two
    hidden = result.hidden
    assert all(hidden.loc[row].sum() != 1 for row in hidden.index)
    assert all(hidden[col].sum() != 1 for col in hidden.columns)
    assert_nothing_recoverable(result)
    assert int(result.hidden.to_numpy().sum()) == 4  # the 2x2 rectangle, not the whole table


@pytest.mark.parametrize("seed", range(25))
def test_random_small_area_tables_leak_nothing(seed):
    rng = np.random.default_rng(seed)
    rows, cols = int(rng.integers(2, 9)), int(rng.integers(2, 4))
    table = pd.DataFrame(rng.integers(0, 15, size=(rows, cols)), columns=[f"c{i}" for i in range(cols)])
    result = privacy.suppress_table(table)
    assert_nothing_recoverable(result)
    # primary cells are exactly the 1-4 counts
    interior = result.values.iloc[:-1, :-1].to_numpy()
    small = (interior >= 1) & (interior <= 4)
    assert (result.status.iloc[:-1, :-1].to_numpy()[small] == privacy.PRIMARY).all()


def test_masked_hides_every_hidden_cell_and_keeps_the_rest():
    table = pd.DataFrame({"men": [10, 3, 20], "women": [12, 15, 22]})
    result = privacy.suppress_table(table)
    masked = result.masked()
    assert masked.isna().equals(result.hidden)
    assert int(masked.loc[2, "men"]) == 20


def test_no_zeros_shown_for_hidden_cells():
    result = privacy.suppress_counts(pd.Series([2, 0, 50]))
    assert "0" not in [v for v, s in zip(result.display().iloc[:, 0], result.status.iloc[:, 0], strict=True) if s != privacy.SHOWN]


def test_missing_source_cells_are_shown_as_missing_not_zero():
    result = privacy.suppress_counts(pd.Series([10, None, 20], dtype="Int64"), total=False)
    assert result.display().iloc[1, 0] == privacy.MISSING_MARK


def test_bad_input_is_refused():
    with pytest.raises(InvalidArgumentError):
        privacy.suppress_table(pd.DataFrame())
    with pytest.raises(InvalidArgumentError):
        privacy.suppress_table(pd.DataFrame({"a": [1.5, 2]}))
    with pytest.raises(InvalidArgumentError):
        privacy.suppress_table(pd.DataFrame({"a": [-1, 2]}))
    with pytest.raises(InvalidArgumentError):
        privacy.suppress_table(pd.DataFrame({"a": [1, 2]}), threshold=0)


def test_input_is_not_changed():
    table = pd.DataFrame({"men": [10, 3], "women": [12, 15]})
    before = table.copy()
    privacy.suppress_table(table)
    pd.testing.assert_frame_equal(table, before)


def test_levels_that_need_protection():
    assert privacy.needs_protection("cluster") and privacy.needs_protection("parish")
    assert not privacy.needs_protection("municipality")


def test_the_oracle_catches_primary_suppression_alone():
    result = privacy.suppress_counts(pd.Series([120, 3, 80]))
    status = result.status.copy()
    status.iloc[:, 0] = [privacy.SHOWN, privacy.PRIMARY, privacy.SHOWN, privacy.SHOWN]
    naive = privacy.SuppressedTable(result.values, status, result.threshold)
    with pytest.raises(AssertionError, match="can be worked out"):
        assert_nothing_recoverable(naive, row_total=False, column_total=True)
