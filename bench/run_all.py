"""Run every benchmark script in this folder and print their figures."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    for script in sorted(HERE.glob("*.py")):
        if script.name != "run_all.py":
            print(f"\n=== {script.stem} ===", flush=True)
            runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":  # batch workers are spawned and re-import their main module
    main()
