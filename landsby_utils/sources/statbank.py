"""Statistics Denmark (Danmarks Statistik): StatBank API adapter and the bundled FOLK1B snapshot.

Live tables come from the StatBank API (``settings.STATBANK_URL``) through the
shared cached session in :mod:`landsby_utils._http`: every request is validated
against the table's ``tableinfo`` first, sent as a POST JSON ``BULK`` request
(split on the largest variable so no request exceeds
``settings.STATBANK_CELL_LIMIT`` cells), parsed (``;`` separator, BOM, decimal
comma for Danish, ``..`` and the table's ``suppressedDataValue`` as missing) and
kept as the last good copy.

Network policy: every reader takes ``network`` (default False). With
``network=False`` (dashboards) a reader never touches the network: it reads the
last good copy, else the bundled snapshot (FOLK1B, for area populations via
:func:`population_by_area`), else raises :class:`DataUnavailableError`. With
``network=True`` (``landsby fetch``) it tries live → last good copy → snapshot,
and the frame's provenance (``served_from``, ``note``) says which level answered
and why.

Tidy population columns
-----------------------
``area_code``  DST area code: ``"000"`` Denmark, ``"081"``–``"085"`` regions,
               3-digit municipality code (``"760"``), 4-digit parish code
               (``"8752"``), 8-digit urban-area code (``"76000101"``).
``area_name``  Danish name.
``level``      ``"country"``, ``"region"``, ``"municipality"``, ``"parish"`` or ``"urban_area"``.
``sex``        ``"total"``, ``"men"``, ``"women"``.
``age``        ``"total"``, a single year such as ``"37"`` (FOLK1A, SOGN1, BY1)
               or a band such as ``"0-4"`` / ``"100+"`` (FOLK1B, :func:`population_by_area`).
``age_from``   lower bound of the age or band (``-1`` for total).
``period``     period code, e.g. ``"2020Q1"`` (quarters written with ``Q``) or ``"2025"``.
``date``       first day of the period (``datetime64``).
``persons``    number of persons (``Int64``; ``<NA>`` where DST shows no figure).

Totals that a table does not publish (e.g. SOGN1 has no sex or age total) are
added as the sum of the published cells; cells DST leaves out count as not shown
in such sums (``min_count=1``).
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from landsby_utils import _http, settings
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError, SourceError
from landsby_utils.sources._provenance import Provenance, attach_provenance, provenance_of

#: DST region codes (FOLK1A/FOLK1B ``OMRÅDE``).
REGION_CODES: dict[str, str] = {
    "Region Nordjylland": "081",
    "Region Midtjylland": "082",
    "Region Syddanmark": "083",
    "Region Hovedstaden": "084",
    "Region Sjælland": "085",
}
COUNTRY_CODE = "000"
COUNTRY_NAME_DA = "Hele landet"

#: English StatBank labels whose Danish (DAGI) name differs.
_ENGLISH_LABELS = {"Copenhagen": "København", "Høje-Taastrup": "Høje Taastrup", "All Denmark": COUNTRY_NAME_DA}
_SEX = {"Total": "total", "Men": "men", "Women": "women"}

FOLK1B_SNAPSHOT = Provenance(
    source="Danmarks Statistik",
    table="FOLK1B",
    licence=settings.LICENCE_DST,
    reference_date="2020-01-01",
    served_from="snapshot",
)


def municipality_code_dst(code: str) -> str:
    """Convert a 4-digit DAGI municipality code to DST's 3 digits (``"0760"`` → ``"760"``)."""
    return code[-3:]


def _age_band(label: str) -> tuple[str, int]:
    if label == "Total":
        return "total", -1
    if label.startswith("100"):
        return "100+", 100
    low, high = label.replace(" years", "").split("-")
    return f"{int(low)}-{int(high)}", int(low)


