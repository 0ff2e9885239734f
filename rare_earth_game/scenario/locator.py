"""Map pydantic error locations back to line and column in a scenario TOML file.

``tomllib`` returns plain dicts without positions, yet a useful error message has to say
``file.toml:LINE:COL``. ``TomlLocator`` re-reads the (already valid) text once with a
small scanner that records where every key and array element is written, keyed by the
same path pydantic reports in an error's ``loc``: strings for keys, ints for indexes into
arrays and arrays of tables.

Lines are split at ``\\n`` only (as TOML does) and columns count characters (code points),
both 1-based.
"""

import bisect
import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Position", "TomlLocator"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """A place in the text, 1-based, ready to print as ``LINE:COL``."""

    line: int
    column: int


# Regular expressions do the character-level work so one pass stays fast in pure Python.
# Possessive quantifiers (*+) keep a malformed text from causing heavy backtracking.
_INLINE_SPACE = re.compile(r"[ \t]*+")
_SPACE_NEWLINES_COMMENTS = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]++")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*+"')
_LITERAL_STRING = re.compile(r"'[^'\n]*+'")
_MULTILINE_BASIC_STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*+"""(?:"{0,2})', re.DOTALL)
_MULTILINE_LITERAL_STRING = re.compile(r"'''(?:[^']|'(?!''))*+'''(?:'{0,2})")
# Numbers, booleans, dates and times: everything up to the next delimiter. Spaces are
# included on purpose, because a date-time may be written "1979-05-27 07:32:00".
_OTHER_SCALAR = re.compile(r"[^,\]}#\n]++")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}


def _unescape(body: str) -> str:
    """Decode a basic-string key so quoted keys match the names tomllib produced."""

    def replace(match: re.Match[str]) -> str:
        hex_digits = match.group(1) or match.group(2) or match.group(3)
        if hex_digits is not None:
            try:
                return chr(int(hex_digits, 16))
            except ValueError:  # a code point beyond U+10FFFF: keep the text as written
                return match.group()
        return _SIMPLE_ESCAPES.get(match.group(4), match.group())

    return _ESCAPE.sub(replace, body)


