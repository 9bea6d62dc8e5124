"""`python main.py check`: exit status, the summary, the coverage table, the media checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile
from PIL import Image

from kiosk.check import check_content, run_check
from kiosk.content import inspections, media_checks
from kiosk.content.captions import CUE_TOLERANCE, inspect_captions
from kiosk.content.pictures import inspect_image
from kiosk.content.recordings import inspect_audio
from kiosk.vtt import clock as stamp
from kiosk.vtt import seconds
from samples import make_tour

ROOT = Path(__file__).resolve().parents[2]


def run(content: Path, strict: bool = False) -> tuple[int, list[str]]:
    printed: list[str] = []
    return run_check(content, out=printed.append, strict=strict), printed


def edit(content: Path, old: str, new: str, count: int = 1) -> None:
    path = content / "stops.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def tour(tmp_path) -> Path:
    """Three stops, the last without English narration (samples.make_tour)."""
    return make_tour(tmp_path / "tour", stops=3, seconds=3, shared_recording=True)


# ------------------------------------------------------------ the whole check


def test_a_clean_tour_passes_with_a_short_summary(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=3)
    status, printed = run(content)
    assert status == 0
    assert printed == [
        "stops.yaml is fine: 1 stops in kk, ru, en.",
        "Checked 1 stop(s), 3 recording(s) (0 min 09 s of recorded sound), 3 caption file(s) and "
        "1 picture(s).",
    ]
    assert run(content, strict=True)[0] == 0


def test_warnings_fail_only_with_strict_and_come_with_the_coverage_table(tour):
    status, printed = run(tour)
    assert status == 0
    assert printed == [
        "stops.yaml:76:3: warning: stop 103 'stop-3' has no narration in en; add it, or "
        "visitors who choose English will hear nothing here (see the table at the end)",
        "",
        "stops.yaml is fine: 3 stops in kk, ru, en; 1 warning(s) above.",
        "Checked 3 stop(s), 1 recording(s) (0 min 03 s of recorded sound), 8 caption file(s) and "
        "5 picture(s).",
        "",
        "Which stops lack which language (hidden stops are left out):",
        "stop  id      kk  ru  en",
        "103   stop-3  ok  ok  narration",
    ]
    status, printed = run(tour, strict=True)
    assert status == 1
    assert printed[2] == ("0 error(s), 1 warning(s): with --strict, warnings count as errors. "
                          "Fix the lines above, then run check again.")


def test_the_coverage_table_marks_narration_title_and_text(tour):
    edit(tour, "    kk: 'Аялдама 101: text.'\n", "")
    edit(tour, "    ru: Остановка 102\n", "")
    edit(tour, "    en: 'Stop 102: text.'\n", "")
    status, printed = run(tour)
    assert status == 0
    at = printed.index("Which stops lack which language (hidden stops are left out):")
    assert printed[at + 1:] == [
        "stop  id      kk    ru     en",
        "101   stop-1  text  ok     ok",
        "102   stop-2  ok    title  text",
        "103   stop-3  ok    ok     narration",
    ]


def test_hidden_stops_are_left_out_of_the_table(tour):
    edit(tour, "- id: stop-3\n", "- id: stop-3\n  hidden: true\n")
    status, printed = run(tour)
    assert status == 0
    assert printed == ["stops.yaml is fine: 2 stops in kk, ru, en.",
                       "Checked 3 stop(s) (1 hidden), 1 recording(s) (0 min 03 s of recorded sound), "
                       "8 caption file(s) and 5 picture(s)."]


def test_errors_fail_and_every_problem_is_listed_in_file_order(tour):
    edit(tour, "kind: sculpture", "kind: sculptur")
    (tour / "assets/images/stop-1-1.jpg").write_bytes(b"not a picture")
    (tour / "assets/audio/en/stop-2.vtt").write_text("00:00:00.000 --> 00:00:01.000\nHi\n")
    status, printed = run(tour)
    assert status == 1
    problems = [line for line in printed if line.startswith("stops.yaml:")]
    assert [p.split(": ", 1)[0] for p in problems] == [
        "stops.yaml:34:11", "stops.yaml:41:9", "stops.yaml:76:3"]
    assert ("2 error(s), 1 warning(s): the kiosk cannot use this stops.yaml yet. Fix the lines "
            "above, then run check again.") in printed


def test_media_errors_leave_the_kiosk_able_to_start(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=3, shared_recording=True)
    (content / "assets/audio/shared.ogg").write_bytes(b"OggS" + os.urandom(3000))
    status, printed = run(content)
    assert status == 1
    # one file named by three narrations: decoded once, an error at each place naming it
    assert [line.split(": ", 1)[0] for line in printed[:3]] == [
        "stops.yaml:25:14", "stops.yaml:28:14", "stops.yaml:31:14"]
    assert all(": the recording 'assets/audio/shared.ogg' cannot be decoded: it is damaged"
               in line for line in printed[:3])
    assert printed[4] == ("3 error(s), 0 warning(s): the kiosk would start, but visitors would "
                          "meet the problems above. Fix them, then run check again.")


def test_no_stops_yaml_at_all(tmp_path):
    status, printed = run(tmp_path)
    assert status == 1
    assert printed[0] == (f"stops.yaml:1:1: there is no stops.yaml in {tmp_path.resolve()}; "
                          "create it or point --content at the folder that has it")


def test_a_file_named_by_many_stops_is_opened_once(tour, monkeypatch):
    opened: list[str] = []
    real = media_checks.inspect_audio

    def counting(path):
        opened.append(path)
        return real(path)

    counting.__name__ = real.__name__
    monkeypatch.setattr(media_checks, "inspect_audio", counting)
    report = check_content(tour)
    assert len(opened) == 1 and report.media.recordings == 1  # shared.ogg, named 8 times


def test_check_through_the_command_line_with_strict(tour):
    env = dict(os.environ, KIVY_NO_ARGS="1")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--content",
                             str(tour), "--strict"], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("stops.yaml:76:3: warning: stop 103")
    assert result.stderr == ""


def test_the_demo_tour_is_clean_even_with_strict():
    status, printed = run(ROOT, strict=True)
    assert status == 0, "\n".join(printed)
    assert printed[0] == "stops.yaml is fine: 16 stops in kk, ru, en."


# --------------------------------------------------------------- recordings


def _sound(path: Path, seconds_: float, fmt: str, subtype: str, rate: int = 22050) -> Path:
    t = np.arange(int(seconds_ * rate)) / rate
    soundfile.write(str(path), 0.2 * np.sin(2 * np.pi * 330 * t), rate, format=fmt,
                    subtype=subtype)
    return path


@pytest.mark.parametrize("fmt, subtype, suffix", [("OGG", "VORBIS", ".ogg"),
                                                 ("WAV", "PCM_16", ".wav"),
                                                 ("MP3", "MPEG_LAYER_III", ".mp3")])
def test_each_allowed_format_decodes(tmp_path, fmt, subtype, suffix):
    report = inspect_audio(_sound(tmp_path / f"a{suffix}", 2.0, fmt, subtype))
    assert report.error is None
    assert report.duration == pytest.approx(2.0, abs=0.06)


def test_a_recording_cut_short_is_found(tmp_path):
    wav = _sound(tmp_path / "a.wav", 2.0, "WAV", "PCM_16")
    wav.write_bytes(wav.read_bytes()[: wav.stat().st_size // 2])
    assert inspect_audio(wav).error == ("is cut short: its header promises 2.0 s but the file "
                                        "holds only 1.0 s; copy or export it again")
    ogg = _sound(tmp_path / "a.ogg", 2.0, "OGG", "VORBIS")
    ogg.write_bytes(ogg.read_bytes()[:300])
    assert inspect_audio(ogg).error.startswith("cannot be decoded: it is damaged")


def test_a_wav_renamed_ogg_still_plays(tmp_path):
    path = _sound(tmp_path / "a.wav", 1.0, "WAV", "PCM_16")
    assert inspect_audio(path.rename(tmp_path / "a.ogg")).error is None


# ----------------------------------------------------------------- captions


def _vtt(tmp_path: Path, body: str, name: str = "c.vtt") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_times_are_exact_to_the_millisecond():
    assert seconds("00:01:02.345") == pytest.approx(62.345)
    assert seconds("01:00:00.001") == pytest.approx(3600.001)
    assert seconds("02.500") is None and seconds("00:61:00.000") is None
    assert stamp(62.345) == "00:01:02.345"


def test_captions_parse_into_cues_with_their_lines(tmp_path):
    path = _vtt(tmp_path, "WEBVTT\n\nNOTE a comment\n\nintro\n00:00:00.500 --> 00:00:01.250\n"
                          "Hello\nthere\n\n00:00:01.250 --> 00:00:02.000 align:start\nBye\n")
    report = inspect_captions(path)
    assert report.problems == ()
    assert [(c.line, c.start, c.end, c.text) for c in report.cues] == [
        (6, 0.5, 1.25, "Hello there"), (10, 1.25, 2.0, "Bye")]


def test_caption_problems_name_their_line(tmp_path):
    path = _vtt(tmp_path, "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nBackwards\n\n"
                          "00:00:00.500 --> 00:00:01.000\nEarlier\n\n00:00:03.000 --> \n"
                          "No end\n\n00:00:04.000 --> 00:00:05.000\n")
    report = inspect_captions(path)
    assert [(line, severity.value) for line, _, severity in report.problems] == [
        (9, "error"), (12, "warning"), (3, "error"), (6, "warning")]
    assert report.problems[2][1] == ("the caption 'Backwards' ends (00:00:01.000) before it "
                                     "starts (00:00:02.000); correct the times")


def test_a_cue_may_end_within_the_tolerance_but_not_after(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=3)
    vtt = content / "assets/audio/en/stop-1.vtt"
    vtt.write_text(f"WEBVTT\n\n00:00:00.000 --> {stamp(3.0 + CUE_TOLERANCE)}\nFits\n",
                   encoding="utf-8")
    assert run(content)[0] == 0
    vtt.write_text(f"WEBVTT\n\n00:00:00.000 --> {stamp(3.0 + CUE_TOLERANCE + 0.001)}\nLate\n",
                   encoding="utf-8")
    status, printed = run(content)
    assert status == 1
    assert printed[0].endswith(
        "assets/audio/en/stop-1.vtt line 3: the caption 'Late' ends at 00:00:03.501, after the "
        "end of the recording 'assets/audio/en/stop-1.ogg' (3.0 s); make it end by 00:00:03.000, "
        "or check that these captions belong to this recording")


def test_captions_that_are_not_utf8_or_empty(tmp_path):
    latin = tmp_path / "l.vtt"
    latin.write_bytes("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nCafé\n".encode("latin-1"))
    assert inspect_captions(latin).problems[0][:2] == (
        4, "this line is not UTF-8 text; save the file as UTF-8 (in Notepad: Save as, "
           "Encoding UTF-8)")
    empty = _vtt(tmp_path, "WEBVTT\n")
    assert inspect_captions(empty).problems[0][1].startswith("have no captions in them")


# ----------------------------------------------------------------- pictures


def test_pictures_png_checked_by_checksum_and_huge_ones_warned(tmp_path):
    png = tmp_path / "p.png"
    Image.new("RGB", (64, 48), (10, 200, 30)).save(png)
    assert inspect_image(png).error is None
    data = bytearray(png.read_bytes())
    data[len(data) // 2] ^= 0xFF
    png.write_bytes(bytes(data))
    assert inspect_image(png).error.startswith("cannot be read as a picture: it is damaged")
    big = tmp_path / "big.png"
    Image.new("L", (8200, 5000)).save(big, optimize=False, compress_level=1)
    report = inspect_image(big)
    assert report.error is None
    assert report.warning.startswith("is very large: 8200 x 5000 pixels (41 megapixels), ")


def test_a_picture_that_is_really_another_format(tmp_path):
    gif = tmp_path / "g.jpg"
    Image.new("P", (10, 10)).save(gif, format="GIF")
    assert inspect_image(gif).error == "is really a GIF picture, not a JPEG or PNG; save it " \
                                       "as JPEG or PNG"


# ---------------------------------------------------------------- benchmark


def test_the_benchmark_tour_is_clean_and_every_file_is_its_own(tmp_path):
    from samples import make_big_tour

    content = make_big_tour(tmp_path / "big", stops=20)
    report = check_content(content)
    assert report.problems == []
    assert (report.media.recordings, report.media.captions) == (60, 60)
    assert report.media.pictures == len(list((content / "assets/images").iterdir())) > 20


def test_worker_processes_find_what_one_process_finds(tmp_path, monkeypatch):
    from samples import make_big_tour

    content = make_big_tour(tmp_path / "big", stops=6)
    (content / "assets/audio/ru/arch-of-sorrow-0002.ogg").write_bytes(b"OggS" + bytes(500))
    (content / "assets/images/despair-and-hope-0003-1.jpg").write_bytes(b"\xff\xd8\xff")
    alone = check_content(content, workers=1)
    monkeypatch.setattr(inspections, "PARALLEL_FROM", 10)
    forked = []
    real = inspections.Inspections._in_processes

    def spy(cache, items):
        forked.append(len(items))
        return real(cache, items)

    monkeypatch.setattr(inspections.Inspections, "_in_processes", spy)
    shared = check_content(content, workers=2)
    assert forked and forked[0] > 10
    assert [str(p) for p in shared.problems] == [str(p) for p in alone.problems]
    assert len(alone.problems) == 2
    assert shared.media == alone.media
