"""A kiosk without a staff PIN keeps its staff panel shut (issue #13, point 1).

The long press in the corner used to offer the first person there to *choose* the PIN,
and with it the panel's "leave kiosk mode". Now it shows a calm note, in the visitor's
language, saying how staff set the PIN; nothing typed anywhere opens the panel.
"""

import pytest

from tests.ui.conftest import long_press_corner, type_pin

NOTE = {
    "kk": "Бұл аудиогидте қызметкерлерге арналған PIN-код әлі жоқ.",
    "ru": "У этого аудиогида ещё нет PIN-кода для сотрудников.",
    "en": "This kiosk has no staff PIN yet.",
}


@pytest.fixture
def unset(staffed, tmp_path):
    """The kiosk as `run` builds it, on a data folder where no PIN was ever set."""
    assert not (tmp_path / "data" / "staff-pin.json").exists()
    return staffed


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_with_no_pin_the_corner_shows_a_note_and_no_way_to_choose_one(unset, language, tmp_path):
    pilot = unset
    pilot.app.wake_up()
    pilot.app.set_language(language)
    pilot.frames(2)
    long_press_corner(pilot)
    assert pilot.text("no_pin_note").startswith(NOTE[language])
    assert "python main.py set-pin" in pilot.text("no_pin_note")
    with pytest.raises(LookupError):  # no keys: nothing can be typed, nothing chosen
        pilot.find("pin_enter")
    pilot.tap("no_pin_close")
    assert not pilot.overlays and pilot.screen.name == "home"
    assert not (tmp_path / "data" / "staff-pin.json").exists()


def test_typing_a_pin_twice_on_a_kiosk_with_none_never_opens_the_panel(unset, tmp_path):
    """What a visitor did before: choose 2468, confirm it, and leave kiosk mode."""
    pilot = unset
    pilot.app.wake_up()
    long_press_corner(pilot)
    for _ in range(2):
        for digit in "2468":
            try:
                pilot.tap(f"pin_{digit}")
            except LookupError:
                pass
        try:
            pilot.tap("pin_enter")
        except LookupError:
            pass
    assert pilot.screen.name == "home"
    assert not (tmp_path / "data" / "staff-pin.json").exists()


def test_once_set_pin_has_run_the_same_corner_asks_for_it(unset, tmp_path):
    from kiosk.pin import PinStore

    pilot = unset
    pilot.app.wake_up()
    long_press_corner(pilot)
    pilot.tap("no_pin_close")
    PinStore(tmp_path / "data").set_pin("2580")  # `python main.py set-pin` meanwhile
    long_press_corner(pilot)
    assert pilot.text("pin_title") == pilot.app.tr._("Staff: enter the PIN")
    type_pin(pilot, "2580")
    assert pilot.screen.name == "staff"
