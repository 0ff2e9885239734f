"""Tests of TomlLocator: exact positions for every TOML construct, fallbacks, and a
property test that renders random documents in many styles and checks every path."""

import datetime as dt
import random
import re
import time
import tomllib
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rare_earth_game.scenario.locator import Position, TomlLocator

Path = tuple[str | int, ...]


def where(text: str, *loc: str | int) -> tuple[int, int]:
    """Locate after checking the text really is TOML, as the real caller guarantees."""
    tomllib.loads(text)
    position = TomlLocator(text).find(loc)
    return position.line, position.column


# -- interface -------------------------------------------------------------------------


def test_position_is_a_frozen_value() -> None:
    position = Position(line=3, column=7)
    assert position == Position(3, 7)
    with pytest.raises(FrozenInstanceError):
        position.line = 4  # type: ignore[misc]


def test_find_accepts_any_sequence() -> None:
    locator = TomlLocator("[[miners]]\nname = 'a'\n")
    assert locator.find(["miners", 0, "name"]) == Position(2, 1)
    assert locator.find(("miners", 0, "name")) == Position(2, 1)


# -- comments, keys --------------------------------------------------------------------

COMMENTS = """\
# [fake] header = "in a comment"
key = 1 # trailing [x] = 2, {y = 3}
    # indented comment
other = "#not a comment" # but this is
"""


def test_comments_are_skipped() -> None:
    assert where(COMMENTS, "key") == (2, 1)
    assert where(COMMENTS, "other") == (4, 1)
    assert where(COMMENTS, "fake") == (1, 1)
    assert where(COMMENTS, "x") == (1, 1)


KEYS = """\
bare_key-1 = 1
  indented = 2
\t"quoted key" = 3
'literal.key' = 4
"esc\\"aped" = 5
"\\u00e9t\\u00e9" = 6
1234 = 7
"" = 8
"""


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("bare_key-1", (1, 1)),
        ("indented", (2, 3)),
        ("quoted key", (3, 2)),
        ("literal.key", (4, 1)),
        ('esc"aped', (5, 1)),
        ("été", (6, 1)),
        ("1234", (7, 1)),
        ("", (8, 1)),
    ],
)
def test_bare_and_quoted_keys(key: str, expected: tuple[int, int]) -> None:
    assert where(KEYS, key) == expected


DOTTED = """\
name = "x"
site . "main entrance" .gate = 1
site.'side'.gate = 2
site.capacity=3
"""


def test_dotted_keys_point_at_each_segment() -> None:
    assert where(DOTTED, "site") == (2, 1)
    assert where(DOTTED, "site", "main entrance") == (2, 8)
    assert where(DOTTED, "site", "main entrance", "gate") == (2, 25)
    assert where(DOTTED, "site", "side") == (3, 6)
    assert where(DOTTED, "site", "side", "gate") == (3, 13)
    assert where(DOTTED, "site", "capacity") == (4, 6)
    # A missing key under a dotted table: the nearest key written, the first `site`.
    assert where(DOTTED, "site", "missing") == (2, 1)
    assert where(DOTTED, "site", "side", "missing") == (3, 6)


# -- tables and arrays of tables ----------------------------------------------------------

TABLES = """\
title = "t"

[market]
price = 1.5

  [ market . "sub table" ]  # a comment
  fee = 2

[empty]
"""


def test_table_headers() -> None:
    assert where(TABLES, "market") == (3, 2)
    assert where(TABLES, "market", "price") == (4, 1)
    assert where(TABLES, "market", "sub table") == (6, 14)
    assert where(TABLES, "market", "sub table", "fee") == (7, 3)
    assert where(TABLES, "empty") == (9, 2)


def test_missing_key_in_a_table_points_at_its_header() -> None:
    assert where(TABLES, "market", "volume") == (3, 1)
    assert where(TABLES, "market", "sub table", "volume") == (6, 3)
    assert where(TABLES, "empty", "anything", "deeper") == (9, 1)


IMPLICIT = """\
[region.asia.china]
output = 1

[region]
name = "r"
"""


