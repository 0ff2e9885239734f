"""Allies as agents: a partner joins a US venture or a common policy when its own interest
says so, not on request.

It weighs, in shares of its own needs so they can be added:
- **supply**: how much of the goods the venture makes for it (a plant at home, a share of
  the output) it now gets from the adversary, which the venture helps replace;
- **hosting**: a project built in its territory (jobs, investment, paid for by the US);
- **cost**: what a common tariff costs its own buyers;
- **fear**: how much of its needs the adversary could cut with a control aimed at it,
  weighed by whether the adversary has lately punished a nation for joining;
- **ties**: warm relations with the adversary it would strain, the more so if the adversary
  has lately courted it;
- **trust** in the player (from the game's trust measure; by default, relations).
It joins when the sum is positive, and not at all while its relations with the player are
strained past its profile's limit or its trust is below `TRUST_FLOOR`. The verdict names
the terms that decided it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rare_earth_game.game.ai.exposure import exposures
from rare_earth_game.scenario import effects as fx

if TYPE_CHECKING:
    from rare_earth_game.game.ai.supplier import Supplier
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.scenario.game import AIProfile, Investment
    from rare_earth_game.sim.model import RareEarthModel

HOSTING = 0.15
"""Interest in a project built in its territory."""
FEAR_CALM = 0.3
"""Weight of the adversary's reach when it has punished no one lately (1 when it has)."""
PUNISHED_WITHIN_YEARS = 3.0
TIES = 0.3
"""Weight of warm relations with the adversary, per unit of the move's hostility to it."""
COURTED = 2.0
"""How much more those ties weigh when the adversary has lately courted it."""
TRUST = 0.4
"""Weight of trust in the player, around an indifferent 0.5."""
TRUST_FLOOR = 0.3
"""Below this trust a partner joins nothing, whatever it would gain."""
DEFAULT_TENSION_LIMIT = 0.45

TrustMeasure = Callable[["RareEarthModel", str, str], float]
"""(model, player, ally) -> trust 0-1. The scorecard's trust number plugs in here."""


def relations_trust(model: RareEarthModel, player: str, ally: str) -> float:
    """Trust read from relations until the game measures it: one less the tension."""
    return 1.0 - model.tension(player, ally)


@dataclass(frozen=True)
class Verdict:
    """Whether a partner joins, and the reason a student reads."""

    accepts: bool
    reason: str


@dataclass(frozen=True)
class Terms:
    """The weighed terms of a partner's interest in a card."""

    supply: float
    hosting: float
    cost: float
    fear: float
    ties: float
    trust: float

    @property
    def interest(self) -> float:
        return self.supply + self.hosting - self.cost - self.fear - self.ties + self.trust


class Allies:
    """The partners of the player's ventures, deciding on each card they are asked to join."""

    def __init__(
        self,
        profiles: dict[str, AIProfile],
        player: str,
        adversary: str,
        trust: TrustMeasure = relations_trust,
    ) -> None:
        self.profiles = profiles
        self.player = player
        self.adversary = adversary
        self.trust = trust

    def verdict(
        self,
        model: RareEarthModel,
        observed: TurnObservation | None,
        card: Investment,
        supplier: Supplier | None,
        turn: int,
        years: float,
    ) -> Verdict:
        partner = card.partner
        assert partner is not None
        name = model.nations[partner].name
        says = f"{name} {_says(name)}"
        profile = self.profiles.get(partner)
        if profile is not None and profile.kind == "dominant_supplier":
            return Verdict(False, f"{says} no: it will not help build a rival supply chain")
        tension = model.tension(self.player, partner)
        limit = profile.venture_tension_limit if profile is not None else DEFAULT_TENSION_LIMIT
        if tension > limit:
            return Verdict(
                False, f"{says} no: relations with you are strained (tension {tension:.2f})"
            )
        trust = self.trust(model, self.player, partner)
        if trust < TRUST_FLOOR:
            return Verdict(False, f"{says} no: it does not trust you (trust {trust:.2f})")
        terms, punished, goods = self.terms(model, observed, card, supplier, turn, years)
        accepts = terms.interest > 0
        reason = _reason(model, name, self.adversary, terms, punished, goods, accepts)
        return Verdict(accepts, reason)

    def terms(
        self,
        model: RareEarthModel,
        observed: TurnObservation | None,
        card: Investment,
        supplier: Supplier | None,
        turn: int,
        years: float,
    ) -> tuple[Terms, str | None, list[str]]:
        """The partner's weighed interest, the nation the adversary last punished for
        joining (if lately), and the goods the venture gives the partner."""
        partner = card.partner
        assert partner is not None
        goods, hosted, tariffs = _what_it_gets(model, card, partner)
        made = exposures(model, observed, partner, self.adversary, goods) if goods else {}
        supply = max((e.share_all for e in made.values()), default=0.0)
        profile = self.profiles.get(self.adversary)
        controllable = [
            g for g in (profile.controllable if profile else ()) if g in model.commodities
        ]
        reach = exposures(model, observed, partner, self.adversary, controllable)
        exposed = max(
            (e.direct * e.hard_direct / max(e.need_all, 1e-9) for e in reach.values()), default=0.0
        )
        punished = _last_punished(supplier, turn, years)
        fear = exposed * (1.0 if punished else FEAR_CALM)
        hostility = max(0.0, card.provocation)
        courted = supplier is not None and _lately(supplier.courted.get(partner), turn, years)
        warmth = 1 - model.tension(partner, self.adversary)
        ties = TIES * hostility * warmth * (COURTED if courted else 1.0)
        cost = _tariff_cost(model, observed, partner, tariffs)
        trust = TRUST * (self.trust(model, self.player, partner) - 0.5)
        return Terms(supply, HOSTING if hosted else 0.0, cost, fear, ties, trust), punished, goods


