"""The citizen survey of a cluster: import and check an export, and the dashboard's prepared frames.

``landsby survey check/import`` call :func:`check_survey` and :func:`import_survey`: read the export
(:mod:`landsby_utils.sources.survey_files`), map and anonymise it (:mod:`landsby_utils.survey`), and keep
the answers in the cache (outside git and every served folder). :func:`build_survey_frames` turns the
kept answers and the parish population (SOGN1) into :class:`SurveyFrames`: counts and sums only, no
respondent's row, picklable for :mod:`landsby_utils.frames`. Because the answers live in the cache, an
import changes the prepared-frames fingerprint and the pages are made again.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from landsby_utils import settings
from landsby_utils import survey as sv
from landsby_utils import survey_results as res
from landsby_utils.sources import survey_files
from landsby_utils.sources._provenance import Provenance


@lru_cache(maxsize=1)
def template() -> sv.Template:
    """The questionnaire template (``data/surveys/borgerundersoegelse.toml``)."""
    return sv.parse_template(survey_files.read_toml(survey_files.TEMPLATE_PATH, "Skabelonen"))


def other_villages(slug: str) -> dict[str, str]:
    """:func:`landsby_utils.survey.norm` name of every village of every other cluster → that cluster's name.

    Read from the cluster files directly (names only), so that checking a survey loads no register.
    """
    from landsby_utils.cluster import cluster_slugs

    found: dict[str, str] = {}
    for other in cluster_slugs():
        if other == slug:
            continue
        try:
            data = tomllib.loads((Path(settings.CLUSTERS_DIR) / f"{other}.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for village in data.get("villages", []):
            found.setdefault(sv.norm(village.get("name", "")), str(data.get("name", other)))
    return found


def cluster_villages(slug: str) -> list[str]:
    """The village names of a cluster file (an unknown slug raises, with suggestions)."""
    from landsby_utils.cluster import cluster_path, load_cluster

    path = cluster_path(slug)
    try:
        return [str(v["name"]) for v in tomllib.loads(path.read_text(encoding="utf-8"))["villages"]]
    except (KeyError, TypeError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return [v.name for v in load_cluster(slug).villages]  # a broken file: its own clear message


def _mapping(files: list[Path], mapping_path: Path | None) -> sv.MappingFile:
    mapping_path = mapping_path or survey_files.find_mapping(files)
    if mapping_path is None:
        return sv.MappingFile()
    return sv.parse_mapping(survey_files.read_toml(mapping_path, "Mappingfilen"), template(), str(mapping_path))


def check_survey(slug: str, files: list[Path | str], mapping_path: Path | str | None = None) -> tuple[pd.DataFrame | None, sv.SurveyReport]:
    """Read an export for a cluster and map it onto the template, without storing anything.

    Returns
    -------
    tuple
        ``(answers, report)`` as :func:`landsby_utils.survey.anonymise` returns them.

    Raises
    ------
    LandsbyError
        For an unknown cluster, or a file that cannot be read at all (encoding, empty, unknown layout).
    """
    paths = [Path(f) for f in files]
    villages = cluster_villages(slug)
    mapping = _mapping(paths, Path(mapping_path) if mapping_path else None)
    raw = survey_files.read_survey(paths, keep=set(mapping.questions))
    return sv.anonymise(raw, template(), villages, mapping, other_villages(slug))


def import_survey(slug: str, files: list[Path | str], mapping_path: Path | str | None = None) -> tuple[Path, sv.SurveyReport]:
    """Import an export: check it, then keep its anonymised answers (atomically) in ``<cache>/surveys/<slug>/``.

    Raises
    ------
    LandsbyError
        The first problem found (:class:`landsby_utils.survey.SurveyInputError` and others); the previous
        import, if any, is then kept as it was.
    """
    answers, report = check_survey(slug, files, mapping_path)
    if report.errors:
        raise report.errors[0]
    today = dt.date.today().isoformat()
    meta = {
        "format": report.format,
        "template": template().id,
        "template_version": template().version,
        "imported": today,
        "period": list(report.period or []),
        "respondents": len(answers),
        "no_village": report.no_village,
        "questions": sv.asked(answers, template()),
    }
    return survey_files.store_responses(slug, answers, meta), report


# -- prepared frames ------------------------------------------------------------------------------
@dataclass
class SurveyFrames:
    """A cluster's survey results as counts and sums (no respondent's row), with provenance.

    Attributes
    ----------
    has_survey : bool
        False when no survey has been imported (the page then says how to add one).
    villages : list of str
        The cluster's villages, in the cluster file's order.
    meta : dict
        The import's metadata (format, date, number of respondents, questions asked).
    respondents : pandas.Series
        Respondents per village.
    residents : pandas.Series
        Residents aged 16+ per village (sum of its parishes; SOGN1) and for the cluster (``"cluster"``, each parish
        once), NaN when unknown.
    residents_year : int or None
        The year of ``residents`` (1 January).
    likert : pandas.DataFrame
        :func:`landsby_utils.survey_results.likert_counts`.
    scales : dict of str to pandas.DataFrame
        ``question id`` → :func:`~landsby_utils.survey_results.scale_totals`.
    multi : dict of str to tuple
        ``question id`` → :func:`~landsby_utils.survey_results.multi_counts`.
    singles : dict of str to pandas.DataFrame
        ``question id`` → :func:`~landsby_utils.survey_results.single_counts`.
    provenance : Provenance or None
        Where the answers come from.
    residents_provenance : dict
        Provenance of the population figures (as a dict).
    """

    has_survey: bool
    villages: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    respondents: pd.Series | None = None
    residents: pd.Series | None = None
    residents_year: int | None = None
    likert: pd.DataFrame | None = None
    scales: dict[str, pd.DataFrame] = field(default_factory=dict)
    multi: dict[str, tuple[pd.DataFrame, pd.Series]] = field(default_factory=dict)
    singles: dict[str, pd.DataFrame] = field(default_factory=dict)
    provenance: Provenance | None = None
    residents_provenance: dict[str, Any] = field(default_factory=dict)


FORMAT_NAMES = {"surveyxact": "SurveyXact", "google": "Google Forms", "msforms": "Microsoft Forms"}


def survey_provenance(meta: dict[str, Any], cluster_name: str) -> Provenance:
    """Provenance of a cluster's imported survey."""
    period = meta.get("period") or []
    reference = period[-1] if period else meta.get("imported", "")
    return Provenance(
        source="survey",  # the label publisher_survey ("the cluster's citizen survey")
        table=FORMAT_NAMES.get(meta.get("format", ""), meta.get("format", "")),
        licence="survey",  # the label licence_survey: the cluster's own data, groups of at least 5 only
        reference_date=reference,
        served_from="cache",
        retrieved=meta.get("imported"),
        note="",
    )


