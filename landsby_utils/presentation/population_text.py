"""The population page's key figures and sentences, for the chosen villages (or the municipality)."""

from __future__ import annotations

import html
import warnings

import pandas as pd

from landsby_utils import narrative, privacy
from landsby_utils import population as pop
from landsby_utils.i18n import fmt_int, fmt_num, fmt_pct, t
from landsby_utils.parts import cards_html
from landsby_utils.sources import provenance_of
from landsby_utils.sources._provenance import format_date


class PopulationText:
    """Mixin of :class:`~landsby_utils.widgets.population.PopulationDashboard`: key-figure cards and the sentences that read them."""

    def key_figures(self) -> list[tuple[str, str, str]]:
        """The headline cards as (value, label, note)."""
        lang = self.lang
        frame, label, protected = self._subject()
        totals = pop.totals(frame)
        last = totals.iloc[-1]
        date = format_date(str(pd.Timestamp(last["date"]).date()), lang)
        area = (self.cluster.name if self._all_chosen() else ", ".join(self.selected)) \
            if protected else self._municipality_label()
        value = int(last["persons"])
        shown = privacy.small_mark() if protected and privacy.is_small(value) else fmt_int(value, lang)
        cards = [(shown, t("pop_inhabitants_in", lang, area=area, date=date), f"Danmarks Statistik, {provenance_of(frame).table}")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            changes = pop.population_change(frame, pop.horizons_for(frame))
        for row in changes.itertuples(index=False):
            small = protected and (privacy.is_small(row.start_persons) or privacy.is_small(row.end_persons))
            key = "pop_change_one_year" if row.horizon == 1 else "pop_change_years"
            cards.append((
                "–" if small else fmt_pct(row.change_pct, 1, lang, signed=True),
                t(key, lang, years=row.horizon, start=row.start_year, end=row.end_year),
                "" if small else f"{fmt_int(row.start_persons, lang)} → {fmt_int(row.end_persons, lang)}",
            ))
        age_frame, age_label, _ = self._age_subject()
        cards.extend(self._share_cards(age_frame, protected))
        ratio = pop.old_age_dependency(age_frame).dropna(subset=["ratio"])
        if not ratio.empty:
            row = ratio.iloc[-1]
            note = age_label if age_frame is not frame else ""
            cards.append((fmt_num(float(row["ratio"]), 0, lang), t("pop_dependency_card", lang, year=int(row["year"])), note))
        return cards

    def _share_cards(self, frame: pd.DataFrame, protected: bool) -> list[tuple[str, str, str]]:
        """Cards for the share of children (0–15) and of people aged 65+, with the municipality as the note."""
        if not pop.has_single_years(frame):
            return []
        mine = pop.age_shares(frame).iloc[0]
        year = int(mine["year"])
        theirs = pop.age_shares(self.areas, year) if year in pop.age_years(self.areas) else None
        cards = []
        for column, key in (("children", "pop_children_card"), ("elderly", "pop_elderly_card")):
            hidden = protected and privacy.is_small(mine[column])
            value = "–" if hidden or pd.isna(mine[f"{column}_pct"]) else fmt_pct(float(mine[f"{column}_pct"]), 0, self.lang)
            note = ""
            if protected and theirs is not None:
                row = theirs[theirs["level"] == "municipality"].iloc[0]
                note = t("pop_share_note", self.lang, area=self._municipality_label(), share=fmt_pct(float(row[f"{column}_pct"]), 0, self.lang))
            cards.append((value, t(key, self.lang, year=year), note))
        return cards

    def _headline_html(self) -> tuple[str, str]:
        cards = self.key_figures()
        title = t("key_figures", self.lang)
        text = "\n".join(f"{label}: {value}" for value, label, _ in cards)
        return f"<h2>{html.escape(title)}</h2>{cards_html(cards)}", f"{title}\n{text}"

    def sentences(self) -> list[str]:
        """The short sentences that read the figures."""
        lang = self.lang
        frame, label, protected = self._subject()
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            horizons = pop.horizons_for(frame, (10, 5))
            changes = pop.population_change(frame, horizons)
            compare = pop.population_change(self.municipality if protected else self.region, horizons)
        if protected:
            out.extend(self._village_sentences())
        if not changes.empty:
            row = changes.iloc[0]
            match = compare[compare["horizon"] == row["horizon"]]
            other = match.iloc[0] if not match.empty and int(match.iloc[0]["end_year"]) == int(row["end_year"]) else None
            other_name = self._municipality_label() if protected else str(self.region["area_name"].iloc[0])
            out.append(narrative.change_sentence(label, row, other, other_name if other is not None else "", lang))
        age_frame, age_label, age_protected = self._age_subject()
        groups = self._age_changes(age_frame)
        if groups is not None:
            out.extend(narrative.age_group_sentences(groups, age_label if not age_protected else "", lang))
        elif age_protected:
            out.extend(self._share_sentences(age_frame, age_label))
        ratios = pop.old_age_dependency(age_frame)
        ratios = ratios[ratios["year"] >= ratios["year"].max() - 10]
        dependency = narrative.dependency_sentence(ratios, age_label, lang)
        if dependency:
            out.append(dependency)
        projection = self._projection()
        if projection is not None:
            variants, band, base_year, area, _ = projection
            out.append(narrative.projection_sentence(band, area, base_year, lang))
        return out

    def _village_sentences(self) -> list[str]:
        """How the chosen villages changed, one against another (published or unsuppressed figures only)."""
        table, hidden = self.village_figures()
        villages = table[(table["kind"] == "village") & table["name"].isin(self.selected)]
        villages = villages[~hidden.loc[villages.index, "change_pct"] & villages["change_pct"].notna()]
        if len(villages) < 2:
            return []
        start, end = table.attrs["start_year"], table.attrs["end_year"]
        return [narrative.village_change_sentence(villages, start, end, self.lang)]

    def _share_sentences(self, frame: pd.DataFrame, label: str) -> list[str]:
        """Children and people aged 65+ in the selection against the municipality, and the village with most children."""
        if not pop.has_single_years(frame):
            return []
        mine = pop.age_shares(frame).iloc[0]
        year = int(mine["year"])
        if year not in pop.age_years(self.areas) or privacy.is_small(mine["children"]) or privacy.is_small(mine["elderly"]):
            return []
        theirs = pop.age_shares(self.areas, year)
        municipality = theirs[theirs["level"] == "municipality"].iloc[0]
        table, hidden = self.village_figures()
        villages = table[(table["kind"] == "village") & table["name"].isin(self.selected)]
        villages = villages[~hidden.loc[villages.index, "children_pct"] & villages["children_pct"].notna()]
        return [narrative.share_sentence(label, mine, self._municipality_label(), municipality, villages, year, self.lang)]

    def _narrative_html(self) -> tuple[str, str]:
        lines = self.sentences()
        title = t("pop_narrative_title", self.lang)
        items = "".join(f"<li>{html.escape(s)}</li>" for s in lines)
        return f"<h2>{html.escape(title)}</h2><ul class=\"lb-narrative\">{items}</ul>", title + "\n" + "\n".join(f"- {s}" for s in lines)

    def _age_changes(self, frame: pd.DataFrame) -> pd.DataFrame | None:
        years = pop.age_years(frame)
        end = years[-1]
        start = end - 5 if end - 5 in years else years[0]
        if start == end:
            return None
        return pop.age_group_change(frame, start, end)
