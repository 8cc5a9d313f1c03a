"""The package's layers point one way: no import circles, no import that runs back up.

Every module of ``landsby_utils`` is parsed with :mod:`ast` (imports inside functions count
too: a lazy import is still a dependency) and given a layer; see ``docs/architecture.md``.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

import landsby_utils

PACKAGE = Path(landsby_utils.__file__).parent

#: Layers, lowest first: a module may import modules of its own layer or a lower one.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("settings", "_errors", "i18n", "labels", "labels.*", "_names", "_display", "categories", "params")),
    ("sources", ("_http", "_last_good", "sources", "sources.*", "cluster")),
    ("analyses", ("population", "population_*", "facilities", "facility_*", "privacy", "projection_check",
                  "comparison", "survey", "survey_results", "moves")),
    ("frames", ("frames", "*_frames", "builders", "builders.*", "_derive", "_derive_*")),
    ("presentation", ("parts", "*_parts", "charts", "maps", "narrative", "*_view", "presentation", "presentation.*")),
    ("dashboards", ("widgets", "widgets.*", "report")),
    ("commands", ("cli", "voila_config", "voila_config.*", "__main__")),
)
RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}

#: A dashboard only formats frames and wires widgets: it reads data through a frames builder, not from a
#: source reader or an analysis (the provenance types in ``sources``/``sources._provenance`` are data, allowed).
DASHBOARD_MAY_NOT_IMPORT = ("population", "population_*", "facilities", "facility_*", "privacy", "projection_check",
                            "comparison", "survey", "survey_results", "moves", "sources.*")
DASHBOARD_MAY_IMPORT = ("sources", "sources._provenance")

def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> str | None:
    for name, patterns in LAYERS:
        if any(fnmatch(module, pattern) for pattern in patterns):
            return name
    return None


@cache
def _imports(module: str) -> frozenset[str]:
    """The ``landsby_utils`` modules that ``module`` imports (names relative to the package; ``""`` is the package)."""
    modules = _modules()
    path = modules[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = ["landsby_utils", *filter(None, package.split("."))]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # each name is a submodule (``from landsby_utils.sources import statbank``) or a name of ``base``
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            name = target.removeprefix("landsby_utils.") if target.startswith("landsby_utils.") else None
            while name and name not in modules:  # "sources.provenance_of" -> "sources"
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return frozenset(found)


def _edges() -> list[tuple[str, str]]:
    return [(module, target) for module in _modules() for target in sorted(_imports(module))]


def test_every_module_has_a_layer():
    assert [m for m in _modules() if m and _layer(m) is None] == [], "give these modules a layer in LAYERS"


def test_the_parser_sees_lazy_and_package_imports():
    """The check itself: imports inside functions and ``from landsby_utils.sources import statbank`` are found."""
    assert "sources.dst_snapshot" in _imports("sources.statbank")  # imported inside population_by_area
    assert "sources.statbank" in _imports("builders.overview")  # ``from landsby_utils.sources import statbank``
    assert "sources.geodata" in _imports("sources._folk1b_snapshot")


def test_no_import_runs_back_up():
    upward = [(m, t, _layer(m), _layer(t)) for m, t in _edges()
              if m and _layer(m) and _layer(t) and RANK[_layer(t)] > RANK[_layer(m)]]
    assert upward == []


def test_no_import_circles():
    graph = {m: set(_imports(m)) for m in _modules()}
    state: dict[str, int] = {}
    circles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                circles.append(path[path.index(target):] + [target] if target in path else [node, target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_sources_use_only_the_base_layer_and_each_other():
    for module, target in _edges():
        if _layer(module) == "sources":
            assert _layer(target) in ("base", "sources"), f"{module} imports {target}"


def _dashboard_violations() -> set[tuple[str, str]]:
    return {(m, t) for m, t in _edges()
            if fnmatch(m, "widgets.*") and t not in DASHBOARD_MAY_IMPORT
            and any(fnmatch(t, pattern) for pattern in DASHBOARD_MAY_NOT_IMPORT)}


def test_dashboards_read_data_through_frames_builders_only():
    assert _dashboard_violations() == set()


def test_the_checks_can_fail(monkeypatch):
    """A made-up module graph with a circle, an upward import and a dashboard calling an analysis is caught."""
    edges = {"frames": ["widgets._base"], "widgets._base": ["frames"], "widgets.population": ["privacy"],
             "charts": ["widgets.population"], "privacy": []}
    monkeypatch.setattr(__import__(__name__), "_edges", lambda: [(m, t) for m, ts in edges.items() for t in ts])
    assert _dashboard_violations() == {("widgets.population", "privacy")}
    upward = [(m, t) for m, t in _edges() if RANK[_layer(t)] > RANK[_layer(m)]]
    assert upward == [("frames", "widgets._base"), ("charts", "widgets.population")]
