"""The turn screen: the world, your options, your plan, and End turn.

The screen is cut into panels (top bar, map, charts, projects, the plan, the news), each
laid out by its own panel. Where the window has room (about 1000×540 at 1×, e.g. 1366×768
at 1× or 1920×1080 at 1.5×) the plan sits beside the map; on smaller screens, or at a large
UI scale, the plan is a view of its own beside Map, Charts and Projects, and End turn stays
on the tab row. Ending the turn runs the game on a worker; the window keeps drawing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import layout, match
from rare_earth_game.ui.errors import shown
from rare_earth_game.ui.panels.charts_panel import ChartsPanel
from rare_earth_game.ui.panels.map_panel import MapPanel
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.panels.plan_panel import PILLARS, PlanPanel
from rare_earth_game.ui.panels.projects_panel import ProjectsPanel
from rare_earth_game.ui.panels.ticker import Ticker
from rare_earth_game.ui.panels.top_bar import TopBar
from rare_earth_game.ui.scene import Hotspot, Scene
from rare_earth_game.ui.scenes.common import waiting

if TYPE_CHECKING:
    from rare_earth_game.game.report import TurnReport
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.worker import Job

WIDE = (1000, 540)
"""The logical size from which the plan sits beside the map."""
VIEW_KEYS = {"invest": "I", "map": "M", "charts": "C", "projects": "P"}
VIEW_TITLES = {"invest": "Invest", "map": "Map", "charts": "Charts", "projects": "Projects"}


class TurnScene(Scene):
    pausable = True

    def __init__(self, app: App, game: Match) -> None:
        super().__init__(app)
        self.match = game
        self.view = "map"
        self.job: Job[TurnReport] | None = None
        self.job_first_step = 0
        self.top = TopBar(self, game)
        self.ticker = Ticker(self, game)
        self.plan = PlanPanel(self, game)
        self.views: dict[str, Panel] = {
            "map": MapPanel(self, game),
            "charts": ChartsPanel(self, game),
            "projects": ProjectsPanel(self, game),
        }

    # --- layout ---------------------------------------------------------------------------------

    @property
    def wide(self) -> bool:
        width, height = layout.logical(self.theme, self.size)
        return width >= WIDE[0] and height >= WIDE[1]

    def panels(self) -> list[Panel]:
        """The panels on screen now, in reading order."""
        shown = [self.top, self.views[self.view]] if self.view in self.views else [self.top]
        if self.wide or self.view == "invest":
            shown.append(self.plan)
        return [*shown, self.ticker]

    def layout(self) -> None:
        t = self.theme
        if self.wide and self.view == "invest":
            self.view = "map"
        width, height = self.size
        _, tall = layout.logical(t, self.size)
        top, rest = layout.cut_top(
            pygame.Rect(0, 0, width, height), t.px(70 if tall >= 500 else 48)
        )
        body, ticker = layout.cut_bottom(rest, t.px(40 if tall >= 500 else 32))
        if self.wide:
            side_w = min(max(t.px(420), round(width * 0.36)), round(width * 0.45))
            main, side = layout.cut_right(body, side_w)
        else:
            main, side = body, None
        self.main = main
        content = self._tabs(main)
        if self.view in self.views:
            self.views[self.view].layout(content)
        if side is not None:
            self.plan.layout(side, end_button=True)
        elif self.view == "invest":
            self.plan.layout(content, end_button=False)
        self.top.layout(top)
        self.ticker.layout(ticker)
        for i, pillar in enumerate(PILLARS):
            self.shortcuts[pygame.K_1 + i] = lambda p=pillar: self.pick_pillar(p)
        for view, key in VIEW_KEYS.items():
            if view != "invest" or not self.wide:
                self.shortcuts[getattr(pygame, f"K_{key.lower()}")] = lambda v=view: self.show(v)
        self.shortcuts[pygame.K_e] = self.end_turn
        self.shortcuts[pygame.K_r] = self.reread

    def _tabs(self, main: pygame.Rect) -> pygame.Rect:
        """The row of view tabs (and, without the side plan, End turn); returns the rest."""
        t = self.theme
        pad = t.px(10)
        row, content = layout.cut_top(layout.inset(main, pad), t.px(40), pad)
        views = [v for v in VIEW_KEYS if v != "invest" or not self.wide]
        widths = [t.button_width(VIEW_TITLES[v]) + t.px(8) for v in views]
        gap = t.px(6)
        if not self.wide:
            tabs_w = sum(widths) + gap * (len(views) - 1)
            end_w = max(t.px(120), min(t.px(300), row.width - tabs_w - t.px(8)))
            row, end = layout.cut_right(row, end_w, t.px(8))
            self.plan.end_button(end)
        cells, _ = layout.flow(row, widths, row.height, gap)
        for view, rect in zip(views, cells, strict=True):
            title, key = VIEW_TITLES[view], VIEW_KEYS[view]
            button = self.button(
                rect,
                title,
                lambda v=view: self.show(v),
                key=f"view:{view}",
                tooltip=f"{title} (key {key})",
            )
            if view == self.view:
                button.select()
        return content

    def hotspots(self) -> list[Hotspot]:
        return [spot for panel in self.panels() for spot in panel.hotspots()]

    def custom_widgets(self) -> list[tuple[str, pygame.Rect]]:
        return [w for panel in self.panels() for w in panel.custom_widgets()]

    # --- actions ---------------------------------------------------------------------------------

    def rebuild(self, focus: str | None = None) -> None:
        """Lay the whole screen out again (a new view or pillar), keeping or moving focus."""
        self.app.ui.clear_and_reset()
        self.build()
        if focus is not None:
            self.focus_label(focus)

    def show(self, view: str) -> None:
        if self.job is None and view != self.view:
            self.view = view
            self.rebuild(f"view:{view}")

    def focus_label(self, label: str) -> None:
        for item in self.focus.items:
            if item.label == label:
                self.focus.focus_item(item)
                return

    def pick_pillar(self, pillar: str) -> None:
        if self.job is None:
            self.plan.pillar = pillar
            if not self.wide:
                self.view = "invest"
            self.rebuild(f"pillar:{pillar}")

    def end_turn(self) -> None:
        """Submit the plan; an empty plan asks once before the year is played without moves."""
        if self.job is not None:
            return
        if self.match.session.finished:
            self.app.router.debrief(self.match)
            return
        if self.app.classroom.locked:
            self.plan.error = "Your teacher has locked End turn for now."
            self.rebuild("end")
            return
        if not self.plan.confirm_empty():
            return
        self.job_first_step = self.match.session.model.turn
        self.job = match.end_turn(self.match, self.plan.actions())

    def reread(self) -> None:
        """R: the last summary again, or the briefing before the first turn."""
        if self.job is not None:
            return
        if self.match.report is not None:
            self.app.router.summary(self.match)
        else:
            self.app.router.briefing(self.match)

    def back(self) -> None:
        if self.job is None:
            self.app.router.menu()

    def update(self, dt: float) -> None:
        self.ticker.update(dt, self.app.settings.moving_ticker)
        self.top.tick()
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            try:
                job.result()
            except Exception as error:  # shown on screen and logged, never lost
                self.plan.error = f"The turn could not be played: {shown(error)}"
                return
            self.plan.new_turn()
            self.app.classroom.new_turn()
            self.app.router.summary(self.match)

    def on_enter(self) -> None:
        if self.job is None:
            self.plan.refresh()
            self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.job is not None:
            return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN)
        return any(panel.handle(event) for panel in self.panels())

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.bg)
        for panel in self.panels():
            panel.draw(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.job is not None:
            share = self.match.progress(self.job_first_step)
            steps = self.match.session.steps
            step = math.floor(share * steps)
            detail = f"Markets clearing: quarter {min(step + 1, steps)} of {steps}"
            date = self.match.session.date
            waiting(surface, self.theme, f"Playing out {date}…", detail, share)
