"""Citizen-survey results per village and for the cluster, with small groups protected (pure functions).

Input is the anonymised answer frame of :func:`landsby_utils.survey.anonymise` (one row per respondent).
Counts are returned as they are; what a reader may see is decided by :func:`shown_groups`: a village
with 1–4 respondents (to the whole survey or to one question) is hidden as "<5", a further village is
hidden (secondary suppression, :func:`landsby_utils.privacy.suppress_counts`) so that the cluster's
total cannot reveal it, and a hidden village's percentages and averages are never shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from landsby_utils import privacy
from landsby_utils.survey import DONT_KNOW, LIKERT_LEVELS, VILLAGE, Template

#: The label of the cluster's row in the shown tables.
CLUSTER = "cluster"


def respondents(frame: pd.DataFrame, villages: Sequence[str]) -> pd.Series:
    """Respondents per village (every village of the cluster, 0 where nobody answered)."""
    return frame[VILLAGE].value_counts().reindex(list(villages), fill_value=0).astype(int).rename("respondents")


def residents_aged(sogn1: pd.DataFrame, villages: Mapping[str, Sequence[str]], min_age: int = 16) -> tuple[pd.Series, int | None]:
    """Residents aged ``min_age`` and over per village: the sum of its parishes, in the latest year with ages.

    Parameters
    ----------
    sogn1 : pandas.DataFrame
        :func:`landsby_utils.sources.statbank.sogn1` (tidy; ``sex``, ``age_from``, ``period``, ``persons``).
    villages : mapping of str to sequence of str
        Village name → its parish codes.
    min_age : int
        Youngest age counted (16: the survey asks people aged 16 and over).

    Returns
    -------
    tuple
        ``(residents, year)``: per village and for the cluster (``"cluster"``, each parish once; NaN when a parish
        has no figures), and the year used (None when no year has single-year ages).
    """
    aged = sogn1[(sogn1["sex"] == "total") & (sogn1["age_from"] >= 0)]
    if aged.empty:
        return pd.Series(np.nan, index=[*villages, CLUSTER], name="residents"), None
    year = int(aged["period"].astype(str).str[:4].astype(int).max())
    of_year = aged[aged["period"].astype(str).str[:4].astype(int) == year]
    per_parish = of_year[of_year["age_from"] >= min_age].groupby("area_code")["persons"].sum()
    values = {}
    for name, parishes in villages.items():
        values[name] = float(per_parish.reindex(list(parishes)).sum(min_count=len(parishes))) if parishes else np.nan
    codes = sorted({c for parishes in villages.values() for c in parishes})  # a parish shared by two villages counts once
    values[CLUSTER] = float(per_parish.reindex(codes).sum(min_count=len(codes))) if codes else np.nan
    return pd.Series(values, name="residents"), year


def likert_counts(frame: pd.DataFrame, template: Template, villages: Sequence[str]) -> pd.DataFrame:
    """Answers to each focus area per village and level (1–5 and "ved_ikke").

    Returns
    -------
    pandas.DataFrame
        Columns ``question``, ``village``, ``level``, ``count`` (every combination, 0 included).
    """
    rows = []
    levels = [*LIKERT_LEVELS, DONT_KNOW]
    for question in template.of_kind("likert"):
        if question.id not in frame.columns:
            continue
        table = pd.crosstab(frame[VILLAGE], frame[question.id]).reindex(index=list(villages), columns=levels, fill_value=0)
        long = table.stack().rename("count").reset_index()
        long.columns = ["village", "level", "count"]
        long.insert(0, "question", question.id)
        rows.append(long)
    columns = ["question", "village", "level", "count"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


def scale_totals(frame: pd.DataFrame, question_id: str, villages: Sequence[str]) -> pd.DataFrame:
    """Respondents who answered a 0–10 question and the sum of their answers, per village (index)."""
    if question_id not in frame.columns:
        return pd.DataFrame({"n": 0, "total": 0.0}, index=list(villages))
    values = pd.to_numeric(frame[question_id], errors="coerce")
    grouped = values.groupby(frame[VILLAGE])
    out = pd.DataFrame({"n": grouped.count(), "total": grouped.sum()}).reindex(list(villages), fill_value=0)
    out["n"] = out["n"].astype(int)
    return out


def multi_counts(frame: pd.DataFrame, template: Template, question_id: str, villages: Sequence[str]) -> tuple[pd.DataFrame, pd.Series]:
    """A multiple-choice question: choices per option (rows) and village (columns), and who answered it.

    Returns
    -------
    tuple
        ``(counts, answered)``: respondents who chose each option per village; respondents per village who
        chose at least one option (the base of the shares).
    """
    question = template.question(question_id)
    columns = [f"{question_id}:{o.id}" for o in question.options if f"{question_id}:{o.id}" in frame.columns]
    if not columns:
        return pd.DataFrame(0, index=[o.id for o in question.options], columns=list(villages)), pd.Series(0, index=list(villages))
    ticks = frame[columns].apply(pd.to_numeric).fillna(0).astype(int)
    counts = ticks.groupby(frame[VILLAGE]).sum().reindex(list(villages), fill_value=0).T
    counts.index = [c.split(":", 1)[1] for c in columns]
    answered = (ticks.sum(axis=1) > 0).groupby(frame[VILLAGE]).sum().reindex(list(villages), fill_value=0).astype(int)
    return counts, answered


def single_counts(frame: pd.DataFrame, template: Template, question_id: str, villages: Sequence[str]) -> pd.DataFrame:
    """A single-choice question: respondents per option (rows) and village (columns)."""
    options = [o.id for o in template.question(question_id).options]
    if question_id not in frame.columns:
        return pd.DataFrame(0, index=options, columns=list(villages))
    return pd.crosstab(frame[question_id], frame[VILLAGE]).reindex(index=options, columns=list(villages), fill_value=0)


# -- what may be shown -------------------------------------------------------------------------------
_POOLED = "\x00hidden"


def shown_groups(counts: pd.Series, total: bool = True) -> pd.Series:
    """True for each group (village) whose count may be shown, given that the total is shown too.

    A count of 1–4 is hidden ("<5"); with ``total`` a further count is hidden when needed so that no hidden
    count can be worked out from the total (:func:`landsby_utils.privacy.suppress_counts`).
    """
    if counts.empty:
        return pd.Series(dtype=bool)
    table = privacy.suppress_counts(counts.astype(int).reset_index(drop=True), total=total)
    shown = ~table.hidden.iloc[: len(counts), 0].to_numpy()
    return pd.Series(shown, index=counts.index)


def count_marks(counts: pd.Series, total: bool = True, total_label: str = CLUSTER) -> pd.Series:
    """Counts for display and export: the number, ``"<5"`` or ``"×"`` (the total last, when ``total``)."""
    table = privacy.suppress_counts(counts.astype(int).reset_index(drop=True), total=total, total_label=total_label)
    marks = privacy.export_cells(table.values, table.hidden, table.display())
    labels = [*counts.index, total_label] if total else list(counts.index)
    return pd.Series(marks.iloc[:, 0].to_numpy(), index=labels)


def hidden_villages(respondents_per_village: pd.Series) -> dict[str, str]:
    """The villages whose number of respondents is hidden, with their mark (``"<5"`` or ``"×"``).

    These villages stay hidden in every other table of the survey (a question's answers would otherwise
    tell how many answered there, and so the hidden count).
    """
    marks = count_marks(respondents_per_village).drop(CLUSTER)
    return {village: mark for village, mark in marks.items() if isinstance(mark, str)}


def protected_marks(counts: pd.Series, hidden: Mapping[str, str]) -> pd.Series:
    """Counts of one question per village with the cluster total (``"cluster"``), protected twice.

    The villages in ``hidden`` (:func:`hidden_villages`) show their mark whatever their count here, and are
    pooled into one row for the suppression of the others, so that neither the total nor another village
    gives any of them away; the other villages are suppressed as in :func:`count_marks`.
    """
    hidden = {v: m for v, m in hidden.items() if v in counts.index}
    others = counts.drop(list(hidden))
    if hidden:
        others = pd.concat([others, pd.Series({_POOLED: int(counts[list(hidden)].sum())})])
    marks = count_marks(others).drop(_POOLED, errors="ignore")
    for village, mark in hidden.items():
        marks[village] = mark
    return marks.reindex([*counts.index, CLUSTER])


def visible(marks: pd.Series) -> pd.Series:
    """True where a count is shown and positive (only then are its shares and averages shown)."""
    return marks.map(lambda m: not isinstance(m, str) and pd.notna(m) and int(m) > 0).astype(bool)


def likert_shares(counts: pd.DataFrame, question_id: str, villages: Sequence[str], hidden: Mapping[str, str] = {}  # noqa: B006
                  ) -> tuple[pd.DataFrame, pd.Series]:
    """Shares (%) of each level 1–5 among those who answered (not "ved ikke"), per village and for the cluster.

    Returns
    -------
    tuple
        ``(shares, marks)``: rows = villages then ``"cluster"``, columns = levels; NaN where the answers may not
        be shown (:func:`protected_marks`). ``marks``: how many answered, as shown.
    """
    of = counts[(counts["question"] == question_id) & (counts["level"].isin(LIKERT_LEVELS))]
    table = of.pivot_table(index="village", columns="level", values="count", aggfunc="sum", fill_value=0)
    table = table.reindex(index=list(villages), columns=list(LIKERT_LEVELS), fill_value=0)
    answered = table.sum(axis=1)
    marks = protected_marks(answered, hidden)
    table.loc[CLUSTER] = table.sum()
    answered.loc[CLUSTER] = int(answered.sum())
    shares = table.div(answered.replace(0, np.nan), axis=0) * 100
    shares[~visible(marks).reindex(shares.index).to_numpy()] = np.nan
    return shares.mask(_small_levels(table, marks, hidden)), marks


def _small_levels(table: pd.DataFrame, marks: pd.Series, hidden: Mapping[str, str]) -> pd.DataFrame:
    """True for each share that rests on 1–4 answers, or would give one away (secondary suppression).

    A share times the number who answered (which the page shows) is a count, so the level counts are
    protected like any table of counts: 1–4 hidden, and more hidden so that no hidden count follows from a
    row (the village's answers) or a column (the cluster's, the sum of the villages). The villages whose
    respondents are hidden are pooled into one row, as in :func:`protected_marks`. Where the protection
    needs a margin hidden that the page shows anyway, the whole row (or the cluster's share) is hidden.
    """
    villages = [v for v in table.index if v != CLUSTER]
    pooled = [v for v in villages if v in hidden]
    interior = table.loc[[v for v in villages if v not in hidden]].astype(int)
    if pooled:
        interior.loc[_POOLED] = table.loc[pooled].sum().astype(int)
    mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    if interior.empty:
        return mask
    protected = privacy.suppress_table(interior, row_total=True, column_total=True, total_label=CLUSTER)
    cells = protected.hidden
    for row in interior.index:
        if row == _POOLED:
            continue
        mask.loc[row] = cells.loc[row, list(table.columns)].to_numpy() | bool(cells.loc[row, CLUSTER])
    mask.loc[CLUSTER] = cells.loc[CLUSTER, list(table.columns)].to_numpy() | bool(cells.loc[CLUSTER, CLUSTER])
    return mask


def positive_share(shares: pd.DataFrame) -> pd.Series:
    """Share (%) answering "Godt" or "Meget godt" (levels 4 and 5), per row."""
    return shares[["4", "5"]].sum(axis=1, min_count=2)


def option_shares(counts: pd.DataFrame, answered: pd.Series, hidden: Mapping[str, str] = {}) -> pd.DataFrame:  # noqa: B006
    """Shares (%) of a multiple-choice question per option for the cluster and each shown village.

    An option chosen by 1–4 respondents (in a village or in the cluster) is not shown (NaN), nor is a
    village whose number of answers is hidden (:func:`protected_marks`).
    """
    marks = protected_marks(answered, hidden)
    table = counts.copy()
    table[CLUSTER] = counts.sum(axis=1)
    base = answered.copy()
    base.loc[CLUSTER] = int(answered.sum())
    shares = table.div(base.replace(0, np.nan), axis=1) * 100
    shares = shares.mask(table.map(lambda v: privacy.is_small(v)))
    show = visible(marks)
    for column in shares.columns:
        if not show.get(column, False):
            shares[column] = np.nan
    return shares


def mean_scores(totals: pd.DataFrame, hidden: Mapping[str, str] = {}) -> tuple[pd.Series, pd.Series]:  # noqa: B006
    """Average of a 0–10 question per shown village and for the cluster (``"cluster"``), and how many answered (marks)."""
    marks = protected_marks(totals["n"], hidden)
    sums = pd.concat([totals["total"], pd.Series({CLUSTER: float(totals["total"].sum())})])
    n = pd.concat([totals["n"], pd.Series({CLUSTER: int(totals["n"].sum())})])
    means = (sums / n.replace(0, np.nan)).where(visible(marks).reindex(sums.index).to_numpy())
    return means, marks
