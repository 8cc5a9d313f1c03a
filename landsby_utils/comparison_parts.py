"""Presentation of "Steder som os": sentences, the position chart, tables and the map (no data reading).

Everything here formats :class:`landsby_utils.comparison_frames.ComparisonFrames` for the reader's
language; the numbers come from the frames. Shares and the dependency ratio that rest on 1–4
persons are hidden (``×``), as the privacy rule says for derived counts.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from landsby_utils import comparison as cmp
from landsby_utils import maps
from landsby_utils.charts import LAYOUT, _with_numbers
from landsby_utils.i18n import fmt_num, t
from landsby_utils.privacy import HIDDEN_MARK, is_small

#: The indicators the page shows (and the ones counted unless the reader chooses), from the analysis.
INDICATORS = cmp.INDICATORS
DEFAULT_CODES = cmp.DEFAULT_CODES
small = cmp.small

#: The count each share rests on (hidden when it is 1–4 persons).
_RESTS_ON = {"children": ("persons_0_15",), "elderly": ("persons_65plus",),
             "dependency": ("persons_65plus", "persons_16_64")}
_PALETTE = ["#3a0ca3", "#b5179e", "#e76f00", "#2a9d8f", "#4361ee", "#7b2d26", "#5e7d00", "#c2185b", "#1b3a6b",
            "#8a5a2b", "#00788a", "#5c5c5c"]
#: Denmark's extent (west, south, east, north) for the map.
DENMARK_BOUNDS = (8.0, 54.55, 15.2, 57.75)


def ind_label(code: str, lang: str) -> str:
    """The indicator's label (``"Andel 0–15 år, 2014 (%)"``)."""
    return t(f"cmp_ind_{code}", lang)


def short(code: str, lang: str) -> str:
    """The indicator's short name (``"børn"``)."""
    return t(f"cmp_short_{code}", lang)


def place_name(places: pd.DataFrame, key: str, lang: str) -> str:
    """A place's name for readers; the whole cluster says so."""
    row = places.loc[key]
    return t("cmp_cluster_label", lang, name=row["label"]) if row["kind"] == "cluster" else str(row["label"])


def hidden(row: pd.Series, code: str) -> bool:
    """True when the indicator of ``row`` rests on 1–4 persons (then it is never shown)."""
    return any(is_small(row.get(column)) for column in _RESTS_ON.get(code, ()))


def value(row: pd.Series, code: str) -> float:
    """The indicator's value in ``row``, NaN when missing or hidden."""
    if hidden(row, code):
        return np.nan
    number = pd.to_numeric(pd.Series([row.get(cmp.BY_CODE[code].column)]), errors="coerce").iloc[0]
    return float(number)


def value_text(row: pd.Series, code: str, lang: str) -> str:
    """The indicator's value formatted (``×`` when hidden, ``–`` when missing)."""
    if hidden(row, code):
        return HIDDEN_MARK
    number = value(row, code)
    return fmt_num(number, cmp.BY_CODE[code].decimals, lang)


def sentence(name: str, code: str, below: float, above: float, group: str, lang: str) -> str:
    """One position in words: "Hee har flere børn end 7 ud af 10 danske landsogne."."""
    if pd.isna(below):
        return t("cmp_no_value", lang, name=name, what=short(code, lang))
    direction, n = cmp.in_words(below, above)
    group_text = t(f"cmp_group_{group}", lang)
    if code in ("school", "childcare", "grocery", "doctor", "library"):
        return t(f"cmp_{direction}_dist", lang, name=name, n=n, group=group_text, what=t(f"cmp_what_{code}", lang))
    return t(f"cmp_{direction}_{code}", lang, name=name, n=n, group=group_text)


def sentences(frames, key: str, lang: str, group: str = "rural") -> list[str]:
    """Every indicator's position of a place in words (among rural parishes by default)."""
    name = place_name(frames.places, key, lang) if frames.places.loc[key, "kind"] != "cluster" else frames.places.loc[key, "label"]
    row = frames.places.loc[key]
    rows = frames.positions[frames.positions["place"] == key]
    out = []
    for pos in rows.itertuples(index=False):
        if hidden(row, pos.indicator):
            continue
        out.append(sentence(name, pos.indicator, getattr(pos, f"below_{group}"), getattr(pos, f"above_{group}"), group, lang))
    return out


