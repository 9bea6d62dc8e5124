"""A recording cut short while copying is told from a whole one by its last Ogg page."""

import numpy as np
import pytest
import soundfile

from kiosk.content.ogg_end import ends_cleanly


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    path = tmp_path_factory.mktemp("ogg") / "whole.ogg"
    rate = 22050
    t = np.arange(rate * 20) / rate
    soundfile.write(path, 0.3 * np.sin(2 * np.pi * 220 * t), rate, format="OGG",
                    subtype="VORBIS")
    return path


def cut(whole, tmp_path, fraction):
    data = whole.read_bytes()
    path = tmp_path / f"cut-{fraction}.ogg"
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def test_a_whole_recording_ends_cleanly(whole):
    assert ends_cleanly(whole)


@pytest.mark.parametrize("fraction", [0.5, 0.9, 0.999])
def test_a_recording_cut_short_does_not(whole, tmp_path, fraction):
    shorter = cut(whole, tmp_path, fraction)
    assert soundfile.info(shorter).duration > 0  # it still opens and plays, shorter
    assert not ends_cleanly(shorter)


def test_cut_exactly_between_two_pages_is_still_told(whole, tmp_path):
    data = whole.read_bytes()
    boundary = data.rfind(b"OggS", 0, len(data) // 2)
    path = tmp_path / "between-pages.ogg"
    path.write_bytes(data[:boundary])
    assert not ends_cleanly(path)


def test_every_demo_recording_ends_cleanly():
    from pathlib import Path

    demo = sorted((Path(__file__).resolve().parents[2] / "assets/audio").rglob("*.ogg"))
    assert demo and all(ends_cleanly(path) for path in demo)


def test_a_file_that_is_not_ogg_is_not_called_cut(tmp_path):
    path = tmp_path / "really-a-wav.ogg"
    soundfile.write(path, np.zeros(22050), 22050, format="WAV")
    assert ends_cleanly(path)
