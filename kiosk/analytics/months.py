"""Where the visit log lives on disk: one file per month, in parts, two years kept.

``DATA/analytics/events-2025-06.json`` holds June 2025's events. A month that fills a
part (``events.PART_SIZE`` events) goes on in ``events-2025-06.2.json``, ``.3`` and so on:
TinyDB rewrites the whole file at every flush, so a file's size is what a flush costs (and
what the card wears), and parts keep that bounded however busy the kiosk is. Months are
counted by the files present, not by the clock: a kiosk whose clock jumps to 2099 must not
delete the last two years.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from contextlib import suppress
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER = "analytics"
#: events-YYYY-MM.json, events-YYYY-MM.N.json (N >= 2); set aside: ...json.damaged-STAMP
NAME = re.compile(r"events-(\d{4})-(\d{2})(?:\.([1-9]\d*))?\.json(\.damaged-[\d-]+)?\Z")


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def part_name(month: str, number: int) -> str:
    return f"events-{month}.json" if number == 1 else f"events-{month}.{number}.json"


def parse(name: str) -> tuple[str, int, bool] | None:
    """(month "YYYY-MM", part number, damaged) for one of our file names, else None."""
    match = NAME.match(name)
    if not match:
        return None
    year, month, number, damaged = match.groups()
    if not 1 <= int(month) <= 12:
        return None
    return f"{year}-{month}", int(number or 1), bool(damaged)


def parts(where: Path, month: str) -> list[tuple[int, Path]]:
    """The month's live parts (not those set aside), by number."""
    found = []
    for path in where.glob(f"events-{month}*.json"):
        parsed = parse(path.name)
        if parsed and parsed[0] == month and not parsed[2]:
            found.append((parsed[1], path))
    return sorted(found)


def event_files(where: Path) -> list[Path]:
    """Every live event file in a folder (not set aside, not temporary), in time order."""
    found = []
    for path in Path(where).glob("events-*.json"):
        parsed = parse(path.name)
        if parsed and not parsed[2] and path.is_file():
            found.append((parsed[0], parsed[1], path))
    return [path for _, _, path in sorted(found)]


#: figures-YYYY-MM-DD.json: one day of a kiosk's events, exported for the staff computer.
DAY_NAME = re.compile(r"figures-(\d{4})-(\d{2})-(\d{2})\.json\Z")


def day_files(where: Path) -> list[Path]:
    """The exported day files in a folder, oldest first (not Syncthing's conflict copies
    or temporary files)."""
    return sorted(p for p in Path(where).glob("figures-*.json")
                  if DAY_NAME.match(p.name) and p.is_file())


def misplaced(where: Path) -> list[Path]:
    """Things named like a live event file that are not files (a folder, a pipe)."""
    return sorted(path for path in Path(where).glob("events-*.json")
                  if (parsed := parse(path.name)) and not parsed[2] and not path.is_file())


def keep_newest(where: Path, months: int, also: str | None = None) -> list[Path]:
    """Delete the files of all but the newest ``months`` months present (and ``also``, the
    month about to be written); what went."""
    by_month: dict[str, list[Path]] = {also: []} if also else {}
    for path in Path(where).iterdir():
        parsed = parse(path.name)
        if parsed:
            by_month.setdefault(parsed[0], []).append(path)
    removed = []
    for month in sorted(by_month)[:-months] if months > 0 else []:
        for path in by_month[month]:
            with suppress(OSError):
                path.unlink()
                removed.append(path)
    if removed:
        log.info("Visit log: removed %d file(s) older than %d months", len(removed), months)
    return removed


class MonthOf:
    """``month(t)`` -> "YYYY-MM" in local time; remembers the last month's bounds, since
    nearly every event of a batch falls in the same month as the one before."""

    def __init__(self):
        self._start = self._end = 0.0
        self._key = ""

    def __call__(self, t: float) -> str:
        if self._start <= t < self._end:
            return self._key
        day = dt.datetime.fromtimestamp(t)
        first = dt.datetime(day.year, day.month, 1)
        following = dt.datetime(day.year + day.month // 12, day.month % 12 + 1, 1)
        self._start, self._end = first.timestamp(), following.timestamp()
        self._key = f"{day.year:04d}-{day.month:02d}"
        return self._key
