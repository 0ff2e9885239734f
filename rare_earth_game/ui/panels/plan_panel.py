"""The plan: this turn's options by pillar, the chosen card's detail, your plan, End turn.

The list holds compact rows, one per card, each with its own Add button and a height that
stays put all turn; the detail of the selected card sits beside the list where there is
room, under it where there is not, and scrolls on its own. Adding a card changes the row's
button and the plan's total, not the layout: the list stays where it was, and so does the
keyboard focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from rare_earth_game.scenario.game import PILLAR_TITLES
from rare_earth_game.ui import draw, glossary, layout, text
from rare_earth_game.ui.cards import Row, detail_labels, plan_row
from rare_earth_game.ui.focus import Focusable
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.panels.panel import Panel
from rare_earth_game.ui.plan import Plan, first_payment
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.scroll import ScrollArea
from rare_earth_game.ui.text import Label

if TYPE_CHECKING:
    import pygame_gui

    from rare_earth_game.game.actions import ActionOption
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.scenes.turn import TurnScene

PILLARS = tuple(PILLAR_TITLES)
PILLAR_SHORT = {
    "domestic": "Domestic",
    "allies": "Allies",
    "batteries": "Batteries",
    "trade": "Trade",
    "stockpile_recycling": "Stockpile",
}
PILLAR_SHAPES = {
    "domestic": "triangle",
    "allies": "circle",
    "batteries": "square",
    "trade": "diamond",
    "stockpile_recycling": "hexagon",
}
"""Each pillar's marker, on the plan's rows and the debrief's timeline alike."""


