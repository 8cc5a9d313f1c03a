"""Who moves: population accounts, rates, comparisons and flows by age (pure functions on frames; no I/O, no HTML).

The inputs are the tidy frames of :mod:`landsby_utils.sources.dst_moves`:
accounts (``municipality_code``, ``year``, ``component``, ``total`` …) and flows
(``year``, ``to_code``, ``from_code``, ``sex``, ``age``, ``moves``). Every figure is
for a **municipality** (or Denmark, the sum of the 99 areas); nothing here is ever
scaled down to villages or parishes.

"Municipalities like it" (:func:`similar_municipalities`): the ``n`` municipalities
nearest to it in (log population, log inhabitants per km²) — size and rurality, two
figures every municipality has in the snapshot (population at the end of the latest
snapshot year, area from the DAGI boundaries). The log scale makes a 10 % difference
count the same for small and large municipalities; the two axes weigh the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from landsby_utils.i18n import fmt_int, fmt_num, t
from landsby_utils.privacy import SuppressedTable, suppress_table

#: The components shown year by year, in order (keys of ``dst_moves.COMPONENTS``).
ACCOUNT_COMPONENTS = ("start", "births", "deaths", "natural_increase", "moves_in", "moves_out", "net_moves",
                      "immigration", "emigration", "net_immigration", "growth", "end")
#: Components turned into rates per 1,000 inhabitants.
RATE_COMPONENTS = ("births", "deaths", "natural_increase", "moves_in", "moves_out", "net_moves",
                   "immigration", "emigration", "net_immigration", "growth")
#: Age bands of the flows: key → (first age, last age).
AGE_BANDS: dict[str, tuple[int, int]] = {
    "0-17": (0, 17), "18-29": (18, 29), "30-44": (30, 44), "45-64": (45, 64), "65+": (65, 200),
}
OTHER, TOTAL = "other", "total"


def account_table(accounts: pd.DataFrame, codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Year-by-year accounts of one municipality, several summed, or Denmark (``codes=None``: all areas).

    Parameters
    ----------
    accounts : pandas.DataFrame
        Tidy BEV107 accounts.
    codes : sequence of str, optional
        4-digit municipality codes to sum; None for every area (Denmark).

    Returns
    -------
    pandas.DataFrame
        Index ``year``; one column per :data:`ACCOUNT_COMPONENTS` (``NaN`` where a year lacks one).
    """
    rows = accounts if codes is None else accounts[accounts["municipality_code"].isin(list(codes))]
    table = rows.pivot_table(index="year", columns="component", values="total", aggfunc="sum")
    return table.reindex(columns=list(ACCOUNT_COMPONENTS)).astype("float64")


def rates_per_1000(table: pd.DataFrame) -> pd.DataFrame:
    """Each component per 1,000 inhabitants of the year's mean population ((start + end) / 2).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`account_table`.

    Returns
    -------
    pandas.DataFrame
        Index ``year``; the :data:`RATE_COMPONENTS` as rates.
    """
    mean = (table["start"] + table["end"]) / 2
    return table[list(RATE_COMPONENTS)].div(mean, axis=0) * 1000


def period_rates(table: pd.DataFrame, first: int, last: int) -> pd.Series:
    """Rates per 1,000 over a period: the summed components over the summed mean populations."""
    part = table.loc[first:last]
    mean = ((part["start"] + part["end"]) / 2).sum()
    return part[list(RATE_COMPONENTS)].sum() / mean * 1000


def similar_municipalities(profile: pd.DataFrame, code: str, n: int = 5) -> pd.DataFrame:
    """The ``n`` municipalities nearest to ``code`` in log population and log density (see the module docstring).

    Parameters
    ----------
    profile : pandas.DataFrame
        ``municipality_code``, ``municipality_name``, ``population``, ``area_km2``.
    code : str
        The municipality.
    n : int
        How many.

    Returns
    -------
    pandas.DataFrame
        The ``n`` nearest rows (not ``code`` itself), with ``density`` and ``distance``, nearest first.
    """
    frame = profile.copy()
    frame["density"] = frame["population"] / frame["area_km2"]
    frame = frame[(frame["population"] > 0) & (frame["area_km2"] > 0)]
    me = frame[frame["municipality_code"] == code].iloc[0]
    frame["distance"] = np.hypot(np.log(frame["population"] / me["population"]), np.log(frame["density"] / me["density"]))
    others = frame[frame["municipality_code"] != code].sort_values(["distance", "municipality_code"])
    return others.head(n).reset_index(drop=True)


