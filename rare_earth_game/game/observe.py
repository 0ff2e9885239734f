"""What a game turn did, read from the engine after each of its steps: the measurements the
AI decides on and the turn report explains with.

Flows, output and demand are summed over the turn's steps and stated as yearly rates, so a
yearly turn and a quarterly one read alike; states (who is open, what is in force, stocks)
are as they stood at the turn's end. The engine's own tables keep everything per step; this
keeps, per turn, the few things a cause is measured by, keyed by the agents that carry them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rare_earth_game.sim.agents import Refiner

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

Route = tuple[str, str, str]
"""(good, exporter, importer)"""


@dataclass(frozen=True)
class FacilityView:
    """A mine or plant as it stood at the turn's end, with its jobs over the turn."""

    name: str
    nation: str
    status: str
    jobs: float


@dataclass(frozen=True)
class BuyerView:
    """A demand sector, with what it wanted at normal prices over the turn (a year's rate)."""

    nation: str
    sector: str
    good: str
    wanted: float


@dataclass(frozen=True)
class ControlView:
    """An export control in force at the turn's end."""

    exporter: str
    goods: tuple[str, ...]
    """The goods it covers, those it lists and those containing them."""
    destinations: tuple[str, ...] | None
    kind: str
    approval: float


@dataclass(frozen=True)
class GoodsIndex:
    """Which goods an observation holds any record of, by what a cause acts through."""

    by_facility: dict[str, set[str]]
    """Goods each facility made or took in."""
    by_exporter: dict[str, set[str]]
    """Goods each nation shipped abroad."""
    by_stockpiler: dict[str, set[str]]
    """Goods each government's stockpile took in or released."""
    by_licence: dict[str, set[str]]
    """Goods each licence regime refused."""
    stocked: set[str]
    """Goods buyers stocked or drew on anywhere."""


@dataclass(frozen=True)
class TariffView:
    """An import tariff in force at the turn's end."""

    importer: str
    exporters: tuple[str, ...] | None
    goods: tuple[str, ...] | None
    rate: float


