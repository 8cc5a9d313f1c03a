"""Village figures of a cluster: population per village, the cluster and its comparison areas.

Pure functions (frames in, frames out; no I/O, no HTML). The population dashboard's village
table and its village × age group table come from here (through
:func:`landsby_utils.builders.population.build_population_frames`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from landsby_utils import population as pop
from landsby_utils import privacy


def villages_with_data(parish_frame: pd.DataFrame | None, villages: Sequence[Any]) -> list[str]:
    """Names of the villages all of whose parishes have figures in ``parish_frame``.

    Parameters
    ----------
    parish_frame : pandas.DataFrame or None
        Tidy parish rows (``area_code``), or None when there are none.
    villages : sequence of Village
        The cluster's villages (``name``, ``parishes``).

    Returns
    -------
    list of str
        In the cluster's order.
    """
    if parish_frame is None:
        return []
    have = set(parish_frame["area_code"])
    return [v.name for v in villages if set(v.parishes) <= have]


class _Rows:
    """Collects the village table's rows and the mask of cells hidden to protect small counts."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.hidden: list[dict[str, bool]] = []

    def add(self, name: str, kind: str, codes: list[str], first: Any, last: Any, children: Any, elderly: Any, persons: Any,
            derived: bool) -> None:
        row = {"name": name, "kind": kind, "parishes": ", ".join(codes), "start": first, "end": last}
        change = last - first if pd.notna(first) and pd.notna(last) else pd.NA
        row["change"] = change
        row["change_pct"] = change / first * 100 if pd.notna(change) and first else pd.NA
        for column, count in (("children_pct", children), ("elderly_pct", elderly)):
            row[column] = count / persons * 100 if pd.notna(count) and pd.notna(persons) and persons else pd.NA
        small = privacy.is_small
        mask = {"start": derived and small(first), "end": derived and small(last),
                "change": small(abs(change)) if pd.notna(change) else False,
                "children_pct": small(children) if pd.notna(children) else False,
                "elderly_pct": small(elderly) if pd.notna(elderly) else False}
        mask["change_pct"] = mask["change"] or mask["start"]
        self.rows.append(row)
        self.hidden.append(mask)


def village_table(parish_frame: pd.DataFrame, villages: Sequence[Any], cluster_name: str, comparison_areas: Sequence[Any],
                  context: pd.DataFrame, areas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each village, the cluster, the municipality and Denmark: population in the parish data's first and last
    year, the change, and the shares aged 0–15 and 65+ (numbers), with the mask of cells to hide.

    Parameters
    ----------
    parish_frame : pandas.DataFrame
        Tidy parish rows (SOGN1 or KM1).
    villages : sequence of Village
        The cluster's villages.
    cluster_name : str
        Name of the cluster's row.
    comparison_areas : sequence of Area
        Municipality, region, Denmark (``code``, ``name``, ``level``).
    context : pandas.DataFrame
        Annual totals of the comparison areas (FOLK1A/FOLK1B).
    areas : pandas.DataFrame
        The comparison areas by single-year age (2014, 2021).

    Returns
    -------
    tuple of pandas.DataFrame
        The table (``name``, ``kind``, ``parishes``, ``start``, ``end``, ``change``, ``change_pct``,
        ``children_pct``, ``elderly_pct``; ``attrs``: ``start_year``, ``end_year``, ``share_year``) and a
        boolean frame of the same shape, True where a cell must be hidden.
    """
    frame = parish_frame
    totals = pop.totals(frame).pivot_table(index="area_code", columns="year", values="persons", aggfunc="first")
    years = sorted(totals.columns)
    start, end = years[0], years[-1]
    shares = pop.age_shares(frame).set_index("area_code") if pop.has_single_years(frame) else None
    out = _Rows()

    def village_sum(codes: list[str], year: int) -> Any:
        values = [totals.at[c, year] if c in totals.index else pd.NA for c in codes]
        return pd.NA if any(pd.isna(v) for v in values) else int(sum(values))

    def share_sum(codes: list[str], column: str) -> Any:
        if shares is None or any(c not in shares.index for c in codes):
            return pd.NA
        return int(shares.loc[codes, column].sum())

    def add_parishes(name: str, kind: str, codes: list[str], derived: bool) -> None:
        out.add(name, kind, codes, village_sum(codes, start), village_sum(codes, end),
                share_sum(codes, "children"), share_sum(codes, "elderly"), share_sum(codes, "persons"), derived)

    all_codes = [c for v in villages for c in v.parishes]
    for village in villages:
        add_parishes(village.name, "village", list(village.parishes), len(village.parishes) > 1)
    add_parishes(cluster_name, "cluster", [c for c in dict.fromkeys(all_codes) if c in totals.index], True)
    area_totals = pop.totals(pd.concat([context[list(pop.TIDY_COLUMNS)], areas[list(pop.TIDY_COLUMNS)]]))
    area_totals = area_totals.drop_duplicates(["area_code", "year"]).set_index(["area_code", "year"])["persons"]
    area_shares = pop.age_shares(areas).set_index("area_code") if shares is not None else None
    for area in (comparison_areas[0], comparison_areas[2]):
        first, last = area_totals.get((area.code, start), pd.NA), area_totals.get((area.code, end), pd.NA)
        share = area_shares.loc[area.code] if area_shares is not None and int(area_shares.loc[area.code, "year"]) == int(shares["year"].iloc[0]) else None
        out.add(area.name, area.level, [],  # named in the reader's language by the dashboard
                first, last, share["children"] if share is not None else pd.NA, share["elderly"] if share is not None else pd.NA,
                share["persons"] if share is not None else pd.NA, False)
    table = pd.DataFrame(out.rows)
    for column in ("start", "end", "change"):
        table[column] = table[column].astype("Int64")
    for column in ("change_pct", "children_pct", "elderly_pct"):
        table[column] = table[column].astype("Float64")
    table.attrs = {"start_year": int(start), "end_year": int(end),
                   "share_year": int(shares["year"].iloc[0]) if shares is not None else None}
    return table, pd.DataFrame(out.hidden, index=table.index).reindex(columns=table.columns, fill_value=False)


def village_age_groups(parish_frame: pd.DataFrame, villages: Sequence[Any]) -> pd.DataFrame | None:
    """Persons per village (rows) and datapakke age group (columns) in the latest year with single-year ages.

    Parameters
    ----------
    parish_frame : pandas.DataFrame
        Tidy parish rows.
    villages : sequence of Village
        The cluster's villages; those with a parish lacking figures are left out.

    Returns
    -------
    pandas.DataFrame or None
        Counts (``Int64``; ``attrs["year"]``), or None without single-year ages.
    """
    frame = parish_frame
    if not pop.has_single_years(frame) or not pop.age_years(frame):
        return None
    year = pop.age_years(frame)[-1]
    groups = pop.age_groups(frame, "exact")
    groups = groups[groups["year"] == year].pivot_table(index="area_code", columns="group", values="persons", aggfunc="first")
    keys = [g.key for g in pop.AGE_GROUPS]
    rows = {}
    for village in villages:
        if all(c in groups.index for c in village.parishes):
            rows[village.name] = groups.loc[list(village.parishes), keys].sum().astype("Int64")
    table = pd.DataFrame(rows).T.reindex(columns=keys)
    table.attrs = {"year": int(year)}
    return table
