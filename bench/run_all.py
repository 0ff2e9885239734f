"""Run every benchmark script in this folder and print their figures."""

import runpy
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    print("Benchmarks: engine, game, batch and window; about 6 minutes on two cores.", flush=True)
    started = time.perf_counter()
    for script in sorted(HERE.glob("*.py")):
        if script.name not in (
            "run_all.py",
            "table.py",
            "profile_run.py",
            "turn_stages.py",
            "digests.py",
            "instructions.py",  # a before-and-after count, minutes under valgrind
            "in_turn.py",  # a before-and-after, of two source trees it is given
            "sample_profile.py",  # a profile, not figures
            "last_bit.py",  # not a speed: how far a last-bit change carries
            "price_ranges.py",  # not a speed: where a clearing price is not unique
        ):
            print(f"\n=== {script.stem} ===", flush=True)
            runpy.run_path(str(script), run_name="__main__")
    print(f"\nAll benchmarks took {(time.perf_counter() - started) / 60:.1f} minutes.")


if __name__ == "__main__":  # batch workers are spawned and re-import their main module
    main()
