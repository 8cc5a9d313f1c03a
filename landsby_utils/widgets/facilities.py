"""The facilities dashboard (``notebooks/03_faciliteter.ipynb``): what the cluster shares, how far each village is.

Everything is computed once per dashboard (cached properties) from the facilities in
the cluster's bounding box plus :data:`settings.OSM_MARGIN_M`; the parts only format.
Distances are straight-line (as the crow flies) in EPSG:25832, from each village's
point (the parish centre when the village's own point is not known).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import facilities as fac
from landsby_utils import maps, settings
from landsby_utils.builders.facilities import FacilitiesFrames, build_facilities_frames, closure, facilities_in_reach
from landsby_utils.facilities import CATEGORIES, CORE_CATEGORIES, CleaningReport
from landsby_utils.i18n import fmt_int, fmt_num, fmt_pct, t
from landsby_utils.sources import provenance_of
from landsby_utils.widgets._base import Dashboard, HTMLPart, guarded, notice, part, scroll_box, table_html

#: Table layout of this page: words never break inside (the shared sheet breaks anywhere, which
#: splits names letter by letter on phones); wide tables scroll sideways inside ``.lb-table``.
_STYLE = (
    "<style>.landsby .lb-fac{overflow-wrap:normal;word-break:normal}"
    ".landsby .lb-fac td,.landsby .lb-fac th{white-space:nowrap}"
    ".landsby .lb-fac tr>:first-child{text-align:left;white-space:normal;min-width:7rem;"
    "position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #ddd}</style>"
)


#: The closure table must fit a phone (390 px) without scrolling: its cells wrap between words (a
#: distance never breaks inside: ``"7,7 km"`` is joined by a no-break space), its first column is
#: not pinned, and on narrow screens the text and padding are smaller.
_CLOSURE_STYLE = (
    "<style>.landsby .lb-fac.lb-closure td,.landsby .lb-fac.lb-closure th{white-space:normal}"
    ".landsby .lb-fac.lb-closure tr>:first-child{min-width:0;position:static;box-shadow:none}"
    "@media (max-width:600px){.landsby .lb-fac.lb-closure table{font-size:.88rem;width:100%}"
    ".landsby .lb-fac.lb-closure th,.landsby .lb-fac.lb-closure td{padding:.3rem .25rem}}</style>"
)


def _fac(table: str) -> str:
    """Wrap a table in this page's layout (see :data:`_STYLE`)."""
    return f'{_STYLE}<div class="lb-fac">{table}</div>'


def _breakable(text: str) -> str:
    """Allow a line break after each ``/`` (``"Sportsplads/boldbane"``) with a zero-width space."""
    return text.replace("/", "/\u200b")


def _table(frame: pd.DataFrame, caption: str, lang: str, label: str = "") -> str:
    """A table in this page's layout, with its caption under it (outside the sideways-scrolling box)."""
    shown = _fac(table_html(_display_frame(frame), "", lang, label=label))
    return shown + (f'<p class="lb-caption">{html.escape(caption)}</p>' if caption else "")


def _closure_table(frame: pd.DataFrame, caption: str, lang: str, label: str = "") -> str:
    """The closure table in its phone-fitting layout (see :data:`_CLOSURE_STYLE`), caption under it."""
    shown = _display_frame(frame).map(lambda v: v.replace(" km", "\u00a0km") if isinstance(v, str) else v)
    table = f'{_STYLE}{_CLOSURE_STYLE}<div class="lb-fac lb-closure">{table_html(shown, "", lang, label=label)}</div>'
    return table + (f'<p class="lb-caption">{html.escape(caption)}</p>' if caption else "")


