"""The ALZHIR audio-guide kiosk.

The core (``kiosk.content``, ``kiosk.narration``, ``kiosk.audio``) never imports Kivy;
only ``kiosk.ui`` does, and only the ``run`` and ``selftest`` commands load it.
"""

__version__ = "0.1.0"
