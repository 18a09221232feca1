"""The suite never writes into a user's `.congress-chat/`: tests, session fixtures and the CLI
subprocesses they start all get a temporary data dir (see `conftest.py`, which also checks at
the end of the session that the user's folders are untouched)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import ROOT, make_settings


def test_settings_in_a_test_point_at_a_temporary_data_dir(tmp_path):
    assert make_settings().data_dir == tmp_path / "data"


def test_a_cli_subprocess_gets_the_temporary_data_dir(tmp_path):
    code = "from rag.settings import Settings; print(Settings().data_dir.resolve())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=120)
    data_dir = Path(result.stdout.strip())
    assert data_dir == (tmp_path / "data").resolve(), result.stderr
    assert not data_dir.is_relative_to(ROOT) and data_dir.is_relative_to(Path(tempfile.gettempdir()).resolve())


def test_session_fixtures_build_outside_the_user_data_dir(shipped_index):
    assert str(shipped_index.data_dir) != ".congress-chat" and Path(shipped_index.data_dir).is_absolute()
    assert not shipped_index.resolved_index_dir().resolve().is_relative_to(ROOT)


# --- the import graph has no cycle ----------------------------------------------------------
# Layers: the entry points (cli.py, ui.py) above, the adapters (web/, eval/) in the middle, the
# core (rag/) below. A cycle (two modules that need each other, even through an import inside a
# function) hides which of them sits higher; types both need belong in a module below both.

_LAYERED = ("rag", "web", "eval")
_ENTRY_POINTS = ("cli.py", "ui.py")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = ROOT) -> dict[str, dict[str, tuple[str, int]]]:
    """module → {module it imports: (file, line)}, for every module of rag/, web/, eval/ and the
    entry points, reading every `import` and `from … import` with `ast`, at module level and
    inside functions alike. `from package import name` points at the submodule when `name` is
    one, else at the package."""
    files = [root / name for name in _ENTRY_POINTS] + sorted(p for package in _LAYERED for p in (root / package).rglob("*.py"))
    modules = {_module_name(path, root): path for path in files}

    def known(name: str | None) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, dict[str, tuple[str, int]]] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        edges: dict[str, tuple[str, int]] = {}
        where = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=where)):
            if isinstance(node, ast.Import):
                targets = [known(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else known(source) for alias in node.names]
            else:
                continue
            for target in targets:
                if target and target != module:
                    edges.setdefault(target, (where, node.lineno))
        graph[module] = edges
    return graph


def import_cycles(graph: dict[str, dict[str, tuple[str, int]]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), as a closed path a → b → … → a."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return [_closed_path(graph, set(group), group[0]) for group in groups]


def _closed_path(graph, group: set[str], start: str) -> list[str]:
    """A shortest way from `start` back to itself inside `group` (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for target in sorted(graph[module]):
                if target not in group:
                    continue
                if target == start:
                    path = [module]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, module, start]
                if target not in came_from:
                    came_from[target] = module
                    following.append(target)
        frontier = following
    return [start, start]


def _shown(cycle: list[str], graph) -> str:
    return "\n  ".join(f"{a} → {b}  ({graph[a][b][0]}:{graph[a][b][1]})" for a, b in zip(cycle, cycle[1:]))


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    assert {"cli", "ui", "rag.assistant", "web.app", "eval.run"} <= graph.keys()
    cycles = import_cycles(graph)
    assert not cycles, "import cycles:\n  " + "\n\n  ".join(_shown(cycle, graph) for cycle in cycles)


def test_the_cycle_finder_sees_an_import_inside_a_function(tmp_path):
    for package in _LAYERED:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "cli.py").write_text("def serve():\n    import ui\n")
    (tmp_path / "ui.py").write_text("import cli\n")
    (tmp_path / "rag" / "a.py").write_text("from rag.b import x\n")
    (tmp_path / "rag" / "b.py").write_text("def f():\n    from . import c\n")
    (tmp_path / "rag" / "c.py").write_text("from .a import y\n")
    graph = import_graph(tmp_path)
    assert sorted(map(sorted, import_cycles(graph))) == [["cli", "cli", "ui"], ["rag.a", "rag.a", "rag.b", "rag.c"]]
    assert "cli → ui  (cli.py:2)" in _shown(import_cycles(graph)[0], graph)
