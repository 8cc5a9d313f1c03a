"""Statistics Denmark figures bundled with the project: parish population (SOGN1) 2014 and 2021.

The raw files (``data/snapshot/raw/dst_sogn1_via_dagir/``, SOURCES.md section 6) hold SOGN1 on
1 January 2014 by parish, sex and single-year age; SOGN1 on 1 January 2021 by parish (totals, men,
women); and FOLK1A for every municipality on the same two dates. This module turns them into the
tidy population frames of :mod:`landsby_utils.sources.statbank` (same columns, same meaning), so that
the dashboards read the offline snapshot and live StatBank answers through one code path.

Rules
-----
* A cell the source leaves out holds **0 persons** (SOGN1 omits empty cells): zeros are zeros,
  never missing values.
* A 2021 parish made from 2014 parishes (e.g. 9317 Idom-Råsted from 8743 Idom and 8744 Råsted) gets
  **like-for-like 2014 rows**: the sum of the 2014 parishes that make it up, by sex and age. The
  frame's ``attrs["like_for_like"]`` lists them, and its provenance note says so.
* A 2021 parish whose area is not a sum of whole 2014 parishes (a split, or a parish that gave up
  area) has no 2014 rows; ``attrs["not_comparable"]`` lists it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.sources._provenance import Provenance, attach_provenance, note

#: The publisher key (the label ``publisher_dst``).
SOURCE_NAME = "dst"
#: The files' English sex labels, and the order of sexes in a tidy frame (as in :mod:`statbank`, which falls back to
#: this module and so is not imported by it).
_SEX_LABELS = {"Men": "men", "Women": "women"}
_SEX_ORDER = {"total": 0, "men": 1, "women": 2}
_COLUMNS = ["area_code", "area_name", "level", "sex", "age", "age_from", "period", "date", "persons"]

SOGN1_SNAPSHOT = Provenance(
    source=SOURCE_NAME,
    table="SOGN1",
    licence=settings.LICENCE_DST,
    reference_date="2021-01-01",
    served_from="snapshot",
    notes=(note("sogn1_snapshot"),),
)
FOLK1A_SNAPSHOT = Provenance(
    source=SOURCE_NAME,
    table="FOLK1A",
    licence=settings.LICENCE_DST,
    reference_date="2021-01-01",
    served_from="snapshot",
    notes=(note("folk1a_snapshot"),),
)


@lru_cache(maxsize=1)
def _ages_2014() -> pd.DataFrame:
    frame = pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str, "sex": str})
    frame["sex"] = frame["sex"].map(_SEX_LABELS)
    return frame


@lru_cache(maxsize=1)
def parish_table() -> pd.DataFrame:
    """The derived national parish table (see :mod:`landsby_utils._derive_parishes`), indexed by code."""
    frame = pd.read_csv(settings.PARISHES_CSV, dtype={"parish_code": str, "municipality_codes": str, "successor_2021": str,
                                                      "predecessors_2014": str})
    for column in ("population_2014", "population_2021", "like_for_like_2014"):
        frame[column] = frame[column].astype("Int64")
    for column in ("municipality_codes", "successor_2021", "predecessors_2014"):
        frame[column] = frame[column].fillna("")
    return frame.set_index("parish_code")


def _single_years(codes: dict[str, list[str]], names: dict[str, str]) -> pd.DataFrame:
    """2014 rows by sex and single-year age (zero-filled) for each wanted code from its member 2014 codes."""
    ages = _ages_2014()
    top = int(ages["age"].max())
    pairs = pd.DataFrame([(code, member) for code, group in codes.items() for member in group],
                         columns=["area_code", "parish_code"])
    rows = pairs.merge(ages, on="parish_code", how="inner")
    full = pd.MultiIndex.from_product([list(codes), ["men", "women"], range(top + 1)], names=["area_code", "sex", "age"])
    cells = rows.groupby(["area_code", "sex", "age"])["persons"].sum().reindex(full, fill_value=0).reset_index()
    by_age = cells.groupby(["area_code", "age"], as_index=False)["persons"].sum().assign(sex="total")
    cells = pd.concat([cells, by_age], ignore_index=True)
    totals = cells.groupby(["area_code", "sex"], as_index=False)["persons"].sum()
    cells["age_from"] = cells["age"].astype("int64")
    cells["age"] = cells["age"].astype(str)
    totals = totals.assign(age="total", age_from=-1)
    out = pd.concat([totals, cells], ignore_index=True)
    return out.assign(area_name=out["area_code"].map(names), period="2014")


def sogn1(parish_codes: Iterable[str]) -> pd.DataFrame:
    """Parish population from the bundled SOGN1 snapshot: 2014 by sex and age, 2021 by sex.

    Parameters
    ----------
    parish_codes : iterable of str
        4-digit parish codes of 2014 or 2021.

    Returns
    -------
    pandas.DataFrame
        Tidy population rows (``level == "parish"``), with provenance and ``attrs``
        ``like_for_like`` (code → the 2014 codes summed for it) and ``not_comparable``.

    Raises
    ------
    InvalidArgumentError
        If a code is in neither year (the valid neighbours are named).
    """
    table = parish_table()
    codes = list(dict.fromkeys(str(c).strip() for c in ([parish_codes] if isinstance(parish_codes, str) else parish_codes)))
    unknown = [c for c in codes if c not in table.index]
    if unknown:
        raise InvalidArgumentError(f"parish codes {unknown} are in neither SOGN1 2014 nor 2021",
                                   f"Sognekoderne {', '.join(unknown)} findes hverken i 2014 eller 2021")
    names = table["parish_name"].to_dict()
    members: dict[str, list[str]] = {}
    like_for_like: dict[str, list[str]] = {}
    not_comparable: list[str] = []
    for code in codes:
        row = table.loc[code]
        predecessors = [p for p in row["predecessors_2014"].split(";") if p]
        if pd.notna(row["population_2021"]) and not bool(row["comparable"]):
            not_comparable.append(code)
            continue
        own = [code] if pd.notna(row["population_2014"]) else []
        members[code] = own + predecessors
        if predecessors:
            like_for_like[code] = own + predecessors
    parts = [_single_years(members, names)] if members else []
    current = table.loc[[c for c in codes if pd.notna(table.loc[c, "population_2021"])]]
    if len(current):
        t21 = pd.DataFrame({
            "area_code": list(current.index) * 3,
            "sex": ["total"] * len(current) + ["men"] * len(current) + ["women"] * len(current),
            "persons": [*current["population_2021"], *_sex_2021(current.index, "men"), *_sex_2021(current.index, "women")],
        })
        parts.append(t21.assign(age="total", age_from=-1, area_name=t21["area_code"].map(names), period="2021"))
    frame = pd.concat(parts, ignore_index=True)
    frame["level"] = "parish"
    frame["date"] = pd.to_datetime(frame["period"] + "-01-01").astype("datetime64[us]")
    frame["persons"] = frame["persons"].astype("Int64")
    order = {code: i for i, code in enumerate(codes)}
    frame = frame.assign(_a=frame["area_code"].map(order), _s=frame["sex"].map(_SEX_ORDER))
    frame = frame.sort_values(["_a", "_s", "age_from", "period"], kind="stable")[_COLUMNS].reset_index(drop=True)
    provenance = SOGN1_SNAPSHOT
    if like_for_like:
        merged = "; ".join(f"{names[c]} ({c}) = " + " + ".join(f"{names.get(p, p)} ({p})" for p in ps)
                           for c, ps in like_for_like.items())
        provenance = provenance.with_notes(note("like_for_like", merged=merged))
    attach_provenance(frame, provenance)
    frame.attrs["like_for_like"] = like_for_like
    frame.attrs["not_comparable"] = not_comparable
    return frame


@lru_cache(maxsize=1)
def _sex_table_2021() -> pd.DataFrame:
    return pd.read_csv(settings.SOGN1_2021_CSV, dtype={"parish_code": str}).set_index("parish_code")


def _sex_2021(codes: Iterable[str], sex: str) -> list[int]:
    table = _sex_table_2021()
    return [int(table.loc[c, sex]) for c in codes]


@lru_cache(maxsize=1)
def _municipal_2014() -> pd.DataFrame:
    return pd.read_csv(settings.FOLK1A_2014_CSV, dtype={"municipality_code": str})


@lru_cache(maxsize=1)
def _municipal_2021() -> pd.DataFrame:
    return pd.read_csv(settings.FOLK1A_2021_CSV, dtype={"municipality_code": str, "region_code": str})


def area_totals(municipality_code: str) -> pd.DataFrame:
    """Population of a municipality, its region and Denmark on 1 January 2014 and 2021 (FOLK1A), and
    their age structure in 2014.

    Parameters
    ----------
    municipality_code : str
        4-digit municipality code.

    Returns
    -------
    pandas.DataFrame
        Tidy population rows for the three areas (DST area codes ``"760"``, ``"082"``, ``"000"``):
        2014 by sex and single-year age with totals, 2021 totals by sex. With provenance.
    """
    m14, m21 = _municipal_2014(), _municipal_2021()
    code = str(municipality_code).zfill(4)
    if code not in set(m21["municipality_code"]):
        raise InvalidArgumentError(f"municipality {code} is not in FOLK1A 2021", f"Kommune {code} findes ikke i FOLK1A")
    region = m21.loc[m21["municipality_code"] == code, ["region_code", "region_name"]].iloc[0]
    in_region = set(m21.loc[m21["region_code"] == region["region_code"], "municipality_code"])
    areas = [
        (code[-3:], str(m21.loc[m21["municipality_code"] == code, "municipality_name"].iloc[0]), "municipality", {code}),
        (region["region_code"][-3:], str(region["region_name"]), "region", in_region),
        ("000", "Hele landet", "country", set(m21["municipality_code"])),
    ]
    parts = []
    for area_code, name, level, members in areas:
        rows = m14[m14["municipality_code"].isin(members)].assign(sex=lambda f: f["sex"].map(_SEX_LABELS))
        cells = rows.groupby(["sex", "age"], as_index=False)["persons"].sum()
        cells = pd.concat([cells, cells.groupby("age", as_index=False)["persons"].sum().assign(sex="total")])
        totals = cells.groupby("sex", as_index=False)["persons"].sum().assign(age="total", age_from=-1)
        cells = cells.assign(age_from=cells["age"].astype("int64"), age=cells["age"].astype(str))
        now = m21[m21["municipality_code"].isin(members)]
        t21 = pd.DataFrame({"sex": ["total", "men", "women"],
                            "persons": [now["population"].sum(), now["men"].sum(), now["women"].sum()]})
        parts.append(pd.concat([totals.assign(period="2014"), cells.assign(period="2014"),
                                t21.assign(age="total", age_from=-1, period="2021")], ignore_index=True)
                     .assign(area_code=area_code, area_name=name, level=level))
    frame = pd.concat(parts, ignore_index=True)
    frame["date"] = pd.to_datetime(frame["period"] + "-01-01").astype("datetime64[us]")
    frame["persons"] = frame["persons"].astype("Int64")
    return attach_provenance(frame[_COLUMNS].reset_index(drop=True), FOLK1A_SNAPSHOT)


def folk1a_2021_totals(area_codes: Iterable[str]) -> pd.DataFrame:
    """Population on 1 January 2021 (FOLK1A 2021K1 totals, by sex) of DST areas.

    Parameters
    ----------
    area_codes : iterable of str
        DST area codes: ``"000"`` Denmark, ``"081"``–``"085"`` regions, 3-digit municipality codes.

    Returns
    -------
    pandas.DataFrame
        Tidy rows (``age == "total"``) for the areas found, with provenance.
    """
    m21 = _municipal_2021()
    rows = []
    for code in area_codes:
        code = str(code)
        if code == "000":
            members, name, level = m21, "Hele landet", "country"
        elif code in {r[-3:] for r in m21["region_code"]}:
            members = m21[m21["region_code"].str[-3:] == code]
            name, level = str(members["region_name"].iloc[0]), "region"
        else:
            members = m21[m21["municipality_code"].str[-3:] == code.zfill(3)]
            if members.empty:
                continue
            name, level = str(members["municipality_name"].iloc[0]), "municipality"
        for sex, column in (("total", "population"), ("men", "men"), ("women", "women")):
            rows.append({"area_code": code, "area_name": name, "level": level, "sex": sex, "age": "total",
                         "age_from": -1, "period": "2021", "persons": int(members[column].sum())})
    frame = pd.DataFrame(rows, columns=[c for c in _COLUMNS if c != "date"])
    frame["date"] = pd.Timestamp("2021-01-01")
    frame["date"] = frame["date"].astype("datetime64[us]")
    frame["persons"] = frame["persons"].astype("Int64")
    return attach_provenance(frame[_COLUMNS], FOLK1A_SNAPSHOT)


def backtest_table() -> pd.DataFrame | None:
    """The stored projection back-test (``data/snapshot/derived/projection_backtest.csv``, made by ``landsby derive``).

    Returns
    -------
    pandas.DataFrame or None
        One row per parish and municipality (see :mod:`landsby_utils._derive_backtest`); None when the file is missing.
    """
    if not settings.BACKTEST_CSV.exists():
        return None
    return pd.read_csv(settings.BACKTEST_CSV, dtype={"area_code": str, "municipality_code": str})
