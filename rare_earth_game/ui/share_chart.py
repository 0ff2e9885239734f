"""Who produces each stage: one bar per stage, split by nation, every segment named.

A segment too narrow for its name inside gets it on a line under the bar, tied to it by a
short leader, so no nation is left unnamed; where the chart is too low for those lines, the
narrow segments are named in order at the bar's right instead. The adversary's segments are
striped and the player's outlined, as on the map.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from rare_earth_game.ui.charts import ChartPlan, title_labels
from rare_earth_game.ui.layout import inset
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.text import Label
from rare_earth_game.ui.theme import Colour, Theme

GROUPED_BELOW = 0.03
"""Producers with less than this share of a stage are grouped as "Others"."""


def plan_share_chart(
    rect: pygame.Rect,
    theme: Theme,
    title: str,
    rows: Sequence[tuple[str, dict[str, float]]],
    names: dict[str, str],
    colours: dict[str, Colour],
    *,
    player: str,
    adversary: str,
    empty: str = "Appears after the first turn.",
) -> ChartPlan:
    p = theme.palette
    small = theme.font("small")
    plan = ChartPlan(rect)
    plan.labels, y = title_labels(rect, theme, title)
    body = inset(pygame.Rect(rect.x, y, rect.width, rect.bottom - y), theme.px(14), theme.px(8))
    if not any(shares for _, shares in rows):
        plan.labels.append(Label(empty, body, small, p.muted_text, "center"))
        return plan
    label_w = max(small.size(stage)[0] for stage, _ in rows) + theme.px(12)
    line = small.get_linesize()
    bar_x, bar_w = body.x + label_w, body.width - label_w
    laid = [_segments(theme, shares, bar_x, bar_w, names) for _, shares in rows]
    callout_h = sum(_callout_lines(theme, parts, bar_x, bar_w)[1] for parts in laid)
    gaps = theme.px(10) * len(rows)
    lowest = line + theme.px(6)
    side = body.height - callout_h - gaps < lowest * len(rows)
    if side:  # name the narrow segments at the bar's right: a shorter bar, no extra lines
        room = body.width - label_w
        for _ in range(4):  # a shorter bar makes more segments narrow: settle the width
            words = max((small.size(_side_words(parts))[0] for parts in laid), default=0)
            bar_w = max(room // 3, room - words - theme.px(16))
            laid = [_segments(theme, shares, bar_x, bar_w, names) for _, shares in rows]
        callout_h = 0
    bar_h = (body.height - callout_h - gaps) // max(1, len(rows))
    bar_h = max(lowest, min(theme.px(56), bar_h))
    y = body.y
    for (stage, _), parts in zip(rows, laid, strict=True):
        plan.labels.append(
            Label(stage, pygame.Rect(body.x, y + (bar_h - line) // 2, label_w, line), small, p.text)
        )
        bar = pygame.Rect(bar_x, y, bar_w, bar_h)
        y = _bar(plan, theme, stage, parts, bar, colours, player, adversary, side) + theme.px(10)
    return plan


def _side_words(parts: list[Part]) -> str:
    """The narrow segments' names and shares in bar order, for beside the bar."""
    return " · ".join(
        f"{name} {percent(share)}" for _, name, share, _, _, inside in parts if not inside
    )


Part = tuple[str, str, float, int, int, bool]
"""A segment: nation, its name, share, x, width, and whether its name fits inside it."""


def percent(share: float) -> str:
    """A share as the chart says it: "<1%" rather than a misleading "0%"."""
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def _segments(
    theme: Theme, shares: dict[str, float], x: int, width: int, names: dict[str, str]
) -> list[Part]:
    """A stage's producers, largest first, small ones grouped, each with its place."""
    small = theme.font("small")
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    big = [(n, v) for n, v in ordered if v >= GROUPED_BELOW]
    rest = sum(v for _, v in ordered if v < GROUPED_BELOW)
    if rest > 0:
        big.append(("", rest))
    parts = []
    left = x
    for i, (nation, share) in enumerate(big):
        w = x + width - left if i == len(big) - 1 else round(width * share)
        w = max(1, min(w, x + width - left))
        name = names.get(nation, nation) if nation else "Others"
        inside = small.size(f"{name} {percent(share)}")[0] <= w - theme.px(10)
        parts.append((nation, name, share, left, w, inside))
        left += w
    return parts


