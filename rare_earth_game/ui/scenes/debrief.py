"""The debrief: decisions on a timeline over the price and supply-security charts, the
scorecard against the no-new-policy baseline, discussion prompts, and the export."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import debrief, draw, text
from rare_earth_game.ui.charts import fmt, plot_area, x_of
from rare_earth_game.ui.scene import Hotspot, PagedScene
from rare_earth_game.ui.scenes.common import heading
from rare_earth_game.ui.scenes.turn_views import chart
from rare_earth_game.ui.theme import make_theme

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match

PAGES = (("timeline", "Timeline"), ("scorecard", "Scorecard"), ("discuss", "Discuss"))
PILLAR_SHAPES = {
    "domestic": "triangle",
    "allies": "circle",
    "batteries": "square",
    "trade": "diamond",
    "stockpile_recycling": "hexagon",
}


class DebriefScene(PagedScene):
    pages = PAGES

    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app, "timeline")
        self.match = game
        self.card = game.session.scorecard()
        self.decisions = debrief.decisions(game)
        self.prompts = debrief.prompts(game)
        self.exported: list[str] = []
        self.export_error = ""

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        y = t.px(112)
        self.tabs(t.px(40), y, t.px(170))
        self.button(
            pygame.Rect(width - t.px(40) - t.px(300), y, t.px(300), t.px(48)),
            "Export for the teacher",
            self.export,
            key="export",
            object_id="@primary",
            tooltip="Writes chart pictures, CSV tables, the discussion questions and the save "
            "to a folder.",
        )
        self.button(
            pygame.Rect(width - t.px(40) - t.px(300) - t.px(190), y, t.px(180), t.px(48)),
            "Title screen",
            self.title,
            key="title",
        )
        self.body = pygame.Rect(
            t.px(40), y + t.px(64), width - t.px(80), height - y - t.px(64) - t.px(70)
        )
        self.shortcuts[pygame.K_x] = self.export
        if self.focus.current is None:
            self.focus.set(0)

    def title(self) -> None:
        from rare_earth_game.ui.scenes.title import TitleScene

        self.app.reset(TitleScene(self.app))

    def back(self) -> None:
        self.title()

    def export(self) -> None:
        folder = debrief.export_folder(self.match, self.app.settings.export_dir)
        goods = list(self.match.world.key_goods)
        charts = [("prices", g) for g in goods] + [
            (n, None) for n in ("security", "shares", "stockpile", "budget", "score")
        ]
        try:
            written = debrief.export(self.match, folder, make_theme("standard", 1.0), charts)
        except OSError as error:
            self.export_error = f"Could not export: {error}"
            return
        self.export_error = ""
        self.exported = [str(folder), f"{len(written)} files"]
        self.app.screenshot(folder / "debrief_screen.png")

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        session = self.match.session
        team = session.team or "Your team"
        span = f"{session.labels[0]}-{session.labels[-1]}" if session.labels else ""
        heading(
            surface,
            t,
            f"Debrief: {team}",
            f"{session.scenario.meta.name} · {session.preset.title} · "
            f"{session.difficulty.title} · {span}",
        )
        if self.page == "timeline":
            self._timeline(surface)
        elif self.page == "scorecard":
            self._scorecard(surface)
        else:
            self._discuss(surface)
        foot = pygame.Rect(
            t.px(40), surface.get_height() - t.px(54), surface.get_width() - t.px(80), t.px(32)
        )
        small = t.font("small")
        if self.export_error:
            text.line(
                surface,
                text.ellipsize(self.export_error, small, foot.width),
                small,
                p.bad_text,
                foot,
            )
        elif self.exported:
            text.line(
                surface,
                text.ellipsize(
                    f"Exported {self.exported[1]} to {self.exported[0]}", small, foot.width
                ),
                small,
                p.good_text,
                foot,
            )
        else:
            text.line(
                surface,
                "Press X or the Export button to save this debrief for your teacher.",
                small,
                p.muted_text,
                foot,
            )

    def _timeline(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        body = self.body
        lane_h = t.px(96)
        lane = pygame.Rect(body.x, body.y, body.width, lane_h)
        rest = body.height - lane_h - t.px(10)
        top = pygame.Rect(body.x, lane.bottom + t.px(8), body.width, rest // 2 - t.px(4))
        bottom = pygame.Rect(body.x, top.bottom + t.px(8), body.width, rest - top.height - t.px(8))
        good = self.match.world.key_goods[0] if self.match.world.key_goods else None
        self.hotspots += chart("prices", self.match.world, t, surface, top, good, self.match)
        self.hotspots += chart("security", self.match.world, t, surface, bottom, None, self.match)
        draw.panel(surface, lane, p.card, p.border, t.px(10))
        bold = t.font("body", bold=True)
        title = "Your decisions, year by year (hover a year to read them)"
        head = pygame.Rect(lane.x + t.px(14), lane.y + t.px(6), lane.width - t.px(28), t.px(28))
        text.line(surface, title, bold, p.text, head)
        area = plot_area(lane, t, t.px(38))
        count = len(self.match.reports)
        by_turn: dict[int, list[debrief.Decision]] = {}
        for d in self.decisions:
            by_turn.setdefault(d.turn, []).append(d)
        small = t.font("small")
        column_w = max(t.px(40), area.width // max(1, count - 1)) if count > 1 else area.width
        for turn in range(count):
            x = x_of(area, turn, count)
            pygame.draw.line(
                surface, p.raised, (x, lane.y + t.px(38)), (x, lane.bottom - t.px(6)), 1
            )
            chosen = by_turn.get(turn, [])
            y = lane.y + t.px(42)
            for i, d in enumerate(chosen[:4]):
                shape = PILLAR_SHAPES.get(d.pillar, "circle")
                dx = (i % 2) * t.px(18) - (t.px(9) if len(chosen) > 1 else 0)
                spot = (x + dx, y + (i // 2) * t.px(20) + t.px(8))
                fill = p.accent if d.accepted else p.muted_text
                draw.marker(surface, shape, spot, t.px(7), fill, p.bg, 1)
            if len(chosen) > 4:
                more = pygame.Rect(x - t.px(20), y + t.px(40), t.px(40), t.px(20))
                text.line(surface, f"+{len(chosen) - 4}", small, p.text, more, "center")
            if chosen:
                tip = f"{chosen[0].date}:\n" + "\n".join(
                    f"{d.title}{'' if d.accepted else ' (refused)'}" for d in chosen
                )
                self.hotspots.append(
                    Hotspot(pygame.Rect(x - column_w // 2, lane.y, column_w, lane_h), tip)
                )
        legend = (
            "Shapes: triangle Domestic, circle Allies, square Batteries, diamond Trade, "
            "hexagon Stockpile. Filled: done; grey: refused."
        )
        self.hotspots.append(Hotspot(lane, legend))

    def _scorecard(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        body = self.body
        card = self.card
        left = pygame.Rect(body.x, body.y, min(t.px(300), body.width // 4), body.height)
        draw.panel(surface, left, p.card, p.border, t.px(12))
        hero = t.font("hero", bold=True)
        text.line(
            surface,
            card.grade,
            hero,
            p.text,
            pygame.Rect(left.x, left.y + t.px(20), left.width, hero.get_height()),
            "center",
        )
        big = t.font("large", bold=True)
        text.line(
            surface,
            f"Score {card.score:.0f} / 100",
            big,
            p.text,
            pygame.Rect(left.x, left.y + t.px(100), left.width, big.get_height()),
            "center",
        )
        text.line(
            surface,
            f"No new policy: {card.baseline_score:.0f}",
            t.font("body"),
            p.muted_text,
            pygame.Rect(left.x, left.y + t.px(136), left.width, t.px(28)),
            "center",
        )
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
        text.paragraph(
            surface,
            f"{verdict} ({diff:+.0f} points).",
            t.font("body", bold=True),
            p.text,
            pygame.Rect(
                left.x + t.px(20),
                left.y + t.px(184),
                left.width - t.px(40),
                left.bottom - left.y - t.px(200),
            ),
        )
        table = pygame.Rect(
            left.right + t.px(16), body.y, body.right - left.right - t.px(16), body.height
        )
        draw.panel(surface, table, p.card, p.border, t.px(12))
        small, bold = t.font("small"), t.font("small", bold=True)
        cols = [0.5, 0.14, 0.18, 0.18]
        widths = [round((table.width - t.px(32)) * c) for c in cols]
        x0 = table.x + t.px(16)
        y = table.y + t.px(14)
        for i, head in enumerate(("Goal", "You", "Baseline", "Result")):
            x = x0 + sum(widths[:i])
            text.line(
                surface,
                head,
                bold,
                p.text,
                pygame.Rect(x, y, widths[i] - t.px(8), t.px(26)),
                "left" if i == 0 else "right" if i < 3 else "left",
            )
        y += t.px(34)
        for part in card.subscores:
            if y + t.px(26) > table.bottom - t.px(8):
                break
            text.line(surface, part.title, small, p.text, pygame.Rect(x0, y, widths[0], t.px(26)))
            shown = "-" if part.score != part.score else f"{part.score:.0f}/100"
            cell = pygame.Rect(x0 + widths[0], y, widths[1] - t.px(8), t.px(26))
            text.line(surface, shown, small, p.text, cell, "right")
            weight = pygame.Rect(x0 + sum(widths[:3]) + t.px(8), y, widths[3], t.px(26))
            text.line(surface, f"weight {part.weight:g}", small, p.muted_text, weight)
            self.hotspots.append(
                Hotspot(pygame.Rect(x0, y, table.width - t.px(32), t.px(26)), part.formula)
            )
            y += t.px(30)
        y += t.px(8)
        for score in card.objectives:
            title = score.title or score.objective.title
            h = max(text.measure(title, small, widths[0] - t.px(12)), t.px(26))
            if y + h > table.bottom - t.px(8):
                break
            text.paragraph(
                surface,
                title,
                small,
                p.text,
                pygame.Rect(x0, y, widths[0] - t.px(12), h),
            )
            metric = score.objective.metric
            unit = (
                "index"
                if "price_index" in metric or "tension" in metric
                else "musd"
                if metric.endswith("musd")
                else "share"
            )
            text.line(
                surface,
                fmt(score.value, unit),
                small,
                p.text,
                pygame.Rect(x0 + widths[0], y, widths[1] - t.px(8), t.px(26)),
                "right",
            )
            text.line(
                surface,
                fmt(score.baseline, unit),
                small,
                p.muted_text,
                pygame.Rect(x0 + sum(widths[:2]), y, widths[2] - t.px(8), t.px(26)),
                "right",
            )
            rx = x0 + sum(widths[:3]) + t.px(8)
            met = score.met
            shape, colour, word = (
                ("star", p.good_text, "Met") if met else ("circle", p.bad_text, "Not met")
            )
            self.hotspots.append(
                Hotspot(
                    pygame.Rect(x0, y, table.width - t.px(32), h),
                    f"{score.title or score.objective.title}: {score.score:.0%} of this "
                    f"goal's credit, judged {score.how}.",
                )
            )
            draw.marker(surface, shape, (rx + t.px(9), y + t.px(13)), t.px(8), colour, p.bg, 1)
            text.line(
                surface,
                word,
                small,
                p.text,
                pygame.Rect(rx + t.px(24), y, widths[3] - t.px(32), t.px(26)),
            )
            y += h + t.px(10)

    def _discuss(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        body = self.body
        draw.panel(surface, body, p.card, p.border, t.px(12))
        big = t.font("large")
        bold = t.font("large", bold=True)
        y = body.y + t.px(20)
        for i, question in enumerate(self.prompts, 1):
            inner = pygame.Rect(body.x + t.px(70), y, body.width - t.px(100), body.bottom - y)
            h = text.measure(question, big, inner.width)
            if y + h > body.bottom - t.px(10):
                break
            text.line(
                surface,
                f"{i}.",
                bold,
                p.accent,
                pygame.Rect(body.x + t.px(24), y, t.px(40), bold.get_height()),
            )
            text.paragraph(surface, question, big, p.text, pygame.Rect(inner.x, y, inner.width, h))
            y += h + t.px(22)
