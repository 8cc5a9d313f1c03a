"""The label table: every label of every page, one module per topic, merged into :data:`LABELS`.

Each module defines ``LABELS`` (key -> ``{"da": ..., "en": ...}``); this package merges them in
the fixed order of :data:`MODULES` and refuses a key defined in two modules. Read labels through
:func:`landsby_utils.i18n.t`; add a label to the module of its page (``common`` for shared words).
"""

from __future__ import annotations

from types import ModuleType

from landsby_utils.labels import common, comparison, facilities, moves, population, provenance, survey

#: The topic modules, in merge order.
MODULES: tuple[ModuleType, ...] = (provenance, common, population, facilities, survey, moves, comparison)


def _merge(modules: tuple[ModuleType, ...]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for key, entry in module.LABELS.items():
            if key in merged:
                raise ValueError(f"label {key!r} is defined twice (again in {module.__name__})")
            merged[key] = entry
    return merged


LABELS: dict[str, dict[str, str]] = _merge(MODULES)
