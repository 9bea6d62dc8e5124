"""Pydantic's validation errors put into the words of someone who edits stops.yaml.

Each error becomes one problem at its place: what is wrong and what to do, with an
example of the field written right, a did-you-mean for a misspelt key or language code,
and the bounds the model sets for a number. A misspelt key is said once (as unknown),
not also as the missing key it was meant to be.
"""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .model import INTERFACE_LANGUAGES, StopKind, TourFile
from .yaml_source import SourceMap

#: How each field is written, for "add it, for example ...".
_EXAMPLES = {
    "museum": "museum: (the museum's name, languages and default_language, indented under it)",
    "stops": "stops: (then each stop, starting with '- id:')",
    "name": "name: {kk: ..., ru: ..., en: ...}",
    "languages": "languages: [kk, ru, en]",
    "default_language": "default_language: kk",
    "id": "id: arch-of-sorrow",
    "number": "number: 102",
    "kind": "kind: monument",
    "title": "title: {kk: ..., ru: ..., en: ...}",
    "text": "text: {kk: ..., ru: ..., en: ...}",
    "images": "images: (then a line '- file: assets/images/arch-of-sorrow-1.jpg')",
    "file": "file: assets/images/arch-of-sorrow-1.jpg",
    "audio": "audio: assets/audio/en/arch-of-sorrow.ogg",
    "captions": "captions: assets/audio/en/arch-of-sorrow.vtt",
    "caption": "caption: {kk: ..., ru: ..., en: ...}",
    "narration": "narration: (then a line per language, like "
                 "'en: {audio: assets/audio/en/arch-of-sorrow.ogg}')",
    "description": "description: (then a line per language, like "
                   "'en: {audio: assets/audio/en/arch-of-sorrow-description.ogg}')",
    "content_note": "content_note: {kk: ..., ru: ..., en: ...}",
    "kiosk": "kiosk: {idle_timeout: 90, countdown: 20}",
    "at": "at: 12.5",
    "idle_timeout": "idle_timeout: 90",
    "countdown": "countdown: 20",
    "default_volume": "default_volume: 0.7",
    "max_volume": "max_volume: 1.0",
}

#: The parts of a stop that are recordings, one per language.
RECORDED = ("narration", "description")

_LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}


def _field_of(loc: tuple) -> str:
    return next((str(part) for part in reversed(loc)
                 if isinstance(part, str) and part != "[key]"), "value")


def _subject(loc: tuple) -> str:
    """``loc`` as words: 'the title in kk', 'the caption of picture 2 in en', "'number'"."""
    if len(loc) >= 2 and isinstance(loc[-1], str) and loc[-1] in _LANGUAGE_NAMES \
            and isinstance(loc[-2], str) and loc[-2] in ("title", "text", "name", "subtitle",
                                                       "caption", "content_note"):
        what = "the museum's name" if loc[-2] == "name" else f"the {loc[-2].replace('_', ' ')}"
        if loc[-2] == "caption" and len(loc) >= 3 and isinstance(loc[-3], int):
            what = f"the caption of picture {loc[-3] + 1}"
        return f"{what} in {loc[-1]}"
    if len(loc) >= 2 and loc[-2] in RECORDED and isinstance(loc[-1], str):
        return f"the {loc[-1]} {loc[-2]}"
    return f"'{_field_of(loc)}'"


def _example(field_name: str, loc: tuple = ()) -> str:
    example = _EXAMPLES.get(field_name)
    if len(loc) >= 2 and loc[-2] in RECORDED and isinstance(loc[-1], str):
        code, ending = loc[-1], "" if loc[-2] == "narration" else "-description"
        example = (f"{code}: {{audio: assets/audio/{code}/arch-of-sorrow{ending}.ogg, "
                   f"captions: assets/audio/{code}/arch-of-sorrow{ending}.vtt}}")
    return f", like  {example}" if example else ""


