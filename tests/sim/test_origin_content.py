"""Origin content follows goods from mine to buyer, by the rule in `provenance.py`."""

from typing import Any

import pytest
from helpers.worlds import build

from rare_earth_game.game.measures import PlayerMeasures
from rare_earth_game.sim.model import RareEarthModel
from rare_earth_game.sim.provenance import ADVERSARIES


def _nation(key: str, role: str) -> dict[str, str]:
    return {"id": key, "name": f"Nation {key}", "role": role}


def _good(key: str, stage: str, price: float) -> dict[str, Any]:
    return {"id": key, "name": key, "stage": stage, "chain": "rare_earth", "reference_price": price}


def magnet_world() -> dict[str, Any]:
    """Myanmar ore separated in China; Japan makes magnets of that oxide and Australian
    alloy, equal in value (0.3 t x 50 and 1 t x 15 per tonne of magnet); the US buys them."""
    return {
        "meta": {"name": "Magnet chain", "description": "A hand-computable chain."},
        "time": {"start": "2030-Q1", "turns": 4},
        "nations": [
            _nation("USA", "home"),
            _nation("CHN", "adversary"),
            _nation("MMR", "neutral"),
            _nation("JPN", "ally"),
            _nation("AUS", "ally"),
        ],
        "commodities": [
            _good("ore", "mining", 4.0),
            _good("alloy", "mining", 15.0),
            _good("oxide", "processing", 50.0),
            _good("magnet", "manufacturing", 60.0),
        ],
        "recipes": [
            {
                "id": "separate",
                "name": "Separation",
                "process": "separation",
                "inputs": {"ore": 1.0},
                "outputs": {"oxide": 0.2},
            },
            {
                "id": "magnetise",
                "name": "Magnet making",
                "process": "magnet_making",
                "inputs": {"oxide": 0.3, "alloy": 1.0},
                "outputs": {"magnet": 1.0},
            },
        ],
        "game": {"player": "USA", "adversary": "CHN"},
        "miners": [
            {
                "id": "mmr_ore",
                "name": "Kachin",
                "nation": "MMR",
                "commodity": "ore",
                "capacity": 100_000,
                "unit_cost": 1.0,
            },
            {
                "id": "aus_alloy",
                "name": "Alloy",
                "nation": "AUS",
                "commodity": "alloy",
                "capacity": 100_000,
                "unit_cost": 5.0,
            },
        ],
        "refiners": [
            {
                "id": "chn_sep",
                "name": "China separation",
                "nation": "CHN",
                "recipe": "separate",
                "capacity": 100_000,
                "unit_cost": 2.0,
            },
            {
                "id": "jpn_magnets",
                "name": "Japan magnets",
                "nation": "JPN",
                "recipe": "magnetise",
                "capacity": 20_000,
                "unit_cost": 5.0,
            },
        ],
        "buyers": [
            {
                "id": "usa_magnets",
                "nation": "USA",
                "sector": "ev",
                "commodity": "magnet",
                "base_demand": 8_000,
            }
        ],
    }


def test_the_markets_and_player_tables_agree_with_a_hand_computed_chain() -> None:
    """Chinese oxide is half the input value of a Japanese magnet: the US buys goods of
    half adversary content, so half of what it gets counts as clean (the player's figures
    are the game's: `PlayerMeasures`, as `run` attaches them)."""
    scenario = build(magnet_world())
    model = RareEarthModel(scenario, seed=0)
    PlayerMeasures.of(scenario).attach(model)  # type: ignore[union-attr]
    model.run()
    markets = model.recorder.markets_table()
    usa = markets[(markets.commodity == "magnet") & (markets.nation == "USA")]
    bought = usa[usa.imports > 0]
    assert len(bought) == 4
    assert bought.adversary_content.to_numpy() == pytest.approx(0.5)
    oxide = markets[(markets.commodity == "oxide") & (markets.nation == "JPN")]
    imported = oxide[oxide.imports > 0].adversary_content.to_numpy()
    assert len(imported) > 0
    assert imported == pytest.approx(1.0)  # separated in China, of Myanmar ore
    table = model.recorder.model_table()
    assert table["player.clean_share.rare_earth.manufacturing"].to_numpy() == pytest.approx(0.5)
    assert table["player.clean_supply"].to_numpy() == pytest.approx(
        0.5 * table["player.demand_met"].to_numpy()
    )


def test_content_is_made_in_every_nation_it_passed_through() -> None:
    """The Japanese magnet is all Japanese (made there), half Chinese (the oxide was made
    there), half Myanmar's (the ore was mined there) and half Australian (the alloy)."""
    model = RareEarthModel(build(magnet_world()), seed=0).run()
    provenance = model.provenance
    plant = model.facilities["jpn_magnets"]
    content = provenance.held(plant, "magnet")
    shares = {n: provenance.share(content, n) for n in ("JPN", "CHN", "MMR", "AUS", "USA")}
    assert shares == pytest.approx({"JPN": 1.0, "CHN": 0.5, "MMR": 0.5, "AUS": 0.5, "USA": 0.0})
    assert provenance.share(content, ADVERSARIES) == pytest.approx(0.5)


def test_stocks_mix_by_tonnes() -> None:
    model = RareEarthModel(build(magnet_world()), seed=0)
    provenance = model.provenance
    holder = model.facilities["jpn_magnets"]
    provenance.receive(holder, "oxide", 0.0, 30.0, provenance.made_in("CHN"))
    provenance.receive(holder, "oxide", 30.0, 10.0, provenance.made_in("AUS"))
    content = provenance.held(holder, "oxide")
    assert provenance.share(content, "CHN") == pytest.approx(0.75)
    assert provenance.share(content, "AUS") == pytest.approx(0.25)
