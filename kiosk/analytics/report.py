"""The figures staff see, computed from the visit log: the staff panel and `stats` share them.

Per stop: how often it was opened and its narration finished, and the average share of
the narration listened (over finished and left-early narrations: where visitors give up).
The share of each language among narrations started; visits per day; how many visits
used captions, large text, high contrast; content notes declined; how many searches
for a name were made and how many names found were opened (never what was typed).

Files are read one at a time and only their tallies kept, so a report over years of
events needs the memory of one file. A damaged or foreign file is skipped and named in
``problems``; it is never changed here (the kiosk's own log repairs its files).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from . import months
from .kinds import MODES
from .storage import MAX_FILE_BYTES, TABLE, DamagedFile, parse_database

#: A merged file may come from elsewhere, but one this big is not a visit log either.
REPORT_MAX_BYTES = 8 * MAX_FILE_BYTES
#: A "visit" longer than this is a kiosk left with no reset, not a visitor.
LONGEST_VISIT_S = 6 * 3600
#: The text report shows a bar per day up to this many days, per week beyond.
DAYS_SHOWN = 62

MODE_NAMES = {"large_text": "large text", "high_contrast": "high contrast",
              "description": "audio description", "spoken_guide": "the spoken guide"}


class StopRow(NamedTuple):
    stop_id: str
    opened: int
    finished: int
    average_share_listened: float | None  # 0..1; None: no narration heard to an end


@dataclass
class Report:
    """The figures; build with ``from_data_dir`` or ``from_files``."""

    stops: list[StopRow] = field(default_factory=list)
    languages: dict[str, float] = field(default_factory=dict)  # share of narrations started
    sessions_per_day: list[tuple[dt.date, int]] = field(default_factory=list)
    sessions: int = 0  # visits (session starts)
    events: int = 0
    left: dict[str, int] = field(default_factory=dict)  # narrations left early, per stop
    declined: dict[str, int] = field(default_factory=dict)  # content notes declined, per stop
    captions_share: float | None = None  # share of visits that turned captions on
    modes: dict[str, float] = field(default_factory=dict)  # share of visits using each mode
    average_visit_seconds: float | None = None
    name_searches: int = 0  # searches for a name made (never what was typed)
    names_opened: int = 0  # names found whose place on the wall was shown
    first: dt.datetime | None = None  # first and last event counted
    last: dt.datetime | None = None
    since: dt.date | None = None
    files: list[Path] = field(default_factory=list)  # the files read
    problems: list[str] = field(default_factory=list)  # files skipped, and why

    # --- building --------------------------------------------------------------------

    @classmethod
    def from_data_dir(cls, data_dir: str | Path, since: dt.date | None = None) -> Report:
        """Every month's file of the kiosk's data folder."""
        return cls.from_files([months.folder(Path(data_dir))], since)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], since: dt.date | None = None) -> Report:
        """Event files, and folders of them (a data folder, its analytics folder, or a
        folder of files exported from several kiosks, or a kiosk's day files). The same
        file given twice, by two paths or as two copies, is counted once; so is an
        exported event found in two files (it carries its kiosk and its entry number)."""
        tally = _Tally(since)
        problems: list[str] = []
        read: list[Path] = []
        seen_paths: set[Path] = set()
        seen_contents: set[bytes] = set()
        for path in _expand(paths, problems):
            real = path.resolve()
            if real in seen_paths:
                continue
            seen_paths.add(real)
            try:
                size = path.stat().st_size
                if size > REPORT_MAX_BYTES:
                    raise DamagedFile(f"it is {size / 2**20:.0f} MiB, far larger than a "
                                      f"visit log grows")
                raw = path.read_bytes()
                digest = hashlib.blake2b(raw, digest_size=16).digest()
                if digest in seen_contents:
                    continue
                seen_contents.add(digest)
                data = parse_database(raw, events=False) if raw else {}
            except DamagedFile as why:
                if not why.salvaged:
                    problems.append(f"{path}: skipped: {why}")
                    continue
                data = {TABLE: why.salvaged}
                problems.append(f"{path}: damaged ({why}): the first {len(why.salvaged):,} "
                                f"entries could be read and are counted; the rest is lost")
            except OSError as why:
                problems.append(f"{path}: skipped: {why.strerror or why}")
                continue
            read.append(path)
            skipped = tally.add((data.get(TABLE) or {}).items())
            if skipped:
                problems.append(f"{path}: {skipped:,} entries that are not visit events "
                                f"were skipped")
        return tally.report(read, problems)

    # --- showing ---------------------------------------------------------------------

    def text(self, bar: str = "█", width: int = 30) -> str:
        """The terminal report; ``bar`` draws the charts ("#" where "█" cannot print)."""
        lines: list[str] = []
        since = f" since {self.since.isoformat()}" if self.since else ""
        if not self.events:
            lines.append(f"No visits recorded yet{since}.")
            lines += self._problem_lines()
            return "\n".join(lines) + "\n"
        span = (f"{self.first:%Y-%m-%d} to {self.last:%Y-%m-%d}"
                if self.first and self.last else "")
        lines.append(f"Visits to the audio guide{since}: {span}")
        summary = (f"  {_count(self.sessions, 'visit')}, {_count(self.events, 'event')}, "
                   f"from {_count(len(self.files), 'file')}")
        if self.average_visit_seconds is not None:
            summary += f"; an average visit lasted {_duration(self.average_visit_seconds)}"
        lines += [summary, ""]

        if self.stops:
            w = max(4, min(40, max(len(row.stop_id) for row in self.stops)))
            lines.append(f"{'Stop':<{w}}  {'Opened':>7}  {'Finished':>8}  "
                         f"{'Listened (average)':>18}  {'Left early':>10}")
            for row in self.stops:
                lines.append(f"{row.stop_id[:w]:<{w}}  {row.opened:>7,}  {row.finished:>8,}  "
                             f"{_percent(row.average_share_listened):>18}  "
                             f"{self.left.get(row.stop_id, 0):>10,}")
            lines.append("")

        if self.languages:
            lines.append("Languages (narrations started)")
            for code, share in self.languages.items():
                lines.append(f"  {code[:8]:<3} {_percent(share):>4}  {bar * round(share * width)}")
            lines.append("")

        if self.sessions_per_day:
            rows, label = _by_week(self.sessions_per_day) if len(
                self.sessions_per_day) > DAYS_SHOWN else (
                [(f"{day:%Y-%m-%d %a}", n) for day, n in self.sessions_per_day], "day")
            most = max(n for _, n in rows) or 1
            lines.append(f"Visits per {label}")
            digits = len(f"{most:,}")
            for name, n in rows:
                lines.append(f"  {name}  {n:>{digits},}  {bar * round(n / most * width)}")
            lines.append("")

        use = []
        if self.captions_share is not None:
            use.append(f"captions in {_percent(self.captions_share)}")
        use += [f"{MODE_NAMES.get(m, m)} in {_percent(s)}" for m, s in self.modes.items()]
        if use:
            lines += ["Visits that turned on " + ", ".join(use) + ".", ""]
        if self.name_searches or self.names_opened:
            lines += [f"Names searched for on the Wall of Memory: "
                      f"{self.name_searches:,} search{'' if self.name_searches == 1 else 'es'}, "
                      f"{_count(self.names_opened, 'name')} opened to see where it stands.", ""]
        if self.declined:
            lines.append("Content notes declined: " + ", ".join(
                f"{stop} {n:,}" for stop, n in self.declined.items()) + ".")
            lines.append("")
        lines += self._problem_lines()
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) + "\n"

    def _problem_lines(self) -> list[str]:
        if not self.problems:
            return []
        return ["", "Problems:"] + [f"  {problem}" for problem in self.problems]

    def to_csv(self, path: str | Path) -> None:
        """The figures as CSV, one table after another (a blank row between)."""
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["stop", "opened", "finished", "average_share_listened",
                             "left_early", "content_notes_declined"])
            for row in self.stops:
                writer.writerow([row.stop_id, row.opened, row.finished,
                                 _share(row.average_share_listened),
                                 self.left.get(row.stop_id, 0),
                                 self.declined.get(row.stop_id, 0)])
            writer.writerow([])
            writer.writerow(["language", "share_of_narrations_started"])
            for code, share in self.languages.items():
                writer.writerow([code, _share(share)])
            writer.writerow([])
            writer.writerow(["day", "visits"])
            for day, n in self.sessions_per_day:
                writer.writerow([day.isoformat(), n])
            writer.writerow([])
            writer.writerow(["name_search", "count"])
            writer.writerow(["searches", self.name_searches])
            writer.writerow(["names_opened", self.names_opened])
            writer.writerow([])
            writer.writerow(["feature", "share_of_visits"])
            writer.writerow(["captions", _share(self.captions_share)])
            for mode in MODES:
                writer.writerow([mode, _share(self.modes.get(mode))])


class _Tally:
    """Counts kept while reading the files, in one pass over each file's events."""

    def __init__(self, since: dt.date | None):
        self.since = since
        self.cutoff = dt.datetime.combine(since, dt.time()).timestamp() if since else float("-inf")
        self.opened: Counter[str] = Counter()
        self.finished: Counter[str] = Counter()
        self.left: Counter[str] = Counter()
        self.share_sum: defaultdict[str, float] = defaultdict(float)
        self.share_n: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.days: Counter[dt.date] = Counter()
        self.declined: Counter[str] = Counter()
        self.name_searches = 0
        self.names_opened = 0
        self.starts: dict[str, float] = {}  # visit token -> start time
        self.visit_seconds = 0.0
        self.visits_timed = 0
        self.captions: set[str] = set()
        self.modes: dict[str, set[str]] = {mode: set() for mode in MODES}
        self.events = 0
        self.exported: set[tuple[str, str]] = set()  # (kiosk, entry) of exported events
        self.first = float("inf")
        self.last = float("-inf")

    def add(self, entries: Iterable[tuple[str, dict]]) -> int:
        """Count the (entry number, event) ``entries``; how many were not events and were
        skipped. An exported event (it names its kiosk) already counted is passed over."""
        cutoff = self.cutoff
        exported = self.exported
        opened, finished, left = self.opened, self.finished, self.left
        share_sum, share_n, languages = self.share_sum, self.share_n, self.languages
        first, last, events, skipped = self.first, self.last, 0, 0
        for key, doc in entries:
            try:
                t = doc["t"]
                if t < cutoff:
                    continue
                if "kiosk" in doc:
                    identity = (doc["kiosk"], key)
                    if identity in exported:
                        continue
                    exported.add(identity)
                kind = doc["kind"]
                if kind == "stop_open":
                    opened[_text(doc["stop"])] += 1
                elif kind == "narration_finish" or kind == "narration_leave":
                    stop = _text(doc["stop"])
                    (finished if kind == "narration_finish" else left)[stop] += 1
                    duration = doc["duration"]
                    if duration > 0:
                        share_sum[stop] += min(1.0, max(0.0, doc["listened"] / duration))
                        share_n[stop] += 1
                elif kind == "narration_start":
                    languages[_text(doc["language"])] += 1
                elif kind == "session_start":
                    self.days[dt.date.fromtimestamp(t)] += 1
                    if doc.get("session"):
                        self.starts[doc["session"]] = t
                elif kind == "session_end":
                    began = self.starts.pop(doc.get("session"), None)
                    if began is not None and 0 < t - began < LONGEST_VISIT_S:
                        self.visit_seconds += t - began
                        self.visits_timed += 1
                elif kind == "captions":
                    if doc["on"] is True and doc.get("session"):
                        self.captions.add(doc["session"])
                elif kind == "mode":
                    if doc["on"] is True and doc.get("session") and doc["mode"] in self.modes:
                        self.modes[doc["mode"]].add(doc["session"])
                elif kind == "content_note_declined":
                    self.declined[_text(doc["stop"])] += 1
                elif kind == "name_search":
                    self.name_searches += 1
                elif kind == "name_opened":
                    self.names_opened += 1
                elif kind not in _OTHER_KINDS:
                    skipped += 1
                    continue
                events += 1
                if t < first:
                    first = t
                if t > last:
                    last = t
            except (KeyError, TypeError, ValueError, OverflowError, OSError):
                skipped += 1
        self.first, self.last, self.events = first, last, self.events + events
        return skipped

    def report(self, files: list[Path], problems: list[str]) -> Report:
        stops = sorted(set(self.opened) | set(self.finished) | set(self.left)
                       | set(self.share_n), key=_natural)
        rows = [StopRow(stop, self.opened[stop], self.finished[stop],
                        self.share_sum[stop] / self.share_n[stop] if self.share_n[stop] else None)
                for stop in stops]
        started = sum(self.languages.values())
        languages = {code: n / started for code, n in
                     sorted(self.languages.items(), key=lambda item: (-item[1], item[0]))}
        sessions = sum(self.days.values())

        def share_of_visits(tokens: set[str]) -> float | None:
            return min(1.0, len(tokens) / sessions) if sessions else None

        return Report(
            stops=rows, languages=languages, sessions_per_day=_every_day(self.days),
            sessions=sessions, events=self.events,
            left={stop: n for stop, n in sorted(self.left.items(), key=lambda i: _natural(i[0]))},
            declined={stop: n for stop, n in sorted(self.declined.items(),
                                                    key=lambda i: _natural(i[0]))},
            captions_share=share_of_visits(self.captions),
            modes={mode: share for mode in MODES
                   if (share := share_of_visits(self.modes[mode])) is not None},
            name_searches=self.name_searches, names_opened=self.names_opened,
            average_visit_seconds=(self.visit_seconds / self.visits_timed
                                   if self.visits_timed else None),
            first=dt.datetime.fromtimestamp(self.first) if self.events else None,
            last=dt.datetime.fromtimestamp(self.last) if self.events else None,
            since=self.since, files=files, problems=problems)


#: Kinds counted as events but with no figure of their own (yet).
_OTHER_KINDS = {"language", "narration_pause", "narration_seek"}


def _text(value) -> str:
    # a merged file from elsewhere may hold anything: only text names a stop or language
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _expand(paths: Iterable[str | Path], problems: list[str]) -> list[Path]:
    """Files as given, and the event files of folders (and of their analytics folder)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for folder in (path, path / months.FOLDER):
                if folder.is_dir():
                    found += months.event_files(folder) + months.day_files(folder)
                    problems += [f"{odd}: skipped: it is a folder or other non-file where a "
                                 f"visit log belongs; move it out of {folder}"
                                 for odd in months.misplaced(folder)]
        elif path.is_file():
            found.append(path)
        elif path.name != months.FOLDER:  # a kiosk with no visits yet has no such folder
            problems.append(f"{path}: skipped: no such file or folder")
    return found


def _natural(stop: str):
    """Sort "hall-2" before "hall-10"."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", stop)]


def _every_day(days: Counter) -> list[tuple[dt.date, int]]:
    """Visits per day from the first to the last, days without visits included."""
    if not days:
        return []
    day, last = min(days), max(days)
    out = []
    while day <= last:
        out.append((day, days.get(day, 0)))
        day += dt.timedelta(days=1)
    return out


def _by_week(per_day: list[tuple[dt.date, int]]) -> tuple[list[tuple[str, int]], str]:
    weeks: dict[dt.date, int] = {}
    for day, n in per_day:
        monday = day - dt.timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + n
    return [(f"week of {monday:%Y-%m-%d}", n) for monday, n in weeks.items()], "week"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _share(share: float | None) -> str:
    return "" if share is None else f"{share:.4f}"


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}" + ("" if n == 1 else "s")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"