def explain_all(errors: list[dict[str, Any]], source: SourceMap) -> list[Problem]:
    """Every pydantic error as a problem at its place, in staff's words."""
    errors = [e for e in errors if not source.is_unreadable(tuple(e["loc"]))]
    # A misspelt key is reported once, as unknown with a did-you-mean: the "missing" error
    # for the key it was meant to be would only repeat it.
    meant = set()
    for e in errors:
        if e["type"] == "extra_forbidden":
            loc = tuple(e["loc"])
            close = difflib.get_close_matches(_field_of(loc), _known_fields(loc[:-1]), n=1,
                                              cutoff=0.5)
            if close:
                meant.add(loc[:-1] + (close[0],))
    problems = []
    for e in errors:
        if e["type"] == "missing" and tuple(e["loc"]) in meant:
            continue
        problems += _explain(e, source)
    return problems


def _explain(error: dict[str, Any], source: SourceMap) -> list[Problem]:
    """A pydantic error in the words of someone who edits the file."""
    loc = tuple(error["loc"])
    where = loc
    message = _message(error, loc)
    if isinstance(message, tuple):
        where, message = message
    on_key = error["type"] == "extra_forbidden" or loc[-1:] == ("[key]",)
    return [source.problem(where, message, prefer_key=on_key)]


