"""voila.json: what a municipality hosting the dashboards relies on."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = json.loads((ROOT / "voila.json").read_text())
VOILA = CONFIG["VoilaConfiguration"]


def test_the_repository_template_without_cdn_links():
    """The "landsby" template (share/jupyter/voila/templates/landsby, found via voila_config/voila.py) extends "lab"."""
    assert VOILA["template"] == "landsby"
    template = ROOT / "share" / "jupyter" / "voila" / "templates" / VOILA["template"]
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    assert (template / "index.html.j2").is_file()


def test_sources_stripped_and_tracebacks_hidden():
    assert VOILA["strip_sources"] is True
    assert VOILA["show_tracebacks"] is False


def test_error_instructions_are_danish():
    executor = CONFIG["VoilaExecutor"]
    assert "Prøv at genindlæse siden" in executor["cell_error_instruction"]
    assert "genindlæse" in executor["cell_timeout_instruction"]


def test_preheated_kernels_and_an_execution_timeout():
    assert VOILA["preheat_kernel"] is True and VOILA["default_pool_size"] >= 1
    assert 0 < CONFIG["VoilaExecutor"]["timeout"] <= 300


def test_idle_kernels_are_culled():
    manager = CONFIG["MappingKernelManager"]
    assert 0 < manager["cull_idle_timeout"] <= 900 and manager["cull_interval"] > 0


def test_static_files_are_images_only():
    allow = [re.compile(p) for p in VOILA["file_allowlist"]]
    deny = [re.compile(p) for p in VOILA["file_denylist"]]

    def served(path: str) -> bool:
        return any(p.fullmatch(path) for p in allow) and not any(p.fullmatch(path) for p in deny)

    assert served("figur.png")
    for path in ("00_overblik.ipynb", "x.py", "../data/clusters/vestrum.toml", ".cache/landsby/http_cache.sqlite",
                 "../pyproject.toml", "a/../b.png", ".hidden.png"):
        assert not served(path), path


def test_template_and_theme_cannot_be_overridden_from_the_url():
    assert VOILA["allow_template_override"] == "NO" and VOILA["allow_theme_override"] == "NO"


def test_waiting_for_the_reader_is_not_an_execution_timeout():
    """A preheated kernel waits in the from_params cell; only the other cells have a time limit."""
    import runpy

    from traitlets.config import Config

    from landsby_utils.cli import voila_command

    config = Config()
    runpy.run_path(str(ROOT / "landsby_utils" / "voila_config" / "voila.py"), init_globals={"c": config})
    timeout = config.VoilaExecutor.timeout_func
    assert timeout({"source": "app = OverviewDashboard.from_params(klynge, lang, static_assets)"}) is None
    assert timeout({"source": "landing_page(lang)"}) is None
    assert timeout({"source": "app.map()"}) == CONFIG["VoilaExecutor"]["timeout"]
    assert any("voila_config" in arg for arg in voila_command(8866))
