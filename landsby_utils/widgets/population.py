"""The population dashboard (``notebooks/02_befolkning.ipynb``): who lives in the cluster and how that is changing.

The cluster's figures are the sum of its parishes (Statistics Denmark SOGN1 by
age and sex, or KM1 totals), read from the local cache only; with no parish
data (the bundled snapshot has none) the page says so plainly and shows the
municipality as background (FOLK1B), never zeros. Counts derived for villages,
parishes and the cluster go through :mod:`landsby_utils.privacy`.

Under Voilà/JupyterLab with parish data, a village picker narrows the key
figures, sentences and age table (HTML widgets, updated in place) and shows
charts for the chosen villages in an ``Output`` that is only filled from the
picker's callback, never at start-up.
"""

from __future__ import annotations

import html
import sys
import warnings
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import charts, narrative, privacy
from landsby_utils import population as pop
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError, LandsbyError
from landsby_utils.builders.population import ParishData, PopulationFrames, build_population_frames, parish_population  # noqa: F401
from landsby_utils.i18n import fmt_int, fmt_num, fmt_pct, t
from landsby_utils.sources import provenance_of
from landsby_utils.sources._provenance import format_date
from landsby_utils.widgets._base import Dashboard, HTMLPart, cards_html, error_box, guarded, notice, part, scroll_box


class _LivePart:
    """A widget shown in a cell, with a stable plain-text version (what nbval compares)."""

    def __init__(self, widget: Any, text: str, html_text: str = "") -> None:
        self.widget = widget
        self.text = text
        self.html = html_text

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = self.text
        if self.html:  # the same content as plain HTML: Voilà's "landsby" template shows it until the widget is drawn
            bundle["text/html"] = HTMLPart(self.html, self.text)._repr_html_()
        return bundle

    def __repr__(self) -> str:
        return self.text


