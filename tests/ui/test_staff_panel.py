"""The staff panel: a long press and a PIN, the figures of real visits, settings, the way out."""


import pytest

from tests.ui.conftest import TOUR_SECONDS, long_press_corner, open_staff_panel, type_pin


def test_the_pin_from_set_pin_opens_the_panel_which_shows_real_visits(staffed):
    pilot = staffed
    pilot.app.staff.pins.set_pin("2468")  # as `python main.py set-pin` does
    pilot.app.wake_up()
    pilot.open_stop("stop-2", "en")
    pilot.tap("play")
    pilot.advance(TOUR_SECONDS + 1)  # heard to the end
    pilot.tap("back")
    long_press_corner(pilot, seconds=1.0)  # too short: nothing
    assert not pilot.overlays
    long_press_corner(pilot)
    assert pilot.text("pin_title") == "Staff: enter the PIN"
    type_pin(pilot, "2468")
    assert pilot.screen.name == "staff"
    assert "3 stops in kk, ru, en" in pilot.text("staff_tour_status")
    table = [w.text for w in pilot.find("staff_table").children[::-1]]
    row = table.index("102  Stop 102")
    assert table[row + 1:row + 4] == ["1", "1", "100 %"]  # opened, finished, listened
    assert "en: 100%" in pilot.text("staff_languages")
    assert pilot.find("staff_chart").days  # one day with one visit


def test_wrong_pins_meet_a_growing_wait_and_the_panel_never_opens(staffed):
    pilot = staffed
    pins = pilot.app.staff.pins
    pins.set_pin("1357")
    pins.clock = lambda: 1_000_000.0  # wall time stands still while the wait runs
    long_press_corner(pilot)
    for _ in range(3):
        type_pin(pilot, "0000")
    assert pilot.text("pin_message").startswith("Әрекет тым көп.")  # too many tries, in kk
    type_pin(pilot, "1357")  # right, but during the wait
    assert pilot.screen.name == "home" and pilot.text("pin_message").startswith("Әрекет тым көп.")


def test_settings_changed_on_the_panel_apply_and_survive(staffed, tmp_path):
    pilot = staffed
    pilot.app.staff.pins.set_pin("1357")
    long_press_corner(pilot)
    type_pin(pilot, "1357")
    pilot.tap("idle_more")
    pilot.tap("volume_less")
    assert pilot.app.session.idle_timeout == 120
    assert pilot.app.settings.default_volume == pytest.approx(0.6)
    assert '"idle_timeout": 120' in (tmp_path / "data" / "staff-settings.json").read_text()


def test_export_and_the_only_way_out_of_kiosk_mode(staffed, tmp_path):
    pilot = staffed
    pilot.app.staff.pins.set_pin("1357")
    long_press_corner(pilot)
    type_pin(pilot, "1357")
    pilot.app.staff.export(tmp_path / "usb")
    assert pilot.text("staff_result").startswith("Сақталды:")  # "Saved:", in kk
    assert list((tmp_path / "usb").glob("alzhir-kiosk-*.csv"))
    stopped = []
    pilot.app.stop = lambda *a: stopped.append(True)
    pilot.tap("staff_exit")  # in the panel's foot bar, whatever is scrolled
    pilot.tap("staff_exit_confirm")  # "Leave kiosk mode?"
    assert stopped and pilot.app.lockdown.exit_allowed


def test_the_self_test_reports_in_the_panels_language(staffed, tmp_path):
    pilot = staffed
    open_staff_panel(pilot)
    content = pilot.app.keeper.content_dir
    stops = content / "stops.yaml"
    stops.write_text(stops.read_text(encoding="utf-8").replace("number: 102", "number: [102", 1),
                     encoding="utf-8")  # the file breaks after the kiosk read it
    pilot.tap("staff_selftest")
    assert pilot.text("staff_result") == "Өзін-өзі тексеру жүріп жатыр..."
    pilot.app.staff._selftest.join(120)  # the real `main.py selftest`, as a process
    pilot.frames(3)
    result = pilot.text("staff_result")
    report = tmp_path / "data" / "selftest-report.txt"
    assert result == ("Өзін-өзі тексеру тоқтады: stops.yaml файлында қателер бар. "
                      f"Толығырақ: {report}")
    assert "selftest stopped: stops.yaml has problems" in report.read_text(encoding="utf-8")


def test_the_panel_follows_a_live_reload(staffed):
    pilot = staffed
    content = pilot.app.keeper.content_dir
    stops = content / "stops.yaml"
    good = stops.read_text(encoding="utf-8")
    stops.write_text(good.replace("number: 102", "number: [102", 1), encoding="utf-8")
    pilot.app.reload_tour()
    open_staff_panel(pilot)
    assert "stops.yaml файлында қателер бар" in pilot.text("staff_tour_status")  # in kk
    assert pilot.text("staff_problems")
    stops.write_text(good, encoding="utf-8")  # staff fix the file; the watcher reloads
    pilot.app.reload_tour()
    pilot.advance(1.5)
    assert not pilot.app.content_notice
    status = pilot.text("staff_tour_status")
    assert pilot.app.tr._("The tour is up to date.") in status
    assert "stops.yaml файлында қателер бар" not in status
    assert pilot.text("staff_problems") == ""


def test_a_fresh_kiosk_says_there_is_nothing_yet(staffed, tmp_path):
    pilot = staffed
    open_staff_panel(pilot)
    assert pilot.text("staff_languages") == "Әзірге келушілер тіркелмеген."  # no visits yet
    empty = pilot.find("staff_table_empty")
    assert empty.text == "Әзірге бірде-бір нысан ашылмаған." and empty.opacity == 1
    exports = [b.text for b in pilot.find("staff_exports").children]
    assert str(tmp_path / "data" / "exports") in exports


def test_each_wrong_pin_after_the_free_tries_doubles_the_wait_the_pad_shows(staffed):
    pilot = staffed
    pilot.tap("lang_en")
    pins = pilot.app.staff.pins
    pins.set_pin("1357")
    now = [1_000_000.0]
    pins.clock = lambda: now[0]  # wall time moves only when the test says
    long_press_corner(pilot)
    for _ in range(3):  # the free tries
        type_pin(pilot, "0000")
    assert pilot.text("pin_message") == "Too many tries. Please wait 2 seconds."
    now[0] += 2  # the wait is over
    type_pin(pilot, "0000")
    assert pilot.text("pin_message") == "Too many tries. Please wait 4 seconds."
    now[0] += 4
    type_pin(pilot, "0000")
    assert pilot.text("pin_message") == "Too many tries. Please wait 8 seconds."
    now[0] += 8
    type_pin(pilot, "1357")
    assert pilot.screen.name == "staff"  # the right PIN, once the wait is over


def test_the_export_button_writes_the_figures_where_it_says(staffed, tmp_path):
    pilot = staffed
    pilot.open_stop("stop-2")  # a visit to export
    pilot.app.go_home()
    pilot.frames()
    pilot.app.staff.pins.set_pin("1357")
    long_press_corner(pilot)
    type_pin(pilot, "1357")
    target = tmp_path / "data" / "exports"
    button = next(b for b in pilot.find("staff_exports").children if b.text == str(target))
    pilot.tap(button)
    written = list(target.glob("alzhir-kiosk-*.csv"))
    assert len(written) == 1
    assert pilot.text("staff_result") == f"Saved: {written[0]}"
    assert "stop-2" in written[0].read_text(encoding="utf-8")
