"""Command-line shortcuts: an experiment from `batch SCENARIO --strategy a,b --sweep ...`.

The options build (or amend) the same spec data a TOML file holds, so they are checked
the same way; a mistake is shown at the option that caused it:

    --sweep tariffs.us_ieepa_china.rate=0,0.25,0.5      a list of values
    --sweep settings.inventory_adjust_turns=1:3:5               low:high:num, evenly spaced
    --sweep settings.inventory_adjust_turns=1:3                 low:high (lhs, morris, sobol)
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rare_earth_game.batch.runner import resume_spec
from rare_earth_game.batch.spec import (
    ExperimentSpec,
    SpecError,
    SpecSource,
    parse_spec_file,
    spec_from_data,
)
from rare_earth_game.scenario.toml_input import NestingError, parse_toml


@dataclass
class Shortcuts:
    """The experiment options of `rare-earth-game batch`; None means "not given"."""

    runs: int | None = None
    strategies: str | None = None
    sweeps: list[str] = field(default_factory=list)
    design: str | None = None
    samples: int | None = None
    turns: int | None = None
    preset: str | None = None
    difficulty: str | None = None
    baseline: bool | None = None
    flows: bool | None = None


def is_spec_file(target: str) -> bool:
    """Whether `target` names an experiment spec (a TOML file with an [experiment] table)."""
    path = Path(target)
    if path.suffix != ".toml" or not path.is_file():
        return False
    try:
        return "experiment" in parse_toml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, NestingError):
        return False


def experiment_from_options(
    target: str | None, options: Shortcuts, resume_from: Path | None, *, allow_code: bool = False
) -> tuple[ExperimentSpec, SpecSource]:
    """The experiment a `batch` command line describes; raises `SpecError` if it is wrong."""
    if target is None:
        if resume_from is None:
            raise SpecError(["give a scenario or an experiment file (or --resume with --out)"])
        recorded, source = resume_spec(resume_from, allow_code=allow_code)
        data = recorded.to_data()
    elif is_spec_file(target):
        data, source = parse_spec_file(Path(target))
    else:
        data = {"experiment": {"scenario": target}}
        source = SpecSource(target, folder=Path.cwd(), confined=False)
        source.labels[("experiment", "scenario")] = target
    source.allow_code = allow_code
    data = _amended(copy.deepcopy(data), options, source)
    return spec_from_data(data, source), source


def _amended(data: dict[str, Any], options: Shortcuts, source: SpecSource) -> dict[str, Any]:
    experiment = data.setdefault("experiment", {})
    simple = {
        "replications": ("--runs", options.runs),
        "turns": ("--turns", options.turns),
        "preset": ("--preset", options.preset),
        "difficulty": ("--difficulty", options.difficulty),
        "baseline": ("--baseline", options.baseline),
        "flows": ("--flows", options.flows),
    }
    for key, (option, value) in simple.items():
        if value is not None:
            experiment[key] = value
            source.labels[("experiment", key)] = f"{option} {value}"
    if options.strategies is not None:
        experiment["strategies"] = [s.strip() for s in options.strategies.split(",") if s.strip()]
        source.labels[("experiment", "strategies")] = f"--strategy {options.strategies}"
    design = data.setdefault("design", {})
    if options.design is not None:
        design["kind"] = options.design
        source.labels[("design", "kind")] = f"--design {options.design}"
    if options.samples is not None:
        design["samples"] = options.samples
        source.labels[("design", "samples")] = f"--samples {options.samples}"
    parameters = data.setdefault("parameters", [])
    problems = []
    for text in options.sweeps:
        try:
            parameter = parse_sweep(text)
        except ValueError as error:
            problems.append(f"--sweep {text}: {error}")
            continue
        same = [i for i, p in enumerate(parameters) if p.get("path") == parameter["path"]]
        index = same[0] if same else len(parameters)
        if same:
            parameters[index] = parameter
        else:
            parameters.append(parameter)
        source.labels[("parameters", index)] = f"--sweep {text}"
    if problems:
        raise SpecError(problems)
    return data


def parse_sweep(text: str) -> dict[str, Any]:
    """`path=v1,v2,...`, `path=low:high:num` or `path=low:high` as a [[parameters]] entry."""
    path, equals, values = text.partition("=")
    if not equals or not path.strip() or not values.strip():
        raise ValueError("expected PATH=V1,V2,... or PATH=LOW:HIGH:NUM")
    parameter: dict[str, Any] = {"path": path.strip()}
    if ":" in values and "," not in values:
        parts = [_scalar(p) for p in values.split(":")]
        numbers = all(isinstance(p, int | float) and not isinstance(p, bool) for p in parts)
        if len(parts) not in (2, 3) or not numbers or (len(parts) == 3 and not _whole(parts[2])):
            raise ValueError(
                "a range is LOW:HIGH:NUM (or LOW:HIGH for --design lhs, morris or sobol) in numbers"
            )
        parameter["low"], parameter["high"] = float(parts[0]), float(parts[1])
        if len(parts) == 3:
            parameter["num"] = parts[2]
        return parameter
    parameter["values"] = [_scalar(v) for v in values.split(",")]
    return parameter


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _scalar(text: str) -> Any:
    """A value as TOML reads it (numbers, true/false, "text"), else the text itself."""
    text = text.strip()
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
