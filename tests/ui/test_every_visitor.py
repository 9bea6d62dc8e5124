"""Every visitor can use it: keypad, captions, transcript, a fresh kiosk, volume, notes."""

import pytest

from tests.ui.conftest import TOUR_SECONDS

LANGUAGES = ("kk", "ru", "en")
UNKNOWN = {"kk": "109 нөмірлі нысан жоқ. Белгідегі нөмірді тексеріңізші.",
           "ru": "Объекта с номером 109 нет. Пожалуйста, проверьте номер на табличке.",
           "en": "There is no stop with the number 109. Please check the number on the sign."}
STILL_THERE = {"kk": "Сіз әлі осындасыз ба?", "ru": "Вы ещё здесь?", "en": "Are you still there?"}
TITLE = {"kk": "Аялдама", "ru": "Остановка", "en": "Stop"}


def keys(pilot, digits):
    for digit in digits:
        pilot.tap(f"key_{digit}")


# -- the keypad ---------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_keypad_by_touch_opens_a_three_digit_stop_and_explains_an_unknown_one(pilot, language):
    pilot.tap(f"lang_{language}")
    pilot.tap("keypad")
    keys(pilot, "109")
    assert pilot.text("keypad_hint") == UNKNOWN[language]  # 10 could begin a stop; 109 cannot
    assert pilot.screen.name == "home" and pilot.overlays  # the pad stays open
    keys(pilot, "103")
    assert pilot.screen.name == "stop" and not pilot.overlays
    assert pilot.text("title") == f"{TITLE[language]} 103"


def test_keypad_waits_when_a_longer_number_starts_with_the_digits(app_on):
    pilot = app_on(numbers=[12, 123, 1234, 7])
    pilot.tap("keypad")
    keys(pilot, "12")
    assert pilot.text("keypad_display") == "12" and pilot.screen.name == "home"
    pilot.advance(2.0)  # a short pause confirms 12
    assert pilot.text("title") == "Аялдама 12"
    pilot.tap("keypad")
    keys(pilot, "123")
    pilot.advance(0.5)
    assert pilot.screen.name == "stop" and pilot.text("title") == "Аялдама 12"  # still waiting
    pilot.tap("key_enter")  # Enter confirms 123
    assert pilot.text("title") == "Аялдама 123"
    pilot.tap("keypad")
    keys(pilot, "1234")  # nothing longer starts with 1234: opens at once
    assert pilot.text("title") == "Аялдама 1234"


def test_keypad_by_hardware_keys_digits_backspace_and_enter(app_on):
    pilot = app_on(numbers=[12, 123, 1234, 7])
    for code in (ord("1"), ord("2"), ord("3")):  # typed on a USB keyboard
        pilot.key(code)
    assert pilot.text("keypad_display") == "123"  # 1234 may follow: it waits
    pilot.key(8)  # Backspace
    assert pilot.text("keypad_display") == "12"
    pilot.key(256 + 3)  # the number pad's 3
    assert pilot.text("keypad_display") == "123"
    pilot.key(271)  # the number pad's Enter
    assert pilot.screen.name == "stop" and pilot.text("title") == "Аялдама 123"
    pilot.key(256 + 7)  # a single digit that is a whole stop number, from the stop screen
    assert pilot.text("title") == "Аялдама 7"


# -- captions and the transcript -------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_captions_follow_the_narration_and_toggle_with_one_touch(pilot, language):
    pilot.open_stop("stop-1", language)
    assert pilot.find("caption_band").height == 0  # off until the visitor asks
    pilot.tap("captions_toggle")
    pilot.tap("play")
    pilot.advance(3)
    assert pilot.text("caption_band") == f"First ({language})"
    pilot.advance(TOUR_SECONDS / 2)
    assert pilot.text("caption_band") == f"Second ({language})"
    pilot.tap("next_stop")  # captions stay on for this visitor from stop to stop
    pilot.tap("play")
    pilot.advance(1)
    assert pilot.text("caption_band") == f"First ({language})"
    pilot.tap("captions_toggle")
    assert pilot.find("caption_band").height == 0


