"""The prepared, language-independent frames of the "Steder som os" page (:class:`ComparisonFrames`).

:func:`build_comparison_frames` reads the national parish indicator table (made by ``landsby
derive``, :mod:`landsby_utils._derive_comparison`) and the other cluster files, and runs the
analyses of :mod:`landsby_utils.comparison`. The result is a plain picklable dataclass of numeric
frames, so a Voilà kernel reads one small file and never the national registers.

The page compares *places*: each village (a parish, or the sum of its parishes when it has
several; villages that share one parish are one place) and the cluster as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from landsby_utils import comparison as cmp
from landsby_utils import settings
from landsby_utils.sources._provenance import Provenance, attach_provenance, note

#: How many similar parishes per village, and similar clusters.
N_PARISHES, N_CLUSTERS = 10, 3
#: Id of the whole cluster among the places.
CLUSTER_ID = "klynge"

PROVENANCES: tuple[Provenance, ...] = (
    Provenance("dst", "SOGN1", settings.LICENCE_DST, "2021-01-01", "snapshot", notes=(note("cmp_sogn1"),)),
    Provenance("dawa", "dagi_parishes", settings.LICENCE_DAGI_2021, "2021-08", "snapshot", notes=(note("cmp_dagi"),)),
    Provenance("osm", "osm_points", settings.LICENCE_OSM, "2019-09-11", "snapshot", notes=(note("cmp_osm"),)),
)


@lru_cache(maxsize=1)
def national_table() -> pd.DataFrame:
    """The national parish indicator table, indexed by 2021 parish code, with municipality names.

    Returns
    -------
    pandas.DataFrame
        The columns of ``parish_indicators.csv`` plus ``municipality_name``; provenance attached.
    """
    frame = pd.read_csv(settings.PARISH_INDICATORS_CSV, dtype={"parish_code": str, "municipality_code": str, "municipality_codes": str,
                                               "centre_name": str}, keep_default_na=False, na_values=[""])
    names = pd.read_csv(settings.FOLK1A_2021_CSV, dtype={"municipality_code": str}).set_index("municipality_code")
    frame["municipality_name"] = frame["municipality_code"].map(names["municipality_name"])
    frame["centre_name"] = frame["centre_name"].fillna("")
    frame = frame.set_index("parish_code", drop=False)
    return attach_provenance(frame, PROVENANCES[0])


@dataclass
class ComparisonFrames:
    """Everything the comparison page shows, as numbers (no language, no HTML).

    Attributes
    ----------
    national : pandas.DataFrame
        The indicator table of every 2021 parish (index: parish code).
    z_national : pandas.DataFrame
        Its z-scores (columns: indicator codes).
    places : pandas.DataFrame
        One row per village place and the cluster (index: place id; ``label``, ``parish_codes``,
        ``kind`` = ``"village"``/``"cluster"``, indicator columns, ``small``, ``missing``).
    z_places : pandas.DataFrame
        The places' z-scores.
    positions : pandas.DataFrame
        :func:`landsby_utils.comparison.positions` of every place on every indicator.
    neighbours : pandas.DataFrame
        The :data:`N_PARISHES` parishes nearest each village place (default indicators).
    clusters : pandas.DataFrame
        Every other real cluster (index: slug; ``name``, ``municipality_name``, ``parish_codes``
        and indicator columns).
    z_clusters : pandas.DataFrame
        Their z-scores.
    similar_clusters : pandas.DataFrame
        The :data:`N_CLUSTERS` nearest other clusters (default indicators).
    provenances : list of dict
        Provenance of the indicator table's sources.
    """

    national: pd.DataFrame
    z_national: pd.DataFrame
    places: pd.DataFrame
    z_places: pd.DataFrame
    positions: pd.DataFrame
    neighbours: pd.DataFrame
    clusters: pd.DataFrame
    z_clusters: pd.DataFrame
    similar_clusters: pd.DataFrame
    provenances: list[dict] = field(default_factory=list)

    def similar(self, codes=None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Similar parishes (per village place) and similar clusters for the indicators ``codes``.

        Raises
        ------
        landsby_utils.comparison.NoIndicatorsError
            When ``codes`` is empty.
        """
        return similar_places(self.z_national, self.z_places, self.places, self.z_clusters, codes)


