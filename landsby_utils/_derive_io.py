"""File helpers of ``landsby derive``: TopoJSON decoding, GeoJSON text, atomic writes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from landsby_utils import settings


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


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def geojson_text(frame) -> str:
    """Serialise a frame as GeoJSON with coordinates rounded to 5 decimals."""
    from shapely import set_precision

    frame = frame.copy()
    frame["geometry"] = set_precision(frame.geometry.values, 1e-5)
    return frame.to_json(drop_id=True, na="drop", to_wgs84=False, separators=(",", ":")) + "\n"
