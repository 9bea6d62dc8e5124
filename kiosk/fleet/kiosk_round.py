"""`python main.py fleet-round`: what a kiosk of a fleet does beside Syncthing, every minute.

Syncthing brings the staff's tour into the kiosk's staging folder and carries the kiosk's
outbox to the staff computer; nothing else moves files. A round runs when Syncthing has
put a file in the staging folder and it has been quiet for a second (the kiosk's own
``TourWatcher``), and every ``--every`` seconds besides (the service: 30 s, for the
figures; see deploy/install.sh):

1. the staged tour is taken into the live content folder if it is whole and passes
   `check`, or refused (``intake``), and the verdict goes to the outbox and to the data
   folder (the staff panel shows it);
2. the visit log is exported, one file per day, into the outbox (``figures``).

A round that fails (a full disk, a folder gone) says why in one line and the next round
tries again: the kiosk itself never depends on it. No Kivy here.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .figures import Exported, export_figures
from .intake import Verdict, take_staged

log = logging.getLogger(__name__)

#: The verdict the staff panel reads, in the kiosk's data folder.
PANEL_VERDICT = "tour-intake.json"
#: The verdict the staff computer reads, in the kiosk's outbox.
OUTBOX_VERDICT = "verdict.json"
#: Files Syncthing leaves alone in the outbox: the atomic writes' temporary files.
OUTBOX_IGNORES = "(?d).*.tmp\n"


@dataclass
class Round:
    verdict: Verdict
    exported: Exported


def kiosk_round(staging: Path, content: Path, data: Path, outbox: Path, kiosk: str) -> Round:
    outbox = Path(outbox)
    outbox.mkdir(parents=True, exist_ok=True)
    ignores = outbox / ".stignore"
    if not ignores.exists():
        ignores.write_text(OUTBOX_IGNORES, encoding="utf-8")
    verdict = take_staged(staging, content, outbox / OUTBOX_VERDICT,
                          Path(data) / PANEL_VERDICT)
    return Round(verdict, export_figures(data, outbox, kiosk))


def describe(done: Round) -> str:
    """One line for the journal."""
    verdict, exported = done.verdict, done.exported
    tour = {
        "taken": f"took tour {verdict.version} ({verdict.files_copied} file(s) copied, "
                 f"{verdict.files_removed} removed)",
        "refused": f"refused tour {verdict.version}, still showing {verdict.showing}: "
                   + "; ".join(verdict.problems[:3]),
        "waiting": f"tour {verdict.version} is still arriving",
        "same": f"showing tour {verdict.showing}",
        "empty": "no tour staged yet",
    }[verdict.outcome]
    days = (f"figures of {', '.join(exported.written)} written" if exported.written
            else "figures unchanged")
    problems = f"; visit log: {'; '.join(exported.problems)}" if exported.problems else ""
    return f"{tour}; {days}{problems}"


def run_fleet_round(staging: Path, content: Path, data: Path, outbox: Path, kiosk: str,
                    every: float | None = None) -> int:
    wake = threading.Event()  # a change staged, a signal, or the time for a round
    stopping: list[bool] = []
    watcher = None
    if every:
        def stop(*_):
            stopping.append(True)
            wake.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, stop)
        from ..watch import TourWatcher

        Path(staging).mkdir(parents=True, exist_ok=True)
        watcher = TourWatcher(staging, wake.set, debounce=1.0)
        watcher.start()
    try:
        return _rounds(staging, content, data, outbox, kiosk, every, wake, stopping)
    finally:
        if watcher is not None:
            watcher.stop()


def _rounds(staging, content, data, outbox, kiosk, every, wake, stopping) -> int:
    status, said = 0, ""
    while True:
        try:
            line = describe(kiosk_round(staging, content, data, outbox, kiosk))
            if line != said:  # the journal gets what changed, not a line every round
                print(line, flush=True)
                said = line
            status = 0
        except ValueError as exc:  # a kiosk name that cannot be one: no round can work
            print(f"python main.py fleet-round: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"python main.py fleet-round: {exc.filename or ''}: "
                  f"{exc.strerror or exc}; trying again next round", file=sys.stderr)
            status = 1
        if not every:
            return status
        wake.wait(every)
        wake.clear()
        if stopping:
            return status
