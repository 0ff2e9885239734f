"""A yearly summary of a run: the few numbers a reader looks for first."""

import pandas as pd

from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.world import STAGE_LEVEL

STAGE_LABELS = {
    "mining": "Mining",
    "processing": "Processing",
    "metal": "Metal",
    "manufacturing": "Making",
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
    """Yearly means of headline prices, adversary shares per stage and player security."""
    columns: dict[str, str] = {}
    for commodity in key_commodities(scenario):
        name = scenario.commodity(commodity).name
        columns[f"{commodity}.price_outside_adversary"] = f"{name} $/kg"
    chain = main_chain(scenario)
    adversary = scenario.game.adversary
    for stage, label in STAGE_LABELS.items():
        column = f"{chain}.{stage}.adversary_share"
        if column in model_table:
            columns[column] = f"{adversary} share {label.lower()}"
    for column, label in (
        ("player.supply_security", f"{scenario.game.player} supply met"),
        (f"player.clean_share.{chain}.manufacturing", f"{scenario.game.player} clean share"),
    ):
        if column in model_table:
            columns[column] = label
    present = [c for c in columns if c in model_table]
    table = model_table.groupby("year")[present].mean()
    return table.rename(columns=columns).reset_index().rename(columns={"year": "Year"})
