"""Births, deaths and moves by parish (StatBank KMSTA003), validated against ``tableinfo`` first.

There is no bundled snapshot of these figures: they come only from StatBank, through
:mod:`landsby_utils.sources.statbank` (``network=False``: the last good copy a ``landsby fetch``
left in the cache; ``network=True``: live, then that copy). Offline with nothing cached,
:func:`parish_vitals` returns None and the page says how to get the figures.

The variable codes are never assumed: :func:`parish_vitals` asks ``tableinfo`` for the table's
variables and picks the parish variable (``SOGN``), the time variable and the movement variable
by what tableinfo says, and the movement codes by their Danish labels (:data:`PARISH_COMPONENTS`).
Labels it does not know are left out and named in a provenance note; a table without births
or deaths is refused with a message naming the labels it has.

Tidy columns: ``parish_code`` (4 digits), ``year`` (int), ``component`` (a value of
:data:`PARISH_COMPONENTS`), ``persons`` (``Int64``; ``<NA>`` where StatBank shows ``..``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from landsby_utils._errors import DataUnavailableError, SourceError
from landsby_utils.sources import statbank
from landsby_utils.sources._provenance import attach_provenance, note, provenance_of

#: The StatBank table with summary vital statistics by parish (2015– in 2025).
PARISH_TABLE = "KMSTA003"
#: Danish movement labels (lower case, as tableinfo gives them with ``lang="da"``) → component key.
PARISH_COMPONENTS: dict[str, str] = {
    "levendefødte": "births",
    "døde": "deaths",
    "tilflyttede": "moves_in",
    "fraflyttede": "moves_out",
}
#: Components the page needs; a table without them is refused.
REQUIRED = ("births", "deaths")
#: The order of the components in frames and tables.
ORDER = ("births", "deaths", "moves_in", "moves_out")
COLUMNS = ["parish_code", "year", "component", "persons"]
_TOTALS = ("TOT", "IALT", "I ALT", "TOTAL")


def _label(text: str) -> str:
    return " ".join(str(text).split()).lower()


def _refuse(what: str, what_da: str) -> SourceError:
    return SourceError(f"{PARISH_TABLE}: {what}", f"{PARISH_TABLE}: {what_da}")


def plan(info: dict[str, Any], parish_codes: Sequence[str]) -> tuple[dict[str, Any], tuple[str, str], dict[str, str],
                                                                list[str], list[str]]:
    """The data request for ``parish_codes``, chosen from ``tableinfo`` only.

    Parameters
    ----------
    info : dict
        The table's tableinfo (Danish labels).
    parish_codes : sequence of str
        4-digit parish codes.

    Returns
    -------
    tuple
        (variables for :func:`statbank.data`, (parish variable id, movement variable id),
        movement code → component key, parish codes the table does not list, movement labels left out).

    Raises
    ------
    SourceError
        No ``SOGN`` or time variable, no movement variable with births and deaths, or another
        variable without a total (the message names what tableinfo has).
    """
    variables = info["variables"]
    by_id = {v["id"].upper(): v for v in variables}
    if "SOGN" not in by_id:
        ids = ", ".join(v["id"] for v in variables)
        raise _refuse(f"no SOGN variable (tableinfo has {ids})", f"ingen SOGN-variabel (tabellen har {ids})")
    parish = by_id["SOGN"]
    time = next((v for v in variables if v.get("time") or v["id"].lower() == "tid"), None)
    if time is None:
        raise _refuse("no time variable", "ingen tidsvariabel")
    others = [v for v in variables if v is not parish and v is not time]
    movement = next((v for v in others if any(_label(x["text"]) in PARISH_COMPONENTS for x in v["values"])), None)
    if movement is None:
        labels = "; ".join(f"{v['id']}: {', '.join(x['text'] for x in v['values'][:12])}" for v in others)
        raise _refuse(f"no movement variable with known labels ({labels})", f"ingen bevægelsesvariabel med kendte betegnelser ({labels})")
    codes = {x["id"]: PARISH_COMPONENTS[_label(x["text"])] for x in movement["values"] if _label(x["text"]) in PARISH_COMPONENTS}
    unknown = [x["text"] for x in movement["values"] if _label(x["text"]) not in PARISH_COMPONENTS]
    lacking = [key for key in REQUIRED if key not in codes.values()]
    if lacking:
        labels = ", ".join(x["text"] for x in movement["values"])
        raise _refuse(f"{movement['id']} has no label for {', '.join(lacking)}; its labels: {labels}",
                      f"{movement['id']} har ingen betegnelse for {', '.join(lacking)}; betegnelserne er: {labels}")
    listed = {x["id"] for x in parish["values"]}
    chosen = {parish["id"]: [c for c in parish_codes if c in listed], movement["id"]: list(codes), time["id"]: "*"}
    for variable in others:
        if variable is movement:
            continue
        total = next((x["id"] for x in variable["values"]
                      if x["id"].upper() in _TOTALS or _label(x["text"]) in ("i alt", "total")), None)
        if total is None:
            raise _refuse(f"variable {variable['id']} has no total", f"variablen {variable['id']} har ingen total")
        chosen[variable["id"]] = [total]
    missing = [c for c in parish_codes if c not in listed]
    return chosen, (parish["id"], movement["id"]), codes, missing, unknown


def _years(values: Iterable[int]) -> str:
    years = sorted(set(int(y) for y in values))
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")


def parish_vitals(parish_codes: Sequence[str], network: bool = False, refresh: bool = False) -> pd.DataFrame | None:
    """Births, deaths and moves in and out per parish and year (KMSTA003), for the given parishes only.

    Parameters
    ----------
    parish_codes : sequence of str
        4-digit parish codes (a cluster's ``parish_codes``).
    network : bool, default False
        False: the last good copy ``landsby fetch`` left, if any. True: StatBank live first.
    refresh : bool, default False
        Bypass the HTTP cache (with ``network=True``).

    Returns
    -------
    pandas.DataFrame or None
        The tidy columns (module docstring) with provenance (notes: which years, unknown labels
        left out, parishes the table lacks); None offline when nothing is cached.

    Raises
    ------
    LandsbyError
        StatBank refused the request, its tableinfo lacks what the page needs (the message names
        what it has), or (``network=True``) nothing answered and nothing is cached.
    """
    codes = [str(c).zfill(4) for c in parish_codes]
    try:
        info = statbank.tableinfo(PARISH_TABLE, network=network, refresh=refresh)
    except DataUnavailableError:
        if network:
            raise
        return None
    variables, (parish_var, movement_var), components, missing, unknown = plan(info, codes)
    if not variables[parish_var]:
        raise _refuse(f"none of the parishes {', '.join(codes)} is listed", f"ingen af sognene {', '.join(codes)} findes i tabellen")
    try:
        raw = statbank.data(PARISH_TABLE, variables, network=network, refresh=refresh)
    except DataUnavailableError:
        if network:
            raise
        return None
    served = provenance_of(raw)
    tidy = pd.DataFrame({
        "parish_code": raw[parish_var].astype(str).str.zfill(4),
        "year": raw["period"].str[:4].astype(int),
        "component": raw[movement_var].astype(str).map(components),
        "persons": raw["INDHOLD"].round().astype("Int64"),
    }).dropna(subset=["component"])
    order = {key: i for i, key in enumerate(ORDER)}
    tidy = tidy.sort_values(["parish_code", "year", "component"], key=lambda s: s.map(order) if s.name == "component" else s)
    notes = [note("parish_moves_years", table=PARISH_TABLE, years=_years(tidy["year"]))]
    if unknown:
        notes.append(note("parish_moves_unknown_labels", table=PARISH_TABLE, labels=", ".join(unknown)))
    if missing:
        notes.append(note("parish_moves_missing", table=PARISH_TABLE, codes=", ".join(missing)))
    provenance = dataclasses.replace(served, notes=(*served.notes, *notes))
    frame = attach_provenance(tidy[COLUMNS].reset_index(drop=True), provenance)
    frame.attrs["missing_codes"] = missing
    return frame
