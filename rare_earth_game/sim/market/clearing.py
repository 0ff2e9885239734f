"""Clear one commodity's market: gather offers and bids, apply trade policy, solve, book fills.

Routes carry transport cost plus tariff and export-duty wedges (ad valorem rates applied to
the exporter's expected price, so each is a per-tonne wedge in the LP). Bans remove routes;
quotas and licences cap the tonnes on the routes they cover. A licence approves a share of
the exports requested `delay_turns` earlier, so requests are measured each turn by clearing
once without licence caps, then again with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from rare_earth_game.sim.agents.facility import MUSD_PER_TONNE_AT_USD_PER_KG
from rare_earth_game.sim.market.lp import MarketLP, MarketProblem, MarketSolution
from rare_earth_game.sim.policy import ControlState, covers

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

Step = tuple[str, float, float]  # (nation, tonnes, USD/kg)


class Participant(Protocol):
    """Anything that sells or buys in a market: nations, mines, plants, buyers."""

    def offers(self, commodity: str) -> list[Step]: ...
    def bids(self, commodity: str) -> list[Step]: ...
    def sold(self, commodity: str, fills: list[float], price: float) -> None: ...
    def bought(self, commodity: str, fills: list[float], price: float) -> None: ...


@dataclass(frozen=True)
class Flow:
    """Tonnes of one good shipped from one nation to another this turn, with its money."""

    commodity: str
    exporter: str
    importer: str
    tonnes: float
    fob_price: float
    value: float
    tariff: float
    duty: float
    transport: float
    rent: float


@dataclass(frozen=True)
class BindingCap:
    """An export quota or licence that held exports below what buyers wanted."""

    control_id: str
    kind: str
    exporter: str
    commodity: str
    cap: float
    rent: float
    home_price: float
    export_price: float


@dataclass(frozen=True)
class Clearing:
    """What happened in one commodity's market this turn."""

    commodity: str
    prices: dict[str, float]
    flows: list[Flow]
    binding: list[BindingCap]
    bought: dict[str, float]
    """Tonnes bought per nation (by buyers, plants and stockpiles)."""
    sold: dict[str, float]


@dataclass(frozen=True)
class _Route:
    origin: str
    destination: str
    transport: float
    tariff: float
    duty: float

    @property
    def cost(self) -> float:
        return self.transport + self.tariff + self.duty


def clear_market(model: RareEarthModel, commodity: str) -> Clearing:
    """Clear `commodity` for this turn and book everything that happened in it."""
    offer_steps = [(agent, agent.offers(commodity)) for agent in model.sellers_of(commodity)]
    bid_steps = [(agent, agent.bids(commodity)) for agent in model.buyers_of(commodity)]
    offers = [step for _, steps in offer_steps for step in steps]
    bids = [step for _, steps in bid_steps for step in steps]
    nodes = sorted({n for n, _, _ in offers} | {n for n, _, _ in bids})
    where = {nation: i for i, nation in enumerate(nodes)}
    routes = _routes(model, commodity, {n for n, _, _ in offers}, {n for n, _, _ in bids})
    merged_offers, offer_groups = _merge(offers)
    merged_bids, bid_groups = _merge(bids)
    quota_caps, licences = _caps(model, commodity, routes)
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
        caps=tuple(_as_cap(covered, limit) for _, covered, limit in quota_caps),
    )
    lp = MarketLP(problem)
    solution = lp.solve()
    caps = quota_caps
    if licences:  # requests are what would ship without licences; then approvals bind
        licence_caps = _licence_caps(model, commodity, licences, solution)
        lp.add_caps([_as_cap(covered, limit) for _, covered, limit in licence_caps])
        solution = lp.solve()
        caps = quota_caps + licence_caps
    solution = MarketSolution(
        offer_fill=_split(solution.offer_fill, offer_groups, offers),
        bid_fill=_split(solution.bid_fill, bid_groups, bids),
        route_flow=solution.route_flow,
        node_price=solution.node_price,
        cap_rent=solution.cap_rent,
    )
    prices = _node_prices(model, commodity, nodes, offers, bids, routes, solution)
    _settle_participants(commodity, offer_steps, bid_steps, solution, prices)
    flows = _book_flows(model, commodity, routes, caps, solution, prices)
    binding = _binding(commodity, routes, caps, solution, prices)
    model.prices.record(commodity, prices)
    bought = _per_node(nodes, bids, solution.bid_fill)
    sold = _per_node(nodes, offers, solution.offer_fill)
    return Clearing(commodity, prices, flows, binding, bought, sold)


