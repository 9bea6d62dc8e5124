"""Turns stops.yaml into a Tour, or one ContentError that names every problem and place.

What the loader checks is cheap and is what the kiosk itself needs at every start: the
YAML, the shape of every value (against the model), stop ids and numbers used twice, and
that every file named exists inside the content folder. It never opens a recording or a
picture: decoding them is ``kiosk.content.media_checks``' job, run by ``main.py check``.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import formats, limits
from .errors import ContentError, Problem, Severity
from ..files import FileTooLarge, NotAFile, read_regular_file
from .model import INTERFACE_LANGUAGES, Museum, StopKind, Stop, TourFile
from .tour import Tour
from .yaml_source import SourceMap, load_yaml

TOUR_FILE = "stops.yaml"


@dataclass
class Examined:
    """All that reading stops.yaml found, for the kiosk and for ``check``."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    #: The tour, when the file has no error.
    tour: Tour | None = None
    #: The museum section when it is valid by itself (even if some stops are not).
    museum: Museum | None = None
    #: Every stop that is valid by itself, with its index in the file.
    stops: list[tuple[int, Stop]] = field(default_factory=list)
    source: SourceMap | None = None
    #: Each file path written in stops.yaml that names a file inside the content folder,
    #: and where that file really is (an absolute path, as text: cheaper than Path).
    files: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]


def load_tour(content_dir: str | Path, check_files: bool = True) -> Tour:
    """Load the tour in ``content_dir``; raise ContentError listing every problem found."""
    tour, problems = read_tour(content_dir, check_files=check_files)
    errors = [p for p in problems if p.severity is Severity.error]
    if errors or tour is None:
        raise ContentError(problems)
    return tour


def read_tour(content_dir: str | Path, check_files: bool = True) -> tuple[Tour | None, list[Problem]]:
    """Load what can be loaded; returns the tour (None if unusable) and all problems."""
    found = examine(content_dir, check_files=check_files)
    return found.tour, found.problems


