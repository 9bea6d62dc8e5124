"""A missing file's message suggests only a file of the same kind."""

import shutil

from kiosk.check import run_check
from samples import make_tour


def test_a_missing_recording_is_never_offered_its_captions(tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=2.0, shared_recording=True)
    shutil.move(content / "assets/audio/shared.ogg", tmp_path / "elsewhere.ogg")
    (content / "assets/audio/shared.vtt").write_text("WEBVTT\n", encoding="utf-8")
    printed = []
    assert run_check(content, out=printed.append) == 1
    missing = [line for line in printed if "'assets/audio/shared.ogg' does not exist" in line]
    assert missing and not any(".vtt" in line for line in missing)


def test_a_misspelt_recording_is_offered_the_recording(tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=2.0, shared_recording=True)
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    (content / "stops.yaml").write_text(text.replace("assets/audio/shared.ogg",
                                                     "assets/audio/sharred.ogg", 1),
                                        encoding="utf-8")
    printed = []
    assert run_check(content, out=printed.append) == 1
    assert any("did you mean 'assets/audio/shared.ogg'?" in line for line in printed)
