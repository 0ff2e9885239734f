"""Warnings: what a valid scenario may still get wrong, found before anything runs.

A figure can pass every check and still be a slip of the keyboard (`base_demand = 1e12`,
a magnet market a billion times the world's), a plant can be unable to pay for its own
construction and go bankrupt before it opens, a card can take longer to act than the
scenario lasts, and a fifth key commodity is silently left off the charts. `validate`
prints these as warnings (exit 0; `--strict` makes them errors).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rare_earth_game.scenario.calendar import Calendar
from rare_earth_game.scenario.errors import Loc
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.scenario.world import Facility, Miner, Refiner

Finding = tuple[Loc, str]

SCALE_FACTOR = 100.0
"""An entry more than this many times the rest of the world's is out of scale."""
KEY_COMMODITY_LIMIT = 4
"""Charts and summaries headline at most this many goods."""


def scenario_warnings(scenario: Scenario) -> list[Finding]:
    """Every warning, in file order of the sections."""
    return [
        *_key_commodities(scenario),
        *_out_of_scale(scenario),
        *_unfinanceable(scenario),
        *_too_late(scenario),
    ]


def _key_commodities(scenario: Scenario) -> Iterator[Finding]:
    chosen = scenario.meta.key_commodities
    for i, commodity in enumerate(chosen[KEY_COMMODITY_LIMIT:], start=KEY_COMMODITY_LIMIT):
        yield (
            ("meta", "key_commodities", i),
            f"only the first {KEY_COMMODITY_LIMIT} key commodities are shown; "
            f"'{commodity}' is left out",
        )


def _out_of_scale(scenario: Scenario) -> Iterator[Finding]:
    """A buyer's demand, or a facility's capacity, over 100x the rest of the world's."""
    demand: dict[str, list[tuple[Loc, float]]] = defaultdict(list)
    for i, buyer in enumerate(scenario.buyers):
        demand[buyer.commodity].append((("buyers", i, "base_demand"), buyer.base_demand))
    yield from _outliers(demand, "demand for", "t a year")
    capacity: dict[str, list[tuple[Loc, float]]] = defaultdict(list)
    for i, miner in enumerate(scenario.miners):
        capacity[f"mined {miner.commodity or 'ore'}"].append(
            (("miners", i, "capacity"), miner.capacity)
        )
    for i, refiner in enumerate(scenario.refiners):
        capacity[f"{refiner.recipe} capacity"].append(
            (("refiners", i, "capacity"), refiner.capacity)
        )
    yield from _outliers(capacity, "", "a year")


def _outliers(
    groups: dict[str, list[tuple[Loc, float]]], what: str, unit: str
) -> Iterator[Finding]:
    for name, entries in groups.items():
        total = sum(value for _, value in entries)
        for loc, value in entries:
            rest = total - value
            if rest > 0 and value > SCALE_FACTOR * rest:
                label = f"{what} {name}".strip()
                yield (
                    loc,
                    f"{value:,.6g} is {value / rest:,.0f} times the rest of the world's "
                    f"{label} ({rest:,.6g} {unit}); is a unit or a digit wrong?",
                )


def _unfinanceable(scenario: Scenario) -> Iterator[Finding]:
    """Facilities being built whose owner's cash and credit cannot pay the construction:
    it is paid in equal parts while it is built, so they go bankrupt before opening."""
    owners: dict[str, list[tuple[Loc, Facility]]] = defaultdict(list)
    for table, facilities in (("miners", scenario.miners), ("refiners", scenario.refiners)):
        for i, facility in enumerate(facilities):
            if facility.state_directed:
                continue
            owner = facility.owner or f"\0{table}.{facility.id}"  # no owner: its own purse
            owners[owner].append(((table, i), facility))
    for members in owners.values():
        purse = sum(f.cash + f.credit_line for _, f in members)
        whose = " of every facility it owns" if len(members) > 1 else ""
        building = [(loc, f) for loc, f in members if f.status == "building" and f.capex > 0]
        cost = sum(f.capex for _, f in building)
        if building and cost > purse:
            for loc, facility in building:
                yield (
                    (*loc, "capex"),
                    f"its construction costs USD {facility.capex:,.0f}M, paid while it is "
                    f"built, but its owner has only USD {purse:,.0f}M of cash and credit "
                    f"(cash + credit_line{whose}), so it goes bankrupt before it opens; "
                    "raise cash or credit_line",
                )


def _too_late(scenario: Scenario) -> Iterator[Finding]:
    """Facilities and cards that cannot open before the scenario's last turn."""
    horizon = scenario.time.turns
    for table, facilities in (("miners", scenario.miners), ("refiners", scenario.refiners)):
        for i, facility in enumerate(facilities):
            if facility.status == "building" and facility.turns_to_complete >= horizon:
                yield (
                    (table, i, "turns_to_complete"),
                    f"it opens after {facility.turns_to_complete} turns, but the scenario "
                    f"has {horizon}: it never produces",
                )
    yield from _cards_too_late(scenario, horizon)


def _cards_too_late(scenario: Scenario, horizon: int) -> Iterator[Finding]:
    """Cards whose effects, or the facilities they build, come after the last turn even if
    the card and every prerequisite before it are funded at the first chance: a card's
    effects act when its funding ends (or at once with `effects_at = "start"`), and a card
    can be funded only once its prerequisites are in force."""
    per_year = Calendar.of(scenario.time).turns_per_year
    cards = {card.id: card for card in scenario.investments}
    complete: dict[str, int] = {}

    def funded_until(card_id: str) -> int:
        """The earliest turn the card can be complete (a valid scenario has no cycles)."""
        if card_id not in complete:
            complete[card_id] = 0  # guards the recursion should a cycle slip through
            card = cards[card_id]
            complete[card_id] = earliest_start(card.prerequisites) + round(card.years * per_year)
        return complete[card_id]

    def in_force_from(card_id: str) -> int:
        """The earliest turn a card needing this one can be funded: the turn after its own
        start, for a card whose effects act from the start (worked out through
        `funded_until`, which guards against cycles), else when its funding ends."""
        card = cards[card_id]
        if card.effects_at == "start":
            return funded_until(card_id) - round(card.years * per_year) + 1
        return funded_until(card_id)

    def earliest_start(prerequisites: tuple[str, ...]) -> int:
        return max((in_force_from(p) for p in prerequisites if p in cards), default=0)

    for i, card in enumerate(scenario.investments):
        start = earliest_start(card.prerequisites)
        acts = funded_until(card.id) if card.effects_at == "completion" else start
        after = f" (after its prerequisites, from turn {start})" if start else ""
        if card.effects and acts >= horizon:
            ending = card.effects_at == "completion"
            yield (
                ("investments", i, "years" if ending and acts > start else "prerequisites"),
                f"its effects act {'when its funding ends' if ending else 'once it is funded'}, "
                f"{acts} turns in{after}, but the scenario has {horizon}: even funded at "
                "the first chance it never acts",
            )
            continue
        for j, effect in enumerate(card.effects):
            if not isinstance(effect, Miner | Refiner):
                continue
            lead = acts + effect.turns_to_complete
            if lead >= horizon:
                yield (
                    ("investments", i, "effects", j, "turns_to_complete"),
                    f"the facility this card builds opens {lead} turns after it is funded "
                    f"(payments, then construction{after}), but the scenario has {horizon}: "
                    "even funded at the first chance it never produces",
                )
