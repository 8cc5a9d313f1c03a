"""Re-record the outputs that nbval compares: restart-and-run-all, then keep only checked cells.

Run after changing what a dashboard shows: ``.venv/bin/python scripts/record_notebooks.py``.
Only cells that start with ``# NBVAL_CHECK_OUTPUT`` keep their outputs (small, stable text
and HTML); maps, charts and widgets are never committed.
"""

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("LANDSBY_OFFLINE", "1")


def record(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if not cell.source.startswith("# NBVAL_CHECK_OUTPUT"):
            cell.outputs = []
            cell.execution_count = None  # nbval needs the count only on cells whose output it compares
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"recorded {path.relative_to(ROOT)}")


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    for name in names:
        record(ROOT / "notebooks" / name)
