"""Charts, the flow map and display tables of the "Hvem flytter" page (presentation: frames in, figures/HTML out).

Every figure here is for the cluster's municipality (or Denmark / similar municipalities); the
dashboard says so next to each. Small counts are already suppressed in the frames
(:func:`landsby_utils.moves.protect`); only shown cells reach a chart, map or table.
"""

from __future__ import annotations

import html
import math

import folium
import pandas as pd
import plotly.graph_objects as go

from landsby_utils import maps
from landsby_utils.charts import _figure, _with_numbers, _year_axis
from landsby_utils.i18n import fmt_int, t
from landsby_utils.moves import OTHER, TOTAL, account_sentences, flow_sentences, period_rates
from landsby_utils.moves_frames import MovesFrames
from landsby_utils.privacy import SuppressedTable

IN_COLOR, OUT_COLOR, NET_COLOR, HOME_COLOR = "#2a9d8f", "#e76f00", "#3a0ca3", "#b5179e"
#: Denmark's extent (west, south, east, north), Bornholm and Christiansø included.
DENMARK_BOUNDS = (8.0, 54.55, 15.25, 57.8)
#: Components compared as rates per 1,000, in order.
RATE_SHOWN = ("births", "deaths", "moves_in", "moves_out", "immigration", "emigration")


def years_text(by_source: dict[str, list[int]], lang: str = "da") -> list[str]:
    """Which years each source served, e.g. ``["2006–2017 (pakket øjebliksbillede)"]``."""
    out = []
    for source, years in by_source.items():
        span = f"{min(years)}–{max(years)}" if len(years) > 1 else str(years[0])
        out.append(f"{span} ({t('mv_source_' + source, lang)})")
    return out


def sentences(frames: MovesFrames, lang: str = "da") -> list[str]:
    """The sentences that read the page's figures (2024 moves by age, then 2006–2017 against Denmark and similar
    municipalities); they read only the cells that are shown."""
    first, last = frames.period
    similar = period_rates(frames.similar_accounts, first, last)
    denmark = period_rates(frames.denmark, first, last)
    return [*flow_sentences(*frames.bands_protected, frames.flow_year, lang),
            *account_sentences(frames.accounts, first, last, denmark, similar, lang)]


def band_label(band: str, lang: str) -> str:
    """The reader's label of a band choice (``"all"`` or an age-band key)."""
    return t("mv_all_ages", lang) if band == "all" else t("mv_band", lang, band=band.replace("-", "–"))


def band_in_text(band: str, lang: str) -> str:
    """A band choice inside a sentence or title ("alle aldre", "18–29 år")."""
    return t("mv_all_ages_in_text", lang) if band == "all" else band_label(band, lang)


def accounts_chart(frames: MovesFrames, lang: str = "da") -> go.Figure:
    """Stacked bars of natural increase, net moves between municipalities and net migration abroad, with growth."""
    table = frames.accounts.dropna(subset=["growth"])
    fig = _figure(barmode="relative")
    numbers = {}
    for key, color in (("natural_increase", "#4a4e69"), ("net_moves", OUT_COLOR), ("net_immigration", IN_COLOR)):
        label = t(f"mv_c_{key}", lang)
        numbers[label] = table[key]
        fig.add_bar(x=list(table.index), y=table[key].tolist(), name=label, marker_color=color,
                    hovertemplate=f"%{{x}}: %{{y:,.0f}}<extra>{html.escape(label)}</extra>")
    label = t("mv_c_growth", lang)
    numbers[label] = table["growth"]
    fig.add_scatter(x=list(table.index), y=table["growth"].tolist(), name=label, mode="markers+lines",
                    line={"color": NET_COLOR, "width": 2}, marker={"size": 8},
                    hovertemplate=f"%{{x}}: %{{y:,.0f}}<extra>{html.escape(label)}</extra>")
    fig.update_yaxes(title=t("mv_persons_axis", lang), tickformat=",.0f", zeroline=True, zerolinecolor="#888")
    _year_axis(fig, list(table.index))
    fig.update_layout(hovermode="x unified")
    return _with_numbers(fig, numbers, t("numbers_year", lang), lang)


