"""`check` reads a stop's audio description as it reads its narration: files that exist,
recordings that play, captions that fit them, every language the museum offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.check import run_check
from kiosk.content.loader import read_tour
from samples import make_tour


def run(content: Path) -> tuple[int, str]:
    printed: list[str] = []
    return run_check(content, out=printed.append), "\n".join(printed)


def edit(content: Path, old: str, new: str) -> None:
    path = content / "stops.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def tour(tmp_path) -> Path:
    """Two stops with descriptions; the second has no English at all."""
    return make_tour(tmp_path / "tour", stops=2, seconds=3, descriptions=True)


def test_descriptions_are_loaded_and_counted_beside_the_narration(tour):
    status, printed = run(tour)
    assert status == 0, printed
    # 3 + 2 narrations and 3 + 2 descriptions
    assert "10 recording(s) (0 min 30 s of recorded sound), 10 caption file(s)" in printed
    stop = read_tour(tour).tour.stop("stop-1")
    assert sorted(stop.description) == ["en", "kk", "ru"]
    assert stop.description["ru"].audio == "assets/audio/ru/stop-1-description.ogg"


def test_a_misspelt_description_file_is_an_error_at_its_line_with_the_right_name(tour):
    edit(tour, "assets/audio/en/stop-1-description.ogg", "assets/audio/en/stop-1-descripton.ogg")
    status, printed = run(tour)
    assert status == 1
    line = next(x for x in printed.splitlines() if "descripton" in x)
    assert line.startswith("stops.yaml:")
    assert "does not exist; did you mean 'assets/audio/en/stop-1-description.ogg'?" in line


def test_description_captions_longer_than_its_recording_are_an_error(tour):
    (tour / "assets/audio/ru/stop-1-description.vtt").write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:06.500\nОписание\n", encoding="utf-8")
    status, printed = run(tour)
    assert status == 1
    assert ("the caption 'Описание' ends at 00:00:06.500, after the end of the recording "
            "'assets/audio/ru/stop-1-description.ogg' (3.0 s)") in printed


def test_a_damaged_description_recording_is_an_error(tour):
    (tour / "assets/audio/kk/stop-1-description.ogg").write_bytes(b"OggS" + b"\0" * 200)
    status, printed = run(tour)
    assert status == 1
    assert "the recording 'assets/audio/kk/stop-1-description.ogg'" in printed


def test_a_description_missing_in_one_language_is_a_warning_in_the_table(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=3, descriptions=True)
    path = content / "stops.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    en:\n      audio: assets/audio/en/stop-1-description.ogg")
    end = text.index("\n", text.index("captions:", start)) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    status, printed = run(content)
    assert status == 0
    assert ("stop 101 'stop-1' has no description in en; add it, or visitors who choose "
            "English will hear no description of what is here") in printed
    assert printed.splitlines()[-1].split() == ["101", "stop-1", "ok", "ok", "description"]


def test_a_stop_without_any_description_is_not_asked_for_one(tmp_path):
    status, printed = run(make_tour(tmp_path / "tour", stops=1, seconds=3))
    assert status == 0 and "description" not in printed


def test_a_description_in_an_unknown_language_is_an_error_naming_the_right_one(tour):
    text = (tour / "stops.yaml").read_text(encoding="utf-8")
    start = text.index("  description:")
    edit(tour, text[start:text.index("kk:", start) + 3],
         text[start:text.index("kk:", start)] + "kz:")
    status, printed = run(tour)
    assert status == 1
    assert "'kz' is not a language the kiosk can offer; did you mean 'kk'?" in printed


def test_the_staff_guides_example_is_what_the_kiosk_reads():
    import re

    import yaml

    from kiosk.content.model import Narration

    guide = (Path(__file__).resolve().parents[2] / "docs/staff-guide.md").read_text(
        encoding="utf-8")
    section = guide.split("## Audio description", 1)[1].split("\n## ", 1)[0]
    block = yaml.safe_load(re.findall(r"```yaml\n(.*?)```", section, re.S)[0])
    described = {code: Narration.model_validate(entry)
                 for code, entry in block["description"].items()}
    assert sorted(described) == ["en", "kk", "ru"]
    assert described["kk"].audio == "assets/audio/kk/arch-of-sorrow-description.ogg"
