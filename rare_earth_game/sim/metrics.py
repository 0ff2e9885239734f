"""The measure stage: everything recorded about a turn, for tables, charts and scores.

Beyond prices and volumes it reports *adversary content*: the share of what a nation
acquires at each stage that was mined or made, somewhere upstream, in an adversary nation
(traced on the goods themselves, see `provenance.py`). A Japanese magnet made from Chinese
oxide carries Chinese content; a US magnet made from Australian oxide does not. The engine
knows no player: figures for one nation (the game's scores) are added by observers in
`model.measures`, each turn, from the state measured here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rare_earth_game.sim.provenance import ADVERSARIES

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel

STAGE_NAMES = {0: "mining", 1: "processing", 2: "metal", 3: "manufacturing"}


def measure_turn(model: RareEarthModel) -> None:
    """Record this turn: balances, markets, flows, facilities, notes and the model row."""
    balances = model.ledger.close(model.stocks())
    model.last_balances = balances
    content = _acquired_content(model)
    model.content = content
    recorder = model.recorder
    date = model.date
    row: dict[str, float | int | str] = {
        "turn": model.turn,
        "date": date,
        "year": model.calendar.year_of(model.turn),
    }
    consumption = final_use(model)
    produced: dict[str, float] = defaultdict(float)
    for balance in balances:
        produced[str(balance["commodity"])] += float(balance["production"])
    for commodity in model.commodities:
        row.update(_commodity_columns(model, commodity, consumption, produced[commodity]))
    row.update(_stage_columns(model, consumption))
    for measure in model.measures:
        row.update(measure(model))
    recorder.model_rows.append(row)

    for balance in balances:
        commodity, nation = str(balance["commodity"]), str(balance["nation"])
        final = consumption.get((commodity, nation), (0.0, 0.0, 0.0))
        recorder.market_rows.append(
            {
                "turn": model.turn,
                "date": date,
                **balance,
                "price": model.prices.current[commodity].get(nation, float("nan")),
                "last_traded_price": model.prices.last[commodity].get(nation, float("nan")),
                "expected_price": model.prices.expect(commodity, nation),
                "consumption": final[0],
                "demand": final[1],
                "unmet": final[2],
                "adversary_content": content.get(commodity, {}).get(nation, float("nan")),
            }
        )
    for clearing in model.clearings.values():
        for flow in clearing.flows:
            recorder.flow_rows.append(
                {
                    "turn": model.turn,
                    "date": date,
                    "commodity": flow.commodity,
                    "exporter": flow.exporter,
                    "importer": flow.importer,
                    "tonnes": flow.tonnes,
                    "fob_price": flow.fob_price,
                    "value_musd": flow.value,
                    "tariff_musd": flow.tariff,
                    "duty_musd": flow.duty,
                    "transport_musd": flow.transport,
                    "export_rent_musd": flow.rent,
                    "smuggled": flow.smuggled,
                }
            )
    for facility in model.facilities.values():
        recorder.facility_rows.append(
            {
                "turn": model.turn,
                "date": date,
                "facility": facility.key,
                "name": facility.name,
                "nation": facility.nation,
                "kind": facility.kind,
                "status": facility.status,
                "capacity": facility.capacity,
                "output": facility.output,
                "utilisation": facility.utilisation(),
                "unit_cost": facility.unit_cost,
                "cash_musd": facility.cash,
                "profit_musd": getattr(facility, "profit", 0.0),
                "bankrupt": facility.bankrupt,
            }
        )
    for clearing in model.clearings.values():
        for cap in clearing.binding:
            model.note(
                "control_binds",
                cap.control_id,
                f"{model.nations[cap.exporter].name}'s {cap.kind} on "
                f"{model.commodities[cap.commodity].name} binds: export price "
                f"{cap.export_price:,.1f} vs home {cap.home_price:,.1f} USD/kg",
            )
    for note in model.notes:
        recorder.note_rows.append(
            {
                "turn": note.turn,
                "date": date,
                "kind": note.kind,
                "subject": note.subject,
                "text": note.text,
            }
        )


def final_use(model: RareEarthModel) -> dict[tuple[str, str], tuple[float, float, float]]:
    """(consumed, demanded at reference price, unmet) by final buyers per commodity and nation."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for buyer in model.buyers:
        entry = totals[(buyer.commodity, buyer.nation)]
        entry[0] += buyer.consumed
        entry[1] += buyer.desired
        entry[2] += buyer.unmet
    return {k: (v[0], v[1], v[2]) for k, v in totals.items()}


def adversaries(model: RareEarthModel) -> set[str]:
    return {n.key for n in model.nations.values() if n.role == "adversary"}


def _commodity_columns(
    model: RareEarthModel,
    commodity: str,
    consumption: dict[tuple[str, str], tuple[float, float, float]],
    production: float,
) -> dict[str, float]:
    """Volumes and prices of one good: each nation's price, the world's, and the price inside
    each bloc and outside each adversary nation and bloc, all weighted by demand."""
    prices = model.prices.current[commodity]
    columns: dict[str, float] = {f"{commodity}.price.{n}": p for n, p in sorted(prices.items())}
    used = {n: v for (c, n), v in consumption.items() if c == commodity}
    traded = (
        sum(f.tonnes for f in model.clearings[commodity].flows)
        if commodity in model.clearings
        else 0.0
    )
    columns[f"{commodity}.production"] = float(production)
    columns[f"{commodity}.consumption"] = sum(v[0] for v in used.values())
    columns[f"{commodity}.demand"] = sum(v[1] for v in used.values())
    columns[f"{commodity}.unmet"] = sum(v[2] for v in used.values())
    columns[f"{commodity}.traded"] = traded
    columns[f"{commodity}.price_world"] = _weighted_price(prices, used, set())
    for nation in sorted(adversaries(model)):
        columns[f"{commodity}.price_outside.{nation}"] = _weighted_price(prices, used, {nation})
    for bloc in model.scenario.blocs:
        members = set(bloc.members)
        columns[f"{commodity}.price.{bloc.key}"] = _weighted_price(
            prices, used, set(prices) - members
        )
        columns[f"{commodity}.price_outside.{bloc.key}"] = _weighted_price(prices, used, members)
    return columns


