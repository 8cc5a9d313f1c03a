"""HTML parts every page is made of: displayable HTML with a plain-text twin, messages, tables, cards.

Presentation only: these build HTML from values they are given and never read data. Charts
(:mod:`landsby_utils.charts`), maps and the dashboards (:mod:`landsby_utils.widgets`) use them.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence
from importlib import resources
from typing import Any

import pandas as pd

from landsby_utils._errors import LandsbyError
from landsby_utils.i18n import fmt_num, t


@functools.lru_cache(maxsize=1)
def stylesheet() -> str:
    """The shared CSS as a ``<style>`` element."""
    css = (resources.files("landsby_utils") / "static" / "landsby.css").read_text(encoding="utf-8")
    return f"<style>{css}</style>"


class HTMLPart:
    """A displayable piece of HTML with a plain-text fallback (stable for nbval)."""

    def __init__(self, html_text: str, text: str = "") -> None:
        self.html = html_text
        self.text = text

    def _repr_html_(self) -> str:
        return f'<div class="landsby">{self.html}</div>' if self.html else ""

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)


EMPTY = HTMLPart("", "")


def error_box(exc: BaseException, lang: str) -> HTMLPart:
    """A Danish (or English) message for a failure, saying what to do; never a traceback."""
    message = exc.localized(lang) if isinstance(exc, LandsbyError) else (
        t("error_unexpected", lang)
    )
    return HTMLPart(
        f'<div class="lb-error" role="alert"><strong>{html.escape(t("error_title", lang))}</strong>'
        f"<p>{html.escape(message)}</p><p>{html.escape(t('error_what_to_do', lang))}</p></div>",
        f"{t('error_title', lang)}: {message}",
    )


def notice(text: str) -> HTMLPart:
    """A highlighted notice (e.g. about data gaps)."""
    return HTMLPart(f'<p class="lb-notice">{html.escape(text)}</p>', text)


def scroll_box(table: str, label: str, extra_class: str = "") -> str:
    """``table`` in the sideways-scrolling box ``.lb-table``, which a keyboard can reach and scroll.

    The box is a named region and a Tab stop (WCAG 2.1.1: a table wider than a phone is read by
    scrolling it, which needs the focus when there is no mouse).

    Parameters
    ----------
    table : str
        The ``<table>`` HTML.
    label : str
        The region's accessible name (what the table shows).
    extra_class : str
        More classes of the box.

    Returns
    -------
    str
        HTML.
    """
    classes = " ".join(["lb-table", extra_class]).strip()
    return f'<div class="{classes}" role="region" tabindex="0" aria-label="{html.escape(label)}">{table}</div>'


def table_html(frame: pd.DataFrame, caption: str = "", lang: str = "da", decimals: dict[str, int] | None = None,
               label: str = "") -> str:
    """A responsive HTML table with Danish number formats; numbers right-aligned.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (column names are shown as they are).
    caption : str
        Caption under the table (source, date).
    lang : {"da", "en"}
        Number format.
    decimals : dict, optional
        Decimals per numeric column (default 0).
    label : str, optional
        What the table shows: the accessible name of its scrolling box (see :func:`scroll_box`); default
        the caption, else the column names.

    Returns
    -------
    str
        HTML.
    """
    decimals = decimals or {}
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])}
    head = "".join(f'<th scope="col" class="{"num" if c in numeric else ""}">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, values, strict=True):
            if column in numeric:
                text = "–" if pd.isna(value) else fmt_num(float(value), decimals.get(column, 0), lang)
                cells.append(f'<td class="num">{text}</td>')
            else:
                cells.append(f"<td>{'' if pd.isna(value) else html.escape(str(value))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    label = label or caption or ", ".join(str(c) for c in frame.columns)
    return scroll_box(f'<table>{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>', label)


def cards_html(cards: Sequence[tuple[str, str, str]]) -> str:
    """Key-figure cards: (value, label, note)."""
    items = "".join(
        f'<div class="lb-card"><div class="lb-value">{html.escape(value)}</div>'
        f'<div class="lb-label">{html.escape(label)}</div>'
        + (f'<div class="lb-note">{html.escape(note)}</div>' if note else "")
        + "</div>"
        for value, label, note in cards
    )
    return f'<div class="lb-cards">{items}</div>'


class LivePart:
    """A widget shown in a cell, with a stable plain-text version (what nbval compares).

    With ``html_text``, the same content also goes as plain HTML: Voilà's "landsby" template shows it
    until the widget is drawn (the text then shows before Voilà's JavaScript has loaded).
    """

    def __init__(self, widget: Any, text: str, html_text: str = "") -> None:
        self.widget = widget
        self.text = text
        self.html = html_text

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = self.text
        if self.html:
            bundle["text/html"] = HTMLPart(self.html, self.text)._repr_html_()
        return bundle

    def __repr__(self) -> str:
        return self.text
