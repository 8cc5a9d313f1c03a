"""Derive the national parish indicator table for "Steder som os" (issue 12).

Run by ``landsby derive`` (see :mod:`landsby_utils._derive`) after the parish table; the result,
``data/snapshot/derived/parish_indicators.csv``, is committed and never edited by hand. One row per
parish that exists on 1 January 2021 (SOGN1 2021, 2,1xx codes). Every column, with its source and
vintage (``parish_indicators.md`` beside the file says the same for readers of the data):

=========================  ===========================================================================
column                     meaning (source, vintage)
=========================  ===========================================================================
parish_code, parish_name   2021 parish code and name (SOGN1 2021, Danmarks Statistik)
municipality_code          the first municipality Statistics Denmark's label names (border parishes
                           name two; all are in ``municipality_codes``) (SOGN1 2021)
population_2021            inhabitants 1 January 2021 (SOGN1 2021)
population_2014_lfl        inhabitants 1 January 2014 of the same area: own 2014 figure plus every
                           2014 parish merged into it (``parishes_denmark.csv``, SOGN1 2014); empty
                           when the 2021 area is not a sum of 2014 parishes (a split)
change_pct                 (population_2021 / population_2014_lfl − 1) × 100; empty as above
persons_0_15, persons_16_64, persons_65plus
                           persons aged 0–15, 16–64 and 65 or over on 1 January 2014 in the same
                           like-for-like area (SOGN1 2014 by single-year age); empty as above
share_0_15, share_65plus   those counts as % of all persons 2014 (like-for-like)
old_age_dependency         persons 65+ per 100 persons aged 16–64 (2014, like-for-like)
area_km2                   area of the 2021 polygon(s) in ETRS89/UTM 32N (DAWA/DAGI, August 2021)
density_per_km2            population_2021 / area_km2
centre_lat, centre_lon     the parish's populated centre (WGS84), see ``centre_source``
centre_source              ``osm_place`` (an OpenStreetMap 2019 place node inside the 2021 polygon:
                           the highest of city > town > village, then one whose name begins with the
                           parish's name, then the largest population tag, then the nearest to the
                           polygon's representative point; a hamlet counts only when its name begins
                           with the parish's name, e.g. "Tim Kirkeby") or ``representative_point`` (no such node: a point inside the
                           polygon; the 2019 extract lacks many village nodes, e.g. Hee and Stadil)
centre_name                the place node's name (empty for a representative point)
dist_<category>_km         straight-line distance (km) from the centre to the nearest OpenStreetMap
                           2019 point of the category (``categories.py``: skole, dagtilbud,
                           dagligvarer, laege, bibliotek) anywhere in Denmark. Points only: facilities
                           drawn as areas are missing (``categories.POINT_GAPS``; schools especially)
has_town                   an OSM 2019 place=city or place=town node lies inside the parish
rural                      ``True`` when ``has_town`` is false and ``density_per_km2`` < 50
                           (:data:`RURAL_MAX_DENSITY`). A working definition: Denmark has no official
                           rural flag per parish; 50/km² is about a third of the national average
=========================  ===========================================================================
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pandas as pd

from landsby_utils import settings
from landsby_utils._derive_io import write_text_atomic
from landsby_utils.categories import categorize

#: Facility categories whose nearest point is measured (codes of :data:`landsby_utils.categories.CATEGORIES`).
DISTANCE_CATEGORIES: tuple[str, ...] = ("skole", "dagtilbud", "dagligvarer", "laege", "bibliotek")
#: OSM place values that mark a populated centre, most important first.
PLACE_RANK: tuple[str, ...] = ("city", "town", "village", "hamlet")
#: Rural: no city/town node and fewer inhabitants per km² than this.
RURAL_MAX_DENSITY: float = 50.0


def _polygons_2021():
    """The DAWA 2021 parish polygons (one row per parish code), in the metric CRS."""
    import geopandas as gpd

    with gzip.open(settings.SOGNE_2021_GEOJSON, "rt", encoding="utf-8") as handle:
        layer = gpd.GeoDataFrame.from_features(json.load(handle)["features"], crs=settings.CRS_GEOGRAPHIC)
    layer = layer.dissolve(by="parish_code", as_index=False)[["parish_code", "geometry"]]
    return layer.to_crs(settings.CRS_METRIC)


def _nodes():
    """The national 2019 OSM nodes (``nodes_denmark_facilities.csv.gz``) in the metric CRS, with ``category``."""
    import geopandas as gpd

    nodes = pd.read_csv(settings.OSM_NODES_CSV, dtype={"ID": str, "TAG": str, "VALUE": str, "NAME": str},
                        usecols=["ID", "LAT", "LON", "NAME", "TAG", "VALUE", "POPULATION"])
    nodes["category"] = [categorize({tag: value}) for tag, value in zip(nodes["TAG"], nodes["VALUE"], strict=True)]
    return gpd.GeoDataFrame(nodes, geometry=gpd.points_from_xy(nodes["LON"], nodes["LAT"]),
                            crs=settings.CRS_GEOGRAPHIC).to_crs(settings.CRS_METRIC)


def _age_groups(table: pd.DataFrame) -> pd.DataFrame:
    """Persons 0–15, 16–64 and 65+ in 2014 per 2021 parish, like-for-like (empty where not comparable)."""
    ages = pd.read_csv(settings.SOGN1_2014_CSV, dtype={"parish_code": str})
    group = pd.cut(ages["age"], [-1, 15, 64, 200], labels=["persons_0_15", "persons_16_64", "persons_65plus"])
    by_code = ages.groupby(["parish_code", group], observed=False)["persons"].sum().unstack()
    rows = {}
    for row in table.itertuples(index=False):
        if not row.comparable:
            continue
        members = [row.parish_code, *[p for p in str(row.predecessors_2014).split(";") if p]]
        rows[row.parish_code] = by_code.reindex(members).fillna(0).sum()
    return pd.DataFrame.from_dict(rows, orient="index").astype("Int64")


def _centres(polygons, nodes, names: pd.Series) -> pd.DataFrame:
    """Each parish's populated centre (see the module docstring): x, y (metric), source, name, has_town."""
    import geopandas as gpd

    places = nodes[(nodes["TAG"] == "place") & nodes["VALUE"].isin(PLACE_RANK)].copy()
    places["rank"] = places["VALUE"].map({v: i for i, v in enumerate(PLACE_RANK)})
    places["pop"] = pd.to_numeric(places["POPULATION"], errors="coerce").fillna(-1)
    inside = gpd.sjoin(places, polygons, how="inner", predicate="within")
    rep = polygons.set_index("parish_code").representative_point()
    inside["to_rep"] = inside.geometry.distance(rep.reindex(inside["parish_code"]).set_axis(inside.index))
    parish_name = inside["parish_code"].map(names).fillna("").str.lower()
    inside["named"] = [bool(p) and str(n).lower().startswith(p) for n, p in zip(inside["NAME"], parish_name, strict=True)]
    inside = inside[(inside["VALUE"] != "hamlet") | inside["named"]]
    order = ["parish_code", "rank", "named", "pop", "to_rep"]
    best = inside.sort_values(order, ascending=[True, True, False, False, True])
    best = best.drop_duplicates("parish_code").set_index("parish_code")
    towns = set(inside.loc[inside["rank"] <= 1, "parish_code"])
    out = pd.DataFrame(index=polygons["parish_code"])
    out["x"] = [best.geometry[c].x if c in best.index else rep[c].x for c in out.index]
    out["y"] = [best.geometry[c].y if c in best.index else rep[c].y for c in out.index]
    out["centre_source"] = ["osm_place" if c in best.index else "representative_point" for c in out.index]
    out["centre_name"] = [best["NAME"][c] if c in best.index and isinstance(best["NAME"][c], str) else "" for c in out.index]
    out["has_town"] = [c in towns for c in out.index]
    return out


