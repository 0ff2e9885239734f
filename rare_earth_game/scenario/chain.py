"""The order in which goods are made: a topological order of the recipe graph.

Markets clear in this order each turn, so every plant's inputs have cleared before it
processes and before its outputs are sold. Stage labels (mining, processing, …) only need
to be non-decreasing along recipes; two steps may share a stage (cracking, then separation).
"""

from collections.abc import Iterable

from rare_earth_game.scenario.world import STAGE_LEVEL, Commodity, Recipe


def clearing_order(commodities: Iterable[Commodity], recipes: Iterable[Recipe]) -> list[str]:
    """Commodity ids, each after every input of every recipe that makes it.

    Ties are broken by stage, then id, so the order is the same in every process.
    Raises ValueError naming a cycle if recipes feed back into their own inputs.
    """
    level = {c.id: STAGE_LEVEL[c.stage] for c in commodities}
    upstream: dict[str, set[str]] = {c: set() for c in level}
    for recipe in recipes:
        for output in recipe.outputs:
            upstream.setdefault(output, set()).update(recipe.inputs)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(upstream):
        ready = sorted(
            (c for c, needs in upstream.items() if c not in placed and needs <= placed),
            key=lambda c: (level.get(c, 0), c),
        )
        if not ready:
            stuck = sorted(c for c in upstream if c not in placed)
            raise ValueError(f"recipes form a cycle among: {', '.join(stuck)}")
        order.append(ready[0])
        placed.add(ready[0])
    return order