def _display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for HTML whose first (label) column may break after ``/``."""
    shown = frame.copy()
    first = shown.columns[0]
    shown[first] = shown[first].map(lambda v: _breakable(v) if isinstance(v, str) else v)
    return shown


#: Colours of the distance table (background, meaning), by the upper distance in metres.
_BANDS: tuple[tuple[float, str], ...] = ((2_000, "#c7ecd0"), (5_000, "#fff1a8"), (10_000, "#ffd3a1"))
_NONE_COLOUR = "#f6c3c3"



def fmt_km(metres: float, lang: str = "da") -> str:
    """Format metres as kilometres with one decimal: ``2400`` → ``"2,4 km"`` (``"2.4 km"`` in English).

    Parameters
    ----------
    metres : float
        Distance in metres.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The distance.
    """
    return f"{fmt_num(metres / 1000, 1, lang)} km"


def _km_whole(metres: float, lang: str) -> str:
    return f"{fmt_num(metres / 1000, 0, lang)} km"


def _join(names: Sequence[str], lang: str, word: str = "and") -> str:
    """``"Hee, Hover og Tim"`` (``"and"`` in English; ``word="or"`` for ``"eller"``)."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('join_' + word, lang)} {names[-1]}"


class FacilitiesDashboard(Dashboard):
    """Facilities map, village × category distances, shares, what the cluster shares, closure scenario."""

    section = "faciliteter"

    #: Optional inhabitants per village (index = village name); enables shares of inhabitants.
    village_population: pd.Series | None = None

    @classmethod
    def warm(cls) -> None:
        """Also inline the map assets once."""
        super().warm()
        maps.warm()

    # -- data (prepared ahead: :func:`~landsby_utils.builders.facilities.build_facilities_frames`) ---------
    @classmethod
    def build_frames(cls, cluster: Any) -> FacilitiesFrames:
        """This page's frames (see :mod:`landsby_utils.frames`)."""
        return build_facilities_frames(cluster, village_population=cls.village_population)

    @cached_property
    def raw_facilities(self):
        """The facilities the page is computed from, as the source returns them (a test may give its own)."""
        return facilities_in_reach(self.cluster)

    @cached_property
    def data(self) -> FacilitiesFrames:
        """The page's numbers (given by :meth:`load` when prepared ahead, else built here)."""
        return build_facilities_frames(self.cluster, self.raw_facilities, self.village_population)

    reach_m = property(lambda self: self.data.reach_m, doc="How far beyond the cluster facilities count.")
    facilities = property(lambda self: self.data.facilities, doc="Cleaned facilities (see :attr:`cleaning`).")
    core_facilities = property(lambda self: self.data.core_facilities, doc="Cleaned facilities of the core categories.")
    villages = property(lambda self: self.data.villages, doc="Village points (parish centre when estimated).")
    nearest = property(lambda self: self.data.nearest, doc="Village × category nearest distances (long format).")
    assigned = property(lambda self: self.data.assigned, doc="Facilities inside the cluster with their village.")
    shared = property(lambda self: self.data.shared, doc="Per category: facilities in the cluster, which villages have one.")
    located = property(lambda self: self.data.located, doc="Core facilities with their nearest village and its distance.")
    reachable_categories = property(lambda self: self.data.reachable_categories, doc="Categories in reach of some village.")
    uncertain_categories = property(lambda self: self.data.uncertain_categories, doc="Categories whose absence the data cannot show.")
    absent_categories = property(lambda self: self.data.absent_categories, doc="Categories with nothing in reach.")
    example_closure = property(lambda self: self.data.example_closure, doc="``(category, facility_id)`` of the closure example.")

    @property
    def cleaning(self) -> CleaningReport:
        """What cleaning did (counts shown in :meth:`data_notes`)."""
        return CleaningReport.of(self.facilities)

    @property
    def village_names(self) -> list[str]:
        return [v.name for v in self.cluster.villages]

    def _not_registered_line(self, categories: Sequence[str]) -> str:
        names = _join([self._category_lower(c) for c in categories], self.lang)
        return t("fac_not_registered", self.lang, names=names, slug=self.cluster.slug)

    # -- what the static datapakke exports -------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """Distances, shares, facilities per village and the facility list (for CSV/Excel download)."""
        lang = self.lang
        nearest = self.nearest
        distances = pd.DataFrame(
            {
                t("village", lang): nearest["village"],
                t("category", lang): [self._category(c) for c in nearest["category"]],
                t("fac_col_distance_m", lang): nearest["distance_m"].round(0),
                t("fac_nearest_facility", lang): nearest["facility_name"],
                "osm": nearest["facility_id"],
                "status": nearest["status"],
            }
        )
        shares = fac.access_shares(nearest, settings.DISTANCE_THRESHOLDS_M)
        shares.insert(0, t("category", lang), [self._category(c) for c in shares["category"]])
        located = self.located
        facilities = pd.DataFrame(
            {
                "osm": located["facility_id"],
                t("fac_col_name", lang): located["name"],
                t("category", lang): [self._category(c) for c in located["category"]],
                "lat": located.geometry.y.round(6),
                "lon": located.geometry.x.round(6),
                t("fac_col_nearest_village", lang): located["nearest_village"],
                t("fac_col_distance_to_village_m", lang): located["village_distance_m"].round(0),
            }
        )
        return {
            "afstande": distances,
            "andel_inden_for": shares.drop(columns="category"),
            "faciliteter_pr_landsby": self.inventory_frame(),
            "faciliteter": facilities,
        }

    def provenances(self):
        """Facilities (OpenStreetMap) and boundaries (DAGI)."""
        return [provenance_of(self.facilities), provenance_of(self.cluster.parishes)]

    # -- formatting helpers ---------------------------------------------------------------
    def _reach(self) -> str:
        return _km_whole(self.reach_m, self.lang)

    def _cell(self, metres: float, status: str, compact: bool = False, category: str = "") -> str:
        """A distance for a table: ``"2,4 km"``, ``"< 0,1 km"``, ``"ingen inden for 10 km"`` (``"> 10 km"`` compact);
        ``"ikke som punkt"`` for a category the points-only data cannot show as absent."""
        if status == fac.STATUS_NO_POINT:
            return t("fac_no_point", self.lang)
        if pd.isna(metres) and category in self.uncertain_categories:
            return t("fac_not_as_point", self.lang)
        if pd.isna(metres):
            return t("fac_beyond" if compact else "fac_none_within", self.lang, reach=self._reach())
        if metres < 50:
            return t("fac_very_close", self.lang)
        return fmt_km(metres, self.lang)

    def _facility_label(self, facility_id: str) -> str:
        """``"Vedersø Kulturcenter i Vedersø"``; ``"uden navn uden for klyngen (OSM node/1)"`` for unnamed ones."""
        row = self.located[self.located["facility_id"] == facility_id]
        if row.empty:
            return facility_id
        name = row.iloc[0]["name"]
        inside = self.assigned.loc[self.assigned["facility_id"] == facility_id, "village"]
        where = t("fac_in_village", self.lang, village=_join(inside, self.lang)) if len(inside) else t("fac_outside_cluster", self.lang)
        if name:
            return f"{name} {where}"
        category = self._category_lower(row.iloc[0]["category"])
        return f"{category} {t('fac_unnamed', self.lang)} {where} ({t('fac_osm_ref', self.lang, ref=facility_id)})"

    def _category(self, code: str) -> str:
        return CATEGORIES[code].label(self.lang)

    def _category_lower(self, code: str) -> str:
        label = self._category(code)
        return t("fac_category_in_sentence", self.lang, first=label[0].lower(), rest=label[1:], lower=label.lower())

    # -- parts --------------------------------------------------------------------------
    @part
    def intro(self) -> HTMLPart:
        """What the page shows, that distances are straight-line, and which village points are estimated."""
        lang = self.lang
        lines = [t("fac_straight_line", lang, reach=self._reach())]
        estimated = [v.name for v in self.cluster.villages if v.point_estimated]
        if estimated:
            lines.append(t("fac_estimated", lang, names=_join(estimated, lang)))
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        gaps = notice(t("snapshot_gaps", lang)) if provenance_of(self.data.raw_facilities).served_from == "snapshot" else None
        title = t("fac_title", lang)
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2>{body}{gaps.html if gaps else ''}",
            "\n".join([title, *lines] + ([gaps.text] if gaps else [])),
        )

    @part
    def map(self) -> HTMLPart:
        """Folium map: one clustered layer per category (icons, colours, popups), legend, villages, outline."""
        lang = self.lang
        fmap = maps.base_map(self.cluster.bbox(2_000), lang)
        maps.add_outline(fmap, self.cluster, lang)
        maps.add_reach(fmap, self.cluster, self.reach_m, lang)
        shown = maps.add_facilities(fmap, self.core_facilities, lang)
        maps.add_villages(fmap, self.cluster, lang)
        maps.add_legend(fmap, shown, lang)
        title = f"{t('map', lang)}: {t('fac_title', lang).lower()}, {self.cluster.name}"
        caption = provenance_of(self.facilities).describe(lang)
        return HTMLPart(
            f"<h2>{html.escape(t('map', lang))}</h2>{maps.map_html(fmap, title, lang=lang)}<p class=\"lb-caption\">{html.escape(caption)}</p>",
            title,
        )

    def distance_frame(self) -> pd.DataFrame:
        """The distance table as text: categories (rows, reachable ones) × villages, ``"2,4 km"``."""
        lang = self.lang
        matrix = fac.distance_matrix(self.nearest)
        status = self.nearest.pivot(index="category", columns="village", values="status").reindex(
            index=matrix.index, columns=matrix.columns
        )
        rows = self.reachable_categories
        frame = pd.DataFrame(
            {village: [self._cell(matrix.at[c, village], status.at[c, village], compact=True, category=c) for c in rows] for village in matrix.columns}
        )
        frame.insert(0, t("category", lang), [self._category(c) for c in rows])
        return frame

    @part
    def distance_table(self) -> HTMLPart:
        """Colour-coded village × category distances in km, with the nearest facility in a fold-out."""
        lang = self.lang
        matrix = fac.distance_matrix(self.nearest)
        frame = self.distance_frame()
        rows = self.reachable_categories
        head = "".join(f'<th scope="col" class="num">{html.escape(v)}</th>' for v in matrix.columns)
        body = []
        for code, texts in zip(rows, frame.itertuples(index=False), strict=True):
            cells = []
            for village, text in zip(matrix.columns, texts[1:], strict=True):
                metres = matrix.at[code, village]
                colour = _NONE_COLOUR if pd.isna(metres) else next(c for limit, c in _BANDS + ((float("inf"), _NONE_COLOUR),) if metres <= limit)
                nearest = self.nearest[(self.nearest["village"] == village) & (self.nearest["category"] == code)].iloc[0]
                tip = self._facility_label(nearest["facility_id"]) if nearest["facility_id"] else text
                # Distances never break; "ikke som punkt" may, so a wide table still fits a phone and A4.
                distance = any(ch.isdigit() for ch in text)
                wrap, kind = ("white-space:nowrap", "num") if distance else ("white-space:normal", "lb-gap")
                cells.append(
                    f'<td class="{kind}" style="background:{colour};{wrap}" title="{html.escape(tip)}">{html.escape(text)}</td>'
                )
            body.append(f'<tr><th scope="row">{html.escape(_breakable(self._category(code)))}</th>{"".join(cells)}</tr>')
        caption = f"{t('fac_straight_line', lang, reach=self._reach())} {provenance_of(self.facilities).describe(lang)}"
        table = scroll_box(
            f'<table><thead><tr><th scope="col">{html.escape(t("category", lang))}</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>',
            t("fac_distance_title", lang),
        )
        keys = [
            (c, f"≤ {fmt_km(limit, lang)}" if i == 0 else f"{fmt_km(_BANDS[i - 1][0], lang)}–{fmt_km(limit, lang)}")
            for i, (limit, c) in enumerate(_BANDS)
        ] + [(_NONE_COLOUR, f'{t("fac_beyond", lang, reach=self._reach())}: {t("fac_none_within", lang, reach=self._reach())}')]
        legend = (
            f'<p class="lb-caption">{html.escape(t("fac_colour_key", lang))}: '
            + " ".join(
                f'<span class="lb-key" style="background:{c}">{html.escape(label)}</span>'
                for c, label in keys
            )
            + "</p>"
        )
        missing = self.absent_categories
        none_text = (
            t("fac_none_at_all", lang, names=_join([self._category_lower(c) for c in missing], lang, "or"), reach=self._reach()) if missing else ""
        )
        unseen = [c for c in self.uncertain_categories if c not in rows]
        if unseen:
            none_text = (none_text + " " + self._not_registered_line(unseen)).strip()
        details = self._nearest_details()
        title = f"{t('fac_distance_title', lang)} (km)"
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2>{_fac(table)}<p class=\"lb-caption\">{html.escape(caption)}</p>{legend}"
            + (f"<p>{html.escape(none_text)}</p>" if none_text else "")
            + details,
            f"{title}\n{frame.to_string(index=False)}" + (f"\n{none_text}" if none_text else ""),
        )

    def _nearest_details(self) -> str:
        lang = self.lang
        rows = self.nearest[self.nearest["category"].isin(self.reachable_categories)]
        frame = pd.DataFrame(
            {
                t("category", lang): [self._category(c) for c in rows["category"]],
                t("village", lang): rows["village"].to_numpy(),
                t("fac_distance", lang): [self._cell(d, s, category=c) for d, s, c in
                                       zip(rows["distance_m"], rows["status"], rows["category"], strict=True)],
                t("fac_nearest_facility", lang): [self._facility_label(i) if i else "–" for i in rows["facility_id"]],
            }
        )
        frame = frame.sort_values(t("category", lang), key=lambda s: s.map({self._category(c): i for i, c in enumerate(CORE_CATEGORIES)}), kind="stable")
        return (
            f'<details><summary>{html.escape(t("fac_which_nearest", lang))}</summary>'
            f"{_table(frame, '', lang, t('fac_which_nearest', lang))}</details>"
        )

    def shares_frame(self) -> pd.DataFrame:
        """Share of villages within 2, 5 and 10 km of each (reachable) category, as text."""
        lang = self.lang
        weights = "population" if "population" in self.nearest.columns else None
        shares = fac.access_shares(self.nearest[self.nearest["category"].isin(self.reachable_categories)], settings.DISTANCE_THRESHOLDS_M, weights)
        columns: dict[str, list[str]] = {t("category", lang): [self._category(c) for c in self.reachable_categories]}
        for threshold in settings.DISTANCE_THRESHOLDS_M:
            of = shares[shares["threshold_m"] == threshold].set_index("category").loc[self.reachable_categories]
            columns[t("fac_within", lang, km=_km_whole(threshold, lang))] = [
                f"{t('fac_n_of_m', lang, n=r.villages_within, m=r.villages_total)} ({fmt_pct(r.share_villages, 0, lang)})" for r in of.itertuples()
            ]
            if weights:
                columns[t("fac_inhabitants_within", lang, km=_km_whole(threshold, lang))] = [fmt_pct(v, 0, lang) for v in of["share_weighted"]]
        return pd.DataFrame(columns)

    @part
    def shares_table(self) -> HTMLPart:
        """How many villages have each kind within 2, 5 and 10 km (and inhabitants, when known)."""
        lang = self.lang
        frame = self.shares_frame()
        title = t("fac_shares_title", lang)
        note = "" if "population" in self.nearest.columns else t("fac_no_population", lang)
        caption = t("fac_straight_line", lang, reach=self._reach())
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2>{_table(frame, caption, lang, title)}" + (f"<p>{html.escape(note)}</p>" if note else ""),
            f"{title}\n{frame.to_string(index=False)}" + (f"\n{note}" if note else ""),
        )

    def inventory_frame(self) -> pd.DataFrame:
        """Facilities per category (rows) in each village's parishes (columns), and in the cluster."""
        lang = self.lang
        table = fac.inventory_by_village(self.assigned, self.village_names, CORE_CATEGORIES)
        frame = table.reset_index(drop=True)
        frame.columns = list(table.columns)
        frame.insert(0, t("category", lang), [self._category(c) for c in table.index])
        frame[t("fac_in_cluster", lang)] = self.shared["count"].to_numpy()
        return frame

    @part
    def shared_table(self) -> HTMLPart:
        """Which villages have which kind of facility (counts per village and in the cluster)."""
        lang = self.lang
        frame = self.inventory_frame()
        title = t("fac_shared_title", lang)
        intro = t("fac_shared_intro", lang)
        caption = provenance_of(self.facilities).describe(lang)
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2><p>{html.escape(intro)}</p>{_table(frame, caption, lang, title)}",
            f"{title}\n{intro}\n{frame.to_string(index=False)}",
        )

    def only_one_lines(self) -> list[str]:
        """Sentences about the kinds the cluster has once, and what its closure would mean."""
        lang = self.lang
        lines = []
        for row in self.shared[self.shared["only_one"] & ~self.shared["category"].isin(self.uncertain_categories)].itertuples():
            line = t("fac_only_one_item", lang, category=self._category(row.category), name=self._facility_label(row.facility_id))
            scenario = self._closure([row.facility_id], [row.category])
            lost = scenario[scenario["status_after"] == fac.STATUS_NONE]
            if not lost.empty:
                line += t("fac_next_none", lang, villages=_join(lost["village"], lang), category=self._category_lower(row.category), reach=self._reach())
            elif not scenario.empty:
                worst = scenario.sort_values(["distance_after_m", "village"], ascending=[False, True]).iloc[0]
                line += t("fac_next_nearest", lang, category=self._category_lower(row.category), village=worst["village"], km=fmt_km(worst["distance_after_m"], lang))
            lines.append(line)
        if not lines:
            lines.append(t("fac_only_one_none", lang))
        zero = self.shared["count"] == 0
        missing = self.shared.loc[zero & ~self.shared["category"].isin(self.uncertain_categories), "category"]
        if len(missing):
            lines.append(t("fac_missing_in_cluster", lang, names=_join([self._category_lower(c) for c in missing], lang)))
        unseen = self.shared.loc[zero & self.shared["category"].isin(self.uncertain_categories), "category"]
        if len(unseen):
            lines.append(self._not_registered_line(list(unseen)))
        return lines

    @part
    def only_one(self) -> HTMLPart:
        """The kinds of facility that exist only once in the cluster (and those that do not exist at all)."""
        lines = self.only_one_lines()
        title = t("fac_only_one_title", self.lang)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return HTMLPart(f"<h2>{html.escape(title)}</h2><ul>{items}</ul>", title + "\n" + "\n".join(f"- {line}" for line in lines))

    # -- closure scenario -------------------------------------------------------------------
    def _closure(self, closed: Sequence[str], categories: Sequence[str] | None = None) -> pd.DataFrame:
        """The closure of ``closed`` (prepared ahead for what every page shows; see :func:`~landsby_utils.builders.facilities.closure`)."""
        return closure(self.data, closed, categories)

    def scenario_frame(self, closed: Sequence[str]) -> tuple[pd.DataFrame, str]:
        """The closure of ``closed`` as a table (village, before, after, longer by, loses) and a summary sentence."""
        lang = self.lang
        scenario = self._closure(closed)
        rows = []
        for r in scenario.itertuples():
            change = r.distance_after_m - r.distance_before_m if pd.notna(r.distance_after_m) else float("nan")
            rows.append(
                {
                    t("category", lang): self._category(r.category),
                    t("village", lang): r.village,
                    t("fac_before", lang): self._cell(r.distance_before_m, r.status_before),
                    t("fac_after", lang): self._cell(r.distance_after_m, r.status_after),
                    t("fac_longer", lang): (
                        "–" if r.status_before != fac.STATUS_OK
                        else t("fac_at_least", lang, km=fmt_km(self.reach_m - r.distance_before_m, lang)) if pd.isna(change)
                        else t("fac_unchanged", lang) if change == 0 else "+" + fmt_km(change, lang)
                    ),
                    t("fac_loses", lang): ", ".join(_km_whole(x, lang) for x in r.lost_thresholds) or "–",
                }
            )
        frame = pd.DataFrame(rows)
        if scenario["category"].nunique() == 1:
            frame = frame.drop(columns=t("category", lang))
        summaries = []
        for code, of in scenario.groupby("category", sort=False):
            longer = of[(of["increase_m"] > 0) | ((of["status_after"] == fac.STATUS_NONE) & (of["status_before"] == fac.STATUS_OK))]
            it = t("fac_it_closes" if len(closed) == 1 else "fac_they_close", lang)
            text = t("fac_closure_summary", lang, it=it, n=len(longer), m=len(of), category=self._category_lower(code))
            text += f" ({_join(longer['village'], lang)})." if len(longer) else "."
            lost = [
                t("fac_closure_lost", lang, km=_km_whole(x, lang), names=_join(of.loc[[x in v for v in of["lost_thresholds"]], "village"], lang))
                for x in settings.DISTANCE_THRESHOLDS_M
                if any(x in v for v in of["lost_thresholds"])
            ]
            summaries.append(" ".join([text, *lost]) if lost else f"{text} {t('fac_closure_nobody', lang, km=_km_whole(max(settings.DISTANCE_THRESHOLDS_M), lang))}")
        return frame, " ".join(summaries)

    def scenario_html(self, closed: Sequence[str], caption: str = "") -> str:
        """The closure table and summary as HTML."""
        frame, summary = self.scenario_frame(closed)
        closing = t("fac_closing", self.lang, names="; ".join(self._facility_label(c) for c in closed))
        return (
            f'<div class="lb-scenario"><p><strong>{html.escape(closing)}</strong> {html.escape(summary)}</p>'
            f"{_closure_table(frame, caption, self.lang, closing)}</div>"
        )

    @part
    def closure_example(self) -> HTMLPart:
        """A precomputed closure ("hvis den nærmeste skole lukker") as static HTML (print and static site)."""
        lang = self.lang
        title = t("fac_closure_title", lang)
        if self.example_closure is None:
            absent = [c for c in CORE_CATEGORIES if c not in self.uncertain_categories]
            text = t("fac_none_at_all", lang, names=_join([self._category_lower(c) for c in absent], lang, "or"), reach=self._reach())
            if self.uncertain_categories:
                text += " " + self._not_registered_line(self.uncertain_categories)
            return HTMLPart(f"<h2>{html.escape(title)}</h2><p>{html.escape(text)}</p>", f"{title}\n{text}")
        code, facility = self.example_closure
        served = self.nearest.loc[(self.nearest["category"] == code) & (self.nearest["facility_id"] == facility), "village"]
        which = t("fac_example_facility", lang, category=self._category_lower(code), name=self._facility_label(facility), villages=_join(served, lang))
        subtitle = t("fac_example_title", lang, category=self._category_lower(code))
        frame, summary = self.scenario_frame([facility])
        caption = t("fac_straight_line", lang, reach=self._reach())
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2><h3>{html.escape(subtitle)}</h3><p>{html.escape(which)} {html.escape(summary)}</p>"
            f"{_closure_table(frame, caption, lang, subtitle)}",
            f"{title}\n{subtitle}\n{which} {summary}\n{frame.to_string(index=False)}",
        )

    def closure_options(self, category: str) -> list[tuple[str, str]]:
        """(label, facility_id) of the facilities of ``category``: those nearest to some village first."""
        lang = self.lang
        rows = self.located[self.located["category"] == category]
        nearest_for = (
            self.nearest[(self.nearest["category"] == category) & (self.nearest["status"] == fac.STATUS_OK)]
            .groupby("facility_id")["village"]
            .agg(list)
        )
        options = []
        for r in rows.itertuples():
            served = nearest_for.get(r.facility_id, [])
            label = self._facility_label(r.facility_id)
            if served:
                label += f" – {t('fac_nearest_for', lang, names=_join(served, lang))}"
            else:
                label += f" – {fmt_km(r.village_distance_m, lang)} {'fra' if lang == 'da' else 'from'} {r.nearest_village}"
            options.append((not served, r.village_distance_m, r.facility_id, label))
        return [(label, fid) for _, _, fid, label in sorted(options)]

    @part
    def closure_scenario(self):
        """Interactive closure: a category dropdown, a list of its facilities, the recomputed table.

        Under ``landsby build`` (no kernel) a short Danish text points to the example instead.
        The result ``Output`` is filled from callbacks only, never at start-up.
        """
        lang = self.lang
        categories = [c for c in self.reachable_categories if c not in self.uncertain_categories]
        if self.static or not categories:
            text = t("fac_static_fallback", lang)
            return HTMLPart(f'<p class="lb-caption">{html.escape(text)}</p>', text)
        import ipywidgets as widgets

        first = self.example_closure[0] if self.example_closure else categories[0]
        def full() -> widgets.Layout:
            return widgets.Layout(width="auto", max_width="44rem")

        # Each control's description is its <label> (its accessible name); the stylesheet puts the labels above
        # the controls (not beside them), so the controls get the phone's full width.
        label_style = {"description_width": "initial"}
        dropdown = widgets.Dropdown(options=[(self._category(c), c) for c in categories], value=first, layout=full(),
                                    description=t("fac_choose_category", lang), style=label_style)
        # Rows: as many as there are facilities, up to 6 (the stylesheet caps the list at half the screen).
        options = self.closure_options(first)
        select = widgets.SelectMultiple(options=options, rows=max(1, min(len(options), 6)), layout=full(),
                                        description=t("fac_choose_facilities", lang), style=label_style)
        hint = widgets.HTML(f'<p class="lb-caption">{html.escape(t("fac_choose_hint", lang))}</p>')
        output = widgets.Output(layout=widgets.Layout(width="100%"))
        caption = t("fac_straight_line", lang, reach=self._reach())

        def show(message: HTMLPart) -> None:
            output.outputs = ()
            output.append_display_data(message)

        @guarded(lang, show, "closure scenario")
        def redraw(_change=None) -> None:
            # Set the Output's content directly (works the same in Voilà, JupyterLab and tests).
            output.outputs = ()
            if select.value:
                output.append_display_data(HTMLPart(self.scenario_html(select.value, caption)))

        @guarded(lang, show, "closure category")
        def change_category(change) -> None:
            select.value = ()
            select.options = self.closure_options(change["new"])
            select.rows = max(1, min(len(select.options), 6))
            redraw()

        dropdown.observe(change_category, names="value")
        select.observe(redraw, names="value")
        heading = widgets.HTML(f'<h3 class="landsby">{html.escape(t("fac_try_it", lang))}</h3>')
        box = widgets.VBox([heading, hint, dropdown, select, output], layout=widgets.Layout(width="auto"))
        box.add_class("lb-interactive")
        box.add_class("landsby")
        self._closure_widgets = {"dropdown": dropdown, "select": select, "output": output}
        return box

    # -- notes and sources --------------------------------------------------------------------
    def data_note_lines(self) -> list[str]:
        """Danish (or English) sentences on what was wrong with the data and what was done about it."""
        lang = self.lang
        report = self.cleaning
        reach = self._reach()
        lines = [
            t("fac_note_total", lang, n=fmt_int(len(self.core_facilities), lang), k=len(CORE_CATEGORIES), reach=reach,
               inside=fmt_int(int(self.shared["count"].sum()), lang)),
            t("fac_straight_line", lang, reach=reach),
        ]
        unnamed = int((self.core_facilities["name"] == "").sum())
        if unnamed:
            lines.append(t("fac_note_unnamed", lang, n=fmt_int(unnamed, lang)))
        if report.no_position:
            lines.append(t("fac_note_no_position", lang, n=fmt_int(report.no_position, lang)))
        if report.duplicates:
            lines.append(t("fac_note_duplicates", lang, n=fmt_int(report.duplicates, lang)))
        if report.outside:
            lines.append(t("fac_note_outside", lang, n=fmt_int(report.outside, lang), reach=reach))
        if not report.no_position and not report.duplicates:
            lines.append(t("fac_note_clean", lang))
        missing = self.absent_categories
        if missing:
            lines.append(t("fac_none_at_all", lang, names=_join([self._category_lower(c) for c in missing], lang, "or"), reach=reach))
        unseen = [c for c in self.uncertain_categories if c not in self.reachable_categories]
        if unseen:
            lines.append(self._not_registered_line(unseen))
        estimated = [v.name for v in self.cluster.villages if v.point_estimated]
        if estimated:
            lines.append(t("fac_estimated", lang, names=_join(estimated, lang)))
        return lines

    @part
    def data_notes(self) -> HTMLPart:
        """What was missing or doubtful in the data (no names, no position, duplicates, far away, none in reach)."""
        lines = self.data_note_lines()
        title = t("fac_notes_title", self.lang)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        rules = fac.rules_table(self.lang)
        categories = (
            f'<details><summary>{html.escape(t("fac_categories_title", self.lang))}</summary>'
            f'<p>{html.escape(t("fac_categories_intro", self.lang))}</p>'
            f'{_table(rules, "", self.lang, t("fac_categories_title", self.lang))}</details>'
        )
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2><ul>{items}</ul>{categories}",
            title + "\n" + "\n".join(f"- {line}" for line in lines),
        )

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences of the facilities and the boundaries."""
        return self.sources_footer(self.provenances())
