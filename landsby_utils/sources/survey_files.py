"""Citizen-survey exports (SurveyXact, Google Forms, Microsoft Forms) read into one shape, and the stored answers.

Readers only parse: every column becomes a :class:`SourceQuestion` (its key, its question text and its
answers as text); personal columns (names, e-mail addresses, timestamps, ids, IP addresses, SurveyXact's
status and background variables) are recognised by their header and set aside, never passed on.
Mapping to the template, validation and aggregation are in :mod:`landsby_utils.survey`.

Formats (detected from the files, see ``data/surveys/README.md``):

* **SurveyXact**: three files, dataset (first column ``respondentid``), structure (``variableName``,
  ``variableLabel``) and labels (``variableName``, ``value``, ``valueLabel``); semicolon- or
  tab-separated; UTF-8 or UTF-16; a multiple-choice question as one 0/1 column per answer.
* **Google Forms**: one CSV, first column the timestamp, check-box answers joined by ``", "``.
* **Microsoft Forms**: one .xlsx, first columns ID, start and completion time, e-mail, name;
  multiple answers joined by ``";"``.

The imported, anonymised answers are kept in ``<cache>/surveys/<slug>/responses.csv`` (the user's
cache folder: outside git and outside every served folder), written atomically.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import LandsbyError

#: The questionnaire template shipped with the project.
TEMPLATE_PATH = settings.DATA_DIR / "surveys" / "borgerundersoegelse.toml"
#: File that holds a cluster's imported answers, under :func:`survey_dir`.
RESPONSES_FILE = "responses.csv"
#: Header patterns (after lower-casing) of columns that identify a person or a moment; never read as answers.
PERSONAL_PATTERNS = (
    r"(fulde? )?navn|name|full name|fornavn|efternavn|first name|last name|respondentnavn|b_navn|b_name",
    r"e-?mail(adresse| address)?|mail(adresse)?|b_e-?mail",
    r"tidsstempel|timestamp|start ?time|starttidspunkt|completion ?time|fuldførelsestidspunkt|"
    r"færdiggørelsestidspunkt|last modified time|tidspunkt for (seneste|sidste) ændring|closetime|starttime|"
    r"opentime|created|submitted|submitted at|indsendt|dato|date",
    r"telefon|phone|mobil|adresse|address|ip|ip-?adresse|ip address|cpr",
)
_PERSONAL = re.compile(r"^(" + "|".join(PERSONAL_PATTERNS) + r")$")
#: SurveyXact's own variables: status (``statoverall_4``) and background variables (``b_...``).
_SURVEYXACT_SYSTEM = re.compile(r"^(stat\w*|b_\w+)$", re.IGNORECASE)
#: Headers of a respondent id column (used to find duplicates, then dropped).
_ID_HEADERS = {"respondentid", "respondent id", "id", "respondent_id"}


class SurveyFileError(LandsbyError):
    """A survey export cannot be read (encoding, empty, unknown layout, duplicate ids)."""


@dataclass
class SourceQuestion:
    """One question of an export, before it is mapped to the template.

    Attributes
    ----------
    key : str
        The column header or SurveyXact variable name (``s_3``).
    label : str
        The question text (SurveyXact's structure file; else the header).
    values : pandas.Series or None
        Answers as text (``""`` = not answered), one per respondent; None for a 0/1 multiple-choice group.
    flags : dict of str to pandas.Series
        A multiple-choice question stored as 0/1 columns: answer label → 0/1 per respondent.
    separator : str or None
        How a text cell joins several answers (``", "`` Google Forms, ``";"`` Microsoft Forms).
    codes : dict of str to str
        SurveyXact: value code → answer label of this variable (from the labels file).
    """

    key: str
    label: str
    values: pd.Series | None = None
    flags: dict[str, pd.Series] = field(default_factory=dict)
    separator: str | None = None
    codes: dict[str, str] = field(default_factory=dict)


@dataclass
class RawSurvey:
    """Everything read from one export, personal columns already set aside.

    Attributes
    ----------
    format : {"surveyxact", "google", "msforms"}
        The detected format.
    files : list of str
        The files' names (for messages).
    questions : list of SourceQuestion
        Every other column.
    respondent_ids : pandas.Series or None
        The export's respondent ids (None when it has none, e.g. Google Forms).
    personal : list of str
        Headers of the columns set aside as personal (names, e-mails, timestamps, ids, status).
    period : tuple of str, optional
        First and last month (``YYYY-MM``) of the timestamps, when the export has them.
    rows : int
        Number of respondents (rows).
    """

    format: str
    files: list[str]
    questions: list[SourceQuestion]
    respondent_ids: pd.Series | None
    personal: list[str]
    period: tuple[str, str] | None
    rows: int


def is_personal(header: str) -> bool:
    """True for a column that names, contacts or dates a respondent (see :data:`PERSONAL_PATTERNS`)."""
    return bool(_PERSONAL.match(" ".join(str(header).strip().lower().split())))


# -- text files -----------------------------------------------------------------------------------
def decode(data: bytes, name: str) -> str:
    """Text of a CSV export: UTF-16 (with or without BOM) or UTF-8; anything else is refused by name.

    Raises
    ------
    SurveyFileError
        When the bytes are neither UTF-8 nor UTF-16 (e.g. Windows-1252 from an old Excel).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyFileError(
            f"{name} is not UTF-8 or UTF-16 text (byte {exc.start + 1} cannot be read; it is probably Windows-1252/"
            "Latin-1 from an older Excel). Save it again as 'CSV UTF-8' (or export it again) and import it again.",
            f"{name} er ikke gemt som UTF-8 eller UTF-16 (byte {exc.start + 1} kan ikke læses; filen er sikkert gemt "
            "som Windows-1252/Latin-1 af et ældre Excel). Gem den igen som 'CSV UTF-8' (eller eksportér den igen), "
            "og importér den igen.",
        ) from None


def _separator(header_line: str) -> str:
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: unquoted.count(sep) for sep in (";", "\t", ",")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def read_table(path: Path) -> pd.DataFrame:
    """A CSV export as text columns (``""`` for empty cells), separator and encoding detected.

    Raises
    ------
    SurveyFileError
        When the file is empty, has no rows, or is not UTF-8/UTF-16.
    """
    data = Path(path).read_bytes()
    if not data.strip(b"\x00\r\n\t ;,\xef\xbb\xbf\xff\xfe"):
        raise _empty(path.name)
    text = decode(data, path.name)
    first = text.split("\n", 1)[0]
    frame = pd.read_csv(io.StringIO(text), sep=_separator(first), dtype=str, keep_default_na=False, na_filter=False)
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise _empty(path.name)
    return frame


def _empty(name: str) -> SurveyFileError:
    return SurveyFileError(f"{name} holds no answers (the file is empty or has only a header row).",
                           f"{name} indeholder ingen besvarelser (filen er tom eller har kun en overskriftslinje).")


def _cell_text(value: object) -> str:
    """A workbook cell as the text a reader sees (whole numbers without ".0", dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value).strip()


def read_xlsx(path: Path) -> pd.DataFrame:
    """The first sheet of a Microsoft Forms workbook as text columns (calamine: 50,000 rows in about a second)."""
    from python_calamine import CalamineWorkbook

    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001 (any unreadable workbook gets the same message)
        raise SurveyFileError(f"{path.name} cannot be read as an Excel workbook (.xlsx): {exc}",
                              f"{path.name} kan ikke læses som en Excel-projektmappe (.xlsx): {exc}") from None
    rows = [row for row in rows if any(v not in (None, "") for v in row)]
    if len(rows) < 2:
        raise _empty(path.name)
    header = [_cell_text(h) for h in rows[0]]
    raw = pd.DataFrame(rows[1:], columns=header, dtype=object)
    columns = {}
    for name in header:  # each distinct cell converted once
        codes, uniques = pd.factorize(raw[name], use_na_sentinel=False)
        columns[name] = pd.Series(pd.Index([_cell_text(u) for u in uniques], dtype=object).take(codes), dtype=object)
    return pd.DataFrame(columns)


# -- formats --------------------------------------------------------------------------------------
def _norm_header(text: str) -> str:
    return re.sub(r"[\s_.]+", "", str(text).strip().lower())


def _find(frame: pd.DataFrame, *names: str) -> str | None:
    wanted = {_norm_header(n) for n in names}
    return next((c for c in frame.columns if _norm_header(c) in wanted), None)


def _period(frame: pd.DataFrame, columns: list[str]) -> tuple[str, str] | None:
    """First and last month of the first timestamp column (``YYYY-MM``), or None."""
    for column in columns:
        if _norm_header(column) in _ID_HEADERS or not re.search(r"tid|time|dato|date|stempel|stamp", column.lower()):
            continue
        values = frame[column].astype(str).str.strip().str.replace(r"\s+[A-Z]{2,5}$", "", regex=True)
        values = values[values != ""].str.split().str[0].drop_duplicates()  # the dates only: a few hundred to parse
        if values.empty:
            continue
        iso = bool(re.match(r"^\d{4}[-/]", values.iloc[0]))
        parsed = pd.to_datetime(values, errors="coerce", dayfirst=not iso, format="mixed").dropna()
        if len(parsed):
            return parsed.min().strftime("%Y-%m"), parsed.max().strftime("%Y-%m")
    return None


def _split_personal(frame: pd.DataFrame, keep: set[str], system: re.Pattern | None = None) -> tuple[list[str], list[str]]:
    personal = [c for c in frame.columns if is_personal(c) or _norm_header(c) in _ID_HEADERS
                or (system is not None and c not in keep and system.match(c))]
    return [c for c in frame.columns if c not in personal], personal


def _ids(frame: pd.DataFrame) -> pd.Series | None:
    column = next((c for c in frame.columns if _norm_header(c) in _ID_HEADERS), None)
    return None if column is None else frame[column].astype(str).str.strip()


def read_google(path: Path, keep: set[str] = frozenset(), frame: pd.DataFrame | None = None) -> RawSurvey:
    """A Google Forms CSV: timestamp first, check-box answers joined by ``", "`` (``frame``: the file, if already read)."""
    frame = read_table(path) if frame is None else frame
    columns, personal = _split_personal(frame, keep)
    questions = [SourceQuestion(c, c, frame[c], separator=", ") for c in columns]
    return RawSurvey("google", [path.name], questions, _ids(frame), personal, _period(frame, personal), len(frame))


def read_msforms(path: Path, keep: set[str] = frozenset()) -> RawSurvey:
    """A Microsoft Forms workbook: ID, start/completion time, e-mail and name first; multiple answers joined by ``";"``."""
    frame = read_xlsx(path)
    columns, personal = _split_personal(frame, keep)
    questions = [SourceQuestion(c, c, frame[c], separator=";") for c in columns]
    return RawSurvey("msforms", [path.name], questions, _ids(frame), personal, _period(frame, personal), len(frame))


def _surveyxact_roles(tables: dict[Path, pd.DataFrame]) -> tuple[Path, Path | None, Path | None]:
    dataset = structure = labels = None
    for path, frame in tables.items():
        has_var = _find(frame, "variableName", "variable", "varname", "v.name", "name") is not None
        if _find(frame, "respondentid") is not None:
            dataset = path
        elif has_var and _find(frame, "value", "værdi", "code") is not None:
            labels = path
        elif has_var:
            structure = path
    if dataset is None:
        names = ", ".join(p.name for p in tables)
        raise SurveyFileError(
            f"None of {names} is a SurveyXact dataset (its first column is 'respondentid').",
            f"Ingen af {names} er et SurveyXact-datasæt (dets første kolonne hedder 'respondentid').")
    return dataset, structure, labels


_GENERIC_CHECKED = {"1", "valgt", "ja", "yes", "markeret", "checked", "selected", "x"}


def _split_option(label: str, siblings: list[str]) -> tuple[str, str]:
    """``("question", "answer")`` from a multiple-choice column's label such as ``"Hvorfor bor du her? - Naturen"``."""
    for sep in (" - ", ": ", " | ", " – "):
        if sep in label:
            head, _, tail = label.rpartition(sep)
            if all(s.startswith(head + sep) for s in siblings):
                return head.strip(), tail.strip()
    prefix = os.path.commonprefix(siblings) if len(siblings) > 1 else ""
    return prefix.strip(" -:|–"), label[len(prefix):].strip()


def read_surveyxact(paths: list[Path], keep: set[str] = frozenset()) -> RawSurvey:
    """SurveyXact's dataset, structure and labels files (semicolon or tab; UTF-8 or UTF-16)."""
    tables = {p: read_table(p) for p in paths}
    dataset_path, structure_path, labels_path = _surveyxact_roles(tables)
    data = tables[dataset_path]
    texts: dict[str, str] = {}
    if structure_path is not None:
        s = tables[structure_path]
        var, lab = _find(s, "variableName", "variable", "varname", "v.name", "name"), _find(
            s, "variableLabel", "label", "question", "questiontext", "text", "spørgsmål")
        if lab is not None:
            texts = dict(zip(s[var].str.strip(), s[lab].str.strip(), strict=True))
    codes: dict[str, dict[str, str]] = {}
    if labels_path is not None:
        lt = tables[labels_path]
        var = _find(lt, "variableName", "variable", "varname", "v.name", "name")
        value = _find(lt, "value", "værdi", "code")
        lab = _find(lt, "valueLabel", "label", "text", "tekst")
        for v, code, text in zip(lt[var].str.strip(), lt[value].str.strip(), lt[lab].str.strip(), strict=True):
            codes.setdefault(v, {})[code] = text
    columns, personal = _split_personal(data, keep, _SURVEYXACT_SYSTEM)
    groups: dict[str, list[str]] = {}
    for column in columns:  # a multiple-choice question: s_9_1, s_9_2, ... holding only 0 and 1
        match = re.fullmatch(r"(.+_\d+)_(\d+)", column)
        values = set(data[column].unique()) - {""}
        if match and match.group(1) not in data.columns and values <= {"0", "1"}:
            groups.setdefault(match.group(1), []).append(column)
    groups = {base: members for base, members in groups.items() if len(members) >= 2}
    grouped = {c for members in groups.values() for c in members}
    questions = []
    for column in columns:
        if column in grouped:
            base = next(b for b, members in groups.items() if column in members)
            if groups[base][0] != column:
                continue
            members = groups[base]
            labels = [texts.get(m, m) for m in members]
            flags, question = {}, texts.get(base, "")
            for member, label in zip(members, labels, strict=True):
                head, option = _split_option(label, labels)
                checked = codes.get(member, {}).get("1", "")
                if checked and checked.lower() not in _GENERIC_CHECKED:
                    option = checked
                question = question or head
                flags[option or member] = (data[member] == "1").astype("int8")
            questions.append(SourceQuestion(base, question or base, flags=flags))
        else:
            questions.append(SourceQuestion(column, texts.get(column, column), data[column], codes=codes.get(column, {})))
    files = [p.name for p in (dataset_path, structure_path, labels_path) if p is not None]
    return RawSurvey("surveyxact", files, questions, _ids(data), personal, _period(data, personal), len(data))


def read_survey(paths: list[Path], keep: set[str] = frozenset()) -> RawSurvey:
    """Read an export, detecting its format from the files.

    Parameters
    ----------
    paths : list of pathlib.Path
        One Google Forms CSV, one Microsoft Forms .xlsx, or SurveyXact's dataset, structure and labels files.
    keep : set of str
        Column headers that a mapping file names explicitly: kept even when they look like background variables.

    Returns
    -------
    RawSurvey
        Questions and answers as text, personal columns set aside.

    Raises
    ------
    SurveyFileError
        For a missing, empty, badly encoded or unrecognised file.
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.is_file():
            raise SurveyFileError(f"{path} does not exist.", f"Filen {path} findes ikke.")
    if any(p.suffix.lower() in (".xlsx", ".xlsm") for p in paths):
        if len(paths) != 1:
            raise SurveyFileError("Give one Microsoft Forms workbook (.xlsx) alone.",
                                  "Angiv én Microsoft Forms-projektmappe (.xlsx) alene.")
        return read_msforms(paths[0], keep)
    if len(paths) > 1:
        return read_surveyxact(paths, keep)
    frame = read_table(paths[0])
    if _norm_header(frame.columns[0]) == "respondentid":
        return read_surveyxact(paths, keep)
    return read_google(paths[0], keep, frame)  # Tidsstempel/Timestamp first; a plain CSV with one column per question reads the same way


# -- template and mapping files --------------------------------------------------------------------
def read_toml(path: Path, what_da: str) -> dict[str, Any]:
    """A TOML file as a dict; a syntax error names the file and line."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SurveyFileError(f"{path}: {exc}", f"{what_da} {path} kan ikke læses: {exc}") from None


def find_mapping(paths: list[Path]) -> Path | None:
    """The mapping file beside a survey: ``<first file stem>.mapping.toml``, else ``mapping.toml``; or None."""
    first = Path(paths[0])
    for candidate in (first.with_name(f"{first.stem}.mapping.toml"), first.with_name("mapping.toml")):
        if candidate.is_file():
            return candidate
    return None


# -- stored answers -------------------------------------------------------------------------------
def survey_dir(slug: str) -> Path:
    """Where a cluster's imported answers are kept: ``<cache>/surveys/<slug>``."""
    return Path(settings.CACHE_DIR) / "surveys" / slug


def _served_folders() -> list[Path]:
    return [Path(settings.NOTEBOOKS_DIR), Path(settings.DATA_DIR), Path(settings.BUILD_DIR)]


def check_storage(folder: Path) -> None:
    """Refuse to keep answers inside a folder that Voilà, git or the static site serves.

    Raises
    ------
    SurveyFileError
        When ``folder`` is inside ``notebooks/``, ``data/`` or the build folder.
    """
    resolved = folder.resolve()
    for served in _served_folders():
        if resolved.is_relative_to(served.resolve()):
            raise SurveyFileError(
                f"The cache folder {settings.CACHE_DIR} is inside {served}, which is served or kept in git; "
                "set LANDSBY_CACHE_DIR to a folder outside it before importing a survey.",
                f"Lagermappen {settings.CACHE_DIR} ligger i {served}, som vises på nettet eller gemmes i git; "
                "sæt LANDSBY_CACHE_DIR til en mappe uden for den, før en undersøgelse importeres.")


def store_responses(slug: str, frame: pd.DataFrame, meta: dict[str, Any]) -> Path:
    """Write a cluster's anonymised answers atomically (a temporary file renamed into place).

    A failed write leaves the previous import in place.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    folder = survey_dir(slug)
    check_storage(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / RESPONSES_FILE
    tmp = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=".responses.", suffix=".tmp",
                                         delete=False) as handle:
            tmp = Path(handle.name)
            handle.write("# " + json.dumps(meta, ensure_ascii=False) + "\n")  # first line: the import's metadata
            frame.to_csv(handle, index=False, lineterminator="\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        if tmp is not None and tmp.exists():
            tmp.unlink()
    return target


def load_responses(slug: str) -> tuple[pd.DataFrame, dict[str, Any]] | None:
    """A cluster's stored answers and their metadata, or None when no survey was imported."""
    path = survey_dir(slug) / RESPONSES_FILE
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        meta = json.loads(handle.readline()[2:])
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False, na_values=[""])
    for column in frame.columns:
        if ":" in column:
            frame[column] = pd.to_numeric(frame[column]).astype("Int8")
    return frame, meta