def test_super_table_defined_after_its_sub_table() -> None:
    assert where(IMPLICIT, "region", "asia", "china", "output") == (2, 1)
    assert where(IMPLICIT, "region") == (4, 2)
    assert where(IMPLICIT, "region", "missing") == (4, 1)
    # `asia` is only ever written inside `[region.asia.china]`.
    assert where(IMPLICIT, "region", "asia") == (1, 9)
    assert where(IMPLICIT, "region", "asia", "missing") == (1, 9)


MINERS = """\
[[miners]]
name = "a"
capacity = 10

[[miners]]
name = "b"
capacity = 20

[[ miners ]]  # third
name = "c"
"""


def test_array_of_tables_elements_point_at_their_header() -> None:
    assert where(MINERS, "miners", 0) == (1, 1)
    assert where(MINERS, "miners", 1) == (5, 1)
    assert where(MINERS, "miners", 2) == (9, 1)
    assert where(MINERS, "miners", 1, "capacity") == (7, 1)
    assert where(MINERS, "miners", 2, "name") == (10, 1)
    assert where(MINERS, "miners") == (1, 3)


def test_missing_key_in_array_of_tables_element_points_at_its_header() -> None:
    assert where(MINERS, "miners", 2, "capacity") == (9, 1)
    assert where(MINERS, "miners", 0, "owner", "name") == (1, 1)


def test_index_past_the_end_of_an_array_of_tables_points_at_the_key() -> None:
    assert where(MINERS, "miners", 3, "name") == (1, 3)


NESTED_ARRAYS_OF_TABLES = """\
[[a]]
x = 1
[[a.b]]
y = 1
[[a]]
x = 2
[a.sub]
z = 1
[[a.b]]
y = 2
[[a.b]]
y = 3
[[a.b.c]]
w = 1
"""


def test_nested_array_of_tables_belongs_to_the_last_element() -> None:
    text = NESTED_ARRAYS_OF_TABLES
    assert where(text, "a", 0, "b", 0) == (3, 1)
    assert where(text, "a", 0, "b", 0, "y") == (4, 1)
    assert where(text, "a", 1, "b", 0) == (9, 1)
    assert where(text, "a", 1, "b", 1, "y") == (12, 1)
    assert where(text, "a", 1, "b", 1, "c", 0, "w") == (14, 1)
    assert where(text, "a", 1, "b", 1, "c") == (13, 7)
    assert where(text, "a", 1, "b") == (9, 5)
    assert where(text, "a", 0, "b") == (3, 5)
    assert where(text, "a", 1, "b", 2) == (9, 5)
    assert where(text, "a", 1, "b", 0, "missing") == (9, 1)


def test_sub_table_belongs_to_the_last_array_of_tables_element() -> None:
    assert where(NESTED_ARRAYS_OF_TABLES, "a", 1, "sub") == (7, 4)
    assert where(NESTED_ARRAYS_OF_TABLES, "a", 1, "sub", "z") == (8, 1)
    assert where(NESTED_ARRAYS_OF_TABLES, "a", 1, "sub", "missing") == (7, 1)
    assert where(NESTED_ARRAYS_OF_TABLES, "a", 0, "sub") == (1, 1)


ARRAY_OF_TABLES_IN_A_TABLE = """\
[world]
turns = 40
[[world.events]]
at = "2025-Q1"
[[world.events]]
at = "2026-Q1"
[world.events.effect]
rate = 0.5
"""


def test_dotted_array_of_tables_header() -> None:
    text = ARRAY_OF_TABLES_IN_A_TABLE
    assert where(text, "world", "events") == (3, 9)
    assert where(text, "world", "events", 1) == (5, 1)
    assert where(text, "world", "events", 1, "at") == (6, 1)
    assert where(text, "world", "events", 1, "effect", "rate") == (8, 1)
    assert where(text, "world", "events", 1, "effect", "kind") == (7, 1)


def test_dotted_keys_inside_array_of_tables_element() -> None:
    text = "[[m]]\nsite.x = 1\n[[m]]\nsite.x = 2\nsite . y = 3\n"
    assert where(text, "m", 1, "site", "x") == (4, 6)
    assert where(text, "m", 1, "site", "y") == (5, 8)
    assert where(text, "m", 1, "site") == (4, 1)


# -- inline tables and arrays ----------------------------------------------------------

