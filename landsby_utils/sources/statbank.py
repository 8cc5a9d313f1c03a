"""Statistics Denmark (Danmarks Statistik): the public façade of the StatBank adapter and the FOLK1B snapshot.

The code lives in four modules; import the names from here (every public name is
re-exported, and :func:`population_by_area`, the FOLK1A → FOLK1B fallback, is defined
here):

* :mod:`._statbank_client` — tableinfo, selection checks, split BULK requests through
  :mod:`landsby_utils._http`, the last good copy, :func:`data` for any table;
* :mod:`._statbank_parse` — BULK bodies, tableinfo accessors and tidy population rows
  (no I/O);
* :mod:`._statbank_tables` — one reader per table: :func:`folk1a`, :func:`sogn1`,
  :func:`km1`, :func:`by1`, :func:`by3`, :func:`bev107`, :func:`fly66`;
* :mod:`._folk1b_snapshot` — the bundled FOLK1B snapshot and region membership.

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
and the frame's provenance (``served_from``, ``notes``) says which level answered
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
from collections.abc import Iterable

import pandas as pd

from landsby_utils import _http, settings  # noqa: F401 - settings: tests patch statbank.settings
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError
from landsby_utils.sources._folk1b_snapshot import (
    FOLK1B_SNAPSHOT,
    folk1b_from_snapshot,
    municipality_code_dst,
    region_of_municipality,
)
from landsby_utils.sources._provenance import attach_provenance, note, provenance_of
from landsby_utils.sources._statbank_client import (
    SOURCE_NAME,
    cells,
    data,
    split_selection,
    tableinfo,
    validate_selection,
)
from landsby_utils.sources._statbank_parse import (
    COUNTRY_CODE,
    COUNTRY_NAME_DA,
    REGION_CODES,
    bands_from_single_years,
    parse_bulk,
    period_start,
)
from landsby_utils.sources._statbank_tables import (
    CHURCH_MEMBER,
    _normalize_areas,
    bev107,
    by1,
    by3,
    fly66,
    folk1a,
    km1,
    sogn1,
)

__all__ = [
    "CHURCH_MEMBER", "COUNTRY_CODE", "COUNTRY_NAME_DA", "FOLK1B_SNAPSHOT", "REGION_CODES", "SOURCE_NAME",
    "bands_from_single_years", "bev107", "by1", "by3", "cells", "data", "fly66", "folk1a", "folk1b_from_snapshot",
    "km1", "municipality_code_dst", "parse_bulk", "period_start", "population_by_area", "region_of_municipality",
    "sogn1", "split_selection", "tableinfo", "validate_selection",
]


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
        attach_provenance(result, dataclasses.replace(provenance_of(frame), table="FOLK1B, FOLK1A",
                                                      reference_date="2021-01-01", notes=(note("folk1b_folk1a"),)))
    if failure:  # says FOLK1B of 2020, as before the 2021 totals were added (landsby fetch's summary shows it)
        attach_provenance(result, provenance_of(frame).with_notes(note("folk1a_fallback", failure=failure)))
    return result
