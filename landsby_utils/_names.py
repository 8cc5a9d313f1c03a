"""Normalising Danish place names so that near misses can be matched and suggested."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_ABBREVIATIONS = (
    (r"\bsdr\.?\s*", "sønder "),
    (r"\bnr\.?\s*", "nørre "),
    (r"\bøst\.?\s*", "øster "),
    (r"\bvest\.?\s+", "vester "),
    (r"\bst\.\s*", "store "),
    (r"\bl\.\s*", "lille "),
)
_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})
#: Prefixes that split one village name into two parishes (Bork → Nørre/Sønder Bork).
DIRECTIONAL_PREFIXES = ("nørre ", "sønder ", "øster ", "vester ", "store ", "lille ", "ny ", "gammel ")


def expand(name: str) -> str:
    """Lower-case a name and expand Danish abbreviations (``"Sdr. Vium"`` → ``"sønder vium"``)."""
    text = " ".join(name.strip().lower().split())
    for pattern, replacement in _ABBREVIATIONS:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())


def name_key(name: str) -> str:
    """Matching key: expanded, transliterated (æ→ae, ø→oe, å→aa, aa kept), without punctuation.

    ``"Sdr. Nissum"``, ``"Sønder Nissum"`` and ``"Soender Nissum"`` share a key.
    """
    text = expand(name).translate(_TRANSLITERATION)
    return re.sub(r"[^a-z0-9 ]", "", text).strip()


def base_key(name: str) -> str:
    """Key without a leading directional prefix (``"Nørre Bork"`` → ``"bork"``)."""
    text = expand(name)
    for prefix in DIRECTIONAL_PREFIXES:
        if text.startswith(prefix):
            return name_key(text[len(prefix):])
    return name_key(text)


def suggest(query: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """Closest valid names to ``query``, best first, æ/ø/å and abbreviation aware.

    Parameters
    ----------
    query : str
        The name as typed.
    choices : iterable of str
        Valid names.
    limit : int, default 3
        At most this many suggestions.

    Returns
    -------
    list of str
        Suggestions (may be empty).
    """
    from rapidfuzz import fuzz, process

    names: Sequence[str] = sorted(set(choices))
    keys = [name_key(c) for c in names]
    hits = process.extract(name_key(query), keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=60)
    result: list[str] = []
    for _, _, index in hits:
        if names[index] not in result:
            result.append(names[index])
    return result[:limit]


def near_miss(query: str, choices: Iterable[str], cutoff: float = 85.0) -> list[str]:
    """Valid names so close to ``query`` that it is most likely a typo of one of them (``"Stadill"`` → ``["Stadil"]``).

    A cluster file may name a village that no register knows (it then gives the parishes itself);
    a name this close to a known one is treated as a misspelling instead.
    """
    from rapidfuzz import fuzz, process

    names: Sequence[str] = sorted(set(choices))
    keys = [name_key(c) for c in names]
    hits = process.extract(name_key(query), keys, scorer=fuzz.ratio, limit=3, score_cutoff=cutoff)
    return [names[index] for _, _, index in hits]
