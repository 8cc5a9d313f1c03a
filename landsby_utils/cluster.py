"""A landsbyklynge: loaded from ``data/clusters/<slug>.toml``, validated, with its geography.

Every notebook starts from :func:`load_cluster`. A cluster file names the cluster,
its municipality and its villages (each with its parish codes, optionally a
point). Loading validates everything against the parish and place registers of
the bundled snapshot and raises :class:`~landsby_utils._errors.ClusterFileError`
naming the file, line, field and the closest valid choices.

File format
-----------
.. code-block:: toml

    name = "VestRum"
    municipality_code = "0760"          # 4-digit DAGI code (Ringkøbing-Skjern)
    description = "..."                 # optional
    sources = ["https://..."]           # pages that name the members

    [[villages]]
    name = "Tim"
    parishes = ["8759"]                 # optional: found by name if left out
    point = { lat = 56.1966, lon = 8.3033, source = "OpenStreetMap node 2388088967" }  # optional
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from landsby_utils import settings
from landsby_utils._errors import ClusterFileError, UnknownClusterError
from landsby_utils._names import base_key, name_key, near_miss, suggest

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
#: The slug rule in words (the file name without ``.toml``).
SLUG_RULE = "lower-case letters a-z, digits, - or _ (at most 64, starting with a letter or digit), e.g. 'min-klynge.toml'"
SLUG_RULE_DA = "små bogstaver a-z, tal, - eller _ (højst 64, begynder med bogstav eller tal), fx 'min-klynge.toml'"
#: Keys a cluster file may have, at the top and in each ``[[villages]]`` table.
TOP_KEYS = ("slug", "name", "municipality_code", "phase", "description", "name_as_stated", "sources", "villages")
VILLAGE_KEYS = ("name", "parishes", "point", "match")
#: How far (metres) a village point may lie outside its municipality's (coarse) outline.
_POINT_TOLERANCE_M = 2_000.0


@dataclass(frozen=True)
class Village:
    """A member village.

    Attributes
    ----------
    name : str
        The name as the cluster's sources write it.
    parishes : tuple of str
        4-digit parish codes (DAGI ``SOGNEKODE``).
    lat, lon : float
        A point for the village (EPSG:4326).
    point_source : str
        Where the point comes from; for villages with no known point, the
        parish's representative point is used and ``point_estimated`` is True.
    point_estimated : bool
        True when the point is the parish centre, not the village itself.
    note : str
        How the village was linked to its parishes.
    """

    name: str
    parishes: tuple[str, ...]
    lat: float
    lon: float
    point_source: str
    point_estimated: bool
    note: str = ""


@dataclass(frozen=True)
class Area:
    """A comparison area: the cluster's municipality, its region or Denmark."""

    level: str
    code: str
    name: str


