"""Statistics Denmark: the bundled FOLK1B snapshot (population by area, sex and 5-year age, 2008–2020).

Public names are re-exported by :mod:`landsby_utils.sources.statbank`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.sources._provenance import Provenance, attach_provenance
from landsby_utils.sources._statbank_parse import _ENGLISH_LABELS, COUNTRY_CODE, COUNTRY_NAME_DA, REGION_CODES

_SEX = {"Total": "total", "Men": "men", "Women": "women"}


FOLK1B_SNAPSHOT = Provenance(
    source="dst",
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
