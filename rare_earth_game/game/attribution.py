"""Why the headline numbers moved: each change ranked by size and tied to its measured causes.

For every figure the report shows, the change since last turn is set against each candidate
cause's measured effect (`causes.measure`), turned into what the figure rises with:
- a price outside the adversary rises when supply to that market falls or use there grows,
  and with the price of what it is made from (a cause that made an input dearer counts, in
  proportion to the input's share of the cost);
- supply security rises with supply to your buyers from outside the adversary, and falls as
  they want more; demand met rises with any supply; the share from outside the adversary of
  a stage's goods rises with others' supply and falls with the adversary's;
- jobs rise with your plants and mines opening; tension with your moves and the year's
  events, and cools as grudges fade.
A cause is named only when its push has the sign of the change and is large enough to
matter, so a report never blames a cause that pushed the other way or acted on an unrelated
good. Your causes come first, then the others by size. Beside each figure: the same turn of
the no-new-policy game, which is what your moves (and the answers they drew) changed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from rare_earth_game.game.ai.tension import TENSION_PER_PROVOCATION
from rare_earth_game.game.causes import (
    ANYWAY_PREFIX,
    SHIPMENTS_PREFIX,
    Cause,
    Effect,
    Handle,
    Market,
    goods_moved,
    measure,
)
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.world import STAGE_LEVEL

if TYPE_CHECKING:
    from rare_earth_game.game.ai import PlayerMove
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.scenario.model import Scenario

MIN_PUSH = {"price": 0.01, "share": 0.005, "jobs": 1.0, "tension": 0.005}
"""What a cause must account for to be named, by kind of figure: a share of the market's
supply (prices), of your needs (shares), jobs, or tension."""
MOST_CAUSES = 3
_T = TypeVar("_T", float, Effect)
ECHO_SHARE = 0.95
"""A nation's shipments are told only when the named causes acting through it alone
account for less than this share of their tonnes."""
STAGE_NAMES = {0: "mining", 1: "processing", 2: "metal", 3: "manufacturing"}
SIGNIFICANT = {"share": 0.02, "index": 0.05, "price": 0.10, "jobs": 50.0, "tension": 0.03}
"""The change that makes a figure worth a line, by kind."""


@dataclass(frozen=True)
class Because:
    """A cause named for a change, with its measured push on the figure (same sign)."""

    cause: Cause
    good: str
    """The good it acted on."""
    push: float
    tonnes: float
    """Tonnes a year it added to supply (or, for a cause acting on use, to use)."""
    side: str
    """"supply" or "use": which of the two it moved."""
    via: str | None = None
    """The figure's good, when the cause acted on one of its inputs."""


@dataclass(frozen=True)
class Explanation:
    """A headline figure's change, its causes and the no-new-policy game's value."""

    key: str
    label: str
    kind: str
    """"price", "share", "jobs" or "tension": how the change is read and worded."""
    value: float
    change: float
    """Since last turn: relative for prices, in the figure's units otherwise."""
    causes: tuple[Because, ...]
    baseline: float | None = None

    @property
    def size(self) -> float:
        """How big the change is, in multiples of what makes it worth telling."""
        return abs(self.change) / SIGNIFICANT[self.kind]

    @property
    def yours(self) -> bool:
        """Whether the player's own doing leads the causes."""
        return bool(self.causes) and self.causes[0].cause.actor == "you"


