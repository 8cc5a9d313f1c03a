"""Labels shared by every page: the app, navigation, errors, tables, maps and generic words.

Merged into :data:`landsby_utils.labels.LABELS`; see that package for the rules."""

from __future__ import annotations

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
    "category": {"da": "Kategori", "en": "Category"},
    "count": {"da": "Antal", "en": "Count"},
    "cluster_outline": {"da": "Klyngens område", "en": "Cluster area"},
    "parish_borders": {"da": "Sognegrænser", "en": "Parish borders"},
    "village_points": {"da": "Landsbyer", "en": "Villages"},
    "map_legend": {"da": "Signaturforklaring", "en": "Legend"},
    "map_code": {"da": "Kode", "en": "Code"},
    "map_attribution": {
        "da": "OpenStreetMap-bidragydere (ODbL); sogne: Klimadatastyrelsen, DAGI 2021; kommuner: Geodatastyrelsen, DAGI 2014",
        "en": "OpenStreetMap contributors (ODbL); parishes: Klimadatastyrelsen, DAGI 2021; municipalities: Geodatastyrelsen, DAGI 2014",
    },
    "point_parish_centre": {
        "da": "sognets midtpunkt (landsbyens eget punkt kendes ikke)",
        "en": "the parish centre (the village's own point is not known)",
    },
    "point_in_cluster_file": {"da": "angivet i klyngefilen", "en": "given in the cluster file"},
    "estimated_point": {"da": "placeret i sognets midte (landsbyens eget punkt kendes ikke)", "en": "placed at the parish centre (the village's own point is not known)"},
    "error_title": {"da": "Siden kan ikke vises", "en": "The page cannot be shown"},
    "error_what_to_do": {
        "da": "Prøv at vælge klyngen igen fra forsiden. Hvis fejlen bliver ved, så kontakt jeres proceskonsulent og nævn beskeden ovenfor.",
        "en": "Try choosing the cluster again from the front page. If the error persists, contact your process consultant and quote the message above.",
    },
    "numbers_pct_value": {"da": "{value} %", "en": "{value} %"},
    "map_reach": {"da": "Medregnet område ({km} uden for klyngen)", "en": "Area counted ({km} beyond the cluster)"},
    "error_unexpected": {"da": "Der opstod en uventet fejl, da siden blev lavet.", "en": "An unexpected error occurred while making the page."},
    "villages_table_caption": {
        "da": "Sogne: DAGI 2021 (Klimadatastyrelsen). Landsbypunkter: OpenStreetMap 2019 eller sognets midtpunkt.",
        "en": "Parishes: DAGI 2021 (Klimadatastyrelsen). Village points: OpenStreetMap 2019 or the parish centre.",
    },
    "join_and": {"da": "og", "en": "and"},
    "join_or": {"da": "eller", "en": "or"},
    "landing_intro": {
        "da": "Vælg en landsbyklynge for at se dens datapakke: kort, befolkning og faciliteter.",
        "en": "Choose a village cluster to see its data package: maps, population and facilities.",
    },
    "municipality": {"da": "Kommune", "en": "Municipality"},
    "nav_survey": {"da": "Borgerundersøgelse", "en": "Citizen survey"},
    # Accessibility: each chart's numbers as a table, skipping a map with the keyboard.
    "show_numbers": {"da": "Vis tallene", "en": "Show the numbers"},
    "numbers_year": {"da": "År", "en": "Year"},
    "numbers_age": {"da": "Alder", "en": "Age"},
    "numbers_low": {"da": "{band}, lav", "en": "{band}, low"},
    "numbers_high": {"da": "{band}, høj", "en": "{band}, high"},
    "numbers_pct": {"da": "{label} (%)", "en": "{label} (%)"},
    "skip_map": {"da": "Spring kortet over", "en": "Skip the map"},
    "nav_moves": {"da": "Hvem flytter", "en": "Who moves"},
    "nav_comparison": {"da": "Steder som os", "en": "Places like us"},
}
