"""Every setting of the project in one place: paths, URLs, CRS codes, timeouts, language.

Paths are resolved from the repository root, or from environment variables so that
a deployment can move the data, cache and build folders. Nothing else in the
package hard-codes a path, a URL or a CRS code.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Root of the repository (the folder that holds ``data/`` and ``notebooks/``).
ROOT: Path = Path(os.environ.get("LANDSBY_ROOT", Path(__file__).resolve().parent.parent))

#: Folder with the data that ships with the project.
DATA_DIR: Path = Path(os.environ.get("LANDSBY_DATA_DIR", ROOT / "data"))

#: Cluster definitions, one TOML file per cluster.
CLUSTERS_DIR: Path = Path(os.environ.get("LANDSBY_CLUSTERS_DIR", DATA_DIR / "clusters"))

#: Bundled real data, as obtained (read-only), with ``SOURCES.md``.
SNAPSHOT_DIR: Path = DATA_DIR / "snapshot"
SNAPSHOT_RAW_DIR: Path = SNAPSHOT_DIR / "raw"
#: Files derived from the raw snapshot by :mod:`landsby_utils._derive` (never edited by hand).
SNAPSHOT_DERIVED_DIR: Path = SNAPSHOT_DIR / "derived"

DAGI_DIR: Path = SNAPSHOT_RAW_DIR / "dagi_neogeografen"
DST_DIR: Path = SNAPSHOT_RAW_DIR / "dst_folk1b_cpop_sdu"
SOGN1_DIR: Path = SNAPSHOT_RAW_DIR / "dst_sogn1_via_dagir"
OSM_DIR: Path = SNAPSHOT_RAW_DIR / "osm_obiwanlansi_geodata_2019"
CLUSTER_SOURCE_DIR: Path = SNAPSHOT_DIR / "clusters"

KOMMUNER_TOPOJSON: Path = DAGI_DIR / "kommuner_denmark.topojson"
SOGNE_TOPOJSON: Path = DAGI_DIR / "sogne_denmark.topojson"
KOMMUNER_GEOJSON: Path = SNAPSHOT_DERIVED_DIR / "kommuner_denmark.geojson"
SOGNE_GEOJSON: Path = SNAPSHOT_DERIVED_DIR / "sogne_denmark.geojson"
FOLK1B_Q1_CSV: Path = DST_DIR / "FOLK1B_Q1_all_areas_2008-2020.csv"
FOLK1B_QUARTERLY_CSV: Path = DST_DIR / "FOLK1B_quarterly_0760_0661_82_DK_2008Q1-2020Q4.csv"
#: Every OSM node of the 2019 extract but power lines, all of Denmark (SOURCES.md section 7).
OSM_NODES_CSV: Path = OSM_DIR / "nodes_denmark_facilities.csv.gz"
#: SOGN1 parish population 1 January 2014 by sex and single-year age, and 2021 totals (section 6).
SOGN1_2014_CSV: Path = SOGN1_DIR / "sogn1_2014_parish_sex_age.csv.gz"
SOGN1_2021_CSV: Path = SOGN1_DIR / "sogn1_2021_parish_totals.csv"
FOLK1A_2014_CSV: Path = SOGN1_DIR / "folk1a_2014q1_municipality_sex_age.csv"
FOLK1A_2021_CSV: Path = SOGN1_DIR / "folk1a_2021q1_municipality_totals.csv"
PARISH_CHANGES_CSV: Path = SOGN1_DIR / "parish_changes_2014_2021.csv"
SOGNE_2021_GEOJSON: Path = SOGN1_DIR / "sogne_2021_dawa.geojson.gz"
#: Derived: the national parish table (both vintages) and the parish layer that knows both codes.
PARISHES_CSV: Path = SNAPSHOT_DERIVED_DIR / "parishes_denmark.csv"
PARISHES_GEOJSON: Path = SNAPSHOT_DERIVED_DIR / "parishes_denmark.geojson.gz"
#: Derived: the population projection back-tested on every parish and municipality, 2014 → 2021.
BACKTEST_CSV: Path = SNAPSHOT_DERIVED_DIR / "projection_backtest.csv"
#: Derived: BEV107 population accounts 2006–2017 and FLY66 2024 moves (SOURCES.md section 8; ``_derive_moves.py``).
MOVES_ACCOUNTS_CSV: Path = SNAPSHOT_DERIVED_DIR / "moves_bev107_accounts.csv"
MOVES_FLOWS_CSV: Path = SNAPSHOT_DERIVED_DIR / "moves_fly66_2024.csv.gz"
#: Derived: the national parish indicator table of "Steder som os" and its column notes (issue 12).
PARISH_INDICATORS_CSV: Path = SNAPSHOT_DERIVED_DIR / "parish_indicators.csv"
PARISH_INDICATORS_MD: Path = SNAPSHOT_DERIVED_DIR / "parish_indicators.md"
OSM_PLACES_CSV: Path = OSM_DIR / "places_denmark.csv"
CLUSTERS_CSV: Path = CLUSTER_SOURCE_DIR / "landsbyklynger.csv"
CLUSTER_VILLAGES_CSV: Path = CLUSTER_SOURCE_DIR / "cluster_villages_westjutland.csv"

#: Where fetched data and precomputed frames go (outside git).
CACHE_DIR: Path = Path(os.environ.get("LANDSBY_CACHE_DIR", ROOT / ".cache" / "landsby"))
#: Where ``landsby build`` writes the static datapakke sites.
BUILD_DIR: Path = Path(os.environ.get("LANDSBY_BUILD_DIR", ROOT / "build"))
NOTEBOOKS_DIR: Path = ROOT / "notebooks"

#: The cluster shown when none is chosen.
DEFAULT_CLUSTER: str = "vestrum"

#: Language of everything a villager sees: "da" (default) or "en".
LANGUAGE: str = os.environ.get("LANDSBY_LANG", "da")

#: When true, no HTTP request leaves the machine; sources use cache or snapshot.
OFFLINE: bool = os.environ.get("LANDSBY_OFFLINE", "").lower() in {"1", "true", "yes", "on"}

# --- Coordinate reference systems --------------------------------------------------
#: Geographic coordinates as served to web maps and stored in the snapshot.
CRS_GEOGRAPHIC: str = "EPSG:4326"
#: ETRS89 / UTM zone 32N, Denmark's metric plane for distances, areas, buffers.
CRS_METRIC: str = "EPSG:25832"

# --- Remote services ---------------------------------------------------------------
STATBANK_URL: str = os.environ.get("LANDSBY_STATBANK_URL", "https://api.statbank.dk/v1")
OVERPASS_URL: str = os.environ.get("LANDSBY_OVERPASS_URL", "https://overpass-api.de/api/interpreter")
USER_AGENT: str = "landsby-datapakke/0.1 (+https://landsbyklynger.dk; datapakke for landsbyklynger)"
HTTP_TIMEOUT_S: float = float(os.environ.get("LANDSBY_HTTP_TIMEOUT", "20"))
HTTP_RETRIES: int = 3
HTTP_BACKOFF_S: float = 0.5
#: How long a cached HTTP answer counts as fresh (seconds); older answers are re-fetched by `landsby fetch`.
HTTP_CACHE_EXPIRE_S: int = 86_400
#: Longest wait honoured from a server's Retry-After header (seconds).
HTTP_RETRY_AFTER_MAX_S: float = 5.0
#: StatBank refuses more cells than this per non-streamed request.
STATBANK_CELL_LIMIT: int = 1_000_000
#: Margin around a cluster's bounding box when fetching facilities, in metres.
OSM_MARGIN_M: float = 10_000.0

# --- Analysis ----------------------------------------------------------------------
#: Derived counts of persons from 1 up to this number are suppressed ("<5").
SUPPRESS_BELOW: int = 5
#: Distance thresholds (metres) for accessibility shares.
DISTANCE_THRESHOLDS_M: tuple[int, ...] = (2_000, 5_000, 10_000)

# --- Attribution -------------------------------------------------------------------
# Licence keys: the attribution text, in Danish and English, is the label ``licence_<key>`` in i18n.LABELS.
LICENCE_DST: str = "dst"
LICENCE_OSM: str = "osm"
LICENCE_DAGI: str = "dagi_2014"
LICENCE_DAGI_2021: str = "dagi_2021"
OSM_COPYRIGHT_URL: str = "https://www.openstreetmap.org/copyright"
OSM_TILES_URL: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def cache_dir() -> Path:
    """Return the cache folder, creating it if needed.

    Returns
    -------
    pathlib.Path
        The folder for fetched data and precomputed frames.
    """
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return CACHE_DIR
