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
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import charts
from landsby_utils._errors import LandsbyError
from landsby_utils.builders.population import ParishData, PopulationFrames, build_population_frames, parish_population  # noqa: F401
from landsby_utils.i18n import t
from landsby_utils.parts import LivePart
from landsby_utils.presentation.population_charts import PopulationCharts
from landsby_utils.presentation.population_subject import PopulationSubject
from landsby_utils.presentation.population_tables import PopulationTables, _table
from landsby_utils.presentation.population_text import PopulationText
from landsby_utils.sources import provenance_of
from landsby_utils.widgets._base import Dashboard, HTMLPart, error_box, guarded, notice, part


class PopulationDashboard(PopulationTables, PopulationText, PopulationCharts, PopulationSubject, Dashboard):
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


    # -- computations shared by parts and the picker ---------------------------------------------------


    # -- what the static datapakke exports -------------------------------------------------------


    def provenances(self) -> list:
        """Provenance of every source on the page."""
        found = [provenance_of(self.context), provenance_of(self.areas)] if self.error is None else []
        if self.error is None and self.parishes.frame is not None:
            found.insert(0, provenance_of(self.parishes.frame))
        return found


    # -- parts ---------------------------------------------------------------------------------------
    @part
    def data_notice(self) -> HTMLPart:
        """What the figures cover: the honest gap notice, or which parishes are summed."""
        return self._data_notice_part()

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
        return LivePart(box, f"{t('pop_picker_title', lang)} ({state}): {note_text}")

    def _live(self, key: str, body: str, text: str) -> Any:
        if not self.interactive:
            return HTMLPart(body, text)
        import ipywidgets as widgets

        widget = widgets.HTML(f'<div class="landsby">{body}</div>', layout=widgets.Layout(width="100%"))
        self._widgets[key] = widget
        return LivePart(widget, text, body)

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


    @part
    def population_chart(self) -> Any:
        """Line chart of the population on 1 January of each year."""
        frame, label, _ = self._subject()
        return self._line_figure(frame, label)

    @part
    def index_chart(self) -> Any:
        """The cluster (or municipality) as an index against municipality, region and Denmark."""
        return self._index_figure()


    @part
    def pyramid_chart(self) -> Any:
        """Age pyramids: the cluster against its municipality (or the municipality against Denmark)."""
        frame, label, protected = self._age_subject()
        return self._pyramid_figure(frame, label, protected)

    @part
    def projection_chart(self) -> Any:
        """The municipality's 10-year Hamilton–Perry projection range, with the method, its back-test and scope."""
        return self._projection_figure()


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