def _place_groups(cluster) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Village places (villages that share exactly the same parishes are one place) → codes, and their labels."""
    table = national_table()
    groups: dict[tuple[str, ...], list[str]] = {}
    for village in cluster.villages:
        codes = tuple(sorted(_as_2021(c, table) for c in village.parishes))
        groups.setdefault(codes, []).append(village.name)
    ids = {f"p{i}": list(codes) for i, codes in enumerate(groups)}
    labels = {f"p{i}": " / ".join(names) for i, names in enumerate(groups.values())}
    return ids, labels


def _as_2021(code: str, table: pd.DataFrame) -> str:
    """A parish code as a 2021 code (the cluster module already maps 2014 codes; kept as a guard)."""
    if code in table.index:
        return code
    parishes = pd.read_csv(settings.PARISHES_CSV, dtype=str, keep_default_na=False).set_index("parish_code")
    successor = parishes["successor_2021"].get(code, "")
    return successor.split(";")[0] if successor else code


def _missing(row: pd.Series) -> str:
    return ";".join(i.code for i in cmp.INDICATORS if pd.isna(row.get(i.column)))


def cluster_places(cluster) -> pd.DataFrame:
    """Indicator rows of the cluster's village places and of the whole cluster (see :class:`ComparisonFrames`)."""
    table = national_table()
    groups, labels = _place_groups(cluster)
    known = {key: [c for c in codes if c in table.index] for key, codes in groups.items()}
    known = {key: codes for key, codes in known.items() if codes}
    every = list(dict.fromkeys(c for codes in known.values() for c in codes))
    places = cmp.combine(table, {**known, CLUSTER_ID: every})
    places["label"] = [labels.get(key, cluster.name) for key in places.index]
    places["parish_codes"] = [";".join(known.get(key, every)) for key in places.index]
    places["kind"] = ["cluster" if key == CLUSTER_ID else "village" for key in places.index]
    places["small"] = cmp.small(places["population_2021"]).astype(bool)
    places["missing"] = [_missing(row) for _, row in places.iterrows()]
    places.attrs["unknown_villages"] = [labels[k] for k in groups if k not in known]
    return places


@lru_cache(maxsize=1)
def all_clusters() -> pd.DataFrame:
    """Every cluster file's whole-cluster indicator row (index: slug; ``name``, ``municipality_name``)."""
    from landsby_utils._errors import LandsbyError
    from landsby_utils.cluster import cluster_slugs, load_cluster

    table = national_table()
    rows = {}
    meta = {}
    for slug in cluster_slugs():
        try:
            other = load_cluster(slug)
        except LandsbyError:
            continue
        codes = [c for c in dict.fromkeys(_as_2021(c, table) for c in other.parish_codes) if c in table.index]
        if codes:
            rows[slug] = codes
            meta[slug] = (other.name, other.municipality_name)
    frame = cmp.combine(table, rows)
    frame["name"] = [meta[s][0] for s in frame.index]
    frame["municipality_name"] = [meta[s][1] for s in frame.index]
    frame["parish_codes"] = [";".join(rows[s]) for s in frame.index]
    return frame


def similar_places(z_national, z_places, places, z_clusters, codes=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The similar parishes of each village place and the similar other clusters (see :class:`ComparisonFrames`)."""
    villages = places[places["kind"] == "village"]
    own = set(";".join(places["parish_codes"]).split(";"))
    neighbours = cmp.nearest(z_national, z_places.loc[villages.index], codes, k=N_PARISHES,
                             exclude={key: own for key in villages.index})
    query = z_places.loc[[CLUSTER_ID]].rename(index={CLUSTER_ID: "__query__"})
    clusters = cmp.nearest(z_clusters, query, codes, k=N_CLUSTERS).rename(columns={"parish_code": "slug"})
    return neighbours, clusters


def build_comparison_frames(cluster) -> ComparisonFrames:
    """The comparison page's frames for a cluster (pure given the snapshot files; about a second).

    Parameters
    ----------
    cluster : landsby_utils.cluster.Cluster
        The cluster.

    Returns
    -------
    ComparisonFrames
        Picklable; see the class.
    """
    national = national_table()
    scale = cmp.fit_scale(national)
    z_national = cmp.zscores(national, scale)
    places = cluster_places(cluster)
    z_places = cmp.zscores(places, scale)
    others = all_clusters()
    others = others[others.index != cluster.slug]
    z_clusters = cmp.zscores(others, scale)
    positions = cmp.positions(national, places)
    frames = ComparisonFrames(national=national, z_national=z_national, places=places, z_places=z_places,
                              positions=positions, neighbours=pd.DataFrame(), clusters=others, z_clusters=z_clusters,
                              similar_clusters=pd.DataFrame(), provenances=[p.as_dict() for p in PROVENANCES])
    frames.neighbours, frames.similar_clusters = frames.similar()
    return frames
