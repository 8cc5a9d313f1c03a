"""Population analyses (one import for all): totals, change, age groups, pyramids, dependency, shares, index, projection.

Every function is pure: a tidy population frame in (the columns documented in
:mod:`landsby_utils.sources.statbank`: ``area_code``, ``area_name``, ``level``,
``sex``, ``age``, ``age_from``, ``period``, ``date``, ``persons``), a new frame out;
the input is never changed. The functions work on municipalities, regions and
Denmark (FOLK1A/FOLK1B, 5-year age bands) and on parishes, urban areas and
clusters (SOGN1/BY1, single-year ages) alike.

Age groups
----------
The datapakke's age groups are 0–5 (dagtilbud), 6–16 (skolealder), 17–24, 25–39,
40–64, 65–79 and 80+ (:data:`AGE_GROUPS`). They need single-year ages (SOGN1,
BY1, FOLK1A). FOLK1B has 5-year bands only, so for such frames the groups are
the bands that fit (:data:`BAND_GROUPS`): 0–4, 5–14, 15–24, 25–39, 40–64, 65–79
and 80+. The last four are identical in both schemes; the first three are
shifted by one year (0–4 instead of 0–5, 5–14 instead of 6–16, 15–24 instead of
17–24). Nothing is apportioned: every figure is a sum of published cells, and
each group carries the ages it really covers (``age_low``, ``age_high``) and
whether it is the exact datapakke group (``exact``).

Modules
-------
The functions live in :mod:`landsby_utils.population_totals` (tidy frames, age labels,
annual series, cluster sums, totals, change), :mod:`landsby_utils.population_ages` (age
groups, bands, pyramids, dependency, shares, index) and
:mod:`landsby_utils.population_projection` (Hamilton–Perry); this module re-exports them.
"""

from __future__ import annotations

from landsby_utils.population_ages import (
    age_group_change,
    age_groups,
    age_pyramid,
    age_shares,
    five_year_bands,
    group_by_key,
    index_series,
    old_age_dependency,
)
from landsby_utils.population_projection import (
    banded_by_sex,
    cohort_change_ratios,
    hamilton_perry,
    project_bands,
    projection_range,
)
from landsby_utils.population_totals import (
    AGE_GROUPS,
    BAND_FOR_GROUP,
    BAND_GROUPS,
    TIDY_COLUMNS,
    AgeGroup,
    age_bounds,
    age_years,
    annual,
    cluster_population,
    has_single_years,
    horizons_for,
    population_change,
    totals,
    years_in,
)

__all__ = [
    "AGE_GROUPS",
    "AgeGroup",
    "BAND_FOR_GROUP",
    "BAND_GROUPS",
    "TIDY_COLUMNS",
    "age_bounds",
    "age_group_change",
    "age_groups",
    "age_pyramid",
    "age_shares",
    "age_years",
    "annual",
    "cluster_population",
    "banded_by_sex",
    "cohort_change_ratios",
    "five_year_bands",
    "group_by_key",
    "hamilton_perry",
    "has_single_years",
    "horizons_for",
    "index_series",
    "old_age_dependency",
    "population_change",
    "project_bands",
    "projection_range",
    "totals",
    "years_in",
]
