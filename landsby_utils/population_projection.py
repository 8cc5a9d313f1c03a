"""Population projection: Hamilton–Perry cohort-change ratios on 5-year age bands by sex.

Pure functions on tidy population frames (see :mod:`landsby_utils.population`).

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

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from landsby_utils._errors import InvalidArgumentError
from landsby_utils.population_ages import five_year_bands
from landsby_utils.population_totals import _check_year, age_years, annual

_STEP = 5


def banded_by_sex(frame: pd.DataFrame, year: int, top: int) -> pd.DataFrame:
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
    now, before = banded_by_sex(frame, jump_off, top), banded_by_sex(frame, jump_off - _STEP, top)
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
    frames = project_bands(banded_by_sex(base, jump_off, top), ratios, jump_off, horizon, top)
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
