"""Checks a schema cannot express: ids that must exist, unique ids, recipe order, dates.

Each check yields `(loc, message)` pairs so the loader can place them in the file.
"""

import math
from collections.abc import Iterable, Iterator, Sequence

from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.chain import clearing_order
from rare_earth_game.scenario.effects import AddMiner, AddRecovery, AddRefiner
from rare_earth_game.scenario.errors import Loc, key_path, suggestion
from rare_earth_game.scenario.events import Event
from rare_earth_game.scenario.game import (
    ANCHORED,
    DEFAULT_LENSES,
    STANDARD_LENS,
    SUB_SCORES,
    Investment,
    Objective,
)
from rare_earth_game.scenario.metric_names import metric_problem
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.periods import Period
from rare_earth_game.scenario.playable import playable_findings
from rare_earth_game.scenario.types import Section
from rare_earth_game.scenario.world import STAGE_LEVEL, Facility, Miner, Recipe, Recovery

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
NATION_LIST_FIELDS = {"exporters", "destinations", "nations", "offtake", "members"}
COMMODITY_FIELDS = {"commodity"}
COMMODITY_LIST_FIELDS = {"commodities", "key_commodities", "controllable"}
FACILITY_FIELDS = {"facility"}
FACILITY_LIST_FIELDS = {"facilities"}


class _Known:
    """The ids a scenario defines, by kind, plus ids assumed to exist whatever their kind."""

    def __init__(self, scenario: Scenario, assume_known: Iterable[str] = ()) -> None:
        extra = set(assume_known)
        self.nations = {n.id for n in scenario.nations} | extra
        self.commodities = {c.id for c in scenario.commodities} | extra
        self.recipes = {r.id for r in scenario.recipes} | extra
        self.facilities = {f.id for _, f in _facilities(scenario)} | extra
        self.investments = {i.id for i in scenario.investments} | extra


def check_scenario(
    scenario: Scenario, assume_known: Iterable[str] = (), *, references: bool = True
) -> list[Finding]:
    """All cross-reference problems of a scenario that passed schema validation.

    The loader also checks what is left of a file with schema errors. `assume_known` are
    the ids of entries it set aside, so references to them are not reported twice; with
    `references=False` an entry whose id itself was broken was set aside, and any
    reference might have meant it, so none are checked.
    """
    known = _Known(scenario, assume_known)
    findings: list[Finding] = []
    findings += _duplicate_ids(scenario)
    if references:
        findings += _references(scenario, known)
        findings += _card_links(scenario, known)
        findings += _game(scenario)
        findings += _scorecard(scenario)
        findings += _recovery_hosts(scenario, known)
        findings += _calibration_metrics(scenario)
        findings += playable_findings(scenario)
    findings += _kinds_and_relations(scenario)
    findings += _blocs(scenario)
    findings += _finite_numbers(scenario)
    findings += _recipes(scenario)
    findings += _facility_kinds(scenario)
    findings += _dates(scenario)
    findings += _calibration_periods(scenario)
    return findings


def _added_facilities(
    scenario: Scenario,
) -> Iterator[tuple[Loc, AddMiner | AddRefiner | AddRecovery]]:
    with_effects: tuple[tuple[str, Sequence[Event | Investment]], ...] = (
        ("events", scenario.events),
        ("investments", scenario.investments),
    )
    for section, items in with_effects:
        for i, item in enumerate(items):
            for j, effect in enumerate(item.effects):
                if isinstance(effect, AddMiner | AddRefiner | AddRecovery):
                    yield (section, i, "effects", j), effect
    for i, playable in enumerate(scenario.playable):
        for j, card in enumerate(playable.cards):
            for k, effect in enumerate(card.effects):
                if isinstance(effect, AddMiner | AddRefiner | AddRecovery):
                    yield ("playable", i, "cards", j, "effects", k), effect


def _facilities(scenario: Scenario) -> Iterator[tuple[Loc, Facility]]:
    """Every mine, plant and recovery, listed or added by an effect, where it is written."""
    for section in ("miners", "refiners", "recoveries"):
        for i, facility in enumerate(getattr(scenario, section)):
            yield (section, i), facility
    yield from _added_facilities(scenario)


