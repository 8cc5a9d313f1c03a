"""Statistics Denmark: one reader per StatBank table (FOLK1A, SOGN1, KM1, BY1, BY3, BEV107, FLY66).

Each reader checks its codes, selects the table's variables through tableinfo, fetches
(live → last good copy) with :mod:`._statbank_client` and returns tidy columns (see
:mod:`landsby_utils.sources.statbank`, the public façade that re-exports them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from landsby_utils import _http
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError
from landsby_utils.sources._provenance import attach_provenance, note, provenance_of
from landsby_utils.sources._statbank_client import _LEVEL_RANK, _fetch, _provenance, _Served, tableinfo
from landsby_utils.sources._statbank_parse import (
    _area_level,
    _clean_name,
    _find_variable,
    _tidy_population,
    _time_variable,
    _total_value,
    _values,
    _variables,
    _with_periods,
)


def _normalize_areas(area_codes: Iterable[str]) -> list[str]:
    if isinstance(area_codes, str):
        area_codes = [area_codes]
    codes = [str(code) for code in area_codes]
    return [code[-3:] if len(code) == 4 else code for code in codes]



def _codes(codes: Iterable[str], what: str, what_da: str) -> list[str]:
    if isinstance(codes, str):
        codes = [codes]
    result = list(dict.fromkeys(str(c) for c in codes))
    if not result:
        raise InvalidArgumentError(f"no {what} given", f"Der er ikke angivet nogen {what_da}")
    return result



def folk1a(area_codes: Iterable[str], quarterly: bool = False, network: bool = False,
           refresh: bool = False) -> pd.DataFrame:
    """Population of municipalities, regions or Denmark by sex and single-year age (FOLK1A).

    Parameters
    ----------
    area_codes : iterable of str
        DST ``OMRÅDE`` codes (``"000"``, ``"082"``, ``"760"``; 4-digit municipality codes accepted).
    quarterly : bool, default False
        Every quarter instead of the first quarter (1 January) of each year.
    network : bool, default False
        False: last good copy only. True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        Tidy population columns (module docstring), ages ``"total"``, ``"0"`` …
        ``"125"``, all marital statuses together; with provenance.

    Raises
    ------
    InvalidArgumentError
        An area code not in FOLK1A (the valid codes are listed).
    DataUnavailableError
        No live answer and no cached copy (FOLK1A has no single-year snapshot;
        :func:`population_by_area` falls back to FOLK1B bands).
    """
    codes = _normalize_areas(_codes(area_codes, "area codes", "områdekoder"))
    info = tableinfo("FOLK1A", network=network, refresh=refresh)
    time_variable = _time_variable(info)
    periods = [v["id"] for v in _values(info, time_variable)]
    if not quarterly:
        periods = [p for p in periods if re.fullmatch(r"\d{4}K1", p)] or periods
    area = _find_variable(info, "OMRÅDE")
    sex = _find_variable(info, "KØN", "KOEN")
    age = _find_variable(info, "ALDER")
    variables: dict[str, Any] = {area: codes, sex: "*", age: "*", time_variable: periods}
    for variable in _variables(info):
        if variable["id"] not in variables:
            total = _total_value(info, variable["id"])
            variables[variable["id"]] = [total] if total else "*"
    frame, info, served = _fetch("FOLK1A", variables, network=network, refresh=refresh, codes=codes, info=info)
    frame = _with_periods(frame, info)
    tidy = _tidy_population(frame, info, area, _area_level, sex, age)
    return attach_provenance(tidy, _provenance("FOLK1A", tidy, served))



def _sum_other(info: Mapping[str, Any], taken: Sequence[str]) -> dict[str, Any]:
    """Select the total of every variable not in ``taken`` (or all values when there is no total)."""
    chosen: dict[str, Any] = {}
    for variable in _variables(info):
        if variable["id"] in taken or variable.get("time"):
            continue
        total = _total_value(info, variable["id"])
        chosen[variable["id"]] = [total] if total else "*"
    return chosen



def sogn1(parish_codes: Iterable[str], network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Population of parishes on 1 January by sex and single-year age (SOGN1).

    Parameters
    ----------
    parish_codes : iterable of str
        4-digit parish codes (``"8752"``); DST's SOGN codes are taken to be the
        DAGI parish codes.
    network : bool, default False
        False: last good copy, else the bundled snapshot (2014 by sex and age, 2021
        totals; see :mod:`landsby_utils.sources.dst_snapshot`). True: live → last good
        copy → snapshot.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        Tidy population columns, ``level == "parish"``, ages ``"0"`` … and
        ``"total"``; the sex and age totals (not published in SOGN1) are sums of
        the published cells. With provenance.
    """
    codes = _codes(parish_codes, "parish codes", "sognekoder")
    try:
        return _by_sex_and_age("SOGN1", codes, ("SOGN", "SOGN"), "parish", network, refresh)
    except (DataUnavailableError, _http.RequestRejectedError) as exc:
        failure = (getattr(exc, "failure", "") or exc.message) if network else ""
    from landsby_utils.sources import dst_snapshot

    frame = dst_snapshot.sogn1(codes)
    if failure:
        provenance = provenance_of(frame)
        attach_provenance(frame, provenance.with_notes(note("sogn1_fallback", failure=failure), first=True))
    return frame



