"""How scenario mistakes reach the author: through `rare-earth-game validate`, as
`FILE:LINE:COL: key.path: message` lines, all at once, and never as a traceback.

Each file in tests/data/broken/ is tiny.toml with one kind of mistake. Its header says
what the CLI must report, one `# expect: LINE:COL key.path message fragment` per issue.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from rare_earth_game.cli import app
from rare_earth_game.scenario import ScenarioError, ScenarioIssue, parse_scenario
from rare_earth_game.scenario.types import Section

DATA = Path(__file__).resolve().parents[1] / "data"
TINY = DATA / "tiny.toml"
BROKEN = sorted((DATA / "broken").glob("*.toml"))

_EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (\S+) (.+)$", re.MULTILINE)
_ISSUE = re.compile(r"^(.+?):(\d+):(\d+): (\S+): (.*)$")


@dataclass(frozen=True)
class Issue:
    """One `FILE:LINE:COL: key: message` line as the CLI prints it."""

    path: str
    line: int
    column: int
    key: str
    message: str


def validate(*names: str | Path) -> Result:
    return CliRunner().invoke(app, ["validate", *map(str, names)])


def output_of(result: Result) -> str:
    """Everything the command printed, stdout and stderr interleaved."""
    return result.output


def words_of(result: Result) -> str:
    """The output with line wrapping undone, for messages longer than the terminal."""
    return " ".join(output_of(result).split())


def assert_no_traceback(result: Result) -> None:
    """A user's mistake ends in a clean exit: no exception escaped the command."""
    assert "Traceback" not in output_of(result)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


def issues_in(result: Result) -> list[Issue]:
    found = []
    for line in output_of(result).splitlines():
        match = _ISSUE.match(line)
        if match:
            path, row, column, key, message = match.groups()
            found.append(Issue(path, int(row), int(column), key, message))
    return found


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    """The `# expect:` header lines; read as bytes so the non-UTF-8 file works too."""
    return [
        (int(line), int(column), key.decode(), fragment.decode().strip())
        for line, column, key, fragment in _EXPECT.findall(path.read_bytes())
    ]


# -- the corpus of broken files -----------------------------------------------------------


def test_the_corpus_covers_the_documented_mistakes() -> None:
    names = {path.stem for path in BROKEN}
    assert len(names) >= 20
    assert {"empty", "not_utf8", "several_mistakes", "recipe_cycle", "schema_version_2"} <= names
    for path in BROKEN:
        assert expectations(path), f"{path.name} has no '# expect:' line"


@pytest.mark.parametrize("path", BROKEN, ids=[path.stem for path in BROKEN])
def test_a_broken_file_is_reported_where_the_mistake_is(path: Path) -> None:
    result = validate(path)
    assert_no_traceback(result)
    assert result.exit_code == 2, output_of(result)
    issues = issues_in(result)
    assert issues, output_of(result)
    assert {issue.path for issue in issues} == {issues[0].path}
    assert Path(issues[0].path).resolve() == path.resolve()
    for line, column, key, fragment in expectations(path):
        assert any(
            (issue.line, issue.column, issue.key) == (line, column, key)
            and fragment in issue.message
            for issue in issues
        ), f"no issue {line}:{column} {key}: ...{fragment}... in\n{output_of(result)}"


@pytest.mark.parametrize("path", BROKEN, ids=[path.stem for path in BROKEN])
def test_a_broken_file_reports_nothing_unexpected(path: Path) -> None:
    """One mistake gives one message: no follow-on noise the author would chase."""
    issues = issues_in(validate(path))
    assert len(issues) == len(expectations(path)), "\n".join(map(str, issues))


def test_every_mistake_in_a_file_is_reported_in_one_run() -> None:
    """Schema errors do not hide cross-reference errors elsewhere in the file."""
    issues = issues_in(validate(DATA / "broken" / "several_mistakes.toml"))
    assert [issue.line for issue in issues] == sorted(issue.line for issue in issues)
    messages = " | ".join(issue.message for issue in issues)
    for kind in ("unknown key", "must be 0 or more", "expected a number", "unknown nation"):
        assert kind in messages
    assert "outside the horizon" in messages


