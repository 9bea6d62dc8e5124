"""Reads YAML safely while remembering where every value stands in the file.

PyYAML's safe loader builds no Python objects beyond plain data, but it forgets line
numbers and silently keeps the last of two equal keys. Here the parser's event stream is
walked by hand so that each value's place is kept (for messages like ``stops.yaml:12:5``)
and a repeated key is reported instead of hidden.

Speed: the events (walked in ``yaml_events``) come from libyaml (PyYAML's C parser) when
it is there; building PyYAML's node tree costs four times as much as the events, and a
1,000-stop tour must load in a fraction of a second. Values are typed exactly as PyYAML's SafeLoader types
them (YAML 1.1: ``yes`` is true, ``0101`` is 65), using its own resolvers and
constructors. When the C parser refuses the file, the pure-Python parser (PyYAML's
reference) reads it again: its messages say more, and it has the last word.

Never raises on bad input: every problem comes back as a :class:`Problem` with a place.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem, Severity
from .yaml_events import EMPTY, TOO_DEEP, EventWalker, TooLarge

Path = tuple[Any, ...]

#: What PyYAML's complaints mean, in words for the person who edits the file:
#: (words found in the parser's message, what is wrong, what to do). {opened} is the
#: line where the bracket or quote in question was opened.
_SYNTAX_HINTS = (
    ("'\\t'", "a tab character is used here",
     "use spaces, not tabs, to indent (set your editor to insert spaces)"),
    ("while scanning a quoted scalar", "a quote opened here is never closed",
     "add the closing quote at the end of the text"),
    ("expected ',' or ']'", "the list in [ ] opened on line {opened} is not closed",
     "add the missing ], or a comma between its items"),
    ("expected ',' or '}'", "the group in { } opened on line {opened} is not closed",
     "add the missing }, or a comma between its entries"),
    ("while parsing a flow sequence", "the list in [ ] opened on line {opened} is not closed",
     "add the missing ]"),
    ("while parsing a flow mapping", "the group in { } opened on line {opened} is not closed",
     "add the missing }"),
    ("found '<stream end>'", "the file ends in the middle of an entry",
     "it may have been cut short: finish the entry, or copy the file again"),
    ("found unexpected end of stream", "the file ends in the middle of an entry",
     "it may have been cut short: finish the entry, or copy the file again"),
    ("expected <block end>, but found '-'", "this list item is indented differently from "
     "the items above it", "line up its '-' with theirs"),
    ("expected <block end>", "this line is indented differently from the lines it belongs "
     "with", "line it up with them, using the same number of spaces"),
    ("mapping values are not allowed", "a colon here is unexpected",
     "check the indentation of this line; if the text holds a colon followed by a space, "
     "put the whole text in quotes"),
    ("did not find expected key", "this line does not fit where it stands",
     "check the indentation of this line and the one above"),
    ("did not find expected '-' indicator", "this list item does not fit where it stands",
     "check the indentation of this list item"),
    ("could not find expected ':'", "a key has no colon after it",
     "add the colon, or close the quote that is left open"),
    ("that cannot start any token", "a value starts with a character YAML keeps for "
     "itself (such as @, ` or %)", "put the whole text in quotes"),
    ("found undefined alias", "a *name refers to an &name that is not defined above it",
     "write the value out instead"),
    ("expected a single document", "a second YAML document starts here",
     "remove the line with only '---' so the file is one document"),
    ("found duplicate anchor", "two values are marked with the same &name",
     "write the values out instead"),
)


@dataclass
class SourceMap:
    """Where each value of a YAML document stands: path -> (line, col), 1-based."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: Paths whose value could not be read: already reported, so not reported again.
    unreadable: set[Path] = field(default_factory=set)

    def is_unreadable(self, path: Path) -> bool:
        return any(tuple(path[: len(bad)]) == bad for bad in self.unreadable)

    def place(self, path: Path, prefer_key: bool = False) -> tuple[int, int]:
        """The place of ``path``, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while True:
            if prefer_key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: Path, message: str, prefer_key: bool = False, **kw) -> Problem:
        line, col = self.place(path, prefer_key)
        return Problem(self.file, line, col, message, **kw)


def _syntax_problem(error: yaml.YAMLError, file: str, text: str) -> Problem:
    """A parser's complaint as a Problem at the place a person should look."""
    if isinstance(error, yaml.MarkedYAMLError):
        said = f"{error.context or ''} {error.problem or ''}"
        what = (error.problem or "the file could not be read").rstrip(".")
        hint = "check the punctuation and indentation around this place"
        for needle, meaning, advice in _SYNTAX_HINTS:
            if needle in said:
                what, hint = meaning, advice
                break
        opened = error.context_mark.line + 1 if error.context_mark else "?"
        what = what.replace("{opened}", str(opened))
        # An unclosed quote is found at the end of the file; the quote opened earlier.
        quoted = "quoted scalar" in (error.context or "")
        mark = (error.context_mark if quoted else None) or error.problem_mark \
            or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(file, line, col, f"the YAML is not well formed: {what}; {hint}")
    position = getattr(error, "position", None)
    if isinstance(error, yaml.reader.ReaderError) and isinstance(position, int):
        starts = [0] + [m.end() for m in _YAML_BREAKS.finditer(text, 0, position)]
        line, col = len(starts), position - starts[-1] + 1  # as YAML counts, like the rest
        return Problem(file, line, col, "the YAML is not well formed: this line holds an "
                       f"invisible control character (code {error.character!r}); delete it "
                       "(retype the line if you cannot see it)")
    return Problem(file, 1, 1, f"the file could not be read as YAML ({error}); save it "
                   "again as plain UTF-8 text")


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse ``text``; returns (data, source map, problems). Never raises on bad input."""
    data, source, problems = _load(text, file)
    if _ODD_BREAKS.search(text):
        _to_editor_places(text, source, problems)
        line = text.count("\n", 0, _ODD_BREAKS.search(text).start()) + 1
        problems.append(Problem(file, line, 1, "this line holds an invisible line-break "
                                "character (pasted from a word processor or a PDF) that YAML "
                                "reads as a new line but your editor may not show; retype "
                                "the line", severity=Severity.warning))
    return data, source, problems


def _load(text: str, file: str) -> tuple[Any, SourceMap, list[Problem]]:
    loaders = ([yaml.CSafeLoader] if getattr(yaml, "__with_libyaml__", False) else []) \
        + [yaml.SafeLoader]
    for loader in loaders:
        source = SourceMap(file)
        try:
            data, problems = EventWalker(loader(text), source).document()
        except TooLarge as error:
            return None, SourceMap(file), [Problem(file, *error.place, str(error))]
        except yaml.YAMLError as error:
            if loader is yaml.SafeLoader:
                return None, SourceMap(file), [_syntax_problem(error, file, text)]
            continue  # the reference parser says it better (or accepts it)
        except RecursionError:
            return None, SourceMap(file), [Problem(file, 1, 1, TOO_DEEP)]
        if data is None and not problems:
            problems = [Problem(file, 1, 1, EMPTY)]
        return data, source, problems
    raise AssertionError("unreachable")  # pragma: no cover


#: Line breaks to YAML but not to text editors (NEL, LINE and PARAGRAPH SEPARATOR).
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAKS = re.compile("\r\n|[\r\n]")


def _to_editor_places(text: str, source: SourceMap, problems: list[Problem]) -> None:
    """Turn YAML's (line, col) into an editor's, where they differ (rare: see _ODD_BREAKS)."""
    yaml_starts = [0] + [m.end() for m in _YAML_BREAKS.finditer(text)]
    editor_starts = [0] + [m.end() for m in _EDITOR_BREAKS.finditer(text)]

    def convert(place: tuple[int, int]) -> tuple[int, int]:
        line, col = place
        index = yaml_starts[min(line, len(yaml_starts)) - 1] + col - 1
        row = bisect.bisect_right(editor_starts, index)
        return row, index - editor_starts[row - 1] + 1

    for table in (source.values, source.keys):
        for path, place in table.items():
            table[path] = convert(place)
    problems[:] = [dataclasses.replace(p, line=convert((p.line, p.col))[0],
                                       col=convert((p.line, p.col))[1]) for p in problems]