def test_transcript_shows_every_sentence_and_plays_from_the_one_touched(pilot):
    pilot.open_stop("stop-1", "en")
    pilot.tap("transcript")
    lines = pilot.find("lines").children[::-1]
    assert [line.text for line in lines] == ["First (en)", "Second (en)"]
    pilot.tap(lines[1])
    assert not pilot.overlays
    assert pilot.player.state.value == "playing"
    assert pilot.player.position == pytest.approx(TOUR_SECONDS / 2, abs=0.3)


# -- switching language in the middle of a story -------------------------------------------
def test_language_switch_mid_narration_continues_at_the_same_sentence(pilot):
    pilot.open_stop("stop-1", "en")
    pilot.tap("play")
    pilot.advance(20)  # in the second sentence
    pilot.tap("lang_ru")
    assert pilot.screen.name == "stop" and pilot.text("title") == "Остановка 101"
    assert pilot.player.state.value == "playing"
    assert pilot.player.position == pytest.approx(TOUR_SECONDS / 2, abs=0.3)  # its start
    pilot.tap("play")  # pause, then switch again: stays paused, at the same sentence
    pilot.tap("lang_kk")
    assert pilot.player.state.value == "paused"
    assert pilot.player.position == pytest.approx(TOUR_SECONDS / 2, abs=0.3)


# -- a fresh kiosk for each visitor ---------------------------------------------------------
def seconds_shown(pilot) -> int:
    import re
    return int(re.search(r"\d+", pilot.text("still_there_countdown")).group())


@pytest.mark.parametrize("language", LANGUAGES)
def test_idle_asks_counts_down_and_continue_keeps_the_visit(app_on, language):
    pilot = app_on(settings={"idle_timeout": 60, "countdown": 20})
    pilot.tap(f"lang_{language}")
    pilot.tap("start")
    pilot.advance(55)
    assert not pilot.overlays
    pilot.advance(5.5)
    assert pilot.text("still_there_question") == STILL_THERE[language]
    assert seconds_shown(pilot) in (20, 19)
    pilot.advance(5)
    assert seconds_shown(pilot) in (15, 14)
    pilot.tap("still_there_continue")
    assert not pilot.overlays and pilot.screen.name == "tour"
    assert pilot.app.language == language


def test_no_question_while_a_narration_plays_then_a_full_reset(app_on):
    pilot = app_on(settings={"idle_timeout": 20, "countdown": 10, "default_volume": 0.5})
    pilot.open_stop("stop-1", "en")
    pilot.tap("text_size")
    pilot.tap("contrast")
    pilot.tap("captions_toggle")
    pilot.tap("volume_up")
    pilot.tap("play")
    pilot.advance(TOUR_SECONDS - 1)  # longer than the idle timeout, but listening
    assert not pilot.overlays
    pilot.advance(1 + 20 + 0.5)  # the narration ends; then 20 s without a touch
    assert pilot.overlays
    pilot.advance(10.5)
    app = pilot.app
    assert pilot.screen.name == "attract" and not pilot.overlays
    assert app.language == "kk" and app.tr.language == "kk"
    assert not app.theme.large_text and not app.theme.high_contrast and not app.captions_on
    assert app.volume == 0.5 and pilot.backend.volume == 0.5
    assert pilot.player.state.value == "idle" and not pilot.backend.busy()


