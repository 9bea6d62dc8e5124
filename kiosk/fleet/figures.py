"""A kiosk's figures for the staff computer: its visit log exported one file per day.

The live visit log (``DATA/analytics/events-YYYY-MM.json`` and its parts) is never synced:
TinyDB rewrites it whole at every flush and the kiosk may be writing it. Instead
:func:`export_figures` writes ``figures-YYYY-MM-DD.json`` into the kiosk's send-only
folder, in the same layout as the log (so one reader reads both), and only when a day's
events changed, so a finished day is a file that never changes again and today's is
replaced in place. Each exported event carries the kiosk's name, and its entry number is
its place in the kiosk's log (the month's part and the entry), so the same event read
twice, from two copies of a day however they came about, is counted once. The events are
those the log already holds: no names, no words typed, nothing personal
(``analytics.kinds``). No Kivy here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..analytics import months
from ..analytics.storage import TABLE, DamagedFile, parse_database
from ..atomic import write_bytes_atomically

#: Entry numbers of an export: part * PART_STRIDE + the entry's number in that part.
PART_STRIDE = 10_000_000
#: A kiosk's name in its figures: letters, digits and dashes, as Syncthing folder ids take.
KIOSK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}\Z")


@dataclass
class Exported:
    """What one export did."""

    written: list[str] = field(default_factory=list)  # the days whose file was (re)written
    unchanged: int = 0  # days whose file already held the same events
    problems: list[str] = field(default_factory=list)  # log files that could not be read


def day_file(day: dt.date) -> str:
    return f"figures-{day.isoformat()}.json"


def export_figures(data_dir: Path, outbox: Path, kiosk: str) -> Exported:
    """Write the kiosk's events, a file per day, into ``outbox``."""
    if not KIOSK_NAME.match(kiosk):
        raise ValueError(f"a kiosk's name is letters, digits and dashes (up to 40), "
                         f"not {kiosk!r}")
    result = Exported()
    by_day: dict[dt.date, dict[str, dict]] = {}
    for path in months.event_files(months.folder(Path(data_dir))):
        month, part, _damaged = months.parse(path.name)
        try:
            table = parse_database(path.read_bytes()).get(TABLE, {})
        except DamagedFile as why:
            table = why.salvaged or {}
            result.problems.append(f"{path.name}: {why}")
        except OSError as why:
            result.problems.append(f"{path.name}: {why.strerror or why}")
            continue
        for key, doc in table.items():
            day = dt.date.fromtimestamp(doc["t"])
            entry = dict(doc, kiosk=kiosk)
            by_day.setdefault(day, {})[str(part * PART_STRIDE + int(key))] = entry
    Path(outbox).mkdir(parents=True, exist_ok=True)
    for day, table in sorted(by_day.items()):
        data = json.dumps({TABLE: table}, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")).encode("utf-8")
        target = Path(outbox) / day_file(day)
        try:
            if target.read_bytes() == data:
                result.unchanged += 1
                continue
        except OSError:
            pass
        write_bytes_atomically(target, data)
        result.written.append(day.isoformat())
    return result
