"""Content that is huge or strange: refused with its place, never hanging or freezing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.check import run_check
from kiosk.content import ContentError, read_tour
from kiosk.content import limits
from samples import make_tour

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> Path:
    return make_tour(tmp_path_factory.mktemp("tour"), stops=2, seconds=3.0)


def edited(tour: Path, tmp_path: Path, old: str, new: str) -> Path:
    """A copy of ``tour`` whose stops.yaml has ``old`` replaced by ``new`` (once)."""
    copy = tmp_path / "content"
    shutil.copytree(tour, copy)
    text = (tour / "stops.yaml").read_text(encoding="utf-8")
    assert old in text
    (copy / "stops.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def check_lines(content: Path) -> tuple[int, list[str]]:
    printed: list[str] = []
    return run_check(content, out=printed.append), printed


def line_of(content: Path, needle: str) -> int:
    lines = (content / "stops.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_a_pasted_document_in_a_stops_text_is_refused_at_its_line(tour, tmp_path):
    pasted = "Лагерь. " * 1_999 + "Лагерь.."           # 16,000 characters
    content = edited(tour, tmp_path, "ru: 'Остановка 102: text.'", f"ru: {pasted}")
    code, printed = check_lines(content)
    assert code == 1
    line = line_of(content, "ru: Лагерь.")
    message = next(p for p in printed if "characters long" in p)
    assert message.startswith(f"stops.yaml:{line}:")
    assert "the text in ru is 16,000 characters long, more than the 12,000" in message
    with pytest.raises(ContentError):               # the kiosk keeps its last good tour
        read_tour(content).valid_tour()


@pytest.mark.parametrize("field, old, limit", [
    ("title", "en: Stop 101\n", limits.TITLE_CHARS),
    ("caption of picture 1", "en: Stop 101, picture 1", limits.CAPTION_CHARS),
])
def test_each_field_has_its_own_limit(tour, tmp_path, field, old, limit):
    long = "x" * (limit + 1)
    content = edited(tour, tmp_path, old, old.replace(old.split(": ", 1)[1].strip(), long))
    code, printed = check_lines(content)
    assert code == 1
    assert any(f"the {field} in en is {limit + 1:,} characters long" in p for p in printed)
    just_right = edited(tour, tmp_path / "ok", old,
                        old.replace(old.split(": ", 1)[1].strip(), "x" * limit))
    assert run_check(just_right, out=lambda _line: None) == 0


def test_a_tour_file_far_too_large_is_refused_before_it_is_parsed(tour, tmp_path):
    content = edited(tour, tmp_path, "stops:\n", "# " + "x" * limits.TOUR_FILE_BYTES + "\nstops:\n")
    code, printed = check_lines(content)
    assert code == 1
    assert printed[0].startswith("stops.yaml:1:1: stops.yaml is 8.0 MB, more than the 8 MB")


def test_a_named_pipe_instead_of_stops_yaml_is_named_not_waited_for(tour, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    os.mkfifo(content / "stops.yaml")
    # a subprocess: if check waited on the pipe, this test would stop at the timeout
    done = subprocess.run([sys.executable, "main.py", "check", "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KIVY_NO_ARGS": "1"})
    assert done.returncode == 1
    assert "stops.yaml is a named pipe, not an ordinary file" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_tour_whose_every_stop_is_hidden_is_an_error(tour, tmp_path):
    content = edited(tour, tmp_path, "  number: 101\n", "  number: 101\n  hidden: true\n")
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    (content / "stops.yaml").write_text(
        text.replace("  number: 102\n", "  number: 102\n  hidden: true\n"), encoding="utf-8")
    code, printed = check_lines(content)
    assert code == 1
    assert any(f"stops.yaml:{line_of(content, 'stops:')}:1: every stop is hidden" in p
               for p in printed)


def test_an_alias_bomb_in_a_stops_text_is_placed_at_its_line(tour, tmp_path):
    levels = ["&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    content = edited(tour, tmp_path, "ru: 'Остановка 102: text.'", "ru: [" + ", ".join(levels) + "]")
    code, printed = check_lines(content)
    assert code == 1
    assert printed[0].startswith(f"stops.yaml:{line_of(content, '&a0')}:")
    assert "repeats itself through anchors" in printed[0]


def test_deep_brackets_in_a_stops_text_are_placed_at_their_line(tour, tmp_path):
    content = edited(tour, tmp_path, "ru: 'Остановка 102: text.'",
                     "ru: " + "[" * 100_000 + "]" * 100_000)
    code, printed = check_lines(content)
    assert code == 1
    assert printed[0].startswith(f"stops.yaml:{line_of(content, '[[[[')}:")
    assert "nests lists and groups far too deeply" in printed[0]


def test_captions_far_too_large_are_refused_by_check_and_not_read_by_the_kiosk(tour, tmp_path):
    from kiosk.captions import Captions, CaptionsError

    content = edited(tour, tmp_path, "museum:", "museum:")
    vtt = content / "assets/audio/ru/stop-1.vtt"
    cue = "\n00:00:00.000 --> 00:00:01.000\n" + "Вставлено по ошибке. " * 20 + "\n"
    vtt.write_text("WEBVTT\n" + cue * ((limits.CAPTIONS_FILE_BYTES // len(cue.encode())) + 10),
                   encoding="utf-8")
    code, printed = check_lines(content)
    assert code == 1
    assert any("assets/audio/ru/stop-1.vtt" in line and "more than the 2 MB captions may be"
               in line for line in printed)
    with pytest.raises(CaptionsError, match="far more than captions ever need"):
        Captions.load(vtt)