@dataclass
class Attribution:
    """Everything a turn's explanations are measured from."""

    scenario: Scenario
    player: str
    rival: str
    causes: list[Cause]
    now: TurnObservation
    before: TurnObservation
    this: dict[str, object]
    last: dict[str, object]
    baseline: dict[str, object] | None = None
    compared: tuple[TurnObservation, TurnObservation] | None = None
    """The no-new-policy game's observations of this turn and the last: what your causes
    are measured against, so a plant that would have grown anyway is not your doing."""

    def __post_init__(self) -> None:
        everyone = frozenset(n.id for n in self.scenario.nations)
        self.outside = Market(everyone - {self.rival}, self.rival)
        self.home = Market(frozenset({self.player}), self.rival)
        self.prices = {c.id: c.reference_price for c in self.scenario.commodities}
        self.goods = {c.id: c for c in self.scenario.commodities}
        self._effects: dict[tuple[str, str, frozenset[str]], Effect] = {}
        views = {**self.before.facilities, **self.now.facilities}
        self.nation_of = {key: view.nation for key, view in views.items()}
        controls = {**self.before.controls, **self.now.controls}
        self.control_exporter = {key: view.exporter for key, view in controls.items()}
        observed = [self.now, self.before, *(self.compared or ())]
        self.cause_goods = [goods_moved(cause.handle, observed) for cause in self.causes]
        """Per cause (as in `causes`), the goods it may move: on any other its effect is
        zero, and most causes move a few goods of the dozens a figure is counted over."""
        self._moving: dict[str, list[Cause]] = defaultdict(list)
        for cause, goods in zip(self.causes, self.cause_goods, strict=True):
            for good in goods:
                self._moving[good].append(cause)

    def effect(self, cause: Cause, good: str, market: Market) -> Effect:
        """A cause's effect on a good in a market; for your causes, beyond what the same
        plants, routes and buyers did in the no-new-policy game."""
        key = (cause.key, good, market.nations)
        if key not in self._effects:
            self._effects[key] = self._measured(
                cause, partial(measure, cause, good, market), Effect()
            )
        return self._effects[key]

    def _measured(
        self, cause: Cause, moved: Callable[[TurnObservation, TurnObservation], _T], nothing: _T
    ) -> _T:
        """What a cause moved since last turn, as `moved` measures it between two
        observations: for your causes, beyond what the same plants did in the no-new-policy
        game; for a plant's "anyway" cause, what it did in that game (without one, nothing:
        yours is all of it)."""
        compared = self.compared
        if cause.key.startswith(ANYWAY_PREFIX):
            return moved(*compared) if compared else nothing
        value = moved(self.now, self.before)
        if cause.actor == "you" and compared is not None:
            value = value - moved(*compared)
        return value

    def exporter_of(self, cause: Cause) -> str | None:
        """The one nation a cause acts through (its plants, routes out, export controls),
        or None for a cause acting through several or through buyers."""
        handle = cause.handle
        nations = {self.nation_of.get(key) for key in handle.facilities}
        nations |= {rule.exporter for rule in handle.routes}
        nations |= {self.control_exporter.get(key) for key in handle.licences}
        if handle.buyers or handle.stockpiles or handle.stocks or len(nations) != 1:
            return None
        return nations.pop()

    # --- prices ----------------------------------------------------------------------------

    def price(self, good: str, label: str) -> Explanation | None:
        """A price outside the adversary: supply to that market and use there, and the
        prices of what it is made from."""
        change = self.price_change(good)
        if change is None:
            return None
        found = self._price_pushes(good, change)
        direct = {b.cause.key: b.push for b in self._price_pushes(good, -change)}
        for source, share in self._inputs(good):
            moved = self.price_change(source)
            if moved is None or moved * change <= 0:
                continue  # an input whose price moved the other way explains nothing
            for because in self._price_pushes(source, moved):
                if because.side != "supply" or because.cause.key in direct:
                    continue  # only a shift in the input's supply pushes the cost; a cause
                    # that moved the good itself the other way is not its cause
                found.append(
                    Because(
                        because.cause,
                        source,
                        because.push * share,
                        because.tonnes,
                        because.side,
                        via=good,
                    )
                )
        column = f"{good}.price_outside.{self.rival}"
        return Explanation(
            f"price:{good}",
            label,
            "price",
            _number(self.this, column),
            change,
            _chosen(found, change, MIN_PUSH["price"], self.exporter_of),
            _number(self.baseline, column) if self.baseline else None,
        )

    def price_change(self, good: str) -> float | None:
        column = f"{good}.price_outside.{self.rival}"
        now, before = _number(self.this, column), _number(self.last, column)
        if math.isnan(now) or math.isnan(before) or before <= 0:
            return None
        return now / before - 1

    def _price_pushes(self, good: str, change: float) -> list[Because]:
        base = self.before.supply_into(good, set(self.outside.nations))
        if base <= 0:
            return []
        found = []
        for cause in self._moving.get(good, []):  # in `causes` order; the rest push nothing
            effect = self.effect(cause, good, self.outside)
            push = (effect.use - effect.supply) / base
            if push * change > 0:
                found.append(_because(cause, good, push, effect))
        return found

    def _inputs(self, good: str) -> list[tuple[str, float]]:
        """(input, its share of the good's cost at reference prices) over the recipes that
        make the good."""
        shares: dict[str, float] = {}
        for recipe in self.scenario.recipes:
            if good not in recipe.outputs:
                continue
            value = sum(q * self.prices[c] for c, q in recipe.outputs.items())
            for source, quantity in recipe.inputs.items():
                share = quantity * self.prices[source] / value if value > 0 else 0.0
                shares[source] = max(shares.get(source, 0.0), share)
        return sorted(shares.items())

    # --- your supply ---------------------------------------------------------------------------

    def supply(self, key: str, label: str) -> Explanation | None:
        """A share of your needs met (security, demand met, or a stage's share from outside
        the adversary), pushed by each cause's supply to your market, by source, and use."""
        change = self._change(key)
        if change is None:
            return None
        goods = self._goods_for(key)
        if not goods:
            return None
        shares: dict[str, tuple[float, float]] = {}  # good -> (secure share, share met)
        total = 0.0  # the figure's denominator, valued at reference prices
        for good in goods:
            wanted = self.now.wanted(good, {self.player})
            supplied = self.before.supply_into(good, {self.player})
            secure = supplied - self.before.imports(good, self.player, self.rival)
            basis = supplied if key.startswith("player.nonadversary_share.") else wanted
            if basis <= 0:
                continue
            shares[good] = (secure / supplied if supplied > 0 else 0.0, supplied / basis)
            total += basis * self.prices[good]
        if total <= 0:
            return None
        found = []
        for cause, its_goods in zip(self.causes, self.cause_goods, strict=True):
            # a cause counts by its net push over the goods; on those it does not move, its
            # push is zero and leaves the net and the largest push as they are
            pushes = {}
            for good, (secure, met) in shares.items():
                if good not in its_goods:
                    continue
                effect = self.effect(cause, good, self.home)
                pushes[good] = (
                    _supply_push(key, effect, secure, met) * self.prices[good] / total,
                    effect,
                )
            net = sum(push for push, _ in pushes.values())
            if net * change > 0:
                good, (_, effect) = max(pushes.items(), key=lambda item: item[1][0] * net)
                found.append(_because(cause, good, net, effect))
        return self._explained(key, label, "share", change, found)

    def _goods_for(self, key: str) -> list[str]:
        """The goods a supply figure is counted over."""
        if key.startswith("player.nonadversary_share."):
            chain, stage = key.removeprefix("player.nonadversary_share.").split(".")
            return [
                c.id
                for c in self.scenario.commodities
                if c.chain == chain
                and c.stage != "scrap"
                and STAGE_NAMES[STAGE_LEVEL[c.stage]] == stage
            ]
        return sorted({b.good for b in self.now.buyers.values() if b.nation == self.player})

    # --- jobs, tension ----------------------------------------------------------------------

    def jobs(self, key: str, label: str) -> Explanation | None:
        """Jobs at your mines and plants: those that opened, grew, shut or closed."""
        change = self._change(key)
        if change is None:
            return None
        found = []
        for cause in self.causes:
            moved = self._measured(cause, partial(self._jobs_moved, cause), 0.0)
            if moved * change > 0:
                found.append(Because(cause, "", moved, 0.0, "jobs"))
        return self._explained(key, label, "jobs", change, found)

    def _jobs_moved(self, cause: Cause, now: TurnObservation, before: TurnObservation) -> float:
        """Jobs gained at home by the cause's mines and plants between two observations."""
        return sum(
            now.facilities[f].jobs - (before.facilities[f].jobs if f in before.facilities else 0.0)
            for f in cause.handle.facilities
            if f in now.facilities and now.facilities[f].nation == self.player
        )

    def tension(
        self,
        key: str,
        label: str,
        moves: list[PlayerMove],
        events: list[tuple[Cause, fx.ChangeTension]],
        drift: float,
        carried: float = 0.0,
        last_turn: str = "last turn",
    ) -> Explanation | None:
        """Tension with the adversary: your moves this turn, the year's events, and the
        `drift` toward the level remembered grudges hold it at; and, since a turn's figure
        is its average, what changed late last turn (`carried`: last turn's final level
        less its average, `last_turn` how the report says it) and so counts fully only now."""
        change = self._change(key)
        if change is None:
            return None
        found = []
        if carried:
            cause = Cause(
                "carried",
                "world",
                f"tension rose late {last_turn}, so it counts fully only now",
                Handle(),
                f"tension fell late {last_turn}, so it counts fully only now",
            )
            found.append(Because(cause, "", carried, carried, "tension"))
        if drift:
            cause = Cause(
                "drift",
                "world",
                "old grudges kept tension climbing",
                Handle(),
                "tension cooled as old grudges faded",
            )
            found.append(Because(cause, "", drift, drift, "tension"))
        for move in moves:
            push = TENSION_PER_PROVOCATION * move.hostility
            cause = Cause(f"move:{move.title}", "you", move.title, Handle())
            if push * change > 0:
                found.append(Because(cause, "", push, 0.0, "tension"))
        for cause, effect in events:
            if {effect.nation, effect.other} == {
                self.player,
                self.rival,
            } and effect.delta * change > 0:
                found.append(Because(cause, "", effect.delta, 0.0, "tension"))
        return self._explained(key, label, "tension", change, found)

    # --- shared -------------------------------------------------------------------------------

    def _change(self, key: str) -> float | None:
        now, before = _number(self.this, key), _number(self.last, key)
        if math.isnan(now) or math.isnan(before):
            return None
        return now - before

    def _explained(
        self, key: str, label: str, kind: str, change: float, found: list[Because]
    ) -> Explanation:
        return Explanation(
            key,
            label,
            kind,
            _number(self.this, key),
            change,
            _chosen(found, change, MIN_PUSH[kind], self.exporter_of),
            _number(self.baseline, key) if self.baseline else None,
        )


