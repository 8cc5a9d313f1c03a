"""Back-test of the population page's projection on real parish data (2014 → 2021).

The population page projects with the Hamilton–Perry method (:func:`landsby_utils.population.hamilton_perry`).
Offline, parishes have ages for one year only (SOGN1 2014), so a parish or cluster can be projected only
with its **municipality's** cohort-change ratios (FOLK1B 2009 → 2014). This module checks that method
where the answer is known: every Danish parish is projected from 1 January 2014 with its municipality's
ratios, exactly as the page does, to 2019 and 2024; 2021 is read off the straight line between them;
and the result is compared with the real SOGN1 2021 population (like-for-like for merged parishes).
The "no change" forecast (2021 = 2014) is scored too, so the page can say whether the method helps.

:func:`backtest`, :func:`error_summary` and :func:`summary_figures` are pure. The runs over the bundled snapshot
(:mod:`landsby_utils._derive_backtest`) belong to ``landsby derive``, which stores their result in
``data/snapshot/derived/projection_backtest.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from landsby_utils import population as pop

#: Size bands (persons on 1 January 2014, like-for-like) for the error summary.
SIZE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 249), (250, 499), (500, 999), (1000, 2499), (2500, None))
TOP = 85
JUMP_OFF = 2014
TARGET = 2021


def band_label(low: int, high: int | None, lang: str = "da") -> str:
    """``"250–499"`` or ``"2.500+"`` (Danish thousands) / ``"2,500+"``."""
    sep = "." if lang == "da" else ","
    first, last = f"{low:,}".replace(",", sep), f"{high:,}".replace(",", sep) if high is not None else ""
    return f"{first}+" if high is None else f"{first}–{last}"


def interpolate(frames: list[pd.DataFrame], year: int) -> float:
    """Total persons in ``year`` on the straight line between the projection's 5-year steps."""
    totals = {int(f["year"].iloc[0]): float(f[["men", "women"]].to_numpy().sum()) for f in frames}
    years = sorted(totals)
    return float(np.interp(year, years, [totals[y] for y in years]))


def backtest(bands_2014: Mapping[str, pd.DataFrame], ratios: Mapping[str, pd.DataFrame],
             municipality_of: Mapping[str, str], actual: Mapping[str, int]) -> pd.DataFrame:
    """Project each area from 2014 with its municipality's ratios and compare with the real 2021 figure.

    Parameters
    ----------
    bands_2014 : mapping
        Area code → (band × sex) table of 1 January 2014 (index ``age_from`` 0…85, columns men/women).
    ratios : mapping
        Municipality code → :func:`~landsby_utils.population.cohort_change_ratios` (jump-off 2014).
    municipality_of : mapping
        Area code → municipality code whose ratios are used.
    actual : mapping
        Area code → real population on 1 January 2021.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``persons_2014``, ``projected_2021``, ``actual_2021``, ``error_pct``
        (projected − actual, per cent of actual), ``naive_error_pct`` (2014 − actual, per cent).
    """
    rows = []
    for code, table in bands_2014.items():
        frames = pop.project_bands(table, ratios[municipality_of[code]], JUMP_OFF, 10, TOP)
        projected = interpolate(frames, TARGET)
        start = float(table.to_numpy().sum())
        real = float(actual[code])
        rows.append({"area_code": code, "persons_2014": int(round(start)), "projected_2021": projected,
                     "actual_2021": int(real),
                     "error_pct": (projected - real) / real * 100 if real else np.nan,
                     "naive_error_pct": (start - real) / real * 100 if real else np.nan})
    return pd.DataFrame(rows)


def error_summary(results: pd.DataFrame, lang: str = "da") -> pd.DataFrame:
    """Median absolute per-cent error of the projection and of "no change", by size band.

    Returns
    -------
    pandas.DataFrame
        ``band``, ``low``, ``high``, ``parishes``, ``median_abs_error_pct``, ``p90_abs_error_pct``,
        ``naive_median_abs_error_pct``; a last row ``"alle"``/``"all"`` for every parish.
    """
    out = []
    for low, high in (*SIZE_BANDS, (0, None)):
        inside = results[(results["persons_2014"] >= low) & ((results["persons_2014"] <= high) if high is not None else True)]
        errors = inside["error_pct"].abs().dropna()
        naive = inside["naive_error_pct"].abs().dropna()
        everyone = (low, high) == (0, None)
        out.append({
            "band": ("alle" if lang == "da" else "all") if everyone else band_label(low, high, lang),
            "low": low, "high": high, "parishes": int(len(errors)),
            "median_abs_error_pct": float(errors.median()) if len(errors) else np.nan,
            "p90_abs_error_pct": float(errors.quantile(0.9)) if len(errors) else np.nan,
            "naive_median_abs_error_pct": float(naive.median()) if len(naive) else np.nan,
        })
    frame = pd.DataFrame(out)
    frame["high"] = frame["high"].astype("Int64")
    return frame


def _bands_by_area(ages: pd.DataFrame, members: Mapping[str, list[str]]) -> dict[str, pd.DataFrame]:
    """(band × sex) tables of 2014 for each area from its member 2014 parishes (zero-filled)."""
    pairs = pd.DataFrame([(area, m) for area, group in members.items() for m in group], columns=["area", "parish_code"])
    rows = pairs.merge(ages, on="parish_code")
    rows["age_from"] = (rows["age"] // 5 * 5).clip(upper=TOP)
    summed = rows.groupby(["area", "age_from", "sex"])["persons"].sum().unstack("sex")
    index = range(0, TOP + 1, 5)
    out = {}
    for area, table in summed.groupby(level="area"):
        out[area] = table.droplevel("area").reindex(index=index, columns=["men", "women"]).fillna(0.0).astype("float64")
    return out


def summary_figures(table: pd.DataFrame) -> dict[str, float | int]:
    """Headline figures of the stored back-test table (``_derive_backtest.results_table``) for the page's method note."""
    parishes = table[table["level"] == "parish"]
    municipalities = table[table["level"] == "municipality"]
    summary = error_summary(parishes).set_index("low")
    everyone = summary.iloc[-1]
    return {
        "parishes": int(everyone["parishes"]),
        "median": float(everyone["median_abs_error_pct"]),
        "small": float(summary.iloc[0]["median_abs_error_pct"]),
        "p90": float(everyone["p90_abs_error_pct"]),
        "naive": float(everyone["naive_median_abs_error_pct"]),
        "municipalities": int(len(municipalities)),
        "m_median": float(municipalities["error_pct"].abs().median()),
        "m_naive": float(municipalities["naive_error_pct"].abs().median()),
    }
