"""The turn screen's main area: the map with its legend and figures, the charts, projects."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from rare_earth_game.ui import draw, glossary, text
from rare_earth_game.ui.charts import Series, fmt, line_chart, share_bars
from rare_earth_game.ui.scene import Hotspot
from rare_earth_game.ui.theme import OKABE_ITO, Colour, Theme
from rare_earth_game.ui.world import STAGE_TITLES, STAGES, WorldView
from rare_earth_game.ui.worldmap import (
    FACILITY_COLOURS,
    FACILITY_SHAPES,
    FACILITY_TITLES,
    ROLE_TITLES,
)

if TYPE_CHECKING:
    from rare_earth_game.game.report import Sentence
    from rare_earth_game.ui.match import Match
    from rare_earth_game.ui.scenes.turn import TurnScene

CHARTS = (
    ("prices", "Prices"),
    ("shares", "Who produces"),
    ("security", "Supply security"),
    ("stockpile", "Stockpile"),
    ("budget", "Budget"),
    ("score", "Score"),
)


def tone_colour(theme: Theme, tone: str) -> Colour:
    p = theme.palette
    return {"good": p.good_text, "bad": p.bad_text}.get(tone, p.ally)


def news(game: Match) -> list[Sentence]:
    """The latest report's headlines and alerts, each said once; a briefing before turn 1."""
    from rare_earth_game.game.report import Sentence

    report = game.report
    if report is None:
        session = game.session
        return [
            Sentence(
                "event", f"Welcome, {session.team or 'strategist'}: the year is {session.date}."
            ),
            Sentence("market", "China mines most rare earths and makes almost all magnets."),
            Sentence("action", "Pick investments on the right, then press End turn."),
        ]
    seen: set[str] = set()
    items = []
    for sentence in [*report.headlines, *report.alerts]:
        if sentence.text not in seen:
            seen.add(sentence.text)
            items.append(sentence)
    return items[:14]


# --- map ---------------------------------------------------------------------------------------


def draw_map(scene: TurnScene, surface: pygame.Surface) -> None:
    t = scene.theme
    p = t.palette
    view = scene.map
    view.draw(surface)
    world = scene.world
    if scene.good and hasattr(scene, "good_label"):
        box = scene.good_label
        draw.panel(surface, box, p.card, p.border, t.px(8))
        name = world.commodities.get(scene.good, scene.good)
        label = name
        font = t.font("body", bold=True)
        text.line(
            surface,
            text.ellipsize(label, font, box.width - t.px(16)),
            font,
            p.text,
            box.inflate(-t.px(16), 0),
            "center",
        )
        scene.hotspots.append(
            Hotspot(box, glossary.explain(name) or f"Arrows show who ships {name} to whom.")
        )
    _legend(scene, surface)
    if not view.flows():
        note = (
            "Trade arrows appear after the first year is played."
            if scene.match.report is None
            else "No trade in this good this year."
        )
        font = t.font("body")
        box = pygame.Rect(0, 0, font.size(note)[0] + t.px(32), t.px(40))
        box.midtop = (view.rect.centerx, view.rect.y + t.px(10))
        draw.panel(surface, box, p.card, p.border, t.px(8))
        text.line(surface, note, font, p.text, box, "center")
    target = view.selected or view.hover
    if target is not None:
        _info_card(scene, surface, target, world)


def _legend_rows(scene: TurnScene) -> list[tuple[str, str, Colour]]:
    p = scene.theme.palette
    rows: list[tuple[str, str, Colour]] = [
        ("role", r, p.role(r)) for r in ("home", "ally", "neutral", "adversary")
    ]
    order = list(FACILITY_SHAPES)
    kinds = sorted(
        {f.kind for f in scene.world.facilities}, key=lambda k: order.index(k) if k in order else 99
    )
    rows += [("facility", k, FACILITY_COLOURS.get(k, p.text)) for k in kinds]
    rows.append(("arrow", "", p.muted_text))
    return rows


