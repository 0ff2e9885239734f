"""Clear one commodity's market: gather offers and bids, apply trade policy, solve, book fills.

Routes carry transport cost plus tariff and export-duty wedges (ad valorem rates applied to
the exporter's expected price, so each is a per-tonne wedge in the LP). Bans remove routes;
quotas and licences cap the tonnes on the routes they cover. A licence approves a share of
the exports requested `delay_turns` earlier, so requests are measured each turn by clearing
once without licence caps, then again with them.

A facility under an offtake contract sells at its own node, `"<nation>@<facility>"`, whose
only routes lead to the contracted nations (home among them only if listed); its price
there is what the contract fetches. Trade policy treats those routes as exports of the
facility's nation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, Protocol

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


class _Route(NamedTuple):
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


def clear_market(model: RareEarthModel, commodity: str) -> Clearing:
    """Clear `commodity` for this turn and book everything that happened in it."""
    contracts: dict[str, _Offtake] = {}
    offer_steps = [
        (agent, _contracted(agent, agent.offers(commodity), contracts))
        for agent in model.sellers_of(commodity)
    ]
    bid_steps = [(agent, agent.bids(commodity)) for agent in model.buyers_of(commodity)]
    offers = [step for _, steps in offer_steps for step in steps]
    bids = [step for _, steps in bid_steps for step in steps]
    nodes = sorted({n for n, _, _ in offers} | {n for n, _, _ in bids})
    where = {nation: i for i, nation in enumerate(nodes)}
    importers = {n for n, _, _ in bids}
    routes = _routes(model, commodity, {n for n, _, _ in offers} - contracts.keys(), importers)
    routes += _contract_routes(model, commodity, contracts, importers)
    routes = _tied(model, commodity, routes)
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
        route_capacity=np.array([r.capacity for r in routes], dtype=float),
        caps=tuple(_as_cap(covered, limit) for _, covered, limit in quota_caps),
    )
    lp = MarketLP(problem)
    solution = lp.solve()
    caps = quota_caps
    if licences:  # requests are what would ship without licences; then approvals bind
        licence_caps = _licence_caps(model, commodity, licences, solution)
        caps = quota_caps + licence_caps
        flows = solution.route_flow
        if all(
            sum(flows[i] for i in covered) <= limit + 1e-9 for _, covered, limit in licence_caps
        ):
            # every approval covers what is asked: the solution stands, the caps are slack
            rents = np.concatenate([solution.cap_rent, np.zeros(len(licence_caps))])
            solution = replace(solution, cap_rent=rents)
        else:
            lp.add_caps([_as_cap(covered, limit) for _, covered, limit in licence_caps])
            solution = lp.solve()
    solution = MarketSolution(
        offer_fill=_split(solution.offer_fill, offer_groups, offers),
        bid_fill=_split(solution.bid_fill, bid_groups, bids),
        route_flow=solution.route_flow,
        node_price=solution.node_price,
        cap_rent=solution.cap_rent,
        origin_rent=solution.origin_rent,
    )
    node_prices = _node_prices(model, commodity, nodes, offers, bids, routes, solution)
    seller_prices = _seller_prices(model, commodity, node_prices, solution, where)
    _settle_participants(commodity, offer_steps, bid_steps, solution, node_prices, seller_prices)
    flows = _book_flows(model, commodity, routes, caps, solution, node_prices, where)
    binding = _binding(commodity, routes, caps, solution, node_prices)
    model.trade_ties.update(commodity, _shipped(routes, solution.route_flow))
    buyers_at = {n for n, _, _ in bids}
    prices = {
        n: (p if n in buyers_at else seller_prices[n])
        for n, p in node_prices.items()
        if n not in contracts
    }
    model.prices.record(commodity, prices)
    bought = _per_nation(nodes, bids, solution.bid_fill, contracts)
    sold = _per_nation(nodes, offers, solution.offer_fill, contracts)
    return Clearing(commodity, prices, flows, binding, bought, sold)


@dataclass(frozen=True)
class _Offtake:
    """A contracted facility's node: whose goods they are and where they may go."""

    home: str
    buyers: frozenset[str]


def _contracted(
    agent: Participant, steps: list[Step], contracts: dict[str, _Offtake]
) -> list[Step]:
    """Move a contracted facility's offers to its own node, registering the node."""
    buyers = getattr(agent, "offtake", None)
    if buyers is None or not steps:
        return steps
    home = steps[0][0]
    node = f"{home}@{agent.key}"  # type: ignore[attr-defined]
    contracts[node] = _Offtake(home, frozenset(buyers))
    return [(node, tonnes, ask) for _, tonnes, ask in steps]


def _per_nation(
    nodes: list[str], steps: list[Step], fills: np.ndarray, contracts: dict[str, _Offtake]
) -> dict[str, float]:
    totals = {n: 0.0 for n in nodes if n not in contracts}
    for (node, _, _), fill in zip(steps, fills, strict=True):
        nation = contracts[node].home if node in contracts else node
        totals[nation] = totals.get(nation, 0.0) + float(fill)
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
                    _Route(origin, destination, transport, tariff * base, duty * base, origin)
                )
    return routes


def _contract_routes(
    model: RareEarthModel, commodity: str, contracts: dict[str, _Offtake], importers: set[str]
) -> list[_Route]:
    """Routes out of offtake nodes: free to the home market (when contracted), taxed like
    exports elsewhere."""
    routes = []
    for node in sorted(contracts):
        home, buyers = contracts[node].home, contracts[node].buyers
        if home in importers and home in buyers:
            routes.append(_Route(node, home, 0.0, 0.0, 0.0, home))
        abroad = _routes(model, commodity, {home}, (buyers & importers) - {home})
        routes += [_Route(node, r.destination, r.transport, r.tariff, r.duty, home) for r in abroad]
    return routes


