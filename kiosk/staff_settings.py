"""Settings staff change at the kiosk itself (the staff panel), kept in the data folder.

stops.yaml gives the museum's defaults for the idle timeout and the volume; what staff
set on the panel overrides them on this kiosk only, and survives restarts. Each kiosk also
keeps where it stands ("You are here": a plan of museum.maps and a point on it), since all
kiosks share one stops.yaml. Bad or damaged values are ignored (the defaults apply, or no
"You are here"), never fatal. No Kivy here.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_bytes_atomically

if TYPE_CHECKING:  # the model (pydantic) is imported when a tour is taken up
    from .content.model import KioskSettings

log = logging.getLogger(__name__)

FILE = "staff-settings.json"
#: The only settings the panel may change.
EDITABLE = ("idle_timeout", "default_volume")
#: Where this kiosk stands on the plans: {"map": plan id, "x": 0..1, "y": 0..1}.
HERE = "here"


class StaffSettings:
    """Overrides of :class:`KioskSettings` saved in ``data_dir/staff-settings.json``."""

    def __init__(self, data_dir: str | Path):
        self.path = Path(data_dir) / FILE

    def _read(self) -> dict:
        try:
            values = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("ignoring %s (%s); the museum's defaults apply", self.path, error)
            return {}
        return values if isinstance(values, dict) else {}

    def load(self) -> dict:
        return {k: v for k, v in self._read().items() if k in EDITABLE}

    def here(self) -> tuple[str, float, float] | None:
        """(plan id, x, y) where this kiosk stands, x and y fractions of the plan from its
        top-left corner; None when not set or not valid."""
        here = self._read().get(HERE)
        try:
            plan, x, y = here["map"], float(here["x"]), float(here["y"])
        except (TypeError, KeyError, ValueError):
            return None
        if not isinstance(plan, str) or not (0 <= x <= 1 and 0 <= y <= 1):
            return None
        return plan, x, y

    def save_here(self, plan: str, x: float, y: float) -> None:
        """Where this kiosk stands, from the staff panel's plan; atomic."""
        values = self._read()
        values[HERE] = {"map": plan, "x": round(min(1.0, max(0.0, x)), 4),
                        "y": round(min(1.0, max(0.0, y)), 4)}
        self._write(values)

    def apply(self, defaults: KioskSettings) -> KioskSettings:
        """The museum's settings with this kiosk's overrides, if they are valid."""
        from pydantic import ValidationError

        from .content.model import KioskSettings

        overrides = self.load()
        if not overrides:
            return defaults
        try:
            return KioskSettings.model_validate({**defaults.model_dump(), **overrides})
        except ValidationError as error:
            log.warning("ignoring staff settings %s: %s", overrides, error)
            return defaults

    def save(self, **values) -> None:
        """Keep ``values`` (validated by the caller through :meth:`apply`); atomic."""
        current = self._read()
        current.update({k: v for k, v in values.items() if k in EDITABLE})
        self._write(current)

    def _write(self, values: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(self.path, json.dumps(values).encode("utf-8"))
