"""Danish and English labels, and Danish number formats, for everything a villager reads.

Danish is the default. :func:`t` looks up a label; :func:`fmt_int`, :func:`fmt_pct`
and :func:`fmt_num` format numbers the Danish way (``1.234``; ``12,5 %``).
"""

from __future__ import annotations

import math

LANGUAGES = ("da", "en")

LABELS: dict[str, dict[str, str]] = {
    "app_title": {"da": "Datapakke for landsbyklynger", "en": "Data package for village clusters"},
    "cluster_in": {"da": "Landsbyklynge i {municipality} Kommune", "en": "Village cluster in {municipality} Municipality"},
    "nav_overview": {"da": "Overblik", "en": "Overview"},
    "nav_population": {"da": "Befolkning", "en": "Population"},
    "nav_facilities": {"da": "Faciliteter", "en": "Facilities"},
    "nav_all": {"da": "Alle klynger", "en": "All clusters"},
    "other_language": {"da": "English", "en": "Dansk"},
    "villages": {"da": "Landsbyer", "en": "Villages"},
    "village": {"da": "Landsby", "en": "Village"},
    "parishes": {"da": "Sogne", "en": "Parishes"},
    "parish": {"da": "Sogn", "en": "Parish"},
    "area_km2": {"da": "Areal (km²)", "en": "Area (km²)"},
    "point_from": {"da": "Punkt fra", "en": "Point from"},
    "key_figures": {"da": "Nøgletal", "en": "Key figures"},
    "map": {"da": "Kort", "en": "Map"},
    "sources": {"da": "Kilder og licenser", "en": "Sources and licences"},
    "members_named_by": {"da": "Klyngens landsbyer er nævnt på", "en": "The cluster's villages are named on"},
    "municipality_population": {"da": "Indbyggere i {municipality} Kommune, {date}", "en": "Inhabitants of {municipality} Municipality, {date}"},
    "municipality_change": {"da": "Ændring i kommunen siden {year}", "en": "Change in the municipality since {year}"},
    "facilities_in_cluster": {"da": "Faciliteter i klyngen (OpenStreetMap)", "en": "Facilities in the cluster (OpenStreetMap)"},
    "category": {"da": "Kategori", "en": "Category"},
    "count": {"da": "Antal", "en": "Count"},
    "cluster_outline": {"da": "Klyngens område", "en": "Cluster area"},
    "parish_borders": {"da": "Sognegrænser", "en": "Parish borders"},
    "village_points": {"da": "Landsbyer", "en": "Villages"},
    "estimated_point": {"da": "placeret i sognets midte (landsbyens eget punkt kendes ikke)", "en": "placed at the parish centre (the village's own point is not known)"},
    "error_title": {"da": "Siden kan ikke vises", "en": "The page cannot be shown"},
    "error_what_to_do": {
        "da": "Prøv at vælge klyngen igen fra forsiden. Hvis fejlen bliver ved, så kontakt jeres proceskonsulent og nævn beskeden ovenfor.",
        "en": "Try choosing the cluster again from the front page. If the error persists, contact your process consultant and quote the message above.",
    },
    "no_facilities_note": {"da": "Ingen registrerede faciliteter i denne kategori.", "en": "No facilities of this kind are registered."},
    "snapshot_gaps": {
        "da": "Øjebliksbilledet fra OpenStreetMap (2019) har kun punkter: skoler, haller og kirker tegnet som bygninger mangler. Hent friske data med 'landsby fetch'.",
        "en": "The OpenStreetMap snapshot (2019) has points only: schools, halls and churches drawn as buildings are missing. Fetch fresh data with 'landsby fetch'.",
    },
    "landing_intro": {
        "da": "Vælg en landsbyklynge for at se dens datapakke: kort, befolkning og faciliteter.",
        "en": "Choose a village cluster to see its data package: maps, population and facilities.",
    },
    "municipality": {"da": "Kommune", "en": "Municipality"},
}


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
    thousands, point = (".", ",") if lang == "da" else (",", ".")
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
    return f"{text} %" if lang == "da" else f"{text}%"
