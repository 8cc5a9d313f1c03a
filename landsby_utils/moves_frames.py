"""The frames behind the "Hvem flytter" page: :func:`build_moves_frames` (sources + :mod:`landsby_utils.moves`).

Everything here is language-independent and picklable (:mod:`landsby_utils.frames` keeps it per
cluster), so a Voilà kernel never reads the national flow file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from landsby_utils import moves, settings
from landsby_utils._errors import LandsbyError
from landsby_utils.privacy import SuppressedTable
from landsby_utils.sources import dst_moves, dst_parish_moves, provenance_of
from landsby_utils.sources._provenance import Provenance
from landsby_utils.sources.geodata import municipalities_from_snapshot

#: How many municipalities are "like it" (:func:`landsby_utils.moves.similar_municipalities`).
SIMILAR_N = 5
#: How many partner municipalities the flow table and map show by name (the rest are summed).
TOP_PARTNERS = 10
#: Choices of the age-band picker: all ages, then the bands.
BAND_CHOICES: tuple[str, ...] = ("all", *moves.AGE_BANDS)


@dataclass
class MovesFrames:
    """Numeric frames of one municipality's accounts and flows, with their provenance (all for the municipality).

    Attributes
    ----------
    code, name : str
        The municipality (4-digit code, Danish name).
    accounts : pandas.DataFrame
        :func:`moves.account_table` of the municipality (index year).
    denmark, similar_accounts : pandas.DataFrame
        The same for Denmark (all 99 areas) and for the similar municipalities summed.
    similar : pandas.DataFrame
        The similar municipalities (:func:`moves.similar_municipalities`).
    period : tuple of int
        First and last year with a complete account (every component present).
    flow_year : int
        The latest FLY66 year.
    bands : pandas.DataFrame
        :func:`moves.net_by_age_band` for ``flow_year``.
    bands_protected : SuppressedTable
        ``bands`` in/out with small counts suppressed (and its net).
    partners : dict
        Band choice (``"all"`` or a band key) → (partners frame, SuppressedTable, net series).
    names : dict
        Code → municipality name (all 99 areas).
    points : dict
        Code → (lat, lon) of a point inside the municipality (DAGI representative point).
    provenance : dict
        ``"accounts"``, ``"flows"``, ``"boundaries"`` → :class:`Provenance`.
    years_by_source : dict
        ``"accounts"``/``"flows"`` → the source module's ``years_by_source``.
    parishes : dict
        Year → :class:`SuppressedTable` of births, deaths and moves per parish (KMSTA003,
        :func:`moves.parish_tables`); empty until ``landsby fetch`` has cached the table.
    parish_names : dict
        Parish code → the village name(s) it belongs to.
    parish_failure : dict
        Why cached parish figures could not be used (language → message), or empty.

    The provenance has a ``"parishes"`` entry only when parish figures are shown.
    """

    code: str
    name: str
    accounts: pd.DataFrame
    denmark: pd.DataFrame
    similar_accounts: pd.DataFrame
    similar: pd.DataFrame
    period: tuple[int, int]
    flow_year: int
    bands: pd.DataFrame
    bands_protected: tuple[SuppressedTable, pd.Series]
    partners: dict[str, tuple[pd.DataFrame, SuppressedTable, pd.Series]]
    names: dict[str, str]
    points: dict[str, tuple[float, float]]
    provenance: dict[str, Provenance] = field(default_factory=dict)
    years_by_source: dict[str, Any] = field(default_factory=dict)
    parishes: dict[int, SuppressedTable] = field(default_factory=dict)
    parish_names: dict[str, str] = field(default_factory=dict)
    parish_failure: dict[str, str] = field(default_factory=dict)


def _complete_period(table: pd.DataFrame) -> tuple[int, int]:
    """First and last year with every component present."""
    years = table.dropna().index
    return int(years.min()), int(years.max())


def _profile(accounts: pd.DataFrame, municipalities: pd.DataFrame, year: int) -> pd.DataFrame:
    """Population at the end of ``year`` and area (km²) of every municipality."""
    end = accounts[(accounts["year"] == year) & (accounts["component"] == "end")]
    area = municipalities.to_crs(settings.CRS_METRIC).area / 1e6
    areas = pd.Series(area.to_numpy(), index=municipalities["municipality_code"])
    return pd.DataFrame({
        "municipality_code": end["municipality_code"].to_numpy(),
        "municipality_name": end["municipality_name"].to_numpy(),
        "population": end["total"].to_numpy(),
        "area_km2": end["municipality_code"].map(areas).to_numpy(),
    })


def _parish_names(cluster: Any) -> dict[str, str]:
    """Parish code → the names of the villages it belongs to."""
    names: dict[str, list[str]] = {}
    for village in getattr(cluster, "villages", ()):
        for code in village.parishes:
            names.setdefault(code, []).append(village.name)
    return {code: " / ".join(found) for code, found in names.items()}


def _parish_frames(cluster: Any) -> tuple[dict[int, SuppressedTable], Provenance | None, dict[str, str]]:
    """The cached KMSTA003 figures of the cluster's parishes (offline: nothing when not fetched)."""
    codes = list(getattr(cluster, "parish_codes", ()))
    if not codes:  # a municipality without a cluster's parishes: no parish part
        return {}, None, {}
    try:
        vitals = dst_parish_moves.parish_vitals(codes)
    except LandsbyError as exc:  # e.g. a cached table whose labels changed: said on the page, the rest stays
        return {}, None, {lang: exc.localized(lang) for lang in ("da", "en")}
    if vitals is None or vitals.empty:
        return {}, None, {}
    return moves.parish_tables(vitals, codes), provenance_of(vitals), {}


