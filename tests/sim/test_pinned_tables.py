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
    "model": "46295bcfe852c35dbcf771defbb3e02077d8a3a41c1ca43b88ab2661ea65c40c",
    "markets": "674a215d1599fda731d3d2285a3aeb629d9be1c0eca2e0fff3551c3b78b83ae7",
    "flows": "b93aa026c0f4d18c4cc10723d81d45cf8b26ba1893c4d0c4f4122b8a6745dc25",
    "facilities": "396be34a3958c8584479ad1f47811adfa8869c803c8302d0ed816a400d57ebcc",
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
