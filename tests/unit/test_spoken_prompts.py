"""The spoken guide's recordings: numbers said in each language's grammar, every prompt of
the demo there in every language and heard at once, and check naming what is missing."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import soundfile as sf
import yaml

from kiosk.check import run_check
from kiosk.content import read_tour
from kiosk.speech.phrases import number_parts, prompt_ids, stop_prompt_ids
from kiosk.speech.prompts import missing_prompts, prompt_file
from samples import make_tour
from samples.tours import DEMO

WORDS = yaml.safe_load((DEMO / "demo/prompts.yaml").read_text(encoding="utf-8"))["numbers"]


def said(n: int, language: str) -> str:
    return " ".join(WORDS[language][part] for part in number_parts(n, language))


@pytest.mark.parametrize("language, number, words", [
    ("ru", 1, "один"), ("ru", 11, "одиннадцать"), ("ru", 21, "двадцать один"),
    ("ru", 105, "сто пять"), ("ru", 110, "сто десять"), ("ru", 115, "сто пятнадцать"),
    ("ru", 200, "двести"), ("ru", 999, "девятьсот девяносто девять"), ("ru", 1000, "тысяча"),
    ("ru", 1001, "тысяча один"), ("ru", 2000, "две тысячи"), ("ru", 2024, "две тысячи двадцать четыре"),
    ("ru", 5000, "пять тысяч"), ("ru", 9999, "девять тысяч девятьсот девяносто девять"),
    ("kk", 1, "бір"), ("kk", 11, "он бір"), ("kk", 15, "он бес"), ("kk", 20, "жиырма"),
    ("kk", 99, "тоқсан тоғыз"), ("kk", 100, "жүз"), ("kk", 105, "жүз бес"),
    ("kk", 116, "жүз он алты"), ("kk", 300, "үш жүз"), ("kk", 1000, "мың"),
    ("kk", 2024, "екі мың жиырма төрт"), ("kk", 9999, "тоғыз мың тоғыз жүз тоқсан тоғыз"),
    ("en", 5, "five"), ("en", 15, "fifteen"), ("en", 21, "twenty one"),
    ("en", 105, "one hundred and five"), ("en", 110, "one hundred and ten"),
    ("en", 300, "three hundred"), ("en", 1000, "one thousand"),
    ("en", 2024, "two thousand and twenty four"), ("en", 9999,
                                                   "nine thousand nine hundred and ninety nine"),
])
def test_numbers_are_said_in_each_languages_grammar(language, number, words):
    assert said(number, language) == words


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_demo_has_every_prompt_and_each_is_heard_at_once(language):
    stops = read_tour(DEMO).valid_tour().stops
    assert missing_prompts(DEMO, [language], stops) == {}
    own = stop_prompt_ids(stops, language)
    assert len([pid for pid in own if pid.startswith("title-")]) == len(stops)
    assert [pid for pid in own if pid.startswith("note-")] == [
        f"note-{stop.id}" for stop in stops if stop.content_note]
    for pid in sorted(prompt_ids(language)) + own:
        path = prompt_file(DEMO, language, pid)
        samples, rate = sf.read(path, dtype="float32")  # real decoding
        loud = np.flatnonzero(np.abs(samples) > 0.01)
        assert loud.size, f"{path} is silent"
        assert loud[0] / rate < 0.02, f"{path} starts with {loud[0] / rate * 1000:.0f} ms of silence"


def test_check_names_the_missing_recordings_per_language(tmp_path):
    tour = make_tour(tmp_path / "tour", stops=2, seconds=2.0)
    printed = []
    run_check(tour, out=printed.append)
    assert not [line for line in printed if "spoken guide" in line]  # no prompts: no guide
    folder = tour / "assets/audio/ru/prompts"
    shutil.copytree(DEMO / "assets/audio/ru/prompts", folder)
    (folder / "n2f.ogg").unlink()
    (folder / "paused.ogg").unlink()
    printed = []
    run_check(tour, out=printed.append)
    warning = next(line for line in printed if "spoken guide" in line)
    # the phrases first, then each stop's title in walking order
    assert warning.startswith("assets/audio/ru/prompts/:1:1: warning: 4 recording(s)")
    assert "n2f, paused, title-stop-1, title-stop-2" in warning
    assert "demo/make_prompts.py" in warning
