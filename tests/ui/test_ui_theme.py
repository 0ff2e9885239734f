"""Colours a student must be able to read, and an engine that never needs a display."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rare_earth_game.ui.theme import OKABE_ITO, PALETTES, SURFACE_ROLES, contrast, contrast_pairs


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_text_colour_meets_wcag_aa_on_every_surface(name: str) -> None:
    failing = [(t, s, round(r, 2)) for t, s, r in contrast_pairs(PALETTES[name]) if r < 4.5]
    assert failing == []


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_focus_ring_stands_out_from_every_surface(name: str) -> None:
    palette = PALETTES[name]
    for surface in SURFACE_ROLES:
        assert contrast(palette.focus, getattr(palette, surface)) >= 3.0, surface


def test_high_contrast_is_higher_than_standard() -> None:
    standard = min(r for *_, r in contrast_pairs(PALETTES["standard"]))
    high = min(r for *_, r in contrast_pairs(PALETTES["high_contrast"]))
    assert high > standard


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def test_roles_on_the_map_use_distinct_okabe_ito_colours() -> None:
    palette = PALETTES["standard"]
    roles = [palette.role(r) for r in ("home", "ally", "adversary")]
    assert len(set(roles)) == 3
    assert all(colour in OKABE_ITO.values() for colour in roles)


def test_the_engine_and_the_cli_never_import_pygame() -> None:
    code = (
        "import sys, rare_earth_game, rare_earth_game.game, rare_earth_game.cli;"
        "from rare_earth_game.game import GameSession;"
        "print('pygame' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
