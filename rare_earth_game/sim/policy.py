"""The trade and industrial policies in force, and the questions markets ask of them."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rare_earth_game.scenario.content import ContentTable
from rare_earth_game.scenario.policies import (
    ExportControl,
    ExportDuty,
    Policies,
    PriceFloor,
    ProductionQuota,
    Subsidy,
    Tariff,
)

Policy = Tariff | ExportDuty | ExportControl | ProductionQuota | Subsidy | PriceFloor


def covers(listed: tuple[str, ...] | None, value: str) -> bool:
    """A policy field that is absent covers everything; otherwise it lists what it covers."""
    return listed is None or value in listed


@dataclass
class ControlState:
    """An export control in force, with the goods it covers, the turn it began and, for a
    licence, the approvals already granted for later turns."""

    control: ExportControl
    since_turn: int
    scope: tuple[str, ...]
    """The goods it covers: those listed and, with a content threshold, those containing
    them (in the scenario's order after the listed ones)."""
    pending: dict[str, dict[int, float]] = field(default_factory=dict)
    """commodity → turn → tonnes approved for shipment in that turn (licences only)."""
    in_force_at_start: bool = False
    requested: dict[str, float] = field(default_factory=dict)
    """commodity → tonnes requested over the regime's life (for the record and tests)."""
    approved: dict[str, float] = field(default_factory=dict)
    """commodity → tonnes approved over the regime's life."""


class PolicyBook:
    """Every policy in force by id; one id names one policy of any kind."""

    def __init__(self, initial: Policies, content: ContentTable) -> None:
        self.content = content
        self.tariffs: dict[str, Tariff] = {}
        self.duties: dict[str, ExportDuty] = {}
        self.controls: dict[str, ControlState] = {}
        self.quotas: dict[str, ProductionQuota] = {}
        self.subsidies: dict[str, Subsidy] = {}
        self.floors: dict[str, PriceFloor] = {}
        self.version = 0
        """Bumped on every change, so trade questions can be cached between changes."""
        self._route_cache: dict[tuple[str, str, str], tuple[bool, float, float]] = {}
        self._answers: dict[tuple[object, ...], Any] = {}
        """Answers to the questions agents ask many times a turn (controls on a good, a
        facility's subsidy and floor), which only a change of policy can change."""
        self._cache_version = -1
        self._starting = True
        in_force: list[Policy] = [
            *initial.tariffs,
            *initial.export_duties,
            *initial.export_controls,
            *initial.production_quotas,
            *initial.subsidies,
            *initial.price_floors,
        ]
        for policy in in_force:
            self.set(policy, turn=0)
        self._starting = False

    def _tables(self) -> Iterable[dict[str, Any]]:
        return (self.tariffs, self.duties, self.controls, self.quotas, self.subsidies, self.floors)

    def set(self, policy: Policy, turn: int) -> None:
        """Put a policy in force, replacing any policy with the same id.

        An export control amended under the same id keeps its start and the approvals
        already granted, so changing a licence's approval share does not restart its queue.
        """
        earlier = self.controls.get(policy.id)
        self.remove(policy.id)
        self.version += 1
        if isinstance(policy, Tariff):
            self.tariffs[policy.id] = policy
        elif isinstance(policy, ExportDuty):
            self.duties[policy.id] = policy
        elif isinstance(policy, ExportControl):
            scope = policy.commodities
            if policy.content_threshold is not None:
                contained = self.content.containing(policy.commodities, policy.content_threshold)
                scope = tuple(dict.fromkeys((*scope, *contained)))
            if earlier is not None and earlier.control.exporter == policy.exporter:
                self.controls[policy.id] = ControlState(
                    policy,
                    earlier.since_turn,
                    scope,
                    earlier.pending,
                    earlier.in_force_at_start,
                    earlier.requested,
                    earlier.approved,
                )
            else:
                self.controls[policy.id] = ControlState(policy, turn, scope, {}, self._starting)
        elif isinstance(policy, ProductionQuota):
            self.quotas[policy.id] = policy
        elif isinstance(policy, Subsidy):
            self.subsidies[policy.id] = policy
        else:
            self.floors[policy.id] = policy

    def remove(self, policy_id: str) -> bool:
        """Lift a policy; returns whether one was in force."""
        found = False
        for table in self._tables():
            found = table.pop(policy_id, None) is not None or found
        self.version += 1
        return found

    def get(self, policy_id: str) -> Any:
        for table in self._tables():
            if policy_id in table:
                return table[policy_id]
        return None

    # --- trade -----------------------------------------------------------------------------

    def _fresh(self) -> None:
        """Forget cached answers if a policy has changed since they were worked out."""
        if self._cache_version != self.version:
            self._route_cache.clear()
            self._answers.clear()
            self._cache_version = self.version

    def route_terms(
        self, commodity: str, origin: str, destination: str
    ) -> tuple[bool, float, float]:
        """(banned, tariff rate, export duty rate) on a route, cached until policies change."""
        self._fresh()
        key = (commodity, origin, destination)
        terms = self._route_cache.get(key)
        if terms is None:
            terms = (
                self.banned(commodity, origin, destination),
                self.tariff_rate(commodity, origin, destination),
                self.duty_rate(commodity, origin, destination),
            )
            self._route_cache[key] = terms
        return terms

    def tariff_rate(self, commodity: str, origin: str, destination: str) -> float:
        """Sum of import tariffs the destination levies on this good from this origin."""
        return sum(
            t.rate
            for t in self.tariffs.values()
            if t.importer == destination
            and covers(t.exporters, origin)
            and covers(t.commodities, commodity)
        )

    def duty_rate(self, commodity: str, origin: str, destination: str) -> float:
        """Sum of export duties the origin levies on this good to this destination."""
        return sum(
            d.rate
            for d in self.duties.values()
            if d.exporter == origin
            and covers(d.commodities, commodity)
            and covers(d.destinations, destination)
        )

    def controls_on(self, commodity: str, exporter: str | None = None) -> list[ControlState]:
        """Controls covering a good (listed or by content), optionally one exporter's."""
        self._fresh()
        key = ("controls", commodity, exporter)
        found: list[ControlState] | None = self._answers.get(key)
        if found is None:
            found = self._answers[key] = [
                s
                for s in self.controls.values()
                if commodity in s.scope and (exporter is None or s.control.exporter == exporter)
            ]
        return list(found)

    def re_export_controls_on(self, commodity: str) -> list[ControlState]:
        """Controls that follow a good's origin content through other nations' exports."""
        return [s for s in self.controls_on(commodity) if s.control.re_exports]

    def banned(self, commodity: str, origin: str, destination: str) -> bool:
        return any(
            s.control.kind == "ban" and covers(s.control.destinations, destination)
            for s in self.controls_on(commodity, origin)
        )

    # --- production --------------------------------------------------------------------------

    def quotas_for(self, nation: str) -> list[ProductionQuota]:
        return [q for q in self.quotas.values() if q.nation == nation]

    def subsidy_per_kg(self, nation: str, facility: str, unit_cost: float) -> float:
        """Credit per kg a facility earns from all subsidies that cover it."""
        self._fresh()
        key = ("subsidy", nation, facility, unit_cost)
        credit: float | None = self._answers.get(key)
        if credit is None:
            credit = self._answers[key] = sum(
                s.usd_per_kg + s.cost_share * unit_cost
                for s in self.subsidies.values()
                if s.nation == nation and covers(s.facilities, facility)
            )
        return credit

    def floor_for(self, facility: str, commodity: str) -> PriceFloor | None:
        self._fresh()
        key = ("floor", facility, commodity)
        if key not in self._answers:
            floors = [
                f
                for f in self.floors.values()
                if f.commodity == commodity and facility in f.facilities
            ]
            self._answers[key] = max(floors, key=lambda f: f.price) if floors else None
        floor: PriceFloor | None = self._answers[key]
        return floor
