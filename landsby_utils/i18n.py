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
}


#: English for the fixed Danish texts the sources write into a frame's provenance (publisher, table,
#: licence, note) and the loader writes as a village's point source. The provenance keeps the Danish text (cached frames, the ``landsby`` command);
#: :func:`source_text` translates it when an English page shows it.
SOURCE_TEXTS_EN: dict[str, str] = {
    "Klyngens egne data; kun samlede svar for grupper på mindst 5 personer vises": (
        "The cluster's own data; only combined answers of groups of at least 5 persons are shown"
    ),
    "s borgerundersøgelse": "'s citizen survey",
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
