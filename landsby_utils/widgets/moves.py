"""The "Hvem flytter" dashboard (``notebooks/06_flytninger.ipynb``): births, deaths and moves of the cluster's municipality.

A thin controller: the numbers come from :func:`landsby_utils.moves_frames.build_moves_frames`
(prepared per cluster), the charts and the map from :mod:`landsby_utils.moves_view`. Every
figure is for the municipality, never the villages, and each part says so. Under Voilà (or
JupyterLab) an age-band picker redraws the flow map and table in place.
"""

from __future__ import annotations

import html
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import moves_view
from landsby_utils.charts import show_figure
from landsby_utils.i18n import fmt_int, t
from landsby_utils.moves_frames import BAND_CHOICES, MovesFrames, build_moves_frames
from landsby_utils.parts import LivePart
from landsby_utils.widgets._base import Dashboard, HTMLPart, cards_html, guarded, notice, part, table_html


class MovesDashboard(Dashboard):
    """Population accounts 2006–2017 and moves 2024 of the cluster's municipality, against Denmark and similar municipalities."""

    section = "flytninger"

    has_map = True

    def prepare(self) -> None:
        """The municipality's frames (the national files are read here, never in a Voilà kernel)."""
        self.data  # noqa: B018

    @cached_property
    def data(self) -> MovesFrames:
        """Accounts, comparisons and flows of the cluster's municipality."""
        return build_moves_frames(self.cluster)

    # -- shared text ------------------------------------------------------------------------------
    def _scope(self) -> str:
        return t("mv_scope_short", self.lang, municipality=self.data.name)

    def _caption(self, key: str) -> str:
        return f"{self._scope()} {self.data.provenance[key].describe(self.lang)}"

    def sentences(self) -> list[str]:
        """The sentences that read the page's figures."""
        return moves_view.sentences(self.data, self.lang)

    # -- exports ----------------------------------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """Accounts, rates, similar municipalities and the protected flow tables (numbers, not display strings)."""
        data, lang = self.data, self.lang
        accounts = data.accounts.round().astype("Int64").rename(columns=lambda c: t(f"mv_c_{c}", lang)).reset_index()
        rates = moves_view.period_rate_table(data, lang)
        rates.index = [t(f"mv_c_{c}", lang) for c in rates.index]
        bands = moves_view.suppressed_export(*data.bands_protected, lang)
        partners = moves_view.suppressed_export(*data.partners["all"][1:], lang)
        partners.insert(0, "municipality", [moves_view._partner_name(data, c, lang) for c in partners.index])
        year = data.flow_year
        parishes = {"sogne": moves_view.parish_export(data, lang)} if data.parishes else {}
        return {
            "regnskab": accounts,
            "rater_pr_1000": rates.round(2).reset_index(names=t("mv_component", lang)),
            f"alder_{year}": bands.reset_index(names="age"),
            f"kommuner_{year}": partners.reset_index(names="municipality_code"),
            # names, not codes: a spreadsheet reads "0573" as the number 573
            "lignende_kommuner": data.similar.drop(columns="municipality_code"),
            **parishes,
        }

    def provenances(self) -> list:
        """BEV107, FLY66, the municipality boundaries (for the points on the map) and KMSTA003 when fetched."""
        return list(self.data.provenance.values())

    # -- parts ------------------------------------------------------------------------------------
    @part
    def scope(self) -> HTMLPart:
        """What the page shows and that it is the municipality, not the villages."""
        data, lang = self.data, self.lang
        years = {k: ", ".join(moves_view.years_text(v, lang)) for k, v in data.years_by_source.items()}
        lines = [t("mv_scope", lang, municipality=data.name),
                 t("mv_years", lang, accounts=years.get("accounts", ""), flows=years.get("flows", ""))]
        body = f'<p class="lb-notice" role="note">{html.escape(lines[0])}</p><p class="lb-caption">{html.escape(lines[1])}</p>'
        return HTMLPart(body, "\n".join(lines))

    @part
    def figures(self) -> HTMLPart:
        """Key figures of the latest flow year: moved in, moved out, net, and the band that moved most."""
        data, lang = self.data, self.lang
        protected, net = data.bands_protected
        total = protected.masked().loc[moves_view.TOTAL]
        young = net.loc["18-29"]
        cards = [
            (fmt_int(int(total["moves_in"]), lang), t("mv_card_in", lang, year=data.flow_year), self._scope()),
            (fmt_int(int(total["moves_out"]), lang), t("mv_card_out", lang, year=data.flow_year), self._scope()),
            (moves_view._signed(int(net.loc[moves_view.TOTAL]), lang), t("mv_card_net", lang, year=data.flow_year), self._scope()),
            ("×" if pd.isna(young) else moves_view._signed(int(young), lang), t("mv_card_net_band", lang, band="18–29"),
             self._scope()),
        ]
        title = t("mv_figures_title", lang, municipality=data.name)
        text = "\n".join(f"{label}: {value}" for value, label, _ in cards)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{cards_html(cards)}", f"{title}\n{text}")

    @part
    def narrative(self) -> HTMLPart:
        """Sentences that read the figures."""
        lines = self.sentences()
        title = t("mv_narrative_title", self.lang)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return HTMLPart(f"<h2>{html.escape(title)}</h2><ul class=\"lb-narrative\">{items}</ul>", "\n".join(lines))

    @part
    def accounts_chart(self) -> Any:
        """The population accounts year by year (natural increase, net moves, net migration abroad, growth)."""
        data, lang = self.data, self.lang
        first, last = data.period
        title = t("mv_accounts_title", lang, municipality=data.name, first=first, last=last)
        return show_figure(moves_view.accounts_chart(data, lang), self._caption("accounts"),
                           alt=t("mv_accounts_alt", lang, municipality=data.name), title=title, chart_id="lb-mv-accounts")

    @part
    def accounts_table(self) -> HTMLPart:
        """The accounts as a table (persons per year)."""
        data, lang = self.data, self.lang
        keys = ["births", "deaths", "natural_increase", "moves_in", "moves_out", "net_moves", "immigration", "emigration", "end"]
        frame = data.accounts[keys].dropna(how="all").round().astype("Int64").rename(columns=lambda c: t(f"mv_c_{c}", lang))
        frame.insert(0, t("numbers_year", lang), [str(y) for y in frame.index])
        title = t("mv_accounts_table_title", lang, municipality=data.name)
        body = table_html(frame.reset_index(drop=True), self._caption("accounts"), lang, label=title)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{body}", f"{title}\n{self._scope()}\n{frame.to_string(index=False)}")

    @part
    def rates_chart(self) -> Any:
        """Rates per 1,000 a year: the municipality against similar municipalities and Denmark."""
        data, lang = self.data, self.lang
        first, last = data.period
        similar = ", ".join(data.similar["municipality_name"])
        caption = f"{self._caption('accounts')} {t('mv_similar_how', lang, names=similar, n=len(data.similar), year=last)}"
        title = t("mv_rates_title", lang, first=first, last=last)
        return show_figure(moves_view.rates_chart(data, lang), caption,
                           alt=t("mv_rates_alt", lang, municipality=data.name), title=title, chart_id="lb-mv-rates")

    @part
    def age_chart(self) -> Any:
        """Moves in, out and net by age band in the latest flow year."""
        data, lang = self.data, self.lang
        title = t("mv_age_title", lang, municipality=data.name, year=data.flow_year)
        shown = data.bands_protected[0].masked().drop(index=moves_view.TOTAL)
        if not shown.fillna(0).to_numpy().any():  # nothing shown in any band: a sentence, not an empty chart
            line = t("mv_age_nothing", lang, municipality=data.name, year=data.flow_year)
            return HTMLPart(f"<h2>{html.escape(title)}</h2>" + notice(line).html, f"{title}\n{line}")
        return show_figure(moves_view.age_chart(data, lang), self._caption("flows"),
                           alt=t("mv_age_alt", lang, municipality=data.name, year=data.flow_year), title=title,
                           chart_id="lb-mv-ages")

    def flows_html(self, choice: str) -> tuple[str, str]:
        """Map and table of one band choice (or a sentence when nobody in that band moved), as HTML and text."""
        data, lang = self.data, self.lang
        label = moves_view.band_in_text(choice, lang)
        table = moves_view.partner_display(data, choice, lang)
        if table is None:
            line = t("mv_no_moves", lang, municipality=data.name, band=label, year=data.flow_year)
            return notice(line).html, line
        title = t("mv_flows_title", lang, municipality=data.name, band=label, year=data.flow_year)
        caption = f"{self._caption('flows')} {t('mv_suppressed_note', lang)}"
        body = (f"<h3>{html.escape(title)}</h3>{moves_view.flows_map(data, choice, lang)}"
                f'<p class="lb-caption">{html.escape(t("mv_map_legend", lang))}</p>'
                + table_html(table, caption, lang, label=title))
        return body, f"{title}\n{self._scope()}\n{table.to_string(index=False)}"

    @part
    def flows(self) -> Any:
        """Where people come from and go to: map and table, with an age-band picker on live pages."""
        lang = self.lang
        heading = f"<h2>{html.escape(t('mv_flows_heading', lang))}</h2>"
        body, text = self.flows_html("all")
        if self.static:
            note = f'<p class="lb-caption">{html.escape(t("mv_picker_static", lang))}</p>'
            return HTMLPart(heading + note + body, text)
        import ipywidgets as widgets

        options = [(moves_view.band_label(choice, lang), choice) for choice in BAND_CHOICES]
        picker = widgets.Dropdown(options=options, value="all", description=t("mv_picker_label", lang),
                                  style={"description_width": "initial"},
                                  layout=widgets.Layout(width="auto", min_height="44px"))
        picker.add_class("lb-band-picker")
        shown = widgets.HTML(f'<div class="landsby">{body}</div>', layout=widgets.Layout(width="100%"))

        def show(message: HTMLPart) -> None:
            shown.value = f'<div class="landsby">{message.html}</div>'

        @guarded(lang, show, "moves band picker")
        def on_change(change: dict[str, Any]) -> None:
            html_text, _ = self.flows_html(change["new"])
            shown.value = f'<div class="landsby">{html_text}</div>'

        picker.observe(on_change, names="value")
        self._picker, self._flows_widget = picker, shown
        box = widgets.VBox([widgets.HTML(f'<div class="landsby">{heading}</div>'), picker, shown],
                           layout=widgets.Layout(width="100%", max_width="1100px", margin="0 auto"))
        box.add_class("lb-interactive")
        return LivePart(box, text, heading + body)

    @part
    def parishes(self) -> HTMLPart:
        """Births, deaths and moves per parish (KMSTA003) when fetched, with which years and source; else how to get them."""
        data, lang = self.data, self.lang
        heading = f"<h2>{html.escape(t('mv_parish_heading', lang))}</h2>"
        if not data.parishes:
            lines = [t("mv_parish_not_fetched", lang, table="KMSTA003", slug=self.cluster.slug)]
            if data.parish_failure:
                lines.insert(0, data.parish_failure.get(lang, data.parish_failure.get("da", "")))
            body = "".join(notice(line).html for line in lines)
            return HTMLPart(heading + body, "\n".join(lines))
        provenance = data.provenance["parishes"]
        years = moves_view.parish_years(data)
        served = t("mv_parish_served", lang, years=years, table=provenance.table, retrieved=provenance.retrieved or "-")
        title = t("mv_parish_title", lang, years=years)
        table = moves_view.parish_display(data, lang)
        caption = f"{provenance.describe(lang)} {t('mv_parish_suppressed', lang)}"
        body = (f'<p class="lb-caption">{html.escape(served)}</p>'
                + table_html(table, caption, lang, label=title))
        return HTMLPart(f"{heading}<h3>{html.escape(title)}</h3>{body}", f"{title}\n{served}\n{table.to_string(index=False)}")

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences."""
        return self.sources_footer(self.provenances(), [t("mv_method", self.lang, n=len(self.data.similar))])