@dataclass
class Cluster:
    """A validated landsbyklynge with its villages and geography."""

    slug: str
    name: str
    municipality_code: str
    municipality_name: str
    villages: list[Village]
    description: str = ""
    phase: str = ""
    sources: list[str] = field(default_factory=list)
    path: Path | None = None

    @property
    def parish_codes(self) -> list[str]:
        """Member parish codes, in village order, without duplicates."""
        return list(dict.fromkeys(code for village in self.villages for code in village.parishes))

    @cached_property
    def parishes(self):
        """Member parishes as a GeoDataFrame (``parish_code``, ``name``, ``villages``, ``geometry``)."""
        from landsby_utils.sources.geodata import parishes_from_snapshot

        frame = parishes_from_snapshot(self.municipality_code)
        frame = frame[frame["parish_code"].isin(self.parish_codes)].copy()
        frame["villages"] = [
            ", ".join(v.name for v in self.villages if code in v.parishes) for code in frame["parish_code"]
        ]
        order = {code: i for i, code in enumerate(self.parish_codes)}
        return frame.sort_values("parish_code", key=lambda s: s.map(order)).reset_index(drop=True)

    @cached_property
    def geometry(self):
        """The cluster's area: the union of its parishes (shapely, EPSG:4326)."""
        return self.parishes.geometry.union_all()

    def bbox(self, margin_m: float = 0.0) -> tuple[float, float, float, float]:
        """Bounding box ``(west, south, east, north)`` in degrees, widened by ``margin_m`` metres."""
        import geopandas as gpd

        outline = gpd.GeoSeries([self.geometry], crs=settings.CRS_GEOGRAPHIC)
        if margin_m:
            outline = outline.to_crs(settings.CRS_METRIC).buffer(margin_m).to_crs(settings.CRS_GEOGRAPHIC)
        west, south, east, north = outline.total_bounds
        return float(west), float(south), float(east), float(north)

    @property
    def village_points(self):
        """Villages as points (GeoDataFrame, EPSG:4326) with ``point_source`` and ``point_estimated``."""
        import geopandas as gpd

        return gpd.GeoDataFrame(
            {
                "village": [v.name for v in self.villages],
                "parishes": [", ".join(v.parishes) for v in self.villages],
                "point_source": [v.point_source for v in self.villages],
                "point_estimated": [v.point_estimated for v in self.villages],
            },
            geometry=gpd.points_from_xy([v.lon for v in self.villages], [v.lat for v in self.villages]),
            crs=settings.CRS_GEOGRAPHIC,
        )

    @cached_property
    def comparison_areas(self) -> list[Area]:
        """The municipality, its region and Denmark, with DST area codes."""
        from landsby_utils.sources.statbank import COUNTRY_CODE, COUNTRY_NAME_DA, region_of_municipality

        region_code, region_name = region_of_municipality(self.municipality_code)
        return [
            Area("municipality", self.municipality_code[-3:], self.municipality_name),
            Area("region", region_code, region_name),
            Area("country", COUNTRY_CODE, COUNTRY_NAME_DA),
        ]


# --- registers ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _registers() -> dict[str, Any]:
    """Municipalities, parishes and places from the snapshot, with matching keys."""
    import geopandas as gpd

    from landsby_utils.sources.geodata import _municipalities, _parishes
    from landsby_utils.sources.osm import _snapshot_places

    places = _snapshot_places()
    places = places[places["place"].isin(["city", "town", "village", "hamlet", "suburb", "locality", "neighbourhood", "isolated_dwelling", "farm"])]
    located = gpd.sjoin(places, _municipalities()[["municipality_code", "geometry"]], how="inner", predicate="within")
    return {
        "municipalities": dict(zip(_municipalities()["municipality_code"], _municipalities()["name"], strict=True)),
        "parishes": _parishes(),
        "places": located.drop(columns="index_right"),
    }


def _in_sogn1_only(code: str) -> bool:
    """True for a code with SOGN1 2014 figures but no polygon in either layer (e.g. 9261; SOURCES.md section 6)."""
    from landsby_utils.sources.dst_snapshot import parish_table

    return code in parish_table().index


def _line_index(text: str) -> dict[tuple[int, str], int]:
    """Map (village index or -1 for top level, key) to its 1-based line in the file."""
    lines: dict[tuple[int, str], int] = {}
    village = -1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped == "[[villages]]":
            village += 1
            lines[(village, "")] = number
        elif "=" in stripped and not stripped.startswith("#"):
            lines.setdefault((village, stripped.split("=", 1)[0].strip()), number)
    return lines


