"""Hosting for many readers: the Jupyter server configuration, the zero-to-jupyterhub values and the Dockerfile.

* ``deploy/jupyter_server_config.py`` is loaded by traitlets' own config loader and by a real
  ``jupyter_server`` ServerApp (found through ``JUPYTER_CONFIG_PATH``, as the Dockerfile sets it), and must
  carry every setting of ``voila.json``; a real ``jupyter server`` started with it serves the dashboards.
* ``deploy/jupyterhub/values.yaml`` is parsed and its values checked against the image and the server config.
* No Docker engine runs here, so the ``Dockerfile`` is parsed: its base image fits the project's Python, each
  ``make`` target it runs exists, each ``landsby`` command line it runs is accepted by the real CLI parser,
  its paths exist in the repository, and ``.dockerignore`` keeps out only what the image does not need.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from _support import APP_STARTED, free_port, load_dashboard, new_page, redirect_of, stop_process, wait_for_http

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
VOILA_JSON = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
#: Sections of voila.json that a Jupyter server takes as they are.
SECTIONS = ("VoilaConfiguration", "VoilaExecutor", "MappingKernelManager")


@pytest.fixture
def restored_jupyter_path():
    """The server config (through voila.py) extends JUPYTER_PATH; put it back afterwards."""
    saved = os.environ.get("JUPYTER_PATH")
    yield
    if saved is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = saved


def _server_config():
    from traitlets.config import PyFileConfigLoader

    return PyFileConfigLoader("jupyter_server_config.py", path=str(DEPLOY)).load_config()


def test_server_config_carries_every_voila_json_setting(restored_jupyter_path):
    config = _server_config()
    for section in SECTIONS:
        assert VOILA_JSON[section], section
        for name, value in VOILA_JSON[section].items():
            assert config[section][name] == value, (section, name)
    assert config.ServerApp.jpserver_extensions["voila"] is True
    assert not any(config.ServerApp.jpserver_extensions.get(name, True) for name in ("jupyterlab", "jupyter_server_terminals"))
    assert config.ServerApp.terminals_enabled is False
    assert (Path(config.ServerApp.root_dir) / "forside.ipynb").is_file()
    assert config.ServerApp.default_url == "/voila/render/forside.ipynb"
    # voila.py's rule: the cell that waits for the reader has no time limit, every other cell voila.json's.
    timeout = config.VoilaExecutor.timeout_func
    assert timeout({"source": "app = OverviewDashboard.from_params(klynge, lang, static_assets)"}) is None
    assert timeout({"source": "app.map()"}) == VOILA_JSON["VoilaExecutor"]["timeout"]
    assert str(ROOT / "share" / "jupyter") in os.environ["JUPYTER_PATH"].split(os.pathsep)


def test_a_jupyter_server_finds_the_config_on_jupyter_config_path(monkeypatch, restored_jupyter_path):
    """As in the image: JUPYTER_CONFIG_PATH names deploy/, and jupyter_server's own ServerApp reads the file."""
    from jupyter_server.serverapp import ServerApp

    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(DEPLOY))
    app = ServerApp()
    app.load_config_file()
    assert app.default_url == "/voila/render/forside.ipynb"
    assert app.config.VoilaConfiguration.template == VOILA_JSON["VoilaConfiguration"]["template"]
    assert app.config.MappingKernelManager.cull_idle_timeout == VOILA_JSON["MappingKernelManager"]["cull_idle_timeout"]


@pytest.fixture(scope="module")
def config_server(tmp_path_factory):
    """A real ``jupyter server`` with deploy/ on JUPYTER_CONFIG_PATH, as in the image: ``(base URL, log file)``."""
    from landsby_utils import frames
    from landsby_utils.cluster import cluster_slugs
    from landsby_utils.widgets._base import dashboard_classes

    frames.prepare_all(cluster_slugs(), dashboard_classes())  # as `landsby prepare` does in the image
    folder = tmp_path_factory.mktemp("jupyter-server")
    port = free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter), "server", f"--port={port}", "--ServerApp.ip=127.0.0.1", "--no-browser",
               "--IdentityProvider.token=", f"--ServerApp.runtime_dir={folder}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(DEPLOY), "LANDSBY_OFFLINE": "1"}
    env.pop("LANDSBY_VENDOR_URL", None)  # the extension must set it, not a test run under `landsby serve`
    log = folder / "server.log"
    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=folder, stdout=handle, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/api", timeout=120)
        yield base, log
    finally:
        stop_process(process)


