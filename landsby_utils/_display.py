"""Output mode shared by maps and charts: live (Voilà/JupyterLab) or static site.

In the live mode, maps carry their scripts inline and charts use Plotly's
mimetype renderer. In the static mode (``landsby build``), both link to one
shared copy of their scripts under the site's ``assets/`` folder.
"""

from __future__ import annotations

_STATE: dict[str, str | None] = {"assets": None}


def set_static_assets(base_url: str | None) -> None:
    """Switch to the static mode with assets at ``base_url`` (relative URL), or back to live with None."""
    _STATE["assets"] = base_url.rstrip("/") if base_url else None


def static_assets() -> str | None:
    """The static site's asset base URL, or None in the live mode."""
    return _STATE["assets"]
