"""`python main.py stats`: the staff panel's figures in the terminal, without Kivy.

Reads the kiosk's visit log (``--data``), and with ``--merge`` files or folders exported
from other kiosks too, into one report; ``--csv`` also writes it for a spreadsheet.
``--fleet DIR`` reads the folder where the staff computer receives every kiosk's figures
(a folder per kiosk, see ``fleet.figures``): the whole museum's report, then a line per
kiosk with its visits, its last figures and the tour it shows.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from .analytics import Report
from .analytics.months import FOLDER

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def parse_day(text: str) -> dt.date:
    """A day written YYYY-MM-DD; ValueError with a sentence for staff otherwise."""
    try:
        if _DAY.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"--since takes a day written YYYY-MM-DD, for example 2025-06-01 "
                     f"(not {text!r})")


def run_stats(data_dir: Path, since: str | None = None, csv_path: Path | None = None,
              merge: list[Path] | None = None, fleet: Path | None = None) -> int:
    try:
        day = parse_day(since) if since is not None else None
    except ValueError as exc:
        print(f"python main.py stats: {exc}", file=sys.stderr)
        return 2
    missing = [str(path) for path in merge or () if not Path(path).exists()]
    if missing:
        print(f"python main.py stats: --merge: no such file or folder: {', '.join(missing)}",
              file=sys.stderr)
        return 2
    if fleet is not None:
        if not Path(fleet).is_dir():
            print(f"python main.py stats: --fleet: no such folder: {fleet}; give the folder "
                  f"that holds a folder per kiosk", file=sys.stderr)
            return 2
        kiosks = kiosk_folders(Path(fleet))
        report = Report.from_files([*kiosks, *(merge or ())], since=day)
    else:
        report = Report.from_files([Path(data_dir) / FOLDER, *(merge or ())], since=day)
    print(report.text(bar=_bar()), end="")
    if fleet is not None:
        print()
        print(fleet_text(kiosks, day), end="")
    if csv_path is not None:
        try:
            report.to_csv(csv_path)
        except OSError as exc:
            print(f"Cannot write {csv_path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"\nwrote {csv_path}")
    return 0


def kiosk_folders(fleet: Path) -> list[Path]:
    """The kiosks' folders in the staff computer's fleet folder, by name."""
    return sorted(p for p in fleet.iterdir() if p.is_dir() and not p.name.startswith("."))


def fleet_text(kiosks: list[Path], since: dt.date | None = None) -> str:
    """A line per kiosk: its visits and events, its last figure, the tour it shows."""
    from .fleet.intake import read_verdict
    from .fleet.kiosk_round import OUTBOX_VERDICT

    if not kiosks:
        return "Each kiosk: no kiosk's figures have arrived yet\n"
    lines = ["Each kiosk"]
    width = max(len(p.name) for p in kiosks)
    for folder in kiosks:
        own = Report.from_files([folder], since=since)
        last = own.last.strftime("%Y-%m-%d %H:%M") if own.last else "none yet"
        verdict = read_verdict(folder / OUTBOX_VERDICT)
        if verdict is None:
            tour = "tour: no verdict yet"
        elif verdict.outcome == "refused":
            first = verdict.problems[0] if verdict.problems else "not given"
            tour = (f"tour {verdict.showing}; REFUSED {verdict.version} "
                    f"({len(verdict.problems)} mistake(s), first: {first})")
        else:
            tour = f"tour {verdict.showing}"
        lines.append(f"  {folder.name:<{width}}  {own.sessions:>7,} visits  "
                     f"{own.events:>9,} events  last {last}  {tour}")
    return "\n".join(lines) + "\n"


def _bar() -> str:
    """A full block where the terminal can print it, else "#"."""
    try:
        "█".encode(sys.stdout.encoding or "ascii")
        return "█"
    except (UnicodeEncodeError, LookupError):
        return "#"
