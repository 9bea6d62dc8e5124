"""`python main.py run`: start the kiosk on the tour in the content folder."""

from __future__ import annotations

import sys
from pathlib import Path

from ..paths import ensure_data_dir


def build_app(content_dir: Path, data_dir: Path, player=None, **app_kwargs):
    """The real app on the real tour; raises ContentError if the tour cannot be loaded."""
    from ..audio import PygameAudio
    from ..content import load_tour
    from ..narration import NarrationPlayer
    from .app import KioskApp

    tour = load_tour(content_dir)
    if player is None:
        backend = PygameAudio()
        backend.open()
        player = NarrationPlayer(backend)
    return KioskApp(tour, player, **app_kwargs)


def run_kiosk(content_dir: Path, data_dir: Path, windowed: bool = False) -> int:
    from ..content import ContentError

    try:
        ensure_data_dir(data_dir)
    except OSError as error:
        print(f"The data folder {data_dir} cannot be created ({error.strerror}). "
              "Choose another with --data DIR.", file=sys.stderr)
        return 2
    from .bootstrap import prepare_kivy

    prepare_kivy(data_dir, windowed=windowed)
    try:
        app = build_app(content_dir, data_dir)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        print("\nThe tour cannot be shown until these are fixed; "
              "`python main.py check` lists them.", file=sys.stderr)
        return 1
    app.run()
    return 0
