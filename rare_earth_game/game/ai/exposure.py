"""How much of a nation's supply hangs on one exporter's good: the measure the dominant
supplier aims its controls by, and allies weigh before they join a venture.

A good is worth controlling for what it goes into, not for its own price: a few tonnes of
dysprosium oxide hold up a magnet industry. So exposure counts, for each final good a
nation's buyers want (valued at normal prices), the share that rests on the exporter's
good: bought straight from it (a control aimed at the nation reaches that), or through a
third country's goods made with it (only a control on all exports reaches that), as far as
the good is essential to what it goes into (the share plants cannot thrift away). Hardness
says how little of the exporter's sales the rest of the world's spare capacity and the
nation's own stocks could replace within a year.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.sim.model import RareEarthModel


@dataclass(frozen=True)
class Exposure:
    """A nation's dependence on one exporter's good, in USD M a year of its final needs."""

    good: str
    direct: float
    """Needs resting on the good bought straight from the exporter."""
    indirect: float
    """Needs resting on it through third countries' goods made with it."""
    need: float
    """The nation's final needs of goods made with the good (USD M a year)."""
    need_all: float
    """All the nation's final needs, the scale leverage is read against."""
    sales_to: float
    """USD M a year the exporter earns selling the good to the nation."""
    sales_all: float
    """USD M a year it earns selling it to everyone."""
    tonnes_to: float
    tonnes_all: float
    spare: float
    """Tonnes a year the rest of the world could still add."""
    stocks: float
    """Tonnes the nation's government and buyers hold."""

    @property
    def share_direct(self) -> float:
        """Share of the goods made with it the nation needs that rest on the good bought
        straight from the exporter."""
        return self.direct / self.need if self.need > 0 else 0.0

    @property
    def share_all(self) -> float:
        """The same, straight or through third countries."""
        return (self.direct + self.indirect) / self.need if self.need > 0 else 0.0

    @property
    def hard_direct(self) -> float:
        """0-1: how little of what the exporter sells the nation could be replaced in a
        year, from others' spare capacity and the nation's stocks."""
        return _hardness(self.spare + self.stocks, self.tonnes_to)

    @property
    def hard_all(self) -> float:
        """0-1: the same for everything the exporter sells of it, to anyone."""
        return _hardness(self.spare, self.tonnes_all)

    def uncontrolled(self, straight: float, everywhere: float) -> Exposure:
        """The exposure as it would stand without the controls in force, whose approvals
        (`straight` to the nation, `everywhere` on all exports) held trade down: what the
        exporter weighs a control by, not what is left once it bites."""
        a, b = max(straight, LOWEST_APPROVAL), max(everywhere, LOWEST_APPROVAL)
        return replace(
            self,
            direct=min(self.direct / a, self.need),
            indirect=min(self.indirect / b, max(0.0, self.need - self.direct / a)),
            sales_to=self.sales_to / a,
            sales_all=self.sales_all / b,
            tonnes_to=self.tonnes_to / a,
            tonnes_all=self.tonnes_all / b,
        )


LOWEST_APPROVAL = 0.25
"""Below this approval (a ban), trade says too little of what it would be: scaled as if
this share still flowed."""


def essentials(model: RareEarthModel) -> dict[tuple[str, str], float]:
    """(final good, input) -> the share of the input its makers cannot do without (1 for a
    good itself), over the recipes that make it."""
    found: dict[tuple[str, str], float] = {}
    for good in model.commodities:
        found[(good, good)] = 1.0
    for recipe in model.recipes.values():
        for output in recipe.outputs:
            for good in recipe.inputs:
                share = 1.0 - recipe.thrift.get(good, 0.0)
                found[(output, good)] = max(found.get((output, good), 0.0), share)
    return found


def exposures(
    model: RareEarthModel,
    observed: TurnObservation | None,
    nation: str,
    exporter: str,
    goods: list[str],
) -> dict[str, Exposure]:
    """The nation's exposure to each of the exporter's goods, from the last turn's trade (or,
    before any trade, from who can make what)."""
    needs = _needs(model, nation, observed)
    essential = essentials(model)
    spare = _spare(model, observed, exporter)
    out = {}
    for good in goods:
        direct = indirect = need = 0.0
        for final, value in needs.items():
            share = essential.get((final, good), 0.0)
            if share <= 0:
                continue
            need += value * share
            straight, through = _shares(model, observed, nation, exporter, final, good)
            direct += value * share * straight
            indirect += value * share * through
        sales_to, tonnes_to = _sales(model, observed, exporter, good, {nation})
        sales_all, tonnes_all = _sales(model, observed, exporter, good, None)
        out[good] = Exposure(
            good=good,
            direct=direct,
            indirect=indirect,
            need=need,
            need_all=sum(needs.values()),
            sales_to=sales_to,
            sales_all=sales_all,
            tonnes_to=tonnes_to,
            tonnes_all=tonnes_all,
            spare=spare.get(good, 0.0),
            stocks=_stocks(model, nation, good),
        )
    return out


