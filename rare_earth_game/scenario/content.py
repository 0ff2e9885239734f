"""What goods contain: each good's embodied value share of other goods, from the recipes.

Export controls are written on content: MOFCOM Announcement No. 18 covers "magnets
containing Dy or Tb", No. 61 foreign goods with 0.1 % or more of Chinese rare earths by
value. A control with a `content_threshold` covers every good whose value share of its
listed goods reaches the threshold, so this table is what "containing" means.

A recipe's inputs are shared among its outputs by output value at reference prices, so
each output embodies the same share of an input: the input's value over the value of all
outputs (at most 1). Shares chain through the recipes. A good made by several recipes
(magnets from metal or from scrap) takes the largest share any of them gives: a control
names a kind of good, not one plant's batch.
"""

from __future__ import annotations

from collections.abc import Iterable

from rare_earth_game.scenario.world import Commodity, Recipe

CONTENT_EPSILON = 1e-9
"""Shares below this are rounding, not content."""


def reaches(share: float, threshold: float) -> bool:
    """Whether a content share meets a threshold; a threshold of 0 means any content at all."""
    return share > CONTENT_EPSILON and share >= threshold - CONTENT_EPSILON


class ContentTable:
    """Embodied value shares between a scenario's goods, fixed by its recipes and prices."""

    def __init__(self, commodities: Iterable[Commodity], recipes: Iterable[Recipe]) -> None:
        price = {c.id: c.reference_price for c in commodities}
        self.goods = tuple(price)
        self._made_by: dict[str, list[dict[str, float]]] = {}
        """Per good, per recipe making it: each input's value share in every output."""
        for recipe in recipes:
            value = sum(q * price[c] for c, q in recipe.outputs.items())
            shares = {c: min(1.0, q * price[c] / value) for c, q in recipe.inputs.items()}
            for output in recipe.outputs:
                self._made_by.setdefault(output, []).append(shares)
        self._cache: dict[tuple[str, frozenset[str]], float] = {}

    def share(self, good: str, ingredients: Iterable[str]) -> float:
        """Value share (0-1) of a good embodied from the ingredients taken together; a good
        counts as all of itself, so a listed good has share 1."""
        return self._share(good, frozenset(ingredients))

    def _share(self, good: str, ingredients: frozenset[str]) -> float:
        if good in ingredients:
            return 1.0
        key = (good, ingredients)
        cached = self._cache.get(key)
        if cached is None:
            cached = max(
                (
                    min(1.0, sum(v * self._share(c, ingredients) for c, v in shares.items()))
                    for shares in self._made_by.get(good, ())
                ),
                default=0.0,
            )
            self._cache[key] = cached
        return cached

    def containing(self, ingredients: Iterable[str], threshold: float) -> tuple[str, ...]:
        """The goods whose share of the ingredients reaches the threshold (the ingredients
        themselves among them), in the scenario's order."""
        listed = frozenset(ingredients)
        return tuple(g for g in self.goods if reaches(self._share(g, listed), threshold))