def _get(url: str, headers: dict | None = None) -> tuple[int, str, dict]:
    """Status, text and headers of a GET (gzip-decoded when the server compressed it)."""
    import gzip

    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=240) as answer:  # noqa: S310 (loopback only)
            body = answer.read()
            if answer.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return answer.status, body.decode("utf-8"), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, "", dict(error.headers)


@pytest.mark.slow
def test_jupyter_server_with_the_config_serves_the_dashboards(config_server):
    """A real ``jupyter server`` with deploy/ on JUPYTER_CONFIG_PATH renders the dashboards with the landsby
    template (Danish page, the dashboard's title), compressed, and keeps notebooks' sources and JupyterLab closed."""
    base, log = config_server
    status, page, headers = _get(base + "/voila/render/00_overblik.ipynb?klynge=vestrum", {"Accept-Encoding": "gzip"})
    assert status == 200, log.read_text()[-3000:]
    assert '<html lang="da">' in page and "<title>Overblik</title>" in page
    assert "VestRum" in page and "lb-footer" in page
    assert "cdn.jsdelivr.net" not in page and "Traceback" not in page
    assert headers.get("Content-Encoding") == "gzip", "pages go compressed, as under `landsby serve`"
    status, landing, _ = _get(base + "/voila/render/forside.ipynb")
    assert status == 200 and "<title>Datapakke for landsbyklynger</title>" in landing
    assert _get(base + "/voila/files/forside.ipynb")[0] in (403, 404), "notebook sources must not be served"
    assert _get(base + "/lab")[0] == 404, "readers get no JupyterLab"
    # The server's address and Voilà's file list (an empty English page asking a CDN for a style sheet) open
    # the landing page.
    for path in ("/", "/voila", "/voila/tree", "/voila/tree/data"):
        status, location = redirect_of(base + path)
        assert (status, (location or "").removesuffix("?")) == (302, "/voila/render/forside.ipynb"), path  # "/": "…?"


#: Every page a reader can open: the landing page and the dashboards.
PAGES = ("forside", "00_overblik", "02_befolkning", "03_faciliteter", "04_sammenligning", "05_borgerundersoegelse",
         "06_flytninger")
#: Every chart on the page drawn by the served chart script (a spec whose box holds a drawn plot).
CHARTS_DRAWN = """() => [...document.querySelectorAll('script.lb-chart-spec')]
    .every(spec => document.getElementById(spec.dataset.for)?.querySelector('.main-svg'))"""


