"""Provenance attached to every frame a source returns: what, from where, how old, which licence.

A frame's provenance lives in ``frame.attrs["provenance"]`` as a plain dict so that
pandas copies it along; :func:`provenance_of` turns it back into a
:class:`Provenance`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from landsby_utils.i18n import source_text

ServedFrom = Literal["live", "cache", "snapshot"]

_MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


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
    months = _MONTHS_DA if lang == "da" else _MONTHS_EN
    if len(parts) == 3:
        day = int(parts[2])
        return f"{day}. {months[int(parts[1]) - 1]} {parts[0]}" if lang == "da" else f"{day} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


@dataclass(frozen=True)
class Provenance:
    """Where a frame's data came from.

    Attributes
    ----------
    source : str
        The publisher, e.g. ``"Danmarks Statistik"``.
    table : str
        The table or dataset, e.g. ``"FOLK1B"`` or ``"Overpass API"``.
    licence : str
        The attribution the licence requires.
    reference_date : str
        ISO date (or year/month) the figures describe.
    served_from : {"live", "cache", "snapshot"}
        Which level of the fallback chain answered.
    retrieved : str or None
        ISO date the data were fetched (None for the bundled snapshot).
    note : str
        Anything the reader should know (e.g. why a fallback was used).
    """

    source: str
    table: str
    licence: str
    reference_date: str
    served_from: ServedFrom = "snapshot"
    retrieved: str | None = None
    note: str = ""

    def describe(self, lang: str = "da") -> str:
        """One sentence naming source, table, date, how it was served and licence.

        The sources write publisher, table, licence and notes in Danish; the English sentence
        translates them with :func:`landsby_utils.i18n.source_text`.

        Parameters
        ----------
        lang : {"da", "en"}
            Language.

        Returns
        -------
        str
            E.g. ``"Data fra Danmarks Statistik (FOLK1B), pakket øjebliksbillede, ..."``.
        """
        date = format_date(self.reference_date, lang)
        if lang == "da":
            how = {
                "live": f"hentet {format_date(self.retrieved, lang)}" if self.retrieved else "hentet nu",
                "cache": f"fra lokalt lager, hentet {format_date(self.retrieved, lang)}" if self.retrieved else "fra lokalt lager",
                "snapshot": f"fra pakket øjebliksbillede {self.reference_date[:4]}",
            }[self.served_from]
            text = f"Data fra {self.source} ({self.table}), {how}; opgjort {date}. {self.licence}."
        else:
            how = {
                "live": f"fetched {format_date(self.retrieved, lang)}" if self.retrieved else "fetched now",
                "cache": f"from local cache, fetched {format_date(self.retrieved, lang)}" if self.retrieved else "from local cache",
                "snapshot": f"from bundled snapshot {self.reference_date[:4]}",
            }[self.served_from]
            source, table, licence = (source_text(x, lang) for x in (self.source, self.table, self.licence))
            text = f"Data from {source} ({table}), {how}; reference date {date}. {licence}."
        if self.note:
            text += f" {source_text(self.note, lang)}"
        return text

    def as_dict(self) -> dict[str, str | None]:
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
