"""The facilities page's tables and notes: distances, shares, what each village has, what exists once, data notes; exports."""

from __future__ import annotations

import html

import pandas as pd

from landsby_utils import facilities as fac
from landsby_utils import settings
from landsby_utils.facilities import CORE_CATEGORIES, CleaningReport
from landsby_utils.i18n import fmt_int, fmt_pct, t
from landsby_utils.parts import HTMLPart, scroll_box
from landsby_utils.presentation.facilities_format import (
    _BANDS,
    _NONE_COLOUR,
    _breakable,
    _fac,
    _join,
    _km_whole,
    _table,
    fmt_km,
)
from landsby_utils.sources import provenance_of


class FacilitiesTables:
    """Mixin of :class:`~landsby_utils.widgets.facilities.FacilitiesDashboard`: tables as shown and, from the same numbers, for CSV/Excel."""

    @property
    def cleaning(self) -> CleaningReport:
        """What cleaning did (counts shown in :meth:`data_notes`)."""
        return CleaningReport.of(self.facilities)

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

    def inventory_frame(self) -> pd.DataFrame:
        """Facilities per category (rows) in each village's parishes (columns), and in the cluster."""
        lang = self.lang
        table = fac.inventory_by_village(self.assigned, self.village_names, CORE_CATEGORIES)
        frame = table.reset_index(drop=True)
        frame.columns = list(table.columns)
        frame.insert(0, t("category", lang), [self._category(c) for c in table.index])
        frame[t("fac_in_cluster", lang)] = self.shared["count"].to_numpy()
        return frame

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

    def _distance_table_part(self) -> HTMLPart:
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

    def _data_notes_part(self) -> HTMLPart:
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
