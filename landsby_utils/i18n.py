"""Danish and English labels, and Danish number formats, for everything a villager reads.

Danish is the default. :func:`t` looks up a label; :func:`fmt_int`, :func:`fmt_pct`
and :func:`fmt_num` format numbers the Danish way (``1.234``; ``12,5 %``);
:func:`format_date` writes dates (``1. januar 2020``). Sources record provenance as
data (publisher, dataset and licence keys, structured notes); :func:`describe_provenance`,
:func:`render_note` and :func:`source_text` render them from the same :data:`LABELS`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("da", "en")

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
    "rules_osm_tags": {"da": "OpenStreetMap-mærker", "en": "OpenStreetMap tags"},
    "rules_everything_else": {"da": "alt andet", "en": "everything else"},
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
    "no_facilities_note": {"da": "Ingen registrerede faciliteter i denne kategori.", "en": "No facilities of this kind are registered."},
    "snapshot_gaps": {
        "da": "Øjebliksbilledet fra OpenStreetMap (2019) har kun punkter: skoler, haller og kirker tegnet som bygninger mangler. Jeres proceskonsulent kan hente nyere data.",
        "en": "The OpenStreetMap snapshot (2019) has points only: schools, halls and churches drawn as buildings are missing. Your process consultant can fetch newer data.",
    },
    "numbers_pct_value": {"da": "{value} %", "en": "{value} %"},
    "pop_pyramid_hover": {"da": "%{y} år: %{customdata}", "en": "Age %{y}: %{customdata}"},
    "map_reach": {"da": "Medregnet område ({km} uden for klyngen)", "en": "Area counted ({km} beyond the cluster)"},
    "error_unexpected": {"da": "Der opstod en uventet fejl, da siden blev lavet.", "en": "An unexpected error occurred while making the page."},
    "villages_table_caption": {
        "da": "Sogne: DAGI 2021 (Klimadatastyrelsen). Landsbypunkter: OpenStreetMap 2019 eller sognets midtpunkt.",
        "en": "Parishes: DAGI 2021 (Klimadatastyrelsen). Village points: OpenStreetMap 2019 or the parish centre.",
    },
    "pop_the_cluster": {"da": "klyngen {name}", "en": "the {name} cluster"},
    "pop_municipality_name": {"da": "{name} Kommune", "en": "{name} Municipality"},
    "pop_line_alt": {
        "da": "Linjediagram over befolkningen i {label} fra {start} ({first}) til {end} ({last}).",
        "en": "Line chart of the population of {label} from {start} ({first}) to {end} ({last}).",
    },
    "pop_index_alt": {
        "da": "Linjediagram med indeks ({base} = 100) for {names}. I {end}: {describe}.",
        "en": "Line chart of the index ({base} = 100) for {names}. In {end}: {describe}.",
    },
    "pop_pyramid_alt": {
        "da": "Alderspyramide for {label} i {year} (søjler, mænd til venstre, kvinder til højre) sammenlignet med {other} "
        "(streger), i procent af hele befolkningen.",
        "en": "Age pyramid of {label} in {year} (bars, men left, women right) compared with {other} (lines), "
        "in per cent of the population.",
    },
    "pop_projection_own": {
        "da": "Fremskrivningen er datapakkens egen beregning (Hamilton–Perry) på Danmarks Statistiks tal; "
        "den er ikke en officiel prognose.",
        "en": "The projection is the data package's own calculation (Hamilton–Perry) on Statistics Denmark's "
        "figures; it is not an official forecast.",
    },
    "age_range": {"da": "{low}–{high} år", "en": "{low}–{high} years"},
    "age_and_over": {"da": "{low} år og derover", "en": "{low} years and over"},
    # -- the population page's sentences (landsby_utils/narrative.py) -------------------------
    "nar_change": {
        "da": "Befolkningen i {area} er {verb}{amount} fra {start} til {end} (fra {first} til {last}).",
        "en": "The population of {area} {verb}{amount} from {start} to {end} (from {first} to {last}).",
    },
    "nar_up": {"da": "steget", "en": "grew"},
    "nar_down": {"da": "faldet", "en": "fell"},
    "nar_same": {"da": "stort set uændret", "en": "stayed about the same"},
    "nar_amount": {"da": " {pct}", "en": " by {pct}"},
    "nar_change_other": {
        "da": " I {other} {how}{amount} i samme periode.{relation}",
        "en": " {other} {how}{amount} over the same period.{relation}",
    },
    "nar_other_up": {"da": "steg den", "en": "grew"},
    "nar_other_down": {"da": "faldt den", "en": "fell"},
    "nar_other_same": {"da": "var den stort set uændret", "en": "stayed about the same"},
    "nar_weaker": {"da": " Udviklingen i {area} er altså svagere end i {other}.", "en": ""},
    "nar_stronger": {"da": " Udviklingen i {area} er altså stærkere end i {other}.", "en": ""},
    "nar_lead": {"da": "Der bor", "en": "There are"},
    "nar_lead_area": {"da": "I {area} bor der", "en": "{area} has"},
    "nar_as_many_since": {"da": "{lead} lige så mange {noun} som i {year}.", "en": "{lead} as many {noun} as in {year}."},
    "nar_as_many": {"da": "{lead} lige så mange {noun} som før.", "en": "{lead} as many {noun} as in {year}."},
    "nar_more": {"da": "flere", "en": "more"},
    "nar_fewer": {"da": "færre", "en": "fewer"},
    "nar_than_in": {"da": " end i {year}", "en": " than in {year}"},
    "nar_more_or_fewer": {"da": "{lead} {pct} {more} {noun}{when}.", "en": "{lead} {pct} {more} {noun}{when}."},
    "nar_dependency": {
        "da": "I {area} var der i {year} {now} personer på 65 år og derover for hver 100 i alderen 15–64 år.",
        "en": "In {area} there were {now} people aged 65 and over for every 100 aged 15–64 in {year}.",
    },
    "nar_dependency_since": {
        "da": "I {area} var der i {year} {now} personer på 65 år og derover for hver 100 i alderen 15–64 år; i {first} var der {then}.",
        "en": "In {area} there were {now} people aged 65 and over for every 100 aged 15–64 in {year}; in {first} there were {then}.",
    },
    "nar_projection": {
        "da": "Hvis udviklingen fra {base} til {jump_off} fortsætter, bor der mellem ca. {low} og {high} i {area} i {end} "
        "(der boede {now} i {jump_off}).",
        "en": "If the trend from {base} to {jump_off} continues, {area} will have between about {low} and {high} inhabitants "
        "in {end} ({now} in {jump_off}).",
    },
    "nar_villages_fewer": {
        "da": "{n} af {m} landsbyer havde færre indbyggere i {end} end i {start}",
        "en": "{n} of {m} villages had fewer inhabitants in {end} than in {start}",
    },
    "nar_villages_largest_fall": {"da": "; størst tilbagegang i {name} ({pct})", "en": "; the largest fall was in {name} ({pct})"},
    "nar_villages_largest_rise": {"da": ", størst fremgang i {name} ({pct})", "en": ", the largest rise in {name} ({pct})"},
    "nar_villages_smallest_fall": {"da": ", mindst tilbagegang i {name} ({pct})", "en": ", the smallest fall in {name} ({pct})"},
    "nar_shares": {
        "da": "I {year} var {child} af indbyggerne i {area} børn på 0–15 år ({other}: {child_other}), "
        "og {old} var 65 år eller ældre ({old_other}).",
        "en": "In {year}, {child} of the inhabitants of {area} were children aged 0–15 ({other}: {child_other}), "
        "and {old} were aged 65 or over ({old_other}).",
    },
    "nar_most_children": {
        "da": " Flest børn i forhold til indbyggertallet havde {name} ({share}).",
        "en": " {name} had the most children for its size ({share}).",
    },
    "nar_noun_0-5": {"da": "småbørn (0–5 år)", "en": "young children (0–5)"},
    "nar_noun_0-4": {"da": "småbørn (0–4 år)", "en": "young children (0–4)"},
    "nar_noun_6-16": {"da": "børn i skolealderen (6–16 år)", "en": "children of school age (6–16)"},
    "nar_noun_5-14": {"da": "børn i skolealderen (her 5–14 år)", "en": "children of about school age (5–14)"},
    "nar_noun_17-24": {"da": "unge (17–24 år)", "en": "young people (17–24)"},
    "nar_noun_15-24": {"da": "unge (15–24 år)", "en": "young people (15–24)"},
    "nar_noun_25-39": {"da": "25–39-årige", "en": "people aged 25–39"},
    "nar_noun_40-64": {"da": "40–64-årige", "en": "people aged 40–64"},
    "nar_noun_65-79": {"da": "65–79-årige", "en": "people aged 65–79"},
    "nar_noun_80+": {"da": "ældre på 80 år og derover", "en": "people aged 80 and over"},
    # -- the facilities page (landsby_utils/widgets/facilities.py) ----------------------------
    "fac_col_distance_m": {"da": "afstand_m", "en": "distance_m"},
    "fac_col_name": {"da": "navn", "en": "name"},
    "fac_col_nearest_village": {"da": "naermeste_landsby", "en": "nearest_village"},
    "fac_col_distance_to_village_m": {"da": "afstand_til_landsby_m", "en": "distance_to_village_m"},
    "fac_category_in_sentence": {"da": "{first}{rest}", "en": "{lower}"},
    "fac_it_closes": {"da": "den", "en": "it closes"},
    "fac_they_close": {"da": "de", "en": "they close"},
    "fac_title": {"da": "Faciliteter og afstande", "en": "Facilities and distances"},
    "fac_straight_line": {
        "da": "Alle afstande er målt i lige linje (fugleflugt) fra landsbyens punkt til den nærmeste facilitet, ikke ad vej. "
        "Faciliteter uden for klyngen tæller med, op til {reach} uden for klyngens område.",
        "en": "All distances are straight-line (as the crow flies) from the village's point to the nearest facility, not by road. "
        "Facilities outside the cluster count too, up to {reach} beyond the cluster's area.",
    },
    "fac_estimated": {
        "da": "For {names} kendes landsbyens eget punkt ikke; afstandene er målt fra sognets midte og er derfor kun omtrentlige.",
        "en": "The own point of {names} is not known; distances are measured from the parish centre and are only approximate.",
    },
    "fac_distance_title": {"da": "Afstand til nærmeste facilitet", "en": "Distance to the nearest facility"},
    "fac_none_within": {"da": "ingen inden for {reach}", "en": "none within {reach}"},
    "fac_not_as_point": {"da": "ikke som punkt", "en": "not as a point"},
    "fac_not_registered": {
        "da": "Ikke registreret som punkt i OpenStreetMap 2019: {names}. De er oftest tegnet som bygninger eller områder, "
        "som de pakkede data ikke har, så det siger intet om, om de findes; de indgår derfor ikke i »findes kun én gang« "
        "og i eksemplerne på lukninger. Med `landsby fetch {slug}` hentes også områder.",
        "en": "Not registered as points in OpenStreetMap 2019: {names}. They are usually drawn as buildings or areas, which the "
        "bundled data lack, so this says nothing about whether they exist; they are therefore left out of 'only one in the "
        "cluster' and of the closure examples. `landsby fetch {slug}` also fetches areas.",
    },
    "fac_beyond": {"da": "> {reach}", "en": "> {reach}"},
    "fac_very_close": {"da": "< 0,1 km", "en": "< 0.1 km"},
    "fac_at_least": {"da": "mindst +{km}", "en": "at least +{km}"},
    "join_and": {"da": "og", "en": "and"},
    "join_or": {"da": "eller", "en": "or"},
    "fac_no_point": {"da": "intet punkt", "en": "no point"},
    "fac_none_at_all": {
        "da": "Ingen landsby har {names} inden for {reach} (i de data, der er til rådighed).",
        "en": "No village has {names} within {reach} (in the data available).",
    },
    "fac_colour_key": {"da": "Farver", "en": "Colours"},
    "fac_which_nearest": {"da": "Hvilken facilitet er nærmest?", "en": "Which facility is nearest?"},
    "fac_nearest_facility": {"da": "Nærmeste facilitet", "en": "Nearest facility"},
    "fac_distance": {"da": "Afstand", "en": "Distance"},
    "fac_unnamed": {"da": "uden navn", "en": "no name"},
    "fac_in_village": {"da": "i {village}", "en": "in {village}"},
    "fac_osm_ref": {"da": "OSM {ref}", "en": "OSM {ref}"},
    "fac_outside_cluster": {"da": "uden for klyngen", "en": "outside the cluster"},
    "fac_shares_title": {"da": "Hvor mange landsbyer har det tæt på?", "en": "How many villages have it close by?"},
    "fac_within": {"da": "Inden for {km}", "en": "Within {km}"},
    "fac_n_of_m": {"da": "{n} af {m}", "en": "{n} of {m}"},
    "fac_no_population": {
        "da": "Andelen af indbyggere kan ikke beregnes: befolkningstal for de enkelte landsbyer findes ikke i de pakkede data. "
        "Tabellen tæller landsbyer, ikke mennesker.",
        "en": "The share of inhabitants cannot be computed: population per village is not in the bundled data. "
        "The table counts villages, not people.",
    },
    "fac_inhabitants_within": {"da": "Indbyggere inden for {km}", "en": "Inhabitants within {km}"},
    "fac_shared_title": {"da": "Hvad deler klyngen?", "en": "What does the cluster share?"},
    "fac_shared_intro": {
        "da": "Antal faciliteter i hver landsbys sogn(e). Faciliteter uden for klyngen er ikke talt med her.",
        "en": "Facilities in each village's parish(es). Facilities outside the cluster are not counted here.",
    },
    "fac_in_cluster": {"da": "I klyngen", "en": "In the cluster"},
    "fac_only_one_title": {"da": "Findes kun én gang i klyngen", "en": "Only one in the cluster"},
    "fac_only_one_item": {
        "da": "{category}: {name}.",
        "en": "{category}: {name}.",
    },
    "fac_next_nearest": {
        "da": " Lukker den, bliver der længst til næste {category} fra {village}: {km}.",
        "en": " If it closes, {village} is farthest from the next one: {km}.",
    },
    "fac_next_none": {
        "da": " Lukker den, har {villages} ingen {category} inden for {reach}.",
        "en": " If it closes, {villages} will have none within {reach}.",
    },
    "fac_only_one_none": {"da": "Ingen kategori findes præcis én gang i klyngen.", "en": "No kind exists exactly once in the cluster."},
    "fac_missing_in_cluster": {
        "da": "Findes slet ikke i klyngens sogne: {names}.",
        "en": "Not found at all in the cluster's parishes: {names}.",
    },
    "fac_closure_title": {"da": "Hvad hvis en facilitet lukker?", "en": "What if a facility closes?"},
    "fac_example_title": {"da": "Eksempel: hvis den nærmeste {category} lukker", "en": "Example: if the nearest {category} closes"},
    "fac_example_facility": {
        "da": "Den {category}, der er nærmest for flest landsbyer ({villages}), er: {name}.",
        "en": "The {category} nearest to most villages ({villages}) is: {name}.",
    },
    "fac_before": {"da": "Før", "en": "Before"},
    "fac_after": {"da": "Efter", "en": "After"},
    "fac_longer": {"da": "Længere", "en": "Longer by"},
    "fac_loses": {"da": "Mister adgang inden for", "en": "Loses access within"},
    "fac_unchanged": {"da": "uændret", "en": "unchanged"},
    "fac_closure_summary": {
        "da": "Lukker {it}, får {n} af {m} landsbyer længere til nærmeste {category}",
        "en": "If {it}, {n} of {m} villages get farther to the nearest {category}",
    },
    "fac_closure_lost": {"da": "Mister adgang inden for {km}: {names}.", "en": "Lose access within {km}: {names}."},
    "fac_closure_nobody": {"da": "Ingen landsby mister adgang inden for {km}.", "en": "No village loses access within {km}."},
    "fac_choose_category": {"da": "Kategori", "en": "Category"},
    "fac_try_it": {"da": "Prøv selv: vælg, hvad der lukker", "en": "Try it: choose what closes"},
    "fac_closing": {"da": "Lukker: {names}.", "en": "Closing: {names}."},
    "fac_choose_facilities": {"da": "Faciliteter, der lukker", "en": "Facilities that close"},
    "fac_choose_hint": {
        "da": "Vælg en eller flere faciliteter, der lukker (hold Ctrl eller ⌘ nede for at vælge flere). Tabellen viser så de nye afstande.",
        "en": "Choose one or more facilities that close (hold Ctrl or ⌘ to choose several). The table then shows the new distances.",
    },
    "fac_static_fallback": {
        "da": "I den interaktive udgave af datapakken kan I selv vælge, hvilke faciliteter der lukker, og se de nye afstande. "
        "Denne side er statisk; eksemplet ovenfor viser, hvordan det ser ud.",
        "en": "In the interactive edition you can choose which facilities close and see the new distances. "
        "This page is static; the example above shows what it looks like.",
    },
    "fac_nearest_for": {"da": "nærmest for {names}", "en": "nearest for {names}"},
    "fac_notes_title": {"da": "Om data", "en": "About the data"},
    "fac_note_unnamed": {
        "da": "{n} af faciliteterne har intet navn i OpenStreetMap; de vises som »uden navn«.",
        "en": "{n} of the facilities have no name in OpenStreetMap; they are shown as 'no name'.",
    },
    "fac_note_no_position": {
        "da": "{n} faciliteter havde ingen position (fx en bygning uden midtpunkt) og er udeladt.",
        "en": "{n} facilities had no position (e.g. a building without a centre) and are left out.",
    },
    "fac_note_duplicates": {
        "da": "{n} faciliteter var registreret to gange (fx både som punkt og som bygning) og tælles kun én gang.",
        "en": "{n} facilities were mapped twice (e.g. as a point and as a building) and count once.",
    },
    "fac_note_outside": {
        "da": "{n} faciliteter ligger mere end {reach} uden for klyngen og er ikke medregnet.",
        "en": "{n} facilities lie more than {reach} outside the cluster and are not counted.",
    },
    "fac_note_clean": {
        "da": "Ingen faciliteter manglede position, og ingen var registreret to gange.",
        "en": "No facility lacked a position, and none was mapped twice.",
    },
    "fac_note_total": {
        "da": "{n} faciliteter i de {k} kategorier ligger i eller op til {reach} fra klyngen; {inside} af dem i klyngens sogne (tallet på oversigten).",
        "en": "{n} facilities of the {k} categories lie in or up to {reach} from the cluster; {inside} of them in the cluster's parishes (the figure on the overview).",
    },
    "fac_categories_title": {"da": "Sådan er faciliteterne inddelt", "en": "How facilities are grouped"},
    "fac_categories_intro": {
        "da": "Faciliteterne kommer fra OpenStreetMap. Hver facilitet får én kategori ud fra sine mærker (tags):",
        "en": "Facilities come from OpenStreetMap. Each gets one category from its tags:",
    },
    "landing_intro": {
        "da": "Vælg en landsbyklynge for at se dens datapakke: kort, befolkning og faciliteter.",
        "en": "Choose a village cluster to see its data package: maps, population and facilities.",
    },
    "municipality": {"da": "Kommune", "en": "Municipality"},
    # --- population dashboard (02_befolkning) ---
    "pop_persons": {"da": "personer", "en": "persons"},
    "pop_men": {"da": "Mænd", "en": "Men"},
    "pop_women": {"da": "Kvinder", "en": "Women"},
    "pop_inhabitants_axis": {"da": "Indbyggere", "en": "Inhabitants"},
    "pop_index_axis": {"da": "Indeks ({year} = 100)", "en": "Index ({year} = 100)"},
    "pop_share_axis": {"da": "Andel af befolkningen", "en": "Share of the population"},
    "pop_observed": {"da": "Opgjort", "en": "Observed"},
    "pop_projection_band": {"da": "Spænd for fremskrivningen", "en": "Projection range"},
    "pop_gap": {
        "da": "Der er ingen befolkningstal for klyngens sogne på denne computer. Danmarks Statistik udgiver dem (tabel SOGN1 og KM1), men de følger ikke med den pakkede datapakke. Jeres proceskonsulent kan hente dem ved at køre 'landsby fetch {slug}' på en computer med internet. Indtil da viser siden tal for hele {municipality} Kommune som baggrund – ikke for klyngen selv.",
        "en": "There are no population figures for the cluster's parishes on this computer. Statistics Denmark publishes them (tables SOGN1 and KM1), but they are not part of the bundled data package. Your process consultant can fetch them by running 'landsby fetch {slug}' on a computer with internet access. Until then this page shows figures for all of {municipality} Municipality as background – not for the cluster itself.",
    },
    "pop_basis": {
        "da": "Klyngens tal er summen af sognene {parishes}.",
        "en": "The cluster's figures are the sum of the parishes {parishes}.",
    },
    "pop_ages_missing": {
        "da": "Der er kun samlede tal for sognene (KM1), ikke tal fordelt på alder (SOGN1); aldersfordelingen vises for {municipality} Kommune. Hent SOGN1 med 'landsby fetch {slug}'.",
        "en": "Only total parish figures (KM1) are available, not figures by age (SOGN1); the age structure shown is that of {municipality} Municipality. Fetch SOGN1 with 'landsby fetch {slug}'.",
    },
    "pop_missing_parishes": {
        "da": "Danmarks Statistiks tabel har ingen tal for sogn {codes}, så {villages} er ikke med i klyngens tal. Det er tabellen, der mangler tallene; en ny hentning ændrer ikke det.",
        "en": "Statistics Denmark's table has no figures for parish {codes}, so {villages} are not included in the cluster's figures. The table lacks them; fetching again does not change that.",
    },
    "pop_picker_title": {"da": "Vælg landsbyer", "en": "Choose villages"},
    "pop_picker_help": {
        "da": "Tryk på en landsby for at tage den med eller fra. Nøgletal, tekst og aldersgrupper på siden følger dit valg, og diagrammer for dit valg vises lige herunder.",
        "en": "Tap a village to include or exclude it. Key figures, text and age groups on this page follow your choice; charts for your choice appear just below.",
    },
    "pop_picker_disabled": {
        "da": "Landsbyvælgeren virker, når befolkningstallene for sognene er hentet ('landsby fetch {slug}'). Indtil da kan der ikke vælges landsbyer.",
        "en": "The village picker works once the parish population figures have been fetched ('landsby fetch {slug}'). Until then no villages can be chosen.",
    },
    "pop_picker_static": {
        "da": "Tallene gælder hele klyngen. Enkelte landsbyer kan vælges i den interaktive udgave.",
        "en": "The figures cover the whole cluster. Single villages can be chosen in the interactive version.",
    },
    "pop_empty_selection": {"da": "Vælg mindst én landsby for at se tal.", "en": "Choose at least one village to see figures."},
    "pop_no_data_villages": {
        "da": "Der er ingen befolkningstal for {villages}.",
        "en": "There are no population figures for {villages}.",
    },
    "pop_selection_name": {"da": "Valgte landsbyer", "en": "Chosen villages"},
    "pop_selection_charts": {"da": "Diagrammer for de valgte landsbyer", "en": "Charts for the chosen villages"},
    "pop_inhabitants_in": {"da": "Indbyggere i {area}, {date}", "en": "Inhabitants of {area}, {date}"},
    "pop_change_years": {"da": "Ændring på {years} år ({start}–{end})", "en": "Change over {years} years ({start}–{end})"},
    "pop_change_one_year": {"da": "Ændring det seneste år ({start}–{end})", "en": "Change in the last year ({start}–{end})"},
    "pop_dependency_card": {"da": "Personer på 65+ pr. 100 i alderen 15–64 år ({year})", "en": "Persons aged 65+ per 100 aged 15–64 ({year})"},
    "pop_line_title": {"da": "Befolkningen år for år", "en": "Population year by year"},
    "pop_index_title": {"da": "Udvikling sammenlignet med kommune, region og hele landet", "en": "Trend compared with municipality, region and Denmark"},
    "pop_pyramid_title": {"da": "Alderspyramide {year}", "en": "Age pyramid {year}"},
    "pop_age_table_title": {"da": "Aldersgrupper {start} og {end}", "en": "Age groups {start} and {end}"},
    "pop_projection_title": {"da": "Fremskrivning til {year}", "en": "Projection to {year}"},
    "pop_narrative_title": {"da": "Hvad tallene fortæller", "en": "What the figures say"},
    "pop_villages_title": {"da": "Landsbyer og sogne", "en": "Villages and parishes"},
    "pop_not_fetched": {"da": "ikke hentet", "en": "not fetched"},
    "pop_col_group": {"da": "Aldersgruppe", "en": "Age group"},
    "pop_col_change": {"da": "Ændring", "en": "Change"},
    "pop_col_change_pct": {"da": "Ændring %", "en": "Change %"},
    "pop_col_year": {"da": "{year}", "en": "{year}"},
    "pop_col_inhabitants": {"da": "Indbyggere {year}", "en": "Inhabitants {year}"},
    "pop_total": {"da": "I alt", "en": "Total"},
    "pop_suppressed_note": {
        "da": "<5 betyder 1–4 personer. × er skjult, så et lille tal ikke kan regnes ud fra de andre tal.",
        "en": "<5 means 1–4 persons. × is hidden so that a small number cannot be worked out from the other figures.",
    },
    "pop_bands_note": {
        "da": "Kommunens tal findes kun i 5-årsgrupper, så aldersgrupperne er 0–4 år (ikke 0–5), 5–14 år (ikke 6–16) og 15–24 år (ikke 17–24). Intet er omregnet: alle tal er summer af Danmarks Statistiks tal.",
        "en": "The municipality's figures exist only in 5-year groups, so the age groups are 0–4 (not 0–5), 5–14 (not 6–16) and 15–24 (not 17–24). Nothing is re-estimated: every figure is a sum of Statistics Denmark's figures.",
    },
    "pop_method": {
        "da": "Metode: Hamilton–Perry-fremskrivning (kohorte-ændringsforhold). For hver 5-årsgruppe og hvert køn måles, hvor mange der var tilbage fem år senere fra {base} til {jump_off}, og hvor mange 0–4-årige der var pr. kvinde på 15–49 år. De forhold lægges på befolkningen i {jump_off} to gange (5 + 5 år). Spændet kommer af at bruge forholdene fra {sources}. Antagelse: flytninger, fødsler og dødsfald fortsætter som i de fem år før; nyt byggeri, lukninger og nye arbejdspladser er ikke med. Det er en beregning af 'hvis det fortsætter', ikke en prognose.",
        "en": "Method: Hamilton–Perry projection (cohort change ratios). For each 5-year age group and sex we measure how many remained five years later from {base} to {jump_off}, and how many 0–4-year-olds there were per woman aged 15–49. These ratios are applied to the {jump_off} population twice (5 + 5 years). The range comes from using the ratios of {sources}. Assumption: moves, births and deaths continue as in the five years before; new housing, closures and new jobs are not included. It is a 'what if it continues' calculation, not a forecast.",
    },
    "pop_variant_own": {"da": "{area}s egen udvikling", "en": "{area}'s own trend"},
    "pop_variant_other": {"da": "udviklingen i {area}", "en": "the trend in {area}"},
    "pop_caption": {"da": "Kilde: {provenance}", "en": "Source: {provenance}"},
    "pop_derived_note": {
        "da": "Klyngens tal er beregnet af datapakken ud fra Danmarks Statistiks sognetal.",
        "en": "The cluster's figures are derived by the data package from Statistics Denmark's parish figures.",
    },
    "pop_country_name": {"da": "Hele landet", "en": "Denmark"},
    "cluster_population": {"da": "Indbyggere i klyngens sogne, {date}", "en": "Inhabitants of the cluster's parishes, {date}"},
    "pop_village_ages_title": {"da": "Aldersgrupper i landsbyerne {year}", "en": "Age groups in the villages {year}"},
    "pop_parish_count": {"da": "{n} sogne", "en": "{n} parishes"},
    "pop_children_card": {"da": "Børn 0–15 år, andel af alle ({year})", "en": "Children aged 0–15, share of all ({year})"},
    "pop_elderly_card": {"da": "65 år og ældre, andel af alle ({year})", "en": "Aged 65 and over, share of all ({year})"},
    "pop_share_note": {"da": "{area}: {share}", "en": "{area}: {share}"},
    "pop_col_share": {"da": "Andel {year}", "en": "Share {year}"},
    "pop_col_share_of": {"da": "{area} {year}", "en": "{area} {year}"},
    "pop_col_children": {"da": "0–15 år {year}", "en": "Aged 0–15 {year}"},
    "pop_col_elderly": {"da": "65+ år {year}", "en": "Aged 65+ {year}"},
    "pop_col_persons_year": {"da": "Personer {year}", "en": "Persons {year}"},
    "pop_age_structure_title": {"da": "Aldersgrupper {year}", "en": "Age groups {year}"},
    "pop_villages_change_title": {"da": "Landsbyerne {start} og {end}", "en": "The villages in {start} and {end}"},
    "pop_like_for_like": {
        "da": "Sognene {merged} er slået sammen siden {start}; {start}-tallet er summen af de gamle sogne, så der sammenlignes på samme område.",
        "en": "The parishes {merged} have merged since {start}; the {start} figure is the sum of the old parishes, so the same area is compared.",
    },
    "pop_not_comparable": {
        "da": "Sognene {codes} har fået nye grænser siden 2014, som ingen sum af gamle sogne følger; deres ændring vises ikke.",
        "en": "The parishes {codes} have new boundaries since 2014 that no sum of old parishes follows; their change is not shown.",
    },
    "pop_ages_year_only": {
        "da": "Aldersfordelingen findes for sognene kun pr. 1. januar {year} i de pakkede data; nyere aldersfordelinger kommer med `landsby fetch {slug}`.",
        "en": "The age structure of the parishes is available only for 1 January {year} in the bundled data; newer age structures come with `landsby fetch {slug}`.",
    },
    "pop_projection_scope": {
        "da": "Fremskrivningen vises kun for {municipality} Kommune, ikke for landsbyerne eller klyngen: {reason}",
        "en": "The projection is shown only for {municipality} Municipality, not for the villages or the cluster: {reason}",
    },
    "pop_backtest": {
        "da": "Tilbagetest på rigtige tal: fremskrevet fra 1. januar 2014 til 2021 med kommunens forholdstal ramte metoden de {parishes} danske sogne med en median-afvigelse på {median} % (sogne under 250 indbyggere: {small} %; hvert tiende sogn over {p90} %); at antage uændret befolkning gav {naive} %. For de {municipalities} kommuner med deres egne forholdstal var afvigelsen {m_median} % (uændret: {m_naive} %). Læs derfor spændet som et 'hvis det fortsætter', ikke som en prognose.",
        "en": "Back-test on real figures: projected from 1 January 2014 to 2021 with the municipality's ratios, the method missed the {parishes} Danish parishes by a median of {median} % (parishes under 250 inhabitants: {small} %; one in ten parishes by more than {p90} %); assuming no change missed by {naive} %. For the {municipalities} municipalities with their own ratios the miss was {m_median} % (no change: {m_naive} %). Read the range as 'if it continues', not as a forecast.",
    },
    "pop_backtest_reason": {
        "da": "tilbagetesten viser, at metoden for det enkelte sogn ikke rammer bedre end at antage uændret befolkning.",
        "en": "the back-test shows that for a single parish the method does no better than assuming no change.",
    },
    "pop_context_heading": {"da": "Baggrund: {municipality} Kommune", "en": "Background: {municipality} Municipality"},
    # --- citizen survey dashboard (05_borgerundersoegelse) ---
    "nav_survey": {"da": "Borgerundersøgelse", "en": "Citizen survey"},
    "survey_title": {"da": "Borgerundersøgelsen", "en": "The citizen survey"},
    "survey_none": {
        "da": "Der er endnu ikke importeret en borgerundersøgelse for {name}. Når klyngen har lavet sin undersøgelse, viser siden her svarene landsby for landsby og for hele klyngen: hvordan borgerne ser organisering, kommunikation, involvering, samarbejdet med kommunen, mødesteder og aktiviteter, hvorfor de bor her, og hvad de ønsker sig.",
        "en": "No citizen survey has been imported for {name} yet. Once the cluster has run its survey, this page shows the answers village by village and for the whole cluster: how residents see organisation, communication, involvement, cooperation with the municipality, meeting places and activities, why they live here, and what they wish for.",
    },
    "survey_how": {
        "da": "Sådan tilføjes den: lav undersøgelsen i SurveyXact, Google Forms eller Microsoft Forms ud fra datapakkens skabelon, eksportér svarene, og kør 'landsby survey check {slug} FIL ...' og derefter 'landsby survey import {slug} FIL ...' på jeres proceskonsulents computer. Navne, e-mails, tidspunkter og fritekst fjernes ved importen, og svarene gemmes uden for det, der vises på nettet.",
        "en": "How to add it: run the survey in SurveyXact, Google Forms or Microsoft Forms from the data package's template, export the answers, and run 'landsby survey check {slug} FILE ...' and then 'landsby survey import {slug} FILE ...' on your process consultant's computer. Names, e-mails, times and free text are removed on import, and the answers are kept outside everything that is published.",
    },
    "survey_template": {
        "da": "Skabelonen og vejledningen til de tre værktøjer ligger i datapakken under data/surveys/ (borgerundersoegelse.toml og README.md).",
        "en": "The template and the guide to the three tools are in the data package under data/surveys/ (borgerundersoegelse.toml and README.md).",
    },
    "survey_intro": {
        "da": "{n} borgere har svaret på klyngens borgerundersøgelse ({tool}, {when}). Svarene vises for hver landsby og for hele klyngen.",
        "en": "{n} residents answered the cluster's citizen survey ({tool}, {when}). The answers are shown for each village and for the whole cluster.",
    },
    "survey_privacy": {
        "da": "Ingen enkeltpersoner kan ses: en landsby med færre end 5 svar vises som «<5» uden procenter, og et ekstra tal skjules (×), så den ikke kan regnes ud fra totalen. Fritekst og personoplysninger er aldrig med.",
        "en": "No individual can be seen: a village with fewer than 5 answers is shown as “<5” without percentages, and a further figure is hidden (×) so that it cannot be worked out from the total. Free text and personal data are never included.",
    },
    "survey_cluster_row": {"da": "Hele klyngen", "en": "Whole cluster"},
    "survey_respondents_title": {"da": "Hvem har svaret", "en": "Who answered"},
    "survey_col_respondents": {"da": "Svar", "en": "Answers"},
    "survey_col_residents": {"da": "Indbyggere 16+ år ({year})", "en": "Residents aged 16+ ({year})"},
    "survey_col_rate": {"da": "Svarprocent", "en": "Response rate"},
    "survey_col_answered": {"da": "Har svaret", "en": "Answered"},
    "survey_col_mean": {"da": "Gennemsnit (0–10)", "en": "Average (0–10)"},
    "survey_rate_note": {
        "da": "Svarprocenten er antal svar delt med antal indbyggere på 16 år og derover i landsbyens sogn(e) pr. {date} (Danmarks Statistik, SOGN1 – det seneste år med alder for sognene i datapakken). Sognet kan være større end selve landsbyen.",
        "en": "The response rate is the number of answers divided by the residents aged 16 and over in the village's parish(es) on {date} (Statistics Denmark, SOGN1 – the latest year with ages for the parishes in the data package). The parish may be larger than the village itself.",
    },
    "survey_suppressed_note": {
        "da": "<5 betyder 1–4 svar. × er skjult, så et lille tal ikke kan regnes ud fra de andre tal. Deres procenter vises ikke.",
        "en": "<5 means 1–4 answers. × is hidden so that a small number cannot be worked out from the other figures. Their percentages are not shown.",
    },
    "survey_narrative_title": {"da": "Hvad svarene fortæller", "en": "What the answers say"},
    "survey_say_rate": {
        "da": "{n} har svaret – det svarer til {rate} af de {residents} indbyggere på 16 år og derover i klyngens sogne ({year}).",
        "en": "{n} residents answered – that is {rate} of the {residents} residents aged 16 and over in the cluster's parishes ({year}).",
    },
    "survey_say_focus": {
        "da": "I hele klyngen vurderes {best} bedst ({best_pct} svarer godt eller meget godt) og {worst} dårligst ({worst_pct}).",
        "en": "Across the cluster, {best} is rated best ({best_pct} answer good or very good) and {worst} worst ({worst_pct}).",
    },
    "survey_say_spread": {
        "da": "Landsbyerne er mest uenige om {area}: i {high} svarer {high_pct} godt eller meget godt, i {low} {low_pct} (hele klyngen: {cluster_pct}).",
        "en": "The villages differ most on {area}: in {high} {high_pct} answer good or very good, in {low} {low_pct} (whole cluster: {cluster_pct}).",
    },
    "survey_say_satisfaction": {
        "da": "Tilfredsheden med livet er i gennemsnit {mean} på en skala fra 0 til 10.",
        "en": "Life satisfaction averages {mean} on a scale from 0 to 10.",
    },
    "survey_no_benchmark": {
        "da": "Datapakken har ingen landsdækkende tal for tilfredshed med livet at sammenligne med, så tallet står alene.",
        "en": "The data package has no national figures for life satisfaction to compare with, so the figure stands alone.",
    },
    "survey_say_reason": {"da": "Den hyppigste grund til at bo her er {option} ({pct} af dem, der svarede).", "en": "The most common reason for living here is {option} ({pct} of those who answered)."},
    "survey_say_activity": {"da": "Flest ønsker sig mere af {option} ({pct}).", "en": "Most people want more {option} ({pct})."},
    "survey_say_place": {"da": "Det mødested, flest savner eller vil bruge mere, er {option} ({pct}).", "en": "The meeting place most people miss or want to use more is {option} ({pct})."},
    "survey_focus_title": {"da": "Fokusområde: {area}", "en": "Focus area: {area}"},
    "survey_focus_alt": {
        "da": "Stablede søjler for {area}: andelen af svar fra meget dårligt til meget godt i {n} landsbyer og hele klyngen, hvor {positive} svarer godt eller meget godt.",
        "en": "Stacked bars for {area}: the share of answers from very poor to very good in {n} villages and the whole cluster, where {positive} answer good or very good.",
    },
    "survey_hidden_villages": {"da": "Ikke vist (for få svar til at vise dem sikkert): {villages}.", "en": "Not shown (too few answers to show safely): {villages}."},
    "survey_choose_area": {"da": "Vælg fokusområde", "en": "Choose focus area"},
    "survey_area": {"da": "Fokusområde", "en": "Focus area"},
    "survey_positive_title": {"da": "Andel, der svarer godt eller meget godt", "en": "Share answering good or very good"},
    "survey_positive_note": {
        "da": "Procent af dem, der har svaret (ikke 'ved ikke'). <5 og × er landsbyer med for få svar til at vise procenter.",
        "en": "Percent of those who answered (not 'don't know'). <5 and × are villages with too few answers to show percentages.",
    },
    "survey_satisfaction_title": {"da": "Tilfredshed med livet", "en": "Life satisfaction"},
    "survey_hvorfor_her_title": {"da": "Hvorfor bor vi her", "en": "Why we live here"},
    "survey_oensker_aktiviteter_title": {"da": "Aktiviteter, vi ønsker os mere af", "en": "Activities we want more of"},
    "survey_oensker_moedesteder_title": {"da": "Mødesteder, vi savner eller vil bruge mere", "en": "Meeting places we miss or want to use more"},
    "survey_choices_alt": {"da": "Søjler for {title}: flest har valgt {first} ({pct}).", "en": "Bars for {title}: most chose {first} ({pct})."},
    "survey_choices_note": {
        "da": "Procent af dem i hele klyngen, der har sat mindst ét kryds; man kunne vælge flere. Svar valgt af færre end 5 vises ikke.",
        "en": "Percent of those in the whole cluster who ticked at least one box; several could be chosen. Answers chosen by fewer than 5 are not shown.",
    },
    "survey_too_few": {"da": "For få svar til at vise dette sikkert.", "en": "Too few answers to show this safely."},
    "survey_answer": {"da": "Svar", "en": "Answer"},
    "survey_share_col": {"da": "Andel (%)", "en": "Share (%)"},
    "survey_level_1": {"da": "Meget dårligt", "en": "Very poor"},
    "survey_level_2": {"da": "Dårligt", "en": "Poor"},
    "survey_level_3": {"da": "Hverken godt eller dårligt", "en": "Neither good nor poor"},
    "survey_level_4": {"da": "Godt", "en": "Good"},
    "survey_level_5": {"da": "Meget godt", "en": "Very good"},
    "survey_area_fokus_organisering": {"da": "organisering", "en": "organisation"},
    "survey_area_fokus_kommunikation": {"da": "kommunikation", "en": "communication"},
    "survey_area_fokus_involvering": {"da": "involvering", "en": "involvement"},
    "survey_area_fokus_kommunesamarbejde": {"da": "samarbejdet med kommunen", "en": "cooperation with the municipality"},
    "survey_area_fokus_moedesteder": {"da": "mødesteder", "en": "meeting places"},
    "survey_area_fokus_aktivitetsudbud": {"da": "aktivitetsudbud", "en": "range of activities"},
    "survey_opt_hvorfor_her_natur": {"da": "Naturen og landskabet", "en": "Nature and landscape"},
    "survey_opt_hvorfor_her_ro": {"da": "Ro og plads", "en": "Peace and space"},
    "survey_opt_hvorfor_her_faellesskab": {"da": "Fællesskabet og naboerne", "en": "Community and neighbours"},
    "survey_opt_hvorfor_her_familie": {"da": "Familie og venner bor her", "en": "Family and friends live here"},
    "survey_opt_hvorfor_her_opvokset": {"da": "Jeg er vokset op her", "en": "I grew up here"},
    "survey_opt_hvorfor_her_bolig": {"da": "Boligpriserne", "en": "Housing prices"},
    "survey_opt_hvorfor_her_arbejde": {"da": "Arbejde i nærheden", "en": "Work nearby"},
    "survey_opt_hvorfor_her_boern": {"da": "Gode forhold for børn (skole, dagtilbud)", "en": "Good conditions for children (school, childcare)"},
    "survey_opt_hvorfor_her_foreninger": {"da": "Foreningslivet", "en": "Clubs and associations"},
    "survey_opt_hvorfor_her_andet": {"da": "Andet", "en": "Other"},
    "survey_opt_oensker_aktiviteter_motion": {"da": "Motion og idræt", "en": "Exercise and sport"},
    "survey_opt_oensker_aktiviteter_boern_unge": {"da": "Aktiviteter for børn og unge", "en": "Activities for children and young people"},
    "survey_opt_oensker_aktiviteter_seniorer": {"da": "Aktiviteter for seniorer", "en": "Activities for seniors"},
    "survey_opt_oensker_aktiviteter_faellesspisning": {"da": "Fællesspisning", "en": "Communal dining"},
    "survey_opt_oensker_aktiviteter_kultur": {"da": "Kultur, musik og foredrag", "en": "Culture, music and talks"},
    "survey_opt_oensker_aktiviteter_natur": {"da": "Naturoplevelser og vandreture", "en": "Nature and walks"},
    "survey_opt_oensker_aktiviteter_frivillig": {"da": "Frivilligt arbejde og arbejdsdage", "en": "Volunteering and work days"},
    "survey_opt_oensker_aktiviteter_fester": {"da": "Fester og byfester", "en": "Parties and village festivals"},
    "survey_opt_oensker_aktiviteter_andet": {"da": "Andet", "en": "Other"},
    "survey_opt_oensker_moedesteder_forsamlingshus": {"da": "Forsamlingshus eller medborgerhus", "en": "Village hall or community centre"},
    "survey_opt_oensker_moedesteder_hal": {"da": "Hal eller idrætsanlæg", "en": "Sports hall or grounds"},
    "survey_opt_oensker_moedesteder_udendoers": {"da": "Udendørs mødested, legeplads eller shelter", "en": "Outdoor meeting place, playground or shelter"},
    "survey_opt_oensker_moedesteder_cafe": {"da": "Café eller spisested", "en": "Café or eatery"},
    "survey_opt_oensker_moedesteder_butik": {"da": "Dagligvarebutik", "en": "Grocery shop"},
    "survey_opt_oensker_moedesteder_bibliotek": {"da": "Bibliotek eller kulturhus", "en": "Library or cultural centre"},
    "survey_opt_oensker_moedesteder_skole": {"da": "Skolen uden for skoletid", "en": "The school outside school hours"},
    "survey_opt_oensker_moedesteder_andet": {"da": "Andet", "en": "Other"},
    # Accessibility: each chart's numbers as a table, skipping a map with the keyboard.
    "show_numbers": {"da": "Vis tallene", "en": "Show the numbers"},
    "numbers_year": {"da": "År", "en": "Year"},
    "numbers_age": {"da": "Alder", "en": "Age"},
    "numbers_low": {"da": "{band}, lav", "en": "{band}, low"},
    "numbers_high": {"da": "{band}, høj", "en": "{band}, high"},
    "numbers_pct": {"da": "{label} (%)", "en": "{label} (%)"},
    "skip_map": {"da": "Spring kortet over", "en": "Skip the map"},

    # -- "Hvem flytter" (widgets/moves.py, moves.py, moves_view.py) --
    "nav_moves": {"da": "Hvem flytter", "en": "Who moves"},
    "mv_scope": {"da": "Tallene på denne side gælder hele {municipality} Kommune, ikke landsbyerne i klyngen. Danmarks Statistik offentliggør dem kun for kommuner, og de kan ikke regnes ned til landsbyer.",
                 "en": "The figures on this page are for the whole of {municipality} Municipality, not the villages of the cluster. Statistics Denmark publishes them only for municipalities, and they cannot be scaled down to villages."},
    "mv_scope_short": {"da": "Tallene gælder {municipality} Kommune, ikke landsbyerne.", "en": "These figures are for {municipality} Municipality, not the villages."},
    "mv_years": {"da": "Befolkningsregnskab (BEV107): {accounts}. Flytninger mellem kommuner (FLY66): {flows}.",
                 "en": "Population accounts (BEV107): {accounts}. Moves between municipalities (FLY66): {flows}."},
    "mv_source_snapshot": {"da": "pakket øjebliksbillede", "en": "bundled snapshot"},
    "mv_source_statbank": {"da": "Statistikbanken", "en": "StatBank"},
    "mv_all_ages": {"da": "Alle aldre", "en": "All ages"},
    "mv_all_ages_in_text": {"da": "alle aldre", "en": "all ages"},
    "mv_band": {"da": "{band} år", "en": "aged {band}"},
    "mv_who_0_17": {"da": "børnene (0–17 år)", "en": "children (aged 0–17)"},
    "mv_who_18_29": {"da": "de 18–29-årige", "en": "people aged 18–29"},
    "mv_who_30_44": {"da": "de 30–44-årige", "en": "people aged 30–44"},
    "mv_who_45_64": {"da": "de 45–64-årige", "en": "people aged 45–64"},
    "mv_who_65plus": {"da": "de 65-årige og ældre", "en": "people aged 65 and over"},
    "mv_total_sentence": {"da": "I {year} flyttede {moves_in} personer til kommunen fra andre kommuner, og {moves_out} flyttede fra kommunen til andre kommuner (netto {net}).",
                          "en": "In {year}, {moves_in} people moved to the municipality from other municipalities and {moves_out} moved from it to other municipalities (net {net})."},
    "mv_mostly_out": {"da": "Flere flytter fra end til kommunen; især {who}: {n} flere flyttede fra end til i {year}.",
                      "en": "More people move away from the municipality than to it; especially {who}: {n} more moved away than arrived in {year}."},
    "mv_mostly_in": {"da": "Flere flytter til end fra kommunen; især {who}: {n} flere flyttede til end fra i {year}.",
                     "en": "More people move to the municipality than away from it; especially {who}: {n} more arrived than moved away in {year}."},
    "mv_but_in": {"da": "Til gengæld flyttede {n} flere af {who} til end fra.", "en": "On the other hand, {n} more {who} arrived than moved away."},
    "mv_but_out": {"da": "Til gengæld flyttede {n} flere af {who} fra end til.", "en": "On the other hand, {n} more {who} moved away than arrived."},
    "mv_period_sentence": {"da": "{first}–{last}: flytninger til og fra andre kommuner gav netto {net} indbyggere, fødselsoverskuddet {natural} og ind- og udvandring netto {abroad}.",
                           "en": "{first}–{last}: moves to and from other municipalities gave a net {net} inhabitants, the natural increase {natural} and migration to and from abroad a net {abroad}."},
    "mv_growth_sentence": {"da": "Befolkningstilvækst pr. 1.000 indbyggere om året {first}–{last}: {mine} i kommunen mod {other} i hele landet.",
                           "en": "Population growth per 1,000 inhabitants a year {first}–{last}: {mine} in the municipality against {other} in Denmark."},
    "mv_similar_sentence": {"da": "Nettotilflytning fra andre kommuner pr. 1.000 indbyggere om året {first}–{last}: {mine} i kommunen mod {other} i lignende kommuner.",
                            "en": "Net moves from other municipalities per 1,000 inhabitants a year {first}–{last}: {mine} in the municipality against {other} in similar municipalities."},
    "mv_c_start": {"da": "Befolkning primo", "en": "Population at start"},
    "mv_c_births": {"da": "Fødte", "en": "Births"},
    "mv_c_deaths": {"da": "Døde", "en": "Deaths"},
    "mv_c_natural_increase": {"da": "Fødselsoverskud", "en": "Natural increase"},
    "mv_c_moves_in": {"da": "Tilflyttede", "en": "Moved in"},
    "mv_c_moves_out": {"da": "Fraflyttede", "en": "Moved out"},
    "mv_c_net_moves": {"da": "Nettotilflyttede", "en": "Net moves"},
    "mv_c_immigration": {"da": "Indvandrede", "en": "Immigrants"},
    "mv_c_emigration": {"da": "Udvandrede", "en": "Emigrants"},
    "mv_c_net_immigration": {"da": "Nettoindvandrede", "en": "Net immigration"},
    "mv_c_growth": {"da": "Befolkningstilvækst", "en": "Population growth"},
    "mv_c_end": {"da": "Befolkning ultimo", "en": "Population at end"},
    "mv_component": {"da": "Bevægelse", "en": "Movement"},
    "mv_persons_axis": {"da": "Personer", "en": "Persons"},
    "mv_rate_axis": {"da": "Pr. 1.000 indbyggere om året", "en": "Per 1,000 inhabitants a year"},
    "mv_age": {"da": "Alder (år)", "en": "Age (years)"},
    "mv_moved_in": {"da": "Tilflyttede", "en": "Moved in"},
    "mv_moved_out": {"da": "Fraflyttede", "en": "Moved out"},
    "mv_net": {"da": "Netto", "en": "Net"},
    "mv_municipality": {"da": "Kommune", "en": "Municipality"},
    "mv_moved_in_from": {"da": "Tilflyttede herfra", "en": "Moved in from"},
    "mv_moved_out_to": {"da": "Fraflyttede hertil", "en": "Moved out to"},
    "mv_other_municipalities": {"da": "Øvrige kommuner", "en": "Other municipalities"},
    "mv_total": {"da": "I alt", "en": "Total"},
    "mv_similar_label": {"da": "Lignende kommuner", "en": "Similar municipalities"},
    "mv_similar_how": {"da": "Lignende kommuner er de {n} kommuner, der ligner mest i indbyggertal og indbyggere pr. km² (ultimo {year}): {names}.",
                       "en": "Similar municipalities are the {n} municipalities closest in population and inhabitants per km² (end of {year}): {names}."},
    "mv_method": {"da": "Lignende kommuner: de {n} nærmeste i (log) indbyggertal og (log) indbyggere pr. km², areal fra DAGI. Rater pr. 1.000 indbyggere regnes af gennemsnittet af befolkningen primo og ultimo året. Flytninger på 1–4 personer vises som \"<5\", og flere celler skjules (\"×\"), så de ikke kan regnes ud.",
                  "en": "Similar municipalities: the {n} nearest in (log) population and (log) inhabitants per km², area from DAGI. Rates per 1,000 inhabitants use the mean of the population at the start and end of the year. Moves of 1–4 persons are shown as \"<5\", and further cells are hidden (\"×\") so they cannot be worked out."},
    "mv_card_in": {"da": "Tilflyttede fra andre kommuner, {year}", "en": "Moved in from other municipalities, {year}"},
    "mv_card_out": {"da": "Fraflyttede til andre kommuner, {year}", "en": "Moved out to other municipalities, {year}"},
    "mv_card_net": {"da": "Nettotilflytning, {year}", "en": "Net moves, {year}"},
    "mv_card_net_band": {"da": "Heraf {band}-årige", "en": "Of which aged {band}"},
    "mv_figures_title": {"da": "Flytninger i {municipality} Kommune", "en": "Moves in {municipality} Municipality"},
    "mv_narrative_title": {"da": "Hvad tallene siger", "en": "What the figures say"},
    "mv_accounts_title": {"da": "Befolkningsregnskab for {municipality} Kommune, {first}–{last}", "en": "Population accounts of {municipality} Municipality, {first}–{last}"},
    "mv_accounts_alt": {"da": "Søjler pr. år for fødselsoverskud, nettotilflytning fra andre kommuner og nettoindvandring i {municipality} Kommune, med befolkningstilvæksten som punkter.",
                        "en": "Bars per year of natural increase, net moves from other municipalities and net immigration in {municipality} Municipality, with population growth as points."},
    "mv_accounts_table_title": {"da": "Befolkningsregnskab år for år, {municipality} Kommune", "en": "Population accounts year by year, {municipality} Municipality"},
    "mv_rates_title": {"da": "Pr. 1.000 indbyggere om året, {first}–{last}: kommunen, lignende kommuner og hele landet", "en": "Per 1,000 inhabitants a year, {first}–{last}: the municipality, similar municipalities and Denmark"},
    "mv_rates_alt": {"da": "Søjler for fødte, døde, til- og fraflyttede, ind- og udvandrede pr. 1.000 indbyggere i {municipality} Kommune, lignende kommuner og hele landet.",
                     "en": "Bars of births, deaths, moves in and out, immigrants and emigrants per 1,000 inhabitants in {municipality} Municipality, similar municipalities and Denmark."},
    "mv_age_title": {"da": "Flytninger efter alder, {municipality} Kommune, {year}", "en": "Moves by age, {municipality} Municipality, {year}"},
    "mv_age_alt": {"da": "Søjler pr. aldersgruppe for til-, fraflyttede og netto i {municipality} Kommune i {year}.",
                   "en": "Bars per age group of moves in, out and net in {municipality} Municipality in {year}."},
    "mv_flows_heading": {"da": "Hvor kommer de fra, og hvor flytter de hen?", "en": "Where do they come from, and where do they go?"},
    "mv_flows_title": {"da": "Flytninger mellem {municipality} Kommune og andre kommuner, {band}, {year}", "en": "Moves between {municipality} Municipality and other municipalities, {band}, {year}"},
    "mv_map_title": {"da": "Kort over flytninger mellem {municipality} og andre kommuner, {band}, {year}", "en": "Map of moves between {municipality} and other municipalities, {band}, {year}"},
    "mv_map_tip": {"da": "{name}: {moves_in} flyttede herfra, {moves_out} flyttede hertil (netto {net})", "en": "{name}: {moves_in} moved from here, {moves_out} moved here (net {net})"},
    "mv_map_legend": {"da": "Kortet viser de 10 kommuner med flest flytninger til og fra kommunen (tykkere streg: flere flytninger). Grøn: flere kom herfra, end der flyttede hertil. Orange: flere flyttede hertil. Grå: skjult for at beskytte små tal.",
                      "en": "The map shows the 10 municipalities with most moves to and from the municipality (thicker line: more moves). Green: more came from there than moved there. Orange: more moved there. Grey: hidden to protect small numbers."},
    "mv_more_in": {"da": "Flere kom herfra", "en": "More came from here"},
    "mv_more_out": {"da": "Flere flyttede hertil", "en": "More moved here"},
    "mv_suppressed_note": {"da": "\"<5\": 1–4 flytninger; \"×\": skjult, så et lille tal ikke kan regnes ud.", "en": "\"<5\": 1–4 moves; \"×\": hidden so that a small number cannot be worked out."},
    "mv_no_moves": {"da": "Ingen flyttede mellem {municipality} Kommune og andre kommuner i aldersgruppen {band} i {year}, så der er intet kort eller tabel at vise.",
                    "en": "Nobody {band} moved between {municipality} Municipality and other municipalities in {year}, so there is no map or table to show."},
    "mv_age_nothing": {"da": "Flytningerne i {municipality} Kommune i {year} er så få, at ingen aldersgruppe kan vises uden at afsløre små tal.",
                       "en": "The moves in {municipality} Municipality in {year} are so few that no age group can be shown without revealing small numbers."},
    "mv_picker_label": {"da": "Aldersgruppe", "en": "Age group"},
    "mv_picker_static": {"da": "Alle aldre. I den interaktive udgave kan du vælge en aldersgruppe.", "en": "All ages. In the interactive edition you can choose an age group."},
    # "Steder som os" (comparison page, widgets/comparison.py).
    "nav_comparison": {"da": "Steder som os", "en": "Places like us"},
    "cmp_intro": {
        "da": "Hvordan ligner klyngens landsbyer resten af Danmark? Her står hvert sogn i forhold til landets {n_all} sogne og "
        "{n_rural} landsogne, og hvilke steder der ligner mest. Det er ikke en rangliste: intet sted er bedre end et andet.",
        "en": "How do the cluster's villages compare with the rest of Denmark? Here each parish is placed among the country's "
        "{n_all} parishes and {n_rural} rural parishes, with the places most like it. It is not a ranking: no place is better "
        "than another.",
    },
    "cmp_ind_population": {"da": "Indbyggere 2021", "en": "Inhabitants 2021"},
    "cmp_ind_change": {"da": "Udvikling 2014–2021 (%)", "en": "Change 2014–2021 (%)"},
    "cmp_ind_children": {"da": "Andel 0–15 år, 2014 (%)", "en": "Share aged 0–15, 2014 (%)"},
    "cmp_ind_elderly": {"da": "Andel 65 år og over, 2014 (%)", "en": "Share aged 65+, 2014 (%)"},
    "cmp_ind_dependency": {"da": "Ældre (65+) pr. 100 i alderen 16–64, 2014", "en": "Older people (65+) per 100 aged 16–64, 2014"},
    "cmp_ind_density": {"da": "Indbyggere pr. km²", "en": "Inhabitants per km²"},
    "cmp_ind_school": {"da": "Km til nærmeste skole", "en": "Km to the nearest school"},
    "cmp_ind_childcare": {"da": "Km til nærmeste dagtilbud", "en": "Km to the nearest childcare"},
    "cmp_ind_grocery": {"da": "Km til nærmeste dagligvarebutik", "en": "Km to the nearest grocery shop"},
    "cmp_ind_doctor": {"da": "Km til nærmeste læge", "en": "Km to the nearest doctor"},
    "cmp_ind_library": {"da": "Km til nærmeste bibliotek", "en": "Km to the nearest library"},
    "cmp_short_population": {"da": "indbyggertal", "en": "population"},
    "cmp_short_change": {"da": "udvikling", "en": "change"},
    "cmp_short_children": {"da": "børn", "en": "children"},
    "cmp_short_elderly": {"da": "ældre", "en": "older people"},
    "cmp_short_dependency": {"da": "ældre pr. erhvervsaktiv", "en": "old-age dependency"},
    "cmp_short_density": {"da": "tæthed", "en": "density"},
    "cmp_short_school": {"da": "km til skole", "en": "km to school"},
    "cmp_short_childcare": {"da": "km til dagtilbud", "en": "km to childcare"},
    "cmp_short_grocery": {"da": "km til dagligvarer", "en": "km to groceries"},
    "cmp_short_doctor": {"da": "km til læge", "en": "km to a doctor"},
    "cmp_short_library": {"da": "km til bibliotek", "en": "km to a library"},
    "cmp_more_population": {"da": "{name} har flere indbyggere end {n} ud af 10 {group}.", "en": "{name} has more inhabitants than {n} out of 10 {group}."},
    "cmp_less_population": {"da": "{name} har færre indbyggere end {n} ud af 10 {group}.", "en": "{name} has fewer inhabitants than {n} out of 10 {group}."},
    "cmp_more_change": {"da": "{name} er vokset mere (eller skrumpet mindre) siden 2014 end {n} ud af 10 {group}.", "en": "{name} has grown more (or shrunk less) since 2014 than {n} out of 10 {group}."},
    "cmp_less_change": {"da": "{name} er skrumpet mere (eller vokset mindre) siden 2014 end {n} ud af 10 {group}.", "en": "{name} has shrunk more (or grown less) since 2014 than {n} out of 10 {group}."},
    "cmp_more_children": {"da": "{name} har flere børn end {n} ud af 10 {group}.", "en": "{name} has more children than {n} out of 10 {group}."},
    "cmp_less_children": {"da": "{name} har færre børn end {n} ud af 10 {group}.", "en": "{name} has fewer children than {n} out of 10 {group}."},
    "cmp_more_elderly": {"da": "{name} har flere ældre end {n} ud af 10 {group}.", "en": "{name} has more older people than {n} out of 10 {group}."},
    "cmp_less_elderly": {"da": "{name} har færre ældre end {n} ud af 10 {group}.", "en": "{name} has fewer older people than {n} out of 10 {group}."},
    "cmp_more_dependency": {"da": "{name} har flere ældre pr. person i den erhvervsaktive alder end {n} ud af 10 {group}.", "en": "{name} has more older people per person of working age than {n} out of 10 {group}."},
    "cmp_less_dependency": {"da": "{name} har færre ældre pr. person i den erhvervsaktive alder end {n} ud af 10 {group}.", "en": "{name} has fewer older people per person of working age than {n} out of 10 {group}."},
    "cmp_more_density": {"da": "{name} er tættere befolket end {n} ud af 10 {group}.", "en": "{name} is more densely populated than {n} out of 10 {group}."},
    "cmp_less_density": {"da": "{name} er tyndere befolket end {n} ud af 10 {group}.", "en": "{name} is more sparsely populated than {n} out of 10 {group}."},
    "cmp_more_dist": {"da": "{name} har længere til nærmeste {what} end {n} ud af 10 {group}.", "en": "{name} is further from the nearest {what} than {n} out of 10 {group}."},
    "cmp_less_dist": {"da": "{name} har kortere til nærmeste {what} end {n} ud af 10 {group}.", "en": "{name} is closer to the nearest {what} than {n} out of 10 {group}."},
    "cmp_what_school": {"da": "skole", "en": "school"},
    "cmp_what_childcare": {"da": "dagtilbud", "en": "childcare"},
    "cmp_what_grocery": {"da": "dagligvarebutik", "en": "grocery shop"},
    "cmp_what_doctor": {"da": "læge", "en": "doctor"},
    "cmp_what_library": {"da": "bibliotek", "en": "library"},
    "cmp_group_all": {"da": "danske sogne", "en": "Danish parishes"},
    "cmp_group_rural": {"da": "danske landsogne", "en": "rural Danish parishes"},
    "cmp_no_value": {"da": "For {name} mangler tallet for {what}.", "en": "For {name} the figure for {what} is missing."},
    "cmp_position_title": {"da": "Hvor står vi?", "en": "Where do we stand?"},
    "cmp_position_axis": {"da": "Sogne med lavere værdi (%)", "en": "Parishes with a lower value (%)"},
    "cmp_inhabitants": {"da": "{n} indbyggere", "en": "{n} inhabitants"},
    "cmp_position_alt": {
        "da": "Prikdiagram. For hvert kendetal viser en prik pr. landsby og én for klyngen, hvor stor en andel af landets sogne der har en lavere værdi: 0 helt til venstre, 100 helt til højre.",
        "en": "Dot chart. For each indicator, one dot per village and one for the cluster show the share of the country's parishes with a lower value: 0 at the far left, 100 at the far right.",
    },
    "cmp_sentences_title": {"da": "I ord: {name} blandt landsognene", "en": "In words: {name} among rural parishes"},
    "cmp_cluster_label": {"da": "{name} (hele klyngen)", "en": "{name} (whole cluster)"},
    "cmp_similar_title": {"da": "Sogne, der ligner {name}", "en": "Parishes like {name}"},
    "cmp_similar_intro": {
        "da": "De {k} sogne i Danmark uden for klyngen, der ligner {name} mest på de valgte kendetal, det mest lignende først.",
        "en": "The {k} parishes in Denmark outside the cluster most like {name} on the chosen indicators, most similar first.",
    },
    "cmp_col_place": {"da": "Sted", "en": "Place"},
    "cmp_col_parish": {"da": "Sogn", "en": "Parish"},
    "cmp_col_code": {"da": "Sognekode", "en": "Parish code"},
    "cmp_col_municipality": {"da": "Kommune", "en": "Municipality"},
    "cmp_col_cluster": {"da": "Klynge", "en": "Cluster"},
    "cmp_col_alike": {"da": "Ligner på", "en": "Alike in"},
    "cmp_col_differs": {"da": "Forskellig på", "en": "Different in"},
    "cmp_col_indicator": {"da": "Kendetal", "en": "Indicator"},
    "cmp_col_similar_median": {"da": "Lignende (median)", "en": "Similar (median)"},
    "cmp_col_verdict": {"da": "Sammenlignet", "en": "Compared"},
    "cmp_col_distance": {"da": "Afstand i kendetal", "en": "Indicator distance"},
    "cmp_col_rank": {"da": "Nr.", "en": "No."},
    "cmp_col_below_all": {"da": "Sogne med lavere værdi (%)", "en": "Parishes with a lower value (%)"},
    "cmp_col_above_all": {"da": "Sogne med højere værdi (%)", "en": "Parishes with a higher value (%)"},
    "cmp_col_below_rural": {"da": "Landsogne med lavere værdi (%)", "en": "Rural parishes with a lower value (%)"},
    "cmp_col_above_rural": {"da": "Landsogne med højere værdi (%)", "en": "Rural parishes with a higher value (%)"},
    "cmp_col_value": {"da": "Værdi", "en": "Value"},
    "cmp_col_small": {"da": "Under 250 indbyggere", "en": "Under 250 inhabitants"},
    "cmp_higher": {"da": "{what} højere", "en": "{what} higher"},
    "cmp_lower": {"da": "{what} lavere", "en": "{what} lower"},
    "cmp_nothing": {"da": "–", "en": "–"},
    "cmp_small_flag": {"da": "få indbyggere: mere usikre tal", "en": "few inhabitants: less certain figures"},
    "cmp_small_note": {
        "da": "Sogne med under 250 indbyggere er markeret: deres andele og udvikling svinger meget af få personer.",
        "en": "Parishes with fewer than 250 inhabitants are marked: a few people move their shares and change a lot.",
    },
    "cmp_verdict_close": {"da": "tæt på", "en": "close"},
    "cmp_verdict_some": {"da": "lidt forskellige", "en": "somewhat different"},
    "cmp_verdict_higher": {"da": "de lignende sogne ligger højere", "en": "the similar parishes are higher"},
    "cmp_verdict_lower": {"da": "de lignende sogne ligger lavere", "en": "the similar parishes are lower"},
    "cmp_verdict_missing": {"da": "mangler", "en": "missing"},
    "cmp_why_title": {"da": "Hvorfor ligner de {name}?", "en": "Why are they like {name}?"},
    "cmp_clusters_title": {"da": "Andre landsbyklynger, der ligner os", "en": "Other village clusters like ours"},
    "cmp_clusters_intro": {
        "da": "De {k} af datapakkens {n} andre landsbyklynger, der som helhed ligner {name} mest på de valgte kendetal.",
        "en": "The {k} of the data package's {n} other village clusters that, as a whole, are most like {name} on the chosen indicators.",
    },
    "cmp_map_title": {"da": "Kort over de lignende sogne", "en": "Map of the similar parishes"},
    "cmp_map_like": {"da": "ligner {village}", "en": "like {village}"},
    "cmp_map_layer": {"da": "Sogne, der ligner en af klyngens landsbyer", "en": "Parishes like one of the cluster's villages"},
    "cmp_map_point": {"da": "{parish} ({municipality}) ligner {village}", "en": "{parish} ({municipality}) is like {village}"},
    "cmp_map_caption": {
        "da": "Punkterne er sognenes befolkede midte (stednavnepunkt fra OpenStreetMap 2019, ellers et punkt i sognet). Kortet viser standardvalget af kendetal.",
        "en": "Points are the parishes' populated centres (an OpenStreetMap 2019 place node, else a point inside the parish). The map shows the default choice of indicators.",
    },
    "cmp_choose_title": {"da": "Vælg, hvilke kendetal der tæller", "en": "Choose which indicators count"},
    "cmp_choose_hint": {
        "da": "Sæt eller fjern flueben: listerne over lignende sogne og klynger herunder skifter med det samme.",
        "en": "Tick or untick: the lists of similar parishes and clusters below change at once.",
    },
    "cmp_static_choice": {
        "da": "Listerne bygger på standardvalget af kendetal: {names}. I den interaktive udgave kan I selv vælge.",
        "en": "The lists use the default choice of indicators: {names}. In the interactive edition you can choose for yourselves.",
    },
    "cmp_missing": {
        "da": "For {name} mangler: {names}. Sammenligningen bruger de øvrige kendetal; der er ikke gættet på noget.",
        "en": "For {name} these are missing: {names}. The comparison uses the other indicators; nothing is guessed.",
    },
    "cmp_one_place": {
        "da": "Klyngen har kun ét sted at sammenligne, så klyngen som helhed er det samme som {name}.",
        "en": "The cluster has only one place to compare, so the cluster as a whole is the same as {name}.",
    },
    "cmp_hidden_note": {"da": "× betyder skjult, fordi tallet bygger på færre end 5 personer.", "en": "× means hidden because the figure rests on fewer than 5 people."},
    "cmp_method_title": {"da": "Sådan er der sammenlignet", "en": "How the comparison is made"},
    "cmp_method_1": {
        "da": "Kendetal: indbyggere 1. januar 2021, udviklingen 2014–2021 på samme område (sammenlagte sogne er lagt sammen også i 2014), andelene 0–15 år og 65 år og over og antal ældre pr. 100 i alderen 16–64 (aldersfordelingen findes kun for 2014), indbyggere pr. km² (sognegrænser august 2021) og afstanden til nærmeste skole, dagtilbud, dagligvarebutik, læge og bibliotek.",
        "en": "Indicators: inhabitants on 1 January 2021, the change 2014–2021 on the same area (merged parishes are summed in 2014 too), the shares aged 0–15 and 65 or over and older people per 100 aged 16–64 (the age breakdown exists for 2014 only), inhabitants per km² (parish boundaries of August 2021) and the distance to the nearest school, childcare, grocery shop, doctor and library.",
    },
    "cmp_method_2": {
        "da": "Afstande er i lige linje (fugleflugt) fra sognets befolkede midte: et stednavnepunkt fra OpenStreetMap 2019 (by, landsby eller en bebyggelse med sognets navn), ellers et punkt inde i sognet. Faciliteterne er OpenStreetMap-punkter fra 2019: steder tegnet som bygninger eller områder mangler, især skoler; derfor tæller skoleafstanden ikke med som standard.",
        "en": "Distances are straight-line (as the crow flies) from the parish's populated centre: an OpenStreetMap 2019 place node (town, village or a hamlet named like the parish), else a point inside the parish. Facilities are OpenStreetMap points from 2019: places drawn as buildings or areas are missing, schools especially, so the school distance does not count by default.",
    },
    "cmp_method_3": {
        "da": "Skæve kendetal (indbyggertal, tæthed, ældrekvote og afstande) tages som logaritme; derefter måles hvert kendetal i standardafvigelser fra landsgennemsnittet (højst ±3), så alle vejer lige meget. De lignende steder er dem med den mindste samlede afstand over de valgte kendetal (nærmeste naboer). Et sogn, der mangler et valgt kendetal, kan ikke vælges; mangler et af klyngens steder et kendetal, sammenlignes det på resten.",
        "en": "Skewed indicators (population, density, dependency and distances) are taken as logarithms; each indicator is then measured in standard deviations from the national average (at most ±3), so all weigh the same. The similar places are those with the smallest overall distance over the chosen indicators (nearest neighbours). A parish that lacks a chosen indicator cannot be chosen; when one of the cluster's places lacks an indicator, it is compared on the rest.",
    },
    "cmp_method_4": {
        "da": "Et landsogn er her et sogn uden by (intet OpenStreetMap-punkt for city eller town) og med under 50 indbyggere pr. km². »Ligner på« er kendetal, hvor forskellen er under ca. en tredjedel standardafvigelse; »forskellig på« er over én standardafvigelse. Landsbyer i flere sogne er lagt sammen; afstande er da et gennemsnit vægtet med indbyggertallet.",
        "en": "A rural parish here is one without a town (no OpenStreetMap city or town node) and with fewer than 50 inhabitants per km². 'Alike in' lists indicators that differ by less than about a third of a standard deviation; 'different in' by more than one. Villages in several parishes are summed; their distances are then a mean weighted by population.",
    },
    "cmp_method_5": {
        "da": "Grænser: aldersfordelingen er fra 2014, faciliteterne fra 2019, afstande er i lige linje, og et sogn er ikke det samme som landsbyen. Sammenligningen siger, hvem der ligner hinanden i tal, ikke hvem der klarer sig bedst.",
        "en": "Limits: the age breakdown is from 2014, the facilities from 2019, distances are straight-line, and a parish is not the same as its village. The comparison says who is alike in figures, not who does best.",
    },
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
