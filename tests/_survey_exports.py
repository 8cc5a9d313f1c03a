"""Survey exports in the three real formats, written by the tests from responses they generate.

Nothing here ships with the product: the tests (and ``benchmarks/bench_survey_import.py``) make a list of
responses with the template's labels plus personal fields (name, e-mail, timestamps, free text) and
write it as a SurveyXact dataset/structure/labels export, a Google Forms CSV and a Microsoft Forms workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from landsby_utils.survey_frames import template

#: Personal values every generated respondent carries; none may reach the site or the stored answers.
NAME_PREFIX = "Respondentnavn"
EMAIL_DOMAIN = "eksempel-borger.dk"
FREE_TEXT_MARK = "Fritekst fra respondent"


def _label(options, option_id):
    return next(o.label for o in options if o.id == option_id)


def generate(villages_n: Mapping[str, int], seed: int = 1) -> list[dict]:
    """Responses: ``villages_n`` respondents per village, answers drawn at random from the template's labels.

    Each response is a dict ``question id → label`` (a list of labels for multiple choice), plus
    ``_name``, ``_email``, ``_start``, ``_end`` and the free text ``kommentar``.
    """
    rng = np.random.default_rng(seed)
    tpl = template()
    out, number = [], 0
    for village, n in villages_n.items():
        for _ in range(n):
            number += 1
            start = dt.datetime(2025, 3, 1, 9, 0) + dt.timedelta(minutes=int(rng.integers(0, 60 * 24 * 20)))
            answer: dict = {"landsby": village, "_id": str(1000 + number), "_name": f"{NAME_PREFIX} {number}",
                            "_email": f"borger{number}@{EMAIL_DOMAIN}", "_start": start, "_end": start + dt.timedelta(minutes=7),
                            "kommentar": f"{FREE_TEXT_MARK} nr. {number}: vi mangler en bus"}
            for question in tpl.questions:
                if question.kind in ("single", "likert"):
                    options = tpl.options(question)
                    answer[question.id] = options[int(rng.integers(0, len(options)))].label
                elif question.kind == "scale":
                    answer[question.id] = str(int(rng.integers(question.minimum, question.maximum + 1)))
                elif question.kind == "multi":
                    picked = [o.label for o in question.options if rng.random() < 0.35]
                    answer[question.id] = picked
            out.append(answer)
    return out


def _questions():
    return [q for q in template().questions]


def write_google(path: Path, responses: Sequence[dict]) -> Path:
    """A Google Forms CSV: Tidsstempel first, then one column per question text; check boxes joined by ", "."""
    questions = _questions()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tidsstempel", "Mailadresse", *[q.text for q in questions]])
        for r in responses:
            row = [r["_end"].strftime("%Y/%m/%d %I:%M:%S %p") + " CET", r["_email"]]
            for q in questions:
                value = r.get(q.id, "")
                row.append(", ".join(value) if isinstance(value, list) else value)
            writer.writerow(row)
    return path


def write_msforms(path: Path, responses: Sequence[dict]) -> Path:
    """A Microsoft Forms workbook: ID, Starttidspunkt, Fuldførelsestidspunkt, Mail, Navn, then the questions."""
    from openpyxl import Workbook

    questions = _questions()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Form1")
    sheet.append(["Id", "Starttidspunkt", "Fuldførelsestidspunkt", "Mail", "Navn", *[q.text for q in questions]])
    for r in responses:
        row = [int(r["_id"]), r["_start"], r["_end"], r["_email"], r["_name"]]
        for q in questions:
            value = r.get(q.id, "")
            row.append("".join(f"{v};" for v in value) if isinstance(value, list) else value)
        sheet.append(row)
    book.save(path)
    return path


def write_surveyxact(folder: Path, responses: Sequence[dict], sep: str = ";", encoding: str = "utf-8") -> list[Path]:
    """SurveyXact's dataset, structure and labels files (codes in the dataset, texts in the other two)."""
    tpl = template()
    villages = list(dict.fromkeys(r["landsby"] for r in responses))
    folder.mkdir(parents=True, exist_ok=True)
    data_header = ["respondentid", "b_navn", "b_email", "statoverall_4", "starttime", "closetime"]
    structure = [("variableName", "variableLabel")]
    labels = [("variableName", "value", "valueLabel")]
    columns = []  # (variable, question, option or None, codes)
    for number, q in enumerate(tpl.questions, start=1):
        var = f"s_{number}"
        if q.kind == "multi":
            for k, option in enumerate(q.options, start=1):
                columns.append((f"{var}_{k}", q, option, None))
                structure.append((f"{var}_{k}", f"{q.text} - {option.label}"))
                labels += [(f"{var}_{k}", "0", "Ikke valgt"), (f"{var}_{k}", "1", "Valgt")]
        else:
            options = tpl.options(q, villages)
            codes = {o.label: str(i) for i, o in enumerate(options, start=1)} if q.kind != "text" else None
            columns.append((var, q, None, codes))
            structure.append((var, q.text))
            for label, code in (codes or {}).items():
                labels.append((var, code, label))
    rows = [[*data_header, *[c[0] for c in columns]]]
    for r in responses:
        row = [r["_id"], r["_name"], r["_email"], "1", r["_start"].strftime("%d-%m-%Y %H:%M:%S"), r["_end"].strftime("%d-%m-%Y %H:%M:%S")]
        for _var, q, option, codes in columns:
            value = r.get(q.id, "")
            if option is not None:
                row.append("1" if option.label in value else "0")
            elif codes is None:
                row.append(value)
            else:
                row.append(codes.get(value, "") if value != "" else "")
        rows.append(row)
    paths = []
    for name, table in (("dataset.csv", rows), ("structure.csv", structure), ("labels.csv", labels)):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(table)
        path = folder / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        paths.append(path)
    return paths
