"""Can staff reach every control of the staff panel? Used by test_staff_panel_reach.py,
in the test session's 1280x800 window and, as a process of its own, at other sizes:

    python -m tests.ui.staff_reach 1920 1080

prints each control that is not fully on screen and ends with 1 if there is one.
"""

from __future__ import annotations

import sys

LANGUAGES = ("kk", "ru", "en")
#: The pad's keys: ten digits, Erase, OK, Close.
PIN_KEYS = (*(f"pin_{n}" for n in range(10)), "pin_back", "pin_enter", "pin_close")


def _rect(widget):
    x0, y0 = widget.to_window(widget.x, widget.y)
    x1, y1 = widget.to_window(widget.right, widget.top)
    return x0, y0, x1, y1


def _inside(inner, outer, slack=0.5) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def _column_of(widget):
    from kivy.uix.scrollview import ScrollView

    parent = widget.parent
    while parent is not None and not isinstance(parent, ScrollView):
        if parent.parent is parent:  # the window is its own parent
            return None
        parent = parent.parent
    return parent


def _name(widget) -> str:
    return repr(" ".join(str(getattr(widget, "text", "")).split()) or type(widget).__name__)


def panel_problems(pilot, where: str) -> list[str]:
    """Every button of the open staff panel, each scrolled to as staff would; the way
    back and the way out at every scroll position."""
    from kivy.core.window import Window
    from kivy.uix.behaviors import ButtonBehavior

    problems = []
    window = (0, 0, Window.width, Window.height)
    screen = pilot.app.staff.screen
    columns = [screen.ids.staff_left, screen.ids.staff_right]
    always = [screen.ids.staff_close, screen.ids.staff_exit]
    for column in columns:
        for end in (1, 0):  # the top, then the end of the column
            column.scroll_y = end
            pilot.frames(3)
            for button in always:
                if _column_of(button) is not None or not _inside(_rect(button), window):
                    problems.append(f"{where}: {_name(button)} is not fully on screen "
                                    f"with a column scrolled to {'the top' if end else 'its end'}")
    for button in [w for w in screen.walk(restrict=True) if isinstance(w, ButtonBehavior)]:
        column = _column_of(button)
        if column is None:
            if not _inside(_rect(button), window):
                problems.append(f"{where}: {_name(button)} lies outside the window {_rect(button)}")
            continue
        column.scroll_to(button, animate=False)
        pilot.frames(3)
        seen = _rect(column)
        if not (_inside(_rect(button), seen) and _inside(_rect(button), window)):
            problems.append(f"{where}: {_name(button)} is cut off when scrolled to: "
                            f"{_rect(button)} in a column showing {seen}")
    return problems


def overlay_problems(pilot, where: str) -> list[str]:
    """The exit question and the PIN pad: every button fully on screen."""
    from kivy.core.window import Window

    window = (0, 0, Window.width, Window.height)
    problems = []
    staff = pilot.app.staff
    pilot.tap("staff_exit")
    for button_id in ("staff_exit_cancel", "staff_exit_confirm"):
        if not _inside(_rect(pilot.find(button_id)), window):
            problems.append(f"{where}: the exit question's {_name(pilot.find(button_id))} is off screen")
    pilot.tap("staff_exit_cancel")
    staff.close()
    pilot.frames(2)
    staff.ask_pin()
    pilot.frames(3)
    for key in PIN_KEYS:
        widget = pilot.find(key)
        if not _inside(_rect(widget), window):
            problems.append(f"{where}: the PIN pad's {_name(widget)} is off screen {_rect(widget)}")
    pilot.tap("pin_close")
    return problems


def every_problem(pilot, export_to) -> list[str]:
    """The panel in kk, ru and en, with normal and larger text, after actions that
    write a status line."""
    from kivy.core.window import Window

    app = pilot.app
    problems = []
    for large in (False, True):
        if app.theme.large_text != large:
            app.toggle_large_text()
        for language in LANGUAGES:
            app.set_language(language)
            app.staff.open()
            pilot.frames(3)
            pilot.tap("staff_reload")
            app.staff.export(export_to)  # a long status line: "Saved: <path>"
            pilot.frames(3)
            where = f"{Window.width}x{Window.height}, {language}" + (", larger text" if large else "")
            problems += panel_problems(pilot, where)
            problems += overlay_problems(pilot, where)
    if app.theme.large_text:
        app.toggle_large_text()
    return problems


def main(width: int, height: int) -> int:
    import tempfile
    import time
    from pathlib import Path

    from kivy.config import Config

    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "fullscreen", "0")
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from kiosk.fake_audio import FakeAudio
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app
    from samples import make_tour
    from kiosk.ui.pilot import FakeClock, Pilot, use_fake_kivy_clock

    assert tuple(Window.size) == (width, height), Window.size
    root = Path(tempfile.mkdtemp(prefix="staff-reach-"))
    content = make_tour(root / "c", stops=3, seconds=10.0)
    clock = FakeClock(time.monotonic())
    use_fake_kivy_clock(clock)
    backend = FakeAudio(clock=clock, default_duration=10.0)
    backend.open()
    app = build_app(content, root / "data", player=NarrationPlayer(backend, clock=clock),
                    watch=False, transition_duration=0, clock=clock, start_screen="home")
    app._run_prepare()
    EventLoop.idle()
    pilot = Pilot(app, clock)
    pilot.finish_start()
    app.staff.pins.set_pin("1357")
    problems = every_problem(pilot, root / "usb stick with a long name" / "exports")
    print("\n".join(problems) or f"every control of the staff panel is reachable at {width}x{height}")
    sys.stdout.flush()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
