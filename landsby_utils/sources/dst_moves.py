"""Population accounts (BEV107) and moves between municipalities (FLY66): the bundled snapshot plus StatBank.

Both readers go through one code path whatever answers: the bundled snapshot
(``settings.MOVES_ACCOUNTS_CSV`` and ``MOVES_FLOWS_CSV``, made by ``landsby derive`` from the raw files of
SOURCES.md section 8) is read first, then StatBank through :mod:`landsby_utils.sources.statbank`
(``network=False``: the last good copy a ``landsby fetch`` left in the cache; ``network=True``:
live, then that copy). StatBank's rows are turned into the snapshot's tidy columns and
**add the years the snapshot lacks** (BEV107 after 2017, FLY66 other than 2024); a year the
snapshot has keeps the snapshot's figures, so a page does not change under a reader. The
frame's provenance says which years came from where (``attrs["years_by_source"]`` too).

Tidy columns
------------
:func:`accounts`: ``municipality_code`` (4 digits, ``"0760"``), ``municipality_name``, ``year``,
``component`` (a key of :data:`COMPONENTS`), ``men``, ``women``, ``total`` (int).

:func:`flows`: ``year``, ``to_code``, ``from_code`` (4 digits), ``sex`` (``men``/``women``),
``age`` (single year; the snapshot stops at 99), ``moves`` (int; zero cells may be absent).

A missing or unreadable snapshot file raises a :class:`~landsby_utils._errors.LandsbyError`
naming the file; nothing else is affected (only the migration page reads these files).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import DataUnavailableError, LandsbyError, SourceError
from landsby_utils.sources import statbank
from landsby_utils.sources._provenance import Note, Provenance, attach_provenance, note, provenance_of

ACCOUNT_COLUMNS = ["municipality_code", "municipality_name", "year", "component", "men", "women", "total"]
FLOW_COLUMNS = ["year", "to_code", "from_code", "sex", "age", "moves"]

#: BEV107 ``bevægelsesart`` (Danish label in the file and in StatBank) → component key.
COMPONENTS: dict[str, str] = {
    "Befolkningen ultimo forrige år": "start",
    "Levendefødte": "births",
    "Døde": "deaths",
    "Fødselsoverskud": "natural_increase",
    "Tilflyttede": "moves_in",
    "Fraflyttede": "moves_out",
    "Nettotilflyttede": "net_moves",
    "Indvandrede i alt": "immigration",
    "Indvandret i indeværende år": "immigration_same_year",
    "Indvandret før indeværende år": "immigration_before",
    "Udvandrede i alt": "emigration",
    "Udvandret i indeværende år": "emigration_same_year",
    "Udvandret før indeværende år": "emigration_before",
    "Nettoindvandrede": "net_immigration",
    "Korrektioner": "corrections",
    "Befolkningstilvækst": "growth",
    "Befolkningen ultimo indeværende år": "end",
}
#: Keys of ``attrs["years_by_source"]`` (and of the provenance notes ``note_moves_years_<key>``).
_SNAPSHOT_SOURCE, _STATBANK_SOURCE = "snapshot", "statbank"


def _broken(path: Path, why: str) -> LandsbyError:
    return SourceError(
        f"The bundled file {path.name} cannot be read ({why}); run `landsby derive` or restore it from git.",
        f"Den pakkede datafil {path.name} kan ikke læses ({why}). Kør `landsby derive` eller hent filen igen fra git.",
    )


@lru_cache(maxsize=2)
def _read_snapshot(path: Path, columns: tuple[str, ...], codes: tuple[str, ...]) -> pd.DataFrame:
    """A derived CSV with the expected columns, or a clear error naming the file."""
    if not path.exists():
        raise DataUnavailableError(f"The bundled file {path.name} is missing ({path.parent.name}/).",
                                   f"Den pakkede datafil {path.name} mangler. Kør `landsby derive` eller hent den fra git.")
    try:
        frame = pd.read_csv(path, dtype={c: "str" for c in codes})
    except Exception as exc:  # noqa: BLE001 (any parser failure means the file is damaged)
        raise _broken(path, type(exc).__name__) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing or frame.empty:
        raise _broken(path, f"columns missing: {', '.join(missing)}" if missing else "empty")
    numeric = [c for c in columns if c not in codes and c not in ("component", "sex", "municipality_name")]
    try:
        frame[numeric] = frame[numeric].astype("int64")
    except (TypeError, ValueError) as exc:
        raise _broken(path, "not whole numbers") from exc
    return frame[list(columns)]


def _years(values: Iterable[int]) -> str:
    years = sorted(set(int(y) for y in values))
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")


def _combine(table: str, snapshot: pd.DataFrame, extra: pd.DataFrame | None, served: Provenance | None,
             failure: str, notes: list[Note]) -> pd.DataFrame:
    """Snapshot rows plus StatBank rows of years the snapshot lacks; provenance names the years of each."""
    by_source = {_SNAPSHOT_SOURCE: sorted(set(snapshot["year"]))}
    frame = snapshot
    if extra is not None and len(extra):
        new = extra[~extra["year"].isin(by_source[_SNAPSHOT_SOURCE])]
        if len(new):
            by_source[_STATBANK_SOURCE] = sorted(set(new["year"]))
            frame = pd.concat([snapshot, new], ignore_index=True)
    said = [note(f"moves_years_{source}", years=_years(years)) for source, years in by_source.items()]
    if failure:
        said.append(note("moves_statbank_no_newer", failure=failure))
    live = served if _STATBANK_SOURCE in by_source else None
    provenance = Provenance(
        source=statbank.SOURCE_NAME, table=table, licence=settings.LICENCE_DST,
        reference_date=str(max(frame["year"])), served_from=live.served_from if live else "snapshot",
        retrieved=live.retrieved if live else None, notes=(*said, *notes),
    )
    frame = attach_provenance(frame.reset_index(drop=True), provenance)
    frame.attrs["years_by_source"] = {k: [int(y) for y in v] for k, v in by_source.items()}
    return frame


# --- BEV107 -----------------------------------------------------------------------------------


def accounts(network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Population accounts of all 99 municipalities per year (BEV107): snapshot 2006–2017 plus StatBank's newer years.

    Parameters
    ----------
    network : bool, default False
        False: snapshot plus the last good StatBank copy, if any. True: ask StatBank live first.
    refresh : bool, default False
        Bypass the HTTP cache (with ``network=True``).

    Returns
    -------
    pandas.DataFrame
        The tidy account columns (module docstring), with provenance and ``attrs["years_by_source"]``.

    Raises
    ------
    LandsbyError
        If the bundled file is missing or damaged (the message names it).
    """
    snapshot = _read_snapshot(settings.MOVES_ACCOUNTS_CSV, tuple(ACCOUNT_COLUMNS), ("municipality_code",)).copy()
    names = dict(zip(snapshot["municipality_code"], snapshot["municipality_name"], strict=False))
    extra, served, failure, notes = None, None, "", []
    try:
        # Only the municipalities StatBank's tableinfo lists are asked for (validated before any data request).
        info = statbank.tableinfo("BEV107", network=network, refresh=refresh)
        listed = {v["id"] for var in info["variables"] if var["id"].upper() == "OMRÅDE" for v in var["values"]}
        live = statbank.bev107([c[-3:] for c in names if c[-3:] in listed], network=network, refresh=refresh)
        extra, notes = _tidy_bev107(live, names)
        served = provenance_of(live)
    except LandsbyError as exc:
        failure = _failure(exc, network)
    return _combine("BEV107", snapshot, extra, served, failure, notes)


