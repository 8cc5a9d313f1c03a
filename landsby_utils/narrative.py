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
from landsby_utils.i18n import fmt_int, fmt_pct, t
from landsby_utils.population import group_by_key

#: Groups smaller than this in either year get no per-cent sentence.
MIN_BASE = 20

#: Age groups with their own word in a sentence (``nar_noun_<group>`` in :data:`landsby_utils.i18n.LABELS`);
#: any other group is named by its label.
_NOUN_GROUPS = ("0-5", "0-4", "6-16", "5-14", "17-24", "15-24", "25-39", "40-64", "65-79", "80+")


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
    direction = _direction(pct)
    amount = t("nar_amount", lang, pct=_pct_words(pct, lang)) if direction != "same" else ""
    text = t("nar_change", lang, area=area, verb=t(f"nar_{direction}", lang), amount=amount, start=start, end=end,
             first=fmt_int(row["start_persons"], lang), last=fmt_int(row["end_persons"], lang))
    if compare is not None and compare_area:
        other = float(compare["change_pct"])
        how = _direction(other)
        amount = t("nar_amount", lang, pct=_pct_words(other, lang)) if how != "same" else ""
        relation = ""
        if pct < other - 0.5:
            relation = t("nar_weaker", lang, area=area, other=compare_area)
        elif pct > other + 0.5:
            relation = t("nar_stronger", lang, area=area, other=compare_area)
        text += t("nar_change_other", lang, other=compare_area, how=t(f"nar_other_{how}", lang), amount=amount, relation=relation)
    return text


def _direction(pct: float) -> str:
    """``"up"``, ``"down"`` or ``"same"`` (within ±0.05 %)."""
    return "up" if pct > 0.05 else "down" if pct < -0.05 else "same"


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
        noun = t(f"nar_noun_{row.group}", lang) if row.group in _NOUN_GROUPS else group_by_key(row.group).label(lang)
        lead = t("nar_lead_area", lang, area=area) if area else t("nar_lead", lang)
        if abs(pct) < 0.5:
            key = "nar_as_many_since" if start_year else "nar_as_many"
            sentences.append(t(key, lang, lead=lead, noun=noun, year=start_year))
        else:
            when = t("nar_than_in", lang, year=start_year) if start_year else ""
            more = t("nar_more" if pct > 0 else "nar_fewer", lang)
            sentences.append(t("nar_more_or_fewer", lang, lead=lead, pct=_pct_words(pct, lang), more=more, noun=noun, when=when))
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
        return t("nar_dependency", lang, area=area, year=int(last["year"]), now=now)
    return t("nar_dependency_since", lang, area=area, year=int(last["year"]), now=now, first=int(first["year"]), then=then)


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
    return t("nar_projection", lang, base=base_year, jump_off=jump_off, low=fmt_int(low, lang), high=fmt_int(high, lang),
             area=area, end=end, now=now)


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
    text = t("nar_villages_fewer", lang, n=fewer, m=len(rows), end=end, start=start)
    if fewer:
        text += t("nar_villages_largest_fall", lang, name=low["name"], pct=low_pct)
    if float(high["change_pct"]) > 0.05:
        text += t("nar_villages_largest_rise", lang, name=high["name"], pct=high_pct)
    elif not fewer or high["name"] != low["name"]:
        text += t("nar_villages_smallest_fall", lang, name=high["name"], pct=high_pct)
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
    text = t("nar_shares", lang, year=year, child=child, area=area, other=other_area, child_other=child_o, old=old, old_other=old_o)
    if len(villages) >= 2:
        top = villages.sort_values("children_pct").iloc[-1]
        text += t("nar_most_children", lang, name=top["name"], share=fmt_pct(float(top["children_pct"]), 0, lang))
    return text
