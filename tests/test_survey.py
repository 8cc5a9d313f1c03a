"""The citizen survey (issue 13): import from the three real export formats, mapping, bad input, suppression, response rate.

Every export is written by the test itself (tests/_survey_exports.py) from a response list generated here; the
expected figures are counted from that list, and the residents aged 16+ from the raw SOGN1 file, never from the
code under test.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from _survey_exports import (
    EMAIL_DOMAIN,
    FREE_TEXT_MARK,
    NAME_PREFIX,
    generate,
    write_google,
    write_msforms,
    write_surveyxact,
)

from landsby_utils import frames, settings
from landsby_utils.cluster import cluster_path, load_cluster
from landsby_utils.sources import survey_files
from landsby_utils.sources.survey_files import SurveyFileError
from landsby_utils.survey import SurveyInputError
from landsby_utils.survey_frames import import_survey, template
from landsby_utils.widgets.survey import SurveyDashboard

ROOT = Path(__file__).resolve().parent.parent
VESTRUM = {"Hee": 12, "Hover": 3, "No": 8, "Stadil": 20, "Tim": 6, "Torsted": 9, "Vedersø": 7}
WRITERS = {
    "surveyxact-semicolon-utf8": lambda folder, r: write_surveyxact(folder / "sx", r),
    "surveyxact-tab-utf16": lambda folder, r: write_surveyxact(folder / "sx", r, sep="\t", encoding="utf-16"),
    "google-forms": lambda folder, r: [write_google(folder / "Borgerundersøgelse.csv", r)],
    "microsoft-forms": lambda folder, r: [write_msforms(folder / "Borgerundersøgelse.xlsx", r)],
}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache of this test's own (the imported answers go there)."""
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def responses():
    return generate(VESTRUM, seed=13)


def _stored_text(slug: str = "vestrum") -> str:
    return (survey_files.survey_dir(slug) / survey_files.RESPONSES_FILE).read_text(encoding="utf-8")


def test_template_covers_the_issue_with_stable_unique_ids():
    tpl = template()
    ids = [q.id for q in tpl.questions]
    assert len(ids) == len(set(ids))
    assert [q.area for q in tpl.of_kind("likert")] == [
        "organisering", "kommunikation", "involvering", "kommunesamarbejde", "mødesteder", "aktivitetsudbud"]
    assert tpl.question("landsby").kind == "village" and tpl.question("alder").kind == "single"
    assert tpl.question("bopaelsaar").kind == "single"
    assert (tpl.question("livstilfredshed").minimum, tpl.question("livstilfredshed").maximum) == (0, 10)
    assert {q.id for q in tpl.of_kind("multi")} == {"hvorfor_her", "oensker_aktiviteter", "oensker_moedesteder"}
    for question in tpl.questions:
        option_ids = [o.id for o in question.options]
        assert len(option_ids) == len(set(option_ids)), question.id


@pytest.mark.parametrize("fmt", WRITERS)
def test_import_round_trip_keeps_every_answer_and_nothing_personal(fmt, responses, tmp_path, cache):
    files = WRITERS[fmt](tmp_path, responses)
    path, report = import_survey("vestrum", files)
    assert report.errors == [] and report.unmatched == []
    assert path.is_relative_to(cache)
    answers, meta = survey_files.load_responses("vestrum")
    assert meta["respondents"] == len(responses) == len(answers)
    assert dict(Counter(answers["landsby"])) == VESTRUM
    tpl = template()
    for question in tpl.of_kind("likert") + tpl.of_kind("single"):
        labels = {o.label: o.id for o in tpl.options(question)}
        expected = Counter((r["landsby"], labels[r[question.id]]) for r in responses)
        assert Counter(zip(answers["landsby"], answers[question.id], strict=True)) == expected, question.id
    expected = Counter((r["landsby"], int(r["livstilfredshed"])) for r in responses)
    assert Counter(zip(answers["landsby"], answers["livstilfredshed"].astype(int), strict=True)) == expected
    for question in tpl.of_kind("multi"):
        for option in question.options:
            chosen = Counter(r["landsby"] for r in responses if option.label in r[question.id])
            column = answers[f"{question.id}:{option.id}"].astype(int)
            assert column.groupby(answers["landsby"]).sum().loc[lambda s: s > 0].to_dict() == dict(chosen), (question.id, option.id)
    text = _stored_text()
    for personal in (NAME_PREFIX, EMAIL_DOMAIN, FREE_TEXT_MARK, "2025-03", "kommentar", "Tidsstempel", "respondentid"):
        assert personal not in text.split("\n", 1)[1], personal  # the answers (the metadata line keeps only the survey's month)
    assert {c.split(":")[0] for c in answers.columns} <= {q.id for q in tpl.questions if q.kind != "text"}


