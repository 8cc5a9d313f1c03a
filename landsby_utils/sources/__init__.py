"""Data sources, one module per provider; every reader returns a tidy frame with provenance.

See :mod:`landsby_utils.sources._provenance` for the provenance contract (provenance is data:
keys and structured notes, rendered by :mod:`landsby_utils.i18n`).
"""

from landsby_utils.sources._provenance import Note, Provenance, attach_provenance, note, provenance_of

__all__ = ["Note", "Provenance", "attach_provenance", "note", "provenance_of"]