def _tied(model: RareEarthModel, commodity: str, routes: list[_Route]) -> list[_Route]:
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
            split.append(_Route(*head, established, 0.0))
        split.append(_Route(*head, math.inf, switching))
    return split


def _shipped(routes: list[_Route], flows: np.ndarray) -> dict[tuple[str, str], float]:
    shipped: dict[tuple[str, str], float] = {}
    for route, tonnes in zip(routes, flows, strict=True):
        pair = (route.origin, route.destination)
        shipped[pair] = shipped.get(pair, 0.0) + float(tonnes)
    return shipped


def _covered_routes(state: ControlState, routes: list[_Route]) -> list[int]:
    control = state.control
    return [
        i
        for i, r in enumerate(routes)
        if r.exporter == control.exporter
        and r.destination != r.exporter
        and covers(control.destinations, r.destination)
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


def _seller_prices(
    model: RareEarthModel,
    commodity: str,
    node_prices: dict[str, float],
    solution: MarketSolution,
    where: dict[str, int],
) -> dict[str, float]:
    """What sellers at each node are paid: the node price plus the rent on its exports
    when all its own supply goes abroad (the no-re-export row binds). For a nation with no
    buyers the two rows coincide and HiGHS may put the whole price in the rent."""
    rent = solution.origin_rent
    choke = model.choke_price(commodity)
    return {
        node: min(price + (float(rent[where[node]]) if len(rent) else 0.0), choke)
        for node, price in node_prices.items()
    }


def _settle_participants(
    commodity: str,
    offer_steps: list[tuple[Participant, list[Step]]],
    bid_steps: list[tuple[Participant, list[Step]]],
    solution: MarketSolution,
    prices: dict[str, float],
    seller_prices: dict[str, float],
) -> None:
    position = 0
    for agent, steps in offer_steps:
        fills = [float(x) for x in solution.offer_fill[position : position + len(steps)]]
        position += len(steps)
        agent.sold(commodity, fills, seller_prices[steps[0][0]] if steps else 0.0)
    position = 0
    for agent, steps in bid_steps:
        fills = [float(x) for x in solution.bid_fill[position : position + len(steps)]]
        position += len(steps)
        agent.bought(commodity, fills, prices[steps[0][0]] if steps else 0.0)


def _rent_per_route(
    routes: list[_Route],
    caps: list[tuple[ControlState, list[int], float]],
    solution: MarketSolution,
    where: dict[str, int],
) -> list[float]:
    """Per route, the rents that lift the export price above the exporter's home price:
    caps that bind on it, and the exporter's own supply running out (no re-export)."""
    origin = solution.origin_rent
    rent = [float(origin[where[r.origin]]) if len(origin) else 0.0 for r in routes]
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
    where: dict[str, int],
) -> list[Flow]:
    """One flow per exporter and importer (a route's tied and new trade shipped together).

    Switching costs count with transport, as money spent on moving the goods. Rent is what
    the exporter earns above its home price: binding caps, its own supply running out, and
    on established ties what a newcomer would have had to spend on switching.
    """
    rent = _rent_per_route(routes, caps, solution, where)
    totals: dict[tuple[str, str], list[float]] = {}
    for i, route in enumerate(routes):
        tonnes = float(solution.route_flow[i])
        if tonnes <= 1e-9 or route.destination == route.exporter:
            continue  # a contracted plant selling at home is not trade
        fob = prices[route.origin] + route.duty + rent[i]
        if route.capacity < math.inf:  # an established tie lets its seller keep what a
            # newcomer would have to spend on switching
            tie_rent = max(0.0, prices[route.destination] - fob - route.transport - route.tariff)
            fob += tie_rent
            rent[i] += tie_rent
        money = tonnes * MUSD_PER_TONNE_AT_USD_PER_KG
        entry = totals.setdefault((route.exporter, route.destination), [0.0] * 6)
        for k, amount in enumerate(
            (
                tonnes,
                fob * money,
                route.tariff * money,
                route.duty * money,
                (route.transport + route.switching) * money,
                rent[i] * money,
            )
        ):
            entry[k] += amount
    flows = []
    for (exporter, importer), (tonnes, value, tariff, duty, transport, paid_rent) in sorted(
        totals.items()
    ):
        flows.append(
            Flow(
                commodity,
                exporter,
                importer,
                tonnes,
                value / (tonnes * MUSD_PER_TONNE_AT_USD_PER_KG),
                value,
                tariff,
                duty,
                transport,
                paid_rent,
            )
        )
        model.ledger.add(commodity, exporter, "exports", tonnes)
        model.ledger.add(commodity, importer, "imports", tonnes)
        model.nations[importer].tariff_revenue += tariff
        nation = model.nations[exporter]
        nation.duty_revenue += duty
        nation.export_rent += paid_rent
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
        fob = [prices[routes[i].origin] + routes[i].duty + rent for i in covered]
        home_price = prices.get(exporter, min(prices[routes[i].origin] for i in covered))
        binding.append(
            BindingCap(
                state.control.id,
                state.control.kind,
                exporter,
                commodity,
                limit if shipped <= limit + 1e-6 else shipped,
                rent,
                home_price,
                max(fob),
            )
        )
    return binding
