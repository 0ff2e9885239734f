"""Checks a schema cannot express: ids that must exist, unique ids, recipe order, dates.

Each check yields `(loc, message)` pairs so the loader can place them in the file.
"""

from collections import Counter
from collections.abc import Iterable, Iterator

from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.chain import clearing_order
from rare_earth_game.scenario.effects import AddMiner, AddRefiner
from rare_earth_game.scenario.errors import Loc, suggestion
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.types import Section
from rare_earth_game.scenario.world import STAGE_LEVEL

Finding = tuple[Loc, str]

NATION_FIELDS = {
    "nation",
    "importer",
    "exporter",
    "a",
    "b",
    "other",
    "origin",
    "destination",
    "partner",
    "player",
    "adversary",
}
NATION_LIST_FIELDS = {"exporters", "destinations", "nations"}
COMMODITY_FIELDS = {"commodity"}
COMMODITY_LIST_FIELDS = {"commodities", "key_commodities"}
FACILITY_FIELDS = {"facility"}
FACILITY_LIST_FIELDS = {"facilities"}


class _Known:
    """The ids a scenario defines, by kind."""

    def __init__(self, scenario: Scenario) -> None:
        self.nations = {n.id for n in scenario.nations}
        self.commodities = {c.id for c in scenario.commodities}
        self.recipes = {r.id for r in scenario.recipes}
        self.facilities = {f.id for f in (*scenario.miners, *scenario.refiners)}
        self.facilities |= {e.id for _, e in _added_facilities(scenario)}
        self.investments = {i.id for i in scenario.investments}


def check_scenario(scenario: Scenario) -> list[Finding]:
    """All cross-reference problems of a scenario that passed schema validation."""
    known = _Known(scenario)
    findings: list[Finding] = []
    findings += _duplicate_ids(scenario)
    findings += _references(scenario, known)
    findings += _recipes(scenario)
    findings += _facility_kinds(scenario)
    findings += _dates(scenario)
    findings += _prerequisites(scenario, known)
    return findings


def _added_facilities(scenario: Scenario) -> Iterator[tuple[Loc, AddMiner | AddRefiner]]:
    for section, items in (("events", scenario.events), ("investments", scenario.investments)):
        for i, item in enumerate(items):
            for j, effect in enumerate(item.effects):
                if isinstance(effect, AddMiner | AddRefiner):
                    yield (section, i, "effects", j), effect


def _duplicates(entries: Iterable[tuple[Loc, str]], what: str) -> Iterator[Finding]:
    entries = list(entries)
    counts = Counter(ident for _, ident in entries)
    seen: set[str] = set()
    for loc, ident in entries:
        if counts[ident] > 1:
            if ident in seen:
                yield (*loc, "id"), f"duplicate {what} id '{ident}' (ids must be unique)"
            seen.add(ident)


def _duplicate_ids(s: Scenario) -> Iterator[Finding]:
    def listed(section: str | Loc, items: Iterable[Section]) -> list[tuple[Loc, str]]:
        prefix = section if isinstance(section, tuple) else (section,)
        return [((*prefix, i), item.id) for i, item in enumerate(items)]  # type: ignore[attr-defined]

    yield from _duplicates(listed("nations", s.nations), "nation")
    yield from _duplicates(listed("commodities", s.commodities), "commodity")
    yield from _duplicates(listed("recipes", s.recipes), "recipe")
    facilities = listed("miners", s.miners) + listed("refiners", s.refiners)
    facilities += [(loc, e.id) for loc, e in _added_facilities(s)]
    yield from _duplicates(facilities, "facility")
    yield from _duplicates(listed("buyers", s.buyers), "buyer")
    yield from _duplicates(listed("events", s.events), "event")
    yield from _duplicates(listed("random_events", s.random_events), "random event")
    yield from _duplicates(listed("investments", s.investments), "investment")
    p = s.policies
    policies = []
    for name in (
        "tariffs",
        "export_duties",
        "export_controls",
        "production_quotas",
        "subsidies",
        "price_floors",
        "stockpiles",
    ):
        policies += listed(("policies", name), getattr(p, name))
    yield from _duplicates(policies, "policy")


def _walk(node: object, loc: Loc) -> Iterator[tuple[Loc, str, object]]:
    """Every (loc, field name, value) in a model tree."""
    if isinstance(node, Section):
        for name in type(node).model_fields:
            value = getattr(node, name)
            yield loc, name, value
            yield from _walk(value, (*loc, name))
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            yield from _walk(item, (*loc, i))


