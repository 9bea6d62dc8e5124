"""names.csv, the list of names on the Wall of Memory: the one reader of the file.

UTF-8, comma-separated, the first row the header. The columns, in this order, are
``id, surname, given_name, patronymic, birth_year, panel, row, stop, publish``, then
optionally ``other_surnames`` and ``other_spellings`` (several separated by ``|``);
more columns may follow and are ignored. A row with ``publish: no`` is dropped as it is
read: it is never shown, counted or exported.

Each problem is a ``Problem`` (kiosk/content/errors.py) placed at ``names.csv:LINE:COL``,
saying what is wrong and what to do, so ``check`` prints it like those of stops.yaml.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import Problem, Severity

REQUIRED = ("id", "surname", "given_name", "patronymic", "birth_year", "panel", "row",
            "stop", "publish")
OPTIONAL = ("other_surnames", "other_spellings")
#: Columns that may be left empty (not every woman had a patronymic or a known year).
MAY_BE_EMPTY = {"patronymic", "birth_year"}
YEARS = range(1850, 1960)

SAVE_AS_UTF8 = ("save it again as UTF-8: in LibreOffice Calc, File > Save As, file type "
                "'Text CSV', tick 'Edit filter settings', character set 'Unicode (UTF-8)'; "
                "in Excel, File > Save As, type 'CSV UTF-8 (Comma delimited)'")


@dataclass(frozen=True, slots=True)
class Person:
    """One published name on the wall and where it stands."""

    id: str
    surname: str
    given_name: str
    patronymic: str
    birth_year: int | None
    panel: int
    row: int
    stop: str
    other_surnames: tuple[str, ...] = ()
    other_spellings: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass
class Roll:
    """What reading names.csv found: the published persons and the problems."""

    people: list[Person]
    problems: list[Problem]
    unpublished: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.error for p in self.problems)


def _problem(name: str, line: int, col: int, message: str) -> Problem:
    return Problem(name, line, col, message, Severity.error)


def _decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _problem(name, 1, 1, "the file is saved as UTF-16 (Excel's 'Unicode "
                              "Text'), not as UTF-8; " + SAVE_AS_UTF8)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        return None, _problem(name, line, col, "this is not UTF-8 text (perhaps Windows-1251, "
                              "as spreadsheets in Russian often save); " + SAVE_AS_UTF8)


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def read_named_roll(content_dir: Path, relative: str,
                    stop_ids: set[str] | frozenset[str] | None = None) -> Roll:
    """``read_roll`` of the file stops.yaml names (``museum.names``), kept inside the
    content folder."""
    root = content_dir.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        return Roll([], [_problem(relative, 1, 1, "the list of names is outside the content "
                                  "folder; put names.csv beside stops.yaml and write "
                                  "names: names.csv")])
    return read_roll(path, stop_ids)


def read_roll(path: Path, stop_ids: set[str] | frozenset[str] | None = None) -> Roll:
    """Read and check names.csv. ``stop_ids``: the tour's stops (None: not checked).

    Never raises on a bad file: a row with a problem is left out and the problem
    reported; the other rows are read.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return Roll([], [_problem(name, 1, 1, f"the list of names cannot be read "
                                  f"({error.strerror or error}); put names.csv beside "
                                  "stops.yaml or correct museum.names")])
    marked = data.startswith(b"\xef\xbb\xbf")
    text, problem = _decode(data[3:] if marked else data, name)
    if problem:
        return Roll([], [problem])
    roll = parse_roll(text, name, stop_ids)
    if marked:  # Excel's "CSV UTF-8" writes it: read, but say how to leave it out
        roll.problems.insert(0, Problem(
            name, 1, 1, "the file starts with a byte order mark (BOM), as Excel's 'CSV UTF-8' "
            "writes it; the list is read all the same, but other programs may show it as "
            "stray characters: in LibreOffice Calc, File > Save As, 'Text CSV', tick 'Edit "
            "filter settings', character set 'Unicode (UTF-8)' and untick 'Save with BOM'",
            Severity.warning))
    return roll


