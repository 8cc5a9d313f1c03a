"""Danish and English labels, and Danish number formats, for everything a villager reads.

Danish is the default. :func:`t` looks up a label; :func:`fmt_int`, :func:`fmt_pct`
and :func:`fmt_num` format numbers the Danish way (``1.234``; ``12,5 %``);
:func:`format_date` writes dates (``1. januar 2020``). Sources record provenance as
data (publisher, dataset and licence keys, structured notes); :func:`describe_provenance`,
:func:`render_note` and :func:`source_text` render them from the same :data:`LABELS`
(kept in :mod:`landsby_utils.labels`, one module per topic).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from landsby_utils.labels import LABELS  # the label table, one module per topic

LANGUAGES = ("da", "en")


def t(key: str, lang: str = "da", **values: object) -> str:
    """Return the label ``key`` in ``lang``, formatted with ``values``.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`.
    lang : {"da", "en"}
        Language; anything else falls back to Danish.
    **values
        Placeholders in the label.

    Returns
    -------
    str
        The label.
    """
    entry = LABELS[key]
    text = entry.get(lang, entry["da"])
    return text.format(**values) if values else text


def format_date(iso: str, lang: str = "da") -> str:
    """Format an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for readers.

    Parameters
    ----------
    iso : str
        The date.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        E.g. ``"1. januar 2020"`` in Danish, ``"1 January 2020"`` in English.
    """
    parts = iso[:10].split("-")
    if len(parts) == 1:
        return parts[0]
    month = t("months", lang).split(",")[int(parts[1]) - 1]
    if len(parts) == 3:
        return t("date_day", lang, day=int(parts[2]), month=month, year=parts[0])
    return t("date_month", lang, month=month, year=parts[0])


def label_or_text(prefix: str, value: str, lang: str = "da") -> str:
    """The label ``<prefix>_<value>`` in ``lang``; other text as written.

    A value that is the Danish text of such a label (as code written before provenance
    became data passes it, e.g. ``"Danmarks Statistik"``) is shown as that label.

    Parameters
    ----------
    prefix : {"publisher", "dataset", "licence"}
        The kind of name.
    value : str
        A key (``"dst"``) or a name.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The name in ``lang``.

    Examples
    --------
    >>> label_or_text("publisher", "dst", "en")
    'Statistics Denmark'
    """
    key = f"{prefix}_{value}"
    if key in LABELS:
        return t(key, lang)
    for key, entry in LABELS.items():
        if key.startswith(f"{prefix}_") and entry["da"] == value:
            return t(key, lang)
    return value


def render_note(kind: str, params: Mapping[str, object], lang: str = "da") -> str:
    """A source's structured note (the label ``note_<kind>`` with its parameters) in ``lang``."""
    return t(f"note_{kind}", lang, **params)


def describe_provenance(provenance: Any, lang: str = "da") -> str:
    """One sentence naming a frame's source, table, how it was served, date, licence and notes.

    Parameters
    ----------
    provenance : landsby_utils.sources.Provenance
        The provenance (read through its attributes and ``publisher``/``table_name``/
        ``licence_text``/``notes_text``, so this module imports no source).
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        E.g. ``"Data from Statistics Denmark (FOLK1B), from bundled snapshot 2020; ..."``.
    """
    p = provenance
    if p.served_from == "snapshot":
        how = t("prov_snapshot", lang, year=p.reference_date[:4])
    else:
        how = t(f"prov_{p.served_from}_on", lang, date=format_date(p.retrieved, lang)) if p.retrieved \
            else t(f"prov_{p.served_from}", lang)
    text = t("prov_sentence", lang, source=p.publisher(lang), table=p.table_name(lang), how=how,
             date=format_date(p.reference_date, lang), licence=p.licence_text(lang))
    notes = p.notes_text(lang)
    return f"{text} {notes}" if notes else text


def source_text(text: Any, lang: str = "da") -> str:
    """Text that a source or the cluster loader recorded, in ``lang``.

    Parameters
    ----------
    text : str or Note or mapping
        A structured note (:class:`landsby_utils.sources.Note`, or its dict with ``kind`` and
        ``params``), a label key (e.g. a village's ``point_source`` ``"point_parish_centre"``),
        a publisher, dataset or licence key or name, or any other text (shown as written).
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The text in ``lang``.

    Examples
    --------
    >>> source_text("point_parish_centre", "en")
    "the parish centre (the village's own point is not known)"
    """
    if hasattr(text, "kind") and hasattr(text, "params"):
        return render_note(text.kind, dict(text.params), lang)
    if isinstance(text, Mapping) and "kind" in text:
        return render_note(str(text["kind"]), dict(text.get("params", ())), lang)
    if not text:
        return text
    if text in LABELS:
        return t(text, lang)
    for prefix in ("publisher", "dataset", "licence"):
        shown = label_or_text(prefix, text, lang)
        if shown != text or f"{prefix}_{text}" in LABELS:
            return shown
    return text


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def fmt_num(value: float, decimals: int = 0, lang: str = "da") -> str:
    """Format a number with thousands separators (``1.234,5`` in Danish, ``1,234.5`` in English).

    Parameters
    ----------
    value : float
        The number; NaN gives ``"–"``.
    decimals : int, default 0
        Decimals shown.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The formatted number.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    thousands, point = t("num_thousands", lang), t("num_decimal", lang)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    return sign + _group(whole, thousands) + (point + frac if frac else "")


def fmt_int(value: float, lang: str = "da") -> str:
    """Format a whole number (``1.234``)."""
    return fmt_num(value, 0, lang)


def fmt_pct(value: float, decimals: int = 1, lang: str = "da", signed: bool = False) -> str:
    """Format a percentage (``12,5 %`` in Danish, ``12.5%`` in English).

    Parameters
    ----------
    value : float
        The percentage (12.5 means 12.5 %).
    decimals : int, default 1
        Decimals shown.
    lang : {"da", "en"}
        Language.
    signed : bool, default False
        Show ``+`` for positive values.

    Returns
    -------
    str
        The formatted percentage.
    """
    text = fmt_num(value, decimals, lang)
    if signed and value is not None and not (isinstance(value, float) and math.isnan(value)) and value > 0:
        text = "+" + text
    return t("num_pct", lang, value=text)
