"""Colours, type sizes and the pygame_gui theme, for a standard and a high-contrast look.

Every text colour is paired with the backgrounds it is drawn on, and `contrast_pairs` lists
those pairs so a test can hold them to WCAG AA (4.5:1). Categorical colours come from the
Okabe–Ito palette, which colour-blind readers can tell apart; the UI never relies on them
alone (shapes, patterns and labels carry the same meaning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pygame

from rare_earth_game.ui.paths import assets_dir

Colour = tuple[int, int, int]

OKABE_ITO: dict[str, Colour] = {
    "orange": (0xE6, 0x9F, 0x00),
    "sky_blue": (0x56, 0xB4, 0xE9),
    "bluish_green": (0x00, 0x9E, 0x73),
    "yellow": (0xF0, 0xE4, 0x42),
    "blue": (0x00, 0x72, 0xB2),
    "vermillion": (0xD5, 0x5E, 0x00),
    "reddish_purple": (0xCC, 0x79, 0xA7),
    "black": (0, 0, 0),
}

FONT_SIZES = {"small": 16, "body": 19, "large": 23, "title": 31, "hero": 58}
"""Pixel sizes at UI scale 1 in a 1280×720 window: readable from the back of a room."""

BUTTON_PADDING = 12
"""Space at 1× between a button's edge and its label."""
BIG_BUTTONS = ("@primary", "@big")


