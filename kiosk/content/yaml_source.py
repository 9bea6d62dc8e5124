"""Reads YAML safely while remembering where every value stands in the file.

PyYAML's safe loader builds no Python objects beyond plain data, but it forgets line
numbers and silently keeps the last of two equal keys. Here the node tree is walked by
hand so that each value's place is kept (for messages like ``stops.yaml:12:5``) and a
repeated key is reported instead of hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

Path = tuple[Any, ...]

_SYNTAX_HINTS = (
    ("'\\t'", "use spaces, not tabs, to indent"),
    ("found unexpected end of stream", "a quote is not closed; add the closing quote"),
    ("while scanning a quoted scalar", "a quote is not closed; add the closing quote"),
    ("expected ',' or ']'", "a list in [ ] is not closed; add the missing ]"),
    ("expected ',' or '}'", "a mapping in { } is not closed; add the missing }"),
    ("mapping values are not allowed here", "check the indentation and that a value with a "
     "colon in it is in quotes"),
    ("did not find expected key", "check the indentation of this line and the one above"),
    ("did not find expected '-' indicator", "check the indentation of this list item"),
    ("could not find expected ':'", "a key is missing its colon, or a quote is not closed"),
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


def _hint(error: yaml.MarkedYAMLError) -> str:
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return hint
    return "check the punctuation and indentation around this place"


def load_yaml(text: str, file: str) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse ``text``; returns (data, source map, problems). Never raises on bad input."""
    source = SourceMap(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (error.problem or "the file could not be read").rstrip(".")
        return None, source, [Problem(file, line, col,
                                      f"the YAML is not well formed ({what}); {_hint(error)}")]
    except yaml.YAMLError as error:  # e.g. a stream that is not text
        return None, source, [Problem(file, 1, 1, f"the file could not be read as YAML: {error}")]
    if node is None:
        return None, source, [Problem(file, 1, 1, "the file is empty; it should describe "
                                      "the museum and its stops")]
    problems: list[Problem] = []
    try:
        data = _walk(node, (), source, problems, yaml.SafeLoader(""), [_MAX_NODES])
    except _TooLarge:
        return None, source, [Problem(file, 1, 1, "the file repeats itself through anchors "
                                      "(&name / *name) far too much; write the values out")]
    return data, source, problems


#: Anchors let a tiny file expand into billions of values; no real tour needs this many.
_MAX_NODES = 2_000_000


#: Plain data only: anything tagged otherwise (!!python/object...) is refused, not built.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}


class _TooLarge(Exception):
    pass


def _walk(node, path: Path, source: SourceMap, problems: list[Problem], constructor,
          budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or len(path) > 50:
        raise _TooLarge
    source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(source.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                f"the tag '{node.tag}' is not allowed; write plain text, "
                                "numbers and lists"))
        source.unreadable.add(path)
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(source.file, key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1,
                                        "a key here is not a plain word; write keys as words"))
                continue
            key = constructor.construct_object(key_node)
            if key == "<<":
                problems.append(Problem(source.file, key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1,
                                        "merge keys (<<) are not supported; write the values out"))
                continue
            key_place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = source.keys[path + (key,)]
                problems.append(Problem(source.file, *key_place,
                                        f"'{key}' is given twice here (first on line {first[0]}); "
                                        "keep only one"))
                continue
            source.keys[path + (key,)] = key_place
            result[key] = _walk(value_node, path + (key,), source, problems, constructor,
                                budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, path + (index,), source, problems, constructor, budget)
                for index, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node)
    except yaml.YAMLError as error:
        problems.append(Problem(source.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                f"this value cannot be read ({getattr(error, 'problem', error)})"))
        source.unreadable.add(path)
        return None
