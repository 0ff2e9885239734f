"""Scenario problems as compiler-style messages: `file.toml:LINE:COL: key.path: message`."""

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rare_earth_game.errors import UserError

Loc = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")


@dataclass(frozen=True)
class ScenarioIssue:
    """One thing wrong with a scenario file, located precisely enough to click on."""

    path: str
    line: int
    column: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.key}: {self.message}"


class ScenarioError(UserError):
    """A scenario could not be loaded; `issues` lists every problem found, in file order."""

    def __init__(self, issues: Sequence[ScenarioIssue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.path, i.line, i.column, i.key))
        count = len(self.issues)
        plural = "problem" if count == 1 else "problems"
        super().__init__(
            f"{count} {plural} in scenario:\n" + "\n".join(str(i) for i in self.issues)
        )

    @property
    def details(self) -> Sequence[str]:
        return [str(issue) for issue in self.issues]

    @property
    def summary(self) -> str:
        count = len(self.issues)
        where = self.issues[0].path if self.issues else "the scenario"
        return f"{count} problem{'s' if count != 1 else ''} in {where}; nothing was run"


def key_path(loc: Loc) -> str:
    """Render a loc tuple the way an author reads it: `miners[3].capacity`.

    Keys that TOML would need quotes for are quoted, so `inputs."o re"` reads as one key.
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            text += f".{name}" if text else name
    return text or "(file)"


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo of `word` most likely meant, if any is close enough."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion(word: str, candidates: Iterable[str]) -> str:
    """A `; did you mean 'x'?` hint when a close match exists, else an empty string."""
    match = closest(word, candidates)
    return f"; did you mean '{match}'?" if match else ""
