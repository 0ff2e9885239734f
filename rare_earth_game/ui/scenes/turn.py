"""The turn screen: the world, your options, your plan, and End turn.

Top bar (date, turn, budget, score, tension), a main area with the map, the charts or the
projects, the investment panel by pillar with this turn's plan, and a news ticker. Ending
the turn runs the game on a worker; the window keeps drawing and shows progress.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.scenario.game import PILLAR_TITLES
from rare_earth_game.ui import cards, draw, glossary, text
from rare_earth_game.ui.charts import fmt
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.focus import Focusable
from rare_earth_game.ui.plan import Plan, first_payment
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes import turn_views
from rare_earth_game.ui.scenes.common import waiting
from rare_earth_game.ui.scroll import ScrollArea
from rare_earth_game.ui.worldmap import MapView

if TYPE_CHECKING:
    from rare_earth_game.game.actions import ActionOption
    from rare_earth_game.game.report import TurnReport
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.worker import Job

PILLARS = tuple(PILLAR_TITLES)
PILLAR_SHORT = {
    "domestic": "Domestic",
    "allies": "Allies",
    "batteries": "Batteries",
    "trade": "Trade",
    "stockpile_recycling": "Stockpile",
}
VIEWS = ("map", "charts", "projects")


def tension_word(value: float) -> str:
    if value < 0.3:
        return "Calm"
    if value < 0.55:
        return "Tense"
    if value < 0.8:
        return "High"
    return "Crisis"


class TurnScene(Scene):
    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game
        self.pillar = "domestic"
        self.view = "map"
        self.chart = "prices"
        self.good = game.world.key_goods[0] if game.world.key_goods else None
        self.job: Job[TurnReport] | None = None
        self.job_first_step = 0
        self.error = ""
        self.ticker_x = 0.0
        self.ticker_time = 0.0
        self.plan: Plan | None = None
        self.refresh()

    # --- game state (read only while no job runs) -------------------------------------------

    def refresh(self) -> None:
        session = self.match.session
        self.options: list[ActionOption] = session.available_actions()
        treasury = session.treasury
        keys = self.plan.keys if self.plan is not None else set()
        self.plan = Plan(treasury.draft())
        self.plan.chosen = [o for o in self.options if o.key in keys and o.available]
        adversary = session.scenario.game.adversary
        self.adversary = session.model.nations[adversary].name
        report = self.match.report
        card = report.scorecard if report else None
        self.status = {
            "team": session.team or "Your team",
            "player": session.model.nations[session.player].name,
            "date": session.date,
            "turn": f"Turn {min(session.turn + 1, session.turns)} of {session.turns}",
            "allowance": treasury.allowance,
            "savings": treasury.savings,
            "committed": treasury.committed,
            "carry_over": treasury.carry_over,
            "available": treasury.available,
            "score": card.score if card else None,
            "grade": card.grade if card else "",
            "baseline": card.baseline_score if card else None,
            "tension": session.model.tension(session.player, adversary),
        }
        # each project's title, how it stands, and the share of it paid for
        self.projects = [
            (
                project.card.title,
                project.describe(session.model, session.clock, session.turn),
                1.0
                if project.paid
                else min(1.0, (session.turn - project.started) / project.funding_turns),
            )
            for project in session.projects.values()
        ]
        self.finished = session.finished

    @property
    def world(self):
        return self.match.world

    # --- layout ---------------------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        width, height = self.size
        self.top_h = t.px(70)
        self.ticker_h = t.px(44)
        side = min(max(t.px(400), round(width * 0.33)), round(width * 0.4))
        self.side = pygame.Rect(width - side, self.top_h, side, height - self.top_h - self.ticker_h)
        self.main = pygame.Rect(0, self.top_h, width - side, self.side.height)
        pad = t.px(12)
        tab_h = t.px(46)
        x = self.main.x + pad
        for view, label, key in (
            ("map", "Map", "M"),
            ("charts", "Charts", "C"),
            ("projects", "Projects", "P"),
        ):
            rect = pygame.Rect(x, self.main.y + pad, t.px(108), tab_h)
            button = self.button(
                rect,
                label,
                lambda v=view: self.show(v),
                key=f"view:{view}",
                tooltip=f"{label} (key {key})",
            )
            if view == self.view:
                button.select()
            self.shortcuts[getattr(pygame, f"K_{key.lower()}")] = lambda v=view: self.show(v)
            x += rect.width + t.px(8)
        self.tabs_right = x
        self.content = pygame.Rect(
            self.main.x + pad,
            self.main.y + pad + tab_h + pad,
            self.main.width - 2 * pad,
            self.main.height - tab_h - 3 * pad,
        )
        if self.view == "map":
            self._layout_map(tab_h, pad)
        elif self.view == "charts":
            turn_views.layout_charts(self)
        self._layout_side()
        # Top bar buttons come last in the focus order; the plan and cards are the main path.
        right = width - t.px(12)
        for label, action, key, tip in (
            (
                "Menu",
                self.back,
                "menu",
                "Settings, help, or back to the title (Esc). The game is saved.",
            ),
            ("Help", self.help, "help", "How to play, glossary and keys (F1)."),
        ):
            rect = pygame.Rect(0, t.px(12), t.px(96), self.top_h - t.px(24))
            rect.right = right
            self.button(rect, label, action, key=key, tooltip=tip, object_id="@small")
            right = rect.x - t.px(8)
        self.bar_right = right
        for i, pillar in enumerate(PILLARS):
            self.shortcuts[pygame.K_1 + i] = lambda p=pillar: self.pick_pillar(p)
        self.shortcuts[pygame.K_e] = self.end_turn
        self.shortcuts[pygame.K_r] = self.show_summary
        self.shortcuts[pygame.K_LEFTBRACKET] = lambda: self.step_good(-1)
        self.shortcuts[pygame.K_RIGHTBRACKET] = lambda: self.step_good(1)

    def _layout_map(self, tab_h: int, pad: int) -> None:
        t = self.theme
        self.legend_rect = turn_views.legend_rect(self)
        area = self.content.copy()
        area.height = self.legend_rect.y - t.px(8) - area.y
        self.map = MapView(t, area, self.world)
        self.map.good = self.good
        goods = self._goods()
        if goods:
            arrow = t.px(46)
            right = self.main.right - pad
            nxt = pygame.Rect(right - arrow, self.main.y + pad, arrow, tab_h)
            self.good_label = pygame.Rect(
                self.tabs_right + t.px(8) + arrow + t.px(6),
                nxt.y,
                nxt.x - self.tabs_right - 2 * arrow - t.px(26),
                tab_h,
            )
            prev = pygame.Rect(self.tabs_right + t.px(8), nxt.y, arrow, tab_h)
            self.button(
                prev,
                "<",
                lambda: self.step_good(-1),
                key="good:prev",
                tooltip="Show the previous good's trade ( [ )",
            )
            self.button(
                nxt,
                ">",
                lambda: self.step_good(1),
                key="good:next",
                tooltip="Show the next good's trade ( ] )",
            )
        view = self.map
        self.focus.add(
            Focusable(
                rect=lambda: view.rect,
                activate=lambda: self.step_target(1),
                label="map",
                tooltip="The map: arrow keys step through nations (left/right) and facilities "
                "(up/down).",
            )
        )

    def _layout_side(self) -> None:
        t = self.theme
        pad = t.px(14)
        s = self.side
        self.side_head = pygame.Rect(s.x + pad, s.y + t.px(10), s.width - 2 * pad, t.px(56))
        gap = t.px(6)
        row_h = t.px(40)
        y = self.side_head.bottom + t.px(4)
        widest = max(
            t.font("small", bold=True).size(f"3 {v} (10)")[0] for v in PILLAR_SHORT.values()
        )
        per_row = 3 if 3 * (widest + t.px(24)) + 2 * gap <= s.width - 2 * pad else 2
        rows = [PILLARS[i : i + per_row] for i in range(0, len(PILLARS), per_row)]
        for row in rows:
            width = (s.width - 2 * pad - gap * (len(row) - 1)) // len(row)
            for i, pillar in enumerate(row):
                count = sum(1 for o in self.options if o.pillar == pillar and o.available)
                number = PILLARS.index(pillar) + 1
                rect = pygame.Rect(s.x + pad + i * (width + gap), y, width, row_h)
                button = self.button(
                    rect,
                    f"{number} {PILLAR_SHORT[pillar]} ({count})",
                    lambda p=pillar: self.pick_pillar(p),
                    key=f"pillar:{pillar}",
                    tooltip=f"{PILLAR_TITLES[pillar]}: {count} option(s) you can fund now. "
                    f"Key {number}.",
                    object_id="@small",
                )
                if pillar == self.pillar:
                    button.select()
            y += row_h + gap
        plan_h = t.px(170)
        self.cards_area = ScrollArea(
            pygame.Rect(s.x + pad, y + t.px(6), s.width - 2 * pad, s.bottom - y - plan_h - t.px(12))
        )
        self.plan_box = pygame.Rect(
            s.x + pad, self.cards_area.rect.bottom + t.px(8), s.width - 2 * pad, plan_h - t.px(10)
        )
        self._place_cards()
        end = pygame.Rect(
            self.plan_box.x + t.px(12),
            self.plan_box.bottom - t.px(70),
            self.plan_box.width - t.px(24),
            t.px(58),
        )
        self.button(
            end,
            "Finish" if self.finished else f"End turn {self.status['date']} (E)",
            self.end_turn,
            key="end",
            object_id="@primary",
            tooltip="Submit your plan. The other nations answer, markets clear, and the summary "
            "explains what changed.",
        )

    def _place_cards(self) -> None:
        t = self.theme
        area = self.cards_area
        width = area.rect.width - t.px(12)
        y = 0
        self.card_slots: list[tuple[ActionOption, pygame.Rect, pygame.Rect]] = []
        for option in self.visible_options():
            height, button = cards.card(
                None,
                option,
                pygame.Rect(0, y, width, 0),
                t,
                queued=self._queued(option),
                blocked=self._blocked(option),
                adversary=self.adversary,
            )
            self.card_slots.append((option, pygame.Rect(0, y, width, height), button))
            y += height + t.px(10)
        area.content_height = y
        area.scroll(0)
        for option, slot, button in self.card_slots:
            self.focus.add(
                Focusable(
                    rect=lambda b=button: b.move(area.rect.x, area.rect.y - area.offset),
                    activate=lambda o=option: self.toggle(o),
                    label=f"card:{option.key}",
                    tooltip=self._card_tip(option),
                    reveal=lambda s=slot: area.reveal(s.y, s.bottom),
                )
            )

    def visible_options(self) -> list[ActionOption]:
        chosen = [o for o in self.options if o.pillar == self.pillar]
        return sorted(
            chosen, key=lambda o: (not o.available and not self._queued(o), o.status != "new")
        )

    def _queued(self, option: ActionOption) -> bool:
        return self.plan is not None and option.key in self.plan.keys

    def _blocked(self, option: ActionOption) -> str | None:
        if self.plan is None or self._queued(option):
            return None
        return self.plan.why_not(option)

    def _card_tip(self, option: ActionOption) -> str:
        lines = [option.summary]
        terms = glossary.explain(option.title, option.summary, *option.effects)
        if terms:
            lines.append(terms)
        return "\n".join(lines)

    # --- actions ---------------------------------------------------------------------------------

    def show(self, view: str) -> None:
        if self.job is None:
            self.view = view
            self.app.ui.clear_and_reset()
            self.build()
            self.focus_label(f"view:{view}")

    def focus_label(self, label: str) -> None:
        for item in self.focus.items:
            if item.label == label:
                self.focus.focus_item(item)
                return

    def pick_pillar(self, pillar: str) -> None:
        if self.job is None:
            self.pillar = pillar
            self.app.ui.clear_and_reset()
            self.build()
            self.focus_label(f"pillar:{pillar}")

    def toggle(self, option: ActionOption) -> None:
        if self.job is not None or self.plan is None or self.finished:
            return
        focused = self.focus.current.label if self.focus.current else None
        reason = self.plan.toggle(option)
        self.error = reason or ""
        offset = self.cards_area.offset
        self.app.ui.clear_and_reset()
        self.build()
        self.cards_area.scroll(offset - self.cards_area.offset)
        if focused:
            self.focus_label(focused)

    def _goods(self) -> list[str]:
        traded = {f.commodity for f in self.world.flows}
        goods = list(self.world.key_goods)
        goods += [g for g in self.world.commodities if g in traded and g not in goods]
        return goods

    def step_good(self, step: int) -> None:
        goods = self._goods()
        if not goods:
            return
        index = goods.index(self.good) if self.good in goods else 0
        self.good = goods[(index + step) % len(goods)]
        if self.view == "map":
            self.map.good = self.good
        elif self.view == "charts":
            self.app.ui.clear_and_reset()
            self.build()

    def step_target(self, step: int, kind: str = "nation") -> None:
        if self.view != "map":
            return
        if kind == "nation":
            keys = [k for k in self.world.nations if k in self.map.anchors]
        else:
            keys = [f.key for f in self.world.facilities]
        if not keys:
            return
        current = (
            self.map.selected[1] if self.map.selected and self.map.selected[0] == kind else None
        )
        index = (keys.index(current) + step) % len(keys) if current in keys else 0
        self.map.selected = (kind, keys[index])

    def end_turn(self) -> None:
        if self.job is not None or self.plan is None:
            return
        if self.finished:
            self.open_debrief()
            return
        from rare_earth_game.ui import match

        self.error = ""
        self.job_first_step = self.match.session.model.turn
        self.job = match.end_turn(self.match, self.plan.actions())

    def show_summary(self) -> None:
        if self.job is None and self.match.report is not None:
            from rare_earth_game.ui.scenes.summary import SummaryScene

            self.app.push(SummaryScene(self.app, self.match))

    def open_debrief(self) -> None:
        from rare_earth_game.ui.scenes.debrief import DebriefScene

        self.app.replace(DebriefScene(self.app, self.match))

    def help(self) -> None:
        from rare_earth_game.ui.scenes.help import HelpScene

        self.app.push(HelpScene(self.app))

    def back(self) -> None:
        if self.job is None:
            from rare_earth_game.ui.scenes.menu import MenuScene

            self.app.push(MenuScene(self.app))

    def update(self, dt: float) -> None:
        self.ticker_time += dt
        if self.app.settings.moving_ticker:
            self.ticker_x += dt * self.theme.px(70)
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            try:
                job.result()
            except Exception as error:  # shown on screen and logged, never lost
                self.error = f"The turn could not be played: {shown(error)}"
                return
            self.plan = None
            self.refresh()
            self.ticker_x = 0.0
            from rare_earth_game.ui.scenes.summary import SummaryScene

            self.app.push(SummaryScene(self.app, self.match))

    def on_enter(self) -> None:
        if self.job is None:
            self.refresh()
            self.app.ui.clear_and_reset()
            self.build()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.job is not None:
            return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN)
        if self.cards_area.handle(event, self.theme.px(60)):
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            area = self.cards_area
            if area.rect.collidepoint(event.pos):
                y = event.pos[1] - area.rect.y + area.offset
                x = event.pos[0] - area.rect.x
                for option, slot, button in self.card_slots:
                    if slot.collidepoint(x, y):
                        self.focus_label(f"card:{option.key}")
                        if button.collidepoint(x, y):
                            self.toggle(option)
                        return True
            if self.view == "map" and self.map.rect.collidepoint(event.pos):
                self.map.selected = self.map.at(event.pos)
                self.focus_label("map")
                return True
        if event.type == pygame.MOUSEMOTION and self.view == "map":
            self.map.hover = self.map.at(event.pos)
        if (
            event.type == pygame.KEYDOWN
            and self.focus.current
            and self.focus.current.label == "map"
        ):
            moves = {
                pygame.K_RIGHT: (1, "nation"),
                pygame.K_LEFT: (-1, "nation"),
                pygame.K_DOWN: (1, "facility"),
                pygame.K_UP: (-1, "facility"),
            }
            if event.key in moves:
                self.step_target(*moves[event.key])
                return True
        if self.view == "charts":
            return turn_views.handle_charts(self, event)
        return False

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        surface.fill(p.bg)
        pygame.draw.rect(surface, p.panel, self.side)
        pygame.draw.line(surface, p.border, self.side.topleft, self.side.bottomleft, 1)
        self._draw_top_bar(surface)
        if self.view == "map":
            turn_views.draw_map(self, surface)
        elif self.view == "charts":
            turn_views.draw_charts(self, surface)
        else:
            turn_views.draw_projects(self, surface)
        self._draw_side(surface)
        self._draw_ticker(surface)

    def _draw_top_bar(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        width = surface.get_width()
        bar = pygame.Rect(0, 0, width, self.top_h)
        pygame.draw.rect(surface, p.panel, bar)
        pygame.draw.line(surface, p.border, bar.bottomleft, bar.bottomright, 1)
        s = self.status
        score = "after turn 1" if s["score"] is None else f"{s['score']:.0f}  {s['grade']}"
        base = "" if s["baseline"] is None else f"no new policy: {s['baseline']:.0f}"
        blocks = [
            (s["team"], s["player"], 1.1, "Your team and the nation you play."),
            (s["turn"], s["date"], 0.9, "Each turn is one year of the world's time."),
            (
                "Budget to spend|Budget",
                fmt(max(0.0, s["available"]), "musd"),
                1.0,
                f"Allowance {fmt(s['allowance'], 'musd')} a turn, plus savings "
                f"{fmt(s['savings'], 'musd')}, less {fmt(s['committed'], 'musd')} a turn "
                "already promised (installments, and running costs of funded projects). "
                f"{s['carry_over']:.0%} of unspent money is kept; the rest lapses.",
            ),
            (
                f"Score ({base})|Score" if base else "Score",
                score,
                1.1,
                "0-100: how close you are to the scenario's goals, beside the same world with no "
                "new policy from you (the baseline). See the Score chart.",
            ),
        ]
        tension_w = t.px(250)
        avail = self.bar_right - t.px(16) - tension_w
        total = sum(b[2] for b in blocks)
        x = t.px(16)
        caption, value = t.font("small"), t.font("large", bold=True)
        for first, second, weight, tip in blocks:
            w = round(avail * weight / total)
            box = pygame.Rect(x, t.px(8), w - t.px(12), self.top_h - t.px(16))
            fitting = [c for c in first.split("|") if caption.size(c)[0] <= box.width]
            text.line(
                surface,
                text.ellipsize(fitting[0] if fitting else first.split("|")[-1], caption, box.width),
                caption,
                p.muted_text,
                pygame.Rect(box.x, box.y, box.width, caption.get_height()),
            )
            text.line(
                surface,
                text.ellipsize(second, value, box.width),
                value,
                p.text,
                pygame.Rect(box.x, box.bottom - value.get_height(), box.width, value.get_height()),
            )
            self.hotspots.append(Hotspot(box, tip))
            x += w
        tension = float(s["tension"])
        box = pygame.Rect(x, t.px(8), tension_w - t.px(8), self.top_h - t.px(16))
        label = f"Tension with {self.adversary}: {tension:.2f} {tension_word(tension)}"
        text.line(
            surface,
            text.ellipsize(label, caption, box.width),
            caption,
            p.muted_text,
            pygame.Rect(box.x, box.y, box.width, caption.get_height()),
        )
        colour = (
            p.good_text if tension < 0.3 else (0xE6, 0x9F, 0x00) if tension < 0.8 else p.adversary
        )
        draw.meter(
            surface,
            pygame.Rect(box.x, box.bottom - t.px(18), box.width, t.px(16)),
            tension,
            t,
            colour,
            (0.3, 0.55, 0.8),
        )
        self.hotspots.append(
            Hotspot(
                box,
                glossary.GLOSSARY["Tension"]
                + " Ticks mark Calm, Tense, High and Crisis. Tariffs and hostile moves raise it; "
                "talks lower it.",
            )
        )

    def _draw_side(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        head = self.side_head
        big = t.font("large", bold=True)
        text.line(
            surface,
            f"Invest: {PILLAR_TITLES[self.pillar]}",
            big,
            p.text,
            pygame.Rect(head.x, head.y, head.width, big.get_height()),
        )
        small = t.font("small")
        plan = self.plan
        left = fmt(max(0.0, plan.remaining), "musd") if plan else "-"
        committed = fmt(plan.committed if plan else self.status["committed"], "musd")
        note = f"{left} left this turn · {committed} a turn committed"
        if small.size(note)[0] > head.width:
            note = f"{left} left this turn"
        text.line(
            surface,
            note,
            small,
            p.muted_text,
            pygame.Rect(head.x, head.bottom - small.get_height(), head.width, small.get_height()),
        )
        area = self.cards_area
        clip = surface.get_clip()
        surface.set_clip(area.rect)
        focused = self.focus.current.label if self.focus.current else ""
        for option, slot, _ in self.card_slots:
            rect = slot.move(area.rect.x, area.rect.y - area.offset)
            if rect.bottom < area.rect.y or rect.y > area.rect.bottom:
                continue
            cards.card(
                surface,
                option,
                rect,
                t,
                queued=self._queued(option),
                blocked=self._blocked(option),
                adversary=self.adversary,
                focused=focused == f"card:{option.key}",
            )
            visible = rect.clip(area.rect)
            if visible.height > 0:
                self.hotspots.append(Hotspot(visible, self._card_tip(option)))
        surface.set_clip(clip)
        if not self.card_slots:
            text.line(
                surface,
                "No options in this pillar.",
                t.font("body"),
                p.muted_text,
                area.rect,
                "center",
            )
        area.draw_bar(surface, t)
        box = self.plan_box
        draw.panel(surface, box, p.card, p.border, t.px(10))
        inner = box.inflate(-t.px(24), -t.px(16))
        bold = t.font("body", bold=True)
        count = len(plan.chosen) if plan else 0
        total = fmt(plan.total, "musd") if plan else "-"
        text.line(
            surface,
            f"Your plan ({count})",
            bold,
            p.text,
            pygame.Rect(inner.x, inner.y, inner.width * 2 // 5, bold.get_height()),
        )
        text.line(
            surface,
            f"{total} of {fmt(max(0.0, self.status['available']), 'musd')}",
            bold,
            p.text,
            pygame.Rect(
                inner.x + inner.width * 2 // 5, inner.y, inner.width * 3 // 5, bold.get_height()
            ),
            "right",
        )
        names = (
            " · ".join(o.title for o in plan.chosen)
            if plan and plan.chosen
            else "Nothing queued: add cards above, or end the turn to wait and see."
        )
        if self.error:
            names = self.error
        line_box = pygame.Rect(
            inner.x, inner.y + bold.get_height() + t.px(6), inner.width, small.get_linesize() * 2
        )
        lines = text.wrap(names, small, line_box.width)
        if len(lines) > 2:
            lines = [
                lines[0],
                text.ellipsize(lines[1] + " " + " ".join(lines[2:]), small, line_box.width),
            ]
        for i, words in enumerate(lines):
            text.line(
                surface,
                words,
                small,
                p.bad_text if self.error else p.muted_text,
                pygame.Rect(
                    line_box.x,
                    line_box.y + i * small.get_linesize(),
                    line_box.width,
                    small.get_linesize(),
                ),
            )
        if plan and plan.chosen:
            tip = "\n".join(
                f"{o.title}: {fmt(first_payment(o), 'musd')} this turn" for o in plan.chosen
            )
            self.hotspots.append(Hotspot(line_box, tip))

    def _draw_ticker(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        width, height = surface.get_size()
        bar = pygame.Rect(0, height - self.ticker_h, width, self.ticker_h)
        pygame.draw.rect(surface, p.panel, bar)
        pygame.draw.line(surface, p.border, bar.topleft, bar.topright, 1)
        font = t.font("body")
        label_w = t.px(118)
        label = pygame.Rect(bar.x, bar.y, label_w, bar.height)
        pygame.draw.rect(surface, p.raised, label)
        report = self.match.report
        text.line(
            surface,
            "NEWS" if report else "BRIEFING",
            t.font("small", bold=True),
            p.text,
            label,
            "center",
        )
        lane = pygame.Rect(
            label.right + t.px(12), bar.y, bar.width - label_w - t.px(24), bar.height
        )
        items = turn_views.news(self.match)
        if not items:
            return
        clip = surface.get_clip()
        surface.set_clip(lane)
        gap = t.px(60)
        widths = [font.size(s.text)[0] + t.px(34) for s in items]
        cycle = sum(widths) + gap * len(widths)
        if self.app.settings.moving_ticker:
            x = lane.x - (self.ticker_x % cycle)
            for _ in range(2):
                for sentence, w in zip(items, widths, strict=True):
                    if x + w > lane.x and x < lane.right:
                        draw.sentence_icon(
                            surface,
                            sentence.kind,
                            (round(x) + t.px(12), lane.centery),
                            t,
                            turn_views.tone_colour(t, sentence.tone),
                        )
                        surface.blit(
                            text.render(font, sentence.text, p.text),
                            (x + t.px(30), lane.centery - font.get_height() // 2),
                        )
                    x += w + gap
        else:
            index = int(self.ticker_time // 7) % len(items)
            sentence = items[index]
            draw.sentence_icon(
                surface,
                sentence.kind,
                (lane.x + t.px(12), lane.centery),
                t,
                turn_views.tone_colour(t, sentence.tone),
            )
            shown = text.ellipsize(
                f"{sentence.text}  ({index + 1}/{len(items)})", font, lane.width - t.px(34)
            )
            surface.blit(
                text.render(font, shown, p.text),
                (lane.x + t.px(30), lane.centery - font.get_height() // 2),
            )
        surface.set_clip(clip)
        self.hotspots.append(
            Hotspot(lane, "This turn's news. Press R to read the full summary again.")
        )

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            share = self.match.progress(self.job_first_step)
            step = math.floor(share * self.match.session.steps)
            steps = self.match.session.steps
            detail = f"Markets clearing: quarter {min(step + 1, steps)} of {steps}"
            waiting(surface, self.theme, f"Playing out {self.status['date']}…", detail, share)
