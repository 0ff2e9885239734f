"""Synthetic input for the headless window: clicks, keys, typing, waiting for jobs."""

from __future__ import annotations

import time

import pygame

from rare_earth_game.ui import match
from rare_earth_game.ui.app import App

JOB_TIMEOUT = 300.0
"""Seconds a background job may take before a test gives up (never reached normally)."""


def finish(job: match.Job) -> match.Match:  # type: ignore[type-arg]
    job.wait(JOB_TIMEOUT)
    return job.result()  # type: ignore[no-any-return]


# --- input ---------------------------------------------------------------------------------------


def frames(app: App, count: int = 2) -> None:
    for _ in range(count):
        app.tick(1 / 60)


def click(app: App, where: object) -> None:
    """A left click (down and up) at a point, a rectangle's or a widget's centre."""
    rect = getattr(where, "rect", where)
    pos = rect.center if isinstance(rect, pygame.Rect) else where
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app)


def press(app: App, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    frames(app)


def type_text(app: App, words: str) -> None:
    for char in words:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    frames(app)


def settle(app: App) -> None:
    """Draw frames until the top scene's background job (if any) has finished."""
    deadline = time.monotonic() + JOB_TIMEOUT
    while getattr(app.scene, "job", None) is not None:
        assert time.monotonic() < deadline, "background job never finished"
        app.tick(1 / 60)
        time.sleep(0.005)
    frames(app)


def tab_to(app: App, label: str, limit: int = 200) -> None:
    """Press Tab until the focus ring is on the item with this label."""
    for _ in range(limit):
        current = app.scene.focus.current
        if current is not None and current.label == label:
            return
        press(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {label!r}")
