"""What the window draws, copied out of the game after each turn.

The engine keeps mutating its model while a turn resolves on the worker thread, so the
scenes never draw from it directly. `capture` reads the session once, on the worker, into
plain frozen records: nations, facilities, the turn's trade flows and the barriers on them,
each stage's producers, and the game's history. Before the first turn, flows and producers
are the scenario's opening quarter's (`game.opening`), so the first decision is not blind;
the opening quarter also starts every chart's history.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from rare_earth_game.scenario.headline import key_commodities

if TYPE_CHECKING:
    from rare_earth_game.game.opening import OpeningQuarter
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.scenario.model import Scenario
    from rare_earth_game.sim.policy import PolicyBook

STAGES = ("mining", "processing", "manufacturing")
STAGE_TITLES = {"mining": "Mining", "processing": "Separation", "manufacturing": "Magnets"}


@dataclass(frozen=True)
class NationView:
    key: str
    name: str
    role: str
    iso: tuple[str, ...]
    tension: float  # with the player


@dataclass(frozen=True)
class FacilityView:
    key: str
    name: str
    kind: str
    nation: str
    status: str
    capacity: float
    output: float
    lat: float
    lon: float
    products: tuple[str, ...]
    opens: str = ""  # while being built: the game turn it should open, in words


@dataclass(frozen=True)
class FlowView:
    commodity: str
    exporter: str
    importer: str
    tonnes: float  # per year
    tariff: float  # importer's tariff rate on this route
    control: str  # "", "licence", "quota" (a ban leaves no flow; see `bans`)
    smuggled: bool = False  # past the exporter's customs: no control applies to it


@dataclass(frozen=True)
class WorldView:
    turn: int
    date: str
    player: str
    adversary: str
    nations: dict[str, NationView]
    facilities: tuple[FacilityView, ...]
    flows: tuple[FlowView, ...]
    bans: tuple[tuple[str, str, str], ...]  # (commodity, exporter, importer)
    commodities: dict[str, str]  # id -> name
    chains: dict[str, str]  # commodity -> chain
    key_goods: tuple[str, ...]
    stage_shares: dict[str, dict[str, float]]  # stage -> nation -> share of output
    history: pd.DataFrame
    baseline: pd.DataFrame
    opening: dict[str, Any] | None = None  # the opening quarter's history row (`turn` 0)
    opening_date: str = ""  # its quarter, e.g. "2025-Q1"

    @property
    def before_first_turn(self) -> bool:
        return len(self.history) == 0

    @property
    def period(self) -> str:
        """What the map's flows and the producers' shares cover, in words."""
        return f"{self.opening_date} (the opening quarter)" if self.before_first_turn else self.date

    def with_opening(self, table: pd.DataFrame) -> pd.DataFrame:
        """A history table with the opening quarter as its first row: charts start there."""
        if self.opening is None:
            return table
        return pd.concat([pd.DataFrame([self.opening]), table], ignore_index=True)


def capture(
    session: GameSession, first_step: int | None = None, opening: OpeningQuarter | None = None
) -> WorldView:
    """Copy what the scenes draw; `first_step` is the turn's first engine step. With no turn
    played yet, flows and producers come from `opening`, the scenario's opening quarter."""
    model = session.model
    scenario = session.scenario
    player = session.player
    adversary = scenario.game.adversary
    nations = {
        spec.id: NationView(
            spec.id,
            spec.name,
            spec.role,
            tuple(c.strip() for c in (spec.iso_a3 or spec.id).split(",") if c.strip()),
            0.0 if spec.id == player else model.tension(player, spec.id),
        )
        for spec in scenario.nations
    }
    facilities = tuple(
        FacilityView(
            f.key,
            f.name,
            f.kind,
            f.nation,
            f.status,
            float(f.capacity),
            float(f.output),
            float(f.location[0]),
            float(f.location[1]),
            tuple(getattr(f, "outputs", ()) or (getattr(f, "commodity", ""),)),
            _opens(session, f) if f.status == "building" else "",
        )
        for f in model.facilities.values()
        if f.location is not None
    )
    policies = model.policies
    if opening is not None and model.turn == 0:
        flow_rows, market_rows = opening.flow_rows, opening.market_rows
        years = scenario.time.months_per_turn / 12
    else:
        steps = session.steps if first_step is None else max(1, model.turn - first_step)
        start = model.turn - steps
        years = steps * scenario.time.months_per_turn / 12
        flow_rows = [r for r in model.recorder.flow_rows if int(r["turn"]) >= start]
        market_rows = [r for r in model.recorder.market_rows if int(r["turn"]) >= start]
    bans = []
    for state in policies.controls.values():
        control = state.control
        if control.kind != "ban":
            continue
        targets = control.destinations or tuple(n for n in nations if n != control.exporter)
        bans += [(good, control.exporter, target) for good in state.scope for target in targets]
    history = session.history().copy()
    baseline = session.baseline().copy()  # a shadow game the first time: workers only
    return WorldView(
        turn=session.turn,
        date=session.date,
        player=player,
        adversary=adversary,
        nations=nations,
        facilities=facilities,
        flows=_flows(flow_rows, policies, years),
        bans=tuple(sorted(set(bans))),
        commodities={c.id: c.name for c in scenario.commodities},
        chains={c.id: c.chain for c in scenario.commodities},
        key_goods=tuple(key_commodities(scenario)),
        stage_shares=_stage_shares(market_rows, scenario),
        history=history,
        baseline=baseline,
        opening=opening.row if opening else None,
        opening_date=opening.date if opening else "",
    )


