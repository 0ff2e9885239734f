"""Investment cards as the plan shows them: a compact row with its button, and the detail.

A row (title, price, lead time, the Add button) keeps one height for the whole turn, so
adding a card never moves the list under the student's hand; everything else about the
card (what it does, its downsides, why it cannot be added now) is in the detail beside or
under the list.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from rare_earth_game.game.actions import ActionOption
from rare_earth_game.ui import text
from rare_earth_game.ui.layout import inset
from rare_earth_game.ui.numbers import fmt
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Theme

BADGES = {
    "funded": "Funded",
    "building": "Being built",
    "operating": "Operating",
    "mothballed": "Mothballed",
    "closed": "Closed",
}
BUTTON_WORDS = {
    "long": ("Add to plan", "Remove from plan", "Not available"),
    "short": ("Add", "Remove", "Blocked"),
}
"""A row's button labels (add, remove, cannot add), the long ones where the row has room."""


def cost_line(option: ActionOption) -> str:
    if option.turns == 0:
        price = "Free" if option.cost <= 0 else f"{fmt(option.cost, 'musd')} now"
    else:
        turns = f"{option.turns} turn{'s' if option.turns > 1 else ''}"
        price = f"{fmt(option.cost, 'musd')} over {turns} ({fmt(option.per_turn, 'musd')} a turn)"
    if option.terms.running:
        price += f", then {fmt(option.terms.running, 'musd')} a turn while it operates"
    return price


def lead_line(option: ActionOption) -> str:
    """When the option acts, counted in game turns from now."""
    if option.lead_turns == 0:
        return "acts at once"
    return f"acts in {option.lead_turns} turn{'s' if option.lead_turns > 1 else ''}"


def row_meta(option: ActionOption) -> str:
    """The row's second line: its state, price and lead time, briefly."""
    badge = BADGES.get(option.status)
    price = "Free" if option.cost <= 0 else fmt(option.cost, "musd")
    if option.turns > 1:
        price += f" over {option.turns} turns"
    parts = [badge] if badge else []
    return " · ".join([*parts, price, lead_line(option)])


def stance_line(option: ActionOption, adversary: str) -> str:
    if option.provocation >= 0.3:
        return f"{adversary} will see this as hostile"
    if option.provocation > 0:
        return f"{adversary} may object"
    if option.provocation < 0:
        return f"Eases tension with {adversary}"
    return ""


@dataclass(frozen=True)
class Row:
    """One card in the list, in list coordinates (y from the list's top)."""

    option: ActionOption
    rect: pygame.Rect
    button: pygame.Rect
    labels: tuple[Label, ...]
    words: tuple[str, str, str]  # the button's add, remove and cannot-add labels


def plan_row(option: ActionOption, y: int, width: int, theme: Theme) -> Row:
    """Lay out a card's row at `y` in a list `width` wide: its button at the right of the
    words, or under them where the list is too narrow for both side by side."""
    p = theme.palette
    pad = theme.px(10)
    font = theme.font("small", bold=True)
    words = BUTTON_WORDS["long" if width >= theme.px(420) else "short"]
    button_w = max(font.size(w)[0] for w in words) + 2 * theme.px(12)
    button_h = theme.px(34)
    bold, small = theme.font("body", bold=True), theme.font("small")
    beside = width - 2 * pad - button_w - theme.px(10) >= theme.px(170)
    text_w = width - 2 * pad - theme.px(6) - (button_w + theme.px(10) if beside else 0)
    labels = []
    top = y + pad
    for words_, font_, colour in (
        (option.title, bold, p.text),
        (row_meta(option), small, p.muted_text),
    ):
        for line in text.wrap(words_, font_, text_w):
            step = font_.get_linesize()
            labels.append(
                Label(line, pygame.Rect(pad + theme.px(6), top, text_w, step), font_, colour)
            )
            top += step
        top += theme.px(2)
    if beside:
        height = max(top - y, button_h) + pad
        button_y = y + (height - button_h) // 2
    else:
        button_y = top + theme.px(4)
        height = button_y + button_h + pad - y
    rect = pygame.Rect(0, y, width, height)
    button = pygame.Rect(width - pad - button_w, button_y, button_w, button_h)
    return Row(option, rect, button, tuple(labels), words)


def detail_labels(
    option: ActionOption,
    box: pygame.Rect,
    theme: Theme,
    *,
    queued: bool,
    blocked: str | None,
    adversary: str,
    when: str,
) -> list[Label]:
    """Everything about a card, wrapped into `box` from its top (which it may overrun: the
    detail scrolls). `when` says in words when it would act, e.g. "in 2030"."""
    p = theme.palette
    large, small = theme.font("body", bold=True), theme.font("small")
    italic, bold = theme.font("small", italic=True), theme.font("small", bold=True)
    parts: list[tuple[str, pygame.font.Font, tuple[int, int, int]]] = [
        (option.title, large, p.text),
        (cost_line(option), small, p.text),
        (f"It {lead_line(option)}{when}.", bold, p.text),
    ]
    if queued:
        parts.append(("In your plan for this turn.", bold, p.good_text))
    elif blocked:
        parts.append((f"Why not now: {blocked}.", bold, p.bad_text))
    badge = BADGES.get(option.status)
    if badge:
        parts.append((f"{badge}.", small, p.muted_text))
    parts += [(f"+ {effect}", small, p.text) for effect in option.effects or (option.summary,)]
    parts += [(f"- {trade_off}", italic, p.muted_text) for trade_off in option.trade_offs]
    if option.warning:
        parts.append((option.warning + ".", small, p.bad_text))
    stance = stance_line(option, adversary)
    if stance:
        parts.append((stance + ".", small, p.bad_text if option.provocation > 0 else p.good_text))
    labels = []
    inner = inset(box, 0)
    y = inner.y
    for words, font, colour in parts:
        for line in text.wrap(words, font, inner.width):
            step = font.get_linesize()
            labels.append(Label(line, pygame.Rect(inner.x, y, inner.width, step), font, colour))
            y += step
        y += theme.px(6)
    return labels
