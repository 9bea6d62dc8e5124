"""Settings staff change at the kiosk itself (the staff panel), kept in the data folder.

stops.yaml gives the museum's defaults for the idle timeout and the volume; what staff
set on the panel overrides them on this kiosk only, and survives restarts. Bad or
damaged values are ignored (the defaults apply), never fatal. No Kivy here.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pydantic import ValidationError

from .atomic import write_bytes_atomically
from .content.model import KioskSettings

log = logging.getLogger(__name__)

FILE = "staff-settings.json"
#: The only settings the panel may change.
EDITABLE = ("idle_timeout", "default_volume")


class StaffSettings:
    """Overrides of :class:`KioskSettings` saved in ``data_dir/staff-settings.json``."""

    def __init__(self, data_dir: str | Path):
        self.path = Path(data_dir) / FILE

    def load(self) -> dict:
        try:
            values = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("ignoring %s (%s); the museum's defaults apply", self.path, error)
            return {}
        return {k: v for k, v in values.items() if k in EDITABLE} if isinstance(values, dict) else {}

    def apply(self, defaults: KioskSettings) -> KioskSettings:
        """The museum's settings with this kiosk's overrides, if they are valid."""
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
        current = self.load()
        current.update({k: v for k, v in values.items() if k in EDITABLE})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(self.path, json.dumps(current).encode("utf-8"))