INLINE = """\
point = { x = 1, "y y" = { z = 2 }, w.v = 3 }
empty = {}
"""


def test_inline_tables() -> None:
    assert where(INLINE, "point") == (1, 1)
    assert where(INLINE, "point", "x") == (1, 11)
    assert where(INLINE, "point", "y y") == (1, 18)
    assert where(INLINE, "point", "y y", "z") == (1, 28)
    assert where(INLINE, "point", "w") == (1, 37)
    assert where(INLINE, "point", "w", "v") == (1, 39)


def test_missing_key_in_an_inline_table_points_at_its_brace() -> None:
    assert where(INLINE, "point", "missing") == (1, 9)
    assert where(INLINE, "point", "y y", "missing") == (1, 26)
    assert where(INLINE, "empty", "missing") == (2, 9)
    # A dotted key inside an inline table has no brace of its own.
    assert where(INLINE, "point", "w", "missing") == (1, 37)


ARRAYS = """\
values = [1, 2, 3]
spread = [
  "a",   # first
  # a comment line, with, commas ]
  'b',


  "c",  # trailing comma follows
]
nested = [ [1, 2], [ [3], [] ], ]
dates = [1979-05-27 07:32:00, 1979-05-27T07:32:00Z, 07:32:00]
empty = [ ]
"""


def test_array_elements() -> None:
    assert where(ARRAYS, "values", 0) == (1, 11)
    assert where(ARRAYS, "values", 2) == (1, 17)
    assert where(ARRAYS, "spread", 0) == (3, 3)
    assert where(ARRAYS, "spread", 1) == (5, 3)
    assert where(ARRAYS, "spread", 2) == (8, 3)
    assert where(ARRAYS, "nested", 0) == (10, 12)
    assert where(ARRAYS, "nested", 0, 1) == (10, 16)
    assert where(ARRAYS, "nested", 1) == (10, 20)
    assert where(ARRAYS, "nested", 1, 0, 0) == (10, 23)
    assert where(ARRAYS, "nested", 1, 1) == (10, 27)
    assert where(ARRAYS, "dates", 1) == (11, 31)
    assert where(ARRAYS, "dates", 2) == (11, 53)


def test_array_fallbacks() -> None:
    assert where(ARRAYS, "values", 3) == (1, 1)
    assert where(ARRAYS, "nested", 1, 1, 0) == (10, 27)
    assert where(ARRAYS, "empty", 0) == (12, 1)
    # pydantic appends union tags after the real path.
    assert where(ARRAYS, "values", 1, "int") == (1, 14)
    assert where(ARRAYS, "spread", 2, "str", "function-after[check()]") == (8, 3)


ARRAY_OF_INLINE_TABLES = """\
[[events]]
at = "2025-Q1"
effects = [
  { kind = "quota", rate = 0.5 },
  {kind="tariff", by = {country = "CN"}},  # comment
]
"""


def test_array_of_inline_tables() -> None:
    text = ARRAY_OF_INLINE_TABLES
    assert where(text, "events", 0, "effects", 0) == (4, 3)
    assert where(text, "events", 0, "effects", 0, "rate") == (4, 21)
    assert where(text, "events", 0, "effects", 1) == (5, 3)
    assert where(text, "events", 0, "effects", 1, "by", "country") == (5, 25)
    assert where(text, "events", 0, "effects", 1, "rate") == (5, 3)
    assert where(text, "events", 0, "effects", 1, "by", "region") == (5, 24)
    assert where(text, "events", 0, "effects", 2, "rate") == (3, 1)


# -- strings and other scalars ---------------------------------------------------------

STRINGS = "\n".join(
    [
        "",
        r'basic = "with \"escaped quotes\", [brackets] = {braces} # no comment"',
        r"""literal = 'C:\path\[x] = # "q"'""",
        "after_single = 1",
        'multi = """',
        "[not_a_table]",
        "not_a_key = 1 # {",
        r'\"""still inside"" "',
        'ends with quotes"""""',
        "after_multi = 2",
        "raw = " + "'" * 3,
        "[[not.an.array]]",
        "'it' = \"x\" # ''",
        "ends with quote" + "'" * 4,
        "after_raw = 3",
        'same_line = """a"""',
        "last = {s = '}', t = \"]\"}",
        "",
    ]
)


