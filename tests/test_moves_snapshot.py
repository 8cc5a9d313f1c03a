"""The migration snapshot (BEV107 2006–2017, FLY66 2024; SOURCES.md section 8) and what `landsby derive` makes of it.

Expected figures are read here straight from the raw files (openpyxl, zipfile + csv), or are the figures the
folders' READMEs state; none comes from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict

import openpyxl
import pandas as pd
import pytest

from landsby_utils import settings
from landsby_utils._derive_moves import (
    BEV107_XLSX,
    COMPONENTS,
    FLY66_ZIP,
    flows_csv_bytes,
    read_bev107,
    read_fly66,
)

ACCOUNTS_CSV, FLOWS_CSV = settings.MOVES_ACCOUNTS_CSV, settings.MOVES_FLOWS_CSV


@pytest.fixture(scope="module")
def raw_bev107() -> dict[tuple[str, str, int], int]:
    """(area name, movement label, year) → men + women, read cell by cell with openpyxl."""
    sheet = openpyxl.load_workbook(BEV107_XLSX, read_only=True)["Ark1"]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    sums: dict[tuple[str, str, int], int] = defaultdict(int)
    for row in rows:
        sex, movement, area, *values = row
        for year, value in zip(header[3:], values, strict=True):
            sums[(area, movement, int(year))] += int(value)
    return sums


@pytest.fixture(scope="module")
def raw_fly66() -> list[tuple[str, str, str, int, int]]:
    """(sex letter, to name, from name, age, moves) for every cell of the 20 CSVs, parsed with the csv module."""
    cells = []
    with zipfile.ZipFile(FLY66_ZIP) as archive:
        for name in archive.namelist():
            match = re.fullmatch(r"([fm])_(\d+)-\d+\.csv", name)
            if not match:
                continue
            for row in csv.reader(io.StringIO(archive.read(name).decode("latin-1")), delimiter=";"):
                for offset, value in enumerate(row[4:]):
                    cells.append((match[1], row[2].removeprefix("Til "), row[3].removeprefix("Fra "),
                                  int(match[2]) + offset, int(value)))
    return cells


@pytest.fixture(scope="module")
def accounts() -> pd.DataFrame:
    return pd.read_csv(ACCOUNTS_CSV, dtype={"municipality_code": str})


@pytest.fixture(scope="module")
def flows() -> pd.DataFrame:
    return pd.read_csv(FLOWS_CSV, dtype={"to_code": str, "from_code": str})


def test_accounting_identity_start_plus_growth_is_end_everywhere(accounts):
    wide = accounts.pivot_table(index=["municipality_code", "year"], columns="component", values="total")
    assert len(wide) == 99 * 12
    assert ((wide["start"] + wide["growth"]) == wide["end"]).all()
    # and the next year's start is this year's end
    nxt = wide["start"].groupby(level=0).shift(-1).dropna()
    assert (nxt == wide.loc[nxt.index, "end"]).all()
    # the parts of growth, as BEV107 defines them
    assert ((wide["births"] - wide["deaths"]) == wide["natural_increase"]).all()
    assert ((wide["moves_in"] - wide["moves_out"]) == wide["net_moves"]).all()


def test_accounts_equal_the_workbook_cell_by_cell(accounts, raw_bev107):
    names = {v: k for k, v in COMPONENTS.items()}
    for row in accounts.itertuples():
        assert row.total == raw_bev107[(row.municipality_name, names[row.component], row.year)]
    assert len(accounts) == len(raw_bev107) == 99 * 12 * 17


def test_bev107_figures_stated_in_the_readme(accounts):
    rks = accounts[accounts["municipality_code"] == "0760"].set_index(["component", "year"])["total"]
    assert (rks[("moves_in", 2006)], rks[("moves_out", 2006)], rks[("net_moves", 2006)]) == (2_472, 2_555, -83)
    assert rks[("net_moves", 2010)] == -483
    assert rks[("end", 2017)] == 57_005
    end_2013 = accounts[(accounts["year"] == 2013) & (accounts["component"] == "end")]["total"].sum()
    assert end_2013 == 5_627_235


def test_all_99_areas_are_mapped_christiansoe_included(accounts, flows, raw_fly66):
    dagi = json.loads(settings.KOMMUNER_GEOJSON.read_text(encoding="utf-8"))["features"]
    codes = {f["properties"]["KOMKODE"] for f in dagi}
    assert len(codes) == 99 and "0411" in codes
    assert set(accounts["municipality_code"]) == codes
    assert set(flows["to_code"]) | set(flows["from_code"]) == codes
    assert accounts.loc[accounts["municipality_code"] == "0411", "municipality_name"].iloc[0] == "Christiansø"
    # the StatBank spelling maps to the DAGI code
    assert accounts.loc[accounts["municipality_code"] == "0169", "municipality_name"].iloc[0] == "Høje-Taastrup"
    assert len({to for _, to, _, _, _ in raw_fly66}) == 99


def test_fly66_totals_equal_the_raw_files(flows, raw_fly66):
    assert sum(moves for *_, moves in raw_fly66) == int(flows["moves"].sum()) == 321_396  # README: national total
    assert len(raw_fly66) == 20 * 9_801 * 10
    assert all(moves == 0 for _, to, fro, _, moves in raw_fly66 if to == fro)
    by_sex = defaultdict(int)
    for sex, *_, moves in raw_fly66:
        by_sex[{"m": "men", "f": "women"}[sex]] += moves
    assert flows.groupby("sex")["moves"].sum().to_dict() == dict(by_sex)


def test_ringkoebing_skjern_2024_as_the_readme_states(raw_fly66):
    """README (derived check): in 1,837, out 2,567, net −730, of which −498 aged 18–29; read from the raw cells."""
    name = "Ringkøbing-Skjern"
    into = sum(m for _, to, _, _, m in raw_fly66 if to == name)
    out = sum(m for _, _, fro, _, m in raw_fly66 if fro == name)
    young = sum(m for _, to, _, a, m in raw_fly66 if to == name and 18 <= a <= 29) - \
        sum(m for _, _, fro, a, m in raw_fly66 if fro == name and 18 <= a <= 29)
    assert (into, out, into - out, young) == (1_837, 2_567, -730, -498)


def test_derived_files_are_what_derive_makes_now():
    """The committed files are reproducible from the raw files (nobody edited them by hand)."""
    committed = pd.read_csv(ACCOUNTS_CSV, dtype=str, keep_default_na=False)
    fresh = pd.read_csv(io.StringIO(read_bev107().to_csv(index=False)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, fresh)
    assert FLOWS_CSV.read_bytes() == flows_csv_bytes(read_fly66())
