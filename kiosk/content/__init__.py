"""The tour model: stops.yaml read, validated and turned into a Tour. No Kivy here."""

from .errors import ContentError, Problem, Severity
from .loader import TOUR_FILE, TourReading, read_tour, read_tour_text
from .model import INTERFACE_LANGUAGES, Museum, Narration, Picture, Stop, StopKind, pick
from .tour import Tour

__all__ = ["ContentError", "Problem", "Severity", "TOUR_FILE", "TourReading", "read_tour", "read_tour_text",
           "INTERFACE_LANGUAGES", "Museum", "Narration", "Picture", "Stop", "StopKind",
           "pick", "Tour"]
