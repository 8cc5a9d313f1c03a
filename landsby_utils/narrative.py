"""Short sentences that read computed population figures for a villager (Danish; English with ``lang="en"``).

Every function takes rows computed by :mod:`landsby_utils.population` and returns
plain text; none computes a figure of its own beyond rounding and comparing.
Small groups are not described in per cent (a change from 3 to 2 persons is not
"33 % fewer"): groups below :data:`MIN_BASE` persons are skipped.
"""

from __future__ import annotations

import math

import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import InvalidArgumentError
from landsby_utils.i18n import fmt_int, fmt_pct
from landsby_utils.population import group_by_key

#: Groups smaller than this in either year get no per-cent sentence.
MIN_BASE = 20

#: How each age group is named in a sentence ("Der bor 12 % færre {noun} end i 2015").
_NOUNS: dict[str, tuple[str, str]] = {
    "0-5": ("småbørn (0–5 år)", "young children (0–5)"),
    "0-4": ("småbørn (0–4 år)", "young children (0–4)"),
    "6-16": ("børn i skolealderen (6–16 år)", "children of school age (6–16)"),
    "5-14": ("børn i skolealderen (her 5–14 år)", "children of about school age (5–14)"),
    "17-24": ("unge (17–24 år)", "young people (17–24)"),
    "15-24": ("unge (15–24 år)", "young people (15–24)"),
    "25-39": ("25–39-årige", "people aged 25–39"),
    "40-64": ("40–64-årige", "people aged 40–64"),
    "65-79": ("65–79-årige", "people aged 65–79"),
    "80+": ("ældre på 80 år og derover", "people aged 80 and over"),
}


def _pct_words(pct: float, lang: str) -> str:
    """``"12 %"`` rounded to whole per cent (one decimal under 10 %)."""
    decimals = 0 if abs(pct) >= 10 else 1
    return fmt_pct(abs(pct), decimals, lang)