def parse_roll(text: str, name: str = "names.csv",
               stop_ids: set[str] | frozenset[str] | None = None) -> Roll:
    """The persons and problems in the text of names.csv (see ``read_roll``)."""
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        return Roll([], [_problem(name, 1, 1, "the file is empty; the first row names the "
                                  "columns: " + ", ".join(REQUIRED))])
    header = [column.strip().lower() for column in header]
    problems: list[Problem] = []
    for place, column in enumerate(REQUIRED):
        if place >= len(header) or header[place] != column:
            found = f"'{header[place]}'" if place < len(header) and header[place] else "nothing"
            problems.append(_problem(
                name, 1, place + 1, f"column {place + 1} should be '{column}' but is {found}; "
                "the first row must name the columns in this order: " + ", ".join(REQUIRED)))
            return Roll([], problems)
    index = {column: place for place, column in enumerate(header)}
    surnames_at = index.get("other_surnames")
    spellings_at = index.get("other_spellings")
    seen: dict[str, int] = {}
    people: list[Person] = []
    unpublished = 0
    width = len(REQUIRED)
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            problems.append(_problem(
                name, line, len(row) + 1, f"this row has {len(row)} column(s), fewer than "
                f"the {width} the header names; fill in '{REQUIRED[len(row)]}' and those after it"))
            continue
        cells = [cell.strip() for cell in row[:width]]
        person_id, surname, given, patronymic, year, panel, wall_row, stop, publish = cells
        bad = False
        for place, column in enumerate(REQUIRED):
            if not cells[place] and column not in MAY_BE_EMPTY:
                problems.append(_problem(name, line, place + 1,
                                         f"'{column}' is empty; fill it in"))
                bad = True
        if bad:
            continue
        publish = publish.lower()
        if publish not in ("yes", "no"):
            problems.append(_problem(name, line, 9, f"publish is '{cells[8]}'; write yes "
                                     "(the name is shown) or no (the family asked that it "
                                     "not be shown)"))
            continue
        if person_id in seen:
            problems.append(_problem(name, line, 1, f"the id '{person_id}' is already used "
                                     f"on line {seen[person_id]}; give each person an id of "
                                     "their own"))
            continue
        seen[person_id] = line
        birth_year = None
        if year:
            birth_year = _number(year)
            if birth_year is None or birth_year not in YEARS:
                problems.append(_problem(name, line, 5, f"birth_year '{year}' is not a year; "
                                         f"write four digits between {YEARS.start} and "
                                         f"{YEARS.stop - 1}, or leave it empty if unknown"))
                continue
        numbers = []
        for place, text_value in ((6, panel), (7, wall_row)):
            value = _number(text_value)
            if value is None or value < 1:
                problems.append(_problem(name, line, place, f"{REQUIRED[place - 1]} "
                                         f"'{text_value}' is not a number; write the "
                                         f"{REQUIRED[place - 1]}'s number, 1 or more"))
                break
            numbers.append(value)
        if len(numbers) < 2:
            continue
        if stop_ids is not None and stop not in stop_ids:
            problems.append(_problem(name, line, 8, f"there is no stop '{stop}' in stops.yaml; "
                                     "write the id of the stop told at this part of the wall "
                                     "(for example wall-of-memory)"))
            continue
        if publish == "no":
            unpublished += 1
            continue
        people.append(Person(
            person_id, surname, given, patronymic, birth_year, numbers[0], numbers[1], stop,
            _several(row, surnames_at), _several(row, spellings_at)))
    return Roll(people, problems, unpublished)


def _several(row: list[str], place: int | None) -> tuple[str, ...]:
    if place is None or place >= len(row):
        return ()
    return tuple(part.strip() for part in row[place].split("|") if part.strip())
