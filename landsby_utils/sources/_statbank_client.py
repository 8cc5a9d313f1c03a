"""Statistics Denmark: the StatBank API client (tableinfo, validated and split BULK requests, last good copy).

Every request is validated against the table's ``tableinfo`` first, sent as a POST
JSON ``BULK`` request (split on the largest variable so no request exceeds
``settings.STATBANK_CELL_LIMIT`` cells) through the shared cached session in
:mod:`landsby_utils._http`, parsed by :mod:`._statbank_parse` and kept as the last
good copy. Public names are re-exported by :mod:`landsby_utils.sources.statbank`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from landsby_utils import _http, settings
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError, SourceError
from landsby_utils.sources._provenance import Note, Provenance, attach_provenance, note
from landsby_utils.sources._statbank_parse import (
    _align,
    _period_label,
    _time_variable,
    _values,
    _variables,
    parse_bulk,
    period_start,
)

#: The publisher key of every StatBank frame (the label ``publisher_dst``).
SOURCE_NAME = "dst"


_LEVEL_RANK = {"live": 0, "cache": 1, "snapshot": 2}



def _url(function: str) -> str:
    return f"{settings.STATBANK_URL.rstrip('/')}/{function}"



def _json_body(text: str) -> Any:
    return json.loads(text.lstrip("\ufeff"))



def _validate_tableinfo(text: str) -> None:
    """Raise :class:`SourceError` unless ``text`` is a usable tableinfo JSON body."""
    if _http.looks_like_html(text):
        raise SourceError("an HTML page instead of tableinfo JSON", "en HTML-side i stedet for tabeloplysninger")
    try:
        parsed = _json_body(text)
    except ValueError as exc:
        raise SourceError(f"tableinfo is not valid JSON (truncated?): {exc}", "tabeloplysningerne er ikke gyldig JSON") from exc
    if isinstance(parsed, dict) and "errorTypeCode" in parsed:
        code, message = _http.provider_message(text)
        raise _http.RequestRejectedError("StatBank tableinfo", 200, code, message)
    variables = parsed.get("variables") if isinstance(parsed, dict) else None
    if not isinstance(variables, list) or not variables:
        raise SourceError("tableinfo has no variables", "tabeloplysningerne har ingen variable")
    for variable in variables:
        if not isinstance(variable, dict) or "id" not in variable or not isinstance(variable.get("values"), list):
            raise SourceError("tableinfo variable without id or values", "tabeloplysningerne har en variabel uden id eller værdier")



def tableinfo(table: str, lang: str = "da", network: bool = False, refresh: bool = False) -> dict[str, Any]:
    """Return a StatBank table's metadata (variables, value codes and labels).

    Parameters
    ----------
    table : str
        Table id, e.g. ``"FOLK1A"`` (case-insensitive).
    lang : {"da", "en"}
        Language of the labels.
    network : bool, default False
        False: only the last good copy. True: ask StatBank (through the HTTP
        cache), falling back to the last good copy.
    refresh : bool, default False
        Bypass the HTTP cache (only with ``network=True``).

    Returns
    -------
    dict
        The tableinfo JSON (``id``, ``text``, ``unit``, ``suppressedDataValue``,
        ``updated``, ``variables[{id, text, elimination, time, values[{id, text}]}]``).

    Raises
    ------
    InvalidArgumentError
        StatBank has no such table.
    DataUnavailableError
        No live answer (or ``network=False``) and no cached copy.
    """
    table = _check_table(table)
    key = {"table": table, "lang": lang}
    failure = ""
    if network:
        try:
            response = _http.request(
                "POST",
                _url("tableinfo"),
                json_body={"table": table, "format": "JSON", "lang": lang},
                validate=_validate_tableinfo,
                refresh=refresh,
                what=f"StatBank tableinfo {table}",
            )
        except _http.RequestRejectedError as exc:
            if exc.error_code == "EXTRACT-NOTFOUND" or exc.status in (400, 404):
                raise InvalidArgumentError(
                    f"StatBank has no table {table!r} ({exc.provider_message})",
                    f"Danmarks Statistik har ingen tabel {table!r} ({exc.provider_message})",
                ) from exc
            raise
        except _http.SourceUnavailableError as exc:
            failure = exc.message
        else:
            info = _json_body(response.text)
            _http.save_last_good("statbank-tableinfo", key, response.text, {"updated": info.get("updated")},
                                 response.fetched_at)
            return info
    entry = _http.load_last_good("statbank-tableinfo", key)
    if entry is not None:
        return _json_body(entry.body())
    raise _unavailable(table, "tabeloplysninger", failure)



def _check_table(table: str) -> str:
    if not isinstance(table, str) or not re.fullmatch(r"[A-Za-z0-9_]{2,20}", table):
        raise InvalidArgumentError(
            f"table must be a StatBank table id such as 'FOLK1A', not {table!r}",
            f"Tabellen skal være et tabel-id fra Statistikbanken, fx 'FOLK1A', ikke {table!r}",
        )
    return table.upper()



def _unavailable(table: str, what_da: str, failure: str, codes: Sequence[str] = ()) -> DataUnavailableError:
    shown = f" for {', '.join(codes)}" if codes else ""
    why = f" (live request failed: {failure})" if failure else " (the network was not used)"
    why_da = f" (hentning mislykkedes: {failure})" if failure else ""
    error = DataUnavailableError(
        f"No StatBank data {table}{shown}: not in the local cache{why} and there is no bundled snapshot. "
        "Run `landsby fetch <cluster>` with a network connection.",
        f"Der er ingen {what_da} fra Danmarks Statistik ({table}){shown}: de er ikke hentet endnu{why_da}. "
        "Kør `landsby fetch <klynge>` med netforbindelse.",
    )
    error.failure = failure  # the network's own reason, for fallbacks that say why they answered instead
    return error



def _listing(codes: Sequence[str], limit: int = 30) -> str:
    shown = ", ".join(codes[:limit])
    return shown + (f", … ({len(codes)} in all)" if len(codes) > limit else "")



def validate_selection(info: Mapping[str, Any], variables: Mapping[str, str | Sequence[str]]) -> dict[str, list[str]]:
    """Check a variable selection against tableinfo and expand ``"*"``.

    Parameters
    ----------
    info : dict
        The table's tableinfo.
    variables : mapping
        Variable id → list of value codes, or ``"*"`` for every value. Variable
        ids are matched case-insensitively (``"tid"`` → ``"Tid"``). BULK needs a
        value for every variable of the table.

    Returns
    -------
    dict of str to list of str
        Variable id → value codes, in the table's variable order.

    Raises
    ------
    InvalidArgumentError
        An unknown variable or value (the valid ones are listed), a missing
        variable, or an empty selection.
    """
    table = info.get("id", "?")
    ids = [v["id"] for v in _variables(info)]
    by_lower = {i.lower(): i for i in ids}
    chosen: dict[str, list[str]] = {}
    for code, values in variables.items():
        variable = by_lower.get(str(code).lower())
        if variable is None:
            raise InvalidArgumentError(
                f"table {table} has no variable {code!r}; valid variables: {', '.join(ids)}",
                f"Tabellen {table} har ingen variabel {code!r}; gyldige variable: {', '.join(ids)}",
            )
        valid = [v["id"] for v in _values(info, variable)]
        if isinstance(values, str):
            values = valid if values == "*" else [values]
        values = [str(v) for v in values]
        if not values:
            raise InvalidArgumentError(
                f"no values chosen for {variable} in {table}; valid values: {_listing(valid)}",
                f"Der er ikke valgt værdier for {variable} i {table}; gyldige værdier: {_listing(valid)}",
            )
        unknown = [v for v in values if v not in set(valid)]
        if unknown:
            raise InvalidArgumentError(
                f"{variable} in {table} has no value {', '.join(map(repr, unknown[:10]))}; valid values: {_listing(valid)}",
                f"{variable} i {table} har ingen værdi {', '.join(map(repr, unknown[:10]))}; gyldige værdier: {_listing(valid)}",
            )
        chosen[variable] = list(dict.fromkeys(values))
    missing = [i for i in ids if i not in chosen]
    if missing:
        raise InvalidArgumentError(
            f"BULK requests on {table} need values for every variable; missing: {', '.join(missing)}",
            f"Udtræk fra {table} skal have værdier for alle variable; mangler: {', '.join(missing)}",
        )
    return {i: chosen[i] for i in ids}



def cells(selection: Mapping[str, Sequence[str]]) -> int:
    """Number of cells (rows) a selection asks for."""
    return math.prod(len(values) for values in selection.values())



def split_selection(selection: Mapping[str, Sequence[str]], limit: int) -> list[dict[str, list[str]]]:
    """Split a selection on its largest variable so that no part has more than ``limit`` cells.

    Parameters
    ----------
    selection : mapping
        Variable → value codes.
    limit : int
        Most cells per part.

    Returns
    -------
    list of dict
        Parts whose union is the selection; a single part when it fits.
    """
    selection = {k: list(v) for k, v in selection.items()}
    if cells(selection) <= limit or limit < 1:
        return [selection]
    largest = max(selection, key=lambda k: len(selection[k]))
    rest = cells(selection) // len(selection[largest])
    size = max(1, limit // rest)
    parts = []
    values = selection[largest]
    for start in range(0, len(values), size):
        part = {**selection, largest: values[start:start + size]}
        parts.extend(split_selection(part, limit) if cells(part) > limit else [part])
    return parts



def _bulk_validator(expected_rows: int, lang: str) -> _http.Validator:
    def validate(text: str) -> None:
        frame = parse_bulk(text, lang)
        lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
        width = lines[0].count(";")
        ragged = next((n for n, line in enumerate(lines[1:], start=2) if line.count(";") != width), None)
        if ragged is not None:
            raise SourceError(f"line {ragged} has the wrong number of fields (truncated?)", f"linje {ragged} har forkert antal felter")
        if len(frame) != expected_rows:
            raise SourceError(
                f"{len(frame)} rows instead of the {expected_rows} asked for (truncated?)",
                f"{len(frame)} rækker i stedet for de {expected_rows} bestilte (afbrudt?)",
            )

    return validate



@dataclass(frozen=True)
class _Served:
    served_from: str
    retrieved: str | None
    notes: tuple[Note, ...] = ()



def _fetch_live(table: str, info: Mapping[str, Any], selection: dict[str, list[str]], lang: str,
                refresh: bool) -> tuple[str, _http.Response, bool]:
    """Send the (split) BULK requests; return the combined body, the oldest answer and whether all came from cache."""
    header = None
    rows: list[str] = []
    answers = []
    for part in split_selection(selection, int(settings.STATBANK_CELL_LIMIT)):
        payload = {
            "table": table,
            "format": "BULK",
            "lang": lang,
            "valuePresentation": "Code",
            "variables": [{"code": code, "values": values} for code, values in part.items()],
        }
        answer = _http.request(
            "POST", _url("data"), json_body=payload, validate=_bulk_validator(cells(part), lang),
            refresh=refresh, what=f"StatBank {table}",
        )
        lines = [line for line in answer.text.lstrip("\ufeff").splitlines() if line.strip()]
        header = header or lines[0]
        rows.extend(lines[1:])
        answers.append(answer)
    oldest = min(answers, key=lambda a: a.fetched_at)
    return "\n".join([header or "", *rows]) + "\n", oldest, all(a.from_cache for a in answers)



def _covers(table: str, lang: str, selection: Mapping[str, Sequence[str]]):
    def covers(entry: _http.Entry) -> bool:
        key = entry.key
        if key.get("table") != table or key.get("lang") != lang:
            return False
        have = key.get("selection", {})
        return all(set(values) <= set(have.get(variable, ())) for variable, values in selection.items())

    return covers



def _fetch(table: str, variables: Mapping[str, str | Sequence[str]], lang: str = "da", network: bool = False,
           refresh: bool = False, codes: Sequence[str] = (),
           info: dict[str, Any] | None = None) -> tuple[pd.DataFrame, dict[str, Any], _Served]:
    """Live → last good copy; raise DataUnavailableError when neither answers."""
    table = _check_table(table)
    if info is None:
        info = tableinfo(table, lang, network=network, refresh=refresh)
    selection = validate_selection(info, variables)
    suppressed = info.get("suppressedDataValue")
    key = {"table": table, "lang": lang, "selection": selection}
    failure = ""
    if network:
        try:
            body, answer, from_cache = _fetch_live(table, info, selection, lang, refresh)
        except _http.RequestRejectedError:
            raise
        except _http.SourceUnavailableError as exc:
            failure = exc.message
        else:
            _http.save_last_good("statbank-data", key, body, {"updated": info.get("updated")}, answer.fetched_at)
            frame = _align(parse_bulk(body, lang, suppressed), info)
            retrieved = answer.fetched_at.date().isoformat()
            return frame, info, _Served("cache" if from_cache else "live", retrieved)
    entry = _http.load_last_good("statbank-data", key) or _http.find_last_good(
        "statbank-data", _covers(table, lang, selection)
    )
    if entry is None:
        raise _unavailable(table, "tal", failure, codes)
    frame = _align(parse_bulk(entry.body(), lang, suppressed), info)
    for variable, values in selection.items():
        frame = frame[frame[variable].isin(values)]
    notes = (note("statbank_cache_fallback", table=table, failure=failure, date=entry.retrieved_date),) if failure else ()
    return frame.reset_index(drop=True), info, _Served("cache", entry.retrieved_date, notes)



def _provenance(table: str, frame: pd.DataFrame, served: _Served) -> Provenance:
    dates = frame["date"].dropna() if "date" in frame else pd.Series(dtype="datetime64[us]")
    reference = dates.max().date().isoformat() if len(dates) else ""
    return Provenance(
        source=SOURCE_NAME,
        table=table,
        licence=settings.LICENCE_DST,
        reference_date=reference,
        served_from=served.served_from,  # type: ignore[arg-type]
        retrieved=served.retrieved,
        notes=served.notes,
    )



def data(table: str, variables: Mapping[str, str | Sequence[str]], lang: str = "da", network: bool = False,
         refresh: bool = False) -> pd.DataFrame:
    """Any StatBank table as a frame of codes and values.

    Parameters
    ----------
    table : str
        Table id, e.g. ``"BY3"``.
    variables : mapping
        Variable id → value codes or ``"*"``; every variable of the table must be
        given (BULK). Checked against :func:`tableinfo` before any data request.
    lang : {"da", "en"}
        Language of the request (Danish bodies use a decimal comma).
    network : bool, default False
        False: last good copy only. True: live → last good copy.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        One column per variable (named by variable id, holding value codes),
        ``INDHOLD`` (float, ``NaN`` for ``..`` and ``suppressedDataValue``),
        ``period`` (``"2025Q1"`` style) and ``date`` (first day of the period);
        provenance attached (``reference_date`` = latest period).

    Raises
    ------
    InvalidArgumentError
        Unknown table, variable or value (valid ones listed).
    DataUnavailableError
        No live answer and no cached copy.
    _http.RequestRejectedError
        StatBank refused the request (e.g. ``REQUEST-LIMIT``).
    """
    frame, info, served = _fetch(table, variables, lang, network, refresh)
    time_variable = _time_variable(info)
    frame["period"] = frame[time_variable].map(_period_label)
    frame["date"] = pd.to_datetime(frame[time_variable].map(period_start)).astype("datetime64[us]")
    return attach_provenance(frame, _provenance(_check_table(table), frame, served))