class _Validator:
    """Validates one parsed cluster file; raises ClusterFileError on the first problem."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.shown = str(path.relative_to(settings.ROOT)) if path.is_relative_to(settings.ROOT) else str(path)
        self.lines = _line_index(text)
        self.registers = _registers()

    def fail(self, field: str, problem: str, problem_da: str, where: tuple[int, str], suggestions=()) -> None:
        raise ClusterFileError(self.shown, field, problem, problem_da, self.lines.get(where), suggestions)

    def municipality(self, data: dict[str, Any]) -> tuple[str, str]:
        value = data.get("municipality_code")
        where = (-1, "municipality_code")
        if value is None:
            self.fail("municipality_code", "is missing", "mangler", (-1, "name"))
        if not isinstance(value, str):
            self.fail("municipality_code", f"must be text in quotes, e.g. municipality_code = \"0760\", not {value!r}",
                      f"skal stå i anførselstegn, fx municipality_code = \"0760\", ikke {value!r}", where)
        code = str(value).strip()
        if not re.fullmatch(r"\d{3,4}", code):
            self.fail("municipality_code", f"{code!r} is not a 3- or 4-digit code", f"{code!r} er ikke en kommunekode på 3-4 cifre", where)
        code = code.zfill(4)
        names = self.registers["municipalities"]
        if code not in names:
            closest = sorted(names, key=lambda c: abs(int(c) - int(code)))[:3]
            self.fail(
                "municipality_code",
                f"{code} is not a Danish municipality code",
                f"{code} er ikke en dansk kommunekode",
                where,
                [f"{c} ({names[c]})" for c in closest],
            )
        return code, names[code]

    def village(self, index: int, raw: Any, municipality: str, seen: dict[str, int]) -> Village:
        parishes = self.registers["parishes"]
        places = self.registers["places"]
        label = f"villages[{index}]"
        if not isinstance(raw, dict):
            self.fail(label, "must be a table with at least a name", "skal være en tabel med mindst et navn", (index, ""))
        name = str(raw.get("name", "")).strip()
        if not name:
            self.fail(f"{label}.name", "is missing or empty", "mangler eller er tom", (index, ""))
        key = name_key(name)
        if key in seen:
            self.fail(
                f"{label}.name",
                f"'{name}' is listed twice (also villages[{seen[key]}])",
                f"'{name}' står to gange (også villages[{seen[key]}])",
                (index, "name"),
            )
        seen[key] = index

        self.keys(raw, VILLAGE_KEYS, f"{label}", index)
        local_parishes = parishes[parishes["municipality_code"] == municipality]
        local_places = places[places["municipality_code"] == municipality]
        by_name = local_parishes[local_parishes["name"].map(name_key) == key]
        by_base = local_parishes[local_parishes["name"].map(base_key) == base_key(name)]
        place_hits = local_places[local_places["name"].map(name_key) == key]
        unknown = by_name.empty and by_base.empty and place_hits.empty
        choices = list(local_parishes["name"]) + list(local_places["name"])
        # A name in no register is accepted with explicit parishes, unless it is a near miss of a known one (a typo).
        explicit = raw.get("parishes") is not None and not (unknown and near_miss(name, choices))
        if unknown and not explicit:
            elsewhere = sorted(
                set(parishes.loc[parishes["name"].map(name_key) == key, "municipality_code"])
                | set(places.loc[places["name"].map(name_key) == key, "municipality_code"])
            )
            if elsewhere:
                names = self.registers["municipalities"]
                where_en = ", ".join(f"{names[c]} ({c})" for c in elsewhere)
                self.fail(
                    f"{label}.name",
                    f"'{name}' lies outside municipality {municipality}; it is in {where_en}",
                    f"'{name}' ligger uden for kommune {municipality}; den ligger i {where_en}",
                    (index, "name"),
                )
            self.fail(
                f"{label}.name",
                f"'{name}' is not a parish or place in municipality {municipality}",
                f"'{name}' er hverken et sogn eller et stednavn i kommune {municipality}",
                (index, "name"),
                suggest(name, choices),
            )

        nearby = [f"{r.parish_code} ({r.name})" for r in (by_name if not by_name.empty else by_base).itertuples()]
        codes = raw.get("parishes")
        if codes is None:
            found = by_name if not by_name.empty else by_base
            if found.empty:
                point = place_hits.geometry.iloc[0]
                found = local_parishes[local_parishes.contains(point)]
            codes = list(found["parish_code"])
        if isinstance(codes, str) or not isinstance(codes, list) or not codes:
            self.fail(f"{label}.parishes", "must be a non-empty list of parish codes", "skal være en liste med sognekoder", (index, "parishes"))
        if not all(isinstance(c, str) for c in codes):
            self.fail(f"{label}.parishes", "parish codes must be text in quotes, e.g. [\"8752\"]",
                      "sognekoder skal stå i anførselstegn, fx [\"8752\"]", (index, "parishes"))
        codes, notes = self._current_codes([str(c).strip() for c in codes], label, index, municipality, nearby)
        if explicit and by_name.empty and by_base.empty and place_hits.empty:
            notes.append("navnet findes ikke i sogne- eller stednavneregistret; landsbyen er knyttet til de angivne sogne")
        if notes:
            raw = {**raw, "match": "; ".join([str(raw["match"]), *notes] if raw.get("match") else notes)}
        return self._point(index, raw, name, tuple(codes), municipality, place_hits)

    def _current_codes(self, given: list[str], label: str, index: int, municipality: str,
                       nearby: list[str]) -> tuple[list[str], list[str]]:
        """Given parish codes → the current (2021) codes, with a note for each 2014 code merged away since."""
        parishes = self.registers["parishes"]
        codes, notes = [], []
        for code in given:
            rows = parishes[parishes["parish_code"] == code]
            if rows.empty and _in_sogn1_only(code):
                self.fail(
                    f"{label}.parishes",
                    f"parish code {code} has figures for 2014 in Statistics Denmark's SOGN1, but no boundary and no "
                    "successor in 2021, so it cannot be placed on the map; give the parish that covers the village today",
                    f"sognekoden {code} har tal for 2014 i Danmarks Statistiks SOGN1, men hverken grænse eller afløser "
                    "i 2021, så den kan ikke placeres på kortet; angiv det sogn, der dækker landsbyen i dag",
                    (index, "parishes"),
                    nearby,
                )
            if rows.empty:
                self.fail(
                    f"{label}.parishes",
                    f"parish code {code} exists neither in 2014 nor in 2021",
                    f"sognekoden {code} findes hverken i 2014 eller 2021",
                    (index, "parishes"),
                    nearby,
                )
            successor = str(rows["successor"].iloc[0])
            if successor:  # a 2014 code merged away (or split) since: use the current parish
                new = successor.split(";")
                new_names = [parishes.loc[parishes["parish_code"] == c, "name"].iloc[0] for c in new]
                notes.append(f"sogn {code} ({rows['name'].iloc[0]}) er siden 2014 en del af "
                             + ", ".join(f"{c} ({n})" for c, n in zip(new, new_names, strict=True)))
                codes.extend(c for c in new if c not in codes)
                rows = parishes[parishes["parish_code"].isin(new)]
            elif code not in codes:
                codes.append(code)
            if municipality not in set(rows["municipality_code"]):
                self.fail(
                    f"{label}.parishes",
                    f"parish {code} ({rows['name'].iloc[0]}) lies outside municipality {municipality}",
                    f"sogn {code} ({rows['name'].iloc[0]}) ligger uden for kommune {municipality}",
                    (index, "parishes"),
                )
        return codes, notes

    def keys(self, data: dict[str, Any], allowed: tuple[str, ...], label: str, index: int) -> None:
        """Reject keys the format does not know (e.g. ``parish`` for ``parishes``), naming the line."""
        for key in data:
            if key not in allowed:
                self.fail(f"{label}.{key}" if label else key, f"'{key}' is not a known key (known: {', '.join(allowed)})",
                          f"'{key}' er ikke et kendt felt (kendte felter: {', '.join(allowed)})", (index, key),
                          suggest(key, list(allowed)))

    def sources(self, data: dict[str, Any]) -> list[str]:
        """The ``sources`` links: a list of http(s) addresses (anything else could run as a link)."""
        raw = data.get("sources", [])
        items = raw if isinstance(raw, list) else [raw]
        for item in items:
            text = str(item).strip()
            if not isinstance(item, str) or not re.match(r"^https?://[^\s<>\"']+$", text, re.IGNORECASE):
                self.fail("sources", f"{text[:80]!r} is not a web address (http:// or https://)",
                          f"{text[:80]!r} er ikke en webadresse (http:// eller https://)", (-1, "sources"))
        return [str(s).strip() for s in items]

    def _point(self, index, raw, name, codes, municipality, place_hits) -> Village:
        import geopandas as gpd
        from shapely.geometry import Point

        parishes = self.registers["parishes"]
        member = parishes[(parishes["parish_code"].isin(codes)) & (parishes["municipality_code"] == municipality)]
        area = member.geometry.union_all()
        note = str(raw.get("match", ""))
        point = raw.get("point")
        if point is not None:
            try:
                lat, lon = float(point["lat"]), float(point["lon"])
            except (TypeError, KeyError, ValueError):
                self.fail(f"villages[{index}].point", "must be { lat = ..., lon = ... }", "skal være { lat = ..., lon = ... }", (index, "point"))
            municipality_shape = self.registers["municipalities"]
            from landsby_utils.sources.geodata import _municipalities

            outline = _municipalities().set_index("municipality_code").loc[[municipality]]
            distance = gpd.GeoSeries([Point(lon, lat)], crs=settings.CRS_GEOGRAPHIC).to_crs(settings.CRS_METRIC).iloc[0].distance(
                outline.to_crs(settings.CRS_METRIC).geometry.iloc[0]
            )
            if distance > _POINT_TOLERANCE_M:
                self.fail(
                    f"villages[{index}].point",
                    f"({lat}, {lon}) lies {distance / 1000:.0f} km outside {municipality_shape[municipality]}",
                    f"({lat}, {lon}) ligger {distance / 1000:.0f} km uden for {municipality_shape[municipality]} Kommune",
                    (index, "point"),
                )
            return Village(name, codes, lat, lon, str(point.get("source", "point_in_cluster_file")), False, note)
        inside = place_hits[place_hits.within(area.buffer(0.01))]
        if not inside.empty:
            hit = inside.iloc[0]
            return Village(name, codes, hit.geometry.y, hit.geometry.x, f"OpenStreetMap node {hit.osm_id} (2019)", False, note)
        centre = area.representative_point()
        return Village(name, codes, centre.y, centre.x, "point_parish_centre", True, note)


def _parse(path: Path) -> tuple[dict[str, Any], str]:
    shown = str(path.relative_to(settings.ROOT)) if path.is_relative_to(settings.ROOT) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClusterFileError(shown, "-", "file not found", "filen findes ikke") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ClusterFileError(shown, "-", "the file is not UTF-8 text; save it as UTF-8",
                               "filen er ikke UTF-8-tekst; gem filen som UTF-8", line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else getattr(exc, "lineno", None)
        reason = str(exc).split(" (at line")[0]
        raise ClusterFileError(shown, "TOML syntax", reason, f"syntaksfejl i TOML: {reason}", line) from None


def load_cluster_file(path: str | Path) -> Cluster:
    """Load and validate one cluster file.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.toml`` file.

    Returns
    -------
    Cluster
        The validated cluster.

    Raises
    ------
    ClusterFileError
        Naming the file, line, field and closest valid choices.
    """
    path = Path(path)
    data, text = _parse(path)
    validator = _Validator(path, text)
    slug = path.stem
    if not _SLUG.match(slug):
        validator.fail("file name", f"'{path.name}' breaks the rule: {SLUG_RULE}", f"'{path.name}' følger ikke reglen: {SLUG_RULE_DA}", (-1, ""))
    validator.keys(data, TOP_KEYS, "", -1)
    if "slug" in data and data["slug"] != slug:
        validator.fail("slug", f"'{data['slug']}' differs from the file name '{slug}'", f"'{data['slug']}' svarer ikke til filnavnet '{slug}'", (-1, "slug"))
    name = str(data.get("name", "")).strip()
    if not name:
        validator.fail("name", "is missing or empty", "mangler eller er tom", (-1, "name"))
    code, municipality_name = validator.municipality(data)
    villages_raw = data.get("villages")
    if not isinstance(villages_raw, list) or not villages_raw:
        validator.fail("villages", "the cluster has no villages", "klyngen har ingen landsbyer", (-1, "villages"))
    seen: dict[str, int] = {}
    villages = [validator.village(i, raw, code, seen) for i, raw in enumerate(villages_raw)]
    sources = validator.sources(data)
    return Cluster(
        slug=slug,
        name=name,
        municipality_code=code,
        municipality_name=municipality_name,
        villages=villages,
        description=str(data.get("description", "")),
        phase=str(data.get("phase", "")),
        sources=sources,
        path=path,
    )


def cluster_slugs(folder: Path | None = None) -> list[str]:
    """Slugs of every cluster file in ``folder`` (default: the clusters folder)."""
    folder = folder or settings.CLUSTERS_DIR
    return sorted(p.stem for p in folder.glob("*.toml") if _SLUG.match(p.stem))


def misnamed_files(folder: Path | None = None) -> list[Path]:
    """Cluster files whose name breaks the slug rule (they are listed as errors, never loaded)."""
    folder = folder or settings.CLUSTERS_DIR
    return sorted(p for p in folder.glob("*.toml") if not _SLUG.match(p.stem))


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: float) -> Cluster:
    return load_cluster_file(path)


def load_cluster(slug: str, folder: Path | None = None) -> Cluster:
    """Load a cluster by its slug (the file name without ``.toml``).

    Parameters
    ----------
    slug : str
        E.g. ``"vestrum"``.
    folder : pathlib.Path, optional
        Where the cluster files are (default: ``data/clusters``).

    Returns
    -------
    Cluster
        The validated cluster.

    Raises
    ------
    UnknownClusterError
        If no file has that slug (with the closest slugs).
    ClusterFileError
        If the file is invalid.
    """
    path = cluster_path(slug, folder)
    return _load_cached(path, path.stat().st_mtime)


def cluster_path(slug: str, folder: Path | None = None) -> Path:
    """The file of the cluster with this slug (nothing is loaded or validated).

    Raises
    ------
    UnknownClusterError
        If no file has that slug (with the closest slugs).
    """
    folder = folder or settings.CLUSTERS_DIR
    slug = str(slug).strip().lower()
    slugs = cluster_slugs(folder)
    if not _SLUG.match(slug) or slug not in slugs:
        raise UnknownClusterError(slug, suggest(slug[:64], slugs))
    return folder / f"{slug}.toml"


def list_clusters(folder: Path | None = None) -> tuple[list[Cluster], list[ClusterFileError]]:
    """Load every cluster file; broken files are returned as errors, not raised.

    Returns
    -------
    tuple
        ``(clusters, errors)``.
    """
    clusters, errors = [], []
    for path in misnamed_files(folder):
        shown = str(path.relative_to(settings.ROOT)) if path.is_relative_to(settings.ROOT) else str(path)
        errors.append(ClusterFileError(shown, "file name", f"'{path.name}' breaks the rule: {SLUG_RULE}",
                                       f"'{path.name}' følger ikke reglen: {SLUG_RULE_DA}"))
    for slug in cluster_slugs(folder):
        try:
            clusters.append(load_cluster(slug, folder))
        except ClusterFileError as exc:
            errors.append(exc)
    return clusters, errors
