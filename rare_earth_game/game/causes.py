"""The candidate causes of a turn's changes, and each one's measured effect on a market.

A cause is something that happened this turn or acts through something that did: one of
your moves or projects, a move of the AI's, a scheduled or random event, a plant opening or
shutting, a licence refusing more or less, buyers stocking up. Each carries a *handle*: the
facilities, trade routes, buyers or stocks it acts through. Its effect on a good in a market
(a set of nations: everywhere outside the adversary, or your own) is measured by comparing
this turn's observation with last turn's through that handle: tonnes a year more or less
supplied to the market (split by whether they came from the adversary) and tonnes a year
more or less used there. A route or buyer handle carries the direction its cause must move
things in; a change the other way is someone else's doing and is not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rare_earth_game.game.ai import Decision
from rare_earth_game.game.cards import card_facility
from rare_earth_game.scenario import effects as fx

if TYPE_CHECKING:
    from rare_earth_game.game.actions import ActionResult
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.game.projects import Project
    from rare_earth_game.scenario.model import Scenario

Actor = Literal["you", "rival", "world", "market"]
"""Whose doing a cause is: the player's, the AI's, history's or chance's, or firms' and
buyers' own."""

PLANT_PREFIX, SHIPMENTS_PREFIX, ANYWAY_PREFIX = "output:", "shipments:", "anyway:"
"""Keys of a plant's own response, of a nation's shipments, and of what a plant your
moves act through does without them."""

FACILITY_NEWS = {
    "facility_opened": "started production",
    "facility_mothballed": "shut down for now, losing money",
    "facility_retired": "closed for good",
    "facility_restarting": "began a restart",
    "site_mothballed": "shut one of its sites for now, losing money",
    "site_restarting": "began restarting one of its sites",
    "sites_retired": "closed its shut sites for good",
    "expansion_done": "finished an expansion",
    "bankruptcy": "closed: its owner went bankrupt",
}
"""What the engine's notes about a mine or plant mean, in plain words."""
FACILITY_SIGN = {
    "facility_opened": 1,
    "facility_mothballed": -1,
    "facility_retired": -1,
    "facility_restarting": 1,
    "site_mothballed": -1,
    "site_restarting": 1,
    "sites_retired": -1,
    "expansion_done": 1,
    "bankruptcy": -1,
}
"""Which way each of those moves the facility's output."""


@dataclass(frozen=True)
class RouteRule:
    """Trade from one exporter (to some importers, in some goods) that a cause moves, and
    which way: -1 it holds trade back, +1 it lets more through."""

    exporter: str
    importers: tuple[str, ...] | None
    goods: tuple[str, ...] | None
    sign: int


@dataclass(frozen=True)
class Handle:
    """What a cause acts through."""

    facilities: tuple[str, ...] = ()
    facility_sign: int = 0
    """Which way the cause moves those facilities' output (0: either): an accident only
    cuts, an opening only adds; a change the other way is the plant's own doing."""
    routes: tuple[RouteRule, ...] = ()
    buyers: tuple[str, ...] = ()
    demand_sign: int = 0
    """Which way the cause moves those buyers' wants (0: either)."""
    stockpiles: tuple[str, ...] = ()
    """Nations whose government stockpile purchases it makes."""
    licences: tuple[str, ...] = ()
    """Licence regimes whose refusals are its doing: set or tightened (what they refuse
    more than last year), or lifted (what they refused last year)."""
    stocks: bool = False
    """Buyers' own stocks in the market."""


@dataclass(frozen=True)
class Cause:
    """Something that may explain a change, and whose doing it is."""

    key: str
    actor: Actor
    text: str
    handle: Handle
    opposite: str = ""
    """What to say instead when its measured effect is the other way (less supplied or
    used), for causes that can go either way (buyers' stocks, licences refusing)."""
    generic: bool = False
    """A firm's, a trader's or buyers' own response, named only after the events that may
    have set it off."""

    def told(self, tonnes: float) -> str:
        """Its text for a measured effect of `tonnes`."""
        return self.opposite if self.opposite and tonnes < 0 else self.text


