"""A visitor who cannot see the screen walks the whole demo tour by the number pad alone: what
the kiosk says and plays, key by key, in each language."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.ui.pilot import FakeClock, Pilot
from samples.tours import DEMO

from tests.ui.conftest import fake_speaker

PAD = 256  # the number pad's digit keys are 256 + the digit
ENTER, PLUS, MINUS, SLASH, STAR, DOT = 271, 270, 269, 267, 268, 266
#: The key that chooses each language after the greeting.
CHOICE = {"kk": 1, "ru": 2, "en": 3}
#: How long every recording lasts on the fake speaker (s): a story, then a moment more.
STORY = 5.0


@pytest.fixture
def walker(started, tmp_path, request):
    """The kiosk as `run` builds it on the demo tour, on its attract screen, with a fake
    speaker for the narration and one for the spoken guide; ``loaded`` lists every
    recording the narration was given."""
    from kiosk.speech.speaker import FakeSpeaker
    from kiosk.ui.launch import build_app

    from kiosk.fake_audio import FakeAudio

    clock = FakeClock(time.monotonic())
    story = getattr(request, "param", STORY)
    backend, player = fake_speaker(clock, lambda c: FakeAudio(clock=c, default_duration=story))
    loaded = []
    real_load = backend.load
    backend.load = lambda path: (loaded.append(Path(path)), real_load(path))[1]
    voice = FakeSpeaker(clock)
    app = build_app(DEMO, tmp_path / "data", player=player, watch=False, transition_duration=0,
                    clock=clock, speaker=voice, start_screen="attract")
    pilot = Pilot.start(app, clock)
    pilot.backend, pilot.voice, pilot.loaded = backend, voice, loaded
    started.append(pilot)
    return pilot


def said(pilot, since: int = 0) -> list[tuple[str, str]]:
    """What the guide said since ``since``: (language, prompt id) from the files' paths."""
    return [(path.parent.parent.name, path.stem) for path in pilot.voice.said[since:]]


def press(pilot, code: int, seconds: float = 3.0) -> int:
    """Press a key and let what it says be said; how much had been said before it."""
    before = len(pilot.voice.said)
    pilot.key(code)
    pilot.advance(seconds)
    return before


def number_said(language: str, number: int) -> list[tuple[str, str]]:
    from kiosk.speech.phrases import number_parts

    return [(language, part) for part in number_parts(number, language)]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_whole_demo_tour_by_the_number_pad_alone(walker, language):
    pilot = walker
    tour = pilot.app.tour
    before = press(pilot, PAD + 7)  # any key on the attract screen
    assert said(pilot, before) == [("kk", "greeting"), ("kk", "choose_kk"),
                                   ("ru", "choose_ru"), ("en", "choose_en")]
    before = press(pilot, PAD + 5)  # the raised dot: where the keys are
    assert said(pilot, before) == [("kk", "where_keys")]
    before = press(pilot, PAD + CHOICE[language])
    assert said(pilot, before) == [(language, "where_keys")]
    assert pilot.app.language == language and pilot.app.captions_on
    for stop in tour.stops:
        typed = ""
        for digit in str(stop.number):
            typed += digit
            before = press(pilot, PAD + int(digit), seconds=2.0)
            assert said(pilot, before) == number_said(language, int(typed))
        before = press(pilot, ENTER, seconds=4.0)  # what it says, not yet the story's end
        opening = [(language, "stop"), *number_said(language, stop.number),
                   (language, f"title-{stop.id}")]
        if stop.content_note:  # said, shown for a companion, and answered with Enter
            assert said(pilot, before) == opening + [(language, f"note-{stop.id}"),
                                                     (language, "note_choice")]
            assert pilot.overlays and not pilot.app.narration.playing
            before = press(pilot, ENTER, seconds=1.0)
            assert not pilot.overlays and said(pilot, before) == []
        else:
            assert said(pilot, before) == opening
        assert pilot.screen.name == "stop" and pilot.app.current_stop_id == stop.id
        assert pilot.loaded[-1] == tour.file(stop.narration[language].audio)
        heard = len(pilot.voice.said)
        pilot.advance(STORY + 2)  # the story to its end
        end = said(pilot, heard)
        if language in stop.description:
            assert end[0] == (language, "description_next")
            assert pilot.loaded[-1] == tour.file(stop.description[language].audio)
            pilot.advance(STORY + 2)
            end = said(pilot, heard)[1:]
        last = stop is tour.stops[-1]
        assert end == [(language, "last_stop" if last else "stop_end")]
    for path in pilot.voice.said:
        assert path.is_file(), f"{path} is not there"


