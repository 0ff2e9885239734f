"""What every agent of the engine shares: a key, the model, and one hook per turn stage.

`RareEarthModel.step()` calls the stage hooks on every agent in registration order; an
agent overrides the stages it takes part in and inherits a no-op for the rest. Market
hooks are the same: an agent that neither sells nor buys a good offers and bids nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rare_earth_game.sim.lean_mesa import mesa

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

Step = tuple[str, float, float]
"""One step of a supply or demand curve: (market node, tonnes, USD/kg)."""


class EngineAgent(mesa.Agent):  # type: ignore[misc]  # Mesa 3.3 ships no type hints
    """A nation, facility or buyer, registered with the model under its scenario id."""

    model: RareEarthModel
    nation: str
    """The nation where it trades (a nation's own id for a nation)."""

    def __init__(self, model: RareEarthModel, key: str) -> None:
        self.key = key  # set first: the model indexes agents by key as they register
        super().__init__(model)

    # --- turn stages ------------------------------------------------------------------------

    def begin_turn(self) -> None:
        """Reset this turn's tallies."""

    def advance(self) -> None:
        """Produce stage: construction, ramp-up and outages move on."""

    def settle(self) -> None:
        """Settle stage: pay fixed costs and book the turn's result."""

    def adapt(self) -> None:
        """Adapt stage: learn from the turn (risk, thrift, investment)."""

    # --- markets ----------------------------------------------------------------------------

    def sells(self, commodity: str) -> bool:
        """Whether this agent may offer the good (fixed unless the agent changes kind)."""
        return False

    def buys(self, commodity: str) -> bool:
        return False

    def offers(self, commodity: str) -> list[Step]:
        return []

    def bids(self, commodity: str) -> list[Step]:
        return []

    def stock_of(self, commodity: str) -> float:
        """Tonnes of a good held to sell or process later (whose origin content is tracked,
        see `provenance.py`); none for agents that only use goods."""
        return 0.0

    def flow_demand(self, price: Callable[[str, str], float]) -> dict[str, float]:
        """Per good it buys, tonnes a turn this agent would use at `price(good, nation)` (not
        stock building): what firms planning capacity count as demand. Asked for all its
        goods at once, so a plant works out its planned activity once for all its inputs."""
        return {}

    def sold(self, commodity: str, fills: list[float], price: float) -> None:
        """Goods handed over: one fill per offered step, at the seller's price."""

    def bought(self, commodity: str, fills: list[float], price: float) -> None:
        """Goods received: one fill per bid step, at the buyer's price."""
