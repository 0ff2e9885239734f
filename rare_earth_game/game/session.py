"""`GameSession`: one player's game, the single path for students, strategies and replays.

A game turn runs one or more engine steps (a year's four quarters in the short presets).
In a turn: the player's actions are checked in order against the rules and the treasury
(rejected ones come back with the reason); AI nations react; the engine steps; installments
are paid; finished projects take effect at the start of the next turn; the turn is scored
against the same seed's "no new policy" run and explained in a `TurnReport`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from rare_earth_game.game.actions import (
    Action,
    ActionOption,
    ActionResult,
    FundCard,
    SetTariff,
    StockpileOrder,
    action_to_dict,
)
from rare_earth_game.game.ai import AINations, Decision
from rare_earth_game.game.describe import describe
from rare_earth_game.game.presets import DIFFICULTIES, PRESETS, Difficulty, LengthPreset
from rare_earth_game.game.report import TurnReport, build_report
from rare_earth_game.game.saves import load_save, write_save
from rare_earth_game.game.scoring import Scorecard, objective_deadlines, scorecard
from rare_earth_game.game.treasury import Treasury
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.catalog import load_scenario
from rare_earth_game.scenario.game import Investment
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.model import RareEarthModel
from rare_earth_game.sim.origin import Origin, Source

STOCKPILE_PRICE_CAP = 1.5
"""Stockpile orders buy at up to this multiple of the reference price; that much is reserved."""
TARIFF_PROVOCATION = 1.0
TARIFF_RATES = (0.1, 0.25, 0.5)
"""Tariff levels the tariff lever offers on the adversary's goods."""
"""Provocation per unit of tariff rate on the adversary's goods."""


class GameOverError(RuntimeError):
    """The game has no turns left."""


class GameSetupError(ValueError):
    """A game cannot start with these settings (unknown preset, player, ...)."""


@dataclass
class Project:
    """A funded card: in progress until its installments are paid, then complete."""

    card: Investment
    started: int
    turns: int
    completed: int | None = None

    @property
    def status(self) -> str:
        return "complete" if self.completed is not None else "in_progress"