@dataclass(frozen=True)
class Effect:
    """A cause's measured effect on one good in one market, in tonnes a year against last
    turn: supply added from the adversary and from everyone else, and use added."""

    from_rival: float = 0.0
    from_others: float = 0.0
    use: float = 0.0

    @property
    def supply(self) -> float:
        return self.from_rival + self.from_others

    def __sub__(self, other: Effect) -> Effect:
        return Effect(
            self.from_rival - other.from_rival,
            self.from_others - other.from_others,
            self.use - other.use,
        )


@dataclass(frozen=True)
class Market:
    """Where a good's supply and use are counted: a set of nations, with the adversary
    named so supply can be split by where it comes from."""

    nations: frozenset[str]
    rival: str


def measure(
    cause: Cause,
    good: str,
    market: Market,
    now: TurnObservation,
    before: TurnObservation,
) -> Effect:
    """The cause's effect on the good in the market, this turn against the last."""
    rival = others = use = 0.0

    def add(origin: str, tonnes: float) -> None:
        nonlocal rival, others
        if origin == market.rival:
            rival += tonnes
        else:
            others += tonnes

    handle = cause.handle
    for key in handle.facilities:
        view = now.facilities.get(key) or before.facilities.get(key)
        if view is None:
            continue
        made = now.made.get((key, good), 0.0) - before.made.get((key, good), 0.0)
        used = now.used.get((key, good), 0.0) - before.used.get((key, good), 0.0)
        if handle.facility_sign and _sign(made + used) not in (0, handle.facility_sign):
            continue
        if view.nation in market.nations:
            add(view.nation, made)
            use += used
        elif made:  # reaches the market only as far as its nation's shipments there moved
            shipped = _shipped(now, good, view.nation, market.nations) - _shipped(
                before, good, view.nation, market.nations
            )
            if made * shipped > 0:
                add(view.nation, _sign(made) * min(abs(made), abs(shipped)))
    for rule in handle.routes:
        if rule.exporter in market.nations or (rule.goods is not None and good not in rule.goods):
            continue
        into = set(market.nations) if rule.importers is None else set(rule.importers)
        into &= set(market.nations)
        shipped = _shipped(now, good, rule.exporter, into) - _shipped(
            before, good, rule.exporter, into
        )
        if rule.sign == 0 or _sign(shipped) == rule.sign:
            add(rule.exporter, shipped)
    for key in handle.buyers:
        buyer = now.buyers.get(key)
        if buyer is None or buyer.good != good or buyer.nation not in market.nations:
            continue
        wanted = buyer.wanted - (before.buyers[key].wanted if key in before.buyers else 0.0)
        if handle.demand_sign == 0 or _sign(wanted) == handle.demand_sign:
            use += wanted
    for nation in handle.stockpiles:
        if nation in market.nations:
            use += now.stockpiled.get((good, nation), 0.0) - before.stockpiled.get(
                (good, nation), 0.0
            )
    for control in handle.licences:
        licence = now.controls.get(control)
        last = before.controls.get(control)
        if licence is not None and licence.kind == "licence":
            refused = now.refused.get((control, good), 0.0)
            refused -= before.refused.get((control, good), 0.0)
        elif last is not None and last.kind == "licence":  # lifted: last year's refusals ship
            licence, refused = last, -before.refused.get((control, good), 0.0)
        else:
            continue
        if licence.exporter in market.nations or good not in licence.goods:
            continue
        share = _share_into(now, good, licence.exporter, licence.destinations, market.nations)
        add(licence.exporter, -refused * share)
    if handle.stocks:
        for nation in sorted(market.nations):  # a set's order changes from run to run
            use += now.stocked.get((good, nation), 0.0) - before.stocked.get((good, nation), 0.0)
    return Effect(rival, others, use)


