"""The facilities dashboard (``notebooks/03_faciliteter.ipynb``): what the cluster shares, how far each village is.

Everything is computed once per dashboard (cached properties) from the facilities in
the cluster's bounding box plus :data:`settings.OSM_MARGIN_M`; the parts only format.
Distances are straight-line (as the crow flies) in EPSG:25832, from each village's
point (the parish centre when the village's own point is not known).
"""

from __future__ import annotations

import html
from functools import cached_property
from typing import Any

import pandas as pd

from landsby_utils import maps
from landsby_utils.builders.facilities import FacilitiesFrames, build_facilities_frames, facilities_in_reach
from landsby_utils.i18n import t
from landsby_utils.presentation.facilities_closures import FacilitiesClosures
from landsby_utils.presentation.facilities_format import FacilitiesFormat, _join, _table, fmt_km  # noqa: F401 (fmt_km is imported from here)
from landsby_utils.presentation.facilities_tables import FacilitiesTables
from landsby_utils.sources import provenance_of
from landsby_utils.widgets._base import Dashboard, HTMLPart, guarded, notice, part


class FacilitiesDashboard(FacilitiesTables, FacilitiesClosures, FacilitiesFormat, Dashboard):
    """Facilities map, village × category distances, shares, what the cluster shares, closure scenario."""

    section = "faciliteter"

    #: Optional inhabitants per village (index = village name); enables shares of inhabitants.
    village_population: pd.Series | None = None

    has_map = True

    # -- data (prepared ahead: :func:`~landsby_utils.builders.facilities.build_facilities_frames`) ---------
    @classmethod
    def build_frames(cls, cluster: Any) -> FacilitiesFrames:
        """This page's frames (see :mod:`landsby_utils.frames`)."""
        return build_facilities_frames(cluster, village_population=cls.village_population)

    @cached_property
    def raw_facilities(self):
        """The facilities the page is computed from, as the source returns them (a test may give its own)."""
        return facilities_in_reach(self.cluster)

    @cached_property
    def data(self) -> FacilitiesFrames:
        """The page's numbers (given by :meth:`load` when prepared ahead, else built here)."""
        return build_facilities_frames(self.cluster, self.raw_facilities, self.village_population)

    reach_m = property(lambda self: self.data.reach_m, doc="How far beyond the cluster facilities count.")
    facilities = property(lambda self: self.data.facilities, doc="Cleaned facilities (see :attr:`cleaning`).")
    core_facilities = property(lambda self: self.data.core_facilities, doc="Cleaned facilities of the core categories.")
    villages = property(lambda self: self.data.villages, doc="Village points (parish centre when estimated).")
    nearest = property(lambda self: self.data.nearest, doc="Village × category nearest distances (long format).")
    assigned = property(lambda self: self.data.assigned, doc="Facilities inside the cluster with their village.")
    shared = property(lambda self: self.data.shared, doc="Per category: facilities in the cluster, which villages have one.")
    located = property(lambda self: self.data.located, doc="Core facilities with their nearest village and its distance.")
    reachable_categories = property(lambda self: self.data.reachable_categories, doc="Categories in reach of some village.")
    uncertain_categories = property(lambda self: self.data.uncertain_categories, doc="Categories whose absence the data cannot show.")
    absent_categories = property(lambda self: self.data.absent_categories, doc="Categories with nothing in reach.")
    example_closure = property(lambda self: self.data.example_closure, doc="``(category, facility_id)`` of the closure example.")

    @property
    def village_names(self) -> list[str]:
        return [v.name for v in self.cluster.villages]


    # -- what the static datapakke exports -------------------------------------------------

    def provenances(self):
        """Facilities (OpenStreetMap) and boundaries (DAGI)."""
        return [provenance_of(self.facilities), provenance_of(self.cluster.parishes)]

    # -- formatting helpers ---------------------------------------------------------------


    # -- parts --------------------------------------------------------------------------
    @part
    def intro(self) -> HTMLPart:
        """What the page shows, that distances are straight-line, and which village points are estimated."""
        lang = self.lang
        lines = [t("fac_straight_line", lang, reach=self._reach())]
        estimated = [v.name for v in self.cluster.villages if v.point_estimated]
        if estimated:
            lines.append(t("fac_estimated", lang, names=_join(estimated, lang)))
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        gaps = notice(t("snapshot_gaps", lang)) if provenance_of(self.data.raw_facilities).served_from == "snapshot" else None
        title = t("fac_title", lang)
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2>{body}{gaps.html if gaps else ''}",
            "\n".join([title, *lines] + ([gaps.text] if gaps else [])),
        )

    @part
    def map(self) -> HTMLPart:
        """Folium map: one clustered layer per category (icons, colours, popups), legend, villages, outline."""
        lang = self.lang
        fmap = maps.base_map(self.cluster.bbox(2_000), lang)
        maps.add_outline(fmap, self.cluster, lang)
        maps.add_reach(fmap, self.cluster, self.reach_m, lang)
        shown = maps.add_facilities(fmap, self.core_facilities, lang)
        maps.add_villages(fmap, self.cluster, lang)
        maps.add_legend(fmap, shown, lang)
        title = f"{t('map', lang)}: {t('fac_title', lang).lower()}, {self.cluster.name}"
        caption = provenance_of(self.facilities).describe(lang)
        return HTMLPart(
            f"<h2>{html.escape(t('map', lang))}</h2>{maps.map_html(fmap, title, lang=lang)}<p class=\"lb-caption\">{html.escape(caption)}</p>",
            title,
        )


    @part
    def distance_table(self) -> HTMLPart:
        """Colour-coded village × category distances in km, with the nearest facility in a fold-out."""
        return self._distance_table_part()


    @part
    def shares_table(self) -> HTMLPart:
        """How many villages have each kind within 2, 5 and 10 km (and inhabitants, when known)."""
        lang = self.lang
        frame = self.shares_frame()
        title = t("fac_shares_title", lang)
        note = "" if "population" in self.nearest.columns else t("fac_no_population", lang)
        caption = t("fac_straight_line", lang, reach=self._reach())
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2>{_table(frame, caption, lang, title)}" + (f"<p>{html.escape(note)}</p>" if note else ""),
            f"{title}\n{frame.to_string(index=False)}" + (f"\n{note}" if note else ""),
        )


    @part
    def shared_table(self) -> HTMLPart:
        """Which villages have which kind of facility (counts per village and in the cluster)."""
        lang = self.lang
        frame = self.inventory_frame()
        title = t("fac_shared_title", lang)
        intro = t("fac_shared_intro", lang)
        caption = provenance_of(self.facilities).describe(lang)
        return HTMLPart(
            f"<h2>{html.escape(title)}</h2><p>{html.escape(intro)}</p>{_table(frame, caption, lang, title)}",
            f"{title}\n{intro}\n{frame.to_string(index=False)}",
        )


    @part
    def only_one(self) -> HTMLPart:
        """The kinds of facility that exist only once in the cluster (and those that do not exist at all)."""
        lines = self.only_one_lines()
        title = t("fac_only_one_title", self.lang)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return HTMLPart(f"<h2>{html.escape(title)}</h2><ul>{items}</ul>", title + "\n" + "\n".join(f"- {line}" for line in lines))

    # -- closure scenario -------------------------------------------------------------------


    @part
    def closure_example(self) -> HTMLPart:
        """A precomputed closure ("hvis den nærmeste skole lukker") as static HTML (print and static site)."""
        return self._closure_example_part()


    @part
    def closure_scenario(self):
        """Interactive closure: a category dropdown, a list of its facilities, the recomputed table.

        Under ``landsby build`` (no kernel) a short Danish text points to the example instead.
        The result ``Output`` is filled from callbacks only, never at start-up.
        """
        lang = self.lang
        categories = [c for c in self.reachable_categories if c not in self.uncertain_categories]
        if self.static or not categories:
            text = t("fac_static_fallback", lang)
            return HTMLPart(f'<p class="lb-caption">{html.escape(text)}</p>', text)
        import ipywidgets as widgets

        first = self.example_closure[0] if self.example_closure else categories[0]
        def full() -> widgets.Layout:
            return widgets.Layout(width="auto", max_width="44rem")

        # Each control's description is its <label> (its accessible name); the stylesheet puts the labels above
        # the controls (not beside them), so the controls get the phone's full width.
        label_style = {"description_width": "initial"}
        dropdown = widgets.Dropdown(options=[(self._category(c), c) for c in categories], value=first, layout=full(),
                                    description=t("fac_choose_category", lang), style=label_style)
        # Rows: as many as there are facilities, up to 6 (the stylesheet caps the list at half the screen).
        options = self.closure_options(first)
        select = widgets.SelectMultiple(options=options, rows=max(1, min(len(options), 6)), layout=full(),
                                        description=t("fac_choose_facilities", lang), style=label_style)
        hint = widgets.HTML(f'<p class="lb-caption">{html.escape(t("fac_choose_hint", lang))}</p>')
        output = widgets.Output(layout=widgets.Layout(width="100%"))
        caption = t("fac_straight_line", lang, reach=self._reach())

        def show(message: HTMLPart) -> None:
            output.outputs = ()
            output.append_display_data(message)

        @guarded(lang, show, "closure scenario")
        def redraw(_change=None) -> None:
            # Set the Output's content directly (works the same in Voilà, JupyterLab and tests).
            output.outputs = ()
            if select.value:
                output.append_display_data(HTMLPart(self.scenario_html(select.value, caption)))

        @guarded(lang, show, "closure category")
        def change_category(change) -> None:
            select.value = ()
            select.options = self.closure_options(change["new"])
            select.rows = max(1, min(len(select.options), 6))
            redraw()

        dropdown.observe(change_category, names="value")
        select.observe(redraw, names="value")
        heading = widgets.HTML(f'<h3 class="landsby">{html.escape(t("fac_try_it", lang))}</h3>')
        box = widgets.VBox([heading, hint, dropdown, select, output], layout=widgets.Layout(width="auto"))
        box.add_class("lb-interactive")
        box.add_class("landsby")
        self._closure_widgets = {"dropdown": dropdown, "select": select, "output": output}
        return box

    # -- notes and sources --------------------------------------------------------------------

    @part
    def data_notes(self) -> HTMLPart:
        """What was missing or doubtful in the data (no names, no position, duplicates, far away, none in reach)."""
        return self._data_notes_part()

    @part
    def sources(self) -> HTMLPart:
        """Sources and licences of the facilities and the boundaries."""
        return self.sources_footer(self.provenances())
