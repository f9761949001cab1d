"""The extension's import graph has no cycle, and its top level stays small.

Every import counts: module level, under ``TYPE_CHECKING`` and inside
functions. A package's ``__init__`` importing its own submodules (its setup)
is not an edge back to itself; a submodule importing its package is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "_ext" / "mlnews"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    """``module -> modules of mlnews it imports``, over every import statement of the module."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    if node.level > 1:
                        base = base[: len(base) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if not target or target == name:
                    continue
                if is_package and target.startswith(name + "."):
                    continue  # a package's setup importing its own submodules
                graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of *graph* as a path that ends where it starts, or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for successor in sorted(graph[node]):
            if state.get(successor) == 1:
                return stack[stack.index(successor) :] + [successor]
            if successor not in state:
                cycle = visit(successor)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_the_import_graph_has_no_cycle():
    cycle = find_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_cycles():
    # The test above can fail: a graph with a back edge has a cycle.
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_the_walk_sees_function_level_and_type_checking_imports():
    graph = import_graph()
    # cards/__init__.py imports its submodules inside setup_cards (not an edge);
    # archive.featured_in imports the index at module level.
    assert "mlnews.archive.index" in graph["mlnews.archive.featured_in"]
    # archive.registry imports ArchiveIndex only under TYPE_CHECKING.
    assert "mlnews.archive.index" in graph["mlnews.archive.registry"]


@pytest.mark.parametrize("package", ["core", "cli"])
def test_shared_packages_import_no_sphinx_feature(package):
    """``core`` and the command line use no feature package of the build."""
    graph = import_graph()
    features = ("mlnews.cards", "mlnews.archive", "mlnews.reader", "mlnews.book", "mlnews.build", "mlnews.data")
    for module, imports in graph.items():
        if module == f"mlnews.{package}" or module.startswith(f"mlnews.{package}."):
            # The upgrade boundary is shared: the command line's arxiv client goes through it too.
            bad = sorted(t for t in imports if t.startswith(features) and t != "mlnews.build.compat")
            assert not bad, f"{module} imports {bad}"


def test_at_most_eight_modules_at_the_top():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top
