"""Plotly charts in one theme with Danish number formats, and how they are shown.

One function per chart builds a :class:`plotly.graph_objects.Figure` from an
analysis frame (:mod:`landsby_utils.population`); nothing here reads files.
:func:`show_figure` wraps a figure with its title, caption (source, table,
reference date) and alt text:

* live (JupyterLab, Voilà): the figure goes to Plotly's mimetype renderer
  (``application/vnd.plotly.v1+json``), which renders offline through the
  bundled JupyterLab extension;
* static site (``landsby build``, :func:`landsby_utils._display.static_assets`
  set): a box for the chart and the figure as JSON (:meth:`FigurePart.static_html`);
  the page's deferred scripts (plotly.js's partial "basic" bundle, vendored from npm,
  and ``static/datapakke-charts.js``) draw it after the text is shown.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from landsby_utils import _display
from landsby_utils.i18n import fmt_num, t

#: Colours per area level (the header's purple for the cluster).
COLORS: dict[str, str] = {
    "cluster": "#3a0ca3",
    "parish": "#3a0ca3",
    "urban_area": "#3a0ca3",
    "municipality": "#b5179e",
    "region": "#e76f00",
    "country": "#4a4e69",
}
MEN_COLOR, WOMEN_COLOR = "#4361ee", "#e5383b"
#: Shared layout: Danish separators (decimal comma, thousands point), readable on phones.
LAYOUT: dict[str, Any] = {
    "separators": ",.",
    "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14, "color": "#1d1d1f"},
    "margin": {"l": 56, "r": 12, "t": 16, "b": 40},
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "legend": {"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0, "font": {"size": 13}},
    "hoverlabel": {"font": {"size": 14}},
    "xaxis": {"gridcolor": "#eeeeee", "zeroline": False, "fixedrange": True},
    "yaxis": {"gridcolor": "#eeeeee", "zeroline": False, "fixedrange": True},
    "height": 380,
    "autosize": True,
}
#: Plotly config: no toolbar (it covers the chart on phones), resizes with the page.
CONFIG: dict[str, Any] = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
_VISUALLY_HIDDEN = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
#: Keeps live charts from collapsing to 0 px when the window is resized (turning a phone).
#:
#: The mimetype renderer (jupyterlab-plotly) draws into a ``div`` with no height of its own; the chart's
#: ``.svg-container`` gives it one (``height: 380px``) and every ``svg.main-svg`` in it is absolutely
#: positioned. plotly.js's ``Plots.resize`` (run by ``responsive: True`` on a window resize, and by the
#: renderer after drawing) deletes ``layout.height`` whenever ``layout.width`` is unset, and then styles the
#: ``.svg-container`` ``height: 100%`` — 100 % of an auto-height ``div``, i.e. 0 px. Charts that plotly
#: happens to redraw twice in that relayout come back (the second pass sees the 0 px height and falls back
#: to pixels; JupyterLab's resize messages force such a pass), the others stay collapsed. Keeping the first
#: (main) svg in the normal flow makes the container exactly as tall as the drawn chart whatever height style
#: plotly gives it; the svg is at the container's top left either way, so nothing moves. The static site is
#: not affected (:meth:`FigurePart.static_html` gives its chart's box an explicit height).
RENDERER_CSS = ".jp-RenderedPlotly .svg-container > svg.main-svg:first-child{position:relative;display:block}"


def _figure(**layout: Any) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(**LAYOUT)
    if layout:
        fig.update_layout(**layout)
    return fig


def _color(level: str, index: int = 0) -> str:
    palette = ["#3a0ca3", "#b5179e", "#e76f00", "#4a4e69", "#2a9d8f"]
    return COLORS.get(level, palette[index % len(palette)])


def _with_numbers(fig: go.Figure, columns: dict[str, pd.Series], index_label: str, lang: str, decimals: int = 0) -> go.Figure:
    """Attach the numbers a chart draws, as a table (:meth:`FigurePart.numbers_html`, "Vis tallene").

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The chart.
    columns : dict of str to pandas.Series
        One series per drawn line or bar group, indexed by the category axis (year, age group), built
        from the same frame as the trace.
    index_label : str
        Heading of the first column (the category axis).
    lang : {"da", "en"}
        Number format of the table.
    decimals : int
        Decimals of the values.

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig``, carrying the table in ``fig._lb_numbers`` (not part of the figure's JSON).
    """
    frame = pd.DataFrame(columns)
    order = list(dict.fromkeys(key for series in columns.values() for key in series.index))
    frame = frame.reindex(order).astype("Float64")
    frame.insert(0, index_label, [str(key) for key in order])  # years as text: 2020, never "2.020"
    fig._lb_numbers = (frame.reset_index(drop=True), lang, decimals)
    return fig


def _year_axis(fig: go.Figure, years: list[int]) -> None:
    step = 1 if len(years) <= 7 else 2 if len(years) <= 14 else 5
    fig.update_xaxes(tickmode="linear", dtick=step, tickformat="d", title=None)


def area_label(frame: pd.DataFrame, lang: str = "da") -> str:
    """The name of the (first) area in ``frame`` as a reader sees it.

    Statistics Denmark names the whole country "Hele landet" in the data; an English page says "Denmark".
    """
    first = frame.iloc[0]
    if str(first.get("level", "")) == "country":
        return t("pop_country_name", lang)
    return str(first["area_name"])


def population_line(totals: pd.DataFrame, lang: str = "da") -> go.Figure:
    """Population on 1 January, one line per area.

    Parameters
    ----------
    totals : pandas.DataFrame
        :func:`landsby_utils.population.totals` (``area_name``, ``level``, ``year``, ``persons``).
    lang : {"da", "en"}
        Language of labels.

    Returns
    -------
    plotly.graph_objects.Figure
        The chart.
    """
    fig = _figure()
    numbers: dict[str, pd.Series] = {}
    for i, (_code, group) in enumerate(totals.groupby("area_code", sort=False)):
        name = area_label(group, lang)
        numbers[name] = group.set_index("year")["persons"]
        fig.add_scatter(
            x=group["year"].tolist(), y=group["persons"].astype("float64").tolist(), name=name, mode="lines+markers",
            line={"color": _color(str(group["level"].iloc[0]), i), "width": 3},
            hovertemplate=f"%{{x}}: %{{y:,.0f}} {t('pop_persons', lang)}<extra>{html.escape(name)}</extra>",
        )
    fig.update_yaxes(title=t("pop_inhabitants_axis", lang), tickformat=",.0f", rangemode="normal")
    _year_axis(fig, sorted(set(totals["year"])))
    fig.update_layout(showlegend=totals["area_code"].nunique() > 1, hovermode="x unified")
    return _with_numbers(fig, numbers, t("numbers_year", lang), lang)


def index_chart(index: pd.DataFrame, lang: str = "da") -> go.Figure:
    """Population as an index (first year = 100) for several areas.

    Parameters
    ----------
    index : pandas.DataFrame
        :func:`landsby_utils.population.index_series`.
    lang : {"da", "en"}
        Language of labels.

    Returns
    -------
    plotly.graph_objects.Figure
        The chart, with a dotted line at 100.
    """
    fig = _figure()
    numbers: dict[str, pd.Series] = {}
    for i, (_, group) in enumerate(index.groupby("area_code", sort=False)):
        name = area_label(group, lang)
        numbers[name] = group.set_index("year")["index"]
        level = str(group["level"].iloc[0])
        fig.add_scatter(
            x=group["year"].tolist(), y=group["index"].astype("float64").tolist(), name=name, mode="lines",
            line={"color": _color(level, i), "width": 4 if level in ("cluster", "parish") else 2.5,
                  "dash": "solid" if level in ("cluster", "parish", "municipality") else "dash"},
            hovertemplate=f"%{{x}}: %{{y:,.1f}}<extra>{html.escape(name)}</extra>",
        )
    fig.add_hline(y=100, line={"color": "#999", "width": 1, "dash": "dot"})
    base = int(index["year"].min())
    fig.update_yaxes(title=t("pop_index_axis", lang, year=base), tickformat=",.0f")
    _year_axis(fig, sorted(set(index["year"])))
    fig.update_layout(hovermode="x unified")
    return _with_numbers(fig, numbers, t("numbers_year", lang), lang, decimals=1)


def age_pyramid_chart(pyramid: pd.DataFrame, compare: pd.DataFrame | None = None, lang: str = "da") -> go.Figure:
    """Age pyramid in per cent of each area's population: bars for one area, outlines for another.

    Parameters
    ----------
    pyramid : pandas.DataFrame
        :func:`landsby_utils.population.age_pyramid` of the main area; hidden
        (suppressed) cells are NA and drawn as no bar, with ``"<5"`` on hover.
    compare : pandas.DataFrame, optional
        The pyramid of a comparison area, drawn as outlines.
    lang : {"da", "en"}
        Language of labels.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal bars, men to the left, women to the right.
    """
    fig = _figure(barmode="overlay", bargap=0.08, height=480)
    ages = pyramid["age"].astype(str).tolist()
    name = area_label(pyramid, lang)
    men_label, women_label = t("pop_men", lang), t("pop_women", lang)
    numbers: dict[str, pd.Series] = {}
    for sex, label, color, sign in (("men", men_label, MEN_COLOR, -1), ("women", women_label, WOMEN_COLOR, 1)):
        shares = pyramid[f"{sex}_pct"].astype("Float64")
        numbers[t("numbers_pct", lang, label=f"{label}, {name}")] = pd.Series(shares.to_numpy(), index=ages)
        shown = [None if pd.isna(v) else sign * float(v) for v in shares]
        hover = ["<5" if pd.isna(v) else t("numbers_pct_value", lang, value=fmt_num(float(v), 1, lang)) for v in shares]
        fig.add_bar(
            y=ages, x=shown, orientation="h", name=f"{label}, {name}", marker={"color": color, "opacity": 0.75},
            customdata=hover, hovertemplate=t("pop_pyramid_hover", lang) + f"<extra>{html.escape(label)}, {html.escape(name)}</extra>",
        )
    if compare is not None:
        other = area_label(compare, lang)
        for sex, label, sign in (("men", men_label, -1), ("women", women_label, 1)):
            values = [sign * float(v) for v in compare[f"{sex}_pct"].astype("float64")]
            numbers[t("numbers_pct", lang, label=f"{label}, {other}")] = pd.Series(
                compare[f"{sex}_pct"].astype("float64").to_numpy(), index=compare["age"].astype(str).tolist())
            fig.add_scatter(
                y=compare["age"].astype(str).tolist(), x=values, mode="lines", line={"color": "#111", "width": 2, "shape": "hvh"},
                name=other, legendgroup="compare", showlegend=sex == "men",
                hovertemplate=f"%{{y}}: %{{customdata:.1f}} %<extra>{html.escape(label)}, {html.escape(other)}</extra>",
                customdata=[abs(v) for v in values],
            )
    limit = max(
        [abs(float(v)) for col in ("men_pct", "women_pct") for v in pyramid[col].dropna()]
        + ([abs(float(v)) for col in ("men_pct", "women_pct") for v in compare[col].dropna()] if compare is not None else [])
        + [1.0]
    )
    step = 1 if limit <= 5 else 2
    ticks = [v for v in range(-int(limit) - 1, int(limit) + 2) if v % step == 0]
    fig.update_xaxes(range=[-limit * 1.1, limit * 1.1], tickvals=ticks, ticktext=[f"{abs(v)} %" for v in ticks],
                     title=t("pop_share_axis", lang))
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=ages, tickfont={"size": 12})
    fig.update_layout(legend={"y": -0.16}, margin={"l": 52})
    return _with_numbers(fig, numbers, t("numbers_age", lang), lang, decimals=1)


def projection_chart(observed: pd.DataFrame, variants: pd.DataFrame, band: pd.DataFrame, lang: str = "da") -> go.Figure:
    """Observed population and the projected range (a band between the variants, each variant dashed).

    Parameters
    ----------
    observed : pandas.DataFrame
        :func:`landsby_utils.population.totals` of the projected area.
    variants : pandas.DataFrame
        ``variant``, ``year``, ``persons`` (:func:`landsby_utils.population.projection_range`).
    band : pandas.DataFrame
        ``year``, ``low``, ``high``.
    lang : {"da", "en"}
        Language of labels.

    Returns
    -------
    plotly.graph_objects.Figure
        The chart.
    """
    fig = _figure()
    years = band["year"].tolist()
    band_label = t("pop_projection_band", lang)
    numbers: dict[str, pd.Series] = {t("pop_observed", lang): observed.set_index("year")["persons"]}
    fig.add_scatter(x=years, y=band["high"].tolist(), mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip")
    fig.add_scatter(
        x=years, y=band["low"].tolist(), mode="lines", line={"width": 0}, fill="tonexty", fillcolor="rgba(181,23,158,0.18)",
        name=t("pop_projection_band", lang), hoverinfo="skip",
    )
    dashes = ["dash", "dot", "dashdot"]
    for i, (name, group) in enumerate(variants.groupby("variant", sort=False)):
        numbers[str(name)[:1].upper() + str(name)[1:]] = group.set_index("year")["persons"].round(-1)
        fig.add_scatter(
            x=group["year"].tolist(), y=group["persons"].round(-1).tolist(), mode="lines+markers", name=str(name)[:1].upper() + str(name)[1:],
            line={"color": "#b5179e", "dash": dashes[i % len(dashes)], "width": 2},
            hovertemplate=f"%{{x}}: ca. %{{y:,.0f}}<extra>{html.escape(str(name))}</extra>",
        )
    fig.add_scatter(
        x=observed["year"].tolist(), y=observed["persons"].astype("float64").tolist(), mode="lines+markers",
        name=t("pop_observed", lang), line={"color": "#3a0ca3", "width": 3},
        hovertemplate=f"%{{x}}: %{{y:,.0f}}<extra>{html.escape(t('pop_observed', lang))}</extra>",
    )
    fig.update_yaxes(title=t("pop_inhabitants_axis", lang), tickformat=",.0f")
    _year_axis(fig, sorted(set(observed["year"]) | set(years)))
    fig.update_layout(hovermode="x unified")
    numbers[t("numbers_low", lang, band=band_label)] = band.set_index("year")["low"]
    numbers[t("numbers_high", lang, band=band_label)] = band.set_index("year")["high"]
    return _with_numbers(fig, numbers, t("numbers_year", lang), lang)


#: Colours of the five Likert levels, from "Meget dårligt" (red) to "Meget godt" (green); readable for colour-blind readers.
LIKERT_COLORS = ("#b2182b", "#ef8a62", "#bdbdbd", "#67a9cf", "#2166ac")


def likert_bars(shares: pd.DataFrame, level_labels: list[str], lang: str = "da") -> go.Figure:
    """One focus area's answers as stacked horizontal bars (percent), one bar per village and the cluster.

    Parameters
    ----------
    shares : pandas.DataFrame
        Rows = the bars (already named as the reader sees them), columns = the five levels, values in percent;
        rows that may not be shown are left out by the caller.
    level_labels : list of str
        The levels' labels, in order (1 … 5).
    lang : {"da", "en"}
        Number format of the table of numbers.

    Returns
    -------
    plotly.graph_objects.Figure
        With the numbers attached ("Vis tallene").
    """
    rows = list(shares.index)[::-1]  # plotly draws the first category at the bottom
    fig = _figure(barmode="stack", height=max(220, 60 + 38 * len(rows)), bargap=0.25)
    for level, label, color in zip(shares.columns, level_labels, LIKERT_COLORS, strict=True):
        fig.add_trace(go.Bar(y=rows, x=[shares.at[r, level] for r in rows], orientation="h", name=label,
                             marker={"color": color}, hovertemplate="%{y}: %{x:.0f} %<extra>" + label + "</extra>"))
    fig.update_xaxes(range=[0, 100], ticksuffix=" %", title=None)
    fig.update_yaxes(title=None, automargin=True)
    fig.update_layout(margin={"l": 8, "r": 12, "t": 8, "b": 40}, legend={"traceorder": "normal"})
    numbers = {label: shares[level] for level, label in zip(shares.columns, level_labels, strict=True)}
    return _with_numbers(fig, numbers, t("village", lang), lang, decimals=0)


def option_bars(shares: pd.Series, lang: str = "da", color: str = COLORS["cluster"]) -> go.Figure:
    """A multiple-choice question for the cluster: share (%) choosing each option, largest at the top."""
    ordered = shares.dropna().sort_values()
    fig = _figure(height=max(220, 60 + 34 * len(ordered)), bargap=0.3)
    fig.add_trace(go.Bar(y=list(ordered.index), x=list(ordered.to_numpy()), orientation="h", marker={"color": color},
                         hovertemplate="%{y}: %{x:.0f} %<extra></extra>", showlegend=False))
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero", title=None)
    fig.update_yaxes(title=None, automargin=True)
    fig.update_layout(margin={"l": 8, "r": 12, "t": 8, "b": 32})
    return _with_numbers(fig, {t("survey_share_col", lang): ordered[::-1]}, t("survey_answer", lang), lang, decimals=0)


# --- showing a figure -------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "chart"


class FigurePart:
    """A chart with its title, alt text and caption, shown the right way for live or static pages.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The chart.
    title : str
        Heading above the chart.
    caption : str
        Source, table and reference date (shown under the chart).
    alt : str
        What the chart shows, for screen readers (and the plain-text output).
    chart_id : str, optional
        Stable id of the chart's element in static HTML.
    notes : list of str, optional
        Paragraphs under the caption (e.g. the method of a projection).
    """

    def __init__(self, fig: go.Figure, title: str, caption: str, alt: str, chart_id: str | None = None,
                 notes: list[str] | None = None) -> None:
        self.fig = fig
        self.title = title
        self.caption = caption
        self.alt = alt
        self.chart_id = chart_id or f"lb-{_slug(title)}"
        self.notes = list(notes or [])

    # -- pieces ----------------------------------------------------------------------------
    def head_html(self) -> str:
        """Heading and the alt text (visually hidden)."""
        return (f"<h2>{html.escape(self.title)}</h2>"
                f'<p class="lb-alt" style="{_VISUALLY_HIDDEN}">{html.escape(self.alt)}</p>')

    def caption_html(self) -> str:
        """The caption under the chart, then the notes."""
        notes = "".join(f'<p class="lb-caption">{html.escape(note)}</p>' for note in self.notes)
        return f'<p class="lb-caption">{html.escape(self.caption)}</p>{notes}'

    def numbers_html(self) -> str:
        """"Vis tallene": the chart's numbers as a table in a fold-out (empty when the chart has none attached).

        The numbers come from the frames the chart was drawn from (see :func:`_with_numbers`), so a reader
        who cannot see the chart, or wants the exact figures, reads the same values in a table.
        """
        numbers = getattr(self.fig, "_lb_numbers", None)
        if numbers is None:
            return ""
        from landsby_utils.parts import table_html

        frame, lang, decimals = numbers
        table = table_html(frame, "", lang, decimals={c: decimals for c in frame.columns[1:]}, label=self.title)
        return f'<details class="lb-numbers"><summary>{html.escape(t("show_numbers", lang))}</summary>{table}</details>'

    def mimebundle(self) -> dict[str, Any]:
        """The figure for Plotly's mimetype renderer, with the alt text as plain text."""
        spec = json.loads(self.fig.to_json())
        return {
            "application/vnd.plotly.v1+json": {"data": spec.get("data", []), "layout": spec.get("layout", {}), "config": CONFIG},
            "text/plain": self.alt,
        }

    def static_html(self, chart_id: str | None = None) -> str:
        """HTML for the static site: the chart's box and its figure as JSON, no script of its own.

        The page's deferred scripts (the partial plotly.js bundle, then ``datapakke-charts.js``) draw
        every ``script.lb-chart-spec`` into the box its ``data-for`` names once the text is shown, so a
        chart never holds up the page. The box has the chart's height from the start (nothing moves).
        """
        spec = json.loads(self.fig.to_json())
        spec = {"data": spec.get("data", []), "layout": spec.get("layout", {}), "config": CONFIG}
        # "<" escaped: the JSON can never close its <script> element, whatever a label says.
        payload = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        height = int(self.fig.layout.height or LAYOUT["height"])
        chart_id = chart_id or self.chart_id
        return (
            f'<figure class="lb-figure" style="margin:0">{self.head_html()}'
            f'<div role="img" aria-label="{html.escape(self.alt)}">'
            f'<div id="{chart_id}" class="plotly-graph-div" style="height:{height}px;width:100%"></div>'
            f'<script type="application/json" class="lb-chart-spec" data-for="{chart_id}">{payload}</script></div>'
            f"<figcaption>{self.caption_html()}</figcaption></figure>"
        )

    def served_html(self) -> str:
        """HTML for a page of the ``landsby serve`` Voilà server: as on the static site, plus the chart's numbers.

        The server's template loads the partial plotly.js bundle from the server itself (cached by the
        browser, once for every page) and draws each chart's JSON into its box, also when a widget's
        output shows a chart later. Voilà then never loads jupyterlab-plotly's renderer, which carries the
        full 4.8 MB plotly.js (1.4 MB compressed) to every reader.
        """
        # A live page may show the same chart again (a reader's choice redrawn in a widget): each box gets its own id.
        static = self.static_html(f"{self.chart_id}-{uuid.uuid4().hex[:8]}")
        return static.replace("</figcaption></figure>", f"{self.numbers_html()}</figcaption></figure>")

    def bundles(self) -> list[dict[str, Any]]:
        """The live display as mimebundles: heading, figure, caption with its numbers (also for an ``Output``'s outputs).

        Under the ``landsby serve`` Voilà server one HTML bundle (:meth:`served_html`); elsewhere
        (JupyterLab, Voilà as a server extension) Plotly's mimetype between two HTML bundles.
        """
        from landsby_utils.maps import served_vendor_url
        from landsby_utils.parts import HTMLPart

        if served_vendor_url() is not None:
            return [{"text/html": self.served_html(), "text/plain": repr(self)}]
        head = HTMLPart(f"<style>{RENDERER_CSS}</style>{self.head_html()}", self.title)
        caption = HTMLPart(self.caption_html() + self.numbers_html(), "\n".join([self.caption, *self.notes]))
        return [{"text/html": head._repr_html_(), "text/plain": repr(head)}, self.mimebundle(),
                {"text/html": caption._repr_html_(), "text/plain": repr(caption)}]

    # -- display protocol ------------------------------------------------------------------------
    def _ipython_display_(self) -> None:
        from IPython.display import display

        from landsby_utils.parts import HTMLPart

        if _display.static_assets() is not None:
            display(HTMLPart(self.static_html(), f"{self.title}\n{self.alt}\n{self.caption}"))
            return
        for bundle in self.bundles():
            display(bundle, raw=True)

    def __repr__(self) -> str:
        return "\n".join([self.title, self.alt, self.caption, *self.notes])


def show_figure(fig: go.Figure, caption: str, alt: str = "", title: str = "", chart_id: str | None = None) -> Any:
    """Return a chart ready for display: Plotly's mimetype renderer live, HTML on the static site.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The chart.
    caption : str
        Source, table and reference date, shown under the chart.
    alt : str
        Alt text (what the chart shows); defaults to the title.
    title : str
        Heading above the chart.
    chart_id : str, optional
        Stable element id for the static HTML.

    Returns
    -------
    FigurePart or HTMLPart
        Live: a :class:`FigurePart` that shows heading, figure (mimetype) and
        caption. Static: an ``HTMLPart`` with :meth:`FigurePart.static_html`.
    """
    part = FigurePart(fig, title, caption, alt or title, chart_id)
    if _display.static_assets() is not None:
        from landsby_utils.parts import HTMLPart

        return HTMLPart(part.static_html(), repr(part))
    return part
