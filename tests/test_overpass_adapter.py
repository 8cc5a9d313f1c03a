"""Overpass adapter against a loopback Overpass (pytest-httpserver) serving fixture bodies.

See ``tests/fixtures/README.md``: the Overpass bodies are constructed in the
provider's real format.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import geopandas as gpd
import pytest
from werkzeug import Request, Response

from landsby_utils import _http, settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.sources import osm, provenance_of

FIXTURES = Path(__file__).parent / "fixtures" / "overpass"
#: Inside the VestRum cluster (west, south, east, north); the constructed elements lie here.
BOX = (8.20, 56.10, 8.40, 56.25)
INNER = (8.25, 56.13, 8.30, 56.16)


def body(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


class Overpass:
    """A loopback Overpass interpreter that records the queries it gets."""

    def __init__(self, server, answers: list[Response] | None = None) -> None:
        self.queries: list[str] = []
        self.answers = answers or []
        server.expect_request("/api/interpreter", method="POST").respond_with_handler(self.handle)

    def handle(self, request: Request) -> Response:
        self.queries.append(request.form["data"])
        if self.answers:
            return self.answers.pop(0)
        return Response(body("vestrum_facilities.json"), content_type="application/json")


@pytest.fixture(autouse=True)
def isolated(live_http):
    """Every test here talks to loopback servers (see conftest.live_http)."""


@pytest.fixture
def overpass(httpserver, monkeypatch) -> Overpass:
    monkeypatch.setattr(settings, "OVERPASS_URL", httpserver.url_for("/api/interpreter"))
    return Overpass(httpserver)


def _json(name: str, status: int = 200) -> Response:
    return Response(body(name), status=status, content_type="application/json")


def test_query_shape():
    query = osm.overpass_query(BOX)
    assert query.startswith("[out:json][timeout:90][bbox:56.100000,8.200000,56.250000,8.400000];")  # S,W,N,E
    assert 'nwr["amenity"~"^(school|kindergarten|' in query
    assert 'nwr["highway"~"^(bus_stop)$"];' in query
    assert 'node["place"~"^(city|town|village|hamlet|' in query
    assert query.rstrip().endswith("out center;") and "out tags" not in query


def test_bad_bbox_is_rejected():
    with pytest.raises(InvalidArgumentError, match="west < east"):
        osm.facilities_for_bbox((8.4, 56.1, 8.2, 56.25))


def test_parse_nodes_ways_relations_and_skip_without_coordinates():
    with pytest.warns(UserWarning, match="skipped 1 OSM element"):
        facilities, places, reference = osm.parse_overpass(json.loads(body("vestrum_facilities.json")))
    assert reference == "2024-11-21"
    assert list(facilities.columns) == [*osm.FACILITY_COLUMNS, "geometry"]
    assert set(facilities["osm_type"]) == {"node", "way", "relation"}
    church = facilities[facilities["osm_type"] == "relation"].iloc[0]
    assert (church["category"], church["key"], church["value"]) == ("kirke", "amenity", "place_of_worship")
    assert (church.geometry.x, church.geometry.y) == (8.2610, 56.1430)  # the centre of a relation
    hall = facilities[facilities["osm_id"] == 900000103].iloc[0]
    assert hall["category"] == "forsamlingshus"
    assert 900000104 not in set(facilities["osm_id"])  # way without centre
    assert set(places["place"]) == {"village", "hamlet"}
    assert places.loc[places["place"] == "village", "population_tag"].iloc[0] == 450
    assert facilities.crs == settings.CRS_GEOGRAPHIC


def test_live_fetch_then_one_query_serves_facilities_and_places(overpass):
    with pytest.warns(UserWarning, match="without coordinates"):
        facilities = osm.facilities_for_bbox(BOX, network=True)
        places = osm.places_for_bbox(BOX, network=True)
    assert len(overpass.queries) == 1
    provenance = provenance_of(facilities)
    assert (provenance.source, provenance.served_from, provenance.reference_date) == ("osm", "live", "2024-11-21")
    assert provenance.publisher("en") == "OpenStreetMap"
    assert provenance.licence == settings.LICENCE_OSM and provenance.retrieved == _http.today()
    assert provenance_of(places).served_from == "cache"
    assert 900000006 not in set(facilities["osm_id"])  # outside the box
    assert len(facilities) == 7 and len(places) == 2


def test_dashboard_reads_cover_without_network(overpass):
    with pytest.warns(UserWarning):
        osm.facilities_for_bbox(BOX, network=True)
    with pytest.warns(UserWarning):
        inner = osm.facilities_for_bbox(INNER)
    assert len(overpass.queries) == 1
    assert provenance_of(inner).served_from == "cache"
    assert inner.geometry.x.between(INNER[0], INNER[2]).all()


def test_no_network_and_no_cache_is_the_snapshot(overpass):
    frame = osm.facilities_for_bbox(BOX)
    assert overpass.queries == []
    assert provenance_of(frame) == osm.OSM_SNAPSHOT
    assert len(frame) > 0 and set(frame["osm_type"]) == {"node"}
    places = osm.places_for_bbox(BOX)
    assert provenance_of(places).served_from == "snapshot"


def test_server_down_falls_back_to_snapshot_with_reason(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setattr(settings, "OVERPASS_URL", f"http://127.0.0.1:{port}/api/interpreter")
    frame = osm.facilities_for_bbox(BOX, network=True)
    provenance = provenance_of(frame)
    assert provenance.served_from == "snapshot" and "connection refused" in provenance.notes_text("da")


def test_remark_timeout_is_never_cached_and_keeps_good_copy(overpass):
    with pytest.warns(UserWarning):
        good = osm.facilities_for_bbox(BOX, network=True)
    stored = {p.name: p.read_bytes() for p in (settings.CACHE_DIR / _http.LAST_GOOD_DIR).iterdir()}
    overpass.answers = [_json("remark_timeout.json"), _json("remark_timeout.json")]
    with pytest.warns(UserWarning):
        again = osm.facilities_for_bbox(BOX, network=True, refresh=True)
    provenance = provenance_of(again)
    assert provenance.served_from == "cache" and "Query timed out" in provenance.notes_text("da")
    assert len(again) == len(good)
    assert {p.name: p.read_bytes() for p in (settings.CACHE_DIR / _http.LAST_GOOD_DIR).iterdir()} == stored


def test_remark_timeout_without_cache_uses_snapshot(overpass):
    overpass.answers = [_json("remark_timeout.json")]
    frame = osm.facilities_for_bbox(BOX, network=True)
    assert provenance_of(frame).served_from == "snapshot"
    assert "partial result" in provenance_of(frame).notes_text("da")
    assert not list(_http.iter_last_good("overpass"))


def test_empty_result_gives_empty_frame_with_columns(overpass):
    overpass.answers = [_json("empty.json")]
    with pytest.warns(UserWarning, match="no elements"):
        frame = osm.facilities_for_bbox(BOX, network=True)
    assert isinstance(frame, gpd.GeoDataFrame) and len(frame) == 0
    assert list(frame.columns) == [*osm.FACILITY_COLUMNS, "geometry"]
    assert provenance_of(frame).served_from == "live"


def test_rate_limited_html_with_retry_after_then_success(overpass):
    overpass.answers = [Response(body("rate_limited.html"), status=429, headers={"Retry-After": "1"},
                                 content_type="text/html; charset=utf-8")]
    with pytest.warns(UserWarning):
        frame = osm.facilities_for_bbox(BOX, network=True)
    assert len(overpass.queries) == 2 and provenance_of(frame).served_from == "live"


def test_html_page_with_status_200_is_bad(overpass):
    overpass.answers = [Response(body("rate_limited.html"), content_type="text/html")]
    frame = osm.facilities_for_bbox(BOX, network=True)
    assert provenance_of(frame).served_from == "snapshot" and "HTML" in provenance_of(frame).notes_text("da")


def test_truncated_json_is_bad(overpass):
    overpass.answers = [Response(body("vestrum_facilities.json")[:300], content_type="application/json")]
    frame = osm.facilities_for_bbox(BOX, network=True)
    assert provenance_of(frame).served_from == "snapshot" and "truncated" in provenance_of(frame).notes_text("da")


def test_bad_query_is_rejected_not_masked(overpass):
    overpass.answers = [Response("<html><body><p><strong>Error</strong>: line 1: parse error</p></body></html>",
                                 status=400, content_type="text/html")]
    with pytest.raises(_http.RequestRejectedError, match="parse error"):
        osm.facilities_for_bbox(BOX, network=True)