@lru_cache(maxsize=2)
def _read_folk1b(quarterly: bool) -> pd.DataFrame:
    from landsby_utils.sources.geodata import _municipalities

    path = settings.FOLK1B_QUARTERLY_CSV if quarterly else settings.FOLK1B_Q1_CSV
    raw = pd.read_csv(path, sep=";", dtype={"INDHOLD": "Int64"}, encoding="utf-8-sig")
    names = dict(zip(_municipalities()["name"], _municipalities()["municipality_code"], strict=True))

    # StatBank lists each region before its municipalities: record that membership.
    region_of: dict[str, str] = {}
    current = None
    codes: dict[str, tuple[str, str, str]] = {}
    for label in raw["OMRÅDE"].drop_duplicates():
        name = _ENGLISH_LABELS.get(label, label)
        if label in REGION_CODES:
            current = REGION_CODES[label]
            codes[label] = (current, name, "region")
        elif name == COUNTRY_NAME_DA:
            codes[label] = (COUNTRY_CODE, name, "country")
        else:
            code = municipality_code_dst(names[name])
            codes[label] = (code, name, "municipality")
            if current:
                region_of[code] = current
    ages = {label: _age_band(label) for label in raw["ALDER"].drop_duplicates()}
    frame = pd.DataFrame(
        {
            "area_code": raw["OMRÅDE"].map(lambda v: codes[v][0]),
            "area_name": raw["OMRÅDE"].map(lambda v: codes[v][1]),
            "level": raw["OMRÅDE"].map(lambda v: codes[v][2]),
            "sex": raw["KØN"].map(_SEX),
            "age": raw["ALDER"].map(lambda v: ages[v][0]),
            "age_from": raw["ALDER"].map(lambda v: ages[v][1]).astype("int64"),
            "period": raw["TID"],
            "date": pd.PeriodIndex(raw["TID"].str.replace("Q", "-Q"), freq="Q").start_time,
            "persons": raw["INDHOLD"],
        }
    )
    frame.attrs["region_of"] = region_of
    return frame


def folk1b_from_snapshot(quarterly: bool = False) -> pd.DataFrame:
    """Population by area, sex and 5-year age group from the bundled FOLK1B snapshot.

    Parameters
    ----------
    quarterly : bool, default False
        False: 1 January of 2008–2020 for all 105 areas. True: every quarter
        2008Q1–2020Q4 for Denmark, Region Midtjylland, Ringkøbing-Skjern and Holstebro.

    Returns
    -------
    pandas.DataFrame
        Tidy columns as described in the module docstring, with provenance.
    """
    frame = _read_folk1b(quarterly).copy()
    frame.attrs = {}
    return attach_provenance(frame, FOLK1B_SNAPSHOT)


def region_of_municipality(municipality_code: str) -> tuple[str, str]:
    """Return the DST region code and name of a municipality.

    Parameters
    ----------
    municipality_code : str
        3- or 4-digit municipality code.

    Returns
    -------
    tuple of str
        ``(region_code, region_name)``, e.g. ``("082", "Region Midtjylland")``.

    Raises
    ------
    InvalidArgumentError
        If the code is not a municipality in the source.
    """
    region_of = _read_folk1b(False).attrs["region_of"]
    code = municipality_code_dst(municipality_code)
    if code not in region_of:
        raise InvalidArgumentError(
            f"municipality_code {municipality_code!r} is not a municipality in FOLK1B",
            f"Kommunekoden {municipality_code!r} findes ikke i Danmarks Statistiks tabel",
        )
    region = region_of[code]
    return region, next(name for name, c in REGION_CODES.items() if c == region)


# --- StatBank API ---------------------------------------------------------------------------

SOURCE_NAME = "Danmarks Statistik"
_MISSING = ".."
_SEX_CODES = {"TOT": "total", "IALT": "total", "1": "men", "2": "women", "M": "men", "K": "women"}
_SEX_ORDER = {"total": 0, "men": 1, "women": 2}
_TOTAL_CODES = ("TOT", "IALT", "TOT1", "I ALT")
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


def _variables(info: Mapping[str, Any]) -> list[dict[str, Any]]:
    return list(info["variables"])


def _time_variable(info: Mapping[str, Any]) -> str:
    for variable in _variables(info):
        if variable.get("time"):
            return variable["id"]
    for variable in _variables(info):
        if variable["id"].lower() == "tid":
            return variable["id"]
    raise SourceError(f"table {info.get('id')} has no time variable", f"Tabellen {info.get('id')} har ingen tidsvariabel")