@dataclass
class TurnObservation:
    """One game turn's measurements (yearly rates for flows, output and demand)."""

    years: float
    flows: dict[Route, float] = field(default_factory=dict)
    """Tonnes a year shipped, by (good, exporter, importer)."""
    values: dict[Route, float] = field(default_factory=dict)
    """USD M a year paid for those shipments."""
    made: dict[tuple[str, str], float] = field(default_factory=dict)
    """Tonnes a year made, by (facility, good)."""
    used: dict[tuple[str, str], float] = field(default_factory=dict)
    """Tonnes a year a plant took in for processing, by (facility, good)."""
    facilities: dict[str, FacilityView] = field(default_factory=dict)
    buyers: dict[str, BuyerView] = field(default_factory=dict)
    inventories: dict[tuple[str, str], float] = field(default_factory=dict)
    """Buyers' stocks at the turn's end, by (good, nation)."""
    stocked: dict[tuple[str, str], float] = field(default_factory=dict)
    """Tonnes a year buyers added to their stocks (negative: drew on them), by (good, nation)."""
    stockpiles: dict[tuple[str, str], float] = field(default_factory=dict)
    """Government stockpiles at the turn's end, by (good, nation)."""
    stockpiled: dict[tuple[str, str], float] = field(default_factory=dict)
    """Tonnes a year governments added to their stockpiles (negative: released)."""
    content: dict[tuple[str, str], float] = field(default_factory=dict)
    """The adversary's share (0-1) of what a nation acquired of a good, by (good, nation),
    averaged over the turn."""
    refused: dict[tuple[str, str], float] = field(default_factory=dict)
    """Tonnes a year each licence regime refused (asked for, not approved), by (control,
    good)."""
    controls: dict[str, ControlView] = field(default_factory=dict)
    tariffs: dict[str, TariffView] = field(default_factory=dict)
    quotas: dict[str, float] = field(default_factory=dict)
    """Production quotas in force: tonnes a year, by id."""
    _routes: dict[tuple[str, str], dict[str, float]] | None = field(
        default=None, repr=False, compare=False
    )
    prices: dict[tuple[str, str], float] = field(default_factory=dict)
    """Mean price where the good traded, by (good, nation)."""
    _goods: GoodsIndex | None = field(default=None, repr=False, compare=False)

    # --- questions the AI and the report ask ---------------------------------------------

    def imports(self, good: str, importer: str, exporter: str | None = None) -> float:
        """Tonnes a year of a good that reached `importer` (from `exporter`, or anyone)."""
        return sum(
            t
            for (g, e, i), t in self.flows.items()
            if g == good and i == importer and (exporter is None or e == exporter)
        )

    def exports_into(self, good: str, exporter: str, importers: set[str]) -> float:
        """Tonnes a year of a good shipped from `exporter` to any of `importers`."""
        return sum(t for i, t in self.shipments(good, exporter).items() if i in importers)

    def shipments(self, good: str, exporter: str) -> dict[str, float]:
        """Importer -> tonnes a year of a good shipped from `exporter` (in `flows` order;
        the index itself, not a copy), built once: causes and the AI ask often."""
        if self._routes is None:
            self._routes = defaultdict(dict)
            for (shipped, origin, importer), tonnes in self.flows.items():
                self._routes[(shipped, origin)][importer] = tonnes
        return self._routes.get((good, exporter), {})

    def goods_index(self) -> GoodsIndex:
        """Which goods it holds records of, built once: the report asks it of every cause."""
        if self._goods is None:
            by_facility: dict[str, set[str]] = defaultdict(set)
            for facility, good in (*self.made, *self.used):
                by_facility[facility].add(good)
            by_exporter: dict[str, set[str]] = defaultdict(set)
            for good, exporter, _ in self.flows:
                by_exporter[exporter].add(good)
            by_stockpiler: dict[str, set[str]] = defaultdict(set)
            for good, nation in self.stockpiled:
                by_stockpiler[nation].add(good)
            by_licence: dict[str, set[str]] = defaultdict(set)
            for control, good in self.refused:
                by_licence[control].add(good)
            stocked = {good for good, _ in self.stocked}
            self._goods = GoodsIndex(by_facility, by_exporter, by_stockpiler, by_licence, stocked)
        return self._goods

    def made_in(self, good: str, nations: set[str]) -> float:
        """Tonnes a year of a good made by facilities in `nations`."""
        return sum(
            t
            for (f, g), t in self.made.items()
            if g == good and f in self.facilities and self.facilities[f].nation in nations
        )

    def supply_into(self, good: str, nations: set[str]) -> float:
        """Tonnes a year of a good available to `nations`: made there, or shipped in."""
        shipped = sum(
            t
            for (g, e, i), t in self.flows.items()
            if g == good and i in nations and e not in nations
        )
        return self.made_in(good, nations) + shipped

    def wanted(self, good: str, nations: set[str]) -> float:
        """Tonnes a year final buyers in `nations` wanted at normal prices."""
        return sum(b.wanted for b in self.buyers.values() if b.good == good and b.nation in nations)


