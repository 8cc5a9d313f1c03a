"""The citizen survey: its template, mapping an export onto it, validation and anonymisation (pure functions).

An export read by :mod:`landsby_utils.sources.survey_files` (a :class:`RawSurvey`) is mapped onto the
template's stable question and answer ids (``data/surveys/borgerundersoegelse.toml``): a question by
a mapping file's ``[questions]`` entry, else by its text or id; an answer by the mapping file's
``[answers.<id>]`` entry, else by its label or id (case, spacing, dashes and a trailing "?" do not
matter). :func:`anonymise` then keeps only the template's answers — one row per respondent, no id,
no name, e-mail, timestamp or free text — and :class:`SurveyReport` says what mapped, what did not
and what stops the import. Aggregation and suppression are in :mod:`landsby_utils.survey_results`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from landsby_utils._errors import LandsbyError

if TYPE_CHECKING:  # the readers' shapes; this module reads no file
    from landsby_utils.sources.survey_files import RawSurvey, SourceQuestion

KINDS = ("village", "single", "likert", "scale", "multi", "text")
#: Likert answers that count (1 = Meget dårligt … 5 = Meget godt); "ved_ikke" counts as not answered.
LIKERT_LEVELS = ("1", "2", "3", "4", "5")
DONT_KNOW = "ved_ikke"
#: A mapping file's target for a source question that must not be read.
IGNORE = "ignore"
VILLAGE = "landsby"


class SurveyInputError(LandsbyError):
    """A survey cannot be imported as it is: the message says what is wrong and what to do."""

    def __init__(self, kind: str, message: str, message_da: str) -> None:
        super().__init__(message, message_da)
        self.kind = kind


@dataclass(frozen=True)
class Option:
    """An answer option: stable id and Danish label."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """A template question (see ``data/surveys/borgerundersoegelse.toml``)."""

    id: str
    kind: str
    text: str
    options: tuple[Option, ...] = ()
    area: str = ""
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False


@dataclass(frozen=True)
class Template:
    """The questionnaire template."""

    id: str
    version: int
    title: str
    scale: tuple[Option, ...]
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        return next(q for q in self.questions if q.id == question_id)

    def of_kind(self, kind: str) -> list[Question]:
        """The questions of one kind, in template order."""
        return [q for q in self.questions if q.kind == kind]

    def options(self, question: Question, villages: Iterable[str] = ()) -> tuple[Option, ...]:
        """The answer options of a question (the villages for ``village``, the scale for ``likert``)."""
        if question.kind == "village":
            return tuple(Option(v, v) for v in villages)
        if question.kind == "likert":
            return self.scale
        if question.kind == "scale":
            return tuple(Option(str(i), str(i)) for i in range(question.minimum or 0, (question.maximum or 10) + 1))
        return question.options


def parse_template(data: Mapping[str, Any]) -> Template:
    """The template from its TOML content.

    Raises
    ------
    SurveyInputError
        When a question has no id, an unknown kind, or an id is used twice.
    """
    questions, seen = [], set()
    for entry in data.get("questions", []):
        qid, kind = str(entry.get("id", "")), str(entry.get("kind", ""))
        if not qid or kind not in KINDS or qid in seen:
            raise SurveyInputError("template", f"template question {qid!r}: kind {kind!r} or id is invalid",
                                   f"Skabelonens spørgsmål {qid!r}: typen {kind!r} eller id'et er ugyldigt")
        seen.add(qid)
        options = tuple(Option(str(o["id"]), str(o["label"])) for o in entry.get("options", []))
        questions.append(Question(qid, kind, str(entry["text"]), options, str(entry.get("area", "")),
                                  entry.get("min"), entry.get("max"), bool(entry.get("required", False))))
    scale = tuple(Option(str(o["id"]), str(o["label"])) for o in data.get("scale", []))
    return Template(str(data.get("id", "")), int(data.get("version", 1)), str(data.get("title", "")), scale, tuple(questions))


def norm(text: object) -> str:
    """A label compared loosely: NFC, lower case, dashes unified, spacing collapsed, trailing "?:." dropped."""
    value = unicodedata.normalize("NFC", str(text)).casefold()
    value = re.sub(r"[‐‑‒–—−]", "-", value)
    value = " ".join(value.split())
    return value.rstrip(" ?:.")


@dataclass(frozen=True)
class MappingFile:
    """A survey's mapping onto the template (a TOML file beside the survey, see ``data/surveys/README.md``).

    Attributes
    ----------
    questions : dict of str to str
        Source question (header, variable name or text) → template question id (or ``"ignore"``).
    answers : dict of str to dict of str to str
        Template question id → {source answer label → template option id or label}.
    source : str
        The file it came from (for messages).
    """

    questions: dict[str, str] = field(default_factory=dict)
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    source: str = ""


def parse_mapping(data: Mapping[str, Any], template: Template, source: str = "") -> MappingFile:
    """A mapping file's content, checked against the template.

    Raises
    ------
    SurveyInputError
        For an unknown section or a template id that does not exist (with the closest ids).
    """
    unknown = set(data) - {"questions", "answers"}
    if unknown:
        raise SurveyInputError("mapping", f"{source}: unknown section(s) {', '.join(sorted(unknown))}; "
                               "only [questions] and [answers.<id>] are read",
                               f"{source}: ukendt afsnit {', '.join(sorted(unknown))}; kun [questions] og "
                               "[answers.<id>] læses")
    ids = [q.id for q in template.questions]
    questions = {str(k): str(v) for k, v in dict(data.get("questions", {})).items()}
    for target in [*questions.values(), *dict(data.get("answers", {}))]:
        if target != IGNORE and target not in ids:
            near = closest(target, ids)
            raise SurveyInputError("mapping", f"{source}: {target!r} is not a template question id. Closest: {', '.join(near)}",
                                   f"{source}: {target!r} er ikke et spørgsmål i skabelonen. Nærmeste: {', '.join(near)}")
    answers = {str(q): {str(k): str(v) for k, v in dict(a).items()} for q, a in dict(data.get("answers", {})).items()}
    return MappingFile(questions, answers, source)


def closest(label: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The choices most like ``label`` (rapidfuzz WRatio on :func:`norm` text), best first."""
    from rapidfuzz import fuzz, process

    options = list(dict.fromkeys(choices))
    if not options:
        return []
    found = process.extract(norm(label), [norm(c) for c in options], scorer=fuzz.WRatio, limit=limit)
    return [options[index] for _, score, index in found if score >= 50] or [options[found[0][2]]]