def hex_colour(colour: Colour) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: Colour) -> float:
    r, g, b = (_channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Palette:
    """Named colours of one look. Text colours end in `text`; the rest are surfaces or marks."""

    name: str
    bg: Colour
    panel: Colour
    card: Colour
    raised: Colour
    hover: Colour
    border: Colour
    text: Colour
    muted_text: Colour
    accent: Colour
    accent_text: Colour  # text drawn on the accent colour
    good_text: Colour
    bad_text: Colour
    focus: Colour
    ocean: Colour
    land: Colour
    home: Colour
    ally: Colour
    neutral: Colour
    adversary: Colour
    coast: Colour
    disabled_text: Colour
    roles_text: dict[str, Colour] = field(default_factory=dict)
    line_swaps: dict[str, str] = field(default_factory=dict)  # Okabe–Ito names to redraw

    def line_colour(self, name: str) -> Colour:
        """An Okabe–Ito colour for chart lines, swapped for one that shows on this palette's
        background where needed (yellow vanishes on paper, so print draws black)."""
        return OKABE_ITO[self.line_swaps.get(name, name)]

    def role(self, role: str) -> Colour:
        return {
            "home": self.home,
            "ally": self.ally,
            "neutral": self.neutral,
            "adversary": self.adversary,
        }.get(role, self.land)


STANDARD = Palette(
    name="standard",
    bg=(13, 20, 31),
    panel=(21, 31, 46),
    card=(29, 42, 61),
    raised=(38, 55, 79),
    hover=(44, 62, 88),
    border=(72, 94, 124),
    text=(240, 244, 249),
    muted_text=(184, 196, 212),
    accent=OKABE_ITO["sky_blue"],
    accent_text=(8, 20, 33),
    good_text=(92, 214, 170),
    bad_text=(255, 164, 124),
    focus=OKABE_ITO["yellow"],
    ocean=(16, 38, 58),
    land=(58, 68, 82),
    home=OKABE_ITO["blue"],
    ally=OKABE_ITO["sky_blue"],
    neutral=(96, 106, 120),
    adversary=OKABE_ITO["vermillion"],
    coast=(12, 22, 34),
    disabled_text=(160, 170, 186),
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    bg=(0, 0, 0),
    panel=(0, 0, 0),
    card=(12, 12, 12),
    raised=(24, 24, 24),
    hover=(60, 60, 60),
    border=(255, 255, 255),
    text=(255, 255, 255),
    muted_text=(230, 230, 230),
    accent=OKABE_ITO["yellow"],
    accent_text=(0, 0, 0),
    good_text=(120, 240, 200),
    bad_text=(255, 170, 120),
    focus=(0, 255, 255),
    ocean=(0, 0, 0),
    land=(70, 70, 70),
    home=OKABE_ITO["sky_blue"],
    ally=(160, 220, 255),
    neutral=(120, 120, 120),
    adversary=OKABE_ITO["orange"],
    coast=(255, 255, 255),
    disabled_text=(200, 200, 200),
)

PRINT = Palette(
    name="print",
    bg=(255, 255, 255),
    panel=(255, 255, 255),
    card=(255, 255, 255),
    raised=(226, 230, 236),
    hover=(236, 240, 245),
    border=(90, 100, 115),
    text=(10, 14, 20),
    muted_text=(70, 78, 90),
    accent=OKABE_ITO["blue"],
    accent_text=(255, 255, 255),
    good_text=(0, 100, 70),
    bad_text=(170, 50, 0),
    focus=OKABE_ITO["blue"],
    ocean=(236, 242, 248),
    land=(200, 205, 212),
    home=OKABE_ITO["blue"],
    ally=OKABE_ITO["sky_blue"],
    neutral=(170, 176, 186),
    adversary=OKABE_ITO["vermillion"],
    coast=(120, 130, 140),
    disabled_text=(80, 88, 100),
    line_swaps={"yellow": "black"},
)
"""A light look for what is printed or projected on white: the teacher's export."""

PALETTES = {p.name: p for p in (STANDARD, HIGH_CONTRAST, PRINT)}

TEXT_ROLES = ("text", "muted_text", "good_text", "bad_text", "disabled_text")
SURFACE_ROLES = ("bg", "panel", "card", "raised", "hover")


def contrast_pairs(palette: Palette) -> list[tuple[str, str, float]]:
    """(text colour, background, ratio) for every pair the UI draws."""
    pairs = [
        (t, s, contrast(getattr(palette, t), getattr(palette, s)))
        for t in TEXT_ROLES
        for s in SURFACE_ROLES
    ]
    pairs.append(("accent_text", "accent", contrast(palette.accent_text, palette.accent)))
    pairs.append(("text", "ocean", contrast(palette.text, palette.ocean)))
    return pairs


@cache
def _font(size: int, bold: bool, italic: bool) -> pygame.font.Font:
    name = "Bold" if bold else "Italic" if italic else "Regular"
    return pygame.font.Font(assets_dir() / "fonts" / f"AtkinsonHyperlegible-{name}.ttf", size)


@dataclass(frozen=True)
class Theme:
    """A palette at a UI scale: the one object scenes ask for colours, sizes and fonts."""

    palette: Palette
    scale: float

    def px(self, value: float) -> int:
        """A length at 1× scaled to this theme."""
        return max(1, round(value * self.scale))

    def size(self, role: str) -> int:
        return self.px(FONT_SIZES[role])

    def font(
        self, role: str = "body", bold: bool = False, italic: bool = False
    ) -> pygame.font.Font:
        return _font(self.size(role), bold, italic)

    def button_font(self, object_id: str | None = None) -> pygame.font.Font:
        """The font pygame_gui draws a button's label in (see `ui_theme`)."""
        role = "small" if object_id == "@small" else "large" if object_id in BIG_BUTTONS else "body"
        return self.font(role, bold=True)

    def button_width(self, words: str, object_id: str | None = None) -> int:
        """The width a button needs to show `words` whole, padding and border included."""
        return self.button_font(object_id).size(words)[0] + 2 * self.px(BUTTON_PADDING + 2)

    def ui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme: our font and colours, generous padding, visible borders."""
        p = self.palette
        fonts = assets_dir() / "fonts"

        def font(role: str, bold: bool = False) -> dict[str, str]:
            return {
                "name": "atkinson",
                "size": str(self.size(role)),
                "bold": "1" if bold else "0",
                "regular_path": str(fonts / "AtkinsonHyperlegible-Regular.ttf"),
                "bold_path": str(fonts / "AtkinsonHyperlegible-Bold.ttf"),
                "italic_path": str(fonts / "AtkinsonHyperlegible-Italic.ttf"),
                "bold_italic_path": str(fonts / "AtkinsonHyperlegible-Bold.ttf"),
            }

        colours = {
            "normal_bg": hex_colour(p.raised),
            "hovered_bg": hex_colour(p.hover),
            "disabled_bg": hex_colour(p.card),
            "selected_bg": hex_colour(p.accent),
            "active_bg": hex_colour(p.accent),
            "dark_bg": hex_colour(p.panel),
            "normal_text": hex_colour(p.text),
            "hovered_text": hex_colour(p.text),
            "selected_text": hex_colour(p.accent_text),
            "active_text": hex_colour(p.accent_text),
            "disabled_text": hex_colour(p.disabled_text),
            "text_cursor": hex_colour(p.text),
            "normal_border": hex_colour(p.border),
            "hovered_border": hex_colour(p.text),
            "disabled_border": hex_colour(p.border),
            "selected_border": hex_colour(p.text),
            "active_border": hex_colour(p.text),
            "filled_bar": hex_colour(p.accent),
            "unfilled_bar": hex_colour(p.card),
            "text_shadow": "#000000",
        }
        misc = {
            "shape": "rounded_rectangle",
            "shape_corner_radius": str(self.px(8)),
            "border_width": str(max(1, self.px(1.5))),
            "shadow_width": "0",
            "text_horiz_alignment_padding": str(self.px(BUTTON_PADDING)),
            "tool_tip_delay": "0.5",
        }
        primary = dict(colours)
        primary.update(
            normal_bg=hex_colour(p.accent),
            hovered_bg=hex_colour(p.text),
            normal_text=hex_colour(p.accent_text),
            hovered_text=hex_colour(p.accent_text),
            normal_border=hex_colour(p.accent),
        )
        return {
            "defaults": {"colours": colours, "font": font("body"), "misc": misc},
            "button": {"colours": colours, "font": font("body", bold=True), "misc": misc},
            "@primary": {"colours": primary, "font": font("large", bold=True), "misc": misc},
            "@big": {"font": font("large", bold=True)},
            "@small": {"font": font("small", bold=True)},
            "label": {
                "colours": {**colours, "dark_bg": "#00000000", "normal_bg": "#00000000"},
                "font": font("body"),
            },
            "@heading": {"font": font("large", bold=True)},
            "text_entry_line": {
                "colours": {
                    **colours,
                    "dark_bg": hex_colour(p.card),
                    "selected_bg": hex_colour(p.hover),
                    "selected_text": hex_colour(p.text),
                },
                "font": font("large"),
                "misc": {**misc, "padding": f"{self.px(10)},{self.px(6)}"},
            },
            "tool_tip": {
                "colours": {**colours, "dark_bg": hex_colour(p.card)},
                "font": font("small"),
                "misc": {"border_width": "1", "rect_width": str(self.px(360))},
            },
            "scrolling_container": {"colours": {**colours, "dark_bg": "#00000000"}},
            "vertical_scroll_bar": {"colours": colours, "misc": {"border_width": "1"}},
        }


def make_theme(palette_name: str, scale: float) -> Theme:
    return Theme(PALETTES.get(palette_name, STANDARD), scale)