def _duplicates(entries: Iterable[tuple[Loc, str]], what: str) -> Iterator[Finding]:
    """Every repeat of an id, naming where it was first used so the author can pick one."""
    first: dict[str, Loc] = {}
    for loc, ident in entries:
        if ident in first:
            yield (
                (*loc, "id"),
                (
                    f"duplicate {what} id '{ident}', already used by {key_path(first[ident])}; "
                    "ids must be unique"
                ),
            )
        else:
            first[ident] = loc


def _duplicate_ids(s: Scenario) -> Iterator[Finding]:
    def listed(section: str | Loc, items: Iterable[Section]) -> list[tuple[Loc, str]]:
        prefix = section if isinstance(section, tuple) else (section,)
        return [((*prefix, i), item.id) for i, item in enumerate(items)]  # type: ignore[attr-defined]

    yield from _duplicates(listed("nations", s.nations), "nation")
    yield from _duplicates(listed("blocs", s.blocs), "bloc")
    yield from _duplicates(listed("commodities", s.commodities), "commodity")
    yield from _duplicates(listed("recipes", s.recipes), "recipe")
    yield from _duplicates([(loc, f.id) for loc, f in _facilities(s)], "facility")
    yield from _duplicates(listed("buyers", s.buyers), "buyer")
    yield from _duplicates(listed("events", s.events), "event")
    yield from _duplicates(listed("random_events", s.random_events), "random event")
    yield from _duplicates(listed("investments", s.investments), "investment")
    smuggling = listed(("transport", "smuggling"), s.transport.smuggling)
    yield from _duplicates(smuggling, "smuggling route")
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
    """Every id written in a field that names a nation, good, facility or recipe exists."""
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


def _kinds_and_relations(s: Scenario) -> Iterator[Finding]:
    """Facility kinds named in settings and effects, and relations between two nations."""
    for loc, name, value in _walk(s, ()):
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
    for i, route in enumerate(s.transport.smuggling):
        for j, destination in enumerate(route.destinations or ()):
            if destination == route.exporter:
                yield (
                    ("transport", "smuggling", i, "destinations", j),
                    f"a smuggling route leads out of {route.exporter}: it cannot also end there",
                )


_BUILD_KINDS = (
    "mine",
    "separation",
    "refining",
    "metal_making",
    "magnet_making",
    "anode_making",
    "recycling",
    "recovery",
)


def _missing(ids: set[str], value: str, loc: Loc, what: str) -> Iterator[Finding]:
    if value not in ids:
        yield loc, f"unknown {what} '{value}'" + suggestion(value, ids)


def _blocs(s: Scenario) -> Iterator[Finding]:
    """A bloc's columns must not be mistaken for a nation's, and it lists each member once."""
    nations = {n.id: i for i, n in enumerate(s.nations)}
    for i, bloc in enumerate(s.blocs):
        for name in (bloc.id, bloc.key):
            if name in nations:
                yield (
                    ("blocs", i, "id"),
                    f"'{name}' is already the id of nations[{nations[name]}]; give the bloc an "
                    'id of its own, e.g. "adversary" or "allies"',
                )
                break
        seen: set[str] = set()
        for j, member in enumerate(bloc.members):
            if member in seen:
                yield ("blocs", i, "members", j), f"'{member}' is listed twice"
            seen.add(member)


def _finite_numbers(s: Scenario) -> Iterator[Finding]:
    """inf and nan are valid TOML floats, but no quantity in a scenario can be either."""
    for loc, name, value in _walk(s, ()):
        values: Iterable[tuple[Loc, object]] = [((*loc, name), value)]
        if isinstance(value, tuple):
            values = [((*loc, name, i), v) for i, v in enumerate(value)]
        elif isinstance(value, dict):
            values = [((*loc, name, k), v) for k, v in value.items()]
        for where, number in values:
            if isinstance(number, float) and not math.isfinite(number):
                yield where, f"expected a finite number, got {number}"