def _failure(exc: LandsbyError, network: bool) -> str:
    """Why StatBank added nothing: said when it was asked (or answered something unusable), not offline without a copy."""
    if isinstance(exc, DataUnavailableError) and not network:
        return ""
    return exc.message_da


def _tidy_bev107(live: pd.DataFrame, names: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """StatBank's BEV107 rows in the snapshot's columns; labels the snapshot does not know are left out and named."""
    live = live[live["level"] == "municipality"].copy()
    live["component"] = live["event"].map(COMPONENTS)
    unknown = sorted(set(live.loc[live["component"].isna(), "event"]))
    notes = [note("moves_unknown_labels", labels=", ".join(unknown))] if unknown else []
    live = live.dropna(subset=["component", "persons"])
    live["municipality_code"] = live["area_code"].str.zfill(4)
    live["year"] = live["period"].str[:4].astype(int)
    wide = live.pivot_table(index=["municipality_code", "year", "component"], columns="sex", values="persons",
                            aggfunc="sum").reset_index()
    for sex in ("men", "women"):
        if sex not in wide:
            wide[sex] = pd.NA
    if "total" not in wide:
        wide["total"] = wide["men"] + wide["women"]
    wide = wide.dropna(subset=["men", "women", "total"])
    wide["municipality_name"] = wide["municipality_code"].map(names)
    wide = wide.dropna(subset=["municipality_name"])
    return wide[ACCOUNT_COLUMNS].astype({"men": "int64", "women": "int64", "total": "int64"}), notes


# --- FLY66 ------------------------------------------------------------------------------------


def flows(municipality_code: str, network: bool = False, refresh: bool = False) -> pd.DataFrame:
    """Moves to and from one municipality by origin/destination, sex and age (FLY66): snapshot 2024 plus StatBank years.

    Parameters
    ----------
    municipality_code : str
        4-digit municipality code (``"0760"``); 3 digits are accepted.
    network : bool, default False
        False: snapshot plus the last good StatBank copy, if any. True: ask StatBank live first.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    pandas.DataFrame
        The tidy flow columns (module docstring) for rows with the municipality as origin or
        destination, with provenance and ``attrs["years_by_source"]``.
    """
    code = str(municipality_code).zfill(4)
    everything = _read_snapshot(settings.MOVES_FLOWS_CSV, tuple(FLOW_COLUMNS), ("to_code", "from_code"))
    snapshot = everything[(everything["to_code"] == code) | (everything["from_code"] == code)].copy()
    if snapshot.empty:
        name = settings.MOVES_FLOWS_CSV.name
        raise SourceError(f"no moves for municipality {code} in {name}", f"Der er ingen flytninger for kommune {code} i {name}")
    extra, served, failure, notes = None, None, "", []
    try:
        extra, served = _statbank_flows(code, network, refresh)
    except LandsbyError as exc:
        failure = _failure(exc, network)
    if extra is not None and len(extra) and extra["age"].max() > 99:
        notes.append(note("moves_ages_100"))
    return _combine("FLY66", snapshot, extra, served, failure, notes)


def _variable(info: dict[str, Any], *candidates: str) -> str:
    ids = {v["id"].upper(): v["id"] for v in info["variables"]}
    for candidate in candidates:
        if candidate.upper() in ids:
            return ids[candidate.upper()]
    raise SourceError(f"FLY66 has no variable {' / '.join(candidates)}; it has {', '.join(ids.values())}",
                      f"FLY66 har ingen variabel {' / '.join(candidates)}")


def _statbank_flows(code: str, network: bool, refresh: bool) -> tuple[pd.DataFrame, Provenance]:
    """FLY66 by age and sex for moves to and from ``code`` (validated against tableinfo before any data request)."""
    info = statbank.tableinfo("FLY66", network=network, refresh=refresh)
    to_var = _variable(info, "TILKOMMUNE", "TILKOM")
    from_var = _variable(info, "FRAKOMMUNE", "FRAKOM")
    age_var = _variable(info, "ALDER")
    sex_var = _variable(info, "KØN", "KOEN")
    time_var = next(v["id"] for v in info["variables"] if v.get("time") or v["id"].lower() == "tid")
    values = {v["id"]: [x["id"] for x in v["values"]] for v in info["variables"]}
    ages = [a for a in values[age_var] if re.fullmatch(r"\d+", a)]
    if not ages:
        raise SourceError("FLY66 ALDER has no single years of age", "FLY66 har ingen enkelte aldersår")
    sexes = [s for s in values[sex_var] if s.upper() not in ("TOT", "IALT")]
    parts, provenances = [], []
    for selection in ({to_var: [code[-3:]], from_var: "*"}, {to_var: "*", from_var: [code[-3:]]}):
        variables = {**selection, age_var: ages, sex_var: sexes, time_var: "*"}
        frame = statbank.data("FLY66", variables, network=network, refresh=refresh)
        provenances.append(provenance_of(frame))
        parts.append(frame)
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["INDHOLD"])
    tidy = pd.DataFrame({
        "year": frame["period"].str[:4].astype(int),
        "to_code": frame[to_var].astype(str).str.zfill(4),
        "from_code": frame[from_var].astype(str).str.zfill(4),
        "sex": frame[sex_var].astype(str).str.upper().map({"1": "men", "M": "men", "2": "women", "K": "women"}),
        "age": frame[age_var].astype(int),
        "moves": frame["INDHOLD"].round().astype("int64"),
    }).dropna(subset=["sex"])
    tidy = tidy[tidy["to_code"] != tidy["from_code"]].drop_duplicates(["year", "to_code", "from_code", "sex", "age"])
    worst = max(provenances, key=lambda p: {"live": 0, "cache": 1, "snapshot": 2}[p.served_from])
    return tidy[FLOW_COLUMNS].reset_index(drop=True), worst
