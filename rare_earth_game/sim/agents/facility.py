"""What mines and plants share: a life cycle, a capacity this turn, and a cash account.

Life cycle: prospect → building → operating ⇄ mothballed → closed. Whether to build, commit
or expand is planned market by market (`sim/investment.py`); each facility decides alone
whether to keep running. A private facility mothballs after sustained cash losses at the
prices it expects (or after half a year in which nobody bought from it), restarts (at a
cost) once running pays again, retires after years mothballed, and goes bankrupt when its
debt stays beyond its credit line. An aggregate of many sites (`units` > 1) shuts its sites
one at a time, so the rest run on at the price its shrunken supply fetches, and restarts
them one at a time (a take-back scheme's collectors do not all stop because there is more
scrap than the recycler takes). Sunk costs make a band of prices in which nothing
changes [S: Dixit and Pindyck 1994, ch. 7].
State-directed producers follow their nation's quota and are never mothballed or
bankrupted by the market. Nor is supply off the books (illegal mines, smugglers): it has no
plant to mothball and simply sells whenever the price covers its cash cost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Facility as FacilitySpec
from rare_earth_game.sim.agents.base import EngineAgent

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

MOTHBALL_FIXED_COST_SHARE = 0.3
"""Share of fixed costs a mothballed facility still pays (care and maintenance) [A]."""
RESTART_YEARS = 0.5
"""Time to bring a mothballed facility back into production [A]."""
IDLE_TURNS = 2
"""A private facility that sold nothing for this many turns mothballs."""
MOTHBALLED_JOBS = 0.2
"""Share of its jobs a mothballed facility or site keeps (care and maintenance) [A]."""
RESTART_RAMP = 0.5
"""Share of capacity a restarted facility runs at in its first turn back: its people and
processes are known, so it ramps up faster than a new plant [A]."""


class Facility(EngineAgent):
    """A mine or a plant in one nation."""

    kind: str = "facility"
    main_output: str
    """The good whose market decides this facility's investment (its most valuable)."""

    def __init__(self, model: RareEarthModel, spec: FacilitySpec) -> None:
        super().__init__(model, spec.id)
        settings = model.scenario.settings
        self.name = spec.name
        self.nation = spec.nation
        self.owner = spec.owner
        self.location = spec.location
        self.offtake = spec.offtake
        self.status: str = spec.status
        self.capacity = spec.capacity
        self.unit_cost = spec.unit_cost
        self.turns_left = spec.turns_to_complete
        self.build_turns = max(1, spec.turns_to_complete)
        self.ramp_turns = (
            settings.ramp_up_turns if spec.ramp_up_turns is None else spec.ramp_up_turns
        )
        self.ramp = spec.start_utilisation if spec.status == "operating" else 0.0
        """Share of capacity it can run at while ramping up (1 once ramped up)."""
        self.state_directed = spec.state_directed
        self.recorded = spec.recorded
        """False for supply outside official statistics (see `metrics.py`)."""
        self.firm = model.firms.for_facility(spec.id, spec.owner, spec.state_directed)
        self.firm.join(spec.id, spec.cash, spec.credit_line)
        self.fixed_cost = spec.fixed_cost
        self.capex = spec.capex
        self.jobs_at_capacity = spec.jobs
        self.units = spec.units
        self.environmental_impact = spec.environmental_impact
        self.outages: list[list[float]] = []  # [factor, turns left]
        self.expansions: list[list[float]] = []
        """Expansions under way, as [capacity added, turns left]. An aggregate of many sites
        (units > 1) can have one per site at once, as its many firms invest side by side."""
        self.quota_factor = 1.0
        self.bankrupt = False
        self.loss_streak = 0
        self.gain_streak = 0
        self.mothballed_turns = 0
        self.idle_streak = 0
        self.restarting = False
        self.idle_sites = 0
        """Sites of an aggregate mothballed while the others run."""
        self.idle_capacity = 0.0
        self.idle_fixed_cost = 0.0
        self.idle_turns = 0
        Facility.begin_turn(self)  # subclasses finish their own set-up, then reset theirs

    # --- per turn ---------------------------------------------------------------------------

    def begin_turn(self) -> None:
        self.output = 0.0
        self.sold_tonnes = 0.0  # of its main output
        self.revenue = 0.0
        self.costs = 0.0
        self.subsidy = 0.0
        self.floor_payment = 0.0
        self.capex_paid = 0.0

    @property
    def operating(self) -> bool:
        return self.status == "operating"

    @property
    def is_open(self) -> bool:
        return self.status in ("operating", "mothballed")

    def advance(self) -> None:
        """Produce stage: construction counts down, ramp-up advances, outages expire."""
        if self.status == "building":
            self._pay_construction()
            self.turns_left -= 1
            if self.turns_left <= 0:
                self.status = "operating"
                self.ramp = RESTART_RAMP if self.restarting else 0.0
                self.restarting = False
                self.model.note("facility_opened", self.key, f"{self.name} starts production")
        for expansion in self.expansions:
            expansion[1] -= 1
            if expansion[1] <= 0:
                self.capacity += expansion[0]
                self.model.note("expansion_done", self.key, f"{self.name} expansion completes")
        self.expansions = [e for e in self.expansions if e[1] > 0]
        for outage in self.outages:
            outage[1] -= 1
        self.outages = [o for o in self.outages if o[1] > 0]
        if self.operating:
            step = 1.0 if self.ramp_turns == 0 else 1.0 / self.ramp_turns
            self.ramp = min(1.0, self.ramp + step)

    def _pay_construction(self) -> None:
        if self.capex > 0 and not self.state_directed:
            payment = self.capex / self.build_turns
            self.cash -= payment
            self.capex_paid += payment

    def capacity_per_turn(self) -> float:
        """Units this facility can produce (or process) this turn."""
        if not self.operating:
            return 0.0
        outage = 1.0
        for factor, _ in self.outages:
            outage *= factor
        return self.capacity / self.model.turns_per_year * self.ramp * outage * self.quota_factor

    def utilisation(self) -> float:
        full = self.capacity / self.model.turns_per_year
        return self.output / full if full > 0 and self.operating else 0.0

    def jobs(self) -> float:
        if not self.is_open:
            return 0.0
        if self.status == "mothballed":
            return self.jobs_at_capacity * MOTHBALLED_JOBS
        total = self.capacity + self.idle_capacity
        idle = self.idle_capacity / total if total > 0 else 0.0
        return self.jobs_at_capacity * (1.0 - idle * (1.0 - MOTHBALLED_JOBS))

    # --- money --------------------------------------------------------------------------

    def margin_at(self, price: Callable[[str], float]) -> float:
        """USD/kg margin of a unit of activity over cash cost, at the prices `price` gives
        per good (a price floor covering this facility counts)."""
        raise NotImplementedError

    def floored(self, commodity: str, price: float) -> float:
        """A price, or the guaranteed floor when one covers this facility's output."""
        floor = self.model.policies.floor_for(self.key, commodity)
        return max(price, floor.price) if floor is not None else price

    def expected_margin(self) -> float:
        """Margin at the prices expected next turn."""
        prices = self.model.prices
        return self.margin_at(lambda c: prices.expect(c, self.nation))

    def year_ahead_margin(self) -> float:
        """Margin averaged over the coming year, as today's price gaps fade: what deciding to
        keep running or to restart is judged on, so one bad quarter does not shut a mine."""
        prices = self.model.prices
        turns = max(1, round(self.model.turns_per_year))

        def ahead(h: int) -> Callable[[str], float]:
            return lambda c: prices.expect_ahead(c, self.nation, h)

        return sum(self.margin_at(ahead(h)) for h in range(1, turns + 1)) / turns

    def long_run_margin(self) -> float:
        """Margin at the prices expected over a project's life: what its payback is judged
        on (see `PriceBoard.lifetime_price`)."""
        prices = self.model.prices
        return self.margin_at(lambda c: prices.lifetime_price(c, self.nation))

    def output_per_unit(self, commodity: str) -> float:
        """Tonnes of a good per unit of capacity."""
        raise NotImplementedError

    def products(self) -> tuple[str, ...]:
        """The goods it makes (those whose `output_per_unit` may be above zero)."""
        raise NotImplementedError

    def activity_settled(self, cleared: set[str]) -> bool:
        """Whether this turn's activity is decided once the markets in `cleared` have
        cleared (a mine's when its main output has sold): what a by-product recovered
        here waits for."""
        return self.main_output in cleared

    def fixed_cost_per_kg(self) -> float:
        """Fixed cost per kg of capacity, in USD/kg."""
        return self.fixed_cost * 1000 / self.capacity if self.capacity > 0 else 0.0

    @property
    def cash(self) -> float:
        """The owner's cash (USD M), shared by all its facilities."""
        return self.firm.cash

    @cash.setter
    def cash(self, value: float) -> None:
        self.firm.cash = value

    @property
    def credit_line(self) -> float:
        return self.firm.credit_line

    def settle(self) -> None:
        """Settle stage: pay fixed costs, book this turn's result in the owner's account
        (the owner's interest is charged to its facilities by `charge_interest`)."""
        if self.status in ("closed", "prospect"):
            return
        # Running costs once open; a project being built pays its construction (capex) only.
        share = {"operating": 1.0, "mothballed": MOTHBALL_FIXED_COST_SHARE}.get(self.status, 0.0)
        self.costs += self.fixed_cost * share / self.model.turns_per_year
        if share > 0:  # sites mothballed while the rest run
            self.costs += (
                self.idle_fixed_cost * MOTHBALL_FIXED_COST_SHARE / self.model.turns_per_year
            )
        self.profit = self.revenue + self.subsidy + self.floor_payment - self.costs
        self.cash += self.profit

    def charge_interest(self, musd: float) -> None:
        """Pay a share of the owner's interest on its debt this turn."""
        self.costs += musd
        self.profit -= musd
        self.cash -= musd

    # --- keep running? ----------------------------------------------------------------------

    def adapt(self) -> None:
        """Adapt stage: mothball, restart, retire or fail, by the owner's rules.

        Expansion and new projects are planned per market, in `sim/investment.py`.
        """
        if self.status in ("closed", "building", "prospect") or self.state_directed:
            return
        if not self.recorded:  # off the books: no plant to mothball, it runs when it pays
            return
        settings = self.model.scenario.settings
        margin = self.year_ahead_margin()
        self.loss_streak = self.loss_streak + 1 if margin < 0 else 0
        self.gain_streak = self.gain_streak + 1 if margin > self._restart_hurdle() else 0
        idle = self.operating and self.sold_tonnes <= 0
        self.idle_streak = self.idle_streak + 1 if idle else 0
        if self.status == "mothballed":
            self.mothballed_turns += 1
            if self.bankrupt:  # under court protection: no money to restart
                return
            if self.gain_streak >= settings.mothball_after_turns and self.long_run_margin() > 0:
                self._restart()
            elif self.mothballed_turns >= settings.retire_after_years * self.model.turns_per_year:
                self._retire()
        elif self.idle_streak >= IDLE_TURNS:
            self._mothball()
        elif self.loss_streak >= settings.mothball_after_turns:
            if self.units - self.idle_sites > 1:
                self._mothball_site()
            else:
                self._mothball()
        elif self.idle_sites:
            self._restart_or_retire_sites()

    def _restart_hurdle(self) -> float:
        """USD/kg a mothballed facility must expect to earn over cash cost to restart: its
        restart cost, paid back over a year of full output [A]."""
        settings = self.model.scenario.settings
        return settings.restart_cost_years * self.fixed_cost_per_kg()

    def _mothball_site(self) -> None:
        """Mothball one of the running sites of an aggregate, with its share of the
        capacity and the fixed costs."""
        share = 1.0 / (self.units - self.idle_sites)
        capacity, fixed = self.capacity * share, self.fixed_cost * share
        self.capacity -= capacity
        self.fixed_cost -= fixed
        self.idle_capacity += capacity
        self.idle_fixed_cost += fixed
        self.idle_sites += 1
        self.idle_turns = 0
        self.loss_streak = 0
        self.model.note(
            "site_mothballed", self.key, f"one site of {self.name} is mothballed, losing money"
        )

    def _restart_or_retire_sites(self) -> None:
        """Restart one mothballed site once running pays again (it produces again after
        `RESTART_YEARS`), or close them all for good after years idle."""
        settings = self.model.scenario.settings
        self.idle_turns += 1
        if self.gain_streak >= settings.mothball_after_turns and self.long_run_margin() > 0:
            share = 1.0 / self.idle_sites
            capacity, fixed = self.idle_capacity * share, self.idle_fixed_cost * share
            self.idle_capacity -= capacity
            self.idle_fixed_cost -= fixed
            self.idle_sites -= 1
            self.idle_turns = 0
            self.gain_streak = 0
            self._pay_restart(fixed)
            self.fixed_cost += fixed
            self.expansions.append([capacity, self.model.years_to_turns(RESTART_YEARS)])
            self.model.note("site_restarting", self.key, f"a site of {self.name} is restarting")
        elif self.idle_turns >= settings.retire_after_years * self.model.turns_per_year:
            self.idle_capacity = self.idle_fixed_cost = 0.0
            self.idle_sites = 0
            self.model.note(
                "sites_retired", self.key, f"{self.name} closes its mothballed sites for good"
            )

    def commit(self) -> None:
        """Start building a prospect (mines need their permits first)."""
        years = self.model.build_years(self.kind, self.nation, permitting=self.kind == "mine")
        self._start_building(self.model.years_to_turns(years))
        self.model.note(
            "project_committed", self.key, f"{self.owner or self.name} commits to {self.name}"
        )

    def _pay_restart(self, fixed_cost: float) -> None:
        """Pay to restart a plant or a site whose fixed costs are `fixed_cost` a year."""
        cost = self.model.scenario.settings.restart_cost_years * fixed_cost
        self.cash -= cost
        self.capex_paid += cost

    def _restart(self) -> None:
        self._pay_restart(self.fixed_cost)
        self.capex = 0.0
        self.mothballed_turns = 0
        self._start_building(self.model.years_to_turns(RESTART_YEARS))
        self.restarting = True
        self.model.note("facility_restarting", self.key, f"{self.name} is being restarted")

    def _start_building(self, turns: int) -> None:
        self.status = "building"
        self.turns_left = self.build_turns = max(1, turns)
        self.gain_streak = 0

    def _mothball(self) -> None:
        self.status = "mothballed"
        self.loss_streak = 0
        self.mothballed_turns = 0
        self.model.note(
            "facility_mothballed", self.key, f"{self.name} is mothballed after sustained losses"
        )

    def _retire(self) -> None:
        self.status = "closed"
        self.scrap_inputs()
        self.model.note(
            "facility_retired", self.key, f"{self.name} closes for good: not worth restarting"
        )

    def fail(self) -> None:
        """Its owner went bankrupt: close."""
        self.status = "closed"
        self.bankrupt = True
        self.scrap_inputs()

    def scrap_inputs(self) -> None:
        """On closing: feed held for processing is written off (the outputs it still holds
        stay on offer until they sell or are written off in turn)."""

    # --- growth -----------------------------------------------------------------------------

    def can_expand(self) -> bool:
        """Operating, with a site free to expand (an aggregate of many sites can expand at
        several at once, as its many firms invest side by side)."""
        return self.operating and not self.idle_sites and len(self.expansions) < self.units

    def capex_for(self, added: float) -> float:
        """USD M to add `added` units of yearly capacity: in proportion to the facility's own
        capital cost when the scenario gives one. Otherwise a set share of what it would
        earn at reference prices: the scenario's prices are taken to be long-run prices at
        which building more of this kind of capacity pays [A]."""
        if self.capex > 0 and self.capacity > 0:
            return self.capex * added / self.capacity
        prices = self.model.prices
        margin = self.margin_at(prices.reference.__getitem__)
        if margin <= 0:
            return self.model.capex_estimate(self.kind, added, 0.0)
        return self.model.default_capex(self, margin, added)

    def expand(self, added: float, capex: float) -> None:
        """Start an expansion of `added` units a year, paid now (the state pays its own)."""
        if not self.state_directed:
            self.cash -= capex
            self.capex_paid += capex
        turns = self.model.years_to_turns(self.model.build_years(self.kind, self.nation))
        self.expansions.append([added, turns])
        share = added / self.capacity if self.capacity > 0 else 1.0
        self.model.note(
            "expansion_started", self.key, f"{self.name} starts a {share:.0%} expansion"
        )

    def finance_room(self) -> float:
        """USD M the owner can spend: cash plus what is left of its credit line."""
        return self.cash + self.credit_line
