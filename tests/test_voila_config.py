"""voila.json and voila_config/voila.py as Voilà itself loads them: what a municipality hosting the dashboards relies on.

The settings are read the way ``landsby serve`` starts Voilà (``voila_config_args``), through Voilà's
own application and the classes that use them; a key that is misspelt, in the wrong section or in a
file Voilà does not find leaves the default in place and fails here. What the settings do to a page
is checked against a running server in test_voila_security.py and test_voila_preheat_protocol.py.
"""

from __future__ import annotations

import os
import re

import nbformat
import pytest


@pytest.fixture(scope="module")
def voila_app():
    """Voilà's application initialised as ``landsby serve`` starts it (not started)."""
    from landsby_utils import settings
    from landsby_utils.cli import voila_arguments
    from landsby_utils.voila_config.server import LandsbyVoila as Voila

    saved, cwd = os.environ.get("JUPYTER_PATH"), os.getcwd()
    os.chdir(settings.ROOT)  # where `landsby serve` runs it
    try:
        app = Voila()
        app.initialize(voila_arguments(8866))
        yield app
    finally:
        os.chdir(cwd)
        if saved is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = saved


@pytest.fixture(scope="module")
def executor(voila_app):
    from voila.execute import VoilaExecutor

    return VoilaExecutor(nbformat.v4.new_notebook(), config=voila_app.config)


def test_the_repository_template_sources_stripped_and_tracebacks_hidden(voila_app):
    configuration = voila_app.voila_configuration
    assert configuration.template == "landsby"
    assert configuration.strip_sources is True and configuration.show_tracebacks is False


def test_error_instructions_are_danish(executor):
    assert "Prøv at genindlæse siden" in executor.cell_error_instruction
    assert "genindlæse" in executor.cell_timeout_instruction


def test_preheated_kernels_and_an_execution_timeout(voila_app, executor):
    configuration = voila_app.voila_configuration
    assert configuration.preheat_kernel is True and configuration.default_pool_size >= 1
    assert 0 < executor.timeout <= 300


def test_idle_kernels_are_culled(voila_app):
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    manager = MappingKernelManager(config=voila_app.config)
    assert 0 < manager.cull_idle_timeout <= 900 and manager.cull_interval > 0


def test_static_files_are_images_only(voila_app):
    allow = [re.compile(p) for p in voila_app.voila_configuration.file_allowlist]
    deny = [re.compile(p) for p in voila_app.voila_configuration.file_denylist]

    def served(path: str) -> bool:
        return any(p.fullmatch(path) for p in allow) and not any(p.fullmatch(path) for p in deny)

    assert served("figur.png")
    for path in ("00_overblik.ipynb", "x.py", "../data/clusters/vestrum.toml", ".cache/landsby/http_cache.sqlite",
                 "../pyproject.toml", "a/../b.png", ".hidden.png"):
        assert not served(path), path


def test_waiting_for_the_reader_is_not_an_execution_timeout(executor):
    """A preheated kernel waits in the from_params cell; only the other cells have a time limit."""
    timeout = executor.timeout_func
    assert timeout({"source": "app = OverviewDashboard.from_params(klynge, lang, static_assets)"}) is None
    assert timeout({"source": "landing_page(lang)"}) is None
    assert timeout({"source": "app.map()"}) == executor.timeout
