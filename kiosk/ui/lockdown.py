"""Kiosk mode: nothing a visitor presses leaves the guide or opens Kivy's own tools.

Esc, Alt+F4, the window's close button, the F-keys and Kivy's settings panel do nothing;
the mouse cursor is hidden. Only the staff panel lifts the lock (``allow_exit``), and
only then does closing the window end the program.
"""

from __future__ import annotations

from kivy.core.window import Window

#: F1..F15 (Kivy key codes), Esc, and the Menu key.
BLOCKED_KEYS = set(range(282, 297)) | {27, 319}


class Lockdown:
    """Holds the window in kiosk mode while the app runs."""

    def __init__(self, show_cursor: bool = False):
        self.exit_allowed = False
        self.show_cursor = show_cursor

    def start(self) -> None:
        Window.bind(on_request_close=self._on_request_close, on_keyboard=self._on_keyboard)
        Window.show_cursor = self.show_cursor

    def stop(self) -> None:
        Window.unbind(on_request_close=self._on_request_close, on_keyboard=self._on_keyboard)
        Window.show_cursor = True

    def allow_exit(self) -> None:
        """Staff asked to leave kiosk mode: the next close request is honoured."""
        self.exit_allowed = True

    def set_cursor(self, visible: bool) -> None:
        self.show_cursor = visible
        Window.show_cursor = visible

    def _on_request_close(self, *_args, **_kwargs):
        return not self.exit_allowed  # True keeps the window open

    def _on_keyboard(self, _window, key, _scancode=None, _codepoint=None, modifiers=None):
        if key in BLOCKED_KEYS:
            return True  # swallowed: no Kivy shortcut, no close, no settings
        if modifiers and ("alt" in modifiers or "meta" in modifiers):
            return True
        return False
