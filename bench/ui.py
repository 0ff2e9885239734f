"""Window benchmarks (figures, not pass/fail), headless under SDL's dummy video driver.

- frame time of the turn screen (map with every flow, then charts), median and 95th
  percentile, at 1280×720 and 1920×1080;
- time from `play` to the first frame of the title screen (imports, fonts, map asset);
- turn resolution as the player sees it: from End turn to the summary on screen, frames
  still being drawn meanwhile.

Run: .venv/bin/python bench/ui.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["RARE_EARTH_GAME_CACHE"] = "off"  # each figure plays its own no-new-policy game
os.environ.setdefault("RARE_EARTH_GAME_HOME", tempfile.mkdtemp(prefix="reg-bench-"))

GIVE_UP_SECONDS = 120
"""End turn that shows no summary in this long is an error, not a benchmark that hangs."""

FIRST_FRAME = """
import os, time
start = time.perf_counter()
from rare_earth_game.ui.app import App
from rare_earth_game.ui.scenes.title import TitleScene
from rare_earth_game.ui.settings import Settings
app = App(Settings(), size=(1280, 720), persist=False)
app.push(TitleScene(app))
app.tick(1 / 60)
print(time.perf_counter() - start)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.scenes.turn import TurnScene
    from rare_earth_game.ui.settings import Settings

    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    print(
        f"play to first frame (title, fresh process): "
        f"median {statistics.median(runs) * 1000:.0f} ms"
    )

    game = sprint_game()
    for size in ((1280, 720), (1920, 1080)):
        app = App(Settings(), size=size, persist=False)
        scene = app.push(TurnScene(app, game))
        assert isinstance(scene, TurnScene)
        for view in ("map", "charts"):
            scene.show(view)
            for _ in range(30):  # warm caches: the static layers are drawn once
                app.tick(1 / 60)
            times = []
            for _ in range(300):
                started = time.perf_counter()
                app.tick(1 / 60)
                times.append(time.perf_counter() - started)
            flows = len(scene.views["map"].view.flows()) if view == "map" else 0  # type: ignore[attr-defined]
            extra = (
                f", {flows} flow arrows, {len(game.world.facilities)} facilities"
                if view == "map"
                else ""
            )
            print(
                f"turn screen {view:<6} {size[0]}x{size[1]}: "
                f"median {statistics.median(times) * 1000:.2f} ms, "
                f"p95 {percentile(times, 0.95) * 1000:.2f} ms "
                f"({1 / statistics.median(times):.0f} fps possible{extra})"
            )
    durations, drawn = end_turn_to_summary(game)
    print(
        f"turn resolution as seen (End turn to summary, sprint year): median "
        f"{statistics.median(durations) * 1000:.0f} ms, max {max(durations) * 1000:.0f} ms; "
        f"{statistics.median(drawn):.0f} frames drawn meanwhile"
    )


def end_turn_to_summary(game: Any) -> tuple[list[float], list[int]]:
    """Seconds from End turn to the summary on screen, three times, and frames drawn."""
    from rare_earth_game.ui.app import App
    from rare_earth_game.ui.scenes.summary import SummaryScene
    from rare_earth_game.ui.scenes.turn import TurnScene
    from rare_earth_game.ui.settings import Settings

    app = App(Settings(), size=(1280, 720), persist=False)
    scene = app.push(TurnScene(app, game))
    durations, drawn = [], []
    for _ in range(3):
        started = time.perf_counter()
        scene.end_turn()
        if scene.job is None:  # an empty plan asks once: End turn again confirms it
            scene.end_turn()
        frames = 0
        while not isinstance(app.scene, SummaryScene):
            if time.perf_counter() - started > GIVE_UP_SECONDS:
                shown = type(app.scene).__name__
                raise RuntimeError(f"no summary {GIVE_UP_SECONDS} s after End turn ({shown})")
            app.tick()
            app.pace()  # as the window's loop does; a spinning loop starves the worker
            frames += 1
        durations.append(time.perf_counter() - started)
        drawn.append(frames)
        app.pop()
    return durations, drawn


def sprint_game() -> Any:
    """A sprint game two turns in, as the window has it."""
    from rare_earth_game.ui import match

    job = match.start("baseline_2025", 1, "sprint", "normal", "bench")
    job.wait()
    game = job.result()
    for _ in range(2):
        step = match.end_turn(game, [])
        step.wait()
        step.result()
    return game


if __name__ == "__main__":
    if "--end-turn-only" in sys.argv:  # for bench/table.py: milliseconds, as JSON
        seconds, _ = end_turn_to_summary(sprint_game())
        print(json.dumps([s * 1000 for s in seconds]))
    else:
        main()
