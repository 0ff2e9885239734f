"""The documentation is true: the guide's TOML examples load into a scenario, it names no
file outside the repository, and every example scenario key it shows exists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from rare_earth_game.scenario import parse_scenario

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "tiny.toml"
GUIDE = ROOT / "docs" / "authoring.md"
TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)


def test_the_guide_s_examples_make_a_valid_scenario() -> None:
    blocks = TOML_BLOCK.findall(GUIDE.read_text(encoding="utf-8"))
    world = [b for b in blocks if "[experiment]" not in b]
    assert len(world) >= 4, "a chain, a card, an event, an AI profile"
    text = TINY.read_text(encoding="utf-8") + "\n" + "\n".join(world)
    scenario = parse_scenario(text, "guide examples")
    assert scenario.recoveries[0].host == "chn_zinc"
    assert any(card.id == "germanium_recycling" for card in scenario.investments)
    experiment = tomllib.loads(next(b for b in blocks if "[experiment]" in b))
    assert experiment["experiment"]["strategies"][2] == "fund:germanium_recycling"


def test_nothing_in_the_product_cites_a_file_outside_the_repository() -> None:
    outside = re.compile(r"DESIGN\.md|\.\./shared/|/work/shared")
    paths = [
        *ROOT.glob("rare_earth_game/**/*.py"),
        *ROOT.glob("scenarios/*.toml"),
        *ROOT.glob("docs/*.md"),
        *ROOT.glob("tools/*.py"),
        *ROOT.glob("experiments/*.toml"),
        ROOT / "README.md",
    ]
    cited = [str(p.relative_to(ROOT)) for p in paths if outside.search(p.read_text("utf-8"))]
    assert cited == []


def test_editor_configs_map_the_scenarios_to_the_schema() -> None:
    taplo = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    tombi = tomllib.loads((ROOT / "tombi.toml").read_text(encoding="utf-8"))
    (rule,) = taplo["rule"]
    (schema,) = tombi["schemas"]
    for include, path in (
        (rule["include"], rule["schema"]["path"]),
        (schema["include"], schema["path"]),
    ):
        assert (ROOT / path).resolve() == ROOT / "scenarios" / "scenario.schema.json"
        matched = {p.name for pattern in include for p in ROOT.glob(pattern)}
        assert {"baseline_2025.toml", "history_2010.toml"} <= matched
