"""The window: one loop that feeds input to the top scene, then draws it.

Each frame: window events (resize, full screen, quit), keyboard focus, the scene's own
keys, then pygame_gui; then updates, drawing, the focus ring and any tooltip. Drawing only
paints what the scene laid out; screens change through the `Router`. Tests drive the same
loop one frame at a time with `tick()` under SDL's dummy video driver.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pygame
import pygame_gui

from rare_earth_game.ui import text
from rare_earth_game.ui.classroom import Classroom
from rare_earth_game.ui.draw import paused_veil, tooltip
from rare_earth_game.ui.layout import MIN_LOGICAL
from rare_earth_game.ui.router import Router
from rare_earth_game.ui.scene import Scene
from rare_earth_game.ui.settings import Settings, load_settings, save_settings
from rare_earth_game.ui.theme import Theme, make_theme

TOOLTIP_DELAY = 0.45
FPS = 60
BUSY_FPS = 20
"""Frames a second while the player waits on background work: enough for its progress bar.
Python runs one thread at a time, so every frame drawn then slows the work itself."""
PAUSED_INPUT = (
    pygame.KEYDOWN,
    pygame.KEYUP,
    pygame.TEXTINPUT,
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.MOUSEWHEEL,
)
"""What a paused class's window ignores (only the teacher's key combination gets through)."""


class App:
    def __init__(
        self,
        settings: Settings | None = None,
        size: tuple[int, int] | None = None,
        *,
        persist: bool = True,
    ) -> None:
        os.environ.setdefault("SDL_VIDEO_CENTERED", "1")
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.settings = (settings or (load_settings() if persist else Settings())).normalised()
        self.persist = persist
        self.window = self._open_window(size or self.settings.window_size)
        pygame.display.set_caption("Rare Earth Game")
        self.classroom = Classroom()
        self.theme = self._make_theme()
        self.ui = self._make_ui()
        self.scenes: list[Scene] = []
        self.router = Router(self)
        self.clock = pygame.time.Clock()
        self.running = True
        self.frame_times: list[float] = []
        self.tip: str | None = None  # the tooltip on screen, if any
        self._forget_tooltip()

    # --- window and theme ------------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    @property
    def effective_scale(self) -> float:
        """The chosen UI scale, capped so every scene still has its smallest layout's room
        (the whole 1x-2x range from 1280x720 up)."""
        width, height = self.window.get_size()
        cap = min(width / MIN_LOGICAL[0], height / MIN_LOGICAL[1])
        if self.classroom.projector:  # type for the back of the room: as large as fits
            return max(0.75, min(2.0, cap))
        return max(0.75, min(self.settings.ui_scale, cap))

    def _make_theme(self) -> Theme:
        return make_theme(self.settings.theme, self.effective_scale)

    def _make_ui(self) -> pygame_gui.UIManager:
        return pygame_gui.UIManager(
            self.window.get_size(), self.theme.ui_theme(), enable_live_theme_updates=False
        )

    def rebuild(self) -> None:
        """New size, scale or theme: rebuild the theme, the widgets and the top scene."""
        self.theme = self._make_theme()
        self.ui = self._make_ui()
        if self.scenes:
            self.scenes[-1].build()

    def apply_settings(self, settings: Settings) -> None:
        old = self.settings
        self.settings = settings.normalised()
        if self.settings.fullscreen != old.fullscreen:
            self.window = self._open_window(self.settings.window_size)
        self.save_settings()
        self.rebuild()

    def save_settings(self) -> None:
        if self.persist:
            save_settings(self.settings)

    def projector(self, on: bool) -> None:
        """Projector mode on or off: the largest type the window allows. The caller builds
        the next scene (the router pushes or pops one)."""
        self.classroom.projector = on
        self.theme = self._make_theme()
        self.ui = self._make_ui()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.window = self._open_window(self.settings.window_size)
        self.save_settings()
        self.rebuild()

    # --- scenes ------------------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.scenes[-1]

    def push(self, scene: Scene) -> Scene:
        self.ui.clear_and_reset()
        self.scenes.append(scene)
        self._forget_tooltip()
        scene.build()
        scene.on_enter()
        return scene

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self.scenes.pop()
            self.ui.clear_and_reset()
            self._forget_tooltip()
            self.scene.build()
            self.scene.on_enter()

    def replace(self, scene: Scene) -> Scene:
        if self.scenes:
            self.scenes.pop()
        return self.push(scene)

    def reset(self, scene: Scene) -> Scene:
        """Make `scene` the only one (back to the title, on to a new game)."""
        self.scenes = []
        return self.push(scene)

    # --- the loop ------------------------------------------------------------------------------

    def tick(self, dt: float | None = None) -> None:
        """One frame: input, update, draw, show."""
        started = time.perf_counter()
        if dt is None:
            dt = self.clock.get_time() / 1000 or 1 / FPS
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return
        self.ui.update(dt)
        if self.scene.pausable:
            self.classroom.tick(dt)
        self.scene.update(dt)
        self.draw(self.window)
        pygame.display.flip()
        self.frame_times.append(time.perf_counter() - started)
        del self.frame_times[:-600]

    def dispatch(self, event: pygame.event.Event) -> None:
        scene = self.scene
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            self.settings.window_size = (event.w, event.h)
            self.save_settings()
            self.rebuild()
            return
        if event.type == pygame.KEYDOWN and self._global_key(event):
            return
        if self.classroom.paused and scene.pausable and event.type in PAUSED_INPUT:
            return  # the teacher has the room's attention
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            scene.back()  # even from a text box: Escape never types anything
            return
        typing = scene.focus.current is not None and scene.focus.current.typing
        if scene.focus.handle(event):
            return
        if event.type == pygame.KEYDOWN and not typing:
            if scene.handle(event):
                return
            if event.key in scene.shortcuts and not event.mod & (
                pygame.KMOD_CTRL | pygame.KMOD_ALT
            ):
                scene.shortcuts[event.key]()
                return
        elif event.type != pygame.KEYDOWN and scene.handle(event):
            return
        self.ui.process_events(event)
        scene.ui_event(event)

    def _global_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return True
        if event.key == pygame.K_F1:
            self.router.help()
            return True
        if (
            event.key == pygame.K_t
            and event.mod & pygame.KMOD_CTRL
            and event.mod & pygame.KMOD_SHIFT
        ):
            self.router.teacher()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the top scene as laid out, then the focus ring and any tooltip."""
        if text.RECORD:
            text.INKS.clear()
        scene = self.scene
        scene.draw(surface)
        self.ui.draw_ui(surface)
        scene.draw_over(surface)
        if self.classroom.paused and scene.pausable:
            paused_veil(surface, self.theme)
            return
        scene.focus.draw(surface, self.theme.palette.focus, self.theme.px(3))
        self.tip = self._tooltip(scene)
        if self.tip is not None:
            anchor = self._tip_anchor(scene)
            tooltip(surface, self.tip, anchor, self.theme)

    # --- tooltips -------------------------------------------------------------------------------

    def _forget_tooltip(self) -> None:
        """A new screen starts with no tooltip, and shows one only once the mouse moves."""
        self._hover: tuple[tuple[int, int, int, int], str] | None = None
        self._hover_since = time.perf_counter()
        self._focus_label: str | None = None
        self._focus_since = time.perf_counter()
        self._mouse_at = pygame.mouse.get_pos() if pygame.display.get_init() else (0, 0)
        self._mouse_moved = False

    def _tooltip(self, scene: Scene) -> str | None:
        """The tooltip due now: what the mouse has rested on, else the focused item's."""
        if scene.busy:
            return None
        now = time.perf_counter()
        focused = scene.focus.current
        label = focused.label if focused else None
        if label != self._focus_label:
            self._focus_label, self._focus_since = label, now
        mouse = pygame.mouse.get_pos()
        if mouse != self._mouse_at:
            self._mouse_at, self._mouse_moved = mouse, True
        under = None
        if self._mouse_moved and pygame.mouse.get_focused():
            for element, tip in scene.widget_tips:
                if element.alive() and element.visible and element.rect.collidepoint(mouse):
                    under = (tuple(element.rect), tip)
            for spot in scene.hotspots():
                if spot.rect.collidepoint(mouse):
                    under = (tuple(spot.rect), spot.tooltip)
        if under != self._hover:
            self._hover, self._hover_since = under, now  # type: ignore[assignment]
        if self._hover is not None and now - self._hover_since >= TOOLTIP_DELAY:
            return self._hover[1]
        if focused is not None and focused.tooltip and now - self._focus_since >= TOOLTIP_DELAY:
            return focused.tooltip
        return None

    def _tip_anchor(self, scene: Scene) -> tuple[int, int]:
        if self._hover is not None:
            return pygame.mouse.get_pos()
        focused = scene.focus.current
        rect = focused.rect() if focused else pygame.Rect(0, 0, 0, 0)
        return rect.x, rect.bottom

    def run(self) -> None:
        while self.running:
            self.tick()
            self.pace()
        pygame.display.quit()

    def pace(self) -> None:
        """Wait for the next frame. While the player waits on a job, the loop sleeps on the
        job itself, at `BUSY_FPS`, so it leaves the job the interpreter and wakes the moment
        the job ends (End turn's summary shows a frame sooner, the turn plays faster)."""
        job = self.scene.waiting_on
        if job is not None and not job.done:
            job.wait(1 / BUSY_FPS)
            self.clock.tick()
        else:
            self.clock.tick(FPS)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))
        return path


def run(scenario: str | None = None, *, size: tuple[int, int] | None = None) -> None:
    """Open the window on the title screen (or straight into setup for a named scenario)."""
    from rare_earth_game.ui.errors import start_log
    from rare_earth_game.ui.paths import user_dir

    start_log(user_dir())
    app = App(size=size)
    app.router.title()
    if scenario is not None:
        app.router.new_game(scenario)
    text.OVERFLOWS.clear()
    app.run()
