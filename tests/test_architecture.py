"""The shape of the house, read from the source: public Textual only, messages up, no import
cycle, small files. (tests/test_core_purity.py proves the core imports no Textual.)"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "coach"
MAX_LINES = 400


def modules() -> dict[str, ast.Module]:
    """Every module of the package by dotted name, parsed."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(), str(path))
    return found


def imported(name: str, tree: ast.Module) -> set[str]:
    """Modules of the package that ``name`` imports anywhere (type-checking imports too)."""
    package = name if (PACKAGE / Path(*name.split(".")[1:]) / "__init__.py").exists() else \
        name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in out if m == "coach" or m.startswith("coach.")}


def test_no_import_cycle_in_the_package() -> None:
    trees = modules()
    graph = {name: {m for m in imported(name, tree) if m in trees and m != name}
             for name, tree in trees.items()}
    # A package's __init__ imports nothing here, so edges into packages carry no cycle risk.
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == [], " | ".join(" -> ".join(c) for c in cycles)


def test_only_the_app_module_imports_the_app_class() -> None:
    for name, tree in modules().items():
        if name in ("coach.ui.app", "coach.commands.app"):
            continue
        assert "coach.ui.app" not in imported(name, tree), f"{name} imports the app class"


def test_no_module_assigns_to_a_textual_class() -> None:
    """Public Textual only: nothing is patched onto Textual's classes or modules."""
    for name, tree in modules().items():
        textual_names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
                textual_names |= {alias.asname or alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                textual_names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names
                                  if alias.name.split(".")[0] == "textual"}
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("setattr", "delattr") and node.args):
                targets = [ast.Attribute(value=node.args[0], attr="?")]
            for target in targets:
                while isinstance(target, ast.Attribute):
                    target = target.value
                    if isinstance(target, ast.Name) and target.id in textual_names:
                        raise AssertionError(f"{name}:{node.lineno} assigns to Textual's {target.id}")


def test_screens_and_views_do_not_import_their_parents() -> None:
    """Messages up: step views never import the runner screen; widgets import no screen."""
    for name, tree in modules().items():
        found = imported(name, tree)
        if name.startswith("coach.ui.runner.") and name != "coach.ui.runner.runner_screen":
            assert "coach.ui.runner.runner_screen" not in found, name
        if name.startswith("coach.ui.widgets."):
            assert not any(m.startswith("coach.ui.screens") or m.startswith("coach.ui.runner")
                           for m in found), name


def test_no_file_is_past_four_hundred_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}