def _find_variable(info: Mapping[str, Any], *candidates: str, prefix: str | None = None) -> str:
    """The id of the variable named like one of ``candidates`` (case-insensitive) or starting with ``prefix``."""
    ids = [v["id"] for v in _variables(info)]
    lowered = {i.lower(): i for i in ids}
    for candidate in candidates:
        if candidate.lower() in lowered:
            return lowered[candidate.lower()]
    if prefix:
        for i in ids:
            if i.lower().startswith(prefix.lower()):
                return i
    raise SourceError(
        f"table {info.get('id')} has no variable {' / '.join(candidates) or prefix}; it has {', '.join(ids)}",
        f"Tabellen {info.get('id')} har ingen variabel {' / '.join(candidates) or prefix}; den har {', '.join(ids)}",
    )


def _values(info: Mapping[str, Any], variable: str) -> list[dict[str, str]]:
    return next(v["values"] for v in _variables(info) if v["id"] == variable)


def _total_value(info: Mapping[str, Any], variable: str) -> str | None:
    """The code of the variable's "total" value, if the table has one."""
    for value in _values(info, variable):
        if value["id"].upper() in _TOTAL_CODES or str(value.get("text", "")).lower().endswith("i alt"):
            return value["id"]
    return None


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


_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def parse_bulk(text: str, lang: str = "da", suppressed_value: str | None = None) -> pd.DataFrame:
    """Parse a StatBank CSV/BULK body.

    Parameters
    ----------
    text : str
        The body: ``;``-separated, optionally starting with a BOM, last column ``INDHOLD``.
    lang : {"da", "en"}
        ``"da"`` bodies use a decimal comma (``37,7``).
    suppressed_value : str, optional
        The table's ``suppressedDataValue``; read as missing, like ``..``.

    Returns
    -------
    pandas.DataFrame
        One string column per variable as headed in the body, and ``INDHOLD``
        as float (``NaN`` where DST shows no figure).

    Raises
    ------
    SourceError
        The body is not a StatBank table (HTML, JSON error, no ``INDHOLD``, bad numbers).
    """
    body = text.lstrip("\ufeff")
    if _http.looks_like_html(body):
        raise SourceError("an HTML page instead of CSV", "en HTML-side i stedet for CSV")
    if body.lstrip().startswith("{"):
        code, message = _http.provider_message(body)
        raise _http.RequestRejectedError("StatBank data", 200, code, message)
    try:
        frame = pd.read_csv(io.StringIO(body), sep=";", dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceError(f"not a StatBank CSV body: {exc}", "svaret er ikke en CSV-tabel fra Statistikbanken") from exc
    if not len(frame.columns) or frame.columns[-1].strip() != "INDHOLD":
        raise SourceError("CSV header does not end in INDHOLD", "CSV-overskriften slutter ikke med INDHOLD")
    frame.columns = [c.strip() for c in frame.columns]
    raw = frame["INDHOLD"].str.strip()
    # A table's suppressedDataValue marks cells not shown; when it is a number (SOGN1 says "0") it cannot be told
    # from a true count, and zeros are zeros: only ".." and non-numeric markers are missing.
    marker = {suppressed_value} if suppressed_value is not None and not _NUMBER.match(str(suppressed_value).strip()) else set()
    missing = raw.isin({_MISSING, ""} | marker)
    numbers = raw.where(~missing, None)
    if lang == "da":
        numbers = numbers.str.replace(",", ".", regex=False)
    try:
        frame["INDHOLD"] = pd.to_numeric(numbers, errors="raise").astype("float64")
    except (ValueError, TypeError) as exc:
        raise SourceError(f"INDHOLD has a value that is not a number: {exc}", "INDHOLD har en værdi, der ikke er et tal") from exc
    return frame


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


def _align(frame: pd.DataFrame, info: Mapping[str, Any]) -> pd.DataFrame:
    """Name columns by variable id and turn labels into codes where a body carries labels."""
    variables = _variables(info)
    by_name = {}
    for variable in variables:
        by_name[variable["id"].lower()] = variable
        by_name.setdefault(str(variable.get("text", "")).lower(), variable)
    value_columns = [c for c in frame.columns if c != "INDHOLD"]
    renamed = {}
    for position, column in enumerate(value_columns):
        variable = by_name.get(column.lower())
        if variable is None and len(value_columns) == len(variables):
            variable = variables[position]
        if variable is None:
            raise SourceError(f"column {column!r} is not a variable of {info.get('id')}", f"kolonnen {column!r} findes ikke i {info.get('id')}")
        renamed[column] = variable["id"]
    frame = frame.rename(columns=renamed)
    for variable in variables:
        column = variable["id"]
        if column not in frame.columns:
            continue
        ids = {v["id"] for v in variable["values"]}
        if not set(frame[column]) <= ids:
            text_to_id = {v["text"]: v["id"] for v in variable["values"]}
            mapped = frame[column].map(text_to_id)
            if mapped.notna().all():
                frame[column] = mapped.astype(str)
    return frame


@dataclass(frozen=True)
class _Served:
    served_from: str
    retrieved: str | None
    note: str = ""


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
    note = ""
    if failure:
        note = (f"Kunne ikke hente {table} fra Danmarks Statistik nu ({failure}); "
                f"viser seneste gemte udtræk fra {entry.retrieved_date}.")
    return frame.reset_index(drop=True), info, _Served("cache", entry.retrieved_date, note)


def period_start(code: str) -> pd.Timestamp:
    """First day of a StatBank period code (``2025``, ``2025K1``, ``2025Q1``, ``2025M03``, ``2025H1``, ``2020U01``).

    Raises
    ------
    SourceError
        For a code in no known form.
    """
    if m := re.fullmatch(r"(\d{4})", code):
        return pd.Timestamp(int(m[1]), 1, 1)
    if m := re.fullmatch(r"(\d{4})[KQ]([1-4])", code):
        return pd.Timestamp(int(m[1]), 3 * int(m[2]) - 2, 1)
    if m := re.fullmatch(r"(\d{4})M(\d{2})", code):
        return pd.Timestamp(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})H([12])", code):
        return pd.Timestamp(int(m[1]), 6 * int(m[2]) - 5, 1)
    if m := re.fullmatch(r"(\d{4})U(\d{2})", code):
        return pd.Timestamp.fromisocalendar(int(m[1]), int(m[2]), 1)
    raise SourceError(f"unknown period code {code!r}", f"ukendt periodekode {code!r}")


