"""Plain data from PyYAML's event stream, with the place of every value kept.

Used by ``yaml_source.load_yaml`` (which picks the parser and turns syntax errors into
staff's words). Values are typed exactly as PyYAML's SafeLoader types them, using its own
resolvers and constructors; anything tagged other than plain data is refused, a repeated key
is reported, and anchors cannot blow a small file up into a huge one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from .errors import Problem

if TYPE_CHECKING:
    from .yaml_source import SourceMap

Path = tuple[Any, ...]

#: Anchors let a tiny file expand into billions of values; no real tour has this many.
_MAX_NODES = 600_000  # some 18,000 stops: far more than a keypad of 1-9999 needs
_MAX_DEPTH = 50
TOO_DEEP = ("the file nests lists and groups far too deeply; a tour needs only a few "
            "levels: check the brackets and indentation")
EMPTY = "the file is empty; it should describe the museum and its stops (see the staff guide)"
_TOO_LARGE = ("the file repeats itself through anchors (&name / *name) far too much; "
              "write the values out")

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
#: Plain data only: anything tagged otherwise (!!python/object...) is refused, not built.
_PLAIN_TAGS = {_TAG + name for name in
               ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}
_LEADING_ZERO = re.compile(r"^0[0-7_]+$")


class TooLarge(Exception):
    """The file is too large or too deep to read; ``place`` is (line, column) of the cause."""

    def __init__(self, message: str, place: tuple[int, int] = (1, 1)):
        super().__init__(message)
        self.place = place


_REPLAYED = object()


class EventWalker:
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
            return None, [Problem(self.file, 1, 1, EMPTY)]
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
            raise TooLarge(_TOO_LARGE, self._blame(event))
        if len(path) > _MAX_DEPTH:
            raise TooLarge(TOO_DEEP, self._blame(event))
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
