"""A yearly summary of a run: the few numbers a reader looks for first."""

import pandas as pd

from rare_earth_game.scenario.headline import key_commodities, main_chain
from rare_earth_game.scenario.model import Scenario

STAGE_LABELS = {
    "mining": "mines",
    "processing": "refines",
    "metal": "metal",
    "manufacturing": "makes",
}


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
