"""Write the dashboard notebooks from their cell lists (run once per change; outputs recorded separately).

Notebooks stay thin: a papermill ``parameters`` cell, one import and one call per section.
Cells whose output nbval compares start with ``# NBVAL_CHECK_OUTPUT``.
"""

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
PARAMETERS = 'klynge = "vestrum"  # cluster slug; Voilà: ?klynge=...\nlang = "da"  # "da" or "en"; Voilà: ?lang=...\nstatic_assets = None  # set by `landsby build`'

NOTEBOOKS = {
    "00_overblik.ipynb": (
        "# Overblik over landsbyklyngen\nKlyngens landsbyer, kort, nøgletal og kilder. Parametre: `klynge`, `lang`.",
        [
            "from landsby_utils.widgets.overview import OverviewDashboard\n\napp = OverviewDashboard.from_params(klynge, lang, static_assets)",
            "app.header()",
            "app.intro()",
            "# NBVAL_CHECK_OUTPUT\napp.figures()",
            "app.map()",
            "# NBVAL_CHECK_OUTPUT\napp.villages_table()",
            "# NBVAL_CHECK_OUTPUT\napp.facilities_table()",
            "# NBVAL_CHECK_OUTPUT\napp.sources()",
        ],
    ),
    "forside.ipynb": (
        "# Forside\nAlle landsbyklynger med links til deres datapakke.",
        ["from landsby_utils.widgets.landing import landing_page", "# NBVAL_CHECK_OUTPUT\nlanding_page(lang)"],
    ),
}


def build(name: str, title: str, cells: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    # The title goes in a comment: Voilà strips code, so villagers never see developer notes.
    source = PARAMETERS if name != "forside.ipynb" else 'lang = "da"  # Voilà: ?lang=...'
    params = nbformat.v4.new_code_cell(f"# {title.splitlines()[0].lstrip('# ')}: {' '.join(title.splitlines()[1:])}\n{source}")
    params.metadata["tags"] = ["parameters"]
    nb.cells.append(params)
    nb.cells.extend(nbformat.v4.new_code_cell(source) for source in cells)
    for index, cell in enumerate(nb.cells):
        cell.id = f"{Path(name).stem.replace('_', '-')}-{index}"
    return nb


if __name__ == "__main__":
    for filename, (title, cells) in NOTEBOOKS.items():
        path = ROOT / "notebooks" / filename
        nbformat.write(build(filename, title, cells), path)
        print(path.relative_to(ROOT))