def build_survey_frames(cluster: Any) -> SurveyFrames:
    """The survey results of a cluster (or ``has_survey=False``), with the parish population aged 16+.

    Parameters
    ----------
    cluster : landsby_utils.cluster.Cluster
        The loaded cluster.

    Returns
    -------
    SurveyFrames
        Counts and sums per village; language-independent and picklable.
    """
    villages = [v.name for v in cluster.villages]
    stored = survey_files.load_responses(cluster.slug)
    if stored is None:
        return SurveyFrames(False, villages)
    answers, meta = stored
    known = answers[answers[sv.VILLAGE].isin(villages)]  # a cluster file edited since the import: its own villages only
    from landsby_utils._errors import LandsbyError
    from landsby_utils.sources.statbank import sogn1

    try:
        population = sogn1(cluster.parish_codes)
        residents, year = res.residents_aged(population, {v.name: v.parishes for v in cluster.villages})
        residents_provenance = dict(population.attrs.get("provenance", {}))
    except LandsbyError:
        residents, year, residents_provenance = pd.Series(float("nan"), index=[*villages, res.CLUSTER]), None, {}
    tpl = template()
    return SurveyFrames(
        True, villages, meta,
        respondents=res.respondents(known, villages),
        residents=residents, residents_year=year,
        likert=res.likert_counts(known, tpl, villages),
        scales={q.id: res.scale_totals(known, q.id, villages) for q in tpl.of_kind("scale")},
        multi={q.id: res.multi_counts(known, tpl, q.id, villages) for q in tpl.of_kind("multi")},
        singles={q.id: res.single_counts(known, tpl, q.id, villages) for q in tpl.of_kind("single")},
        provenance=survey_provenance(meta, cluster.name),
        residents_provenance=residents_provenance,
    )
