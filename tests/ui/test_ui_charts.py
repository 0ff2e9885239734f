"""Charts and the timeline, laid out without drawing: axes that start from the data, labels
that never collide, every share segment named, every decision named."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import pygame
import pytest

from rare_earth_game.ui import match
from rare_earth_game.ui.app import App
from rare_earth_game.ui.charts import Series, nice_range, plan_line_chart, spread
from rare_earth_game.ui.game_charts import chart_plan
from rare_earth_game.ui.share_chart import GROUPED_BELOW, plan_share_chart
from rare_earth_game.ui.theme import make_theme
from rare_earth_game.ui.timeline import Decided, plan_timeline


@pytest.fixture
def theme(make_app: Callable[..., App]) -> object:
    make_app()  # fonts need pygame's display and font modules
    return make_theme("standard", 1.0)


def _overlaps(rects: list[pygame.Rect]) -> list[tuple[pygame.Rect, pygame.Rect]]:
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.colliderect(b)]


def test_price_axes_start_from_the_data_not_from_zero(played: match.Match, theme: object) -> None:
    plan = chart_plan("prices", played, theme, pygame.Rect(0, 0, 900, 420))  # type: ignore[arg-type]
    lowest = min(min(y for _, y in points) for _, points in plan.lines)
    assert plan.grid, "no axis"
    assert max(plan.grid) > plan.area.bottom - 2 or lowest < plan.area.bottom - 2
    low, high, _ = nice_range([61.0, 64.0, 69.5], "usd_kg")
    assert 50 <= low < 61
    assert 69.5 <= high <= 75


def test_a_flat_series_is_not_blown_up_into_noise() -> None:
    low, high, _ = nice_range([68.9, 69.0, 69.2], "usd_kg")
    assert high - low >= 6.9  # at least a tenth of the value


@pytest.mark.parametrize("height", [160, 240, 420])
def test_line_end_labels_never_collide(theme: object, height: int) -> None:
    series = [
        Series(f"line {i}", [10.0, 20.0 + i * 0.01], (200, 100, 0), "circle") for i in range(4)
    ]
    plan = plan_line_chart(
        pygame.Rect(0, 0, 700, height),
        theme,
        "Title",
        "usd_kg",
        ["a", "b"],
        series,  # type: ignore[arg-type]
    )
    assert _overlaps([label.rect for label in plan.labels]) == []
    assert all(plan.rect.contains(label.rect) for label in plan.labels)


def test_spread_keeps_labels_apart_and_inside() -> None:
    centres = spread([50.0, 50.0, 51.0, 200.0], 20, 0.0, 100.0)
    assert centres is not None
    ordered = sorted(centres)
    assert all(b - a >= 20 - 1e-9 for a, b in itertools.pairwise(ordered))
    assert min(centres) >= 10
    assert max(centres) <= 90
    assert spread([1.0] * 6, 20, 0.0, 100.0) is None  # six do not fit in 100 px: none shown


@pytest.mark.parametrize("width", [520, 900, 1400])
def test_every_producer_of_a_share_chart_is_named(theme: object, width: int) -> None:
    shares = {
        "CHN": 0.68,
        "USA": 0.14,
        "AUS": 0.07,
        "MMR": 0.06,
        "IND": 0.035,
        "RUS": 0.015,
    }
    names = {"CHN": "China", "USA": "United States", "AUS": "Australia", "MMR": "Myanmar"}
    names |= {"IND": "India", "RUS": "Russia"}
    colours = dict.fromkeys(shares, (100, 100, 100))
    plan = plan_share_chart(
        pygame.Rect(0, 0, width, 400),
        theme,  # type: ignore[arg-type]
        "Who produces",
        [("Mining", shares), ("Separation", shares)],
        names,
        colours,
        player="USA",
        adversary="CHN",
    )
    words = " ".join(label.words for label in plan.labels)
    for nation, share in shares.items():
        named = names[nation] if share >= GROUPED_BELOW else "Others"
        assert f"{named} {share if share >= GROUPED_BELOW else 0.015:.0%}" in words or (
            "more on hover" in words
        )
    assert _overlaps([label.rect for label in plan.labels]) == []
    assert all(plan.rect.contains(label.rect) for label in plan.labels)


def test_decisions_on_the_timeline_never_collide(theme: object) -> None:
    years = [100 + 110 * i for i in range(8)]
    titles = ["Graphite supply deal with Mozambique", "Develop Round Top, Texas", "Talks"]
    decided = [
        Decided(years[i % 8], titles[i % 3], "domestic", i % 4 != 0, "tip") for i in range(24)
    ]
    plan = plan_timeline(pygame.Rect(90, 0, 900, 0), theme, decided, years)  # type: ignore[arg-type]
    boxes = [spot.rect for spot in plan.spots]
    assert len(boxes) == 24
    assert _overlaps(boxes) == []
    assert all(box.x >= 90 and box.right <= 990 for box in boxes)
    assert sum("Refused" in label.words for label in plan.labels) == 6
    assert plan.height >= max(box.bottom for box in boxes)
    assert math.isfinite(plan.height)
