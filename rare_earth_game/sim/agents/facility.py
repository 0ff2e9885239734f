"""What mines and plants share: a life cycle, a capacity this turn, and a cash account.

Life cycle: prospect → building → operating ⇄ mothballed → closed. Private owners commit
to prospects and expand when expected margins stay high, mothball after sustained expected
losses and go bankrupt when debt stays beyond their credit line. State-directed producers
follow their nation's quota and are never mothballed or bankrupted by the market.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.scenario.world import Facility as FacilitySpec
from rare_earth_game.sim.agents.base import EngineAgent

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

MOTHBALL_FIXED_COST_SHARE = 0.3
RESTART_YEARS = 0.5


class Facility(EngineAgent):
    """A mine or a plant in one nation."""

    kind: str = "facility"

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
        self.turns_open = self.ramp_turns if spec.status == "operating" else 0
        self.state_directed = spec.state_directed
        self.cash = spec.cash
        self.credit_line = spec.credit_line
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
        self.good_streak = 0
        self.debt_streak = 0
        self.begin_turn()

    # --- per turn ---------------------------------------------------------------------------

    def begin_turn(self) -> None:
        self.output = 0.0
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
                self.turns_open = 0
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
            self.turns_open += 1

    def _pay_construction(self) -> None:
        if self.capex > 0 and not self.state_directed:
            payment = self.capex / self.build_turns
            self.cash -= payment
            self.capex_paid += payment

    def capacity_per_turn(self) -> float:
        """Units this facility can produce (or process) this turn."""
        if not self.operating:
            return 0.0
        ramp = 1.0 if self.ramp_turns == 0 else min(1.0, self.turns_open / self.ramp_turns)
        outage = 1.0
        for factor, _ in self.outages:
            outage *= factor
        return self.capacity / self.model.turns_per_year * ramp * outage * self.quota_factor

    def utilisation(self) -> float:
        full = self.capacity / self.model.turns_per_year
        return self.output / full if full > 0 and self.operating else 0.0

    def jobs(self) -> float:
        if not self.is_open:
            return 0.0
        return self.jobs_at_capacity * (0.2 if self.status == "mothballed" else 1.0)

    # --- money --------------------------------------------------------------------------

    def expected_margin(self) -> float:
        """Expected USD/kg margin of one more unit over cash cost, at expected prices."""
        raise NotImplementedError

    def cost_basis(self) -> float:
        """USD/kg that the margin is compared with when judging it 'high'."""
        return max(self.unit_cost, 1e-9)

    def settle(self) -> None:
        """Settle stage: pay fixed costs and interest, book this turn's result."""
        if self.status in ("closed", "prospect"):
            return
        share = MOTHBALL_FIXED_COST_SHARE if self.status == "mothballed" else 1.0
        fixed = self.fixed_cost * share / self.model.turns_per_year
        interest = max(0.0, -self.cash) * self.model.scenario.settings.interest_rate
        self.costs += fixed + interest / self.model.turns_per_year
        self.profit = self.revenue + self.subsidy + self.floor_payment - self.costs
        self.cash += self.profit

    # --- decisions --------------------------------------------------------------------------

    def adapt(self) -> None:
        """Adapt stage: commit, expand, mothball, restart or fail, by the owner's rules.

        State-directed producers expand when full and profitable, like private ones, but
        their state keeps them open through losses.
        """
        if self.status in ("closed", "building"):
            return
        settings = self.model.scenario.settings
        margin = self.expected_margin()
        high = margin >= settings.investment_hurdle * self.cost_basis()
        self.good_streak = self.good_streak + 1 if high else 0
        self.loss_streak = self.loss_streak + 1 if margin < 0 else 0
        self.debt_streak = self.debt_streak + 1 if self.cash < -self.credit_line else 0
        patient = self.good_streak >= settings.investment_patience_turns
        if self.state_directed:
            if self.operating and patient and self._can_expand() and self.utilisation() >= 0.9:
                self._expand()
            return
        if self.status == "prospect" and patient:
            self._commit()
        elif self.status == "mothballed" and patient:
            self._restart()
        elif self.status == "operating":
            if self.debt_streak >= settings.bankrupt_after_turns:
                self._fail()
            elif self.loss_streak >= settings.mothball_after_turns:
                self._mothball()
            elif patient and self._can_expand() and self._worth_expanding():
                self._expand()

    def _commit(self) -> None:
        years = self.model.build_years(self.kind, self.nation, permitting=self.kind == "mine")
        self._start_building(self.model.years_to_turns(years))
        self.model.note(
            "project_committed", self.key, f"{self.owner or self.name} commits to {self.name}"
        )

    def _restart(self) -> None:
        self._start_building(self.model.years_to_turns(RESTART_YEARS))
        self.capex = 0.0
        self.model.note("facility_restarting", self.key, f"{self.name} is being restarted")

    def _start_building(self, turns: int) -> None:
        self.status = "building"
        self.turns_left = self.build_turns = max(1, turns)
        self.good_streak = 0

    def _mothball(self) -> None:
        self.status = "mothballed"
        self.loss_streak = 0
        self.model.note(
            "facility_mothballed", self.key, f"{self.name} is mothballed after sustained losses"
        )

    def _fail(self) -> None:
        self.status = "closed"
        self.bankrupt = True
        self.model.note(
            "bankruptcy", self.key, f"{self.owner or self.name} goes bankrupt; {self.name} closes"
        )

    def _can_expand(self) -> bool:
        return len(self.expansions) < self.units

    def _worth_expanding(self) -> bool:
        return self.utilisation() >= 0.9 and self.cash > self._expansion_cost()

    def _expansion_cost(self) -> float:
        step = self.model.scenario.settings.expansion_step
        return step * self.model.capex_estimate(self.kind, self.capacity, self.capex)

    def _expand(self) -> None:
        step = self.model.scenario.settings.expansion_step
        if not self.state_directed:  # the state pays for its own producers' growth
            cost = self._expansion_cost()
            self.cash -= cost
            self.capex_paid += cost
        turns = self.model.years_to_turns(self.model.build_years(self.kind, self.nation))
        self.expansions.append([self.capacity * step, turns])
        self.good_streak = 0
        self.model.note("expansion_started", self.key, f"{self.name} starts a {step:.0%} expansion")
