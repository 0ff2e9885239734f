"""Build one commodity's market problem: who offers and bids what, where goods may go, caps.

Routes carry transport cost plus tariff and export-duty wedges (ad valorem rates applied to
the exporter's expected price, so each is a per-tonne wedge in the LP). Bans remove routes;
quotas cap the tonnes on the routes they cover; licence regimes cap them too, once this
turn's requests are known (see `licences.py`).

Some sellers sell at a node of their own (`subnodes.py`): a facility under an offtake
contract, and goods a re-export control covers. A sub-node sells to its home market freely
(a contract only if it names home) and abroad as its nation's exports, except where a
re-export control its goods carry bans or caps the route.

Smuggling routes (`[[transport.smuggling]]`) run beside the legal ones from a nation's own
node: no export duty, control or ban of the exporter touches them, they cost a share of
the good's price at home on top of transport, and one cap holds all of a smuggling route's
destinations to its tonnes.
"""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from rare_earth_game.scenario.policies import ExportControl
from rare_earth_game.sim.agents.base import EngineAgent, Step
from rare_earth_game.sim.market.columns import Columns, merge
from rare_earth_game.sim.market.lp import Cap, MarketProblem
from rare_earth_game.sim.market.subnodes import SubNode, place, tie_origin
from rare_earth_game.sim.policy import ControlState, covers
from rare_earth_game.sim.provenance import Content

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
    smuggled: bool = False
    """Goods on it leave without passing the exporter's customs."""

    @property
    def cost(self) -> float:
        return self.transport + self.tariff + self.duty + self.switching


@dataclass(frozen=True)
class CapRule:
    """An export cap on some routes: a quota's tonnes, or a licence's approvals; or, with
    no control, what a smuggling route carries."""

    state: ControlState | None
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
    offer_columns: Columns
    bid_columns: Columns
    routes: list[Route]
    subnodes: dict[str, SubNode]
    tie_origins: dict[str, str]
    """Per node, whose trade ties its routes use (see `subnodes.tie_origin`)."""
    seller_content: list[Content]
    """Per seller (as in `sellers`), the origin content of the goods it offers."""
    quotas: list[CapRule]
    """Caps that stand from the start: export quotas, then smuggling routes' tonnes."""
    licences: list[tuple[ControlState, list[int]]]
    problem: MarketProblem
    caps: list[CapRule] = field(default_factory=list)
    """Caps in the problem as solved: those from the start, then licence approvals once
    known."""
    requests: dict[str, float] = field(default_factory=dict)
    """Per licence regime (control id): tonnes requested this turn."""

    def __post_init__(self) -> None:
        self.caps = list(self.quotas)


def build_market(model: RareEarthModel, commodity: str) -> MarketBuild:
    """Gather this turn's offers and bids for `commodity` and the routes and caps between them."""
    subnodes: dict[str, SubNode] = {}
    re_export = model.policies.re_export_controls_on(commodity)
    sellers, seller_content = [], []
    for agent in model.sellers_of(commodity):
        content = model.provenance.held(agent, commodity)
        steps = place(model, agent, agent.offers(commodity), content, re_export, subnodes)
        sellers.append((agent, steps))
        seller_content.append(content)
    buyers = [(agent, agent.bids(commodity)) for agent in model.buyers_of(commodity)]
    offers = [step for _, steps in sellers for step in steps]
    bids = [step for _, steps in buyers for step in steps]
    nodes = sorted({n for n, _, _ in offers} | {n for n, _, _ in bids})
    where = {nation: i for i, nation in enumerate(nodes)}
    tie_origins = {node: tie_origin(node, subnodes) for node in nodes}  # once, not per route
    importers = {n for n, _, _ in bids}
    selling_at = {n for n, _, _ in offers}
    routes = _routes(model, commodity, selling_at - subnodes.keys(), importers)
    routes += _subnode_routes(model, commodity, subnodes, re_export, importers)
    routes = _tied(model, commodity, routes, tie_origins)
    smuggling = _smuggling(model, commodity, routes, selling_at, importers)
    offer_columns, bid_columns = merge(offers, where), merge(bids, where)
    quotas, licences = _controls(model, commodity, routes, subnodes)
    quotas += smuggling
    problem = MarketProblem(
        node_count=len(nodes),
        offer_node=offer_columns.node,
        offer_quantity=offer_columns.quantity,
        offer_ask=offer_columns.price,
        bid_node=bid_columns.node,
        bid_quantity=bid_columns.quantity,
        bid_value=bid_columns.price,
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
        offer_columns=offer_columns,
        bid_columns=bid_columns,
        routes=routes,
        subnodes=subnodes,
        tie_origins=tie_origins,
        seller_content=seller_content,
        quotas=quotas,
        licences=licences,
        problem=problem,
    )


