"""Bad cluster files get one clear message naming the line; they only ever affect themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from landsby_utils._errors import ClusterFileError
from landsby_utils.cluster import cluster_slugs, list_clusters, load_cluster_file

GOOD = 'name = "Prøve"\nmunicipality_code = "0760"\n\n[[villages]]\nname = "Hee"\n'


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", ["MinKlynge.toml", "Min Klynge.toml"])
def test_misnamed_file_only_affects_itself_and_states_the_rule(tmp_path, name):
    write(tmp_path, "god.toml", GOOD)
    write(tmp_path, name, GOOD)
    assert cluster_slugs(tmp_path) == ["god"]
    clusters, errors = list_clusters(tmp_path)
    assert [c.slug for c in clusters] == ["god"]
    assert len(errors) == 1
    assert name in errors[0].message and "lower-case letters a-z, digits, - or _" in errors[0].message
    assert "små bogstaver a-z" in errors[0].localized("da")


def test_integer_municipality_code_says_what_is_expected(tmp_path):
    path = write(tmp_path, "heltal.toml", GOOD.replace('"0760"', "760"))
    with pytest.raises(ClusterFileError) as caught:
        load_cluster_file(path)
    assert caught.value.line == 2
    assert 'municipality_code = "0760"' in caught.value.message


def test_file_that_is_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, "latin.toml", GOOD.replace("Prøve", "Test").replace("Hee", "Vedersø").encode("latin-1"))
    with pytest.raises(ClusterFileError) as caught:
        load_cluster_file(path)
    assert caught.value.line == 5
    assert "gem filen som UTF-8" in caught.value.localized("da")


def test_unknown_key_is_rejected_with_its_line(tmp_path):
    path = write(tmp_path, "parish.toml", GOOD + 'parish = ["8752"]\n')
    with pytest.raises(ClusterFileError) as caught:
        load_cluster_file(path)
    assert caught.value.line == 6
    assert "'parish' is not a known key" in caught.value.message
    assert "parishes" in caught.value.suggestions


def test_unknown_top_level_key_is_rejected(tmp_path):
    path = write(tmp_path, "top.toml", 'nmae = "x"\n' + GOOD)
    with pytest.raises(ClusterFileError, match="'nmae' is not a known key") as caught:
        load_cluster_file(path)
    assert caught.value.line == 1


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x"])
def test_source_link_must_be_http(tmp_path, link):
    path = write(tmp_path, "links.toml", f'sources = ["{link}"]\n' + GOOD)
    with pytest.raises(ClusterFileError, match="is not a web address") as caught:
        load_cluster_file(path)
    assert caught.value.line == 1


def test_explicit_parish_in_neither_vintage_is_rejected(tmp_path):
    path = write(tmp_path, "nope.toml", GOOD + 'parishes = ["1234"]\n')
    with pytest.raises(ClusterFileError, match="1234 exists neither in 2014 nor in 2021") as caught:
        load_cluster_file(path)
    assert caught.value.line == 6


def test_village_in_no_register_with_explicit_parish_is_accepted(tmp_path):
    # Gjerndrup (Hærvejsklyngen, Vejen) is in neither the parish nor the 2019 place register.
    path = write(tmp_path, "gjerndrup.toml", 'name = "Prøve"\nmunicipality_code = "0575"\n\n[[villages]]\n'
                                              'name = "Gjerndrup"\nparishes = ["8938"]\n')
    village = load_cluster_file(path).villages[0]
    assert village.parishes == ("8938",)
    assert village.point_estimated
    assert "findes ikke i sogne- eller stednavneregistret" in village.note


def test_village_in_no_register_without_parishes_gets_suggestions(tmp_path):
    path = write(tmp_path, "stadill.toml", GOOD.replace("Hee", "Stadill"))
    with pytest.raises(ClusterFileError) as caught:
        load_cluster_file(path)
    assert "Stadil" in caught.value.suggestions[0]
    assert "Did you mean: Stadil" in caught.value.message
    assert "Mente du: Stadil" in caught.value.localized("da")


def test_show_into_a_closed_pipe_exits_quietly():
    """`landsby show vestrum | head -1`: no BrokenPipeError traceback."""
    process = subprocess.Popen([sys.executable, "-m", "landsby_utils.cli", "show", "vestrum"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert b"VestRum" in first
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr
    assert process.returncode == 0


def test_parish_with_figures_but_no_boundary_gets_a_clear_sentence(tmp_path):
    # 9261 has 606 inhabitants in SOGN1 2014 but is in neither polygon layer (SOURCES.md section 6).
    path = write(tmp_path, "nopoly.toml", GOOD + 'parishes = ["9261"]\n')
    with pytest.raises(ClusterFileError) as caught:
        load_cluster_file(path)
    assert caught.value.line == 6
    assert "no boundary and no successor in 2021" in caught.value.message
    assert "angiv det sogn, der dækker landsbyen i dag" in caught.value.localized("da")
