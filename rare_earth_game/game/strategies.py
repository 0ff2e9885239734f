"""Headless strategies: named ways to play a whole game through `GameSession.submit`.

Each turn a strategy looks at `session.available_actions()` and returns actions. The built-in
ones choose cards by what every option says about itself (pillar, the metric it is meant
to move, cost, running cost and how soon it acts), never by card id, so they play any
scenario and use the cards its author adds. Researchers add their own with `@register`:

    @register
    class Hawk(Strategy):
        name = "hawk"
        description = "Tariffs first, talk later."
        def decide(self, session): ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

import numpy as np

from rare_earth_game.game.actions import Action, ActionOption, SetTariff, StockpileOrder
from rare_earth_game.game.choosing import acts_in_time, cards, pick, saving_for, value_for_money
from rare_earth_game.scenario.errors import suggestion

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.scenario.model import Scenario


FUND_PREFIX = "fund:"
"""`fund:CARD` names the strategy that funds that one card and nothing else (but the card
it pays off with, if it names one); `fund:CARD@TURN` waits until game turn TURN (from 0)."""
SELF_SUFFICIENCY = "player.self_sufficiency."
CALM = 0.3
"""Strategies that avoid a quarrel skip cards the adversary reads as more hostile than this."""


class Strategy:
    """Decides a turn's actions from what a session offers."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def decide(self, session: GameSession) -> list[Action]:
        raise NotImplementedError


_REGISTRY: dict[str, Callable[[int], Strategy]] = {}


StrategyClass = TypeVar("StrategyClass", bound=type[Strategy])


