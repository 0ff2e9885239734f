"""The top bar: who you are, the turn, the money to spend, the score and the tension.

Each block has a long and a short wording; the bar uses the longest that fits and, when
even the shortest do not, leaves out the team's name first (it is on the debrief and in
the save). A tall bar writes a caption over each value; a low one writes them on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import glossary, layout
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.text import Label

if TYPE_CHECKING:
    from rare_earth_game.ui.theme import Colour


def tension_word(value: float) -> str:
    if value < 0.3:
        return "Calm"
    if value < 0.55:
        return "Tense"
    if value < 0.8:
        return "High"
    return "Crisis"


@dataclass(frozen=True)
class Block:
    """One figure: (caption, value) wordings from longest to shortest, and its tooltip."""

    key: str
    wordings: tuple[tuple[str, str], ...]
    tip: str
    keep: int  # higher stays longer when the bar is short of room


class TopBar(Panel):
    def layout(self, rect: pygame.Rect) -> None:
        super().layout(rect)
        t = self.theme
        pad = t.px(10)
        inner = layout.inset(rect, pad, t.px(8))
        right = inner.right
        for label, action, key, tip in (
            ("Menu", self.scene.back, "menu", "Settings, help, or back to the title (Esc)."),
            ("Help", self.scene.app.router.help, "help", "How to play, glossary and keys (F1)."),
        ):
            width = t.button_width(label, "@small") + t.px(12)
            button = pygame.Rect(right - width, inner.y, width, inner.height)
            self.scene.button(button, label, action, key=key, tooltip=tip, object_id="@small")
            right = button.x - t.px(8)
        area = pygame.Rect(inner.x, inner.y, right - inner.x - t.px(8), inner.height)
        caption, value = t.font("small"), t.font("large", bold=True)
        self.two_lines = area.height >= caption.get_linesize() + value.get_linesize()
        self._place(area, self._blocks())

    def _blocks(self) -> list[Block]:
        session = self.match.session
        treasury = session.treasury
        report = self.match.report
        card = report.scorecard if report else None
        adversary = session.model.nations[session.scenario.game.adversary].name
        player = session.model.nations[session.player].name
        team = session.team or "Your team"
        turn = min(session.turn + 1, session.turns)
        budget = fmt(max(0.0, treasury.available), "musd")
        self.tension = session.model.tension(session.player, session.scenario.game.adversary)
        word = tension_word(self.tension)
        room = self.scene.app.classroom
        if room.scores_hidden:
            score = (("Score", "hidden by teacher"), ("Score", "hidden"))
        elif card is None:
            score = (("Score", "after turn 1"), ("Score", "turn 1"))
        else:
            grade = f"{card.score:.0f} {card.grade}"
            base = f"{card.baseline_score:.0f}"
            score = ((f"Score (no new policy: {base})", grade), ("Score", grade))
        timer = (
            [
                Block(
                    "timer",
                    (("Time left", "Time's up"),),
                    "The time your teacher gives each turn.",
                    5,
                )
            ]
            if room.timer
            else []
        )
        return [
            *timer,
            Block(
                "team",
                (
                    (team, player),
                    (team, player.split()[-1]) if len(player.split()) > 1 else (team, player),
                ),
                "Your team and the nation you play.",
                0,
            ),
            Block(
                "turn",
                (
                    (f"Turn {turn} of {session.turns}", session.date),
                    (f"{turn}/{session.turns}", session.date),
                ),
                f"Each turn is {_span(session.years_per_turn)} of the world's time.",
                4,
            ),
            Block(
                "budget",
                (("Budget to spend", budget), ("Budget", budget)),
                f"Allowance {fmt(treasury.allowance, 'musd')} a turn, plus savings "
                f"{fmt(treasury.savings, 'musd')}, less {fmt(treasury.committed, 'musd')} a turn "
                "already promised (installments, and running costs of funded projects). "
                f"{treasury.carry_over:.0%} of unspent money is kept; the rest lapses.",
                3,
            ),
            Block(
                "score",
                score,
                "0-100: how close you are to the scenario's goals, beside the same world with no "
                "new policy from you (the baseline). See the Score chart.",
                2,
            ),
            Block(
                "tension",
                (
                    (f"Tension with {adversary}", f"{self.tension:.2f} {word}"),
                    ("Tension", f"{self.tension:.2f} {word}"),
                    ("Tension", word),
                ),
                glossary.GLOSSARY["Tension"]
                + " Calm, Tense, High and Crisis mark its levels. Tariffs and hostile moves raise "
                "it; talks lower it.",
                1,
            ),
        ]

    def _need(self, wording: tuple[str, str]) -> int:
        t = self.theme
        caption, value = t.font("small"), t.font("large", bold=True)
        if self.two_lines:
            return max(caption.size(wording[0])[0], value.size(wording[1])[0]) + t.px(18)
        return (
            caption.size(wording[0] + " ")[0]
            + t.font("body", bold=True).size(wording[1])[0]
            + t.px(18)
        )

    def _place(self, area: pygame.Rect, blocks: list[Block]) -> None:
        """Give each block the longest wording the room allows; drop the least needed."""
        while blocks and sum(self._need(b.wordings[-1]) for b in blocks) > area.width:
            blocks.remove(min(blocks, key=lambda b: b.keep))
        chosen = [b.wordings[-1] for b in blocks]
        spare = area.width - sum(self._need(w) for w in chosen)
        for i, block in sorted(enumerate(blocks), key=lambda ib: -ib[1].keep):
            for wording in block.wordings:
                extra = self._need(wording) - self._need(chosen[i])
                if extra <= spare:
                    spare -= extra
                    chosen[i] = wording
                    break
        widths = [self._need(w) for w in chosen]
        share = spare // max(1, len(blocks))
        x = area.x
        self.labels: list[Label] = []
        self.keys: list[str] = []
        """Whose each label is ("timer:value" is the one `tick` rewrites)."""
        self.spots = []
        for block, wording, width in zip(blocks, chosen, widths, strict=True):
            box = pygame.Rect(x, area.y, width + share - self.theme.px(12), area.height)
            self._block(block, wording, box)
            self.spots.append(Hotspot(box, block.tip))
            x += width + share

    def _block(self, block: Block, wording: tuple[str, str], box: pygame.Rect) -> None:
        t = self.theme
        p = t.palette
        caption, value = t.font("small"), t.font("large", bold=True)
        if self.two_lines:
            top = pygame.Rect(box.x, box.y, box.width, caption.get_linesize())
            self.labels.append(Label(wording[0], top, caption, p.muted_text))
            bottom = pygame.Rect(
                box.x, box.bottom - value.get_linesize(), box.width, value.get_linesize()
            )
            self.labels.append(Label(wording[1], bottom, value, self._colour(block)))
            self.keys += [f"{block.key}:caption", f"{block.key}:value"]
            return
        body = t.font("body", bold=True)
        first = caption.size(wording[0] + " ")[0]
        middle = box.centery - body.get_linesize() // 2
        self.labels.append(
            Label(
                wording[0],
                pygame.Rect(box.x, middle, first, body.get_linesize()),
                caption,
                p.muted_text,
            )
        )
        rest = pygame.Rect(box.x + first, middle, box.width - first, body.get_linesize())
        self.labels.append(Label(wording[1], rest, body, self._colour(block)))
        self.keys += [f"{block.key}:caption", f"{block.key}:value"]

    def tick(self) -> None:
        """The timer's figure, as it counts down (its box was sized for "Time's up")."""
        room = self.scene.app.classroom
        for i, (key, label) in enumerate(zip(self.keys, self.labels, strict=True)):
            if key == "timer:value" and room.timer:
                colour = self.theme.palette.bad_text if room.left <= 0 else label.colour
                self.labels[i] = Label(room.clock(), label.rect, label.font, colour)

    def _colour(self, block: Block) -> Colour:
        p = self.theme.palette
        if block.key != "tension":
            return p.text
        return p.good_text if self.tension < 0.3 else p.text if self.tension < 0.8 else p.bad_text

    def draw(self, surface: pygame.Surface) -> None:
        p = self.theme.palette
        pygame.draw.rect(surface, p.panel, self.rect)
        pygame.draw.line(surface, p.border, self.rect.bottomleft, self.rect.bottomright, 1)
        for label in self.labels:
            label.draw(surface)


def _span(years: float) -> str:
    if abs(years - 1) < 1e-9:
        return "a year"
    if abs(years - 0.25) < 1e-9:
        return "a quarter"
    return f"{years:g} years"
