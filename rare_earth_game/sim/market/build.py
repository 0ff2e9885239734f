"""Build one commodity's market problem: who offers and bids what, where goods may go, caps.

Routes carry transport cost plus tariff and export-duty wedges (ad valorem rates applied to
the exporter's expected price, so each is a per-tonne wedge in the LP). Bans remove routes;
quotas cap the tonnes on the routes they cover; licence regimes cap them too, once this
turn's requests are known (see `licences.py`).

A facility under an offtake contract sells at its own node, `"<nation>@<facility>"`, whose
only routes lead to the contracted nations (home among them only if listed); its price
there is what the contract fetches. Trade policy treats those routes as exports of the
facility's nation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from rare_earth_game.sim.agents.base import EngineAgent, Step
from rare_earth_game.sim.market.lp import Cap, MarketProblem
from rare_earth_game.sim.policy import ControlState, covers

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


class Route(NamedTuple):
    """One way goods may go (a tuple: a market has hundreds and they are made every turn)."""

    origin: str
    destination: str
    transport: float
    tariff: float
    duty: float
    exporter: str
    """The nation the goods leave: the origin, or the home of an offtake node."""
    capacity: float = math.inf
    switching: float = 0.0
    """Per-tonne cost of trade beyond the route's established ties (see `ties.py`)."""

    @property
    def cost(self) -> float:
        return self.transport + self.tariff + self.duty + self.switching


@dataclass(frozen=True)
class Offtake:
    """A contracted facility's node: whose goods they are and where they may go."""

    home: str
    buyers: frozenset[str]


@dataclass(frozen=True)
class CapRule:
    """An export cap on some routes: a quota's tonnes, or a licence's approvals."""

    state: ControlState
    routes: list[int]
    limit: float

    def as_lp(self) -> Cap:
        return np.array(self.routes, dtype=np.int64), self.limit


@dataclass
class MarketBuild:
    """A market ready to solve, with what is needed to hand the results back to agents."""

    commodity: str
    nodes: list[str]
    where: dict[str, int]
    sellers: list[tuple[EngineAgent, list[Step]]]
    buyers: list[tuple[EngineAgent, list[Step]]]
    offers: list[Step]
    bids: list[Step]
    offer_groups: list[list[int]]
    bid_groups: list[list[int]]
    routes: list[Route]
    contracts: dict[str, Offtake]
    quotas: list[CapRule]
    licences: list[tuple[ControlState, list[int]]]
    problem: MarketProblem
    caps: list[CapRule] = field(default_factory=list)
    """Caps in the problem as solved: quotas, then licence approvals once known."""
    requests: dict[str, float] = field(default_factory=dict)
    """Per licence regime (control id): tonnes requested this turn."""

    def __post_init__(self) -> None:
        self.caps = list(self.quotas)


def build_market(model: RareEarthModel, commodity: str) -> MarketBuild:
    """Gather this turn's offers and bids for `commodity` and the routes and caps between them."""
    contracts: dict[str, Offtake] = {}
    sellers = [
        (agent, _contracted(agent, agent.offers(commodity), contracts))
        for agent in model.sellers_of(commodity)
    ]
    buyers = [(agent, agent.bids(commodity)) for agent in model.buyers_of(commodity)]
    offers = [step for _, steps in sellers for step in steps]
    bids = [step for _, steps in buyers for step in steps]
    nodes = sorted({n for n, _, _ in offers} | {n for n, _, _ in bids})
    where = {nation: i for i, nation in enumerate(nodes)}
    importers = {n for n, _, _ in bids}
    routes = _routes(model, commodity, {n for n, _, _ in offers} - contracts.keys(), importers)
    routes += _contract_routes(model, commodity, contracts, importers)
    routes = _tied(model, commodity, routes)
    merged_offers, offer_groups = _merge(offers)
    merged_bids, bid_groups = _merge(bids)
    quotas, licences = _controls(model, commodity, routes)
    problem = MarketProblem(
        node_count=len(nodes),
        offer_node=np.array([where[n] for n, _, _ in merged_offers], dtype=np.int64),
        offer_quantity=np.array([q for _, q, _ in merged_offers], dtype=float),
        offer_ask=np.array([a for _, _, a in merged_offers], dtype=float),
        bid_node=np.array([where[n] for n, _, _ in merged_bids], dtype=np.int64),
        bid_quantity=np.array([q for _, q, _ in merged_bids], dtype=float),
        bid_value=np.array([v for _, _, v in merged_bids], dtype=float),
        route_origin=np.array([where[r.origin] for r in routes], dtype=np.int64),
        route_destination=np.array([where[r.destination] for r in routes], dtype=np.int64),
        route_cost=np.array([r.cost for r in routes], dtype=float),
        route_capacity=np.array([r.capacity for r in routes], dtype=float),
        caps=tuple(rule.as_lp() for rule in quotas),
    )
    return MarketBuild(
        commodity=commodity,
        nodes=nodes,
        where=where,
        sellers=sellers,
        buyers=buyers,
        offers=offers,
        bids=bids,
        offer_groups=offer_groups,
        bid_groups=bid_groups,
        routes=routes,
        contracts=contracts,
        quotas=quotas,
        licences=licences,
        problem=problem,
    )


