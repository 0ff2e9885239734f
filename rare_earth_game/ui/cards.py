"""An investment card, drawn and measured by the same code so layout and drawing agree."""

from __future__ import annotations

import pygame

from rare_earth_game.game.actions import ActionOption
from rare_earth_game.ui import draw, text
from rare_earth_game.ui.charts import fmt
from rare_earth_game.ui.theme import Theme

BADGES = {
    "funded": "Funded",
    "building": "Being built",
    "operating": "Operating",
    "mothballed": "Mothballed",
    "closed": "Closed",
}


def cost_line(option: ActionOption) -> str:
    if option.turns == 0:
        price = "Free" if option.cost <= 0 else f"{fmt(option.cost, 'musd')} now"
    else:
        turns = f"{option.turns} turn{'s' if option.turns > 1 else ''}"
        price = f"{fmt(option.cost, 'musd')} over {turns} ({fmt(option.per_turn, 'musd')} a turn)"
    if option.terms.running:
        price += f", then {fmt(option.terms.running, 'musd')} a turn while it operates"
    return f"{price} · {lead_line(option)}"


def lead_line(option: ActionOption) -> str:
    """When the option acts, counted in game turns from now."""
    if option.lead_turns == 0:
        return "acts at once"
    return f"acts in {option.lead_turns} turn{'s' if option.lead_turns > 1 else ''}"


def stance_line(option: ActionOption, adversary: str) -> str:
    if option.provocation >= 0.3:
        return f"{adversary} will see this as hostile"
    if option.provocation > 0:
        return f"{adversary} may object"
    if option.provocation < 0:
        return f"Eases tension with {adversary}"
    return ""


def card(
    surface: pygame.Surface | None,
    option: ActionOption,
    rect: pygame.Rect,
    theme: Theme,
    *,
    queued: bool,
    blocked: str | None,
    adversary: str,
    focused: bool = False,
) -> tuple[int, pygame.Rect]:
    """Draw (or, with surface None, measure) a card; returns (height, its button's rect)."""
    p = theme.palette
    pad = theme.px(14)
    inner_w = rect.width - 2 * pad
    x = rect.x + pad
    y = rect.y + pad
    bold, small = theme.font("body", bold=True), theme.font("small")
    italic = theme.font("small", italic=True)
    lines: list[tuple[str, pygame.font.Font, tuple[int, int, int], int]] = []
    badge = BADGES.get(option.status, "")
    if queued:
        badge = "In your plan"
    badge_w = small.size(badge)[0] + theme.px(16) if badge else 0
    title_w = inner_w - (badge_w + theme.px(8) if badge else 0)
    lines.append((option.title, bold, p.text, title_w))
    lines.append((cost_line(option), small, p.muted_text, inner_w))
    for effect in option.effects or (option.summary,):
        lines.append((f"+ {effect}", small, p.text, inner_w))
    for trade_off in option.trade_offs:
        lines.append((f"- {trade_off}", italic, p.muted_text, inner_w))
    if option.warning:
        lines.append((option.warning + ".", small, p.bad_text, inner_w))
    stance = stance_line(option, adversary)
    if stance:
        lines.append(
            (stance, small, p.bad_text if option.provocation > 0 else p.good_text, inner_w)
        )
    reason = blocked if blocked and not queued else None
    if reason:
        lines.append((f"Why not: {reason}", small, p.bad_text, inner_w - theme.px(24)))
    heights = [text.measure(s, f, w) for s, f, _, w in lines]
    button_h = theme.px(40)
    total = pad + sum(heights) + theme.px(6) * (len(lines) - 1) + theme.px(12) + button_h + pad
    button = pygame.Rect(
        rect.right - pad - theme.px(190), rect.y + total - pad - button_h, theme.px(190), button_h
    )
    if surface is None:
        return total, button
    box = pygame.Rect(rect.x, rect.y, rect.width, total)
    draw.panel(
        surface,
        box,
        p.card if not reason else p.panel,
        p.accent if queued else p.border,
        theme.px(10),
        3 if queued else 1,
    )
    if queued:
        pygame.draw.rect(
            surface,
            p.accent,
            (box.x, box.y + theme.px(8), theme.px(5), box.height - theme.px(16)),
            border_radius=3,
        )
    if badge:
        badge_rect = pygame.Rect(box.right - pad - badge_w, y, badge_w, theme.px(26))
        draw.panel(surface, badge_rect, p.accent if queued else p.raised, None, theme.px(13))
        text.line(surface, badge, small, p.accent_text if queued else p.text, badge_rect, "center")
    for (words, font, colour, width), height in zip(lines, heights, strict=True):
        offset = theme.px(24) if words.startswith("Why not") else 0
        if offset:
            draw.marker(
                surface,
                "octagon",
                (x + theme.px(9), y + small.get_height() // 2 + 1),
                theme.px(8),
                p.bad_text,
                p.bg,
                1,
            )
        text.paragraph(surface, words, font, colour, pygame.Rect(x + offset, y, width, height))
        y += height + theme.px(6)
    label = "Remove from plan" if queued else ("Add to plan" if not reason else "Not available")
    fill = p.raised if queued or reason else p.accent
    ink = p.text if queued else (p.disabled_text if reason else p.accent_text)
    draw.panel(surface, button, fill, p.text if focused else p.border, theme.px(8), 1)
    text.line(surface, label, theme.font("small", bold=True), ink, button, "center")
    return total, button