# -- questions ---------------------------------------------------------------------------------
@dataclass
class QuestionMatch:
    """A source question mapped to a template question (``how``: "mapping", "text" or "id")."""

    question_id: str
    source: SourceQuestion
    how: str


def match_questions(raw: RawSurvey, template: Template, mapping: MappingFile
                    ) -> tuple[list[QuestionMatch], list[tuple[SourceQuestion, list[str]]], list[str]]:
    """Which source question answers which template question.

    Returns
    -------
    tuple
        ``(matched, unmatched, ignored)``: the matches; each source question that maps to nothing with
        the closest template question texts; the source questions the mapping file ignores.

    Raises
    ------
    SurveyInputError
        When two source questions map to the same template question.
    """
    by_norm = {norm(k): v for k, v in mapping.questions.items()}
    by_text = {norm(q.text): q.id for q in template.questions}
    ids = {q.id for q in template.questions}
    matched, unmatched, ignored = [], [], []
    for source in raw.questions:
        keys = [norm(source.key), norm(source.label)]
        target = next((by_norm[k] for k in keys if k in by_norm), None)
        how = "mapping"
        if target is None:
            target = next((by_text[k] for k in keys if k in by_text), None)
            how = "text"
        if target is None:
            target = next((k for k in (source.key, source.label) if k in ids), None)
            how = "id"
        if target == IGNORE:
            ignored.append(source.label)
        elif target is None:
            unmatched.append((source, closest(source.label, [q.text for q in template.questions])))
        else:
            matched.append(QuestionMatch(target, source, how))
    seen: dict[str, str] = {}
    for match in matched:
        if match.question_id in seen:
            raise SurveyInputError(
                "ambiguous", f"Both {seen[match.question_id]!r} and {match.source.label!r} answer template question "
                f"{match.question_id!r}; say which one in the mapping file ([questions] … = \"ignore\" for the other).",
                f"Både {seen[match.question_id]!r} og {match.source.label!r} svarer på skabelonens spørgsmål "
                f"{match.question_id!r}; angiv i mappingfilen, hvilket der gælder ([questions] … = \"ignore\" for det andet).")
        seen[match.question_id] = match.source.label
    return matched, unmatched, ignored


