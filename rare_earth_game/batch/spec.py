"""The experiment spec: a TOML file saying which runs a research batch is made of.

    [experiment]
    scenario = "baseline_2025"          # built-in name, or a path relative to this file
    strategies = ["do_nothing", "onshore", "allies"]
    replications = 20                   # seeds per strategy and parameter point

    [design]
    kind = "grid"                       # grid | zip | lhs | morris | sobol

    [[parameters]]
    path = "tariffs.us_ieepa_china.rate"   # see rare_earth_game.batch.paths
    values = [0.0, 0.2, 0.5]

Shape and types are checked by pydantic, strictly and with unknown keys refused; every
problem is reported at its line and column with the scenario loader's locator and message
format. What needs the scenario (paths, strategies, values) is checked in `prepare`.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError, model_validator

from rare_earth_game.errors import UserError
from rare_earth_game.scenario.errors import Loc, ScenarioIssue, key_path, suggestion
from rare_earth_game.scenario.loading import syntax_issue
from rare_earth_game.scenario.locator import TomlLocator
from rare_earth_game.scenario.toml_input import BOM, NestingError, parse_toml
from rare_earth_game.scenario.types import Section

Finding = tuple[Loc, str]


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | str) or (isinstance(value, int | float) and math.isfinite(value)):
        return value
    raise ValueError(f"expected a number, text or true/false, got {show(value)}")


def _entropy(value: Any) -> Any:
    if value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.isdigit():
        return value
    raise ValueError(
        f"expected a whole number of zero or more (or one in quotes), got {show(value)}"
    )


Scalar = Annotated[Any, AfterValidator(_scalar)]


class Experiment(Section):
    """What each run plays: the scenario, the strategies, how long, how many seeds."""

    name: str = Field(default="", description="Title for reports.")
    scenario: str = Field(min_length=1, description="Built-in name or path to a scenario file.")
    strategies: tuple[str, ...] = Field(
        default=("do_nothing",),
        min_length=1,
        description='Strategy names; "none" runs the bare engine (no player, no AI).',
    )
    replications: int = Field(default=1, ge=1, description="Seeds per strategy and point.")
    preset: Literal["sprint", "class_period", "campaign"] = Field(
        default="campaign", description="Game length preset; campaign plays the whole horizon."
    )
    difficulty: Literal["easy", "normal", "hard"] = "normal"
    turns: int | None = Field(
        default=None, ge=1, description="Stop after this many game turns (default: all)."
    )
    entropy: Annotated[Any, AfterValidator(_entropy)] = Field(
        default=None, description="Root of every seed; drawn at random and recorded if absent."
    )
    common_random_numbers: bool = Field(
        default=True,
        description="Replication r uses the same seed for every strategy and point, so "
        "differences come from the policy, not the luck of the draw.",
    )
    baseline: bool = Field(
        default=False,
        description="Also play each run's no-new-policy game for baseline scores (twice the "
        'cost; a "do_nothing" strategy in the batch gives the same comparison).',
    )
    flows: bool = Field(default=False, description="Also write the flows table.")
    strategy_modules: tuple[str, ...] = Field(
        default=(),
        description="Python files (relative to this file) or modules that register strategies.",
    )


class Design(Section):
    """How parameter values combine into points."""

    kind: Literal["grid", "zip", "lhs", "morris", "sobol"] = Field(
        default="grid",
        description="grid: every combination; zip: the i-th values together; "
        "lhs: a Latin hypercube of `samples` points; morris: a Morris screening of "
        "`samples` trajectories; sobol: Sobol indices from `samples` base points "
        "(`report` computes the indices of these two).",
    )
    samples: int | None = Field(
        default=None,
        ge=1,
        description="lhs: points; morris: trajectories of (parameters + 1) points each; "
        "sobol: base points, a power of 2, of (parameters + 2) points each.",
    )


class Parameter(Section):
    """One value in the scenario to vary: a list of values, or a range."""

    path: str = Field(min_length=1, description="Key path into the scenario.")
    values: tuple[Scalar, ...] | None = Field(default=None, min_length=1)
    low: float | None = None
    high: float | None = None
    num: int | None = Field(
        default=None, ge=2, description="grid and zip: evenly spaced values from low to high."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Parameter:
        ranged = self.low is not None or self.high is not None or self.num is not None
        if self.values is not None and ranged:
            raise ValueError("give either values or low/high, not both")
        if self.values is None and (self.low is None or self.high is None):
            raise ValueError("give values = [...], or low and high (and num for a grid)")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(f"low must be less than high (got {self.low} and {self.high})")
        return self


class ExperimentSpec(Section):
    """A whole experiment: the spec file as one object (see the module docstring)."""

    experiment: Experiment
    design: Design = Design()
    parameters: tuple[Parameter, ...] = ()

    def to_data(self) -> dict[str, Any]:
        """Plain data, as recorded in the manifest and compared on --resume."""
        return self.model_dump(mode="json")


class SpecError(UserError, ValueError):
    """An experiment that cannot run; `problems` lists every mistake found, one a line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the experiment:\n"
            + "\n".join(self.problems)
        )

    @property
    def details(self) -> Sequence[str]:
        return self.problems

    @property
    def summary(self) -> str:
        count = len(self.problems)
        return f"{count} problem{'s' if count != 1 else ''}; nothing was run"