def _supply_push(key: str, effect: Effect, secure: float, met: float) -> float:
    """How a figure of your supply moves with a cause's tonnes (before weighing by value)."""
    if key == "player.supply_security":
        return effect.from_others - secure * effect.use
    if key == "player.demand_met":
        return effect.supply - met * effect.use
    if key.startswith("player.nonadversary_share."):
        return (1 - secure) * effect.from_others - secure * effect.from_rival
    return 0.0


def _because(cause: Cause, good: str, push: float, effect: Effect) -> Because:
    """A named cause, with the side (supply or use) it mostly moved."""
    if abs(effect.supply) >= abs(effect.use):
        return Because(cause, good, push, effect.supply, "supply")
    return Because(cause, good, push, effect.use, "use")


def _chosen(
    found: list[Because], change: float, floor: float, exporter_of: Callable[[Cause], str | None]
) -> tuple[Because, ...]:
    """The causes worth naming: each cause once (its largest push), pushing the way the
    figure moved, at least `floor`; yours first, then events and decisions by size, then
    the responses of firms, traders and buyers by size. A nation's shipments are not named
    beside causes acting through that nation alone (its plants, its controls) when those
    already account for the tonnes: they reach the market through its shipments, and the
    same tonnes would be told twice."""
    best: dict[str, Because] = {}
    for because in found:
        if because.push * change <= 0 or abs(because.push) < floor:
            continue
        key = because.cause.key
        if key not in best or abs(because.push) > abs(best[key].push):
            best[key] = because
    through: dict[tuple[str, str], float] = defaultdict(float)  # (exporter, good): tonnes
    for key, because in best.items():
        exporter = exporter_of(because.cause)
        if exporter is not None and not key.startswith(SHIPMENTS_PREFIX):
            through[(exporter, because.good)] += because.tonnes
    for key, because in list(best.items()):
        if key.startswith(SHIPMENTS_PREFIX):
            others = through[(key.removeprefix(SHIPMENTS_PREFIX), because.good)]
            if others * because.tonnes > 0 and abs(others) >= abs(because.tonnes) * ECHO_SHARE:
                del best[key]
    ranked = sorted(
        best.values(), key=lambda b: (b.cause.actor != "you", b.cause.generic, -abs(b.push))
    )
    return tuple(ranked[:MOST_CAUSES])


def _number(row: dict[str, object] | None, key: str) -> float:
    if row is None:
        return math.nan
    value = row.get(key, math.nan)
    return float(value) if isinstance(value, int | float) else math.nan