def _what_it_gets(
    model: RareEarthModel, card: Investment, partner: str
) -> tuple[list[str], bool, list[fx.SetTariff]]:
    """The goods a card makes in or for the partner, whether it builds there, and the
    tariffs it asks the partner to levy."""
    goods: list[str] = []
    hosted = False
    tariffs = []
    for effect in card.effects:
        if isinstance(effect, fx.AddMiner) and effect.nation == partner:
            goods += list(effect.yields)
            hosted = True
        elif isinstance(effect, fx.AddRefiner) and (
            effect.nation == partner or (effect.offtake and partner in effect.offtake)
        ):
            goods += list(model.recipes[effect.recipe].outputs)
            hosted = hosted or effect.nation == partner
        elif isinstance(effect, fx.SetFacilityStatus | fx.ChangeCapacity | fx.SetOfftake):
            facility = model.facilities.get(effect.facility)
            if facility is None:
                continue
            gets = facility.nation == partner or (
                isinstance(effect, fx.SetOfftake) and effect.nations and partner in effect.nations
            )
            if gets:
                goods += [g for g in model.commodities if facility.sells(g)]
            hosted = hosted or facility.nation == partner
        elif isinstance(effect, fx.SetTariff) and effect.importer == partner:
            tariffs.append(effect)
    return list(dict.fromkeys(goods)), hosted, tariffs


def _tariff_cost(
    model: RareEarthModel,
    observed: TurnObservation | None,
    partner: str,
    tariffs: list[fx.SetTariff],
) -> float:
    """The tariffs' bill to the partner's buyers, as a share of the value of their needs."""
    if not tariffs or observed is None:
        return 0.0
    need = sum(
        b.wanted * model.reference_price(b.good) / 1000
        for b in observed.buyers.values()
        if b.nation == partner
    )
    bill = 0.0
    for tariff in tariffs:
        for (good, exporter, importer), value in observed.values.items():
            if importer != partner:
                continue
            if tariff.commodities is not None and good not in tariff.commodities:
                continue
            if tariff.exporters is not None and exporter not in tariff.exporters:
                continue
            bill += value * tariff.rate
    return bill / need if need > 0 else 0.0


def _last_punished(supplier: Supplier | None, turn: int, years: float) -> str | None:
    """The nation the adversary last punished for joining a venture, if lately."""
    if supplier is None or not supplier.punished:
        return None
    nation, when = max(supplier.punished.items(), key=lambda item: (item[1], item[0]))
    return nation if _lately(when, turn, years) else None


def _lately(when: int | None, turn: int, years: float) -> bool:
    """Whether a turn is within `PUNISHED_WITHIN_YEARS` of this one."""
    return when is not None and (turn - when) * years < PUNISHED_WITHIN_YEARS


def _reason(
    model: RareEarthModel,
    name: str,
    adversary: str,
    terms: Terms,
    punished: str | None,
    goods: list[str],
    accepts: bool,
) -> str:
    """The two terms that weighed most on the side that won."""
    goods_text = " and ".join(model.commodities[g].name for g in goods[:2]) or "its industry"
    rival = model.nations[adversary].name
    pros = {
        "supply": (terms.supply, f"it brings {goods_text} that need not come from {rival}"),
        "hosting": (terms.hosting, "the project brings jobs and investment"),
        "trust": (terms.trust, "trust in you is high"),
    }
    fear = f"{rival} could cut supplies {name} {'depend' if _plural(name) else 'depends'} on"
    if punished is not None:
        fear += f", as it did to {model.nations[punished].name} for joining a venture of yours"
    cons = {
        "fear": (terms.fear, fear),
        "ties": (terms.ties, f"good relations with {rival} are at stake"),
        "cost": (terms.cost, f"the tariff would raise what buyers in {name} pay"),
        "trust": (-terms.trust, "trust in you is low"),
    }
    side = pros if accepts else cons
    ranked = sorted(side.values(), key=lambda v: -v[0])
    reasons = [text for value, text in ranked if value > 1e-6][:2]
    answer = "yes" if accepts else "no"
    return f"{name} {_says(name)} {answer}: " + ("; ".join(reasons) or "little is at stake")


def _plural(name: str) -> bool:
    """Whether a partner's name is a plural noun ("African producers", not "United States")."""
    last = name.split()[-1]
    return last.islower() and last.endswith("s")


def _says(name: str) -> str:
    return "say" if _plural(name) else "says"