def test_strings_hide_toml_syntax() -> None:
    text = STRINGS
    assert where(text, "basic") == (2, 1)
    assert where(text, "literal") == (3, 1)
    assert where(text, "after_single") == (4, 1)
    assert where(text, "multi") == (5, 1)
    assert where(text, "after_multi") == (10, 1)
    assert where(text, "raw") == (11, 1)
    assert where(text, "after_raw") == (15, 1)
    assert where(text, "same_line") == (16, 1)
    assert where(text, "last", "t") == (17, 18)
    assert where(text, "not_a_table") == (1, 1)
    assert where(text, "not", "an", "array", 0) == (1, 1)
    assert where(text, "it") == (1, 1)


def test_one_or_two_quotes_do_not_end_a_multiline_string() -> None:
    text = "a = '''x''\n[t]\nb = 1'''\nc = \"\"\"y\"\"\n[u]\n\"\"\"\nd = 1\n"
    assert where(text, "c") == (4, 1)
    assert where(text, "d") == (7, 1)
    assert where(text, "t") == (1, 1)
    assert where(text, "u") == (1, 1)


def test_multiline_strings_as_array_elements() -> None:
    text = 'a = [\n  """x\n]""", \'\'\'y\n]\'\'\',\n  "z"]\nb = 1\n'
    assert where(text, "a", 0) == (2, 3)
    assert where(text, "a", 1) == (3, 7)
    assert where(text, "a", 2) == (5, 3)
    assert where(text, "b") == (6, 1)


SCALARS = """\
int = -1_000
hex = 0xDEAD_beef
float = 6.02e+23
special = [inf, -nan, +inf]
yes = true
no = false
odt = 1979-05-27T07:32:00.999999-07:00
space_dt = 1979-05-27 07:32:00 # comment
date = 1979-05-27
time = 07:32:00
after = "x"
"""


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        (("int",), (1, 1)),
        (("hex",), (2, 1)),
        (("float",), (3, 1)),
        (("special", 1), (4, 17)),
        (("special", 2), (4, 23)),
        (("no",), (6, 1)),
        (("odt",), (7, 1)),
        (("space_dt",), (8, 1)),
        (("date",), (9, 1)),
        (("time",), (10, 1)),
        (("after",), (11, 1)),
    ],
)
def test_numbers_booleans_dates(loc: Path, expected: tuple[int, int]) -> None:
    assert where(SCALARS, *loc) == expected


def test_columns_count_characters_and_tabs_as_one() -> None:
    text = 's = ["日本", 2]\n\t"ключ" = 1\n'
    assert where(text, "s", 1) == (1, 12)
    assert where(text, "ключ") == (2, 2)


def test_crlf_line_endings() -> None:
    text = "a = 1\r\n[t]\r\nb = [\r\n  1,\r\n  2,\r\n]\r\n"
    assert where(text, "t", "b", 1) == (5, 3)
    assert where(text, "t", "missing") == (2, 1)


# -- fallbacks and robustness ----------------------------------------------------------


def test_absent_paths_fall_back_to_the_start_of_the_file() -> None:
    text = "\n\n[t]\nx = 1\n"
    assert where(text) == (1, 1)
    assert where(text, "missing") == (1, 1)
    assert where(text, "missing", "x") == (1, 1)
    assert where(text, 0) == (1, 1)
    assert where("", "anything") == (1, 1)


def test_extra_trailing_elements_fall_back_to_the_deepest_prefix() -> None:
    text = "[t]\nx = 1\ny = { z = 2 }\n"
    assert where(text, "t", "x", "literal['a']") == (2, 1)
    assert where(text, "t", "y", "z", 0, "deeper") == (3, 7)
    assert where(text, "t", "y", "w", "deeper") == (3, 5)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("[]{}=\"'#.,ab1 \t\n\\-")), max_size=80)
    | st.text(max_size=40),
    loc=st.lists(st.text(alphabet="ab1", max_size=2) | st.integers(-1, 3), max_size=4),
)
def test_never_raises_on_any_text(text: str, loc: list[str | int]) -> None:
    position = TomlLocator(text).find(loc)
    assert position.line >= 1
    assert position.column >= 1


