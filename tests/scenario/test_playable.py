"""Playable nations in a scenario: the loader checks them where they are written, and a
scenario that lists none hashes as it did before they existed (saves still find it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rare_earth_game.scenario import ScenarioError, load_scenario, parse_scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"

GOOD = """
[[playable]]
nation = "CHN"
reward = "oxide.price_world"

[[playable.cards]]
id = "calm"
title = "Calm down"
summary = "Tension with the US eases."
repeatable = true
effects = [{ type = "change_tension", nation = "CHN", other = "USA", delta = -0.05 }]
"""


def issues(extra: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(TINY.read_text(encoding="utf-8") + extra, "tiny.toml")
    return [f"{i.key}: {i.message}" for i in caught.value.issues]


def test_a_playable_nation_with_cards_loads() -> None:
    scenario = parse_scenario(TINY.read_text(encoding="utf-8") + GOOD, "tiny.toml")
    assert [p.nation for p in scenario.playable] == ["CHN"]
    assert scenario.playable[0].cards[0].repeatable


def test_listing_playable_nations_leaves_the_content_hash_as_it_was() -> None:
    plain = load_scenario(TINY)
    played = parse_scenario(TINY.read_text(encoding="utf-8") + GOOD, "tiny.toml")
    assert plain.content_hash() == played.content_hash()


CARD = """
[[playable.cards]]
id = "calm"
title = "Calm down"
summary = "Tension eases."
effects = [{ type = "change_tension", nation = "CHN", other = "USA", delta = -0.05 }]
"""


def test_the_player_an_unknown_nation_a_bad_reward_and_a_repeated_card_are_refused() -> None:
    text = '\n[[playable]]\nnation = "USA"\nreward = "oxide.price_wrld"\n' + CARD
    text += '\n[[playable]]\nnation = "XXX"\nreward = "oxide.price_world"\n' + CARD + CARD
    found = issues(text)
    assert any(f.startswith("playable[0].nation: USA is the player") for f in found), found
    assert any(
        f.startswith(
            "playable[0].reward: unknown metric 'oxide.price_wrld'; did you mean "
            "'oxide.price_world'"
        )
        for f in found
    ), found
    assert any(f.startswith("playable[1].nation: unknown nation 'XXX'") for f in found), found
    assert any(f.startswith("playable[1].cards[1].id: duplicate card id 'calm'") for f in found), (
        found
    )


def test_a_playable_nation_needs_cards() -> None:
    found = issues('\n[[playable]]\nnation = "CHN"\nreward = "oxide.price_world"\n')
    assert any(f.startswith("playable[0]") and "cards" in f for f in found), found
