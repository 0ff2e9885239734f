"""A bankrupt owner under court protection runs its facilities for the set number of turns,
then they close; with no protection they close at once (history_2010, seed 0: Molycorp
fails in 2014-Q4 while Mountain Pass is running)."""

from helpers.episodes import scenario_with

from rare_earth_game.sim.model import RareEarthModel


def _mine(turns: int):
    model = RareEarthModel(scenario_with("history_2010", court_protection_turns=turns), seed=0)
    facilities = model.run().recorder.facilities_table()
    return facilities[facilities.facility == "mountain_pass_mine"].set_index("turn")


def test_without_protection_the_mine_closes_when_its_owner_fails() -> None:
    mine = _mine(0)
    filed = int(mine[mine.bankrupt].index.min())
    assert mine.status[filed] == "closed"


def test_under_protection_the_mine_runs_on_then_closes() -> None:
    mine = _mine(2)
    filed = int(mine[mine.bankrupt].index.min())
    assert (mine.status[filed : filed + 2] == "operating").all()
    assert mine.output[filed + 1 : filed + 2].sum() > 0
    assert (mine.status[filed + 2 :] == "closed").all()
