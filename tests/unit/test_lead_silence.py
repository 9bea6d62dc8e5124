"""A recording that starts with a long silence: the visitor taps play and hears nothing.
`check` warns staff of more than 0.3 s, with the file and the figure."""

from __future__ import annotations

import numpy as np
import soundfile

from kiosk.check import run_check
from kiosk.content.recordings import inspect_audio
from samples import make_tour

RATE = 22050


def speech_after(path, silence: float, seconds: float = 3.0) -> None:
    t = np.arange(int(seconds * RATE)) / RATE
    sound = 0.3 * np.sin(2 * np.pi * 220 * t)
    soundfile.write(str(path), np.concatenate([np.zeros(int(silence * RATE)), sound]), RATE,
                    format="OGG", subtype="VORBIS")


def test_check_warns_of_a_long_silence_before_the_first_sound(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=1, seconds=3)
    speech_after(tour / "assets/audio/en/stop-1.ogg", 0.5)
    speech_after(tour / "assets/audio/ru/stop-1.ogg", 0.2)  # short enough
    printed = []
    assert run_check(tour, out=printed.append) == 0  # a warning, not an error
    warned = [line for line in printed if "of silence" in line]
    assert len(warned) == 1, printed
    assert "warning: the recording 'assets/audio/en/stop-1.ogg' starts with 0.5" in warned[0]
    assert "trim the silence at its start to 0.1 s or less" in warned[0]
    assert warned[0].startswith("stops.yaml:")
    assert run_check(tour, out=[].append, strict=True) == 1


def test_silence_measured_where_the_sound_begins(tmp_path):
    for silence, expected in ((0.0, None), (0.25, None), (0.31, 0.31), (0.6, 0.6),
                              (4.0, 3.0)):
        path = tmp_path / f"lead-{silence}.ogg"
        speech_after(path, silence)
        lead = inspect_audio(path).lead_silence
        if expected is None:
            assert lead is None, (silence, lead)
        else:
            assert abs(lead - expected) < 0.01, (silence, lead)
    assert "starts with 0.60 s of silence" in inspect_audio(tmp_path / "lead-0.6.ogg").warning
    assert "starts with 3.00 s or more of silence" in inspect_audio(tmp_path / "lead-4.0.ogg").warning