def _table(frame: pd.DataFrame, numeric: set[str], caption: str = "", label: str = "") -> str:
    """An HTML table of already formatted text; ``numeric`` columns right-aligned and never broken inside a number.

    The alignment is inline because JupyterLab's rendered-HTML style right-aligns every cell.
    """
    def style(column: object) -> str:
        if column in numeric:
            return "text-align:right;white-space:pre-line;overflow-wrap:normal;word-break:keep-all;padding:.35rem .35rem"
        return "text-align:left;overflow-wrap:normal;word-break:normal;min-width:6.5em;padding:.35rem .35rem"

    head = "".join(f'<th scope="col" class="{"num" if c in numeric else ""}" style="{style(c)}">{html.escape(str(c))}</th>'
                   for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = "".join(
            f'<td class="{"num" if c in numeric else ""}" style="{style(c)}">{html.escape("" if pd.isna(v) else str(v))}</td>'
            for c, v in zip(frame.columns, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    # A named region the keyboard can reach and scroll (the table may be wider than a phone).
    return scroll_box(f'<table>{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>', label or caption)


class PopulationDashboard(Dashboard):
    """Headline numbers, trends, age structure, projection and sentences for a cluster's population."""

    section = "befolkning"

    def __init__(self, cluster: Any, lang: str = "da", error: BaseException | None = None) -> None:
        super().__init__(cluster, lang, error)
        self._selected: list[str] | None = None
        self._widgets: dict[str, Any] = {}
        self._output: Any = None
        self._buttons: dict[str, Any] = {}

    @property
    def selected(self) -> list[str]:
        """The chosen villages (default: every village with parish figures)."""
        return self.villages_with_data() if self._selected is None else self._selected

    @selected.setter
    def selected(self, names: list[str]) -> None:
        self._selected = list(names)

    def _all_chosen(self) -> bool:
        return self.selected == self.villages_with_data()

    # -- data (prepared ahead: :func:`~landsby_utils.builders.population.build_population_frames`) ----------
    @staticmethod
    def build_frames(cluster: Any) -> PopulationFrames:
        """This page's frames (see :mod:`landsby_utils.frames`)."""
        return build_population_frames(cluster)

    @cached_property
    def data(self) -> PopulationFrames:
        """The page's numbers (given by :meth:`load` when prepared ahead, else built here)."""
        return build_population_frames(self.cluster)

    @property
    def context(self) -> pd.DataFrame:
        """Municipality, region and Denmark on 1 January of each year."""
        return self.data.context

    @property
    def municipality(self) -> pd.DataFrame:
        """The municipality's rows of :attr:`context`."""
        return self.data.municipality

    @property
    def region(self) -> pd.DataFrame:
        """The region's rows of :attr:`context`."""
        return self.data.region

    @property
    def parishes(self) -> ParishData:
        """The cluster's parish population (cache or snapshot), or why there is none."""
        return self.data.parishes

    @property
    def areas(self) -> pd.DataFrame:
        """Municipality, region and Denmark on 1 January 2014 (by single-year age) and 2021."""
        return self.data.areas

    @property
    def backtest(self) -> dict[str, Any]:
        """The projection's back-test figures."""
        return self.data.backtest

    @property
    def village_table(self) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """Each village, the cluster, the municipality and Denmark as numbers, with the hidden mask."""
        return self.data.village_table

    @property
    def village_ages(self) -> pd.DataFrame | None:
        """Persons per village and datapakke age group in the latest year with single-year ages (numbers)."""
        return self.data.village_ages

    def village_figures(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:attr:`village_table` (numbers) and the mask of cells hidden to protect small counts.

        Raises
        ------
        DataUnavailableError
            When there are no parish figures.
        """
        if self.village_table is None:
            raise DataUnavailableError("no parish figures", t("pop_gap", "da", slug=self.cluster.slug,
                                                              municipality=self.cluster.municipality_name))
        return self.village_table

    @property
    def has_parish_data(self) -> bool:
        """True when parish figures are available for at least one village."""
        return self.parishes.frame is not None and bool(self.villages_with_data())

    @property
    def interactive(self) -> bool:
        """True when the picker works: live page and parish data."""
        return not self.static and self.has_parish_data

    def villages_with_data(self) -> list[str]:
        """Names of the villages all of whose parishes have figures."""
        return self.data.villages_with_data

    def villages_without_data(self) -> list[str]:
        """Names of the villages with no (complete) parish figures."""
        have = set(self.villages_with_data())
        return [v.name for v in self.cluster.villages if v.name not in have]

    def selection_frame(self, names: list[str] | None = None) -> pd.DataFrame:
        """The summed population of the chosen villages' parishes (tidy, ``level == "cluster"``).

        Parameters
        ----------
        names : list of str, optional
            Village names (default: the current selection).

        Returns
        -------
        pandas.DataFrame
            Tidy rows with provenance.

        Raises
        ------
        InvalidArgumentError
            If nothing is chosen, a name is not a village of the cluster, or a chosen village has no data.
        """
        names = self.selected if names is None else list(names)
        if not names:
            raise InvalidArgumentError("no village chosen", t("pop_empty_selection", "da"))
        known = {v.name: v for v in self.cluster.villages}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise InvalidArgumentError(f"not villages of {self.cluster.slug}: {unknown}",
                                       f"{', '.join(unknown)} hører ikke til klyngen {self.cluster.name}")
        without = [n for n in names if n not in self.villages_with_data()]
        if without:
            raise InvalidArgumentError(f"no population data for {without}",
                                       t("pop_no_data_villages", "da", villages=", ".join(without)))
        codes = list(dict.fromkeys(c for n in names for c in known[n].parishes))
        name = self.cluster.name if names == self.villages_with_data() else ", ".join(names)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # years lacking a parish are dropped; the notice says which parishes lack data
            return pop.cluster_population(self.parishes.frame, codes, code=self.cluster.slug, name=name)

    def _subject(self) -> tuple[pd.DataFrame, str, bool]:
        """(frame, how it is named in sentences, protected) for totals: the selection, else the municipality."""
        if self.has_parish_data:
            frame = self.selection_frame()
            label = t("pop_the_cluster", self.lang, name=self.cluster.name) if self._all_chosen() else ", ".join(self.selected)
            return frame, label, True
        return self.municipality, self._municipality_label(), False

    def _age_subject(self) -> tuple[pd.DataFrame, str, bool]:
        """Like :meth:`_subject` but for age-based figures (needs SOGN1)."""
        if self.has_parish_data and self.parishes.has_ages:
            return self._subject()
        return self.municipality, self._municipality_label(), False

    def _municipality_label(self) -> str:
        name = self.cluster.municipality_name
        return t("pop_municipality_name", self.lang, name=name)

    def _caption(self, *frames: pd.DataFrame) -> str:
        seen = []
        for frame in frames:
            line = provenance_of(frame).describe(self.lang)
            if line not in seen:
                seen.append(line)
        text = " ".join(seen)
        if any(frame["level"].iloc[0] == "cluster" for frame in frames if "level" in frame and len(frame)):
            text += " " + t("pop_derived_note", self.lang)
        return text

    # -- computations shared by parts and the picker ---------------------------------------------------
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

    def age_table_frame(self) -> tuple[pd.DataFrame, list[str], str, str, pd.DataFrame] | None:
        """The age-group table as shown (text, small counts suppressed), its notes, title, caption, and the same
        table as numbers for CSV/Excel (hidden cells as "<5" or "×", nothing parsed back from display text)."""
        lang = self.lang
        frame, label, protected = self._age_subject()
        changes = self._age_changes(frame)
        if changes is None:
            return self._age_structure_frame(frame, label, protected)
        start, end = changes.attrs["start_year"], changes.attrs["end_year"]
        group_col, total = t("pop_col_group", lang), t("pop_total", lang)
        labels = [pop.group_by_key(g).label(lang) for g in changes["group"]]
        counts = pd.DataFrame({str(start): changes["start"].tolist(), str(end): changes["end"].tolist()}, index=labels)
        if protected:
            table = privacy.suppress_table(counts, row_total=False, column_total=True, total_label=total)
            shown, hidden = table.display(lang), table.hidden
            values = table.values
        else:
            values = pd.concat([counts, counts.sum().to_frame(total).T]).astype("Int64")
            shown = values.apply(lambda col: col.map(lambda v: fmt_int(int(v), lang)))
            hidden = values.isna()
        change, pct = [], []
        for i in range(len(values)):
            if hidden.iat[i, 0] or hidden.iat[i, 1]:
                change.append("–")
                pct.append("–")
                continue
            a, b = int(values.iat[i, 0]), int(values.iat[i, 1])
            change.append(("+" if b - a > 0 else "") + fmt_int(b - a, lang))
            pct.append(fmt_pct((b - a) / a * 100, 1, lang, signed=True).replace(" ", "\u00a0") if a else "–")
        display_frame = pd.DataFrame({
            group_col: [pop.group_by_key(g).label(lang) for g in changes["group"]] + [total],
            str(start): shown.iloc[:, 0].tolist(), str(end): shown.iloc[:, 1].tolist(),
            t("pop_col_change", lang): change, "%": pct,
        })
        exported = privacy.export_cells(values, hidden, shown)
        numbers = [(int(values.iat[i, 1]) - int(values.iat[i, 0]), int(values.iat[i, 0]))
                   if not (hidden.iat[i, 0] or hidden.iat[i, 1]) else (None, None) for i in range(len(values))]
        export = pd.DataFrame({
            "aldersgruppe": display_frame[group_col], str(start): exported.iloc[:, 0].tolist(), str(end): exported.iloc[:, 1].tolist(),
            "ændring": [d for d, _ in numbers],
            "ændring_pct": [round(d / a * 100, 2) if d is not None and a else None for d, a in numbers],
        })
        caption = f"{label}. {self._caption(frame)}"
        notes = []
        if not bool(changes["exact"].iloc[0]):
            notes.append(t("pop_bands_note", lang))
        if protected and table.any_hidden:
            notes.append(t("pop_suppressed_note", lang))
        return display_frame, notes, f"{t('pop_age_table_title', lang, start=start, end=end)} ({label})", caption, export

    def _age_structure_frame(self, frame: pd.DataFrame, label: str, protected: bool) -> tuple[pd.DataFrame, list[str], str, str, pd.DataFrame] | None:
        """The age groups in the one year with ages (the bundled parish figures: 2014), against the municipality."""
        lang = self.lang
        years = pop.age_years(frame)
        if not years or not pop.has_single_years(frame):
            return None
        year = years[-1]
        groups = pop.age_groups(frame, "exact")
        groups = groups[groups["year"] == year]
        labels = [pop.group_by_key(g).label(lang) for g in groups["group"]]
        total_label = t("pop_total", lang)
        counts = pd.DataFrame({"persons": groups["persons"].tolist()}, index=labels)
        if protected:
            table = privacy.suppress_table(counts, row_total=False, column_total=True, total_label=total_label)
            values, hidden, shown = table.values["persons"], table.hidden["persons"], table.display(lang)["persons"]
        else:
            values = pd.concat([counts, counts.sum().to_frame(total_label).T])["persons"].astype("Int64")
            hidden = values.isna()
            shown = values.map(lambda v: fmt_int(int(v), lang))
        total = float(values.iloc[-1]) if not hidden.iloc[-1] else float("nan")
        share = ["–" if hidden.iloc[i] or not total else fmt_pct(float(values.iloc[i]) / total * 100, 0, lang)
                 for i in range(len(values))]
        compare_name = self._municipality_label() if protected else t("pop_country_name", lang)
        compare_cells = ["–"] * len(values)
        if year in pop.age_years(self.areas):
            level = "municipality" if protected else "country"
            theirs = pop.age_groups(self.areas[self.areas["level"] == level], "exact")
            theirs = theirs[theirs["year"] == year]
            whole = float(theirs["persons"].sum())
            compare_cells = [fmt_pct(float(v) / whole * 100, 0, lang) for v in theirs["persons"]] + [fmt_pct(100, 0, lang)]
        display_frame = pd.DataFrame({
            t("pop_col_group", lang): [*labels, total_label],
            t("pop_col_persons_year", lang, year=year): shown.tolist(),
            t("pop_col_share", lang, year=year): share,
            t("pop_col_share_of", lang, area=compare_name, year=year): compare_cells,
        })
        notes = [t("pop_ages_year_only", lang, year=year, slug=self.cluster.slug)] if protected and len(pop.years_in(frame)) > 1 else []
        if protected and hidden.any():
            notes.append(t("pop_suppressed_note", lang))
        caption = f"{label}. {self._caption(frame, self.areas)}"
        exported = privacy.export_cells(values.to_frame(), hidden.to_frame(), shown.to_frame()).iloc[:, 0]
        export = pd.DataFrame({
            "aldersgruppe": [*labels, total_label], f"personer_{year}": exported.tolist(),
            f"andel_{year}_pct": [None if hidden.iloc[i] or not total else round(float(values.iloc[i]) / total * 100, 2)
                                  for i in range(len(values))],
        })
        return display_frame, notes, f"{t('pop_age_structure_title', lang, year=year)} ({label})", caption, export

    def _age_table_html(self) -> tuple[str, str]:
        built = self.age_table_frame()
        if built is None:
            return "", ""
        display_frame, notes, title, caption, _ = built
        if "%" not in display_frame.columns:  # the one-year age structure
            numeric = set(display_frame.columns[1:])
            body = f"<h2>{html.escape(title)}</h2>" + _table(display_frame, numeric, caption, title)
            body += "".join(f'<p class="lb-caption">{html.escape(n)}</p>' for n in notes)
            return body, f"{title}\n{display_frame.to_string(index=False)}" + "".join(f"\n{n}" for n in notes)
        # On a phone the change and its per cent share one cell, one above the other.
        change_col = display_frame.columns[3]
        shown = display_frame.iloc[:, :3].copy()
        shown[change_col] = [f"{a}\n{b.replace(' ', chr(160))}" if b != "–" else a
                             for a, b in zip(display_frame[change_col], display_frame["%"], strict=True)]
        numeric = set(shown.columns[1:])
        body = f"<h2>{html.escape(title)}</h2>" + _table(shown, numeric, caption, title)
        body += "".join(f'<p class="lb-caption">{html.escape(n)}</p>' for n in notes)
        return body, f"{title}\n{display_frame.to_string(index=False)}" + "".join(f"\n{n}" for n in notes)

    # -- what the static datapakke exports -------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """Tables behind the page for CSV/Excel download (small derived counts shown as "<5")."""
        out: dict[str, pd.DataFrame] = {}
        if self.error is not None:
            return out
        frame, _, protected = self._subject()
        yearly = pop.totals(frame)
        persons = [privacy.small_mark() if protected and privacy.is_small(v) else int(v) for v in yearly["persons"]]
        out["befolkning_pr_aar"] = pd.DataFrame({"område": yearly["area_name"], "år": yearly["year"], "indbyggere": persons})
        context = pop.totals(self.context)
        out["befolkning_kommune_region_land"] = context.rename(columns={"area_name": "område", "year": "år", "persons": "indbyggere"})[
            ["område", "år", "indbyggere"]]
        if self.village_table is not None:
            out["landsbyer"] = self._village_export()
        if self.village_ages is not None:
            out["landsbyer_aldersgrupper"] = self._village_ages_export()
        built = self.age_table_frame()
        if built is not None:
            out["aldersgrupper"] = built[4]
        projection = self._projection()
        if projection is not None:
            variants = projection[0].assign(persons=lambda f: f["persons"].map(narrative.round_people))
            out["fremskrivning"] = variants.rename(columns={"variant": "variant", "year": "år", "persons": "indbyggere (afrundet)"})
        return out

    def _village_export(self) -> pd.DataFrame:
        """The village table for CSV/Excel: numbers from :attr:`village_table`, hidden cells as "<5" or empty."""
        table, hidden = self.village_figures()
        start, end, year = table.attrs["start_year"], table.attrs["end_year"], table.attrs["share_year"]
        out = pd.DataFrame({"område": [self._row_name(row) for _, row in table.iterrows()], "type": table["kind"],
                            "sognekoder": table["parishes"]})
        for column, name in (("start", f"indbyggere_{start}"), ("end", f"indbyggere_{end}"), ("change", "ændring")):
            out[name] = [privacy.small_mark() if h else (None if pd.isna(v) else int(v))
                         for v, h in zip(table[column], hidden[column], strict=True)]
        columns = [("change_pct", "ændring_pct")]
        if year:
            columns += [("children_pct", f"andel_0_15_pct_{year}"), ("elderly_pct", f"andel_65plus_pct_{year}")]
        for column, name in columns:
            out[name] = [None if h or pd.isna(v) else round(float(v), 2) for v, h in zip(table[column], hidden[column], strict=True)]
        return out

    def provenances(self) -> list:
        """Provenance of every source on the page."""
        found = [provenance_of(self.context), provenance_of(self.areas)] if self.error is None else []
        if self.error is None and self.parishes.frame is not None:
            found.insert(0, provenance_of(self.parishes.frame))
        return found

    def _projection(self) -> tuple[pd.DataFrame, pd.DataFrame, int, str, list[str]] | None:
        """(variants, band, base year, area label, variant names) or None when the data do not allow it."""
        lang = self.lang
        label = self._municipality_label()
        names = [t("pop_variant_own", lang, area=label), t("pop_variant_other", lang, area=str(self.region["area_name"].iloc[0]))]
        raw = self.data.projection
        if raw is None:
            return None
        variants, band = raw
        named = variants.assign(variant=variants["variant"].map({"own": names[0], "other": names[1]}))
        named.attrs = variants.attrs
        jump_off = int(variants.attrs["jump_off"])
        return named, band, jump_off - 5, label, names

    def method_notes(self) -> list[str]:
        """The projection's method, its back-test on real parish figures, and why it is shown for the municipality only."""
        lang = self.lang
        projection = self._projection()
        if projection is None:
            return []
        _, _, base_year, _, names = projection
        sources = f" {t('join_and', lang)} ".join(names)
        notes = [t("pop_method", lang, base=base_year, jump_off=base_year + 5, sources=sources)]
        figures = self.backtest
        if figures:
            notes.append(t("pop_backtest", lang, **{k: (fmt_num(v, 1, lang) if isinstance(v, float) else fmt_int(v, lang))
                                                   for k, v in figures.items()}))
        if self.has_parish_data:
            notes.append(t("pop_projection_scope", lang, municipality=self.cluster.municipality_name,
                           reason=t("pop_backtest_reason", lang)))
        return notes

    # -- parts ---------------------------------------------------------------------------------------
    @part
    def data_notice(self) -> HTMLPart:
        """What the figures cover: the honest gap notice, or which parishes are summed."""
        lang = self.lang
        data = self.parishes
        if not self.has_parish_data:
            text = t("pop_gap", lang, slug=self.cluster.slug, municipality=self.cluster.municipality_name)
            return notice(text)
        names = dict(zip(self.cluster.parishes["parish_code"], self.cluster.parishes["name"], strict=True))
        have = [c for c in self.cluster.parish_codes if c not in data.missing]
        lines = [t("pop_basis", lang, parishes=", ".join(f"{names.get(c, c)} ({c})" for c in have))]
        if data.missing:
            lines.append(t("pop_missing_parishes", lang, codes=", ".join(data.missing),
                           villages=", ".join(self.villages_without_data()) or "–"))
        if not data.has_ages:
            lines.append(t("pop_ages_missing", lang, municipality=self.cluster.municipality_name, slug=self.cluster.slug))
        merged = data.frame.attrs.get("like_for_like", {})
        if merged:
            text = "; ".join(f"{names.get(c, c)} ({c}) = " + " + ".join(ps) for c, ps in merged.items())
            lines.append(t("pop_like_for_like", lang, merged=text, start=min(pop.years_in(data.frame))))
        if data.frame.attrs.get("not_comparable"):
            lines.append(t("pop_not_comparable", lang, codes=", ".join(data.frame.attrs["not_comparable"])))
        return HTMLPart("".join(f'<p class="lb-caption">{html.escape(line)}</p>' for line in lines), "\n".join(lines))

    @part
    def picker(self) -> Any:
        """The village picker (touch-sized toggle buttons); disabled with a note when there are no parish data."""
        lang = self.lang
        if self.static:
            return HTMLPart(f'<p class="lb-caption">{html.escape(t("pop_picker_static", lang))}</p>', t("pop_picker_static", lang))
        import ipywidgets as widgets

        have = set(self.villages_with_data())
        buttons = []
        for village in self.cluster.villages:
            button = widgets.ToggleButton(
                value=village.name in have, description=village.name, disabled=village.name not in have,
                tooltip=village.name if village.name in have else t("pop_no_data_villages", lang, villages=village.name),
                layout=widgets.Layout(width="auto", min_height="44px", margin="2px"),
            )
            button.add_class("lb-village-toggle")
            button.observe(self._on_toggle, names="value")
            self._buttons[village.name] = button
            buttons.append(button)
        if self.has_parish_data:
            note_text = t("pop_picker_help", lang)
            if self.villages_without_data():
                note_text += " " + t("pop_no_data_villages", lang, villages=", ".join(self.villages_without_data()))
            note_html = f'<p class="lb-caption">{html.escape(note_text)}</p>'
        else:
            note_text = t("pop_picker_disabled", lang, slug=self.cluster.slug)
            note_html = f'<p class="lb-notice" role="note">{html.escape(note_text)}</p>'
        title = widgets.HTML(f'<div class="landsby"><h2>{html.escape(t("pop_picker_title", lang))}</h2>{note_html}</div>')
        row = widgets.Box(buttons, layout=widgets.Layout(display="flex", flex_flow="row wrap"))
        self._output = widgets.Output(layout=widgets.Layout(width="100%"))
        box = widgets.VBox([title, row, self._output], layout=widgets.Layout(width="100%", max_width="1100px", margin="0 auto"))
        box.add_class("lb-interactive")
        box.add_class("lb-picker")
        state = "disabled" if not self.has_parish_data else "enabled"
        return _LivePart(box, f"{t('pop_picker_title', lang)} ({state}): {note_text}")

    def _live(self, key: str, body: str, text: str) -> Any:
        if not self.interactive:
            return HTMLPart(body, text)
        import ipywidgets as widgets

        widget = widgets.HTML(f'<div class="landsby">{body}</div>', layout=widgets.Layout(width="100%"))
        self._widgets[key] = widget
        return _LivePart(widget, text, body)

    @part
    def headline(self) -> Any:
        """Key figures: inhabitants, change over 10, 5 and 1 years, old-age dependency."""
        return self._live("headline", *self._headline_html())

    @part
    def narrative(self) -> Any:
        """Short sentences that read the figures for a villager."""
        return self._live("narrative", *self._narrative_html())

    @part
    def age_table(self) -> Any:
        """Age groups in two years with the change."""
        return self._live("age_table", *self._age_table_html())

    def _line_figure(self, frame: pd.DataFrame, label: str) -> Any:
        lang = self.lang
        totals = pop.totals(frame)
        first, last = totals.iloc[0], totals.iloc[-1]
        fig = charts.population_line(totals, lang)
        alt = t("pop_line_alt", lang, label=label, start=int(first["year"]), first=fmt_int(first["persons"], lang),
                end=int(last["year"]), last=fmt_int(last["persons"], lang))
        if frame["level"].iloc[0] == "cluster" and (privacy.is_small(first["persons"]) or privacy.is_small(last["persons"])):
            raise InvalidArgumentError("selection has fewer than 5 inhabitants; not shown",
                                       "De valgte landsbyer har færre end 5 indbyggere, så tallene vises ikke")
        return charts.show_figure(fig, self._caption(frame), alt, f"{t('pop_line_title', lang)}: {label}")

    @part
    def population_chart(self) -> Any:
        """Line chart of the population on 1 January of each year."""
        frame, label, _ = self._subject()
        return self._line_figure(frame, label)

    @part
    def index_chart(self) -> Any:
        """The cluster (or municipality) as an index against municipality, region and Denmark."""
        lang = self.lang
        frame, label, protected = self._subject()
        parts = ([frame] if protected else []) + [self.context]
        combined = pd.concat([p[list(pop.TIDY_COLUMNS)] for p in parts], ignore_index=True)
        combined.attrs = frame.attrs
        index = pop.index_series(combined)
        base, end = int(index["year"].min()), int(index["year"].max())
        last = index[index["year"] == end]
        names = [charts.area_label(last.iloc[[i]], lang) for i in range(len(last))]
        describe = "; ".join(f"{name} {fmt_num(float(r.index), 1, lang)}" for name, r in zip(names, last.itertuples(), strict=True))
        alt = t("pop_index_alt", lang, base=base, names=", ".join(names), end=end, describe=describe)
        caption = self._caption(*parts)
        return charts.show_figure(charts.index_chart(index, lang), caption, alt, f"{t('pop_index_title', lang)} ({base} = 100)")

    def _pyramid(self, frame: pd.DataFrame, protected: bool, year: int) -> pd.DataFrame:
        pyramid = pop.age_pyramid(frame, year)
        if not protected:
            return pyramid
        counts = pyramid.set_index("age")[["men", "women"]]
        table = privacy.suppress_table(counts, total_label="__total__")
        masked = table.masked().drop(index="__total__")
        total = float(table.values.loc["__total__", "__total__"])
        result = pyramid.copy()
        result["men"], result["women"] = masked["men"].to_numpy(), masked["women"].to_numpy()
        result["men_pct"] = result["men"].astype("Float64") / total * 100
        result["women_pct"] = result["women"].astype("Float64") / total * 100
        return result

    def _pyramid_figure(self, frame: pd.DataFrame, label: str, protected: bool) -> Any:
        lang = self.lang
        compare = self.municipality if protected else self.context[self.context["level"] == "country"]
        compare_years = set(pop.age_years(compare))
        year = max(y for y in pop.age_years(frame) if y in compare_years)
        mine = self._pyramid(frame, protected, year)
        theirs = pop.age_pyramid(compare, year)
        other = charts.area_label(theirs, lang)
        alt = t("pop_pyramid_alt", lang, label=label, year=year, other=other)
        caption = self._caption(frame, compare)
        if protected and mine[["men", "women"]].isna().to_numpy().any():
            caption += " " + t("pop_suppressed_note", lang)
        title = f"{t('pop_pyramid_title', lang, year=year)}: {label} {t('join_and', lang)} {other}"
        return charts.show_figure(charts.age_pyramid_chart(mine, theirs, lang), caption, alt, title)

    @part
    def pyramid_chart(self) -> Any:
        """Age pyramids: the cluster against its municipality (or the municipality against Denmark)."""
        frame, label, protected = self._age_subject()
        return self._pyramid_figure(frame, label, protected)

    @part
    def projection_chart(self) -> Any:
        """The municipality's 10-year Hamilton–Perry projection range, with the method, its back-test and scope."""
        lang = self.lang
        projection = self._projection()
        if projection is None:
            return notice(t("pop_method", lang, base="–", jump_off="–", sources="–"))
        variants, band, base_year, label, names = projection
        observed = pop.totals(self.municipality)
        fig = charts.projection_chart(observed, variants, band, lang)
        end = int(band["year"].max())
        alt = narrative.projection_sentence(band, label, base_year, lang)
        notes = self.method_notes()
        figure = charts.show_figure(fig, self._caption(self.context), alt, f"{t('pop_projection_title', lang, year=end)}: {label}")
        if isinstance(figure, charts.FigurePart):
            figure.notes = notes
            return figure
        extra = "".join(f'<p class="lb-caption">{html.escape(n)}</p>' for n in notes)
        return HTMLPart(figure.html + extra, figure.text + "\n" + "\n".join(notes))

    def _row_name(self, row: pd.Series) -> str:
        """A village table row's name in the page's language (the prepared table is language-independent)."""
        if row["kind"] == "municipality":
            return self._municipality_label()
        if row["kind"] == "country":
            return t("pop_country_name", self.lang)
        return str(row["name"])

    def village_display(self) -> tuple[pd.DataFrame, list[str]]:
        """The village table as shown: formatted text, hidden cells marked, with its notes."""
        lang = self.lang
        table, hidden = self.village_figures()
        start, end, share_year = table.attrs["start_year"], table.attrs["end_year"], table.attrs["share_year"]
        names = dict(zip(self.cluster.parishes["parish_code"], self.cluster.parishes["name"], strict=False))

        def count(value: Any, hide: bool) -> str:
            return privacy.small_mark() if hide else ("–" if pd.isna(value) else fmt_int(int(value), lang))

        def pct(value: Any, hide: bool, signed: bool = False) -> str:
            return "–" if hide or pd.isna(value) else fmt_pct(float(value), 1 if signed else 0, lang, signed=signed)

        columns = {
            t("village", lang): [], t("parishes", lang): [],
            t("pop_col_inhabitants", lang, year=start): [], t("pop_col_inhabitants", lang, year=end): [],
            t("pop_col_change", lang): [], t("pop_col_change_pct", lang): [],
        }
        if share_year:
            columns[t("pop_col_children", lang, year=share_year)] = []
            columns[t("pop_col_elderly", lang, year=share_year)] = []
        keys = list(columns)
        for i, row in table.iterrows():
            mask = hidden.loc[i]
            codes = [c for c in row["parishes"].split(", ") if c]
            parish_text = ", ".join(f"{names.get(c, c)} ({c})" for c in codes) if row["kind"] == "village" else \
                (t("pop_parish_count", lang, n=len(codes)) if codes else "")
            values = [self._row_name(row), parish_text,
                      count(row["start"], mask["start"]), count(row["end"], mask["end"]),
                      privacy.small_mark() if mask["change"] else "–" if pd.isna(row["change"]) else
                      (("+" if row["change"] > 0 else "") + fmt_int(int(row["change"]), lang)),
                      pct(row["change_pct"], mask["change_pct"], signed=True)]
            if share_year:
                values += [pct(row["children_pct"], mask["children_pct"]), pct(row["elderly_pct"], mask["elderly_pct"])]
            for key, value in zip(keys, values, strict=True):
                columns[key].append(value)
        notes = []
        if hidden.to_numpy().any():
            notes.append(t("pop_suppressed_note", lang))
        merged = self.parishes.frame.attrs.get("like_for_like", {})
        if merged:
            text = "; ".join(f"{names.get(c, c)} ({c}) = " + " + ".join(ps) for c, ps in merged.items())
            notes.append(t("pop_like_for_like", lang, merged=text, start=start))
        if self.parishes.frame.attrs.get("not_comparable"):
            notes.append(t("pop_not_comparable", lang, codes=", ".join(self.parishes.frame.attrs["not_comparable"])))
        return pd.DataFrame(columns), notes

    def _village_ages_suppressed(self) -> privacy.SuppressedTable:
        return privacy.suppress_table(self.village_ages.astype("Int64"), row_total=True, column_total=False,
                                      total_label=t("pop_total", self.lang))

    def village_ages_frame(self) -> tuple[pd.DataFrame, bool]:
        """The village × age group table as shown (counts of 1–4 as "<5", with secondary suppression), and whether any is hidden."""
        lang = self.lang
        labels = {g.key: g.label(lang) for g in pop.AGE_GROUPS}
        table = self._village_ages_suppressed()
        shown = table.display(lang).rename(columns=labels)
        shown.insert(0, t("village", lang), shown.index)
        return shown.reset_index(drop=True), table.any_hidden

    def _village_ages_export(self) -> pd.DataFrame:
        """The village × age group table for CSV/Excel: numbers, hidden cells as their marks."""
        table = self._village_ages_suppressed()
        out = privacy.export_cells(table.values, table.hidden, table.display(self.lang))
        out.columns = [str(c) for c in out.columns]
        out.insert(0, "landsby", out.index)
        return out.reset_index(drop=True)

    @part
    def village_ages_table(self) -> HTMLPart:
        """Each village's inhabitants by age group (the one year with ages), small counts suppressed."""
        lang = self.lang
        if self.village_ages is None:
            return HTMLPart("", "")
        shown, hidden = self.village_ages_frame()
        year = self.village_ages.attrs["year"]
        title = t("pop_village_ages_title", lang, year=year)
        caption = self._caption(self.parishes.frame)
        note = t("pop_suppressed_note", lang) if hidden else ""
        body = f"<h2>{html.escape(title)}</h2>" + _table(shown, set(shown.columns[1:]), caption, title)
        body += f'<p class="lb-caption">{html.escape(note)}</p>' if note else ""
        return HTMLPart(body, f"{title}\n{shown.to_string(index=False)}" + (f"\n{note}" if note else ""))

    @part
    def villages_table(self) -> HTMLPart:
        """The cluster's villages with their parishes and population, the cluster, the municipality and Denmark."""
        lang = self.lang
        names = dict(zip(self.cluster.parishes["parish_code"], self.cluster.parishes["name"], strict=False))
        caption = self._caption(self.cluster.parishes) if "provenance" in self.cluster.parishes.attrs else ""
        if self.village_table is None:
            display_frame = pd.DataFrame({
                t("village", lang): [v.name for v in self.cluster.villages],
                t("parishes", lang): [", ".join(f"{names.get(c, c)} ({c})" for c in v.parishes) for v in self.cluster.villages],
            })
            body = f"<h2>{html.escape(t('pop_villages_title', lang))}</h2>" + _table(display_frame, set(), caption)
            return HTMLPart(body, display_frame.to_string(index=False))
        display_frame, notes = self.village_display()
        table = self.village_table[0]
        title = t("pop_villages_change_title", lang, start=table.attrs["start_year"], end=table.attrs["end_year"])
        caption = f"{self._caption(self.parishes.frame, self.context, self.areas)} {caption}".strip()
        numeric = set(display_frame.columns[2:])
        body = f"<h2>{html.escape(title)}</h2>" + _table(display_frame, numeric, caption, title)
        body += "".join(f'<p class="lb-caption">{html.escape(n)}</p>' for n in notes)
        return HTMLPart(body, f"{title}\n{display_frame.to_string(index=False)}" + "".join(f"\n{n}" for n in notes))

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences of the figures on the page."""
        provenances = [provenance_of(self.context), provenance_of(self.areas)]
        if self.parishes.frame is not None:
            provenances.insert(0, provenance_of(self.parishes.frame))
        return self.sources_footer(provenances, [t("pop_projection_own", self.lang)])

    # -- the picker's callback -----------------------------------------------------------------------
    def _on_toggle(self, change: dict[str, Any] | None = None) -> None:
        guarded(self.lang, self._show_failure, "village picker")(self.select)(
            [name for name, button in self._buttons.items() if button.value])

    def _show_failure(self, message: HTMLPart) -> None:
        """Show a failed update's message in the picker's output and the parts it updates."""
        for widget in self._widgets.values():
            widget.value = message._repr_html_()
        self._show(message)

    def select(self, names: list[str]) -> None:
        """Narrow the page to these villages: update the key figures, sentences, age table and the selection charts.

        Parameters
        ----------
        names : list of str
            Village names; an empty list shows a message instead of figures.
        """
        lang = self.lang
        self.selected = [v.name for v in self.cluster.villages if v.name in set(names)]
        if not self.selected:
            message = f'<div class="landsby"><p class="lb-notice" role="status">{html.escape(t("pop_empty_selection", lang))}</p></div>'
            for widget in self._widgets.values():
                widget.value = message
            self._show(notice(t("pop_empty_selection", lang)))
            return
        updates = {"headline": self._headline_html, "narrative": self._narrative_html, "age_table": self._age_table_html}
        for key, build in updates.items():
            if key in self._widgets:
                try:
                    body, _ = build()
                except LandsbyError as exc:
                    body = html.escape(exc.localized(lang))
                except Exception as exc:  # noqa: BLE001 (a reader must never see a traceback)
                    print(f"landsby: {key} failed for {self.selected}: {exc!r}", file=sys.stderr)
                    body = error_box(exc, lang).html
                self._widgets[key].value = f'<div class="landsby">{body}</div>'
        if self._output is None:
            return
        try:
            frame, label, _ = self._subject()
            parts = [HTMLPart(f"<h2>{html.escape(t('pop_selection_charts', lang))}</h2>", t("pop_selection_charts", lang)),
                     self._line_figure(frame, label)]
            if self.parishes.has_ages:
                parts.append(self._pyramid_figure(frame, label, True))
        except LandsbyError as exc:
            parts = [notice(exc.localized(lang))]
        except Exception as exc:  # noqa: BLE001 (a reader must never see a traceback)
            print(f"landsby: selection charts failed for {self.selected}: {exc!r}", file=sys.stderr)
            parts = [error_box(exc, lang)]
        self._show(*parts)

    def _show(self, *parts: Any) -> None:
        """Replace the picker's output with these parts in one update (works alike in Voilà, JupyterLab and tests)."""
        if self._output is None:
            return
        bundles = []
        for shown in parts:
            if isinstance(shown, charts.FigurePart):
                bundles.extend(shown.bundles())
            else:
                bundles.append({"text/html": shown._repr_html_(), "text/plain": repr(shown)})
        self._output.outputs = tuple({"output_type": "display_data", "data": b, "metadata": {}} for b in bundles)

