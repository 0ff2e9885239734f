"""From a spec to a runnable experiment: the scenario loaded, every name and value checked.

Everything a user can get wrong is checked here, before any run starts, and reported all
at once where they wrote it: an unknown scenario or strategy, a key path that leads
nowhere, a turn count past the preset's end, or a value the scenario refuses (each value
is tried alone in the scenario, so its own validation explains what is wrong).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rare_earth_game.batch.design import Axis
from rare_earth_game.batch.paths import KeyPathError, get, resolve
from rare_earth_game.batch.plugins import NO_GAME, load_strategy_modules, refusal
from rare_earth_game.batch.sensitivity import SENSITIVITY_KINDS
from rare_earth_game.batch.spec import ExperimentSpec, Finding, SpecError, SpecSource, show
from rare_earth_game.batch.variants import build_variant, scenario_data
from rare_earth_game.game.presets import PRESETS
from rare_earth_game.game.strategies import strategy_problem
from rare_earth_game.scenario import (
    Scenario,
    ScenarioError,
    ScenarioNotFoundError,
    load_scenario,
)
from rare_earth_game.scenario.catalog import resolve_scenario
from rare_earth_game.scenario.errors import Loc, key_path


@dataclass(frozen=True)
class Prepared:
    """A checked experiment, ready to be planned into runs."""

    spec: ExperimentSpec
    scenario: Scenario
    scenario_path: Path
    base: dict[str, Any]
    axes: tuple[Axis, ...]
    locs: tuple[Loc, ...]
    strategy_modules: tuple[str, ...]
    turns: int
    """Game turns each run plays."""
    steps: int
    """Engine steps (scenario turns) per game turn."""


def prepare(spec: ExperimentSpec, source: SpecSource, earlier: Sequence[Finding] = ()) -> Prepared:
    """Check `spec` against its scenario; raises `SpecError` listing every problem.

    `earlier` are problems already found in the spec's shape, reported with these.
    """
    experiment = spec.experiment
    findings: list[Finding] = list(earlier)
    scenario_path, scenario = _scenario(experiment.scenario, source, findings)
    modules = _strategy_modules(experiment.strategy_modules, source, findings)
    if len(modules) == len(experiment.strategy_modules):  # else the names may be theirs
        findings += _strategy_findings(experiment.strategies, scenario)
    findings += _design_findings(spec)
    if scenario is None or scenario_path is None:
        raise source.fail(findings)
    turns, steps = PRESETS[experiment.preset].plan(
        scenario.time.turns, scenario.time.months_per_turn
    )
    if experiment.turns is not None and experiment.turns > turns:
        findings.append(
            (
                ("experiment", "turns"),
                f"the {experiment.preset} preset of this scenario has {turns} game turns, "
                f"so turns must be {turns} or less (got {experiment.turns})",
            )
        )
    base = scenario_data(scenario)
    resolved = _axes(spec, base, findings)
    findings += _value_findings(base, resolved)
    if findings:
        raise source.fail(findings)
    axes = tuple(axis for _, axis, _ in resolved)
    locs = tuple(loc for _, _, loc in resolved)
    return Prepared(
        spec,
        scenario,
        scenario_path,
        base,
        axes,
        locs,
        modules,
        experiment.turns or turns,
        steps,
    )


def _scenario(
    name: str, source: SpecSource, findings: list[Finding]
) -> tuple[Path | None, Scenario | None]:
    """Load the scenario, a path being relative to the spec file's folder."""
    candidate = Path(name)
    is_path = candidate.suffix == ".toml" or candidate.parent != Path()
    reference = str(source.folder / candidate) if is_path and not candidate.is_absolute() else name
    if is_path and not _inside(candidate, source):
        findings.append((("experiment", "scenario"), _outside(name, source)))
        return None, None
    try:
        path = resolve_scenario(reference).resolve()
        return path, load_scenario(path)
    except ScenarioNotFoundError as error:
        findings.append((("experiment", "scenario"), str(error).replace(reference, name)))
    except ScenarioError as error:
        earlier = source.render(findings)
        raise SpecError([*earlier, *(str(issue) for issue in error.issues)]) from None
    return None, None


