"""Presentation: what a dashboard shows, formatted from its frames for the reader's language.

HTML parts and tables (:mod:`landsby_utils.parts`), charts (:mod:`landsby_utils.charts`),
maps (:mod:`landsby_utils.maps`) and sentences (:mod:`landsby_utils.narrative`) are the
shared pieces; the modules here format one page each. They read a dashboard's ``data``
(its frames builder's dataclass), ``lang`` and the reader's choices, and may call the
analyses for what depends on those choices (e.g. the chosen villages); they never call a
source and never import :mod:`landsby_utils.widgets`.
"""
