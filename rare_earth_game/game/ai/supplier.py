"""The dominant supplier (China in the built-in scenarios): an opponent with goals.

Each turn it weighs what it could do by four goals, in shares so they can be added:
- **leverage**: the share of the target's needs a control puts at risk, counting only what
  the rest of the world could not replace within a year (`exposure.py`);
- **revenue**: the share of its own export sales the control costs;
- **market**: buyers a control pushes to substitute or to other suppliers are lost for good,
  counted over as many years as it looks ahead (its foresight);
- **calm**: goodwill from the player's talks is answered in kind.
Leverage counts in proportion to its *resolve*: its aggressiveness times the anger the
player's hostile moves left (they fade over years) and how far tension stands above the level
it retaliates at. An option is taken when its utility beats the difficulty's threshold, so
it controls what the player depends on most and is hardest to replace, tightens and at last
bans under sustained provocation, eases when talks or its own losses outweigh the leverage,
punishes third countries that join US ventures, courts those that have not, and squeezes
new producers when too much refining has moved abroad. Every move names the moves or the
measured state of the player's it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from rare_earth_game.game.ai.decision import Answer, Decision, MoveKind
from rare_earth_game.game.ai.exposure import Exposure, exposures, total_sales
from rare_earth_game.game.ai.memory import Memory, PlayerMove
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.game import AIProfile

if TYPE_CHECKING:
    from rare_earth_game.game.observe import TurnObservation
    from rare_earth_game.sim.model import RareEarthModel

RUNGS = (1.0, 0.5, 0.25, 0.0)
"""Share of export requests approved at each rung of a control: none, licences, fewer
licences, a ban."""
DIVERSION = 0.5
"""Share of the sales a control aimed at one nation loses that are sold elsewhere instead."""
HOME_SALE = 0.3
"""Share of the sales a control on all exports loses that are sold at home instead."""
SUBSTITUTION_PER_YEAR = 0.25
"""Share of the sales a control denies that buyers give up for good each year it lasts."""
RECIPROCITY = 0.1
"""Utility of answering one unit of the player's goodwill with an easing."""
CALM = 0.02
"""Utility of an easing once tension is below the level the profile relaxes at."""
CREDIBILITY = 0.05
"""What easing a control it has just moved costs it in credibility; halves every
`CREDIBILITY_HALF_LIFE_YEARS` the control stands."""
CREDIBILITY_HALF_LIFE_YEARS = 2.0
DETERRENCE = 1.0
"""Resolve against a third nation, per unit of hostility of the venture it joined."""
COURT_TENSION = 0.1
"""How much warmer a courted nation's relations with the supplier become."""
COURT_AGAIN_YEARS = 3.0
STILL_DEPENDENT = 0.5
"""Above this share of its supply from the supplier, an easing is put down to calm, not to
the player's independence."""
MIN_CHANGE = 0.05
"""An option must deny or restore at least this share of requests to count."""
JITTER = 0.1
"""Seeded noise on every utility, as a share of the threshold: the same seed, the same
answers; another seed, a slightly different opponent."""
SQUEEZE_ASK = 0.75
SQUEEZE_QUOTA = 1.1
SQUEEZE_YEARS = 2.0


@dataclass(frozen=True)
class Stance:
    """How the difficulty sets the supplier's character."""

    aggressiveness: float
    foresight_years: float
    threshold: float


@dataclass(frozen=True)
class Turn:
    """What the supplier decides with: the world, the last turn's measurements, the player,
    the calendar, the difficulty and the game's seeded generator."""

    model: RareEarthModel
    observed: TurnObservation | None
    player: str
    turn: int
    years: float
    stance: Stance
    rng: np.random.Generator
    projects: tuple[str, ...] = ()
    """Ids of the plants the player's projects built or restarted."""


@dataclass(frozen=True)
class Option:
    """A control the supplier could move one rung, and what it weighs for each goal."""

    kind: MoveKind
    good: str
    target: str | None
    """The nation aimed at, or None for all exports."""
    rung: int
    change: float
    """Share of requests denied by the move (negative: restored)."""
    leverage: float
    """Share of the target's needs put at risk (negative: freed)."""
    revenue: float
    """Share of its export sales lost (negative: regained)."""
    market: float
    """Customers lost for good over its foresight, as a share of its sales."""
    goodwill: float
    """Answering the player's talks in kind (easings only)."""
    calm: float
    """Easing once tension is low (easings only)."""
    credibility: float
    """Backing down from a control it has just moved (easings only)."""
    resolve: float

    @property
    def utility(self) -> float:
        return (
            self.resolve * self.leverage
            - self.revenue
            - self.market
            + self.goodwill
            + self.calm
            - self.credibility
        )


