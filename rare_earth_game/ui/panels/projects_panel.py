"""The projects view: your projects and how far each has come, beside the key figures.

Before the first turn the left column lists what the world is already building and the
right one where you start; afterwards, your projects and last turn's figures. Both columns
scroll (mouse wheel, or Up and Down while one has the keyboard focus), so nothing is left
off a long list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import draw, layout
from rare_earth_game.ui.column import Column, Figure, Mark
from rare_earth_game.ui.focus import Focusable
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.world import STAGE_TITLES, STAGES
from rare_earth_game.ui.worldmap import FACILITY_TITLES

if TYPE_CHECKING:
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.scenes.turn import TurnScene


class ProjectsPanel(Panel):
    scene: TurnScene

    def __init__(self, scene: TurnScene, game: Match) -> None:
        super().__init__(scene, game)
        self.columns: list[Column] = []
        self.titles: list[Label] = []
        self.frames: list[pygame.Rect] = []

    def layout(self, rect: pygame.Rect) -> None:
        super().layout(rect)
        t = self.theme
        if rect.width >= t.px(640):
            halves = layout.columns(rect, [1, 1], t.px(12))
        else:
            halves = list(layout.cut_top(rect, rect.height // 2, t.px(10)))
        started = self.match.report is not None
        self.frames, self.titles, self.columns = halves, [], []
        big = t.font("large", bold=True)
        for frame, title in zip(
            halves, ("Your projects", "Last turn" if started else "Where you start"), strict=True
        ):
            head, body = layout.cut_top(
                layout.inset(frame, t.px(14), t.px(10)), big.get_linesize(), t.px(8)
            )
            self.titles.append(Label(title, head, big, t.palette.text))
            self.columns.append(Column.at(body, t))
        self._projects(self.columns[0])
        self._figures(self.columns[1])
        for i, column in enumerate(self.columns):
            self.scene.focus.add(
                Focusable(
                    rect=lambda c=column: c.area.rect,
                    activate=lambda: None,
                    label=f"projects:{i}",
                    tooltip="Up and Down scroll this list.",
                )
            )
        self._spots()

    # --- content ---------------------------------------------------------------------------------

    def _projects(self, column: Column) -> None:
        """Each project's title, how it stands and how much is paid; the world's before any."""
        t = self.theme
        p = t.palette
        session = self.match.session
        body, small = t.font("body"), t.font("small")
        y = 0
        for project in session.projects.values():
            paid = (
                1.0
                if project.paid
                else min(1.0, (session.turn - project.started) / project.funding_turns)
            )
            y = column.wrapped(project.card.title, body, p.text, y)
            meter = pygame.Rect(
                0, y + (small.get_linesize() - t.px(14)) // 2, column.width // 2, t.px(14)
            )
            column.mark(Mark("meter", meter, p.accent, paid))
            state = project.describe(session.model, session.clock, session.turn)
            y = column.wrapped(state, small, p.muted_text, y, meter.right + t.px(10)) + t.px(10)
        if not session.projects:
            y = column.wrapped("None of your own yet.", body, p.text, y)
            y = column.wrapped(
                "Funded cards appear here: paid for, being built, operating or shut.",
                small,
                p.muted_text,
                y,
            ) + t.px(10)
            y = self._world_projects(column, y)
        column.finish(y)

    def _world_projects(self, column: Column, y: int) -> int:
        """What the world is already building when the game starts."""
        t = self.theme
        p = t.palette
        world = self.match.world
        building = sorted(
            (f for f in world.facilities if f.status == "building"), key=lambda f: (f.opens, f.name)
        )
        if not building:
            return y
        y = column.wrapped(
            "Already being built around the world", t.font("body", bold=True), p.text, y
        )
        for facility in building:
            nation = world.nations.get(facility.nation)
            kind = FACILITY_TITLES.get(facility.kind, facility.kind)
            where = nation.name if nation else facility.nation
            y = column.wrapped(facility.name, t.font("small", bold=True), p.text, y + t.px(4))
            y = column.wrapped(
                f"{kind} in {where}, opens about {facility.opens}", t.font("small"), p.muted_text, y
            )
        return y

    def _figures(self, column: Column) -> None:
        t = self.theme
        report = self.match.report
        figures = [Figure.of(n) for n in report.numbers] if report else self._opening_figures()
        y = 0
        for figure in figures:
            y = column.figure(figure, y, first_turn_word="new" if report else "") + t.px(8)
        column.finish(y)

    def _opening_figures(self) -> list[Figure]:
        """Where the player starts: the opening quarter's security, prices and producers."""
        world = self.match.world
        row = world.opening or {}
        adversary = world.nations.get(world.adversary)
        them = adversary.name if adversary else "the adversary"
        figures = []
        for key, label in (
            ("player.supply_security", "Demand met from outside " + them),
            ("player.clean_supply", f"Demand met free of {them} inputs"),
        ):
            if key in row:
                figures.append(
                    Figure(
                        label,
                        fmt(float(row[key]), "share"),
                        None,
                        None,
                        f"{label}, {world.opening_date}.",
                    )
                )
        for good in world.key_goods:
            key = f"{good}.price_outside.{world.adversary}"
            if key in row:
                name = world.commodities.get(good, good)
                figures.append(
                    Figure(
                        f"{name} price outside {them}",
                        fmt(float(row[key]), "usd_kg"),
                        None,
                        None,
                        f"What buyers outside {them} paid, {world.opening_date}.",
                    )
                )
        for stage in STAGES:
            share = world.stage_shares.get(stage, {}).get(world.adversary)
            if share:
                figures.append(
                    Figure(
                        f"{them}'s share of {STAGE_TITLES[stage].lower()}",
                        fmt(share, "share"),
                        None,
                        None,
                        f"{them} produced this share of the world's output, {world.opening_date}.",
                    )
                )
        return figures

    # --- input and hover -------------------------------------------------------------------------

    def _spots(self) -> None:
        self.spots = [spot for column in self.columns for spot in column.hotspots()]

    def handle(self, event: pygame.event.Event) -> bool:
        step = self.theme.px(40)
        focused = self.scene.focus.current
        for i, column in enumerate(self.columns):
            keyed = event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN)
            if keyed and focused is not None and focused.label == f"projects:{i}":
                column.area.scroll(step if event.key == pygame.K_DOWN else -step)
                self._spots()
                return True
            if event.type == pygame.MOUSEWHEEL and column.area.handle(event, step):
                self._spots()
                return True
        return False

    # --- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        for frame, title, column in zip(self.frames, self.titles, self.columns, strict=True):
            draw.panel(surface, frame, p.card, p.border, t.px(10))
            title.draw(surface)
            column.draw(surface)
