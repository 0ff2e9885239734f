"""The strategist's action space: a turn's plan as numbers, and back.

A plan is a Dict of three parts with shapes fixed by the scenario, so one network fits
every turn of every game of it:

- `cards`: MultiBinary, one entry per investment card in the scenario's order; 1 funds it;
- `tariff`: Discrete, 0 keeps the tariff on the adversary as it is, 1..n set one of the
  lever's rates (`TARIFF_RATES`), n+1 lifts the player's tariff;
- `stockpile`: MultiBinary, one entry per good the stockpile lever can buy; 1 places the
  lever's standard order.

The mask says, part by part, what can be chosen now (the session's own `available` and
`reason` for every option), so an agent can sample only valid plans and a person can read
why a card is shut.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from gymnasium import spaces

from rare_earth_game.game.actions import Action, ActionOption
from rare_earth_game.game.catalogue import TARIFF_RATES
from rare_earth_game.game.session import GameSession

KEEP = "keep"
LIFT = "lift"
TARIFF_CHOICES: tuple[str, ...] = (KEEP, *(str(round(r * 100)) for r in TARIFF_RATES), LIFT)
"""What each value of the `tariff` part means: keep, a rate in percent, or lift."""
NOT_OFFERED = "not offered: you have set no tariff to lift"


@dataclass(frozen=True)
class Mask:
    """What can be chosen now, part by part, and why not (option key -> reason)."""

    cards: np.ndarray
    tariff: np.ndarray
    stockpile: np.ndarray
    why_not: dict[str, str]

    def as_info(self) -> dict[str, Any]:
        return {"cards": self.cards, "tariff": self.tariff, "stockpile": self.stockpile}

    def sample_mask(self) -> dict[str, np.ndarray]:
        """The mask in the form `action_space.sample(mask=...)` takes: a MultiBinary entry
        of 2 is drawn at random, 0 is held at 0."""
        return {
            "cards": np.where(self.cards, 2, 0).astype(np.int8),
            "tariff": self.tariff.astype(np.int8),
            "stockpile": np.where(self.stockpile, 2, 0).astype(np.int8),
        }


class PlanLayout:
    """Which entry of the action stands for which option of a scenario's menu."""

    def __init__(self, session: GameSession) -> None:
        self.cards = tuple(card.id for card in session.scenario.investments)
        self.goods = tuple(
            key.removeprefix("lever:stockpile:")
            for key in (o.key for o in session.catalogue.levers())
            if key.startswith("lever:stockpile:")
        )

    @property
    def keys(self) -> dict[str, tuple[str, ...]]:
        """Every entry's option key, part by part, for reading masks and refusals."""
        return {
            "cards": tuple(f"card:{c}" for c in self.cards),
            "tariff": tuple(f"lever:tariff:{c}" for c in TARIFF_CHOICES),
            "stockpile": tuple(f"lever:stockpile:{g}" for g in self.goods),
        }

    def space(self) -> spaces.Dict:
        return spaces.Dict(
            {
                "cards": spaces.MultiBinary(len(self.cards)),
                "tariff": spaces.Discrete(len(TARIFF_CHOICES)),
                "stockpile": spaces.MultiBinary(len(self.goods)),
            }
        )

    def nothing(self) -> dict[str, Any]:
        """The plan that does nothing (do_nothing's plan)."""
        return {
            "cards": np.zeros(len(self.cards), dtype=np.int8),
            "tariff": 0,
            "stockpile": np.zeros(len(self.goods), dtype=np.int8),
        }

    def mask(self, options: list[ActionOption]) -> Mask:
        by_key = {o.key: o for o in options}
        why_not: dict[str, str] = {}

        def allowed(key: str) -> bool:
            option = by_key.get(key)
            if option is None:
                why_not[key] = NOT_OFFERED
                return False
            if not option.available:
                why_not[key] = option.reason or "not available"
            return option.available

        keys = self.keys
        tariff = [True] + [allowed(k) for k in keys["tariff"][1:]]
        return Mask(
            np.array([allowed(k) for k in keys["cards"]], dtype=bool),
            np.array(tariff, dtype=bool),
            np.array([allowed(k) for k in keys["stockpile"]], dtype=bool),
            why_not,
        )

    def chosen(self, action: dict[str, Any]) -> list[str]:
        """The option keys a plan chooses, in the order they are carried out: cards, then
        stockpile orders, then the tariff (as the window submits a plan)."""
        keys = self.keys
        picked = [
            k for k, on in zip(keys["cards"], _bits(action, "cards", self.cards), strict=True) if on
        ]
        picked += [
            k
            for k, on in zip(keys["stockpile"], _bits(action, "stockpile", self.goods), strict=True)
            if on
        ]
        tariff = int(np.asarray(action["tariff"]))
        if not 0 <= tariff < len(TARIFF_CHOICES):
            raise ValueError(f"tariff must be 0..{len(TARIFF_CHOICES) - 1}, got {tariff}")
        if tariff:
            picked.append(keys["tariff"][tariff])
        return picked


def _bits(action: dict[str, Any], part: str, entries: tuple[str, ...]) -> list[bool]:
    bits = np.asarray(action[part]).reshape(-1)
    if bits.shape != (len(entries),):
        raise ValueError(f"{part} must have {len(entries)} entries, got {bits.shape[0]}")
    return [bool(b) for b in bits]


def affordable(
    session: GameSession, keys: list[str], offered: list[ActionOption], mask: Mask
) -> tuple[list[Action], dict[str, str]]:
    """The actions of the chosen options the mask allows and the turn's money pays for
    together (the treasury's own rule, on a draft), and the rest with the reason."""
    options = {o.key: o for o in offered}
    draft = session.treasury.draft()
    actions: list[Action] = []
    refused: dict[str, str] = {}
    for key in keys:
        if key in mask.why_not:
            refused[key] = mask.why_not[key]
            continue
        option = options[key]
        reason = draft.refusal(option.terms)
        if reason is not None:
            refused[key] = f"{option.title}: with the rest of this plan, {reason}"
            continue
        draft.take(option.terms)
        actions.append(option.action)
    return actions, refused
