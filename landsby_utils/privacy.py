"""Small-number suppression for derived village- and parish-level counts of persons.

Statistics Denmark publishes parish and urban-area cells as they are; the
datapakke republishes those with their source. Counts the datapakke *derives*
for villages, parishes and clusters (sums, differences, age × sex breakdowns)
follow the rule in ``docs/data-apis.md`` section 4:

* **primary suppression**: a count from 1 to ``settings.SUPPRESS_BELOW - 1``
  (1–4) is shown as ``"<5"``; 0 is shown as 0;
* **secondary suppression**: further cells are hidden (shown as ``"×"``) until
  no hidden cell can be worked out from the rest of the table, its margins
  (row and column totals) and the knowledge that a ``"<5"`` cell is 1–4.

The check behind the secondary suppression is exact for one table: for every
hidden cell, two small linear programmes find the smallest and largest value
consistent with everything shown; if they pin one whole number, another cell
(the smallest positive one in the same row or column) is hidden and the check
runs again. Different tables of the same area are not checked against each
other: show each derived breakdown once, with the same totals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.i18n import fmt_int

#: Cell status values.
SHOWN, PRIMARY, SECONDARY, MISSING = "shown", "primary", "secondary", "missing"
#: What a secondary-suppressed cell shows.
HIDDEN_MARK = "×"
#: What a cell the source did not show (DST ``..``) shows.
MISSING_MARK = ".."
#: Levels whose counts are derived small-area figures and must be protected.
PROTECTED_LEVELS = frozenset({"parish", "urban_area", "village", "cluster"})


def small_mark(threshold: int | None = None) -> str:
    """The text of a primary-suppressed cell: ``"<5"``."""
    return f"<{threshold or settings.SUPPRESS_BELOW}"


def needs_protection(level: str) -> bool:
    """True for the levels whose derived counts are suppressed (parish, urban area, village, cluster)."""
    return str(level) in PROTECTED_LEVELS


def is_small(value: object, threshold: int | None = None) -> bool:
    """True when ``value`` is a count from 1 to ``threshold - 1``."""
    threshold = threshold or settings.SUPPRESS_BELOW
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return 1 <= float(value) < threshold


@dataclass
class SuppressedTable:
    """A table of counts with its margins and the status of every cell.

    Attributes
    ----------
    values : pandas.DataFrame
        All counts (``Int64``), including the margins that were requested
        (a row and/or a column labelled ``total_label``).
    status : pandas.DataFrame
        Same shape: ``"shown"``, ``"primary"`` (1–4, shown ``"<5"``),
        ``"secondary"`` (hidden to protect another cell, shown ``"×"``) or
        ``"missing"`` (not shown by the source).
    threshold : int
        Counts below this (and above 0) are primary-suppressed.
    """

    values: pd.DataFrame
    status: pd.DataFrame
    threshold: int

    @property
    def hidden(self) -> pd.DataFrame:
        """True for every cell not shown."""
        return self.status != SHOWN

    def masked(self) -> pd.DataFrame:
        """The counts with every hidden cell set to NA (safe to plot or export)."""
        return self.values.mask(self.hidden).astype("Int64")

    def display(self, lang: str = "da") -> pd.DataFrame:
        """The table as text: Danish thousands separators, ``"<5"``, ``"×"`` and ``".."``."""
        marks = {PRIMARY: small_mark(self.threshold), SECONDARY: HIDDEN_MARK, MISSING: MISSING_MARK}
        text = self.values.astype("object").copy()
        for row in range(self.values.shape[0]):
            for col in range(self.values.shape[1]):
                state = self.status.iat[row, col]
                text.iat[row, col] = marks[state] if state in marks else fmt_int(int(self.values.iat[row, col]), lang)
        return text

    @property
    def any_hidden(self) -> bool:
        """True when at least one cell is hidden."""
        return bool(self.hidden.to_numpy().any())


def _full_table(table: pd.DataFrame, row_total: bool, column_total: bool, total_label: str) -> pd.DataFrame:
    values = table.copy()
    if row_total:
        if total_label in values.columns:
            raise InvalidArgumentError(f"column {total_label!r} already exists", f"Kolonnen {total_label!r} findes allerede")
        values[total_label] = values.sum(axis=1, min_count=len(table.columns), skipna=False)
    if column_total:
        if total_label in values.index:
            raise InvalidArgumentError(f"row {total_label!r} already exists", f"Rækken {total_label!r} findes allerede")
        values.loc[total_label] = values.sum(axis=0, min_count=len(table.index), skipna=False)
    return values.astype("Int64")


def _constraints(shape: tuple[int, int], row_total: bool, column_total: bool) -> list[list[tuple[int, int, float]]]:
    """Linear relations of the full table, each as [(row, col, coefficient)] summing to 0."""
    rows, cols = shape
    inner_rows = rows - 1 if column_total else rows
    inner_cols = cols - 1 if row_total else cols
    relations = []
    if row_total:
        for r in range(rows):
            relations.append([(r, c, 1.0) for c in range(inner_cols)] + [(r, cols - 1, -1.0)])
    if column_total:
        for c in range(cols):
            relations.append([(r, c, 1.0) for r in range(inner_rows)] + [(rows - 1, c, -1.0)])
    return relations


def cell_ranges(values: pd.DataFrame, status: pd.DataFrame, row_total: bool, column_total: bool,
                threshold: int | None = None) -> dict[tuple[int, int], tuple[float, float]]:
    """The smallest and largest value each hidden cell can have, given everything shown.

    Parameters
    ----------
    values : pandas.DataFrame
        The full table (with margins).
    status : pandas.DataFrame
        Cell status (see :class:`SuppressedTable`).
    row_total, column_total : bool
        Whether the last column / last row are the margins.
    threshold : int, optional
        Primary cells are known to lie in ``1 .. threshold - 1``.

    Returns
    -------
    dict
        ``(row, col)`` → ``(low, high)``; ``high`` is ``inf`` when unbounded.
    """
    from scipy.optimize import linprog

    threshold = threshold or settings.SUPPRESS_BELOW
    hidden = [(r, c) for r in range(values.shape[0]) for c in range(values.shape[1]) if status.iat[r, c] != SHOWN]
    if not hidden:
        return {}
    position = {cell: i for i, cell in enumerate(hidden)}
    equations, rhs = [], []
    for relation in _constraints(values.shape, row_total, column_total):
        coefficients = np.zeros(len(hidden))
        constant = 0.0
        involved = False
        for r, c, k in relation:
            if (r, c) in position:
                coefficients[position[(r, c)]] += k
                involved = True
            else:
                constant += k * float(values.iat[r, c])
        if involved:
            equations.append(coefficients)
            rhs.append(-constant)
    bounds = [(1, threshold - 1) if status.iat[r, c] == PRIMARY else (0, None) for r, c in hidden]
    ranges = {}
    for i, cell in enumerate(hidden):
        objective = np.zeros(len(hidden))
        objective[i] = 1.0
        kwargs = {"A_eq": np.array(equations), "b_eq": np.array(rhs)} if equations else {}
        low = linprog(objective, bounds=bounds, method="highs", **kwargs)
        high = linprog(-objective, bounds=bounds, method="highs", **kwargs)
        lo = float(low.fun) if low.status == 0 else 0.0
        hi = float(-high.fun) if high.status == 0 else math.inf
        ranges[cell] = (lo, hi)
    return ranges


def _determined(low: float, high: float) -> bool:
    """True when exactly one whole number lies in [low, high]."""
    return math.isfinite(high) and math.floor(high + 1e-6) <= math.ceil(low - 1e-6)


def _line_cells(relation: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    return [(r, c) for r, c, _ in relation]


def _rank(values: pd.DataFrame, status: pd.DataFrame, cell: tuple[int, int], margins: tuple[int, int],
          relations: list[list[tuple[int, int, float]]]) -> tuple[int, int, int, float, int, int]:
    """Order complement candidates: interior before margins, cells that close a rectangle, positive, small."""
    r, c = cell
    inner_rows, inner_cols = margins
    value = float(values.iat[r, c])
    lines = [_line_cells(rel) for rel in relations if cell in _line_cells(rel)]
    closes = any(status.iat[other] != SHOWN for line in lines for other in line if other != cell)
    return (int(r >= inner_rows or c >= inner_cols), int(not closes), int(value <= 0), value, r, c)


def _line_pass(values: pd.DataFrame, status: pd.DataFrame, relations: list[list[tuple[int, int, float]]],
               margins: tuple[int, int]) -> None:
    """Hide a complement in every relation with exactly one hidden cell (simple subtraction), until none is left."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            cells = _line_cells(relation)
            if sum(status.iat[cell] != SHOWN for cell in cells) != 1:
                continue
            shown = [cell for cell in cells if status.iat[cell] == SHOWN]
            if shown:
                status.iat[min(shown, key=lambda x: _rank(values, status, x, margins, relations))] = SECONDARY
                changed = True


