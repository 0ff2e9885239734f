"""Capacity that plans: new capacity is committed market by market, counting the supply line.

Each turn, for every good, firms compare two things at the time a project would open:
- the demand they expect then: what buyers and plants would use at the prices expected over
  a project's life (smoothed, so a single quarter does not move them; stock building does
  not count),
  growing as the final demand downstream is forecast to grow;
- the capacity that will exist then: operating and mothballed capacity (within any
  production quota), capacity under construction, and projects announced earlier in the
  same turn, at the utilisation firms plan for.

They commit to closing a share of any shortfall each year, best return first, and only with
projects that pay back their capital over their life at the hurdle rate at normal (not
spike) prices, and that the owner can finance. Counting the supply line is what stops the
boom-and-bust of firms that all expand on today's margin [S: Sterman, Business Dynamics
(2000) ch. 17 and 20]. Keeping running, mothballing and retiring are each facility's own
decision (`agents/facility.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.agents.base import EngineAgent
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.agents.recovery import Recovery
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

DEMAND_SMOOTHING = 0.25
"""Weight of the latest turn in the smoothed demand firms plan on."""
SMALLEST_STEP = 0.02
"""Expansions smaller than this share of a facility's capacity are not worth starting."""
PROSPECT_FIT = 0.5
"""A prospect goes ahead only if the shortfall is at least this share of its size."""
FEED_STRETCH = 1.1
"""Plants expand into up to this multiple of the feed their inputs' supply line delivers."""
SIGNIFICANT_OUTPUT = 0.1
"""Outputs making this share of a facility's value must each have room for its expansion."""
CREDIT_KEPT = 0.5
"""Share of its credit line a private owner keeps unused after paying for a project [A]."""


@dataclass(frozen=True)
class Candidate:
    """A project on offer this turn: an expansion of a facility or a prospect to commit to."""

    facility: Facility
    added: float
    """Units of yearly capacity it adds."""
    capex: float
    npv: float
    lead_years: float
    prospect: bool

    @property
    def return_on_capital(self) -> float:
        return self.npv / self.capex if self.capex > 0 else self.npv


