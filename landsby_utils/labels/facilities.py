"""Labels for the facilities page (``widgets/facilities.py``).

Merged into :data:`landsby_utils.labels.LABELS`; see that package for the rules."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "facilities_in_cluster": {"da": "Faciliteter i klyngen (OpenStreetMap)", "en": "Facilities in the cluster (OpenStreetMap)"},
    "rules_osm_tags": {"da": "OpenStreetMap-mærker", "en": "OpenStreetMap tags"},
    "rules_everything_else": {"da": "alt andet", "en": "everything else"},
    "no_facilities_note": {"da": "Ingen registrerede faciliteter i denne kategori.", "en": "No facilities of this kind are registered."},
    "snapshot_gaps": {
        "da": "Øjebliksbilledet fra OpenStreetMap (2019) har kun punkter: skoler, haller og kirker tegnet som bygninger mangler. Jeres proceskonsulent kan hente nyere data.",
        "en": "The OpenStreetMap snapshot (2019) has points only: schools, halls and churches drawn as buildings are missing. Your process consultant can fetch newer data.",
    },
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
}
