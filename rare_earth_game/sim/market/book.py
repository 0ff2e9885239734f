"""Book a cleared market in the settle stage: trade in the ledger, money to nations, trade
ties, prices and licence requests (smuggled goods cross the ledger like any others, but
earn their exporter nothing and build no ties).

Goods have already changed hands during clearing (plants downstream needed them); what is
booked here is the record of the trade, which nothing else in the turn reads before settle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rare_earth_game.sim.market.licences import file_requests
from rare_earth_game.sim.market.outcome import Clearing

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


def book(model: RareEarthModel, clearing: Clearing) -> None:
    """Record one market's trade: imports and exports, duties, tariffs and rents, ties, prices."""
    for flow in clearing.flows:
        model.ledger.add(flow.commodity, flow.exporter, "exports", flow.tonnes)
        model.ledger.add(flow.commodity, flow.importer, "imports", flow.tonnes)
        model.nations[flow.importer].tariff_revenue += flow.tariff
        if flow.smuggled:
            continue  # smugglers keep the rent, and pay no duty
        exporter = model.nations[flow.exporter]
        exporter.duty_revenue += flow.duty
        exporter.export_rent += flow.rent
    shipped: dict[tuple[str, str], float] = {}
    build = clearing.build
    tie_origins = build.tie_origins
    for route, tonnes in zip(build.routes, clearing.solution.route_flow.tolist(), strict=True):
        if route.smuggled:
            continue  # smuggling builds no trade ties
        pair = (tie_origins[route.origin], route.destination)
        if pair[0] != pair[1]:  # a content node selling at home is not trade
            shipped[pair] = shipped.get(pair, 0.0) + tonnes
    model.trade_ties.update(clearing.commodity, shipped)
    model.prices.record(clearing.commodity, clearing.prices)
    file_requests(model, build)