def _message(error: dict[str, Any], loc: tuple) -> str | tuple[tuple, str]:
    """What is wrong and what to do; with the place too when it is not ``loc``."""
    kind = error["type"]
    value = error.get("input")
    field_name = _field_of(loc)
    subject = _subject(loc)
    if loc and loc[-1] == "[key]":  # a key of a {language: text} table
        close = difflib.get_close_matches(str(value), INTERFACE_LANGUAGES, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return loc[:-1], f"'{value}' is not a language code; {hint}use kk, ru or en"
    if kind == "missing":
        return loc[:-1] + ("",), (f"'{field_name}' is missing from {_owner(loc[:-1])}; add it"
                                  + _example(field_name))
    if kind == "extra_forbidden":
        known = _known_fields(loc[:-1])
        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else \
            f"the keys allowed here are: {', '.join(known)}"
        return f"unknown key '{field_name}'; {hint}"
    if kind == "enum":
        kinds = [k.value for k in StopKind]
        close = difflib.get_close_matches(str(value), kinds, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"'{value}' is not a kind of stop; {hint}use one of: {', '.join(kinds)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (f"{subject} must be a whole number{_was(value)}; write it in digits"
                + _like(field_name))
    if kind in ("float_type", "float_parsing"):
        return f"{subject} must be a number{_was(value)}; write it in digits" + _like(field_name)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{subject} is {value}, but it must be {_bounds(loc)}; change it"
    if kind == "string_pattern_mismatch" and field_name == "id":
        slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
        like = f"'{slug}'" if slug else "'arch-of-sorrow'"
        return (f"the stop id '{value}' may use only lower-case letters, digits and dashes; "
                f"write it like {like}")
    if kind == "string_pattern_mismatch":
        close = difflib.get_close_matches(str(value), INTERFACE_LANGUAGES, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"'{value}' is not a language code; {hint}use kk, ru or en"
    if kind == "string_too_short" or (kind == "string_type" and value is None):
        return f"{subject} is empty; write it, or remove the line"
    if kind == "too_short":
        return _too_short(field_name)
    if kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length", 0)
        return (f"{subject} is {len(str(value)):,} characters long, more than the {limit:,} "
                f"it may have; shorten it (was a whole document pasted here by mistake?)")
    if kind == "too_long" and field_name == "stops":
        limit = (error.get("ctx") or {}).get("max_length", 0)
        return (f"the tour has {len(value):,} stops, more than the {limit:,} the kiosk "
                "takes; split it, or remove stops that were pasted twice")
    if kind in ("dict_type", "model_type", "model_attributes_type", "list_type"):
        shape = ("a list, one '- ' item per entry" if kind == "list_type"
                 else "a set of 'key: value' lines, indented under it")
        if value is None and field_name == "stops":
            return _too_short("stops")
        if value is None:
            return f"{subject} has nothing under it; write {shape}" + _example(field_name, loc)
        return f"{subject} should be {shape}; write it" + (_example(field_name, loc) or " so")
    if kind == "string_type" and isinstance(value, bool):
        return (f"{subject} is read as {str(value).lower()} (YAML takes yes, no, on, off, true "
                "and false as true or false); put the text in quotes")
    if kind == "string_type":
        return f"{subject} should be text; put it in quotes if it looks like a number or a date"
    if kind in ("bool_type", "bool_parsing"):
        return f"{subject} can only be true or false{_was(value)}; write one of them"
    message = str(error.get("msg", "is not valid"))
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if field_name == "languages" and isinstance(value, list):  # Museum's own check
        unknown = [i for i, code in enumerate(value) if code not in INTERFACE_LANGUAGES]
        if unknown:
            code = value[unknown[0]]
            return loc + (unknown[0],), (f"the kiosk cannot offer the language '{code}'; use "
                                         "only kk, ru and en")
        return message
    first = message.split(" ", 1)[0]
    model = _model_at(loc)
    if model is not None and first in model.model_fields:  # a check across fields
        return loc + (first,), message
    return f"{subject}: {message}; see the staff guide"


def _owner(loc: tuple) -> str:
    if not loc:
        return "the file"
    if loc == ("museum",):
        return "the museum section"
    if len(loc) == 2 and loc[0] == "stops":
        return "this stop"
    if len(loc) >= 2 and loc[-2] == "images":
        return f"picture {loc[-1] + 1}" if isinstance(loc[-1], int) else "this picture"
    if len(loc) >= 2 and loc[-2] in RECORDED:
        return f"the {loc[-1]} {loc[-2]}"
    return f"'{_field_of(loc)}'"


def _like(field_name: str) -> str:
    example = _EXAMPLES.get(field_name)
    return f", like {example.split(': ', 1)[1]}" if example else ""


def _was(value: Any) -> str:
    return "" if value is None else f" (it is '{value}')"


def _too_short(field_name: str) -> str:
    if field_name == "images":
        return ("this stop has no pictures; every stop needs at least one: add a line "
                "'- file: assets/images/...' under images:")
    if field_name == "stops":
        return ("the tour has no stops; add at least one under stops:, starting with "
                "'- id:' (see the staff guide)")
    if field_name == "languages":
        return "the museum offers no languages; list them, like  languages: [kk, ru, en]"
    if field_name in ("title", "name"):
        what = "the museum's name" if field_name == "name" else "the title"
        return (f"{what} is empty; write it in each language, like  "
                f"{field_name}: {{kk: ..., ru: ..., en: ...}}")
    return f"'{field_name}' needs at least one entry"


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model whose fields are allowed at ``loc`` (None inside plain tables)."""
    model = _walk_model(loc)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _walk_model(loc: tuple) -> Any:
    model: Any = TourFile
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(model, _PerKey):
            model = model.model
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) \
                or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(annotation: Any) -> Any:
    """list[Stop] -> Stop; dict[str, Narration] -> {"*": Narration}-like; X | None -> X."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is dict:
        return _PerKey(_inner_model(args[-1]))
    return _inner_model(args[-1]) if args else None


class _PerKey:
    """A {key: model} table: any key leads to the model."""

    def __init__(self, model: Any):
        self.model = model


def _known_fields(loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` in the model, for a did-you-mean."""
    model = _walk_model(loc)
    if isinstance(model, _PerKey):
        return list(INTERFACE_LANGUAGES)
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def _bounds(loc: tuple) -> str:
    """'between 1 and 9999', '0 or more'... from the field's constraints in the model."""
    model = _model_at(loc[:-1])
    info = model.model_fields.get(loc[-1]) if model is not None else None
    low = high = None
    low_open = high_open = False
    for rule in (info.metadata if info else []):
        if getattr(rule, "ge", None) is not None:
            low = rule.ge
        if getattr(rule, "gt", None) is not None:
            low, low_open = rule.gt, True
        if getattr(rule, "le", None) is not None:
            high = rule.le
        if getattr(rule, "lt", None) is not None:
            high, high_open = rule.lt, True
    if low is not None and high is not None:
        return f"between {low} and {high}" + (f" (and more than {low})" if low_open else "")
    if low is not None:
        return f"more than {low}" if low_open else f"{low} or more"
    if high is not None:
        return f"less than {high}" if high_open else f"{high} or less"
    return "within its allowed range"
