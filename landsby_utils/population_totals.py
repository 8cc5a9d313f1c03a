"""Tidy population frames: age labels and groups, checks, annual series, cluster sums, totals and change.

The part of :mod:`landsby_utils.population` every other population analysis builds on
(:mod:`landsby_utils.population_ages`, :mod:`landsby_utils.population_projection`).
Pure functions: frames in, new frames out.
"""


from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landsby_utils._errors import InvalidArgumentError
from landsby_utils.i18n import t

#: Columns every tidy population frame has.
TIDY_COLUMNS: tuple[str, ...] = ("area_code", "area_name", "level", "sex", "age", "age_from", "period", "date", "persons")
_AREA_KEYS = ["area_code", "area_name", "level"]


@dataclass(frozen=True)
class AgeGroup:
    """An age group: ages ``low`` to ``high`` inclusive (``high`` None = open-ended).

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"6-16"``.
    low, high : int, int or None
        First and last age in the group.
    name_da, name_en : str
        What the group is (``"skolealder"``); may be empty.
    """

    key: str
    low: int
    high: int | None
    name_da: str = ""
    name_en: str = ""

    def ages(self, lang: str = "da") -> str:
        """The ages as text: ``"6–16 år"`` / ``"80 år og derover"`` (``"6–16 years"`` in English)."""
        if self.high is None:
            return t("age_and_over", lang, low=self.low)
        return t("age_range", lang, low=self.low, high=self.high)

    def label(self, lang: str = "da") -> str:
        """Ages and name: ``"6–16 år (skolealder)"``."""
        name = self.name_en if lang == "en" else self.name_da
        return f"{self.ages(lang)} ({name})" if name else self.ages(lang)


#: The datapakke's age groups (single-year ages needed).
AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("0-5", 0, 5, "dagtilbud", "daycare"),
    AgeGroup("6-16", 6, 16, "skolealder", "school age"),
    AgeGroup("17-24", 17, 24, "unge", "young people"),
    AgeGroup("25-39", 25, 39),
    AgeGroup("40-64", 40, 64),
    AgeGroup("65-79", 65, 79),
    AgeGroup("80+", 80, None),
)

#: The same groups as far as 5-year bands allow (FOLK1B); see the module docstring.
BAND_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("0-4", 0, 4, "småbørn", "young children"),
    AgeGroup("5-14", 5, 14, "omtrent skolealder", "about school age"),
    AgeGroup("15-24", 15, 24, "unge", "young people"),
    AgeGroup("25-39", 25, 39),
    AgeGroup("40-64", 40, 64),
    AgeGroup("65-79", 65, 79),
    AgeGroup("80+", 80, None),
)

#: Which band group stands in for which datapakke group.
BAND_FOR_GROUP: dict[str, str] = dict(zip((g.key for g in AGE_GROUPS), (g.key for g in BAND_GROUPS), strict=True))


# --- helpers ----------------------------------------------------------------------------


def age_bounds(age: str) -> tuple[int, int | None]:
    """First and last age of an age label (``"37"``, ``"0-4"``, ``"100+"``; ``"total"`` → ``(-1, -1)``).

    Parameters
    ----------
    age : str
        An ``age`` value of a tidy population frame.

    Returns
    -------
    tuple
        ``(low, high)``; ``high`` is None for an open-ended band.

    Raises
    ------
    InvalidArgumentError
        For a label in none of those forms.
    """
    text = str(age).strip()
    if text == "total":
        return -1, -1
    if m := re.fullmatch(r"(\d+)", text):
        return int(m[1]), int(m[1])
    if m := re.fullmatch(r"(\d+)-(\d+)", text):
        return int(m[1]), int(m[2])
    if m := re.fullmatch(r"(\d+)\+", text):
        return int(m[1]), None
    raise InvalidArgumentError(f"age label {age!r} is not 'total', 'N', 'N-M' or 'N+'", f"Alderen {age!r} kan ikke læses")