def register(cls: StrategyClass) -> StrategyClass:
    """Make a strategy class available by its `name` to `get_strategy` and the CLI."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} needs a `name`")
    _REGISTRY[cls.name] = cls
    return cls


def strategy_names() -> list[str]:
    return sorted(_REGISTRY)


def built_in_strategies() -> list[str]:
    """The strategies this module defines (not those researchers register)."""
    return sorted(name for name, cls in _REGISTRY.items() if cls.__module__ == __name__)


def fund_name(card: str, from_turn: int = 0) -> str:
    """The name of the strategy that funds `card` from game turn `from_turn`."""
    return f"{FUND_PREFIX}{card}" + (f"@{from_turn}" if from_turn else "")


def _fund_parts(name: str) -> tuple[str, str]:
    card, _, turn = name.removeprefix(FUND_PREFIX).partition("@")
    return card, turn


def get_strategy(name: str, seed: int = 0) -> Strategy:
    """A fresh strategy by name (or `fund:CARD[@TURN]`); raises KeyError with the known
    names."""
    if name.startswith(FUND_PREFIX):
        card, turn = _fund_parts(name)
        return FundOne(card, seed, int(turn) if turn else 0)
    if name not in _REGISTRY:
        raise KeyError(f"unknown strategy '{name}' (known: {', '.join(strategy_names())})")
    return _REGISTRY[name](seed)


def strategy_problem(name: str, scenario: Scenario | None) -> str | None:
    """None if `name` can play `scenario` (its cards unchecked if None); otherwise what is
    wrong, with a suggestion."""
    if name.startswith(FUND_PREFIX):
        card, turn = _fund_parts(name)
        if "@" in name and not turn.isdigit():
            return f"'{name}': after @ comes the game turn to fund it from (0 is the first)"
        cards = [c.id for c in scenario.investments] if scenario is not None else [card]
        if card in cards:
            return None
        return f"no investment card '{card}' in this scenario{suggestion(card, cards)}"
    if name in _REGISTRY:
        return None
    known = strategy_names()
    hint = suggestion(name, known) or f" (known: {', '.join(known)}, or {FUND_PREFIX}CARD)"
    return f"unknown strategy '{name}'{hint}"


def describe_strategies() -> list[tuple[str, str]]:
    return [(name, _REGISTRY[name](0).description) for name in strategy_names()]


@register
class DoNothing(Strategy):
    name = "do_nothing"
    description = "No new policy: the world as scheduled, the AI as usual."

    def decide(self, session: GameSession) -> list[Action]:
        return []


@register
class Onshore(Strategy):
    name = "onshore"
    description = (
        "Build at home: domestic cards and any card named for home self-sufficiency, "
        "quickest to act first."
    )

    def decide(self, session: GameSession) -> list[Action]:
        home = [
            o
            for o in cards(session.available_actions())
            if (o.pillar == "domestic" or (o.metric or "").startswith(SELF_SUFFICIENCY))
            and o.provocation <= CALM
            and acts_in_time(session, o)
        ]
        return pick(session, sorted(home, key=lambda o: (o.lead_turns, o.cost)))


@register
class Allies(Strategy):
    name = "allies"
    description = (
        "Build with allies: joint ventures, shared plants, supply contracts, best value "
        "first; talks with the adversary when the ventures strain relations."
    )

    TALKS_TENSION: ClassVar[float] = 0.65

    def decide(self, session: GameSession) -> list[Action]:
        adversary = session.scenario.game.adversary
        options = cards(session.available_actions())
        together = [
            o
            for o in options
            if (o.pillar == "allies" or (o.partner is not None and o.partner != adversary))
            and acts_in_time(session, o)
        ]
        order = sorted(together, key=lambda o: -value_for_money(session, o))
        if (
            adversary in session.model.nations
            and session.model.tension(session.player, adversary) > self.TALKS_TENSION
        ):
            talks = [o for o in options if o.pillar == "trade" and o.provocation < 0]
            order = sorted(talks, key=lambda o: o.cost)[:1] + order
        return pick(session, order)


@register
class Stockpile(Strategy):
    name = "stockpile"
    description = (
        "A strategic stockpile and recycling: stockpile cards first, stock bought up to "
        "six months of cover, released by hand when prices run high."
    )

    COVER_MONTHS: ClassVar[float] = 6.0
    RELEASE_ABOVE: ClassVar[float] = 1.4
    """Release a quarter of what is held when the price index is above this."""

    def decide(self, session: GameSession) -> list[Action]:
        options = session.available_actions()
        chosen = [
            o
            for o in cards(options)
            if o.pillar == "stockpile_recycling" and acts_in_time(session, o)
        ]
        chosen.sort(key=lambda o: -value_for_money(session, o))
        history = session.game_rows[-1] if session.game_rows else {}
        held = session.model.nations[session.player].stockpiles
        if history.get("player.price_index", 1.0) > self.RELEASE_ABOVE:
            return [
                StockpileOrder(good, -stock.holding / 4)
                for good, stock in sorted(held.items())
                if stock.holding > 1
            ] + pick(session, chosen, limit=2)
        orders: list[ActionOption] = []
        if history.get("player.stockpile_cover_months", 0.0) < self.COVER_MONTHS:
            orders = [o for o in options if isinstance(o.action, StockpileOrder) and o.available]
            orders.sort(key=lambda o: -session.model.reference_price(o.action.commodity))  # type: ignore[union-attr,arg-type]
        return pick(session, [*chosen, *orders], limit=4)


@register
class Tariffs(Strategy):
    name = "tariffs"
    description = (
        "Protect home producers: tariffs on the adversary's refined goods, protective trade "
        "cards, and domestic cards that act at once, cheapest first."
    )

    def decide(self, session: GameSession) -> list[Action]:
        options = cards(session.available_actions())
        protect = [o for o in options if o.pillar == "trade" and o.provocation > 0]
        incentives = sorted(
            (o for o in options if o.pillar == "domestic" and o.lead_turns <= 1),
            key=lambda o: o.cost,
        )
        actions = pick(session, [*protect, *incentives])
        if session.turn == 0:
            adversary = session.scenario.game.adversary
            chain = session.scenario.commodities[0].chain
            refined = [
                c.id
                for c in session.scenario.commodities
                if c.stage in ("processing", "manufacturing") and c.chain == chain
            ]
            actions += [SetTariff(adversary, 0.25, good) for good in refined[:3]]
        return actions


@register
class Balanced(Strategy):
    name = "balanced"
    description = (
        "The best value for money in each pillar in turn, a few a turn, saving for one "
        "that is out of reach this turn; talks when tension runs high."
    )

    PILLARS: ClassVar[tuple[str, ...]] = ("domestic", "allies", "batteries", "stockpile_recycling")
    PER_TURN: ClassVar[int] = 3
    TALKS_TENSION: ClassVar[float] = 0.75

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed)
        self.target: str | None = None
        """The card it is saving for, if the best of a pillar's turn was out of reach."""

    def decide(self, session: GameSession) -> list[Action]:
        everything = session.available_actions()
        options = cards(everything)
        ranked = {
            pillar: sorted(
                (
                    o
                    for o in [*options, *saving_for(session, everything)]
                    if o.pillar == pillar and o.provocation <= CALM and acts_in_time(session, o)
                ),
                key=lambda o: -value_for_money(session, o),
            )
            for pillar in self.PILLARS
        }
        start = session.turn % len(self.PILLARS)
        rotation = self.PILLARS[start:] + self.PILLARS[:start]
        ranks = max((len(places) for places in ranked.values()), default=0)
        order = [option for rank in range(ranks) for option in _nth(ranked, rotation, rank)]
        target = next((o for o in order if o.key == self.target), None)
        if target is not None:  # the card it has been saving for comes first
            order = [target, *(o for o in order if o is not target)]
        self.target = None
        if order and not order[0].available:
            self.target = order[0].key  # the best card of the pillar in turn: save for it
            order = []
        adversary = session.scenario.game.adversary
        if (
            adversary in session.model.nations
            and session.model.tension(session.player, adversary) > self.TALKS_TENSION
        ):
            talks = [o for o in options if o.pillar == "trade" and o.provocation < 0]
            order = sorted(talks, key=lambda o: o.cost)[:1] + order
        return pick(session, order, limit=self.PER_TURN)