def _per_node(nodes: list[str], steps: list[Step], fills: np.ndarray) -> dict[str, float]:
    totals = dict.fromkeys(nodes, 0.0)
    for (nation, _, _), fill in zip(steps, fills, strict=True):
        totals[nation] += float(fill)
    return totals


def _as_cap(covered: list[int], limit: float) -> tuple[np.ndarray, float]:
    return np.array(covered, dtype=np.int64), limit


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


def _split(fills: np.ndarray, groups: list[list[int]], steps: list[Step]) -> np.ndarray:
    """Share each merged column's fill among its steps in proportion to their size."""
    out = np.zeros(len(steps))
    for fill, members in zip(fills, groups, strict=True):
        if len(members) == 1:
            out[members[0]] = fill
            continue
        total = sum(steps[i][1] for i in members)
        for i in members:
            out[i] = fill * steps[i][1] / total if total > 0 else 0.0
    return out


def _routes(
    model: RareEarthModel, commodity: str, exporters: set[str], importers: set[str]
) -> list[_Route]:
    policies = model.policies
    routes = []
    for origin in sorted(exporters):
        base = model.prices.expect(commodity, origin)
        for destination in sorted(importers):
            if origin == destination:
                continue
            banned, tariff, duty = policies.route_terms(commodity, origin, destination)
            if not banned:
                transport = model.transport_cost(origin, destination)
                routes.append(_Route(origin, destination, transport, tariff * base, duty * base))
    return routes


def _covered_routes(state: ControlState, routes: list[_Route]) -> list[int]:
    control = state.control
    return [
        i
        for i, r in enumerate(routes)
        if r.origin == control.exporter and covers(control.destinations, r.destination)
    ]


def _caps(
    model: RareEarthModel, commodity: str, routes: list[_Route]
) -> tuple[list[tuple[ControlState, list[int], float]], list[tuple[ControlState, list[int]]]]:
    """Quota caps as they stand, and licence regimes whose caps depend on requests."""
    quotas, licences = [], []
    for state in model.policies.controls_on(commodity):
        covered = _covered_routes(state, routes)
        if not covered:
            continue
        if state.control.kind == "quota":
            limit = (state.control.tonnes_per_year or 0.0) / model.turns_per_year
            quotas.append((state, covered, limit))
        elif state.control.kind == "licence":
            licences.append((state, covered))
    return quotas, licences


def _licence_caps(
    model: RareEarthModel,
    commodity: str,
    licences: list[tuple[ControlState, list[int]]],
    unconstrained: MarketSolution,
) -> list[tuple[ControlState, list[int], float]]:
    turn = model.turn
    caps = []
    for state, covered in licences:
        requested = float(sum(unconstrained.route_flow[i] for i in covered))
        state.requests.setdefault(turn, {})[commodity] = requested
        filed = turn - state.control.delay_turns
        if filed < 0 and state.in_force_at_start:
            filed = turn  # requests before the scenario began looked like today's
        earlier = (
            state.requests.get(filed, {}).get(commodity) if filed >= state.since_turn else None
        )
        approved = state.control.approval_share * earlier if earlier is not None else 0.0
        caps.append((state, covered, approved))
        for old in [t for t in state.requests if t < filed]:
            del state.requests[old]
    return caps


