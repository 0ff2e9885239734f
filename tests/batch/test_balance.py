"""The balance tool: every card alone and every built-in strategy, against no new policy,
on a tiny world with one card that works and one that does nothing to its metric."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from rare_earth_game.batch.balance import (
    Balance,
    _moved,
    _plant_ran,
    metric_direction,
    metric_reading,
    prerequisite_wait,
    reference_strategy,
    run_balance,
)
from rare_earth_game.cli import app
from rare_earth_game.game import GameSession
from rare_earth_game.game.strategies import built_in_strategies, get_strategy, play
from rare_earth_game.game.subscores import implication_of
from rare_earth_game.scenario import load_scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"
GAME = """
[game]
budget_per_year = 300.0

[[investments]]
id = "oxide_tariff"
pillar = "trade"
title = "Tariff on Chinese oxide"
summary = "Tax Chinese oxide so US buyers turn to the ally."
metric = "player.nonadversary_share.rare_earth.processing"
cost = 200.0
years = 1

[[investments.effects]]
type = "set_tariff"
id = "us_oxide_tariff"
importer = "USA"
exporters = ["CHN"]
commodities = ["oxide"]
rate = 1.0

[[investments]]
id = "empty_gesture"
pillar = "trade"
title = "A letter of concern"
summary = "Says something, changes nothing the game measures."
metric = "player.jobs"
cost = 20.0
years = 0

[[investments.effects]]
type = "news"
text = "The US writes a letter of concern."

[[investments]]
id = "tariff_letter"
pillar = "trade"
title = "A letter defending the tariff"
summary = "Follows the tariff; adds nothing the game measures."
metric = "player.nonadversary_share.rare_earth.processing"
cost = 20.0
years = 0
prerequisites = ["oxide_tariff"]

[[investments.effects]]
type = "news"
text = "The US defends its tariff."

[[investments]]
id = "us_mine"
pillar = "domestic"
title = "A US mine"
summary = "Opens in half a year and sells ore at home."
metric = "player.production.ore"
cost = 100.0
years = 0
effects_at = "start"

[[investments.effects]]
type = "add_miner"
id = "us_mine_site"
name = "US mine"
nation = "USA"
commodity = "ore"
status = "building"
turns_to_complete = 2
capacity = 5000
unit_cost = 1.0

[[objectives]]
id = "oxide_from_friends"
title = "Buy half of US oxide from outside China"
metric = "player.nonadversary_share.rare_earth.processing"
target = 0.5

