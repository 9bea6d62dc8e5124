"""The thread that prepares a tour's display copies in the background (``kiosk.media``).

One job runs at a time. A new tour while one runs cancels it between two pictures and is
prepared next; a tour still waiting is replaced. After a complete job the cache is pruned to
the pictures of this tour and of the tour prepared before it (the screen may still show one
of those until the visitor leaves that stop). No Kivy here.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Callable

log = logging.getLogger(__name__)


class PictureWorker:
    """Runs ``media.prepare_tour`` and ``media.prune`` in one daemon thread."""

    def __init__(self, media, report_type):
        self._media = media
        self._report = report_type  #: PrepareReport: made here for a superseded job
        self._thread: threading.Thread | None = None
        self._wake = threading.Condition()
        self._pending: list[tuple[object, Callable | None, bool]] = []
        self._cancel = threading.Event()
        self._busy = False
        self._previous_hashes: set[str] = set()

    def start(self, tour, on_done: Callable | None, prune: bool) -> None:
        """Queue ``tour``; ``on_done(report)`` is called once, from the worker thread
        (``report.cancelled`` is true for a job that was superseded)."""
        with self._wake:
            superseded = [done for _, done, _ in self._pending if done is not None]
            self._pending = [(tour, on_done, prune)]
            if self._busy:
                self._cancel.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="prepared-media",
                                                daemon=True)
                self._thread.start()
            self._wake.notify_all()
        for done in superseded:
            _call(done, self._report(cancelled=True))

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no job runs or waits; True if so within ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._wake:
            while self._busy or self._pending:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._wake.wait(left)
        return True

    def _work(self) -> None:
        _lower_this_threads_priority()
        while True:
            with self._wake:
                while not self._pending:
                    self._wake.wait()
                tour, on_done, prune = self._pending.pop(0)
                self._cancel.clear()
                self._busy = True
            report = self._report()
            try:
                report = self._media.prepare_tour(tour, cancel=self._cancel)
                if prune and not report.cancelled:
                    keep = report.hashes | self._previous_hashes
                    self._previous_hashes = set(report.hashes)
                    self._media.prune(keep)
            except Exception:  # never let the worker die
                log.exception("preparing pictures failed")
            if on_done is not None:
                _call(on_done, report)
            with self._wake:  # after on_done: wait_idle() means the callbacks have run
                self._busy = False
                self._wake.notify_all()


def _call(callback, report) -> None:
    try:
        callback(report)
    except Exception:
        log.exception("on_done callback failed")


def _lower_this_threads_priority() -> None:
    """On Linux, make the preparing thread nicer, so the UI thread keeps the CPU it needs."""
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread,
                       min(19, os.getpriority(os.PRIO_PROCESS, thread) + 10))
    except (AttributeError, OSError):
        pass
