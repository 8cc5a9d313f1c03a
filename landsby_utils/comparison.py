""""Steder som os": where a village stands among Denmark's parishes, and which parishes are like it.

Pure analysis (frames in, frames out; no I/O, no HTML) on the national parish indicator table
(``data/snapshot/derived/parish_indicators.csv``, :mod:`landsby_utils._derive_comparison`).

Method (the page's method note says the same in Danish and English):

1. **Indicators** (:data:`INDICATORS`): population 2021, change 2014–2021, share aged 0–15 and 65+
   (2014), old-age dependency, density, and straight-line km to the nearest school, childcare,
   grocery shop, doctor and library (OSM 2019 points). The reader chooses which count.
2. **Transforms**: skewed indicators (population, density, dependency, distances) are taken as
   ``log(x + offset)``; change and shares as they are.
3. **Standardisation**: each transformed indicator becomes a z-score against all 2021 parishes
   (mean 0, standard deviation 1), clipped to ±3 so that a few extreme parishes do not dominate.
4. **Distance**: Euclidean distance between z-score vectors over the chosen indicators, equal
   weights; nearest neighbours with :class:`scipy.spatial.cKDTree`. A parish that lacks a chosen
   indicator is not a candidate; a village that lacks one is compared on the rest (and the page
   says which). Nothing is imputed.
5. **Why similar / where different**: per indicator, the gap in z-scores; under
   :data:`SIMILAR_Z` is "close", over :data:`DIFFERENT_Z` is "different".
6. **Position**: for each indicator, the share of parishes (all, and rural ones) with a lower and
   a higher value. Parishes under :data:`SMALL_PARISH` inhabitants are flagged as less certain.
7. **Types** (optional, :func:`types`): k-means on the z-scores, neutrally named A, B, C, …
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landsby_utils._errors import InvalidArgumentError, LandsbyError


@dataclass(frozen=True)
class Indicator:
    """One comparison indicator.

    Attributes
    ----------
    code : str
        Stable id (label keys are ``cmp_ind_<code>``).
    column : str
        Column of the indicator table.
    log_offset : float or None
        ``log(x + log_offset)`` for skewed indicators; None for none.
    default : bool
        Counted unless the reader unticks it.
    decimals : int
        Decimals when shown.
    """

    code: str
    column: str
    log_offset: float | None
    default: bool
    decimals: int


INDICATORS: tuple[Indicator, ...] = (
    Indicator("population", "population_2021", 1.0, True, 0),
    Indicator("change", "change_pct", None, True, 1),
    Indicator("children", "share_0_15", None, True, 1),
    Indicator("elderly", "share_65plus", None, True, 1),
    Indicator("dependency", "old_age_dependency", 1.0, False, 0),
    Indicator("density", "density_per_km2", 1.0, True, 0),
    Indicator("school", "dist_skole_km", 0.1, False, 1),
    Indicator("childcare", "dist_dagtilbud_km", 0.1, True, 1),
    Indicator("grocery", "dist_dagligvarer_km", 0.1, True, 1),
    Indicator("doctor", "dist_laege_km", 0.1, True, 1),
    Indicator("library", "dist_bibliotek_km", 0.1, True, 1),
)
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
DEFAULT_CODES: tuple[str, ...] = tuple(i.code for i in INDICATORS if i.default)
#: z-score gaps: under this an indicator is "close", over the next "different".
SIMILAR_Z, DIFFERENT_Z = 0.35, 1.0
#: z-scores are clipped to ±this.
Z_CLIP = 3.0
#: Parishes with fewer inhabitants than this are flagged as less certain.
SMALL_PARISH = 250
#: Count columns summed when parishes are combined into a village or cluster.
_COUNTS = ("population_2021", "population_2014_lfl", "persons_0_15", "persons_16_64", "persons_65plus", "area_km2")


class NoIndicatorsError(LandsbyError):
    """Every indicator was left out, so nothing can be compared."""

    def __init__(self) -> None:
        super().__init__(
            "Choose at least one indicator: with none, no place can be compared.",
            "Vælg mindst ét kendetal: uden nogen kan stederne ikke sammenlignes.",
        )


def chosen(codes: Iterable[str] | None) -> list[Indicator]:
    """The indicators named by ``codes`` (default :data:`DEFAULT_CODES`), in table order.

    Raises
    ------
    NoIndicatorsError
        When ``codes`` is empty.
    InvalidArgumentError
        When a code is unknown.
    """
    codes = list(DEFAULT_CODES if codes is None else codes)
    unknown = [c for c in codes if c not in BY_CODE]
    if unknown:
        raise InvalidArgumentError(f"unknown indicator(s) {unknown}; choose from {list(BY_CODE)}")
    if not codes:
        raise NoIndicatorsError()
    return [i for i in INDICATORS if i.code in codes]


def combine(table: pd.DataFrame, groups: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Indicators of groups of parishes (a village of two parishes, a whole cluster), like-for-like.

    Counts and areas are summed; change, shares, dependency and density are recomputed from the
    sums (empty when any member lacks them); distances are the population-weighted mean of the
    members' distances.

    Parameters
    ----------
    table : pandas.DataFrame
        The indicator table indexed by ``parish_code``.
    groups : mapping of str to sequence of str
        Group id → member parish codes (every code must be in ``table``).

    Returns
    -------
    pandas.DataFrame
        One row per group, indexed by group id, with the indicator columns.
    """
    rows = {}
    dist_cols = [i.column for i in INDICATORS if i.column.startswith("dist_")]
    for key, codes in groups.items():
        part = table.loc[list(codes)]
        row = {c: part[c].sum(min_count=len(part)) for c in _COUNTS}
        weights = part["population_2021"].astype(float)
        for column in dist_cols:
            row[column] = float(np.average(part[column], weights=weights)) if weights.sum() > 0 else float(part[column].mean())
        row["rural"] = bool(part["rural"].all())
        rows[key] = row
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame[list(_COUNTS)] = frame[list(_COUNTS)].astype(float)
    total14 = frame[["persons_0_15", "persons_16_64", "persons_65plus"]].sum(axis=1, min_count=3)
    frame["change_pct"] = (frame["population_2021"] / frame["population_2014_lfl"] - 1) * 100
    frame["share_0_15"] = frame["persons_0_15"] / total14 * 100
    frame["share_65plus"] = frame["persons_65plus"] / total14 * 100
    frame["old_age_dependency"] = frame["persons_65plus"] / frame["persons_16_64"] * 100
    frame["density_per_km2"] = frame["population_2021"] / frame["area_km2"]
    return frame