def _period_label(code: str) -> str:
    return re.sub(r"^(\d{4})K([1-4])$", r"\1Q\2", code)


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
        note=served.note,
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


# --- tidy population -----------------------------------------------------------------------


def _age(code: str, text: str = "") -> tuple[str, int]:
    upper = code.upper()
    if upper in ("IALT", "TOT") or text.lower().startswith("alder i alt"):
        return "total", -1
    if m := re.fullmatch(r"(\d+)(?:-|OV|\+)", upper):
        return f"{int(m[1])}+", int(m[1])
    if m := re.fullmatch(r"(\d+)-(\d+)", code):
        return f"{int(m[1])}-{int(m[2])}", int(m[1])
    if m := re.fullmatch(r"(\d+)", code):
        return str(int(m[1])), int(m[1])
    raise SourceError(f"unknown age code {code!r}", f"ukendt alderskode {code!r}")


def _clean_name(text: str) -> str:
    """``"8752 Hee"`` / ``"760-00101 Ringkøbing"`` → the name DST gives after its code."""
    name = re.sub(r"^\d[\d-]*\s+", "", str(text)).strip()
    # SOGN1 labels parishes "Hee (Ringkøbing-Skjern Kommune)", border parishes with two municipalities.
    name = re.sub(r"\s*\((?:[^()]*\b(?:Kommune|Municipality))(?:,\s*[^()]*\b(?:Kommune|Municipality))*\)$", "", name)
    return _ENGLISH_LABELS.get(name, name)


def _area_level(code: str) -> str:
    if code == COUNTRY_CODE:
        return "country"
    if code in REGION_CODES.values():
        return "region"
    return "municipality"


