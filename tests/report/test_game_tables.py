"""One schema for a game's tables, whoever writes them: turns counted from 1 in each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from rare_earth_game.cli import app
from rare_earth_game.game import GameSession, SetTariff
from rare_earth_game.game.strategies import get_strategy
from rare_earth_game.report.game_tables import game_tables

TABLES = {
    "game",
    "baseline",
    "actions",
    "ai_moves",
    "scorecard",
    "model",
    "flows",
    "markets",
    "facilities",
    "notes",
}


def _played(turns: int) -> GameSession:
    session = GameSession("history_2010", seed=1, preset="sprint")
    strategy = get_strategy("balanced", 1)
    # a tariff on light oxides leaves the US buying heavy ones: the AI answers on those
    session.submit([SetTariff("CHN", 1.0, "light_oxides"), *strategy.decide(session)])
    for _ in range(turns - 1):
        session.submit(strategy.decide(session))
    return session


def test_every_table_counts_game_turns_from_one() -> None:
    session = _played(3)
    tables = game_tables(session)
    assert set(tables) == TABLES
    for name, table in tables.items():
        if name in ("scorecard", "baseline", "notes") or table.empty:
            continue
        assert table["turn"].min() == 1, name
        assert table["turn"].max() == 3 or name in ("actions", "ai_moves"), name
    assert tables["baseline"]["turn"].tolist() == list(range(1, session.turns + 1))
    model = tables["model"]
    assert model["step"].tolist() == list(range(1, 3 * session.steps + 1))
    assert (model["turn"] == (model["step"] - 1) // session.steps + 1).all()
    assert tables["game"]["date"].tolist() == session.labels[:3]


def test_actions_and_the_scorecard_read_on_their_own() -> None:
    tables = game_tables(_played(2))
    actions = tables["actions"]
    assert {"turn", "date", "kind", "title", "pillar", "accepted", "message"} <= set(actions)
    assert actions.loc[0, "title"] == "Tariff 100% on Light RE oxides from China"
    scorecard = tables["scorecard"]
    total = scorecard.iloc[-1]
    assert total["objective"] == "total"
    assert total["grade"] in {"A", "B", "C", "D", "F"}
    measured = scorecard[scorecard["part"] != "sub_score"]["score"]
    assert measured.between(0, 100).all()
    parts = scorecard[scorecard["part"] == "sub_score"]
    assert parts["score"].dropna().between(0, 100).all(), "NaN: a part this world cannot measure"
    assert parts["how"].str.len().gt(0).all()


def test_run_with_a_strategy_writes_the_same_tables(tmp_path: Path) -> None:
    arguments = ["run", "history_2010", "--strategy", "balanced", "--preset", "sprint"]
    result = CliRunner().invoke(app, [*arguments, "--turns", "2", "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").is_file(), name
    assert pd.read_csv(tmp_path / "game.csv")["turn"].tolist() == [1, 2]
    assert (tmp_path / "game.reg.json.gz").is_file()
