"""`RareEarthModel`: the supply chain as a Mesa model; one `step()` is one turn.

A turn runs the stages of docs/design.md in order: decide (queued policy effects), events,
produce (construction, ramp-up, outages, quotas), clear markets upstream to downstream
(plants process as soon as their inputs' markets have cleared), settle, adapt, measure.
All randomness comes from the model's seeded generator; agents are visited in the order
they registered (the scenario's order, then agents added by effects), so a seed and a
scenario give the same history in any process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rare_earth_game.errors import ApiMisuseError
from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.chain import clearing_order
from rare_earth_game.scenario.content import ContentTable
from rare_earth_game.scenario.effects import Effect
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.world import STAGE_LEVEL
from rare_earth_game.sim.agents import Buyer, Facility, Miner, Nation, Recovery, Refiner
from rare_earth_game.sim.agents.base import EngineAgent
from rare_earth_game.sim.agents.nation import StockpileState
from rare_earth_game.sim.effects import apply_effect
from rare_earth_game.sim.events import EventSchedule
from rare_earth_game.sim.firms import Firm, Firms
from rare_earth_game.sim.investment import InvestmentPlanner, present_value
from rare_earth_game.sim.lean_mesa import mesa
from rare_earth_game.sim.ledger import Account, MaterialLedger
from rare_earth_game.sim.market.book import book
from rare_earth_game.sim.market.clearing import clear_market
from rare_earth_game.sim.market.outcome import Clearing
from rare_earth_game.sim.market.ties import TradeTies
from rare_earth_game.sim.metrics import measure_turn
from rare_earth_game.sim.origin import Source
from rare_earth_game.sim.policy import PolicyBook
from rare_earth_game.sim.prices import PriceBoard
from rare_earth_game.sim.provenance import Provenance
from rare_earth_game.sim.recorder import Recorder
from rare_earth_game.sim.risk import supply_risk

TENSION_RISK_WEIGHT = 0.5
AgentT = TypeVar("AgentT", bound=EngineAgent)


@dataclass(frozen=True)
class Note:
    """Something worth telling the player, raised while a turn runs."""

    turn: int
    kind: str
    subject: str
    text: str


class HorizonReachedError(ApiMisuseError, RuntimeError):
    """The scenario has no more turns to play."""


class RareEarthModel(mesa.Model):  # type: ignore[misc]  # Mesa 3.3 ships no type hints
    """The world of one scenario, advanced one turn per `step()`."""

    def __init__(self, scenario: Scenario, seed: int | None = 0) -> None:
        super().__init__(seed=seed)
        self.scenario = scenario
        self.seed = seed
        self.calendar = Calendar.of(scenario.time)
        self.turns_per_year = self.calendar.turns_per_year
        self.turn = 0
        self.commodities = {c.id: c for c in scenario.commodities}
        self.level = {c.id: STAGE_LEVEL[c.stage] for c in scenario.commodities}
        self.recipes = {r.id: r for r in scenario.recipes}
        self.clearing_order = clearing_order(scenario.commodities, scenario.recipes)
        self._upstream = {
            c: [c, *sorted({i for r in scenario.recipes if c in r.outputs for i in r.inputs})]
            for c in self.commodities
        }
        self.prices = PriceBoard(
            {c.id: c.reference_price for c in scenario.commodities},
            (n.id for n in scenario.nations),
            scenario.settings.price_persistence,
            scenario.settings.normal_price_weight,
            scenario.settings.price_momentum,
        )
        self.policies = PolicyBook(
            scenario.policies, ContentTable(scenario.commodities, scenario.recipes)
        )
        self.provenance = Provenance(
            scenario.nations, {c.id: c.reference_price for c in scenario.commodities}
        )
        self.ledger = MaterialLedger()
        settings = scenario.settings
        self.trade_ties = TradeTies(
            settings.tie_half_life_years * self.turns_per_year, settings.tie_flex
        )
        self.recorder = Recorder()
        self.notes: list[Note] = []
        self.clearings: dict[str, Clearing] = {}
        self.content: dict[str, dict[str, float]] = {c: {} for c in self.commodities}
        """Per good and nation, the adversary content (0-1) of what it bought in the turn last
        measured."""
        self.last_balances: list[dict[str, float | str]] = []
        self.measures: list[Callable[[RareEarthModel], dict[str, float]]] = []
        """Observers that add figures to each turn's model row (a game adds its player's)."""
        self._queued: list[tuple[Effect, Source]] = []
        self.standing_policies: set[str] = set()
        """Policy ids set or lifted by a standing decision, which scheduled events leave alone."""
        self._risk_cache: dict[tuple[str, str], float] = {}
        self._shares_cache: dict[str, dict[str, float]] = {}
        self._transport = {
            pair: route.cost
            for route in scenario.transport.routes
            for pair in ((route.origin, route.destination), (route.destination, route.origin))
        }
        self._tension = {frozenset((r.a, r.b)): r.tension for r in scenario.relations if r.a != r.b}

        self.firms = Firms()
        self.nations: dict[str, Nation] = {}
        """Nations by id, kept by the agent registry (see `register_agent`)."""
        self.facilities: dict[str, Facility] = {}
        """Mines and plants by id, kept by the agent registry."""
        self._roles: dict[str, tuple[list[EngineAgent], list[EngineAgent]]] = {}
        self._of_kind: dict[type, list[Any]] = {}
        """Agents of each kind, in registration order: Mesa's sets hold weak references,
        and listing them cost 20 us a time, asked for many times a turn."""
        for nation_spec in scenario.nations:
            Nation(self, nation_spec)
        for stockpile in scenario.policies.stockpiles:
            nation = self.nations[stockpile.nation]
            nation.stockpiles[stockpile.commodity] = StockpileState.of(stockpile)
        for miner_spec in scenario.miners:
            Miner(self, miner_spec)
        for refiner_spec in scenario.refiners:
            Refiner(self, refiner_spec)
        for recovery_spec in scenario.recoveries:
            Recovery(self, recovery_spec)
        for buyer_spec in scenario.buyers:
            Buyer(self, buyer_spec)
        for buyer in self.buyers:
            buyer.settle_in()
        self._risk_cache = {}
        self.events = EventSchedule(scenario, self.calendar, seed)
        self.investment = InvestmentPlanner(self)
        self.running = True

    # --- registry -----------------------------------------------------------------------------

    def register_agent(self, agent: mesa.Agent) -> None:
        """Mesa's registry, plus an index by scenario id for nations and facilities."""
        super().register_agent(agent)
        if isinstance(agent, Nation):
            self.nations[agent.key] = agent
        elif isinstance(agent, Facility):
            self.facilities[agent.key] = agent
        self.market_roles_changed()

    def deregister_agent(self, agent: mesa.Agent) -> None:
        super().deregister_agent(agent)
        if isinstance(agent, Nation):
            self.nations.pop(agent.key, None)
        elif isinstance(agent, Facility):
            self.facilities.pop(agent.key, None)
        self.market_roles_changed()

    def market_roles_changed(self) -> None:
        """Forget who sells and buys what, and who is of what kind: an agent joined, left or
        opened a stockpile."""
        self._roles = {}
        self._of_kind = {}

    def _agents_of(self, kind: type[AgentT]) -> list[AgentT]:
        """The agents of a kind (a new list: callers may change it)."""
        if kind not in self._of_kind:
            agents = self.agents_by_type.get(kind)
            self._of_kind[kind] = list(agents) if agents is not None else []
        return list(self._of_kind[kind])

    def _market_roles(self, commodity: str) -> tuple[list[EngineAgent], list[EngineAgent]]:
        roles = self._roles.get(commodity)
        if roles is None:
            order: list[type[EngineAgent]] = [Nation, Miner, Refiner, Recovery, Buyer]
            agents: list[EngineAgent] = [a for kind in order for a in self._agents_of(kind)]
            roles = self._roles[commodity] = (
                [a for a in agents if a.sells(commodity)],
                [a for a in agents if a.buys(commodity)],
            )
        return roles

    def sellers_of(self, commodity: str) -> list[EngineAgent]:
        """Agents that may offer the good: stockpiles, mines, plants (registration order)."""
        return self._market_roles(commodity)[0]

    def buyers_of(self, commodity: str) -> list[EngineAgent]:
        """Agents that may bid for the good: stockpiles, plants, buyers."""
        return self._market_roles(commodity)[1]

    @property
    def buyers(self) -> list[Buyer]:
        return self._agents_of(Buyer)

    def refiners(self) -> list[Refiner]:
        return self._agents_of(Refiner)

    def miners(self) -> list[Miner]:
        return self._agents_of(Miner)

    def recoveries(self) -> list[Recovery]:
        return self._agents_of(Recovery)

    # --- facts agents ask for ------------------------------------------------------------

    @property
    def date(self) -> str:
        return self.calendar.label(self.turn)

    @property
    def years_elapsed(self) -> float:
        return self.turn / self.turns_per_year

    def reference_price(self, commodity: str) -> float:
        return self.commodities[commodity].reference_price

    def transport_cost(self, origin: str, destination: str) -> float:
        return self._transport.get((origin, destination), self.scenario.transport.default_cost)

    def tension(self, a: str, b: str) -> float:
        if a == b:
            return 0.0
        return self._tension.get(frozenset((a, b)), self.scenario.settings.default_tension)

    def set_tension(self, a: str, b: str, value: float) -> None:
        self._tension[frozenset((a, b))] = min(1.0, max(0.0, value))

    def years_to_turns(self, years: float) -> int:
        return max(1, round(years * self.turns_per_year))

    def build_years(self, kind: str, nation: str, *, permitting: bool = False) -> float:
        """Construction (and for new mines, permitting) years in a nation, after reforms."""
        years = self.scenario.settings.build_years.get(kind, 2.0)
        host = self.nations[nation]
        if permitting:
            years += host.permitting_years
        return years * host.lead_time_factor

    def capex_estimate(self, kind: str, capacity: float, known: float) -> float:
        """USD M to build `capacity` (per year) of a kind, when the scenario gives no figure."""
        if known > 0:
            return known
        return self.scenario.settings.capex_per_kt.get(kind, 50.0) * capacity / 1000

    def default_capex(self, facility: Facility, margin: float, added: float) -> float:
        """USD M to add capacity earning `margin` USD/kg at reference prices, when the
        scenario gives no figure: a set share of what the addition would earn."""
        lead = self.build_years(facility.kind, facility.nation)
        share = self.scenario.settings.default_capex_share
        return share * present_value(self, facility, margin, added, lead)

    def supply_risk(self, commodity: str, nation: str) -> float:
        """Perceived risk (0-1) to a nation's supply of a good: controls, tension, price jumps."""
        key = (commodity, nation)
        if key not in self._risk_cache:
            self._risk_cache[key] = supply_risk(self, commodity, nation, TENSION_RISK_WEIGHT)
        return self._risk_cache[key]

    def upstream_of(self, commodity: str) -> list[str]:
        """The good itself and the direct inputs of every recipe that makes it."""
        return self._upstream[commodity]

    def production_shares(self, commodity: str) -> dict[str, float]:
        """Each nation's share of this turn's output of a good (capacity shares if none yet)."""
        if commodity not in self._shares_cache:
            made: dict[str, float] = {}
            for (good, nation), flow in self.ledger.flows.items():
                if good == commodity and flow["production"] > 0:
                    made[nation] = made.get(nation, 0.0) + flow["production"]
            if not made:
                for facility in self.facilities.values():
                    if facility.operating and facility.sells(commodity):
                        made[facility.nation] = made.get(facility.nation, 0.0) + facility.capacity
            total = sum(made.values())
            self._shares_cache[commodity] = {n: v / total for n, v in made.items()} if total else {}
        return self._shares_cache[commodity]

    def refining_share(self, nation: str, chain: str | None = None) -> float:
        """A nation's share of last turn's refined output (processing-stage tonnes), of one
        chain's goods or of all."""
        refined = {
            c
            for c, level in self.level.items()
            if level == 1 and chain in (None, self.commodities[c].chain)
        }
        made = [b for b in self.last_balances if b["commodity"] in refined]
        total = sum(float(b["production"]) for b in made)
        mine = sum(float(b["production"]) for b in made if b["nation"] == nation)
        return mine / total if total > 0 else 1.0

    def note(self, kind: str, subject: str, text: str) -> None:
        self.notes.append(Note(self.turn, kind, subject, text))

    def stocks(self) -> dict[Account, float]:
        """Tonnes held per (commodity, nation) by plants, buyers and stockpiles."""
        held: dict[Account, float] = {}

        def add(commodity: str, nation: str, tonnes: float) -> None:
            if tonnes:
                held[(commodity, nation)] = held.get((commodity, nation), 0.0) + tonnes

        for refiner in self.refiners():
            for commodity, tonnes in (*refiner.input_stock.items(), *refiner.output_stock.items()):
                add(commodity, refiner.nation, tonnes)
        for miner in self.miners():
            for commodity, tonnes in miner.coproducts.held.items():
                add(commodity, miner.nation, tonnes)
        for recovery in self.recoveries():
            add(recovery.commodity, recovery.nation, recovery.stock.held[recovery.commodity])
        for buyer in self.buyers:
            add(buyer.commodity, buyer.nation, buyer.inventory)
        for nation in self.nations.values():
            for commodity, stockpile in nation.stockpiles.items():
                add(commodity, nation.key, stockpile.holding)
        return held

    # --- policy from outside --------------------------------------------------------------

    def queue_effects(self, effects: Iterable[Effect], source: Source) -> None:
        """Effects to apply at the start of the next turn (the decide stage)."""
        self._queued.extend((effect, source) for effect in effects)

    def apply_effects(self, effects: Sequence[Effect], source: Source) -> None:
        for effect in effects:
            apply_effect(self, effect, source)

    # --- the turn ---------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.turn >= self.calendar.turns

    def step(self) -> None:
        """Play one turn, stage by stage (docs/design.md, "A turn, in order")."""
        if self.finished:
            raise HorizonReachedError(
                f"{self.scenario.meta.name} ends at {self.calendar.end_label()}"
            )
        self._begin_turn()
        self._decide()
        self.events.fire(self)
        self._produce()
        self._clear_markets()
        self._settle()
        self._adapt()
        measure_turn(self)
        self.turn += 1
        self.running = not self.finished

    def run(self, turns: int | None = None) -> RareEarthModel:
        """Play `turns` turns, or to the end of the horizon."""
        for _ in range(self.calendar.turns - self.turn if turns is None else turns):
            self.step()
        return self

    def _begin_turn(self) -> None:
        self.notes = []
        self.clearings = {}
        self._risk_cache = {}
        self._shares_cache = {}
        self.prices.begin_turn()
        self.ledger.begin_turn(self.stocks())
        self.agents.do("begin_turn")

    def _decide(self) -> None:
        self.apply_queued()

    def apply_queued(self) -> None:
        """Apply the effects queued for the start of the next turn, now."""
        queued, self._queued = self._queued, []
        for effect, source in queued:
            apply_effect(self, effect, source)

    def _produce(self) -> None:
        for facility in list(self.facilities.values()):
            facility.advance()
        self._apply_production_quotas()

    def _apply_production_quotas(self) -> None:
        """Scale state-directed producers so their output of quota goods fits the quota
        (unrecorded supply, mined or made off the books, ignores it)."""
        for facility in self.facilities.values():
            facility.quota_factor = 1.0
        for nation in self.nations:
            for quota in self.policies.quotas_for(nation):
                covered = [
                    (f, _quota_output(f, quota.commodities))
                    for f in self.facilities.values()
                    if f.state_directed and f.recorded and f.nation == nation
                ]
                covered = [(f, per_unit) for f, per_unit in covered if per_unit > 0]
                full = sum(f.capacity_per_turn() * per_unit for f, per_unit in covered)
                allowed = quota.tonnes_per_year / self.turns_per_year
                if full > allowed:
                    for facility, _ in covered:
                        facility.quota_factor = min(facility.quota_factor, allowed / full)

    def _clear_markets(self) -> None:
        """Upstream to downstream; each plant processes once all its inputs have cleared,
        and each by-product is recovered once its host's activity is known."""
        cleared: set[str] = set()
        waiting = self.refiners()
        recovering = self.recoveries()
        for commodity in self.clearing_order:
            self.clearings[commodity] = clear_market(self, commodity)
            cleared.add(commodity)
            still: list[Refiner] = []
            for refiner in waiting:  # in registration order, as plants process
                if set(refiner.inputs) <= cleared:
                    refiner.process()
                else:
                    still.append(refiner)
            waiting = still
            settled = [r for r in recovering if r.host_settled(cleared)]
            for recovery in settled:
                recovery.recover()
            left = set(map(id, settled))  # (a list filter by `in` was quadratic in plants)
            recovering = [r for r in recovering if id(r) not in left]

    def _settle(self) -> None:
        """Book every market's trade, then each facility's accounts, then each owner's
        interest on its debt and its solvency."""
        for clearing in self.clearings.values():
            book(self, clearing)
        for nation in self.nations.values():
            nation.supply_defence()
        for facility in self.facilities.values():
            facility.settle()
        self._settle_firms()

    def _settle_firms(self) -> None:
        """Owners pay interest on debt; one whose debt stays beyond its credit line for
        `bankrupt_after_turns` turns fails, and all its facilities close: at once, or after
        `court_protection_turns` turns of running under court protection (a debtor in
        possession: its debts are stayed, so no interest, and it keeps producing while a
        buyer or a plan is sought) [S: US Bankruptcy Code ch. 11; Molycorp ran Mountain Pass
        for months after filing in June 2015]."""
        settings = self.scenario.settings
        for firm in self.firms:
            open_members = [
                self.facilities[k]
                for k in firm.members
                if k in self.facilities and self.facilities[k].status not in ("closed", "prospect")
            ]
            if not open_members:
                continue
            if firm.failed:
                if firm.protection_left > 0:
                    firm.protection_left -= 1
                    if firm.protection_left == 0:
                        self._liquidate(firm, open_members)
                continue
            interest = max(0.0, -firm.cash) * settings.interest_rate / self.turns_per_year
            for facility in open_members:
                facility.charge_interest(interest / len(open_members))
            state = all(f.state_directed for f in open_members)
            firm.debt_streak = firm.debt_streak + 1 if firm.in_distress and not state else 0
            if firm.debt_streak >= settings.bankrupt_after_turns:
                firm.failed = True
                if settings.court_protection_turns == 0:
                    self._liquidate(firm, open_members)
                    continue
                firm.protection_left = settings.court_protection_turns
                for facility in open_members:
                    facility.bankrupt = True
                names = ", ".join(f.name for f in open_members)
                self.note(
                    "bankruptcy",
                    open_members[0].key,
                    f"{firm.name} goes bankrupt; {names} run on under court protection",
                )

    def _liquidate(self, firm: Firm, open_members: list[Facility]) -> None:
        """A failed owner's facilities close."""
        for facility in open_members:
            facility.fail()
        names = ", ".join(f.name for f in open_members)
        self.note("bankruptcy", open_members[0].key, f"{firm.name} goes bankrupt; {names} close")

    def _adapt(self) -> None:
        """Learn from the turn: expectations, buyers' risk and thrift, facilities' running
        decisions, then new capacity planned market by market."""
        unsold = {c for c, cl in self.clearings.items() if cl.build.offers and not cl.prices}
        self.prices.update_expectations(unsold)
        for buyer in self.buyers:
            buyer.adapt()
        for facility in list(self.facilities.values()):
            facility.adapt()
        self.investment.observe()
        self.investment.plan()

    # --- results --------------------------------------------------------------------------

    def release(self) -> None:
        """Drop this model's agents so a long-running process can free its memory.

        Mesa 3.3 keeps every model that had agents in a class-level registry (a leak fixed
        in Mesa 3.5).
        """
        self.remove_all_agents()
        mesa.Agent._ids.pop(self, None)


def _quota_output(facility: Facility, commodities: tuple[str, ...]) -> float:
    """Tonnes of the quota's goods one unit of this facility's capacity yields."""
    return sum(facility.output_per_unit(c) for c in commodities)
