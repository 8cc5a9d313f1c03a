"""Danish and English labels, and Danish number formats, for everything a villager reads.

Danish is the default. :func:`t` looks up a label; :func:`fmt_int`, :func:`fmt_pct`
and :func:`fmt_num` format numbers the Danish way (``1.234``; ``12,5 %``).
"""

from __future__ import annotations

import math
import re

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
    # Accessibility: each chart's numbers as a table, skipping a map with the keyboard.
    "show_numbers": {"da": "Vis tallene", "en": "Show the numbers"},
    "numbers_year": {"da": "År", "en": "Year"},
    "numbers_age": {"da": "Alder", "en": "Age"},
    "numbers_low": {"da": "{band}, lav", "en": "{band}, low"},
    "numbers_high": {"da": "{band}, høj", "en": "{band}, high"},
    "numbers_pct": {"da": "{label} (%)", "en": "{label} (%)"},
    "skip_map": {"da": "Spring kortet over", "en": "Skip the map"},
}


#: English for the fixed Danish texts the sources write into a frame's provenance (publisher, table,
#: licence, note) and the loader writes as a village's point source. The provenance keeps the Danish text (cached frames, the ``landsby`` command);
#: :func:`source_text` translates it when an English page shows it.
SOURCE_TEXTS_EN: dict[str, str] = {
    "Danmarks Statistik": "Statistics Denmark",
    "Geodatastyrelsen": "Danish Agency for Data Supply and Infrastructure (Geodatastyrelsen)",
    "GeoData-udtræk af OSM-punkter": "GeoData extract of OSM points",
    LABELS["point_parish_centre"]["da"]: LABELS["point_parish_centre"]["en"],
    LABELS["point_in_cluster_file"]["da"]: LABELS["point_in_cluster_file"]["en"],
    "Kun punkter; faciliteter tegnet som områder mangler i øjebliksbilledet.": (
        "Points only; facilities drawn as areas are missing from the snapshot."
    ),
    "Kilde: Danmarks Statistik (fri brug med kildeangivelse, svarende til CC BY 4.0)": (
        "Source: Statistics Denmark (free use with attribution, equivalent to CC BY 4.0)"
    ),
    "© OpenStreetMap-bidragydere, ODbL 1.0 (openstreetmap.org/copyright)": (
        "© OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright)"
    ),
    "Klimadatastyrelsen (DAWA)": "Danish Climate Data Agency (DAWA)",
    "DAGI sogne": "DAGI parishes",
    "Indeholder data fra Klimadatastyrelsen, DAGI (sogne, august 2021)": (
        "Contains data from the Danish Climate Data Agency, DAGI (parishes, August 2021)"
    ),
    "Sognetal 1. januar 2014 efter køn og alder og 1. januar 2021 i alt.": (
        "Parish figures for 1 January 2014 by sex and age and 1 January 2021 in total."
    ),
    "Kommunetal 1. januar 2014 og 2021.": "Municipality figures for 1 January 2014 and 2021.",
    "1. januar 2008–2020 fra FOLK1B; 1. januar 2021 i alt fra FOLK1A.": (
        "1 January 2008–2020 from FOLK1B; 1 January 2021 in total from FOLK1A."
    ),
    "Indeholder data fra Geodatastyrelsen (nu Klimadatastyrelsen), DAGI, 2014": (
        "Contains data from the Danish Agency for Data Supply and Infrastructure "
        "(Geodatastyrelsen, now Klimadatastyrelsen), DAGI, 2014"
    ),
}

#: English for the Danish notes the sources write when a fallback answered: (pattern, English).
#: Patterns match a whole sentence; ``{failure}`` and the dates are carried over as they are.
SOURCE_NOTES_EN: tuple[tuple[str, str], ...] = (
    (
        r"2014-tallene er lagt sammen for de sogne, der siden er slået sammen: (?P<merged>.*?)\.$",
        "The 2014 figures are summed for the parishes that have merged since: {merged}.",
    ),
    (
        r"SOGN1 kunne ikke hentes fra Danmarks Statistik \((?P<failure>.*?)\); viser det pakkede øjebliksbillede\.",
        "SOGN1 could not be fetched from Statistics Denmark ({failure}); showing the bundled snapshot.",
    ),
    (
        r"Overpass kunne ikke nås nu \((?P<failure>.*?)\); viser seneste gemte udtræk fra (?P<date>[\d-]+)\.",
        "Overpass could not be reached now ({failure}); showing the last saved extract from {date}.",
    ),
    (
        r"Overpass kunne ikke nås og intet udtræk er gemt \((?P<failure>.*?)\); viser det pakkede øjebliksbillede\.",
        "Overpass could not be reached and no extract is saved ({failure}); showing the bundled snapshot.",
    ),
    (
        r"Kunne ikke hente (?P<table>\S+) fra Danmarks Statistik nu \((?P<failure>.*?)\); "
        r"viser seneste gemte udtræk fra (?P<date>[\d-]+)\.",
        "Could not fetch {table} from Statistics Denmark now ({failure}); showing the last saved extract from {date}.",
    ),
    (
        r"FOLK1A kunne ikke hentes fra Danmarks Statistik og findes ikke i det lokale lager \((?P<failure>.*?)\); "
        r"viser det pakkede øjebliksbillede fra FOLK1B\.",
        "FOLK1A could not be fetched from Statistics Denmark and is not in the local cache ({failure}); "
        "showing the bundled FOLK1B snapshot.",
    ),
)


def source_text(text: str, lang: str = "da") -> str:
    """A source's publisher, table, licence or note in ``lang`` (the sources write them in Danish).

    Parameters
    ----------
    text : str
        The Danish text, as stored in a frame's provenance.
    lang : {"da", "en"}
        Language; Danish (or an unknown text) is returned as it is.

    Returns
    -------
    str
        The text in ``lang``.

    Examples
    --------
    >>> source_text("Danmarks Statistik", "en")
    'Statistics Denmark'
    """
    if lang == "da" or not text:
        return text
    if text in SOURCE_TEXTS_EN:
        return SOURCE_TEXTS_EN[text]
    for pattern, english in SOURCE_NOTES_EN:
        text = re.sub(pattern, lambda m, english=english: english.format(**m.groupdict()), text)
    for danish, english in SOURCE_TEXTS_EN.items():
        text = text.replace(danish, english)
    return text


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