# -- answers -----------------------------------------------------------------------------------
def answer_lookup(options: tuple[Option, ...], extra: Mapping[str, str] = {}, question_id: str = "",  # noqa: B006
                  source: str = "") -> dict[str, str]:
    """Normalised answer text → option id: each option's id and label, then the mapping file's entries.

    Raises
    ------
    SurveyInputError
        When a mapping file entry names an answer the question does not have (with the closest ones).
    """
    lookup = {}
    for option in options:
        lookup[norm(option.id)] = option.id
        lookup[norm(option.label)] = option.id
    by_label = dict(lookup)
    for answer, target in extra.items():
        if norm(target) not in by_label:
            near = ", ".join(closest(target, [o.label for o in options]))
            raise SurveyInputError(
                "mapping", f"{source}: [answers.{question_id}] {answer!r} = {target!r}: {question_id} has no such answer. "
                f"Closest: {near}", f"{source}: [answers.{question_id}] {answer!r} = {target!r}: {question_id} har ikke det "
                f"svar. Nærmeste: {near}")
        lookup[norm(answer)] = by_label[norm(target)]
    return lookup


def _translate(values: pd.Series, codes: Mapping[str, str]) -> pd.Series:
    """Answers stripped, and SurveyXact's value codes replaced by their labels (done once per distinct answer)."""
    values = values.fillna("")
    table = {u: codes.get(str(u).strip(), str(u).strip()) for u in values.unique()}
    return values.map(table)


def map_single(values: pd.Series, lookup: Mapping[str, str]) -> tuple[pd.Series, dict[str, int]]:
    """One answer per respondent → option id (None when not answered); unknown labels with their counts."""
    counts = values.value_counts()
    mapped, unknown = {}, {}
    for label, count in counts.items():
        if label == "":
            mapped[label] = None
        elif norm(label) in lookup:
            mapped[label] = lookup[norm(label)]
        else:
            unknown[label] = int(count)
    return values.map(mapped), unknown


