"""Derive the processed snapshot files from the raw snapshot, reproducibly.

Nothing under ``data/snapshot/derived/`` or the generated ``data/clusters/*.toml``
is edited by hand: run ``landsby derive`` (or ``python -m landsby_utils._derive``)
and commit the result. Each step is recorded here:

1. ``kommuner_denmark.geojson``: the DAGI 2014 municipality TopoJSON decoded
   (the dummy z value ``-999`` dropped), dissolved to one multipolygon per
   ``KOMKODE``, coordinates rounded to 5 decimals (about 1 m).
2. ``sogne_denmark.geojson``: the DAGI 2014 parish TopoJSON decoded the same way,
   each polygon assigned to the municipality that contains its representative
   point, then dissolved per (``SOGNEKODE``, ``KOMKODE``).
3. ``data/clusters/<slug>.toml`` for all twelve clusters of ``landsbyklynger.csv``
   (name, municipality, phase, source pages): the four West Jutland clusters with
   ``cluster_villages_westjutland.csv`` (village, parish codes, OSM point), the other
   eight with ``cluster_villages_other.csv`` (village, 2021 parish code, how it was
   matched, the page that names it). Villages that page names only weakly (``member =
   weak``) or that no register places in a parish (``member = unplaced``) are listed in
   the file's header comments, not as members.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from landsby_utils import settings

#: Clusters whose membership the snapshot resolves to parishes.
WEST_JUTLAND = ("vestrum", "friskvind", "bedstmodwest", "nissumfjord")
#: Village lists of the other clusters (hand-compiled names from the cited pages; SOURCES.md).
OTHER_VILLAGES_CSV = settings.CLUSTER_SOURCE_DIR / "cluster_villages_other.csv"

#: Display names where the source gives none or a long form (recorded, not invented:
#: the source says the Nissum Fjord cluster was unnamed in 2017).
DISPLAY_NAMES = {
    "vestrum": "VestRum",
    "nissumfjord": "Landsbyklyngen ved Nissum Fjord",
}


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decode quantized, delta-encoded TopoJSON arcs to absolute lon/lat."""
    scale_x, scale_y = topo["transform"]["scale"]
    tr_x, tr_y = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * scale_x + tr_x, y * scale_y + tr_y))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def topojson_to_frame(path: Path):
    """Read a TopoJSON file into a GeoDataFrame (EPSG:4326).

    GDAL's TopoJSON driver mis-decodes these files because their first arc
    position carries a third value; this decoder follows the TopoJSON spec.

    Parameters
    ----------
    path : pathlib.Path
        The TopoJSON file.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per geometry with its properties.
    """
    import geopandas as gpd
    from shapely.geometry import MultiPolygon, Polygon

    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    rows = []
    for obj in topo["objects"].values():
        for geom in obj["geometries"]:
            if geom["type"] == "Polygon":
                shape = Polygon(_ring(geom["arcs"][0], arcs), [_ring(r, arcs) for r in geom["arcs"][1:]])
            elif geom["type"] == "MultiPolygon":
                shape = MultiPolygon(
                    [Polygon(_ring(p[0], arcs), [_ring(r, arcs) for r in p[1:]]) for p in geom["arcs"]]
                )
            else:
                continue
            rows.append({**geom.get("properties", {}), "geometry": shape.buffer(0)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=settings.CRS_GEOGRAPHIC)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _write_atomic_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _geojson_text(frame) -> str:
    """Serialise a frame as GeoJSON with coordinates rounded to 5 decimals."""
    from shapely import set_precision

    frame = frame.copy()
    frame["geometry"] = set_precision(frame.geometry.values, 1e-5)
    return frame.to_json(drop_id=True, na="drop", to_wgs84=False, separators=(",", ":")) + "\n"


def derive_boundaries() -> tuple[Path, Path]:
    """Write the decoded municipality and parish GeoJSON files.

    Returns
    -------
    tuple of pathlib.Path
        The municipality and the parish file.
    """
    import geopandas as gpd

    kommuner = topojson_to_frame(settings.KOMMUNER_TOPOJSON)
    kommuner = kommuner.dissolve(by=["KOMKODE", "KOMNAVN"], as_index=False)[["KOMKODE", "KOMNAVN", "geometry"]]
    kommuner = kommuner.sort_values("KOMKODE").reset_index(drop=True)

    sogne = topojson_to_frame(settings.SOGNE_TOPOJSON)
    points = gpd.GeoDataFrame(sogne.drop(columns="geometry"), geometry=sogne.representative_point(), crs=sogne.crs)
    joined = gpd.sjoin(points, kommuner[["KOMKODE", "geometry"]], how="left", predicate="within")
    sogne["KOMKODE"] = joined["KOMKODE"].groupby(level=0).first()
    sogne = sogne.dropna(subset=["KOMKODE"])
    sogne = sogne.dissolve(by=["SOGNEKODE", "KOMKODE"], as_index=False, aggfunc={"SOGNENAVN": "first"})
    sogne = sogne[["SOGNEKODE", "SOGNENAVN", "KOMKODE", "geometry"]].sort_values(["SOGNEKODE", "KOMKODE"])

    _write_atomic(settings.KOMMUNER_GEOJSON, _geojson_text(kommuner))
    _write_atomic(settings.SOGNE_GEOJSON, _geojson_text(sogne.reset_index(drop=True)))
    return settings.KOMMUNER_GEOJSON, settings.SOGNE_GEOJSON


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def cluster_toml(slug: str) -> str:
    """Return the TOML text of one West Jutland cluster from the source CSVs.

    Parameters
    ----------
    slug : str
        One of :data:`WEST_JUTLAND`.

    Returns
    -------
    str
        The cluster file's text.
    """
    clusters = pd.read_csv(settings.CLUSTERS_CSV, dtype=str).set_index("cluster_id")
    villages = pd.read_csv(settings.CLUSTER_VILLAGES_CSV, dtype=str)
    row = clusters.loc[slug]
    name = DISPLAY_NAMES.get(slug, row["cluster_name"].split(" (")[0])
    lines = [
        "# Generated by `landsby derive` from data/snapshot/clusters/*.csv (see SOURCES.md).",
        "# To add a cluster, copy this file and edit it by hand; see README.md.",
        f"slug = {_toml_str(slug)}",
        f"name = {_toml_str(name)}",
        f"municipality_code = {_toml_str(row['kommunekode'])}",
        f"phase = {_toml_str(row['phase'])}",
        f"description = {_toml_str(row['notes'] if isinstance(row['notes'], str) else '')}",
        f"name_as_stated = {_toml_str(row['cluster_name'])}",
        "sources = [",
        *[f"  {_toml_str(url.strip())}," for url in row["source_urls"].split("|")],
        "]",
    ]
    if slug not in WEST_JUTLAND:
        return _other_cluster_toml(slug, lines)
    for _, village in villages[villages["cluster_id"] == slug].iterrows():
        parishes = ", ".join(_toml_str(code) for code in village["sognekode_dagi2014"].split(";"))
        lines += ["", "[[villages]]", f"name = {_toml_str(village['village'])}", f"parishes = [{parishes}]"]
        lines.append(f"match = {_toml_str(village['match_method'])}")
        if isinstance(village["osm_lat"], str):
            lines.append(
                f"point = {{ lat = {float(village['osm_lat']):.6f}, lon = {float(village['osm_lon']):.6f}, "
                f"source = {_toml_str('OpenStreetMap node ' + village['osm_node_id'] + ' (2019)')} }}"
            )
    return "\n".join(lines) + "\n"


def _other_cluster_toml(slug: str, lines: list[str]) -> str:
    """The villages part of a cluster outside West Jutland, from ``cluster_villages_other.csv``."""
    rows = pd.read_csv(OTHER_VILLAGES_CSV, dtype=str).fillna("")
    rows = rows[rows["cluster_id"] == slug]
    header = ["# Villages from data/snapshot/clusters/cluster_villages_other.csv (names from the pages in column source_url)."]
    for kind, text in (("weak", "Named only weakly by the sources (left out)"), ("unplaced", "Named by the sources, but no register places them in a parish (left out)")):
        names = [f"{r.village} ({r.match_method})" for r in rows[rows["member"] == kind].itertuples()]
        if names:
            header.append(f"# {text}: " + "; ".join(names))
    pages = [u for u in dict.fromkeys(rows.loc[rows["member"] == "yes", "source_url"]) if u]
    at = lines.index("]")
    lines[at:at] = [f"  {_toml_str(url)}," for url in pages if f"  {_toml_str(url)}," not in lines]
    lines[2:2] = header
    for village in rows[rows["member"] == "yes"].itertuples():
        parishes = ", ".join(_toml_str(code) for code in village.parish_code.split(";"))
        lines += ["", "[[villages]]", f"name = {_toml_str(village.village)}", f"parishes = [{parishes}]",
                  f"match = {_toml_str(village.match_method)}"]
    return "\n".join(lines) + "\n"


def derive_clusters() -> list[Path]:
    """Write ``data/clusters/<slug>.toml`` for every cluster of ``landsbyklynger.csv``.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    paths = []
    for slug in pd.read_csv(settings.CLUSTERS_CSV, dtype=str)["cluster_id"]:
        path = settings.CLUSTERS_DIR / f"{slug}.toml"
        _write_atomic(path, cluster_toml(slug))
        paths.append(path)
    return paths


def derive_all() -> list[Path]:
    """Run every derivation step.

    Returns
    -------
    list of pathlib.Path
        Every file written.
    """
    from landsby_utils._derive_parishes import derive_parishes
    from landsby_utils.projection_check import derive_backtest

    return [*derive_boundaries(), *derive_parishes(), *derive_backtest(), *derive_clusters()]


if __name__ == "__main__":  # pragma: no cover
    for written in derive_all():
        print(written.relative_to(settings.ROOT))