def test_attract_screen_invites_in_three_languages_and_a_touch_wakes_it(app_on):
    pilot = app_on(screen="attract")
    assert pilot.text("invitation").splitlines() == [
        "Бастау үшін экранды түртіңіз", "Коснитесь экрана, чтобы начать",
        "Touch the screen to begin"]
    from kiosk.ui.screens.attract import SLIDE_SECONDS

    screen = pilot.screen
    first = screen.slide
    upper, lower = screen.ids.upper, screen.ids.lower
    assert upper.source == screen.pictures[first] and upper.opacity == 1
    pilot.advance(SLIDE_SECONDS + 0.25)  # the slideshow moves on by itself, slowly
    following = (first + 1) % len(screen.pictures)
    assert screen.slide == following and lower.source == screen.pictures[following]
    seen = []
    for _ in range(16):  # the shown picture fades out over the next one
        pilot.advance(0.25)
        seen.append(upper.opacity)
    assert any(0 < opacity < 1 for opacity in seen), seen
    # the fade is over: the next picture is shown, and nothing moves until the next
    assert upper.opacity == 1 and upper.texture is lower.texture
    pilot.tap_at(640, 400)
    assert pilot.screen.name == "home"


# -- volume --------------------------------------------------------------------------------
def test_volume_steps_and_never_passes_the_staff_maximum(app_on):
    pilot = app_on(settings={"default_volume": 0.5, "max_volume": 0.6})
    pilot.open_stop("stop-1")
    pilot.tap("volume_down")
    assert pilot.backend.volume == pytest.approx(0.42, abs=0.01)  # one tenth of 0.6 less
    for _ in range(5):
        if not pilot.find("volume_up").disabled:
            pilot.tap("volume_up")
    assert pilot.app.volume == pytest.approx(0.6)
    assert pilot.backend.volume == pytest.approx(0.6)
    assert pilot.find("volume_up").disabled


# -- content notes -------------------------------------------------------------------------
NOTE = {"kk": "Ескерту", "ru": "Предупреждение", "en": "This stop speaks of violence."}


@pytest.mark.parametrize("language", LANGUAGES)
def test_content_note_declined_then_accepted(app_on, language):
    pilot = app_on(notes={2: NOTE})
    pilot.tap(f"lang_{language}")
    pilot.tap("start")
    pilot.tap(pilot.tile("stop-3"))
    assert pilot.text("content_note_text") == NOTE[language]
    pilot.tap("content_note_back")
    assert pilot.screen.name == "tour" and not pilot.overlays
    pilot.tap(pilot.tile("stop-3"))
    pilot.tap("content_note_continue")
    assert pilot.screen.name == "stop" and pilot.text("title") == f"{TITLE[language]} 103"
    pilot.tap("previous_stop")
    pilot.tap("next_stop")  # asked once per visitor
    assert not pilot.overlays and pilot.text("title") == f"{TITLE[language]} 103"


# -- the next visitor starts afresh -------------------------------------------------------
def walk_away(pilot):
    """Nobody touches the kiosk: "Are you still there?", no answer, the attract screen."""
    pilot.advance(90 + 20 + 2)  # the idle timeout, then the question's countdown
    assert pilot.screen.name == "attract"
    pilot.tap_at(400, 400)  # the next visitor
    assert pilot.screen.name == "home"


def test_the_next_visitor_is_asked_the_content_note_again(app_on):
    pilot = app_on(notes={2: NOTE})
    pilot.tap("lang_en")
    pilot.tap("start")
    pilot.tap(pilot.tile("stop-3"))
    pilot.tap("content_note_continue")
    assert pilot.screen.name == "stop"
    walk_away(pilot)
    pilot.tap("lang_en")
    pilot.tap("start")
    pilot.tap(pilot.tile("stop-3"))
    assert pilot.text("content_note_text") == NOTE["en"]  # a new visitor decides anew
    assert pilot.screen.name == "tour"


def test_the_next_visitor_finds_the_list_of_stops_at_its_top(app_on):
    pilot = app_on(stops=13)
    pilot.tap("start")
    stops = pilot.find("stops")
    stops.scroll_y = 0  # the last visitor scrolled to the end
    pilot.frames()
    walk_away(pilot)
    pilot.tap("start")
    assert pilot.find("stops").scroll_y == 1
    assert pilot.tile("stop-1") is not None  # the first stop, where the walk begins