def _weighted_price(
    prices: dict[str, float], used: dict[str, tuple[float, float, float]], excluded: set[str]
) -> float:
    """Average price weighted by demand, over nations not excluded."""
    weights = {n: used.get(n, (0.0, 0.0, 0.0))[1] for n in prices if n not in excluded}
    total = sum(weights.values())
    if total <= 0:
        outside = [p for n, p in prices.items() if n not in excluded]
        return sum(outside) / len(outside) if outside else float("nan")
    return sum(prices[n] * w for n, w in weights.items()) / total


def stage_key(model: RareEarthModel, commodity: str) -> str:
    spec = model.commodities[commodity]
    stage = "scrap" if spec.stage == "scrap" else STAGE_NAMES[model.level[commodity]]
    return f"{spec.chain}.{stage}"


def _intermediates(model: RareEarthModel) -> set[str]:
    """Goods turned into other goods of the same stage (e.g. mixed carbonate): not counted twice."""
    return {
        c
        for recipe in model.recipes.values()
        for c in recipe.inputs
        for out in recipe.outputs
        if stage_key(model, c) == stage_key(model, out)
    }


def _stage_columns(
    model: RareEarthModel, consumption: dict[tuple[str, str], tuple[float, float, float]]
) -> dict[str, float]:
    """Per stage: tonnes made in all and by each nation, each nation's and bloc's share of
    them, their Herfindahl-Hirschman index (0-10,000), each nation's exports, and the unit
    value (USD/kg at its own prices) of what each nation's final buyers consumed, the measure
    of USGS Data Series 140's "unit value of REO consumed".

    Every stage of the scenario has every nation's columns every turn (0 t, a 0 share, NaN
    for a unit value of nothing), so tables keep one shape; shares and the HHI of a stage
    that made nothing are NaN. Intermediates (mixed carbonate) count in neither tonnes nor
    exports, as their output is counted once made into the stage's goods.

    These are the figures official statistics report, so supply off the books (facilities
    with `recorded = false`) is left out: its output from the tonnes and shares, and from
    each nation's exports as much of them as it made this turn (unrecorded goods are taken
    to be the ones smuggled out, where any leave [A]). Goods shipped on smuggling routes are
    left out of the exports too.
    """
    skip = _intermediates(model)
    unrecorded = model.ledger.unrecorded
    made: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    off_books: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for balance in model.last_balances:
        commodity = str(balance["commodity"])
        if commodity not in skip:
            stage = stage_key(model, commodity)
            account = (commodity, str(balance["nation"]))
            off = unrecorded.get(account, 0.0)
            made[stage][account[1]] += float(balance["production"]) - off
            if off > 0:
                off_books[stage][account[1]] += off
    exported: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for clearing in model.clearings.values():
        for flow in clearing.flows:
            if flow.commodity not in skip and not flow.smuggled:
                exported[stage_key(model, flow.commodity)][flow.exporter] += flow.tonnes
    for stage, by_nation in off_books.items():
        for nation, off in by_nation.items():
            exported[stage][nation] = max(0.0, exported[stage][nation] - off)
    bought: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for (commodity, nation), (used, _, _) in sorted(consumption.items()):
        entry = bought[stage_key(model, commodity)][nation]
        entry[0] += used * model.prices.price(commodity, nation)
        entry[1] += used
    nations = sorted(model.nations)
    columns: dict[str, float] = {}
    for stage in sorted({stage_key(model, c) for c in model.commodities}):
        total = sum(made[stage].values())
        shares = {n: made[stage][n] / total if total > 0 else float("nan") for n in nations}
        columns[f"{stage}.production"] = total
        columns[f"{stage}.hhi"] = (
            10_000 * sum(s * s for s in shares.values()) if total > 0 else float("nan")
        )
        for nation in nations:
            value, tonnes = bought[stage][nation]
            columns[f"{stage}.production.{nation}"] = made[stage][nation]
            columns[f"{stage}.share.{nation}"] = shares[nation]
            columns[f"{stage}.exports.{nation}"] = exported[stage][nation]
            columns[f"{stage}.unit_value.{nation}"] = value / tonnes if tonnes > 0 else float("nan")
        for bloc in model.scenario.blocs:
            columns[f"{stage}.share.{bloc.key}"] = sum(shares[n] for n in bloc.members)
    return columns


def _acquired_content(model: RareEarthModel) -> dict[str, dict[str, float]]:
    """Adversary content (0-1) of what each nation bought of each good this turn, traced on
    the goods from mine to buyer (`provenance.py`)."""
    provenance = model.provenance
    return {
        commodity: {
            nation: provenance.share(content, ADVERSARIES)
            for nation, content in clearing.content.items()
            if clearing.bought.get(nation, 0.0) > 1e-9
        }
        for commodity, clearing in model.clearings.items()
    }
