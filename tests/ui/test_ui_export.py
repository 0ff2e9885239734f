"""What "Export for the teacher" writes: printable light pages (PNG and one PDF), tables
with one turn numbering, rounded, and a turns table with named columns."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pygame
import pytest

from rare_earth_game.ui import export, match
from rare_earth_game.ui.app import App


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory, played: match.Match
) -> tuple[Path, list[Path]]:
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((64, 64))
    folder = tmp_path_factory.mktemp("exports")
    return export.export_debrief(played, str(folder))


def test_every_chart_is_a_light_page_headed_with_team_and_scenario(
    exported: tuple[Path, list[Path]], played: match.Match
) -> None:
    _, written = exported
    pages = sorted(p for p in written if p.suffix == ".png")
    assert {p.name for p in pages} >= {"debrief_timeline.png", "chart_security.png"}
    for page in pages:
        image = pygame.image.load(str(page))
        assert image.get_at((4, 4))[:3] == (255, 255, 255), page.name
    title, subtitle = export.header(played)
    assert "Table 3" in title
    assert "Baseline 2025" in subtitle
    assert "Sprint" in subtitle


def test_the_pdf_has_a_page_per_chart(exported: tuple[Path, list[Path]]) -> None:
    folder, written = exported
    pdf = (folder / "debrief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page>")
    assert pages == len([p for p in written if p.suffix == ".png"])


def test_exporting_the_same_game_again_writes_the_same_bytes(
    exported: tuple[Path, list[Path]], played: match.Match, tmp_path: Path
) -> None:
    folder, written = exported
    _, again = export.export_debrief(played, str(tmp_path))
    assert sorted(p.name for p in again) == sorted(p.name for p in written)
    for path in again:
        assert path.read_bytes() == (folder / path.name).read_bytes(), path.name
    assert b"/CreationDate" not in (folder / "debrief.pdf").read_bytes()  # not even a second's


def test_every_table_counts_turns_from_one(exported: tuple[Path, list[Path]]) -> None:
    _, written = exported
    tables = [p for p in written if p.suffix == ".csv"]
    assert len(tables) >= 10
    for path in tables:
        table = pd.read_csv(path)
        column = "Turn" if "Turn" in table else "turn" if "turn" in table else None
        if column is None or table.empty:
            continue
        assert table[column].min() == 1, path.name
        assert pd.api.types.is_integer_dtype(table[column]), path.name


def test_tables_are_rounded(exported: tuple[Path, list[Path]]) -> None:
    folder, written = exported
    for path in (p for p in written if p.suffix == ".csv"):
        table = pd.read_csv(path)
        for name in table.select_dtypes("float").columns:
            values = table[name].dropna().abs()
            values = values[values > 0]
            if values.empty:
                continue
            digits = [len(f"{v:.12e}".split("e")[0].replace(".", "").rstrip("0")) for v in values]
            assert max(digits) <= export.SIGNIFICANT + 1, f"{path.name}: {name}"
    scorecard = pd.read_csv(folder / "scorecard.csv")
    assert all(math.isclose(s, round(s, 1)) for s in scorecard["score"])


def test_the_turns_table_names_its_columns_and_units(exported: tuple[Path, list[Path]]) -> None:
    folder, _ = exported
    turns = pd.read_csv(folder / "turns.csv")
    assert list(turns["Turn"]) == [1, 2]
    assert "Demand met from outside China (%)" in turns
    assert "Score (0-100)" in turns
    assert any(name.endswith("(USD/kg)") for name in turns.columns)
    assert "Your decisions" in turns
    assert turns["Your decisions"].fillna("").str.len().sum() > 0


def test_a_folder_that_cannot_be_written_is_said_on_screen(
    make_app: Callable[..., App], played: match.Match, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    app = make_app(export_dir=str(blocked))
    debrief = app.router.debrief(played)
    debrief.export()  # type: ignore[attr-defined]
    assert debrief.status.startswith("Could not export")  # type: ignore[attr-defined]
    assert debrief.status_bad  # type: ignore[attr-defined]
