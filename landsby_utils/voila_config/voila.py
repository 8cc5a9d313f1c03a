"""Voilà settings that JSON cannot express; `landsby serve` and the tests add this folder to
Voilà's config paths (``--Voila.config_file_paths``), next to the repository's voila.json.

A preheated kernel runs a dashboard up to the cell that waits for the reader's request
(``Dashboard.from_params`` / ``landing_page`` call ``landsby_utils.params.wait_for_request``). That wait
may last hours, so it must not count against the execution timeout, or a kernel that waited
longer than ``VoilaExecutor.timeout`` would greet its reader with "Cell execution timed out".
Every other cell keeps the timeout from voila.json.

voila.json names the repository's own template ("landsby", in share/jupyter/voila/templates/). Voilà
looks for templates in the Jupyter data paths, so this file puts the repository's share/jupyter first
on JUPYTER_PATH before Voilà collects its template folders (this file is read first).
"""

import json
import os
from pathlib import Path

WAITING_CELLS = ("from_params(", "landing_page(")
ROOT = Path(__file__).resolve().parents[2]
#: The execution timeout of every other cell, from the repository's voila.json.
TIMEOUT = json.loads((ROOT / "voila.json").read_text())["VoilaExecutor"]["timeout"]
#: Jupyter data folder holding voila/templates/landsby.
DATA_PATH = str(ROOT / "share" / "jupyter")


def _timeout(cell):
    source = cell.get("source", "") if hasattr(cell, "get") else str(cell)
    if any(marker in source for marker in WAITING_CELLS):
        return None
    return TIMEOUT


c.VoilaExecutor.timeout_func = _timeout  # noqa: F821

_paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
if DATA_PATH not in _paths:
    os.environ["JUPYTER_PATH"] = os.pathsep.join([DATA_PATH, *_paths])
