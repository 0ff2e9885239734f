"""A tabular agent learns, in about a minute, a sprint plan that beats doing nothing.

Monte Carlo control over a small table: the state is the turn, the action is one card to
fund that turn (or none). With the seed fixed the game is deterministic, so Q[turn][card]
is the best return (the sum of the turns' rewards) of any episode that made that choice:
a max backup, under which the greedy plan is the best plan found so far. The first
episode does nothing, so every turn has a value to beat. Each later episode follows the
greedy plan at every turn but one of the first `EXPLORED_TURNS` (a card funded early acts
for longer; one funded late mostly costs money), where it tries a card it has not tried
there yet, at random among those the mask allows and the turn's money pays for on its
own; a change that scores better becomes the plan. The final greedy episode is scored
against the "no new policy" game of the same seed: doing nothing.

    python examples/learn_to_beat_do_nothing.py                 # 12 games, about a minute
    python examples/learn_to_beat_do_nothing.py --episodes 4 --turns 2
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np

from rare_earth_game.env import StrategistEnv

NOTHING = ""
EXPLORED_TURNS = 2
"""Turns at which exploring episodes try a change: the first ones, where cards act longest."""


class TabularAgent:
    """Q[turn][card]: the best episode return after that choice; greedy over what was tried."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.q: dict[int, dict[str, float]] = defaultdict(dict)

    def choose(self, turn: int, allowed: list[str], explore: bool) -> str:
        untried = [card for card in allowed if card not in self.q[turn]]
        if explore and allowed:
            return str(self.rng.choice(untried or allowed))
        tried = {card: value for card, value in self.q[turn].items() if card in allowed}
        tried.setdefault(NOTHING, self.q[turn].get(NOTHING, -np.inf))
        return max(tried, key=lambda card: tried[card])

    def learn(self, episode: list[tuple[int, str, float]]) -> None:
        """Each choice of the episode keeps the best return it has been part of."""
        total = sum(reward for _, _, reward in episode)
        for turn, card, _ in episode:
            self.q[turn][card] = max(self.q[turn].get(card, -np.inf), total)


def affordable_cards(env: StrategistEnv, info: dict) -> list[str]:
    """Cards the mask allows whose terms the turn's money pays for on their own."""
    treasury = env.session.treasury
    options = {o.key: o for o in env.seat.options}
    cards = env.seat.layout.cards
    allowed = info["action_mask"]["cards"]
    return [
        card
        for card, ok in zip(cards, allowed, strict=True)
        if ok and treasury.refusal(options[f"card:{card}"].terms) is None
    ]


def episode(
    env: StrategistEnv,
    agent: TabularAgent,
    seed: int,
    explore_at: int | None,
    nothing: bool = False,
) -> tuple[list[tuple[int, str, float]], float]:
    """One game, greedy but at turn `explore_at`; returns (turn, card, reward) of each turn
    and the final score."""
    _, info = env.reset(seed=seed)
    steps, done, turn = [], False, 0
    while not done:
        explore = turn == explore_at
        card = NOTHING if nothing else agent.choose(turn, affordable_cards(env, info), explore)
        plan = env.nothing()
        if card:
            plan["cards"][env.seat.layout.cards.index(card)] = 1
        _, reward, terminated, truncated, info = env.step(plan)
        steps.append((turn, card, reward))
        turn += 1
        done = terminated or truncated
    return steps, env.session.scorecard().score


def train(
    episodes: int = 12,
    seconds: float | None = None,
    turns: int | None = None,
    seed: int = 0,
    scenario: str = "baseline_2025",
) -> dict:
    """Learn for `episodes` (or until `seconds` have passed); returns the scores and the
    wall and CPU seconds it took (the CPU's, which other programs do not slow)."""
    env = StrategistEnv(scenario, preset="sprint", turns=turns)
    agent = TabularAgent(seed)
    started, cpu = time.perf_counter(), time.process_time()
    history, do_nothing = episode(env, agent, seed, None, nothing=True)
    agent.learn(history)
    played = 1
    while played < episodes and (seconds is None or time.perf_counter() - started < seconds):
        explore_at = int(agent.rng.integers(min(EXPLORED_TURNS, len(history))))
        steps, score = episode(env, agent, seed, explore_at)
        agent.learn(steps)
        played += 1
        print(f"episode {played}: score {score:.1f}", flush=True)
    steps, learned = episode(env, agent, seed, None)
    plan = [f"{env.session.label(t)}: {card}" for t, card, _ in steps if card]
    return {
        "do_nothing": do_nothing,
        "learned": learned,
        "episodes": played,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "plan": plan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=None, help="stop learning after")
    parser.add_argument("--turns", type=int, default=None, help="stop each game after this many")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    result = train(args.episodes, args.seconds, args.turns, args.seed)
    print("learned plan: " + ("; ".join(result["plan"]) or "do nothing"))
    print(
        f"score {result['learned']:.1f} against doing nothing's {result['do_nothing']:.1f} "
        f"after {result['episodes']} episodes in {result['seconds']:.0f} s "
        f"({result['cpu_seconds']:.0f} s of CPU)"
    )


if __name__ == "__main__":
    main()
