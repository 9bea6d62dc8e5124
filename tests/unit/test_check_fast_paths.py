"""`check` reads as the kiosk's own readers do, and its workers find what one process finds.

- Recordings: ``inspect_audio`` gives every kind of file, good or broken, the report
  soundfile's plain reading gives (``soundfile.info`` for the length, ``soundfile.read``
  for the sound), with an Ogg cut short told by its last page.
- Captions: the one WebVTT reader (``kiosk.vtt``) takes as cues, on random caption files,
  exactly what webvtt-py (an independent reader) takes, with the same times and text, and
  names with a line everything webvtt-py drops or refuses.
- Worker processes started before stops.yaml is parsed, on the files its text seems to
  name: whatever the guess (paths it misses, files no valid stop names, a path outside
  the folder, a named pipe), the problems are those one process finds.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import vtt
from kiosk.check import check_content
from kiosk.content import inspections
from kiosk.content.captions import inspect_captions
from kiosk.content.recordings import MIN_SECONDS, inspect_audio
from tests.corpus.media import build_assets

# ------------------------------------------------------------------- recordings


def _sound(path: Path, seconds_: float, fmt: str, subtype: str, rate: int = 22050,
           channels: int = 1) -> Path:
    t = np.arange(int(seconds_ * rate)) / rate
    wave = 0.2 * np.sin(2 * np.pi * 330 * t)
    soundfile.write(str(path), np.column_stack([wave] * channels) if channels > 1 else wave,
                    rate, format=fmt, subtype=subtype)
    return path


@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> list[Path]:
    """Good recordings of each format, and broken ones of every kind check meets."""
    folder = tmp_path_factory.mktemp("recordings")
    made = [_sound(folder / "good.ogg", 2.0, "OGG", "VORBIS"),
            _sound(folder / "stereo.ogg", 1.5, "OGG", "VORBIS", rate=48000, channels=2),
            _sound(folder / "good.mp3", 2.0, "MP3", "MPEG_LAYER_III"),
            _sound(folder / "good.wav", 2.0, "WAV", "PCM_16"),
            _sound(folder / "short.ogg", 0.3, "OGG", "VORBIS"),
            _sound(folder / "short.mp3", 0.3, "MP3", "MPEG_LAYER_III"),
            _sound(folder / "tiny.ogg", 0.01, "OGG", "VORBIS")]
    for good in (folder / "good.ogg", folder / "good.mp3", folder / "good.wav"):
        data = good.read_bytes()
        for keep in (12, 300, 3000, len(data) // 2, len(data) - 100):
            cut = folder / f"cut-{keep}-{good.name}"
            cut.write_bytes(data[:keep])
            made.append(cut)
    renamed = folder / "wav-named.ogg"
    shutil.copyfile(folder / "good.wav", renamed)
    mp3_as_ogg = folder / "mp3-named.ogg"
    shutil.copyfile(folder / "good.mp3", mp3_as_ogg)
    text = folder / "text.mp3"
    text.write_text("not a recording\n" * 40)
    empty = folder / "empty.ogg"
    empty.write_bytes(b"")
    made += [renamed, mp3_as_ogg, text, empty, folder / "missing.ogg"]
    broken = build_assets(folder / "corpus") / "assets/broken"
    made += sorted(p for p in broken.iterdir() if p.suffix in (".ogg", ".wav", ".mp3"))
    return made


def test_good_recordings_are_as_long_as_soundfile_says_and_broken_ones_are_named(recordings):
    for path in recordings:
        report = inspect_audio(path)
        try:
            info = soundfile.info(str(path))
            whole = soundfile.read(str(path), dtype="int16")[0]
        except Exception:  # soundfile cannot read it: check says what is wrong
            assert report.error, path.name
            continue
        seconds_ = info.frames / info.samplerate
        if report.error is None:
            assert report.duration == pytest.approx(seconds_), path.name
            assert len(whole) and seconds_ >= MIN_SECONDS, path.name
        elif "cut short" not in report.error:  # a cut file may still decode what is left
            assert seconds_ < MIN_SECONDS or not len(whole), (path.name, report.error)
    names = {path.name: inspect_audio(path) for path in recordings}
    for good in ("good.ogg", "stereo.ogg", "good.mp3", "good.wav", "mp3-named.ogg",
                 "wav-named.ogg"):
        assert names[good].error is None, good
    for broken in ("short.ogg", "tiny.ogg", "text.mp3", "empty.ogg", "missing.ogg",
                   "cut-12-good.ogg", "cut-300-good.wav"):
        assert names[broken].error, broken


# --------------------------------------------------------------------- captions

LINES = ["00:00:01.000 --> 00:00:02.500", "00:00:03.000 --> 00:00:01.000",
         "00:01.500 --> 00:02.000", "01:00:00.000 --> 01:00:01.000 align:start",
         "00:00:04.000-->00:00:05.000", "  00:00:05.000 --> 00:00:06.000",
         "00:00:01,000 --> 00:00:02,000", "00:00:61.000 --> 00:01:00.000",
         "00:00:07.000 --> ", "-->", "a --> b", "00:00:0a.000 --> 00:00:01.000",
         "Words spoken here.", "  indented words  ", "1", "intro", "NOTE a comment",
         "<i>tagged</i> words", "<v Guide>Spoken",
         "STYLE", "REGION", "WEBVTT", "Сөздер", "", "", "", " ", "\t", "\u3000", "x\r"]


@st.composite
def caption_files(draw) -> str:
    head = draw(st.sampled_from(["WEBVTT\n\n", "WEBVTT - title\n\n", "WEBVTT\r\n\r\n",
                                 "WEBVTT\nKind: captions\n\n", "", "webvtt\n"]))
    lines = draw(st.lists(st.sampled_from(LINES) | st.text(alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x0b\x0c\x1c\x1d\x1e\x85"
        "\u2028\u2029"), max_size=6), max_size=30))
    ending = draw(st.sampled_from(["\n", "", "\r\n", "\n\n"]))
    return head + "\n".join(lines) + ending


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(caption_files())
def test_the_one_reader_takes_the_cues_webvtt_py_takes_and_names_what_it_drops(tmp_path, text):
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    parsed = vtt.parse(text)
    try:
        theirs = webvtt.WebVTT.from_string(text).captions
    except MalformedFileError:
        assert parsed is None
        return
    except MalformedCaptionError:  # webvtt-py refuses the whole file for one bad time
        assert parsed is not None and any(kind == vtt.BAD_TIME for kind, _, _ in parsed.dropped)
        return
    assert parsed is not None
    assert not any(kind == vtt.BAD_TIME for kind, _, _ in parsed.dropped)
    assert [(cue.start, cue.end, cue.lines, cue.identifier) for cue in parsed.cues] == [
        (vtt.seconds(c.start), vtt.seconds(c.end), tuple(line.strip() for line in c.text.splitlines() if line.strip()),
         (c.identifier or "").strip()) for c in theirs]
    lines = re.split(r"\r\n|\r|\n", text)  # WebVTT's line breaks
    for cue in parsed.cues:  # each cue's line is its timing line
        assert "-->" in lines[cue.line - 1]
    # check's report of the same file: its cues are the reader's
    path = tmp_path / "c.vtt"
    path.write_bytes(text.encode("utf-8"))
    report = inspect_captions(path)
    assert report.cues == tuple(parsed.cues)
    ends = [cue.end for cue in report.cues if cue.end > cue.start]
    assert report.latest == (max(ends) if ends else None)


def test_a_lone_carriage_return_ends_a_line_as_webvtt_says():
    # Saved by an old Mac editor: CR alone between lines.
    parsed = vtt.parse("WEBVTT\r\r00:00:01.000 --> 00:00:02.000\rOne.\r\r"
                       "00:00:03.000 --> 00:00:04.000\r\rTwo.\r")
    assert [(cue.start, cue.text, cue.line) for cue in parsed.cues] == [(1.0, "One.", 3)]
    assert [kind for kind, _, _ in parsed.dropped] == [vtt.NO_TEXT, vtt.STRAY_TEXT]


# ----------------------------------------------------- workers started early


def test_workers_started_on_a_guess_find_what_one_process_finds(tmp_path, monkeypatch):
    from samples import make_big_tour

    content = make_big_tour(tmp_path / "big", stops=8)
    assets = build_assets(tmp_path / "corpus") / "assets"
    shutil.copytree(assets / "broken", content / "assets/broken")
    shutil.copytree(assets / "audio/kk", content / "assets/short")  # 3 s recordings
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    replace = [  # paths the guess misses (a space, quotes of two kinds), and broken files
        ("audio: assets/audio/kk/arch-of-sorrow-0002.ogg",
         "audio: assets/broken/noise.ogg"),
        ("audio: assets/audio/ru/arch-of-sorrow-0002.ogg", "audio: assets/short/arch.ogg"),
        ("captions: assets/audio/ru/arch-of-sorrow-0002.vtt",
         "captions: 'assets/broken/late.vtt'"),
        ("captions: assets/audio/en/arch-of-sorrow-0002.vtt",
         'captions: "assets/broken/orphan.vtt"'),
        ("file: assets/images/despair-and-hope-0003-1.jpg", "file: assets/broken/cut.jpg"),
        ("audio: assets/audio/en/hall-alash-0005.ogg", "audio: assets/broken/with space.ogg"),
        ("audio: assets/audio/ru/hall-alash-0005.ogg", "audio: assets/broken/pipe.ogg"),
        ("audio: assets/audio/kk/hall-alash-0005.ogg", "audio: ../outside.ogg"),
    ]
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    # a stop with a mistake: the files it names are guessed, but not checked
    text = text.replace("number: 8\n", "number: eight\n")
    (content / "stops.yaml").write_text(text, encoding="utf-8")
    shutil.copyfile(content / "assets/audio/en/hall-alash-0005.ogg",
                    content / "assets/broken/with space.ogg")
    os.mkfifo(content / "assets/broken/pipe.ogg")
    shutil.copyfile(content / "assets/audio/en/hall-alash-0005.ogg", tmp_path / "outside.ogg")

    alone = check_content(content, workers=1)
    monkeypatch.setattr(inspections, "PARALLEL_FROM", 10)
    guessed = []
    real = inspections.Inspections.start

    def spy(inspections, content_dir):
        real(inspections, content_dir)
        guessed.append(inspections._pool is not None)

    monkeypatch.setattr(inspections.Inspections, "start", spy)
    shared = check_content(content, workers=2)
    assert guessed == [True]
    assert [str(p) for p in shared.problems] == [str(p) for p in alone.problems]
    assert shared.media == alone.media
    said = "\n".join(str(p) for p in alone.problems)
    for words in ("the recording 'assets/broken/noise.ogg' cannot be decoded",
                  "assets/broken/late.vtt line 6: the caption 'Second sentence.' ends at",
                  "assets/broken/orphan.vtt line 9: the text 'and its end.' belongs to no",
                  "the picture 'assets/broken/cut.jpg' is cut short",
                  "'assets/broken/pipe.ogg' is not an ordinary file",
                  "'../outside.ogg' points outside the content folder",
                  "'number'"):
        assert words in said, words
    assert "with space.ogg" not in said