class InvestmentPlanner:
    """Plans new capacity for every good of a model, once a turn, in the adapt stage."""

    def __init__(self, model: RareEarthModel) -> None:
        self.model = model
        self.growth = forecast_growth(model.scenario)
        self.demand: dict[str, float] = {}
        """Per good, the smoothed yearly tonnes used at the normal price."""
        self.supply: dict[str, float] = {}
        self.needs: dict[str, float] = {}
        self.coming: dict[str, float] = {}
        """Per good, yearly tonnes that capacity being built or added will need."""
        self.fed: dict[str, float] = {}

    def observe(self) -> None:
        """Fold this turn's demand into what firms plan on: what buyers and plants would use
        at the prices expected over a project's life (stock building is not demand for
        capacity, and a glut's cheap extra use is not either)."""
        demands = self._flow_demands()
        for commodity in self.model.clearing_order:
            wanted = sum(
                demands[agent].get(commodity, 0.0) for agent in self.model.buyers_of(commodity)
            )
            yearly = wanted * self.model.turns_per_year
            known = self.demand.get(commodity)
            self.demand[commodity] = (
                yearly if known is None else known + DEMAND_SMOOTHING * (yearly - known)
            )

    def _flow_demands(self) -> dict[EngineAgent, dict[str, float]]:
        """Per agent that buys any good, its flow demand for each at the lifetime prices of
        its nation, asked once for all its goods."""
        price = self.model.prices.lifetime_price
        agents = dict.fromkeys(
            agent for c in self.model.clearing_order for agent in self.model.buyers_of(c)
        )
        return {agent: agent.flow_demand(price) for agent in agents}

    def plan(self) -> None:
        """Commit this turn's projects, good by good, upstream first."""
        self._supply_line()
        by_output: dict[str, list[Facility]] = {}
        for facility in self.model.facilities.values():
            by_output.setdefault(facility.main_output, []).append(facility)
        for commodity in self.model.clearing_order:
            self._plan_good(commodity, by_output.get(commodity, []))

    def expected_demand(self, commodity: str, years: float) -> float:
        growth: float = (1 + self.growth.get(commodity, 0.0)) ** years
        return self.demand.get(commodity, 0.0) * growth

    def capacity(self, commodity: str) -> float:
        """Yearly tonnes of a good the supply line will deliver (see `_supply_line`)."""
        if commodity not in self.supply:
            self._supply_line()
        return self.supply[commodity]

    def _supply_line(self) -> None:
        """Per good, yearly tonnes the supply line will deliver: operating and mothballed
        capacity (within production quotas), capacity under construction and expansions
        under way, each plant counted only as far as the supply line of its inputs can
        feed it (a separation plant without ore makes no oxide)."""
        self.supply = {}
        self.needs = {}
        self.coming = {}
        self.fed = {}
        nameplates: dict[str, float] = {}
        makers: dict[str, list[tuple[Facility, float]]] = {}
        """Per good, the facilities that make it (in the model's order) and their yield."""
        for facility in self.model.facilities.values():
            nameplates[facility.key] = nameplate = _nameplate(facility)
            for good in facility.products():
                per_unit = facility.output_per_unit(good)
                if per_unit > 0:
                    makers.setdefault(good, []).append((facility, per_unit))
            inputs = getattr(facility, "inputs", {})
            if not inputs:
                continue
            coming = _not_yet_open(facility)
            for good, per_unit in inputs.items():
                self.needs[good] = self.needs.get(good, 0.0) + nameplate * per_unit
                self.coming[good] = self.coming.get(good, 0.0) + coming * per_unit
        for commodity in self.model.clearing_order:  # upstream first, for `_fed`
            total = 0.0
            for facility, per_unit in makers.get(commodity, []):
                total += nameplates[facility.key] * self._fed(facility) * per_unit
            self.supply[commodity] = total

    def _fed(self, facility: Facility) -> float:
        """Share of a facility's nameplate its inputs' supply line can feed (1 for mines)."""
        if facility.key not in self.fed:
            share = 1.0
            for good in getattr(facility, "inputs", {}):
                need = self.needs.get(good, 0.0)
                if need > 0:
                    share = min(share, self.supply.get(good, 0.0) / need)
            self.fed[facility.key] = min(1.0, share)
        return self.fed[facility.key]

    def _plan_good(self, commodity: str, makers: list[Facility]) -> None:
        """Commit projects for one good, among `makers`, the facilities whose main output it
        is, best return first, while the supply line falls short."""
        settings = self.model.scenario.settings
        per_turn = 1 - (1 - settings.gap_closed_per_year) ** (1 / self.model.turns_per_year)
        candidates = sorted(
            (c for c in self._candidates(makers) if c.npv > 0),
            key=lambda c: (-c.return_on_capital, c.facility.key),
        )
        for candidate in candidates:
            facility = candidate.facility
            if self._shortfall(commodity, candidate.lead_years) <= 0:
                break
            short = self._short_units(facility, candidate.lead_years)
            if candidate.prospect:
                if short < PROSPECT_FIT * candidate.added:
                    continue
                if self._feed_room(facility) < PROSPECT_FIT * candidate.added:
                    continue
                facility.commit()
                self._book(facility, facility.capacity)
                continue
            added = min(candidate.added, short * per_turn, self._feed_room(facility))
            added = min(added, self._affordable(facility, candidate, added))
            if added < SMALLEST_STEP * facility.capacity:
                continue
            facility.expand(added, candidate.capex * added / candidate.added)
            self._book(facility, added)

    def _shortfall(self, commodity: str, years: float) -> float:
        """Yearly tonnes the supply line will be short of a good in `years`, at the planned
        utilisation (negative when it will have room to spare)."""
        settings = self.model.scenario.settings
        needed = self.expected_demand(commodity, years) / settings.planned_utilisation
        return needed - self.supply.get(commodity, 0.0)

    def _short_units(self, facility: Facility, years: float) -> float:
        """Units of a facility's activity its markets can take: the least, over the outputs
        that make a tenth or more of its value, of each one's shortfall. A joint-product
        project is sized to what the markets of its main products can absorb (mining for
        NdPr floods the Dy market otherwise)."""
        prices = self.model.prices
        values = {
            c: facility.output_per_unit(c) * prices.lifetime_price(c, facility.nation)
            for c in self.model.commodities
            if facility.output_per_unit(c) > 0
        }
        total = sum(values.values())
        units = float("inf")
        for good, value in values.items():
            if total > 0 and value / total >= SIGNIFICANT_OUTPUT:
                units = min(units, self._shortfall(good, years) / facility.output_per_unit(good))
        return max(0.0, units)

    def _feed_room(self, facility: Facility) -> float:
        """Units of new activity a plant's inputs can feed: what their supply line delivers,
        stretched by `FEED_STRETCH`, beyond what plants and buyers use now (the smoothed
        demand) and what capacity being built will need — a plant bids for feed it expects
        suppliers to add in answer, and its bids tell them to [A: plants secure feed before
        they expand]. Not beyond every plant's nameplate: a large plant held idle elsewhere
        (by a low home price, say) does not take feed it does not buy."""
        room = float("inf")
        for good, per_unit in getattr(facility, "inputs", {}).items():
            taken = self.demand.get(good, 0.0) + self.coming.get(good, 0.0)
            spare = self.supply.get(good, 0.0) * FEED_STRETCH - taken
            room = min(room, max(0.0, spare) / per_unit)
        if isinstance(facility, Recovery):  # no more than its host's activity carries
            room = min(room, max(0.0, _host_ceiling(facility) - _nameplate(facility)))
        return room

    def _book(self, facility: Facility, added: float) -> None:
        """Count a commitment in the supply line: its outputs, and its needs for inputs, so
        the next project sees less room and less spare feed."""
        for good in self.model.commodities:
            per_unit = facility.output_per_unit(good)
            if per_unit > 0:
                self.supply[good] = self.supply.get(good, 0.0) + added * per_unit
        for good, per_unit in getattr(facility, "inputs", {}).items():
            self.needs[good] = self.needs.get(good, 0.0) + added * per_unit
            self.coming[good] = self.coming.get(good, 0.0) + added * per_unit

    def _affordable(self, facility: Facility, candidate: Candidate, added: float) -> float:
        """The largest part of an expansion its owner can pay for (the state pays its own)."""
        if facility.state_directed:
            return added
        spare = facility.cash + (1 - CREDIT_KEPT) * facility.credit_line
        per_unit_capex = candidate.capex / candidate.added
        return max(0.0, spare / per_unit_capex) if per_unit_capex > 0 else added

    def _candidates(self, makers: list[Facility]) -> list[Candidate]:
        candidates = []
        for facility in makers:
            if facility.bankrupt or not facility.recorded:
                continue  # off the books, nobody lends to it or permits it
            if facility.status == "prospect":
                candidate = self._prospect(facility)
            elif facility.can_expand() and facility.quota_factor >= 1.0:
                candidate = self._expansion(facility)
            else:
                continue
            if candidate is not None:
                candidates.append(candidate)
        return candidates

    def _expansion(self, facility: Facility) -> Candidate:
        step = self.model.scenario.settings.expansion_step
        added = facility.capacity * step
        capex = facility.capex_for(added)
        lead = self.model.build_years(facility.kind, facility.nation)
        npv = self._npv(facility, facility.long_run_margin(), added, capex, lead)
        return Candidate(facility, added, capex, npv, lead, prospect=False)

    def _prospect(self, facility: Facility) -> Candidate | None:
        lead = self.model.build_years(
            facility.kind, facility.nation, permitting=facility.kind == "mine"
        )
        capex = self.model.capex_estimate(facility.kind, facility.capacity, facility.capex)
        if (
            not facility.state_directed
            and capex > facility.cash + (1 - CREDIT_KEPT) * facility.credit_line
        ):
            return None
        margin = facility.long_run_margin() - facility.fixed_cost_per_kg()
        npv = self._npv(facility, margin, facility.capacity, capex, lead)
        return Candidate(facility, facility.capacity, capex, npv, lead, prospect=True)

    def _npv(
        self, facility: Facility, margin: float, added: float, capex: float, lead: float
    ) -> float:
        """USD M: the project's cash margin over its life at the hurdle rate, less capex."""
        return present_value(self.model, facility, margin, added, lead) - capex


