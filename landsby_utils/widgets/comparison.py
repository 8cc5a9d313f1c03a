"""The comparison dashboard "Steder som os" (``notebooks/04_sammenligning.ipynb``).

Where each village stands among Denmark's parishes, which parishes and which other clusters are
most like it, and why. A thin controller: the numbers come from
:func:`landsby_utils.comparison_frames.build_comparison_frames` (prepared ahead, pickled per
cluster), the formatting from :mod:`landsby_utils.comparison_parts`. One interaction: which
indicators count (checkboxes) → the similar places change.
"""

from __future__ import annotations

import html
from functools import cached_property

import pandas as pd

from landsby_utils import comparison_parts as view
from landsby_utils.charts import show_figure
from landsby_utils.comparison_frames import (
    CLUSTER_ID,
    N_CLUSTERS,
    N_PARISHES,
    ComparisonFrames,
    build_comparison_frames,
)
from landsby_utils.i18n import t
from landsby_utils.sources._provenance import Provenance
from landsby_utils.widgets._base import Dashboard, HTMLPart, guarded, notice, part, table_html


class ComparisonDashboard(Dashboard):
    """Positions among all and rural parishes, similar parishes and clusters, a map, the method."""

    section = "sammenligning"

    has_map = True

    def prepare(self) -> None:
        """The comparison frames (national table, z-scores, positions, neighbours)."""
        self.data  # noqa: B018

    @cached_property
    def data(self) -> ComparisonFrames:
        """Everything the page shows, as numbers."""
        return build_comparison_frames(self.cluster)

    # -- helpers ----------------------------------------------------------------------------
    @property
    def villages(self) -> list[str]:
        """Ids of the village places."""
        places = self.data.places
        return list(places.index[places["kind"] == "village"])

    def _caption(self) -> str:
        return " ".join(Provenance(**p).describe(self.lang) for p in self.data.provenances[:1])

    # -- exports ----------------------------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """Positions, indicators, similar parishes and similar clusters as numbers (shares on 1–4 persons left out)."""
        data, lang = self.data, self.lang
        places = data.places
        values = pd.DataFrame({t("cmp_col_place", lang): [view.place_name(places, k, lang) for k in places.index],
                               t("cmp_col_code", lang): places["parish_codes"].to_list()})
        for ind in view.INDICATORS:
            values[view.ind_label(ind.code, lang)] = [round(view.value(places.loc[k], ind.code), 3) for k in places.index]
        pos = data.positions.copy()
        rests = [view.hidden(places.loc[p], c) for p, c in zip(pos["place"], pos["indicator"], strict=True)]
        pos.loc[rests, ["value", "below_all", "above_all", "below_rural", "above_rural"]] = float("nan")
        positions = pd.DataFrame({
            t("cmp_col_place", lang): [view.place_name(places, k, lang) for k in pos["place"]],
            t("cmp_col_indicator", lang): [view.ind_label(c, lang) for c in pos["indicator"]],
            t("cmp_col_value", lang): pos["value"].round(3),
            **{t(f"cmp_col_{k}", lang): (pos[k] * 100).round(1) for k in ("below_all", "above_all", "below_rural", "above_rural")},
        })
        return {"sammenligning_kendetal": values, "sammenligning_placering": positions,
                "lignende_sogne": self._neighbour_export(data.neighbours), "lignende_klynger": self._cluster_export(data.similar_clusters)}

    def _neighbour_export(self, neighbours: pd.DataFrame) -> pd.DataFrame:
        lang, data = self.lang, self.data
        rows = []
        for r in neighbours.itertuples(index=False):
            other = data.national.loc[r.parish_code]
            row = {t("cmp_col_place", lang): view.place_name(data.places, r.query, lang), t("cmp_col_rank", lang): r.rank,
                   t("cmp_col_code", lang): r.parish_code, t("cmp_col_parish", lang): other["parish_name"],
                   t("cmp_col_municipality", lang): other["municipality_name"], t("cmp_col_distance", lang): round(r.distance, 3),
                   t("cmp_col_small", lang): bool(view.small(other["population_2021"]))}
            row.update({view.ind_label(i.code, lang): round(view.value(other, i.code), 3) for i in view.INDICATORS})
            rows.append(row)
        return pd.DataFrame(rows)

    def _cluster_export(self, similar: pd.DataFrame) -> pd.DataFrame:
        lang, data = self.lang, self.data
        return pd.DataFrame([{t("cmp_col_rank", lang): r.rank, t("cmp_col_cluster", lang): data.clusters.loc[r.slug, "name"],
                              t("cmp_col_municipality", lang): data.clusters.loc[r.slug, "municipality_name"],
                              t("cmp_col_distance", lang): round(r.distance, 3)} for r in similar.itertuples(index=False)])

    def provenances(self) -> list[Provenance]:
        """SOGN1, DAGI 2021 parishes and OpenStreetMap 2019."""
        return [Provenance(**p) for p in self.data.provenances]

    # -- parts ------------------------------------------------------------------------------
    @part
    def intro(self) -> HTMLPart:
        """What the page does, and what is missing or special for this cluster."""
        lang, data = self.lang, self.data
        rural = int(data.national["rural"].sum())
        lines = [t("cmp_intro", lang, n_all=f"{len(data.national):,}".replace(",", "." if lang == "da" else ","),
                   n_rural=f"{rural:,}".replace(",", "." if lang == "da" else ","))]
        notes = []
        for key in data.places.index:
            missing = [m for m in str(data.places.loc[key, "missing"]).split(";") if m]
            if missing:
                names = ", ".join(view.short(m, lang) for m in missing)
                notes.append(t("cmp_missing", lang, name=view.place_name(data.places, key, lang), names=names))
        if len(self.villages) == 1:
            notes.append(t("cmp_one_place", lang, name=data.places.loc[self.villages[0], "label"]))
        if data.places.loc[self.villages, "small"].any():
            notes.append(t("cmp_small_note", lang))
        body = f"<p>{html.escape(lines[0])}</p>" + "".join(notice(n).html for n in notes)
        return HTMLPart(body, "\n".join(lines + notes))

    @part
    def position_chart(self):
        """The compact dot chart of every place's position on every indicator."""
        lang = self.lang
        return show_figure(view.position_figure(self.data, lang), self._caption(), t("cmp_position_alt", lang),
                           t("cmp_position_title", lang), chart_id="lb-cmp-position")

    @part
    def in_words(self) -> HTMLPart:
        """Each place's position in words among rural parishes ("flere børn end 7 ud af 10 danske landsogne")."""
        lang, data = self.lang, self.data
        keys = ([CLUSTER_ID] if len(self.villages) > 1 else []) + self.villages
        blocks, text = [], []
        for n, key in enumerate(keys):
            title = t("cmp_sentences_title", lang, name=view.place_name(data.places, key, lang))
            lines = view.sentences(data, key, lang)
            items = "".join(f"<li>{html.escape(s)}</li>" for s in lines)
            opened = " open" if n == 0 else ""
            blocks.append(f"<details{opened}><summary>{html.escape(title)}</summary><ul class='lb-cmp-words'>{items}</ul></details>")
            text += [title, *(f"- {s}" for s in lines)]
        return HTMLPart("".join(blocks), "\n".join(text))

    def similar_html(self, codes=None) -> HTMLPart:
        """Similar parishes (with why) per village and similar clusters, for the indicators ``codes``.

        Raises
        ------
        landsby_utils.comparison.NoIndicatorsError
            When ``codes`` is empty (the part shows a Danish message).
        """
        lang, data = self.lang, self.data
        neighbours, clusters = data.similar(codes) if codes is not None else (data.neighbours, data.similar_clusters)
        parts, text = [], []
        for n, key in enumerate(self.villages):
            name = view.place_name(data.places, key, lang)
            title = t("cmp_similar_title", lang, name=name)
            intro = t("cmp_similar_intro", lang, k=N_PARISHES, name=name)
            table = view.similar_frame(data, neighbours, key, lang)
            why = view.why_frame(data, neighbours, key, lang)
            why_title = t("cmp_why_title", lang, name=name)
            parts.append(f"<details{' open' if n == 0 else ''}><summary>{html.escape(title)}</summary>"
                         f"<p>{html.escape(intro)}</p>{view.similar_list_html(table, lang)}"
                         f"<h4>{html.escape(why_title)}</h4><div class=\"lb-cmp-why\">{table_html(why, '', lang, label=why_title)}</div>"
                         "</details>")
            text += [title, table.to_string(index=False), why_title, why.to_string(index=False)]
        title = t("cmp_clusters_title", lang)
        intro = t("cmp_clusters_intro", lang, k=N_CLUSTERS, n=len(data.clusters), name=self.cluster.name)
        table = view.clusters_frame(data, clusters, lang)
        parts.append(f"<h3>{html.escape(title)}</h3><p>{html.escape(intro)}</p>{view.similar_list_html(table, lang, 'cmp_col_cluster')}")
        text += [title, table.to_string(index=False)]
        return HTMLPart("".join(parts), "\n".join(text))

    def _default_names(self) -> str:
        return ", ".join(view.short(c, self.lang) for c in view.DEFAULT_CODES)

    @part
    def similar(self):
        """Similar places; under Voilà with checkboxes choosing which indicators count (static: the default)."""
        lang = self.lang
        if self.static:
            note = t("cmp_static_choice", lang, names=self._default_names())
            shown = self.similar_html()
            return HTMLPart(f'<p class="lb-caption">{html.escape(note)}</p>{shown.html}', f"{note}\n{shown.text}")
        import ipywidgets as widgets

        boxes = {i.code: widgets.Checkbox(value=i.default, description=view.ind_label(i.code, lang), indent=False,
                                          layout=widgets.Layout(width="auto")) for i in view.INDICATORS}
        output = widgets.Output(layout=widgets.Layout(width="100%"))

        def show(message: HTMLPart) -> None:
            output.outputs = ()
            output.append_display_data(message)

        @guarded(lang, show, "comparison indicators")
        def redraw(_change=None) -> None:
            codes = [code for code, box in boxes.items() if box.value]
            show(self.similar_html(codes))

        for box in boxes.values():
            box.observe(redraw, names="value")
        show(self.similar_html())
        heading = widgets.HTML(f'<h2 class="landsby">{html.escape(t("cmp_choose_title", lang))}</h2>'
                               f'<p class="landsby lb-caption">{html.escape(t("cmp_choose_hint", lang))}</p>')
        choice = widgets.VBox(list(boxes.values()), layout=widgets.Layout(width="auto"))
        box = widgets.VBox([heading, choice, output], layout=widgets.Layout(width="auto"))
        box.add_class("lb-interactive")
        box.add_class("landsby")
        self._widgets = {"boxes": boxes, "output": output}
        return box

    @part
    def map(self) -> HTMLPart:
        """Denmark with the similar parishes (default indicators) as points, and the cluster's villages."""
        lang = self.lang
        caption = t("cmp_map_caption", lang)
        title = t("cmp_map_title", lang)
        body = view.similar_map(self.data, self.data.neighbours, self.cluster, lang)
        key = view.map_key_html(self.data, lang)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{body}{key}<p class=\"lb-caption\">{html.escape(caption)}</p>",
                        f"{title}\n{caption}")

    @part
    def method(self) -> HTMLPart:
        """The method note: indicators, transforms, distance, rural, limits."""
        lang = self.lang
        title = t("cmp_method_title", lang)
        lines = [*view.method_lines(lang), t("cmp_hidden_note", lang)]
        items = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        return HTMLPart(f"<h2>{html.escape(title)}</h2>{items}", title + "\n" + "\n".join(lines))

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences."""
        return self.sources_footer(self.provenances())