def round_people(value: float) -> int:
    """Round a projected number of people so it does not look exact (to 10 under 10.000, else 100)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise InvalidArgumentError("value is missing", "Tallet mangler")
    return int(round(value, -1 if abs(value) < 10_000 else -2))


def change_sentence(area: str, row: pd.Series, compare: pd.Series | None = None, compare_area: str = "",
                    lang: str = "da") -> str:
    """How the population changed, optionally compared with another area.

    Parameters
    ----------
    area : str
        How the area is named in the sentence (``"klyngen"``, ``"Ringkøbing-Skjern Kommune"``).
    row : pandas.Series
        A row of :func:`landsby_utils.population.population_change`.
    compare : pandas.Series, optional
        The same horizon for the comparison area.
    compare_area : str
        Its name.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        E.g. "Befolkningen i klyngen er faldet 3,2 % fra 2010 til 2020 (fra 3.456 til 3.345). I Ringkøbing-Skjern Kommune faldt den 1,0 %."
    """
    pct = float(row["change_pct"])
    start, end = int(row["start_year"]), int(row["end_year"])
    if lang == "da":
        verb = "steget" if pct > 0.05 else "faldet" if pct < -0.05 else "stort set uændret"
        amount = f" {_pct_words(pct, lang)}" if verb != "stort set uændret" else ""
        text = (f"Befolkningen i {area} er {verb}{amount} fra {start} til {end} "
                f"(fra {fmt_int(row['start_persons'], lang)} til {fmt_int(row['end_persons'], lang)}).")
    else:
        verb = "grew" if pct > 0.05 else "fell" if pct < -0.05 else "stayed about the same"
        amount = f" by {_pct_words(pct, lang)}" if verb != "stayed about the same" else ""
        text = (f"The population of {area} {verb}{amount} from {start} to {end} "
                f"(from {fmt_int(row['start_persons'], lang)} to {fmt_int(row['end_persons'], lang)}).")
    if compare is not None and compare_area:
        other = float(compare["change_pct"])
        if lang == "da":
            how = "steg den" if other > 0.05 else "faldt den" if other < -0.05 else "var den stort set uændret"
            amount = f" {_pct_words(other, lang)}" if "uændret" not in how else ""
            relation = ""
            if pct < other - 0.5:
                relation = f" Udviklingen i {area} er altså svagere end i {compare_area}."
            elif pct > other + 0.5:
                relation = f" Udviklingen i {area} er altså stærkere end i {compare_area}."
            text += f" I {compare_area} {how}{amount} i samme periode.{relation}"
        else:
            how = "grew" if other > 0.05 else "fell" if other < -0.05 else "stayed about the same"
            amount = f" by {_pct_words(other, lang)}" if how != "stayed about the same" else ""
            text += f" {compare_area} {how}{amount} over the same period."
    return text


def age_group_sentences(changes: pd.DataFrame, area: str = "", lang: str = "da", keys: tuple[str, ...] = ()) -> list[str]:
    """One sentence per age group: "Der bor 12 % færre børn i skolealderen (6–16 år) end i 2015."

    Parameters
    ----------
    changes : pandas.DataFrame
        :func:`landsby_utils.population.age_group_change` for one area.
    area : str
        Optional place name, which makes the sentence "I {area} bor der ...".
    lang : {"da", "en"}
        Language.
    keys : tuple of str
        The groups to describe (default: school age, young people and 80+, in
        whichever scheme ``changes`` uses).

    Returns
    -------
    list of str
        Groups with fewer than :data:`MIN_BASE` persons in either year, or
        hidden counts, are skipped.
    """
    wanted = keys or ("6-16", "5-14", "17-24", "15-24", "80+")
    sentences = []
    for row in changes.itertuples(index=False):
        if row.group not in wanted:
            continue
        if any(pd.isna(v) for v in (row.start, row.end)) or min(int(row.start), int(row.end)) < max(MIN_BASE, settings.SUPPRESS_BELOW):
            continue
        pct = float(row.change_pct)
        start_year = int(changes.attrs.get("start_year", 0)) or None
        da, en = _NOUNS.get(row.group, (group_by_key(row.group).label("da"), group_by_key(row.group).label("en")))
        when = f" end i {start_year}" if start_year else ""
        if lang == "da":
            lead = f"I {area} bor der" if area else "Der bor"
            if abs(pct) < 0.5:
                sentences.append(f"{lead} lige så mange {da} som i {start_year}." if start_year else f"{lead} lige så mange {da} som før.")
            else:
                more = "flere" if pct > 0 else "færre"
                sentences.append(f"{lead} {_pct_words(pct, lang)} {more} {da}{when}.")
        else:
            lead = f"{area} has" if area else "There are"
            when_en = f" than in {start_year}" if start_year else ""
            if abs(pct) < 0.5:
                sentences.append(f"{lead} as many {en} as in {start_year}.")
            else:
                more = "more" if pct > 0 else "fewer"
                sentences.append(f"{lead} {_pct_words(pct, lang)} {more} {en}{when_en}.")
    return sentences


def dependency_sentence(ratios: pd.DataFrame, area: str, lang: str = "da") -> str:
    """The old-age dependency ratio now and at the start: "I 2020 var der 37 ældre (65+) for hver 100 i alderen 15–64 år ...".

    Parameters
    ----------
    ratios : pandas.DataFrame
        :func:`landsby_utils.population.old_age_dependency` for one area.
    area : str
        Place name.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The sentence (empty when there are no ratios).
    """
    rows = ratios.dropna(subset=["ratio"]).sort_values("year")
    if rows.empty:
        return ""
    first, last = rows.iloc[0], rows.iloc[-1]
    now, then = fmt_int(round(float(last["ratio"])), lang), fmt_int(round(float(first["ratio"])), lang)
    if int(first["year"]) == int(last["year"]):
        if lang == "da":
            return f"I {area} var der i {int(last['year'])} {now} personer på 65 år og derover for hver 100 i alderen 15–64 år."
        return f"In {area} there were {now} people aged 65 and over for every 100 aged 15–64 in {int(last['year'])}."
    if lang == "da":
        return (f"I {area} var der i {int(last['year'])} {now} personer på 65 år og derover for hver 100 i alderen 15–64 år; "
                f"i {int(first['year'])} var der {then}.")
    return (f"In {area} there were {now} people aged 65 and over for every 100 aged 15–64 in {int(last['year'])}; "
            f"in {int(first['year'])} there were {then}.")


def projection_sentence(band: pd.DataFrame, area: str, base_year: int, lang: str = "da") -> str:
    """The projected range in words: "Hvis udviklingen fra 2015 til 2020 fortsætter, bor der mellem ... i 2030."

    Parameters
    ----------
    band : pandas.DataFrame
        ``year``, ``low``, ``high`` (:func:`landsby_utils.population.projection_range`); first row = jump-off.
    area : str
        Place name.
    base_year : int
        First year of the ratio period (jump-off minus 5).
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The sentence, with rounded numbers.
    """
    first, last = band.iloc[0], band.iloc[-1]
    low, high = round_people(float(last["low"])), round_people(float(last["high"]))
    jump_off, end = int(first["year"]), int(last["year"])
    now = fmt_int(float(first["low"]), lang)
    if lang == "da":
        return (f"Hvis udviklingen fra {base_year} til {jump_off} fortsætter, bor der mellem ca. {fmt_int(low, lang)} og "
                f"{fmt_int(high, lang)} i {area} i {end} (der boede {now} i {jump_off}).")
    return (f"If the trend from {base_year} to {jump_off} continues, {area} will have between about {fmt_int(low, lang)} and "
            f"{fmt_int(high, lang)} inhabitants in {end} ({now} in {jump_off}).")


def village_change_sentence(villages: pd.DataFrame, start: int, end: int, lang: str = "da") -> str:
    """Which villages grew and which shrank: "4 af 7 landsbyer havde færre indbyggere i 2021 end i 2014; mest i Stadil (−13,7 %) ...".

    Parameters
    ----------
    villages : pandas.DataFrame
        Rows of the village table (``name``, ``change_pct``) whose change may be shown.
    start, end : int
        The two years.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        The sentence.
    """
    rows = villages.sort_values("change_pct")
    fewer = int((rows["change_pct"] < -0.05).sum())
    low, high = rows.iloc[0], rows.iloc[-1]
    low_pct = fmt_pct(float(low["change_pct"]), 1, lang, signed=True)
    high_pct = fmt_pct(float(high["change_pct"]), 1, lang, signed=True)
    if lang == "da":
        text = f"{fewer} af {len(rows)} landsbyer havde færre indbyggere i {end} end i {start}"
        if fewer:
            text += f"; størst tilbagegang i {low['name']} ({low_pct})"
        if float(high["change_pct"]) > 0.05:
            text += f", størst fremgang i {high['name']} ({high_pct})"
        elif not fewer or high["name"] != low["name"]:
            text += f", mindst tilbagegang i {high['name']} ({high_pct})"
        return text + "."
    text = f"{fewer} of {len(rows)} villages had fewer inhabitants in {end} than in {start}"
    if fewer:
        text += f"; the largest fall was in {low['name']} ({low_pct})"
    if float(high["change_pct"]) > 0.05:
        text += f", the largest rise in {high['name']} ({high_pct})"
    elif not fewer or high["name"] != low["name"]:
        text += f", the smallest fall in {high['name']} ({high_pct})"
    return text + "."


def share_sentence(area: str, mine: pd.Series, other_area: str, other: pd.Series, villages: pd.DataFrame, year: int,
                   lang: str = "da") -> str:
    """Children and people aged 65+ against the municipality, and the village with the most children.

    Parameters
    ----------
    area : str
        How the selection is named (``"klyngen VestRum"``).
    mine, other : pandas.Series
        Rows of :func:`landsby_utils.population.age_shares` (``children_pct``, ``elderly_pct``).
    other_area : str
        The comparison area's name.
    villages : pandas.DataFrame
        Village rows (``name``, ``children_pct``) whose share may be shown.
    year : int
        The year.
    lang : {"da", "en"}
        Language.

    Returns
    -------
    str
        E.g. "I 2014 var 21 % af indbyggerne i klyngen VestRum børn på 0–15 år (Ringkøbing-Skjern Kommune: 20 %) og 18 % var 65 år eller ældre (20 %)."
    """
    child, old = fmt_pct(float(mine["children_pct"]), 0, lang), fmt_pct(float(mine["elderly_pct"]), 0, lang)
    child_o, old_o = fmt_pct(float(other["children_pct"]), 0, lang), fmt_pct(float(other["elderly_pct"]), 0, lang)
    if lang == "da":
        text = (f"I {year} var {child} af indbyggerne i {area} børn på 0–15 år ({other_area}: {child_o}), "
                f"og {old} var 65 år eller ældre ({old_o}).")
    else:
        text = (f"In {year}, {child} of the inhabitants of {area} were children aged 0–15 ({other_area}: {child_o}), "
                f"and {old} were aged 65 or over ({old_o}).")
    if len(villages) >= 2:
        top = villages.sort_values("children_pct").iloc[-1]
        share = fmt_pct(float(top["children_pct"]), 0, lang)
        text += (f" Flest børn i forhold til indbyggertallet havde {top['name']} ({share})." if lang == "da"
                 else f" {top['name']} had the most children for its size ({share}).")
    return text
