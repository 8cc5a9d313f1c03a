"""The English edition (``?lang=en`` and ``landsby build --lang en``) shows no Danish text but proper names.

Every part that a dashboard's notebook shows is rendered in Python (no browser), its visible text
collected (HTML without styles, the map's labels and legend, chart titles, captions and alt texts,
widget labels), the proper names of the cluster taken out (villages, parishes, municipality,
region, facility names from OpenStreetMap), and what is left is searched for Danish letters and
known Danish phrases.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from landsby_utils import settings
from landsby_utils.cluster import cluster_slugs, load_cluster
from landsby_utils.i18n import source_text
from landsby_utils.sources._provenance import Provenance, note
from landsby_utils.widgets.comparison import ComparisonDashboard
from landsby_utils.widgets.facilities import FacilitiesDashboard
from landsby_utils.widgets.moves import MovesDashboard
from landsby_utils.widgets.overview import OverviewDashboard
from landsby_utils.widgets.population import PopulationDashboard
from landsby_utils.widgets.survey import SurveyDashboard

DASHBOARDS = (OverviewDashboard, PopulationDashboard, MovesDashboard, FacilitiesDashboard, ComparisonDashboard,
              SurveyDashboard)

#: Danish phrases that showed (or could show) on English pages, none with æ, ø or å.
DANISH_PHRASES = (
    "sognets midtpunkt", "Hele landet", "Signaturforklaring", "bidragydere", "sogne og kommuner", "Kilde:",
    "Indeholder data", "angivet i klyngefilen", "uden navn", "Medregnet", "Kode", "Data fra", "opgjort",
    "Kun punkter", "Lukker", " og ", "Kategori", "Landsby",
)
#: Danish names of institutions that stay Danish in English (as their own names).
INSTITUTIONS = ("Geodatastyrelsen", "Klimadatastyrelsen")


def _notebook_parts(section: str) -> list[str]:
    """The parts (``app.<name>()``) the section's notebook shows, in order."""
    notebook = {"overblik": "00_overblik", "befolkning": "02_befolkning", "faciliteter": "03_faciliteter",
                "flytninger": "06_flytninger",
                "sammenligning": "04_sammenligning",
                "borgerundersoegelse": "05_borgerundersoegelse"}[section]
    cells = json.loads((settings.NOTEBOOKS_DIR / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(cell["source"]) for cell in cells)
    return list(dict.fromkeys(re.findall(r"\bapp\.([a-z_]+)\(\)", source)))


def _visible_text(part) -> str:
    """The text a reader sees in a part: HTML (including the map's frame), charts, widgets."""
    pieces: list[str] = []

    def collect(obj) -> None:
        if obj is None:
            return
        if hasattr(obj, "fig") and hasattr(obj, "alt"):  # a chart
            pieces.extend([obj.title, obj.caption, obj.alt, *obj.notes])
            layout = obj.fig.layout
            pieces.extend(str(trace.name or "") for trace in obj.fig.data)
            pieces.extend(str(a.title.text or "") for a in (layout.xaxis, layout.yaxis) if a is not None)
            return
        if hasattr(obj, "children"):  # an ipywidgets box
            for child in obj.children:
                collect(child)
        for attribute in ("value", "description", "placeholder", "tooltip"):
            value = getattr(obj, attribute, None)
            if isinstance(value, str):
                pieces.append(value)
        if hasattr(obj, "options") and not isinstance(obj, dict):
            pieces.extend(str(option[0] if isinstance(option, tuple) else option) for option in obj.options)
        if isinstance(getattr(obj, "html", None), str):
            pieces.append(obj.html)
        elif hasattr(obj, "_repr_html_") and not hasattr(obj, "children"):
            pieces.append(obj._repr_html_() or "")

    collect(part)
    text = "\n".join(pieces)
    for _ in range(2):  # the map is HTML inside an escaped srcdoc; its labels are JSON inside scripts
        text = html.unescape(text)
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<script>[^<]{20000,}</script>", " ", text)  # the inlined vendored libraries
    return re.sub(r"<[^>]+>", " ", text)


def _proper_names(app) -> list[str]:
    """Names that are Danish in every language: places, facilities, institutions; longest first."""
    cluster = app.cluster
    names = {cluster.name, cluster.municipality_name, *INSTITUTIONS}
    names |= {v.name for v in cluster.villages} | set(cluster.parishes["name"])
    names |= {str(area.name) for area in cluster.comparison_areas if area.level != "country"}  # "Hele landet" is Danish
    if isinstance(app, FacilitiesDashboard | OverviewDashboard):
        names |= {str(n) for n in app.facilities["name"] if n}
    if isinstance(app, MovesDashboard):
        names |= set(app.data.names.values())  # every municipality (origins, destinations, similar ones)
    if isinstance(app, ComparisonDashboard):  # similar parishes and clusters anywhere in Denmark
        data = app.data
        names |= set(data.national["parish_name"]) | set(data.national["municipality_name"].dropna())
        names |= set(data.clusters["name"]) | set(data.places["label"])
    return sorted(names - {""}, key=len, reverse=True)


def _danish_left(text: str, names: list[str]) -> list[str]:
    for name in names:
        text = text.replace(name, " ")
    found = sorted(set(re.findall(r"\w*[æøåÆØÅ]\w*", text)))
    found += [phrase.strip() for phrase in DANISH_PHRASES if phrase in text]
    return found


@pytest.mark.parametrize("slug", cluster_slugs())
@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=lambda cls: cls.section)
def test_english_edition_has_no_danish_text(slug, dashboard):
    app = dashboard.from_params(slug, "en", None)
    assert app.error is None
    names = _proper_names(app)
    danish = {}
    for name in _notebook_parts(dashboard.section):
        left = _danish_left(_visible_text(getattr(app, name)()), names)
        if left:
            danish[name] = left
    assert danish == {}, f"Danish text on the English {dashboard.section} page of {slug}: {danish}"