@dataclass
class Supplier:
    """A dominant supplier's memory and the controls and squeezes it has under way."""

    profile: AIProfile
    memory: Memory = field(default_factory=Memory)
    rungs: dict[tuple[str, str | None], int] = field(default_factory=dict)
    """(good, target or None for all exports) -> the rung its own control stands at."""
    moved: dict[tuple[str, str | None], int] = field(default_factory=dict)
    """The turn it last moved each of its controls."""
    squeeze_turns: int = 0
    squeezed: str | None = None
    """The chain whose prices it is cutting, while it squeezes."""
    boosted: dict[str, float] = field(default_factory=dict)
    courted: dict[str, int] = field(default_factory=dict)
    """Nation -> the turn the supplier last courted it."""
    punished: dict[str, int] = field(default_factory=dict)
    """Nation -> the turn the supplier last punished it for joining a US venture."""
    reviewed: int = -1
    """The last turn whose ventures it has answered (it cannot before it has seen trade)."""

    @property
    def nation(self) -> str:
        return self.profile.nation

    def decide(self, now: Turn) -> list[Decision]:
        """This turn's moves, after the player's (already in its memory)."""
        model = now.model
        decisions: list[Decision] = []
        goods = [g for g in self.profile.controllable if g in model.commodities]
        if now.observed is not None and goods:
            sales = max(total_sales(model, now.observed, self.nation), 1e-9)
            measured = exposures(model, now.observed, now.player, self.nation, goods)
            exposure = self._uncontrolled(model, measured, now.player)
            resolve = self.resolve(now)
            options = [
                option
                for good, seen in exposure.items()
                for target in (now.player, None)
                for option in self._options(now, good, target, seen, sales, resolve, easing=True)
            ]
            best = self._best(options, now)
            if best is not None:
                effect, action = self._move(now, best)
                answers, reason = self._reason(now, best, measured[best.good])
                decisions.append(
                    Decision(
                        self.nation,
                        action,
                        reason,
                        (effect,),
                        best.kind,
                        (best.good,),
                        best.target,
                        answers,
                    )
                )
            decisions += self._third_countries(now, goods, sales)
        decisions += self._squeeze(now)
        return decisions

    # --- the player ----------------------------------------------------------------------

    def resolve(self, now: Turn) -> float:
        """How much leverage over the player is worth to it now: its aggressiveness times
        the anger the player's moves left and how far tension stands above its line."""
        tension = now.model.tension(now.player, self.nation)
        line = self.profile.retaliation_tension
        heat = max(0.0, tension - line) / max(1e-9, 1.0 - line)
        return now.stance.aggressiveness * (self.memory.anger(now.turn, now.years) + heat)

    def _options(
        self,
        now: Turn,
        good: str,
        target: str | None,
        seen: Exposure,
        sales: float,
        resolve: float,
        easing: bool,
    ) -> list[Option]:
        """Moving its own control on a good (aimed at `target`, or on all exports) a rung up
        (or, with `easing`, down), with the share of the target's needs each move puts at
        risk or frees and what it weighs against that."""
        model = now.model
        goodwill = RECIPROCITY * self.memory.goodwill(now.turn, now.years)
        calm = CALM if model.tension(now.player, self.nation) < self.profile.relax_tension else 0.0
        rung = self.rungs.get((good, target), 0)
        age = (now.turn - self.moved.get((good, target), -10_000)) * now.years
        credibility = CREDIBILITY * 0.5 ** (age / CREDIBILITY_HALF_LIFE_YEARS)
        own = _control_id(self.nation, target, good)
        scope = _approval(model, self.nation, good, target, own)
        straight = _approval(model, self.nation, good, now.player, own) if target is None else scope
        out = []
        for step in (1, -1) if easing else (1,):
            new = rung + step
            if not 0 <= new < len(RUNGS):
                continue
            change = min(scope, RUNGS[rung]) - min(scope, RUNGS[new])
            if abs(change) < MIN_CHANGE:
                continue
            if target is None:  # reaches the target's straight supply and third countries'
                reach = min(straight, RUNGS[rung]) - min(straight, RUNGS[new])
                leverage = (seen.direct * reach + seen.indirect * change) * seen.hard_all
                revenue = seen.sales_all * change * (1 - HOME_SALE)
            else:
                leverage = seen.direct * change * seen.hard_direct
                revenue = seen.sales_to * change * (1 - DIVERSION)
            revenue /= sales
            out.append(
                Option(
                    _kind(new, step),
                    good,
                    target,
                    new,
                    change,
                    leverage / max(seen.need_all, 1e-9),
                    revenue,
                    revenue * SUBSTITUTION_PER_YEAR * now.stance.foresight_years,
                    goodwill if step < 0 else 0.0,
                    calm if step < 0 else 0.0,
                    credibility if step < 0 else 0.0,
                    resolve,
                )
            )
        return out

    def _uncontrolled(
        self, model: RareEarthModel, measured: dict[str, Exposure], nation: str
    ) -> dict[str, Exposure]:
        """The nation's exposures as they would stand without the supplier's controls."""
        return {
            good: seen.uncontrolled(
                _approval(model, self.nation, good, nation, None),
                _approval(model, self.nation, good, None, None),
            )
            for good, seen in measured.items()
        }

    @staticmethod
    def _best(options: list[Option], now: Turn) -> Option | None:
        """The option of highest utility, if it beats the threshold (seeded noise added)."""
        threshold = now.stance.threshold
        best, score = None, threshold
        for option in options:
            noisy = option.utility + float(now.rng.normal()) * JITTER * threshold
            if noisy > score:
                best, score = option, noisy
        return best

    def _move(self, now: Turn, option: Option) -> tuple[fx.Effect, str]:
        """Move its own control a rung: the effect, and what it did in words."""
        model = now.model
        key = (option.good, option.target)
        self.moved[key] = now.turn
        control_id = _control_id(self.nation, option.target, option.good)
        if option.rung == 0:
            self.rungs.pop(key, None)
            effect: fx.Effect = fx.RemovePolicy(type="remove_policy", id=control_id)
        else:
            self.rungs[key] = option.rung
            effect = _set_control(control_id, self.nation, option)
        return effect, _action_text(model, option)

    def _reason(self, now: Turn, option: Option, seen: Exposure) -> tuple[tuple[Answer, ...], str]:
        """What of the player's the move answers, and the sentence that says so."""
        model = now.model
        state = _dependence(model, self.nation, now.player, option, seen)
        if option.change > 0:
            moves = self.memory.grievances(now.turn, now.years)
            answers = [Answer("move", m.named()) for m in moves]
            if answers:
                said = f"answering {_and([m.named() for m in moves])}"
            else:
                tension = model.tension(now.player, self.nation)
                name = the(model.nations[now.player].name)
                answers = [Answer("state", f"tension with {name} stands at {tension:.2f}")]
                said = f"as {answers[0].text}"
            answers.append(Answer("state", state))
            return tuple(answers), f"{said}; {state}"
        gestures = self.memory.gestures(now.turn, now.years)
        if gestures and option.goodwill >= max(option.calm, -option.revenue):
            answer = Answer("move", gestures[0].named())
            return (answer, Answer("state", state)), f"in return for {answer.text}; {state}"
        cost = f"about {-option.revenue:.0%} of its export sales"
        share = seen.share_all if option.target is None else seen.share_direct
        if share >= STILL_DEPENDENT:  # it is not the player's independence, but calm
            tension = model.tension(now.player, self.nation)
            calm = f"tension with {the(model.nations[now.player].name)} is down to {tension:.2f}"
            text = f"as your old moves fade and {calm}, the control is not worth {cost}"
            return (Answer("state", calm),), text
        text = f"{state}, so the control costs more ({cost}) than it gains in leverage"
        return (Answer("state", state),), text

    # --- third countries --------------------------------------------------------------------

    def _third_countries(self, now: Turn, goods: list[str], sales: float) -> list[Decision]:
        """Punish the latest partner of a hostile US venture; court a nation that has
        stayed out."""
        assert now.observed is not None
        model = now.model
        joined = [  # only ventures it reads as hostile: a mine restart it shrugs off
            m
            for m in self.memory.moves
            if m.partner is not None and m.turn > self.reviewed and m.hostility > 0
        ]
        self.reviewed = now.turn
        if not joined:
            return []
        move = max(joined, key=lambda m: (m.hostility, m.title))
        partner = move.partner
        assert partner is not None
        decisions = []
        measured = exposures(model, now.observed, partner, self.nation, goods)
        exposure = self._uncontrolled(model, measured, partner)
        grudge = self.memory.grudge(now.turn, now.years, partner)
        resolve = now.stance.aggressiveness * DETERRENCE * grudge
        options = [
            option
            for good, seen in exposure.items()
            for option in self._options(now, good, partner, seen, sales, resolve, easing=False)
        ]
        best = self._best(options, now)
        if best is not None:
            effect, action = self._move(now, best)
            self.punished[partner] = now.turn
            who = model.nations[partner].name
            answer = Answer("move", move.named())
            state = _dependence(model, self.nation, partner, best, measured[best.good])
            strain = fx.ChangeTension(
                type="change_tension", nation=partner, other=self.nation, delta=COURT_TENSION
            )
            decisions.append(
                Decision(
                    self.nation,
                    action,
                    f"{who} joined {answer.text}; {state}",
                    (effect, strain),
                    "punish",
                    (best.good,),
                    partner,
                    (answer, Answer("state", state)),
                )
            )
        courted = self._court(now, partner, move)
        if courted is not None:
            decisions.append(courted)
        return decisions

    def _court(self, now: Turn, partner: str, move: PlayerMove) -> Decision | None:
        """Warm relations with the ally closest to it that has not joined a venture lately."""
        model = now.model
        joined = {m.partner for m in self.memory.joined(now.turn, now.years, COURT_AGAIN_YEARS)}
        candidates = [
            n.key
            for n in model.nations.values()
            if n.role == "ally"
            and n.key not in joined
            and (now.turn - self.courted.get(n.key, -10_000)) * now.years >= COURT_AGAIN_YEARS
        ]
        if not candidates:
            return None
        chosen = min(candidates, key=lambda n: (model.tension(n, self.nation), n))
        self.courted[chosen] = now.turn
        who = model.nations[chosen].name
        answer = Answer("move", move.named())
        warmer = fx.ChangeTension(
            type="change_tension", nation=chosen, other=self.nation, delta=-COURT_TENSION
        )
        return Decision(
            self.nation,
            f"courts {who} with warmer relations",
            f"to keep {who} out of ventures like {answer.text}, which "
            f"{model.nations[partner].name} joined",
            (warmer,),
            "court",
            (),
            chosen,
            (answer,),
        )

    # --- new producers ------------------------------------------------------------------------

    def _squeeze(self, now: Turn) -> list[Decision]:
        """Flood the market of a chain when too much of its refining has moved abroad; stop
        after a while, as before Molycorp's 2015 bankruptcy. Only that chain's prices are
        cut: its other goods have no new producers to drive out."""
        model = now.model
        supplier = model.nations[self.nation]
        if self.squeeze_turns > 0 and self.squeezed is not None:
            self.squeeze_turns -= 1
            if self.squeeze_turns > 0:
                return []
            chain = self.squeezed
            self.squeezed = None
            supplier.ask_factors.pop(chain, None)
            state = self._abroad(now, chain)
            return [
                Decision(
                    self.nation,
                    f"ends its price cuts on {_chain_words(chain)} goods",
                    f"its own producers lost money for {SQUEEZE_YEARS:g} years, while {state}",
                    self._quotas(model, chain, boost=1.0),
                    "end_squeeze",
                    _chain_goods(model, chain),
                    answers=(Answer("state", state),),
                )
            ]
        chains = sorted({spec.chain for spec in model.commodities.values()})
        abroad = {c: 1.0 - model.refining_share(self.nation, c) for c in chains}
        entered = [c for c in chains if abroad[c] > self.profile.entrant_share]
        if not entered:
            return []
        chain = max(entered, key=lambda c: (abroad[c], c))
        supplier.ask_factors[chain] = SQUEEZE_ASK
        self.squeezed = chain
        self.squeeze_turns = max(1, round(SQUEEZE_YEARS / now.years))
        state = self._abroad(now, chain)
        return [
            Decision(
                self.nation,
                f"raises output and cuts export prices of {_chain_words(chain)} goods to "
                "squeeze new producers",
                state,
                self._quotas(model, chain, boost=SQUEEZE_QUOTA),
                "squeeze",
                _chain_goods(model, chain),
                answers=(Answer("state", state),),
            )
        ]

    def _abroad(self, now: Turn, chain: str) -> str:
        """How much of a chain's refining has moved abroad, in words."""
        model = now.model
        abroad = 1.0 - model.refining_share(self.nation, chain)
        name = model.nations[self.nation].name
        state = f"{abroad:.0%} of {_chain_words(chain)} refining is now outside {name}"
        backed = [
            model.facilities[key].name
            for key in now.projects
            if key in model.facilities
            and model.commodities[model.facilities[key].main_output].chain == chain
        ]
        if backed:
            state += f", including plants your projects back: {_and(backed[:2])}"
        return state

    def _quotas(self, model: RareEarthModel, chain: str, boost: float) -> tuple[fx.Effect, ...]:
        """Raise its production quotas on a chain's goods by `boost`, or undo a raise (boost
        1.0). A quota a scripted event changed since the raise is left as the event set it."""
        effects = []
        if boost != 1.0:
            self.boosted = {}
        goods = set(_chain_goods(model, chain))
        for quota in model.policies.quotas_for(self.nation):
            if not goods & set(quota.commodities):
                continue
            if boost != 1.0:
                level = quota.tonnes_per_year * boost
                self.boosted[quota.id] = level
            elif self.boosted.get(quota.id) == quota.tonnes_per_year:
                level = quota.tonnes_per_year / SQUEEZE_QUOTA
            else:
                continue
            effects.append(
                fx.SetProductionQuota(
                    type="set_production_quota",
                    id=quota.id,
                    nation=quota.nation,
                    commodities=quota.commodities,
                    tonnes_per_year=level,
                )
            )
        return tuple(effects)


