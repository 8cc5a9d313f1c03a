"""Jupyter Server configuration: the datapakke's dashboards as Voilà pages on an existing Jupyter server.

For an engine that already runs Jupyter servers — JupyterHub's single-user servers (``jupyterhub-singleuser``,
e.g. on Kubernetes with zero-to-jupyterhub, see ``deploy/jupyterhub/values.yaml``), Binder, or a plain
``jupyter server`` behind a reverse proxy. Put this folder on ``JUPYTER_CONFIG_PATH`` (the repository's
``Dockerfile`` does) and the server:

* enables Voilà as a server extension (and not JupyterLab or terminals) and opens on the landing page,
  ``/voila/render/forside.ipynb``;
* serves the notebooks in ``notebooks/`` (``ServerApp.root_dir``);
* takes Voilà's settings (template, hidden sources and tracebacks, allowed and denied files, execution
  time-out, Danish error messages) and the kernel culling from the repository's ``voila.json``, the one
  source of these settings, so the two ways of hosting cannot drift apart;
* gives the pages what ``landsby serve`` gives them (``landsby_utils/voila_config/extension.py``): the chart
  script with the partial plotly.js and the map libraries served once, not jupyterlab-plotly's renderer with
  the full plotly.js; and compressed responses;
* loads ``landsby_utils/voila_config/voila.py``, which puts the repository's ``share/jupyter`` (the
  ``landsby`` template) on ``JUPYTER_PATH`` and keeps a kernel's wait for its reader out of the time-out.

Preheated kernels are a feature of the standalone ``voila`` command (``landsby serve``); under a server
extension every page view starts its kernel when it is asked for. Run ``landsby prepare`` before the
server starts (the Dockerfile does), so that a kernel only reads a cluster's small prepared files.
"""

import json
import os
from pathlib import Path

from landsby_utils.voila_config.server import DENIED_EXTENSIONS

#: The repository (this file is in its deploy/ folder); LANDSBY_ROOT names another checkout.
ROOT = Path(os.environ.get("LANDSBY_ROOT") or Path(__file__).resolve().parent.parent)
#: Sections of voila.json that apply to a Jupyter server as they are.
SECTIONS = ("VoilaConfiguration", "VoilaExecutor", "MappingKernelManager")

# Readers get the dashboards only: no JupyterLab, no terminals (consultants use `make lab` on their machine).
c.ServerApp.jpserver_extensions = {  # noqa: F821 (c: the config object of traitlets' loader)
    "voila": True, "landsby_utils.voila_config.extension": True,
    "jupyterlab": False, "jupyter_server_terminals": False, "jupyter_lsp": False,
}
c.ServerApp.terminals_enabled = False  # noqa: F821
c.ServerApp.root_dir = str(ROOT / "notebooks")  # noqa: F821
c.ServerApp.default_url = "/voila/render/forside.ipynb"  # noqa: F821

_settings = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
for _section in SECTIONS:
    for _name, _value in _settings.get(_section, {}).items():
        c[_section][_name] = _value  # noqa: F821

# As under `landsby serve`: the extension above serves the chart script with the partial plotly.js (and the map
# libraries), so the pages do without jupyterlab-plotly's renderer and its full plotly.js; and responses go
# compressed (a proxy in front, such as JupyterHub's, passes them on as they are).
c.VoilaConfiguration.extension_denylist = list(DENIED_EXTENSIONS)  # noqa: F821
c.ServerApp.tornado_settings = {"compress_response": True}  # noqa: F821

load_subconfig(str(ROOT / "landsby_utils" / "voila_config" / "voila.py"))  # noqa: F821
