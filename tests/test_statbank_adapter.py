"""StatBank adapter against a loopback StatBank (pytest-httpserver) serving fixture bodies.

The loopback server answers ``/v1/tableinfo`` and ``/v1/data`` like StatBank: it
checks the table, variables and values, and streams the requested cells from the
fixture cube in BULK format (BOM, ``;``), filling cells that are not stored with
the table's ``suppressedDataValue``. See ``tests/fixtures/README.md``.
"""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest
from werkzeug import Request, Response

from landsby_utils import _http, settings
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError, SourceError
from landsby_utils.sources import provenance_of, statbank

FIXTURES = Path(__file__).parent / "fixtures" / "statbank"


# --- a loopback StatBank -----------------------------------------------------------------------


class StatBankCube:
    """Serve the fixture tables like StatBank's ``tableinfo`` and ``data`` functions."""

    def __init__(self, folders: tuple[Path, ...] = (FIXTURES,), shuffle: bool = False) -> None:
        self.infos: dict[str, dict] = {}
        self.info_text: dict[str, str] = {}
        self.cubes: dict[str, dict[tuple[str, ...], str]] = {}
        self.shuffle = shuffle  # answer rows in another order than requested, as StatBank may
        for path in sorted(p for folder in folders for p in folder.glob("tableinfo_*.json")):
            table = path.stem.split("_", 1)[1]
            self.info_text[table] = path.read_text(encoding="utf-8")
            self.infos[table] = json.loads(self.info_text[table])
            cube = pd.read_csv(path.parent / f"{table}_bulk.csv", sep=";", dtype=str, encoding="utf-8-sig",
                               keep_default_na=False)
            self.cubes[table] = {tuple(row[:-1]): row[-1] for row in cube.itertuples(index=False)}
        self.requests: list[tuple[str, dict]] = []

    def install(self, server) -> None:
        server.expect_request("/v1/tableinfo", method="POST").respond_with_handler(self.tableinfo)
        server.expect_request("/v1/data", method="POST").respond_with_handler(self.data)

    def count(self, function: str, table: str | None = None) -> int:
        return sum(1 for f, body in self.requests if f == function and (table is None or body.get("table") == table))

    @staticmethod
    def error(code: str, message: str, status: int = 400) -> Response:
        body = json.dumps({"errorTypeCode": code, "message": message}, ensure_ascii=False)
        return Response(body, status=status, content_type="application/json; charset=utf-8")

    def tableinfo(self, request: Request) -> Response:
        body = request.get_json()
        self.requests.append(("tableinfo", body))
        table = str(body.get("table", "")).upper()
        if table not in self.infos:
            return Response((FIXTURES / "error_extract_notfound.json").read_text(encoding="utf-8"), status=400,
                            content_type="application/json; charset=utf-8")
        return Response(self.info_text[table], content_type="application/json; charset=utf-8")

    def data(self, request: Request) -> Response:
        body = request.get_json()
        self.requests.append(("data", body))
        table = str(body.get("table", "")).upper()
        if table not in self.infos:
            return self.error("EXTRACT-NOTFOUND", "Tabellen blev ikke fundet")
        info = self.infos[table]
        asked = {v["code"]: v["values"] for v in body.get("variables", [])}
        chosen = []
        for variable in info["variables"]:
            if variable["id"] not in asked:
                return self.error("EXTRACT-NOTALLOWED", f"Der skal vælges værdier for variabel: {variable['id']}")
            valid = {v["id"] for v in variable["values"]}
            if not set(asked[variable["id"]]) <= valid:
                return self.error("EXTRACT-NOTFOUND", "Værdien blev ikke fundet")
            chosen.append(asked[variable["id"]])
        header = ";".join(v["id"].upper() for v in info["variables"]) + ";INDHOLD"
        cube = self.cubes[table]
        rows = [";".join([*combo, cube.get(combo, info["suppressedDataValue"])]) for combo in itertools.product(*chosen)]
        if self.shuffle:
            rows = rows[1::2] + rows[::2]
        lines = [header, *rows]
        return Response("\ufeff" + "\n".join(lines) + "\n", content_type="text/csv; charset=utf-8")


