"""Playable nations: who besides the player an agent may play in the world game, with what.

The classroom game has one player; the research world game (`rare_earth_game.env.WorldEnv`)
lets agents play the adversary and allies too. A scenario says which nations may be
played and gives each its cards: moves made of the same effects as events and the
player's cards, so an author writes them the same way and the loader checks them alike.
An agent that plays a nation decides its moves in place of the nation's AI.

    [[playable]]
    nation = "CHN"
    reward = "rare_earth.processing.share.CHN"

    [[playable.cards]]
    id = "court_the_us"
    title = "Court Washington"
    summary = "Resume purchases and talks: tension with the US eases."
    effects = [{ type = "change_tension", nation = "CHN", other = "USA", delta = -0.05 }]

A card is made once a game unless it is `repeatable`. Its effects act as the nation's own
(as its AI's moves would), from the turn it is made.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from rare_earth_game.scenario.effects import Effect
from rare_earth_game.scenario.errors import Loc, key_path
from rare_earth_game.scenario.metric_names import metric_problem
from rare_earth_game.scenario.types import Id, Section

if TYPE_CHECKING:
    from rare_earth_game.scenario.model import Scenario

Finding = tuple[Loc, str]


class NationCard(Section):
    """A move a playable nation can make in a turn of the world game."""

    id: Id
    title: str = Field(min_length=1, max_length=48, description="Short title of the move.")
    summary: str = Field(min_length=1, max_length=160, description="One-line explanation.")
    repeatable: bool = Field(
        default=False, description="Can be made again in later turns (otherwise once a game)."
    )
    effects: tuple[Effect, ...] = Field(
        min_length=1, description="What the move does (tension it moves included)."
    )


class PlayableNation(Section):
    """A nation an agent may play in the world game, and its cards."""

    nation: Id = Field(description="The nation; not the player's, whose cards are its own.")
    reward: str = Field(
        min_length=1,
        description="The figure its agent is rewarded for raising, turn by turn: a "
        'model-table column such as "rare_earth.processing.share.CHN".',
    )
    cards: tuple[NationCard, ...] = Field(min_length=1, description="Its moves.")


def playable_findings(scenario: "Scenario") -> Iterator[Finding]:
    """Each playable nation once, never the player's; card ids unique within a nation;
    rewards that name a figure the game records."""
    first: dict[str, int] = {}
    for i, playable in enumerate(scenario.playable):
        loc: Loc = ("playable", i)
        if playable.nation == scenario.game.player:
            yield (
                (*loc, "nation"),
                f"{playable.nation} is the player (game.player), whose moves are its "
                "investment cards; list other nations here",
            )
        elif playable.nation in first:
            yield (
                (*loc, "nation"),
                f"{playable.nation} is already playable at "
                f"{key_path(('playable', first[playable.nation]))}",
            )
        first.setdefault(playable.nation, i)
        problem = metric_problem(playable.reward, scenario)
        if problem is not None:
            yield (*loc, "reward"), problem
        seen: dict[str, int] = {}
        for j, card in enumerate(playable.cards):
            if card.id in seen:
                yield (
                    (*loc, "cards", j, "id"),
                    f"duplicate card id '{card.id}' for {playable.nation}, already used by "
                    f"{key_path((*loc, 'cards', seen[card.id]))}; ids must be unique",
                )
            seen.setdefault(card.id, j)
