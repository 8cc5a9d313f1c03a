"""The population page's tables: age groups, villages, villages by age group, shown (text) and exported (numbers)."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from landsby_utils import narrative, privacy
from landsby_utils import population as pop
from landsby_utils.i18n import fmt_int, fmt_pct, t
from landsby_utils.parts import scroll_box


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


class PopulationTables:
    """Mixin of :class:`~landsby_utils.widgets.population.PopulationDashboard`: tables as shown and, from the same numbers, for CSV/Excel."""

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

    def village_ages_frame(self) -> tuple[pd.DataFrame, bool]:
        """The village × age group table as shown (counts of 1–4 as "<5", with secondary suppression), and whether any is hidden."""
        lang = self.lang
        labels = {g.key: g.label(lang) for g in pop.AGE_GROUPS}
        table = self._village_ages_suppressed()
        shown = table.display(lang).rename(columns=labels)
        shown.insert(0, t("village", lang), shown.index)
        return shown.reset_index(drop=True), table.any_hidden

    def _village_ages_suppressed(self) -> privacy.SuppressedTable:
        return privacy.suppress_table(self.village_ages.astype("Int64"), row_total=True, column_total=False,
                                      total_label=t("pop_total", self.lang))

    def _village_ages_export(self) -> pd.DataFrame:
        """The village × age group table for CSV/Excel: numbers, hidden cells as their marks."""
        table = self._village_ages_suppressed()
        out = privacy.export_cells(table.values, table.hidden, table.display(self.lang))
        out.columns = [str(c) for c in out.columns]
        out.insert(0, "landsby", out.index)
        return out.reset_index(drop=True)
