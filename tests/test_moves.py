"""The migration analyses (`landsby_utils/moves.py`) on the real snapshot.

Expected figures are computed here from the raw files (zipfile + csv, openpyxl) or quoted from the folders'
READMEs, never from the code under test.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict

import openpyxl
import pandas as pd
import pytest

from landsby_utils import moves
from landsby_utils._derive_moves import BEV107_XLSX, FLY66_ZIP
from landsby_utils.i18n import fmt_int
from landsby_utils.sources import dst_moves

BANDS = {"0-17": range(0, 18), "18-29": range(18, 30), "30-44": range(30, 45), "45-64": range(45, 65), "65+": range(65, 100)}


@pytest.fixture(scope="module")
def raw_cells() -> list[tuple[str, str, int, int]]:
    """(to name, from name, age, moves) of every FLY66 cell, both sexes."""
    cells = []
    with zipfile.ZipFile(FLY66_ZIP) as archive:
        for name in archive.namelist():
            match = re.fullmatch(r"[fm]_(\d+)-\d+\.csv", name)
            if match:
                for row in csv.reader(io.StringIO(archive.read(name).decode("latin-1")), delimiter=";"):
                    for offset, value in enumerate(row[4:]):
                        cells.append((row[2][4:], row[3][4:], int(match[1]) + offset, int(value)))
    return cells


def raw_band_net(cells, name: str) -> dict[str, tuple[int, int]]:
    """(in, out) per age band of one municipality, from the raw cells."""
    result = {}
    for band, ages in BANDS.items():
        into = sum(m for to, _, a, m in cells if to == name and a in ages)
        out = sum(m for _, fro, a, m in cells if fro == name and a in ages)
        result[band] = (into, out)
    return result


@pytest.fixture(scope="module")
def flows_760() -> pd.DataFrame:
    return dst_moves.flows("0760")


def test_age_bands_edges():
    ages = pd.Series([0, 17, 18, 29, 30, 44, 45, 64, 65, 99, 110])
    assert moves.age_band(ages).tolist() == ["0-17", "0-17", "18-29", "18-29", "30-44", "30-44", "45-64", "45-64",
                                            "65+", "65+", "65+"]


@pytest.mark.parametrize(("code", "name"), [("0760", "Ringkøbing-Skjern"), ("0430", "Faaborg-Midtfyn"), ("0411", "Christiansø")])
def test_net_by_age_band_equals_the_raw_file(raw_cells, code, name):
    bands = moves.net_by_age_band(dst_moves.flows(code), code, 2024)
    expected = raw_band_net(raw_cells, name)
    for band, (into, out) in expected.items():
        assert (bands.loc[band, "moves_in"], bands.loc[band, "moves_out"], bands.loc[band, "net"]) == (into, out, into - out)


def test_ringkoebing_skjern_2024_net_and_young_adults_as_the_issue_states(flows_760):
    bands = moves.net_by_age_band(flows_760, "0760", 2024)
    assert int(bands["net"].sum()) == -730
    assert int(bands.loc["18-29", "net"]) == -498


def test_top_origins_are_the_readme_figures(flows_760):
    table = moves.partners(flows_760, "0760", 2024)
    # README: top origins (in) Herning 312, Aarhus 192, Varde 183, Holstebro 174
    assert {c: int(table.loc[c, "moves_in"]) for c in ("0657", "0751", "0573", "0661")} == {
        "0657": 312, "0751": 192, "0573": 183, "0661": 174}
    assert table[["moves_in", "moves_out"]].sum().tolist() == [1_837, 2_567]  # README: in and out
    assert table.index[-1] == moves.OTHER and len(table) == 11


def test_small_flows_are_suppressed_with_secondary_suppression(raw_cells, flows_760):
    """65+ from/to Ringkøbing-Skjern has partners with 1–4 moves: none is shown, none can be worked out."""
    table = moves.partners(flows_760, "0760", 2024, "65+")
    protected, net = moves.protect(table)
    values, status = protected.values, protected.status
    small = (values >= 1) & (values <= 4)
    assert small.to_numpy().any()
    assert (status.to_numpy()[small.to_numpy(dtype=bool)] == "primary").all()
    shown = status == "shown"
    assert not ((values >= 1) & (values <= 4) & shown).to_numpy().any()
    for column in ("moves_in", "moves_out"):
        hidden = (status[column] != "shown").drop(index=moves.TOTAL)
        assert hidden.sum() != 1, "one hidden cell in a column with its total shown could be worked out"
    assert net[(status != "shown").any(axis=1)].isna().all()
    # the column totals are the real totals of the band (read from the raw file)
    into, out = raw_band_net(raw_cells, "Ringkøbing-Skjern")["65+"]
    assert values.loc[moves.TOTAL].tolist() == [into, out]


def test_sentence_generator_on_real_figures(raw_cells, flows_760):
    expected = raw_band_net(raw_cells, "Ringkøbing-Skjern")
    young = expected["18-29"][1] - expected["18-29"][0]
    lines = moves.flow_sentences(*moves.protect(moves.net_by_age_band(flows_760, "0760", 2024)), 2024, "da")
    assert f"Flere flytter fra end til kommunen; især de 18–29-årige: {young} flere flyttede fra end til i 2024." in lines
    into = sum(i for i, _ in expected.values())
    out = sum(o for _, o in expected.values())
    assert lines[0] == (f"I 2024 flyttede {fmt_int(into)} personer til kommunen fra andre kommuner, og {fmt_int(out)} "
                        f"flyttede fra kommunen til andre kommuner (netto −{fmt_int(out - into)}).")
    english = moves.flow_sentences(*moves.protect(moves.net_by_age_band(flows_760, "0760", 2024)), 2024, "en")
    assert f"especially people aged 18–29: {young} more moved away than arrived in 2024." in english[1]


def test_accounts_and_rates_from_the_workbook():
    sheet = openpyxl.load_workbook(BEV107_XLSX, read_only=True)["Ark1"]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    sums: dict[tuple[str, str, int], int] = defaultdict(int)
    for _sex, movement, area, *values in rows:
        for year, value in zip(header[3:], values, strict=True):
            sums[(area, movement, int(year))] += int(value)
    accounts = dst_moves.accounts()
    mine = moves.account_table(accounts, ["0760"])
    denmark = moves.account_table(accounts)
    assert mine.loc[2006, "moves_in"] == sums[("Ringkøbing-Skjern", "Tilflyttede", 2006)] == 2_472
    mean = (sums[("Ringkøbing-Skjern", "Befolkningen ultimo forrige år", 2006)]
            + sums[("Ringkøbing-Skjern", "Befolkningen ultimo indeværende år", 2006)]) / 2
    assert moves.rates_per_1000(mine).loc[2006, "moves_in"] == pytest.approx(2_472 / mean * 1000)
    areas = {a for a, _, _ in sums}
    assert denmark.loc[2013, "end"] == sum(sums[(a, "Befolkningen ultimo indeværende år", 2013)] for a in areas) == 5_627_235
    assert denmark["net_moves"].eq(0).all()  # moves between municipalities cancel out nationally


def test_similar_municipalities_nearest_in_size_and_density():
    profile = pd.DataFrame({
        "municipality_code": ["a", "b", "c", "d"], "municipality_name": list("ABCD"),
        "population": [50_000, 55_000, 50_000, 500_000], "area_km2": [1_000, 1_000, 100, 1_000],
    })
    similar = moves.similar_municipalities(profile, "a", 2)
    assert similar["municipality_code"].tolist() == ["b", "c"]  # b: 10 % larger; c: 10 x denser, d: 10 x larger
    assert similar["distance"].is_monotonic_increasing
