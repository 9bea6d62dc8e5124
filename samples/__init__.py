"""Makes sample content for tests and benchmarks: tours, photographs, recordings, visits in
a kiosk's visit log; and reads back what the log saved.

Everything here writes real files (OGG Vorbis recordings, WebVTT captions, JPEG
pictures, stops.yaml) that the kiosk reads as it reads a museum's own tour. Nothing in
the kiosk imports this package; the tests and the benchmarks both do, and neither
imports the other.
"""

from .photographs import make_photo, picture
from .recordings import captions, tone
from .tours import LANGUAGES, PEOPLE, TITLES, edit_tour, make_big_tour, make_tour, write_names
from .visit_logs import record_visits, saved_events, saved_kinds

__all__ = ["LANGUAGES", "PEOPLE", "TITLES", "captions", "edit_tour", "make_big_tour", "make_photo", "make_tour",
           "picture", "record_visits", "saved_events", "saved_kinds", "tone", "write_names"]
