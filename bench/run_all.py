"""Run every benchmark script in this folder and print their figures."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in sorted(HERE.glob("*.py")):
    if script.name != "run_all.py":
        print(f"\n=== {script.stem} ===")
        runpy.run_path(str(script), run_name="__main__")
