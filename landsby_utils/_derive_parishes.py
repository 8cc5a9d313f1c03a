"""Derive the national parish register and layer from the raw SOGN1/DAWA/DAGI snapshot files.

Run by ``landsby derive`` (see :mod:`landsby_utils._derive`); the results are committed
under ``data/snapshot/derived/`` and never edited by hand. Every step:

1. **Parish layer** (``parishes_denmark.geojson.gz``): the DAWA parish polygons of August
   2021 (``sogne_2021_dawa.geojson.gz``, ``vintage = 2021``), plus the DAGI 2014 polygon of
   every 2014 parish code that is gone by 2021 (``vintage = 2014``, with its 2021
   ``successor``), so that a cluster file may name a parish by either code. A 2021 parish
   gets one row per municipality its Statistics Denmark label names (border parishes such as
   8739 Husby list two); a 2014-only parish gets the municipality that contains its
   representative point in the DAGI 2014 municipality layer.
2. **Parish table** (``parishes_denmark.csv``): one row per parish code in SOGN1 2014 or
   2021 with its population on 1 January 2014 and 2021 and the like-for-like 2014 figure of
   each 2021 parish — its own 2014 population plus that of every 2014 parish merged into it
   (``parish_changes_2014_2021.csv``). A 2021 parish whose area is not exactly a sum of 2014
   parishes (a split, or a kept parish that gave up area) is marked ``comparable = False``.

The checks of ``SOURCES.md`` (section 6) are tests in ``tests/test_parish_snapshot.py``.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

import pandas as pd

from landsby_utils import settings
from landsby_utils._derive_io import geojson_text, topojson_to_frame, write_bytes_atomic, write_text_atomic


@lru_cache(maxsize=1)
def municipality_labels() -> dict[str, str]:
    """Statistics Denmark's English municipality labels (and the "… Kommune" variants) → 4-digit code."""
    frame = pd.read_csv(settings.FOLK1A_2021_CSV, dtype=str)
    labels: dict[str, str] = {}
    for code, name, label in frame[["municipality_code", "municipality_name", "dst_label"]].itertuples(index=False):
        for text in (label, name, f"{label} Municipality", f"{name} Municipality", f"{name} Kommune", f"{label} Kommune"):
            labels[text] = code
    return labels


def label_codes(label: str) -> list[str]:
    """Municipality codes named by a SOGN1 label part such as ``"Herning Municipality, Ringkøbing-Skjern Municipality"``.

    Raises
    ------
    ValueError
        When a part names no known municipality (the derivation must not guess).
    """
    known = municipality_labels()
    codes = []
    for part in str(label).split(", "):
        if part not in known:
            raise ValueError(f"unknown municipality label {part!r} in SOGN1 2021")
        codes.append(known[part])
    return codes


def changes() -> pd.DataFrame:
    """The parish code changes 2014 → 2021 as shipped (``parish_changes_2014_2021.csv``)."""
    return pd.read_csv(settings.PARISH_CHANGES_CSV, dtype=str)


def successors() -> dict[str, list[str]]:
    """Each 2014 parish code that is gone by 2021 → its 2021 successor code(s)."""
    table = changes()
    gone = table[table["listed_because"].str.startswith("code_2014 gone by 2021") & table["code_2021"].notna()]
    out: dict[str, list[str]] = {}
    for old, new in gone[["code_2014", "code_2021"]].itertuples(index=False):
        out.setdefault(old, []).append(new)
    return out