def _by_sex_and_age(table: str, codes: list[str], area_id: tuple[str, str], level: str, network: bool, refresh: bool) -> pd.DataFrame:
    """Shared reader of the small-area tables by sex and single-year age (SOGN1, BY1)."""
    info = tableinfo(table, network=network, refresh=refresh)
    area = _find_variable(info, area_id[0], prefix=area_id[1])
    sex = _find_variable(info, "KØN", "KOEN")
    age = _find_variable(info, "ALDER")
    known = {v["id"] for v in _values(info, area)}
    missing = [c for c in codes if c not in known]
    present = [c for c in codes if c in known]
    if not present:
        raise InvalidArgumentError(f"{table} has none of the codes {', '.join(codes)}",
                                   f"{table} har ingen af koderne {', '.join(codes)}")
    variables = {area: present, sex: "*", age: "*", _time_variable(info): "*", **_sum_other(info, [area, sex, age])}
    frame, info, served = _fetch(table, variables, network=network, refresh=refresh, codes=present, info=info)
    tidy = _tidy_population(_with_periods(frame, info), info, area, level, sex, age)
    if missing:  # keep what the table has; name what it lacks (e.g. a parish code replaced since)
        served = _Served(served.served_from, served.retrieved,
                         (*served.notes, note("missing_codes", table=table, codes=", ".join(missing))))
    tidy = attach_provenance(tidy, _provenance(table, tidy, served))
    tidy.attrs["missing_codes"] = missing
    return tidy


#: KM1 ``FKMED`` codes → ``church_member`` values.
CHURCH_MEMBER = {"F": "member", "U": "non_member"}



