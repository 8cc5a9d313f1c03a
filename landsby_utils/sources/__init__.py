"""Data sources, one module per provider; every reader returns a tidy frame with provenance.

See :mod:`landsby_utils.sources._provenance` for the provenance contract.
"""

from landsby_utils.sources._provenance import Provenance, attach_provenance, provenance_of

__all__ = ["Provenance", "attach_provenance", "provenance_of"]
