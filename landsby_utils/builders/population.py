"""The population dashboard's frames: :func:`build_population_frames`.

The cluster's figures are the sum of its parishes (Statistics Denmark SOGN1 by age and sex,
or KM1 totals), read from the local cache only (else the bundled SOGN1 snapshot); the
municipality, region and Denmark come from FOLK1A (cache) or FOLK1B (snapshot).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from landsby_utils import population as pop
from landsby_utils import population_projection as projection
from landsby_utils import population_villages as villages
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError


@dataclass
class ParishData:
    """Parish population read for a cluster (or why there is none).

    Attributes
    ----------
    frame : pandas.DataFrame or None
        Tidy parish rows (SOGN1 by age and sex, else KM1 totals), or None.
    has_ages : bool
        True for SOGN1 (ages and sexes), False for KM1 totals only.
    reason : str
        Why there are no data (Danish), when ``frame`` is None.
    missing : list of str
        Parish codes the source has no figures for.
    """

    frame: pd.DataFrame | None
    has_ages: bool = False
    reason: str = ""
    missing: list[str] = field(default_factory=list)


def _read_parishes(reader_name: str, codes: list[str]) -> tuple[pd.DataFrame | None, str, list[str]]:
    """Call ``statbank.<reader_name>(codes, network=False)``; never raises for missing data."""
    try:
        from landsby_utils.sources import statbank

        reader = getattr(statbank, reader_name)
    except (ImportError, AttributeError) as exc:
        return None, f"{reader_name} findes ikke ({exc})", []
    try:
        return reader(codes, network=False), "", []
    except DataUnavailableError as exc:
        return None, exc.localized("da"), []
    except InvalidArgumentError:
        pass  # an unknown parish code: read them one by one to find which
    frames, missing = [], []
    for code in codes:
        try:
            frames.append(reader([code], network=False))
        except (DataUnavailableError, InvalidArgumentError):
            missing.append(code)
    if not frames:
        return None, f"Danmarks Statistik har ingen tal for sognene {', '.join(codes)}", missing
    frame = pd.concat(frames, ignore_index=True)
    frame.attrs = frames[0].attrs
    return frame, "", missing


def parish_population(parish_codes: list[str]) -> ParishData:
    """The population of these parishes from the local cache: SOGN1 (ages) or else KM1 (totals).

    Parameters
    ----------
    parish_codes : list of str
        4-digit parish codes.

    Returns
    -------
    ParishData
        With ``frame`` None (and a reason) when neither table is cached.
    """
    frame, reason, missing = _read_parishes("sogn1", parish_codes)
    if frame is not None:
        missing = sorted(set(missing) | (set(parish_codes) - set(frame["area_code"])))
        return ParishData(frame, True, "", missing)
    totals, reason_km1, missing_km1 = _read_parishes("km1", parish_codes)
    if totals is not None:
        if "church_member" in totals:
            rows = totals[totals["church_member"] == "total"].drop(columns="church_member")
            rows.attrs = totals.attrs
            totals = rows
        missing = sorted(set(missing_km1) | (set(parish_codes) - set(totals["area_code"])))
        return ParishData(totals, False, "", missing)
    return ParishData(None, False, reason or reason_km1, sorted(set(missing) | set(missing_km1)))


def _rows_of(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    rows = frame[frame["area_code"] == code].reset_index(drop=True)
    rows.attrs = frame.attrs
    return rows


def project_municipality(municipality: pd.DataFrame, region: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Project the municipality 10 years with its own and its region's ratios (variants ``own``, ``other``).

    Only the municipality: the back-test (:mod:`landsby_utils.projection_check`) shows that for a
    parish the method does no better than assuming no change, so villages and the cluster get none.

    Returns
    -------
    tuple of pandas.DataFrame or None
        ``(variants, band)`` of :func:`landsby_utils.population.projection_range`, or None when the
        data do not allow a projection.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return projection.projection_range(municipality, {"own": municipality, "other": region}, horizon=10)
    except InvalidArgumentError:
        return None


@dataclass
class PopulationFrames:
    """Everything the population page shows, as numbers (language-independent, picklable).

    Attributes
    ----------
    cluster : Cluster
        The cluster.
    context : pandas.DataFrame
        Municipality, region and Denmark on 1 January of each year (FOLK1A cache or FOLK1B snapshot).
    municipality, region : pandas.DataFrame
        Their rows of ``context``.
    parishes : ParishData
        The cluster's parish population (cache, else snapshot) or why there is none.
    areas : pandas.DataFrame
        Municipality, region and Denmark by single-year age in 2014 and totals in 2021 (snapshot).
    backtest : dict
        The projection's back-test figures (empty when the derived table is missing).
    village_table : tuple of pandas.DataFrame or None
        :func:`landsby_utils.population_villages.village_table` (numbers and hidden mask), or None
        without parish figures.
    village_ages : pandas.DataFrame or None
        :func:`landsby_utils.population_villages.village_age_groups`, or None.
    projection : tuple of pandas.DataFrame or None
        :func:`project_municipality` (variants ``own``/``other`` and the band), or None.
    """

    cluster: Any
    context: pd.DataFrame
    municipality: pd.DataFrame
    region: pd.DataFrame
    parishes: ParishData
    areas: pd.DataFrame
    backtest: dict[str, Any]
    village_table: tuple[pd.DataFrame, pd.DataFrame] | None
    village_ages: pd.DataFrame | None
    projection: tuple[pd.DataFrame, pd.DataFrame] | None

    @property
    def villages_with_data(self) -> list[str]:
        """Names of the villages all of whose parishes have figures."""
        return villages.villages_with_data(self.parishes.frame, self.cluster.villages)


def build_population_frames(cluster: Any) -> PopulationFrames:
    """Read and compute the population page's frames for a cluster (cache or snapshot; never the network).

    Parameters
    ----------
    cluster : Cluster
        A loaded cluster.

    Returns
    -------
    PopulationFrames
        Numbers with provenance; the dashboard only formats them.
    """
    from landsby_utils.projection_check import summary_figures
    from landsby_utils.sources import dst_snapshot
    from landsby_utils.sources.statbank import population_by_area

    areas_of = cluster.comparison_areas
    context = pop.annual(population_by_area([area.code for area in areas_of]))
    municipality, region = _rows_of(context, areas_of[0].code), _rows_of(context, areas_of[1].code)
    parishes = parish_population(cluster.parish_codes)
    areas = dst_snapshot.area_totals(cluster.municipality_code)
    table = dst_snapshot.backtest_table()
    have = villages.villages_with_data(parishes.frame, cluster.villages)
    village_table = village_ages = None
    if parishes.frame is not None and have:
        village_table = villages.village_table(parishes.frame, cluster.villages, cluster.name, areas_of, context, areas)
        village_ages = villages.village_age_groups(parishes.frame, cluster.villages)
    return PopulationFrames(
        cluster=cluster, context=context, municipality=municipality, region=region, parishes=parishes, areas=areas,
        backtest=summary_figures(table) if table is not None else {}, village_table=village_table,
        village_ages=village_ages, projection=project_municipality(municipality, region),
    )
