"""Statistics Denmark: reading StatBank answers and tableinfo into tidy frames (no I/O).

``parse_bulk`` reads a CSV/BULK body (``;`` separator, BOM, decimal comma for Danish,
``..`` and the table's ``suppressedDataValue`` as missing); ``_align`` names its
columns by variable id; the tableinfo accessors find variables and their values;
``_tidy_population`` turns a table into the tidy population columns described in
:mod:`landsby_utils.sources.statbank` (the public façade, which re-exports the public
names here).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from landsby_utils import _http
from landsby_utils._errors import SourceError

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


_MISSING = ".."


_SEX_CODES = {"TOT": "total", "IALT": "total", "1": "men", "2": "women", "M": "men", "K": "women"}


_SEX_ORDER = {"total": 0, "men": 1, "women": 2}


_TOTAL_CODES = ("TOT", "IALT", "TOT1", "I ALT")



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


#: The decimal mark of a StatBank body in each request language (Danish bodies write ``37,7``).
_DECIMAL_MARK = {"da": ",", "en": "."}
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
    numbers = raw.where(~missing, None).str.replace(_DECIMAL_MARK.get(lang, "."), ".", regex=False)
    try:
        frame["INDHOLD"] = pd.to_numeric(numbers, errors="raise").astype("float64")
    except (ValueError, TypeError) as exc:
        raise SourceError(f"INDHOLD has a value that is not a number: {exc}", "INDHOLD har en værdi, der ikke er et tal") from exc
    return frame



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



def _with_periods(frame: pd.DataFrame, info: Mapping[str, Any]) -> pd.DataFrame:
    time_variable = _time_variable(info)
    frame = frame.copy()
    frame["period"] = frame[time_variable].map(_period_label)
    frame["date"] = pd.to_datetime(frame[time_variable].map(period_start)).astype("datetime64[us]")
    return frame



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
