"""Sample recordings and their captions: a sine tone as OGG Vorbis, two WebVTT cues."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from kiosk import vtt
from kiosk.vtt import Cue


def tone(path: Path, seconds: float, pitch: float = 220.0) -> None:
    """A quiet sine tone of ``seconds`` at ``pitch`` Hz, written as OGG Vorbis."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rate = 22050
    t = np.arange(int(seconds * rate)) / rate
    soundfile.write(str(path), 0.2 * np.sin(2 * np.pi * pitch * t), rate,
                    format="OGG", subtype="VORBIS")


def captions(path: Path, seconds: float, language: str,
             words: tuple[str, str] = ("First", "Second")) -> None:
    """Two cues splitting ``seconds`` in half: "First (kk)", "Second (kk)" (or ``words``)."""
    half = seconds / 2
    cues = (Cue(0.0, half, f"{words[0]} ({language})"),
            Cue(half, seconds, f"{words[1]} ({language})"))
    path.write_text(vtt.write(cues), encoding="utf-8")