def nearest_km(origins: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Straight-line distance (km) from each origin to its nearest point (metric coordinates, metres).

    Parameters
    ----------
    origins : numpy.ndarray
        Shape (n, 2), x/y in metres.
    points : numpy.ndarray
        Shape (m, 2), x/y in metres; with m = 0 every distance is NaN.

    Returns
    -------
    numpy.ndarray
        Shape (n,), kilometres.
    """
    from scipy.spatial import cKDTree

    if len(points) == 0:
        return np.full(len(origins), np.nan)
    distance, _ = cKDTree(points).query(origins, k=1)
    return distance / 1000.0


def indicator_table() -> pd.DataFrame:
    """The national parish indicator table (columns in the module docstring), one row per 2021 parish.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``parish_code``; numbers rounded for a stable committed file.
    """
    import geopandas as gpd

    parishes = pd.read_csv(settings.PARISHES_CSV, dtype={"parish_code": str, "municipality_codes": str,
                                                         "predecessors_2014": str}, keep_default_na=False)
    parishes = parishes[parishes["population_2021"] != ""].copy()
    parishes["comparable"] = parishes["comparable"].astype(str) == "True"
    polygons = _polygons_2021()
    nodes = _nodes()
    centres = _centres(polygons, nodes, parishes.set_index("parish_code")["parish_name"])
    ages = _age_groups(parishes)

    frame = pd.DataFrame({"parish_code": parishes["parish_code"], "parish_name": parishes["parish_name"],
                          "municipality_code": parishes["municipality_codes"].str.split(";").str[0],
                          "municipality_codes": parishes["municipality_codes"]}).set_index("parish_code", drop=False)
    frame["population_2021"] = pd.to_numeric(parishes.set_index("parish_code")["population_2021"]).astype("Int64")
    lfl = pd.to_numeric(parishes.set_index("parish_code")["like_for_like_2014"].replace("", np.nan))
    frame["population_2014_lfl"] = lfl.astype("Int64")
    frame["change_pct"] = (frame["population_2021"] / frame["population_2014_lfl"] - 1) * 100
    frame = frame.join(ages)
    total14 = frame[["persons_0_15", "persons_16_64", "persons_65plus"]].sum(axis=1, min_count=3)
    frame["share_0_15"] = frame["persons_0_15"] / total14.where(total14 > 0) * 100
    frame["share_65plus"] = frame["persons_65plus"] / total14.where(total14 > 0) * 100
    frame["old_age_dependency"] = frame["persons_65plus"] / frame["persons_16_64"].where(frame["persons_16_64"] > 0) * 100
    area = polygons.set_index("parish_code").area / 1e6
    frame["area_km2"] = area.reindex(frame.index)
    frame["density_per_km2"] = frame["population_2021"] / frame["area_km2"]

    centres = centres.reindex(frame.index)
    xy = centres[["x", "y"]].to_numpy(dtype=float)
    lonlat = gpd.GeoSeries(gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=settings.CRS_METRIC).to_crs(settings.CRS_GEOGRAPHIC)
    frame["centre_lat"], frame["centre_lon"] = lonlat.y.to_numpy(), lonlat.x.to_numpy()
    frame["centre_source"] = centres["centre_source"]
    frame["centre_name"] = centres["centre_name"]
    for code in DISTANCE_CATEGORIES:
        points = nodes[nodes["category"] == code]
        frame[f"dist_{code}_km"] = nearest_km(xy, np.column_stack([points.geometry.x, points.geometry.y]))
    frame["has_town"] = centres["has_town"].astype(bool)
    frame["rural"] = (~frame["has_town"]) & (frame["density_per_km2"] < RURAL_MAX_DENSITY)
    return _rounded(frame.sort_index().reset_index(drop=True))


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    decimals = {"change_pct": 2, "share_0_15": 2, "share_65plus": 2, "old_age_dependency": 2, "area_km2": 3,
                "density_per_km2": 2, "centre_lat": 6, "centre_lon": 6,
                **{f"dist_{c}_km": 3 for c in DISTANCE_CATEGORIES}}
    for column, places in decimals.items():
        frame[column] = frame[column].astype(float).round(places)
    return frame


def indicator_notes() -> str:
    """``parish_indicators.md``: the column documentation (this module's docstring) for readers of the data."""
    return "# `parish_indicators.csv`\n\nMade by `landsby derive` (`landsby_utils/_derive_comparison.py`).\n\n" + __doc__.strip() + "\n"


def derive_comparison() -> list[Path]:
    """Write ``settings.PARISH_INDICATORS_CSV`` and ``_MD`` (atomically); return the paths written."""
    write_text_atomic(settings.PARISH_INDICATORS_CSV, indicator_table().to_csv(index=False, lineterminator="\n"))
    write_text_atomic(settings.PARISH_INDICATORS_MD, indicator_notes())
    return [settings.PARISH_INDICATORS_CSV, settings.PARISH_INDICATORS_MD]
