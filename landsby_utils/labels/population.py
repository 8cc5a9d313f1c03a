"""Labels for the population page (02_befolkning) and its sentences (``narrative.py``).

Merged into :data:`landsby_utils.labels.LABELS`; see that package for the rules."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "pop_pyramid_hover": {"da": "%{y} år: %{customdata}", "en": "Age %{y}: %{customdata}"},
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
}