def _tidy_population(frame: pd.DataFrame, info: Mapping[str, Any], area_variable: str, level,
                     sex_variable: str | None = None, age_variable: str | None = None,
                     extra: tuple[str, str, Mapping[str, str]] | None = None) -> pd.DataFrame:
    """Turn a StatBank frame into tidy population rows (adding unpublished totals)."""
    names = {v["id"]: _clean_name(v["text"]) for v in _values(info, area_variable)}
    age_text = {v["id"]: v["text"] for v in _values(info, age_variable)} if age_variable else {}
    work = pd.DataFrame({
        "area_code": frame[area_variable].astype(str),
        "sex": frame[sex_variable].map(lambda c: _SEX_CODES.get(str(c).upper())) if sex_variable else "total",
        "age_code": frame[age_variable].astype(str) if age_variable else "IALT",
        "period": frame["period"],
        "date": frame["date"],
        "value": frame["INDHOLD"],
    })
    if work["sex"].isna().any():
        raise SourceError(f"unknown sex code in {info.get('id')}", f"ukendt kønskode i {info.get('id')}")
    keys = ["area_code", "sex", "age_code", "period", "date"]
    if extra:
        column, variable, mapping = extra
        work[column] = frame[variable].map(lambda c: mapping.get(str(c), str(c)))
        keys.append(column)
    if (work["sex"] != "total").all():
        others = [k for k in keys if k != "sex"]
        totals = work.groupby(others, as_index=False, sort=False)["value"].sum(min_count=1)
        work = pd.concat([work, totals.assign(sex="total")], ignore_index=True)
    ages = work["age_code"].map(lambda c: _age(c, age_text.get(c, "")))
    work["age"] = ages.map(lambda a: a[0])
    work["age_from"] = ages.map(lambda a: a[1]).astype("int64")
    if (work["age"] != "total").all():
        others = [k for k in keys if k != "age_code"]
        totals = work.groupby(others, as_index=False, sort=False)["value"].sum(min_count=1)
        work = pd.concat([work, totals.assign(age_code="IALT", age="total", age_from=-1)], ignore_index=True)
    if extra and extra[0] in work:
        column = extra[0]
        if "total" not in set(work[column]):
            others = [k for k in [*keys, "age", "age_from"] if k not in (column, "age_code")]
            totals = work.groupby(others, as_index=False, sort=False)["value"].sum(min_count=1)
            work = pd.concat([work, totals.assign(**{column: "total"})], ignore_index=True)
    work["area_name"] = work["area_code"].map(names)
    work["level"] = work["area_code"].map(level) if callable(level) else level
    work["persons"] = work["value"].round().astype("Int64")
    order = {code: i for i, code in enumerate(dict.fromkeys(frame[area_variable].astype(str)))}
    work = work.assign(_area=work["area_code"].map(order), _sex=work["sex"].map(_SEX_ORDER))
    sort = ["_area", "_sex", "age_from", "period"] + ([extra[0]] if extra else [])
    work = work.sort_values(sort, kind="stable").reset_index(drop=True)
    columns = ["area_code", "area_name", "level", "sex", "age", "age_from", "period", "date", "persons"]
    if extra:
        columns.insert(columns.index("period"), extra[0])
    result = work[columns].copy()
    for column in ("area_code", "area_name", "level", "sex", "age", "period"):
        result[column] = result[column].astype("str")
    result["date"] = result["date"].astype("datetime64[us]")
    return result


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


def _with_periods(frame: pd.DataFrame, info: Mapping[str, Any]) -> pd.DataFrame:
    time_variable = _time_variable(info)
    frame = frame.copy()
    frame["period"] = frame[time_variable].map(_period_label)
    frame["date"] = pd.to_datetime(frame[time_variable].map(period_start)).astype("datetime64[us]")
    return frame


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
        attach_provenance(frame, dataclasses.replace(provenance, note=(
            f"SOGN1 kunne ikke hentes fra Danmarks Statistik ({failure}); viser det pakkede øjebliksbillede. {provenance.note}")))
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
                         " ".join(x for x in (served.note, f"{table} har ingen tal for {', '.join(missing)}.") if x))
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
    note = " ".join(dict.fromkeys(s.note for s in served_all if s.note))
    retrieved = min((s.retrieved for s in served_all if s.retrieved), default=None)
    return attach_provenance(result, _provenance("FLY66", result, _Served(worst.served_from, retrieved, note)))


# --- area populations: FOLK1A when cached, else the FOLK1B snapshot ------------------------

_BAND_EDGES = tuple(range(0, 100, 5))


