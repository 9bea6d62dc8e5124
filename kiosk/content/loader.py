"""Turns stops.yaml into a Tour, or one ContentError that names every problem and place."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentError, Problem, Severity
from .model import StopKind, TourFile
from .tour import Tour
from .yaml_source import SourceMap, load_yaml

TOUR_FILE = "stops.yaml"


def load_tour(content_dir: str | Path, check_files: bool = True) -> Tour:
    """Load the tour in ``content_dir``; raise ContentError listing every problem found."""
    tour, problems = read_tour(content_dir, check_files=check_files)
    errors = [p for p in problems if p.severity is Severity.error]
    if errors or tour is None:
        raise ContentError(problems)
    return tour


def read_tour(content_dir: str | Path, check_files: bool = True) -> tuple[Tour | None, list[Problem]]:
    """Load what can be loaded; returns the tour (None if unusable) and all problems."""
    root = Path(content_dir).resolve()
    path = root / TOUR_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(TOUR_FILE, 1, 1, f"there is no {TOUR_FILE} in {root}; "
                              "create it or point --content at the folder that has it")]
    except OSError as error:
        return None, [Problem(TOUR_FILE, 1, 1, f"{TOUR_FILE} cannot be opened "
                              f"({error.strerror}); check its permissions")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(TOUR_FILE, line, 1, "this line is not UTF-8 text; save the file "
                              "as UTF-8 in your editor")]
    return parse_tour(text, root, check_files=check_files)


def parse_tour(text: str, root: Path, check_files: bool = True) -> tuple[Tour | None, list[Problem]]:
    data, source, problems = load_yaml(text, TOUR_FILE)
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, problems + [source.problem((), "the file should start with 'museum:' "
                                               "and 'stops:'; see the staff guide")]
    try:
        model = TourFile.model_validate(data)
    except ValidationError as error:
        return None, problems + [_explain(e, source) for e in error.errors()
                                 if not source.is_unreadable(tuple(e["loc"]))]
    problems += _cross_checks(model, source)
    if check_files:
        problems += _file_checks(model, source, root)
    if any(p.severity is Severity.error for p in problems):
        return None, problems
    return Tour.from_model(model, root), problems


def _cross_checks(model: TourFile, source: SourceMap) -> list[Problem]:
    problems = []
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[int, int] = {}
    for index, stop in enumerate(model.stops):
        for value, seen, key in ((stop.id, seen_ids, "id"), (stop.number, seen_numbers, "number")):
            if value in seen:
                first_line = source.place(("stops", seen[value], key))[0]
                problems.append(source.problem(
                    ("stops", index, key),
                    f"stop {key} {value} is used twice (also on line {first_line}); "
                    f"give each stop its own {key}"))
            else:
                seen[value] = index
    return problems


def _file_checks(model: TourFile, source: SourceMap, root: Path) -> list[Problem]:
    problems = []
    for index, stop in enumerate(model.stops):
        for language, narration in stop.narration.items():
            for key in ("audio", "captions"):
                rel = getattr(narration, key)
                if rel is not None:
                    where = ("stops", index, "narration", language, key)
                    problems += _check_path(rel, where, source, root)
        for n, picture in enumerate(stop.images):
            problems += _check_path(picture.file, ("stops", index, "images", n, "file"),
                                    source, root)
    return problems


def _check_path(rel: str, where, source: SourceMap, root: Path) -> list[Problem]:
    if Path(rel).is_absolute() or rel.startswith(("/", "\\")):
        return [source.problem(where, f"'{rel}' is an absolute path; write it relative to "
                               "the content folder, for example assets/images/photo.jpg")]
    target = (root / rel).resolve()
    if not target.is_relative_to(root):
        return [source.problem(where, f"'{rel}' points outside the content folder; keep "
                               "every file inside it, under assets/")]
    if not target.is_file():
        hint = _near_file(root, rel)
        return [source.problem(where, f"the file '{rel}' does not exist; "
                               + (f"did you mean '{hint}'?" if hint else
                                  "check the name, or copy the file into the content folder"))]
    return []


def _near_file(root: Path, rel: str) -> str | None:
    folder = (root / rel).parent
    if not folder.is_dir():
        return None
    names = [p.name for p in folder.iterdir() if p.is_file()]
    match = difflib.get_close_matches(Path(rel).name, names, n=1, cutoff=0.6)
    return str(Path(rel).parent / match[0]) if match else None


def _explain(error: dict[str, Any], source: SourceMap) -> Problem:
    """A pydantic error in the words of someone who edits the file."""
    loc = tuple(error["loc"])
    kind = error["type"]
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "value")
    if kind == "missing":
        return source.problem(loc[:-1], f"'{field}' is missing here; add it "
                              f"(see the staff guide for an example)")
    if kind == "extra_forbidden":
        known = _known_fields(loc[:-1])
        close = difflib.get_close_matches(field, known, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else \
            f"the keys allowed here are: {', '.join(known)}"
        return source.problem(loc, f"unknown key '{field}'; {hint}", prefer_key=True)
    if kind == "enum":
        kinds = ", ".join(k.value for k in StopKind)
        return source.problem(loc, f"'{error.get('input')}' is not a kind of stop; use one of: {kinds}")
    if kind.startswith("int_") or kind == "int_type":
        return source.problem(loc, f"'{field}' must be a whole number, like 101")
    if kind in ("greater_than_equal", "less_than_equal"):
        return source.problem(loc, f"'{field}' must be between 1 and 9999")
    if kind == "string_pattern_mismatch" and field == "id":
        return source.problem(loc, "a stop id uses only lower-case letters, digits and dashes, "
                              "like 'arch-of-sorrow'")
    if kind == "string_pattern_mismatch":
        return source.problem(loc, f"'{field}' is not a two-letter language code; use kk, ru or en",
                              prefer_key=True)
    if kind in ("string_too_short",):
        return source.problem(loc, f"'{field}' is empty; write the text, or remove the line")
    if kind == "too_short":
        return source.problem(loc, f"'{field}' needs at least one entry")
    if kind in ("dict_type", "model_type"):
        return source.problem(loc, f"'{field}' should be a set of 'key: value' lines, "
                              "indented under it")
    if kind == "list_type":
        return source.problem(loc, f"'{field}' should be a list, one '- ' item per entry")
    if kind in ("string_type",):
        return source.problem(loc, f"'{field}' should be text; put it in quotes if it "
                              "looks like a number or yes/no")
    if kind == "bool_type" or kind == "bool_parsing":
        return source.problem(loc, f"'{field}' should be true or false")
    message = error.get("msg", "is not valid")
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return source.problem(loc, f"'{field}': {message}")


def _known_fields(loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` in the model, for a did-you-mean."""
    model: type[BaseModel] | None = TourFile
    from .model import Museum, Narration, Picture, Stop  # local: only for messages
    by_key = {"museum": Museum, "stops": Stop, "images": Picture, "narration": Narration}
    for part in loc:
        if isinstance(part, str) and part in by_key:
            model = by_key[part]
    if model is Narration and loc and loc[-1] == "narration":
        return ["kk", "ru", "en"]
    return list(model.model_fields) if model else []
