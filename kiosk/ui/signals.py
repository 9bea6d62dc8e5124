"""SIGTERM and SIGINT end the kiosk cleanly: the visit log saved, then the process gone.

SDL would turn these signals into a window close request, which kiosk mode refuses (see
lockdown.py), so `systemctl stop` used to wait for the unit's time-out and end in SIGKILL
with the last visitor events still in memory. Here Python handles them instead: the
handler asks Kivy's Clock to stop the App, whose ``on_stop`` closes the visit log (which
writes what is queued), and the kiosk ends with status 128 + the signal's number (143 for
SIGTERM, 130 for SIGINT), as a shell reports a program a signal ended. Never 0: status 0
means staff left kiosk mode, and the unit does not start the kiosk again after it.

If the UI thread has not stopped ``GRACE`` seconds after the signal (busy, or stuck), the
visit log is flushed from a helper thread and the process ends anyway with the same status.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

log = logging.getLogger(__name__)

#: The signals that stop the kiosk.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
#: Seconds the App gets to stop by itself before the process is ended for it.
GRACE = 1.5


def exit_status(signum: int) -> int:
    """The status the kiosk ends with after ``signum``: 143 for SIGTERM, 130 for SIGINT."""
    return 128 + int(signum)


class SignalStop:
    """Stops ``app`` on SIGTERM or SIGINT. ``install()`` before ``app.run()``."""

    def __init__(self, app, grace: float = GRACE):
        self.app = app
        self.grace = grace
        self.received: int | None = None
        self._previous: dict[int, object] = {}

    @property
    def status(self) -> int | None:
        """The exit status a signal asks for, or None if none came."""
        return None if self.received is None else exit_status(self.received)

    def install(self) -> None:
        for signum in STOP_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)

    def remove(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _on_signal(self, signum, _frame) -> None:
        # Runs on the main thread between two Python steps, perhaps inside Kivy's Clock:
        # the Clock is asked from a thread of its own, never from here.
        if self.received is not None:
            return  # already stopping
        self.received = signum
        threading.Thread(target=self._stop, name="signal-stop", daemon=True).start()

    def _stop(self) -> None:
        from kivy.clock import Clock

        log.warning("The kiosk received %s: it saves the visit log and stops (exit status %s).",
                    signal.Signals(self.received).name, self.status)
        done = threading.Event()
        Clock.schedule_once(lambda _dt: self._stop_app(done), 0)
        if done.wait(self.grace):
            return
        # The UI thread did not get to it in time: save what can be saved and end.
        event_log = getattr(self.app, "event_log", None)
        if event_log is not None:
            event_log.flush()
        log.error("The kiosk did not stop within %g s of the signal; the visit log was saved "
                  "and the process ends now.", self.grace)
        logging.shutdown()
        os._exit(self.status)

    def _stop_app(self, done: threading.Event) -> None:
        try:
            self.app.stop()  # on_stop closes the visit log: every queued event written
        finally:
            done.set()
