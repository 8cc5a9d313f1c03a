"""OpenStreetMap facilities and places: live from the Overpass API, cached, with a bundled snapshot.

Live data come from one Overpass query per cluster bounding box (plus
``settings.OSM_MARGIN_M``) for nodes, ways and relations (``out center;``) of the
facility tags in :data:`landsby_utils.facilities.RULES` and place nodes
(village, hamlet, town, …). Answers go through the shared cached session in
:mod:`landsby_utils._http` and are kept as the last good copy, with
``osm3s.timestamp_osm_base`` as the reference date. Dashboards call the readers
with ``network=False`` (the default) and never query Overpass per page view:
they get the last good copy of a query whose box covers theirs, else the bundled
2019 node extract (ObiWanLansi/GeoData, nodes only, municipalities 0760 and 0661
for facilities, all of Denmark for places). ``landsby fetch`` uses
``network=True``: live → last good copy → snapshot.

Facility columns
----------------
``osm_type`` (``"node"``/``"way"``/``"relation"``), ``osm_id``, ``name`` (may be empty),
``key``, ``value`` (the tag that decided the category), ``category`` (see
:mod:`landsby_utils.facilities`), ``geometry`` (points, EPSG:4326; the centre
Overpass gives for ways and relations).

Place columns
-------------
``osm_id``, ``name``, ``place`` (OSM ``place=*``), ``population_tag`` (typed in
by mappers; not a statistic), ``geometry`` (points, EPSG:4326).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import geopandas as gpd
import pandas as pd

from landsby_utils import _http, settings
from landsby_utils._errors import InvalidArgumentError, SourceError
from landsby_utils.categories import RULES, categorize
from landsby_utils.sources._provenance import Note, Provenance, attach_provenance, note

OSM_SNAPSHOT = Provenance(
    source="osm",
    table="osm_points",
    licence=settings.LICENCE_OSM,
    reference_date="2019-09-11",
    served_from="snapshot",
    notes=(note("osm_points_only"),),
)

_RULE_ORDER = {(key, value): i for i, (key, value, _) in enumerate(RULES)}


@lru_cache(maxsize=1)
def _snapshot_facilities() -> gpd.GeoDataFrame:
    raw = pd.read_csv(settings.OSM_NODES_CSV, dtype={"ID": "int64", "NAME": str, "TAG": str, "VALUE": str})
    raw = raw[raw["TAG"] != "place"].copy()
    raw["category"] = [categorize({k: v}) for k, v in zip(raw["TAG"], raw["VALUE"], strict=True)]
    # A node appears once per tag; keep the row whose tag decides its category.
    raw["_rank"] = [_RULE_ORDER.get((k, v), len(RULES)) for k, v in zip(raw["TAG"], raw["VALUE"], strict=True)]
    raw = raw.sort_values(["ID", "_rank"]).drop_duplicates("ID")
    frame = gpd.GeoDataFrame(
        {
            "osm_type": "node",
            "osm_id": raw["ID"].to_numpy(),
            "name": raw["NAME"].fillna("").to_numpy(),
            "key": raw["TAG"].to_numpy(),
            "value": raw["VALUE"].to_numpy(),
            "category": raw["category"].to_numpy(),
        },
        geometry=gpd.points_from_xy(raw["LON"], raw["LAT"]),
        crs=settings.CRS_GEOGRAPHIC,
    )
    return frame.reset_index(drop=True)


def facilities_from_snapshot() -> gpd.GeoDataFrame:
    """All facility nodes of the bundled OSM extract (Ringkøbing-Skjern and Holstebro).

    Returns
    -------
    geopandas.GeoDataFrame
        Facility columns (see module docstring), one row per OSM node, with provenance.
    """
    return attach_provenance(_snapshot_facilities().copy(), OSM_SNAPSHOT)


@lru_cache(maxsize=1)
def _snapshot_places() -> gpd.GeoDataFrame:
    raw = pd.read_csv(settings.OSM_PLACES_CSV, dtype={"ID": "int64", "NAME": str, "VALUE": str})
    raw = raw.dropna(subset=["NAME"])
    return gpd.GeoDataFrame(
        {
            "osm_id": raw["ID"].to_numpy(),
            "name": raw["NAME"].to_numpy(),
            "place": raw["VALUE"].to_numpy(),
            "population_tag": pd.to_numeric(raw["POPULATION"], errors="coerce").to_numpy(),
        },
        geometry=gpd.points_from_xy(raw["LON"], raw["LAT"]),
        crs=settings.CRS_GEOGRAPHIC,
    ).reset_index(drop=True)


def places_from_snapshot() -> gpd.GeoDataFrame:
    """Named OSM place nodes (city … hamlet) of all of Denmark, 2019.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``osm_id``, ``name``, ``place`` (OSM ``place=*`` value),
        ``population_tag`` (typed in by mappers; not a statistic), ``geometry``.
    """
    return attach_provenance(_snapshot_places().copy(), OSM_SNAPSHOT)


# --- Overpass API ------------------------------------------------------------------------------

#: OSM ``place=*`` values fetched as places.
PLACE_VALUES: tuple[str, ...] = (
    "city", "town", "village", "hamlet", "isolated_dwelling", "suburb", "quarter", "neighbourhood", "locality", "farm",
)
#: Server-side time limit written into the query (``[timeout:N]``), in seconds.
OVERPASS_QUERY_TIMEOUT_S = 90
FACILITY_COLUMNS = ["osm_type", "osm_id", "name", "key", "value", "category"]
PLACE_COLUMNS = ["osm_id", "name", "place", "population_tag"]
_REMARK_PROBLEM = re.compile(r"runtime error|timed? ?out|out of memory|error", re.IGNORECASE)


def _check_bbox(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in bbox)
    except (TypeError, ValueError) as exc:
        raise InvalidArgumentError(
            f"bbox must be four numbers (west, south, east, north), not {bbox!r}",
            f"Området skal angives som fire tal (vest, syd, øst, nord), ikke {bbox!r}",
        ) from exc
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InvalidArgumentError(
            f"bbox {bbox!r} is not (west, south, east, north) in degrees with west < east and south < north",
            f"Området {bbox!r} er ikke (vest, syd, øst, nord) i grader med vest < øst og syd < nord",
        )
    return west, south, east, north


def overpass_query(bbox: Sequence[float]) -> str:
    """The Overpass QL query for facilities and places in a bounding box.

    Parameters
    ----------
    bbox : sequence of float
        ``(west, south, east, north)`` in degrees (EPSG:4326).

    Returns
    -------
    str
        One query: ``nwr`` statements for every key of
        :data:`~landsby_utils.facilities.RULES` (values as an anchored regex),
        place nodes, and ``out center;`` so ways and relations carry a centre.
    """
    west, south, east, north = _check_bbox(bbox)
    groups: dict[str, list[str]] = {}
    for key, value, _category in RULES:
        groups.setdefault(key, [])
        if value not in groups[key]:
            groups[key].append(value)
    lines = [
        f"[out:json][timeout:{OVERPASS_QUERY_TIMEOUT_S}][bbox:{south:.6f},{west:.6f},{north:.6f},{east:.6f}];",
        "(",
    ]
    for key, values in groups.items():
        if "*" in values:
            lines.append(f'  nwr["{key}"];')
        else:
            lines.append(f'  nwr["{key}"~"^({"|".join(re.escape(v) for v in values)})$"];')
    lines.append(f'  node["place"~"^({"|".join(PLACE_VALUES)})$"];')
    lines += [");", "out center;"]
    return "\n".join(lines)


def validate_overpass(text: str) -> None:
    """Raise :class:`SourceError` unless ``text`` is a complete Overpass JSON answer.

    Rejects HTML pages, truncated or non-JSON bodies, bodies without
    ``elements``, and answers whose ``remark`` reports a timeout or error (those
    hold partial results and must never be cached).
    """
    if _http.looks_like_html(text):
        raise SourceError("an HTML page instead of Overpass JSON", "en HTML-side i stedet for Overpass-data")
    try:
        payload = json.loads(text)
    except ValueError as exc:
        raise SourceError(f"Overpass answer is not valid JSON (truncated?): {exc}", "svaret fra Overpass er ikke gyldig JSON") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("elements"), list):
        raise SourceError("Overpass answer has no elements list", "svaret fra Overpass har ingen elementliste")
    remark = str(payload.get("remark") or "")
    if remark and _REMARK_PROBLEM.search(remark):
        raise SourceError(f"Overpass reported a problem (partial result): {remark[:200]}",
                          f"Overpass meldte en fejl (ufuldstændigt svar): {remark[:200]}")


def _rule_tag(tags: dict[str, str]) -> tuple[str, str]:
    for key, value, _category in RULES:
        if key in tags and (value == "*" or tags[key] == value):
            return key, tags[key]
    return "", ""


def parse_overpass(payload: dict[str, Any]) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, str]:
    """Turn an Overpass JSON answer into facility and place frames.

    Parameters
    ----------
    payload : dict
        The parsed answer (``osm3s``, ``elements``).

    Returns
    -------
    facilities : geopandas.GeoDataFrame
        Facility columns (module docstring), one row per element that matches a rule.
    places : geopandas.GeoDataFrame
        Place columns, one row per named place node.
    reference_date : str
        ``osm3s.timestamp_osm_base`` as an ISO date (``""`` when missing).

    Warns
    -----
    UserWarning
        When elements without coordinates (no ``lat``/``lon`` and no ``center``) are skipped.
    """
    facilities: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    skipped = 0
    for element in payload.get("elements", []):
        tags = element.get("tags") or {}
        point = element if "lat" in element and "lon" in element else element.get("center") or {}
        lat, lon = point.get("lat"), point.get("lon")
        if lat is None or lon is None:
            skipped += 1
            continue
        if tags.get("place") in PLACE_VALUES and tags.get("name") and element.get("type") == "node":
            places.append({"osm_id": int(element["id"]), "name": tags["name"], "place": tags["place"],
                           "population_tag": pd.to_numeric(tags.get("population"), errors="coerce"),
                           "lon": float(lon), "lat": float(lat)})
        category = categorize(tags)
        if category != "andet":
            key, value = _rule_tag(tags)
            facilities.append({"osm_type": str(element.get("type", "node")), "osm_id": int(element["id"]),
                               "name": tags.get("name", ""), "key": key, "value": value, "category": category,
                               "lon": float(lon), "lat": float(lat)})
    if skipped:
        warnings.warn(f"skipped {skipped} OSM element(s) without coordinates", UserWarning, stacklevel=2)
    timestamp = str((payload.get("osm3s") or {}).get("timestamp_osm_base") or "")
    return _points(facilities, FACILITY_COLUMNS), _points(places, PLACE_COLUMNS), timestamp[:10]


def _points(rows: list[dict[str, Any]], columns: list[str]) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(rows, columns=[*columns, "lon", "lat"])
    if "osm_id" in frame:
        frame["osm_id"] = frame["osm_id"].astype("int64")
    if "population_tag" in frame:
        frame["population_tag"] = frame["population_tag"].astype("float64")
    return gpd.GeoDataFrame(
        frame[columns], geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=settings.CRS_GEOGRAPHIC
    )


def _covers(bbox: tuple[float, float, float, float]):
    west, south, east, north = bbox
    eps = 1e-9

    def covers(entry: _http.Entry) -> bool:
        box = entry.meta.get("bbox")
        return bool(box) and box[0] <= west + eps and box[1] <= south + eps and box[2] >= east - eps and box[3] >= north - eps

    return covers


def _overpass(bbox: tuple[float, float, float, float], network: bool,
              refresh: bool) -> tuple[dict[str, Any] | None, str, str | None, tuple[Note, ...], str]:
    """Live → last good copy. Returns (payload or None, served_from, retrieved, notes, failure)."""
    query = overpass_query(bbox)
    key = {"query": query}
    failure = ""
    if network:
        try:
            answer = _http.request("POST", settings.OVERPASS_URL, form={"data": query}, validate=validate_overpass,
                                   refresh=refresh, what="Overpass API")
        except _http.RequestRejectedError:
            raise
        except _http.SourceUnavailableError as exc:
            failure = exc.message
        else:
            payload = json.loads(answer.text)
            timestamp = (payload.get("osm3s") or {}).get("timestamp_osm_base")
            _http.save_last_good("overpass", key, answer.text, {"bbox": list(bbox), "timestamp_osm_base": timestamp},
                                 answer.fetched_at)
            if not payload["elements"]:
                warnings.warn(f"Overpass returned no elements for bbox {bbox}", UserWarning, stacklevel=3)
            served = "cache" if answer.from_cache else "live"
            return payload, served, answer.fetched_at.date().isoformat(), (), ""
    entry = _http.load_last_good("overpass", key) or _http.find_last_good("overpass", _covers(bbox))
    if entry is not None:
        notes = (note("overpass_cache_fallback", failure=failure, date=entry.retrieved_date),) if failure else ()
        return json.loads(entry.body()), "cache", entry.retrieved_date, notes, failure
    return None, "snapshot", None, (), failure


def _live_provenance(reference: str, served_from: str, retrieved: str | None, notes: tuple[Note, ...]) -> Provenance:
    return Provenance(
        source="osm",
        table="Overpass API",
        licence=settings.LICENCE_OSM,
        reference_date=reference or (retrieved or ""),
        served_from=served_from,  # type: ignore[arg-type]
        retrieved=retrieved,
        notes=notes,
    )


def _snapshot_note(failure: str) -> Provenance:
    if not failure:
        return OSM_SNAPSHOT
    return OSM_SNAPSHOT.with_notes(note("overpass_snapshot_fallback", failure=failure), first=True)


def facilities_for_bbox(bbox: tuple[float, float, float, float], network: bool = False,
                        refresh: bool = False) -> gpd.GeoDataFrame:
    """Facilities inside a bounding box.

    Parameters
    ----------
    bbox : tuple of float
        ``(west, south, east, north)`` in degrees (EPSG:4326).
    network : bool, default False
        False (dashboards): the last good Overpass answer for a box that covers
        this one, else the bundled snapshot; never the network. True (``landsby
        fetch``): live → last good copy → snapshot.
    refresh : bool, default False
        Bypass the HTTP cache (only with ``network=True``).

    Returns
    -------
    geopandas.GeoDataFrame
        Facility columns, with provenance (``served_from`` and ``note`` say which level answered and why).

    Raises
    ------
    InvalidArgumentError
        A malformed bbox.
    """
    box = _check_bbox(bbox)
    payload, served_from, retrieved, notes, failure = _overpass(box, network, refresh)
    west, south, east, north = box
    if payload is None:
        frame = _snapshot_facilities().cx[west:east, south:north].copy()
        return attach_provenance(frame.reset_index(drop=True), _snapshot_note(failure))
    facilities, _places, reference = parse_overpass(payload)
    frame = facilities.cx[west:east, south:north].reset_index(drop=True)
    return attach_provenance(frame, _live_provenance(reference, served_from, retrieved, notes))


def places_for_bbox(bbox: tuple[float, float, float, float], network: bool = False,
                    refresh: bool = False) -> gpd.GeoDataFrame:
    """Named OSM place nodes (city … farm) inside a bounding box.

    Uses the same Overpass answer as :func:`facilities_for_bbox` (one query per box).

    Parameters
    ----------
    bbox : tuple of float
        ``(west, south, east, north)`` in degrees (EPSG:4326).
    network : bool, default False
        False: last good covering answer, else the snapshot. True: live → last good copy → snapshot.
    refresh : bool, default False
        Bypass the HTTP cache.

    Returns
    -------
    geopandas.GeoDataFrame
        Place columns (module docstring), with provenance.
    """
    box = _check_bbox(bbox)
    payload, served_from, retrieved, notes, failure = _overpass(box, network, refresh)
    west, south, east, north = box
    if payload is None:
        frame = _snapshot_places().cx[west:east, south:north].copy()
        return attach_provenance(frame.reset_index(drop=True), _snapshot_note(failure))
    _facilities, places, reference = parse_overpass(payload)
    frame = places.cx[west:east, south:north].reset_index(drop=True)
    return attach_provenance(frame, _live_provenance(reference, served_from, retrieved, notes))