def position_figure(frames, lang: str) -> go.Figure:
    """A compact dot chart: one row per indicator, one dot per place at its share of parishes with a lower value."""
    fig = go.Figure()
    fig.update_layout(**LAYOUT)
    codes = [i.code for i in cmp.INDICATORS]
    labels = [short(c, lang) for c in codes]
    numbers = {}
    for n, key in enumerate(frames.places.index):
        row = frames.places.loc[key]
        pos = frames.positions[frames.positions["place"] == key].set_index("indicator").reindex(codes)
        x = [np.nan if hidden(row, c) else pos.loc[c, "below_all"] * 100 for c in codes]
        cluster = row["kind"] == "cluster"
        name = place_name(frames.places, key, lang)
        fig.add_trace(go.Scatter(
            x=x, y=labels, mode="markers", name=name,
            marker={"size": 14 if cluster else 10, "symbol": "diamond" if cluster else "circle",
                    "color": "#1d1d1f" if cluster else _PALETTE[n % len(_PALETTE)], "line": {"width": 1, "color": "white"}},
            hovertemplate=f"{html.escape(name)}: %{{x:.0f}} %<extra>%{{y}}</extra>",
        ))
        numbers[name] = pd.Series(x, index=labels)
    fig.update_xaxes(range=[-3, 103], title={"text": t("cmp_position_axis", lang), "font": {"size": 13}}, dtick=25)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(height=150 + 34 * len(codes) + 22 * len(frames.places), margin={"l": 150, "r": 12, "t": 8, "b": 40},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})
    return _with_numbers(fig, numbers, t("cmp_col_indicator", lang), lang)


def _verdicts(z_a: pd.Series, z_b: pd.Series, used: list[str], lang: str) -> tuple[str, str]:
    """("alike in", "different in") texts for two places."""
    gaps = cmp.gaps(z_a, z_b, used)
    close = gaps[gaps["verdict"] == "close"].assign(size=lambda f: f["gap"].abs()).sort_values("size")
    apart = gaps[gaps["verdict"].isin(["higher", "lower"])].assign(size=lambda f: -f["gap"].abs()).sort_values("size")
    alike = ", ".join(short(c, lang) for c in close["indicator"].head(3)) or t("cmp_nothing", lang)
    differs = ", ".join(t(f"cmp_{v}", lang, what=short(c, lang)) for c, v in zip(apart["indicator"].head(3), apart["verdict"].head(3), strict=True))
    return alike, differs or t("cmp_nothing", lang)


def similar_frame(frames, neighbours: pd.DataFrame, key: str, lang: str) -> pd.DataFrame:
    """The similar parishes of one place, for display (most similar first; not a ranking of merit)."""
    rows = neighbours[neighbours["query"] == key]
    out = []
    for r in rows.itertuples(index=False):
        other = frames.national.loc[r.parish_code]
        used = r.used.split(";")
        alike, differs = _verdicts(frames.z_places.loc[key], frames.z_national.loc[r.parish_code], used, lang)
        flag = t("cmp_small_flag", lang) if cmp.small(other["population_2021"]) else ""
        out.append({t("cmp_col_parish", lang): f"{other['parish_name']} ({r.parish_code})",
                    t("cmp_col_municipality", lang): other["municipality_name"],
                    t("cmp_ind_population", lang): int(other["population_2021"]),
                    t("cmp_col_alike", lang): alike, t("cmp_col_differs", lang): differs,
                    t("cmp_col_small", lang): flag})
    return pd.DataFrame(out)


def similar_list_html(frame: pd.DataFrame, lang: str, name_key: str = "cmp_col_parish") -> str:
    """Similar places as a phone-friendly list (the rows of :func:`similar_frame` or :func:`clusters_frame`)."""
    items = []
    for row in frame.to_dict("records"):
        pop = t("cmp_inhabitants", lang, n=fmt_num(row[t("cmp_ind_population", lang)], 0, lang))
        flag = row.get(t("cmp_col_small", lang), "")
        flag_html = f' <em class="lb-flag">({html.escape(flag)})</em>' if flag else ""
        differs = row[t("cmp_col_differs", lang)]
        items.append(
            f"<li><strong>{html.escape(row[t(name_key, lang)])}</strong>, "
            f"{html.escape(str(row[t('cmp_col_municipality', lang)]))} · {html.escape(pop)}{flag_html}<br>"
            f"{html.escape(t('cmp_col_alike', lang))}: {html.escape(row[t('cmp_col_alike', lang)])}"
            + (f"<br>{html.escape(t('cmp_col_differs', lang))}: {html.escape(differs)}" if differs != t("cmp_nothing", lang) else "")
            + "</li>")
    return f'<ul class="lb-similar">{"".join(items)}</ul>'