# -- valid files and names ----------------------------------------------------------------


@pytest.mark.parametrize("name", [str(TINY), "baseline_2025", "history_2010"])
def test_a_valid_scenario_validates(name: str) -> None:
    result = validate(name)
    assert_no_traceback(result)
    assert result.exit_code == 0, output_of(result)
    assert f"{name}: ok" in output_of(result)


def test_several_files_are_checked_in_one_call() -> None:
    result = validate(TINY, DATA / "broken" / "negative_capacity.toml", "baseline_2025")
    assert result.exit_code == 2
    assert f"{TINY}: ok" in output_of(result)
    assert "baseline_2025: ok" in output_of(result)
    assert len(issues_in(result)) == 1


def test_a_missing_file_is_a_user_error() -> None:
    result = validate("no/such/folder/world.toml")
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "no scenario file at no/such/folder/world.toml" in words_of(result)


def test_an_unknown_name_suggests_the_close_built_in() -> None:
    result = validate("baseline_2024")
    assert_no_traceback(result)
    assert result.exit_code == 2
    text = words_of(result)
    assert "unknown scenario 'baseline_2024'; did you mean 'baseline_2025'?" in text
    assert "baseline_2025, history_2010" in text


def test_an_empty_file_is_one_clear_issue(tmp_path: Path) -> None:
    path = tmp_path / "blank.toml"
    path.write_bytes(b"")
    result = validate(path)
    assert result.exit_code == 2
    (issue,) = issues_in(result)
    assert (issue.line, issue.column, issue.key) == (1, 1, "(file)")
    assert "the file is empty" in issue.message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.read_bytes())
    result = validate(path)
    assert result.exit_code == 0, output_of(result)


def test_windows_line_endings_give_the_same_positions(tmp_path: Path) -> None:
    source = DATA / "broken" / "several_mistakes.toml"
    crlf = tmp_path / source.name
    crlf.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    unix = [(i.line, i.column, i.key, i.message) for i in issues_in(validate(source))]
    windows = [(i.line, i.column, i.key, i.message) for i in issues_in(validate(crlf))]
    assert windows == unix


# -- properties over the valid tiny world ----------------------------------------------

TINY_TEXT = TINY.read_text(encoding="utf-8")
# A key at the start of a line, or the name in a [table] or [[array]] header.
_KEY = re.compile(r"^(?:\[\[?)?([a-z_]+)(?: = |\]\]?$)", re.MULTILINE)
KEYS = [(match.start(1), match.group(1)) for match in _KEY.finditer(TINY_TEXT)]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counted independently of the loader."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _all_keys() -> set[str]:
    """Every key any scenario table accepts."""
    keys: set[str] = set()
    models: list[type[Section]] = [Section]
    while models:
        model = models.pop()
        keys |= set(model.model_fields)
        models += model.__subclasses__()
    return keys


ALL_KEYS = _all_keys()