def _routes(
    model: RareEarthModel, commodity: str, exporters: AbstractSet[str], importers: AbstractSet[str]
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


def _subnode_routes(
    model: RareEarthModel,
    commodity: str,
    subnodes: dict[str, SubNode],
    re_export: list[ControlState],
    importers: set[str],
) -> list[Route]:
    """Routes out of offtake and content nodes: free to the home market (for a contract,
    when it names home), taxed like the nation's exports elsewhere, none where a re-export
    control the goods carry is a ban."""
    bans = [s.control for s in re_export if s.control.kind == "ban"]
    routes = []
    for node in sorted(subnodes):
        sub = subnodes[node]
        home = sub.home
        allowed = importers if sub.buyers is None else sub.buyers & importers
        if home in allowed:
            routes.append(Route(node, home, 0.0, 0.0, 0.0, home))
        banned = [c for c in bans if c.id in sub.carried]
        for r in _routes(model, commodity, {home}, allowed - {home}):
            if not any(_targets(c, r.destination) for c in banned):
                routes.append(Route(node, r.destination, r.transport, r.tariff, r.duty, home))
    return routes


def _targets(control: ExportControl, destination: str) -> bool:
    """Whether a control reaches goods going to a destination (never its own exporter)."""
    return (
        destination != control.exporter
        and covers(control.destinations, destination)
        and destination not in control.general_licences
    )


def _smuggling(
    model: RareEarthModel,
    commodity: str,
    routes: list[Route],
    sellers_at: AbstractSet[str],
    importers: AbstractSet[str],
) -> list[CapRule]:
    """Add the good's smuggling routes out of nations with goods on sale (to `routes`), and
    return the cap on each smuggling route's tonnes."""
    friction = model.commodities[commodity].trade_friction * model.reference_price(commodity)
    caps = []
    for spec in model.scenario.transport.smuggling:
        if spec.commodity != commodity or spec.exporter not in sellers_at:
            continue
        origin = spec.exporter
        base = model.prices.expect(commodity, origin)
        allowed = importers if spec.destinations is None else importers & set(spec.destinations)
        first = len(routes)
        for destination in sorted(allowed - {origin}):
            tariff = model.policies.route_terms(commodity, origin, destination)[1]
            transport = model.transport_cost(origin, destination) + friction
            transport += spec.cost_share * base
            routes.append(
                Route(origin, destination, transport, tariff * base, 0.0, origin, smuggled=True)
            )
        if len(routes) > first:
            limit = spec.tonnes_per_year / model.turns_per_year
            caps.append(CapRule(None, list(range(first, len(routes))), limit))
    return caps


def _tied(
    model: RareEarthModel, commodity: str, routes: list[Route], tie_origins: dict[str, str]
) -> list[Route]:
    """Split each route into its established trade (plain cost, capped at the tie) and any
    trade beyond it (plus the switching cost). A market's first turn has no ties yet; a
    content node selling at home is not trade and has none."""
    ties = model.trade_ties
    switching = model.scenario.settings.switching_cost * model.reference_price(commodity)
    if switching <= 0 or not ties.known(commodity):
        return routes
    split = []
    for route in routes:
        origin = tie_origins[route.origin]
        if origin == route.destination:
            split.append(route)
            continue
        established = ties.established(commodity, (origin, route.destination))
        head = route[:6]
        if established > 0:
            split.append(Route(*head, established, 0.0))
        split.append(Route(*head, math.inf, switching))
    return split


def _covered_routes(
    state: ControlState, routes: list[Route], subnodes: dict[str, SubNode]
) -> list[int]:
    """Routes a control caps: its exporter's exports to the destinations it targets, and
    re-exports from the content nodes that carry it."""
    control = state.control

    def reached(origin: str, exporter: str) -> bool:
        if exporter == control.exporter:
            return True
        sub = subnodes.get(origin)
        return sub is not None and control.id in sub.carried

    return [
        i
        for i, r in enumerate(routes)
        if r.destination != r.exporter
        and not r.smuggled
        and reached(r.origin, r.exporter)
        and _targets(control, r.destination)
    ]


def _controls(
    model: RareEarthModel, commodity: str, routes: list[Route], subnodes: dict[str, SubNode]
) -> tuple[list[CapRule], list[tuple[ControlState, list[int]]]]:
    """Quota caps as they stand, and licence regimes whose caps depend on requests (every
    regime on the good, so its approvals keep arriving in turns nobody asks)."""
    quotas, licences = [], []
    for state in model.policies.controls_on(commodity):
        covered = _covered_routes(state, routes, subnodes)
        if state.control.kind == "quota" and covered:
            limit = (state.control.tonnes_per_year or 0.0) / model.turns_per_year
            quotas.append(CapRule(state, covered, limit))
        elif state.control.kind == "licence":
            licences.append((state, covered))
    return quotas, licences
