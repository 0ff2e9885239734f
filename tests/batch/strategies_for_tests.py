"""Strategies that misbehave on purpose, imported by batch workers via `strategy_modules`."""

import os
import time
from pathlib import Path

from rare_earth_game.game.strategies import Strategy, register

GATE_VARIABLE = "REG_TEST_GATE"


@register
class Explodes(Strategy):
    name = "explodes"
    description = "Raises an error on the second turn."

    def decide(self, session):  # type: ignore[no-untyped-def]
        if session.turn == 1:
            raise RuntimeError("this strategy fails on purpose")
        return []


@register
class Crashes(Strategy):
    name = "crashes"
    description = "Kills its worker process, as a crash in native code would."

    def decide(self, session):  # type: ignore[no-untyped-def]
        os._exit(3)


@register
class WaitsForGate(Strategy):
    name = "waits_for_gate"
    description = "Waits on its first turn until the file named by $REG_TEST_GATE exists."

    def decide(self, session):  # type: ignore[no-untyped-def]
        gate = Path(os.environ[GATE_VARIABLE])
        if session.turn == 0 and not gate.exists():
            Path(f"{gate}.waiting.{os.getpid()}").touch()
            while not gate.exists():
                time.sleep(0.05)
        return []


@register
class Hangs(Strategy):
    name = "hangs"
    description = "Never returns from its first turn, as a run stuck in a loop would."

    def decide(self, session):  # type: ignore[no-untyped-def]
        while True:
            time.sleep(0.5)
