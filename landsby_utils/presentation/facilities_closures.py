"""The facilities page's closure scenarios: what happens to the distances when facilities close."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from landsby_utils import facilities as fac
from landsby_utils import settings
from landsby_utils.builders.facilities import closure
from landsby_utils.facilities import CORE_CATEGORIES
from landsby_utils.i18n import t
from landsby_utils.parts import HTMLPart
from landsby_utils.presentation.facilities_format import (
    _closure_table,
    _join,
    _km_whole,
    fmt_km,
)


class FacilitiesClosures:
    """Mixin of :class:`~landsby_utils.widgets.facilities.FacilitiesDashboard`: closure tables, summaries and the facilities a reader can close."""

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

    def _closure_example_part(self) -> HTMLPart:
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