@pytest.mark.parametrize("walker", [60.0], indirect=True)  # a story long enough to try keys on
def test_the_fixed_keys_and_any_key_answers_are_you_still_there(walker):
    pilot = walker
    press(pilot, PAD + 1)
    press(pilot, PAD + 3)  # English
    first = pilot.app.tour.stops[0]
    for digit in str(first.number):
        press(pilot, PAD + int(digit), seconds=1.0)
    press(pilot, ENTER, seconds=6.0)
    assert pilot.app.narration.playing
    before = press(pilot, ENTER, seconds=2.0)  # nothing typed: pause
    assert not pilot.app.narration.playing and said(pilot, before) == [("en", "paused")]
    press(pilot, ENTER, seconds=2.0)
    assert pilot.app.narration.playing
    volume = pilot.app.volume
    before = press(pilot, PLUS, seconds=1.0)
    assert pilot.app.volume > volume and said(pilot, before) in ([("en", "louder")],
                                                                 [("en", "loudest")])
    before = press(pilot, MINUS, seconds=1.0)
    assert said(pilot, before) == [("en", "softer")]
    position = pilot.app.narration.position
    before = press(pilot, SLASH, seconds=1.0)
    assert said(pilot, before) == [("en", "back_ten")]
    assert pilot.app.narration.position < position
    before = press(pilot, STAR, seconds=1.0)  # the last thing said, again
    assert said(pilot, before) == [("en", "back_ten")]
    before = press(pilot, DOT, seconds=4.0)
    assert said(pilot, before) == [("en", "help")]
    pilot.app.narration.toggle()  # paused: the visit may go quiet
    pilot.advance(pilot.app.settings.idle_timeout + 1)
    assert pilot.app.overlay_showing("still_there")
    assert said(pilot)[-1] == ("en", "still_there")
    press(pilot, PAD + 9, seconds=1.0)  # any key answers
    assert not pilot.app.overlay_showing("still_there") and pilot.app.spoken


def test_the_idle_reset_ends_the_spoken_guide(walker):
    pilot = walker
    press(pilot, PAD + 1)
    press(pilot, PAD + 2)
    assert pilot.app.spoken
    pilot.advance(pilot.app.settings.idle_timeout + pilot.app.settings.countdown + 3)
    assert pilot.screen.name == "attract" and not pilot.app.spoken
    before = press(pilot, PAD + 4)  # the next visitor starts afresh
    assert said(pilot, before)[0] == ("kk", "greeting")


def test_a_companion_starts_it_from_the_screen(walker):
    pilot = walker
    pilot.app.wake_up()
    pilot.frames(3)
    pilot.tap("spoken")
    pilot.advance(3)
    assert pilot.app.spoken and said(pilot)[0] == ("kk", "greeting")
    pilot.tap("spoken")
    assert not pilot.app.spoken


def test_four_leaves_a_stop_with_a_content_note_unopened(walker):
    pilot = walker
    press(pilot, PAD + 1)
    press(pilot, PAD + 1)  # Kazakh
    noted = next(stop for stop in pilot.app.tour.stops if stop.content_note)
    for digit in str(noted.number):
        press(pilot, PAD + int(digit), seconds=1.0)
    before = press(pilot, ENTER, seconds=8.0)
    assert said(pilot, before)[-2:] == [("kk", f"note-{noted.id}"), ("kk", "note_choice")]
    assert pilot.overlays  # the note on screen too
    before = press(pilot, PAD + 4)
    assert said(pilot, before) == [("kk", "note_declined")]
    assert not pilot.overlays and pilot.screen.name != "stop"
    assert not pilot.app.narration.playing
