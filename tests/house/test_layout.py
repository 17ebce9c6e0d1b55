"""The house's layout holds: no import circles, stages import only stages below them.

Imports are read from the source (module level, inside functions, and under
TYPE_CHECKING alike), so a circle cannot hide in a function body.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "archive"
# Bottom to top: a stage may import the stages before it, never one after it.
STAGES = ("query", "ingest", "speakers", "store", "engine", "search", "indexing")
# The fronts stand on top, beside each other: the command line may start the web app
# (`archive serve`), the web app never reaches into the command line.
FRONTS = ("cli", "web")
# What may stand at the top of archive/ besides the stage folders.
TOP_LEVEL = {"__init__", "__main__", "api", "model", "errors"}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The archive modules `name` imports, wherever in the file."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # "from archive.search import plan" imports the module plan.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        found |= {t for t in targets if t in MODULES and t != name}
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _circles() -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return circles


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else None


def test_no_import_circles():
    assert _circles() == []


def test_the_checker_finds_a_circle(monkeypatch):
    monkeypatch.setitem(GRAPH, "archive.model", GRAPH["archive.model"] | {"archive.api"})
    assert any("archive.model" in circle for circle in _circles())


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_stage_above_it(stage):
    above = set(STAGES[STAGES.index(stage) + 1 :]) | set(FRONTS)
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _stage(module) == stage
        for target in targets
        if _stage(target) in above or target == "archive.api"
    )
    assert wrong == []


def test_no_ingest_module_imports_speakers():
    wrong = [
        (m, t)
        for m, ts in GRAPH.items()
        if m.startswith("archive.ingest")
        for t in ts
        if t.startswith("archive.speakers")
    ]
    assert wrong == []


@pytest.mark.parametrize("front", FRONTS)
def test_the_command_line_and_web_reach_the_archive_only_through_the_api(front):
    wrong = sorted(
        f"{m} -> {t}"
        for m, ts in GRAPH.items()
        if m.startswith(f"archive.{front}")
        for t in ts
        if _stage(t) in ("engine", "store", "indexing", "ingest", "speakers")
    )
    assert wrong == []


def test_the_web_app_never_imports_the_command_line():
    wrong = sorted(
        f"{m} -> {t}"
        for m, ts in GRAPH.items()
        if m.startswith("archive.web")
        for t in ts
        if t.startswith("archive.cli")
    )
    assert wrong == []


def test_no_module_is_past_the_line_limit():
    long = {n: len(p.read_text().splitlines()) for n, p in MODULES.items()}
    assert {n: lines for n, lines in long.items() if lines > MAX_LINES} == {}


def test_only_the_facade_values_and_errors_stand_at_the_top():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL


def test_every_stage_says_what_enters_and_what_leaves():
    for stage in (*STAGES, *FRONTS):
        init = PACKAGE / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert len(doc.split()) >= 20, stage