def _opens(session: GameSession, facility: Any) -> str:
    """When a facility being built should open, as the game names turns."""
    clock = session.clock
    turn = session.turn + clock.turns_for_steps(max(1, int(facility.turns_left)))
    return clock.label(turn) if turn <= clock.last else "after this game ends"


def _flows(
    rows: Iterable[dict[str, Any]], policies: PolicyBook, years: float
) -> tuple[FlowView, ...]:
    """Tonnes a year on each route over the rows' period, with the tariff and any control;
    smuggled goods as a flow of their own, which no control holds back."""
    totals: dict[tuple[str, str, str, bool], float] = defaultdict(float)
    for row in rows:
        if float(row["tonnes"]) > 1e-6:
            smuggled = bool(row.get("smuggled", False))
            key = (str(row["commodity"]), str(row["exporter"]), str(row["importer"]), smuggled)
            totals[key] += float(row["tonnes"])
    flows = []
    for (good, exporter, importer, smuggled), tonnes in sorted(totals.items()):
        kinds = {s.control.kind for s in policies.controls_on(good, exporter)} - {"ban"}
        flows.append(
            FlowView(
                good,
                exporter,
                importer,
                tonnes / years,
                policies.tariff_rate(good, exporter, importer),
                "" if smuggled or not kinds else sorted(kinds)[0],
                smuggled,
            )
        )
    return tuple(flows)


def _stage_shares(
    rows: Iterable[dict[str, Any]], scenario: Scenario
) -> dict[str, dict[str, float]]:
    """Each stage of the main chain: every producing nation's share of its output."""
    produced: dict[str, dict[str, float]] = {s: defaultdict(float) for s in STAGES}
    main = scenario.commodities[0].chain
    stage_of = {c.id: c.stage for c in scenario.commodities if c.chain == main}
    for row in rows:
        stage = stage_of.get(str(row["commodity"]))
        if stage in produced:
            produced[stage][str(row["nation"])] += float(row["production"])
    shares = {}
    for stage, by_nation in produced.items():
        total = sum(by_nation.values())
        shares[stage] = {n: v / total for n, v in by_nation.items() if total > 0 and v > 0}
    return shares


def finite(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number
