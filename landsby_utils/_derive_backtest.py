"""Run the projection back-test (:mod:`landsby_utils.projection_check`) on the bundled snapshot, for ``landsby derive``.

Reads every comparable parish's 2014 age structure (SOGN1), its municipality's cohort-change ratios
(FOLK1B 2009 → 2014) and the real 2021 populations, and writes ``projection_backtest.csv``.
"""

from __future__ import annotations

import warnings

import pandas as pd

from landsby_utils import population as pop
from landsby_utils.projection_check import JUMP_OFF, TOP, _bands_by_area, backtest


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
            bands[code] = pop.banded_by_sex(area, JUMP_OFF, TOP)
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


def derive_backtest() -> list:
    """Write ``projection_backtest.csv`` (atomically) for ``landsby derive``."""
    from landsby_utils import settings
    from landsby_utils._derive_io import write_text_atomic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = results_table()
    write_text_atomic(settings.BACKTEST_CSV, table.to_csv(index=False, lineterminator="\n"))
    return [settings.BACKTEST_CSV]
