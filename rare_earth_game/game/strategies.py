"""Headless strategies: named ways to play a whole game through `GameSession.submit`.

Each turn a strategy looks at `session.available_actions()` and returns actions. The built-in
ones pick cards by pillar (in the scenario's order, so authors list the important cards
first), so they play any scenario. Researchers add their own with `@register`:

    @register
    class Hawk(Strategy):
        name = "hawk"
        description = "Tariffs first, talk later."
        def decide(self, session): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, TypeVar

import numpy as np

from rare_earth_game.game.actions import Action, ActionOption, SetTariff, StockpileOrder

if TYPE_CHECKING:
    from rare_earth_game.game.session import GameSession


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


def get_strategy(name: str, seed: int = 0) -> Strategy:
    """A fresh strategy by name; raises KeyError with the known names."""
    if name not in _REGISTRY:
        raise KeyError(f"unknown strategy '{name}' (known: {', '.join(strategy_names())})")
    return _REGISTRY[name](seed)


def describe_strategies() -> list[tuple[str, str]]:
    return [(name, _REGISTRY[name](0).description) for name in strategy_names()]


class _Wallet:
    """The treasury as a strategy plans within one turn, so it never asks for too much."""

    def __init__(self, session: GameSession) -> None:
        treasury = session.treasury
        self.allowance = treasury.allowance
        self.locked = treasury.locked
        self.available = treasury.available

    def fits(self, option: ActionOption) -> bool:
        if option.turns == 0:
            return option.cost <= self.available + 1e-9
        return (
            self.locked + option.per_turn <= self.allowance + 1e-9
            and option.per_turn <= self.available + 1e-9
        )

    def take(self, option: ActionOption) -> None:
        if option.turns == 0:
            self.available -= option.cost
        else:
            self.locked += option.per_turn
            self.available -= option.per_turn


def _cards(options: Iterable[ActionOption]) -> list[ActionOption]:
    return [o for o in options if o.key.startswith("card:") and o.available]


def pick(session: GameSession, wanted: Iterable[ActionOption], limit: int = 99) -> list[Action]:
    """The wanted options, in order, that fit the turn's money."""
    wallet = _Wallet(session)
    chosen: list[Action] = []
    for option in wanted:
        if len(chosen) >= limit:
            break
        if option.available and wallet.fits(option):
            wallet.take(option)
            chosen.append(option.action)
    return chosen


@register
class DoNothing(Strategy):
    name = "do_nothing"
    description = "No new policy: the world as scheduled, the AI as usual."

    def decide(self, session: GameSession) -> list[Action]:
        return []


class _PillarStrategy(Strategy):
    """Funds cards of some pillars, in the scenario's order, while money lasts."""

    pillars: ClassVar[tuple[str, ...]] = ()
    avoid_provocation: ClassVar[bool] = False

    def wanted(self, session: GameSession) -> list[ActionOption]:
        options = _cards(session.available_actions())
        chosen = [o for o in options if o.pillar in self.pillars]
        if self.avoid_provocation:
            chosen = [o for o in chosen if o.provocation <= 0.2]
        return sorted(chosen, key=lambda o: self.pillars.index(o.pillar))

    def decide(self, session: GameSession) -> list[Action]:
        return pick(session, self.wanted(session))


@register
class Onshore(_PillarStrategy):
    name = "onshore"
    description = "Build at home: permits, mines, separation, magnet and anode plants, R&D."
    pillars = ("domestic", "batteries")


@register
class Allies(_PillarStrategy):
    name = "allies"
    description = "Build with allies: joint ventures, shared plants, offtakes."
    pillars = ("allies",)


@register
class Stockpile(Strategy):
    name = "stockpile"
    description = "A strategic stockpile with crisis release, topped up every turn, and recycling."

    def decide(self, session: GameSession) -> list[Action]:
        options = session.available_actions()
        cards = [o for o in _cards(options) if o.pillar == "stockpile_recycling"]
        orders = [o for o in options if isinstance(o.action, StockpileOrder) and o.available]
        orders.sort(key=lambda o: -session.model.reference_price(o.action.commodity))  # type: ignore[union-attr]
        return pick(session, [*cards, *orders], limit=6)


@register
class Tariffs(Strategy):
    name = "tariffs"
    description = "Protect home producers: tariffs on the adversary and production incentives."

    def decide(self, session: GameSession) -> list[Action]:
        options = _cards(session.available_actions())
        protect = [o for o in options if o.pillar == "trade" and o.provocation > 0]
        incentives = [
            o
            for o in options
            if o.pillar == "domestic"
            and any(w in o.title.lower() for w in ("credit", "floor", "incentive"))
        ]
        actions = pick(session, [*protect, *incentives])
        if session.turn == 0:
            adversary = session.scenario.game.adversary
            refined = [
                c.id
                for c in session.scenario.commodities
                if c.stage in ("processing", "manufacturing")
                and c.chain == session.scenario.commodities[0].chain
            ]
            actions += [SetTariff(adversary, 0.25, good) for good in refined[:3]]
        return actions


@register
class Balanced(Strategy):
    name = "balanced"
    description = "A little of everything each turn, and talks when tension runs high."

    ROTATION: ClassVar[tuple[str, ...]] = (
        "domestic",
        "allies",
        "batteries",
        "stockpile_recycling",
        "domestic",
    )

    def decide(self, session: GameSession) -> list[Action]:
        options = _cards(session.available_actions())
        by_pillar = {p: [o for o in options if o.pillar == p] for p in set(self.ROTATION)}
        order = [
            by_pillar[pillar].pop(0)
            for pillar in self.ROTATION[session.turn % 2 :] + self.ROTATION[: session.turn % 2]
            if by_pillar[pillar] and by_pillar[pillar][0].provocation <= 0.3
        ]
        adversary = session.scenario.game.adversary
        if (
            adversary in session.model.nations
            and session.model.tension(session.player, adversary) > 0.75
        ):
            order = [o for o in options if o.pillar == "trade" and o.provocation < 0][:1] + order
        return pick(session, order, limit=3)


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


def play(session: GameSession, strategy: Strategy) -> GameSession:
    """Play a whole game with a strategy."""
    while not session.finished:
        session.submit(strategy.decide(session))
    return session
