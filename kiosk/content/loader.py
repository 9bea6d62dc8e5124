"""Reads stops.yaml: ``read_tour`` (a folder) or ``read_tour_text`` (its text), the one
way the kiosk, ``check``, ``prepare`` and the tests read a tour.

What the loader checks is cheap and is what the kiosk itself needs at every start: the
YAML, the shape of every value (against the model, its errors in staff's words by
``staff_words``), stop ids and numbers used twice, and that every file named exists
inside the content folder (``paths``). It never opens a recording or a picture: that is
``kiosk.content.media_checks``' job, run by ``main.py check``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import limits
from .errors import ContentError, Problem, Severity
from .formats import TOUR_FILE
from .plan_checks import plan_problems
from ..files import FileTooLarge, NotAFile, read_regular_file
from .model import Museum, Stop, TourFile
from .paths import check_path
from .staff_words import explain_all
from .tour import Tour
from .yaml_source import SourceMap, load_yaml


@dataclass
class TourReading:
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

    def valid_tour(self) -> Tour:
        """The tour; raises ContentError listing every problem when there is an error."""
        if self.errors or self.tour is None:
            raise ContentError(self.problems)
        return self.tour


def read_tour(content_dir: str | Path, check_files: bool = True) -> TourReading:
    """Read and validate stops.yaml in ``content_dir``: the tour (None if it has an error)
    and every problem, each at its place. Never raises on bad content. Without
    ``check_files``, the files it names are not looked for."""
    root = Path(os.path.realpath(content_dir))
    path = root / TOUR_FILE
    try:
        raw = read_regular_file(path, limits.TOUR_FILE_BYTES)
    except FileNotFoundError:
        return TourReading(root, [Problem(TOUR_FILE, 1, 1, f"there is no {TOUR_FILE} in {root}; "
                                       "create it or point --content at the folder that has it")])
    except NotAFile as error:
        return TourReading(root, [Problem(TOUR_FILE, 1, 1, f"{TOUR_FILE} is {error.kind}, not an "
                                       "ordinary file; put the tour's own file in its place")])
    except FileTooLarge as error:
        return TourReading(root, [Problem(
            TOUR_FILE, 1, 1, f"{TOUR_FILE} is {limits.megabytes(error.size)}, more than the "
            f"{limits.megabytes(error.limit)} a tour may be; something large was pasted into "
            "it by mistake: find it, or go back to the last copy that worked")])
    except OSError as error:
        return TourReading(root, [Problem(TOUR_FILE, 1, 1, f"{TOUR_FILE} cannot be opened "
                                       f"({error.strerror}); check its permissions")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return TourReading(root, [Problem(TOUR_FILE, line, 1, "this line is not UTF-8 text; save "
                                       "the file as UTF-8 in your editor")])
    return read_tour_text(text, root, check_files=check_files)


def read_tour_text(text: str, root: str | Path, check_files: bool = True) -> TourReading:
    """``read_tour`` of a stops.yaml holding ``text``, its files looked for in ``root``."""
    found = TourReading(Path(root))
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
        problems += explain_all(error.errors(), source)
        found.museum, found.stops = _valid_parts(data)
    else:
        found.museum, found.stops = model.museum, list(enumerate(model.stops))
    problems += _cross_checks(data.get("stops"), source)
    problems += plan_problems(found)
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


def _file_checks(found: TourReading, source: SourceMap, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    real_root = os.path.realpath(root)
    folders: dict[str, str] = {}
    for rel, where in _named_files(found):
        if rel is None:
            continue
        target, problem = check_path(rel, where, source, real_root, folders)
        if problem:
            problems.append(problem)
        else:
            found.files[rel] = target
    return problems


def _named_files(found: TourReading):
    """(path as written, where in stops.yaml) of every file the tour names: the stops'
    recordings (narration and description), captions and pictures, and the plans'
    pictures."""
    for index, stop in found.stops:
        for part, language, recording in stop.recordings():
            for key in ("audio", "captions"):
                yield getattr(recording, key), ("stops", index, part, language, key)
        for n, picture in enumerate(stop.images):
            yield picture.file, ("stops", index, "images", n, "file")
    for n, plan in enumerate(found.museum.maps if found.museum is not None else []):
        yield plan.image, ("museum", "maps", n, "image")
