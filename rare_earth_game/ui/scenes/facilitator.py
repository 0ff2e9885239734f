"""The teacher's controls (Ctrl+Shift+T, behind the PIN set in Settings): pause the class,
lock End turn, a turn timer, hide scores, announce a scenario event, the projector view.

The panel opens over whatever is on screen and changes only the app's `Classroom` and the
game's pending announcements; closing it returns the class to where it was. A wrong PIN
says so and lets the teacher try again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from rare_earth_game.game.announce import upcoming
from rare_earth_game.ui import layout
from rare_earth_game.ui.classroom import PIN_DIGITS, TIMERS, pin_ok
from rare_earth_game.ui.focus import Focusable
from rare_earth_game.ui.scene import Scene
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.text import Label

if TYPE_CHECKING:
    from rare_earth_game.scenario.events import Event
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match

MOST_EVENTS = 4
"""Upcoming events offered at once: the next few are the ones a lesson brings forward."""
TIPS = {
    "pause": "Veil every screen and ignore the class's keys and clicks (P).",
    "projector": "The map, one chart and the news in large type. Esc returns (V).",
    "lock": "End turn cannot be pressed until you open it again (L).",
    "scores:hidden": "The top bar and the leaderboard say 'hidden' (H).",
}


class FacilitatorScene(Scene):
    def __init__(self, app: App, game: Match | None) -> None:
        super().__init__(app)
        self.match = game
        self.unlocked = not app.settings.teacher_pin
        self.error = ""

    # --- layout ---------------------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        close_w = t.button_width("Close (Esc)", "@primary")
        subtitle = (
            "The class sees these at once. Ctrl+Shift+T opens this panel again."
            if self.unlocked
            else "Type the teacher's PIN (set in Settings), then Enter."
        )
        self.head = heading(t, self.size, "Teacher's controls", subtitle, right=close_w + t.px(12))
        self.button(
            self.head.actions.inflate(-t.px(12), 0).move(t.px(6), 0),
            "Close (Esc)",
            self.back,
            key="close",
            object_id="@primary",
        )
        pad = t.px(28)
        width, height = self.size
        body = pygame.Rect(
            pad, self.head.bottom, width - 2 * pad, height - self.head.bottom - t.px(16)
        )
        self.labels: list[Label] = []
        if self.unlocked:
            self._controls(body)
        else:
            self._pin(body)

    def _pin(self, body: pygame.Rect) -> None:
        t = self.theme
        box = pygame.Rect(body.x, body.y, min(body.width, t.px(260)), t.px(44))
        self.entry = pygame_gui.elements.UITextEntryLine(box, manager=self.ui)
        self.entry.set_text_hidden(True)
        self.entry.set_allowed_characters("numbers")
        self.entry.set_text_length_limit(PIN_DIGITS)
        self.focus.add(
            Focusable(
                rect=lambda: self.entry.rect,
                activate=self.check_pin,
                label="pin",
                tooltip="The PIN set in Settings; Enter to open.",
                on_focus=lambda on: self.entry.focus() if on else self.entry.unfocus(),
                typing=True,
            )
        )
        button = pygame.Rect(box.right + t.px(12), box.y, t.button_width("Open"), box.height)
        self.button(button, "Open", self.check_pin, key="open")
        if self.error:
            font = t.font("body", bold=True)
            rect = pygame.Rect(body.x, box.bottom + t.px(12), body.width, font.get_linesize())
            self.labels.append(Label(self.error, rect, font, t.palette.bad_text))
        self.focus.set(0)
        self.focus.focus_item(self.focus.items[1])

    def _controls(self, body: pygame.Rect) -> None:
        t = self.theme
        room = self.app.classroom
        game = self.match
        rows: list[tuple[str, list[tuple[str, Callable[[], None], bool, str]]]] = [
            (
                "The class",
                [
                    (
                        "Resume (P)" if room.paused else "Pause (P)",
                        self.pause,
                        room.paused,
                        "pause",
                    ),
                    ("Projector view (V)", self.project, False, "projector"),
                ],
            ),
            (
                "End turn",
                [
                    ("Open", lambda: self.lock(False), not room.locked, "unlock"),
                    ("Locked (L)", lambda: self.lock(True), room.locked, "lock"),
                ],
            ),
            (
                "Turn timer",
                [
                    (
                        "Off" if s == 0 else f"{s // 60} min",
                        lambda s=s: self.timer(s),  # type: ignore[misc]
                        room.timer == s,
                        f"timer:{s}",
                    )
                    for s in TIMERS
                ],
            ),
            (
                "Scores",
                [
                    ("Shown", lambda: self.scores(False), not room.scores_hidden, "scores:shown"),
                    ("Hidden (H)", lambda: self.scores(True), room.scores_hidden, "scores:hidden"),
                ],
            ),
        ]
        bold = t.font("body", bold=True)
        label_w = max(bold.size(title)[0] for title in ("Turn timer", "Announce now"))
        label_w += t.px(20)
        button_h, gap = t.px(42), t.px(8)
        y = body.y
        for title, choices in rows:
            self._row_label(title, body.x, y, label_w, button_h)
            x = body.x + label_w
            for words, action, selected, key in choices:
                w = t.button_width(words) + t.px(12)
                button = self.button(
                    pygame.Rect(x, y, w, button_h),
                    words,
                    action,
                    key=key,
                    tooltip=TIPS.get(key, ""),
                    enabled=key != "projector" or game is not None,
                )
                if selected:
                    button.select()
                x += w + gap
            y += button_h + gap
        self._announce(pygame.Rect(body.x, y, body.width, body.bottom - y), label_w, button_h)
        self.shortcuts.update(
            {
                pygame.K_p: self.pause,
                pygame.K_l: lambda: self.lock(not room.locked),
                pygame.K_h: lambda: self.scores(not room.scores_hidden),
            }
        )
        if game is not None:
            self.shortcuts[pygame.K_v] = self.project
        if self.focus.current is None:
            self.focus.set(0)

    def _row_label(self, title: str, x: int, y: int, width: int, height: int) -> None:
        t = self.theme
        font = t.font("body", bold=True)
        rect = pygame.Rect(x, y + (height - font.get_linesize()) // 2, width, font.get_linesize())
        self.labels.append(Label(title, rect, font, t.palette.text))

    def _announce(self, area: pygame.Rect, label_w: int, button_h: int) -> None:
        """The scenario's next scripted events, each a button that brings it forward."""
        t = self.theme
        self._row_label("Announce now", area.x, area.y, label_w, button_h)
        cells = pygame.Rect(area.x + label_w, area.y, area.width - label_w, area.height)
        if self.match is None or self.match.session.finished:
            note = "Open a game to announce one of its scenario's events."
            self._note(note, cells, button_h)
            return
        events = self.events()
        if not events:
            self._note("No scripted events are still to come in this game.", cells, button_h)
            return
        gap = t.px(8)
        fits = min(MOST_EVENTS, (cells.height + gap) // (button_h + gap))
        if fits < 1:
            self._note("Enlarge the window (or lower the UI scale) to announce.", cells, button_h)
            return
        session = self.match.session
        for i, (turn, event) in enumerate(events[:fits]):
            date = session.model.calendar.label(turn)
            rect = pygame.Rect(cells.x, cells.y + i * (button_h + gap), cells.width, button_h)
            pending = event.id in self.match.announce
            words = event.title.split()
            wordings = [f"{date}: {event.title}"] + [
                f"{date}: {' '.join(words[:n])}…" for n in (8, 5, 3, 1) if n < len(words)
            ]
            button = self.button(
                rect,
                wordings,
                lambda e=event.id: self.announce(e),  # type: ignore[misc]
                key=f"event:{event.id}",
                tooltip=f"{event.title} ({date}). {event.text} It happens as this turn is "
                "played, in every game it is announced in; press again to take it back.",
            )
            if pending:
                button.select()

    def _note(self, words: str, cells: pygame.Rect, height: int) -> None:
        t = self.theme
        font = t.font("small")
        rect = pygame.Rect(
            cells.x, cells.y + (height - font.get_linesize()) // 2, cells.width, font.get_linesize()
        )
        words = layout.fit(font, [words, "None to announce."], rect.width)
        self.labels.append(Label(words, rect, font, t.palette.muted_text))

    def events(self) -> list[tuple[int, Event]]:
        """The events a teacher can bring forward: those due after the turn being decided
        (sooner ones happen this turn anyway)."""
        assert self.match is not None
        session = self.match.session
        after = session.model.turn + session.steps
        return [(step, e) for step, e in upcoming(session.model) if step >= after]

    # --- what the controls do -----------------------------------------------------------------

    def check_pin(self) -> None:
        if pin_ok(self.app.settings.teacher_pin, self.entry.get_text()):
            self.unlocked, self.error = True, ""
            self.relayout("pause")
        else:
            self.error = "That PIN is not right. Try again (or Close)."
            self.relayout("pin")

    def relayout(self, focus: str | None = None) -> None:
        focused = focus or (self.focus.current.label if self.focus.current else None)
        self.app.ui.clear_and_reset()
        self.build()
        for item in self.focus.items:
            if item.label == focused:
                self.focus.focus_item(item)

    def pause(self) -> None:
        self.app.classroom.paused = not self.app.classroom.paused
        self.relayout("pause")

    def lock(self, locked: bool) -> None:
        self.app.classroom.locked = locked
        self.relayout("lock" if locked else "unlock")

    def timer(self, seconds: int) -> None:
        self.app.classroom.set_timer(seconds)
        self.relayout(f"timer:{seconds}")

    def scores(self, hidden: bool) -> None:
        self.app.classroom.scores_hidden = hidden
        self.relayout("scores:hidden" if hidden else "scores:shown")

    def announce(self, event_id: str) -> None:
        """Bring an event forward for the turn being decided, or take that back. In a
        hot-seat class it goes to every team's game still playing, for the turn each plays
        next, so no team's world is spared it."""
        assert self.match is not None
        taken_back = event_id in self.match.announce
        rotation = self.match.rotation
        for game in rotation.games if rotation is not None else [self.match]:
            if taken_back and event_id in game.announce:
                game.announce.remove(event_id)
            elif not taken_back and not game.session.finished and event_id not in game.announce:
                game.announce.append(event_id)
        self.relayout(f"event:{event_id}")

    def project(self) -> None:
        if self.match is not None:
            game = self.match
            self.app.router.back()
            self.app.router.projector(game)

    def back(self) -> None:
        self.app.router.back()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        self.head.draw(surface, self.theme)
        for label in self.labels:
            label.draw(surface)
