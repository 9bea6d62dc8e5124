"""What the running kiosk is given from outside, as one object.

``build_app`` (kiosk.ui.launch) makes the real ones (the pygame speaker, the tour keeper,
the prepared pictures, the event log, the staff PIN and settings in the data folder); the
UI tests give a fake speaker and a fake clock. The app reads them; it never makes them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .faults import restart_process


@dataclass
class KioskServices:
    #: The visitor's narration player (kiosk.narration.NarrationPlayer).
    player: Any
    #: Seconds that only go forward: the idle timer, the fault guard, the figures.
    clock: Callable[[], float] = time.monotonic
    #: The interface words (kiosk.i18n.Catalogs); None loads the kiosk's own.
    catalogs: Any = None
    #: Keeps the tour and reloads it after staff's edits (kiosk.tour_keeper.TourKeeper).
    keeper: Any = None
    #: Display-size copies of the pictures (kiosk.media.PreparedMedia).
    media: Any = None
    #: Where the visitors' figures go (kiosk.analytics.EventLog); None records nothing.
    event_log: Any = None
    #: The staff PIN (kiosk.pin.PinStore); None leaves the staff corner inert.
    pins: Any = None
    #: The kiosk's data folder (exports, the staff panel's self-test).
    data_dir: Path | None = None
    #: What staff set on this kiosk's panel (kiosk.staff_settings.StaffSettings).
    staff_settings: Any = None
    #: The spoken guide's voice (kiosk.speech.speaker); None: no spoken guide.
    speaker: Any = None
    #: Starts the kiosk again after too many faults.
    restart: Callable[[], None] = restart_process