def test_never_raises_on_deep_nesting() -> None:
    locator = TomlLocator("a = " + "[" * 5000 + "1" + "]" * 5000)
    assert locator.find(("a", 0, 0)) == Position(1, 7)


def test_index_of_a_two_thousand_line_file_builds_quickly() -> None:
    lines = []
    for number in range(200):
        lines += [
            f"[[miners]]  # miner {number}",
            f'id = "m{number}"',
            f"site.country = 'C{number}'",
            "capacity = 1_200.5",
            "opened = 2019-01-01T00:00:00Z",
            "grades = [0.1, 0.2,",
            "  0.3, # trailing",
            "]",
            'notes = """ [x] = {y} """',
            "owner = { name = 'x', share = 0.5 }",
        ]
    text = "\n".join(lines) + "\n"
    assert len(tomllib.loads(text)["miners"]) == 200
    fastest = min(_time_build(text) for _ in range(3))
    assert TomlLocator(text).find(("miners", 199, "owner", "share")) == Position(2000, 23)
    assert fastest < 0.25  # target well under 0.05 s; the margin absorbs busy CI machines


def _time_build(text: str) -> float:
    start = time.perf_counter()
    TomlLocator(text)
    return time.perf_counter() - start


# -- property test: random documents rendered in many styles ---------------------------

_BARE = re.compile(r"[A-Za-z0-9_\-]+")
_TRICKY_CHARACTERS = [*"[]{}=#\"'\\,. \n\t", "\x00", "\x7f", "é", "日"]
_COMMENTS = [
    "#",
    "# plain",
    "# [not.a.table]",
    '# key = "value" # again',
    "# {'x': [1, 2]}",
    "# \"\"\" ''' ",
]

# Pieces of TOML syntax: should the scanner misread where a string ends, lines like these
# inside it would switch tables or invent keys, and the real paths would not be found.
_TOML_LOOKALIKES = ["\n[x]\n", "\n[[y]]\n", "\nz = [\n", "\nw = {", '"', "'", '""', "''"]
text_values = st.lists(
    st.sampled_from(_TOML_LOOKALIKES)
    | st.text(
        alphabet=st.sampled_from(_TRICKY_CHARACTERS) | st.characters(codec="utf-8"),
        max_size=6,
    ),
    max_size=4,
).map("".join)
keys = st.from_regex(r"[A-Za-z0-9_\-]{1,8}", fullmatch=True) | st.text(
    alphabet=st.sampled_from([*_TRICKY_CHARACTERS, "a", "b"]) | st.characters(codec="utf-8"),
    max_size=6,
)
scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    text_values,
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(keys, children, max_size=4)
        # Lists made only of tables, which may be written as `[[array]]` sections.
        | st.lists(st.dictionaries(keys, children, max_size=3), min_size=1, max_size=3)
    ),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, min_size=1, max_size=6)


def _is_control(character: str) -> bool:
    return ord(character) < 0x20 or ord(character) == 0x7F


def _is_array_of_tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


