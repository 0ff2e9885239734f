"""Between two teams' turns in a hot-seat class: who plays next, and after each round the
leaderboard (scores hidden while the teacher hides them). After the last round, the final
leaderboard opens each team's debrief (keys 1 to 6).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

import pygame

from rare_earth_game.ui import layout
from rare_earth_game.ui.column import Column, Mark
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes.common import heading

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.hotseat import Rotation

Moment = Literal["handover", "round", "final"]
SHAPES = ("circle", "square", "triangle", "diamond", "pentagon", "star")
COLOURS = ("orange", "sky_blue", "bluish_green", "yellow", "reddish_purple", "vermillion")
"""Each team's marker, in play order: an Okabe-Ito colour and a shape of its own."""


class TeamsScene(Scene):
    pausable = True

    def __init__(self, app: App, rotation: Rotation, moment: Moment) -> None:
        super().__init__(app)
        self.rotation = rotation
        self.moment = moment

    def layout(self) -> None:
        t = self.theme
        game = self.rotation.game
        session = game.session
        team = session.team
        if self.moment == "final":
            title, subtitle = "Final leaderboard", "Open a team's debrief (keys 1 to 6)."
            words = ["Title screen"]
        elif self.moment == "round":
            done = session.label(max(0, session.turn - 1))
            title = f"Leaderboard after {done}"
            subtitle = f"Next: {team}, turn {session.turn + 1} of {session.turns}."
            words = [f"{team}'s turn (Enter)", "Next (Enter)"]
        else:
            title = f"Pass the keyboard to {team}"
            subtitle = f"Turn {session.turn + 1} of {session.turns}. Other teams, look away."
            words = [f"{team}'s turn (Enter)", "Next (Enter)"]
        button_w = min(t.button_width(words[0], "@primary"), self.size[0] // 3)
        self.head = heading(t, self.size, title, subtitle, right=button_w + t.px(12))
        self.button(
            self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0),
            words,
            self.next,
            key="next",
            object_id="@primary",
        )
        pad = t.px(28)
        width, height = self.size
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        if self.moment == "final":
            body = self._debriefs(body)
        self.column = Column.at(body, t)
        self.column.finish(self._table(self.column) if self.moment != "handover" else 0)
        self.focus.set(0)

    def _debriefs(self, body: pygame.Rect) -> pygame.Rect:
        """A debrief button per team; returns the room left below them."""
        t = self.theme
        labels = [f"{i + 1}: {g.session.team}" for i, g in enumerate(self.rotation.games)]
        widths = [t.button_width(label) + t.px(12) for label in labels]
        cells, used = layout.flow(body, widths, t.px(42), t.px(8))
        for i, (label, cell) in enumerate(zip(labels, cells, strict=True)):
            self.button(
                cell,
                label,
                lambda i=i: self.debrief(i),  # type: ignore[misc]
                key=f"debrief:{i}",
                tooltip="This team's debrief: timeline, scorecard and questions to discuss.",
            )
            self.shortcuts[pygame.K_1 + i] = lambda i=i: self.debrief(i)  # type: ignore[misc]
        return layout.cut_top(body, used, t.px(16))[1]

    def _table(self, column: Column) -> int:
        """Rank, marker, team, score and grade, budget left, projects; returns the height."""
        t = self.theme
        p = t.palette
        hidden = self.app.classroom.scores_hidden
        bold, body = t.font("large", bold=True), t.font("large")  # read from the back row
        widths = [0.08, 0.34, 0.22, 0.18, 0.18]
        xs = [round(sum(widths[:i]) * column.width) for i in range(len(widths))]
        heads = [["#"], ["Team"], ["Score"], ["Budget left", "Budget"], ["Projects", "Proj."]]
        y = 0
        for x, words, share in zip(xs, heads, widths, strict=True):
            room = round(share * column.width) - t.px(8)
            head = layout.fit(bold, words, room)
            y = max(y, column.wrapped(head, bold, p.muted_text, 0, x, room))
        y += t.px(8)
        order = [g.session.team for g in self.rotation.games]
        for rank, row in enumerate(self.rotation.standings(), start=1):
            place = order.index(row.team)
            shape, colour = SHAPES[place], p.line_colour(COLOURS[place])
            if hidden:
                score = "hidden"
            elif math.isnan(row.score):
                score = "after turn 1"
            else:
                score = f"{row.score:.0f} {row.grade}" + (" (lost)" if row.lost else "")
            cells = [str(rank), row.team, score, fmt(row.budget, "musd"), str(row.projects)]
            marker = pygame.Rect(xs[1], y + body.get_linesize() // 2 - t.px(8), t.px(16), t.px(16))
            column.mark(Mark("marker", marker, colour, shape=shape))
            bottom = y
            for i, (x, words) in enumerate(zip(xs, cells, strict=True)):
                indent = t.px(24) if i == 1 else 0
                room = round(widths[i] * column.width) - indent - t.px(8)
                bottom = max(bottom, column.wrapped(words, body, p.text, y, x + indent, room))
            y = bottom + t.px(10)
        return y

    def hotspots(self) -> list[Hotspot]:
        return self.column.hotspots()

    def next(self) -> None:
        if self.moment == "final":
            self.app.router.title()
        else:
            self.app.classroom.new_turn()
            self.app.router.play(self.rotation.game)

    def debrief(self, index: int) -> None:
        self.app.router.debrief(self.rotation.games[index])

    def back(self) -> None:
        """Escape opens the menu, as on the turn screen; it never skips a team."""
        self.app.router.menu()

    def handle(self, event: pygame.event.Event) -> bool:
        return self.column.area.handle(event, self.theme.px(40))

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        self.column.draw(surface)
