"""`python main.py stats`: the staff panel's figures in the terminal, without Kivy.

Reads the kiosk's visit log (``--data``), and with ``--merge`` files or folders exported
from other kiosks too, into one report; ``--csv`` also writes it for a spreadsheet.
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
              merge: list[Path] | None = None) -> int:
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
    report = Report.from_files([Path(data_dir) / FOLDER, *(merge or ())], since=day)
    print(report.text(bar=_bar()), end="")
    if csv_path is not None:
        try:
            report.to_csv(csv_path)
        except OSError as exc:
            print(f"Cannot write {csv_path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"\nwrote {csv_path}")
    return 0


def _bar() -> str:
    """A full block where the terminal can print it, else "#"."""
    try:
        "█".encode(sys.stdout.encoding or "ascii")
        return "█"
    except (UnicodeEncodeError, LookupError):
        return "#"
