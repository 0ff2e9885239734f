"""A bankrupt owner under court protection runs its facilities for the set number of turns,
then they close; with no protection they close at once (history_2010: Molycorp fails in
2014-2015 while Mountain Pass is running, in most seeds)."""

import pandas as pd
import pytest
from helpers.episodes import scenario_with

from rare_earth_game.sim.model import RareEarthModel

SEEDS = range(5)


def _mine_running_when_its_owner_fails(turns: int) -> tuple[pd.DataFrame, int]:
    """Mountain Pass's rows, and the turn Molycorp files, in the first seed where the mine
    is running then: in some seeds it was mothballed before, and a shut mine has nothing
    for court protection to keep going."""
    for seed in SEEDS:
        scenario = scenario_with("history_2010", court_protection_turns=turns)
        facilities = RareEarthModel(scenario, seed=seed).run().recorder.facilities_table()
        mine = facilities[facilities.facility == "mountain_pass_mine"].set_index("turn")
        if mine.bankrupt.any():
            filed = int(mine[mine.bankrupt].index.min())
            if mine.status[filed - 1] == "operating":
                return mine, filed
    pytest.fail(f"in no seed of {list(SEEDS)} does Molycorp fail with Mountain Pass running")


def test_without_protection_the_mine_closes_when_its_owner_fails() -> None:
    mine, filed = _mine_running_when_its_owner_fails(0)
    assert mine.status[filed] == "closed"


def test_under_protection_the_mine_runs_on_then_closes() -> None:
    mine, filed = _mine_running_when_its_owner_fails(2)
    assert (mine.status[filed : filed + 2] == "operating").all()
    assert mine.output[filed : filed + 2].sum() > 0  # it may sell from stock every other turn
    assert (mine.status[filed + 2 :] == "closed").all()