def _control_id(nation: str, target: str | None, good: str) -> str:
    return f"ai-{nation}-{target or 'all'}-{good}"


def _approval(
    model: RareEarthModel, exporter: str, good: str, target: str | None, without: str | None
) -> float:
    """Share of requests approved for the good to `target` (None: to every destination)
    under the exporter's controls, leaving out control `without`."""
    share = 1.0
    for state in model.policies.controls_on(good, exporter):
        control = state.control
        if control.id == without or control.kind == "quota":
            continue
        listed = control.destinations
        if target is None and listed is not None:
            continue
        if target is not None and (
            (listed is not None and target not in listed) or target in control.general_licences
        ):
            continue
        share = min(share, 0.0 if control.kind == "ban" else control.approval_share)
    return share


def _kind(rung: int, step: int) -> MoveKind:
    if step < 0:
        return "lift" if rung == 0 else "ease"
    return {1: "control", 2: "tighten"}.get(rung, "ban")  # type: ignore[return-value]


def _set_control(control_id: str, exporter: str, option: Option) -> fx.SetExportControl:
    destinations = None if option.target is None else (option.target,)
    if RUNGS[option.rung] == 0.0:
        return fx.SetExportControl(
            type="set_export_control",
            id=control_id,
            exporter=exporter,
            commodities=(option.good,),
            kind="ban",
            destinations=destinations,
        )
    return fx.SetExportControl(
        type="set_export_control",
        id=control_id,
        exporter=exporter,
        commodities=(option.good,),
        kind="licence",
        destinations=destinations,
        approval_share=RUNGS[option.rung],
        delay_turns=1,
    )


