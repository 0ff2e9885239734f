"""manifest.json: what a results folder holds and how it was made.

It records the spec and entropy (enough to redo any run), the scenario's content hash,
the software (package version, git commit, library versions), every batch process that
wrote to the folder (start, end, backend, workers, shard), the runs planned, finished and
failed, and each failure's error. It is derived from the folder's contents, so any process
can rewrite it, and it is written atomically.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd

import rare_earth_game
from rare_earth_game.batch.experiment import Prepared
from rare_earth_game.batch.leftovers import host, temporary_path
from rare_earth_game.batch.plugins import code_digests
from rare_earth_game.batch.spec import SpecSource
from rare_earth_game.errors import UserError
from rare_earth_game.scenario.headline import key_commodities

FORMAT = "rare-earth-game/batch"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SESSIONS = "sessions"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def software() -> dict[str, Any]:
    """Versions that decide the results, and the git commit when running from a checkout."""
    versions: dict[str, str | None] = {}
    for package in ("rare-earth-game", "mesa", "numpy", "pandas", "scipy", "highspy", "pyarrow"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    commit, dirty = _git()
    return {
        "package_version": rare_earth_game.__version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _git() -> tuple[str | None, bool | None]:
    root = Path(rare_earth_game.__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None, None
    return commit or None, bool(status.strip())


class ManifestError(UserError):
    """A manifest.json that cannot be read as one."""


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest, None if it has none; `ManifestError` if it is damaged."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ManifestError(f"{path} cannot be read as a batch's manifest: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(f"{path} is not the manifest of a Rare Earth Game batch")
    missing = [key for key in BASE_KEYS if key not in data and key != "strategy_files"]
    if missing:
        raise ManifestError(f"{path} is damaged: it lacks {', '.join(missing)}")
    return data


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write JSON atomically: a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(path)
    temporary.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def sessions(folder: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted((folder / SESSIONS).glob("*.json")):
        records.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(records, key=lambda r: (r["started"], r["id"]))


def write_manifest(
    folder: Path, base: dict[str, Any], runs: pd.DataFrame | None, planned: int
) -> dict[str, Any]:
    """Derive the manifest from `base` (spec, entropy, scenario, ...) and the folder."""
    records = sessions(folder)
    traces = {
        failure["run_id"]: failure["traceback"]
        for record in records
        for failure in record.get("failures", [])
    }
    failures = []
    ok = failed = 0
    if runs is not None and len(runs):
        ok = int((runs["status"] == "ok").sum())
        bad = runs[runs["status"] != "ok"]
        failed = len(bad)
        for row in bad.to_dict("records"):
            failures.append(
                {
                    "run_id": int(row["run_id"]),
                    "strategy": row["strategy"],
                    "replication": int(row["replication"]),
                    "point": int(row["point"]),
                    "seed": int(row["seed"]),
                    "values": {p: _plain(row[p]) for p in base["parameters"]},
                    "error": row["error"],
                    "traceback": traces.get(int(row["run_id"]), ""),
                }
            )
    manifest = {
        **base,
        "runs_planned": planned,
        "runs_ok": ok,
        "runs_failed": failed,
        "complete": ok + failed >= planned,
        "started": records[0]["started"] if records else None,
        "ended": max((r["ended"] or "" for r in records), default="") or None,
        "sessions": [{k: v for k, v in r.items() if k != "failures"} for r in records],
        "failures": failures,
    }
    write_json(folder / MANIFEST, manifest)
    return manifest


BASE_KEYS = (
    "format",
    "format_version",
    "experiment",
    "spec",
    "spec_folder",
    "entropy",
    "scenario",
    "parameters",
    "strategies",
    "strategy_files",
    "key_commodities",
    "tables",
    "software",
)


def manifest_base(prepared: Prepared, source: SpecSource, entropy: int, fmt: str) -> dict[str, Any]:
    """The manifest's fixed part: what the experiment is and what it ran on."""
    spec = prepared.spec
    scenario = prepared.scenario
    experiment = spec.experiment
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "experiment": experiment.name or scenario.meta.name,
        "spec": spec.to_data(),
        "spec_folder": str(source.folder.resolve()),
        "entropy": str(entropy),
        "scenario": {
            "reference": experiment.scenario,
            "path": str(prepared.scenario_path),
            "title": scenario.meta.name,
            "content_hash": scenario.content_hash(),
            "adversary": scenario.game.adversary,
        },
        "parameters": [axis.path for axis in prepared.axes],
        "strategies": list(experiment.strategies),
        "strategy_files": code_digests(prepared.strategy_modules),
        "key_commodities": {
            c: scenario.commodity(c).name for c in key_commodities(scenario, limit=3)
        },
        "tables": {
            "format": fmt,
            "runs": f"runs.{fmt}",
            "turns": f"turns.{fmt}",
            "flows": f"flows.{fmt}" if experiment.flows else None,
        },
        "software": software(),
    }


def differences(manifest: dict[str, Any], base: dict[str, Any]) -> list[str]:
    """Why a batch in a folder is not this experiment: resuming must continue the same
    one, with only more replications allowed. Empty when they are the same."""
    problems = []
    if manifest["scenario"]["content_hash"] != base["scenario"]["content_hash"]:
        problems.append(f"the scenario {base['scenario']['path']} has changed since")
    recorded = manifest.get("strategy_files", {})
    for name, digest in base["strategy_files"].items():
        if name in recorded and recorded[name] != digest:
            problems.append(
                f"the strategy file {name} has changed since (SHA-256 {str(recorded[name])[:12]}…,"
                f" now {str(digest)[:12]}…); its runs would mix two strategies"
            )
    old = _flat(manifest["spec"])
    new = _flat(base["spec"])
    ignored = {"experiment.scenario", "experiment.entropy", "experiment.replications"}
    for key in sorted((old.keys() | new.keys()) - ignored):
        if old.get(key) != new.get(key):
            problems.append(f"{key} was {old.get(key)!r}, now {new.get(key)!r}")
    before = old.get("experiment.replications", 1)
    after = new.get("experiment.replications", 1)
    if after < before:
        problems.append(f"replications was {before}, now {after} (it may only grow)")
    return problems


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        flat: dict[str, Any] = {}
        for key, value in data.items():
            flat.update(_flat(value, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): data}


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def session_id(started: dt.datetime) -> str:
    """Unique across processes and machines writing to one folder; sorts by start time."""
    return f"{started:%Y%m%dT%H%M%S.%f}-{host()}-{os.getpid()}"
