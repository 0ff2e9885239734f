"""Origin content of goods held: how much of a tonne's value is each nation's material.

Re-export controls (MOFCOM Announcement No. 61: foreign goods with 0.1 % or more of
Chinese-origin rare earths by value) and the game's "clean supply" both ask what share of
a good's value came from a nation, through any number of plants and borders. The rule,
for every nation N (and for the adversaries taken together):

- a mine's output is all of its nation's origin;
- a plant's output is all of its own nation's origin ("made in China": separating
  Myanmar ore in China makes Chinese oxide, which China's controls treat as its own);
- and it keeps the origin of the inputs it used, weighted by their value at reference
  prices ("Chinese material": a Japanese magnet of Chinese oxide carries Chinese content,
  which No. 61 follows abroad).

So content of N is the share of value mined or processed in N at any stage upstream; a
good can carry content of several nations at once. Value added abroad does not dilute it:
the inputs' mix is the measure, as in the game's clean supply since Engine v1.

Stocks mix by tonnes: what is received joins what is held, and what leaves takes the
mix. A holder's stock from before the start is taken to be like the first goods it
receives (it bought from the same suppliers); until it receives any, its goods are of its
own nation's origin. Scrap counts as its collector's origin [A: its earlier history is not
tracked].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from rare_earth_game.scenario.world import Nation as NationSpec
    from rare_earth_game.sim.agents.base import EngineAgent

Content = npt.NDArray[np.float64]
"""Share (0-1) of a tonne's value of each origin, in `Provenance.columns` order."""
ADVERSARIES = "adversaries"
"""The column for every nation of role "adversary" taken together."""


class Provenance:
    """The origin content of every stock of goods, by holder and good."""

    def __init__(self, nations: Iterable[NationSpec], prices: Mapping[str, float]) -> None:
        specs = sorted(nations, key=lambda n: n.id)
        self.columns = {n.id: i for i, n in enumerate(specs)}
        self.columns[ADVERSARIES] = len(specs)
        self.width = len(self.columns)
        self._prices = prices
        self._made_in: dict[str, Content] = {}
        for nation in specs:
            vector = np.zeros(self.width)
            vector[self.columns[nation.id]] = 1.0
            if nation.role == "adversary":
                vector[self.columns[ADVERSARIES]] = 1.0
            vector.flags.writeable = False
            self._made_in[nation.id] = vector
        self._held: dict[tuple[int, str], Content] = {}

    def made_in(self, nation: str) -> Content:
        """Content of goods mined or made in a nation from nothing traced: all its own."""
        return self._made_in[nation]

    def share(self, content: Content, origin: str) -> float:
        """The share of a nation's (or of `ADVERSARIES`') origin in some content."""
        return float(content[self.columns[origin]])

    def held(self, agent: EngineAgent, commodity: str) -> Content:
        """Content of what an agent holds (or makes to order) of a good."""
        known = self._held.get((agent.unique_id, commodity))
        return self._made_in[agent.nation] if known is None else known

    def receive(
        self, agent: EngineAgent, commodity: str, before: float, tonnes: float, content: Content
    ) -> None:
        """Goods of some content join `before` tonnes held: mixed by tonnes."""
        if tonnes <= 0:
            return
        key = (agent.unique_id, commodity)
        known = self._held.get(key)
        if known is None or before <= 0:
            self._held[key] = content
        else:
            self._held[key] = (before * known + tonnes * content) / (before + tonnes)

    def processed(
        self, plant: EngineAgent, used: Mapping[str, float], made: Mapping[str, float]
    ) -> None:
        """A plant turned `used` tonnes of inputs into `made` tonnes of outputs, which now
        sit in its stock (`stock_of`): the outputs are made in its nation and carry the
        value-weighted content of the inputs."""
        weights = {c: t * self._prices[c] for c, t in used.items() if t > 0}
        total = sum(weights.values())
        content = self._made_in[plant.nation]
        if total > 0:
            inputs = sum(w * self.held(plant, c) for c, w in weights.items()) / total
            content = np.maximum(content, inputs)
        for commodity, tonnes in made.items():
            self.receive(plant, commodity, plant.stock_of(commodity) - tonnes, tonnes, content)