@dataclass
class SpecSource:
    """Where a spec came from, so problems can be shown where the user wrote them.

    A file shows `file:line:col: key.path: message`; options typed on the command line
    show the option instead (`labels` maps a loc prefix to its text, e.g. "--sweep ...").
    """

    shown_as: str
    text: str = ""
    folder: Path = field(default_factory=Path)
    labels: dict[Loc, str] = field(default_factory=dict)
    confined: bool = True
    """Relative paths in the spec must stay inside `folder` (a file someone may have sent);
    false for what the user typed or wrote in Python."""
    allow_code: bool = False
    """Whether the strategy modules the spec names may be imported (see plugins.py)."""

    def render(self, findings: Sequence[Finding]) -> list[str]:
        """One line per problem: at its option if typed on the command line, else at its
        place in the file."""
        typed = []
        located: list[ScenarioIssue] = []
        locator = TomlLocator(self.text)
        for loc, message in findings:
            label = self._label(loc)
            if label is not None or not self.text:
                where = label or f"{self.shown_as}: {key_path(loc)}"
                typed.append(f"{where}: {message}")
                continue
            position = locator.find(loc)
            located.append(
                ScenarioIssue(self.shown_as, position.line, position.column, key_path(loc), message)
            )
        ordered = sorted(dict.fromkeys(located), key=lambda i: (i.line, i.column, i.key))
        return list(dict.fromkeys(typed)) + [str(issue) for issue in ordered]

    def _label(self, loc: Loc) -> str | None:
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.labels:
                return self.labels[loc[:end]]
        return None

    def fail(self, findings: Sequence[Finding]) -> SpecError:
        return SpecError(self.render(findings))


def read_spec(
    path: Path, shown_as: str | None = None, *, allow_code: bool = False
) -> tuple[ExperimentSpec, SpecSource]:
    """Parse and shape-check a spec file; raises `SpecError` with every problem located."""
    data, source = parse_spec_file(path, shown_as)
    source.allow_code = allow_code
    return spec_from_data(data, source), source


def parse_spec_file(path: Path, shown_as: str | None = None) -> tuple[dict[str, Any], SpecSource]:
    """A spec file's TOML data, unchecked; raises `SpecError` if it cannot be read."""
    shown = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError([f"{shown}: cannot read the experiment file: {error}"]) from None
    text = text.removeprefix(BOM)
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError([str(syntax_issue(str(error), text, shown))]) from None
    except NestingError as error:
        raise SpecError([f"{shown}:{error.line}:{error.column}: (file): {error}"]) from None
    return data, SpecSource(shown, text, path.resolve().parent)


