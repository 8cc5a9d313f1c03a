"""Provenance is data: sources record keys and structured notes; i18n renders them in Danish or English."""

from __future__ import annotations

import pickle
import re
import string

import pandas as pd
import pytest

from landsby_utils import settings
from landsby_utils.i18n import LABELS, label_or_text, source_text
from landsby_utils.sources import dst_snapshot, geodata, osm, statbank
from landsby_utils.sources._provenance import Note, Provenance, attach_provenance, note, provenance_of

RENDERED_PREFIXES = ("note_", "publisher_", "dataset_", "licence_", "prov_", "date_")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", [k for k in LABELS if k.startswith(RENDERED_PREFIXES)])
def test_every_provenance_label_has_both_languages_with_the_same_placeholders(key):
    entry = LABELS[key]
    assert set(entry) == {"da", "en"} and entry["da"] and entry["en"]
    assert _fields(entry["da"]) == _fields(entry["en"])


def _bundled_frames() -> dict[str, pd.DataFrame]:
    return {
        "sogn1 (merged parish)": dst_snapshot.sogn1(["9317", "8752"]),
        "area totals": dst_snapshot.area_totals("0760"),
        "population by area": statbank.population_by_area(["760", "000"]),
        "folk1b": statbank.folk1b_from_snapshot(),
        "facilities": osm.facilities_from_snapshot(),
        "municipalities": geodata.municipalities_from_snapshot(),
        "parishes": geodata.parishes_from_snapshot("0760"),
    }


def test_sources_record_keys_and_notes_not_sentences():
    for what, frame in _bundled_frames().items():
        provenance = provenance_of(frame)
        assert f"publisher_{provenance.source}" in LABELS, what
        assert f"licence_{provenance.licence}" in LABELS, what
        assert provenance.note == "", what  # free text is for callers outside the sources
        for item in provenance.notes:
            assert f"note_{item.kind}" in LABELS, what


def test_english_descriptions_of_the_bundled_data_have_no_danish():
    danish = re.compile(r"[æøåÆØÅ]|\b(og|fra|hentet|opgjort|sogne|tallene|Kilde|Indeholder|januar)\b")
    for what, frame in _bundled_frames().items():
        english = provenance_of(frame).describe("en")
        for name in ("Geodatastyrelsen", "Klimadatastyrelsen", "Idom-Råsted", "Råsted", "Ringkøbing-Skjern"):
            english = english.replace(name, "")
        assert not danish.search(english), f"{what}: {english}"
        assert provenance_of(frame).describe("da").startswith("Data fra "), what


def test_merged_parish_note_names_the_2014_parishes_in_both_languages():
    table = pd.read_csv(settings.PARISHES_CSV, dtype=str).set_index("parish_code")
    predecessors = table.loc["9317", "predecessors_2014"].split(";")
    provenance = provenance_of(dst_snapshot.sogn1(["9317"]))
    assert [n.kind for n in provenance.notes] == ["sogn1_snapshot", "like_for_like"]
    for lang, opening in (("da", "2014-tallene er lagt sammen"), ("en", "The 2014 figures are summed")):
        text = provenance.notes_text(lang)
        assert opening in text and all(f"({code})" in text for code in predecessors)


def test_provenance_survives_attrs_pickle_and_pandas_operations():
    original = Provenance("dst", "SOGN1", settings.LICENCE_DST, "2021-01-01", "cache", "2025-02-03",
                          notes=(note("missing_codes", table="SOGN1", codes="9261"),))
    frame = attach_provenance(pd.DataFrame({"persons": [1, 2]}), original)
    assert provenance_of(frame) == original
    assert provenance_of(pickle.loads(pickle.dumps(frame))) == original
    assert provenance_of(frame[frame["persons"] > 1].copy()) == original
    assert original.notes_text("en") == "SOGN1 has no figures for 9261."


def test_older_style_names_still_render_in_both_languages():
    """Code that passes the Danish names (as before provenance became data) gets the labels, not Danish in English."""
    legacy = Provenance("Danmarks Statistik", "DAGI sogne", LABELS["licence_dst"]["da"], "2021-01-01")
    assert legacy.describe("en").startswith("Data from Statistics Denmark (DAGI parishes), from bundled snapshot 2021")
    assert label_or_text("publisher", "Some Agency", "en") == "Some Agency"  # unknown names stay as written


def test_source_text_renders_structured_notes_and_label_keys():
    item = note("sogn1_fallback", failure="HTTP 503")
    assert source_text(item, "en") == "SOGN1 could not be fetched from Statistics Denmark (HTTP 503); showing the bundled snapshot."
    assert source_text({"kind": "sogn1_fallback", "params": [["failure", "HTTP 503"]]}, "da").startswith("SOGN1 kunne ikke hentes")
    assert source_text("point_in_cluster_file", "en") == "given in the cluster file"
    assert source_text("OpenStreetMap node 1 (2019)", "en") == "OpenStreetMap node 1 (2019)"
    assert isinstance(Provenance("dst", "X", "dst", "2020", notes=[{"kind": "osm_points_only"}]).notes[0], Note)