def bands_from_single_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Aggregate single-year ages into FOLK1B's bands (``0-4`` … ``95-99``, ``100+``).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy population rows with single-year ages (and ``"total"`` rows, kept as they are).

    Returns
    -------
    pandas.DataFrame
        A new frame in the same tidy shape with banded ages; band sums skip
        cells DST does not show (``min_count=1``). Provenance is copied.
    """
    single = frame[frame["age_from"] >= 0]
    low = (single["age_from"] // 5 * 5).clip(upper=100)
    banded = single.assign(
        age=[("100+" if lo >= 100 else f"{lo}-{lo + 4}") for lo in low],
        age_from=low.astype("int64"),
    )
    keys = ["area_code", "area_name", "level", "sex", "age", "age_from", "period", "date"]
    bands = banded.groupby(keys, as_index=False, sort=False)["persons"].sum(min_count=1)
    result = pd.concat([frame[frame["age_from"] < 0], bands], ignore_index=True)
    order = {code: i for i, code in enumerate(dict.fromkeys(frame["area_code"]))}
    result = result.assign(_area=result["area_code"].map(order), _sex=result["sex"].map(_SEX_ORDER))
    result = result.sort_values(["_area", "_sex", "age_from", "period"], kind="stable").drop(columns=["_area", "_sex"])
    result = result.reset_index(drop=True)
    result["persons"] = result["persons"].astype("Int64")
    result.attrs = dict(frame.attrs)
    return result


def population_by_area(area_codes: Iterable[str], quarterly: bool = False, network: bool = False,
                       refresh: bool = False) -> pd.DataFrame:
    """Population of the given DST areas by sex and 5-year age group, over time.

    Uses FOLK1A (single-year ages aggregated to FOLK1B's bands) when it is in the
    local cache (or, with ``network=True``, live), otherwise the bundled FOLK1B
    snapshot (1 January 2008–2020), so consumers always see one shape.

    Parameters
    ----------
    area_codes : iterable of str
        DST area codes (``"000"``, ``"082"``, ``"760"``; 4-digit municipality
        codes are accepted).
    quarterly : bool, default False
        Every quarter instead of 1 January (from the snapshot only where it has it).
    network : bool, default False
        False: no network (cache, then snapshot). True: live → cache → snapshot.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        Tidy population rows for those areas (ages ``"total"``, ``"0-4"`` …
        ``"100+"``), with provenance saying which level served them.

    Raises
    ------
    InvalidArgumentError
        If an area code is not in the data.
    """
    wanted = _normalize_areas(area_codes)
    failure = ""
    try:
        single = folk1a(wanted, quarterly=quarterly, network=network, refresh=refresh)
    except DataUnavailableError as exc:
        failure = exc.message if network else ""
    except _http.RequestRejectedError as exc:
        failure = exc.message
    else:
        return bands_from_single_years(single)
    frame = folk1b_from_snapshot(quarterly)
    missing = sorted(set(wanted) - set(frame["area_code"]))
    if missing:
        raise InvalidArgumentError(
            f"area codes not in FOLK1B snapshot: {missing}",
            f"Områdekoderne {missing} findes ikke i Danmarks Statistiks data",
        )
    result = frame[frame["area_code"].isin(wanted)].reset_index(drop=True)
    result.attrs = frame.attrs
    if not quarterly:  # FOLK1B's snapshot ends in 2020; the SOGN1 snapshot's FOLK1A gives 1 January 2021 totals
        from landsby_utils.sources import dst_snapshot

        later = dst_snapshot.folk1a_2021_totals(wanted)
        result = pd.concat([result, later.assign(area_name=later["area_code"].map(
            dict(zip(result["area_code"], result["area_name"], strict=False))).fillna(later["area_name"]))],
            ignore_index=True)
        result.attrs = {"provenance": {**frame.attrs["provenance"], "table": "FOLK1B, FOLK1A", "reference_date": "2021-01-01",
                                       "note": "1. januar 2008–2020 fra FOLK1B; 1. januar 2021 i alt fra FOLK1A."}}
    if failure:
        provenance = Provenance(**{**frame.attrs["provenance"], "note": (
            "FOLK1A kunne ikke hentes fra Danmarks Statistik og findes ikke i det lokale lager "
            f"({failure}); viser det pakkede øjebliksbillede fra FOLK1B.")})
        attach_provenance(result, provenance)
    return result
