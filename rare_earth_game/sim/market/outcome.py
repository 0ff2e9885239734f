"""What a solved market means: prices per nation, what sellers are paid, flows and binding caps.

Nothing here changes the world: the clearing hands goods over (`deliver`), with their
origin content, and the settle stage books the money, ledger, ties and prices (`book.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rare_earth_game.sim.market.build import CapRule, MarketBuild, Route
from rare_earth_game.sim.market.content import node_content
from rare_earth_game.sim.market.lp import MarketSolution
from rare_earth_game.sim.market.subnodes import SubNode
from rare_earth_game.sim.provenance import Content, Provenance
from rare_earth_game.sim.units import MUSD_PER_TONNE_AT_USD_PER_KG


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
    smuggled: bool = False
    """Shipped past the exporter's customs (`[[transport.smuggling]]`): no duty was paid
    and official statistics do not count it."""


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
    """The price per nation where the good traded: what buyers paid, or where only sellers
    traded, what they got. A nation without trade has no price."""
    flows: list[Flow]
    binding: list[BindingCap]
    bought: dict[str, float]
    """Tonnes bought per nation (by buyers, plants and stockpiles)."""
    sold: dict[str, float]
    build: MarketBuild
    solution: MarketSolution
    node_prices: dict[str, float]
    seller_prices: dict[str, float]
    content: dict[str, Content]
    """Origin content of what each nation bought (nations that bought anything)."""
    sold_content: dict[str, Content]
    """Origin content of what each node's sellers sold (nodes that sold anything)."""


def interpret(build: MarketBuild, solution: MarketSolution, width: int) -> Clearing:
    """Turn a solved market (fills per step, not per merged column) into a `Clearing`;
    `width` is the length of origin content vectors."""
    node_prices = _node_prices(solution, build)
    seller_prices = _seller_prices(build, node_prices, solution)
    rents = _rent_per_route(build, solution)
    flows = _flows(build, solution, node_prices, rents)
    buyers_at = {n for n, _, _ in build.bids}
    traded = _traded_nodes(build, solution)
    prices = {
        n: (p if n in buyers_at else seller_prices[n])
        for n, p in node_prices.items()
        if n in traded and n not in build.subnodes
    }
    sold_content, content = node_content(build, solution, width)
    return Clearing(
        commodity=build.commodity,
        prices=prices,
        flows=flows,
        binding=_binding(build, solution, node_prices),
        bought=_per_nation(
            build.nodes, build.bid_columns.step_node, solution.bid_fill, build.subnodes
        ),
        sold=_per_nation(
            build.nodes, build.offer_columns.step_node, solution.offer_fill, build.subnodes
        ),
        build=build,
        solution=solution,
        node_prices=node_prices,
        seller_prices=seller_prices,
        content=content,
        sold_content=sold_content,
    )


def deliver(clearing: Clearing, provenance: Provenance) -> None:
    """Hand goods over: each seller and buyer learns its fills, at its node's price, and
    what buyers receive brings its origin content into their stock."""
    build, solution = clearing.build, clearing.solution
    offer_fill, bid_fill = solution.offer_fill.tolist(), solution.bid_fill.tolist()
    position = 0
    for agent, steps in build.sellers:
        fills = offer_fill[position : position + len(steps)]
        position += len(steps)
        agent.sold(build.commodity, fills, clearing.seller_prices[steps[0][0]] if steps else 0.0)
    position = 0
    for agent, steps in build.buyers:
        fills = bid_fill[position : position + len(steps)]
        position += len(steps)
        before = agent.stock_of(build.commodity)
        agent.bought(build.commodity, fills, clearing.node_prices[steps[0][0]] if steps else 0.0)
        content = clearing.content.get(steps[0][0]) if steps else None
        if content is not None:  # (None: nothing, or only rounding, arrived there)
            provenance.receive(agent, build.commodity, before, sum(fills), content)


def unmerge(build: MarketBuild, solution: MarketSolution) -> MarketSolution:
    """Fills per offered and bid step, sharing each merged column's fill among its steps."""
    return MarketSolution(
        offer_fill=build.offer_columns.split(solution.offer_fill),
        bid_fill=build.bid_columns.split(solution.bid_fill),
        route_flow=solution.route_flow,
        node_price=solution.node_price,
        cap_rent=solution.cap_rent,
        origin_rent=solution.origin_rent,
    )


def _per_nation(
    nodes: list[str], step_node: np.ndarray, fills: np.ndarray, subnodes: dict[str, SubNode]
) -> dict[str, float]:
    """Tonnes per nation, a sub-node's counted with its home. `np.bincount` adds in step
    order, so each total equals a loop's to the last bit."""
    nation_of = [subnodes[n].home if n in subnodes else n for n in nodes]  # per node
    nations = list(dict.fromkeys(nation_of))
    position = {n: i for i, n in enumerate(nations)}
    at = np.array([position[n] for n in nation_of], dtype=np.int64)[step_node]
    totals = np.bincount(at, weights=fills, minlength=len(nations))
    return dict(zip(nations, totals.tolist(), strict=True))