[[objectives]]
id = "calm"
title = "Keep tension low"
metric = "player.tension_with_adversary"
target = 0.5
direction = "at_most"
"""


ALLY_SEPARATION = """name = "Ally separation"
nation = "AUS"
recipe = "separate"
capacity = 25000"""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny world, with the ally's separation plant cut to a fifth: it makes about half
    the oxide US buyers want, so they buy the rest from China until a tariff turns them to
    the ally (with the whole plant the ally already supplies every US tonne, and a tariff
    on China has nothing left to move)."""
    path = tmp_path_factory.mktemp("balance") / "world.toml"
    text = TINY.read_text(encoding="utf-8").replace("turns = 12", "turns = 16")
    assert ALLY_SEPARATION in text
    text = text.replace(ALLY_SEPARATION, ALLY_SEPARATION.replace("25000", "5000"))
    path.write_text(text + GAME, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def balance(world: Path) -> Balance:
    return run_balance(str(world), seeds=2, workers=1)


def test_a_card_that_moves_its_metric_shows_its_effect_and_when(balance: Balance) -> None:
    card = balance.cards.set_index("card").loc["oxide_tariff"]
    assert card["metric"] == "player.nonadversary_share.rare_earth.processing"
    assert card["effect_min"] > 0.1
    assert card["effect_min"] <= card["effect_mean"] <= card["effect_max"]
    assert 2 <= card["first_turn"] <= 4, "paid for in turn 1, in force from turn 2"
    assert card["first_date"] == str(2024 + int(card["first_turn"]))
    assert card["seeds_moved"] == card["seeds"] == 2
    assert card["score_change_mean"] != 0, "dearer oxide, more tension: it shows in the score"


def test_a_card_that_builds_a_plant_says_in_how_many_seeds_the_plant_ran(
    balance: Balance,
) -> None:
    cards = balance.cards.set_index("card")
    assert cards.loc["us_mine", "seeds_plant_ran"] == 2
    assert cards.loc["us_mine", "seeds_moved"] == 2
    assert pd.isna(cards.loc["oxide_tariff", "seeds_plant_ran"]), "it builds nothing"


def test_a_plant_counts_as_run_only_if_more_project_plants_ran_than_without_the_card() -> None:
    """What a card's metric does while its plant has not run (others change their plans
    around a plant being built) is not the plant paying off."""
    reference = pd.DataFrame({"game.plants_running": [0.0, 1.0, 1.0]})  # its prerequisite
    built = pd.DataFrame({"game.plants_running": [0.0, 1.0, 2.0]})
    waiting = pd.DataFrame({"game.plants_running": [0.0, 1.0, 1.0]})
    assert _plant_ran(built, reference)
    assert not _plant_ran(waiting, reference)


def test_a_card_that_moves_nothing_is_seen_as_such(balance: Balance) -> None:
    card = balance.cards.set_index("card").loc["empty_gesture"]
    assert card["effect_mean"] == 0
    assert pd.isna(card["first_turn"])
    assert card["seeds_moved"] == 0
    assert -1 < card["score_change_mean"] < 0, "only its price, as taxpayers' cost"


def test_a_card_that_needs_another_is_credited_only_with_what_it_adds(balance: Balance) -> None:
    """The letter comes after the tariff: against no new policy it would show the tariff's
    effect; against the tariff alone, it shows none, which is what it does."""
    cards = balance.cards.set_index("card")
    letter = cards.loc["tariff_letter"]
    assert letter["against"] == "fund:oxide_tariff"
    assert cards.loc["oxide_tariff", "against"] == "do_nothing"
    assert letter["effect_mean"] == 0
    assert letter["seeds_moved"] == 0


def test_every_built_in_strategy_gets_a_score_and_sub_scores(balance: Balance) -> None:
    table = balance.strategies.set_index("strategy")
    assert set(table.index) == set(built_in_strategies())
    for name in ("score", "supply_security", "goal.oxide_from_friends", "goal.calm"):
        assert table[f"{name}_min"].between(0, 100).all()
        assert (table[f"{name}_min"] <= table[f"{name}_mean"]).all()
        assert (table[f"{name}_mean"] <= table[f"{name}_max"]).all()
    assert table.loc["do_nothing", "spent_musd_mean"] == 0


def test_the_same_arguments_give_the_same_tables(world: Path, balance: Balance) -> None:
    again = run_balance(str(world), seeds=2, workers=2)
    pd.testing.assert_frame_equal(again.cards, balance.cards)
    pd.testing.assert_frame_equal(again.strategies, balance.strategies)


def test_the_command_prints_both_tables_and_writes_them(world: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["balance", str(world), "--seeds", "1", "--workers", "1", "--out", str(tmp_path), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "Each card alone" in result.output
    assert "Built-in strategies" in result.output
    assert "oxide_tariff" in result.output
    cards = pd.read_csv(tmp_path / "balance_cards.csv")
    assert list(cards["card"]) == ["oxide_tariff", "empty_gesture", "tariff_letter", "us_mine"]
    assert (tmp_path / "balance_strategies.csv").is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--preset", "sprnt"], "did you mean 'sprint'?"),
        (["--difficulty", "hrad"], "did you mean 'hard'?"),
        (["--seeds", "0"], "--seeds must be 1 or more"),
    ],
)
def test_bad_options_are_user_errors(world: Path, arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["balance", str(world), *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_a_card_behind_prerequisites_is_measured_from_when_it_can_be_funded() -> None:
    """A card alone is funded once its prerequisites are in force (a turn after them at the
    earliest): a plant that builds over time from its funding, a deal once paid in full; so
    its lead time counts from then. Quarterly turns, as in a campaign."""
    scenario = load_scenario("baseline_2025")
    session = GameSession(scenario, preset="campaign", scoring=False)
    assert prerequisite_wait(scenario, "us_separation_plant", session) == 0
    assert prerequisite_wait(scenario, "price_floor_all", session) == 1  # the plant's funded
    assert prerequisite_wait(scenario, "round_top", session) == 1  # the heavy circuit's funded
    assert prerequisite_wait(scenario, "allied_anode_plant", session) == 4  # a 1-year deal


def test_a_card_that_pays_off_with_another_differs_from_that_one_alone_only_by_itself() -> None:
    """The 2010 permit reform speeds only projects started after it: it is played with the
    Phoenix loan funded the turn after the reform is in force, and measured against the
    loan alone funded that same turn; so the two games differ by the reform only, and the
    loan's restart comes sooner in the first."""
    scenario = load_scenario("history_2010")
    session = GameSession(scenario, preset="class_period", scoring=False)
    against = reference_strategy(scenario, "permitting_2010", session)
    assert against == "fund:phoenix_loan@1"
    games = {
        name: play(
            GameSession(scenario, seed=0, preset="class_period", scoring=False, explain=False),
            get_strategy(name),
        )
        for name in ("fund:permitting_2010", against)
    }
    assert games["fund:permitting_2010"].projects["phoenix_loan"].started == 1
    assert games[against].projects["phoenix_loan"].started == 1
    assert set(games[against].projects) == {"phoenix_loan"}

    def restart(game: GameSession) -> int:
        mine = game.model.recorder.facilities_table()
        mine = mine[mine.facility == "mountain_pass_mine"]
        return int(mine[mine.status == "operating"].turn.min())

    assert restart(games["fund:permitting_2010"]) < restart(games[against])


def test_an_adversary_s_exports_and_shares_are_better_lower() -> None:
    scenario = load_scenario("baseline_2025")
    assert metric_direction(scenario, "rare_earth.manufacturing.exports.CHN") == "lower"
    assert metric_direction(scenario, "rare_earth.manufacturing.share.CHN") == "lower"
    assert metric_direction(scenario, "rare_earth.manufacturing.exports.JPN") == "higher"


def test_a_price_is_better_lower_and_serves_the_costs_sub_score() -> None:
    """A card named for a good's price (heavy oxides outside China, say) pays off when it
    cuts what buyers pay, and strategies weigh it for consumers' and industry's costs."""
    scenario = load_scenario("baseline_2025")
    for price in ("dy_oxide.price_outside.CHN", "ndfeb_magnet.price.USA", "dy_oxide.price_world"):
        assert metric_direction(scenario, price) == "lower", price
        assert implication_of(price, "USA") == "prices", price
    assert implication_of("dy_oxide.production.USA", "USA") == "supply_security"


def test_a_metric_read_by_its_worst_year_moves_when_the_worst_year_improves() -> None:
    """A stockpile for the crisis lowers demand met while it fills and raises it in the
    crisis: on average nothing moved, but the objective it serves counts the worst year."""
    turns = pd.DataFrame({"m": [0.95, 0.95, 0.70, 0.95]})
    stockpiled = pd.DataFrame({"m": [0.93, 0.92, 0.75, 0.95]})
    assert not _moved(stockpiled, turns, "m", "higher", 0)
    assert _moved(stockpiled, turns, "m", "higher", 0, "worst_year")
    assert not _moved(turns, stockpiled, "m", "higher", 0, "worst_year")


def test_a_card_is_read_as_the_objective_naming_its_metric_is_judged() -> None:
    scenario = load_scenario("history_2010")
    assert metric_reading(scenario, "player.demand_met") == "worst_year"  # "through the crisis"
    assert metric_reading(scenario, "player.nonadversary_share.rare_earth.processing") == "deadline"
    assert metric_reading(scenario, "game.alliance_strength") == "average"
