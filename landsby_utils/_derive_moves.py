"""``landsby derive`` step for the migration snapshot: BEV107 2006–2017 and FLY66 2024 (SOURCES.md section 8).

Both raw files are read as they are:

* ``DanStat_BEV107.xlsx`` (sheet ``Ark1``): columns ``køn``, ``bevægelsesart``, ``område``
  and one column per year, municipalities by **name**, men and women only;
* ``data.zip``: 20 StatBank CSV downloads (Latin-1, ``;``, no header, CRLF), ``f_``/``m_``
  plus the age range in the file name, rows ``"Kvinder";"2024";"Til <name>";"Fra <name>";n0;…;n9``.

Names are mapped to 4-digit municipality codes with the DAGI ``KOMNAVN``/``KOMKODE`` pairs of
``derived/kommuner_denmark.geojson`` (99 areas, Christiansø included); a name that matches
no area exactly is matched with hyphens read as spaces (StatBank writes "Høje-Taastrup",
DAGI "Høje Taastrup"), and any name still unmatched stops the step with an error naming it.

Written files (in ``data/snapshot/derived/``):

* ``moves_bev107_accounts.csv``: ``municipality_code``, ``municipality_name``, ``year``,
  ``component`` (English key, see :data:`landsby_utils.sources.dst_moves.COMPONENTS`), ``men``, ``women``, ``total``.
* ``moves_fly66_2024.csv.gz``: ``year``, ``to_code``, ``from_code``, ``sex``
  (``men``/``women``), ``age`` (0–99), ``moves``; cells with 0 moves left out.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd

from landsby_utils import settings
from landsby_utils._derive_io import write_bytes_atomic, write_text_atomic
from landsby_utils._errors import SourceError
from landsby_utils.sources.dst_moves import COMPONENTS

BEV107_DIR: Path = settings.SNAPSHOT_RAW_DIR / "dst_bev107_2006-2017_via_kea_statistikdb"
FLY66_DIR: Path = settings.SNAPSHOT_RAW_DIR / "dst_fly66_2024_via_villiamj_cds_spatial"
BEV107_XLSX: Path = BEV107_DIR / "DanStat_BEV107.xlsx"
FLY66_ZIP: Path = FLY66_DIR / "data.zip"

#: StatBank's sex labels → the package's keys.
SEXES: dict[str, str] = {"Mænd": "men", "Kvinder": "women"}
_FLY66_NAME = re.compile(r"([fm])_(\d+)-(\d+)\.csv")


def municipality_codes() -> dict[str, str]:
    """DAGI municipality name → 4-digit code, for all 99 areas (98 municipalities and Christiansø)."""
    features = json.loads(settings.KOMMUNER_GEOJSON.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["KOMNAVN"]: f["properties"]["KOMKODE"] for f in features}


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name).strip().casefold()


def map_names(names: pd.Series, codes: dict[str, str] | None = None) -> pd.Series:
    """Municipality codes for StatBank names (exact DAGI name first, then with hyphens read as spaces).

    Raises
    ------
    SourceError
        If a name matches no municipality (the names are listed).
    """
    codes = codes or municipality_codes()
    loose = {_key(name): code for name, code in codes.items()}
    mapped = names.map(lambda n: codes.get(n) or loose.get(_key(n)))
    unknown = sorted(set(names[mapped.isna()]))
    if unknown:
        raise SourceError(f"municipality names not in DAGI: {unknown}", f"Ukendte kommunenavne: {', '.join(unknown)}")
    return mapped.astype("str")


def read_bev107(path: Path = BEV107_XLSX) -> pd.DataFrame:
    """The BEV107 workbook as a tidy frame (see the module docstring for the columns)."""
    raw = pd.read_excel(path, sheet_name="Ark1")
    years = [c for c in raw.columns if re.fullmatch(r"\d{4}", str(c))]
    unknown = sorted(set(raw["bevægelsesart"]) - set(COMPONENTS)) + sorted(set(raw["køn"]) - set(SEXES))
    if unknown or not years:
        raise SourceError(f"{path.name}: unexpected labels {unknown} or no year columns",
                          f"{path.name}: uventede betegnelser {unknown} eller ingen årskolonner")
    long = raw.melt(id_vars=["køn", "bevægelsesart", "område"], value_vars=years, var_name="year", value_name="persons")
    long["sex"] = long["køn"].map(SEXES)
    long["component"] = long["bevægelsesart"].map(COMPONENTS)
    wide = long.pivot_table(index=["område", "year", "component"], columns="sex", values="persons", aggfunc="sum")
    wide = wide.reset_index().rename(columns={"område": "municipality_name"})
    wide["total"] = wide["men"] + wide["women"]
    wide.insert(0, "municipality_code", map_names(wide["municipality_name"]))
    wide["year"] = wide["year"].astype(int)
    order = {key: i for i, key in enumerate(COMPONENTS.values())}
    wide = wide.sort_values(["municipality_code", "year", "component"], key=lambda s: s.map(order) if s.name == "component" else s)
    columns = ["municipality_code", "municipality_name", "year", "component", "men", "women", "total"]
    return wide[columns].astype({"men": "int64", "women": "int64", "total": "int64"}).reset_index(drop=True)


def read_fly66(path: Path = FLY66_ZIP) -> pd.DataFrame:
    """The FLY66 zip as a tidy frame of non-zero cells (see the module docstring for the columns)."""
    frames = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            match = _FLY66_NAME.fullmatch(name)
            if not match:
                continue  # __MACOSX resource forks
            low, high = int(match[2]), int(match[3])
            data = pd.read_csv(io.BytesIO(archive.read(name)), sep=";", header=None, encoding="latin-1")
            data.columns = ["sex", "year", "to_name", "from_name", *range(low, high + 1)]
            frames.append(data.melt(id_vars=["sex", "year", "to_name", "from_name"], var_name="age", value_name="moves"))
    if not frames:
        raise SourceError(f"{path.name} holds no FLY66 CSV files", f"{path.name} indeholder ingen FLY66-filer")
    fly = pd.concat(frames, ignore_index=True)
    fly["sex"] = fly["sex"].map(SEXES)
    codes = municipality_codes()
    fly["to_code"] = map_names(fly["to_name"].str.removeprefix("Til "), codes)
    fly["from_code"] = map_names(fly["from_name"].str.removeprefix("Fra "), codes)
    fly = fly[fly["moves"] != 0]
    fly = fly[["year", "to_code", "from_code", "sex", "age", "moves"]].astype({"year": "int64", "age": "int64", "moves": "int64"})
    return fly.sort_values(["to_code", "from_code", "sex", "age"]).reset_index(drop=True)


def flows_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The flows as gzipped CSV with a fixed timestamp (the same bytes on every run)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as handle:
        handle.write(frame.to_csv(index=False).encode("utf-8"))
    return buffer.getvalue()


def derive_moves() -> list[Path]:
    """Write the BEV107 accounts and the FLY66 2024 flows.

    Returns
    -------
    list of pathlib.Path
        The two files written.
    """
    write_text_atomic(settings.MOVES_ACCOUNTS_CSV, read_bev107().to_csv(index=False))
    write_bytes_atomic(settings.MOVES_FLOWS_CSV, flows_csv_bytes(read_fly66()))
    return [settings.MOVES_ACCOUNTS_CSV, settings.MOVES_FLOWS_CSV]


if __name__ == "__main__":  # pragma: no cover
    for written in derive_moves():
        print(written.relative_to(settings.ROOT))