@pytest.fixture(autouse=True)
def isolated(live_http):
    """Every test here talks to loopback servers (see conftest.live_http)."""


@pytest.fixture
def cube(httpserver, monkeypatch) -> StatBankCube:
    served = StatBankCube()
    served.install(httpserver)
    monkeypatch.setattr(settings, "STATBANK_URL", httpserver.url_for("/v1"))
    return served


@pytest.fixture
def closed_port_url(monkeypatch) -> str:
    """A loopback URL where nothing listens (server down)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    monkeypatch.setattr(settings, "STATBANK_URL", url)
    return url


# --- parsing real bodies -------------------------------------------------------------------------


def test_parse_real_metrox1_body_with_decimal_comma():
    frame = statbank.parse_bulk((FIXTURES / "metrox1_bulk_da.csv").read_text(encoding="utf-8"), lang="da")
    assert list(frame.columns) == ["SÆSON", "TID", "INDHOLD"]
    assert frame["INDHOLD"].tolist() == [37.7, 105.0]


def test_parse_strips_bom_and_reads_missing_and_zeros():
    body = "\ufeffOMRÅDE;TID;INDHOLD\n760;2020K1;56594\n082;2020K1;..\n000;2020K1;0\n"
    frame = statbank.parse_bulk(body, lang="da", suppressed_value="0")
    assert frame.columns[0] == "OMRÅDE"
    assert frame["INDHOLD"].iloc[0] == 56594
    assert pd.isna(frame["INDHOLD"].iloc[1])  # ".." is not shown
    # SOGN1's suppressedDataValue is "0": a numeric marker cannot be told from a true zero, and zeros are zeros.
    assert frame["INDHOLD"].iloc[2] == 0


def test_parse_non_numeric_suppressed_marker_is_missing():
    body = "OMRÅDE;TID;INDHOLD\n760;2020K1;-\n082;2020K1;12\n"
    frame = statbank.parse_bulk(body, lang="da", suppressed_value="-")
    assert pd.isna(frame["INDHOLD"].iloc[0]) and frame["INDHOLD"].iloc[1] == 12


def test_parse_english_uses_decimal_point():
    frame = statbank.parse_bulk("SÆSON;TID;INDHOLD\nSA;2020U01;37.7\n", lang="en")
    assert frame["INDHOLD"].iloc[0] == pytest.approx(37.7)


def test_parse_real_label_body():
    frame = statbank.parse_bulk((FIXTURES / "folk1a_csv_labels.csv").read_text(encoding="utf-8"))
    assert frame.loc[0, "OMRÅDE"] == "Hele landet" and frame.loc[0, "INDHOLD"] == 5932654


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ((FIXTURES / "error_page.html").read_text(encoding="utf-8"), SourceError),
        ((FIXTURES / "error_request_limit.json").read_text(encoding="utf-8"), _http.RequestRejectedError),
        ("OMRÅDE;TID;VALUE\n760;2020K1;1\n", SourceError),
        ("OMRÅDE;TID;INDHOLD\n760;2020K1;abc\n", SourceError),
    ],
)
def test_parse_rejects_bodies_that_are_not_tables(body, error):
    with pytest.raises(error):
        statbank.parse_bulk(body)


def test_split_selection_respects_cell_limit():
    selection = {"A": [str(i) for i in range(10)], "B": ["x", "y", "z"], "Tid": ["1", "2"]}
    parts = statbank.split_selection(selection, 12)
    assert all(statbank.cells(p) <= 12 for p in parts)
    combos = {c for p in parts for c in itertools.product(*p.values())}
    assert combos == set(itertools.product(*selection.values()))


# --- tableinfo and validation ------------------------------------------------------------------


def test_tableinfo_is_cached_on_second_call(cube):
    first = statbank.tableinfo("FOLK1A", network=True)
    second = statbank.tableinfo("folk1a", network=True)
    assert first == second and first["suppressedDataValue"] == "0"
    assert cube.count("tableinfo") == 1


def test_tableinfo_without_network_reads_last_good_copy(cube):
    statbank.tableinfo("FOLK1A", network=True)
    assert statbank.tableinfo("FOLK1A")["id"] == "FOLK1A"
    assert cube.count("tableinfo") == 1


def test_unknown_table_is_an_invalid_argument(cube):
    with pytest.raises(InvalidArgumentError, match="NOPE.*Tabellen blev ikke fundet"):
        statbank.tableinfo("NOPE", network=True)


def test_unknown_variable_lists_valid_codes_before_any_data_request(cube):
    with pytest.raises(InvalidArgumentError, match=r"no variable 'KOMMUNE'; valid variables: OMRÅDE, KØN, ALDER, CIVILSTAND, Tid"):
        statbank.data("FOLK1A", {"KOMMUNE": ["760"]}, network=True)
    assert cube.count("data") == 0


def test_unknown_value_lists_valid_values(cube):
    with pytest.raises(InvalidArgumentError, match=r"KØN in FOLK1A has no value '3'; valid values: TOT, 1, 2") as info:
        statbank.data("FOLK1A", {"OMRÅDE": ["760"], "KØN": ["3"], "ALDER": ["IALT"], "CIVILSTAND": ["TOT"], "Tid": "*"},
                      network=True)
    assert "gyldige værdier" in info.value.message_da
    assert cube.count("data") == 0


def test_missing_variable_is_named(cube):
    with pytest.raises(InvalidArgumentError, match="missing: CIVILSTAND"):
        statbank.data("FOLK1A", {"OMRÅDE": ["760"], "KØN": ["TOT"], "ALDER": ["IALT"], "Tid": "*"}, network=True)


# --- data and readers ------------------------------------------------------------------------


def test_data_returns_codes_values_and_provenance(cube):
    frame = statbank.data("FOLK1A", {"OMRÅDE": ["760"], "KØN": ["TOT"], "ALDER": ["IALT"], "CIVILSTAND": ["TOT"],
                                     "tid": ["2019K1", "2020K1"]}, network=True)
    assert frame[["OMRÅDE", "Tid", "period"]].values.tolist() == [["760", "2019K1", "2019Q1"], ["760", "2020K1", "2020Q1"]]
    snapshot = statbank.folk1b_from_snapshot()
    real = snapshot[(snapshot["area_code"] == "760") & (snapshot["sex"] == "total") & (snapshot["age"] == "total")]
    expected = real.set_index("period")["persons"]
    assert frame["INDHOLD"].tolist() == [expected["2019Q1"], expected["2020Q1"]] == [56930, 56594]  # real FOLK1B totals
    provenance = provenance_of(frame)
    assert (provenance.table, provenance.served_from, provenance.reference_date) == ("FOLK1A", "live", "2020-01-01")
    assert provenance.retrieved == _http.today() and provenance.licence == settings.LICENCE_DST
    sent = cube.requests[-1][1]
    assert sent["format"] == "BULK" and sent["lang"] == "da"


def test_folk1a_tidy_single_years(cube):
    frame = statbank.folk1a(["0760"], network=True)
    assert list(frame.columns) == ["area_code", "area_name", "level", "sex", "age", "age_from", "period", "date", "persons"]
    assert set(frame["level"]) == {"municipality"} and set(frame["area_name"]) == {"Ringkøbing-Skjern"}
    assert set(frame["sex"]) == {"total", "men", "women"}
    assert frame["persons"].dtype == "Int64"
    row = frame[(frame["sex"] == "total") & (frame["age"] == "total") & (frame["period"] == "2020Q1")]
    assert row["persons"].tolist() == [56594]
    assert frame.loc[frame["age"] == "37", "age_from"].eq(37).all()
    assert set(frame["period"]) == {f"{y}Q1" for y in range(2008, 2021)}
    # Ages 101-125 are not stored in the cube: served as "0" (the table's suppressedDataValue), which are zeros.
    assert frame.loc[frame["age_from"] > 100, "persons"].eq(0).all()
    assert frame["persons"].notna().all()


def test_second_network_call_is_served_from_cache(cube):
    statbank.folk1a(["760"], network=True)
    data_requests = cube.count("data")
    again = statbank.folk1a(["760"], network=True)
    assert cube.count("data") == data_requests
    assert provenance_of(again).served_from == "cache"


def test_population_by_area_prefers_cached_folk1a_in_folk1b_shape(cube):
    statbank.folk1a(["760", "082", "000"], network=True)
    requests_before = len(cube.requests)
    frame = statbank.population_by_area(["0760", "082", "000"])
    assert len(cube.requests) == requests_before  # network=False: nothing sent
    provenance = provenance_of(frame)
    assert (provenance.table, provenance.served_from) == ("FOLK1A", "cache")
    snapshot = statbank.folk1b_from_snapshot()
    snapshot = snapshot[snapshot["area_code"].isin(["760", "082", "000"])]
    key = ["area_code", "sex", "age", "period"]
    merged = frame.merge(snapshot, on=key, suffixes=("", "_folk1b"))
    assert len(merged) == len(snapshot) == len(frame)
    # Oracle: the FOLK1A bands equal the real FOLK1B bands they were split from.
    assert (merged["persons"] == merged["persons_folk1b"]).all()
    assert list(frame.columns) == list(snapshot.columns)
    assert (frame.dtypes == snapshot.dtypes).all()


def test_population_by_area_offline_without_cache_is_the_snapshot():
    frame = statbank.population_by_area(["760"])
    snapshot = statbank.folk1b_from_snapshot()
    expected = snapshot[snapshot["area_code"] == "760"].reset_index(drop=True)
    # 1 January 2008-2020 exactly as FOLK1B; then 1 January 2021 totals from FOLK1A (the SOGN1 snapshot's table).
    pd.testing.assert_frame_equal(frame[frame["period"] != "2021"].reset_index(drop=True), expected, check_dtype=False)
    later = frame[(frame["period"] == "2021") & (frame["sex"] == "total")]
    raw = pd.read_csv(settings.FOLK1A_2021_CSV, dtype={"municipality_code": str}).set_index("municipality_code")
    assert later["persons"].tolist() == [int(raw.loc["0760", "population"])]
    provenance = provenance_of(frame)
    assert provenance.served_from == "snapshot" and provenance.table == "FOLK1B, FOLK1A"
    assert "FOLK1A" in provenance.notes_text("da")
    assert not (settings.CACHE_DIR / _http.LAST_GOOD_DIR).exists()


def test_server_down_falls_back_to_snapshot_with_reason(closed_port_url):
    frame = statbank.population_by_area(["760"], network=True)
    provenance = provenance_of(frame)
    assert (provenance.table, provenance.served_from) == ("FOLK1B", "snapshot")
    assert "connection refused" in provenance.notes_text("da")


def test_server_down_parish_reader_falls_back_to_the_snapshot_and_says_why(closed_port_url):
    frame = statbank.sogn1(["8752"], network=True)
    provenance = provenance_of(frame)
    assert provenance.served_from == "snapshot"
    assert [n.kind for n in provenance.notes] == ["sogn1_fallback", "sogn1_snapshot"]  # why, then what the snapshot is
    assert "SOGN1 kunne ikke hentes" in provenance.notes_text("da") and "connection refused" in provenance.notes_text("da")
    assert "SOGN1 could not be fetched" in provenance.notes_text("en") and "connection refused" in provenance.notes_text("en")
    totals = frame[(frame["sex"] == "total") & (frame["age"] == "total")].set_index("period")["persons"]
    assert (int(totals["2014"]), int(totals["2021"])) == (942, 901)


def test_server_down_reader_without_snapshot_raises_bilingual(closed_port_url):
    with pytest.raises(DataUnavailableError) as info:
        statbank.km1(["8752"], network=True)
    assert "connection refused" in info.value.message
    assert "landsby fetch" in info.value.message_da and "Danmarks Statistik" in info.value.message_da


def test_offline_reader_without_cache_raises_danish_and_english():
    with pytest.raises(DataUnavailableError) as info:
        statbank.km1(["8752"])
    assert "not in the local cache" in info.value.message
    assert "ikke hentet endnu" in info.value.message_da


def test_server_down_after_a_good_fetch_uses_the_cache(cube, monkeypatch, closed_port_url_factory):
    statbank.sogn1(["8752"], network=True)
    closed_port_url_factory()
    frame = statbank.sogn1(["8752"], network=True, refresh=True)
    provenance = provenance_of(frame)
    assert provenance.served_from == "cache" and "connection refused" in provenance.notes_text("da")


@pytest.fixture
def closed_port_url_factory(monkeypatch):
    import socket

    def point_at_closed_port() -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        monkeypatch.setattr(settings, "STATBANK_URL", f"http://127.0.0.1:{port}/v1")
        return settings.STATBANK_URL

    return point_at_closed_port


def test_offline_mode_sends_nothing(cube, monkeypatch):
    monkeypatch.setenv("LANDSBY_OFFLINE", "1")
    frame = statbank.population_by_area(["760"], network=True)
    assert cube.requests == []
    assert provenance_of(frame).served_from == "snapshot"
    assert "Offline" in provenance_of(frame).notes_text("da") or "offline" in provenance_of(frame).notes_text("da")


def test_html_page_instead_of_csv_never_overwrites_good_cache(cube, httpserver):
    good = statbank.sogn1(["8752"], network=True)
    def data_entries():
        # The refreshed tableinfo is legitimately re-saved (new fetch time); the data must not change.
        return {p.name: p.read_bytes() for p in (settings.CACHE_DIR / _http.LAST_GOOD_DIR).iterdir()
                if p.name.startswith("statbank-data")}

    stored = data_entries()
    assert stored
    # Next data answer: an HTML page with status 200 (tried before the cube's handler).
    httpserver.expect_oneshot_request("/v1/data", method="POST").respond_with_response(Response(
        (FIXTURES / "error_page.html").read_text(encoding="utf-8"), content_type="text/html; charset=utf-8"))
    again = statbank.sogn1(["8752"], network=True, refresh=True)
    provenance = provenance_of(again)
    assert provenance.served_from == "cache" and "HTML" in provenance.notes_text("da")
    pd.testing.assert_frame_equal(again.reset_index(drop=True), good.reset_index(drop=True))
    assert data_entries() == stored
    # The bad body was not cached either: the next request reaches the server and is good.
    fresh = statbank.sogn1(["8752"], network=True)
    assert provenance_of(fresh).served_from == "live"


def test_truncated_body_is_rejected_and_falls_back(cube, httpserver):
    statbank.km1(["8752"], network=True)
    truncated = "\ufeffSOGN;FKMED;TID;INDHOLD\n8752;F;2024K4;301\n8752;U;20"
    httpserver.expect_oneshot_request("/v1/data", method="POST").respond_with_response(Response(truncated, content_type="text/csv"))
    frame = statbank.km1(["8752"], network=True, refresh=True)
    provenance = provenance_of(frame)
    assert provenance.served_from == "cache" and "truncated" in provenance.notes_text("da")


def test_request_limit_error_is_raised_not_masked(cube, httpserver):
    body = (FIXTURES / "error_request_limit.json").read_text(encoding="utf-8")
    httpserver.expect_oneshot_request("/v1/data", method="POST").respond_with_response(Response(
        body, status=400, content_type="application/json; charset=utf-8"))
    with pytest.raises(_http.RequestRejectedError, match="REQUEST-LIMIT.*1.000.000 celler") as info:
        statbank.km1(["8752"], network=True)
    assert info.value.error_code == "REQUEST-LIMIT"


def test_extract_notfound_in_a_200_body_is_rejected(cube, httpserver):
    body = (FIXTURES / "error_extract_notfound.json").read_text(encoding="utf-8")
    httpserver.expect_oneshot_request("/v1/data", method="POST").respond_with_response(Response(body, content_type="application/json"))
    with pytest.raises(_http.RequestRejectedError, match="EXTRACT-NOTFOUND"):
        statbank.km1(["8752"], network=True)


def test_server_error_is_retried(cube, httpserver):
    httpserver.expect_oneshot_request("/v1/data", method="POST").respond_with_response(Response("boom", status=500))
    frame = statbank.km1(["8752"], network=True)
    assert provenance_of(frame).served_from == "live"
    assert cube.count("data") == 1  # the 500 went to the one-shot handler, the retry to the cube


def test_large_request_is_split_on_the_largest_variable(cube, monkeypatch):
    whole = statbank.sogn1(["8752", "8757"], network=True)
    monkeypatch.setattr(statbank.settings, "STATBANK_CELL_LIMIT", 300)
    before = len(cube.requests)
    split = statbank.sogn1(["8752", "8757"], network=True)
    sent = [body for function, body in cube.requests[before:] if function == "data"]
    assert len(sent) > 1
    assert all(statbank.cells({v["code"]: v["values"] for v in body["variables"]}) <= 300 for body in sent)
    pd.testing.assert_frame_equal(split, whole)


def test_sogn1_totals_and_missing(cube):
    frame = statbank.sogn1(["8752", "8757"], network=True)
    assert set(frame["level"]) == {"parish"}
    assert frame.loc[frame["area_code"] == "8752", "area_name"].iloc[0] == "Hee"
    wide = frame[frame["age"] != "total"].pivot_table(
        index=["area_code", "age", "period"], columns="sex", values="persons", aggfunc="first", dropna=False)
    complete = wide.dropna()
    assert (complete["men"] + complete["women"] == complete["total"]).all()
    cell = frame[(frame["area_code"] == "8752") & (frame["sex"] == "women") & (frame["period"] == "2025")
                 & (frame["age"] == "42")]
    assert cell["persons"].isna().all()  # ".." in the body
    totals = frame[(frame["age"] == "total") & (frame["sex"] == "men")]
    singles = frame[(frame["age"] != "total") & (frame["sex"] == "men")]
    summed = singles.groupby(["area_code", "period"])["persons"].sum()
    assert totals.set_index(["area_code", "period"])["persons"].sort_index().equals(summed.sort_index())


def test_km1_church_membership(cube):
    frame = statbank.km1(["8752"], network=True)
    latest = frame[frame["period"] == "2025Q1"].set_index("church_member")["persons"]
    assert (latest["member"], latest["non_member"], latest["total"]) == (299, 44, 343)
    assert provenance_of(frame).reference_date == "2025-01-01"


def test_by3_decimal_comma_and_missing(cube):
    frame = statbank.by3(["76000001", "76000002"], network=True)
    row = frame[(frame["area_code"] == "76000001") & (frame["period"] == "2024")].iloc[0]
    assert (row["persons"], row["area_km2"], row["density_per_km2"]) == (1012, 1.25, 809.6)
    assert row["area_name"] == "Konstrueret by A" and row["level"] == "urban_area"
    gap = frame[(frame["area_code"] == "76000002") & (frame["period"] == "2025")].iloc[0]
    assert pd.isna(gap["persons"]) and pd.isna(gap["area_km2"])


def test_by1_urban_area_population(cube):
    frame = statbank.by1(["76000001"], network=True)
    assert set(frame["level"]) == {"urban_area"} and set(frame["sex"]) == {"total", "men", "women"}


def test_bev107_adds_sex_total(cube):
    frame = statbank.bev107(["760"], network=True)
    births = frame[(frame["event_code"] == "B02") & (frame["period"] == "2024")].set_index("sex")["persons"]
    assert births["total"] == births["men"] + births["women"]
    assert frame["event"].iloc[0] in {"Levendefødte", "Døde", "Fødselsoverskud"}


def test_fly66_in_and_out(cube):
    frame = statbank.fly66("0760", network=True)
    moved_in = frame[(frame["direction"] == "in") & (frame["period"] == "2024")].set_index("from_code")["persons"]
    assert moved_in["661"] == 150 and moved_in["657"] == 310
    moved_out = frame[(frame["direction"] == "out") & (frame["period"] == "2024")].set_index("to_code")["persons"]
    assert moved_out["661"] == 170 and moved_out["101"] == 95
    assert set(frame["to_name"]) >= {"Ringkøbing-Skjern"}


def test_csv_parser_reads_whole_fixture_cube():
    text = (FIXTURES / "FOLK1A_bulk.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    frame = statbank.parse_bulk(text)
    assert len(frame) == len(pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";"))
