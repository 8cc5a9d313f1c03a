"""Population analyses: totals, change, age groups, pyramids, dependency, index series, projection.

Every function is pure: a tidy population frame in (the columns documented in
:mod:`landsby_utils.sources.statbank`: ``area_code``, ``area_name``, ``level``,
``sex``, ``age``, ``age_from``, ``period``, ``date``, ``persons``), a new frame out;
the input is never changed. The functions work on municipalities, regions and
Denmark (FOLK1A/FOLK1B, 5-year age bands) and on parishes, urban areas and
clusters (SOGN1/BY1, single-year ages) alike.

Age groups
----------
The datapakke's age groups are 0–5 (dagtilbud), 6–16 (skolealder), 17–24, 25–39,
40–64, 65–79 and 80+ (:data:`AGE_GROUPS`). They need single-year ages (SOGN1,
BY1, FOLK1A). FOLK1B has 5-year bands only, so for such frames the groups are
the bands that fit (:data:`BAND_GROUPS`): 0–4, 5–14, 15–24, 25–39, 40–64, 65–79
and 80+. The last four are identical in both schemes; the first three are
shifted by one year (0–4 instead of 0–5, 5–14 instead of 6–16, 15–24 instead of
17–24). Nothing is apportioned: every figure is a sum of published cells, and
each group carries the ages it really covers (``age_low``, ``age_high``) and
whether it is the exact datapakke group (``exact``).

Projection
----------
:func:`hamilton_perry` projects 5-year age bands by sex with the Hamilton–Perry
cohort-change-ratio method (Hamilton & Perry 1962; Swanson, Schlottmann &
Schmidt 2010, *Population Research and Policy Review* 29:47–63). It needs only
the age structure at two dates five years apart:

* cohort-change ratio ``CCR[s, a] = P[s, a, t] / P[s, a-5, t-5]`` for bands
  ``a`` from 5–9 up to the open band (which takes the two oldest bands of ``t-5``);
* child–woman ratio ``CWR[s] = P[s, 0-4, t] / W[15-49, t]`` for the youngest band;
* each 5-year step: ``P[s, a, t+5] = CCR[s, a] * P[s, a-5, t]`` and
  ``P[s, 0-4, t+5] = CWR[s] * W[15-49, t+5]``.

Assumption: births, deaths and migration keep the age pattern of the last five
years. The method says nothing about new housing, a school closing or a new
employer. :func:`projection_range` applies the ratios of two areas (the cluster's
own and its municipality's) to the same jump-off population, which gives a range,
not a forecast.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
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


def _group_of(low: int, high: int | None, groups: Sequence[AgeGroup]) -> AgeGroup | None:
    """The group that fully contains ages low..high, or None."""
    for group in groups:
        top = group.high if group.high is not None else 10_000
        if low >= group.low and (high if high is not None else 10_000) <= top:
            return group
    return None


def age_groups(frame: pd.DataFrame, scheme: str = "auto", sex: str = "total") -> pd.DataFrame:
    """Persons per age group, area and year.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows.
    scheme : {"auto", "exact", "bands"}
        ``"exact"``: the datapakke groups (:data:`AGE_GROUPS`; needs single-year
        ages). ``"bands"``: the 5-year-band groups (:data:`BAND_GROUPS`), which
        any frame supports, so areas can be compared. ``"auto"``: exact when the
        frame has single-year ages, else bands.
    sex : {"total", "men", "women"}
        Which sex.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``year``, ``group``,
        ``age_low``, ``age_high`` (NA for the open group), ``exact``,
        ``persons``. The groups of an area and year sum to its total.

    Raises
    ------
    InvalidArgumentError
        For an unknown scheme or sex, ``"exact"`` on 5-year bands, or an age
        band that straddles two groups.
    """
    if scheme not in ("auto", "exact", "bands"):
        raise InvalidArgumentError(f"scheme {scheme!r} is not 'auto', 'exact' or 'bands'", f"Ukendt aldersinddeling {scheme!r}")
    if sex not in ("total", "men", "women"):
        raise InvalidArgumentError(f"sex {sex!r} is not 'total', 'men' or 'women'", f"Ukendt køn {sex!r}")
    single = has_single_years(frame)
    if scheme == "exact" and not single:
        raise InvalidArgumentError(
            "the exact age groups need single-year ages; this frame has 5-year bands (use scheme='bands')",
            "Aldersgrupperne 0–5, 6–16 og 17–24 år kræver tal for hvert alderstrin; her findes kun 5-årsgrupper",
        )
    groups = AGE_GROUPS if (scheme == "exact" or (scheme == "auto" and single)) else BAND_GROUPS
    yearly = annual(frame)
    rows = yearly[(yearly["sex"] == sex) & (yearly["age_from"] >= 0)].copy()
    if rows.empty:
        raise InvalidArgumentError(f"frame has no age rows for sex {sex!r}", "Der er ingen tal fordelt på alder")
    lookup = {}
    for age in rows["age"].drop_duplicates():
        low, high = age_bounds(age)
        group = _group_of(low, high, groups)
        if group is None:
            raise InvalidArgumentError(f"age band {age!r} straddles two age groups", f"Aldersgruppen {age} passer ikke i inddelingen")
        lookup[age] = group.key
    rows["group"] = rows["age"].map(lookup)
    summed = _sum_strict(rows, [*_AREA_KEYS, "year", "group"])
    order = {g.key: i for i, g in enumerate(groups)}
    area_order = {c: i for i, c in enumerate(dict.fromkeys(frame["area_code"]))}
    summed = summed.assign(_a=summed["area_code"].map(area_order), _g=summed["group"].map(order))
    summed = summed.sort_values(["_a", "year", "_g"]).drop(columns=["_a", "_g"])
    by_key = {g.key: g for g in groups}
    summed["age_low"] = summed["group"].map(lambda k: by_key[k].low).astype("int64")
    summed["age_high"] = summed["group"].map(lambda k: by_key[k].high).astype("Int64")
    summed["exact"] = groups is AGE_GROUPS
    summed["persons"] = summed["persons"].round().astype("Int64")
    return _finish(summed[[*_AREA_KEYS, "year", "group", "age_low", "age_high", "exact", "persons"]], frame)


def group_by_key(key: str) -> AgeGroup:
    """The :class:`AgeGroup` with this key (from either scheme)."""
    for group in (*AGE_GROUPS, *BAND_GROUPS):
        if group.key == key:
            return group
    raise InvalidArgumentError(f"no age group {key!r}", f"Ingen aldersgruppe hedder {key!r}")


def age_group_change(frame: pd.DataFrame, start_year: int, end_year: int, scheme: str = "auto") -> pd.DataFrame:
    """Persons per age group in two years, with the change in persons and per cent.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows.
    start_year, end_year : int
        The two years compared (both must be in the data).
    scheme : {"auto", "exact", "bands"}
        See :func:`age_groups`.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``group``, ``age_low``,
        ``age_high``, ``exact``, ``start``, ``end``, ``change``, ``change_pct``.

    Raises
    ------
    InvalidArgumentError
        If a year is outside the data or ``start_year`` is not before ``end_year``.
    """
    groups = age_groups(frame, scheme)
    available = sorted(set(groups["year"]))
    start = _check_year(start_year, available, "start_year")
    end = _check_year(end_year, available, "end_year")
    if start >= end:
        raise InvalidArgumentError(f"start_year {start} must be before end_year {end}", f"Startåret {start} skal ligge før slutåret {end}")
    keys = [*_AREA_KEYS, "group", "age_low", "age_high", "exact"]
    first = groups[groups["year"] == start][[*keys, "persons"]].rename(columns={"persons": "start"})
    last = groups[groups["year"] == end][[*keys, "persons"]].rename(columns={"persons": "end"})
    result = first.merge(last, on=keys, how="left", sort=False)
    result["change"] = (result["end"] - result["start"]).astype("Int64")
    base = result["start"].astype("Float64")
    result["change_pct"] = (result["change"].astype("Float64") / base.where(base != 0) * 100).astype("Float64")
    result = _finish(result, frame)
    result.attrs.update(start_year=start, end_year=end)
    return result


def five_year_bands(frame: pd.DataFrame, top: int = 85) -> pd.DataFrame:
    """Re-band ages into 5-year bands ``0-4`` … with one open band ``top+``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy rows with single-year ages or 5-year bands (totals are kept).
    top : int, default 85
        Start of the open band (a multiple of 5).

    Returns
    -------
    pandas.DataFrame
        A new tidy frame with banded ages; band sums are NA when a summed cell is.

    Raises
    ------
    InvalidArgumentError
        If ``top`` is not a positive multiple of 5, or an age band crosses a 5-year boundary.
    """
    _check_frame(frame)
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top <= 0 or top % 5:
        raise InvalidArgumentError(f"top {top!r} must be a positive multiple of 5", "Den øverste aldersgruppe skal starte ved et multiplum af 5")
    aged = frame[frame["age_from"] >= 0].copy()
    labels = {}
    for age in aged["age"].drop_duplicates():
        low, high = age_bounds(age)
        start = min(low // 5 * 5, top)
        if start < top and (high is None or high > start + 4):
            raise InvalidArgumentError(f"age band {age!r} crosses a 5-year boundary", f"Aldersgruppen {age} kan ikke deles i 5-årsgrupper")
        labels[age] = (f"{top}+", top) if start >= top else (f"{start}-{start + 4}", start)
    aged["age"], aged["age_from"] = aged["age"].map(lambda a: labels[a][0]), aged["age"].map(lambda a: labels[a][1]).astype("int64")
    bands = _sum_strict(aged, [*_AREA_KEYS, "sex", "age", "age_from", "period", "date"])
    bands["persons"] = bands["persons"].round().astype("Int64")
    result = pd.concat([frame[frame["age_from"] < 0][list(TIDY_COLUMNS)], bands[list(TIDY_COLUMNS)]], ignore_index=True)
    result = result.sort_values(["area_code", "sex", "age_from", "period"], kind="stable")
    return _finish(result, frame)


def age_pyramid(frame: pd.DataFrame, year: int | None = None, top: int = 85) -> pd.DataFrame:
    """Men and women per 5-year age band in one year, as counts and as shares of the area's population.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows (one or more areas).
    year : int, optional
        The year (default: the latest).
    top : int, default 85
        Start of the open top band.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``year``, ``age``, ``age_from``,
        ``men``, ``women``, ``men_pct``, ``women_pct`` (per cent of the area's
        total, so areas of any size compare), youngest band first.

    Raises
    ------
    InvalidArgumentError
        If ``year`` is outside the data or the frame lacks men/women rows.
    """
    available = age_years(frame)
    chosen = available[-1] if year is None else _check_year(year, available)
    bands = annual(five_year_bands(frame, top))
    bands = bands[(bands["year"] == chosen) & (bands["age_from"] >= 0) & bands["sex"].isin(["men", "women"])]
    if bands.empty:
        raise InvalidArgumentError("frame has no rows for men and women by age", "Der er ingen tal for mænd og kvinder fordelt på alder")
    wide = bands.pivot_table(index=[*_AREA_KEYS, "year", "age", "age_from"], columns="sex", values="persons",
                             aggfunc="first", sort=False).reset_index()
    wide.columns.name = None
    for column in ("men", "women"):
        if column not in wide:
            wide[column] = pd.NA
        wide[column] = wide[column].astype("Int64")
    area_total = (wide["men"] + wide["women"]).groupby(wide["area_code"]).transform("sum").astype("Float64")
    wide["men_pct"] = wide["men"].astype("Float64") / area_total * 100
    wide["women_pct"] = wide["women"].astype("Float64") / area_total * 100
    area_order = {c: i for i, c in enumerate(dict.fromkeys(frame["area_code"]))}
    wide = wide.assign(_a=wide["area_code"].map(area_order)).sort_values(["_a", "age_from"]).drop(columns="_a")
    return _finish(wide[[*_AREA_KEYS, "year", "age", "age_from", "men", "women", "men_pct", "women_pct"]], frame)


def old_age_dependency(frame: pd.DataFrame) -> pd.DataFrame:
    """Old-age dependency ratio: persons aged 65+ per 100 persons aged 15–64 (Eurostat's definition).

    Both age ranges fit FOLK1B's 5-year bands and single-year ages exactly.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``year``, ``persons_65_plus``,
        ``persons_15_64``, ``ratio``.
    """
    yearly = annual(frame)
    rows = yearly[(yearly["sex"] == "total") & (yearly["age_from"] >= 0)].copy()
    if rows.empty:
        raise InvalidArgumentError("frame has no age rows", "Der er ingen tal fordelt på alder")
    bounds = rows["age"].map(age_bounds)
    low = bounds.map(lambda b: b[0])
    high = bounds.map(lambda b: b[1] if b[1] is not None else 10_000)
    bad = ((low < 15) & (high >= 15)) | ((low < 65) & (high >= 65))
    if bad.any():
        raise InvalidArgumentError("an age band straddles 15 or 65", "Aldersgrupperne passer ikke med 15 og 65 år")
    rows["band"] = np.select([low >= 65, low >= 15], ["old", "working"], "young")
    keys = [*_AREA_KEYS, "year"]
    old = _sum_strict(rows[rows["band"] == "old"], keys).rename(columns={"persons": "persons_65_plus"})
    working = _sum_strict(rows[rows["band"] == "working"], keys).rename(columns={"persons": "persons_15_64"})
    result = old.merge(working, on=keys, how="outer", sort=False)
    result["ratio"] = result["persons_65_plus"] / result["persons_15_64"].where(result["persons_15_64"] != 0) * 100
    for column in ("persons_65_plus", "persons_15_64"):
        result[column] = result[column].round().astype("Int64")
    return _finish(result.sort_values(keys, kind="stable"), frame)


def age_shares(frame: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Children (0–15 years) and people aged 65+ as counts and shares of each area's population in one year.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy rows with single-year ages (SOGN1, FOLK1A; 5-year bands cannot give 0–15).
    year : int, optional
        The year (default: the latest year with ages).

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``year``, ``persons``, ``children``, ``elderly``,
        ``children_pct``, ``elderly_pct``.

    Raises
    ------
    InvalidArgumentError
        If the frame has no single-year ages in that year.
    """
    available = age_years(frame)
    chosen = available[-1] if year is None and available else _check_year(year, available)
    if not has_single_years(frame):
        raise InvalidArgumentError("age shares need single-year ages", "Andelen af 0–15-årige kræver tal for hvert alderstrin")
    yearly = annual(frame)
    rows = yearly[(yearly["year"] == chosen) & (yearly["sex"] == "total") & (yearly["age_from"] >= 0)]
    keys = [*_AREA_KEYS, "year"]
    persons = _sum_strict(rows, keys).rename(columns={"persons": "persons"})
    children = _sum_strict(rows[rows["age_from"] <= 15], keys).rename(columns={"persons": "children"})
    elderly = _sum_strict(rows[rows["age_from"] >= 65], keys).rename(columns={"persons": "elderly"})
    result = persons.merge(children, on=keys, how="left").merge(elderly, on=keys, how="left")
    total = result["persons"].astype("Float64")
    for column in ("children", "elderly"):
        result[f"{column}_pct"] = result[column].astype("Float64") / total.where(total != 0) * 100
    for column in ("persons", "children", "elderly"):
        result[column] = result[column].round().astype("Int64")
    return _finish(result, frame)


def index_series(frame: pd.DataFrame, base_year: int | None = None) -> pd.DataFrame:
    """Population of each area as an index, ``base_year`` = 100, so areas of any size compare.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows (e.g. cluster, municipality, region and Denmark concatenated).
    base_year : int, optional
        The year set to 100 (default: the first year all areas have).

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``year``, ``persons``, ``index``,
        from ``base_year`` on.

    Raises
    ------
    InvalidArgumentError
        If ``base_year`` is missing for an area.
    """
    table = totals(frame)
    common = set.intersection(*(set(g["year"]) for _, g in table.groupby("area_code")))
    if base_year is None:
        if not common:
            raise InvalidArgumentError("the areas share no year", "Områderne har ingen år til fælles")
        base = min(common)
    else:
        base = _check_year(base_year, sorted(common), "base_year")
    table = table[table["year"] >= base].copy()
    first = table[table["year"] == base].set_index("area_code")["persons"].astype("Float64")
    table["index"] = table["persons"].astype("Float64") / table["area_code"].map(first).where(lambda s: s != 0) * 100
    return _finish(table[[*_AREA_KEYS, "year", "persons", "index"]], frame)


# --- projection -----------------------------------------------------------------------------

_STEP = 5


def _banded_by_sex(frame: pd.DataFrame, year: int, top: int) -> pd.DataFrame:
    """Persons of one year as a (sex × band) table: index age_from, columns men/women."""
    bands = annual(five_year_bands(frame, top))
    rows = bands[(bands["year"] == year) & (bands["age_from"] >= 0) & bands["sex"].isin(["men", "women"])]
    if rows["area_code"].nunique() > 1:
        raise InvalidArgumentError("projection needs one area; sum the members first", "Fremskrivningen kræver ét område")
    table = rows.pivot_table(index="age_from", columns="sex", values="persons", aggfunc="sum").reindex(
        index=range(0, top + 1, _STEP), columns=["men", "women"])
    if table.isna().to_numpy().any():
        raise InvalidArgumentError(
            f"the {year} population lacks some age bands by sex",
            f"Befolkningstallene for {year} mangler nogle aldersgrupper for mænd eller kvinder",
        )
    return table.astype("float64")


def _women_15_49(table: pd.DataFrame) -> float:
    return float(table.loc[15:45, "women"].sum())


def cohort_change_ratios(frame: pd.DataFrame, jump_off: int | None = None, top: int = 85) -> pd.DataFrame:
    """Hamilton–Perry cohort-change ratios (and child–woman ratios) from two dates five years apart.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows of one area.
    jump_off : int, optional
        The later of the two years (default: the latest year with data five years earlier).
    top : int, default 85
        Start of the open top band.

    Returns
    -------
    pandas.DataFrame
        ``sex``, ``age_from`` (band at ``jump_off``), ``kind`` (``"ccr"`` or
        ``"cwr"`` for the 0–4 band), ``ratio``. A ratio whose denominator is 0
        is set to 1 (no change) with a warning; ``attrs["jump_off"]`` holds the year.

    Raises
    ------
    InvalidArgumentError
        If the data lack a year five years before ``jump_off``.
    """
    available = age_years(frame)
    if jump_off is None:
        candidates = [y for y in available if y - _STEP in available]
        if not candidates:
            raise InvalidArgumentError(
                "the projection needs two years five years apart",
                "Fremskrivningen kræver befolkningstal for to år med fem års mellemrum",
            )
        jump_off = candidates[-1]
    jump_off = _check_year(jump_off, available, "jump_off")
    _check_year(jump_off - _STEP, available, "jump_off - 5")
    now, before = _banded_by_sex(frame, jump_off, top), _banded_by_sex(frame, jump_off - _STEP, top)
    rows, undefined = [], []
    for sex in ("men", "women"):
        women = _women_15_49(now)
        rows.append({"sex": sex, "age_from": 0, "kind": "cwr", "numerator": now.loc[0, sex], "denominator": women})
        for age in range(_STEP, top + 1, _STEP):
            denominator = before.loc[age - _STEP, sex] + (before.loc[top, sex] if age == top else 0.0)
            rows.append({"sex": sex, "age_from": age, "kind": "ccr", "numerator": now.loc[age, sex], "denominator": denominator})
    table = pd.DataFrame(rows)
    zero = table["denominator"] == 0
    table["ratio"] = np.where(zero, 1.0, table["numerator"] / table["denominator"].where(~zero, 1.0))
    if zero.any():
        undefined = [f"{r.sex} {r.age_from}" for r in table[zero].itertuples()]
        warnings.warn(f"cohort ratios with an empty starting cohort were set to 1: {undefined}", stacklevel=2)
    result = table[["sex", "age_from", "kind", "ratio"]].copy()
    result.attrs = {"jump_off": jump_off, "top": top}
    return result


def project_bands(current: pd.DataFrame, ratios: pd.DataFrame, jump_off: int, horizon: int = 10,
                  top: int = 85) -> list[pd.DataFrame]:
    """The Hamilton–Perry steps: apply cohort-change and child–woman ratios to a (band × sex) table.

    Parameters
    ----------
    current : pandas.DataFrame
        Persons at ``jump_off``: index ``age_from`` (0, 5, …, ``top``), columns ``men``, ``women``.
    ratios : pandas.DataFrame
        From :func:`cohort_change_ratios`.
    jump_off, horizon, top
        As for :func:`hamilton_perry`.

    Returns
    -------
    list of pandas.DataFrame
        The table at ``jump_off`` and after every 5-year step, each with a ``year`` column.
    """
    bands = list(range(0, top + 1, _STEP))
    lookup = dict(zip(zip(ratios["kind"], ratios["sex"], ratios["age_from"], strict=True), ratios["ratio"], strict=True))
    ccr = np.array([[lookup[("ccr", sex, age)] for sex in ("men", "women")] for age in bands[1:]], dtype="float64")
    cwr = np.array([lookup[("cwr", sex, 0)] for sex in ("men", "women")], dtype="float64")
    fertile = [i for i, age in enumerate(bands) if 15 <= age < 50]  # women 15–49 (:func:`_women_15_49`)
    now = current.reindex(index=bands, columns=["men", "women"]).to_numpy(dtype="float64")
    frames = [current.assign(year=jump_off)]
    for step in range(_STEP, horizon + 1, _STEP):
        cohort = now[:-1].copy()
        cohort[-1] += now[-1]  # the open band keeps its survivors
        following = np.zeros_like(now)
        following[1:] = ccr * cohort
        following[0] = cwr * following[fertile, 1].sum()
        now = following
        frames.append(pd.DataFrame(now, index=pd.Index(bands, name=current.index.name), columns=["men", "women"])
                      .assign(year=jump_off + step))
    return frames


def hamilton_perry(
    base: pd.DataFrame,
    ratios_from: pd.DataFrame | None = None,
    jump_off: int | None = None,
    horizon: int = 10,
    top: int = 85,
    variant: str = "",
) -> pd.DataFrame:
    """Project a population by sex and 5-year band with the Hamilton–Perry method.

    Parameters
    ----------
    base : pandas.DataFrame
        Tidy population rows of one area (the jump-off population).
    ratios_from : pandas.DataFrame, optional
        Tidy rows of the area whose cohort-change ratios are applied (default:
        ``base`` itself), e.g. the municipality of a cluster.
    jump_off : int, optional
        Jump-off year (default: the latest year both frames have with data five years earlier).
    horizon : int, default 10
        Years ahead; a multiple of 5.
    top : int, default 85
        Start of the open top band.
    variant : str
        Name of the variant, copied to the ``variant`` column.

    Returns
    -------
    pandas.DataFrame
        ``variant``, ``year``, ``sex``, ``age``, ``age_from``, ``persons``
        (float, not rounded) for the jump-off year and every 5-year step up to
        ``horizon``. Every value is non-negative.

    Raises
    ------
    InvalidArgumentError
        For a horizon that is not a positive multiple of 5, or missing years.
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon <= 0 or horizon % _STEP:
        raise InvalidArgumentError(f"horizon {horizon!r} must be a positive multiple of 5", "Fremskrivningen skal gå et antal hele 5-år frem")
    source = base if ratios_from is None else ratios_from
    if jump_off is None:
        shared = sorted(set(age_years(base)) & set(age_years(source)))
        candidates = [y for y in shared if y - _STEP in shared]
        if not candidates:
            raise InvalidArgumentError("the frames share no two years five years apart",
                                       "Der er ikke befolkningstal for to år med fem års mellemrum")
        jump_off = candidates[-1]
    ratios = cohort_change_ratios(source, jump_off, top)
    frames = project_bands(_banded_by_sex(base, jump_off, top), ratios, jump_off, horizon, top)
    wide = pd.concat(frames).rename_axis("age_from").reset_index()
    long = wide.melt(id_vars=["year", "age_from"], value_vars=["men", "women"], var_name="sex", value_name="persons")
    long["age"] = [f"{top}+" if a == top else f"{a}-{a + 4}" for a in long["age_from"]]
    long.insert(0, "variant", variant)
    long = long.sort_values(["year", "sex", "age_from"]).reset_index(drop=True)
    long = long[["variant", "year", "sex", "age", "age_from", "persons"]]
    long.attrs = {"jump_off": jump_off, "method": "Hamilton-Perry", "ratios_from": str(source["area_name"].iloc[0])}
    return long


def projection_range(
    base: pd.DataFrame,
    ratio_frames: Mapping[str, pd.DataFrame],
    jump_off: int | None = None,
    horizon: int = 10,
    top: int = 85,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Project one population with the ratios of several areas and return the variants and their range.

    Parameters
    ----------
    base : pandas.DataFrame
        Tidy rows of the area projected (e.g. the cluster).
    ratio_frames : mapping of str to pandas.DataFrame
        Variant name → tidy rows of the area whose ratios are used, e.g.
        ``{"klyngens egen udvikling": cluster, "kommunens udvikling": municipality}``.
    jump_off, horizon, top
        As for :func:`hamilton_perry`; one jump-off year is used for every variant.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(variants, band)``: ``variants`` has one total per ``variant`` and
        ``year`` (``variant``, ``year``, ``persons``); ``band`` has ``year``,
        ``low``, ``high`` (the smallest and largest variant), so ``low <= every
        variant <= high``.

    Raises
    ------
    InvalidArgumentError
        If no variant is given.
    """
    if not ratio_frames:
        raise InvalidArgumentError("ratio_frames is empty", "Der er ingen varianter at fremskrive med")
    if jump_off is None:
        shared = set(age_years(base))
        for frame in ratio_frames.values():
            shared &= set(age_years(frame))
        candidates = sorted(y for y in shared if y - _STEP in shared)
        if not candidates:
            raise InvalidArgumentError("the frames share no two years five years apart",
                                       "Der er ikke befolkningstal for to år med fem års mellemrum")
        jump_off = candidates[-1]
    cohorts = [hamilton_perry(base, frame, jump_off, horizon, top, name) for name, frame in ratio_frames.items()]
    detail = pd.concat(cohorts, ignore_index=True)
    variants = detail.groupby(["variant", "year"], as_index=False, sort=False)["persons"].sum()
    band = variants.groupby("year", as_index=False)["persons"].agg(low="min", high="max")
    variants.attrs = {"jump_off": jump_off, "method": "Hamilton-Perry"}
    band.attrs = {"jump_off": jump_off}
    return variants, band