def present_value(
    model: RareEarthModel, facility: Facility, margin: float, added: float, lead: float
) -> float:
    """USD M today of earning `margin` USD/kg on `added` units of capacity, at the planned
    utilisation, over a project's life starting `lead` years from now, at the hurdle rate."""
    settings = model.scenario.settings
    rate = settings.state_hurdle_rate if facility.state_directed else settings.hurdle_rate
    yearly = margin * added * settings.planned_utilisation * MUSD_PER_TONNE_AT_USD_PER_KG
    life = settings.project_life_years
    annuity: float = life if rate <= 0 else (1 - (1 + rate) ** -life) / rate
    discount: float = (1 + rate) ** lead
    return yearly * annuity / discount


def _nameplate(facility: Facility) -> float:
    """Yearly capacity in the supply line: open (within quota), being built, or expanding;
    for a by-product recovery, no more than its host's nameplate carries."""
    total = sum(added for added, _ in facility.expansions)
    if facility.status in ("operating", "mothballed"):
        total += (facility.capacity + facility.idle_capacity) * facility.quota_factor
    elif facility.status == "building":
        total += facility.capacity
    if isinstance(facility, Recovery):
        total = min(total, _host_ceiling(facility))
    return total


def _not_yet_open(facility: Facility) -> float:
    """Yearly capacity being built or added, not yet running."""
    building = facility.capacity if facility.status == "building" else 0.0
    return building + sum(added for added, _ in facility.expansions)


def _host_ceiling(recovery: Recovery) -> float:
    """Yearly tonnes a recovery's host can yield at its nameplate (none without a host)."""
    host = recovery.host
    return _nameplate(host) * recovery.yield_per_unit if host is not None else 0.0


def forecast_growth(scenario: Scenario) -> dict[str, float]:
    """Per good, the yearly growth of the final demand it serves: the growth of its own buyers
    and of buyers of everything made from it, weighted by their value at reference prices."""
    price = {c.id: c.reference_price for c in scenario.commodities}
    made_from: dict[str, set[str]] = {c.id: set() for c in scenario.commodities}
    for recipe in scenario.recipes:
        for good in recipe.inputs:
            made_from.setdefault(good, set()).update(recipe.outputs)

    def downstream(good: str) -> set[str]:
        seen, todo = {good}, [good]
        while todo:
            for nxt in made_from.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    growth = {}
    for commodity in price:
        served = downstream(commodity)
        weights = [
            (b.base_demand * price[b.commodity], b.growth)
            for b in scenario.buyers
            if b.commodity in served
        ]
        total = sum(w for w, _ in weights)
        growth[commodity] = sum(w * g for w, g in weights) / total if total > 0 else 0.0
    return growth
