"""The import structure: one-way flow between the parts of the package, and no cycle.

Every ``import`` in every module counts, late ones inside functions included; only imports
under ``if TYPE_CHECKING:`` (never executed, for annotations only) are left out. Run this file
to print the arrows between the parts.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PACKAGE = ROOT / "src" / "ntm_criteria"

#: The parts of the package from the bottom up: a module may import from its own part and from
#: parts below it, never from a part above.
FLOW: tuple[tuple[str, ...], ...] = (
    ("errors", "_text", "_frozen", "_optional", "_batch", "messages"),
    ("model",),
    ("converter",),
    ("data",),
    ("coverage_report", "strategies"),
    ("engine",),
    ("certification",),
    ("io",),
    ("rollup",),
    ("planning",),
    ("output",),
    ("report", "cases"),
    ("cli", "__init__"),
)
RANK = {part: rank for rank, parts in enumerate(FLOW) for part in parts}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str:
    names = module.split(".")
    return names[1] if len(names) > 1 else "__init__"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    tree: ast.AST, module: str, is_package: bool, modules: frozenset[str] = frozenset()
) -> Iterator[str]:
    """The modules ``tree`` imports: ``from X import a`` is X.a when that is a module, else X."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (m for n in node.orelse for m in _imports(n, module, is_package, modules))
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in modules else target
        yield from _imports(node, module, is_package, modules)


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere in its code)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = _imports(tree, name, path.name == "__init__.py", frozenset(modules))
        graph[name] = {t for t in found if t in modules and t != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_every_part_is_placed_in_the_flow() -> None:
    parts = {_part(m) for m in import_graph()}
    assert parts == set(RANK)


def test_imports_flow_one_way() -> None:
    against = [
        f"{source} -> {target}"
        for source, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if RANK[_part(target)] > RANK[_part(source)]
    ]
    assert against == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert _cycle(import_graph()) == []


def test_the_checks_see_late_imports_and_cycles() -> None:
    # a late import inside a function is an arrow; one under TYPE_CHECKING is not
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ntm_criteria.report import html\n"
        "def f():\n    from ntm_criteria.engine import results\n"
    )
    found = set(
        _imports(tree, "ntm_criteria.model.x", False, frozenset({"ntm_criteria.engine.results"}))
    )
    assert "ntm_criteria.engine.results" in found
    assert not any(t.startswith("ntm_criteria.report") for t in found)
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


if __name__ == "__main__":
    for source, targets in sorted(import_graph().items()):
        for target in sorted(targets):
            if _part(source) != _part(target):
                print(f"{source} -> {target}")
