"""The migration readers (`sources/dst_moves.py`): snapshot offline, StatBank years added through the same path.

Live answers come from the loopback StatBank of `test_statbank_adapter.py` serving the constructed fixtures
(`tests/fixtures/statbank/BEV107_bulk.csv`, `FLY66_bulk.csv`, whose figures are made up and only test the
plumbing); expected values are read from those fixture files here.
"""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from test_statbank_adapter import FIXTURES, StatBankCube

from landsby_utils import settings
from landsby_utils._errors import LandsbyError
from landsby_utils.sources import dst_moves, provenance_of


@pytest.fixture
def cube(httpserver, monkeypatch, live_http) -> StatBankCube:
    served = StatBankCube()
    served.install(httpserver)
    monkeypatch.setattr(settings, "STATBANK_URL", httpserver.url_for("/v1"))
    return served


def test_offline_without_cache_is_the_snapshot_and_says_which_years(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    frame = dst_moves.accounts()
    assert sorted(set(frame["year"])) == list(range(2006, 2018))
    assert frame.attrs["years_by_source"] == {"snapshot": list(range(2006, 2018))}
    provenance = provenance_of(frame)
    assert provenance.served_from == "snapshot" and provenance.table == "BEV107"
    assert "År 2006–2017 fra pakket øjebliksbillede" in provenance.describe("da")
    assert "Years 2006–2017 from the bundled snapshot" in provenance.describe("en")


def test_live_bev107_adds_the_years_the_snapshot_lacks_and_the_cache_serves_them_offline(cube):
    expected = pd.read_csv(FIXTURES / "BEV107_bulk.csv", sep=";", encoding="utf-8-sig", dtype=str)
    births_2024 = expected[(expected["OMRÅDE"] == "760") & (expected["BEVÆGELSE"] == "B02") & (expected["TID"] == "2024")]
    live = dst_moves.accounts(network=True)
    for frame in (live, dst_moves.accounts(network=False)):  # second: the last good copy, same code path
        row = frame[(frame["municipality_code"] == "0760") & (frame["year"] == 2024) & (frame["component"] == "births")]
        assert int(row["total"].iloc[0]) == births_2024["INDHOLD"].astype(int).sum()
        assert frame.attrs["years_by_source"] == {"snapshot": list(range(2006, 2018)), "statbank": [2023, 2024]}
        # a year the snapshot has keeps the snapshot's figures
        assert len(frame[(frame["year"] == 2017) & (frame["municipality_code"] == "0760")]) == 17
        note = provenance_of(frame).describe("da")
        assert "År 2006–2017 fra pakket øjebliksbillede. År 2023–2024 fra Statistikbanken." in note
        english = provenance_of(frame).describe("en")
        assert "Years 2006–2017 from the bundled snapshot. Years 2023–2024 from StatBank." in english
    assert provenance_of(live).served_from == "live"
    assert cube.count("tableinfo", "BEV107") >= 1


def test_live_fly66_without_single_ages_keeps_the_snapshot_and_says_why(cube):
    frame = dst_moves.flows("0760", network=True)
    assert set(frame["year"]) == {2024}
    note = provenance_of(frame).describe("da")
    assert "Statistikbanken gav ingen nyere år (FLY66 har ingen enkelte aldersår)" in note
    assert cube.count("data", "FLY66") == 0  # the table's codes were checked with tableinfo first


def test_missing_snapshot_file_is_a_clear_error_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MOVES_ACCOUNTS_CSV", tmp_path / "moves_bev107_accounts.csv")
    with pytest.raises(LandsbyError) as info:
        dst_moves.accounts()
    assert "moves_bev107_accounts.csv" in info.value.localized("da")
    assert "mangler" in info.value.localized("da")


@pytest.mark.parametrize("body", [b"\x1f\x8b\x08garbage", gzip.compress(b"year;to\n1;2\n")])
def test_corrupt_flows_file_is_a_clear_error_naming_it(tmp_path, monkeypatch, body):
    path = tmp_path / "moves_fly66_2024.csv.gz"
    path.write_bytes(body)
    monkeypatch.setattr(settings, "MOVES_FLOWS_CSV", path)
    with pytest.raises(LandsbyError) as info:
        dst_moves.flows("0760")
    assert "moves_fly66_2024.csv.gz" in info.value.localized("da")
    assert "moves_fly66_2024.csv.gz" in info.value.localized("en")


def test_a_changed_statbank_label_is_left_out_and_named():
    """A live BEV107 answer whose label the snapshot does not know: the row is left out and the note says which."""
    live = pd.DataFrame({
        "area_code": ["760", "760", "760", "760"], "level": "municipality",
        "event": ["Levendefødte", "Levendefødte", "Levendefødte i alt", "Levendefødte i alt"],
        "sex": ["men", "women", "men", "women"], "period": "2024", "persons": [260, 250, 260, 250],
    })
    tidy, notes = dst_moves._tidy_bev107(live, {"0760": "Ringkøbing-Skjern"})
    assert tidy[["municipality_code", "year", "component", "total"]].values.tolist() == [["0760", 2024, "births", 510]]
    assert [n.text("da") for n in notes] == ["Ukendte BEV107-betegnelser udeladt: Levendefødte i alt."]
    assert [n.text("en") for n in notes] == ["Unknown BEV107 labels left out: Levendefødte i alt."]