def spec_from_data(data: dict[str, Any], source: SpecSource) -> ExperimentSpec:
    """Shape-check spec data (from a file or from command-line options)."""
    try:
        return ExperimentSpec.model_validate(_frozen(data))
    except ValidationError as error:
        findings = [_describe(detail, data) for detail in error.errors(include_url=False)]
    rest = _without(data, [loc for loc, _ in findings])
    if rest is not None:
        # What is left is checked against the scenario too, so that every problem shows
        # in one go. (Imported here: those checks need a spec, and this module makes it.)
        from rare_earth_game.batch.experiment import prepare

        prepare(rest, source, earlier=findings)
    raise source.fail(findings)


def _without(data: dict[str, Any], faults: list[Loc]) -> ExperimentSpec | None:
    """The spec minus its faulty keys and parameters, if that much is valid."""
    rest = copy.deepcopy(data)
    dropped: set[int] = set()
    for loc in faults:
        if len(loc) >= 2 and loc[0] == "parameters" and isinstance(loc[1], int):
            dropped.add(loc[1])
        elif len(loc) >= 2 and isinstance(rest.get(str(loc[0])), dict):
            rest[str(loc[0])].pop(loc[1], None)
        else:
            return None
    if isinstance(rest.get("parameters"), list):
        rest["parameters"] = [p for i, p in enumerate(rest["parameters"]) if i not in dropped]
    try:
        return ExperimentSpec.model_validate(_frozen(rest))
    except ValidationError:
        return None


def _frozen(value: Any) -> Any:
    """Lists become tuples, so the checked spec is immutable all the way down."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


# --- pydantic errors in the user's words ------------------------------------------------------

_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text in quotes",
    "bool_type": "true or false",
    "tuple_type": "an array like [...]",
    "model_type": "a table",
    "dict_type": "a table",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "must be {} or more"),
    "greater_than": ("gt", "must be more than {}"),
    "too_short": ("min_length", "needs at least {} item(s)"),
}
_MODELS: dict[str, type[BaseModel]] = {
    "experiment": Experiment,
    "design": Design,
    "parameters": Parameter,
}


def _describe(detail: Any, data: dict[str, Any]) -> Finding:
    kind, raw = detail["type"], tuple(detail["loc"])
    loc = _in_data(raw, data, keep_last=kind in ("missing", "extra_forbidden"))
    value, context = detail.get("input"), detail.get("ctx", {})
    name = str(raw[-1]) if raw else ""
    if kind == "missing":
        return loc, f"missing required key '{name}'"
    if kind == "extra_forbidden":
        allowed = _fields_at(raw[:-1])
        hint = suggestion(name, allowed) or f"; allowed keys: {', '.join(sorted(allowed))}"
        return loc, f"unknown key '{name}'{hint}"
    if kind in _TYPE_NAMES:
        return loc, f"expected {_TYPE_NAMES[kind]}, got {show(value)}"
    if kind == "literal_error":
        expected = [p.strip("'") for p in str(context.get("expected", "")).split(", ")]
        expected = [e for part in expected for e in part.split("' or '")]
        hint = suggestion(value, expected) if isinstance(value, str) else ""
        return loc, f"got {show(value)}, expected one of: {', '.join(expected)}{hint}"
    if kind in _BOUNDS:
        bound, text = _BOUNDS[kind]
        return loc, f"{text.format(context.get(bound))}, got {show(value)}"
    if kind == "value_error":
        return loc, str(detail["msg"]).removeprefix("Value error, ")
    return loc, f"{detail['msg']} (got {show(value)})"


def _in_data(loc: Loc, data: Any, *, keep_last: bool) -> Loc:
    """The part of a pydantic loc written in the file (validator and union tags dropped)."""
    node, kept = data, list[str | int]()
    for part in loc:
        inside = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        )
        if not inside:
            return (*kept, part) if keep_last else tuple(kept)
        kept.append(part)
        node = node[part]
    return tuple(kept)


def _fields_at(loc: Loc) -> list[str]:
    named = [part for part in loc if isinstance(part, str)]
    model = _MODELS.get(named[-1]) if named else ExperimentSpec
    return list(model.model_fields) if model else []


def show(value: Any) -> str:
    """A value as TOML would write it, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k} = {show(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(show(v) for v in value) + "]"
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