def age_band(age: pd.Series) -> pd.Series:
    """The :data:`AGE_BANDS` key of each single year of age."""
    edges = [low for low, _ in AGE_BANDS.values()] + [10_000]
    return pd.cut(age, bins=edges, right=False, labels=list(AGE_BANDS)).astype("str")


def _in_out(flows: pd.DataFrame, code: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = flows[(flows["year"] == year) & (flows["to_code"] != flows["from_code"])]
    return rows[rows["to_code"] == code], rows[rows["from_code"] == code]


def net_by_age_band(flows: pd.DataFrame, code: str, year: int) -> pd.DataFrame:
    """Moves in, out and net per age band for one municipality and year.

    Returns
    -------
    pandas.DataFrame
        Index: the :data:`AGE_BANDS` keys; columns ``moves_in``, ``moves_out``, ``net`` (int).
    """
    into, out = _in_out(flows, code, year)
    frame = pd.DataFrame({
        "moves_in": into.groupby(age_band(into["age"]))["moves"].sum(),
        "moves_out": out.groupby(age_band(out["age"]))["moves"].sum(),
    }).reindex(list(AGE_BANDS)).fillna(0).astype("int64")
    frame["net"] = frame["moves_in"] - frame["moves_out"]
    return frame


def partners(flows: pd.DataFrame, code: str, year: int, band: str | None = None, top: int = 10) -> pd.DataFrame:
    """Moves in from and out to every other municipality (optionally one age band); the ``top`` by in + out, the rest as ``other``.

    Returns
    -------
    pandas.DataFrame
        Index: partner codes (largest in + out first, then :data:`OTHER`); columns ``moves_in``,
        ``moves_out`` (int). Their column sums are the municipality's totals for the band.
    """
    into, out = _in_out(flows, code, year)
    if band is not None:
        into, out = into[age_band(into["age"]) == band], out[age_band(out["age"]) == band]
    frame = pd.DataFrame({
        "moves_in": into.groupby("from_code")["moves"].sum(),
        "moves_out": out.groupby("to_code")["moves"].sum(),
    }).fillna(0).astype("int64")
    frame = frame[(frame["moves_in"] + frame["moves_out"]) > 0]
    frame = frame.assign(gross=frame.sum(axis=1)).sort_values(["gross"], ascending=False, kind="stable")
    head, rest = frame.iloc[:top], frame.iloc[top:]
    head = head.drop(columns="gross")
    if len(rest):
        head.loc[OTHER] = rest[["moves_in", "moves_out"]].sum()
    return head.astype("int64")


def protect(table: pd.DataFrame) -> tuple[SuppressedTable, pd.Series]:
    """Suppress 1–4 moves in a table of ``moves_in``/``moves_out`` shown with its column totals, and its net.

    The net (in − out) is shown only where both are shown, so it never reveals a hidden cell.

    Returns
    -------
    tuple
        The :class:`~landsby_utils.privacy.SuppressedTable` (with a :data:`TOTAL` row) and the net per row
        (``<NA>`` where hidden).
    """
    suppressed = suppress_table(table[["moves_in", "moves_out"]], row_total=False, column_total=True, total_label=TOTAL)
    masked = suppressed.masked()
    net = (masked["moves_in"] - masked["moves_out"]).astype("Int64")
    return suppressed, net


# --- sentences ---------------------------------------------------------------------------------


def _who(band: str, lang: str) -> str:
    return t(f"mv_who_{band.replace('-', '_').replace('+', 'plus')}", lang)


def flow_sentences(protected: SuppressedTable, net: pd.Series, year: int, lang: str = "da") -> list[str]:
    """Sentences that read a year's moves by age band, from the protected table of :func:`protect`.

    Only shown cells are read (a band whose net is hidden is never named), e.g.
    "Flere flytter fra end til kommunen; især de 18–29-årige: 498 flere flyttede fra end til i 2024."

    Parameters
    ----------
    protected : SuppressedTable
        In/out per age band with a :data:`TOTAL` row (:func:`protect` of :func:`net_by_age_band`).
    net : pandas.Series
        The net per row (``<NA>`` where hidden).
    year : int
        The year of the moves.
    lang : {"da", "en"}
        Language.
    """
    total = protected.masked().loc[TOTAL]
    if total.isna().any():
        return []
    into, out = int(total["moves_in"]), int(total["moves_out"])
    lines = [t("mv_total_sentence", lang, moves_in=fmt_int(into, lang), moves_out=fmt_int(out, lang), year=year,
               net=_signed(into - out, lang))]
    bands = net.drop(index=TOTAL).dropna().astype("int64")
    if into == out or bands.empty:
        return lines
    direction = "out" if into < out else "in"
    band = bands.idxmin() if direction == "out" else bands.idxmax()
    size = int(bands.loc[band])
    if (size < 0) == (direction == "out") and size != 0:
        lines.append(t(f"mv_mostly_{direction}", lang, who=_who(band, lang), n=fmt_int(abs(size), lang), year=year))
    opposite = bands[(bands > 0) if direction == "out" else (bands < 0)]
    if len(opposite):
        other = opposite.abs().idxmax()
        lines.append(t(f"mv_but_{'in' if direction == 'out' else 'out'}", lang, who=_who(other, lang),
                       n=fmt_int(abs(int(opposite.loc[other])), lang)))
    return lines


def account_sentences(mine: pd.DataFrame, first: int, last: int, denmark: pd.Series, similar: pd.Series | None = None,
                      lang: str = "da") -> list[str]:
    """Sentences that read a municipality's accounts over ``first``–``last`` against Denmark and similar municipalities.

    Parameters
    ----------
    mine : pandas.DataFrame
        :func:`account_table` of the municipality.
    first, last : int
        The period.
    denmark, similar : pandas.Series
        :func:`period_rates` of Denmark and of the similar municipalities (summed) over the same period.
        Net moves between municipalities are 0 for Denmark as a whole, so Denmark is compared on growth.
    """
    part = mine.loc[first:last]
    values = {k: int(part[c].sum()) for k, c in (("net", "net_moves"), ("natural", "natural_increase"),
                                                   ("abroad", "net_immigration"))}
    lines = [t("mv_period_sentence", lang, first=first, last=last, **{k: _signed(v, lang) for k, v in values.items()})]
    rates = period_rates(mine, first, last)
    lines.append(t("mv_growth_sentence", lang, mine=_rate(rates["growth"], lang), other=_rate(denmark["growth"], lang),
                   first=first, last=last))
    if similar is not None:
        lines.append(t("mv_similar_sentence", lang, mine=_rate(rates["net_moves"], lang),
                       other=_rate(similar["net_moves"], lang), first=first, last=last))
    return lines


def _signed(value: int, lang: str) -> str:
    return ("−" + fmt_int(-value, lang)) if value < 0 else ("+" + fmt_int(value, lang) if value > 0 else "0")


def _rate(value: float, lang: str) -> str:
    if value is None or math.isnan(value):
        return ".."
    text = fmt_num(abs(value), 1, lang)
    return ("−" if value < 0 else "+" if value > 0 else "") + text


# --- parishes (KMSTA003) ---------------------------------------------------------------------


def parish_tables(vitals: pd.DataFrame, parish_codes: Sequence[str]) -> dict[int, SuppressedTable]:
    """Per year, births, deaths and moves per parish with the parishes' total, counts of 1–4 suppressed.

    Parameters
    ----------
    vitals : pandas.DataFrame
        :func:`landsby_utils.sources.dst_parish_moves.parish_vitals` (``parish_code``, ``year``,
        ``component``, ``persons``).
    parish_codes : sequence of str
        The parishes, in the order the rows are shown.

    Returns
    -------
    dict of int to SuppressedTable
        Year → table (rows: parish codes, then :data:`TOTAL`; columns: the components present),
        with primary and secondary suppression (:func:`landsby_utils.privacy.suppress_table`).
    """
    from landsby_utils.sources.dst_parish_moves import ORDER

    out = {}
    for year, rows in vitals.groupby("year"):
        wide = rows.drop_duplicates(["parish_code", "component"]).set_index(["parish_code", "component"])["persons"].unstack()
        wide = wide.reindex(index=[c for c in parish_codes if c in wide.index],
                            columns=[c for c in ORDER if c in wide.columns])
        if wide.empty:
            continue
        out[int(year)] = suppress_table(wide.astype("Float64"), row_total=False, column_total=True, total_label=TOTAL)
    return out
