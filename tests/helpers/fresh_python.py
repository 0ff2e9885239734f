"""Checks run in a new interpreter, for what depends on the whole process: whether it may
fork, above all. A test process can hold threads of its own (dask's offload thread stays
once a test has used dask), and a process with threads forks nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]


def fresh_python(check: Callable[[], None]) -> dict[str, Any]:
    """`subprocess` arguments that run `check`, a module-level function of a test file, in
    a new Python that can import the test helpers."""
    path = sys.modules[check.__module__].__file__
    code = f"import runpy; runpy.run_path({path!r})[{check.__name__!r}]()"
    paths = [str(TESTS), os.environ.get("PYTHONPATH", "")]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return {"args": [sys.executable, "-c", code], "env": environment}


def in_fresh_python(check: Callable[[], None]) -> None:
    """Run `check` in a new Python (see `fresh_python`); fail with its error output if it
    fails."""
    result = subprocess.run(**fresh_python(check), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