def legend_rect(scene: TurnScene) -> pygame.Rect:
    """A strip under the map, as many columns as fit."""
    t = scene.theme
    columns = max(3, scene.content.width // t.px(205))
    rows = math.ceil(len(_legend_rows(scene)) / columns)
    height = rows * t.px(26) + t.px(16)
    return pygame.Rect(scene.content.x, scene.content.bottom - height, scene.content.width, height)


LEGEND_LABELS = {
    "home": "You",
    "ally": "Ally",
    "neutral": "Neutral",
    "adversary": "Adversary (striped)",
}


def _legend(scene: TurnScene, surface: pygame.Surface) -> None:
    t = scene.theme
    p = t.palette
    small = t.font("small")
    box = scene.legend_rect
    rows = _legend_rows(scene)
    columns = max(3, box.width // t.px(205))
    per_col = math.ceil(len(rows) / columns)
    col_w = (box.width - t.px(16)) // columns
    line_h = t.px(26)
    draw.panel(surface, box, p.card, p.border, t.px(8))
    for i, (what, key, colour) in enumerate(rows):
        x = box.x + t.px(12) + (i // per_col) * col_w
        y = box.y + t.px(8) + (i % per_col) * line_h
        center = (x + t.px(10), y + line_h // 2)
        if what == "role":
            swatch = pygame.Rect(x, y + t.px(4), t.px(20), line_h - t.px(8))
            pygame.draw.rect(surface, colour, swatch)
            if key == "adversary":
                clip = surface.get_clip()
                surface.set_clip(swatch)
                for dx in range(-swatch.height, swatch.width, t.px(5)):
                    start = (swatch.x + dx, swatch.bottom)
                    end = (swatch.x + dx + swatch.height, swatch.y)
                    pygame.draw.line(surface, p.bg, start, end, 1)
                surface.set_clip(clip)
            if key == "home":
                pygame.draw.rect(surface, p.text, swatch, 2)
            label = LEGEND_LABELS[key]
        elif what == "facility":
            shape = FACILITY_SHAPES.get(key, "circle")
            draw.marker(surface, shape, center, t.px(7), colour, (10, 10, 10), 2)
            label = FACILITY_TITLES.get(key, key)
        else:
            for offset, width in ((0, t.px(2)), (t.px(12), t.px(6))):
                pygame.draw.line(
                    surface,
                    colour,
                    (x + offset, y + t.px(6)),
                    (x + offset, y + line_h - t.px(6)),
                    width,
                )
            label = "Trade: wider = more"
        text.line(
            surface, label, small, p.text, pygame.Rect(x + t.px(28), y, col_w - t.px(32), line_h)
        )
    scene.hotspots.append(
        Hotspot(
            box,
            "Shapes tell facility types: filled means operating, hollow means being built, grey "
            "with a line means shut. Arrow colour follows the exporter's role; arrow width "
            "follows tonnes a year.",
        )
    )


def _info_card(
    scene: TurnScene, surface: pygame.Surface, target: tuple[str, str], world: WorldView
) -> None:
    t = scene.theme
    p = t.palette
    kind, key = target
    lines: list[str] = []
    if kind == "nation":
        nation = world.nations.get(key)
        if nation is None:
            return
        title = nation.name
        lines.append(f"Role: {ROLE_TITLES.get(nation.role, nation.role)}")
        if nation.role != "home":
            lines.append(f"Tension with you: {nation.tension:.2f}")
        good = scene.good
        if good:
            name = world.commodities.get(good, good)
            out = sum(f.tonnes for f in world.flows if f.commodity == good and f.exporter == key)
            into = sum(f.tonnes for f in world.flows if f.commodity == good and f.importer == key)
            lines.append(f"{name}: exports {out:,.0f} t/yr, imports {into:,.0f} t/yr")
        for stage in STAGES:
            share = world.stage_shares.get(stage, {}).get(key)
            if share:
                lines.append(f"{STAGE_TITLES[stage]}: {share:.0%} of world output")
        plants = [f for f in world.facilities if f.nation == key]
        if plants:
            operating = sum(1 for f in plants if f.status == "operating")
            lines.append(f"Facilities: {operating} operating, {len(plants) - operating} other")
    else:
        facility = next((f for f in world.facilities if f.key == key), None)
        if facility is None:
            return
        title = facility.name
        nation = world.nations.get(facility.nation)
        lines.append(
            f"{FACILITY_TITLES.get(facility.kind, facility.kind)} in "
            f"{nation.name if nation else facility.nation}"
        )
        lines.append(f"Status: {facility.status}")
        lines.append(f"Capacity: {facility.capacity:,.0f} t a year")
        lines.append(f"Output last quarter: {facility.output:,.0f} t")
        products = ", ".join(world.commodities.get(c, c) for c in facility.products if c)
        if products:
            lines.append(f"Makes: {products}")
    width = t.px(340)
    body = t.font("small")
    bold = t.font("body", bold=True)
    heights = [text.measure(line, body, width - t.px(24)) for line in lines]
    title_h = text.measure(title, bold, width - t.px(24))
    box = pygame.Rect(0, 0, width, title_h + sum(heights) + t.px(30))
    where = scene.map.anchors.get(key) if kind == "nation" else None
    if kind == "facility":
        where = next((spot for f, spot in scene.map.markers if f.key == key), None)
    if where is not None and where[0] > scene.map.rect.centerx:  # keep clear of the target
        box.topleft = (scene.map.rect.x + t.px(8), scene.map.rect.y + t.px(8))
    else:
        box.topright = (scene.map.rect.right - t.px(8), scene.map.rect.y + t.px(8))
    draw.panel(surface, box, p.panel, p.focus, t.px(10), 2)
    y = box.y + t.px(12)
    text.paragraph(
        surface, title, bold, p.text, pygame.Rect(box.x + t.px(12), y, width - t.px(24), title_h)
    )
    y += title_h + t.px(4)
    for line, height in zip(lines, heights, strict=True):
        text.paragraph(
            surface, line, body, p.text, pygame.Rect(box.x + t.px(12), y, width - t.px(24), height)
        )
        y += height


# --- charts ------------------------------------------------------------------------------------


def layout_charts(scene: TurnScene) -> None:
    t = scene.theme
    content = scene.content
    list_w = t.px(196)
    y = content.y
    for key, label in CHARTS:
        rect = pygame.Rect(content.x, y, list_w, t.px(48))
        button = scene.button(rect, label, lambda k=key: _pick_chart(scene, k), key=f"chart:{key}")
        if key == scene.chart:
            button.select()
        y += t.px(56)
    scene.chart_rect = pygame.Rect(
        content.x + list_w + t.px(12), content.y, content.width - list_w - t.px(12), content.height
    )
    if scene.chart == "prices":
        x = scene.chart_rect.x
        chip_h = t.px(40)
        for good in scene.world.key_goods:
            name = scene.world.commodities.get(good, good)
            width = t.font("small", bold=True).size(name)[0] + t.px(30)
            rect = pygame.Rect(x, scene.chart_rect.y, width, chip_h)
            button = scene.button(
                rect,
                name,
                lambda g=good: _pick_good(scene, g),
                key=f"good:{good}",
                object_id="@small",
            )
            if good == scene.good:
                button.select()
            x += width + t.px(8)
        scene.chart_rect = scene.chart_rect.inflate(0, -chip_h - t.px(10)).move(
            0, (chip_h + t.px(10)) // 2
        )


def _pick_chart(scene: TurnScene, key: str) -> None:
    scene.chart = key
    scene.app.ui.clear_and_reset()
    scene.build()
    scene.focus_label(f"chart:{key}")


def _pick_good(scene: TurnScene, good: str) -> None:
    scene.good = good
    scene.app.ui.clear_and_reset()
    scene.build()
    scene.focus_label(f"good:{good}")


def handle_charts(scene: TurnScene, event: pygame.event.Event) -> bool:
    return False


def column(frame: object, key: str) -> list[float]:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    if key not in frame:
        return []
    return [float(v) for v in frame[key].tolist()]


def draw_charts(scene: TurnScene, surface: pygame.Surface) -> None:
    spots = chart(
        scene.chart, scene.world, scene.theme, surface, scene.chart_rect, scene.good, scene.match
    )
    scene.hotspots.extend(spots)


def chart(
    name: str,
    world: WorldView,
    theme: Theme,
    surface: pygame.Surface,
    rect: pygame.Rect,
    good: str | None,
    game: Match,
) -> list[Hotspot]:
    """Draw one of the game's charts; the debrief and the export reuse it."""
    history, baseline = world.history, world.baseline
    labels = [str(d) for d in history["date"]] if "date" in history else []
    p = theme.palette
    oi = OKABE_ITO
    adversary = (
        world.nations[world.adversary].name if world.adversary in world.nations else "adversary"
    )
    player = world.nations[world.player].name if world.player in world.nations else "you"
    played = len(labels)
    base = baseline.iloc[:played] if played else baseline.iloc[:0]
    notes = [_price_notes(r) for r in game.reports]
    if name == "prices" and good:
        good_name = world.commodities.get(good, good)
        series = [
            Series(
                f"Outside {adversary}",
                column(history, f"{good}.price_outside.{world.adversary}"),
                oi["sky_blue"],
                "circle",
            ),
            Series(
                f"Inside {adversary}",
                column(history, f"{good}.price.{world.adversary}"),
                oi["vermillion"],
                "triangle",
            ),
            Series(
                f"In the {player}" if player.startswith("United") else f"In {player}",
                column(history, f"{good}.price.{world.player}"),
                oi["yellow"],
                "square",
            ),
            Series(
                "Baseline (outside)",
                column(base, f"{good}.price_outside.{world.adversary}"),
                p.muted_text,
                "diamond",
                dashed=True,
            ),
        ]
        return line_chart(
            surface,
            rect,
            theme,
            f"{good_name} price, USD per kg",
            "usd_kg",
            labels,
            [s for s in series if s.values],
            notes=notes,
        )
    if name == "shares":
        colours = {k: p.role(n.role) for k, n in world.nations.items()}
        names = {k: n.name for k, n in world.nations.items()}
        rows = [(STAGE_TITLES[s], world.stage_shares.get(s, {})) for s in STAGES]
        return share_bars(
            surface,
            rect,
            theme,
            "Who produces each stage (share of world output)",
            rows,
            names,
            colours,
            world.player,
        )
    if name == "security":
        goal = _goal(game, "player.supply_security")
        series = [
            Series("You", column(history, "player.supply_security"), oi["sky_blue"], "circle"),
            Series(
                "Baseline",
                column(base, "player.supply_security"),
                p.muted_text,
                "diamond",
                dashed=True,
            ),
            Series(
                f"You, free of {adversary} inputs",
                column(history, "player.clean_supply"),
                oi["bluish_green"],
                "triangle",
            ),
        ]
        return line_chart(
            surface,
            rect,
            theme,
            f"{player} demand met from outside {adversary}",
            "share",
            labels,
            series,
            goal=goal,
        )
    if name == "stockpile":
        keys = (
            [c for c in history.columns if str(c).startswith("player.stockpile.")]
            if len(history)
            else []
        )
        markers = ("circle", "square", "triangle", "diamond")
        colours = (oi["orange"], oi["reddish_purple"], oi["bluish_green"], oi["yellow"])
        series = [
            Series(
                world.commodities.get(k.split(".")[-1], k),
                column(history, k),
                colours[i % 4],
                markers[i % 4],
            )
            for i, k in enumerate(keys)
        ]
        return line_chart(
            surface,
            rect,
            theme,
            "National stockpile, tonnes",
            "t",
            labels,
            series,
            empty="No stockpile yet: fund a stockpile card or order stock.",
        )
    if name == "budget":
        series = [
            Series("Spent so far", column(history, "game.spending_musd"), oi["orange"], "circle"),
            Series("Savings", column(history, "game.savings_musd"), oi["bluish_green"], "square"),
            Series(
                "Committed a turn",
                column(history, "game.locked_musd"),
                oi["reddish_purple"],
                "triangle",
            ),
            Series(
                "Lapsed so far", column(history, "game.lapsed_musd"), oi["vermillion"], "diamond"
            ),
        ]
        return line_chart(surface, rect, theme, "Budget, USD million", "musd", labels, series)
    scores = [r.scorecard.score if r.scorecard else math.nan for r in game.reports]
    baseline_scores = [
        r.scorecard.baseline_score if r.scorecard else math.nan for r in game.reports
    ]
    series = [
        Series("You", scores, oi["sky_blue"], "circle"),
        Series("Baseline", baseline_scores, p.muted_text, "diamond", dashed=True),
    ]
    return line_chart(
        surface, rect, theme, "Score, 0 to 100 (goals met, partly met)", "number", labels, series
    )


def _goal(game: Match, metric: str) -> tuple[float, str] | None:
    for objective in game.session.scenario.objectives:
        if objective.metric == metric:
            return objective.target, f"Goal {fmt(objective.target, 'share')}"
    return None


def _price_notes(report: object) -> str:
    """Why prices moved that turn: the report's price and control sentences."""
    sentences = [s.text for s in getattr(report, "headlines", ()) if s.kind in ("price", "control")]
    return "\n".join(dict.fromkeys(sentences[:3]))


# --- projects ----------------------------------------------------------------------------------


def draw_projects(scene: TurnScene, surface: pygame.Surface) -> None:
    t = scene.theme
    p = t.palette
    content = scene.content
    half = (content.width - t.px(12)) // 2
    left = pygame.Rect(content.x, content.y, half, content.height)
    right = pygame.Rect(content.x + half + t.px(12), content.y, half, content.height)
    for box, title in ((left, "Your projects"), (right, "Last turn")):
        draw.panel(surface, box, p.card, p.border, t.px(10))
        bold = t.font("large", bold=True)
        text.line(
            surface,
            title,
            bold,
            p.text,
            pygame.Rect(
                box.x + t.px(16), box.y + t.px(10), box.width - t.px(32), bold.get_height()
            ),
        )
    body, small = t.font("body"), t.font("small")
    y = left.y + t.px(54)
    if not scene.projects:
        text.paragraph(
            surface,
            "None yet. Funded cards appear here: being paid for, under construction, operating or "
            "mothballed.",
            body,
            p.muted_text,
            pygame.Rect(left.x + t.px(16), y, left.width - t.px(32), t.px(80)),
        )
    for title, label, share in scene.projects:
        if y + t.px(56) > left.bottom:
            break
        inner = pygame.Rect(left.x + t.px(16), y, left.width - t.px(32), t.px(24))
        text.line(surface, text.ellipsize(title, body, inner.width), body, p.text, inner)
        draw.meter(
            surface,
            pygame.Rect(inner.x, y + t.px(28), inner.width // 2, t.px(14)),
            share,
            t,
            p.accent,
            (),
        )
        text.line(
            surface,
            label,
            small,
            p.muted_text,
            pygame.Rect(
                inner.x + inner.width // 2 + t.px(10),
                y + t.px(22),
                inner.width // 2 - t.px(10),
                t.px(24),
            ),
        )
        y += t.px(58)
    report = scene.match.report
    y = right.y + t.px(54)
    if report is None:
        text.paragraph(
            surface,
            "Figures appear after the first turn.",
            body,
            p.muted_text,
            pygame.Rect(right.x + t.px(16), y, right.width - t.px(32), t.px(40)),
        )
        return
    row = t.px(34)
    for number in report.numbers:
        if y + row > right.bottom - t.px(8):
            break
        inner = pygame.Rect(right.x + t.px(16), y, right.width - t.px(32), row)
        value = _number(number.value, number.unit)
        text.line(
            surface,
            text.ellipsize(number.label, small, inner.width - t.px(190)),
            small,
            p.text,
            pygame.Rect(inner.x, y, inner.width - t.px(190), row),
        )
        text.line(
            surface,
            value,
            t.font("small", bold=True),
            p.text,
            pygame.Rect(inner.right - t.px(180), y, t.px(90), row),
            "right",
        )
        change_box = pygame.Rect(inner.right - t.px(84), y, t.px(84), row)
        _change(surface, t, number, change_box)
        scene.hotspots.append(Hotspot(inner, f"{number.explanation} {number.why}".strip()))
        y += row


def _number(value: float, unit: str) -> str:
    mapping = {
        "share": "share",
        "musd": "musd",
        "index": "index",
        "jobs": "number",
        "number": "number",
    }
    return fmt(value, mapping.get(unit, "number"))


def _change(surface: pygame.Surface, theme: Theme, number: object, box: pygame.Rect) -> None:
    """The change since last turn: a triangle for direction, words for better or worse."""
    p = theme.palette
    improved = number.improved  # type: ignore[attr-defined]
    change = number.change  # type: ignore[attr-defined]
    small = theme.font("small")
    if change is None or (isinstance(change, float) and math.isnan(change)):
        text.line(surface, "first year", small, p.muted_text, box, "right")
        return
    if improved is None:
        text.line(surface, "same", small, p.muted_text, box, "right")
        return
    colour = p.good_text if improved else p.bad_text
    draw.trend(surface, change > 0, (box.x + theme.px(8), box.centery), theme.px(7), colour)
    text.line(
        surface,
        "better" if improved else "worse",
        small,
        colour,
        box.inflate(-theme.px(20), 0).move(theme.px(10), 0),
        "right",
    )