def _check_frame(frame: pd.DataFrame, name: str = "frame") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise InvalidArgumentError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}",
                                   "Befolkningstallene har ikke den rigtige form")
    missing = [c for c in TIDY_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidArgumentError(
            f"{name} lacks the tidy population columns {missing}",
            f"Befolkningstallene mangler kolonnerne {', '.join(missing)}",
        )
    if frame.empty:
        raise InvalidArgumentError(f"{name} has no rows", "Der er ingen befolkningstal at regne på")


def _finish(result: pd.DataFrame, source: pd.DataFrame) -> pd.DataFrame:
    """Reset the index and carry the source's provenance over."""
    result = result.reset_index(drop=True)
    result.attrs = {k: v for k, v in source.attrs.items() if k == "provenance"}
    return result


def _sum_strict(frame: pd.DataFrame, keys: list[str], value: str = "persons") -> pd.DataFrame:
    """Group sums that are missing (NA) when any summed cell is missing (DST ``..``)."""
    grouped = frame.groupby(keys, as_index=False, sort=False, dropna=False)
    sums = grouped[value].sum(min_count=1)
    flags = frame[keys].assign(_missing=frame[value].isna().to_numpy())
    missing = flags.groupby(keys, as_index=False, sort=False, dropna=False)["_missing"].any()["_missing"].to_numpy()
    sums[value] = sums[value].astype("Float64").mask(missing)
    return sums


def annual(frame: pd.DataFrame) -> pd.DataFrame:
    """The 1 January rows of a tidy frame (quarterly KM1/FOLK1 frames keep their first quarter), with ``year``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows.

    Returns
    -------
    pandas.DataFrame
        A new frame with the rows dated 1 January and an added ``year`` column.
    """
    _check_frame(frame)
    dates = pd.to_datetime(frame["date"])
    result = frame[(dates.dt.month == 1) & (dates.dt.day == 1)].copy()
    result["year"] = pd.to_datetime(result["date"]).dt.year.astype("int64")
    if result.empty:
        raise InvalidArgumentError("frame has no rows dated 1 January", "Der er ingen tal for 1. januar i befolkningstallene")
    return _finish(result, frame)


def years_in(frame: pd.DataFrame) -> list[int]:
    """The years (1 January) a tidy frame covers, ascending."""
    return sorted(set(annual(frame)["year"]))


def age_years(frame: pd.DataFrame) -> list[int]:
    """The years (1 January) for which a tidy frame has figures by age, ascending.

    Parish figures may have ages in some years only (the bundled SOGN1 snapshot: 2014 by age,
    2021 totals); age analyses use these years, totals use :func:`years_in`.
    """
    yearly = annual(frame)
    return sorted(set(yearly.loc[yearly["age_from"] >= 0, "year"]))


def horizons_for(frame: pd.DataFrame, preferred: Sequence[int] = (10, 5, 1)) -> tuple[int, ...]:
    """The preferred change horizons the frame's years allow, else the span from its first to its last year.

    Yearly series (FOLK1A, live SOGN1) give 10, 5 and 1 years; two census-like years (2014 and
    2021) give the one 7-year span.
    """
    years = years_in(frame)
    end = years[-1]
    usable = tuple(h for h in preferred if end - h in years)
    return usable or ((end - years[0],) if len(years) > 1 else ())


def _check_year(year: int, available: Sequence[int], what: str = "year") -> int:
    if year is None or isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InvalidArgumentError(f"{what} must be a whole year, not {year!r}", f"Året skal være et helt årstal, ikke {year!r}")
    if int(year) not in set(available):
        span = f"{min(available)}–{max(available)}" if available else "–"
        raise InvalidArgumentError(
            f"{what} {year} is outside the data (years {span})",
            f"Der er ingen befolkningstal for {year}; tallene dækker {span}",
        )
    return int(year)


def has_single_years(frame: pd.DataFrame) -> bool:
    """True when the frame's ages are single years (SOGN1, BY1, FOLK1A), False for bands (FOLK1B)."""
    _check_frame(frame)
    ages = frame.loc[frame["age_from"] >= 0, "age"].drop_duplicates()
    bounds = [age_bounds(a) for a in ages]
    return bool(bounds) and all(high == low for low, high in bounds if high is not None)


# --- totals, cluster sums, change ---------------------------------------------------------


def cluster_population(
    frame: pd.DataFrame,
    area_codes: Iterable[str] | None = None,
    code: str = "cluster",
    name: str = "Klyngen",
    level: str = "cluster",
) -> pd.DataFrame:
    """Sum the populations of a cluster's parishes (or urban areas) into one area.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy rows for the member areas (e.g. :func:`~landsby_utils.sources.statbank.sogn1`).
    area_codes : iterable of str, optional
        The members to sum (default: every area in ``frame``).
    code, name, level : str
        ``area_code``, ``area_name`` and ``level`` of the result.

    Returns
    -------
    pandas.DataFrame
        Tidy rows (same sex and age breakdown) for the summed area. Periods in
        which a member is missing are dropped (with a warning) rather than
        summed too low; a cell is missing (NA) when a summed cell is missing.

    Raises
    ------
    InvalidArgumentError
        If no member is given or a member is not in ``frame`` at all.
    """
    _check_frame(frame)
    if isinstance(area_codes, str):
        area_codes = [area_codes]
    members = list(dict.fromkeys(str(c) for c in (area_codes if area_codes is not None else frame["area_code"])))
    if not members:
        raise InvalidArgumentError("area_codes is empty", "Der er ikke valgt nogen områder")
    unknown = [c for c in members if c not in set(frame["area_code"])]
    if unknown:
        raise InvalidArgumentError(
            f"area codes {unknown} are not in the population data",
            f"Der er ingen befolkningstal for områdekode {', '.join(unknown)}",
        )
    rows = frame[frame["area_code"].isin(members)]
    present = rows.groupby("period")["area_code"].nunique()
    incomplete = sorted(present[present < len(members)].index)
    if incomplete:
        warnings.warn(
            f"periods {incomplete} lack some of the areas {members}; they are left out",
            stacklevel=2,
        )
        rows = rows[~rows["period"].isin(incomplete)]
    summed = _sum_strict(rows, ["sex", "age", "age_from", "period", "date"])
    summed.insert(0, "level", level)
    summed.insert(0, "area_name", name)
    summed.insert(0, "area_code", code)
    summed["persons"] = summed["persons"].round().astype("Int64")
    return _finish(summed[list(TIDY_COLUMNS)], frame)


def totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Total population (all ages, both sexes) of each area on 1 January of each year.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``year``, ``date``, ``persons``,
        sorted by area (in the input's order) and year.
    """
    yearly = annual(frame)
    rows = yearly[(yearly["sex"] == "total") & (yearly["age"] == "total")]
    if rows.empty:
        raise InvalidArgumentError("frame has no total rows (sex and age 'total')", "Der er ingen samlede befolkningstal")
    order = {c: i for i, c in enumerate(dict.fromkeys(frame["area_code"]))}
    result = rows[[*_AREA_KEYS, "year", "date", "persons"]].sort_values(
        ["area_code", "year"], key=lambda s: s.map(order) if s.name == "area_code" else s
    )
    return _finish(result, frame)


def population_change(frame: pd.DataFrame, horizons: Sequence[int] = (1, 5, 10), end_year: int | None = None) -> pd.DataFrame:
    """Change in persons and per cent over 1, 5 and 10 years (or other horizons) up to ``end_year``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows.
    horizons : sequence of int, default (1, 5, 10)
        Years back from ``end_year``.
    end_year : int, optional
        Last year (default: the latest year in the data).

    Returns
    -------
    pandas.DataFrame
        One row per area and horizon: ``area_code``, ``area_name``, ``level``,
        ``horizon``, ``start_year``, ``end_year``, ``start_persons``,
        ``end_persons``, ``change``, ``change_pct``. Horizons reaching before
        the data are left out with a warning.

    Raises
    ------
    InvalidArgumentError
        If ``end_year`` is outside the data or a horizon is not a positive whole number.
    """
    table = totals(frame)
    available = sorted(set(table["year"]))
    end = available[-1] if end_year is None else _check_year(end_year, available, "end_year")
    rows = []
    for horizon in horizons:
        if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon <= 0:
            raise InvalidArgumentError(f"horizon {horizon!r} must be a positive whole number of years",
                                       f"Perioden {horizon!r} skal være et positivt antal år")
        start = end - int(horizon)
        if start not in available:
            warnings.warn(f"no data for {start} ({horizon} years before {end}); that horizon is left out", stacklevel=2)
            continue
        for code, group in table.groupby("area_code", sort=False):
            by_year = group.set_index("year")["persons"]
            first, last = by_year.get(start), by_year.get(end)
            if first is None or last is None or pd.isna(first) or pd.isna(last):
                continue
            change = int(last) - int(first)
            rows.append({
                "area_code": code, "area_name": group["area_name"].iloc[0], "level": group["level"].iloc[0],
                "horizon": int(horizon), "start_year": start, "end_year": end,
                "start_persons": int(first), "end_persons": int(last), "change": change,
                "change_pct": change / int(first) * 100 if int(first) else float("nan"),
            })
    columns = [*_AREA_KEYS, "horizon", "start_year", "end_year", "start_persons", "end_persons", "change", "change_pct"]
    return _finish(pd.DataFrame(rows, columns=columns), frame)


# --- age ----------------------------------------------------------------------------------