def _references(s: Scenario, known: _Known) -> Iterator[Finding]:
    kinds = (
        (NATION_FIELDS, NATION_LIST_FIELDS, known.nations, "nation"),
        (COMMODITY_FIELDS, COMMODITY_LIST_FIELDS, known.commodities, "commodity"),
        (FACILITY_FIELDS, FACILITY_LIST_FIELDS, known.facilities, "facility"),
    )
    for loc, name, value in _walk(s, ()):
        for single, multiple, ids, what in kinds:
            if name in single and isinstance(value, str):
                yield from _missing(ids, value, (*loc, name), what)
            elif name in multiple and isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield from _missing(ids, item, (*loc, name, i), what)
        if name == "recipe" and isinstance(value, str):
            yield from _missing(known.recipes, value, (*loc, name), "recipe")
        if name in ("inputs", "outputs") and isinstance(value, dict):
            for commodity in value:
                yield from _missing(
                    known.commodities, commodity, (*loc, name, commodity), "commodity"
                )
        if name == "processes" and isinstance(value, tuple):
            for i, kind in enumerate(value):
                if kind not in _BUILD_KINDS:
                    yield (
                        (*loc, name, i),
                        f"unknown facility kind '{kind}'" + suggestion(kind, _BUILD_KINDS),
                    )
        if name in ("build_years", "capex_per_kt") and isinstance(value, dict):
            for kind in value:
                if kind not in _BUILD_KINDS:
                    yield (
                        (*loc, name, kind),
                        f"unknown facility kind '{kind}'" + suggestion(kind, _BUILD_KINDS),
                    )
    for i, relation in enumerate(s.relations):
        if relation.a == relation.b:
            yield ("relations", i, "b"), "a relation needs two different nations"


_BUILD_KINDS = (
    "mine",
    "separation",
    "refining",
    "metal_making",
    "magnet_making",
    "anode_making",
    "recycling",
)


def _missing(ids: set[str], value: str, loc: Loc, what: str) -> Iterator[Finding]:
    if value not in ids:
        yield loc, f"unknown {what} '{value}'" + suggestion(value, ids)


def _recipes(s: Scenario) -> Iterator[Finding]:
    level = {c.id: STAGE_LEVEL[c.stage] for c in s.commodities}
    for i, recipe in enumerate(s.recipes):
        inputs = [level[c] for c in recipe.inputs if c in level]
        for commodity in recipe.outputs:
            if commodity in level and inputs and level[commodity] < max(inputs):
                yield (
                    ("recipes", i, "outputs", commodity),
                    f"output '{commodity}' is at an earlier stage than an input "
                    "(stages run scrap/mining → processing → metal → manufacturing)",
                )
        for commodity in recipe.thrift:
            if commodity not in recipe.inputs:
                yield (
                    ("recipes", i, "thrift", commodity),
                    f"'{commodity}' is not an input of this recipe",
                )
        for commodity in set(recipe.inputs) & set(recipe.outputs):
            yield ("recipes", i, "outputs", commodity), f"'{commodity}' is both input and output"
    known = [r for r in s.recipes if set(r.inputs) <= set(level) and set(r.outputs) <= set(level)]
    try:
        clearing_order(s.commodities, known)
    except ValueError as error:
        yield ("recipes",), str(error)


def _facility_kinds(s: Scenario) -> Iterator[Finding]:
    stage = {c.id: c.stage for c in s.commodities}
    miners = [(("miners", i), m) for i, m in enumerate(s.miners)]
    miners += [(loc, e) for loc, e in _added_facilities(s) if isinstance(e, AddMiner)]
    for loc, miner in miners:
        if stage.get(miner.commodity, "mining") not in ("mining", "scrap"):
            yield (
                (*loc, "commodity"),
                f"a miner must produce a mining or scrap commodity, not "
                f"'{miner.commodity}' ({stage[miner.commodity]}); use a refiner with a recipe",
            )


def _dates(s: Scenario) -> Iterator[Finding]:
    calendar = Calendar.of(s.time)
    horizon = f"{s.time.start} to {calendar.end_label()}"
    for i, event in enumerate(s.events):
        if not calendar.in_horizon(event.date):
            yield ("events", i, "date"), f"date {event.date} is outside the horizon ({horizon})"
    for i, floor in enumerate(s.policies.price_floors):
        if floor.until is not None and calendar.turn_of(floor.until) < 0:
            yield (
                ("policies", "price_floors", i, "until"),
                f"date {floor.until} is before the start ({s.time.start})",
            )


def _prerequisites(s: Scenario, known: _Known) -> Iterator[Finding]:
    requires = {inv.id: set(inv.prerequisites) for inv in s.investments}
    for i, investment in enumerate(s.investments):
        for j, prerequisite in enumerate(investment.prerequisites):
            loc: Loc = ("investments", i, "prerequisites", j)
            if prerequisite not in known.investments:
                yield (
                    loc,
                    f"unknown investment '{prerequisite}'"
                    + suggestion(prerequisite, known.investments),
                )
            elif _reaches(requires, prerequisite, investment.id):
                yield loc, f"prerequisites form a cycle through '{investment.id}'"


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return False