def period_rate_table(frames: MovesFrames, lang: str = "da") -> pd.DataFrame:
    """Rates per 1,000 inhabitants a year over the complete period: municipality, similar municipalities, Denmark."""
    first, last = frames.period
    areas = {
        frames.name: frames.accounts,
        t("mv_similar_label", lang): frames.similar_accounts,
        t("pop_country_name", lang): frames.denmark,
    }
    return pd.DataFrame({label: period_rates(table, first, last)[list(RATE_SHOWN)] for label, table in areas.items()})


def rates_chart(frames: MovesFrames, lang: str = "da") -> go.Figure:
    """Horizontal grouped bars (labels readable on a phone): rates per 1,000 a year, three areas."""
    rates = period_rate_table(frames, lang)
    labels = [t(f"mv_c_{key}", lang) for key in rates.index]
    fig = _figure(barmode="group", height=460, margin={"l": 110, "r": 12, "t": 16, "b": 40})
    numbers = {}
    for i, area in enumerate(rates.columns):
        numbers[area] = pd.Series(rates[area].to_numpy(), index=labels)
        fig.add_bar(y=labels, x=[round(v, 1) for v in rates[area]], name=area, orientation="h",
                    marker_color=(HOME_COLOR, "#e76f00", "#4a4e69")[i],
                    hovertemplate=f"%{{y}}: %{{x:.1f}}<extra>{html.escape(area)}</extra>")
    fig.update_xaxes(title=t("mv_rate_axis", lang), tickformat=",.0f")
    fig.update_yaxes(autorange="reversed")
    return _with_numbers(fig, numbers, t("mv_component", lang), lang, decimals=1)


def age_chart(frames: MovesFrames, lang: str = "da") -> go.Figure:
    """Bars per age band: moved in, moved out and net (shown cells only)."""
    protected, net = frames.bands_protected
    masked = protected.masked().drop(index=TOTAL)
    labels = [b.replace("-", "–") for b in masked.index]
    fig = _figure(barmode="group")
    numbers = {}
    for key, series, color in (("mv_moved_in", masked["moves_in"], IN_COLOR), ("mv_moved_out", masked["moves_out"], OUT_COLOR),
                               ("mv_net", net.drop(index=TOTAL), NET_COLOR)):
        label = t(key, lang)
        values = [None if pd.isna(v) else int(v) for v in series]
        numbers[label] = pd.Series(values, index=labels, dtype="Float64")
        fig.add_bar(x=labels, y=values, name=label, marker_color=color,
                    hovertemplate=f"%{{x}}: %{{y:,.0f}}<extra>{html.escape(label)}</extra>")
    fig.update_yaxes(title=t("mv_persons_axis", lang), tickformat=",.0f", zeroline=True, zerolinecolor="#888")
    fig.update_xaxes(title=None, type="category")
    return _with_numbers(fig, numbers, t("mv_age", lang), lang)


def partner_display(frames: MovesFrames, choice: str, lang: str = "da") -> pd.DataFrame | None:
    """The partner table as text (suppressed cells marked), or None when nobody moved in that band."""
    frame, protected, net = frames.partners[choice]
    if protected is None:
        return None
    shown = protected.display(lang)
    names = [_partner_name(frames, code, lang) for code in shown.index]
    net_text = [("×" if pd.isna(v) else _signed(int(v), lang)) for v in net]
    return pd.DataFrame({
        t("mv_municipality", lang): names,
        t("mv_moved_in_from", lang): shown["moves_in"].tolist(),
        t("mv_moved_out_to", lang): shown["moves_out"].tolist(),
        t("mv_net", lang): net_text,
    })


def _partner_name(frames: MovesFrames, code: str, lang: str) -> str:
    if code == OTHER:
        return t("mv_other_municipalities", lang)
    if code == TOTAL:
        return t("mv_total", lang)
    return frames.names.get(code, code)


def _signed(value: int, lang: str) -> str:
    return ("−" + fmt_int(-value, lang)) if value < 0 else ("+" + fmt_int(value, lang) if value > 0 else "0")