def _choice(value: str, options: dict[str, Any], what: str) -> Any:
    if value in options:
        return options[value]
    close = difflib.get_close_matches(value, list(options), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise GameSetupError(f"unknown {what} '{value}'{hint} (choose from {', '.join(options)})")


class GameSession:
    """A game of the US strategist (or any scenario nation) against the AI."""

    def __init__(
        self,
        scenario: Scenario | str,
        seed: int = 0,
        player: str | None = None,
        preset: str = "class_period",
        difficulty: str = "normal",
        team: str = "",
        scenario_ref: str | None = None,
        scoring: bool = True,
    ) -> None:
        """`scenario` is a loaded scenario, or a built-in name or file path to load.

        `scenario_ref` says where a loaded scenario came from, so saves can find it again.
        With `scoring` off, turn reports carry no scorecard, so the baseline game is only
        played if `scorecard()` is asked for (research runs that compare strategies
        themselves save half their time).
        """
        if isinstance(scenario, str):
            scenario_ref = scenario_ref or scenario
            scenario = load_scenario(scenario)
        self.scenario = scenario
        self.scenario_ref = scenario_ref
        self.seed = seed
        self.player = player or scenario.game.player
        if self.player not in {n.id for n in scenario.nations}:
            _choice(self.player, {n.id: n for n in scenario.nations}, "player nation")
        self.preset: LengthPreset = _choice(preset, PRESETS, "length preset")
        self.difficulty: Difficulty = _choice(difficulty, DIFFICULTIES, "difficulty")
        self.team = team
        months = scenario.time.months_per_turn
        self.turns, self.steps = self.preset.plan(scenario.time.turns, months)
        self.years_per_turn = self.steps * months / 12
        self.model = RareEarthModel(scenario, seed=seed)
        self.ai = AINations(scenario.ai, self.player, self.difficulty.aggressiveness, seed)
        self.treasury = Treasury(self._allowance())
        self.cards = {card.id: card for card in scenario.investments}
        self.projects: dict[str, Project] = {}
        self.turn = 0
        self.log: list[list[dict[str, Any]]] = []
        self.checksums: list[str] = []
        self.reports: list[TurnReport] = []
        self.game_rows: list[dict[str, Any]] = []
        self.decisions: list[list[Decision]] = []
        self._shadow: GameSession | None = None
        self._shadow_lock = threading.Lock()
        self.scoring = scoring
        self._described: dict[str, tuple[str, ...]] = {}

    # --- calendar --------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.turn >= self.turns

    def label(self, turn: int) -> str:
        """How a game turn is named: "2027" for yearly turns, "2027-Q3" for quarterly."""
        start = turn * self.steps
        label = self.model.calendar.label(start)
        return (
            label.split("-")[0] if self.steps * self.scenario.time.months_per_turn == 12 else label
        )

    @property
    def labels(self) -> list[str]:
        return [self.label(t) for t in range(self.turns)]

    @property
    def date(self) -> str:
        return self.label(min(self.turn, self.turns - 1))

    # --- money ------------------------------------------------------------------------------

    def _allowance(self) -> float:
        nation = self.model.nations[self.player]
        yearly = self.scenario.game.budget_per_year + nation.budget_change_per_year
        return max(0.0, yearly) * self.years_per_turn * self.difficulty.budget

    def _card_turns(self, card: Investment) -> int:
        return 0 if card.years <= 0 else max(1, math.ceil(card.years / self.years_per_turn - 1e-9))

    # --- what can be done -------------------------------------------------------------------

    def available_actions(self) -> list[ActionOption]:
        """Every investment card (with why not, when it cannot be funded) and the levers."""
        options = [self._card_option(card) for card in self.scenario.investments]
        options += self._lever_options()
        return options

    def _card_option(self, card: Investment) -> ActionOption:
        turns = self._card_turns(card)
        per_turn = card.cost / turns if turns else card.cost
        reason = self._why_not(card)
        project = self.projects.get(card.id)
        status = project.status if project else "new"
        if status == "complete" and card.repeatable:
            status = "new"
        return ActionOption(
            key=f"card:{card.id}",
            action=FundCard(card.id),
            pillar=card.pillar,
            title=card.title,
            summary=card.summary,
            cost=card.cost,
            per_turn=per_turn,
            turns=turns,
            effects=self._effect_texts(card),
            trade_offs=card.trade_offs,
            partner=card.partner,
            provocation=card.provocation,
            available=reason is None,
            reason=reason,
            status=status,  # type: ignore[arg-type]
        )

    def _effect_texts(self, card: Investment) -> tuple[str, ...]:
        """What a card does, in words (fixed for a game, so worded once)."""
        texts = self._described.get(card.id)
        if texts is None:
            texts = self._described[card.id] = tuple(
                describe(e, self.scenario) for e in card.effects
            )
        return texts

    def _why_not(self, card: Investment) -> str | None:
        if self.finished:
            return "the game is over"
        project = self.projects.get(card.id)
        if project is not None and project.status == "in_progress":
            return "already in progress"
        if project is not None and not card.repeatable:
            return "already done"
        missing = [p for p in card.prerequisites if self._status(p) != "complete"]
        if missing:
            names = ", ".join(self.cards[p].title if p in self.cards else p for p in missing)
            return f"first complete: {names}"
        if card.partner is not None:
            agrees, why = self.ai.ally_accepts(self.model, card.partner)
            if not agrees:
                return why
        turns = self._card_turns(card)
        if turns == 0:
            return self.treasury.can_commit(0.0, card.cost)
        return self.treasury.can_commit(card.cost / turns, card.cost / turns)

    def _status(self, card_id: str) -> str:
        project = self.projects.get(card_id)
        return project.status if project else "new"

    def _lever_options(self) -> list[ActionOption]:
        adversary = self.scenario.game.adversary
        name = self.model.nations[adversary].name if adversary in self.model.nations else adversary
        bought = {b.commodity for b in self.scenario.buyers}
        stock_goods = [
            c.id
            for c in self.scenario.commodities
            if c.stage in ("processing", "metal", "manufacturing") and c.id in bought
        ]
        over = "the game is over" if self.finished else None
        options = [
            _lever(
                f"lever:tariff:{round(rate * 100)}",
                SetTariff(partner=adversary, rate=rate),
                "trade",
                f"Tariff of {rate:.0%} on {name}",
                f"Tax every import from {name} at {rate:.0%}; replaces your last tariff.",
                "Raises prices of those imports at home; protects domestic producers.",
                "Raises tension with the partner; consumers pay more.",
                reason=over,
                provocation=TARIFF_PROVOCATION * rate,
            )
            for rate in TARIFF_RATES
        ]
        if self.model.policies.get(_tariff_id(adversary, None)) is not None:
            options.append(
                _lever(
                    "lever:tariff:lift",
                    SetTariff(partner=adversary, rate=0.0),
                    "trade",
                    f"Lift your tariff on {name}",
                    f"Remove the tariff you set on imports from {name}.",
                    "Imports get cheaper again; home producers lose their shelter.",
                    "Eases tension a little.",
                    reason=over,
                )
            )
        for commodity in stock_goods:
            spec = self.model.commodities[commodity]
            tonnes = self._standard_stockpile_order(commodity)
            cost = tonnes * spec.reference_price * STOCKPILE_PRICE_CAP / 1000
            options.append(
                _lever(
                    f"lever:stockpile:{commodity}",
                    StockpileOrder(commodity, tonnes),
                    "stockpile_recycling",
                    f"Stockpile {spec.name}",
                    f"Buy {tonnes:,.0f} t of {spec.name} at market prices for the "
                    "national stockpile.",
                    f"Adds up to {tonnes:,.0f} t to the stockpile, released when supply is short.",
                    "Buying raises prices for everyone while it lasts.",
                    reason=over or self.treasury.shortfall(cost, "needs up to USD {}M"),
                    cost=cost,
                )
            )
        return options

    def _standard_stockpile_order(self, commodity: str) -> float:
        """A quarter of a year's home demand, rounded: a sensible default order size."""
        yearly = sum(
            b.base_demand
            for b in self.model.buyers
            if b.commodity == commodity and b.nation == self.player
        )
        yearly = (
            yearly or sum(b.base_demand for b in self.model.buyers if b.commodity == commodity) / 20
        )
        magnitude = 10 ** max(0, math.floor(math.log10(max(1.0, yearly / 4))))
        return max(magnitude, round(yearly / 4 / magnitude) * magnitude)

    # --- playing a turn ---------------------------------------------------------------------

    def submit(self, actions: list[Action] | tuple[Action, ...] = ()) -> TurnReport:
        """Play one game turn with these actions; returns what happened and why."""
        if self.finished:
            raise GameOverError(f"the game ended in {self.label(self.turns - 1)}")
        self.treasury.allowance = self._allowance()
        results, provocation = self._apply(list(actions))
        decisions = self.ai.react(self.model, provocation, self.years_per_turn)
        first_step = self.model.turn
        purchases = 0.0
        for _ in range(self.steps):
            self.model.step()
            purchases += self.model.nations[self.player].ordered_purchases
        finished = self.treasury.close_turn(purchases)
        for card_id in finished:
            self._complete(card_id)
        self.game_rows.append(self._game_row(first_step))
        self.decisions.append(decisions)
        report = build_report(self, results, decisions, first_step, finished)
        self.turn += 1
        if self.scoring and self.scenario.objectives:
            report.scorecard = self.scorecard()
        self.turn -= 1
        self.reports.append(report)
        self.log.append([action_to_dict(a) for a in actions])
        self.checksums.append(self._checksum(first_step))
        self.turn += 1
        return report

    def _apply(self, actions: list[Action]) -> tuple[list[ActionResult], float]:
        results: list[ActionResult] = []
        provocation = 0.0
        for action in actions:
            if isinstance(action, FundCard):
                result, provoked = self._fund(action)
            elif isinstance(action, SetTariff):
                result, provoked = self._tariff(action)
            elif isinstance(action, StockpileOrder):
                result, provoked = self._stockpile(action)
            else:  # pragma: no cover - the type union is closed
                result, provoked = ActionResult(action, False, "unknown action"), 0.0
            results.append(result)
            provocation += provoked if result.accepted else 0.0
        return results, provocation

    def _fund(self, action: FundCard) -> tuple[ActionResult, float]:
        card = self.cards.get(action.card)
        if card is None:
            close = difflib.get_close_matches(action.card, list(self.cards), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return ActionResult(action, False, f"no investment card '{action.card}'{hint}"), 0.0
        reason = self._why_not(card)
        if reason is not None:
            return ActionResult(action, False, f"{card.title}: {reason}"), 0.0
        turns = self._card_turns(card)
        self.projects[card.id] = Project(card, self.turn, turns)
        if turns == 0:
            self.treasury.spend(card.cost)
            self.model.apply_effects(card.effects, Source(Origin.PLAYER, card.id))
            self.projects[card.id].completed = self.turn
            message = f"{card.title}: done (USD {card.cost:,.0f}M)"
        else:
            self.treasury.commit(card.id, card.cost / turns, turns)
            if card.effects_at == "start":
                self.model.apply_effects(card.effects, Source(Origin.PLAYER, card.id))
            message = (
                f"{card.title}: funded, USD {card.cost / turns:,.0f}M a turn for {turns} "
                f"turn{'s' if turns > 1 else ''}"
            )
        return ActionResult(action, True, message), card.provocation

    def _complete(self, card_id: str) -> None:
        project = self.projects[card_id]
        project.completed = self.turn
        if project.card.effects_at == "completion":
            self.model.queue_effects(project.card.effects, Source(Origin.PLAYER, card_id))

    def _tariff(self, action: SetTariff) -> tuple[ActionResult, float]:
        nations = self.model.nations
        if action.partner not in nations or action.partner == self.player:
            return ActionResult(action, False, f"no trading partner '{action.partner}'"), 0.0
        if action.commodity is not None and action.commodity not in self.model.commodities:
            return ActionResult(action, False, f"no good '{action.commodity}'"), 0.0
        if not 0.0 <= action.rate <= 2.0:
            return ActionResult(action, False, "tariff rates run from 0 to 200 %"), 0.0
        policy_id = _tariff_id(action.partner, action.commodity)
        existing = self.model.policies.tariffs.get(policy_id)
        previous = existing.rate if existing else 0.0
        goods = self.model.commodities[action.commodity].name if action.commodity else "all goods"
        partner = nations[action.partner].name
        if action.rate == 0:
            self.model.apply_effects(
                [fx.RemovePolicy(type="remove_policy", id=policy_id)],
                Source(Origin.PLAYER, "lever"),
            )
            message = f"Tariff on {goods} from {partner} lifted"
        else:
            effect = fx.SetTariff(
                type="set_tariff",
                id=policy_id,
                importer=self.player,
                exporters=(action.partner,),
                commodities=(action.commodity,) if action.commodity else None,
                rate=action.rate,
            )
            self.model.apply_effects([effect], Source(Origin.PLAYER, "lever"))
            message = f"Tariff of {action.rate:.0%} on {goods} from {partner}"
        change = action.rate - previous
        if action.partner == self.scenario.game.adversary:
            return ActionResult(action, True, message), TARIFF_PROVOCATION * change
        if change > 0:  # taxing a friend strains the friendship
            self.model.set_tension(
                self.player,
                action.partner,
                self.model.tension(self.player, action.partner) + 0.25 * change,
            )
        return ActionResult(action, True, message), 0.0

    def _stockpile(self, action: StockpileOrder) -> tuple[ActionResult, float]:
        spec = self.model.commodities.get(action.commodity)
        if spec is None:
            return ActionResult(action, False, f"no good '{action.commodity}'"), 0.0
        nation = self.model.nations[self.player]
        if action.tonnes > 0:
            cost = action.tonnes * spec.reference_price * STOCKPILE_PRICE_CAP / 1000
            reason = self.treasury.reserve(cost)
            if reason is not None:
                return ActionResult(action, False, f"Stockpile {spec.name}: {reason}"), 0.0
            self.model.apply_effects(
                [
                    fx.StockpileBuy(
                        type="stockpile_buy",
                        nation=self.player,
                        commodity=action.commodity,
                        tonnes=action.tonnes,
                        max_price_multiple=STOCKPILE_PRICE_CAP,
                    )
                ],
                Source(Origin.PLAYER, "lever"),
            )
            return ActionResult(
                action, True, f"Order for {action.tonnes:,.0f} t of {spec.name} placed"
            ), 0.0
        held = nation.stock_of(action.commodity)
        if -action.tonnes > held + 1e-9:
            return ActionResult(
                action, False, f"only {held:,.0f} t of {spec.name} in the stockpile"
            ), 0.0
        self.model.apply_effects(
            [
                fx.StockpileRelease(
                    type="stockpile_release",
                    nation=self.player,
                    commodity=action.commodity,
                    tonnes=-action.tonnes,
                )
            ],
            Source(Origin.PLAYER, "lever"),
        )
        return ActionResult(action, True, f"{-action.tonnes:,.0f} t of {spec.name} released"), 0.0

    # --- saves ------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write this game as a replay (gzip JSON, written atomically); returns the path."""
        return write_save(self, path)

    @classmethod
    def load(cls, path: str | Path, scenario: Scenario | None = None) -> GameSession:
        """Replay a save; raises `SaveError` for a changed scenario, newer format or damage."""
        return load_save(path, scenario)

    # --- records ---------------------------------------------------------------------------

    def _game_row(self, first_step: int) -> dict[str, Any]:
        rows = self.model.recorder.model_rows[first_step:]
        return game_row(self, rows)

    def _checksum(self, first_step: int) -> str:
        payload = {
            "rows": self.model.recorder.model_rows[first_step:],
            "savings": self.treasury.savings,
            "projects": sorted((k, p.status) for k, p in self.projects.items()),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()

    def history(self) -> pd.DataFrame:
        """One row per game turn played: averages of the engine's figures plus game figures."""
        return pd.DataFrame(self.game_rows)

    def engine_history(self) -> pd.DataFrame:
        """One row per engine step (quarter) played."""
        return self.model.recorder.model_table()

    def baseline(self) -> pd.DataFrame:
        """The same seed's "no new policy" game, played to the end: no player actions, the
        AI as usual."""
        return self._baseline_until(self.turns - 1)

    def prepare_next_turn(self) -> None:
        """Play the no-new-policy game's next turn ahead of time, e.g. on a worker thread
        while the player reads the report, so that `submit()` only plays the player's.

        Safe beside the main thread: it touches only the baseline game, under a lock that
        `submit()` waits on."""
        if self.scoring and self.scenario.objectives and not self.finished:
            self._baseline_until(self.turn)

    def _baseline_until(self, turn: int) -> pd.DataFrame:
        """The baseline game's turns up to `turn`, played in step with the player's game so
        that no turn pays for the whole baseline at once."""
        with self._shadow_lock:
            return self._advance_shadow(turn)

    def _advance_shadow(self, turn: int) -> pd.DataFrame:
        if self._shadow is None:
            self._shadow = GameSession(
                self.scenario,
                self.seed,
                self.player,
                self.preset.name,
                self.difficulty.name,
                scoring=False,
            )
        shadow = self._shadow
        while shadow.turn <= min(turn, self.turns - 1):
            shadow.submit(())
            if shadow.finished:
                shadow.model.release()  # its history is all that is needed now
        return shadow.history()

    def scorecard(self) -> Scorecard:
        """Objectives at the latest turn played (or their deadlines), beside the baseline."""
        played = self.history()
        turn = max(0, len(played) - 1)
        deadlines = objective_deadlines(self.scenario, self.preset.name)
        baseline = self._baseline_until(turn)
        return scorecard(self.scenario.objectives, played, baseline, turn, deadlines, self.labels)


def _tariff_id(partner: str, commodity: str | None) -> str:
    """The id of the tariff the player has set on a partner (on one good, or on all)."""
    return f"player-tariff-{partner}-{commodity or 'all'}"


def _lever(
    key: str,
    action: Action,
    pillar: str,
    title: str,
    summary: str,
    effect: str,
    trade_off: str,
    *,
    reason: str | None,
    cost: float = 0.0,
    provocation: float = 0.0,
) -> ActionOption:
    """An option that is not a card: done this turn, paid at once (if at all)."""
    return ActionOption(
        key=key,
        action=action,
        pillar=pillar,
        title=title,
        summary=summary,
        cost=cost,
        per_turn=cost,
        turns=0,
        effects=(effect,),
        trade_offs=(trade_off,),
        partner=None,
        provocation=provocation,
        available=reason is None,
        reason=reason,
    )


def game_row(session: GameSession, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A game turn's figures: the mean of its engine rows, plus the game's own accounts."""
    numeric = _mean_of_numbers(rows)
    numeric.pop("turn", None)
    numeric.pop("year", None)
    model = session.model
    allies = [n for n in model.nations.values() if n.role == "ally"]
    strength = (
        1 - sum(model.tension(session.player, n.key) for n in allies) / len(allies)
        if allies
        else float("nan")
    )
    return {
        "turn": session.turn,
        "date": session.label(session.turn),
        **numeric,
        "game.spending_musd": session.treasury.spent_total,
        "game.savings_musd": session.treasury.savings,
        "game.locked_musd": session.treasury.locked,
        "game.alliance_strength": strength,
    }


def _mean_of_numbers(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Per numeric column, the mean of the values that are not NaN (NaN if none are)."""
    means: dict[str, float] = {}
    for key in dict.fromkeys(k for row in rows for k in row):
        values = [row.get(key) for row in rows]
        numbers = [
            float(v)
            for v in values
            if isinstance(v, int | float) and not isinstance(v, bool) and not math.isnan(v)
        ]
        if numbers:
            means[key] = sum(numbers) / len(numbers)
        elif any(isinstance(v, float) for v in values):
            means[key] = math.nan
    return means