def total_sales(model: RareEarthModel, observed: TurnObservation | None, exporter: str) -> float:
    """USD M a year an exporter earns from all the goods it sells abroad."""
    return sum(_sales(model, observed, exporter, good, None)[0] for good in model.commodities)


def _hardness(replaceable: float, at_stake: float) -> float:
    if at_stake <= 1e-9:
        return 0.0
    return 1.0 - min(1.0, replaceable / at_stake)


def _needs(
    model: RareEarthModel, nation: str, observed: TurnObservation | None
) -> dict[str, float]:
    """USD M a year of each final good the nation's buyers want, at normal prices."""
    needs: dict[str, float] = {}
    if observed is not None:
        for buyer in observed.buyers.values():
            if buyer.nation == nation:
                value = buyer.wanted * model.reference_price(buyer.good) / 1000
                needs[buyer.good] = needs.get(buyer.good, 0.0) + value
        return needs
    for live in model.buyers:
        if live.nation == nation:
            value = live.desired * model.turns_per_year * model.reference_price(live.commodity)
            needs[live.commodity] = needs.get(live.commodity, 0.0) + value / 1000
    return needs


def _shares(
    model: RareEarthModel,
    observed: TurnObservation | None,
    nation: str,
    exporter: str,
    final: str,
    good: str,
) -> tuple[float, float]:
    """(straight, through third countries): the exporter's share of the `good` in the
    nation's supply of `final`."""
    if observed is None:  # before any trade: the exporter's share of what can be made
        return model.production_shares(good).get(exporter, 0.0), 0.0
    home = observed.made_in(final, {nation})
    imported = {
        e: t
        for (g, e, i), t in observed.flows.items()
        if g == final and i == nation and e != nation
    }
    total = home + sum(imported.values())
    if total <= 1e-9:
        return 0.0, 0.0
    if good == final:
        return imported.get(exporter, 0.0) / total, 0.0
    acquired = observed.made_in(good, {nation}) + observed.imports(good, nation)
    from_exporter = observed.imports(good, nation, exporter) / acquired if acquired > 0 else 0.0
    content = observed.content.get((good, nation), from_exporter)
    straight = home / total * from_exporter
    through = home / total * max(0.0, content - from_exporter)
    for origin, tonnes in imported.items():
        share = 1.0 if origin == exporter else observed.content.get((good, origin), 0.0)
        through += tonnes / total * share
    return straight, through


def _sales(
    model: RareEarthModel,
    observed: TurnObservation | None,
    exporter: str,
    good: str,
    to: set[str] | None,
) -> tuple[float, float]:
    """(USD M, tonnes) a year the exporter sells of a good (to these nations, or anyone)."""
    if observed is None:
        return 0.0, 0.0
    value = tonnes = 0.0
    for importer, shipped in observed.shipments(good, exporter).items():
        if importer != exporter and (to is None or importer in to):
            tonnes += shipped
            value += observed.values.get((good, exporter, importer), 0.0)
    return value, tonnes


def _spare(
    model: RareEarthModel, observed: TurnObservation | None, exporter: str
) -> dict[str, float]:
    """Tonnes a year of each good that plants and mines outside the exporter could still add."""
    spare: dict[str, float] = {}
    for facility in model.facilities.values():
        if facility.nation == exporter or not facility.operating:
            continue
        full = facility.capacity_per_turn() * model.turns_per_year
        for good in facility.products():  # not every good: this runs for every card's ally
            share = facility.output_per_unit(good)
            if share <= 0:
                continue
            made = observed.made.get((facility.key, good), 0.0) if observed else 0.0
            spare[good] = spare.get(good, 0.0) + max(0.0, full * share - made)
    return spare


def _stocks(model: RareEarthModel, nation: str, good: str) -> float:
    """Tonnes of a good the nation's government and buyers hold."""
    held = model.nations[nation].stock_of(good) if nation in model.nations else 0.0
    buyers = [b for b in model.buyers if b.nation == nation and b.commodity == good]
    return held + sum(b.inventory for b in buyers)
