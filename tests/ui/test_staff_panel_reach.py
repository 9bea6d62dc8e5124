"""The staff panel at the kiosk's sizes: every control reachable, the way out always on
screen and asking first, the columns staying put after an action, a PIN pad with Close."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.staff_reach import every_problem
from tests.ui.conftest import long_press_corner, open_staff_panel

ROOT = Path(__file__).resolve().parents[2]


def test_every_control_is_fully_on_screen_at_1280x800_in_every_language_and_text_size(staffed, tmp_path):
    pilot = staffed
    open_staff_panel(pilot)
    assert every_problem(pilot, tmp_path / "usb stick with a long name" / "exports") == []


@pytest.mark.slow
def test_every_control_is_fully_on_screen_at_1920x1080():
    # The test session's window is 1280x800 and Kivy makes one window per process: the
    # same checks run in a process of their own with a 1920x1080 window.
    done = subprocess.run([sys.executable, "-m", "tests.ui.staff_reach", "1920", "1080"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "reachable at 1920x1080" in done.stdout


def test_the_way_back_and_the_way_out_are_on_screen_when_the_panel_opens(staffed):
    from kivy.core.window import Window

    pilot = staffed
    open_staff_panel(pilot)
    for button_id in ("staff_close", "staff_exit"):
        button = pilot.find(button_id)
        x0, y0 = button.to_window(button.x, button.y)
        x1, y1 = button.to_window(button.right, button.top)
        assert 0 <= x0 and 0 <= y0 and x1 <= Window.width and y1 <= Window.height, button_id


def test_exit_asks_first_and_cancel_keeps_the_kiosk_running(staffed):
    pilot = staffed
    open_staff_panel(pilot)
    stopped = []
    pilot.app.stop = lambda *a: stopped.append(True)
    pilot.tap("staff_exit")
    assert not stopped and not pilot.app.lockdown.exit_allowed
    assert pilot.text("staff_exit_question") == "Аудиогид жұмысын аяқтау керек пе?"  # in kk
    pilot.tap("staff_exit_cancel")
    assert not stopped and not pilot.overlays and pilot.screen.name == "staff"
    pilot.tap("staff_exit")
    pilot.tap("staff_exit_confirm")
    assert stopped and pilot.app.lockdown.exit_allowed


@pytest.mark.parametrize("action", ["idle_more", "volume_less", "staff_reload", "export"])
def test_a_column_stays_where_it_was_after_an_action(staffed, action):
    pilot = staffed
    open_staff_panel(pilot)
    pilot.app.toggle_large_text()  # a column long enough to scroll in the middle
    pilot.frames(3)
    column = pilot.find("staff_left")
    assert column.children[0].height > column.height
    column.scroll_y = 0.4
    pilot.frames(3)
    target = (pilot.find("staff_exports").children[-1] if action == "export"
              else pilot.find(action))
    column.scroll_to(target, animate=False)  # in sight, the column scrolled
    pilot.frames(3)
    assert column.scroll_y < 1
    before = target.to_window(target.x, target.y)
    pilot.tap(target)
    pilot.frames(3)
    assert pilot.text("staff_result") or action in ("idle_more", "volume_less")
    assert target.to_window(target.x, target.y) == pytest.approx(before, abs=1)


def test_the_pin_pad_can_be_closed_without_a_pin(staffed):
    pilot = staffed
    pilot.app.staff.pins.set_pin("1357")
    long_press_corner(pilot)
    assert pilot.text("pin_close") == "Жабу"  # "Close", in kk
    pilot.tap("pin_1")
    pilot.tap("pin_close")
    assert not pilot.overlays and pilot.screen.name == "home"
    long_press_corner(pilot)
    assert pilot.text("pin_dots") == "—"  # what was typed is gone
