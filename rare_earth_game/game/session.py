"""`GameSession`: one player's game, the single path for students, strategies and replays.

A game turn runs one or more engine steps (a year's four quarters in the short presets).
In a turn: the player's orders are carried out in order, each checked against the rules
and the treasury (refused ones come back with the reason); AI nations react and a trade war
starts or ends with tension (both before the turn's trade, or in a game's first turn once its
first quarter has traded); the engine steps; installments and running costs are paid;
effects due when a card is paid for take hold at the next step; allied trust and public
support move; the turn is recorded, scored against the same seed's "no new policy" game
and explained in a `TurnReport`. A game can be lost before its last turn (`endings.py`):
it is then over, and `ending` says why.

The session only sequences a turn and keeps its records; the menu is the `Catalogue`, the
orders are carried out by `Orders`, the money is the `Treasury`, the comparison game is
the `BaselineGame`, the scorecard is the `Judge`'s, trust is `AlliedTrust`, support is
`PublicSupport` and the trade war is the `CrisisWatch`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from rare_earth_game.errors import ApiMisuseError, UserError
from rare_earth_game.game.actions import Action, ActionOption, FundCard, action_to_dict
from rare_earth_game.game.ai import AINations, Decision
from rare_earth_game.game.announce import announce as announce_event
from rare_earth_game.game.announce import check_announcements
from rare_earth_game.game.baseline import BaselineGame, shared_baseline
from rare_earth_game.game.catalogue import Catalogue
from rare_earth_game.game.clock import Clock
from rare_earth_game.game.crisis import CrisisWatch
from rare_earth_game.game.endings import CONFLICT_TENSION, Ending, ending
from rare_earth_game.game.lenses import lens_problem
from rare_earth_game.game.measures import PlayerMeasures
from rare_earth_game.game.observe import Observer, TurnObservation
from rare_earth_game.game.orders import Orders, player_tariff_rate
from rare_earth_game.game.presets import (
    DIFFICULTIES,
    PRESETS,
    Difficulty,
    LengthPreset,
    with_difficulty,
)
from rare_earth_game.game.projects import Project
from rare_earth_game.game.records import TurnDigest, game_row, turn_digest
from rare_earth_game.game.report import Sentence, TurnReport, build_report
from rare_earth_game.game.saves import load_save, write_save
from rare_earth_game.game.scoring import Judge, Scorecard
from rare_earth_game.game.support import PublicSupport
from rare_earth_game.game.treasury import Treasury
from rare_earth_game.game.trust import AlliedTrust
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario.catalog import load_scenario
from rare_earth_game.scenario.game import Investment
from rare_earth_game.scenario.model import Scenario
from rare_earth_game.sim.model import RareEarthModel
from rare_earth_game.sim.origin import Origin, Source
from rare_earth_game.sim.recorder import GrowingTable


class GameOverError(ApiMisuseError, RuntimeError):
    """The game has no turns left."""


class GameSetupError(UserError, ValueError):
    """A game cannot start with these settings (unknown preset, player, ...)."""


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
        lens: str | None = None,
        can_lose: bool = True,
        comparison: BaselineGame | None = None,
        explain: bool = True,
    ) -> None:
        """`scenario` is a loaded scenario, or a built-in name or file path to load.

        `scenario_ref` says where a loaded scenario came from, so saves can find it again.
        With `scoring` off, turn reports carry no scorecard, so the baseline game is only
        played if `scorecard()` is asked for (research runs that compare strategies
        themselves save half their time). `lens` weighs the scorecard (the scenario's
        `game.lens` by default). With `can_lose` off the game always runs to its end (the
        no-new-policy comparison game does). `comparison` is that game from an earlier
        session of the same scenario, seed, preset, difficulty and lens, which does not
        depend on the player's moves: environments that replay a seed share it. With
        `explain` off, turn reports say what happened but not why the numbers moved: that
        is most of a report's cost, and nobody reads the reports of a research run or of
        the no-new-policy game.
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
        self.lens = lens or scenario.game.lens
        if (problem := lens_problem(self.lens, scenario)) is not None:
            raise GameSetupError(problem)
        self.team = team
        self.scoring = scoring
        self.can_lose = can_lose
        self.explain = explain
        self.clock = Clock.of(scenario, self.preset)
        self.judge = Judge(scenario, self.preset.name, self.lens, self.player, self.difficulty.name)
        adversary = scenario.game.adversary
        self.model = RareEarthModel(
            with_difficulty(scenario, self.player, self.difficulty), seed=seed
        )
        PlayerMeasures(self.player, adversary).attach(self.model)
        partners = {c.partner for c in scenario.investments if c.partner is not None}
        self.trust = AlliedTrust.of(self.model, self.player, partners)
        self.support = PublicSupport()
        self.crisis = CrisisWatch(
            scenario.game.crisis,
            self.player,
            adversary,
            self.difficulty.crisis,
            self.difficulty.grudge,
        )
        self.ending: Ending | None = None
        self._war_turns = 0  # turns of trade war that ended at the brink of conflict
        self._paused: dict[str, fx.SetStockpileRule] = {}  # stockpile rules a crisis paused
        self.ai = AINations(
            scenario.ai,
            self.player,
            adversary,
            self.difficulty,
            seed,
            self.clock.years_per_turn,
        )
        self.observer = Observer(self.model)
        self.observations: list[TurnObservation] = []
        """Each turn's measurements (flows, output, demand), which the AI decides on and
        the turn report explains with."""
        carry = scenario.game.carry_over**self.clock.years_per_turn
        self.treasury = Treasury(self._allowance(), carry_over=carry)
        self.projects: dict[str, Project] = {}
        self.catalogue = Catalogue(
            scenario, self.model, self.treasury, self.projects, self.ai, self.clock, self.player
        )
        self.orders = Orders(
            self.model,
            self.treasury,
            self.projects,
            self.catalogue,
            self.clock,
            self.player,
            scenario.game.adversary,
        )
        self.log: list[list[dict[str, Any]]] = []
        self.announced: list[list[str]] = []
        """Each turn's scripted events a teacher brought forward (`announce.py`)."""
        self._digests: list[TurnDigest] = []
        self._checksums: list[str] = []
        self.reports: list[TurnReport] = []
        self.game_rows: list[dict[str, Any]] = []
        self._growing = GrowingTable(self.game_rows)
        self._history: pd.DataFrame | None = None
        """`history()` as last built: building a frame of ~900 columns from rows costs
        tens of ms, and a turn asks for it several times (report, scorecard, AI)."""
        self.decisions: list[list[Decision]] = []
        self._shared: BaselineGame | None = comparison
        self._private_baseline = False
        """Whether the comparison game is this session's own (after a teacher's announcement)."""

    # --- the calendar, as the session's users have always read it ----------------------------

    @property
    def turn(self) -> int:
        """Game turns played so far (the index of the turn being decided)."""
        return self.clock.turn

    @property
    def turns(self) -> int:
        return self.clock.turns

    @property
    def steps(self) -> int:
        """Engine steps per game turn."""
        return self.clock.steps

    @property
    def years_per_turn(self) -> float:
        return self.clock.years_per_turn

    @property
    def finished(self) -> bool:
        """No turns left: the last one is played, or the game was lost (see `ending`)."""
        return self.clock.finished

    def label(self, turn: int) -> str:
        return self.clock.label(turn)

    @property
    def labels(self) -> list[str]:
        return self.clock.labels

    @property
    def checksums(self) -> list[str]:
        """Each turn's checksum, which a save records and its replay must reproduce; hashed
        when first asked for."""
        for digest in self._digests[len(self._checksums) :]:
            self._checksums.append(digest.checksum())
        return list(self._checksums)

    @property
    def date(self) -> str:
        return self.clock.date

    @property
    def cards(self) -> dict[str, Investment]:
        return self.catalogue.cards

    # --- playing ------------------------------------------------------------------------------

    def available_actions(self) -> list[ActionOption]:
        """Every investment card (with why not, when it cannot be funded) and the levers."""
        return self.catalogue.options()

    def submit(
        self, actions: list[Action] | tuple[Action, ...] = (), announce: tuple[str, ...] = ()
    ) -> TurnReport:
        """Play one game turn with these actions; returns what happened and why.

        `announce` names scripted events a teacher brings forward to the start of this turn
        (in this game and in the no-new-policy one); raises `AnnounceError` for one that is
        not still to come."""
        if self.finished:
            raise GameOverError(f"the game ended in {self.label(self.turns - 1)}")
        check_announcements(self.model, announce)
        for event_id in announce:
            announce_event(self.model, event_id)
        if announce and not self._private_baseline:
            # the comparison game others share must not hear this class's announcement
            self._shared = BaselineGame(self._baseline_start())
            self._private_baseline = True
        self._baseline.announce(self.turn, announce)
        results, moves = self.orders.apply(list(actions))
        before = {k: p.state(self.model) for k, p in self.projects.items()}
        first_step = self.model.turn
        purchases = 0.0
        # The AI answers before the turn's trade, on what it saw last turn; in the first
        # turn, having seen no trade yet, it answers once the first quarter has traded.
        # Its answer moves tension with the player's moves, so the trade war that tension
        # sets off starts, goes on or ends right after it, in the same turn.
        answer_at = 1 if self.ai.observed is None and self.steps > 1 else 0
        decisions: list[Decision] = []
        news: list[str] = []
        for step in range(self.steps):
            if step == answer_at:
                if self.ai.observed is None and step > 0:
                    self.ai.observed = self.observer.so_far()
                decisions = self.ai.react(self.model, moves, self.turn, self._project_plants())
                news += self.crisis.check(self.model, self.turn, self.years_per_turn)
                news += self._release_in_crisis()
            self.model.step()
            self.observer.after_step()
            purchases += self.model.nations[self.player].ordered_purchases
        self.observations.append(self.observer.close())
        self.ai.observed = self.observations[-1]
        operating = [k for k, p in self.projects.items() if p.state(self.model) == "operating"]
        account = self.treasury.close_turn(purchases, operating)
        for card_id in account.paid_off:
            self.orders.paid_off(card_id)
        funded = [
            a.card
            for a, r in zip(actions, results, strict=True)
            if isinstance(a, FundCard) and r.accepted
        ]
        news += self._move_standing(funded, account.paid)
        # Next turn's budget is set now, so what the player plans against between turns is
        # what the turn will have. Money already obligated is paid even when support or an
        # appropriation cuts the budget: the cut falls on new spending, never on projects
        # half-paid.
        self.treasury.allowance = max(self._allowance(), self.treasury.committed)
        rows = self.model.recorder.model_rows[first_step:]
        self.game_rows.append(
            game_row(self.turn + 1, self.date, rows, self.treasury, self.standing())
        )
        self._check_ending()
        self._history = None  # a row was added (and may have been marked lost)
        self.decisions.append(decisions)
        compared = self.scoring and bool(self.scenario.objectives)
        baseline = self._baseline.until(self.turn).iloc[self.turn].to_dict() if compared else None
        report = build_report(self, results, decisions, first_step, account, before, baseline)
        report.alerts += [Sentence("event", text, "bad") for text in news]
        if self.ending is not None:
            report.alerts.append(Sentence("event", f"Game over. {self.ending.reason}.", "bad"))
        if compared:
            report.scorecard = self._scorecard_at(self.turn)
        self.reports.append(report)
        self.log.append([action_to_dict(a) for a in actions])
        self.announced.append(list(announce))
        self._digests.append(turn_digest(rows, self.treasury, self.projects, self.model))
        self.clock.turn += 1
        if self.ending is not None:
            self.clock.stopped = True
        return report

    def _project_plants(self) -> tuple[str, ...]:
        """Ids of the operating plants the player's projects built, expanded or back."""
        plants = []
        for project in self.projects.values():
            facility = self.model.facilities.get(project.facility or "")
            if facility is not None and facility.operating and facility.kind != "mine":
                plants.append(facility.key)
        return tuple(plants)

    def _allowance(self) -> float:
        """This turn's budget: the scenario's and any appropriation events', times the
        difficulty's and what public support lets Congress grant."""
        nation = self.model.nations[self.player]
        yearly = self.scenario.game.budget_per_year + nation.budget_change_per_year
        factor = self.difficulty.budget * self.support.budget_factor
        return max(0.0, yearly) * self.years_per_turn * factor

    # --- how the player stands: trust, support, the end ----------------------------------

    def _move_standing(self, funded: list[str], paid: float) -> list[str]:
        """Allied trust and public support after the turn; what to tell the player."""
        years = self.years_per_turn
        rows = self.model.recorder.model_rows[-self.steps :]
        news = self.trust.move(
            self.model,
            self.projects,
            funded,
            self.crisis.active,
            player_tariff_rate(
                self.model,
                self.player,
                self.scenario.game.adversary,
                [p.card for p in self.projects.values() if p.in_force],
            ),
            years,
        )
        for card_id in self.trust.leaving(self.model, self.projects):
            news.append(self.partner_leaves(card_id, "its trust in you has fallen too low"))
        price = _mean(rows, "player.price_index")
        jobs = _mean(rows, "player.jobs")
        spent = paid / self.treasury.allowance if self.treasury.allowance > 0 else 0.0
        was_cut = self.support.budget_factor < 1.0
        self.support.move(price, jobs, spent, self.crisis.active, years)
        if self.support.budget_factor < 1.0 and not was_cut:
            news.append(
                f"Public support is down to {self.support.level:.0%}: Congress cuts next "
                f"year's budget to {self.support.budget_factor:.0%}"
            )
        return news

    def _release_in_crisis(self) -> list[str]:
        """While a trade war lasts, the national stockpile is released in equal parts over
        its remaining turns and its standing purchases pause (the rule the stockpile cards
        state); after it, purchases resume. A stock kept for defence users is theirs to draw
        on, not sold. Returns what to tell."""
        nation = self.model.nations[self.player]
        source = Source(Origin.PLAYER, "crisis")
        if not self.crisis.active:
            resumed = [rule for _, rule in sorted(self._paused.items())]
            self.model.apply_effects(resumed, source)
            self._paused = {}
            return []
        released = []
        for commodity, stockpile in sorted(nation.stockpiles.items()):
            if stockpile.release_to == "defence":
                continue
            if stockpile.buy_per_year > 0:
                rule = stockpile.rule(self.player, commodity)
                self._paused[commodity] = rule
                pause = rule.model_copy(update={"buy_tonnes_per_year": 0.0})
                self.model.apply_effects([pause], source)
            tonnes = stockpile.holding / self.crisis.turns_left
            if tonnes <= 1e-6:
                continue
            effect = fx.StockpileRelease(
                type="stockpile_release", nation=self.player, commodity=commodity, tonnes=tonnes
            )
            self.model.apply_effects([effect], source)
            released.append(f"{tonnes:,.0f} t of {self.model.commodities[commodity].name}")
        if not released:
            return []
        return [f"The stockpile is released in the trade war: {', '.join(released)}"]

    def partner_leaves(self, card_id: str, why: str) -> str:
        """A venture's partner leaves it: the venture's offtake ends (its output is sold
        on the open market) and its price guarantees lapse. The interface through which
        allied trust, or an AI deciding for the partner, ends a venture; returns the news.
        """
        project = self.projects[card_id]
        partner = project.card.partner
        assert partner is not None, f"{card_id} has no partner"
        undo: list[fx.Effect] = []
        for effect in project.card.effects:
            if isinstance(effect, fx.SetOfftake):
                undo.append(fx.SetOfftake(type="set_offtake", facility=effect.facility))
            elif isinstance(effect, fx.SetPriceFloor):
                undo.append(fx.RemovePolicy(type="remove_policy", id=effect.id))
            elif isinstance(effect, fx.AddRefiner | fx.AddMiner) and effect.offtake:
                undo.append(fx.SetOfftake(type="set_offtake", facility=effect.id))
        self.model.apply_effects(undo, Source(Origin.AI, partner))
        project.left = True
        name = self.model.nations[partner].name
        return f"{name} leaves {project.card.title}: {why}"

    def standing(self) -> dict[str, float]:
        """The game's figures of trust, support and crisis at the turn's end, and how many
        of the plants the player's projects build or restart are running."""
        allies = [n.key for n in self.model.nations.values() if n.role == "ally"]
        allies = [a for a in allies if a != self.player]
        return {
            "game.alliance_strength": self.trust.strength(self.model, allies),
            **{f"game.trust.{n}": self.trust.trust(self.model, n) for n in self.trust.allies},
            "game.public_support": self.support.level,
            "game.budget_factor": self.support.budget_factor,
            "game.crisis": 1.0 if self.crisis.active else 0.0,
            "game.lost": 0.0,
            "game.plants_running": float(
                sum(
                    1
                    for project in self.projects.values()
                    if project.facility and project.state(self.model) == "operating"
                )
            ),
        }

    def _check_ending(self) -> None:
        if not self.can_lose or self.clock.turn >= self.clock.last:
            return
        row = self.game_rows[-1]
        adversary = self.scenario.game.adversary
        nations = self.model.nations
        tension = (
            self.model.tension(self.player, adversary) if adversary in nations else float("nan")
        )
        if self.crisis.active and tension >= CONFLICT_TENSION:
            self._war_turns += 1
        self.ending = ending(
            self.turn,
            self.date,
            self.support.level,
            tension,
            self._war_turns,
            float(row.get("player.defence_security", float("nan"))),
            nations[adversary].name if adversary in nations else adversary,
        )
        if self.ending is not None:
            row["game.lost"] = 1.0

    # --- saves --------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write this game as a replay (gzip JSON, written atomically); returns the path."""
        return write_save(self, path)

    @classmethod
    def load(cls, path: str | Path, scenario: Scenario | None = None) -> GameSession:
        """Replay a save; raises `SaveError` for a changed scenario, newer format or damage."""
        return load_save(path, scenario)

    # --- records ------------------------------------------------------------------------------

    def history(self) -> pd.DataFrame:
        """One row per game turn played (`turn` from 1): the engine's figures averaged over
        the turn, plus the game's own accounts. A copy: callers may change it."""
        if self._history is None or len(self._history) != len(self.game_rows):
            self._history = self._growing.table()
        return self._history.copy()

    def engine_history(self) -> pd.DataFrame:
        """One row per engine step played."""
        return self.model.recorder.model_table()

    def baseline(self) -> pd.DataFrame:
        """The same seed's "no new policy" game, played to the end: no player actions, the
        AI as usual."""
        return self._baseline.until(self.turns - 1)

    @property
    def comparison(self) -> BaselineGame:
        """The no-new-policy game, played on demand (to share with a later session)."""
        return self._baseline

    def compared_observations(self) -> tuple[TurnObservation, TurnObservation] | None:
        """The no-new-policy game's measurements of the turn just played and the one
        before, when it is being played alongside (with scoring on)."""
        return self._baseline.observed(self.turn) if self.scoring else None

    def prepare_next_turn(self) -> None:
        """Play the no-new-policy game's next turn ahead of time, e.g. on a worker thread
        while the player reads the report, so that `submit()` only plays the player's.

        Safe beside the main thread: it touches only the baseline game, under a lock that
        `submit()` waits on."""
        if self.scoring and self.scenario.objectives and not self.finished:
            self._baseline.until(self.turn)

    def play_comparison_in_child(self) -> None:
        """Have a forked child process play the no-new-policy game beside this one (see
        `BaselineGame.play_in_child`): the same figures, sooner on a second core. Meant for
        a game played straight through (`rare-earth-game run`, a save replayed); a window
        has other threads and plays the game ahead while the player thinks, and a batch's
        workers have every core busy already."""
        if self.scoring and self.scenario.objectives and not self.finished:
            self._baseline.play_in_child()

    def scorecard(self) -> Scorecard:
        """The scorecard at the latest turn played, beside the baseline."""
        return self._scorecard_at(max(0, len(self.game_rows) - 1))

    def _scorecard_at(self, turn: int) -> Scorecard:
        baseline = self._baseline.until(turn)
        ending = self.ending
        reason = ending.reason if ending is not None and ending.turn == turn else None
        return self.judge.scorecard(self.history(), baseline, turn, reason)

    def fill_scorecards(self) -> None:
        """Give every turn's report its scorecard. A replayed save's reports carry none (a
        replay skips scoring, see `saves.load_save`), while the window's score chart and the
        exported debrief show the score turn by turn: a loaded game works them out here,
        once (the comparison game is played that far, if it has not been)."""
        if not (self.scoring and self.scenario.objectives):
            return
        for turn, report in enumerate(self.reports):
            if report.scorecard is None:
                report.scorecard = self._scorecard_at(turn)

    @property
    def _baseline(self) -> BaselineGame:
        """The no-new-policy game, looked up when first needed: a session that never
        compares (a research run, the comparison game itself) never hashes its scenario."""
        if self._shared is None:
            self._shared = shared_baseline(self._baseline_key(), self._baseline_start())
        return self._shared

    def _baseline_start(self) -> Callable[[], GameSession]:
        """How to start the no-new-policy game: a partial, not a bound method, so a kept
        comparison game does not keep this session (and its model) alive after it has gone."""
        return partial(
            GameSession,
            self.scenario,
            self.seed,
            self.player,
            self.preset.name,
            self.difficulty.name,
            scoring=False,
            lens=self.lens,
            can_lose=False,
            explain=False,
        )

    def _baseline_key(self) -> tuple[str, ...]:
        """What the no-new-policy game depends on: sessions that agree share one."""
        return (
            self.scenario.content_hash(),
            str(self.seed),
            self.player,
            self.preset.name,
            self.difficulty.name,
            self.lens,
        )


def _mean(rows: list[dict[str, Any]], key: str) -> float:
    """The mean of a figure over engine rows (NaN if it has none)."""
    values = [float(r[key]) for r in rows if key in r and r[key] == r[key]]
    return sum(values) / len(values) if values else float("nan")
