"""Reads YAML safely while remembering where every value stands in the file.

PyYAML's safe loader builds no Python objects beyond plain data, but it forgets line
numbers and silently keeps the last of two equal keys. Here the parser's event stream is
walked by hand so that each value's place is kept (for messages like ``stops.yaml:12:5``)
and a repeated key is reported instead of hidden.

Speed: the events come from libyaml (PyYAML's C parser) when it is there; building
PyYAML's node tree costs four times as much as the events, and a 1,000-stop tour must
load in a fraction of a second. Values are typed exactly as PyYAML's SafeLoader types
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
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from .errors import Problem, Severity

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
            data, problems = _Walker(loader(text), source).document()
        except _TooLarge as error:
            return None, SourceMap(file), [Problem(file, *error.place, str(error))]
        except yaml.YAMLError as error:
            if loader is yaml.SafeLoader:
                return None, SourceMap(file), [_syntax_problem(error, file, text)]
            continue  # the reference parser says it better (or accepts it)
        except RecursionError:
            return None, SourceMap(file), [Problem(file, 1, 1, _TOO_DEEP)]
        if data is None and not problems:
            problems = [Problem(file, 1, 1, _EMPTY)]
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


#: Anchors let a tiny file expand into billions of values; no real tour has this many.
_MAX_NODES = 600_000  # some 18,000 stops: far more than a keypad of 1-9999 needs
_MAX_DEPTH = 50
_TOO_DEEP = ("the file nests lists and groups far too deeply; a tour needs only a few "
             "levels: check the brackets and indentation")
_EMPTY = "the file is empty; it should describe the museum and its stops (see the staff guide)"
_TOO_LARGE = ("the file repeats itself through anchors (&name / *name) far too much; "
              "write the values out")

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
#: Plain data only: anything tagged otherwise (!!python/object...) is refused, not built.
_PLAIN_TAGS = {_TAG + name for name in
               ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}
_LEADING_ZERO = re.compile(r"^0[0-7_]+$")


class _TooLarge(Exception):
    """The file is too large or too deep to read; ``place`` is (line, column) of the cause."""

    def __init__(self, message: str, place: tuple[int, int] = (1, 1)):
        super().__init__(message)
        self.place = place


_REPLAYED = object()


class _Walker:
    """Builds plain data from a parser's events, noting every value's place on the way."""

    def __init__(self, parser, source: SourceMap):
        self.next = parser.get_event
        self.source = source
        self.file = source.file
        self.problems: list[Problem] = []
        self.budget = _MAX_NODES
        #: anchor -> the events of its value, to replay where a *alias names it.
        self.anchors: dict[str, list] = {}
        self.recording: list[tuple[str, list]] = []
        #: Events still to replay (a stack: last first); _REPLAYED marks an alias's end.
        self.replay: list = []
        self.replaying = 0
        #: Places of the *aliases being expanded, outermost first.
        self.aliases: list[tuple[int, int]] = []
        self.constructor = yaml.SafeLoader("")
        self.resolvers = yaml.SafeLoader.yaml_implicit_resolvers
        self.wildcard = list(self.resolvers.get(None, ()))  # none in SafeLoader today
        #: The next event: straight from the parser, except while an anchor's value is
        #: recorded or an alias's replayed (then _slow_event).
        self._event = self.next

    def _slow_event(self):
        while self.replay:
            event = self.replay.pop()
            if event is not _REPLAYED:
                return event  # an alias's copy: its anchor's recording already has it
            self.replaying -= 1
        event = self.next()
        for _, events in self.recording:
            events.append(event)
        if not self.recording:
            self._event = self.next
        return event

    def document(self) -> tuple[Any, list[Problem]]:
        event = self._event()  # StreamStart
        event = self._event()
        if isinstance(event, StreamEndEvent) or event is None:
            return None, [Problem(self.file, 1, 1, _EMPTY)]
        data = self._value(self._event(), ())
        self._event()  # DocumentEnd
        event = self._event()
        if isinstance(event, DocumentStartEvent):
            mark = event.start_mark
            self.problems.append(Problem(
                self.file, mark.line + 1, mark.column + 1,
                "a second YAML document starts here (a line with only '---'); the tour "
                "must be one document: remove this line and join the parts"))
        return data, self.problems

    @staticmethod
    def _place(event) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def _value(self, event, path: Path) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge(_TOO_LARGE, self._blame(event))
        if len(path) > _MAX_DEPTH:
            raise _TooLarge(_TOO_DEEP, self._blame(event))
        if type(event) is AliasEvent:
            return self._alias(event, path)
        mark = event.start_mark
        place = self.source.values[path] = (mark.line + 1, mark.column + 1)
        anchor = None if self.replaying else event.anchor
        if anchor is not None:
            self.recording.append((anchor, [event]))
            self._event = self._slow_event
        try:
            kind = type(event)
            if kind is ScalarEvent:
                value = self._scalar(event, path, place)
            elif kind is MappingStartEvent:
                value = self._mapping(event, path, place)
            else:  # SequenceStartEvent
                value = self._sequence(event, path, place)
        finally:
            if anchor is not None:
                self.anchors[anchor] = self.recording.pop()[1]
                if not self.recording and not self.replay:
                    self._event = self.next
        return value

    def _alias(self, event, path: Path) -> Any:
        events = self.anchors.get(event.anchor)
        if events is None:
            place = self._place(event)
            self.source.values[path] = place
            self.source.unreadable.add(path)
            if any(name == event.anchor for name, _ in self.recording):
                message = (f"*{event.anchor} refers to the value it stands in (&{event.anchor} "
                           "above contains it); write the value out instead")
            else:
                message = (f"*{event.anchor} refers to &{event.anchor}, which is not defined "
                           "above it; write the value out instead")
            self.problems.append(Problem(self.file, *place, message))
            return None
        self.replay.append(_REPLAYED)
        self.replay.extend(reversed(events[1:]))
        self.replaying += 1
        self._event = self._slow_event
        self.aliases.append(self._place(event))
        try:
            return self._value(events[0], path)
        finally:
            self.aliases.pop()

    def _blame(self, event) -> tuple[int, int]:
        """Where a value that is too large or too deep is written: the outermost *alias
        being expanded, else the value itself."""
        return self.aliases[0] if self.aliases else self._place(event)

    def _refuse_tag(self, event, path: Path, place) -> None:
        tag = str(event.tag).replace(_TAG, "!!", 1)
        self.problems.append(Problem(self.file, *place, f"the tag '{tag}' is not allowed "
                                     "here; remove it, and write plain text, numbers and lists"))
        self.source.unreadable.add(path)

    def _skip(self, event) -> None:
        """Consume the rest of a mapping or sequence whose start is ``event``."""
        depth = 0 if isinstance(event, (ScalarEvent, AliasEvent)) else 1
        while depth:
            event = self._event()
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1

    def _scalar(self, event, path: Path, place) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value  # quoted: always text
            tag = _STR
            # As PyYAML's resolver: the resolvers for the first character, then any others.
            candidates = self.resolvers.get(value[0] if value else "", ())
            if self.wildcard:
                candidates = list(candidates) + self.wildcard
            for candidate, regexp in candidates:
                if regexp.match(value):
                    tag = candidate
                    break
            if tag == _STR:
                return value
            if tag == _TAG + "int" and _LEADING_ZERO.match(value) and len(value) > 1:
                self.problems.append(Problem(
                    self.file, *place, f"{value} starts with 0, so YAML reads it as a "
                    f"different number ({int(value.replace('_', ''), 8)}); write it without "
                    f"the leading 0, or in quotes if it is text"))
                self.source.unreadable.add(path)
        elif tag == _STR:
            return value
        if tag not in _PLAIN_TAGS:
            self._refuse_tag(event, path, place)
            return None
        try:
            return self.constructor.yaml_constructors[tag](
                self.constructor, ScalarNode(tag, value, event.start_mark, event.end_mark))
        except Exception:  # e.g. !!int abc, !!timestamp tomorrow
            mark = "!!" + tag[len(_TAG):]
            self.problems.append(Problem(self.file, *place, f"'{value}' is marked {mark} but "
                                         f"is not one; remove the {mark}, or fix the value"))
            self.source.unreadable.add(path)
            return None

    def _mapping(self, event, path: Path, place) -> Any:
        refused = event.tag not in (None, "!", _MAP)
        if refused:
            self._refuse_tag(event, path, place)
        result: dict[Any, Any] = {}
        keys = self.source.keys
        while True:
            key_event = self._event()
            kind = type(key_event)
            if kind is MappingEndEvent:
                return None if refused else result
            mark = key_event.start_mark
            key_place = (mark.line + 1, mark.column + 1)
            if kind is not ScalarEvent:
                if kind is not AliasEvent:
                    self._skip(key_event)
                self.problems.append(Problem(self.file, *key_place, "a key here is not a "
                                             "plain word; write keys as words"))
                self._skip(self._event())
                continue
            if key_event.value == "<<" and key_event.implicit[0] and key_event.tag is None:
                self.problems.append(Problem(self.file, *key_place, "merge keys (<<) are "
                                             "not supported; write the values out"))
                self._skip(self._event())
                continue
            key = self._scalar(key_event, path + ("<key>",), key_place)
            if key.__class__ is not str and not isinstance(key, (int, float, bool)) \
                    and key is not None:
                key = str(key)
            where = path + (key,)
            if key in result:
                self.problems.append(Problem(
                    self.file, *key_place, _twice(key, path, keys[where][0])))
                self._skip(self._event())
                continue
            keys[where] = key_place
            result[key] = self._value(self._event(), where)

    def _sequence(self, event, path: Path, place) -> Any:
        refused = event.tag not in (None, "!", _SEQ)
        if refused:
            self._refuse_tag(event, path, place)
        result = []
        while True:
            item = self._event()
            if type(item) is SequenceEndEvent:
                return None if refused else result
            result.append(self._value(item, path + (len(result),)))


def _twice(key: Any, path: Path, first_line: int) -> str:
    message = f"'{key}' is given twice here (first on line {first_line}); keep only one"
    if len(path) == 2 and path[0] == "stops" and key == "id":
        message += (". If a new stop begins here, start its first line with '- ' "
                    "(a dash and a space), like the stops above")
    return message