class Observer:
    """Collects a turn's measurements, one engine step at a time."""

    def __init__(self, model: RareEarthModel) -> None:
        self.model = model
        self._reset()

    def _reset(self) -> None:
        model = self.model
        self._start_stocks = _buyer_stocks(model)
        self._start_stockpiles = _stockpiles(model)
        self._start_held = _held_back(model)
        self._steps = 0
        self._flows: dict[Route, float] = defaultdict(float)
        self._values: dict[Route, float] = defaultdict(float)
        self._made: dict[tuple[str, str], float] = defaultdict(float)
        self._used: dict[tuple[str, str], float] = defaultdict(float)
        self._wanted: dict[str, float] = defaultdict(float)
        self._jobs: dict[str, float] = defaultdict(float)
        self._content: dict[tuple[str, str], float] = defaultdict(float)
        self._priced: dict[tuple[str, str], list[float]] = defaultdict(list)

    def after_step(self) -> None:
        """Read what the step just played did."""
        model = self.model
        self._steps += 1
        for clearing in model.clearings.values():
            for flow in clearing.flows:
                route = (flow.commodity, flow.exporter, flow.importer)
                self._flows[route] += flow.tonnes
                self._values[route] += flow.value
            for nation, price in clearing.prices.items():
                self._priced[(clearing.commodity, nation)].append(price)
        for facility in model.facilities.values():
            if facility.output <= 0:
                continue
            for good in facility.products():
                per_unit = facility.output_per_unit(good)
                if per_unit > 0:
                    self._made[(facility.key, good)] += facility.output * per_unit
            if isinstance(facility, Refiner):
                for good, share in facility.inputs.items():
                    self._used[(facility.key, good)] += facility.output * share
        for facility in model.facilities.values():
            self._jobs[facility.key] += facility.jobs()
        for buyer in model.buyers:
            self._wanted[buyer.key] += buyer.desired
        for good, by_nation in model.content.items():
            for nation, share in by_nation.items():
                self._content[(good, nation)] += share

    def close(self) -> TurnObservation:
        """The turn's measurements; the observer starts afresh for the next turn."""
        observation = self.so_far()
        self._reset()
        return observation

    def so_far(self) -> TurnObservation:
        """The measurements of the steps played so far this turn."""
        model = self.model
        steps = max(1, self._steps)
        years = steps / model.turns_per_year
        observation = TurnObservation(
            years=years,
            flows={k: v / years for k, v in self._flows.items()},
            values={k: v / years for k, v in self._values.items()},
            made={k: v / years for k, v in self._made.items()},
            used={k: v / years for k, v in self._used.items()},
            content={k: v / steps for k, v in self._content.items()},
            prices={k: sum(v) / len(v) for k, v in self._priced.items()},
        )
        for facility in model.facilities.values():
            observation.facilities[facility.key] = FacilityView(
                facility.name, facility.nation, facility.status, self._jobs[facility.key] / steps
            )
        for buyer in model.buyers:
            observation.buyers[buyer.key] = BuyerView(
                buyer.nation, buyer.sector, buyer.commodity, self._wanted[buyer.key] / years
            )
        observation.inventories = _buyer_stocks(model)
        observation.stockpiles = _stockpiles(model)
        observation.stocked = _per_year(observation.inventories, self._start_stocks, years)
        observation.stockpiled = _per_year(observation.stockpiles, self._start_stockpiles, years)
        held = _held_back(model)  # a regime lifted in the turn refuses nothing more
        observation.refused = _per_year(
            held, {k: self._start_held.get(k, 0.0) for k in held}, years
        )
        for control_id, state in model.policies.controls.items():
            control = state.control
            observation.controls[control_id] = ControlView(
                control.exporter,
                state.scope,
                control.destinations,
                control.kind,
                control.approval_share if control.kind == "licence" else 0.0,
            )
        for tariff_id, tariff in model.policies.tariffs.items():
            observation.tariffs[tariff_id] = TariffView(
                tariff.importer, tariff.exporters, tariff.commodities, tariff.rate
            )
        for quota_id, quota in model.policies.quotas.items():
            observation.quotas[quota_id] = quota.tonnes_per_year
        return observation


def _buyer_stocks(model: RareEarthModel) -> dict[tuple[str, str], float]:
    stocks: dict[tuple[str, str], float] = defaultdict(float)
    for buyer in model.buyers:
        stocks[(buyer.commodity, buyer.nation)] += buyer.inventory
    return dict(stocks)


def _stockpiles(model: RareEarthModel) -> dict[tuple[str, str], float]:
    return {
        (good, nation.key): stockpile.holding
        for nation in model.nations.values()
        for good, stockpile in nation.stockpiles.items()
    }


def _held_back(model: RareEarthModel) -> dict[tuple[str, str], float]:
    """Tonnes each licence regime has refused since it began, by (control, good)."""
    return {
        (control_id, good): asked - state.approved.get(good, 0.0)
        for control_id, state in model.policies.controls.items()
        for good, asked in state.requested.items()
    }


def _per_year(
    end: dict[tuple[str, str], float], start: dict[tuple[str, str], float], years: float
) -> dict[tuple[str, str], float]:
    """How much each figure rose over the turn, as a yearly rate."""
    return {k: (end.get(k, 0.0) - start.get(k, 0.0)) / years for k in sorted({*end, *start})}
