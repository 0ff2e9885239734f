"""The packages depend one way: scenario <- sim <- game <- report, batch <- ui, cli.

A module may import only from its own layer and the layers below it, so the engine never
learns of the game and the game never of its reports or window."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rare_earth_game"
BELOW = {
    "scenario": set(),
    "sim": {"scenario"},
    "game": {"scenario", "sim"},
    "report": {"scenario", "sim", "game"},
    "batch": {"scenario", "sim", "game", "report"},
    "ui": {"scenario", "sim", "game", "report"},
}


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return {
        name.split(".")[1]
        for name in names
        if name.startswith("rare_earth_game.") and len(name.split(".")) > 1
    }


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_a_layer_imports_only_from_itself_and_below(layer: str) -> None:
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        wrong = _imported_packages(path) - BELOW[layer] - {layer}
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"
