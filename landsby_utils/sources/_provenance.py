"""Provenance attached to every frame a source returns: what, from where, how old, which licence.

Provenance is data, not prose: a source records keys and parameters (publisher key,
table, licence key, reference date, which level of the fallback chain answered,
and structured :class:`Note` values such as "SOGN1 could not be fetched because …"),
and :mod:`landsby_utils.i18n` renders them in Danish or English from its one label
table (``publisher_<key>``, ``dataset_<key>``, ``licence_<key>``, ``note_<kind>``).

A frame's provenance lives in ``frame.attrs["provenance"]`` as a plain dict so that
pandas copies it along; :func:`provenance_of` turns it back into a
:class:`Provenance`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from landsby_utils import i18n
from landsby_utils.i18n import format_date  # noqa: F401 - re-exported: dashboards import it from here

ServedFrom = Literal["live", "cache", "snapshot"]


@dataclass(frozen=True)
class Note:
    """One thing the reader should know about a frame, as data.

    Attributes
    ----------
    kind : str
        What it says: the label ``note_<kind>`` in :data:`landsby_utils.i18n.LABELS`
        (e.g. ``"statbank_cache_fallback"``).
    params : tuple of (str, str)
        The label's placeholders (e.g. ``(("table", "FOLK1A"), ("failure", "HTTP 503"),
        ("date", "2025-02-03"))``); values are shown as they are in every language.
    """

    kind: str
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        pairs = self.params.items() if isinstance(self.params, Mapping) else self.params
        object.__setattr__(self, "params", tuple((str(k), str(v)) for k, v in pairs))

    def text(self, lang: str = "da") -> str:
        """The note in ``lang``."""
        return i18n.render_note(self.kind, dict(self.params), lang)


def note(kind: str, **params: object) -> Note:
    """Make a :class:`Note` (``note("missing_codes", table="SOGN1", codes="9261")``)."""
    return Note(kind, tuple((k, str(v)) for k, v in params.items()))


def _notes(values: Iterable[Any]) -> tuple[Note, ...]:
    out = []
    for value in values:
        if isinstance(value, Note):
            out.append(value)
        elif isinstance(value, Mapping):  # from as_dict() / DataFrame.attrs
            out.append(Note(str(value["kind"]), value.get("params", ())))
        else:
            raise TypeError(f"a provenance note must be a Note, not {value!r}")
    return tuple(out)


@dataclass(frozen=True)
class Provenance:
    """Where a frame's data came from.

    Attributes
    ----------
    source : str
        The publisher: a key of the labels ``publisher_<key>`` (``"dst"``, ``"osm"``,
        ``"geodatastyrelsen"``, ``"dawa"``); any other text is shown as written.
    table : str
        The table or dataset: a table id shown as it is (``"FOLK1B"``, ``"Overpass API"``)
        or a key of the labels ``dataset_<key>`` (``"osm_points"``).
    licence : str
        The attribution the licence requires: a key of the labels ``licence_<key>``
        (``settings.LICENCE_DST`` and friends).
    reference_date : str
        ISO date (or year/month) the figures describe.
    served_from : {"live", "cache", "snapshot"}
        Which level of the fallback chain answered.
    retrieved : str or None
        ISO date the data were fetched (None for the bundled snapshot).
    note : str
        Free text shown as written in every language (prefer ``notes``).
    notes : tuple of Note
        What the reader should know (e.g. why a fallback answered), rendered per language.
    """

    source: str
    table: str
    licence: str
    reference_date: str
    served_from: ServedFrom = "snapshot"
    retrieved: str | None = None
    note: str = ""
    notes: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", _notes(self.notes))

    def publisher(self, lang: str = "da") -> str:
        """The publisher's name in ``lang`` (e.g. ``"Statistics Denmark"``)."""
        return i18n.label_or_text("publisher", self.source, lang)

    def table_name(self, lang: str = "da") -> str:
        """The table or dataset in ``lang``."""
        return i18n.label_or_text("dataset", self.table, lang)

    def licence_text(self, lang: str = "da") -> str:
        """The attribution the licence requires, in ``lang``."""
        return i18n.label_or_text("licence", self.licence, lang)

    def notes_text(self, lang: str = "da") -> str:
        """The notes (and the free-text ``note``) as sentences in ``lang``."""
        return " ".join(x for x in (*(n.text(lang) for n in self.notes), self.note) if x)

    def describe(self, lang: str = "da") -> str:
        """One sentence naming source, table, date, how it was served and licence.

        Parameters
        ----------
        lang : {"da", "en"}
            Language.

        Returns
        -------
        str
            E.g. ``"Data fra Danmarks Statistik (FOLK1B), fra pakket øjebliksbillede 2020; ..."``.
        """
        return i18n.describe_provenance(self, lang)

    def with_notes(self, *notes: Note, first: bool = False) -> Provenance:
        """A copy with ``notes`` added after (or, with ``first``, before) the present ones."""
        merged = (*notes, *self.notes) if first else (*self.notes, *notes)
        return dataclasses.replace(self, notes=tuple(dict.fromkeys(merged)))

    def as_dict(self) -> dict[str, Any]:
        """Return the provenance as a plain dict (for ``DataFrame.attrs`` and JSON)."""
        return dataclasses.asdict(self)


def attach_provenance(frame: pd.DataFrame, provenance: Provenance) -> pd.DataFrame:
    """Return ``frame`` with ``provenance`` stored in its ``attrs``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The frame (modified in place and returned, since it is always new).
    provenance : Provenance
        Where it came from.

    Returns
    -------
    pandas.DataFrame
        The same frame.
    """
    frame.attrs["provenance"] = provenance.as_dict()
    return frame


def provenance_of(frame: pd.DataFrame) -> Provenance:
    """Return the :class:`Provenance` of a frame made by a source.

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame returned by a reader in :mod:`landsby_utils.sources`.

    Returns
    -------
    Provenance
        Its provenance.

    Raises
    ------
    KeyError
        If the frame carries none.
    """
    return Provenance(**frame.attrs["provenance"])
