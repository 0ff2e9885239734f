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
    "model": "4610ecb208c70c499b1780065215fe4722bbf9fe13f6b8411aff672b0ee10981",
    "markets": "7808ed4edc1412995fd709ec3738ae7e29d25344f49555f7310a2479c244a198",
    "flows": "94eb3cefc575c334068bc8db1a6bb50b5f0d84005bb7586cb92ead2caa15337f",
    "facilities": "57f63e07f705dcc6dbc18eb737bd34724cc8e3eba661481087ad07d4e20dfc77",
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
