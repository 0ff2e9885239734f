"""A scene is one screen: it lays out its widgets and hover spots, handles input, and draws.

Only the top scene of the app's stack has live pygame_gui widgets; a scene that becomes the
top again rebuilds them. So a change of window size, UI scale or theme is just a rebuild,
and no scene ever sees stale widgets. Everything a frame shows is worked out in `layout`
(or when input changes it); `draw` only paints, so drawing never changes what is on screen
next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from rare_earth_game.ui import layout
from rare_earth_game.ui.focus import Focusable, FocusRing
from rare_earth_game.ui.theme import Theme

if TYPE_CHECKING:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.worker import Job


@dataclass(frozen=True)
class Hotspot:
    """A region of custom drawing that explains itself when hovered."""

    rect: pygame.Rect
    tooltip: str


class Scene:
    title = ""
    pausable = False
    """A screen of the game in play: the teacher's pause covers it and its timer runs."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.focus = FocusRing()
        self.actions: dict[pygame_gui.core.UIElement, Callable[[], None]] = {}
        self.spots: list[Hotspot] = []
        self.shortcuts: dict[int, Callable[[], None]] = {}
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.widget_tips: list[tuple[pygame_gui.core.UIElement, str]] = []
        self.focusables: dict[pygame_gui.core.UIElement, Focusable] = {}

    # --- life cycle ----------------------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        return self.app.theme

    @property
    def ui(self) -> pygame_gui.UIManager:
        return self.app.ui

    @property
    def size(self) -> tuple[int, int]:
        return self.app.window.get_size()

    def build(self) -> None:
        """Create this scene's widgets for the current size and theme."""
        focused = self.focus.current.label if self.focus.current else None
        self.focus.clear()
        self.actions.clear()
        self.buttons.clear()
        self.spots = []
        self.widget_tips = []
        self.focusables = {}
        self.shortcuts = {}
        self.layout()
        if focused is not None:
            for item in self.focus.items:
                if item.label == focused:
                    self.focus.focus_item(item)
                    break

    def layout(self) -> None:
        """Subclasses place their widgets and hover spots here."""

    def hotspots(self) -> list[Hotspot]:
        """What explains itself when hovered, as laid out."""
        return self.spots

    def custom_widgets(self) -> list[tuple[str, pygame.Rect]]:
        """Controls the scene draws itself (not pygame_gui's), for the layout tests."""
        return []

    @property
    def waiting_on(self) -> Job[Any] | None:
        """The background work (a turn, a game being opened) the player is waiting for."""
        job: Job[Any] | None = getattr(self, "job", None)
        return job

    @property
    def busy(self) -> bool:
        """True while background work runs and the screen shows its progress."""
        return self.waiting_on is not None

    def on_enter(self) -> None:
        """Called when the scene becomes the top one (after build)."""

    def update(self, dt: float) -> None:
        """Advance animations; poll background work."""

    def draw(self, surface: pygame.Surface) -> None:
        """Custom drawing under the widgets."""
        surface.fill(self.theme.palette.bg)

    def draw_over(self, surface: pygame.Surface) -> None:
        """Custom drawing over the widgets (overlays)."""

    def handle(self, event: pygame.event.Event) -> bool:
        """Scene-level input; True when used."""
        return False

    def back(self) -> None:
        """What Escape does."""

    # --- helpers ----------------------------------------------------------------------------

    def button(
        self,
        rect: pygame.Rect,
        label: str | Sequence[str],
        action: Callable[[], None],
        *,
        key: str | None = None,
        tooltip: str = "",
        object_id: str | None = None,
        container: pygame_gui.core.IContainerLikeInterface | None = None,
        enabled: bool = True,
        reveal: Callable[[], None] | None = None,
        focusable: bool = True,
    ) -> pygame_gui.elements.UIButton:
        """A button that runs `action` on click, Enter or Space, and joins the focus order.

        `label` may be several wordings, longest first: the first that fits is shown (and
        `key`, or the first wording, names the button)."""
        wordings = [label] if isinstance(label, str) else list(label)
        label = next(
            (w for w in wordings if self.theme.button_width(w, object_id) <= rect.width),
            wordings[-1],
        )
        key = key or wordings[0]
        element = pygame_gui.elements.UIButton(
            rect,
            label,
            manager=self.ui,
            container=container,
            object_id=pygame_gui.core.ObjectID(class_id=object_id) if object_id else None,
        )
        if not enabled:
            element.disable()
        self.actions[element] = action
        self.buttons[key] = element
        if focusable:
            self.focusables[element] = self.focus.add(
                Focusable(
                    rect=lambda: element.rect,
                    activate=action,
                    label=key,
                    tooltip=tooltip,
                    reveal=reveal,
                    enabled=lambda: element.is_enabled,
                )
            )
        if tooltip:
            self.widget_tips.append((element, tooltip))
        return element

    def label(
        self,
        rect: pygame.Rect,
        label: str,
        *,
        object_id: str | None = None,
        container: pygame_gui.core.IContainerLikeInterface | None = None,
    ) -> pygame_gui.elements.UILabel:
        return pygame_gui.elements.UILabel(
            rect,
            label,
            manager=self.ui,
            container=container,
            object_id=pygame_gui.core.ObjectID(class_id=object_id) if object_id else None,
        )

    def ui_event(self, event: pygame.event.Event) -> bool:
        """Dispatch a pygame_gui event to the action registered for its element."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            if event.ui_element in self.focusables:
                self.focus.focus_item(self.focusables[event.ui_element])
            self.actions[event.ui_element]()
            return True
        return False


class PagedScene(Scene):
    """A screen with a row of page tabs (help, debrief); `pages` are (key, label) pairs."""

    pages: tuple[tuple[str, str], ...] = ()

    def __init__(self, app: App, page: str) -> None:
        super().__init__(app)
        self.page = page

    def tabs(self, rect: pygame.Rect) -> int:
        """The page tabs from `rect`'s top left, wrapping onto a second row if they must,
        the current one selected; returns the y below them."""
        t = self.theme
        widths = [t.button_width(label) + t.px(16) for _, label in self.pages]
        cells, used = layout.flow(rect, widths, t.px(44), t.px(8))
        for (key, label), cell in zip(self.pages, cells, strict=True):
            button = self.button(cell, label, lambda k=key: self.show(k), key=f"page:{key}")
            if key == self.page:
                button.select()
        return rect.y + used

    def show(self, page: str) -> None:
        """Turn to a page, keeping the keyboard focus on its tab."""
        self.page = page
        self.app.ui.clear_and_reset()
        self.build()
        for item in self.focus.items:
            if item.label == f"page:{page}":
                self.focus.focus_item(item)


def typing_focus(
    scene: Scene, entry: pygame_gui.elements.UITextEntryLine, label: str, tip: str
) -> None:
    """Put a text box in the focus order: Tab reaches it and typing goes into it."""
    scene.focus.add(
        Focusable(
            rect=lambda: entry.rect,
            activate=lambda: None,
            label=label,
            tooltip=tip,
            on_focus=lambda on: entry.focus() if on else entry.unfocus(),
            typing=True,
        )
    )
