"""Re-record the outputs that nbval compares: restart-and-run-all, then keep only checked cells' text.

Run after changing what a dashboard shows: ``.venv/bin/python scripts/record_notebooks.py [NAME.ipynb ...]``.
Only cells that start with ``# NBVAL_CHECK_OUTPUT`` keep their outputs, and of those only the
text (``text/plain`` and printed streams): that is what nbval compares (notebooks/conftest.py).
HTML, maps, charts and widgets are never committed, so a style change leaves the notebooks as they are.

The notebooks run offline with a new, empty cache (as nbval runs them), never with the
developer's fetched data or prepared frames.
"""

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
#: The only MIME type kept in a checked cell's recorded display outputs.
KEPT_DATA = ("text/plain",)


def record(path: Path) -> None:
    """Execute ``path`` from scratch and write it back with only its checked cells' text outputs."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="landsby-record-cache-") as cache:
        os.environ["LANDSBY_CACHE_DIR"] = cache  # read by the kernel started below
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if not cell.source.startswith("# NBVAL_CHECK_OUTPUT"):
            cell.outputs = []
            cell.execution_count = None  # nbval needs the count only on cells whose output it compares
            continue
        for output in cell.outputs:
            if "data" in output:
                output["data"] = {key: value for key, value in output["data"].items() if key in KEPT_DATA}
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"recorded {path.relative_to(ROOT)}")


if __name__ == "__main__":
    os.environ["LANDSBY_OFFLINE"] = "1"
    names = sys.argv[1:] or sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    for name in names:
        record(ROOT / "notebooks" / name)