def goods_moved(handle: Handle, observed: Iterable[TurnObservation]) -> set[str]:
    """The goods `measure` may find a cause moving between any two of these observations:
    those its facilities made or took in, its routes' exporters shipped, its buyers want,
    its stockpiles, licences and buyers' stocks hold records of. For any other good each
    term of `measure` is zero, so its effect is too, to the bit; the report measures a
    cause only on these. Keep the two in step."""
    goods: set[str] = set()
    for observation in observed:
        index = observation.goods_index()
        for key in handle.facilities:
            goods |= index.by_facility.get(key, set())
        for rule in handle.routes:
            shipped = index.by_exporter.get(rule.exporter, set())
            goods |= shipped if rule.goods is None else shipped & set(rule.goods)
        for key in handle.buyers:
            buyer = observation.buyers.get(key)
            if buyer is not None:
                goods.add(buyer.good)
        for nation in handle.stockpiles:
            goods |= index.by_stockpiler.get(nation, set())
        for control in handle.licences:
            goods |= index.by_licence.get(control, set())
        if handle.stocks:
            goods |= index.stocked
    return goods


def _shipped(observed: TurnObservation, good: str, exporter: str, into: Iterable[str]) -> float:
    return observed.exports_into(good, exporter, set(into))


def _share_into(
    observed: TurnObservation,
    good: str,
    exporter: str,
    covered: tuple[str, ...] | None,
    nations: frozenset[str],
) -> float:
    """Share of an exporter's shipments of a good to the destinations a control covers
    (None: all) that went to these nations."""
    into = set(nations) if covered is None else set(covered) & set(nations)
    if not into:
        return 0.0
    shipped = sum(
        t
        for (g, e, i), t in observed.flows.items()
        if g == good and e == exporter and (covered is None or i in covered)
    )
    if shipped <= 0:
        return 1.0
    return _shipped(observed, good, exporter, into) / shipped


def _sign(value: float) -> int:
    return (value > 1e-9) - (value < -1e-9)


# --- finding this turn's causes -----------------------------------------------------------