def _contracted(agent: EngineAgent, steps: list[Step], contracts: dict[str, Offtake]) -> list[Step]:
    """Move a contracted facility's offers to its own node, registering the node."""
    buyers = getattr(agent, "offtake", None)
    if buyers is None or not steps:
        return steps
    home = steps[0][0]
    node = f"{home}@{agent.key}"
    contracts[node] = Offtake(home, frozenset(buyers))
    return [(node, tonnes, ask) for _, tonnes, ask in steps]


def _merge(steps: list[Step]) -> tuple[list[Step], list[list[int]]]:
    """Steps at the same nation and price are one column; remember which steps form it.

    Buyers in a nation share its expected price, so their demand curves step at the same
    prices; merging them keeps the LP small and its solution unique.
    """
    index: dict[tuple[str, float], int] = {}
    merged: list[Step] = []
    groups: list[list[int]] = []
    for i, (nation, quantity, price) in enumerate(steps):
        key = (nation, price)
        if key in index:
            k = index[key]
            merged[k] = (nation, merged[k][1] + quantity, price)
            groups[k].append(i)
        else:
            index[key] = len(merged)
            merged.append((nation, quantity, price))
            groups.append([i])
    return merged, groups


def _routes(
    model: RareEarthModel, commodity: str, exporters: set[str], importers: set[str]
) -> list[Route]:
    policies = model.policies
    friction = model.commodities[commodity].trade_friction * model.reference_price(commodity)
    routes = []
    for origin in sorted(exporters):
        base = model.prices.expect(commodity, origin)
        for destination in sorted(importers):
            if origin == destination:
                continue
            banned, tariff, duty = policies.route_terms(commodity, origin, destination)
            if not banned:
                transport = model.transport_cost(origin, destination) + friction
                routes.append(
                    Route(origin, destination, transport, tariff * base, duty * base, origin)
                )
    return routes


def _contract_routes(
    model: RareEarthModel, commodity: str, contracts: dict[str, Offtake], importers: set[str]
) -> list[Route]:
    """Routes out of offtake nodes: free to the home market (when contracted), taxed like
    exports elsewhere."""
    routes = []
    for node in sorted(contracts):
        home, buyers = contracts[node].home, contracts[node].buyers
        if home in importers and home in buyers:
            routes.append(Route(node, home, 0.0, 0.0, 0.0, home))
        abroad = _routes(model, commodity, {home}, (buyers & importers) - {home})
        routes += [Route(node, r.destination, r.transport, r.tariff, r.duty, home) for r in abroad]
    return routes


def _tied(model: RareEarthModel, commodity: str, routes: list[Route]) -> list[Route]:
    """Split each route into its established trade (plain cost, capped at the tie) and any
    trade beyond it (plus the switching cost). A market's first turn has no ties yet."""
    ties = model.trade_ties
    switching = model.scenario.settings.switching_cost * model.reference_price(commodity)
    if switching <= 0 or not ties.known(commodity):
        return routes
    split = []
    for route in routes:
        established = ties.established(commodity, (route.origin, route.destination))
        head = route[:6]
        if established > 0:
            split.append(Route(*head, established, 0.0))
        split.append(Route(*head, math.inf, switching))
    return split


def _covered_routes(state: ControlState, routes: list[Route]) -> list[int]:
    control = state.control
    return [
        i
        for i, r in enumerate(routes)
        if r.exporter == control.exporter
        and r.destination != r.exporter
        and covers(control.destinations, r.destination)
        and r.destination not in control.general_licences
    ]


def _controls(
    model: RareEarthModel, commodity: str, routes: list[Route]
) -> tuple[list[CapRule], list[tuple[ControlState, list[int]]]]:
    """Quota caps as they stand, and licence regimes whose caps depend on requests."""
    quotas, licences = [], []
    for state in model.policies.controls_on(commodity):
        covered = _covered_routes(state, routes)
        if not covered:
            continue
        if state.control.kind == "quota":
            limit = (state.control.tonnes_per_year or 0.0) / model.turns_per_year
            quotas.append(CapRule(state, covered, limit))
        elif state.control.kind == "licence":
            licences.append((state, covered))
    return quotas, licences