def flows_map(frames: MovesFrames, choice: str, lang: str = "da") -> str:
    """A map of Denmark: the municipality, its top partners as points and lines (width by moves), as HTML."""
    frame, protected, net = frames.partners[choice]
    home = frames.points[frames.code]
    shown_points = [frames.points[c] for c in frame.index if c in frames.points] + [home]
    lats, lons = [p[0] for p in shown_points], [p[1] for p in shown_points]
    pad = 0.15
    bounds = (min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad)
    fmap = maps.base_map(bounds if len(shown_points) > 1 else DENMARK_BOUNDS, lang)
    layer_in = folium.FeatureGroup(name=t("mv_more_in", lang))
    layer_out = folium.FeatureGroup(name=t("mv_more_out", lang))
    shown = protected.display(lang)
    masked = protected.masked()
    for code in frame.index:
        if code in (OTHER, TOTAL) or code not in frames.points:
            continue
        gross = sum(0 if pd.isna(v) else int(v) for v in masked.loc[code])
        value = net.loc[code]
        group, color = (layer_in, IN_COLOR) if not pd.isna(value) and value > 0 else (layer_out, OUT_COLOR)
        if pd.isna(value):
            color = "#777777"
        tip = t("mv_map_tip", lang, name=frames.names.get(code, code), moves_in=shown.loc[code, "moves_in"],
                moves_out=shown.loc[code, "moves_out"], net="×" if pd.isna(value) else _signed(int(value), lang))
        weight = 1.5 + 1.2 * math.sqrt(max(gross, 1) / 10)
        folium.PolyLine([home, frames.points[code]], color=color, weight=min(weight, 12), opacity=0.75,
                        tooltip=tip).add_to(group)
        folium.CircleMarker(frames.points[code], radius=6, color=color, fill=True, fill_opacity=0.9,
                            tooltip=tip).add_to(group)
    layer_in.add_to(fmap)
    layer_out.add_to(fmap)
    folium.CircleMarker(home, radius=9, color=HOME_COLOR, fill=True, fill_opacity=1,
                        tooltip=frames.name).add_to(fmap)
    title = t("mv_map_title", lang, municipality=frames.name, band=band_in_text(choice, lang), year=frames.flow_year)
    return maps.map_html(fmap, title, height="min(60vh, 480px)", lang=lang)


def suppressed_export(protected: SuppressedTable, net: pd.Series, lang: str = "da") -> pd.DataFrame:
    """A protected in/out table for CSV/Excel: numbers where shown, ``<5``/``×`` marks where hidden, and the net."""
    from landsby_utils.privacy import export_cells

    out = export_cells(protected.values, protected.hidden, protected.display(lang))
    out["net"] = [("×" if pd.isna(v) else int(v)) for v in net]
    return out


# --- parishes (KMSTA003) ---------------------------------------------------------------------


def parish_years(frames: MovesFrames) -> str:
    """The span of the fetched parish years (``"2015–2024"``), or ``""`` when nothing is fetched."""
    years = sorted(frames.parishes)
    return "" if not years else (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]))


def _parish_row_name(frames: MovesFrames, code: str, lang: str) -> str:
    if code == TOTAL:
        return t("mv_parish_total", lang)
    return f"{frames.parish_names.get(code, code)} ({code})"


def parish_display(frames: MovesFrames, lang: str = "da") -> pd.DataFrame:
    """Every fetched year's parish table as text (``<5``/``×``/``..`` marks), newest year first."""
    parts = []
    for year in sorted(frames.parishes, reverse=True):
        shown = frames.parishes[year].display(lang)
        out = pd.DataFrame({t("numbers_year", lang): str(year),
                            t("mv_parish_parish", lang): [_parish_row_name(frames, c, lang) for c in shown.index]})
        for column in shown.columns:
            out[t(f"mv_c_{column}", lang)] = shown[column].tolist()
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def parish_export(frames: MovesFrames, lang: str = "da") -> pd.DataFrame:
    """The parish tables for CSV/Excel: numbers where shown, ``<5``/``×`` where hidden, one row per parish and year."""
    from landsby_utils.privacy import export_cells

    parts = []
    for year in sorted(frames.parishes):
        protected = frames.parishes[year]
        out = export_cells(protected.values, protected.hidden, protected.display(lang))
        out.insert(0, "parish", [_parish_row_name(frames, c, lang) for c in out.index])
        out.insert(0, "year", year)
        parts.append(out.reset_index(names="parish_code"))
    return pd.concat(parts, ignore_index=True)
