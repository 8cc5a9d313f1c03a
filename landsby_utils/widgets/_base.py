"""What every dashboard shares: parameters, header and navigation, errors in Danish, tables, sources.

A dashboard is a small class (see :class:`Dashboard`); its notebook builds it with
:meth:`Dashboard.from_params` and displays one part per cell. Parts are rich
display objects (HTML, plotly figures, widgets), so the same notebook renders in
JupyterLab, in Voilà and as a static page. If the cluster cannot be loaded, the
header shows a Danish message that says what to do, and every other part shows
nothing — never a traceback.
"""

from __future__ import annotations

import functools
import html
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

import pandas as pd

from landsby_utils import _display, params
from landsby_utils._errors import LandsbyError
from landsby_utils.i18n import t
from landsby_utils.parts import EMPTY, HTMLPart, cards_html, error_box, notice, scroll_box, stylesheet, table_html  # noqa: F401
from landsby_utils.sources._provenance import Provenance

#: (section id, notebook, static page, label key), in navigation order.
SECTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("overblik", "00_overblik.ipynb", "overblik.html", "nav_overview"),
    ("befolkning", "02_befolkning.ipynb", "befolkning.html", "nav_population"),
    ("flytninger", "06_flytninger.ipynb", "flytninger.html", "nav_moves"),
    ("faciliteter", "03_faciliteter.ipynb", "faciliteter.html", "nav_facilities"),
    ("sammenligning", "04_sammenligning.ipynb", "sammenligning.html", "nav_comparison"),
    ("borgerundersoegelse", "05_borgerundersoegelse.ipynb", "borgerundersoegelse.html", "nav_survey"),
)
LANDING = ("forside.ipynb", "index.html")
#: Each section's dashboard class as ``module:class`` (imported when asked for: those modules import this one).
CLASSES: dict[str, str] = {
    "overblik": "landsby_utils.widgets.overview:OverviewDashboard",
    "befolkning": "landsby_utils.widgets.population:PopulationDashboard",
    "flytninger": "landsby_utils.widgets.moves:MovesDashboard",
    "faciliteter": "landsby_utils.widgets.facilities:FacilitiesDashboard",
    "sammenligning": "landsby_utils.widgets.comparison:ComparisonDashboard",
    "borgerundersoegelse": "landsby_utils.widgets.survey:SurveyDashboard",
}


def dashboard_classes() -> list[type[Dashboard]]:
    """Every dashboard class, in navigation order (:data:`CLASSES`)."""
    return [dashboard_class(section) for section in CLASSES]


def dashboard_class(section: str) -> type[Dashboard]:
    """The dashboard class of a section (see :data:`CLASSES`)."""
    from importlib import import_module

    module, name = CLASSES[section].split(":")
    return getattr(import_module(module), name)


