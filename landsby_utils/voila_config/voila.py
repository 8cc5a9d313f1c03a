"""Voilà settings that JSON cannot express; `landsby serve` and the tests add this folder to
Voilà's config paths (``--Voila.config_file_paths``), next to the repository's voila.json.

A preheated kernel runs a dashboard up to the cell that waits for the reader's request
(``Dashboard.from_params`` / ``landing_page`` call ``voila.utils.wait_for_request``). That wait
may last hours, so it must not count against the execution timeout, or a kernel that waited
longer than ``VoilaExecutor.timeout`` would greet its reader with "Cell execution timed out".
Every other cell keeps the timeout from voila.json.
"""

import json
from pathlib import Path

WAITING_CELLS = ("from_params(", "landing_page(")
#: The execution timeout of every other cell, from the repository's voila.json.
TIMEOUT = json.loads((Path(__file__).resolve().parents[2] / "voila.json").read_text())["VoilaExecutor"]["timeout"]


def _timeout(cell):
    source = cell.get("source", "") if hasattr(cell, "get") else str(cell)
    if any(marker in source for marker in WAITING_CELLS):
        return None
    return TIMEOUT


c.VoilaExecutor.timeout_func = _timeout  # noqa: F821
