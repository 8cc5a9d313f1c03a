"""OpenStreetMap tags → the datapakke's facility categories (used by sources and analyses alike).

Each rule maps an OSM ``key=value`` (``value`` may be ``*``) to one category; the first matching
rule in :data:`RULES` wins, so more specific rules come first. Everything else is ``andet``
(other). Categories carry Danish and English labels, and a colour and icon for maps.

:data:`POINT_GAPS` names the categories that a points-only extract (the bundled 2019 snapshot)
is known to miss, because they are mostly mapped as buildings or areas (schools, halls, churches,
sports grounds, village halls) or not at all (bus stops). Their absence there proves nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from landsby_utils.i18n import t


@dataclass(frozen=True)
class Category:
    """A kind of facility.

    Attributes
    ----------
    code : str
        Stable identifier (Danish, ASCII), used as column names.
    da, en : str
        Labels for readers.
    color : str
        Marker and legend colour (CSS hex). Every colour has at least 3:1 contrast against white (WCAG 2.1
        1.4.11, non-text contrast), so markers stand out from a light map and the white icon on them is
        legible; the icons, not the colours alone, tell the kinds apart (1.4.1).
    icon : str
        Font Awesome 6 (free, solid) icon name.
    """

    code: str
    da: str
    en: str
    color: str
    icon: str

    def label(self, lang: str = "da") -> str:
        """Return the label in ``lang`` (any language but Danish gets the English label)."""
        return {"da": self.da}.get(lang, self.en)


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        Category("skole", "Skole", "School", "#1f5fbf", "school"),
        Category("dagtilbud", "Dagtilbud (børnehave/vuggestue)", "Childcare", "#00788a", "child"),
        Category("forsamlingshus", "Forsamlingshus/medborgerhus/kulturhus", "Village/community hall", "#c0392b", "house"),
        Category("idraetshal", "Idrætshal/idrætscenter", "Sports hall/centre", "#7b2d26", "basketball"),
        Category("sportsplads", "Sportsplads/boldbane", "Sports ground/pitch", "#2b7a2b", "flag"),
        Category("kirke", "Kirke", "Church", "#6a3d9a", "church"),
        Category("dagligvarer", "Dagligvarebutik", "Grocery shop", "#b35300", "cart-shopping"),
        Category("laege", "Lægehus", "Doctor", "#c2185b", "stethoscope"),
        Category("bibliotek", "Bibliotek", "Library", "#1b3a6b", "book"),
        Category("legeplads", "Legeplads", "Playground", "#5e7d00", "child-reaching"),
        Category("hjertestarter", "Hjertestarter", "Defibrillator", "#1d1d1f", "heart-pulse"),
        Category("bus", "Busstoppested", "Bus stop", "#5c5c5c", "bus"),
        Category("spisested", "Spisested/café", "Restaurant/café", "#8a5a2b", "utensils"),
        Category("andet", "Andet", "Other", "#8a8a8a", "circle-info"),
    )
}

#: (key, value, category); ``"*"`` matches any value. Order matters: first match wins.
#:
#: The mapping, documented (OSM tag → category):
#:
#: ============================  ==================================================================
#: category                      OSM tags
#: ============================  ==================================================================
#: skole                         amenity=school
#: dagtilbud                     amenity=kindergarten, amenity=childcare
#: forsamlingshus                amenity=community_centre, events_venue, arts_centre, social_centre
#: idraetshal                    leisure=sports_hall, leisure=sports_centre
#: sportsplads                   leisure=pitch, stadium, track
#: kirke                         amenity=place_of_worship (in Danish villages almost always the
#:                               parish church), building=church
#: dagligvarer                   shop=supermarket, convenience, general, grocery
#: laege                         amenity=doctors, healthcare=doctor
#: bibliotek                     amenity=library
#: legeplads                     leisure=playground
#: hjertestarter                 emergency=defibrillator
#: bus                           highway=bus_stop, amenity=bus_station, public_transport=platform
#:                               (but railway=platform first, which is a train platform: andet)
#: spisested                     amenity=restaurant, cafe, fast_food, pub
#: andet                         everything else
#: ============================  ==================================================================
RULES: tuple[tuple[str, str, str], ...] = (
    ("amenity", "school", "skole"),
    ("amenity", "kindergarten", "dagtilbud"),
    ("amenity", "childcare", "dagtilbud"),
    ("amenity", "community_centre", "forsamlingshus"),
    ("amenity", "events_venue", "forsamlingshus"),
    ("amenity", "arts_centre", "forsamlingshus"),
    ("amenity", "social_centre", "forsamlingshus"),
    ("leisure", "sports_hall", "idraetshal"),
    ("leisure", "sports_centre", "idraetshal"),
    ("leisure", "pitch", "sportsplads"),
    ("leisure", "stadium", "sportsplads"),
    ("leisure", "track", "sportsplads"),
    ("amenity", "place_of_worship", "kirke"),
    ("building", "church", "kirke"),
    ("shop", "supermarket", "dagligvarer"),
    ("shop", "convenience", "dagligvarer"),
    ("shop", "general", "dagligvarer"),
    ("shop", "grocery", "dagligvarer"),
    ("amenity", "doctors", "laege"),
    ("healthcare", "doctor", "laege"),
    ("amenity", "library", "bibliotek"),
    ("leisure", "playground", "legeplads"),
    ("emergency", "defibrillator", "hjertestarter"),
    ("highway", "bus_stop", "bus"),
    ("amenity", "bus_station", "bus"),
    ("railway", "platform", "andet"),
    ("public_transport", "platform", "bus"),
    ("amenity", "restaurant", "spisested"),
    ("amenity", "cafe", "spisested"),
    ("amenity", "fast_food", "spisested"),
    ("amenity", "pub", "spisested"),
)

#: The categories a cluster's access analysis is about (all but "andet").
CORE_CATEGORIES: tuple[str, ...] = tuple(code for code in CATEGORIES if code != "andet")


def categorize(tags: Mapping[str, str]) -> str:
    """Return the category code for a set of OSM tags.

    Parameters
    ----------
    tags : mapping of str to str
        The element's tags, e.g. ``{"amenity": "school", "name": "Hee Skole"}``.

    Returns
    -------
    str
        A key of :data:`CATEGORIES`; ``"andet"`` when no rule matches.
    """
    for key, value, category in RULES:
        if key in tags and (value == "*" or tags[key] == value):
            return category
    return "andet"


def category_label(code: str, lang: str = "da") -> str:
    """Return the reader's label for a category code (``"skole"`` → ``"Skole"``)."""
    return CATEGORIES[code].label(lang)


