"""The overview dashboard (``notebooks/00_overblik.ipynb``): who the cluster is, where, what it has."""

from __future__ import annotations

import html
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import maps
from landsby_utils.builders.overview import OverviewFrames, build_overview_frames
from landsby_utils.categories import CATEGORIES, CORE_CATEGORIES
from landsby_utils.i18n import fmt_int, fmt_num, fmt_pct, source_text, t
from landsby_utils.sources import provenance_of
from landsby_utils.sources._provenance import format_date
from landsby_utils.widgets._base import Dashboard, HTMLPart, cards_html, notice, part, table_html


class OverviewDashboard(Dashboard):
    """Cluster name and villages, map, key figures, facility counts, sources."""

    section = "overblik"

    has_map = True

    # -- data (prepared ahead: :func:`~landsby_utils.builders.overview.build_overview_frames`) -------------
    @staticmethod
    def build_frames(cluster: Any) -> OverviewFrames:
        """This page's frames (see :mod:`landsby_utils.frames`)."""
        return build_overview_frames(cluster)

    @cached_property
    def data(self) -> OverviewFrames:
        """The page's numbers (given by :meth:`load` when prepared ahead, else built here)."""
        return build_overview_frames(self.cluster)

    @property
    def facilities(self):
        """Facilities within the cluster's bounding box plus margin (cache or snapshot; never live)."""
        return self.data.facilities

    @property
    def facilities_inside(self):
        """Facilities inside the cluster's parishes."""
        return self.data.facilities_inside

    @property
    def municipal_population(self) -> pd.DataFrame:
        """Total population of the municipality on 1 January of each year."""
        return self.data.municipal_population

    @property
    def cluster_population(self) -> pd.DataFrame | None:
        """The cluster's inhabitants: the sum of its parishes on 1 January of each year, or None."""
        return self.data.cluster_population

    def facility_counts(self) -> pd.DataFrame:
        """Facilities inside the cluster per datapakke category (categories with none included)."""
        counts = self.facilities_inside["category"].value_counts()
        return pd.DataFrame(
            {
                t("category", self.lang): [CATEGORIES[c].label(self.lang) for c in CORE_CATEGORIES],
                t("count", self.lang): [int(counts.get(c, 0)) for c in CORE_CATEGORIES],
            }
        )

    def key_figures(self) -> list[tuple[str, str, str]]:
        """The key figures as (value, label, note) in the reader's language."""
        lang = self.lang
        cluster = self.cluster
        area_km2 = self.data.area_km2
        population = self.municipal_population
        first, last = population.iloc[0], population.iloc[-1]
        change = (last["persons"] - first["persons"]) / first["persons"] * 100
        core = self.facilities_inside[self.facilities_inside["category"].isin(CORE_CATEGORIES)]
        own = []
        if self.cluster_population is not None:
            start, end = self.cluster_population.iloc[0], self.cluster_population.iloc[-1]
            own = [(fmt_int(int(end["persons"]), lang),
                    t("cluster_population", lang, date=format_date(str(end["date"].date()), lang)),
                    f"{fmt_int(int(start['persons']), lang)} ({int(start['year'])}) → {fmt_int(int(end['persons']), lang)}; "
                    f"Danmarks Statistik, {provenance_of(self.cluster_population).table}")]
        return [
            (fmt_int(len(cluster.villages), lang), t("villages", lang), ", ".join(v.name for v in cluster.villages)),
            (fmt_int(len(cluster.parish_codes), lang), t("parishes", lang), ""),
            (fmt_num(area_km2, 0, lang), t("area_km2", lang), "DAGI 2021"),
            *own,
            (
                fmt_int(int(last["persons"]), lang),
                t("municipality_population", lang, municipality=cluster.municipality_name, date=format_date(str(last["date"].date()), lang)),
                f"Danmarks Statistik, {provenance_of(population).table}",
            ),
            (
                fmt_pct(change, 1, lang, signed=True),
                t("municipality_change", lang, year=first["date"].year),
                f"{fmt_int(int(first['persons']), lang)} → {fmt_int(int(last['persons']), lang)}",
            ),
            (fmt_int(len(core), lang), t("facilities_in_cluster", lang), "OpenStreetMap " + provenance_of(self.facilities).reference_date[:4]),
        ]

    def village_frame(self) -> pd.DataFrame:
        """Villages with their parishes and where their point comes from."""
        lang = self.lang
        parish_names = dict(zip(self.cluster.parishes["parish_code"], self.cluster.parishes["name"], strict=True))
        return pd.DataFrame(
            {
                t("village", lang): [v.name for v in self.cluster.villages],
                t("parishes", lang): [", ".join(f"{parish_names[c]} ({c})" for c in v.parishes) for v in self.cluster.villages],
                t("point_from", lang): [source_text(v.point_source, lang) for v in self.cluster.villages],
                "lat": [round(v.lat, 6) for v in self.cluster.villages],
                "lon": [round(v.lon, 6) for v in self.cluster.villages],
            }
        )

    def tables(self) -> dict[str, pd.DataFrame]:
        """Villages, facility counts and the municipality's population (for download)."""
        population = self.municipal_population[["area_code", "area_name", "period", "persons"]].reset_index(drop=True)
        return {
            "landsbyer": self.village_frame(),
            "faciliteter_antal": self.facility_counts(),
            "kommunens_befolkning": population,
        }

    def provenances(self):
        """Population, facilities and boundaries."""
        own = [provenance_of(self.cluster_population)] if self.cluster_population is not None else []
        return [*own, provenance_of(self.municipal_population), provenance_of(self.facilities), provenance_of(self.cluster.parishes)]

    # -- parts --------------------------------------------------------------------------
    @part
    def intro(self) -> HTMLPart:
        """The villages of the cluster, as a list."""
        lang = self.lang
        items = "".join(f"<li>{html.escape(v.name)}</li>" for v in self.cluster.villages)
        return HTMLPart(
            f'<h2>{html.escape(t("villages", lang))}</h2><ul class="lb-villages">{items}</ul>',
            t("villages", lang) + ": " + ", ".join(v.name for v in self.cluster.villages),
        )

    @part
    def figures(self) -> HTMLPart:
        """Key-figure cards (with a plain-text version that nbval compares)."""
        cards = self.key_figures()
        title = t("key_figures", self.lang)
        text = "\n".join(f"{label}: {value}" for value, label, _ in cards)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{cards_html(cards)}", f"{title}\n{text}")

    @part
    def map(self) -> HTMLPart:
        """The map: outline, parishes, villages, facilities by category, legend, attribution."""
        lang = self.lang
        fmap = maps.base_map(self.cluster.bbox(2_000), lang)
        maps.add_outline(fmap, self.cluster, lang)
        maps.add_villages(fmap, self.cluster, lang)
        shown = maps.add_facilities(fmap, self.facilities, lang)
        maps.add_legend(fmap, shown, lang)
        title = f"{t('map', lang)}: {self.cluster.name}"
        caption = provenance_of(self.facilities).describe(lang)
        gaps = notice(t("snapshot_gaps", lang)).html if provenance_of(self.facilities).served_from == "snapshot" else ""
        return HTMLPart(
            f"<h2>{html.escape(t('map', lang))}</h2>{maps.map_html(fmap, title, lang=lang)}<p class=\"lb-caption\">{html.escape(caption)}</p>{gaps}",
            title,
        )

    @part
    def villages_table(self) -> HTMLPart:
        """Villages with their parishes and where their point comes from."""
        lang = self.lang
        frame = self.village_frame().drop(columns=["lat", "lon"])
        caption = t("villages_table_caption", lang)
        return HTMLPart(f"<h2>{html.escape(t('villages', lang))}</h2>" + table_html(frame, caption, lang), frame.to_string(index=False))

    @part
    def facilities_table(self) -> HTMLPart:
        """Facilities inside the cluster per category."""
        frame = self.facility_counts()
        caption = provenance_of(self.facilities).describe(self.lang)
        title = t("facilities_in_cluster", self.lang)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>" + table_html(frame, caption, self.lang), frame.to_string(index=False))

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences, including the pages that name the cluster's villages."""
        pages = ", ".join(self.cluster.sources)
        extra = [f"{t('members_named_by', self.lang)}: {pages}"] if pages else []
        return self.sources_footer(self.provenances(), extra)
