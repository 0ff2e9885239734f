"""A yearly summary of a run: the few numbers a reader looks for first."""

import pandas as pd

from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.world import STAGE_LEVEL

STAGE_LABELS = {
    "mining": "mines",
    "processing": "refines",
    "metal": "metal",
    "manufacturing": "makes",
}


def key_commodities(scenario: Scenario, limit: int = 4) -> list[str]:
    """The goods to headline: the scenario's choice, else its first chain's refined goods."""
    if scenario.meta.key_commodities:
        return list(scenario.meta.key_commodities)[:limit]
    chain = scenario.commodities[0].chain
    refined = [c for c in scenario.commodities if c.chain == chain and STAGE_LEVEL[c.stage] >= 1]
    refined.sort(key=lambda c: -c.reference_price)
    return [c.id for c in refined[:limit]]


def main_chain(scenario: Scenario) -> str:
    commodities = key_commodities(scenario, 1)
    return (
        scenario.commodity(commodities[0]).chain if commodities else scenario.commodities[0].chain
    )


def yearly_summary(scenario: Scenario, model_table: pd.DataFrame) -> pd.DataFrame:
    """Yearly means of headline prices (USD/kg, outside the game's adversary), that nation's
    share of each stage and the player's demand met and supply security (from outside every
    adversary); share columns end in " %"."""
    adversary, player = scenario.game.adversary, scenario.game.player
    prices: dict[str, str] = {}
    for commodity in key_commodities(scenario):
        prices[f"{commodity}.price_outside.{adversary}"] = scenario.commodity(commodity).name
    shares: dict[str, str] = {}
    chain = main_chain(scenario)
    for stage, label in STAGE_LABELS.items():
        shares[f"{chain}.{stage}.share.{adversary}"] = f"{adversary} {label} %"
    shares["player.demand_met"] = f"{player} met %"
    shares["player.supply_security"] = f"{player} secure %"
    prices = {k: v for k, v in prices.items() if k in model_table}
    shares = {k: v for k, v in shares.items() if k in model_table}
    yearly = model_table.groupby("year")[[*prices, *shares]].mean()
    yearly[list(shares)] = 100 * yearly[list(shares)]
    return (
        yearly.rename(columns={**prices, **shares}).reset_index().rename(columns={"year": "Year"})
    )