def examine(content_dir: str | Path, check_files: bool = True) -> Examined:
    """Read and validate stops.yaml in ``content_dir``. Never raises on bad content."""
    root = Path(os.path.realpath(content_dir))
    path = root / TOUR_FILE
    try:
        raw = read_regular_file(path, limits.TOUR_FILE_BYTES)
    except FileNotFoundError:
        return Examined(root, [Problem(TOUR_FILE, 1, 1, f"there is no {TOUR_FILE} in {root}; "
                                       "create it or point --content at the folder that has it")])
    except NotAFile as error:
        return Examined(root, [Problem(TOUR_FILE, 1, 1, f"{TOUR_FILE} is {error.kind}, not an "
                                       "ordinary file; put the tour's own file in its place")])
    except FileTooLarge as error:
        return Examined(root, [Problem(
            TOUR_FILE, 1, 1, f"{TOUR_FILE} is {limits.megabytes(error.size)}, more than the "
            f"{limits.megabytes(error.limit)} a tour may be; something large was pasted into "
            "it by mistake: find it, or go back to the last copy that worked")])
    except OSError as error:
        return Examined(root, [Problem(TOUR_FILE, 1, 1, f"{TOUR_FILE} cannot be opened "
                                       f"({error.strerror}); check its permissions")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Examined(root, [Problem(TOUR_FILE, line, 1, "this line is not UTF-8 text; save "
                                       "the file as UTF-8 in your editor")])
    return examine_text(text, root, check_files=check_files)


def parse_tour(text: str, root: Path, check_files: bool = True) -> tuple[Tour | None, list[Problem]]:
    found = examine_text(text, root, check_files=check_files)
    return found.tour, found.problems


def examine_text(text: str, root: Path, check_files: bool = True) -> Examined:
    found = Examined(Path(root))
    data, source, problems = load_yaml(text, TOUR_FILE)
    found.source, found.problems = source, problems
    if data is None:
        return found
    if not isinstance(data, dict):
        problems.append(source.problem((), "the file should start with 'museum:' and "
                                       "'stops:'; see the staff guide for an example"))
        return found
    model = None
    try:
        model = TourFile.model_validate(data)
    except ValidationError as error:
        problems += _explain_all(error.errors(), source)
        found.museum, found.stops = _valid_parts(data)
    else:
        found.museum, found.stops = model.museum, list(enumerate(model.stops))
    problems += _cross_checks(data.get("stops"), source)
    if model is not None and all(stop.hidden for stop in model.stops):
        problems.append(source.problem(
            ("stops",), "every stop is hidden (hidden: true), so visitors would find nothing; "
            "show at least one stop by removing its 'hidden: true' line", prefer_key=True))
    if check_files:
        problems += _file_checks(found, source, Path(root))
    if model is not None and not any(p.severity is Severity.error for p in problems):
        found.tour = Tour.from_model(model, Path(root))
    return found


def _valid_parts(data: dict) -> tuple[Museum | None, list[tuple[int, Stop]]]:
    """The museum and the stops that are valid by themselves, when the whole file is not."""
    museum = None
    try:
        museum = Museum.model_validate(data.get("museum"))
    except ValidationError:
        pass
    stops = []
    raw_stops = data.get("stops")
    for index, raw in enumerate(raw_stops if isinstance(raw_stops, list) else []):
        try:
            stops.append((index, Stop.model_validate(raw)))
        except ValidationError:
            pass
    return museum, stops


def _cross_checks(stops: Any, source: SourceMap) -> list[Problem]:
    """Stop ids and numbers used twice, among all stops (also those with other mistakes)."""
    problems = []
    seen: dict[str, dict] = {"id": {}, "number": {}}
    for index, stop in enumerate(stops if isinstance(stops, list) else []):
        if not isinstance(stop, dict):
            continue
        for key in ("id", "number"):
            value = stop.get(key)
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                continue
            if value in seen[key]:
                first_line = source.place(("stops", seen[key][value], key))[0]
                shown = f"'{value}'" if key == "id" else value
                problems.append(source.problem(
                    ("stops", index, key),
                    f"stop {key} {shown} is used twice (also on line {first_line}); "
                    f"give each stop its own {key}"))
            else:
                seen[key][value] = index
    return problems


# ------------------------------------------------------------------- files


def _file_checks(found: Examined, source: SourceMap, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    real_root = os.path.realpath(root)
    folders: dict[str, str] = {}
    for index, stop in found.stops:
        paths = [(getattr(narration, key), ("stops", index, "narration", language, key))
                 for language, narration in stop.narration.items()
                 for key in ("audio", "captions")]
        paths += [(picture.file, ("stops", index, "images", n, "file"))
                  for n, picture in enumerate(stop.images)]
        for rel, where in paths:
            if rel is None:
                continue
            target, problem = _check_path(rel, where, source, real_root, folders)
            if problem:
                problems.append(problem)
            else:
                found.files[rel] = target
    return problems


def _check_path(rel: str, where, source: SourceMap, root: str,
                folders: dict[str, str]) -> tuple[str | None, Problem | None]:
    """Where ``rel`` really is, or the problem with it. One system call per file, mostly."""
    if os.path.isabs(rel) or rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", rel):
        return None, source.problem(where, f"'{rel}' is an absolute path; write it relative to "
                                    "the content folder, for example assets/images/photo.jpg")
    parts = rel.split("/")
    norm = os.path.normpath(rel) if "" in parts or "." in parts or ".." in parts else rel
    if norm == ".." or norm.startswith("../"):
        return None, source.problem(where, f"'{rel}' points outside the content folder; keep "
                                    "every file inside it, under assets/")
    folder, _, name = norm.rpartition("/")
    real_folder = folders.get(folder)
    if real_folder is None:
        real_folder = folders[folder] = os.path.realpath(os.path.join(root, folder))
    if not _inside(real_folder, root):
        return None, source.problem(where, f"the folder of '{rel}' is a link to a place outside "
                                    "the content folder; put the files themselves in assets/")
    full = os.path.join(real_folder, name)
    try:
        info = os.lstat(full)
        if stat.S_ISLNK(info.st_mode):
            full = os.path.realpath(full)
            if not _inside(full, root):
                return None, source.problem(
                    where, f"'{rel}' is a link to a file outside the content folder ({full}); "
                    "copy the file itself into assets/ instead of linking to it")
            info = os.stat(full)
    except (FileNotFoundError, NotADirectoryError):
        return None, _missing(rel, where, source, root)
    except OSError as error:
        return None, source.problem(where, f"'{rel}' cannot be read ({error.strerror}); check "
                                    "the file's permissions")
    if stat.S_ISDIR(info.st_mode):
        return None, source.problem(where, f"'{rel}' is a folder, not a file; write the name "
                                    "of the file inside it")
    if not stat.S_ISREG(info.st_mode):
        return None, source.problem(where, f"'{rel}' is not an ordinary file; copy the real "
                                    "file there")
    return full, None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _missing(rel: str, where, source: SourceMap, root: str) -> Problem:
    if "\\" in rel:
        return source.problem(where, f"the file '{rel}' does not exist; write paths with / "
                              f"(not \\), like '{rel.replace(chr(92), '/')}'")
    hint = _near_file(Path(root), rel, formats.BY_KEY.get(str(where[-1]), ()))
    return source.problem(where, f"the file '{rel}' does not exist; " + (
        f"did you mean '{hint}'?" if hint else
        "check the name, or copy the file into the content folder"))


def _near_file(root: Path, rel: str, endings: tuple[str, ...] = ()) -> str | None:
    """The existing file whose path is closest to ``rel``, one folder at a time; with
    ``endings``, only a file of that kind (a recording is never offered its captions)."""
    here, found = root, []
    parts = [p for p in Path(os.path.normpath(rel)).parts if p not in ("", ".")]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        try:
            names = [e.name for e in os.scandir(here) if (e.is_file() if last else e.is_dir())]
            if last and endings:
                names = [name for name in names if name.lower().endswith(endings)]
        except OSError:
            return None
        if part in names:
            match = part
        else:
            folded = {n.casefold(): n for n in names}
            match = folded.get(part.casefold())
            if match is None:
                close = difflib.get_close_matches(part, names, n=1, cutoff=0.6)
                if not close:
                    return None
                match = close[0]
        found.append(match)
        here = here / match
    suggestion = "/".join(found)
    return suggestion if suggestion != rel else None


# ------------------------------------------------ pydantic, in staff words

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
    "content_note": "content_note: {kk: ..., ru: ..., en: ...}",
    "kiosk": "kiosk: {idle_timeout: 90, countdown: 20}",
    "at": "at: 12.5",
    "idle_timeout": "idle_timeout: 90",
    "countdown": "countdown: 20",
    "default_volume": "default_volume: 0.7",
    "max_volume": "max_volume: 1.0",
}

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
    if len(loc) >= 2 and loc[-2] == "narration" and isinstance(loc[-1], str):
        return f"the {loc[-1]} narration"
    return f"'{_field_of(loc)}'"


def _example(field_name: str, loc: tuple = ()) -> str:
    example = _EXAMPLES.get(field_name)
    if len(loc) >= 2 and loc[-2] == "narration" and isinstance(loc[-1], str):
        code = loc[-1]
        example = (f"{code}: {{audio: assets/audio/{code}/arch-of-sorrow.ogg, "
                   f"captions: assets/audio/{code}/arch-of-sorrow.vtt}}")
    return f", like  {example}" if example else ""


def _explain_all(errors: list[dict[str, Any]], source: SourceMap) -> list[Problem]:
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
    if len(loc) >= 2 and loc[-2] == "narration":
        return f"the {loc[-1]} narration"
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