@pytest.mark.slow
def test_pages_under_the_server_config_load_as_under_landsby_serve(config_server, chromium):
    """Under JupyterHub or a plain Jupyter server a reader's phone gets what ``landsby serve`` gives it: no script
    error and no failed request on any page; charts drawn by the served partial plotly.js, never by
    jupyterlab-plotly (which carries the full plotly.js and, in Voilà, throws "setData is not a function"
    on every chart); maps that link the served map libraries instead of carrying them inline."""
    from _support import close_context

    base, log = config_server
    for name in PAGES:
        page = new_page(chromium, "phone")
        requested, failed = [], []
        page.on("request", lambda request, requested=requested: requested.append(request.url))
        page.on("response", lambda response, failed=failed: failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        url = f"{base}/voila/render/{name}.ipynb"
        if name == "forside":  # the landing page has no footer
            page.goto(url, wait_until="domcontentloaded", timeout=240_000)
            page.wait_for_selector(".lb-cards", timeout=120_000)
            page.wait_for_function(APP_STARTED, timeout=120_000)
        else:
            load_dashboard(page, url)
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        charts = page.locator("script.lb-chart-spec").count()
        maps = page.locator("iframe.landsby-map").count()
        assert page.errors == [], (name, page.errors)
        assert failed == [], (name, failed)
        assert page.locator(".lb-error").count() == 0, (name, page.inner_text("body")[:500])
        assert not [u for u in requested if "jupyterlab-plotly" in u], name
        assert page.locator('[data-mime-type="application/vnd.plotly.v1+json"]').count() == 0, name
        if name == "02_befolkning":
            assert charts >= 4, "the population page's charts are drawn by the served chart script"
        if name in ("00_overblik", "03_faciliteter"):
            assert maps >= 1, name
        if maps:
            assert [u for u in requested if "/voila/landsby/vendor/leaflet/leaflet.js" in u], (name, "map libraries served")
        close_context(page.context)


@pytest.mark.slow
def test_a_closed_page_frees_its_kernel_under_the_server_config(config_server, chromium):
    """Voilà's page asks the server to shut its kernel down when the reader closes it; under a Jupyter server
    that request was refused (no ``_xsrf`` cookie) and every closed page kept its ~150 MB kernel until the cull."""
    from _support import close_context

    base, log = config_server

    def kernels() -> set[str]:
        return {kernel["id"] for kernel in json.loads(_get(base + "/api/kernels")[1])}

    before = kernels()
    page = new_page(chromium, "phone")
    load_dashboard(page, f"{base}/voila/render/02_befolkning.ipynb")
    opened = kernels() - before
    assert len(opened) == 1, opened
    close_context(page.context)
    deadline = time.monotonic() + 30
    while opened & kernels() and time.monotonic() < deadline:
        time.sleep(1)
    assert not opened & kernels(), "the closed page's kernel is still running 30 s later:\n" + log.read_text()[-2000:]


# -- zero-to-jupyterhub -------------------------------------------------------------------------------


def _values() -> dict:
    return yaml.safe_load((DEPLOY / "jupyterhub" / "values.yaml").read_text(encoding="utf-8"))


def _bytes(size: str) -> float:
    """Kubernetes-style memory size (``384M``, ``1G``, ``512Mi``) in bytes."""
    number, unit = re.fullmatch(r"([\d.]+)\s*([KMGT]i?)?", str(size)).groups()
    factor = {None: 1, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}[unit]
    return float(number) * factor


def test_jupyterhub_values_start_the_dashboards_from_the_image(restored_jupyter_path):
    values = _values()
    single = values["singleuser"]
    config = _server_config()
    assert single["cmd"] == "jupyterhub-singleuser"
    assert single["defaultUrl"] == config.ServerApp.default_url
    notebook = single["defaultUrl"].removeprefix("/voila/render/")
    assert (ROOT / "notebooks" / notebook).is_file()
    docker = _dockerfile()
    workdir = docker["WORKDIR"][-1]
    env = single["extraEnv"]
    # The server config is where the image has it, and the image sets the same.
    assert env["JUPYTER_CONFIG_PATH"] == docker["ENV"]["JUPYTER_CONFIG_PATH"]
    assert (ROOT / Path(env["JUPYTER_CONFIG_PATH"]).relative_to(workdir) / "jupyter_server_config.py").is_file()
    assert env["LANDSBY_OFFLINE"] == "1" and env["LANDSBY_CACHE_DIR"] == docker["ENV"]["LANDSBY_CACHE_DIR"]
    assert str(single["uid"]) in docker["useradd_uids"], "the pod runs as the image's user"
    assert single["storage"]["type"] == "none"
    # Room for a server and at least one dashboard's kernel (~150 MB, README), within the limit.
    assert _bytes(single["memory"]["guarantee"]) >= 250e6
    assert _bytes(single["memory"]["limit"]) >= _bytes(single["memory"]["guarantee"])
    assert single["networkPolicy"]["enabled"] and single["networkPolicy"]["egressAllowRules"]["nonPrivateIPs"] is False
    cull = values["cull"]
    # A server is not stopped while one of its kernels is still kept for a reader (voila.json's kernel culling).
    assert cull["enabled"] and cull["timeout"] >= VOILA_JSON["MappingKernelManager"]["cull_idle_timeout"]
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"]


# -- Dockerfile -----------------------------------------------------------------------------------------


def _dockerfile() -> dict:
    """The Dockerfile's instructions: FROM, WORKDIR, ENV (dict), RUN (shell strings), CMD (list), EXPOSE, ARG."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines, current = [], ""
    for raw in text.splitlines():
        if not current and (not raw.strip() or raw.lstrip().startswith("#")):
            continue
        if raw.lstrip().startswith("#"):
            continue  # a comment inside a continued instruction
        current += raw.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        lines.append(current.strip())
        current = ""
    parsed: dict = {"FROM": [], "WORKDIR": [], "ENV": {}, "RUN": [], "CMD": [], "EXPOSE": [], "ARG": [], "USER": [], "COPY": []}
    for line in lines:
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        assert keyword in parsed, f"unexpected instruction {keyword}"
        if keyword == "ENV":
            for item in shlex.split(rest):
                name, _, value = item.partition("=")
                parsed["ENV"][name] = value
        elif keyword == "CMD":
            parsed["CMD"] = json.loads(rest)
        else:
            parsed[keyword].append(rest.strip())
    parsed["useradd_uids"] = [m for run in parsed["RUN"] for m in re.findall(r"useradd\b.*--uid (\d+)", run)]
    return parsed


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.M)}


def _commands(shell: str) -> list[list[str]]:
    """The simple commands of a shell string (split at &&, ||, ; and ``then``/``fi``)."""
    commands = []
    for part in re.split(r"&&|\|\||;", shell):
        words = shlex.split(part)
        while words and words[0] in ("then", "else", "fi", "if", "do", "done"):
            words = words[1:]
        while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):  # VAR=value command
            words = words[1:]
        if words:
            commands.append(words)
    return commands


def test_dockerfile_builds_the_readme_way_and_serves_on_all_addresses():
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    from landsby_utils.cli import build_parser, voila_command

    docker = _dockerfile()
    assert len(docker["FROM"]) == 1
    base = re.fullmatch(r"python:(\d+\.\d+)(-[\w.-]+)?", docker["FROM"][0])
    assert base, docker["FROM"]
    requires = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"])
    assert base.group(1) + ".0" in requires, "the base image's Python must satisfy requires-python"

    targets = _make_targets()
    parser = build_parser()
    seen = {"make": 0, "landsby": 0, "pip": 0}
    for shell in docker["RUN"] + [shlex.join(docker["CMD"])]:
        for words in _commands(shell):
            program = Path(words[0]).name
            if program == "make":
                seen["make"] += 1
                wanted = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
                assert wanted and all(t in targets for t in wanted), (words, sorted(targets))
            elif program == "landsby":
                seen["landsby"] += 1
                parser.parse_args(words[1:])  # exits (fails the test) on an unknown command or option
            elif program == "python" and words[1:4] == ["-m", "pip", "install"]:
                seen["pip"] += 1
                for spec in words[4:]:
                    if not spec.startswith("-"):
                        Requirement(spec)  # a valid requirement
    assert seen["make"] and seen["landsby"] >= 2 and seen["pip"], seen

    # It serves: `landsby serve` on every address of the container, on the exposed port.
    assert docker["CMD"][:2] == ["landsby", "serve"]
    args = parser.parse_args(docker["CMD"][1:])
    assert args.ip == "0.0.0.0" and str(args.port) in docker["EXPOSE"]
    assert "--Voila.ip=0.0.0.0" in voila_command(args.port, args.ip)

    # Paths the image relies on exist in the repository (the WORKDIR is the repository's root).
    workdir = docker["WORKDIR"][-1]
    assert docker["ENV"]["PATH"].startswith(f"{workdir}/.venv/bin:"), "make install's .venv comes first on PATH"
    config_dir = Path(docker["ENV"]["JUPYTER_CONFIG_PATH"]).relative_to(workdir)
    assert (ROOT / config_dir / "jupyter_server_config.py").is_file()
    assert docker["ENV"]["LANDSBY_OFFLINE"] == "1"

    # The folder is the image user's before `make install` makes .venv in it as that user: WORKDIR makes a
    # missing folder as root, and Docker's COPY --chown leaves the owner of a folder that exists alone
    # (moby/buildkit#790); an image built without this stops at "Permission denied: '/srv/landsby/.venv'".
    user = docker["USER"][-1]
    made = rf"(install -d -o {user}(:| -g ){user} {re.escape(workdir)}|chown (-R )?{user}(:{user})? {re.escape(workdir)})"
    assert any(re.search(made + r"(\s|$)", run) for run in docker["RUN"]), f"no RUN makes {workdir} {user}'s"


def test_dockerignore_keeps_out_only_what_the_image_does_not_need():
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]

    def ignored(path: str) -> bool:
        return any(fnmatch(path, p) or fnmatch(path, p.removeprefix("**/")) or path.startswith(p.rstrip("/") + "/")
                   for p in patterns)

    for unwanted in (".git", ".venv", ".cache", "build", "test-artifacts", "landsby_utils/__pycache__"):
        assert ignored(unwanted), unwanted
    needed = ["Makefile", "pyproject.toml", "README.md", "voila.json", "deploy/jupyter_server_config.py",
              "share/jupyter/voila/templates/landsby/index.html.j2", "landsby_utils/voila_config/voila.py",
              "landsby_utils/cli.py", "notebooks/forside.ipynb", "data/snapshot/SOURCES.md"]
    needed += [str(p.relative_to(ROOT)) for p in (ROOT / "data" / "clusters").glob("*.toml")]
    for path in needed:
        assert (ROOT / path).exists(), path
        assert not ignored(path), f"{path} would be left out of the image"
