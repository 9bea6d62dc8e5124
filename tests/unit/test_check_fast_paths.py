"""`check`'s quicker ways find and word exactly what its plain ways do.

- Recordings: ``inspect_audio`` takes libsndfile's calls straight (``_plainly_fine``) and
  falls back to ``soundfile.SoundFile`` (``_decode``) at the least doubt: for every kind
  of file, good or broken, its report is the one ``_decode`` alone gives.
- Captions: ``inspect_captions`` reads each block as webvtt-py's ``WebVTTCueBlock`` does,
  in one pass; here it is compared, on random caption files, with the reading that asks
  webvtt-py's ``is_valid`` and ``from_lines`` themselves.
- Worker processes started before stops.yaml is parsed, on the files its text seems to
  name: whatever the guess (paths it misses, files no valid stop names, a path outside
  the folder, a named pipe), the problems are those one process finds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.check import check_content
from kiosk.content import media_checks
from kiosk.content.errors import Severity
from kiosk.content.media_checks import (_decode, _whole, _plainly_fine, _short, inspect_audio,
                                        inspect_captions, seconds)
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


def test_every_recording_gets_the_report_soundfile_gives(recordings):
    for path in recordings:  # (an Ogg cut short is then told by its last page: _whole)
        assert inspect_audio(path) == _whole(path, _decode(path)), path.name


def test_good_recordings_take_the_quick_way(recordings):
    names = {path.name: path for path in recordings}
    for name in ("good.ogg", "stereo.ogg", "good.mp3", "mp3-named.ogg"):
        assert _plainly_fine(names[name]) == pytest.approx(_decode(names[name]).duration)
    # a WAV's header is compared with its data, a short one is worded: SoundFile's way
    for name in ("good.wav", "short.ogg", "wav-named.ogg", "empty.ogg", "missing.ogg"):
        assert _plainly_fine(names[name]) is None, name


# --------------------------------------------------------------------- captions


def reference_captions(path: Path):
    """(cues, problems) as check read captions before, asking webvtt-py block by block."""
    from webvtt.vtt import WebVTTCueBlock, is_valid_content

    text = path.read_bytes().decode("utf-8-sig")
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if not is_valid_content(lines):
        return (), ((1, "the first line must be WEBVTT; add that line at the top of the "
                     "file", Severity.error),)
    problems, cues = [], []
    for number, block in media_checks._blocks(lines):
        first = block[0]
        if WebVTTCueBlock.is_valid(block):
            line = number + (0 if WebVTTCueBlock.CUE_TIMINGS_PATTERN.match(first) else 1)
            parsed = WebVTTCueBlock.from_lines(block)
            start, end = seconds(parsed.start), seconds(parsed.end)
            if start is None or end is None:
                bad = parsed.start if start is None else parsed.end
                problems.append((line, f"'{bad}' is not a WebVTT time, so this caption "
                                 "cannot be read; write times like 00:01:02.500 (minutes and "
                                 "seconds up to 59, a full stop before the milliseconds)",
                                 Severity.error))
                continue
            words = " ".join(part.strip() for part in parsed.payload).strip()
            cues.append((line, start, end, parsed.start, parsed.end, words))
        elif number == 1 or first.startswith(("NOTE", "STYLE", "REGION")):
            continue
        elif any("-->" in line for line in block):
            at = next(i for i, line in enumerate(block) if "-->" in line)
            if at == len(block) - 1:
                problems.append((number + at, "this caption has a timing line but no text; add "
                                 "the words under it, or delete the timing line",
                                 Severity.warning))
            else:
                problems.append((number + at, f"'{block[at].strip()}' is not a WebVTT timing "
                                 "line, so this caption would never be shown; write it like "
                                 "00:00:01.000 --> 00:00:04.000 (a full stop before the "
                                 "milliseconds, and a space on each side of -->)",
                                 Severity.error))
        else:
            problems.append((number, f"the text '{_short(first)}' belongs to no caption and "
                             "would never be shown; a caption starts with its timing line and "
                             "a blank line ends it: remove the blank line above this text, or "
                             "give it a timing line", Severity.error))
    previous = None
    for cue in cues:
        line, start, end, start_text, end_text, words = cue
        if end <= start:
            problems.append((line, f"the caption '{_short(words)}' ends ({end_text}) before "
                             f"it starts ({start_text}); correct the times", Severity.error))
        elif previous is not None and start < previous[1]:
            problems.append((line, f"the caption '{_short(words)}' starts ({start_text}) "
                             f"before the one above it ({previous[3]}); put the captions in "
                             "time order", Severity.warning))
        previous = cue
    if not cues and not problems:
        problems.append((0, "have no captions in them; add them, or remove the 'captions:' "
                         "line from stops.yaml", Severity.warning))
    return tuple(cues), tuple(problems)


LINES = ["00:00:01.000 --> 00:00:02.500", "00:00:03.000 --> 00:00:01.000",
         "00:01.500 --> 00:02.000", "01:00:00.000 --> 01:00:01.000 align:start",
         "00:00:04.000-->00:00:05.000", "  00:00:05.000 --> 00:00:06.000",
         "00:00:01,000 --> 00:00:02,000", "00:00:61.000 --> 00:01:00.000",
         "00:00:07.000 --> ", "-->", "a --> b", "00:00:0a.000 --> 00:00:01.000",
         "Words spoken here.", "  indented words  ", "1", "intro", "NOTE a comment",
         "STYLE", "REGION", "WEBVTT", "Сөздер", "", "", "", " ", "\t", "\u3000", "x\r"]


@st.composite
def caption_files(draw) -> str:
    head = draw(st.sampled_from(["WEBVTT\n\n", "WEBVTT - title\n\n", "\ufeffWEBVTT\n\n",
                                 "WEBVTT\r\n\r\n", "WEBVTT\nKind: captions\n\n", "", "webvtt\n"]))
    lines = draw(st.lists(st.sampled_from(LINES) | st.text(max_size=6), max_size=30))
    ending = draw(st.sampled_from(["\n", "", "\r\n", "\n\n"]))
    return head + "\n".join(lines) + ending


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(caption_files())
def test_captions_read_as_webvtt_py_reads_them(tmp_path, text):
    path = tmp_path / "c.vtt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    report = inspect_captions(path)
    cues, problems = reference_captions(path)
    assert (tuple(tuple(cue) for cue in report.cues), report.problems) == (cues, problems)
    ends = [cue.end for cue in report.cues if cue.end > cue.start]
    assert report.latest == (max(ends) if ends else None)


# ----------------------------------------------------- workers started early


def test_workers_started_on_a_guess_find_what_one_process_finds(tmp_path, monkeypatch):
    from bench.content_bench import make_big_tour

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
    monkeypatch.setattr(media_checks, "PARALLEL_FROM", 10)
    guessed = []
    real = media_checks.Inspections.start

    def spy(inspections, content_dir):
        real(inspections, content_dir)
        guessed.append(inspections._pool is not None)

    monkeypatch.setattr(media_checks.Inspections, "start", spy)
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