def test_a_mapping_file_beside_the_survey_maps_other_wording(responses, tmp_path, cache):
    path = write_google(tmp_path / "klynge.csv", responses)
    text = path.read_text(encoding="utf-8")
    text = text.replace("Hvilken landsby bor du i?", "Hvor bor du?").replace("Torsted", "Thorsted").replace("16–29 år", "Under 30 år")
    path.write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "landsby_utils.cli", "survey", "check", "vestrum", str(path)],
                           capture_output=True, text=True, env={**os.environ, "LANDSBY_CACHE_DIR": str(cache)}, cwd=ROOT)
    assert check.returncode == 2 and "Traceback" not in check.stderr
    assert "'Hvor bor du?'; closest template questions: Hvilken landsby bor du i?" in check.stdout
    assert "error: No column answers the village question" in check.stdout
    (tmp_path / "klynge.mapping.toml").write_text(
        '[questions]\n"Hvor bor du?" = "landsby"\n\n[answers.landsby]\n"Thorsted" = "Torsted"\n\n'
        '[answers.alder]\n"Under 30 år" = "16-29"\n', encoding="utf-8")
    _, report = import_survey("vestrum", [path])
    assert report.errors == [] and next(m.how for m in report.matched if m.question_id == "landsby") == "mapping"
    answers, _ = survey_files.load_responses("vestrum")
    assert dict(Counter(answers["landsby"])) == VESTRUM
    assert (answers["alder"] == "16-29").sum() == sum(r["alder"] == "16–29 år" for r in responses)


def test_unknown_answer_labels_are_listed_with_the_closest_labels(responses, tmp_path, cache):
    path = write_google(tmp_path / "s.csv", responses)
    path.write_text(path.read_text(encoding="utf-8").replace("Meget godt", "Rigtig godt").replace("Torsted", "Torstedd"), encoding="utf-8")
    with pytest.raises(SurveyInputError) as caught:
        import_survey("vestrum", [path])
    message = caught.value.message
    assert caught.value.kind == "unknown_answers"
    assert "'Torstedd' in landsby" in message and "closest: Torsted" in message
    assert "'Rigtig godt' in fokus_organisering" in message and "Meget godt" in message
    assert "Rigtig godt" in caught.value.localized("da") and "nærmeste" in caught.value.localized("da")


def _import_cli(cache: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "landsby_utils.cli", "survey", "import", "vestrum", *map(str, files)],
                          capture_output=True, text=True, env={**os.environ, "LANDSBY_CACHE_DIR": str(cache)}, cwd=ROOT)


def _bad_inputs(tmp_path: Path, responses: list[dict]) -> dict[str, tuple[list[Path], str]]:
    """Each bad input with the words its one message must contain."""
    cases = {}
    latin = write_google(tmp_path / "latin1.csv", responses)
    latin.write_bytes(latin.read_text(encoding="utf-8").replace("–", "-").encode("cp1252"))
    cases["wrong encoding"] = ([latin], "is not UTF-8 or UTF-16")
    no_village = write_google(tmp_path / "novillage.csv", [{k: v for k, v in r.items() if k != "landsby"} for r in responses])
    text = no_village.read_text(encoding="utf-8").replace('Hvilken landsby bor du i?",', '",').replace("Hvilken landsby bor du i?,", "Bemærkning,")
    no_village.write_text(text, encoding="utf-8")
    cases["missing village column"] = ([no_village], "No column answers the village question")
    twice = [*responses[:5], {**responses[5], "_id": responses[2]["_id"]}, *responses[6:]]
    cases["duplicate respondent ids"] = (write_surveyxact(tmp_path / "dup", twice), "respondent id(s) occur more than once: 1003")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    cases["empty file"] = ([empty], "holds no answers")
    header_only = tmp_path / "header.csv"
    header_only.write_text("Tidsstempel,Hvilken landsby bor du i?\n", encoding="utf-8")
    cases["header only"] = ([header_only], "holds no answers")
    other = [{**r, "landsby": "Velling" if i % 2 else "Lem"} for i, r in enumerate(responses)]
    cases["another cluster's villages"] = ([write_google(tmp_path / "other.csv", other)], "Is this the survey of Friskvind?")
    odd = write_google(tmp_path / "odd.csv", responses)
    odd.write_text(odd.read_text(encoding="utf-8").replace("Ro og plads", "Stilhed"), encoding="utf-8")
    cases["unknown label"] = ([odd], "'Stilhed' in hvorfor_her")
    return cases