def _node_prices(
    model: RareEarthModel,
    commodity: str,
    nodes: list[str],
    offers: list[Step],
    bids: list[Step],
    routes: list[_Route],
    solution: MarketSolution,
) -> dict[str, float]:
    """Dual prices, made definite where a nation saw no trade at all.

    A nation where nothing was sold, bought, shipped in or out has a whole range of valid
    duals below its lowest ask; we report that ask, the price its goods were offered at.
    """
    choke = model.choke_price(commodity)
    lowest_ask: dict[str, float] = {}
    active: set[str] = set()
    for (nation, _, ask), fill in zip(offers, solution.offer_fill, strict=True):
        lowest_ask[nation] = min(ask, lowest_ask.get(nation, ask))
        if fill > 1e-9:
            active.add(nation)
    for (nation, _, _), fill in zip(bids, solution.bid_fill, strict=True):
        if fill > 1e-9:
            active.add(nation)
    for route, flow in zip(routes, solution.route_flow, strict=True):
        if flow > 1e-9:
            active.update((route.origin, route.destination))
    prices = {}
    for i, nation in enumerate(nodes):
        price = float(solution.node_price[i])
        if nation in lowest_ask and nation not in active and price < lowest_ask[nation]:
            price = lowest_ask[nation]
        prices[nation] = min(max(price, 0.0), choke)
    return prices


def _settle_participants(
    commodity: str,
    offer_steps: list[tuple[Participant, list[Step]]],
    bid_steps: list[tuple[Participant, list[Step]]],
    solution: MarketSolution,
    prices: dict[str, float],
) -> None:
    position = 0
    for agent, steps in offer_steps:
        fills = [float(x) for x in solution.offer_fill[position : position + len(steps)]]
        position += len(steps)
        agent.sold(commodity, fills, prices[steps[0][0]] if steps else 0.0)
    position = 0
    for agent, steps in bid_steps:
        fills = [float(x) for x in solution.bid_fill[position : position + len(steps)]]
        position += len(steps)
        agent.bought(commodity, fills, prices[steps[0][0]] if steps else 0.0)


def _rent_per_route(
    routes: list[_Route],
    caps: list[tuple[ControlState, list[int], float]],
    solution: MarketSolution,
) -> list[float]:
    rent = [0.0] * len(routes)
    for k, (_, covered, _) in enumerate(caps):
        for i in covered:
            rent[i] += float(solution.cap_rent[k])
    return rent


def _book_flows(
    model: RareEarthModel,
    commodity: str,
    routes: list[_Route],
    caps: list[tuple[ControlState, list[int], float]],
    solution: MarketSolution,
    prices: dict[str, float],
) -> list[Flow]:
    rent = _rent_per_route(routes, caps, solution)
    flows = []
    for i, route in enumerate(routes):
        tonnes = float(solution.route_flow[i])
        if tonnes <= 1e-9:
            continue
        fob = prices[route.origin] + route.duty + rent[i]
        money = tonnes * MUSD_PER_TONNE_AT_USD_PER_KG
        flow = Flow(
            commodity,
            route.origin,
            route.destination,
            tonnes,
            fob,
            fob * money,
            route.tariff * money,
            route.duty * money,
            route.transport * money,
            rent[i] * money,
        )
        flows.append(flow)
        model.ledger.add(commodity, route.origin, "exports", tonnes)
        model.ledger.add(commodity, route.destination, "imports", tonnes)
        model.nations[route.destination].tariff_revenue += flow.tariff
        exporter = model.nations[route.origin]
        exporter.duty_revenue += flow.duty
        exporter.quota_rent += flow.rent
    return flows


def _binding(
    commodity: str,
    routes: list[_Route],
    caps: list[tuple[ControlState, list[int], float]],
    solution: MarketSolution,
    prices: dict[str, float],
) -> list[BindingCap]:
    binding = []
    for k, (state, covered, limit) in enumerate(caps):
        rent = float(solution.cap_rent[k])
        if rent <= 1e-6:
            continue
        exporter = state.control.exporter
        shipped = sum(float(solution.route_flow[i]) for i in covered)
        fob = [prices[exporter] + routes[i].duty + rent for i in covered]
        binding.append(
            BindingCap(
                state.control.id,
                state.control.kind,
                exporter,
                commodity,
                limit if shipped <= limit + 1e-6 else shipped,
                rent,
                prices[exporter],
                max(fob) if fob else prices[exporter],
            )
        )
    return binding
