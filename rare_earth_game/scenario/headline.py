"""The goods a scenario headlines: chosen by its author, or its first chain's refined goods.

Summaries, charts, turn reports and the window all headline the same goods, and none of
them should need another to know which: the choice is scenario data, so it lives here.
"""

from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.world import STAGE_LEVEL


def key_commodities(scenario: Scenario, limit: int = 4) -> list[str]:
    """The goods to headline: the scenario's choice, else its first chain's refined goods."""
    if scenario.meta.key_commodities:
        return list(scenario.meta.key_commodities)[:limit]
    chain = scenario.commodities[0].chain
    refined = [c for c in scenario.commodities if c.chain == chain and STAGE_LEVEL[c.stage] >= 1]
    refined.sort(key=lambda c: -c.reference_price)
    return [c.id for c in refined[:limit]]


def main_chain(scenario: Scenario) -> str:
    """The chain of the first headline good: the one charts draw by stage."""
    commodities = key_commodities(scenario, 1)
    return (
        scenario.commodity(commodities[0]).chain if commodities else scenario.commodities[0].chain
    )