def test_each_bad_input_gives_one_clear_message_and_keeps_the_last_good_import(responses, tmp_path, cache):
    good = write_google(tmp_path / "good.csv", responses)
    first = _import_cli(cache, good)
    assert first.returncode == 0, first.stderr
    kept = (survey_files.survey_dir("vestrum") / survey_files.RESPONSES_FILE).read_bytes()
    for name, (files, words) in _bad_inputs(tmp_path, responses).items():
        done = _import_cli(cache, *files)
        assert done.returncode == 2, (name, done.stdout, done.stderr)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], (name, done.stderr)
        assert (survey_files.survey_dir("vestrum") / survey_files.RESPONSES_FILE).read_bytes() == kept, name
    assert [p.name for p in survey_files.survey_dir("vestrum").iterdir()] == [survey_files.RESPONSES_FILE]  # no temporary files left


def test_answers_are_never_stored_inside_a_served_folder(responses, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", settings.NOTEBOOKS_DIR / ".cache")
    with pytest.raises(SurveyFileError) as caught:
        import_survey("vestrum", [write_google(tmp_path / "s.csv", responses)])
    assert "LANDSBY_CACHE_DIR" in caught.value.message
    assert not (settings.NOTEBOOKS_DIR / ".cache").exists()


def test_an_import_changes_the_prepared_frames_fingerprint(responses, tmp_path, cache):
    before = frames.fingerprint(cluster_path("vestrum"))
    import_survey("vestrum", [write_google(tmp_path / "s.csv", responses)])
    assert frames.fingerprint(cluster_path("vestrum")) != before


def _residents_16plus(codes: list[str]) -> int:
    """Residents aged 16+ on 1 January 2014 in the parishes, summed from the raw SOGN1 file (both sexes)."""
    with gzip.open(settings.SOGN1_2014_CSV, "rt", encoding="utf-8") as handle:
        raw = pd.read_csv(handle, dtype={"parish_code": str})
    return int(raw[raw["parish_code"].isin(codes) & (raw["age"].astype(int) >= 16)]["persons"].sum())


@pytest.fixture
def dashboard(responses, tmp_path, cache):
    import_survey("vestrum", write_surveyxact(tmp_path / "sx", responses))
    return SurveyDashboard(load_cluster("vestrum"), "da")


def test_response_rate_is_against_the_parish_residents_aged_16_and_over(dashboard):
    cluster = dashboard.cluster
    frame = dashboard.respondents_frame().set_index("village")
    assert dashboard.data.residents_year == 2014
    for village in cluster.villages:
        residents = _residents_16plus(list(village.parishes))
        assert frame.at[village.name, "residents_16plus"] == residents, village.name
        if VESTRUM[village.name] >= 5 and not isinstance(frame.at[village.name, "respondents"], str):
            assert frame.at[village.name, "response_rate_pct"] == round(VESTRUM[village.name] / residents * 100, 1)
    total = sum(_residents_16plus(list(v.parishes)) for v in cluster.villages)
    assert frame.at["cluster", "response_rate_pct"] == round(sum(VESTRUM.values()) / total * 100, 1)
    shown = repr(dashboard.respondents_table())
    assert "Indbyggere 16+ år (2014)" in shown and "1. januar 2014" in shown


def test_a_village_with_three_respondents_is_hidden_everywhere_with_secondary_suppression(dashboard):
    frame = dashboard.respondents_frame().set_index("village")
    assert frame.at["Hover", "respondents"] == "<5" and pd.isna(frame.at["Hover", "response_rate_pct"])
    hidden = [v for v in VESTRUM if isinstance(frame.at[v, "respondents"], str)]
    assert len(hidden) >= 2 and "×" in [frame.at[v, "respondents"] for v in hidden]  # the total cannot give Hover away
    assert frame.at["cluster", "respondents"] == sum(VESTRUM.values())
    shown_sum = sum(int(frame.at[v, "respondents"]) for v in VESTRUM if v not in hidden)
    assert sum(VESTRUM[v] for v in hidden) == sum(VESTRUM.values()) - shown_sum and sum(VESTRUM[v] for v in hidden) >= 5
    tables = dashboard.tables()
    focus = tables["fokusomraader"]
    for village in hidden:  # no percentage and no count of a hidden village in any table
        of = focus[focus["village"] == village]
        assert of[[c for c in focus.columns if c.startswith("pct_")]].isna().all().all()
        assert set(of["answered"]) <= {"<5", "×"}
        sat = tables["livstilfredshed"].set_index("village")
        assert pd.isna(sat.at[village, "mean"]) and sat.at[village, "answered"] in ("<5", "×")
        for name in ("hvorfor_her", "oensker_aktiviteter", "oensker_moedesteder"):
            assert tables[name][f"pct_{village}"].isna().all()
    text = repr(dashboard.focus_table()) + repr(dashboard.satisfaction())
    assert "<5" in text and "×" in text
    assert "Hover" in dashboard.focus_figure("fokus_organisering").caption  # named as not shown, never drawn


def test_dashboard_reads_the_results_in_danish_and_english(dashboard):
    sentences = dashboard.sentences()
    assert sentences[0].startswith(f"{sum(VESTRUM.values())} har svaret")
    assert any("ingen landsdækkende tal for tilfredshed" in s for s in sentences)
    english = SurveyDashboard(dashboard.cluster, "en")
    english.__dict__["data"] = dashboard.data
    assert english.sentences()[0].startswith(f"{sum(VESTRUM.values())} residents answered")
    assert "no national figures for life satisfaction" in repr(english.satisfaction())
    assert "Why we live here" in repr(english.reasons())


def test_without_a_survey_the_page_says_how_to_add_one(cache):
    app = SurveyDashboard(load_cluster("friskvind"), "da")
    assert not app.data.has_survey and app.tables() == {}
    intro = repr(app.intro())
    assert "landsby survey import friskvind" in intro and "data/surveys/" in intro
    assert repr(app.respondents_table()) == "" and repr(app.focus_areas()) == ""


def test_english_page_with_a_survey_has_no_danish_text(dashboard):
    from test_english_edition import _danish_left, _notebook_parts, _proper_names, _visible_text

    english = SurveyDashboard(dashboard.cluster, "en")
    english.__dict__["data"] = dashboard.data
    names = _proper_names(english)
    parts = [getattr(english, name)() for name in _notebook_parts("borgerundersoegelse")]
    parts += [english.focus_figure(q.id) for q in template().of_kind("likert")]
    left = {repr(part)[:40]: _danish_left(_visible_text(part), names) for part in parts}
    assert {k: v for k, v in left.items() if v} == {}


def test_a_mapping_file_that_names_a_missing_answer_or_question_is_refused(responses, tmp_path, cache):
    path = write_google(tmp_path / "s.csv", responses)
    mapping = tmp_path / "s.mapping.toml"
    mapping.write_text('[answers.landsby]\n"Thorsted" = "Torstedd"\n', encoding="utf-8")
    with pytest.raises(SurveyInputError) as caught:
        import_survey("vestrum", [path])
    assert caught.value.kind == "mapping" and "'Torstedd'" in caught.value.message and "Closest: Torsted" in caught.value.message
    mapping.write_text('[questions]\n"Hvor bor du?" = "landsbyen"\n', encoding="utf-8")
    with pytest.raises(SurveyInputError) as caught:
        import_survey("vestrum", [path])
    assert "'landsbyen' is not a template question id" in caught.value.message and "landsby" in caught.value.message
    assert not (survey_files.survey_dir("vestrum") / survey_files.RESPONSES_FILE).exists()


def test_no_focus_area_share_gives_away_one_to_four_answers(dashboard):
    """A share times the number who answered (both on the page) is a count: no shown share stands for 1–4
    people, and no village shows all but one of its levels (the hidden one would be 100 % minus the rest)."""
    focus = dashboard.tables()["fokusomraader"]
    levels = [c for c in focus.columns if c.startswith("pct_")]
    rows_with_hidden_levels = 0
    for _, row in focus.iterrows():
        if isinstance(row["answered"], str) or not row["answered"]:
            continue
        answered = int(row["answered"])
        shown = row[levels].dropna()
        for share in shown:
            persons = round(share * answered / 100)
            assert persons == 0 or persons >= 5, (row["question"], row["village"], share, answered)
        hidden = len(levels) - len(shown)
        assert hidden != 1, (row["question"], row["village"])
        rows_with_hidden_levels += hidden > 0
    assert rows_with_hidden_levels > 0  # the generated answers do have small groups, so the check was exercised
