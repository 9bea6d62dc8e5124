"""Contained faults: an error in a screen never shows a visitor a traceback.

Any exception raised in a Kivy callback is logged with its traceback to a rotating log
file in the data folder; the visitor is brought calmly back to the home screen and the
kiosk goes on. Several faults in a short time mean something is really wrong: the kiosk
shows a calm "temporarily unavailable" screen and restarts itself cleanly.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path

from kivy.base import ExceptionHandler, ExceptionManager
from kivy.clock import Clock

from ..logs import KIOSK_LOG, log_to

log = logging.getLogger("kiosk.faults")

#: This many faults within WINDOW seconds lead to a restart.
LIMIT = 3
WINDOW = 60.0
#: Seconds the "temporarily unavailable" screen stays before the restart.
RESTART_DELAY = 5.0
LOG_FILE = KIOSK_LOG


def log_to_file(data_dir: Path) -> Path:
    """Send the kiosk's log (with tracebacks) to a rotating file in the data folder.

    A line that cannot be written (a full disk) is dropped and counted, never raised
    (kiosk.logs): logging can never take the kiosk down.
    """
    path = Path(data_dir) / "logs" / LOG_FILE
    log_to(logging.getLogger("kiosk"), path, level=logging.INFO)
    return path


def restart_process() -> None:
    """Start the kiosk afresh in this same process slot (same command line)."""
    os.execv(sys.executable, [sys.executable, *sys.argv])


class FaultGuard(ExceptionHandler):
    """Catches what a screen's handler raises; recovers, or restarts after too many."""

    def __init__(self, app, clock=time.monotonic, restart=restart_process):
        super().__init__()
        self.app = app
        self.clock = clock
        self.restart = restart
        self.faults: list[float] = []
        self.restarting = False
        self._before_restart: list = []

    def before_restart(self, action) -> None:
        """Run ``action`` (say, saving the visit log) just before the kiosk restarts: the
        restart replaces the process in place, so nothing registered with atexit runs."""
        self._before_restart.append(action)

    def install(self) -> None:
        ExceptionManager.add_handler(self)

    def remove(self) -> None:
        if self in ExceptionManager.handlers:
            ExceptionManager.remove_handler(self)

    def handle_exception(self, exception):
        if isinstance(exception, (KeyboardInterrupt, SystemExit)):
            return ExceptionManager.RAISE
        log.error("A fault in the kiosk's screens (the visitor was taken home):\n%s",
                  "".join(traceback.format_exception(exception)))
        now = self.clock()
        self.faults = [t for t in self.faults if now - t < WINDOW] + [now]
        if len(self.faults) >= LIMIT:
            if not self.restarting:
                self.restarting = True
                log.error("%d faults within %.0f s: restarting the kiosk", len(self.faults), WINDOW)
                self._quietly(self.app.show_unavailable)
                Clock.schedule_once(lambda _dt: self._restart_now(), RESTART_DELAY)
        else:
            self._quietly(self.app.recover_from_fault)
        return ExceptionManager.PASS

    def _restart_now(self) -> None:
        for action in self._before_restart:
            self._quietly(action)
        self.restart()

    @staticmethod
    def _quietly(action) -> None:
        try:
            action()
        except Exception:  # recovering must never raise into Kivy's loop again
            log.exception("could not recover the screen after a fault")