def km1(parish_codes: Iterable[str], network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Population of parishes on the first day of each quarter, by church membership (KM1).

    Parameters
    ----------
    parish_codes : iterable of str
        4-digit parish codes.
    network : bool, default False
        False: last good copy only (there is no snapshot). True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        Tidy population columns (``level == "parish"``, ``sex`` and ``age``
        ``"total"``) plus ``church_member`` in ``{"total", "member",
        "non_member"}`` (total = members + non-members). With provenance.
    """
    codes = _codes(parish_codes, "parish codes", "sognekoder")
    info = tableinfo("KM1", network=network, refresh=refresh)
    area = _find_variable(info, "SOGN", prefix="SOGN")
    member = _find_variable(info, "FKMED", prefix="FKM")
    variables = {area: codes, member: "*", _time_variable(info): "*", **_sum_other(info, [area, member])}
    frame, info, served = _fetch("KM1", variables, network=network, refresh=refresh, codes=codes, info=info)
    tidy = _tidy_population(_with_periods(frame, info), info, area, "parish",
                            extra=("church_member", member, {**CHURCH_MEMBER, "TOT": "total"}))
    return attach_provenance(tidy, _provenance("KM1", tidy, served))



def by1(urban_area_codes: Iterable[str], network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Population of urban areas (byområder) and rural districts on 1 January by sex and age (BY1).

    Parameters
    ----------
    urban_area_codes : iterable of str
        8-digit ``BYER`` codes (3-digit municipality + 5-digit area number).
    network : bool, default False
        False: last good copy only (there is no snapshot). True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        Tidy population columns, ``level == "urban_area"``; with provenance.
    """
    codes = _codes(urban_area_codes, "urban area codes", "byområdekoder")
    return _by_sex_and_age("BY1", codes, ("BYER", "BY"), "urban_area", network, refresh)



def by3(urban_area_codes: Iterable[str], network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Population, area and density of urban areas on 1 January (BY3).

    Parameters
    ----------
    urban_area_codes : iterable of str
        8-digit ``BYER`` codes.
    network : bool, default False
        False: last good copy only (there is no snapshot). True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level`` (``"urban_area"``), ``period``,
        ``date``, ``persons`` (Int64, ``FOLKETAL``), ``area_km2`` (float,
        ``AREAL``), ``density_per_km2`` (float, ``BEFTAET``); one row per area
        and year. With provenance.
    """
    codes = _codes(urban_area_codes, "urban area codes", "byområdekoder")
    info = tableinfo("BY3", network=network, refresh=refresh)
    area = _find_variable(info, "BYER", prefix="BY")
    measure = _find_variable(info, "FOLKARTAET", prefix="FOLK")
    variables = {area: codes, measure: "*", _time_variable(info): "*", **_sum_other(info, [area, measure])}
    frame, info, served = _fetch("BY3", variables, network=network, refresh=refresh, codes=codes, info=info)
    frame = _with_periods(frame, info)
    names = {v["id"]: _clean_name(v["text"]) for v in _values(info, area)}
    wide = frame.pivot_table(index=[area, "period", "date"], columns=measure, values="INDHOLD",
                             aggfunc="first", dropna=False).reset_index()
    result = pd.DataFrame({
        "area_code": wide[area].astype("str"),
        "area_name": wide[area].map(names).astype("str"),
        "level": "urban_area",
        "period": wide["period"].astype("str"),
        "date": wide["date"].astype("datetime64[us]"),
        "persons": (wide["FOLKETAL"] if "FOLKETAL" in wide else pd.Series(float("nan"), index=wide.index)).round().astype("Int64"),
        "area_km2": wide.get("AREAL", pd.Series(float("nan"), index=wide.index)).astype("float64"),
        "density_per_km2": wide.get("BEFTAET", pd.Series(float("nan"), index=wide.index)).astype("float64"),
    })
    result = result.sort_values(["area_code", "period"], kind="stable").reset_index(drop=True)
    return attach_provenance(result, _provenance("BY3", result, served))



def bev107(area_codes: Iterable[str], network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Births, deaths and migration of municipalities, regions or Denmark per year (BEV107).

    Parameters
    ----------
    area_codes : iterable of str
        DST ``OMRÅDE`` codes (4-digit municipality codes accepted).
    network : bool, default False
        False: last good copy only (there is no snapshot). True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        ``area_code``, ``area_name``, ``level``, ``event_code`` (``BEVÆGELSE``
        code, e.g. ``"B02"``), ``event`` (DST's Danish label), ``sex``
        (``"total"``/``"men"``/``"women"``; total added when not published),
        ``period`` (year), ``date``, ``persons`` (Int64). With provenance.
    """
    codes = _normalize_areas(_codes(area_codes, "area codes", "områdekoder"))
    info = tableinfo("BEV107", network=network, refresh=refresh)
    area = _find_variable(info, "OMRÅDE")
    event = _find_variable(info, "BEVÆGELSE", "BEVAEGELSE", prefix="BEV")
    sex = _find_variable(info, "KØN", "KOEN")
    variables = {area: codes, event: "*", sex: "*", _time_variable(info): "*", **_sum_other(info, [area, event, sex])}
    frame, info, served = _fetch("BEV107", variables, network=network, refresh=refresh, codes=codes, info=info)
    labels = {v["id"]: v["text"] for v in _values(info, event)}
    tidy = _tidy_population(_with_periods(frame, info), info, area, _area_level, sex,
                            extra=("event_code", event, {}))
    tidy = tidy[tidy["event_code"] != "total"].drop(columns=["age", "age_from"])
    tidy.insert(tidy.columns.get_loc("event_code") + 1, "event", tidy["event_code"].map(labels).astype("str"))
    tidy = tidy[["area_code", "area_name", "level", "event_code", "event", "sex", "period", "date", "persons"]]
    tidy = tidy.reset_index(drop=True)
    return attach_provenance(tidy, _provenance("BEV107", tidy, served))



def fly66(municipality_code: str, network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Moves between a municipality and every other municipality, per year (FLY66).

    Parameters
    ----------
    municipality_code : str
        3- or 4-digit municipality code.
    network : bool, default False
        False: last good copy only (there is no snapshot). True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        ``direction`` (``"in"``: moved to the municipality, ``"out"``: moved
        away), ``from_code``, ``from_name``, ``to_code``, ``to_name``, ``period``
        (year), ``date``, ``persons`` (Int64; all ages and both sexes). With
        provenance (the older/weaker of the two requests).
    """
    code = _normalize_areas(_codes([municipality_code], "municipality code", "kommunekode"))[0]
    info = tableinfo("FLY66", network=network, refresh=refresh)
    to_variable = _find_variable(info, "TILKOMMUNE", "TILKOM", prefix="TIL")
    from_variable = _find_variable(info, "FRAKOMMUNE", "FRAKOM", prefix="FRA")
    rest = {_time_variable(info): "*", **_sum_other(info, [to_variable, from_variable])}
    names_to = {v["id"]: _clean_name(v["text"]) for v in _values(info, to_variable)}
    names_from = {v["id"]: _clean_name(v["text"]) for v in _values(info, from_variable)}
    parts = []
    served_all = []
    for direction, selection in (("in", {to_variable: [code], from_variable: "*"}),
                                 ("out", {to_variable: "*", from_variable: [code]})):
        frame, info, served = _fetch("FLY66", {**selection, **rest}, network=network, refresh=refresh, codes=[code], info=info)
        frame = _with_periods(frame, info)
        summed = frame.groupby([from_variable, to_variable, "period", "date"], as_index=False, sort=False)[
            "INDHOLD"].sum(min_count=1)
        parts.append(summed.assign(direction=direction))
        served_all.append(served)
    moves = pd.concat(parts, ignore_index=True)
    result = pd.DataFrame({
        "direction": moves["direction"].astype("str"),
        "from_code": moves[from_variable].astype("str"),
        "from_name": moves[from_variable].map(names_from).astype("str"),
        "to_code": moves[to_variable].astype("str"),
        "to_name": moves[to_variable].map(names_to).astype("str"),
        "period": moves["period"].astype("str"),
        "date": moves["date"].astype("datetime64[us]"),
        "persons": moves["INDHOLD"].round().astype("Int64"),
    })
    worst = max(served_all, key=lambda s: _LEVEL_RANK[s.served_from])
    notes = tuple(dict.fromkeys(n for s in served_all for n in s.notes))
    retrieved = min((s.retrieved for s in served_all if s.retrieved), default=None)
    return attach_provenance(result, _provenance("FLY66", result, _Served(worst.served_from, retrieved, notes)))
