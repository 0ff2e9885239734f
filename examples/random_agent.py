"""A random agent plays the strategist's game through StrategistEnv.

Each turn it draws a plan among those the mask allows (every allowed card and stockpile
order a coin toss, a random tariff choice); the environment refuses, with the reason, what
the turn's money cannot pay for together. It prints each turn's reward and refusals, the
final score beside doing nothing's, and how many game turns a second it played.

    python examples/random_agent.py                # a whole sprint, seed 0
    python examples/random_agent.py --turns 2      # the first two years only
"""

from __future__ import annotations

import argparse
import time

from rare_earth_game.env import StrategistEnv, masked_sample


def play(seed: int = 0, turns: int | None = None, scenario: str = "baseline_2025") -> dict:
    """One episode; returns the final score, doing nothing's, and turns a second (of wall
    time, and of this process's CPU time, which other programs on the machine do not slow)."""
    env = StrategistEnv(scenario, preset="sprint", turns=turns)
    env.action_space.seed(seed)
    _, info = env.reset(seed=seed)
    started, cpu = time.perf_counter(), time.process_time()
    done, played = False, 0
    while not done:
        _, reward, terminated, truncated, info = env.step(masked_sample(env, info))
        played += 1
        refused = f", {len(info['refused'])} refused" if info["refused"] else ""
        print(f"{env.session.label(played - 1)}: reward {reward:+.2f}{refused}")
        done = terminated or truncated
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    card = env.session.scorecard()
    return {
        "score": card.score,
        "do_nothing": card.baseline_score,
        "turns": played,
        "steps_per_second": played / seconds,
        "steps_per_cpu_second": played / cpu_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--turns", type=int, default=None, help="stop after this many turns")
    args = parser.parse_args()
    result = play(args.seed, args.turns)
    print(
        f"score {result['score']:.1f} (doing nothing: {result['do_nothing']:.1f}); "
        f"{result['turns']} turns at {result['steps_per_second']:.2f} turns a second "
        f"({result['steps_per_cpu_second']:.2f} a second of CPU)"
    )


if __name__ == "__main__":
    main()
