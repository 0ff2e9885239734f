"""A scenario's content hash names what a save was played on: layout and comments do not
change it, a changed figure does, and a setting written at its default does not, so a
setting added to the format later does not turn earlier saves away."""

from __future__ import annotations

from pathlib import Path

from rare_earth_game.scenario import load_scenario, parse_scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.toml"


def _hash(extra: str) -> str:
    return parse_scenario(TINY.read_text(encoding="utf-8") + extra, "tiny.toml").content_hash()


def test_comments_and_blank_lines_leave_the_hash_as_it_was() -> None:
    assert _hash("\n\n# a note for the class\n") == load_scenario(TINY).content_hash()


def test_a_setting_written_at_its_default_leaves_the_hash_as_it_was() -> None:
    assert _hash("\n[settings]\ncourt_protection_turns = 0\n") == load_scenario(TINY).content_hash()


def test_a_setting_that_changes_the_world_changes_the_hash() -> None:
    assert _hash("\n[settings]\ncourt_protection_turns = 2\n") != load_scenario(TINY).content_hash()