@st.composite
def misspellings(draw: st.DrawFn, word: str) -> str:
    """A typo of `word`: a letter dropped, doubled, swapped or replaced, or a suffix added."""
    letters = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
    i = draw(st.integers(0, len(word) - 1))
    typo = draw(
        st.sampled_from(["drop", "double", "swap", "replace", "suffix"])
        if len(word) > 1
        else st.sampled_from(["double", "replace", "suffix"])
    )
    if typo == "drop":
        return word[:i] + word[i + 1 :]
    if typo == "double":
        return word[: i + 1] + word[i:]
    if typo == "swap":
        i = min(i, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if typo == "replace":
        return word[:i] + draw(letters) + word[i + 1 :]
    return word + draw(st.sampled_from(["s", "_x", "2"]))


def issues_of(text: str) -> list[ScenarioIssue]:
    """What the loader reports for a text; nothing if it is a valid scenario."""
    try:
        parse_scenario(text, "tiny.toml")
    except ScenarioError as error:
        return list(error.issues)
    return []


def test_the_property_tests_see_keys_and_headers() -> None:
    names = {name for _, name in KEYS}
    assert {"schema_version", "meta", "miners", "capacity", "inputs", "base_demand"} <= names
    assert len(KEYS) > 100


@given(data=st.data(), choice=st.sampled_from(KEYS))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_misspelt_key_is_reported_where_it_is_written(
    data: st.DataObject, choice: tuple[int, str]
) -> None:
    offset, key = choice
    # A "typo" that is a real key somewhere (`a` → `b`) is not a misspelling to catch.
    typo = data.draw(misspellings(key).filter(lambda word: word not in ALL_KEYS), label="typo")
    text = TINY_TEXT[:offset] + typo + TINY_TEXT[offset + len(key) :]
    tomllib.loads(text)  # renaming a key in place keeps the TOML valid
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "tiny.toml")
    issues = caught.value.issues
    unknown = [i for i in issues if i.message.startswith(f"unknown key '{typo}'")]
    assert unknown, "\n".join(map(str, issues))
    assert [(i.line, i.column) for i in unknown] == [position(text, offset)]
    assert unknown[0].key.endswith(typo)


WRONG_VALUES = ['"some text"', "true", "-3", "1979-05-27", "[1, 2]", "{ a = 1 }", "nan"]


@given(choice=st.sampled_from(KEYS), value=st.sampled_from(WRONG_VALUES))
@settings(max_examples=80, deadline=None)
def test_a_bad_value_is_reported_at_its_key_and_nowhere_else(
    choice: tuple[int, str], value: str
) -> None:
    """The rest of the file is still cross-checked, without follow-on errors from this one.

    A whole entry may be set aside for a bad value; its id must not turn into "unknown id"
    errors elsewhere, and its table header is the only other place an issue may point.
    """
    offset, key = choice
    line_end = TINY_TEXT.index("\n", offset)
    if not TINY_TEXT.startswith(f"{key} = ", offset):
        return  # a header, not a key = value line
    text = TINY_TEXT[: offset + len(key) + 3] + value + TINY_TEXT[line_end:]
    issues = issues_of(text)
    header = TINY_TEXT.rfind("\n[", 0, offset) + 1
    allowed = {position(text, offset)[0], position(text, header)[0]}
    assert {issue.line for issue in issues} <= allowed, "\n".join(map(str, issues))


EDITS = st.sampled_from(["delete", "duplicate", "insert", "truncate"])
TOKENS = st.sampled_from(['"', "[", "]", "{", "}", "=", "#", "'", "\\", '"""', "x = 1", "[[a]]"])


@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 10**6), TOKENS), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_any_edit_gives_issues_or_a_scenario_never_an_exception(
    edits: list[tuple[str, int, str]],
) -> None:
    lines = TINY_TEXT.split("\n")
    for edit, where, token in edits:
        i = where % max(len(lines), 1)
        if edit == "delete" and lines:
            del lines[i]
        elif edit == "duplicate" and lines:
            lines.insert(i, lines[(where // 7) % len(lines)])
        elif edit == "insert" and lines:
            column = (where // 3) % (len(lines[i]) + 1)
            lines[i] = lines[i][:column] + token + lines[i][column:]
        else:
            lines = lines[:i]
    text = "\n".join(lines)
    for issue in issues_of(text):
        assert 1 <= issue.line <= text.count("\n") + 1
        assert issue.column >= 1
        assert issue.message


def test_every_figure_a_game_records_can_be_named_by_an_objective() -> None:
    """The loader's list of metrics and the recorder's columns cannot drift apart."""
    from rare_earth_game.game import GameSession
    from rare_earth_game.scenario import load_scenario
    from rare_earth_game.scenario.metric_names import metric_names

    for name in ("baseline_2025", "history_2010"):
        session = GameSession(load_scenario(name), seed=0, preset="sprint", scoring=False)
        session.submit([])
        recorded = set(session.history().columns) - {"turn", "date"}
        assert recorded <= set(metric_names(session.scenario)), recorded - set(
            metric_names(session.scenario)
        )