def _inside(path: Path, source: SpecSource) -> bool:
    """Whether a path the spec names may be used: absolute, or inside the spec's folder."""
    if path.is_absolute() or not source.confined:
        return True
    folder = source.folder.resolve()
    return (folder / path).resolve().is_relative_to(folder)


def _outside(name: str, source: SpecSource) -> str:
    return (
        f"'{name}' leads outside the experiment's folder ({source.folder}); a relative path "
        "must stay inside it, so give an absolute path for a file elsewhere"
    )


def _strategy_modules(
    names: tuple[str, ...], source: SpecSource, findings: list[Finding]
) -> tuple[str, ...]:
    """Import the strategy modules here too, so their names can be checked; absolute paths
    let the workers import them from anywhere. Only if the user allowed code."""
    if names and not source.allow_code:
        findings.append((("experiment", "strategy_modules"), refusal(names)))
        return ()
    folder = source.folder
    resolved = []
    for i, name in enumerate(names):
        if name.endswith(".py"):
            path = Path(name) if Path(name).is_absolute() else folder / name
            if not _inside(Path(name), source):
                findings.append((("experiment", "strategy_modules", i), _outside(name, source)))
                continue
            if not path.is_file():
                findings.append((("experiment", "strategy_modules", i), f"no file at {path}"))
                continue
            name = str(path.resolve())
        try:
            load_strategy_modules((name,))
        except Exception as error:  # any error in the user's module is theirs to see
            message = f"cannot import: {type(error).__name__}: {error}"
            findings.append((("experiment", "strategy_modules", i), message))
            continue
        resolved.append(name)
    return tuple(resolved)


def _strategy_findings(strategies: tuple[str, ...], scenario: Scenario | None) -> list[Finding]:
    """Known names only (those of the strategy modules included, `fund:CARD` for the
    scenario's cards), each once."""
    findings: list[Finding] = []
    for i, name in enumerate(strategies):
        problem = None if name == NO_GAME else strategy_problem(name, scenario)
        if problem is not None:
            findings.append((("experiment", "strategies", i), problem))
        elif name in strategies[:i]:
            findings.append((("experiment", "strategies", i), f"'{name}' is listed twice"))
    return findings


def _design_findings(spec: ExperimentSpec) -> list[Finding]:
    design, parameters = spec.design, spec.parameters
    findings: list[Finding] = []
    sampled = design.kind in SAMPLED_KINDS
    if sampled:
        if design.samples is None:
            findings.append((("design", "kind"), f'kind = "{design.kind}" needs samples = N'))
        if not parameters:
            findings.append(
                (("design", "kind"), f'kind = "{design.kind}" needs [[parameters]] to vary')
            )
    elif design.samples is not None:
        findings.append((("design", "samples"), "samples is for kind = lhs, morris or sobol only"))
    if design.kind == "morris" and design.samples == 1:
        findings.append(
            (
                ("design", "samples"),
                "a morris design needs 2 or more trajectories, so that each parameter's "
                "effects have a spread (sigma) and an interval",
            )
        )
    if design.kind == "sobol" and design.samples is not None and not _power_of_two(design.samples):
        findings.append(
            (
                ("design", "samples"),
                f"a sobol design needs a power of 2 base points (its sequence is balanced only "
                f"then), got {design.samples}; try {_next_power_of_two(design.samples)}",
            )
        )
    for i, parameter in enumerate(parameters):
        if design.kind in SENSITIVITY_KINDS:
            findings += _fixed_parameter(i, parameter.path, parameter.values, design.kind)
        if parameter.values is not None:
            continue
        if sampled and parameter.num is not None:
            findings.append(
                (
                    ("parameters", i, "num"),
                    f"a {design.kind} design draws its own values; remove num",
                )
            )
        if not sampled and parameter.num is None:
            findings.append(
                (("parameters", i), f"a {design.kind} needs num = N values from low to high")
            )
    if design.kind == "zip" and parameters:
        lengths = [len(p.values) if p.values is not None else p.num for p in parameters]
        if len(set(lengths)) > 1:
            for i, length in enumerate(lengths):
                findings.append(
                    (
                        ("parameters", i),
                        f'kind = "zip" pairs values by position, so every parameter needs '
                        f"as many; this one has {length}, others {max(n or 0 for n in lengths)}",
                    )
                )
    return findings


