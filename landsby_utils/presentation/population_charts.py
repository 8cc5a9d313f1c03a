"""The population page's charts: population line, age pyramid, the municipality's projection with its method notes."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from landsby_utils import charts, narrative, privacy
from landsby_utils import population as pop
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.i18n import fmt_int, fmt_num, t
from landsby_utils.parts import HTMLPart, notice


class PopulationCharts:
    """Mixin of :class:`~landsby_utils.widgets.population.PopulationDashboard`: figures with captions and alternative texts."""

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

    def _index_figure(self) -> Any:
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

    def _projection_figure(self) -> Any:
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
