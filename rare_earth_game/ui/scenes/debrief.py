"""The debrief: decisions named on a timeline over the price and supply-security charts, the
scorecard against the no-new-policy baseline, discussion prompts, and the export.

Made to be read from the back of a room: every decision is written out at its year with
its pillar's marker, the charts below share the timeline's years, and on a screen too low
for two charts one is shown at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import debrief, draw, export, layout, text
from rare_earth_game.ui.column import Column, Mark
from rare_earth_game.ui.game_charts import chart_plan
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.scene import Hotspot, PagedScene
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.scroll import ScrollArea
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.timeline import DecisionsPage, TimelinePlan, paint_page, plan_page

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match

PAGES = (("timeline", "Timeline"), ("scorecard", "Scorecard"), ("discuss", "Discuss"))
TWO_CHARTS = 760
"""The logical height from which the timeline page shows both charts at once."""
ONE_CHART = 500
"""... and from which it shows the decisions over one chart (below: one or the other)."""


class DebriefScene(PagedScene):
    pages = PAGES

    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app, "timeline")
        self.match = game
        self.card = game.session.scorecard()
        self.decisions = debrief.decisions(game)
        self.prompts = debrief.prompts(game)
        self.chart = "prices"
        self.status = ""
        self.status_bad = False
        self.folder: Path | None = None  # where the last export went

    # --- layout ------------------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        team = self.match.session.team or "Your team"
        actions = [
            ("export", ["Export for the teacher (X)", "Export (X)"], self.export, "@primary"),
            ("title", ["Title screen", "Title"], self.app.router.title, None),
        ]
        room = width // 2
        long_w = [t.button_width(words[0], oid) for _, words, _, oid in actions]
        short_w = [t.button_width(words[-1], oid) for _, words, _, oid in actions]
        widths = long_w if sum(long_w) + t.px(10) <= room else short_w
        right = sum(widths) + t.px(22)
        self.head = heading(t, self.size, f"Debrief: {team}", debrief.subtitle(self.match), right)
        x = self.head.actions.x + t.px(12)
        for (key, words, action, oid), w in zip(actions, widths, strict=True):
            tip = export.TIP if key == "export" else "Back to the title screen (Esc)."
            cell = pygame.Rect(x, self.head.actions.y, w, self.head.actions.height)
            self.button(cell, words, action, key=key, object_id=oid, tooltip=tip)
            x += w + t.px(10)
        pad = t.px(28)
        below = self.tabs(pygame.Rect(pad, self.head.bottom, width - 2 * pad, t.px(44)))
        top = below + t.px(12)
        small = t.font("small")
        foot_h = 2 * small.get_linesize()
        self.body = pygame.Rect(pad, top, width - 2 * pad, height - top - foot_h - t.px(20))
        self.foot = pygame.Rect(pad, self.body.bottom + t.px(8), width - 2 * pad, foot_h)
        self.shortcuts[pygame.K_x] = self.export
        self._status()
        self.spots = []
        self.columns: list[Column] = []
        {"timeline": self._timeline, "scorecard": self._scorecard, "discuss": self._discuss}[
            self.page
        ]()
        if self.focus.current is None:
            self.focus.set(0)

    def _status(self) -> None:
        t = self.theme
        p = t.palette
        small = t.font("small")
        words = self.status or "Press X or the Export button to save this debrief for your teacher."
        colour = p.bad_text if self.status_bad else p.good_text if self.status else p.muted_text
        self.foot_labels = [
            Label(
                line,
                pygame.Rect(
                    self.foot.x,
                    self.foot.y + i * small.get_linesize(),
                    self.foot.width,
                    small.get_linesize(),
                ),
                small,
                colour,
            )
            for i, line in enumerate(_wrap_path(words, small, self.foot.width)[:2])
        ]

    def _timeline(self) -> None:
        """Decisions over both charts on a tall screen; over one (chosen) on a lower one;
        on a small one, the decisions or a chart, chosen."""
        t = self.theme
        _, tall = layout.logical(t, self.size)
        body = self.body
        if tall >= TWO_CHARTS:
            names = ["prices", "security"]
        else:
            choices = [("prices", "Prices"), ("security", "Supply security")]
            if tall < ONE_CHART:
                choices.insert(0, ("decisions", "Decisions"))
            elif self.chart == "decisions":
                self.chart = "prices"
            names = [] if self.chart == "decisions" else [self.chart]
            body = self._chart_choice(body, choices)
        if tall >= ONE_CHART:
            room = body.height - len(names) * t.px(170) - t.px(120)
        elif names:
            room = 0
        else:
            room = body.height
        self.page_plan = plan_page(self.match, t, body, names, self.decisions, room)
        if tall < ONE_CHART and names:  # the chart alone: no lanes over it
            chart = chart_plan(names[0], self.match, t, body, self._good())
            self.page_plan = DecisionsPage(
                pygame.Rect(0, 0, 0, 0),
                self.page_plan.title,
                TimelinePlan(),
                TimelinePlan(),
                pygame.Rect(0, 0, 0, 0),
                [chart],
            )
        self.lane_area = ScrollArea(self.page_plan.lanes_rect)
        self.lane_area.content_height = self.page_plan.lanes.height
        self._lane_spots()

    def _good(self) -> str | None:
        goods = self.match.world.key_goods
        return goods[0] if goods else None

    def _chart_choice(self, body: pygame.Rect, choices: list[tuple[str, str]]) -> pygame.Rect:
        """A row of small buttons choosing what the timeline page shows; returns the rest."""
        t = self.theme
        choice, body = layout.cut_top(body, t.px(36), t.px(8))
        x = choice.x
        for key, label in choices:
            w = t.button_width(label, "@small")
            cell = pygame.Rect(x, choice.y, w, choice.height)
            button = self.button(
                cell, label, lambda k=key: self._pick(k), key=f"chart:{key}", object_id="@small"
            )
            if key == self.chart:
                button.select()
            x += w + t.px(8)
        return body

    def _lane_spots(self) -> None:
        area = self.lane_area
        shown = []
        for spot in self.page_plan.lanes.spots:
            rect = spot.rect.move(0, area.rect.y - area.offset).clip(area.rect)
            if rect.height > 0:
                shown.append(Hotspot(rect, spot.tooltip))
        self.spots = shown + [s for c in self.page_plan.charts for s in c.spots]

    def _pick(self, chart: str) -> None:
        self.chart = chart
        self.show(self.page)
        for item in self.focus.items:
            if item.label == f"chart:{chart}":
                self.focus.focus_item(item)

    def _scorecard(self) -> None:
        t = self.theme
        p = t.palette
        body = self.body
        card = self.card
        side_w = min(t.px(300), body.width // 3)
        if body.width - side_w < t.px(420):
            summary, rest = layout.cut_top(body, t.px(120), t.px(12))
        else:
            summary, rest = layout.cut_left(body, side_w, t.px(16))
        self.summary_box = summary
        left = Column.at(layout.inset(summary, t.px(14), t.px(10)), t)
        diff = card.score - card.baseline_score
        verdict = (
            "Better than doing nothing"
            if diff > 0.5
            else "No better than doing nothing"
            if diff > -0.5
            else "Worse than doing nothing"
        )
        if card.ending:
            verdict = f"Lost before the end. {card.ending}. Then: {verdict.lower()}"
        y = left.wrapped(f"Grade {card.grade}", t.font("title", bold=True), p.text, 0)
        y = left.wrapped(f"Score {card.score:.0f} / 100", t.font("large", bold=True), p.text, y)
        y = left.wrapped(
            f"No new policy: {card.baseline_score:.0f}", t.font("body"), p.muted_text, y
        )
        left.finish(
            left.wrapped(
                f"{verdict} ({diff:+.0f} points).", t.font("body", bold=True), p.text, y + t.px(6)
            )
        )
        table = Column.at(layout.inset(rest, t.px(14), t.px(10)), t)
        small, bold = t.font("small"), t.font("small", bold=True)
        widths = [round(table.width * c) for c in (0.46, 0.16, 0.18, 0.2)]
        xs = [sum(widths[:i]) for i in range(4)]
        for i, head in enumerate(("Measure", "You", "Baseline", "Result")):
            table.labels.append(
                Label(
                    head,
                    pygame.Rect(xs[i], 0, widths[i] - t.px(8), bold.get_linesize()),
                    bold,
                    p.text,
                    "right" if i in (1, 2) else "left",
                )
            )
        y = bold.get_linesize() + t.px(8)
        line = small.get_linesize()
        for part in card.subscores:  # what the lens weighs, each with its formula on hover
            bottom = table.wrapped(part.title, small, p.text, y, 0, widths[0] - t.px(12))
            shown_score = "-" if part.score != part.score else f"{part.score:.0f}/100"
            table.labels.append(
                Label(
                    shown_score,
                    pygame.Rect(xs[1], y, widths[1] - t.px(8), line),
                    small,
                    p.text,
                    "right",
                )
            )
            table.labels.append(
                Label(
                    f"weight {part.weight:g}",
                    pygame.Rect(xs[3], y, widths[3], line),
                    small,
                    p.muted_text,
                )
            )
            table.tip(pygame.Rect(0, y, table.width, bottom - y), part.formula)
            y = bottom + t.px(6)
        y += t.px(10)
        for score in card.objectives:
            unit = debrief.unit_of(score.objective.metric)
            title = score.title or score.objective.title
            bottom = table.wrapped(title, small, p.text, y, 0, widths[0] - t.px(12))
            table.labels.append(
                Label(
                    fmt(score.value, unit),
                    pygame.Rect(xs[1], y, widths[1] - t.px(8), line),
                    small,
                    p.text,
                    "right",
                )
            )
            table.labels.append(
                Label(
                    fmt(score.baseline, unit),
                    pygame.Rect(xs[2], y, widths[2] - t.px(8), line),
                    small,
                    p.muted_text,
                    "right",
                )
            )
            shape, colour, word = (
                ("star", p.good_text, "Met") if score.met else ("circle", p.bad_text, "Not met")
            )
            table.mark(
                Mark(
                    "marker",
                    pygame.Rect(xs[3] + t.px(8), y + line // 2 - t.px(8), t.px(16), t.px(16)),
                    colour,
                    shape=shape,
                )
            )
            table.labels.append(
                Label(
                    word,
                    pygame.Rect(xs[3] + t.px(30), y, widths[3] - t.px(30), line),
                    small,
                    p.text,
                )
            )
            table.tip(
                pygame.Rect(0, y, table.width, bottom - y),
                f"{title}: {score.score:.0%} of this goal's credit, judged {score.how}.",
            )
            y = bottom + t.px(10)
        table.finish(y)
        self.table_box = rest
        self.columns = [left, table]
        self.spots = table.hotspots()

    def _discuss(self) -> None:
        t = self.theme
        p = t.palette
        column = Column.at(layout.inset(self.body, t.px(20), t.px(16)), t)
        big, bold = t.font("large"), t.font("large", bold=True)
        indent = bold.size("5.")[0] + t.px(16)
        y = 0
        for i, question in enumerate(self.prompts, 1):
            column.labels.append(
                Label(f"{i}.", pygame.Rect(0, y, indent, bold.get_linesize()), bold, p.text)
            )
            y = column.wrapped(question, big, p.text, y, indent) + t.px(20)
        column.finish(y)
        self.columns = [column]

    def hotspots(self) -> list[Hotspot]:
        return self.spots

    # --- actions ----------------------------------------------------------------------------------

    def back(self) -> None:
        self.app.router.title()

    def export(self) -> None:
        try:
            folder, written = export.export_debrief(self.match, self.app.settings.export_dir)
            self.app.screenshot(folder / "debrief_screen.png")
            self.folder = folder
        except OSError as error:
            self.status, self.status_bad = f"Could not export: {error}", True
        else:
            self.status, self.status_bad = f"Exported {len(written) + 1} files to {folder}", False
        self._status()

    def handle(self, event: pygame.event.Event) -> bool:
        step = self.theme.px(60)
        mouse = pygame.mouse.get_pos()
        areas = [c.area for c in self.columns] + (
            [self.lane_area] if self.page == "timeline" else []
        )
        for area in areas:
            if event.type == pygame.MOUSEWHEEL and not area.rect.collidepoint(mouse):
                continue
            if area.handle(event, step):
                if self.page == "timeline":
                    self._lane_spots()
                else:
                    self.spots = [s for c in self.columns for s in c.hotspots()]
                return True
        return False

    # --- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        self.head.draw(surface, t)
        if self.page == "timeline":
            self._draw_timeline(surface)
        elif self.page == "scorecard":
            draw.panel(surface, self.summary_box, p.card, p.border, t.px(12))
            draw.panel(surface, self.table_box, p.card, p.border, t.px(12))
        else:
            draw.panel(surface, self.body, p.card, p.border, t.px(12))
        for column in self.columns:
            column.draw(surface)
        for label in self.foot_labels:
            label.draw(surface)

    def _draw_timeline(self, surface: pygame.Surface) -> None:
        paint_page(surface, self.page_plan, self.theme, self.lane_area.offset)
        self.lane_area.draw_bar(surface, self.theme)


def _wrap_path(words: str, font: pygame.font.Font, width: int) -> list[str]:
    """Wrap a status line that may hold a long folder path (broken at its slashes too)."""
    pieces = text.wrap(words, font, width)
    out = []
    for piece in pieces:
        while font.size(piece)[0] > width and "/" in piece[1:]:
            cut = piece.rfind("/", 0, len(piece) - 1)
            while cut > 0 and font.size(piece[:cut])[0] > width:
                cut = piece.rfind("/", 0, cut)
            if cut <= 0:
                break
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return out
