"""Labels for provenance and formats: numbers, months and dates, publishers, datasets, licences and source notes.

Merged into :data:`landsby_utils.labels.LABELS`; see that package for the rules."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # --- numbers and dates ---
    "num_thousands": {"da": ".", "en": ","},
    "num_decimal": {"da": ",", "en": "."},
    "num_pct": {"da": "{value} %", "en": "{value}%"},
    "months": {
        "da": "januar,februar,marts,april,maj,juni,juli,august,september,oktober,november,december",
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
    },
    "date_day": {"da": "{day}. {month} {year}", "en": "{day} {month} {year}"},
    "date_month": {"da": "{month} {year}", "en": "{month} {year}"},
    # --- provenance: one sentence per frame (describe_provenance) ---
    "prov_sentence": {
        "da": "Data fra {source} ({table}), {how}; opgjort {date}. {licence}.",
        "en": "Data from {source} ({table}), {how}; reference date {date}. {licence}.",
    },
    "prov_live": {"da": "hentet nu", "en": "fetched now"},
    "prov_live_on": {"da": "hentet {date}", "en": "fetched {date}"},
    "prov_cache": {"da": "fra lokalt lager", "en": "from local cache"},
    "prov_cache_on": {"da": "fra lokalt lager, hentet {date}", "en": "from local cache, fetched {date}"},
    "prov_snapshot": {"da": "fra pakket øjebliksbillede {year}", "en": "from bundled snapshot {year}"},
    # publishers (Provenance.source), datasets (Provenance.table) and licences (Provenance.licence, settings.LICENCE_*)
    "publisher_dst": {"da": "Danmarks Statistik", "en": "Statistics Denmark"},
    "publisher_osm": {"da": "OpenStreetMap", "en": "OpenStreetMap"},
    "publisher_geodatastyrelsen": {
        "da": "Geodatastyrelsen (nu Klimadatastyrelsen)",
        "en": "Danish Agency for Data Supply and Infrastructure (Geodatastyrelsen, now Klimadatastyrelsen)",
    },
    "publisher_dawa": {"da": "Klimadatastyrelsen (DAWA)", "en": "Danish Climate Data Agency (DAWA)"},
    "dataset_osm_points": {"da": "GeoData-udtræk af OSM-punkter", "en": "GeoData extract of OSM points"},
    "dataset_dagi_parishes": {"da": "DAGI sogne", "en": "DAGI parishes"},
    "licence_dst": {
        "da": "Kilde: Danmarks Statistik (fri brug med kildeangivelse, svarende til CC BY 4.0)",
        "en": "Source: Statistics Denmark (free use with attribution, equivalent to CC BY 4.0)",
    },
    "licence_osm": {
        "da": "© OpenStreetMap-bidragydere, ODbL 1.0 (openstreetmap.org/copyright)",
        "en": "© OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright)",
    },
    "licence_dagi_2014": {
        "da": "Indeholder data fra Geodatastyrelsen (nu Klimadatastyrelsen), DAGI, 2014",
        "en": "Contains data from the Danish Agency for Data Supply and Infrastructure "
              "(Geodatastyrelsen, now Klimadatastyrelsen), DAGI, 2014",
    },
    "licence_dagi_2021": {
        "da": "Indeholder data fra Klimadatastyrelsen, DAGI (sogne, august 2021)",
        "en": "Contains data from the Danish Climate Data Agency, DAGI (parishes, August 2021)",
    },
    # notes a source records (Provenance.notes: kind + parameters; failures are the network's own words)
    "note_sogn1_snapshot": {
        "da": "Sognetal 1. januar 2014 efter køn og alder og 1. januar 2021 i alt.",
        "en": "Parish figures for 1 January 2014 by sex and age and 1 January 2021 in total.",
    },
    "note_folk1a_snapshot": {
        "da": "Kommunetal 1. januar 2014 og 2021.",
        "en": "Municipality figures for 1 January 2014 and 2021.",
    },
    "note_folk1b_folk1a": {
        "da": "1. januar 2008–2020 fra FOLK1B; 1. januar 2021 i alt fra FOLK1A.",
        "en": "1 January 2008–2020 from FOLK1B; 1 January 2021 in total from FOLK1A.",
    },
    "note_like_for_like": {
        "da": "2014-tallene er lagt sammen for de sogne, der siden er slået sammen: {merged}.",
        "en": "The 2014 figures are summed for the parishes that have merged since: {merged}.",
    },
    "note_missing_codes": {"da": "{table} har ingen tal for {codes}.", "en": "{table} has no figures for {codes}."},
    # landsby_utils.comparison_frames: what the national parish indicator table takes from each source
    "note_cmp_sogn1": {
        "da": "Sognetal 1. januar 2014 efter alder og 1. januar 2021 i alt, sammenlignet på 2021-sogne.",
        "en": "Parish figures for 1 January 2014 by age and 1 January 2021 in total, compared on 2021 parishes.",
    },
    "note_cmp_dagi": {"da": "Sognenes areal og midtpunkt.", "en": "The parishes' area and centre."},
    "note_cmp_osm": {
        "da": "Stednavnepunkter og nærmeste skole, dagtilbud, dagligvarebutik, læge og bibliotek i lige linje; kun punkter.",
        "en": "Place nodes and the nearest school, childcare, grocery shop, doctor and library in a straight line; points only.",
    },
    # landsby_utils.survey_frames: the cluster's own citizen survey
    "publisher_survey": {"da": "Klyngens borgerundersøgelse", "en": "The cluster's citizen survey"},
    "licence_survey": {
        "da": "Klyngens egne data; kun samlede svar for grupper på mindst 5 personer vises",
        "en": "The cluster's own data; only combined answers of groups of at least 5 people are shown",
    },
    # landsby_utils.sources.dst_moves: which years came from where
    "note_moves_years_snapshot": {"da": "År {years} fra pakket øjebliksbillede.", "en": "Years {years} from the bundled snapshot."},
    "note_moves_years_statbank": {"da": "År {years} fra Statistikbanken.", "en": "Years {years} from StatBank."},
    "note_moves_statbank_no_newer": {"da": "Statistikbanken gav ingen nyere år ({failure}).", "en": "StatBank added no years ({failure})."},
    "note_moves_unknown_labels": {"da": "Ukendte BEV107-betegnelser udeladt: {labels}.", "en": "Unknown BEV107 labels left out: {labels}."},
    "note_moves_ages_100": {
        "da": "Snapshotårene dækker alder 0–99; Statistikbankens år også 100+.",
        "en": "The snapshot years cover ages 0–99; StatBank's years also 100+.",
    },
    "note_sogn1_fallback": {
        "da": "SOGN1 kunne ikke hentes fra Danmarks Statistik ({failure}); viser det pakkede øjebliksbillede.",
        "en": "SOGN1 could not be fetched from Statistics Denmark ({failure}); showing the bundled snapshot.",
    },
    "note_folk1a_fallback": {
        "da": "FOLK1A kunne ikke hentes fra Danmarks Statistik og findes ikke i det lokale lager ({failure}); "
              "viser det pakkede øjebliksbillede fra FOLK1B.",
        "en": "FOLK1A could not be fetched from Statistics Denmark and is not in the local cache ({failure}); "
              "showing the bundled FOLK1B snapshot.",
    },
    "note_statbank_cache_fallback": {
        "da": "Kunne ikke hente {table} fra Danmarks Statistik nu ({failure}); viser seneste gemte udtræk fra {date}.",
        "en": "Could not fetch {table} from Statistics Denmark now ({failure}); showing the last saved extract from {date}.",
    },
    "note_osm_points_only": {
        "da": "Kun punkter; faciliteter tegnet som områder mangler i øjebliksbilledet.",
        "en": "Points only; facilities drawn as areas are missing from the snapshot.",
    },
    "note_overpass_cache_fallback": {
        "da": "Overpass kunne ikke nås nu ({failure}); viser seneste gemte udtræk fra {date}.",
        "en": "Overpass could not be reached now ({failure}); showing the last saved extract from {date}.",
    },
    "note_overpass_snapshot_fallback": {
        "da": "Overpass kunne ikke nås og intet udtræk er gemt ({failure}); viser det pakkede øjebliksbillede.",
        "en": "Overpass could not be reached and no extract is saved ({failure}); showing the bundled snapshot.",
    },
}