def _recipes(s: Scenario) -> Iterator[Finding]:
    level = {c.id: STAGE_LEVEL[c.stage] for c in s.commodities}
    stage = {c.id: c.stage for c in s.commodities}
    backwards: set[int] = set()
    for i, recipe in enumerate(s.recipes):
        inputs = [c for c in recipe.inputs if c in level]
        latest = max(inputs, key=lambda c: level[c], default=None)
        for commodity in recipe.outputs:
            if commodity in level and latest is not None and level[commodity] < level[latest]:
                backwards.add(i)
                yield (
                    ("recipes", i, "outputs", commodity),
                    f"output '{commodity}' ({stage[commodity]}) is at an earlier stage than "
                    f"input '{latest}' ({stage[latest]}); a recipe must move goods along "
                    "scrap/mining → processing → metal → manufacturing",
                )
        for commodity in recipe.thrift:
            if commodity not in recipe.inputs:
                yield (
                    ("recipes", i, "thrift", commodity),
                    f"'{commodity}' is not an input of this recipe",
                )
        for commodity in sorted(set(recipe.inputs) & set(recipe.outputs)):
            backwards.add(i)
            yield ("recipes", i, "outputs", commodity), f"'{commodity}' is both input and output"
    # Recipes reported above would only repeat themselves as cycles.
    checked = [
        (i, r)
        for i, r in enumerate(s.recipes)
        if i not in backwards and set(r.inputs) <= set(level) and set(r.outputs) <= set(level)
    ]
    cycle = _recipe_cycle(checked)
    if cycle is not None:
        yield cycle
        return
    try:
        clearing_order(s.commodities, [r for _, r in checked])
    except ValueError as error:  # not expected once cycles are excluded; still never crash
        yield ("recipes",), str(error)