class PlanPanel(Panel):
    scene: TurnScene

    def __init__(self, scene: TurnScene, game: Match) -> None:
        super().__init__(scene, game)
        self.pillar = "domestic"
        self.selected: str | None = None  # the option key whose detail shows
        self.error = ""
        self.confirming = False  # End turn was pressed once with an empty plan
        self.plan: Plan | None = None
        self.list = ScrollArea(pygame.Rect(0, 0, 0, 0))
        self.detail = ScrollArea(pygame.Rect(0, 0, 0, 0))
        self.rows: list[Row] = []
        self.labels: list[Label] = []
        self.detail_labels: list[Label] = []
        self.box = pygame.Rect(0, 0, 0, 0)
        self.end: pygame_gui.elements.UIButton | None = None
        self.refresh()

    # --- game state (read while no job runs) ---------------------------------------------------

    def refresh(self) -> None:
        session = self.match.session
        self.options: list[ActionOption] = session.available_actions()
        keys = self.plan.keys if self.plan is not None else set()
        self.plan = Plan(session.treasury.draft())
        self.plan.chosen = [o for o in self.options if o.key in keys and o.available]
        adversary = session.scenario.game.adversary
        self.adversary = session.model.nations[adversary].name

    def new_turn(self) -> None:
        self.plan = None
        self.confirming = False
        self.error = ""
        self.refresh()

    def actions(self) -> list:  # type: ignore[type-arg]
        return self.plan.actions() if self.plan else []

    def queued(self, option: ActionOption) -> bool:
        return self.plan is not None and option.key in self.plan.keys

    def blocked(self, option: ActionOption) -> str | None:
        if self.plan is None or self.queued(option):
            return None
        return self.plan.why_not(option)

    def visible_options(self) -> list[ActionOption]:
        chosen = [o for o in self.options if o.pillar == self.pillar]
        return sorted(chosen, key=lambda o: (not o.available, o.status != "new"))

    # --- layout ------------------------------------------------------------------------------

    def end_button(self, rect: pygame.Rect) -> None:
        """End turn, wherever the scene puts it (under the plan, or on the tab row)."""
        finished = self.match.session.finished
        date = self.match.session.date
        words = ["Finish"] if finished else [f"End turn {date} (E)", f"End {date} (E)", "End (E)"]
        locked = self.scene.app.classroom.locked and not finished
        self.end = self.scene.button(
            rect,
            ["Locked by teacher", "Locked"] if locked else words,
            self.scene.end_turn,
            key="end",
            object_id="@primary",
            tooltip="Your teacher has locked End turn: the class talks first."
            if locked
            else "Submit your plan. The other nations answer, markets clear, and the summary "
            "explains what changed.",
            enabled=not locked,
        )
        if self.confirming:
            self._ask()

    def layout(self, rect: pygame.Rect, end_button: bool = True) -> None:
        """Header, pillar tabs, the list and the detail, the plan box; a low panel (a small
        screen, a large scale) leaves out the header, which the tabs and the box repeat."""
        super().layout(rect)
        t = self.theme
        pad = t.px(12)
        inner = layout.inset(rect, pad)
        self.labels = []
        self.compact = rect.height < t.px(420)
        y = inner.y if self.compact else self._header(inner)
        y = self._pillars(pygame.Rect(inner.x, y, inner.width, inner.bottom - y))
        body = pygame.Rect(inner.x, y + t.px(8), inner.width, inner.bottom - y - t.px(8))
        box_h = self._box_height(end_button)
        if body.width >= t.px(440) or body.height - box_h < t.px(280):  # too low to stack
            left, right = layout.columns(body, [0.5, 0.5], t.px(12))
            self.list.rect = left
            detail, self.box = layout.cut_bottom(right, box_h, t.px(10))
        else:
            rest, self.box = layout.cut_bottom(body, box_h, t.px(10))
            list_h = max(min(rest.height, t.px(150)), round(rest.height * 0.55))
            self.list.rect, detail = layout.cut_top(rest, list_h, t.px(10))
        self.detail.rect = detail
        if end_button:
            end = pygame.Rect(0, 0, self.box.width - 2 * t.px(12), t.px(50))
            end.midbottom = (self.box.centerx, self.box.bottom - t.px(12))
            self.end_button(end)
        self._rows()
        self._select(self.selected)
        self._plan_box()
        self._spots()

    def _header(self, inner: pygame.Rect) -> int:
        t = self.theme
        p = t.palette
        big, small = t.font("large", bold=True), t.font("small")
        title = PILLAR_TITLES[self.pillar]
        options = [f"Invest: {title}", f"Invest: {PILLAR_SHORT[self.pillar]}"]
        words = layout.fit(big, options, inner.width)
        box = pygame.Rect(inner.x, inner.y, inner.width, big.get_linesize())
        self.labels.append(Label(words, box, big, p.text))
        self.money = pygame.Rect(inner.x, box.bottom, inner.width, small.get_linesize())
        return self.money.bottom + t.px(6)

    def _pillars(self, area: pygame.Rect) -> int:
        """The pillar tabs, as many to a row as their names allow; returns the y below."""
        t = self.theme
        gap = t.px(6)
        counts = {
            pillar: sum(1 for o in self.options if o.pillar == pillar and o.available)
            for pillar in PILLARS
        }

        def words(pillar: str) -> list[str]:
            n, name = PILLARS.index(pillar) + 1, PILLAR_SHORT[pillar]
            return [f"{n} {name} ({counts[pillar]})", f"{n} {name}", name]

        per_row = 2
        for candidate in (5, 3):
            width = (area.width - gap * (candidate - 1)) // candidate
            if all(t.button_width(words(p)[1], "@small") <= width for p in PILLARS):
                per_row = candidate
                break
        height = t.px(36)
        cells = layout.grid(area, len(PILLARS), per_row, height, gap)
        for pillar, cell in zip(PILLARS, cells, strict=True):
            number = PILLARS.index(pillar) + 1
            button = self.scene.button(
                cell,
                words(pillar),
                lambda p=pillar: self.scene.pick_pillar(p),
                key=f"pillar:{pillar}",
                tooltip=f"{PILLAR_TITLES[pillar]}: {counts[pillar]} option(s) you can fund now. "
                f"Key {number}.",
                object_id="@small",
            )
            if pillar == self.pillar:
                button.select()
        return cells[-1].bottom

    def _box_height(self, end_button: bool) -> int:
        t = self.theme
        notes = 0 if self.compact else 2
        lines = t.font("body", bold=True).get_linesize() + notes * t.font("small").get_linesize()
        return t.px(12) + lines + t.px(14) + (t.px(62) if end_button else 0)

    def _rows(self) -> None:
        """The list's rows and their places in the focus order."""
        t = self.theme
        width = self.list.rect.width - t.px(12)
        y = 0
        self.rows = []
        for option in self.visible_options():
            row = plan_row(option, y, width, t)
            self.rows.append(row)
            y = row.rect.bottom + t.px(8)
        self.list.content_height = y
        self.list.scroll(0)
        if self.rows and self.selected not in {r.option.key for r in self.rows}:
            self.selected = self.rows[0].option.key
        area = self.list
        for row in self.rows:
            self.scene.focus.add(
                Focusable(
                    rect=lambda r=row: self.on_screen(r.button),
                    activate=lambda o=row.option: self.toggle(o),
                    label=f"card:{row.option.key}",
                    tooltip=self._tip(row.option),
                    reveal=lambda r=row: (area.reveal(r.rect.y, r.rect.bottom), self._spots()),
                    on_focus=lambda on, o=row.option: on and self._select(o.key),
                )
            )

    def on_screen(self, rect: pygame.Rect) -> pygame.Rect:
        """A rectangle in list coordinates, where it is on the window now."""
        return rect.move(self.list.rect.x, self.list.rect.y - self.list.offset)

    def _select(self, key: str | None) -> None:
        """Show this card's detail (laid out here, once per choice)."""
        self.selected = key
        option = next((r.option for r in self.rows if r.option.key == key), None)
        self.detail.offset = 0
        if option is None:
            self.detail_labels = []
            self.detail.content_height = 0
            return
        t = self.theme
        box = layout.inset(self.detail.rect, t.px(14), t.px(10))
        box.width -= t.px(8)  # the scroll bar
        self.detail_labels = detail_labels(
            option,
            pygame.Rect(0, 0, box.width, 0),
            t,
            queued=self.queued(option),
            blocked=self.blocked(option),
            adversary=self.adversary,
            when=self._when(option),
        )
        bottom = max((label.rect.bottom for label in self.detail_labels), default=0)
        self.detail.content_height = bottom + 2 * t.px(10)

    def _when(self, option: ActionOption) -> str:
        session = self.match.session
        turn = session.turn + option.lead_turns
        if option.lead_turns == 0:
            return ""
        if turn < session.turns:
            return f", in {session.label(turn)}"
        return ", after this game's last turn"

    def _plan_box(self) -> None:
        t = self.theme
        p = t.palette
        bold, small = t.font("body", bold=True), t.font("small")
        inner = layout.inset(self.box, t.px(12), t.px(10))
        plan = self.plan
        count = len(plan.chosen) if plan else 0
        total = fmt(plan.total if plan else 0.0, "musd")
        available = fmt(max(0.0, self.match.session.treasury.available), "musd")
        head = pygame.Rect(inner.x, inner.y, inner.width, bold.get_linesize())
        amount = layout.fit(bold, [f"{total} of {available}", total], inner.width // 2)
        self.box_labels = [
            Label(f"Your plan ({count})", head, bold, p.text),
            Label(amount, head, bold, p.text, "right"),
        ]
        if self.compact:
            self._compact_box(head, small, bold)
            return
        room = 2
        if self.error:
            options = [self.error, "Not added: see the card's detail for why."]
            note, colour = layout.fit_lines(small, options, inner.width, room), p.bad_text
        elif self.confirming:
            options = [
                "Your plan is empty. Press End turn again to let the year pass with no moves.",
                "Empty plan: press End turn again to confirm.",
                "Press End again to confirm.",
            ]
            note, colour = layout.fit_lines(small, options, inner.width, room), p.bad_text
        elif plan and plan.chosen:
            note, colour = self._names(plan.chosen, small, inner.width), p.muted_text
        else:
            options = [
                "Nothing queued yet: add cards, or end the turn to wait and see.",
                "Nothing queued yet.",
            ]
            note, colour = layout.fit_lines(small, options, inner.width, room), p.muted_text
        y = head.bottom + t.px(4)
        for line in text.wrap(note, small, inner.width)[:room]:
            box = pygame.Rect(inner.x, y, inner.width, small.get_linesize())
            self.box_labels.append(Label(line, box, small, colour))
            y += small.get_linesize()
        if not self.compact:
            money = f"{fmt(max(0.0, plan.remaining), 'musd') if plan else '-'} left this turn"
            committed = fmt(plan.committed if plan else 0.0, "musd")
            options = [f"{money} · {committed} a turn committed", money]
            words = layout.fit(small, options, self.money.width)
            self.labels = [*self.labels[:1], Label(words, self.money, small, p.muted_text)]

    def _compact_box(
        self, head: pygame.Rect, small: pygame.font.Font, bold: pygame.font.Font
    ) -> None:
        """A low plan box has one line: the plan and its total, or what needs saying."""
        p = self.theme.palette
        if self.error:
            options = [self.error, "Not added: see the card's detail.", "Not added."]
        elif self.confirming:
            options = ["Empty plan: press End again to confirm.", "Press End again."]
        else:
            return
        words = layout.fit(small, options, head.width)
        self.box_labels = [Label(words, head, small, p.bad_text)]

    def _names(self, chosen: list[ActionOption], font: pygame.font.Font, width: int) -> str:
        """The plan's titles in the box's lines, the rest counted ("+ 3 more")."""
        titles = [o.title for o in chosen]
        lines = 2
        for shown in range(len(titles), 0, -1):
            more = len(titles) - shown
            words = " · ".join(titles[:shown]) + (f" · + {more} more" if more else "")
            if len(text.wrap(words, font, width)) <= lines:
                return words
        return f"{len(titles)} cards"

    def _tip(self, option: ActionOption) -> str:
        return glossary.explain(option.title, option.summary, *option.effects) or option.summary

    def _spots(self) -> None:
        """Hover spots for the rows in view, the detail and the plan (after any scroll)."""
        area = self.list.rect
        self.spots = []
        for row in self.rows:
            visible = self.on_screen(row.rect).clip(area)
            if visible.height > 0:
                self.spots.append(Hotspot(visible, self._tip(row.option)))
        plan = self.plan
        if plan and plan.chosen:
            tip = "\n".join(
                f"{o.title}: {fmt(first_payment(o), 'musd')} this turn" for o in plan.chosen
            )
            self.spots.append(Hotspot(self.box, tip))

    def custom_widgets(self) -> list[tuple[str, pygame.Rect]]:
        area = self.list.rect
        out = []
        for row in self.rows:
            button = self.on_screen(row.button)
            if area.contains(button):
                out.append((f"row button {row.option.title}", button))
        return out

    # --- actions -----------------------------------------------------------------------------

    def toggle(self, option: ActionOption) -> None:
        """Add or remove a card; the list, its scroll and the focus stay as they are."""
        if self.scene.job is not None or self.plan is None or self.match.session.finished:
            return
        self.error = self.plan.toggle(option) or ""
        self.confirming = False
        if self.end is not None:
            self.end.set_text(self.end_words())
        self._select(option.key)
        self._plan_box()
        self._spots()

    def end_words(self) -> str:
        """End turn's label, the longest wording that fits its button."""
        t = self.theme
        date = self.match.session.date
        assert self.end is not None
        options = [f"End turn {date} (E)", f"End {date} (E)", "End (E)"]
        if self.confirming:
            options = ["Confirm: end with no moves (E)", "Confirm (E)", "Yes (E)"]
        width = self.end.rect.width
        return next((w for w in options if t.button_width(w, "@primary") <= width), options[-1])

    def confirm_empty(self) -> bool:
        """True if the turn may end now; an empty plan asks once first."""
        if (self.plan and self.plan.chosen) or self.confirming:
            return True
        self._ask()
        return False

    def _ask(self) -> None:
        self.confirming = True
        if self.end is not None:
            self.end.set_text(self.end_words())
        self._plan_box()

    def handle(self, event: pygame.event.Event) -> bool:
        step = self.theme.px(60)
        mouse = pygame.mouse.get_pos()
        if event.type == pygame.MOUSEWHEEL and self.detail.rect.collidepoint(mouse):
            return self.detail.handle(event, step)
        if self.list.handle(event, step):
            self._spots()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            return self._step(-1 if event.key == pygame.K_UP else 1)
        return False

    def _click(self, pos: tuple[int, int]) -> bool:
        if not self.list.rect.collidepoint(pos):
            return False
        for row in self.rows:
            if self.on_screen(row.rect).collidepoint(pos):
                self.scene.focus_label(f"card:{row.option.key}")
                if self.on_screen(row.button).collidepoint(pos):
                    self.toggle(row.option)
                return True
        return False

    def _step(self, step: int) -> bool:
        """Up and Down move between cards while one has the focus."""
        current = self.scene.focus.current
        keys = [f"card:{r.option.key}" for r in self.rows]
        if current is None or current.label not in keys:
            return False
        index = (keys.index(current.label) + step) % len(keys)
        self.scene.focus_label(keys[index])
        return True

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        pygame.draw.rect(surface, p.panel, self.rect)
        pygame.draw.line(surface, p.border, self.rect.topleft, self.rect.bottomleft, 1)
        for label in self.labels:
            label.draw(surface)
        self._draw_rows(surface)
        self._draw_detail(surface)
        draw.panel(surface, self.box, p.card, p.border, t.px(10))
        for label in self.box_labels:
            label.draw(surface)

    def _draw_rows(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        area = self.list
        if not self.rows:
            text.line(
                surface,
                "No options in this pillar.",
                t.font("body"),
                p.muted_text,
                area.rect,
                "center",
            )
            return
        clip = surface.get_clip()
        surface.set_clip(area.rect)
        focused = self.scene.focus.current.label if self.scene.focus.current else ""
        for row in self.rows:
            rect = self.on_screen(row.rect)
            if rect.bottom < area.rect.y or rect.y > area.rect.bottom:
                continue
            option = row.option
            queued, blocked = self.queued(option), self.blocked(option)
            chosen = option.key == self.selected
            fill = p.raised if chosen else p.card if not blocked else p.panel
            draw.panel(
                surface, rect, fill, p.accent if queued else p.border, t.px(8), 3 if queued else 1
            )
            shape = PILLAR_SHAPES.get(option.pillar, "circle")
            first = row.labels[0].rect.move(rect.x, rect.y - row.rect.y)
            draw.marker(
                surface,
                shape,
                (rect.x + t.px(9), first.centery),
                t.px(5),
                p.accent if queued else p.muted_text,
                p.bg,
                1,
            )
            for label in row.labels:
                moved = label.rect.move(rect.x, rect.y - row.rect.y)
                text.line(surface, label.words, label.font, label.colour, moved)
            button = self.on_screen(row.button)
            add, remove, cannot = row.words
            label = remove if queued else cannot if blocked else add
            fill = p.raised if queued or blocked else p.accent
            ink = p.text if queued else (p.disabled_text if blocked else p.accent_text)
            border = p.text if focused == f"card:{option.key}" else p.border
            draw.panel(surface, button, fill, border, t.px(8), 1)
            text.line(surface, label, t.font("small", bold=True), ink, button, "center")
        surface.set_clip(clip)
        area.draw_bar(surface, t)

    def _draw_detail(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        area = self.detail
        draw.panel(surface, area.rect, p.card, p.border, t.px(10))
        origin = (area.rect.x + t.px(14), area.rect.y + t.px(10) - area.offset)
        clip = surface.get_clip()
        inner = layout.inset(area.rect, 2)
        surface.set_clip(inner)
        for label in self.detail_labels:
            rect = label.rect.move(origin)
            if rect.bottom > inner.y and rect.y < inner.bottom:
                text.line(surface, label.words, label.font, label.colour, rect)
        surface.set_clip(clip)
        area.draw_bar(surface, t)