def transformed(table: pd.DataFrame, indicators: Sequence[Indicator] = INDICATORS) -> pd.DataFrame:
    """The indicators after their transform (log for the skewed ones), one column per indicator code."""
    out = {}
    for ind in indicators:
        values = pd.to_numeric(table[ind.column], errors="coerce").astype(float)
        out[ind.code] = np.log(values + ind.log_offset) if ind.log_offset is not None else values
    return pd.DataFrame(out, index=table.index)


@dataclass(frozen=True)
class Scale:
    """Mean and standard deviation of each transformed indicator over the reference parishes."""

    mean: pd.Series
    std: pd.Series

    def z(self, values: pd.DataFrame) -> pd.DataFrame:
        """Standardise transformed values (clipped to ±:data:`Z_CLIP`)."""
        codes = list(values.columns)
        return ((values - self.mean[codes]) / self.std[codes]).clip(-Z_CLIP, Z_CLIP)


def fit_scale(national: pd.DataFrame) -> Scale:
    """The standardisation of every indicator over all parishes of the national table."""
    values = transformed(national)
    std = values.std(ddof=0).replace(0, 1.0)
    return Scale(values.mean(), std)


def zscores(table: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """Transformed and standardised indicators (columns: indicator codes)."""
    return scale.z(transformed(table))


def nearest(z_national: pd.DataFrame, z_query: pd.DataFrame, codes: Iterable[str] | None = None, k: int = 10,
            exclude: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """The ``k`` parishes nearest to each query row in z-space over the chosen indicators.

    Parameters
    ----------
    z_national : pandas.DataFrame
        z-scores of the candidate parishes (index: parish codes).
    z_query : pandas.DataFrame
        z-scores of the places to match (index: their ids).
    codes : iterable of str, optional
        Indicators that count (default :data:`DEFAULT_CODES`).
    k : int
        Neighbours per query.
    exclude : mapping, optional
        Query id → candidate codes it may not match (its own parishes, its cluster's).

    Returns
    -------
    pandas.DataFrame
        ``query``, ``rank`` (1 = nearest), ``parish_code``, ``distance`` (root mean squared
        z-gap over the indicators used), ``used`` and ``missing`` (``;``-joined indicator codes).

    Raises
    ------
    NoIndicatorsError
        When no indicator is chosen, or a query has none of the chosen ones.
    """
    from scipy.spatial import cKDTree

    wanted = [i.code for i in chosen(codes)]
    exclude = {q: set(v) for q, v in (exclude or {}).items()}
    rows = []
    for query, vector in z_query[wanted].iterrows():
        used = [c for c in wanted if pd.notna(vector[c])]
        if not used:
            raise NoIndicatorsError()
        candidates = z_national[used].dropna()
        banned = exclude.get(query, set()) | {query}
        candidates = candidates[~candidates.index.isin(banned)]
        take = min(k, len(candidates))
        if take == 0:
            continue
        distance, index = cKDTree(candidates.to_numpy()).query(vector[used].to_numpy(dtype=float), k=take)
        distance, index = np.atleast_1d(distance), np.atleast_1d(index)
        missing = ";".join(c for c in wanted if c not in used)
        for rank, (d, i) in enumerate(zip(distance, index, strict=True), start=1):
            rows.append({"query": query, "rank": rank, "parish_code": candidates.index[i],
                         "distance": float(d) / np.sqrt(len(used)), "used": ";".join(used), "missing": missing})
    return pd.DataFrame(rows, columns=["query", "rank", "parish_code", "distance", "used", "missing"])


def neighbours_for_all(z_national: pd.DataFrame, codes: Iterable[str] | None = None, k: int = 10) -> np.ndarray:
    """The ``k`` nearest other parishes of every parish with all chosen indicators (one tree, one query).

    Returns
    -------
    numpy.ndarray
        Shape (n, k): positions (in the complete rows of ``z_national``) of each row's neighbours.
    """
    from scipy.spatial import cKDTree

    wanted = [i.code for i in chosen(codes)]
    complete = z_national[wanted].dropna().to_numpy()
    _, index = cKDTree(complete).query(complete, k=k + 1)
    return index[:, 1:]


def gaps(z_a: pd.Series, z_b: pd.Series, codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Why two places are similar and where they differ, per indicator.

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``gap`` (z of b minus z of a; NaN where either lacks it) and ``verdict``:
        ``"close"`` (|gap| < :data:`SIMILAR_Z`), ``"higher"``/``"lower"`` (b is more than
        :data:`DIFFERENT_Z` above/below a), ``"some"`` in between, ``"missing"``.
    """
    rows = []
    for ind in chosen(codes):
        gap = float(z_b[ind.code] - z_a[ind.code]) if pd.notna(z_a[ind.code]) and pd.notna(z_b[ind.code]) else np.nan
        if np.isnan(gap):
            verdict = "missing"
        elif abs(gap) < SIMILAR_Z:
            verdict = "close"
        elif abs(gap) > DIFFERENT_Z:
            verdict = "higher" if gap > 0 else "lower"
        else:
            verdict = "some"
        rows.append({"indicator": ind.code, "gap": gap, "verdict": verdict})
    return pd.DataFrame(rows)


def positions(national: pd.DataFrame, places: pd.DataFrame, codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Each place's position on each indicator among all parishes and among rural parishes.

    Parameters
    ----------
    national : pandas.DataFrame
        The indicator table (with ``rural``), indexed by parish code.
    places : pandas.DataFrame
        Indicator rows of the places (villages, the cluster), indexed by their ids.
    codes : iterable of str, optional
        Indicators (default: all).

    Returns
    -------
    pandas.DataFrame
        ``place``, ``indicator``, ``value``, and for ``group`` in (``all``, ``rural``):
        ``below_<group>`` and ``above_<group>`` (shares 0–1 of that group's parishes, other than
        the place's own, with a lower / higher value) and ``n_<group>``. NaN where the place
        lacks the indicator.
    """
    codes = [i.code for i in INDICATORS] if codes is None else list(codes)
    rural = national["rural"].astype(bool)
    rows = []
    for ind in chosen(codes):
        column = pd.to_numeric(national[ind.column], errors="coerce")
        for place, row in places.iterrows():
            value = pd.to_numeric(pd.Series([row.get(ind.column)]), errors="coerce").iloc[0]
            entry = {"place": place, "indicator": ind.code, "value": value}
            for group, mask in (("all", column.notna()), ("rural", column.notna() & rural)):
                others = column[mask & (column.index != place)]
                entry[f"n_{group}"] = len(others)
                ok = pd.notna(value) and len(others)
                entry[f"below_{group}"] = float((others < value).mean()) if ok else np.nan
                entry[f"above_{group}"] = float((others > value).mean()) if ok else np.nan
            rows.append(entry)
    return pd.DataFrame(rows)


def in_words(below: float, above: float) -> tuple[str, int]:
    """A position as (``"more"`` or ``"less"``, n out of 10): "more than 7 out of 10".

    The direction is the one that describes more parishes; ``n`` is rounded *down* to whole tenths, so the
    sentence stays true: 97 % is "more than 9 out of 10", never "more than 10 out of 10", and 75 % is
    "more than 7", not "more than 8".
    """
    if below >= above:
        return "more", int(np.floor(below * 10 + 1e-9))
    return "less", int(np.floor(above * 10 + 1e-9))


def small(population: pd.Series | float) -> pd.Series | bool:
    """True where a parish has fewer than :data:`SMALL_PARISH` inhabitants (figures less certain)."""
    return population < SMALL_PARISH


def types(z_national: pd.DataFrame, codes: Iterable[str] | None = None, n_types: int = 6, seed: int = 12) -> pd.Series:
    """Neutral parish types by k-means on the z-scores (named A, B, C, …; no order of merit).

    Returns
    -------
    pandas.Series
        Type letter per parish with every chosen indicator (others are left out).
    """
    from scipy.cluster.vq import kmeans2

    wanted = [i.code for i in chosen(codes)]
    complete = z_national[wanted].dropna()
    _, labels = kmeans2(complete.to_numpy(), n_types, seed=seed, minit="++")
    # Letters by the size of the type (largest first) so that the names carry no judgement.
    order = pd.Series(labels).value_counts().index
    letters = {label: "ABCDEFGHIJ"[i] for i, label in enumerate(order)}
    return pd.Series([letters[label] for label in labels], index=complete.index, name="type")
