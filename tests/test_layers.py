"""The package's imports, read from the source: no cycle, and no folder importing from one above it."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "complaint"

# Lowest first: a module may import from its own layer and the ones below it, never from one above.
LAYERS = (
    ("complaint.model", "complaint.answers", "complaint.config", "complaint.clock", "complaint.refusal",
     "complaint.dates"),
    ("complaint.law",),
    ("complaint.evidence",),
    ("complaint.storage",),
    ("complaint.letters",),
    ("complaint.web",),
    ("complaint.cli", "complaint"),
)

def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _targets(node: ast.Import | ast.ImportFrom, modules) -> list[str]:
    """The package's modules an import statement names (`from a import b` names a.b when b is a module)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        assert node.level == 0, "the package uses absolute imports only"
        names = [f"{node.module}.{alias.name}" for alias in node.names]
    found = []
    for name in names:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name:
            found.append(name)
    return found


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _graph() -> dict[str, set[str]]:
    """Module -> the modules importing it runs: every import, at the top or inside a function, and the packages
    (their __init__) it passes through on the way, unless the importer is inside them already."""
    modules = _modules()
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _targets(node, modules):
                    outside = [p for p in _parents(target) if p not in (*_parents(name), name)]
                    graph[name].update(t for t in (*outside, target) if t != name)
    return graph


def _layer(name: str) -> int:
    return next(n for n, layer in enumerate(LAYERS)
                if any(name == top or (top != "complaint" and name.startswith(top + ".")) for top in layer))


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of imports, as the modules along it, or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[name] = "done"
        path.pop()
        return None

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_the_package_imports_have_no_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle)


def test_no_module_imports_from_a_layer_above_its_own():
    upward = sorted((name, target) for name, targets in _graph().items() for target in targets
                    if _layer(target) > _layer(name))
    assert upward == []
