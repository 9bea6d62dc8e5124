"""How much the kiosk takes: sizes no museum text reaches, but a paste accident does.

A stop's text of a few megabytes once passed ``check`` and then froze the kiosk in Kivy's
text layout. Each limit here is several times what a museum would write (a stop's text
of 12,000 characters is a quarter of an hour of reading) and far below what the screen
can lay out in one texture with larger text. ``check`` and the kiosk refuse past them
with the place and what to do; nothing past them is ever drawn.
"""

from __future__ import annotations

#: Characters per field, in each language.
TITLE_CHARS = 160          #: a stop's title, the museum's name and subtitle
TEXT_CHARS = 12_000        #: a stop's story
CAPTION_CHARS = 600        #: a picture's caption
NOTE_CHARS = 1_500         #: a content note before a difficult stop

#: Sizes of whole files.
TOUR_FILE_BYTES = 8 * 2**20     #: stops.yaml
#: one .vtt file (the captions reader's own limit)
from ..captions import MAX_FILE_BYTES as CAPTIONS_FILE_BYTES  # noqa: E402
#: Stops in one tour (the keypad takes numbers 1-9999; a museum has some tens).
TOUR_STOPS = 2_000


def megabytes(size: int) -> str:
    """``size`` in words staff read: "8 MB", "0.3 MB"."""
    value = size / 2**20
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"
