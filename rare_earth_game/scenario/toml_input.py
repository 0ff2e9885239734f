"""TOML text as every reader in the package takes it: a byte-order mark dropped, nesting
bounded.

Some Windows editors start UTF-8 files with a byte-order mark; it carries no content, so
every reader here ignores it (and `validate` warns, since plain `tomllib` and other TOML
tools refuse it). Python's TOML parser recurses once per nested array or inline table, so
a file of a few thousand `[` would crash it; no scenario or experiment needs more than a
handful of levels, so anything deeper than `MAX_NESTING` is refused at its line first.
"""

from __future__ import annotations

import tomllib
from typing import Any

BOM = "\ufeff"
MAX_NESTING = 32
"""Arrays and inline tables inside each other, or tables inside tables (dotted keys)."""


class NestingError(ValueError):
    """Values nested deeper than `MAX_NESTING`, first at `line`:`column`."""

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column
        super().__init__(
            f"values are nested more than {MAX_NESTING} levels deep (arrays, inline tables "
            "or dotted keys inside each other); a scenario needs only a few levels"
        )


def parse_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads` after dropping a byte-order mark and checking the nesting depth;
    raises `tomllib.TOMLDecodeError` or `NestingError`."""
    text = text.removeprefix(BOM)
    _check_brackets(text)
    data = tomllib.loads(text)
    if _depth(data) > MAX_NESTING:
        raise NestingError(1, 1)
    return data


def _check_brackets(text: str) -> None:
    """Raise at the first `[` or `{` that opens a level past the limit (strings and
    comments skipped)."""
    depth = 0
    line, line_start = 1, 0
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "\n":
            line, line_start = line + 1, i + 1
        elif char == "#":
            end = text.find("\n", i)
            i = size if end < 0 else end
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i = _string_end(text, i + len(quote), quote)
            line += text.count("\n", line_start, i)
            line_start = max(line_start, text.rfind("\n", 0, i) + 1)
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise NestingError(line, i - line_start + 1)
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1


def _string_end(text: str, start: int, quote: str) -> int:
    """The index after the string's closing quote (or the line's end, if unclosed)."""
    i = start
    while i < len(text):
        if text[i] == "\\" and quote[0] == '"':
            i += 2
            continue
        if text.startswith(quote, i):
            return i + len(quote)
        if text[i] == "\n" and len(quote) == 1:
            return i
        i += 1
    return i


def _depth(data: Any) -> int:
    """How deep the parsed data nests, without recursion."""
    deepest = 0
    stack = [(data, 0)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_NESTING:
            return deepest
        if isinstance(node, dict):
            stack.extend((value, level + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, level + 1) for value in node)
    return deepest
