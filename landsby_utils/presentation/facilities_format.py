"""The facilities page's formatting: distances in km, names of facilities and categories, its table layout."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from landsby_utils import facilities as fac
from landsby_utils.facilities import CATEGORIES
from landsby_utils.i18n import fmt_num, t
from landsby_utils.parts import table_html

#: Table layout of this page: words never break inside (the shared sheet breaks anywhere, which
#: splits names letter by letter on phones); wide tables scroll sideways inside ``.lb-table``.
_STYLE = (
    "<style>.landsby .lb-fac{overflow-wrap:normal;word-break:normal}"
    ".landsby .lb-fac td,.landsby .lb-fac th{white-space:nowrap}"
    ".landsby .lb-fac tr>:first-child{text-align:left;white-space:normal;min-width:7rem;"
    "position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #ddd}</style>"
)


#: The closure table must fit a phone (390 px) without scrolling: its cells wrap between words (a
#: distance never breaks inside: ``"7,7 km"`` is joined by a no-break space), its first column is
#: not pinned, and on narrow screens the text and padding are smaller.
_CLOSURE_STYLE = (
    "<style>.landsby .lb-fac.lb-closure td,.landsby .lb-fac.lb-closure th{white-space:normal}"
    ".landsby .lb-fac.lb-closure tr>:first-child{min-width:0;position:static;box-shadow:none}"
    "@media (max-width:600px){.landsby .lb-fac.lb-closure table{font-size:.88rem;width:100%}"
    ".landsby .lb-fac.lb-closure th,.landsby .lb-fac.lb-closure td{padding:.3rem .25rem}}</style>"
)


def _fac(table: str) -> str:
    """Wrap a table in this page's layout (see :data:`_STYLE`)."""
    return f'{_STYLE}<div class="lb-fac">{table}</div>'


def _breakable(text: str) -> str:
    """Allow a line break after each ``/`` (``"Sportsplads/boldbane"``) with a zero-width space."""
    return text.replace("/", "/\u200b")


def _table(frame: pd.DataFrame, caption: str, lang: str, label: str = "") -> str:
    """A table in this page's layout, with its caption under it (outside the sideways-scrolling box)."""
    shown = _fac(table_html(_display_frame(frame), "", lang, label=label))
    return shown + (f'<p class="lb-caption">{html.escape(caption)}</p>' if caption else "")


def _closure_table(frame: pd.DataFrame, caption: str, lang: str, label: str = "") -> str:
    """The closure table in its phone-fitting layout (see :data:`_CLOSURE_STYLE`), caption under it."""
    shown = _display_frame(frame).map(lambda v: v.replace(" km", "\u00a0km") if isinstance(v, str) else v)
    table = f'{_STYLE}{_CLOSURE_STYLE}<div class="lb-fac lb-closure">{table_html(shown, "", lang, label=label)}</div>'
    return table + (f'<p class="lb-caption">{html.escape(caption)}</p>' if caption else "")


def _display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for HTML whose first (label) column may break after ``/``."""
    shown = frame.copy()
    first = shown.columns[0]
    shown[first] = shown[first].map(lambda v: _breakable(v) if isinstance(v, str) else v)
    return shown


#: Colours of the distance table (background, meaning), by the upper distance in metres.
_BANDS: tuple[tuple[float, str], ...] = ((2_000, "#c7ecd0"), (5_000, "#fff1a8"), (10_000, "#ffd3a1"))
_NONE_COLOUR = "#f6c3c3"



def fmt_km(metres: float, lang: str = "da") -> str:
    """Format metres as kilometres with one decimal: ``2400`` → ``"2,4 km"`` (``"2.4 km"`` in English).

    Parameters
    ----------
    metres : float
        Distance in metres.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The distance.
    """
    return f"{fmt_num(metres / 1000, 1, lang)} km"


def _km_whole(metres: float, lang: str) -> str:
    return f"{fmt_num(metres / 1000, 0, lang)} km"


def _join(names: Sequence[str], lang: str, word: str = "and") -> str:
    """``"Hee, Hover og Tim"`` (``"and"`` in English; ``word="or"`` for ``"eller"``)."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('join_' + word, lang)} {names[-1]}"


class FacilitiesFormat:
    """Mixin of :class:`~landsby_utils.widgets.facilities.FacilitiesDashboard`: cells, labels and names in the reader's language."""

    def _not_registered_line(self, categories: Sequence[str]) -> str:
        names = _join([self._category_lower(c) for c in categories], self.lang)
        return t("fac_not_registered", self.lang, names=names, slug=self.cluster.slug)

    def _reach(self) -> str:
        return _km_whole(self.reach_m, self.lang)

    def _cell(self, metres: float, status: str, compact: bool = False, category: str = "") -> str:
        """A distance for a table: ``"2,4 km"``, ``"< 0,1 km"``, ``"ingen inden for 10 km"`` (``"> 10 km"`` compact);
        ``"ikke som punkt"`` for a category the points-only data cannot show as absent."""
        if status == fac.STATUS_NO_POINT:
            return t("fac_no_point", self.lang)
        if pd.isna(metres) and category in self.uncertain_categories:
            return t("fac_not_as_point", self.lang)
        if pd.isna(metres):
            return t("fac_beyond" if compact else "fac_none_within", self.lang, reach=self._reach())
        if metres < 50:
            return t("fac_very_close", self.lang)
        return fmt_km(metres, self.lang)

    def _facility_label(self, facility_id: str) -> str:
        """``"Vedersø Kulturcenter i Vedersø"``; ``"uden navn uden for klyngen (OSM node/1)"`` for unnamed ones."""
        row = self.located[self.located["facility_id"] == facility_id]
        if row.empty:
            return facility_id
        name = row.iloc[0]["name"]
        inside = self.assigned.loc[self.assigned["facility_id"] == facility_id, "village"]
        where = t("fac_in_village", self.lang, village=_join(inside, self.lang)) if len(inside) else t("fac_outside_cluster", self.lang)
        if name:
            return f"{name} {where}"
        category = self._category_lower(row.iloc[0]["category"])
        return f"{category} {t('fac_unnamed', self.lang)} {where} ({t('fac_osm_ref', self.lang, ref=facility_id)})"

    def _category(self, code: str) -> str:
        return CATEGORIES[code].label(self.lang)

    def _category_lower(self, code: str) -> str:
        label = self._category(code)
        return t("fac_category_in_sentence", self.lang, first=label[0].lower(), rest=label[1:], lower=label.lower())