def part(method: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a dashboard part: nothing when the cluster failed; a Danish message on data errors.

    Unexpected errors show a generic message under Voilà (where a reader must
    never see a traceback) and propagate elsewhere, so tests and reviewers see them.
    """

    @functools.wraps(method)
    def wrapper(self: Dashboard, *args: Any, **kwargs: Any) -> Any:
        if self.error is not None:
            return EMPTY
        try:
            return method(self, *args, **kwargs)
        except LandsbyError as exc:
            return error_box(exc, self.lang)
        except Exception as exc:
            if not params.under_voila():
                raise
            print(f"landsby: {method.__name__} failed: {exc!r}", file=sys.stderr)
            return error_box(exc, self.lang)

    return wrapper


def guarded(lang: str, show: Callable[[HTMLPart], None], name: str = "callback") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a widget callback so that any exception ends in a Danish (or English) message, never a traceback.

    Parameters
    ----------
    lang : {"da", "en"}
        Language of the message.
    show : callable
        Shows the message (an :class:`HTMLPart`) where the callback would have drawn.
    name : str
        Logged with the exception (to the kernel's stderr, which readers never see).
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 (a reader must never see a traceback)
                print(f"landsby: {name} failed: {exc!r}", file=sys.stderr)
                show(error_box(exc, lang))
                return None

        return wrapper

    return decorate


class Dashboard:
    """Base class of the dashboards.

    Parameters
    ----------
    cluster : Cluster or None
        The loaded cluster (None when loading failed).
    lang : {"da", "en"}
        Language.
    error : LandsbyError, optional
        Why the cluster could not be loaded.
    """

    section: ClassVar[str] = "overblik"
    #: True for a page with a map: :meth:`warm` also reads (or inlines) the map assets once.
    has_map: ClassVar[bool] = False
    #: Prepared frames loaded by :meth:`warm`, by (class name, cluster slug); see :mod:`landsby_utils.frames`.
    _prepared: ClassVar[dict[tuple[str, str], Any]] = {}

    def __init__(self, cluster: Any, lang: str = "da", error: BaseException | None = None) -> None:
        self.cluster = cluster
        self.lang = lang
        self.error = error

    @classmethod
    def build_frames(cls, cluster: Any) -> Any:
        """This page's language-independent frames for a cluster (what :mod:`landsby_utils.frames` keeps on disk).

        Subclasses return their frames builder's dataclass (e.g. ``build_population_frames(cluster)``).
        The default is the subclass's ``data`` (a cached property) after :meth:`prepare`, or None.
        """
        dashboard = cls(cluster, "da")
        dashboard.prepare()
        return getattr(dashboard, "data", None)

    @classmethod
    def from_params(cls, klynge: str | None = None, lang: str | None = None, static_assets: str | None = None):
        """Build the dashboard from the notebook's parameters and Voilà's query string.

        Parameters
        ----------
        klynge : str, optional
            Cluster slug (the query string's ``klynge`` wins under Voilà).
        lang : str, optional
            ``"da"`` or ``"en"`` (the query string's ``lang`` wins).
        static_assets : str, optional
            Set by ``landsby build``: relative URL of the static site's assets.

        Returns
        -------
        Dashboard
            Always a dashboard; check :attr:`error`.
        """
        _display.set_static_assets(static_assets)
        if params.preheating():
            cls.warm()  # a preheated kernel does this before the reader's request arrives
        chosen = params.resolve(klynge, lang)
        try:
            return cls.load(chosen.klynge, chosen.lang)
        except LandsbyError as exc:
            return cls(None, chosen.lang, exc)

    @classmethod
    def load(cls, slug: str, lang: str = "da"):
        """The dashboard of a cluster with its language-independent frames prepared ahead.

        The frames come from memory (a preheated kernel's :meth:`warm`) or from disk
        (:mod:`landsby_utils.frames`, which builds and saves them when missing).

        Raises
        ------
        LandsbyError
            If the cluster is unknown or its file is invalid.
        """
        state = cls._state(slug)
        dashboard = cls(state.cluster, lang)
        if state.data is not None:  # prepared ahead; else a subclass's ``data`` cached property builds it when asked
            dashboard.data = state.data
        return dashboard

    @classmethod
    def _state(cls, slug: str) -> Any:
        """The prepared frames for ``slug`` (:class:`landsby_utils.frames.Prepared`): kept in memory by :meth:`warm`,
        else from disk. The cluster's fingerprint is computed once here and passed on."""
        from landsby_utils import frames
        from landsby_utils.cluster import cluster_path

        key = frames.fingerprint(cluster_path(slug))  # raises UnknownClusterError, with suggestions
        kept = cls._prepared.get((cls.__name__, slug))
        if kept is not None and kept.key == key:
            return kept
        return frames.prepared(cls, slug, key)

    @classmethod
    def warm(cls) -> None:
        """Load every cluster's prepared frames (small files, see :mod:`landsby_utils.frames`) into memory.

        Under Voilà with preheated kernels this runs before the query string is known,
        so a reader only waits for the parts to be drawn. Frames that are not on disk yet
        are built and saved here (``landsby prepare`` makes them ahead). A page with a map
        (``has_map``) also reads its map assets once.
        """
        from landsby_utils import frames
        from landsby_utils.cluster import cluster_slugs

        for slug in cluster_slugs():
            try:
                cls._prepared[(cls.__name__, slug)] = frames.prepared(cls, slug)
            except LandsbyError:
                continue
        if cls.has_map:
            from landsby_utils import maps

            maps.warm()

    def prepare(self) -> None:
        """Compute this dashboard's language-independent frames ahead of time (default :meth:`build_frames`).

        A subclass without its own :meth:`build_frames` touches its ``data`` cached property here.
        """

    # -- what the static datapakke exports -------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables behind this dashboard's charts and lists, for CSV/Excel download.

        Keys are file-name-safe Danish names; values are ready to publish (small
        counts already suppressed). Subclasses override this.
        """
        return {}

    def provenances(self) -> list[Provenance]:
        """Provenance of every source this dashboard shows (for the sources page)."""
        return []

    # -- links ---------------------------------------------------------------------
    @property
    def static(self) -> bool:
        """True when building the static site."""
        return _display.static_assets() is not None

    def link(self, target: str, lang: str | None = None) -> str:
        """URL of another page (notebook under Voilà, HTML file in the static site)."""
        lang = lang or self.lang
        slug = self.cluster.slug if self.cluster else ""
        if target == "forside":
            if self.static:
                return LANDING[1]  # each edition's own index, next to its pages (the English one is en/index.html)
            return f"{LANDING[0]}?lang={lang}"
        for section, notebook, static_page, _ in SECTIONS:
            if section == target:
                if self.static:
                    # The Danish edition is the site's root; the English one lives in en/.
                    if lang == self.lang:
                        return static_page
                    return f"en/{static_page}" if lang == "en" else f"../{static_page}"
                return f"{notebook}?klynge={slug}&lang={lang}"
        raise KeyError(target)

    def available_sections(self) -> list[tuple[str, str, str, str]]:
        """Sections whose notebook exists (navigation shows only these)."""
        from landsby_utils import settings

        return [s for s in SECTIONS if (settings.NOTEBOOKS_DIR / s[1]).exists()]

    # -- parts -----------------------------------------------------------------------
    def header(self) -> HTMLPart:
        """Title, municipality, navigation and language switch; the error message if loading failed."""
        lang = self.lang
        if self.cluster is None:
            title = html.escape(t("app_title", lang))
            body = f'<header class="lb-header"><h1>{title}</h1></header>'
            box = error_box(self.error, lang) if self.error else EMPTY
            return HTMLPart(stylesheet() + body + box.html, f"{t('app_title', lang)}\n{box.text}")
        current = self.section
        nav = [f'<a href="{html.escape(self.link("forside"))}">{html.escape(t("nav_all", lang))}</a>']
        for section, _, _, label in self.available_sections():
            attr = ' aria-current="page"' if section == current else ""
            nav.append(f'<a href="{html.escape(self.link(section))}"{attr}>{html.escape(t(label, lang))}</a>')
        other = "en" if lang == "da" else "da"
        if not self.static:  # the static editions link to each other from their index pages
            nav.append(
                f'<a class="lb-lang" lang="{other}" href="{html.escape(self.link(current, other))}">{t("other_language", lang)}</a>'
            )
        sub = t("cluster_in", lang, municipality=self.cluster.municipality_name)
        body = (
            f'<header class="lb-header"><h1>{html.escape(self.cluster.name)}</h1>'
            f'<p class="lb-sub">{html.escape(sub)}</p><nav class="lb-nav" aria-label="Navigation">{"".join(nav)}</nav></header>'
        )
        return HTMLPart(stylesheet() + body, f"{self.cluster.name}\n{sub}")

    def sources_footer(self, provenances: Iterable[Provenance], extra: Sequence[str] = ()) -> HTMLPart:
        """The sources and licences of everything on the page."""
        if self.error is not None:
            return EMPTY
        seen: list[str] = []
        for provenance in provenances:
            line = provenance.describe(self.lang)
            if line not in seen:
                seen.append(line)
        seen.extend(extra)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in seen)
        title = t("sources", self.lang)
        return HTMLPart(
            f'<footer class="lb-footer"><h2>{html.escape(title)}</h2><ul>{items}</ul></footer>',
            title + "\n" + "\n".join(f"- {line}" for line in seen),
        )