def test_population_pyramid_heading_is_english():
    app = PopulationDashboard.from_params("vestrum", "en", None)
    assert app.pyramid_chart().title == "Age pyramid 2014: the VestRum cluster and Ringkøbing-Skjern"
    danish = PopulationDashboard.from_params("vestrum", "da", None).pyramid_chart().title
    assert danish == "Alderspyramide 2014: klyngen VestRum og Ringkøbing-Skjern"


def test_village_table_names_denmark_in_english():
    app = PopulationDashboard.from_params("vestrum", "en", None)
    names = list(app.village_display()[0]["Village"])
    assert names[-2:] == ["Ringkøbing-Skjern Municipality", "Denmark"]


def test_chart_labels_name_denmark_in_english():
    app = PopulationDashboard.from_params("vestrum", "en", None)
    texts = _visible_text(app.index_chart()) + _visible_text(app.pyramid_chart())
    assert "Hele landet" not in texts


def test_the_check_finds_danish_text():
    """The check itself: the Danish edition of the same parts is full of Danish."""
    app = FacilitiesDashboard.from_params("vestrum", "da", None)
    names = _proper_names(app)
    assert "Signaturforklaring" in _danish_left(_visible_text(app.map()), names)
    assert "Landsby" in _danish_left(_visible_text(app.closure_example()), names)


def test_provenance_is_described_in_english():
    fetched_late = Provenance(
        "dst", "FOLK1A", settings.LICENCE_DST, "2025-01-01", "cache", "2025-02-03",
        notes=(note("statbank_cache_fallback", table="FOLK1A", failure="HTTP 503", date="2025-02-03"),),
    )
    text = fetched_late.describe("en")
    assert text == (
        "Data from Statistics Denmark (FOLK1A), from local cache, fetched 3 February 2025; reference date 1 January 2025. "
        "Source: Statistics Denmark (free use with attribution, equivalent to CC BY 4.0). "
        "Could not fetch FOLK1A from Statistics Denmark now (HTTP 503); showing the last saved extract from 2025-02-03."
    )
    assert fetched_late.describe("da") == (
        "Data fra Danmarks Statistik (FOLK1A), fra lokalt lager, hentet 3. februar 2025; opgjort 1. januar 2025. "
        "Kilde: Danmarks Statistik (fri brug med kildeangivelse, svarende til CC BY 4.0). "
        "Kunne ikke hente FOLK1A fra Danmarks Statistik nu (HTTP 503); viser seneste gemte udtræk fra 2025-02-03."
    )


def test_village_point_source_is_translated_where_shown_but_kept_in_the_cluster_data():
    cluster = load_cluster("vestrum")
    estimated = [v for v in cluster.villages if v.point_estimated]
    assert estimated and all(v.point_source == "point_parish_centre" for v in estimated)  # a label key, not prose
    assert source_text(estimated[0].point_source, "da") == "sognets midtpunkt (landsbyens eget punkt kendes ikke)"
    shown = OverviewDashboard.from_params("vestrum", "en", None).village_frame()["Point from"]
    assert "the parish centre (the village's own point is not known)" in set(shown)