def _split_cell(cell: str, separator: str, lookup: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Answers of one multiple-choice cell; labels that themselves contain the separator are put back together."""
    if norm(cell) in lookup:
        return [lookup[norm(cell)]], []
    pieces = [p for p in cell.split(separator.strip() if separator.strip() else separator)]
    pieces = [p.strip() for p in pieces if p.strip()]
    found, unknown, i = [], [], 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):  # the longest run of pieces that is one label
            joined = separator.join(pieces[i:j])
            if norm(joined) in lookup:
                found.append(lookup[norm(joined)])
                i = j
                break
        else:
            unknown.append(pieces[i])
            i += 1
    return found, unknown


def map_multi(values: pd.Series, separator: str, options: tuple[Option, ...], lookup: Mapping[str, str]
              ) -> tuple[pd.DataFrame, dict[str, int]]:
    """Joined answers per respondent → one 0/1 column per option id; unknown labels with their counts."""
    codes, uniques = pd.factorize(values)
    position = {o.id: i for i, o in enumerate(options)}
    matrix = np.zeros((len(uniques) + 1, len(options)), dtype="int8")  # the last row: a missing cell (code -1)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    unknown: dict[str, int] = {}
    for number, cell in enumerate(uniques):
        found, bad = _split_cell(str(cell), separator, lookup) if cell else ([], [])
        for option_id in found:
            matrix[number, position[option_id]] = 1
        for label in bad:
            unknown[label] = unknown.get(label, 0) + int(counts[number])
    picked = matrix[codes]
    frame = pd.DataFrame(picked, columns=[o.id for o in options], index=values.index)
    return frame, unknown


def map_flags(flags: Mapping[str, pd.Series], options: tuple[Option, ...], lookup: Mapping[str, str]
              ) -> tuple[pd.DataFrame, dict[str, int]]:
    """SurveyXact's 0/1 columns (answer label → 0/1) → one 0/1 column per option id; unknown labels with their counts."""
    index = next(iter(flags.values())).index
    frame = pd.DataFrame({o.id: pd.Series(0, index=index, dtype="int8") for o in options})
    unknown = {}
    for label, column in flags.items():
        if norm(label) in lookup:
            frame[lookup[norm(label)]] |= column.astype("int8")
        else:
            unknown[label] = int(column.sum())
    return frame, unknown


def map_scale(values: pd.Series, question: Question, lookup: Mapping[str, str]) -> tuple[pd.Series, dict[str, int]]:
    """A 0–10 answer per respondent → whole number (NA when not answered); other text with its counts."""
    ids, unknown = map_single(values.str.replace(r"^(\d+)\D.*$", r"\1", regex=True), lookup)
    return pd.to_numeric(ids, errors="coerce").astype("Int64"), unknown


# -- the import ------------------------------------------------------------------------------------
@dataclass
class SurveyReport:
    """What an export maps to, and every problem that stops its import."""

    format: str
    files: list[str]
    rows: int
    matched: list[QuestionMatch]
    unmatched: list[tuple[SourceQuestion, list[str]]]
    ignored: list[str]
    personal: list[str]
    unknown: dict[str, dict[str, int]] = field(default_factory=dict)
    closest: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    other_cluster: dict[str, tuple[str, int]] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    no_village: int = 0
    period: tuple[str, str] | None = None
    errors: list[SurveyInputError] = field(default_factory=list)


def _unknown_error(report: SurveyReport) -> SurveyInputError:
    parts, parts_da = [], []
    for qid, labels in report.unknown.items():
        for label, count in sorted(labels.items(), key=lambda kv: -kv[1])[:8]:
            near = ", ".join(report.closest[qid][label])
            parts.append(f"{label!r} in {qid} ({count}×; closest: {near})")
            parts_da.append(f"{label!r} i {qid} ({count}×; nærmeste: {near})")
    total = sum(len(v) for v in report.unknown.values())
    return SurveyInputError(
        "unknown_answers",
        f"{total} answer label(s) match no label of the template: {'; '.join(parts)}. Add them to the mapping file "
        "under [answers.<question id>] (see data/surveys/README.md).",
        f"{total} svar passer ikke til nogen af skabelonens svarmuligheder: {'; '.join(parts_da)}. Tilføj dem i "
        "mappingfilen under [answers.<spørgsmåls-id>] (se data/surveys/README.md).")


def _village_error(report: SurveyReport, template: Template) -> SurveyInputError:
    text = template.question(VILLAGE).text
    labels = [m.source.label for m in report.matched] + [s.label for s, _ in report.unmatched]
    near = closest(text, labels) if labels else []
    return SurveyInputError(
        "no_village", f"No column answers the village question ({text!r}); the results are shown per village, so it is "
        f"needed. Closest columns: {', '.join(near) or '(none)'}. Map it in the mapping file: [questions] \"<column>\" = \"landsby\".",
        f"Ingen kolonne svarer på spørgsmålet om landsby ({text!r}); resultaterne vises pr. landsby, så det skal med. "
        f"Nærmeste kolonner: {', '.join(near) or '(ingen)'}. Angiv den i mappingfilen: [questions] \"<kolonne>\" = \"landsby\".")


def anonymise(raw: RawSurvey, template: Template, villages: list[str], mapping: MappingFile | None = None,
              other_villages: Mapping[str, str] | None = None) -> tuple[pd.DataFrame | None, SurveyReport]:
    """Map an export onto the template and keep only its answers.

    Parameters
    ----------
    raw : RawSurvey
        The export (personal columns already set aside by the reader).
    template : Template
        The questionnaire template.
    villages : list of str
        The cluster's villages (the village question's answers).
    mapping : MappingFile, optional
        The survey's mapping file.
    other_villages : mapping of str to str, optional
        :func:`norm` name of every other cluster's village → that cluster's name (to name a wrong file).

    Returns
    -------
    tuple
        ``(frame, report)``: one row per respondent with one column per template answer (``landsby``,
        option ids, whole numbers, and ``<question>:<option>`` 0/1 columns for multiple choice) — or None
        when ``report.errors`` is not empty.
    """
    mapping = mapping or MappingFile()
    matched, unmatched, ignored = match_questions(raw, template, mapping)
    report = SurveyReport(raw.format, raw.files, raw.rows, matched, unmatched, ignored, raw.personal, period=raw.period)
    if raw.rows == 0:
        report.errors.append(SurveyInputError("empty", "The survey holds no answers.", "Undersøgelsen indeholder ingen besvarelser."))
        return None, report
    if raw.respondent_ids is not None:
        ids = raw.respondent_ids[raw.respondent_ids != ""]
        report.duplicates = sorted(set(ids[ids.duplicated()]), key=lambda x: (len(x), x))
    columns: dict[str, pd.Series] = {}
    for match in matched:
        question = template.question(match.question_id)
        if question.kind == "text":
            continue  # free text is never imported
        options = template.options(question, villages)
        lookup = answer_lookup(options, mapping.answers.get(question.id, {}), question.id, mapping.source)
        source = match.source
        if question.kind == "multi":
            if source.flags:
                frame, unknown = map_flags(source.flags, options, lookup)
            else:
                frame, unknown = map_multi(_translate(source.values, source.codes), source.separator or ", ", options, lookup)
            for option in options:
                columns[f"{question.id}:{option.id}"] = frame[option.id]
        elif source.values is None:
            unknown = {label: int(col.sum()) for label, col in source.flags.items()}
        elif question.kind == "scale":
            columns[question.id], unknown = map_scale(_translate(source.values, source.codes), question, lookup)
        else:
            columns[question.id], unknown = map_single(_translate(source.values, source.codes), lookup)
        if question.kind == "village" and unknown and other_villages:
            for label in list(unknown):
                if norm(label) in other_villages:
                    report.other_cluster[label] = (other_villages[norm(label)], unknown.pop(label))
        if unknown:
            report.unknown[question.id] = unknown
            report.closest[question.id] = {label: closest(label, [o.label for o in options]) for label in unknown}
    _collect_errors(report, template, VILLAGE in columns)
    if report.errors:
        return None, report
    frame = pd.DataFrame(columns)
    answered = frame[VILLAGE].notna()
    report.no_village = int((~answered).sum())
    frame = frame[answered].sort_values(VILLAGE, kind="stable").reset_index(drop=True)
    if frame.empty:
        report.errors.append(SurveyInputError("empty", "No respondent answered the village question.",
                                              "Ingen har svaret på, hvilken landsby de bor i."))
        return None, report
    return frame, report


def _collect_errors(report: SurveyReport, template: Template, has_village: bool) -> None:
    if not has_village:
        report.errors.append(_village_error(report, template))
    if report.duplicates:
        shown = ", ".join(report.duplicates[:10])
        report.errors.append(SurveyInputError(
            "duplicates", f"{len(report.duplicates)} respondent id(s) occur more than once: {shown}. The export holds the "
            "same respondent twice; export the survey again (one row per respondent).",
            f"{len(report.duplicates)} respondent-id('er) optræder mere end én gang: {shown}. Eksporten har den samme "
            "besvarelse to gange; eksportér undersøgelsen igen (én linje pr. respondent)."))
    if report.other_cluster:
        clusters = sorted({c for c, _ in report.other_cluster.values()})
        shown = ", ".join(f"{v} ({c}, {n}×)" for v, (c, n) in report.other_cluster.items())
        report.errors.append(SurveyInputError(
            "other_cluster", f"Respondents live in villages of another cluster: {shown}. Is this the survey of "
            f"{', '.join(clusters)}? Import it for that cluster, or map the villages in the mapping file.",
            f"Nogle svar er fra landsbyer i en anden klynge: {shown}. Er det undersøgelsen for {', '.join(clusters)}? "
            "Importér den for den klynge, eller angiv landsbyerne i mappingfilen."))
    if report.unknown:
        report.errors.append(_unknown_error(report))


def asked(frame: pd.DataFrame, template: Template) -> list[str]:
    """The template questions an anonymised frame holds answers to (in template order)."""
    present = {c.split(":", 1)[0] for c in frame.columns}
    return [q.id for q in template.questions if q.id in present]
