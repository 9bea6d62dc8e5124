"""A kiosk without a staff PIN keeps its staff panel shut (issue #13, point 1).

The long press in the corner used to offer the first person there to *choose* the PIN,
and with it the panel's "leave kiosk mode". Now it shows a calm note, in the visitor's
language, saying how staff set the PIN; nothing typed anywhere opens the panel.
"""

import pytest

from tests.small_disks import needs_root
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


# --- a data folder that cannot be written: the kiosk runs on a fallback folder ----------

@pytest.fixture
def on_fallback(window, tmp_path, monkeypatch):
    """start(data): the app as `run` builds it when ``data`` cannot be written (a real
    read-only mount, or a file in its place); the fallback folder goes under tmp_path."""
    import tempfile
    import time

    from kiosk.ui.launch import build_app, usable_data_dir
    from kiosk.ui.pilot import FakeClock, Pilot
    from samples import make_tour
    from tests.ui.conftest import TOUR_SECONDS, fake_speaker

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    content = make_tour(tmp_path / "c", stops=2, seconds=TOUR_SECONDS)
    pilots = []

    def start(data):
        fallback = usable_data_dir(data)
        assert fallback != data and fallback.parent == tmp_path / "tmp"
        clock = FakeClock(time.monotonic())
        backend, player = fake_speaker(clock)
        app = build_app(content, fallback, player=player, watch=False,
                        transition_duration=0, clock=clock, start_screen="home")
        pilot = Pilot.start(app, clock)
        pilots.append(pilot)
        pilot.app.wake_up()
        return pilot

    yield start
    for pilot in pilots:
        pilot.close()


@needs_root
def test_a_read_only_data_folder_keeps_its_pin_and_only_that_pin_opens_the_panel(on_fallback,
                                                                                 tmp_path):
    import subprocess

    from kiosk.pin import PinStore
    from tests.small_disks import tmpfs

    with tmpfs(tmp_path / "data", size="1m") as data:
        PinStore(data).set_pin("4829")  # as `set-pin` did before the folder went read-only
        subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
        pilot = on_fallback(data)
        long_press_corner(pilot)
        assert pilot.text("pin_title") == pilot.app.tr._("Staff: enter the PIN")
        type_pin(pilot, "2580")  # a visitor's guess
        assert pilot.screen.name == "home"
        type_pin(pilot, "4829")
        assert pilot.screen.name == "staff"


def test_a_file_in_place_of_the_data_folder_leaves_the_panel_shut(on_fallback, tmp_path):
    import os

    from kiosk.pin import PinStore

    data = tmp_path / "data"
    data.write_text("a file where the data folder should be\n")
    earlier = tmp_path / "tmp" / f"alzhir-kiosk-{os.getuid()}"
    PinStore(earlier).set_pin("1357")  # an earlier start's PIN must not be kept
    os.chmod(earlier, 0o700)
    pilot = on_fallback(data)
    long_press_corner(pilot)
    assert "python main.py set-pin" in pilot.text("no_pin_note")
    with pytest.raises(LookupError):
        pilot.find("pin_enter")