def why_frame(frames, neighbours: pd.DataFrame, key: str, lang: str) -> pd.DataFrame:
    """Per indicator: the place's value, the similar parishes' median, and how they compare."""
    rows = neighbours[neighbours["query"] == key]
    used = rows["used"].iloc[0].split(";") if len(rows) else []
    place = frames.places.loc[key]
    others = frames.national.loc[rows["parish_code"]]
    z_median = frames.z_national.loc[rows["parish_code"]].median()
    gaps = cmp.gaps(frames.z_places.loc[key], z_median, [c for c in used] or None).set_index("indicator")
    out = []
    for code in used:
        ind = cmp.BY_CODE[code]
        shown = [value(o, code) for _, o in others.iterrows()]
        median = float(np.nanmedian(shown)) if np.isfinite(shown).any() else np.nan
        out.append({t("cmp_col_indicator", lang): ind_label(code, lang),
                    place_name(frames.places, key, lang): value_text(place, code, lang),
                    t("cmp_col_similar_median", lang): fmt_num(median, ind.decimals, lang),
                    t("cmp_col_verdict", lang): t(f"cmp_verdict_{gaps.loc[code, 'verdict']}", lang)})
    return pd.DataFrame(out)


def clusters_frame(frames, similar_clusters: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The similar other clusters, for display."""
    out = []
    for r in similar_clusters.itertuples(index=False):
        other = frames.clusters.loc[r.slug]
        alike, differs = _verdicts(frames.z_places.loc["klynge"], frames.z_clusters.loc[r.slug], r.used.split(";"), lang)
        out.append({t("cmp_col_cluster", lang): other["name"], t("cmp_col_municipality", lang): other["municipality_name"],
                    t("cmp_ind_population", lang): int(other["population_2021"]),
                    t("cmp_col_alike", lang): alike, t("cmp_col_differs", lang): differs})
    return pd.DataFrame(out)


def similar_map(frames, neighbours: pd.DataFrame, cluster, lang: str) -> str:
    """A map of Denmark with the similar parishes as points (their centres) and the cluster's villages."""
    import folium

    fmap = maps.base_map(DENMARK_BOUNDS, lang)
    group = folium.FeatureGroup(name=t("cmp_map_layer", lang))
    keys = list(frames.places.index)
    for r in neighbours.itertuples(index=False):
        other = frames.national.loc[r.parish_code]
        village = place_name(frames.places, r.query, lang)
        text = t("cmp_map_point", lang, parish=other["parish_name"], municipality=other["municipality_name"], village=village)
        folium.CircleMarker([other["centre_lat"], other["centre_lon"]], radius=6, weight=2, color="#ffffff",
                            fill=True, fill_color=_PALETTE[keys.index(r.query) % len(_PALETTE)], fill_opacity=0.95,
                            tooltip=text, popup=folium.Popup(html.escape(text), max_width=260)).add_to(group)
    group.add_to(fmap)
    maps.add_villages(fmap, cluster, lang)
    return maps.map_html(fmap, f"{t('cmp_map_title', lang)}: {cluster.name}", lang=lang)


def map_key_html(frames, lang: str) -> str:
    """Which colour on the map belongs to which village (the points' tooltips say it too)."""
    keys = list(frames.places.index)
    items = "".join(
        f'<li><span aria-hidden="true" style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
        f'background:{_PALETTE[keys.index(key) % len(_PALETTE)]};margin-right:.4em"></span>'
        f"{html.escape(t('cmp_map_like', lang, village=place_name(frames.places, key, lang)))}</li>"
        for key in keys if frames.places.loc[key, "kind"] == "village")
    return f'<ul class="lb-cmp-key" style="list-style:none;padding-left:0;columns:2">{items}</ul>'


def method_lines(lang: str) -> list[str]:
    """The method note, paragraph by paragraph."""
    return [t(f"cmp_method_{n}", lang) for n in range(1, 6)]