def _nth(
    ranked: dict[str, list[ActionOption]], rotation: tuple[str, ...], rank: int
) -> list[ActionOption]:
    """The rank-th best option of each pillar, in the rotation's order."""
    return [ranked[p][rank] for p in rotation if rank < len(ranked[p])]


@register
class RandomPlay(Strategy):
    name = "random"
    description = "Picks affordable options at random (seeded), as a reference point."

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed)
        self.rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(11,)))

    def decide(self, session: GameSession) -> list[Action]:
        options = [
            o
            for o in session.available_actions()
            if o.available and not isinstance(o.action, SetTariff)
        ]
        if not options:
            return []
        count = int(self.rng.integers(0, min(3, len(options)) + 1))
        picks = self.rng.permutation(len(options))[:count]
        return pick(session, [options[int(i)] for i in picks])


class FundOne(Strategy):
    """Funds one card as soon as it can (its prerequisites first), then nothing more: a card
    alone, as the balance tool measures it. A card that pays off only through another
    (`pays_off_with`) is followed by that one, the turn after it is in force. Named
    `fund:CARD`, or `fund:CARD@TURN` to wait until game turn TURN."""

    description = (
        "Funds one card as soon as it can, its prerequisites first (and the card it pays "
        "off with, once it is in force); nothing else. fund:CARD@TURN waits until that turn."
    )

    def __init__(self, card: str, seed: int = 0, from_turn: int = 0) -> None:
        super().__init__(seed)
        self.card = card
        self.from_turn = from_turn
        self.name = fund_name(card, from_turn)  # type: ignore[misc]

    def decide(self, session: GameSession) -> list[Action]:
        if self.card not in session.cards:
            raise KeyError(f"no investment card '{self.card}' in this scenario")
        if session.turn < self.from_turn:
            return []
        if self.card in session.projects:
            partner = session.cards[self.card].pays_off_with
            if partner is None or partner in session.projects:
                return []
            if not session.projects[self.card].in_force:
                return []
            return self._fund(session, partner)
        return self._fund(session, self.card)

    @staticmethod
    def _fund(session: GameSession, card: str) -> list[Action]:
        options = {o.key: o for o in session.available_actions()}
        needed = [c for c in _with_prerequisites(session, card) if c not in session.projects]
        return pick(session, [options[f"card:{c}"] for c in needed])


def _with_prerequisites(session: GameSession, card: str) -> list[str]:
    """The card after every card it needs, deepest first."""
    chain: list[str] = []
    for needed in session.cards[card].prerequisites:
        chain += [c for c in _with_prerequisites(session, needed) if c not in chain]
    return [*chain, card]


def play(session: GameSession, strategy: Strategy) -> GameSession:
    """Play a whole game with a strategy."""
    while not session.finished:
        session.submit(strategy.decide(session))
    return session
