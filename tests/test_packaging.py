"""environment.yml (conda-forge) and pyproject.toml declare the same dependencies with the same bounds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _normalise(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    name, spec = match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")
    return name, ",".join(sorted(spec.split(","))) if spec else ""


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return dict(_normalise(r) for r in requirements)


def _environment() -> dict[str, str]:
    deps = {}
    text = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in text.splitlines():
        match = re.match(r"^\s+-\s+([^#]+?)\s*(#.*)?$", line)
        if match:
            name, spec = _normalise(match.group(1))
            if name not in ("python", "pip"):  # python-calamine is a dependency, python itself is not
                deps[name] = spec
    return deps


def test_environment_and_pyproject_agree():
    assert _environment() == _pyproject()


def test_environment_pins_the_same_python():
    text = (ROOT / "environment.yml").read_text()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert f"python{requires}" in text.replace(" ", "")


def test_installed_console_script_runs_the_cli():
    """The ``landsby`` entry point that pip installed loads the CLI's main function."""
    from importlib.metadata import entry_points

    from landsby_utils import cli

    (script,) = entry_points(group="console_scripts", name="landsby")
    assert script.load() is cli.main


def test_license_file_matches_the_declared_licence():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]["text"]
    text = (ROOT / "LICENSE").read_text()
    assert text.splitlines()[0] == f"{declared} License"
    assert "Copyright (c)" in text and "Landsbyklynge datapakke contributors" in text


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```(?:bash|sh)\n(.+?)\n```", readme, flags=re.S)
    assert commands[:2] == ["make serve", "make test"]
    assert "make test" in ci