def _callout_lines(
    theme: Theme, parts: list[Part], x: int, width: int
) -> tuple[list[tuple[str, int, int, int]], int]:
    """Names of narrow segments on lines under the bar, none overlapping: the narrow ones
    sit at the bar's right end, so names are laid from the right, each ending near its
    segment. Returns (words, x, line index, the segment's centre) and the lines' height."""
    small = theme.font("small")
    gap = theme.px(12)
    placed = []
    line, cursor = 0, x + width
    for _nation, name, share, left, w, inside in reversed(parts):
        if inside:
            continue
        words = f"{name} {percent(share)}"
        size = small.size(words)[0]
        centre = left + w // 2
        right = min(cursor, max(centre + theme.px(6), x + size))
        if right - size < x:  # no room left on this line
            line, cursor = line + 1, x + width
            right = min(cursor, max(centre + theme.px(6), x + size))
        placed.append((words, right - size, line, centre))
        cursor = right - size - gap
    height = (line + 1) * (small.get_linesize() + theme.px(2)) + theme.px(6) if placed else 0
    return placed, height


def _bar(
    plan: ChartPlan,
    theme: Theme,
    stage: str,
    parts: list[Part],
    bar: pygame.Rect,
    colours: dict[str, Colour],
    player: str,
    adversary: str,
    side: bool = False,
) -> int:
    """One stage's bar and its segments' names (under it, or `side` by it); returns the y
    below it."""
    p = theme.palette
    small = theme.font("small")
    line = small.get_linesize()
    for nation, name, share, left, w, inside in parts:
        segment = pygame.Rect(left, bar.y, w, bar.height)
        colour = colours.get(nation, p.raised) if nation else p.raised
        plan.bars.append((segment, colour, nation == adversary, nation == player))
        words = f"{name} {percent(share)}"
        if inside and nation != adversary:
            ink = (10, 14, 20) if sum(colour) > 380 else (250, 250, 250)
            plan.labels.append(Label(words, inset(segment, theme.px(4), 0), small, ink, "center"))
        elif inside:  # on the stripes, the name sits on a plain patch
            box = pygame.Rect(0, 0, small.size(words)[0] + theme.px(8), line)
            box.center = segment.center
            plan.bars.append((box, p.card, False, False))
            plan.labels.append(Label(words, box, small, p.text, "center"))
        plan.spots.append(
            Hotspot(segment, f"{stage}: {name} makes {percent(share)} of world output.")
        )
    if side:
        room = plan.rect.right - theme.px(14) - bar.right - theme.px(10)
        narrow = [
            f"{name} {percent(share)}" for _, name, share, _, _, inside in parts if not inside
        ]
        words = " · ".join(narrow)
        while narrow and small.size(words)[0] > room:  # the rest are named on hover
            narrow.pop()
            words = " · ".join(narrow) + " · more on hover"
        if narrow:
            box = pygame.Rect(bar.right + theme.px(10), bar.centery - line // 2, 0, line)
            box.width = small.size(words)[0]
            plan.labels.append(Label(words, box, small, p.text))
        return bar.bottom
    placed, height = _callout_lines(theme, parts, bar.x, bar.width)
    top = bar.bottom + theme.px(6)
    for words, x, index, centre in placed:
        y = top + index * (line + theme.px(2))
        box = pygame.Rect(x, y, small.size(words)[0], line)
        plan.labels.append(Label(words, box, small, p.text))
        plan.leaders.append(((centre, bar.bottom), (centre, top if index else y)))
    return bar.bottom + height