def build_moves_frames(cluster: Any) -> MovesFrames:
    """Accounts, comparisons and flows of the cluster's municipality (offline: snapshot plus any cached StatBank years).

    Parameters
    ----------
    cluster : Cluster
        The cluster: its ``municipality_code`` (these figures are never scaled to villages) and, when it
        has them, its ``parish_codes`` and ``villages`` for the parish table (KMSTA003, cached only).

    Returns
    -------
    MovesFrames
        The numeric frames and their provenance.

    Raises
    ------
    LandsbyError
        If a snapshot file is missing or damaged (the message names it).
    """
    code = cluster.municipality_code
    accounts = dst_moves.accounts()
    flows = dst_moves.flows(code)
    municipalities = municipalities_from_snapshot()
    mine = moves.account_table(accounts, [code])
    period = _complete_period(mine)
    similar = moves.similar_municipalities(_profile(accounts, municipalities, period[1]), code, SIMILAR_N)
    flow_year = int(flows["year"].max())
    bands = moves.net_by_age_band(flows, code, flow_year)
    partners = {}
    for choice in BAND_CHOICES:
        frame = moves.partners(flows, code, flow_year, None if choice == "all" else choice, TOP_PARTNERS)
        partners[choice] = (frame, *moves.protect(frame)) if len(frame) else (frame, None, None)
    points = municipalities.to_crs(settings.CRS_METRIC).representative_point().to_crs(settings.CRS_GEOGRAPHIC)
    names = dict(zip(accounts["municipality_code"], accounts["municipality_name"], strict=False))
    parishes, parish_provenance, parish_failure = _parish_frames(cluster)
    frames = MovesFrames(
        code=code,
        name=names.get(code, cluster.municipality_name),
        accounts=mine,
        denmark=moves.account_table(accounts),
        similar_accounts=moves.account_table(accounts, list(similar["municipality_code"])),
        similar=similar,
        period=period,
        flow_year=flow_year,
        bands=bands,
        bands_protected=moves.protect(bands),
        partners=partners,
        names=names,
        points={c: (round(p.y, 5), round(p.x, 5)) for c, p in zip(municipalities["municipality_code"], points, strict=True)},
        provenance={"accounts": provenance_of(accounts), "flows": provenance_of(flows),
                    "boundaries": provenance_of(municipalities)},
        years_by_source={"accounts": accounts.attrs.get("years_by_source", {}),
                         "flows": flows.attrs.get("years_by_source", {})},
        parishes=parishes,
        parish_names=_parish_names(cluster),
        parish_failure=parish_failure,
    )
    if parish_provenance is not None:
        frames.provenance["parishes"] = parish_provenance
    return frames