def _exposed(values: pd.DataFrame, status: pd.DataFrame, row_total: bool, column_total: bool, threshold: int) -> list[tuple[int, int]]:
    ranges = cell_ranges(values, status, row_total, column_total, threshold)
    exposed = [cell for cell, (lo, hi) in ranges.items() if _determined(lo, hi) and status.iat[cell] != MISSING]
    return sorted(exposed, key=lambda cell: (status.iat[cell] != PRIMARY, cell))


def suppress_table(
    table: pd.DataFrame,
    row_total: bool = True,
    column_total: bool = True,
    threshold: int | None = None,
    total_label: str = "I alt",
) -> SuppressedTable:
    """Primary and secondary suppression of a table of counts with margins.

    Parameters
    ----------
    table : pandas.DataFrame
        The interior counts (non-negative whole numbers; NA = not shown by the source).
    row_total : bool, default True
        Add and protect a column of row totals (``total_label``).
    column_total : bool, default True
        Add and protect a row of column totals.
    threshold : int, optional
        Default ``settings.SUPPRESS_BELOW`` (5): counts 1–4 are hidden.
    total_label : str, default "I alt"
        Label of the margins.

    Returns
    -------
    SuppressedTable
        Counts with margins and cell status; no hidden cell can be worked out
        from the shown cells and margins.

    Raises
    ------
    InvalidArgumentError
        If the table is empty, not numeric, has negative or fractional counts,
        or the threshold is below 1.
    """
    threshold = settings.SUPPRESS_BELOW if threshold is None else threshold
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise InvalidArgumentError(f"threshold {threshold!r} must be a whole number of at least 1", "Grænsen skal være et helt tal på mindst 1")
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise InvalidArgumentError("table must be a non-empty DataFrame of counts", "Tabellen er tom")
    try:
        numeric = table.apply(pd.to_numeric).astype("Float64")
    except (TypeError, ValueError):
        raise InvalidArgumentError("table must hold numbers only", "Tabellen må kun indeholde tal") from None
    known = numeric.to_numpy(dtype="float64", na_value=np.nan)
    if (known[~np.isnan(known)] < 0).any() or (np.mod(known[~np.isnan(known)], 1) != 0).any():
        raise InvalidArgumentError("counts must be non-negative whole numbers", "Antal personer skal være hele, ikke-negative tal")
    values = _full_table(numeric.astype("Int64"), row_total, column_total, total_label)
    status = pd.DataFrame(SHOWN, index=values.index, columns=values.columns, dtype="object")
    for r in range(values.shape[0]):
        for c in range(values.shape[1]):
            value = values.iat[r, c]
            if value is pd.NA:
                status.iat[r, c] = MISSING
            elif is_small(value, threshold):
                status.iat[r, c] = PRIMARY
    if (status == MISSING).to_numpy().any():
        # Missing cells have unknown values: the audit below treats them as hidden, of any size.
        values = values.fillna(0)
    rows, cols = values.shape
    margins = (rows - 1 if column_total else rows, cols - 1 if row_total else cols)
    relations = _constraints(values.shape, row_total, column_total)
    for _ in range(values.size):
        _line_pass(values, status, relations, margins)
        exposed = _exposed(values, status, row_total, column_total, threshold)
        if not exposed:
            break
        # Protect the first exposed cell: try the shown cells of its lines, keep the one that exposes least.
        cell = exposed[0]
        lines = [_line_cells(rel) for rel in relations if cell in _line_cells(rel)]
        candidates = sorted({x for line in lines for x in line if status.iat[x] == SHOWN},
                            key=lambda x: _rank(values, status, x, margins, relations))
        if not candidates:
            candidates = sorted((x for x in np.ndindex(rows, cols) if status.iat[x] == SHOWN),
                                key=lambda x: _rank(values, status, x, margins, relations))[:1]
        if not candidates:
            break
        best, best_count = candidates[0], None
        for candidate in candidates[:6]:
            status.iat[candidate] = SECONDARY
            count = len(_exposed(values, status, row_total, column_total, threshold))
            status.iat[candidate] = SHOWN
            if best_count is None or count < best_count:
                best, best_count = candidate, count
        status.iat[best] = SECONDARY
    values = values.mask(status == MISSING).astype("Int64")
    return SuppressedTable(values=values, status=status, threshold=threshold)