class _Renderer:
    """Write data as TOML with randomly chosen styles, remembering where each path went.

    ``marks`` maps every path to the (offset, text) of each place it is written: a key,
    a dotted-key or header segment, an array element, or the ``[[`` of a table entry.
    """

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.parts: list[str] = []
        self.size = 0
        self.marks: dict[Path, list[tuple[int, str]]] = {}

    def text(self) -> str:
        return "".join(self.parts)

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def write_marked(self, path: Path, text: str) -> None:
        self.marks.setdefault(path, []).append((self.size, text))
        self.write(text)

    def pick(self, *options: str) -> str:
        return self.rnd.choice(options)

    def chance(self, probability: float = 0.5) -> bool:
        return self.rnd.random() < probability

    # -- scalars and keys --

    def basic_string(self, value: str, *, multiline: bool = False) -> str:
        out: list[str] = []
        raw_quotes_before = 0  # inside """ up to two quotes in a row may stay unescaped
        for position, character in enumerate(value):
            if character == '"':
                raw = multiline and raw_quotes_before < 2 and position < len(value) - 1
                out.append('"' if raw else '\\"')
                raw_quotes_before = raw_quotes_before + 1 if raw else 0
                continue
            raw_quotes_before = 0
            if character == "\\":
                out.append("\\\\")
            elif character == "\n":
                out.append("\n" if multiline else "\\n")
            elif character == "\t":
                out.append(self.pick("\t", "\\t"))
            elif _is_control(character):
                out.append(f"\\u{ord(character):04X}")
            else:
                out.append(character)
        body = "".join(out)
        if multiline:
            newline = "\n" if value.startswith("\n") or self.chance() else ""
            return f'"""{newline}{body}"""'
        return f'"{body}"'

    def string(self, value: str) -> str:
        has_controls = any(_is_control(c) and c not in "\t\n" for c in value)
        styles = ["basic", "multiline basic"]
        if not has_controls and "'" not in value and "\n" not in value:
            styles.append("literal")
        if not has_controls and "'''" not in value and not value.endswith("'"):
            styles.append("multiline literal")
        style = self.rnd.choice(styles)
        if style == "literal":
            return f"'{value}'"
        if style == "multiline literal":
            newline = "\n" if value.startswith("\n") or self.chance() else ""
            return f"'''{newline}{value}'''"
        return self.basic_string(value, multiline=style == "multiline basic")

    def scalar(self, value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            if value >= 0 and self.chance(0.2):
                return self.pick(f"0x{value:x}", f"0o{value:o}", f"0b{value:b}")
            return self.pick(str(value), f"{value:_}")
        if isinstance(value, float):
            return repr(value)
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=self.pick("T", " "))
        assert isinstance(value, dt.date | dt.time)
        return value.isoformat()

    def key(self, name: str) -> str:
        if _BARE.fullmatch(name) and self.chance(0.8):
            return name
        if "'" not in name and not any(_is_control(c) for c in name) and self.chance():
            return f"'{name}'"
        return self.basic_string(name)

    def dotted_key(self, segments: list[tuple[Path, str]]) -> None:
        for number, (path, name) in enumerate(segments):
            if number:
                self.write(self.pick(".", " . ", ".\t", " ."))
            self.write_marked(path, self.key(name))

    # -- layout --

    def gap(self) -> None:
        for _ in range(self.rnd.choice([0, 0, 0, 1, 2])):
            self.write(self.pick("\n", f"{self.rnd.choice(_COMMENTS)}\n", "  \n"))

    def end_of_line(self) -> None:
        if self.chance(0.3):
            self.write(self.pick(" ", "  ", "\t") + self.rnd.choice(_COMMENTS))
        self.write("\n")

    def indent(self) -> None:
        self.write(self.pick("", "", "  ", "\t"))

    # -- values --

    def value(self, path: Path, value: object) -> None:
        if isinstance(value, dict):
            self.inline_table(path, value)
        elif isinstance(value, list):
            self.array(path, value)
        else:
            self.write(self.scalar(value))

    def array(self, path: Path, items: list[Any]) -> None:
        multiline = self.chance(0.4)
        self.write("[")
        for index, item in enumerate(items):
            if multiline:
                self.write("\n")
                if self.chance(0.3):
                    self.write(f"  {self.rnd.choice(_COMMENTS)}\n")
                if self.chance(0.2):
                    self.write("\n")
                self.write(self.pick("  ", "    ", "\t"))
            else:
                self.write(self.pick("", " "))
            first_part = len(self.parts)
            start = self.size
            self.value((*path, index), item)
            self.marks.setdefault((*path, index), []).append(
                (start, "".join(self.parts[first_part:]))
            )
            if index < len(items) - 1 or self.chance(0.3):
                self.write(self.pick(",", " ,"))
            if multiline and self.chance(0.3):
                self.write(" " + self.rnd.choice(_COMMENTS))
        self.write("\n]" if multiline else self.pick("]", " ]"))

    def inline_entries(
        self, segments: list[tuple[Path, str]], value: object
    ) -> Iterator[tuple[list[tuple[Path, str]], object]]:
        """Flatten some sub-tables into dotted keys, as `a.b = 1, a.c = 2`."""
        if isinstance(value, dict) and value and self.chance(0.3):
            path = segments[-1][0]
            for name, child in value.items():
                yield from self.inline_entries([*segments, ((*path, name), name)], child)
        else:
            yield segments, value

    def inline_table(self, path: Path, table: dict[str, Any]) -> None:
        self.write("{" + self.pick("", " "))
        entries = [
            entry
            for name, child in table.items()
            for entry in self.inline_entries([((*path, name), name)], child)
        ]
        for number, (segments, child) in enumerate(entries):
            if number:
                self.write(self.pick(", ", ",", " , "))
            self.dotted_key(segments)
            self.write(self.pick(" = ", "=", "\t= "))
            self.value(segments[-1][0], child)
        self.write(self.pick("", " ") + "}")

    def pair(self, segments: list[tuple[Path, str]], value: object) -> None:
        self.gap()
        self.indent()
        self.dotted_key(segments)
        self.write(self.pick(" = ", "=", "  =\t"))
        self.value(segments[-1][0], value)
        self.end_of_line()

    def block_entries(self, segments: list[tuple[Path, str]], value: object) -> None:
        """Key/value lines of a section, some sub-tables spelled as dotted keys."""
        if isinstance(value, dict) and value and self.chance(0.4):
            path = segments[-1][0]
            for name, child in value.items():
                self.block_entries([*segments, ((*path, name), name)], child)
        else:
            self.pair(segments, value)

    def header(self, segments: list[tuple[Path, str]], element: Path | None = None) -> None:
        self.gap()
        self.indent()
        if element is None:
            self.write("[")
        else:
            self.write_marked(element, "[[")
        self.write(self.pick("", " "))
        self.dotted_key(segments)
        self.write(self.pick("", " ") + ("]" if element is None else "]]"))
        self.end_of_line()

    def section(
        self, path: Path, segments: list[tuple[Path, str]], table: dict[str, Any], kind: str
    ) -> None:
        """A header (unless root), key/value lines, then sub-tables under their own headers.

        ``kind`` is "root", "table" or "array" (an array-of-tables entry). A table with no
        lines of its own may leave its header out: its sub-tables' headers create it.
        """
        deferred = [
            name
            for name, child in table.items()
            if (isinstance(child, dict) or _is_array_of_tables(child)) and self.chance()
        ]
        if kind == "array":
            self.header(segments, element=path)
        elif kind == "table" and (len(deferred) < len(table) or not table or self.chance()):
            self.header(segments)
        for name, child in table.items():
            if name not in deferred:
                self.block_entries([((*path, name), name)], child)
        for name in deferred:
            child = table[name]
            child_path = (*path, name)
            child_segments = [*segments, (child_path, name)]
            if isinstance(child, dict):
                self.section(child_path, child_segments, child, "table")
            else:
                for index, element in enumerate(child):
                    self.section((*child_path, index), child_segments, element, "array")


