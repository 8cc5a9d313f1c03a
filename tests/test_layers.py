"""The package's layers point one way (docs/architecture.md): what a newcomer reads there is what the imports do.

Every ``import`` of a ``landsby_utils`` module is read from the source (also the ones inside functions),
so a circle or an import that runs back up fails here, not in a reviewer's drawing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "landsby_utils"

#: Layer of each module (by name prefix; the longest prefix wins). An import may only point to the same
#: layer or a lower one. Build-time modules (``landsby derive``) and the CLI sit on top.
LAYERS: dict[str, int] = {
    "settings": 0, "_errors": 0, "_names": 0, "_display": 0, "i18n": 0, "params": 0, "categories": 0,
    "sources": 1, "_http": 1, "cluster": 1,
    "population": 2, "facilit": 2, "privacy": 2, "projection_check": 2,
    "frames": 3, "builders": 3,
    "parts": 4, "charts": 4, "maps": 4, "narrative": 4, "presentation": 4,
    "widgets": 5, "report": 5,
    "cli": 6, "_derive": 6, "voila_config": 6, "__init__": 6,
}
#: Analysis modules: dashboards must not call them (nor a source); they only format frames.
ANALYSES = ("population", "facilit", "privacy", "projection_check")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def layer(name: str) -> int:
    best = max((prefix for prefix in LAYERS if name == prefix or name.startswith(prefix)), key=len, default=None)
    assert best is not None, f"landsby_utils.{name} has no layer in LAYERS (add it)"
    return LAYERS[best]


def graph() -> dict[str, set[str]]:
    """Module → the ``landsby_utils`` modules it imports (anywhere in the file)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("landsby_utils"):
                base = node.module.removeprefix("landsby_utils").lstrip(".")
                targets = [f"{base}.{a.name}".lstrip(".") for a in node.names] + ([base] if base else [])
            elif isinstance(node, ast.Import):
                targets = [a.name.removeprefix("landsby_utils").lstrip(".") for a in node.names if a.name.startswith("landsby_utils.")]
            else:
                continue
            edges[name] |= {t for t in targets if t in modules and t != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    assert cycles(graph()) == []


def test_imports_never_run_back_up():
    upward = [(a, b) for a, targets in graph().items() for b in sorted(targets) if layer(b) > layer(a)]
    assert upward == []


@pytest.mark.parametrize("dashboard", ["widgets.overview", "widgets.population", "widgets.facilities"])
def test_dashboards_call_no_source_and_no_analysis(dashboard):
    """A dashboard gets its numbers from its frames builder; only provenance metadata comes from ``sources``."""
    imported = graph()[dashboard]
    sources = sorted(m for m in imported if m.startswith("sources") and m not in ("sources", "sources._provenance"))
    analyses = sorted(m for m in imported if m.startswith(ANALYSES))
    assert (sources, analyses) == ([], [])


def test_the_check_finds_a_circle_and_an_upward_import():
    """The checks above can fail: a made-up graph with both faults is caught."""
    edges = {"frames": {"widgets._base"}, "widgets._base": {"frames"}, "charts": {"widgets.population"}, "widgets.population": set()}
    assert cycles(edges) == [["frames", "widgets._base"]]
    assert [(a, b) for a, ts in edges.items() for b in ts if layer(b) > layer(a)] == [
        ("frames", "widgets._base"), ("charts", "widgets.population")]