def suppress_counts(counts: pd.Series | Iterable[int], total: bool = True, threshold: int | None = None,
                    total_label: str = "I alt") -> SuppressedTable:
    """Suppress a list of counts (e.g. persons per village) that is shown with its total.

    Parameters
    ----------
    counts : pandas.Series or iterable of int
        The counts (the index labels the rows).
    total : bool, default True
        Whether the total is shown too (then one more cell is hidden when a
        single one is, so it cannot be worked out by subtraction).
    threshold : int, optional
        Default ``settings.SUPPRESS_BELOW``.
    total_label : str
        Label of the total row.

    Returns
    -------
    SuppressedTable
        With one column, named after the series (or ``"persons"``).
    """
    series = counts if isinstance(counts, pd.Series) else pd.Series(list(counts))
    frame = series.to_frame(series.name if series.name is not None else "persons")
    return suppress_table(frame, row_total=False, column_total=total, threshold=threshold, total_label=total_label)


def export_cells(values: pd.DataFrame, hidden: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """Counts for CSV/Excel: the number where it is shown, its mark ("<5", "×", "..") where it is hidden.

    Parameters
    ----------
    values : pandas.DataFrame
        The counts.
    hidden : pandas.DataFrame
        True where a cell is not shown.
    shown : pandas.DataFrame
        The display text of the same cells (used only for the hidden cells' marks).

    Returns
    -------
    pandas.DataFrame
        ``object`` columns of ``int`` and mark strings; never a formatted number.
    """
    out = values.astype("object").copy()
    for row in range(values.shape[0]):
        for col in range(values.shape[1]):
            out.iat[row, col] = shown.iat[row, col] if bool(hidden.iat[row, col]) or pd.isna(values.iat[row, col]) \
                else int(values.iat[row, col])
    return out