def _all_paths(value: object, path: Path = ()) -> Iterator[tuple[Path, bool]]:
    """Every path in the data, with whether it is a leaf (scalar or empty container)."""
    children: list[tuple[str | int, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    if path:
        yield path, not children
    for name, child in children:
        yield from _all_paths(child, (*path, name))


def _text_at(text: str, position: Position) -> str:
    """The rest of the line at a position, from its column on."""
    return text.split("\n")[position.line - 1][position.column - 1 :]


def _offset(text: str, position: Position) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position.line - 1]) + position.column - 1


@settings(max_examples=150, deadline=None)
@given(data=documents, rnd=st.randoms(use_true_random=False))
def test_every_path_of_a_rendered_document_is_found(
    data: dict[str, Any], rnd: random.Random
) -> None:
    renderer = _Renderer(rnd)
    renderer.gap()
    renderer.section((), [], data, "root")
    text = renderer.text()
    assert tomllib.loads(text) == data

    locator = TomlLocator(text)
    for path, is_leaf in _all_paths(data):
        position = locator.find(path)
        marks = renderer.marks[path]
        offset = _offset(text, position)
        written = dict(marks)
        assert offset in written, (path, position, marks)
        # What the key or element looks like, as written, starts at that position.
        assert _text_at(text, position).startswith(written[offset].split("\n")[0])
        if is_leaf:
            assert len(marks) == 1
