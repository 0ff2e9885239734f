"""The engine's output for one seed of baseline_2025, pinned by hash.

Speed work (issue 12) must not change what the engine computes: these hashes were taken on
main before any of it, and a refactor keeps them byte-identical. Update a pin only when the
engine's behaviour is meant to change, in a commit that says why.
"""

import hashlib

import pandas as pd
import pytest

from rare_earth_game.scenario import load_scenario
from rare_earth_game.sim.model import RareEarthModel
from rare_earth_game.sim.recorder import Recorder

PINS = {
    "model": "09b15fce21876c7d3a5b5e9729f4482c78ed35beca8900b49c85c67cc9a2dac2",
    "markets": "7e7383d21c982ccd729d3468a5558a6d8622a5e10ccc0248f0f513ecf4b8c511",
    "flows": "9685460614cbdce07eb9097bbd9074fc47cf034d9ddb2c43b67eec335961ebbc",
    "facilities": "5a611fe4a00ad4e35816f12a9e8767d8834b0a3e0ea807f7348452889d90b2c2",
}


def _digest(table: pd.DataFrame) -> str:
    return hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()


@pytest.fixture(scope="module")
def recorder() -> Recorder:
    model = RareEarthModel(load_scenario("baseline_2025"), seed=7).run()
    return model.recorder


@pytest.mark.parametrize("table", sorted(PINS))
def test_baseline_2025_seed_7_tables_match_their_pin(recorder: Recorder, table: str) -> None:
    frame = getattr(recorder, f"{table}_table")()
    assert _digest(frame) == PINS[table]