def _action_text(model: RareEarthModel, option: Option) -> str:
    good = model.commodities[option.good].name
    where = (
        "all its exports of " + good
        if option.target is None
        else f"{good} sold to {model.nations[option.target].name}"
    )
    approval = RUNGS[option.rung]
    match option.kind:
        case "control":
            return f"requires export licences for {where} (approving about {approval:.0%})"
        case "tighten":
            return f"approves fewer licences for {where} (about {approval:.0%} of requests)"
        case "ban":
            return f"bans {where}"
        case "ease":
            return f"approves more licences for {where} (about {approval:.0%} of requests)"
        case _:
            return f"lifts its export controls on {where}"


def _dependence(
    model: RareEarthModel, supplier: str, nation: str, option: Option, seen: Exposure
) -> str:
    """The measured state a control answers: how much of the good the nation gets from the
    supplier, straight (what a control aimed at it reaches) or in all; "now" when the
    control is eased for want of it."""
    who, source = the(model.nations[nation].name), model.nations[supplier].name
    good = model.commodities[option.good].name
    now = " now" if option.change < 0 else ""
    if option.target is None:
        inside = ", most of it inside goods made elsewhere" if seen.indirect > seen.direct else ""
        return f"{who}{now} gets {seen.share_all:.0%} of its {good} from {source}{inside}"
    return f"{who}{now} buys {seen.share_direct:.0%} of its {good} straight from {source}"


def the(name: str) -> str:
    """A nation's name as a sentence needs it: "the United States", "Japan"."""
    plural = name.endswith(("States", "Emirates", "Netherlands", "Philippines", "Kingdom"))
    return f"the {name}" if plural else name


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _chain_goods(model: RareEarthModel, chain: str) -> tuple[str, ...]:
    return tuple(c for c, spec in model.commodities.items() if spec.chain == chain)


def _chain_words(chain: str) -> str:
    """A chain's id as words: "rare_earth" -> "rare earth"."""
    return chain.replace("_", " ")
