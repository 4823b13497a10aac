"""Turn PyYAML's syntax errors into located messages in plain words."""

from __future__ import annotations

import re

import yaml

from afsprakengen.problems import Location, Problem, error

_PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "a ': ' cannot stand here: check this line's indentation, or put the text in quotes if it contains ': '",
    ),
    ("could not find expected ':'", "expected 'key: value' here; a ':' is missing or the indentation is off"),
    ("did not find expected key", "this line does not line up with the keys above it; check the indentation"),
    ("did not find expected '-' indicator", "this line does not line up with the list items above it"),
    ("did not find expected node content", "a value is missing here"),
    ("found undefined alias", "this alias (*name) refers to no anchor (&name) above it"),
    ("found unexpected end of stream", "the quote or bracket opened here is never closed"),
    ("found unknown escape character", "unknown escape with '\\' in a double-quoted text; use single quotes"),
    ("expected a single document", "the file holds more than one YAML document ('---'); keep one"),
    ("but found another document", "the file holds more than one YAML document ('---'); keep one"),
    ("found duplicate anchor", "this anchor (&name) is defined twice; give each anchor its own name"),
    ("expected <document start>", "unexpected text here; check the indentation of this line"),
    ("found a tab character", "a tab is used here; YAML indents with spaces only"),
    ("expected ',' or ']'", "a list in [brackets] is not closed with ']' or misses a ','"),
    ("expected ',' or '}'", "a mapping in {braces} is not closed with '}' or misses a ','"),
    ("exceeded max", "the file is nested too deeply"),
)


def describe_yaml_error(exc: yaml.YAMLError, text: str, display: str) -> Problem:
    """One located problem for a YAML syntax or reader error."""
    line, column = _position(exc, text)
    problem = " ".join(str(getattr(exc, a, None) or "") for a in ("problem", "context")).strip() or str(exc)
    char = _char_at(text, line, column)
    if char == "\t":
        return error(Location(display, line, column), "a tab is used here; YAML indents with spaces only")
    if isinstance(exc, yaml.reader.ReaderError):
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        message = f"the character U+{code:04X} is not allowed in YAML"
        return error(Location(display, line, column), message)
    return error(Location(display, line, column), _plain(problem, char))


def _plain(problem: str, char: str) -> str:
    for needle, words in _PLAIN_WORDS:
        if needle in problem:
            return words
    if "cannot start any token" in problem:
        return f"'{char}' cannot start a value here; put the text in quotes"
    return f"YAML syntax error: {problem}"


def _position(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    """1-based line and column of the error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "end of stream" in str(getattr(exc, "problem", "")) and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # type: ignore[attr-defined]  # where the unclosed quote or bracket was opened
    if mark is not None:
        return _within(text, mark.line + 1, mark.column + 1)
    offset = getattr(exc, "position", 0) or 0
    if yaml.__with_libyaml__:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))  # libyaml counts bytes
    before = text[:offset]
    return before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1


LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break, so its line numbers."""


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """The position, or the end of the text when libyaml puts the end of a text without a last newline past it."""
    lines = LINE_BREAK.split(text)
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, column


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""
