"""The dashboards behind a real JupyterHub, configured from ``deploy/jupyterhub/values.yaml``.

zero-to-jupyterhub runs the hub and one single-user server per reader as Kubernetes pods; no cluster runs here,
so this test runs the same programs as local processes: JupyterHub 5 with the values' hub configuration
(``hub.config``: the temporary authenticator for anonymous readers), its configurable-http-proxy (from npm,
``make test`` installs it), and per reader ``singleuser.cmd`` (``jupyterhub-singleuser``) with the values'
default URL and environment, the image's paths taken to this checkout. What Kubernetes adds (image, pods,
memory and CPU limits, network policy, culling of idle servers, placeholders) is not run here;
``tests/test_hosting_config.py`` checks those values against the image.

A reader opens the hub's address, is let in without logging in, gets a server that opens on the landing
page, follows a link to a dashboard in the same server, sees it drawn without a script error, and when the
page is closed its kernel ends.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from _support import close_context, free_port, load_dashboard, new_page, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
VALUES = yaml.safe_load((ROOT / "deploy" / "jupyterhub" / "values.yaml").read_text(encoding="utf-8"))
#: Where the Dockerfile puts the repository; the values' paths are below it.
IMAGE_ROOT = "/srv/landsby"
#: The proxy ``make test`` installs with npm next to the environment (conda-forge's jupyterhub puts it on PATH).
PROXY = Path(sys.prefix) / "node_modules" / ".bin" / "configurable-http-proxy"
if not PROXY.exists() and shutil.which("configurable-http-proxy"):
    PROXY = Path(shutil.which("configurable-http-proxy"))


def _hub_config(folder: Path, port: int) -> str:
    """A jupyterhub_config.py with the values' hub config and single-user settings, for local processes."""
    single = VALUES["singleuser"]
    environment = {name: str(value).replace(IMAGE_ROOT, str(ROOT)) for name, value in single["extraEnv"].items()}
    # The dashboards' data were prepared where this test run keeps its cache.
    from landsby_utils import settings

    environment["LANDSBY_CACHE_DIR"] = str(settings.CACHE_DIR)
    args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    lines = [f"c.{section}.{name} = {value!r}" for section, names in VALUES["hub"]["config"].items()
             for name, value in names.items()]
    lines += [
        'c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"',
        f'c.JupyterHub.bind_url = "http://127.0.0.1:{port}"',
        'c.JupyterHub.hub_ip = "127.0.0.1"',
        f"c.JupyterHub.hub_port = {free_port()}",
        f'c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"',
        f"c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]",
        f'c.JupyterHub.db_url = "sqlite:///{folder / "hub.sqlite"}"',
        f"c.JupyterHub.cookie_secret_file = {str(folder / 'cookie_secret')!r}",
        f"c.Spawner.cmd = [{str(Path(sys.executable).with_name(single['cmd']))!r}]",
        f"c.Spawner.args = {args!r}",
        f"c.Spawner.default_url = {single['defaultUrl']!r}",
        f"c.Spawner.environment = {environment!r}",
        f"c.Spawner.start_timeout = {int(single['startTimeout'])}",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(folder / 'home' / '{username}')!r}",
    ]
    return "\n".join(lines) + "\n"


def _wait_for_hub(base: str, timeout: float) -> None:
    """Until the hub itself answers through its proxy (``/hub/api`` with its version).

    The proxy answers first, with 404 for every address, until the hub has added its route: a reader
    sent in then gets the proxy's "404 Not Found" and nothing else (a CI run did).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/hub/api", timeout=5) as answer:  # noqa: S310 (loopback only)
                if answer.status == 200 and "version" in json.loads(answer.read()):
                    return
        except (OSError, ValueError):  # not listening yet, the proxy's 404, or not the hub's JSON
            pass
        time.sleep(0.3)
    raise TimeoutError(f"the hub did not answer at {base}/hub/api within {timeout} s")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running JupyterHub with the values' configuration: its public URL."""
    if not PROXY.exists():
        pytest.fail(f"configurable-http-proxy is not installed at {PROXY}: run `make test` (it installs it with npm).")
    from landsby_utils import frames
    from landsby_utils.cluster import cluster_slugs
    from landsby_utils.widgets._base import dashboard_classes

    frames.prepare_all(cluster_slugs(), dashboard_classes())  # as `landsby prepare` does in the image
    folder = tmp_path_factory.mktemp("jupyterhub")
    port = free_port()
    (folder / "jupyterhub_config.py").write_text(_hub_config(folder, port), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for name in ("LANDSBY_VENDOR_URL", "JUPYTER_CONFIG_PATH"):  # the single-user server must get these from the values
        env.pop(name, None)
    log = folder / "hub.log"
    with log.open("w") as handle:
        process = subprocess.Popen([str(Path(sys.executable).with_name("jupyterhub")), "-f", "jupyterhub_config.py"],
                                   cwd=folder, stdout=handle, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_hub(base, timeout=120)
        yield base, log
    finally:
        stop_process(process)  # JupyterHub stops the proxy and the readers' servers it started


def test_a_reader_gets_the_dashboards_from_the_hub_without_logging_in(hub, chromium):
    base, log = hub
    page = new_page(chromium, "phone")
    try:
        page.goto(base + "/", wait_until="domcontentloaded", timeout=240_000)
        page.wait_for_url(re.compile(r".*/user/[^/]+/voila/render/forside\.ipynb.*"), timeout=240_000)
        page.wait_for_selector(".lb-cards", timeout=120_000)
    except Exception:
        pytest.fail("the hub did not bring the reader to the landing page:\n" + log.read_text()[-4000:])
    prefix = re.match(r"(.*/user/[^/]+/)", page.url).group(1)
    assert page.title() == "Datapakke for landsbyklynger"
    links = page.evaluate("[...document.querySelectorAll('.lb-cards a[href]')].map(a => a.href)")
    assert links and all(link.startswith(prefix) for link in links), "the landing page links into the reader's server"
    population = next(link for link in links if "/02_befolkning.ipynb" in link)
    close_context(page.context)

    page = new_page(chromium, "phone")  # a new context: a second visitor gets a server of their own
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "/", wait_until="domcontentloaded", timeout=240_000)
    page.wait_for_url(re.compile(r".*/user/[^/]+/voila/render/forside\.ipynb.*"), timeout=240_000)
    second = re.match(r"(.*/user/[^/]+/)", page.url).group(1)
    assert second != prefix, "each reader is a temporary user of their own"
    load_dashboard(page, population.replace(prefix, second))
    page.wait_for_function("""() => {
        const specs = [...document.querySelectorAll('script.lb-chart-spec')];
        return specs.length >= 4 && specs.every(s => document.getElementById(s.dataset.for)?.querySelector('.main-svg'));
    }""", timeout=60_000)
    assert page.errors == [], page.errors
    assert page.locator(".lb-error").count() == 0
    assert "VestRum" in page.title() or page.locator(".lb-footer").count() == 1
    assert [url for url in requested if "/voila/landsby/static/" in url and url.startswith(second)], \
        "the charts' script comes from the reader's own server"
    kernel = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]

    def kernels() -> list[str]:
        return [k["id"] for k in page.context.request.get(second + "api/kernels").json()]

    assert kernel in kernels()
    request = page.context.request
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 30
    while kernel in [k["id"] for k in request.get(second + "api/kernels").json()] and time.monotonic() < deadline:
        time.sleep(1)
    assert kernel not in [k["id"] for k in request.get(second + "api/kernels").json()], "the closed page's kernel ended"
    page.context.close()