def rules_table(lang: str = "da") -> pd.DataFrame:
    """The category rules as a table for readers: category label and the OSM tags that lead to it.

    Parameters
    ----------
    lang : {"da", "en"}
        Language of the labels and column names.

    Returns
    -------
    pandas.DataFrame
        Columns ``Kategori``/``Category`` and ``OpenStreetMap-mærker``/``OpenStreetMap tags``,
        one row per category in :data:`CATEGORIES` order (``andet`` last).
    """
    tags: dict[str, list[str]] = {code: [] for code in CATEGORIES}
    for key, value, code in RULES:
        if code != "andet":
            tags[code].append(f"{key}={value}")
    tags["andet"] = [t("rules_everything_else", lang)]
    return pd.DataFrame(
        {
            t("category", lang): [CATEGORIES[c].label(lang) for c in CATEGORIES],
            t("rules_osm_tags", lang): [", ".join(tags[c]) for c in CATEGORIES],
        }
    )


#: Categories a points-only extract is known to miss (SOURCES.md, section 4: "Everything mapped as an
#: area is missing: many schools, halls, churches, sports fields and forsamlingshuse. No bus stops").
POINT_GAPS: frozenset[str] = frozenset({"skole", "forsamlingshus", "idraetshal", "sportsplads", "kirke", "bus"})
