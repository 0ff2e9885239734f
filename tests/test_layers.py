"""The packages depend one way: errors <- scenario <- sim <- game <- report, batch, env <- ui,
cli.

The test builds the import graph of every module in the package, imports inside functions
(the lazy ones) and `from rare_earth_game import x` included, and fails on any edge that
goes the wrong way, so the engine never learns of the game and the game never of its
reports or window."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rare_earth_game"
NAME = PACKAGE.name
BELOW: dict[str, set[str]] = {
    "errors": set(),
    "forking": set(),
    "scenario": {"errors"},
    "sim": {"errors", "scenario"},
    "game": {"errors", "scenario", "sim", "forking"},
    "calibration": {"errors", "scenario", "sim"},
    "report": {"errors", "scenario", "sim", "game", "forking"},
    "worker_process": set(),
    "batch": {"errors", "scenario", "sim", "game", "report", "worker_process", "forking"},
    "ui": {"errors", "scenario", "sim", "game", "report", "forking"},
    "env": {"errors", "scenario", "sim", "game", "forking"},
}
"""What each layer may import besides itself. The CLI (entry, cli, cli_output, __main__) sits on
top and may import anything; the package's __init__ only its version. `worker_process` is
what a batch worker runs before it imports anything else, so it imports nothing; `forking`
(work handed to a forked child) needs nothing of the game either."""
TOP = {"entry", "cli", "cli_output", "__main__"}


def _layer(module: str) -> str:
    """`rare_earth_game.sim.market.lp` -> `sim`; `rare_earth_game` -> `__init__`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").is_file() or (PACKAGE / name).is_dir()


def import_graph() -> dict[str, set[str]]:
    """Module -> package modules it imports, anywhere in its body."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_of(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against this module's package
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                edges.add(base)
                if base == NAME:  # `from rare_earth_game import errors` (a module)
                    edges |= {f"{NAME}.{a.name}" for a in node.names if _is_module(a.name)}
        graph[module] = {e for e in edges if e == NAME or e.startswith(f"{NAME}.")}
    return graph


GRAPH = import_graph()


def test_the_graph_sees_every_layer() -> None:
    layers = {_layer(module) for module in GRAPH}
    assert set(BELOW) | TOP <= layers | {"__main__"}, "a layer the test does not know"
    assert layers <= set(BELOW) | TOP | {"__init__"}, "a module outside every layer"


def wrong_edges(graph: dict[str, set[str]], layer: str) -> list[str]:
    """Edges out of `layer` into a layer it may not import."""
    wrong = []
    for module, imported in sorted(graph.items()):
        if _layer(module) != layer:
            continue
        for target in sorted(imported):
            if target != NAME and _layer(target) not in BELOW[layer] | {layer}:
                wrong.append(f"{module} -> {target}")
    return wrong


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_no_import_goes_the_wrong_way(layer: str) -> None:
    wrong = wrong_edges(GRAPH, layer)
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_graph_has_the_lazy_imports_and_a_wrong_edge_is_caught() -> None:
    """Not vacuous: imports inside functions are edges, and engine -> game is refused."""
    assert f"{NAME}.ui.app" in GRAPH[f"{NAME}.cli"], "the CLI imports the window lazily"
    engine_to_game = {f"{NAME}.sim.model": {f"{NAME}.game.session"}}
    assert wrong_edges(engine_to_game, "sim") == [f"{NAME}.sim.model -> {NAME}.game.session"]
    game_to_window = {f"{NAME}.game.report": {f"{NAME}.ui.app"}}
    assert wrong_edges(game_to_window, "game")
