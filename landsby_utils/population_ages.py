"""Population by age: age groups and their change, 5-year bands, pyramids, dependency ratio, shares, index series.

Pure functions on tidy population frames (:mod:`landsby_utils.population_totals`); part of
:mod:`landsby_utils.population`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from landsby_utils._errors import InvalidArgumentError
from landsby_utils.population_totals import (
    _AREA_KEYS,
    AGE_GROUPS,
    BAND_GROUPS,
    TIDY_COLUMNS,
    AgeGroup,
    _check_frame,
    _check_year,
    _finish,
    _sum_strict,
    age_bounds,
    age_years,
    annual,
    has_single_years,
    totals,
)


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