class _Scanner:
    """One pass over the text that records the offset of every key and array element.

    ``keys`` maps a path to where its last element is written: the key (the segment of a
    dotted key, or of a table header), the first character of an array element, or the
    ``[[`` of an array-of-tables entry. ``openings`` maps table paths to where the table
    itself starts (a ``[table]``/``[[array]]`` header or an inline table's ``{``); a
    missing key is reported there.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.keys: dict[Path, int] = {}
        self.openings: dict[Path, int] = {}
        # Keys written as the last segment of a header or as a key of a key/value pair.
        # They win over the same key appearing earlier as a prefix in `[a.b]`, so that
        # `a` points at `[a]` wherever that header sits.
        self._defined: set[Path] = set()
        # How many `[[path]]` entries have been seen, to index the next one and to let
        # `[a.b]` headers descend into the last element of the array of tables `a`.
        self._array_table_lengths: dict[Path, int] = {}

    # -- low-level helpers -------------------------------------------------------------

    def _skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match is not None:
            self.pos = match.end()

    def _peek(self, prefix: str) -> bool:
        return self.text.startswith(prefix, self.pos)

    def _skip_to_next_line(self) -> None:
        newline = self.text.find("\n", self.pos)
        self.pos = len(self.text) if newline < 0 else newline + 1

    def _record_key(self, path: Path, offset: int, *, defined: bool) -> None:
        if path not in self.keys or (defined and path not in self._defined):
            self.keys[path] = offset
        if defined:
            self._defined.add(path)

    # -- grammar -----------------------------------------------------------------------

    def scan(self) -> None:
        """Walk the document line by line: headers switch the current table."""
        table: Path = ()
        end = len(self.text)
        while True:
            self._skip(_SPACE_NEWLINES_COMMENTS)
            if self.pos >= end:
                return
            if self._peek("[["):
                table = self._array_table_header() or table
            elif self._peek("["):
                table = self._table_header() or table
            else:
                self._key_value(table)
            # Only spaces or a comment may follow on the line; skipping to the next line
            # also guarantees progress should the text be malformed after all.
            self._skip_to_next_line()

    def _key(self) -> list[tuple[str, int]]:
        """Read a possibly dotted key as (name, offset) segments; empty if there is none."""
        segments: list[tuple[str, int]] = []
        while True:
            self._skip(_INLINE_SPACE)
            start = self.pos
            if self._peek('"'):
                match = _BASIC_STRING.match(self.text, start)
                name = _unescape(match.group()[1:-1]) if match else ""
            elif self._peek("'"):
                match = _LITERAL_STRING.match(self.text, start)
                name = match.group()[1:-1] if match else ""
            else:
                match = _BARE_KEY.match(self.text, start)
                name = match.group() if match else ""
            if match is None:
                return segments
            segments.append((name, start))
            self.pos = match.end()
            self._skip(_INLINE_SPACE)
            if not self._peek("."):
                return segments
            self.pos += 1

    def _header_path(self, segments: list[tuple[str, int]]) -> Path:
        """Resolve a header's keys; arrays of tables on the way mean their last element."""
        path: Path = ()
        for number, (name, offset) in enumerate(segments, start=1):
            path = (*path, name)
            is_last = number == len(segments)
            self._record_key(path, offset, defined=is_last)
            length = self._array_table_lengths.get(path)
            if not is_last and length:
                path = (*path, length - 1)
        return path

    def _table_header(self) -> Path | None:
        start = self.pos
        self.pos += 1
        segments = self._key()
        if not segments:
            return None
        table = self._header_path(segments)
        self.openings.setdefault(table, start)
        return table

    def _array_table_header(self) -> Path | None:
        start = self.pos
        self.pos += 2
        segments = self._key()
        if not segments:
            return None
        array = self._header_path(segments)
        index = self._array_table_lengths.get(array, 0)
        self._array_table_lengths[array] = index + 1
        element = (*array, index)
        self.keys[element] = start
        self.openings[element] = start
        return element

    def _key_value(self, table: Path) -> None:
        segments = self._key()
        if not segments:
            return
        path = table
        for name, offset in segments:
            path = (*path, name)
            self._record_key(path, offset, defined=True)
        self._skip(_INLINE_SPACE)
        if not self._peek("="):
            return
        self.pos += 1
        self._skip(_INLINE_SPACE)
        self._value(path)

    def _value(self, path: Path) -> None:
        if self._peek("["):
            self._array(path)
            return
        if self._peek("{"):
            self._inline_table(path)
            return
        if self._peek('"""'):
            pattern = _MULTILINE_BASIC_STRING
        elif self._peek('"'):
            pattern = _BASIC_STRING
        elif self._peek("'''"):
            pattern = _MULTILINE_LITERAL_STRING
        elif self._peek("'"):
            pattern = _LITERAL_STRING
        else:
            pattern = _OTHER_SCALAR
        self._skip(pattern)

    def _array(self, path: Path) -> None:
        self.pos += 1  # "["
        index = 0
        end = len(self.text)
        while True:
            self._skip(_SPACE_NEWLINES_COMMENTS)
            if self.pos >= end or self._peek("]"):
                self.pos += 1
                return
            before = self.pos
            element = (*path, index)
            self.keys.setdefault(element, self.pos)
            self._value(element)
            self._skip(_SPACE_NEWLINES_COMMENTS)
            if self._peek(","):
                self.pos += 1
                index += 1
            elif self._peek("]") or self.pos == before:
                self.pos += 1
                return

    def _inline_table(self, path: Path) -> None:
        self.openings.setdefault(path, self.pos)
        self.pos += 1  # "{"
        end = len(self.text)
        while True:
            # Newlines are skipped too: TOML 1.1 allows them, and it costs nothing.
            self._skip(_SPACE_NEWLINES_COMMENTS)
            if self.pos >= end or self._peek("}"):
                self.pos += 1
                return
            before = self.pos
            self._key_value(path)
            self._skip(_SPACE_NEWLINES_COMMENTS)
            if self._peek(","):
                self.pos += 1
            elif self._peek("}") or self.pos == before:
                self.pos += 1
                return


class TomlLocator:
    """Answer "where in the text is this pydantic ``loc``?" for one TOML document.

    The index is built once here, so each ``find`` is a couple of dict look-ups and a
    binary search. The text is expected to be valid TOML (tomllib already accepted it);
    nothing in this class raises on unexpected input, it just knows fewer positions.
    """

    def __init__(self, text: str) -> None:
        scanner = _Scanner(text)
        # Never raise: on a surprise, the partial index still gives useful fallbacks.
        with contextlib.suppress(Exception):
            scanner.scan()
        self._keys = scanner.keys
        self._openings = scanner.openings
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def find(self, loc: Sequence[str | int]) -> Position:
        """Return where ``loc`` is written, or where its deepest existing prefix is.

        An exact match is the key itself (or the array element, or the ``[[`` of an
        array-of-tables entry). Otherwise the error is about something not written in
        the file (a missing key, a union tag pydantic appended, an index past the end),
        so point at the nearest enclosing thing that is: a table's header or ``{``, a
        key, or an array element; with nothing at all, the start of the file.
        """
        path = tuple(part if isinstance(part, str | int) else str(part) for part in loc)
        offset = self._keys.get(path)
        if offset is None:
            offset = 0
            for length in range(len(path) - 1, 0, -1):
                prefix = path[:length]
                found = self._openings.get(prefix, self._keys.get(prefix))
                if found is not None:
                    offset = found
                    break
        return self._position(offset)

    def _position(self, offset: int) -> Position:
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line=line_index + 1, column=offset - self._line_starts[line_index] + 1)
