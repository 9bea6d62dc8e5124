"""Between visitors the kiosk tidies its memory, once the attract screen is up.

:func:`kiosk.memory.tidy` (Python's garbage collected, free heap given back) runs
:data:`TIDY_AFTER` seconds after a visit ends, and only if the attract screen is still
showing then: a visitor who touches it straight away never waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kivy.clock import Clock

from ..memory import Tidied, tidy

log = logging.getLogger(__name__)

#: Seconds after a visit ends (the attract screen is drawn by then) before tidying.
TIDY_AFTER = 1.0


class Housekeeper:
    """Tidies after each visit; ``resting()`` says whether the kiosk still waits for one."""

    def __init__(self, resting: Callable[[], bool], tidy: Callable[[], Tidied] = tidy):
        self._resting = resting
        self._tidy = tidy
        self._trigger = Clock.create_trigger(self._run, TIDY_AFTER)
        #: How many tidies were done, and the last one's result (for tests and the log).
        self.done = 0
        self.last: Tidied | None = None

    def visit_ended(self) -> None:
        self._trigger()

    def _run(self, _dt) -> None:
        if not self._resting():
            return  # a new visitor came: the next visit's end will do
        self.last = self._tidy()
        self.done += 1
        log.debug("tidied between visitors: %d objects collected, heap %s, %.0f ms",
                  self.last.collected, "given back" if self.last.trimmed else "kept",
                  self.last.seconds * 1000)
