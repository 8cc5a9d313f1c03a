"""The citizen-survey dashboard (``notebooks/05_borgerundersoegelse.ipynb``): the cluster's own survey, per village.

A thin controller: the numbers come from :func:`landsby_utils.survey_frames.build_survey_frames` (counts
and sums, prepared ahead like every dashboard's frames); :mod:`landsby_utils.survey_results` decides what
may be shown (groups of 1–4 respondents are "<5", with secondary suppression, and have no percentages);
this module formats them. Without an imported survey the page says how to add one.
"""

from __future__ import annotations

import html
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import charts
from landsby_utils import survey_view as view
from landsby_utils.i18n import LABELS, fmt_int, fmt_num, fmt_pct, t
from landsby_utils.parts import LivePart
from landsby_utils.sources import Provenance
from landsby_utils.sources._provenance import format_date
from landsby_utils.survey_frames import SurveyFrames, build_survey_frames, template
from landsby_utils.widgets._base import EMPTY, Dashboard, HTMLPart, guarded, notice, part, scroll_box

CLUSTER = view.CLUSTER
MULTI_PARTS = ("hvorfor_her", "oensker_aktiviteter", "oensker_moedesteder")



def _text_table(frame: pd.DataFrame, caption: str, label: str) -> str:
    """An HTML table of already formatted text; every column but the first right-aligned."""
    nowrap = ' style="white-space:nowrap"'  # a wide table scrolls sideways in its box on a phone; words are never split
    head = "".join(f'<th scope="col" class="{"num" if i else ""}"{nowrap}>{html.escape(str(c))}</th>' for i, c in enumerate(frame.columns))
    rows = "".join(
        "<tr>" + "".join(f'<td class="{"num" if i else ""}"{nowrap}>{html.escape(str(v))}</td>' for i, v in enumerate(row)) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return scroll_box(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", label)


class SurveyDashboard(Dashboard):
    """Respondents and response rate per village, the six focus areas, life satisfaction, reasons and wishes."""

    section = "borgerundersoegelse"

    def prepare(self) -> None:
        """The survey's counts and the parish population aged 16+."""
        self.data  # noqa: B018

    @cached_property
    def data(self) -> SurveyFrames:
        """:func:`landsby_utils.survey_frames.build_survey_frames` for this cluster."""
        return build_survey_frames(self.cluster)

    # -- formatting helpers --------------------------------------------------------------------------
    def _name(self, row: str) -> str:
        return t("survey_cluster_row", self.lang, cluster=self.cluster.name) if row == CLUSTER else row

    def _option_label(self, question_id: str, option_id: str) -> str:
        question = template().question(question_id)
        label = next(o.label for o in question.options if o.id == option_id)
        key = f"survey_opt_{question_id}_{option_id}"
        return t(key, self.lang) if key in LABELS else label

    def _area_label(self, question_id: str) -> str:
        return t(f"survey_area_{question_id}", self.lang)

    def _caption(self) -> str:
        return self.data.provenance.describe(self.lang) if self.data.provenance else ""

    def _pct(self, value: float, decimals: int = 0) -> str:
        return "–" if value is None or pd.isna(value) else fmt_pct(float(value), decimals, self.lang)

    @cached_property
    def hidden(self) -> dict[str, str]:
        """Villages whose number of respondents is hidden ("<5" or "×"): hidden in every table of the page."""
        return view.hidden(self.data)

    # -- numbers behind the parts (landsby_utils.survey_view) ---------------------------------------------
    def respondents_frame(self) -> pd.DataFrame:
        """See :func:`landsby_utils.survey_view.respondents_frame`."""
        return view.respondents_frame(self.data)

    def focus_frame(self) -> pd.DataFrame:
        """See :func:`landsby_utils.survey_view.focus_frame`."""
        return view.focus_frame(self.data)

    def satisfaction_frame(self) -> pd.DataFrame:
        """See :func:`landsby_utils.survey_view.satisfaction_frame`."""
        return view.satisfaction_frame(self.data)

    def multi_frame(self, question_id: str) -> pd.DataFrame:
        """See :func:`landsby_utils.survey_view.multi_frame`."""
        return view.multi_frame(self.data, question_id)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The suppressed aggregates only (no answers, no respondent): respondents, focus areas, satisfaction, choices."""
        if self.error is not None or not self.data.has_survey:
            return {}
        out = {"svar_pr_landsby": self.respondents_frame(), "fokusomraader": self.focus_frame(),
               "livstilfredshed": self.satisfaction_frame()}
        for question_id in MULTI_PARTS:
            if question_id in self.data.meta.get("questions", []):
                out[question_id] = self.multi_frame(question_id)
        return out

    def provenances(self) -> list[Provenance]:
        """The survey and the parish population."""
        out = [self.data.provenance] if self.data.provenance else []
        if self.data.residents_provenance:
            out.append(Provenance(**self.data.residents_provenance))
        return out

    # -- parts -------------------------------------------------------------------------------------------
    @part
    def intro(self) -> HTMLPart:
        """What the page shows, or how to add a survey when none has been imported."""
        lang, d = self.lang, self.data
        title = t("survey_title", lang)
        if not d.has_survey:
            lines = [t("survey_none", lang, name=self.cluster.name), t("survey_how", lang, slug=self.cluster.slug),
                     t("survey_template", lang)]
            body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
            return HTMLPart(f'<h2>{html.escape(title)}</h2><div class="lb-notice" role="note">{body}</div>',
                            title + "\n" + "\n".join(lines))
        meta = d.meta
        period = meta.get("period") or []
        when = format_date(period[-1], lang) if period else format_date(meta.get("imported", ""), lang)
        lines = [t("survey_intro", lang, n=fmt_int(int(d.respondents.sum()), lang), tool=self.data.provenance.table, when=when),
                 t("survey_privacy", lang)]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{body}", title + "\n" + "\n".join(lines))

    def _has(self, question_id: str) -> bool:
        return self.data.has_survey and question_id in self.data.meta.get("questions", [])

    @part
    def respondents_table(self) -> HTMLPart:
        """Respondents per village and the response rate against the residents aged 16+ (SOGN1)."""
        if not self.data.has_survey:
            return EMPTY
        lang, d = self.lang, self.data
        frame = self.respondents_frame()
        year = d.residents_year
        shown = pd.DataFrame({
            t("village", lang): [self._name(v) for v in frame["village"]],
            t("survey_col_respondents", lang): [x if isinstance(x, str) else fmt_int(x, lang) for x in frame["respondents"]],
            t("survey_col_residents", lang, year=year or "–"): ["–" if pd.isna(x) else fmt_int(x, lang) for x in frame["residents_16plus"]],
            t("survey_col_rate", lang): [self._pct(x, 1) for x in frame["response_rate_pct"]],
        })
        title = t("survey_respondents_title", lang)
        notes = [t("survey_rate_note", lang, date=format_date(f"{year}-01-01", lang) if year else "–")]
        if any(mark in frame["respondents"].astype(str).tolist() for mark in view.HIDDEN_MARKS):
            notes.append(t("survey_suppressed_note", lang))
        caption = self._caption()
        body = _text_table(shown, caption, title) + "".join(f'<p class="lb-caption">{html.escape(n)}</p>' for n in notes)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{body}", title + "\n" + shown.to_string(index=False) + "\n" + "\n".join(notes))

    @part
    def narrative(self) -> HTMLPart:
        """Danish sentences that read the results."""
        if not self.data.has_survey:
            return EMPTY
        lines = self.sentences()
        title = t("survey_narrative_title", self.lang)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return HTMLPart(f"<h2>{html.escape(title)}</h2><ul>{items}</ul>", title + "\n" + "\n".join(f"- {x}" for x in lines))

    def sentences(self) -> list[str]:
        """The sentences of :meth:`narrative` (only figures that may be shown)."""
        lang, d, out = self.lang, self.data, []
        frame = self.respondents_frame()
        total = frame.iloc[-1]
        if pd.notna(total["response_rate_pct"]):
            out.append(t("survey_say_rate", lang, n=fmt_int(int(d.respondents.sum()), lang), rate=self._pct(total["response_rate_pct"], 1),
                         residents=fmt_int(total["residents_16plus"], lang), year=d.residents_year))
        focus = self.focus_frame()
        if not focus.empty:
            cluster = focus[focus["village"] == CLUSTER].set_index("question")
            positive = (cluster["pct_4"] + cluster["pct_5"]).dropna().sort_values()
            if len(positive) >= 2:
                out.append(t("survey_say_focus", lang, best=self._area_label(positive.index[-1]), best_pct=self._pct(positive.iloc[-1]),
                             worst=self._area_label(positive.index[0]), worst_pct=self._pct(positive.iloc[0])))
            out.extend(self._village_differences(focus))
        sat = self.satisfaction_frame()
        cluster_sat = sat.loc[sat["village"] == CLUSTER, "mean"]
        if len(cluster_sat) and pd.notna(cluster_sat.iloc[0]):
            out.append(t("survey_say_satisfaction", lang, mean=fmt_num(cluster_sat.iloc[0], 1, lang)) + " " + t("survey_no_benchmark", lang))
        for question_id, key in (("hvorfor_her", "survey_say_reason"), ("oensker_aktiviteter", "survey_say_activity"),
                                 ("oensker_moedesteder", "survey_say_place")):
            if self._has(question_id):
                shares = self.multi_frame(question_id).set_index("option")["pct_cluster"].drop("andet", errors="ignore")
                shares = shares.dropna().sort_values(ascending=False)  # "Andet" (other) says nothing as the top answer
                if len(shares):
                    out.append(t(key, lang, option=self._option_label(question_id, shares.index[0]).lower(), pct=self._pct(shares.iloc[0])))
        return out

    def _village_differences(self, focus: pd.DataFrame) -> list[str]:
        """The village furthest above and below the cluster on the focus area where villages differ most."""
        focus = focus.assign(positive=focus["pct_4"] + focus["pct_5"])
        wide = focus.pivot_table(index="question", columns="village", values="positive")
        if CLUSTER not in wide.columns or wide.shape[1] < 3:
            return []
        villages = wide.drop(columns=CLUSTER)
        spread = (villages.max(axis=1) - villages.min(axis=1)).dropna()
        if spread.empty or spread.max() < 15:
            return []
        question = spread.idxmax()
        row = villages.loc[question].dropna()
        return [t("survey_say_spread", self.lang, area=self._area_label(question), high=row.idxmax(), high_pct=self._pct(row.max()),
                  low=row.idxmin(), low_pct=self._pct(row.min()), cluster_pct=self._pct(wide.at[question, CLUSTER]))]

    def focus_figure(self, question_id: str) -> Any:
        """The Likert bars of one focus area: each shown village and the cluster (plotly bar via :func:`charts.show_figure`)."""
        lang, d = self.lang, self.data
        shares, marks = view.likert_shares(d, question_id, self.hidden)
        visible = shares.dropna(how="all")
        hidden = [v for v in d.villages if v not in visible.index and isinstance(marks[v], str)]
        visible = visible.rename(index=self._name)
        labels = [t(f"survey_level_{level}", lang) for level in visible.columns]
        fig = charts.likert_bars(visible, labels, lang)
        area = self._area_label(question_id)
        caption = self._caption()
        if hidden:
            caption += " " + t("survey_hidden_villages", lang, villages=", ".join(hidden))
        cluster = visible.loc[self._name(CLUSTER)] if self._name(CLUSTER) in visible.index else None
        positive = self._pct(cluster["4"] + cluster["5"]) if cluster is not None else "–"
        alt = t("survey_focus_alt", lang, area=area, n=len(visible) - 1, positive=positive)
        return charts.show_figure(fig, caption, alt, t("survey_focus_title", lang, area=area), chart_id=f"lb-survey-{question_id}")

    @part
    def focus_areas(self) -> Any:
        """The six focus areas: live (Voilà, JupyterLab) a menu chooses one; the static site shows all six."""
        if not self.data.has_survey:
            return EMPTY
        questions = [q.id for q in template().of_kind("likert") if self._has(q.id)]
        if not questions:
            return EMPTY
        if self.static:
            parts = [self.focus_figure(q) for q in questions]
            return HTMLPart("".join(p.html for p in parts), "\n".join(p.text for p in parts))
        return self._focus_picker(questions)

    def _focus_picker(self, questions: list[str]) -> Any:
        import ipywidgets as widgets

        lang = self.lang
        dropdown = widgets.Dropdown(options=[(self._area_label(q), q) for q in questions], value=questions[0],
                                    description=t("survey_choose_area", lang), style={"description_width": "initial"},
                                    layout=widgets.Layout(width="auto", max_width="44rem"))
        output = widgets.Output(layout=widgets.Layout(width="100%"))

        def show(message: HTMLPart) -> None:
            output.outputs = ({"output_type": "display_data", "data": {"text/html": message._repr_html_(), "text/plain": message.text},
                               "metadata": {}},)

        @guarded(lang, show, "survey focus area")
        def draw(_change: Any = None) -> None:
            figure = self.focus_figure(dropdown.value)
            output.outputs = tuple({"output_type": "display_data", "data": b, "metadata": {}} for b in figure.bundles())

        dropdown.observe(draw, names="value")
        draw()
        box = widgets.VBox([dropdown, output], layout=widgets.Layout(width="100%"))
        box.add_class("lb-interactive")
        box.add_class("landsby")
        self._focus_widgets = {"dropdown": dropdown, "output": output, "draw": draw}
        return LivePart(box, t("survey_choose_area", lang) + ": " + ", ".join(self._area_label(q) for q in questions))

    @part
    def focus_table(self) -> HTMLPart:
        """Share answering "Godt" or "Meget godt" per focus area, village and cluster."""
        if not self.data.has_survey:
            return EMPTY
        lang, focus = self.lang, self.focus_frame()
        if focus.empty:
            return EMPTY
        focus = focus.assign(positive=focus["pct_4"] + focus["pct_5"])
        columns = [*self.data.villages, CLUSTER]
        rows = []
        for question, of in focus.groupby("question", sort=False):
            of = of.set_index("village")
            cells = [self._pct(of.at[v, "positive"]) if pd.notna(of.at[v, "positive"]) else
                     (of.at[v, "answered"] if isinstance(of.at[v, "answered"], str) else "–") for v in columns]
            rows.append([self._area_label(question), *cells])
        frame = pd.DataFrame(rows, columns=[t("survey_area", lang), *[self._name(c) for c in columns]])
        title = t("survey_positive_title", lang)
        note = t("survey_positive_note", lang)
        body = _text_table(frame, self._caption(), title) + f'<p class="lb-caption">{html.escape(note)}</p>'
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{body}", title + "\n" + frame.to_string(index=False))

    @part
    def satisfaction(self) -> HTMLPart:
        """Average life satisfaction (0–10) per village and cluster; no national benchmark exists in the data."""
        if not self._has("livstilfredshed"):
            return EMPTY
        lang, frame = self.lang, self.satisfaction_frame()
        shown = pd.DataFrame({
            t("village", lang): [self._name(v) for v in frame["village"]],
            t("survey_col_answered", lang): [x if isinstance(x, str) else fmt_int(x, lang) for x in frame["answered"]],
            t("survey_col_mean", lang): ["–" if pd.isna(m) else fmt_num(m, 1, lang) for m in frame["mean"]],
        })
        title = t("survey_satisfaction_title", lang)
        note = t("survey_no_benchmark", lang)
        body = _text_table(shown, self._caption(), title) + f'<p class="lb-caption">{html.escape(note)}</p>'
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{body}", title + "\n" + shown.to_string(index=False) + "\n" + note)

    def _choices(self, question_id: str) -> Any:
        if not self._has(question_id):
            return EMPTY
        lang = self.lang
        frame = self.multi_frame(question_id).set_index("option")
        shares = frame["pct_cluster"].rename(index=lambda o: self._option_label(question_id, o))
        title = t(f"survey_{question_id}_title", lang)
        if shares.dropna().empty:
            return notice(t("survey_too_few", lang))
        top = shares.dropna().sort_values(ascending=False)
        alt = t("survey_choices_alt", lang, title=title, first=top.index[0], pct=self._pct(top.iloc[0]))
        fig = charts.option_bars(shares, lang)
        caption = self._caption() + " " + t("survey_choices_note", lang)
        return charts.show_figure(fig, caption, alt, title, chart_id=f"lb-survey-{question_id}")

    @part
    def reasons(self) -> Any:
        """Why people live here (cluster, share of those who answered)."""
        return self._choices("hvorfor_her")

    @part
    def wanted_activities(self) -> Any:
        """Activities people want more of."""
        return self._choices("oensker_aktiviteter")

    @part
    def wanted_places(self) -> Any:
        """Meeting places people miss or want to use more."""
        return self._choices("oensker_moedesteder")

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences: the survey and the parish population."""
        return self.sources_footer(self.provenances())