def parish_table() -> pd.DataFrame:
    """The national parish table with both vintages (see the module docstring, step 2).

    Returns
    -------
    pandas.DataFrame
        ``parish_code``, ``parish_name``, ``municipality_codes`` (``;``-separated),
        ``population_2014``, ``population_2021`` (``<NA>`` where the code does not exist that
        year), ``successor_2021`` (for codes gone by 2021), ``predecessors_2014`` (2014 codes
        merged into a 2021 code), ``like_for_like_2014`` (2014 population of the 2021 area) and
        ``comparable`` (the 2021 area is exactly a sum of 2014 parishes).
    """
    ages = pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str})
    pop14 = ages.groupby("parish_code")["persons"].sum()
    t21 = pd.read_csv(settings.SOGN1_2021_CSV, dtype={"parish_code": str, "dagi_id": str})
    pop21 = t21.set_index("parish_code")["population"]
    table = changes()
    after = successors()
    names14 = dict(zip(table["code_2014"], table["name_2014_dagi"], strict=False))
    dagi = topojson_to_frame(settings.SOGNE_TOPOJSON)
    names14 = {**dict(zip(dagi["SOGNEKODE"], dagi["SOGNENAVN"], strict=False)), **{k: v for k, v in names14.items() if isinstance(v, str)}}
    layer_2014 = _layer_2014_municipalities()

    predecessors: dict[str, list[str]] = {}
    for old, news in after.items():
        for new in news:
            predecessors.setdefault(new, []).append(old)
    # A kept 2014 parish that gave up area to a new one (7027 Vigerslev → 9190 Valby Søndre).
    kept_donors = table[table["listed_because"] == "code_2021 new since 2014"]
    partial = set(kept_donors["code_2021"]) | set(kept_donors["code_2014"])
    split = {old for old, news in after.items() if len(news) > 1}

    rows = []
    for row in t21.itertuples(index=False):
        code = row.parish_code
        preds = sorted(predecessors.get(code, []))
        own = int(pop14[code]) if code in pop14 else 0
        like = own + sum(int(pop14.get(p, 0)) for p in preds)
        comparable = (code in pop14 or bool(preds)) and code not in partial and not any(p in split for p in preds)
        rows.append({
            "parish_code": code, "parish_name": row.parish_name,
            "municipality_codes": ";".join(label_codes(row.municipality_label)),
            "population_2014": int(pop14[code]) if code in pop14 else pd.NA,
            "population_2021": int(row.population),
            "successor_2021": "", "predecessors_2014": ";".join(preds),
            "like_for_like_2014": like if comparable else pd.NA, "comparable": comparable,
        })
    for code in sorted(set(pop14.index) - set(pop21.index)):
        rows.append({
            "parish_code": code, "parish_name": names14.get(code, ""),
            "municipality_codes": layer_2014.get(code, ""),
            "population_2014": int(pop14[code]), "population_2021": pd.NA,
            "successor_2021": ";".join(after.get(code, [])), "predecessors_2014": "",
            "like_for_like_2014": pd.NA, "comparable": False,
        })
    frame = pd.DataFrame(rows).sort_values("parish_code").reset_index(drop=True)
    for column in ("population_2014", "population_2021", "like_for_like_2014"):
        frame[column] = frame[column].astype("Int64")
    return frame


@lru_cache(maxsize=1)
def _layer_2014_municipalities() -> dict[str, str]:
    """2014 parish code → municipality code(s) of the DAGI 2014 layer (``;``-separated)."""
    import geopandas as gpd

    parishes = gpd.read_file(settings.SOGNE_GEOJSON)
    return {code: ";".join(sorted(group["KOMKODE"])) for code, group in parishes.groupby("SOGNEKODE")}


def parish_layer():
    """The parish layer that knows both vintages (see the module docstring, step 1).

    Returns
    -------
    geopandas.GeoDataFrame
        ``parish_code``, ``parish_name``, ``municipality_code`` (one row per municipality),
        ``vintage`` (``"2021"`` or ``"2014"``), ``successor`` (2021 code(s) of a 2014-only
        parish), ``geometry`` (EPSG:4326).
    """
    import geopandas as gpd

    with gzip.open(settings.SOGNE_2021_GEOJSON, "rt", encoding="utf-8") as handle:
        layer21 = gpd.GeoDataFrame.from_features(json.load(handle)["features"], crs=settings.CRS_GEOGRAPHIC)
    table = parish_table().set_index("parish_code")
    layer21["municipality_code"] = layer21["parish_code"].map(table["municipality_codes"]).str.split(";")
    layer21 = layer21.explode("municipality_code")
    layer21["vintage"] = "2021"
    layer21["successor"] = ""

    old = gpd.read_file(settings.SOGNE_GEOJSON)
    old = old[~old["SOGNEKODE"].isin(set(layer21["parish_code"]))]
    after = successors()
    old = old.rename(columns={"SOGNEKODE": "parish_code", "SOGNENAVN": "parish_name", "KOMKODE": "municipality_code"})
    old["vintage"] = "2014"
    old["successor"] = old["parish_code"].map(lambda c: ";".join(after.get(c, [])))
    columns = ["parish_code", "parish_name", "municipality_code", "vintage", "successor", "geometry"]
    frame = pd.concat([layer21[columns], old[columns]], ignore_index=True)
    frame = frame.sort_values(["parish_code", "municipality_code"]).reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=settings.CRS_GEOGRAPHIC)


def derive_parishes() -> list:
    """Write the parish table and layer (atomically); return the paths written."""
    table = parish_table()
    write_text_atomic(settings.PARISHES_CSV, table.to_csv(index=False, lineterminator="\n"))
    text = geojson_text(parish_layer())
    write_bytes_atomic(settings.PARISHES_GEOJSON, gzip.compress(text.encode("utf-8"), mtime=0))
    return [settings.PARISHES_CSV, settings.PARISHES_GEOJSON]
