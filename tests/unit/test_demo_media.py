"""The demo tour's media, as stops.yaml lists them (made by demo/make_media.py).

For every stop and language: the recording exists, decodes and is mono; its WebVTT
captions parse, show each sentence of demo/tour_script.yaml in one or more cues, and end
within the recording. Every picture opens and is 1600x1000, and every caption says that the picture
is a placeholder for the museum's photograph. No Kivy here.

The checks are plain functions; the tests at the end feed them broken media to show
that they do fail when they should.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import webvtt
import yaml
from PIL import Image

from kiosk.captions import Captions

ROOT = Path(__file__).resolve().parents[2]
STOPS_FILE = ROOT / "stops.yaml"
SCRIPT_FILE = ROOT / "demo" / "tour_script.yaml"

IMAGE_SIZE = (1600, 1000)
#: The words each language's image caption must contain (as in demo/make_media.py).
PLACEHOLDER_MARKERS = {"en": "placeholder", "ru": "вместо фотографии", "kk": "фотосуретінің орнына"}


def _load(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


TOUR = _load(STOPS_FILE)
SCRIPT = _load(SCRIPT_FILE)
SCRIPT_STOPS = {stop["id"]: stop for stop in SCRIPT["stops"]}

NARRATIONS = [
    pytest.param(stop["id"], lang, narration, id=f"{stop['id']}-{lang}")
    for stop in TOUR["stops"]
    for lang, narration in stop["narration"].items()
]
DESCRIPTIONS = [
    pytest.param(stop["id"], lang, described, id=f"{stop['id']}-{lang}-description")
    for stop in TOUR["stops"]
    for lang, described in stop.get("description", {}).items()
]
DESCRIPTION_SCRIPT = _load(ROOT / "demo" / "descriptions.yaml")
PICTURES = [
    pytest.param(stop["id"], picture, id=Path(picture["file"]).stem)
    for stop in TOUR["stops"]
    for picture in stop["images"]
]


def script_sentences(stop_id: str, lang: str) -> list[str]:
    """The caption text of each narration sentence in the tour script."""
    items = SCRIPT_STOPS[stop_id]["narration"][lang]
    return [item if isinstance(item, str) else item["text"] for item in items]


# ----------------------------------------------------------------------- checks


def check_audio(path: Path) -> float:
    """The recording decodes completely and is mono; returns its length in seconds."""
    assert path.is_file(), f"missing recording {path}"
    info = sf.info(path)
    assert info.channels == 1, f"{path} has {info.channels} channels, want mono"
    data, rate = sf.read(path, dtype="float32")
    assert data.ndim == 1 and len(data) > rate, f"{path} decodes to {data.shape}"
    assert np.abs(data).max() > 0.05, f"{path} is silent"
    first = np.flatnonzero(np.abs(data) > 0.01)[0] / rate  # the first audible sample
    assert first <= 0.1, f"{path} starts with {first:.2f} s of silence: play is heard late"
    return len(data) / rate


_TS = re.compile(r"^(\d+):(\d\d):(\d\d)\.(\d{3})$")


def seconds(ts: str) -> float:
    """Exact seconds of a WebVTT timestamp (webvtt-py 0.5.1's *_in_seconds drop the ms)."""
    m = _TS.match(ts)
    assert m, f"bad timestamp {ts!r}"
    h, mi, s, ms = (int(g) for g in m.groups())
    return h * 3600 + mi * 60 + s + ms / 1000


def check_captions(path: Path, sentences: list[str], duration: float) -> None:
    """Valid WebVTT read by the kiosk's reader: the sentences in order, each in one or more
    cues (named "sentence.part") whose words together are the sentence, inside the recording."""
    assert path.is_file(), f"missing captions {path}"
    assert path.read_text(encoding="utf-8").startswith("WEBVTT"), f"{path} has no WEBVTT header"
    captions = Captions.load(path)
    cues = captions.cues
    firsts = captions.passages()
    assert len(firsts) == len(sentences), f"{path}: {len(firsts)} sentences' cues for {len(sentences)} sentences"
    previous_end = 0.0
    for cue in cues:
        assert previous_end <= cue.start < cue.end, f"{path}: cue {cue.start} --> {cue.end} out of order"
        previous_end = cue.end
    for first, end, sentence in zip(firsts, firsts[1:] + [len(cues)], sentences):
        text = " ".join(cue.text for cue in cues[first:end])
        assert text == " ".join(sentence.split()), f"{path}: cue text {text!r} is not {sentence!r}"
    assert previous_end <= duration, f"{path}: last cue ends at {previous_end:.3f} s, recording is {duration:.3f} s"


def check_image(path: Path) -> None:
    assert path.is_file(), f"missing picture {path}"
    with Image.open(path) as img:
        img.load()
        assert img.size == IMAGE_SIZE, f"{path} is {img.size}, want {IMAGE_SIZE}"


def check_caption_says_placeholder(caption: dict[str, str], languages: list[str]) -> None:
    for lang in languages:
        text = caption.get(lang, "")
        assert PLACEHOLDER_MARKERS[lang] in text, f"{lang} caption does not say it is a placeholder: {text!r}"


# ------------------------------------------------------------------------ tests


def test_stops_file_is_a_valid_tour_matching_the_script():
    from kiosk.content.model import TourFile

    tour = TourFile.model_validate(TOUR)
    assert [s.id for s in tour.stops] == [s["id"] for s in SCRIPT["stops"]]
    numbers = [s.number for s in tour.stops]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


@pytest.mark.parametrize("stop_id, lang, narration", NARRATIONS)
def test_narration_and_captions(stop_id, lang, narration):
    duration = check_audio(ROOT / narration["audio"])
    assert 20 <= duration <= 90, f"{stop_id}/{lang}: {duration:.1f} s is not a plausible narration"
    assert narration.get("captions"), f"{stop_id}/{lang} has no captions"
    check_captions(ROOT / narration["captions"], script_sentences(stop_id, lang), duration)


@pytest.mark.parametrize("stop_id, lang, described", DESCRIPTIONS)
def test_description_and_captions(stop_id, lang, described):
    duration = check_audio(ROOT / described["audio"])
    assert 5 <= duration <= 45, f"{stop_id}/{lang}: {duration:.1f} s is not a plausible description"
    assert described["audio"] == f"assets/audio/{lang}/{stop_id}-description.ogg"
    sentences = [item if isinstance(item, str) else item["text"]
                 for item in DESCRIPTION_SCRIPT[stop_id][lang]]
    check_captions(ROOT / described["captions"], sentences, duration)


def test_every_stop_is_described_in_every_language():
    assert len(DESCRIPTIONS) == len(TOUR["stops"]) * len(TOUR["museum"]["languages"])


def test_every_stop_is_narrated_in_every_language():
    for stop in TOUR["stops"]:
        assert set(stop["narration"]) == set(TOUR["museum"]["languages"]), stop["id"]


@pytest.mark.parametrize("stop_id, picture", PICTURES)
def test_picture(stop_id, picture):
    check_image(ROOT / picture["file"])
    check_caption_says_placeholder(picture["caption"], TOUR["museum"]["languages"])


# ------------------------------------------- the checks fail on broken media


@pytest.fixture
def good_recording(tmp_path) -> tuple[Path, float]:
    rate = 22050
    t = np.arange(rate * 3) / rate
    path = tmp_path / "good.ogg"
    sf.write(path, (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate, format="OGG", subtype="VORBIS")
    return path, sf.info(path).frames / rate


def _vtt(tmp_path: Path, cues: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "c.vtt"
    body = "".join(f"{a} --> {b}\n{text}\n\n" for a, b, text in cues)
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    return path


def test_checks_accept_good_media(tmp_path, good_recording):
    path, duration = good_recording
    assert check_audio(path) == pytest.approx(3.0, abs=0.01)
    check_captions(_vtt(tmp_path, [("00:00:00.100", "00:00:01.000", "One."), ("00:00:01.500", "00:00:02.900", "Two.")]),
                   ["One.", "Two."], duration)


def test_check_audio_rejects_stereo_missing_and_corrupt(tmp_path):
    stereo = tmp_path / "stereo.ogg"
    sf.write(stereo, np.full((22050 * 2, 2), 0.2, np.float32), 22050, format="OGG", subtype="VORBIS")
    with pytest.raises(AssertionError, match="mono"):
        check_audio(stereo)
    with pytest.raises(AssertionError, match="missing"):
        check_audio(tmp_path / "absent.ogg")
    corrupt = tmp_path / "corrupt.ogg"
    corrupt.write_bytes(b"OggS" + bytes(200))
    with pytest.raises(sf.LibsndfileError, match="corrupt.ogg"):
        check_audio(corrupt)


def test_check_captions_rejects_wrong_count_overrun_and_text(tmp_path, good_recording):
    _, duration = good_recording
    one_cue = _vtt(tmp_path, [("00:00:00.100", "00:00:01.000", "One.")])
    with pytest.raises(AssertionError, match="sentences' cues for"):
        check_captions(one_cue, ["One.", "Two."], duration)
    # ends 0.4 s after a 3 s recording: only visible with exact (millisecond) times
    overrun = _vtt(tmp_path, [("00:00:00.100", "00:00:03.400", "One.")])
    with pytest.raises(AssertionError, match="last cue ends"):
        check_captions(overrun, ["One."], duration)
    wrong = _vtt(tmp_path, [("00:00:00.100", "00:00:01.000", "Something else.")])
    with pytest.raises(AssertionError, match="cue text"):
        check_captions(wrong, ["One."], duration)
    not_vtt = tmp_path / "bad.vtt"
    not_vtt.write_text("00:00:00.100 --> 00:00:01.000\nOne.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="no WEBVTT header"):
        check_captions(not_vtt, ["One."], duration)


def test_check_image_and_caption_reject_bad_ones(tmp_path):
    small = tmp_path / "small.jpg"
    Image.new("RGB", (800, 500)).save(small)
    with pytest.raises(AssertionError, match="want"):
        check_image(small)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(OSError, match="Truncated"):
        check_image(broken)
    with pytest.raises(AssertionError, match="placeholder"):
        check_caption_says_placeholder({"en": "The Arch of Sorrow at dusk."}, ["en"])
