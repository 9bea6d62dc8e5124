"""A visitor who types slowly, looking back at the sign between the digits, still gets
to the stop: by touch on the on-screen keypad and on a USB number pad, 3 s per digit."""

import pytest

from samples import edit_tour, make_tour
from tests.ui.conftest import TOUR_SECONDS

LANGUAGES = ("kk", "ru", "en")
TITLE = {"kk": "Аялдама", "ru": "Остановка", "en": "Stop"}
GO_ON = {"kk": "Нөмірді теруді жалғастырыңыз немесе OK түймесін басыңыз.",
         "ru": "Продолжайте набирать номер или нажмите\u00a0OK.",  # OK stays with its verb
         "en": "Go on typing the number, or press OK."}
START = {"kk": "Экспонаттың қасындағы нөмірді теріңіз.",
         "ru": "Наберите номер, указанный у экспоната.",
         "en": "Type the number shown at the exhibit."}
GAP = 3.0  # seconds between two digits: a look back at the sign
NUMPAD = 256  # the USB number pad's key codes are 256 + the digit
NUMPAD_ENTER = 271  # the number pad's Enter
NUMBERS = [101, 105, 110, 116]


@pytest.fixture(params=["touch", "keys"])
def how(request) -> str:
    """How the visitor types: by touch on the on-screen keypad, or on a USB number pad."""
    return request.param


def press(pilot, how: str, key: str) -> None:
    """A digit, or "enter"."""
    if how == "touch":
        pilot.tap(f"key_{key}")
    else:
        pilot.key(NUMPAD_ENTER if key == "enter" else NUMPAD + int(key))


def start_typing(pilot, how: str) -> None:
    if how == "touch":
        pilot.tap("keypad")  # a number pad's first digit opens the keypad by itself


def keypad_open(pilot) -> bool:
    return pilot.app.overlay_showing("keypad")


def type_slowly(pilot, how: str, digits: str, language: str = "kk") -> None:
    """Each digit but the last followed by GAP seconds; while waiting, the keypad shows
    the digits so far and asks calmly for the next one."""
    start_typing(pilot, how)
    for position, digit in enumerate(digits, 1):
        press(pilot, how, digit)
        if position == len(digits):
            return
        pilot.advance(GAP)
        assert keypad_open(pilot), f"the keypad closed after {digits[:position]}"
        assert pilot.text("keypad_display") == digits[:position]
        assert pilot.text("keypad_hint") == GO_ON[language]


def on_stop(pilot, number: int, language: str = "kk") -> bool:
    return (pilot.screen.name == "stop" and not keypad_open(pilot)
            and pilot.text("title") == f"{TITLE[language]} {number}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_110_typed_slowly_opens_stop_110(app_on, how, language):
    pilot = app_on(numbers=NUMBERS)
    pilot.tap(f"lang_{language}")
    type_slowly(pilot, how, "110", language)
    assert on_stop(pilot, 110, language)


def test_a_four_digit_number_typed_slowly_opens_its_stop(app_on, how):
    pilot = app_on(numbers=[1101, 1107, 1116, 1203])
    type_slowly(pilot, how, "1107")
    assert on_stop(pilot, 1107)
    # and again from the stop screen, to another four-digit stop
    type_slowly(pilot, how, "1203")
    assert on_stop(pilot, 1203)


def test_a_stop_that_also_begins_a_longer_one_opens_after_the_pause(app_on, how):
    pilot = app_on(numbers=[105, 110, 1107, 1203])
    type_slowly(pilot, how, "110")
    pilot.advance(0.5)  # 1107 may still come
    assert keypad_open(pilot) and pilot.text("keypad_display") == "110"
    assert pilot.screen.name == "home"
    pilot.advance(GAP - 0.5)  # the pause takes 110 as the visitor's number
    assert on_stop(pilot, 110)
    # going on before the pause reaches the longer stop
    type_slowly(pilot, how, "110")
    pilot.advance(0.5)
    press(pilot, how, "7")
    assert on_stop(pilot, 1107)


def test_ok_on_digits_that_only_begin_a_number_says_kindly_there_is_no_such_stop(app_on, how):
    pilot = app_on(numbers=NUMBERS)
    type_slowly(pilot, how, "11")
    pilot.advance(GAP)
    press(pilot, how, "enter")
    assert keypad_open(pilot) and pilot.text("keypad_display") == "—"
    assert "11" in pilot.text("keypad_hint") and pilot.screen.name == "home"


def test_digits_left_waiting_are_cleared_by_the_idle_reset(app_on):
    pilot = app_on(numbers=NUMBERS, settings={"idle_timeout": 20, "countdown": 10})
    type_slowly(pilot, "keys", "1")
    pilot.advance(15)  # a long look at the sign: still waiting for the next digit
    assert keypad_open(pilot) and pilot.text("keypad_display") == "1"
    assert pilot.text("keypad_hint") == GO_ON["kk"]
    pilot.advance(20)  # nobody came back: "Are you still there?" came and went
    assert pilot.screen.name == "attract" and not pilot.overlays
    pilot.tap_at(640, 400)  # the next visitor
    pilot.tap("keypad")
    assert pilot.text("keypad_display") == "—" and pilot.text("keypad_hint") == START["kk"]
    type_slowly(pilot, "touch", "105")
    assert on_stop(pilot, 105)


def test_an_answered_idle_question_keeps_the_digits(app_on):
    pilot = app_on(numbers=NUMBERS, settings={"idle_timeout": 20, "countdown": 10})
    type_slowly(pilot, "touch", "11")
    pilot.advance(22)  # the question is asked over the keypad
    assert pilot.app.overlay_showing("still_there")
    pilot.tap("still_there_continue")
    assert keypad_open(pilot) and pilot.text("keypad_display") == "11"
    pilot.tap("key_0")
    assert on_stop(pilot, 110)


def test_digits_being_typed_survive_a_tour_edit_that_keeps_their_stop(kiosk, tmp_path):
    content = make_tour(tmp_path / "c", numbers=NUMBERS, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    type_slowly(pilot, "touch", "11")
    edit_tour(content, "number: 116", "number: 117")  # staff save an edit meanwhile
    pilot.app.reload_tour()
    pilot.advance(GAP)
    assert pilot.text("keypad_display") == "11" and pilot.text("keypad_hint") == GO_ON["kk"]
    pilot.tap("key_0")
    assert on_stop(pilot, 110)
    type_slowly(pilot, "touch", "11")
    edit_tour(content, "number: 110", "number: 130")
    edit_tour(content, "number: 117", "number: 137")  # now 11 begins no stop
    pilot.app.reload_tour()
    pilot.frames(2)
    assert pilot.text("keypad_display") == "—" and pilot.text("keypad_hint") == START["kk"]
