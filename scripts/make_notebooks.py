"""Write the dashboard notebooks from their cell lists (run once per change; outputs recorded separately).

Notebooks stay thin: a papermill ``parameters`` cell, one import and one call per section.
Cells whose output nbval compares start with ``# NBVAL_CHECK_OUTPUT``.
"""

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
PARAMETERS = (
    "# klynge is the cluster slug and lang is da or en (in Voila both come from the address);\n"
    "# static_assets is set by landsby build.\n"
    'klynge = "vestrum"\nlang = "da"\nstatic_assets = None'
)

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
    "02_befolkning.ipynb": (
        "# Befolkning\nHvem bor i klyngen, og hvordan ændrer det sig: nøgletal, udvikling, aldersgrupper, alderspyramider og fremskrivning. Parametre: `klynge`, `lang`.",
        [
            "from landsby_utils.widgets.population import PopulationDashboard\n\napp = PopulationDashboard.from_params(klynge, lang, static_assets)",
            "app.header()",
            "# NBVAL_CHECK_OUTPUT\napp.data_notice()",
            "# NBVAL_CHECK_OUTPUT\napp.picker()",
            "# NBVAL_CHECK_OUTPUT\napp.headline()",
            "# NBVAL_CHECK_OUTPUT\napp.narrative()",
            "# NBVAL_CHECK_OUTPUT\napp.villages_table()",
            "# NBVAL_CHECK_OUTPUT\napp.village_ages_table()",
            "app.population_chart()",
            "app.index_chart()",
            "app.pyramid_chart()",
            "# NBVAL_CHECK_OUTPUT\napp.age_table()",
            "app.projection_chart()",
            "# NBVAL_CHECK_OUTPUT\napp.sources()",
        ],
    ),
    "06_flytninger.ipynb": (
        "# Hvem flytter\nFødte, døde og flytninger i klyngens kommune (ikke landsbyerne): befolkningsregnskab, sammenligning, flytninger efter alder og hvorfra/hvortil. Parametre: `klynge`, `lang`.",
        [
            "from landsby_utils.widgets.moves import MovesDashboard\n\napp = MovesDashboard.from_params(klynge, lang, static_assets)",
            "app.header()",
            "# NBVAL_CHECK_OUTPUT\napp.scope()",
            "# NBVAL_CHECK_OUTPUT\napp.figures()",
            "# NBVAL_CHECK_OUTPUT\napp.narrative()",
            "app.accounts_chart()",
            "# NBVAL_CHECK_OUTPUT\napp.accounts_table()",
            "app.rates_chart()",
            "app.age_chart()",
            "# NBVAL_CHECK_OUTPUT\napp.flows()",
            "# NBVAL_CHECK_OUTPUT\napp.parishes()",
            "# NBVAL_CHECK_OUTPUT\napp.sources()",
        ],
    ),
    "03_faciliteter.ipynb": (
        "# Faciliteter og afstande\nHvad klyngen deler, hvor langt hver landsby har til nærmeste facilitet, og hvad der sker, hvis en lukker. Parametre: `klynge`, `lang`.",
        [
            "from landsby_utils.widgets.facilities import FacilitiesDashboard\n\napp = FacilitiesDashboard.from_params(klynge, lang, static_assets)",
            "app.header()",
            "# NBVAL_CHECK_OUTPUT\napp.intro()",
            "app.map()",
            "# NBVAL_CHECK_OUTPUT\napp.distance_table()",
            "# NBVAL_CHECK_OUTPUT\napp.shares_table()",
            "# NBVAL_CHECK_OUTPUT\napp.shared_table()",
            "# NBVAL_CHECK_OUTPUT\napp.only_one()",
            "# NBVAL_CHECK_OUTPUT\napp.closure_example()",
            "app.closure_scenario()",
            "# NBVAL_CHECK_OUTPUT\napp.data_notes()",
            "# NBVAL_CHECK_OUTPUT\napp.sources()",
        ],
    ),
    "04_sammenligning.ipynb": (
        "# Steder som os\nHvor står klyngens landsbyer blandt Danmarks sogne, og hvilke sogne og klynger ligner dem? Parametre: `klynge`, `lang`.",
        [
            "from landsby_utils.widgets.comparison import ComparisonDashboard\n\napp = ComparisonDashboard.from_params(klynge, lang, static_assets)",
            "app.header()",
            "# NBVAL_CHECK_OUTPUT\napp.intro()",
            "app.position_chart()",
            "# NBVAL_CHECK_OUTPUT\napp.in_words()",
            "app.similar()",
            "app.map()",
            "# NBVAL_CHECK_OUTPUT\napp.method()",
            "# NBVAL_CHECK_OUTPUT\napp.sources()",
        ],
    ),
    "05_borgerundersoegelse.ipynb": (
        "# Borgerundersøgelse\nKlyngens egen borgerundersøgelse landsby for landsby: hvem har svaret, fokusområderne, tilfredshed, hvorfor vi bor her og hvad vi ønsker os. Parametre: `klynge`, `lang`.",
        [
            "from landsby_utils.widgets.survey import SurveyDashboard\n\napp = SurveyDashboard.from_params(klynge, lang, static_assets)",
            "app.header()",
            "# NBVAL_CHECK_OUTPUT\napp.intro()",
            "# NBVAL_CHECK_OUTPUT\napp.respondents_table()",
            "# NBVAL_CHECK_OUTPUT\napp.narrative()",
            "app.focus_areas()",
            "# NBVAL_CHECK_OUTPUT\napp.focus_table()",
            "# NBVAL_CHECK_OUTPUT\napp.satisfaction()",
            "app.reasons()",
            "app.wanted_activities()",
            "app.wanted_places()",
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
    source = PARAMETERS if name != "forside.ipynb" else 'lang = "da"'
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