@dataclass
class CauseFinder:
    """Turns what a turn did (orders, projects, AI moves, notes) into causes with handles."""

    scenario: Scenario
    player: str
    rival: str
    names: dict[str, str] = field(default_factory=dict)
    """Display names of nations and goods."""

    def __post_init__(self) -> None:
        self.names = {n.id: n.name for n in self.scenario.nations} | {
            c.id: c.name for c in self.scenario.commodities
        }
        self.events = {e.id: e for e in self.scenario.events}
        self.random = {r.id: r for r in self.scenario.random_events}
        self.cards = {c.id: c for c in self.scenario.investments}

    def find(
        self,
        turn: int,
        results: list[ActionResult],
        projects: dict[str, Project],
        decisions: list[Decision],
        notes: list[dict[str, object]],
        now: TurnObservation,
        before: TurnObservation,
        dearer: dict[str, float],
    ) -> list[Cause]:
        """Every candidate cause of this turn's changes, yours first. `dearer` maps the
        goods whose price rose steeply this turn to the rise, to say why plants made less."""
        causes = self._yours(turn, results, projects, now, before)
        mine = {f for c in causes for f in c.handle.facilities}
        causes += self._anyway(mine, now)
        causes += [self._ai(d, before) for d in decisions if d.kind not in ("court",)]
        causes += self._events(notes, now, before)
        news = [c for c in self._facility_notes(notes, now) if c.handle.facilities[0] not in mine]
        causes += news
        told = mine | {f for c in news for f in c.handle.facilities}
        causes += self._outputs(now, before, told, dearer)
        causes += self._shipments(now)
        explained = {c for cause in causes for c in cause.handle.licences}
        causes += self._licences(now, before, explained)
        causes.append(
            Cause(
                "stocks",
                "market",
                "buyers built up their stocks",
                Handle(stocks=True),
                "buyers drew on their stocks",
                True,
            )
        )
        return causes

    # --- yours ---------------------------------------------------------------------------

    def _anyway(self, mine: set[str], now: TurnObservation) -> list[Cause]:
        """Plants your moves act through that exist without them too: your causes count only
        what they do beyond the no-new-policy game, and these what the plants do anyway
        (`Attribution` measures them in that game), so a plant that grows either way is
        still named as growing."""
        return [
            Cause(
                f"{ANYWAY_PREFIX}{key}",
                "market",
                f"{now.facilities[key].name} made more, as it would have anyway",
                Handle(facilities=(key,)),
                f"{now.facilities[key].name} made less, as it would have anyway",
                True,
            )
            for key in sorted(mine)
            if key in now.facilities
        ]

    def _yours(
        self,
        turn: int,
        results: list[ActionResult],
        projects: dict[str, Project],
        now: TurnObservation,
        before: TurnObservation,
    ) -> list[Cause]:
        from rare_earth_game.game.actions import SetTariff, StockpileOrder

        causes = []
        for card_id, project in projects.items():
            card = project.card
            acts_from = (
                project.started
                if project.funding_turns == 0 or card.effects_at == "start"
                else project.started + project.funding_turns
            )
            if acts_from > turn:
                continue
            fresh = acts_from == turn
            handle = self._effects_handle(card.effects, before, now, fresh)
            if not _any(handle):
                continue
            facility = card_facility(card)
            opened = (
                facility is not None
                and facility in now.facilities
                and now.facilities[facility].status == "operating"
                and (
                    facility not in before.facilities
                    or before.facilities[facility].status != "operating"
                )
            )
            if opened:
                name = now.facilities[str(facility)].name
                text = f'your "{card.title}": {name} started production'
            elif fresh:
                text = f'your "{card.title}" took effect'
            else:
                text = f'your "{card.title}"'
            causes.append(Cause(f"card:{card_id}", "you", text, handle))
        for result in results:
            action = result.action
            if not result.accepted:
                continue
            if isinstance(action, SetTariff):
                goods = (action.commodity,) if action.commodity else None
                was = _tariff_rate(
                    before, f"player-tariff-{action.partner}-{action.commodity or 'all'}"
                )
                sign = -1 if action.rate > was else 1
                rule = RouteRule(action.partner, (self.player,), goods, sign)
                causes.append(
                    Cause(
                        f"tariff:{action.partner}:{goods}",
                        "you",
                        f"your {result.message.lower()}",
                        Handle(routes=(rule,)),
                    )
                )
            elif isinstance(action, StockpileOrder):
                verb = "buys for" if action.tonnes > 0 else "releases from"
                good = self.names.get(action.commodity, action.commodity)
                causes.append(
                    Cause(
                        f"stockpile:{action.commodity}",
                        "you",
                        f"your stockpile {verb} {good}",
                        Handle(stockpiles=(self.player,)),
                    )
                )
        return causes

    # --- the AI's ---------------------------------------------------------------------------

    def _ai(self, decision: Decision, before: TurnObservation) -> Cause:
        who = self.names.get(decision.nation, decision.nation)
        text = f"{who} {decision.action}"
        if decision.kind in ("squeeze", "end_squeeze"):
            sign = 1 if decision.kind == "squeeze" else -1
            goods = decision.goods or None  # the squeezed chain's goods
            handle = Handle(routes=(RouteRule(decision.nation, None, goods, sign),))
        else:
            handle = self._effects_handle(decision.effects, before, None, True)
        return Cause(
            f"ai:{decision.nation}:{decision.kind}:{decision.goods}", "rival", text, handle
        )

    # --- events -----------------------------------------------------------------------------

    def _events(
        self, notes: list[dict[str, object]], now: TurnObservation, before: TurnObservation
    ) -> list[Cause]:
        causes = []
        seen: set[str] = set()
        for note in notes:
            kind, subject, text = note["kind"], str(note["subject"]), str(note["text"])
            if text in seen:
                continue
            seen.add(text)
            if kind == "event" and subject in self.events:
                handle = self._effects_handle(self.events[subject].effects, before, now, True)
                causes.append(Cause(f"event:{subject}", "world", text, handle))
            elif kind == "random_event" and subject in self.random:
                handle = self._random_handle(self.random[subject].kind, text, now)
                causes.append(Cause(f"random:{subject}:{text}", "world", text, handle))
        return causes

    def _random_handle(self, kind: str, text: str, now: TurnObservation) -> Handle:
        """What a random event hit, read from who its note names."""
        lowered = text.lower()
        if kind in ("demand_boom", "demand_slump"):
            buyers = tuple(
                key
                for key, buyer in now.buyers.items()
                if re.search(rf"\b{re.escape(buyer.sector.lower())}\b", lowered)
                and self.names.get(buyer.nation, buyer.nation).lower() in lowered
            )
            return Handle(buyers=buyers, demand_sign=1 if kind == "demand_boom" else -1)
        if kind in ("mine_accident", "plant_accident"):
            named = [k for k, f in now.facilities.items() if f.name.lower() in lowered]
            longest = max(named, key=lambda k: len(now.facilities[k].name), default=None)
            return Handle(facilities=(longest,) if longest else (), facility_sign=-1)
        return Handle()

    # --- firms' own doings ------------------------------------------------------------------

    def _facility_notes(self, notes: list[dict[str, object]], now: TurnObservation) -> list[Cause]:
        """Mines and plants that opened, grew, shut or closed this turn."""
        causes = []
        seen: set[tuple[str, str]] = set()
        for note in notes:
            kind, subject = str(note["kind"]), str(note["subject"])
            if (
                kind not in FACILITY_NEWS
                or (kind, subject) in seen
                or subject not in now.facilities
            ):
                continue
            seen.add((kind, subject))
            name = now.facilities[subject].name
            handle = Handle(facilities=(subject,), facility_sign=FACILITY_SIGN[kind])
            causes.append(
                Cause(f"{kind}:{subject}", "market", f"{name} {FACILITY_NEWS[kind]}", handle)
            )
        return causes

    def _outputs(
        self,
        now: TurnObservation,
        before: TurnObservation,
        told: set[str],
        dearer: dict[str, float],
    ) -> list[Cause]:
        """Every other mine and plant, whose output or intake moved on its own: planned
        on its sales, or held back by the price or scarcity of its inputs (named when one
        of them got much dearer: `dearer` maps a good to its price rise)."""
        inputs: dict[str, list[str]] = {}
        for key, good in (*before.used, *now.used):
            if good in dearer and good not in inputs.setdefault(key, []):
                inputs[key].append(good)
        causes = []
        for key in sorted(now.facilities):
            if key in told:
                continue
            name = now.facilities[key].name
            less = f"{name} made less"
            short = [
                f"{self.names.get(g, g)} got {dearer[g]:.0%} dearer" for g in inputs.get(key, [])
            ]
            if short:
                less += f" as its {' and '.join(short)}"
            handle = Handle(facilities=(key,))
            causes.append(
                Cause(f"{PLANT_PREFIX}{key}", "market", f"{name} made more", handle, less, True)
            )
        return causes

    def _shipments(self, now: TurnObservation) -> list[Cause]:
        """Every nation's exports, which move with its own plants and with buyers abroad."""
        exporters = sorted({e for (_, e, _) in now.flows})
        return [
            Cause(
                f"{SHIPMENTS_PREFIX}{e}",
                "market",
                f"{self.names.get(e, e)} shipped more",
                Handle(routes=(RouteRule(e, None, None, 0),)),
                f"{self.names.get(e, e)} shipped less",
                True,
            )
            for e in exporters
        ]

    def _licences(
        self, now: TurnObservation, before: TurnObservation, explained: set[str]
    ) -> list[Cause]:
        """Licence regimes in force both turns that refused more or less than before."""
        causes = []
        for control_id, view in sorted(now.controls.items()):
            if (
                control_id in explained
                or control_id not in before.controls
                or view.kind != "licence"
            ):
                continue
            who = self.names.get(view.exporter, view.exporter)
            goods = ", ".join(self.names.get(g, g) for g in view.goods)
            actor: Actor = "rival" if control_id.startswith("ai-") else "world"
            causes.append(
                Cause(
                    f"licence:{control_id}",
                    actor,
                    f"{who}'s export licences on {goods} held back less than last year",
                    Handle(licences=(control_id,)),
                    f"{who}'s export licences on {goods} held back more than last year",
                )
            )
        return causes

    # --- effects as handles -------------------------------------------------------------------

    def _effects_handle(
        self,
        effects: Iterable[fx.Effect],
        before: TurnObservation,
        now: TurnObservation | None,
        fresh: bool,
    ) -> Handle:
        """What a set of effects acts through. Policy changes count only the turn they are
        made (`fresh`); facilities and buyers they touch count for as long as they act."""
        facilities: list[str] = []
        routes: list[RouteRule] = []
        buyers: list[str] = []
        demand_sign = 0
        stockpiles: list[str] = []
        licences: list[str] = []
        observed = now or before
        for effect in effects:
            match effect:
                case fx.AddMiner() | fx.AddRefiner() | fx.AddRecovery():
                    facilities.append(effect.id)
                case fx.ChangeCapacity() | fx.SetFacilityStatus() | fx.ChangeEfficiency():
                    facilities.append(effect.facility)
                case fx.SetOfftake():
                    facilities.append(effect.facility)
                case fx.SetPriceFloor() | fx.SetSubsidy() if fresh:
                    facilities += list(effect.facilities or ())
                case fx.SetExportControl() if fresh and effect.kind == "licence":
                    licences.append(effect.id)
                case fx.SetExportControl() if fresh:
                    old = before.controls.get(effect.id)
                    new = 0.0 if effect.kind == "ban" else 1.0
                    sign = -1 if old is None or new < old.approval else 1
                    routes.append(
                        RouteRule(effect.exporter, effect.destinations, effect.commodities, sign)
                    )
                case fx.SetTariff() if fresh:
                    sign = -1 if effect.rate > _tariff_rate(before, effect.id) else 1
                    for exporter in effect.exporters or (self.rival,):
                        routes.append(
                            RouteRule(exporter, (effect.importer,), effect.commodities, sign)
                        )
                case fx.RemovePolicy() if fresh:
                    lifted = before.controls.get(effect.id)
                    if lifted is not None and lifted.kind == "licence":
                        licences.append(effect.id)
                    else:
                        routes += self._lifted(effect.id, before)
                case fx.SetProductionQuota() if fresh:
                    facilities += [
                        key
                        for key, view in observed.facilities.items()
                        if view.nation == effect.nation
                        and any((key, g) in observed.made for g in effect.commodities)
                    ]
                case fx.ChangeDemand() | fx.ChangeDemandIntensity():
                    rising = (
                        effect.factor > 1
                        if isinstance(effect, fx.ChangeDemand)
                        else effect.annual_rate > 0
                    )
                    demand_sign = 1 if rising else -1
                    buyers += [
                        key
                        for key, b in observed.buyers.items()
                        if (effect.nation is None or b.nation == effect.nation)
                        and (effect.sector is None or b.sector == effect.sector)
                        and (effect.commodity is None or b.good == effect.commodity)
                    ]
                case fx.SetStockpileRule() | fx.StockpileBuy() | fx.StockpileRelease():
                    stockpiles.append(effect.nation)
        return Handle(
            facilities=tuple(dict.fromkeys(facilities)),
            routes=tuple(routes),
            buyers=tuple(dict.fromkeys(buyers)),
            demand_sign=demand_sign,
            stockpiles=tuple(dict.fromkeys(stockpiles)),
            licences=tuple(dict.fromkeys(licences)),
        )

    def _lifted(self, policy_id: str, before: TurnObservation) -> list[RouteRule]:
        """Trade a lifted tariff or control held back, now let through."""
        if policy_id in before.tariffs:
            tariff = before.tariffs[policy_id]
            return [
                RouteRule(e, (tariff.importer,), tariff.goods, 1)
                for e in tariff.exporters or (self.rival,)
            ]
        if policy_id in before.controls:
            control = before.controls[policy_id]
            return [RouteRule(control.exporter, control.destinations, control.goods, 1)]
        return []


def _tariff_rate(observed: TurnObservation, tariff_id: str) -> float:
    tariff = observed.tariffs.get(tariff_id)
    return tariff.rate if tariff is not None else 0.0


def _any(handle: Handle) -> bool:
    return bool(
        handle.facilities or handle.routes or handle.buyers or handle.stockpiles or handle.licences
    )