def _recipe_cycle(recipes: list[tuple[int, Recipe]]) -> Finding | None:
    """A loop of recipes that makes a good from itself, reported at its last recipe.

    Markets clear from raw goods to finished ones, so such a loop has no order to clear in.
    """
    made_from: dict[str, list[tuple[str, int]]] = {}
    for i, recipe in recipes:
        for good in recipe.inputs:
            made_from.setdefault(good, []).extend((out, i) for out in recipe.outputs)
    finished: set[str] = set()

    def visit(path: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
        """Depth first; `path` holds (good, recipe that made it from the previous good)."""
        good = path[-1][0]
        for step in sorted(made_from.get(good, ())):
            earlier = [k for k, (seen, _) in enumerate(path) if seen == step[0]]
            if earlier:
                return [*path[earlier[0] + 1 :], step]
            if step[0] not in finished and (loop := visit([*path, step])):
                return loop
        finished.add(good)
        return None

    names = {i: r.id for i, r in recipes}
    for root in sorted(made_from):
        loop = visit([(root, -1)]) if root not in finished else None
        if loop:
            start = loop[-1][0]
            route = " → ".join([start] + [f"{good} ({names[i]})" for good, i in loop])
            good, last = max(loop, key=lambda link: link[1])
            return (
                ("recipes", last, "outputs", good),
                f"recipes form a cycle: {route}; a good cannot be made from itself",
            )
    return None


def _facility_kinds(s: Scenario) -> Iterator[Finding]:
    stage = {c.id: c.stage for c in s.commodities}
    miners: list[tuple[Loc, Miner]] = [(("miners", i), m) for i, m in enumerate(s.miners)]
    miners += [(loc, e) for loc, e in _added_facilities(s) if isinstance(e, AddMiner)]
    for loc, miner in miners:
        at = (*loc, "commodity") if miner.outputs is None else (*loc, "outputs")
        for good in miner.yields:
            if stage.get(good, "mining") not in ("mining", "scrap"):
                yield (
                    at if miner.outputs is None else (*at, good),
                    f"a miner must produce mining or scrap commodities, not '{good}' "
                    f"({stage[good]}); use a refiner with a recipe",
                )


def _recovery_hosts(s: Scenario, known: _Known) -> Iterator[Finding]:
    """A by-product is recovered at a mine or plant that exists, in the host's nation."""
    recoveries = [(loc, f) for loc, f in _facilities(s) if isinstance(f, Recovery)]
    hosted_at = {f.id: f.host for _, f in recoveries}
    host_nation = {f.id: f.nation for _, f in _facilities(s) if not isinstance(f, Recovery)}
    hosts = (set(host_nation) | known.facilities) - set(hosted_at)
    for loc, recovery in recoveries:
        host = recovery.host
        if host in hosted_at:
            yield (
                (*loc, "host"),
                f"'{host}' is a recovery itself; a by-product is recovered at a mine or plant "
                f"(an id from miners or refiners); did you mean its host '{hosted_at[host]}'?",
            )
        elif host not in hosts:
            yield (*loc, "host"), f"unknown host facility '{host}'" + suggestion(host, hosts)
        elif host in host_nation and host_nation[host] != recovery.nation:
            yield (
                (*loc, "nation"),
                f"a recovery works at its host, so it is in the host's nation: "
                f"'{host_nation[host]}' ({host}), not '{recovery.nation}'",
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


def _calibration_metrics(s: Scenario) -> Iterator[Finding]:
    """Calibration runs the engine alone, so it may name model-table columns only."""
    for i, entry in enumerate(s.calibration):
        problem = metric_problem(entry.metric, s, game=False)
        if problem is not None:
            yield ("calibration", i, "metric"), problem


def _calibration_periods(s: Scenario) -> Iterator[Finding]:
    calendar = Calendar.of(s.time)
    for i, entry in enumerate(s.calibration):
        for key in ("period", "relative_to"):
            text = getattr(entry, key)
            if text is not None and (problem := Period.parse(text).problem(calendar)):
                yield ("calibration", i, key), problem


def _card_links(s: Scenario, known: _Known) -> Iterator[Finding]:
    """Prerequisites and `pays_off_with` name cards of the scenario, without cycles."""
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
        partner = investment.pays_off_with
        if partner is not None and partner not in known.investments:
            yield (
                ("investments", i, "pays_off_with"),
                f"unknown investment '{partner}'" + suggestion(partner, known.investments),
            )
        elif partner == investment.id:
            yield ("investments", i, "pays_off_with"), "a card cannot pay off with itself"


def _game(s: Scenario) -> Iterator[Finding]:
    """Objectives and cards name figures the game records; AI profiles and the player are
    distinct; the game's adversary is a nation of role "adversary", whose tables the game
    reads."""
    for k, nation in enumerate(s.nations):
        if nation.id == s.game.adversary and nation.role != "adversary":
            yield (
                ("nations", k, "role"),
                f"{nation.id} is the game's adversary (game.adversary), so its role must be "
                f'"adversary", not "{nation.role}"',
            )
    with_metrics: tuple[tuple[str, Sequence[Objective | Investment]], ...] = (
        ("objectives", s.objectives),
        ("investments", s.investments),
    )
    for section, items in with_metrics:
        for i, item in enumerate(items):
            problem = metric_problem(item.metric, s)
            if problem is not None:
                yield (section, i, "metric"), problem
    seen: dict[str, int] = {}
    for i, profile in enumerate(s.ai):
        if profile.nation == s.game.player:
            yield ("ai", i, "nation"), "the player's own nation cannot be run by the AI"
        elif profile.nation in seen:
            yield (
                ("ai", i, "nation"),
                f"{profile.nation} already has an AI profile (ai[{seen[profile.nation]}])",
            )
        seen.setdefault(profile.nation, i)


def _scorecard(s: Scenario) -> Iterator[Finding]:
    """Weights, lenses and anchors name sub-scores that exist; the starting lens exists."""
    game = s.game

    def sub_scores(names: Iterable[str], loc: Loc, known: tuple[str, ...]) -> Iterator[Finding]:
        for name in names:
            if name not in known:
                yield (
                    (*loc, name),
                    f"unknown sub-score '{name}'{suggestion(name, known)} "
                    f"(expected one of {', '.join(known)})",
                )

    yield from sub_scores(game.weights, ("game", "weights"), SUB_SCORES)
    yield from sub_scores(game.anchors, ("game", "anchors"), ANCHORED)
    for name, (zero, full) in game.anchors.items():
        if name in ANCHORED and zero == full:
            yield ("game", "anchors", name), "the figures scored 0 and 100 must differ"
    lenses = [STANDARD_LENS, *(lens.id for lens in DEFAULT_LENSES)]
    for i, lens in enumerate(game.lenses):
        if lens.id == STANDARD_LENS:
            yield (
                ("game", "lenses", i, "id"),
                f"'{STANDARD_LENS}' is the lens of [game.weights]; set those instead",
            )
        yield from sub_scores(lens.weights, ("game", "lenses", i, "weights"), SUB_SCORES)
        lenses.append(lens.id)
    yield from _duplicates(
        (((("game", "lenses", i)), lens.id) for i, lens in enumerate(game.lenses)), "lens"
    )
    if game.lens not in lenses:
        yield ("game", "lens"), f"unknown lens '{game.lens}'{suggestion(game.lens, lenses)}"


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