def _traded_nodes(build: MarketBuild, solution: MarketSolution) -> set[str]:
    """Nodes where something sold, was bought, or shipped in or out this turn."""
    problem = build.problem
    moved = solution.route_flow > 1e-9
    active = np.concatenate(
        [
            build.offer_columns.step_node[solution.offer_fill > 1e-9],
            build.bid_columns.step_node[solution.bid_fill > 1e-9],
            problem.route_origin[moved],
            problem.route_destination[moved],
        ]
    )
    return {build.nodes[i] for i in np.unique(active).tolist()}


def _node_prices(solution: MarketSolution, build: MarketBuild) -> dict[str, float]:
    """The LP's dual price per node (meaningful only where the node traded)."""
    return {n: max(0.0, float(solution.node_price[i])) for i, n in enumerate(build.nodes)}


def _seller_prices(
    build: MarketBuild, node_prices: dict[str, float], solution: MarketSolution
) -> dict[str, float]:
    """What sellers at each node are paid: the node price plus the rent on its exports
    when all its own supply goes abroad (the no-re-export row binds). For a nation with no
    buyers the two rows coincide and HiGHS may put the whole price in the rent."""
    rent = solution.origin_rent
    return {
        node: price + (float(rent[build.where[node]]) if len(rent) else 0.0)
        for node, price in node_prices.items()
    }


def _rent_per_route(build: MarketBuild, solution: MarketSolution) -> list[float]:
    """Per route, the rents that lift the export price above the exporter's home price:
    caps that bind on it, and the exporter's own supply running out (no re-export)."""
    origin = solution.origin_rent
    routes = build.problem.route_origin
    rent = origin[routes] if len(origin) else np.zeros(len(routes))
    for k, rule in enumerate(build.caps):  # a rule covers a route once: no index repeats
        rent[rule.routes] += solution.cap_rent[k]
    return list(rent.tolist())


def _flows(
    build: MarketBuild,
    solution: MarketSolution,
    prices: dict[str, float],
    rent: list[float],
) -> list[Flow]:
    """One flow per exporter and importer (a route's tied and new trade shipped together).

    Switching costs count with transport, as money spent on moving the goods. Rent is what
    the exporter earns above its home price: binding caps, its own supply running out, and
    on established ties what a newcomer would have had to spend on switching.
    """
    totals: dict[tuple[str, str, bool], list[float]] = {}
    flows = solution.route_flow.tolist()
    for i, route in enumerate(build.routes):
        tonnes = flows[i]
        if tonnes <= 1e-9 or route.destination == route.exporter:
            continue  # a contracted plant selling at home is not trade
        paid_rent = rent[i]
        fob = prices[route.origin] + route.duty + paid_rent
        if route.capacity < math.inf:  # an established tie lets its seller keep what a
            # newcomer would have to spend on switching
            tie_rent = max(0.0, prices[route.destination] - fob - route.transport - route.tariff)
            fob += tie_rent
            paid_rent += tie_rent
        money = tonnes * MUSD_PER_TONNE_AT_USD_PER_KG
        entry = totals.setdefault((route.exporter, route.destination, route.smuggled), [0.0] * 6)
        for k, amount in enumerate(
            (
                tonnes,
                fob * money,
                route.tariff * money,
                route.duty * money,
                (route.transport + route.switching) * money,
                paid_rent * money,
            )
        ):
            entry[k] += amount
    return [
        Flow(
            build.commodity,
            exporter,
            importer,
            tonnes,
            value / (tonnes * MUSD_PER_TONNE_AT_USD_PER_KG),
            value,
            tariff,
            duty,
            transport,
            rent,
            smuggled,
        )
        for (exporter, importer, smuggled), (
            tonnes,
            value,
            tariff,
            duty,
            transport,
            rent,
        ) in sorted(totals.items())
    ]


def _binding(
    build: MarketBuild, solution: MarketSolution, prices: dict[str, float]
) -> list[BindingCap]:
    binding = []
    routes: list[Route] = build.routes
    for k, rule in enumerate(build.caps):
        rent = float(solution.cap_rent[k])
        if rent <= 1e-6 or rule.state is None:  # (a smuggling route is no export control)
            continue
        control = rule.state.control
        shipped = sum(float(solution.route_flow[i]) for i in rule.routes)
        fob = [prices[routes[i].origin] + routes[i].duty + rent for i in rule.routes]
        home_price = prices.get(
            control.exporter, min(prices[routes[i].origin] for i in rule.routes)
        )
        binding.append(
            BindingCap(
                control.id,
                control.kind,
                control.exporter,
                build.commodity,
                rule.limit if shipped <= rule.limit + 1e-6 else shipped,
                rent,
                home_price,
                max(fob),
            )
        )
    return binding


def caps_hold(rules: list[CapRule], flows: np.ndarray) -> bool:
    """Whether flows already respect every cap (then adding the caps changes nothing)."""
    return all(sum(flows[i] for i in rule.routes) <= rule.limit + 1e-9 for rule in rules)
