"""The stop-number keypad, as on classic audio guides: type the number shown at the exhibit.

A stop opens as soon as its number is typed, unless a longer stop number still begins
with those digits: then Enter, or a short pause, opens it. Digits that are no stop but
begin one (the "1" of 110) wait for more digits, or Enter, however long the visitor takes
to look back at the sign: a pause never turns them down. Only the visit's idle rules end
such a wait, by clearing the keypad (:meth:`KeypadEntry.clear`). Digits that can lead to
no stop are answered at once, so the visitor is never left waiting on a mistake. No Kivy
here.

Leading zeros are allowed and ignored: "012" opens stop 12, because a sign may pad its
number to three digits; "0" alone, or only zeros, is no stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

KeypadKind = Literal["typing", "open", "unknown", "empty"]


@dataclass(frozen=True)
class KeypadResult:
    """What the screen should do after a key.

    ``typing``: show the digits and wait; ``open``: open stop ``number``; ``unknown``: say
    kindly that ``number`` is no stop; ``empty``: nothing is typed.
    """

    kind: KeypadKind
    number: int | None = None


class KeypadEntry:
    """The digits typed so far, checked against the tour's stop numbers."""

    def __init__(self, numbers: Iterable[int], max_digits: int = 4):
        if max_digits < 1:
            raise ValueError("max_digits must be at least 1")
        self.max_digits = max_digits
        self.typed = ""
        # Every way of typing each stop within max_digits ("12", "012", "0012"), and every
        # proper beginning of one: a typed string in _waits may still grow into a stop.
        self._stops: dict[str, int] = {}
        self._waits: set[str] = set()
        for number in set(numbers):
            digits = str(number)
            if number < 0 or len(digits) > self.max_digits:
                continue  # cannot be typed on this keypad
            for width in range(len(digits), self.max_digits + 1):
                padded = digits.zfill(width)
                self._stops[padded] = number
                self._waits.update(padded[:n] for n in range(1, width))

    def _typing(self) -> KeypadResult:
        return KeypadResult("typing", int(self.typed)) if self.typed else KeypadResult("empty")

    def _finish(self, kind: KeypadKind) -> KeypadResult:
        # the result carries the number; the keypad is ready for the next one
        result = KeypadResult(kind, int(self.typed))
        self.clear()
        return result

    def press(self, digit: str) -> KeypadResult:
        """One digit key, "0" to "9"."""
        if len(digit) != 1 or digit not in "0123456789":
            raise ValueError(f"not a keypad digit: {digit!r}")
        if len(self.typed) >= self.max_digits:
            return self._typing()  # the display is full; extra presses do nothing
        self.typed += digit
        if self.typed in self._waits:
            return self._typing()  # a stop, or a longer one, may still come
        if self.typed in self._stops:
            return self._finish("open")
        return self._finish("unknown")

    def backspace(self) -> KeypadResult:
        self.typed = self.typed[:-1]
        return self._typing()

    def enter(self) -> KeypadResult:
        """The Enter key: open the typed stop now, or say it is none."""
        if not self.typed:
            return KeypadResult("empty")
        return self._finish("open" if self.typed in self._stops else "unknown")

    @property
    def opens_on_pause(self) -> bool:
        """The digits typed are a stop that a longer stop also begins with ("12" when
        there are 12 and 123): a short pause takes them as the visitor's number."""
        return self.typed in self._stops and self.typed in self._waits

    def pause(self) -> KeypadResult:
        """Called by the UI after a short pause with no key (about 1.5 s).

        Opens the typed stop when :attr:`opens_on_pause`; digits that only begin longer
        numbers keep waiting (the visitor may be looking for the next digit).
        """
        if self.opens_on_pause:
            return self._finish("open")
        return self._typing()

    def clear(self) -> None:
        self.typed = ""

    def take_over(self, typed: str) -> KeypadResult:
        """Carry over digits typed on the keypad of an earlier tour (staff saved an edit
        while a visitor was typing): kept when they may still become a stop of this tour,
        else cleared."""
        self.typed = typed if typed in self._waits else ""
        return self._typing()