SAMPLED_KINDS = ("lhs", *SENSITIVITY_KINDS)
"""Designs that draw their own points, `samples` of them."""


def _fixed_parameter(i: int, path: str, values: tuple[Any, ...] | None, kind: str) -> list[Finding]:
    """A sensitivity design measures how much each parameter moves the outcomes, so a
    parameter listed with one value (or the same value repeated) cannot take part."""
    if values is None or len(set(values)) > 1:
        return []
    return [
        (
            ("parameters", i, "values"),
            f"'{path}' cannot vary: a {kind} design needs two or more different values, "
            "or a range (low and high)",
        )
    ]


def _one_whole_number(kind: str, integer: bool, low: float | None, high: float | None) -> bool:
    """Whether a sensitivity design's range of a whole-number setting rounds to one value."""
    if kind not in SENSITIVITY_KINDS or not integer or low is None or high is None:
        return False
    return round(low) == round(high)


def _power_of_two(n: int) -> bool:
    return n > 0 and n & (n - 1) == 0


def _next_power_of_two(n: int) -> int:
    return 1 << max(0, n - 1).bit_length()


Resolved = list[tuple[int, Axis, Loc]]
"""(index in [[parameters]], its values, where it is in the scenario) of each good parameter."""


def _axes(spec: ExperimentSpec, base: dict[str, Any], findings: list[Finding]) -> Resolved:
    resolved: Resolved = []
    first_at: dict[Loc, str] = {}
    for i, parameter in enumerate(spec.parameters):
        try:
            loc = resolve(base, parameter.path)
        except KeyPathError as error:
            findings.append((("parameters", i, "path"), str(error)))
            continue
        if loc in first_at:
            findings.append(
                (("parameters", i, "path"), f"already varied as '{first_at[loc]}' above")
            )
            continue
        first_at[loc] = parameter.path
        current = get(base, loc)
        number = isinstance(current, int | float) and not isinstance(current, bool)
        if parameter.values is None and not number:
            findings.append(
                (
                    ("parameters", i, "low"),
                    f"a range needs a number setting; '{parameter.path}' is {show(current)}, "
                    "so list its values instead",
                )
            )
            continue
        integer = isinstance(current, int) and not isinstance(current, bool)
        if _one_whole_number(spec.design.kind, integer, parameter.low, parameter.high):
            findings.append(
                (
                    ("parameters", i, "high"),
                    f"'{parameter.path}' cannot vary: it takes whole numbers, and "
                    f"{parameter.low} to {parameter.high} holds only one",
                )
            )
            continue
        values = parameter.values
        if values is not None and isinstance(current, float):
            values = tuple(float(v) if _is_int(v) else v for v in values)
        axis = Axis(parameter.path, values, parameter.low, parameter.high, parameter.num, integer)
        resolved.append((i, axis, loc))
    return resolved


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _value_findings(base: dict[str, Any], resolved: Resolved) -> list[Finding]:
    """Try each value alone in the scenario; a range is tried at both ends."""
    findings: list[Finding] = []
    for i, axis, loc in resolved:
        if axis.values is not None:
            tries: list[tuple[Loc, Any]] = [
                (("parameters", i, "values", j), v) for j, v in enumerate(axis.values)
            ]
        else:
            tries = [
                (("parameters", i, "low"), axis.at(0.0)),
                (("parameters", i, "high"), axis.at(1.0)),
            ]
        for where, value in tries:
            try:
                build_variant(base, [(loc, value)])
            except ScenarioError as error:
                for issue in error.issues:
                    inside = "" if issue.key == key_path(loc) else f" (at {issue.key})"
                    message = f"{axis.path} = {show(value)}: {issue.message}{inside}"
                    findings.append((where, message))
    return findings
