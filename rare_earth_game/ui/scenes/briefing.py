"""The briefing before the first turn: the goals, the world as it stands, and what the
cards' lead times mean for the first move.

A mine funded in the first turn may open years later; one funded a turn later may open
after the game ends. The briefing says so with this game's own cards and calendar, then
opens the map (Enter). R on the turn screen brings it back until the first turn is played.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.game.scoring import objective_deadlines
from rare_earth_game.ui import layout
from rare_earth_game.ui.column import Column
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.world import STAGE_TITLES, STAGES

if TYPE_CHECKING:
    from rare_earth_game.game.actions import ActionOption
    from rare_earth_game.game.session import GameSession
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match

SLOWEST_SHOWN = 4


def lead_time_lines(session: GameSession, options: list[ActionOption]) -> list[str]:
    """What the lead times mean for the first move, with this game's cards and calendar."""
    cards = [o for o in options if o.key.startswith("card:") and o.available]
    slow = sorted((o for o in cards if o.lead_turns > 0), key=lambda o: (-o.lead_turns, o.title))
    if not slow:
        return ["Every card you can fund now acts at once."]
    last = session.turns - 1
    end = session.label(last)
    span = "year" if abs(session.years_per_turn - 1) < 1e-9 else "turn"
    lines = [
        f"Each turn is a {span}. A card acts only once its lead time has passed: "
        f"{len(slow)} of the {len(cards)} cards you can fund now take at least one turn, the "
        f"slowest {slow[0].lead_turns}. The game ends after {end}."
    ]
    in_time = [o for o in slow if o.lead_turns <= last]
    too_late = [o for o in slow if o.lead_turns > last]
    missed_by_waiting = [o for o in in_time if o.lead_turns + 1 > last]
    if in_time:
        lines.append(
            f"Funded now, {len(in_time)} of them act before the end; "
            + (
                f"wait one turn and {len(missed_by_waiting)} of those no longer do."
                if missed_by_waiting
                else "the longer you wait, the less of their effect you will see."
            )
        )
    if too_late:
        lines.append(
            f"{len(too_late)} cannot act before the game ends even if funded now: they still "
            "count for the world after it, but not for your score."
        )
    for option in slow[:SLOWEST_SHOWN]:
        turn = session.turn + option.lead_turns
        when = session.label(turn) if turn <= last else "after the game ends"
        lines.append(f"{option.title}: acts in {option.lead_turns} turns, {when}.")
    return lines


def _the(name: str) -> str:
    """'the United States', but 'Japan'."""
    return f"the {name}" if name.split()[0] in ("United", "Republic") else name


class BriefingScene(Scene):
    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game

    def layout(self) -> None:
        t = self.theme
        session = self.match.session
        width, height = self.size
        words = ["See the world (Enter)", "Start (Enter)"]
        button_w = min(t.button_width(words[0], "@primary"), width // 2)
        team = session.team or "Your team"
        span = f"{session.labels[0]} to {session.labels[-1]}" if session.labels else ""
        self.head = heading(
            t,
            self.size,
            f"Briefing: {session.scenario.meta.name}",
            f"{team}: you play {_the(session.model.nations[session.player].name)}, "
            f"{session.turns} turns, {span}.",
            right=button_w + t.px(12),
        )
        pad = t.px(28)
        button = self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0)
        self.button(button, words, self.app.router.back, key="start", object_id="@primary")
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        wide = layout.logical(t, self.size)[0] >= 900
        if wide:
            left, right = layout.columns(body, [0.52, 0.48], t.px(28))
            self.columns = [Column.at(left, t), Column.at(right, t)]
        else:
            self.columns = [Column.at(body, t)]
        y = self._lead_times(self.columns[0], 0)
        if wide:
            self.columns[0].finish(y)
            self.columns[1].finish(self._goals_and_world(self.columns[1], 0))
        else:
            self.columns[0].finish(self._goals_and_world(self.columns[0], y + t.px(16)))
        self.focus.set(0)

    def _section(self, column: Column, y: int, title: str, lines: list[str]) -> int:
        t = self.theme
        p = t.palette
        y = column.wrapped(title, t.font("large", bold=True), p.text, y) + t.px(6)
        for line in lines:
            y = column.wrapped(line, t.font("body"), p.text, y) + t.px(8)
        return y + t.px(12)

    def _lead_times(self, column: Column, y: int) -> int:
        options = self.match.session.available_actions()
        lines = lead_time_lines(self.match.session, options)
        return self._section(column, y, "Your first move: lead times", lines)

    def _goals_and_world(self, column: Column, y: int) -> int:
        session = self.match.session
        deadlines = objective_deadlines(session.scenario, session.preset.name)
        goals = [o.title + self._judged(deadlines.get(o.id)) for o in session.scenario.objectives]
        y = self._section(column, y, "Your goals", goals or ["This scenario sets no goals."])
        return self._section(column, y, f"The world as it stands, {self._quarter()}", self._world())

    def _judged(self, turn: int | None) -> str:
        """When a dated goal is judged in this game, if not at its own date."""
        session = self.match.session
        if turn is None:
            return ""
        if turn == session.turns - 1:
            return f" (judged when this game ends, {session.label(turn)})"
        return f" (judged in {session.label(turn)})"

    def _quarter(self) -> str:
        return self.match.world.opening_date or self.match.session.date

    def _world(self) -> list[str]:
        world = self.match.world
        adversary = world.nations.get(world.adversary)
        them = adversary.name if adversary else "The adversary"
        lines = []
        shares = [
            f"{STAGE_TITLES[s].lower()} {world.stage_shares.get(s, {}).get(world.adversary, 0):.0%}"
            for s in STAGES
            if world.stage_shares.get(s)
        ]
        if shares:
            lines.append(f"{them}'s share of world output: " + ", ".join(shares) + ".")
        row = world.opening or {}
        if "player.supply_security" in row:
            security = fmt(float(row["player.supply_security"]), "share")
            lines.append(f"Demand you meet from outside {them}: {security}.")
        lines.append("The map and charts show this quarter's trade and prices until you play.")
        return lines

    def hotspots(self) -> list[Hotspot]:
        return [spot for column in self.columns for spot in column.hotspots()]

    def back(self) -> None:
        self.app.router.back()

    def handle(self, event: pygame.event.Event) -> bool:
        step = self.theme.px(60)
        return any(column.area.handle(event, step) for column in self.columns)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        for column in self.columns:
            column.draw(surface)
