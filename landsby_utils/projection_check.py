"""Back-test of the population page's projection on real parish data (2014 → 2021).

The population page projects with the Hamilton–Perry method (:func:`landsby_utils.population.hamilton_perry`).
Offline, parishes have ages for one year only (SOGN1 2014), so a parish or cluster can be projected only
with its **municipality's** cohort-change ratios (FOLK1B 2009 → 2014). This module checks that method
where the answer is known: every Danish parish is projected from 1 January 2014 with its municipality's
ratios, exactly as the page does, to 2019 and 2024; 2021 is read off the straight line between them;
and the result is compared with the real SOGN1 2021 population (like-for-like for merged parishes).
The "no change" forecast (2021 = 2014) is scored too, so the page can say whether the method helps.

:func:`backtest` and :func:`error_summary` are pure; :func:`national_backtest` reads the bundled snapshot
and is run by ``landsby derive``, which stores its result in ``data/snapshot/derived/projection_backtest.csv``.
"""

from __future__ import annotations

import warnings
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


def national_backtest() -> pd.DataFrame:
    """Run :func:`backtest` for every comparable parish in Denmark from the bundled snapshot.

    Each 2021 parish is projected from its like-for-like 2014 population with the ratios of the first
    municipality its Statistics Denmark label names; parishes whose area changed in a way no sum of
    2014 parishes can follow (splits, a parish that gave up area) are left out.

    Returns
    -------
    pandas.DataFrame
        :func:`backtest`'s columns plus ``parish_name`` and ``municipality_code``.
    """
    from landsby_utils.sources import dst_snapshot, statbank

    table = dst_snapshot.parish_table()
    current = table[table["population_2021"].notna() & table["comparable"].astype(bool)]
    members = {code: ([code] if pd.notna(row.population_2014) else []) + [p for p in row.predecessors_2014.split(";") if p]
               for code, row in current.iterrows()}
    ages = dst_snapshot._ages_2014()
    bands = _bands_by_area(ages, members)
    municipality_of = {code: row.municipality_codes.split(";")[0] for code, row in current.iterrows() if code in bands}
    context = pop.annual(statbank.folk1b_from_snapshot())
    ratios = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for code in sorted(set(municipality_of.values())):
            area = context[context["area_code"] == code[-3:]]
            ratios[code] = pop.cohort_change_ratios(area, JUMP_OFF, TOP)
    results = backtest(bands, ratios, municipality_of, current["population_2021"].astype(int).to_dict())
    results.insert(1, "parish_name", results["area_code"].map(table["parish_name"]))
    results.insert(2, "municipality_code", results["area_code"].map(municipality_of))
    return results


def municipal_backtest() -> pd.DataFrame:
    """The municipality projection the page shows, back-tested: each municipality projected from 2014
    with its own ratios (FOLK1B 2009 → 2014) and compared with FOLK1A on 1 January 2021.

    Returns
    -------
    pandas.DataFrame
        :func:`backtest`'s columns plus ``area_name``.
    """
    from landsby_utils.sources import dst_snapshot, statbank

    context = pop.annual(statbank.folk1b_from_snapshot())
    actual = dst_snapshot._municipal_2021().set_index("municipality_code")["population"]
    bands, ratios, names = {}, {}, {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for code in actual.index:
            area = context[context["area_code"] == code[-3:]]
            if area.empty:  # Christiansø is not in FOLK1B's municipality list
                continue
            ratios[code] = pop.cohort_change_ratios(area, JUMP_OFF, TOP)
            bands[code] = pop._banded_by_sex(area, JUMP_OFF, TOP)
            names[code] = str(area["area_name"].iloc[0])
    results = backtest(bands, ratios, {c: c for c in bands}, actual.astype(int).to_dict())
    results.insert(1, "area_name", results["area_code"].map(names))
    return results


def results_table() -> pd.DataFrame:
    """Both back-tests in one table (``level`` ``"parish"`` or ``"municipality"``), as ``landsby derive`` stores it."""
    parishes = national_backtest().rename(columns={"parish_name": "area_name"}).assign(level="parish")
    municipalities = municipal_backtest().assign(level="municipality", municipality_code=lambda f: f["area_code"])
    columns = ["level", "area_code", "area_name", "municipality_code", "persons_2014", "projected_2021", "actual_2021",
               "error_pct", "naive_error_pct"]
    table = pd.concat([parishes[columns], municipalities[columns]], ignore_index=True)
    for column in ("projected_2021", "error_pct", "naive_error_pct"):
        table[column] = table[column].round(3)
    return table


def summary_figures(table: pd.DataFrame) -> dict[str, float | int]:
    """Headline figures of :func:`results_table` for the page's method note (see ``backtest_summary``)."""
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


def derive_backtest() -> list:
    """Write ``projection_backtest.csv`` (atomically) for ``landsby derive``."""
    from landsby_utils import settings
    from landsby_utils._derive import _write_atomic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = results_table()
    _write_atomic(settings.BACKTEST_CSV, table.to_csv(index=False, lineterminator="\n"))
    return [settings.BACKTEST_CSV]
