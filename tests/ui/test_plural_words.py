"""The idle countdown says "21 секунду", "22 секунды", "25 секунд" as a Russian reader
expects, "1 second" in English, and Kazakh's "секундтан кейін" (issue #12, point 10)."""

import re

import pytest

RUSSIAN = {0: "секунду", 1: "секунды", 2: "секунд"}


def russian_form(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2


def ask(pilot, language):
    pilot.tap(f"lang_{language}")
    pilot.tap("start")
    pilot.advance(20.5)
    assert pilot.overlays, "the 'Are you still there?' question"


def countdown_texts(pilot, language):
    """What the countdown says at each whole second, by its number."""
    ask(pilot, language)
    seen = {}
    for _ in range(60):
        if not pilot.overlays:  # the countdown ran out: a fresh kiosk
            break
        text = pilot.text("still_there_countdown")
        seen[int(re.search(r"\d+", text).group())] = text
        pilot.advance(0.5)
    return seen


def test_the_russian_countdown_uses_the_form_each_number_takes(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 26})
    seen = countdown_texts(pilot, "ru")
    assert {25, 22, 21, 14, 11, 5, 2, 1} <= set(seen)
    for n, text in seen.items():
        assert re.search(rf"Через {n} (\w+) аудиогид", text).group(1) == RUSSIAN[russian_form(n)], text


def test_the_english_countdown_says_one_second_and_many_seconds(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 26})
    seen = countdown_texts(pilot, "en")
    assert seen[1] == "The guide will start again for the next visitor in 1 second."
    assert seen[21] == "The guide will start again for the next visitor in 21 seconds."


def test_the_kazakh_countdown_puts_the_ablative_on_the_word(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 26})
    seen = countdown_texts(pilot, "kk")
    for n in (1, 2, 21, 25):
        assert seen[n] == f"Аудиогид келесі келуші үшін {n} секундтан кейін басынан басталады."


def test_a_counted_label_follows_a_language_switch(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 26})
    ask(pilot, "en")
    assert pilot.text("still_there_countdown").endswith(" seconds.")
    pilot.app.tr.switch("ru")  # the label's kv rule reads tr.ngettext: it runs again
    pilot.frames()
    assert re.search(r"Через \d+ секунд\w* аудиогид", pilot.text("still_there_countdown"))
