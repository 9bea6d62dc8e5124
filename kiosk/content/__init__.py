"""The tour model: stops.yaml read, validated and turned into a Tour. No Kivy here.

The light names (the problems, the interface's words) are imported at once; the reader
and the model, which import pydantic and YAML, only when first asked for. So the kiosk
draws its first screen from the home card (kiosk.content.card) before they are loaded,
while ``from kiosk.content import read_tour`` works as it always did.
"""

from importlib import import_module

from .errors import ContentError, Problem, Severity
from .formats import TOUR_FILE
from .words import INTERFACE_LANGUAGES, StopKind, pick

#: Each name kept behind a first use -> the module of this package that defines it.
_LATER = {"TourReading": "loader", "read_tour": "loader", "read_tour_text": "loader",
          "Museum": "model", "Narration": "model", "Picture": "model", "Stop": "model",
          "Tour": "tour"}

__all__ = ["ContentError", "Problem", "Severity", "TOUR_FILE", "INTERFACE_LANGUAGES",
           "StopKind", "pick", *_LATER]


def __getattr__(name: str):
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # asked once: a plain attribute from then on
    return value
