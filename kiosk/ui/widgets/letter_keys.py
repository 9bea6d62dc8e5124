"""The on-screen keyboard of the name search: Kazakh, Russian or Latin letters.

The letters come from :mod:`kiosk.names.keyboards`. Keys show a letter upper-case, as a
physical keyboard does, and type it lower-case. A row at the bottom holds the three
script keys (ҚАЗ, РУС, ABC: one touch switches, the current one is filled, outlined, bold and
underlined), a wide Space, Erase and Clear all. The keyboard tells its holder what was
typed and does nothing else with it:

- ``on_letter(letter)``: a lower-case letter, ``"-"`` or ``" "``;
- ``on_erase()`` and ``on_clear()``.

Every key keeps the same size in every script (as wide as one of the widest row's keys,
the rows centred, the keys laid from the bottom up), so the script keys stay under the
visitor's finger when they switch. Type grows with the larger-text mode and shrinks to
fit a key, never beyond its edge.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from ...names.keyboards import LAYOUTS, SCRIPTS, most_rows, widest_row
from ..rules import load_rules_beside
from .controls import QuietButton

#: Between two keys (dp).
GAP = 5
#: Keys grow with the room they are given up to this height (dp), then stay put.
TALLEST = 88
#: Room kept between a key's text and its edge, each side (dp).
MARGIN = 5
#: Type sizes (sp) before the larger-text scale: the letters, and the words of the bottom row.
LETTER_SP = 28
WORD_SP = 20
#: The bottom row's keys, in widths of a letter key: three script keys, Space, Erase,
#: Clear all (as many as the widest row of letters, so its edges line up with it).
BOTTOM_ROW = {"script": 1.3, "space": 2.5, "erase": 2.5, "clear": 3.1}
#: Keys whose words are shown in one type size: the script keys, and the other three.
WORD_GROUPS = (("script_kk", "script_ru", "script_latin"), ("key_space", "key_erase", "key_clear"))


def fitted_size(text: str, wanted: float, width: float, height: float, *, bold: bool = False,
                font_name: str = "Roboto") -> float:
    """The largest type size up to ``wanted`` at which ``text`` fits ``width`` x ``height``,
    wrapped between words (never within one), as a centred Label shows it."""
    words = text.split()
    if not words or width <= 1 or height <= 1:
        return wanted
    size = wanted
    for _ in range(40):
        measure = CoreLabel(text=text, font_size=size, bold=bold, font_name=font_name,
                            halign="center", text_size=(width, None))
        measure.resolve_font_name()
        widest = max(measure.get_extents(word)[0] for word in words)
        tall = measure.render()[1]
        if (widest <= width and tall <= height) or size <= sp(8):
            return size
        size = max(sp(8), min(size * 0.94, size * width / widest if widest > width else size))
    return size


class LetterKey(QuietButton):
    """One letter (or the hyphen): shows it upper-case, types it as it is."""

    letter = StringProperty("")
    #: Set by the keyboard: one size for every letter, so the rows look even.
    type_size = NumericProperty(sp(LETTER_SP))


class WordKey(QuietButton):
    """A key with a word on it (Space, Erase, Clear all, a script's name). :attr:`fitted_size`
    is the largest type up to :attr:`wanted_size` at which its word fits; the keyboard
    shows the words of a group at the smallest of theirs (:attr:`type_size`)."""

    wanted_size = NumericProperty(sp(WORD_SP))
    fitted_size = NumericProperty(sp(WORD_SP))
    type_size = NumericProperty(sp(WORD_SP))
    #: Measured as if bold: a script key is bold while it is the one shown, and its type
    #: keeps its size when that changes.
    measure_bold = BooleanProperty(False)

    def __init__(self, **kwargs):
        self._refit = Clock.create_trigger(self.fit, -1)
        super().__init__(**kwargs)
        for name in ("text", "size", "wanted_size", "measure_bold", "font_name"):
            self.fbind(name, self._refit)

    @property
    def room(self) -> tuple[float, float]:
        return self.width - 2 * dp(MARGIN), self.height - 2 * dp(MARGIN)

    def fit(self, *_args) -> None:
        self.fitted_size = fitted_size(self.text, self.wanted_size, *self.room,
                                       bold=self.measure_bold or self.bold, font_name=self.font_name)


class ScriptKey(WordKey):
    """Switches the keyboard to :attr:`script`; marked while it is the one shown."""

    script = StringProperty("")
    measure_bold = BooleanProperty(True)


class LetterRow(BoxLayout):
    """One row of letter keys, centred under the widest row."""

    count = NumericProperty(0)
    #: The keyboard's key size and gap (bound to the keyboard's own).
    key_width = NumericProperty(dp(48))
    key_height = NumericProperty(dp(48))
    gap = NumericProperty(dp(GAP))


class LetterKeys(BoxLayout):
    """The keyboard. :attr:`script` chooses the letters: ``"kk"``, ``"ru"`` or ``"latin"``."""

    script = OptionProperty(SCRIPTS[0], options=SCRIPTS)
    #: Every key's size and the gap between keys, from the room the keyboard is given.
    key_width = NumericProperty(dp(48))
    key_height = NumericProperty(dp(48))
    gap = NumericProperty(dp(GAP))
    #: The letters' type size: ``LETTER_SP`` times the larger-text scale, or less if the
    #: widest letter would not fit a key.
    letter_size = NumericProperty(sp(LETTER_SP))
    text_scale = NumericProperty(1.0)
    #: How many rows the current script has (the rest of the height is left empty above).
    row_count = NumericProperty(most_rows())
    __events__ = ("on_letter", "on_erase", "on_clear")

    def __init__(self, **kwargs):
        self._rows: dict[str, list[LetterRow]] = {}
        self._letter_ids: set[str] = set()
        self._measure = Clock.create_trigger(self._measure_keys, -1)
        super().__init__(**kwargs)
        for name in ("size", "text_scale"):
            self.fbind(name, self._measure)

    def on_kv_post(self, base_widget) -> None:
        super().on_kv_post(base_widget)
        # Made from a screen's kv rule, the keyboard's own ids exist only now.
        self._show_rows()
        self._measure_keys()
        even = Clock.create_trigger(self._even_words, -1)
        for group in WORD_GROUPS:
            for name in group:
                self.ids[name].fbind("fitted_size", even)
        self._even_words()

    def _even_words(self, *_args) -> None:
        """The words of a group in one type size: the largest at which each of them fits."""
        for group in WORD_GROUPS:
            keys = [self.ids[name] for name in group]
            size = min(key.fitted_size for key in keys)
            for key in keys:
                key.type_size = size

    # -- what a touch does ----------------------------------------------------------
    def type_key(self, letter: str) -> None:
        self.dispatch("on_letter", letter)

    def on_letter(self, letter: str) -> None:
        pass

    def on_erase(self) -> None:
        pass

    def on_clear(self) -> None:
        pass

    # -- the keys -------------------------------------------------------------------
    def named_keys(self) -> dict:
        """Every key shown now by its name: ``letter_<letter>`` (``letter_-``), ``key_space``,
        ``key_erase``, ``key_clear``, ``script_kk``, ``script_ru``, ``script_latin``."""
        keys = {f"letter_{key.letter}": key
                for row in self._rows.get(self.script, ()) for key in row.children}
        controls = ("key_space", "key_erase", "key_clear", *(f"script_{s}" for s in SCRIPTS))
        keys.update({name: self.ids[name] for name in controls})
        return keys

    def on_script(self, *_args) -> None:
        self._show_rows()

    def _show_rows(self) -> None:
        """The current script's rows in place of the last ones (each script's keys are made
        once, when first shown, so switching back and forth makes nothing new)."""
        holder = self.ids.get("letter_rows")
        if holder is None:  # before the kv rule has run
            return
        if self.script not in self._rows:
            self._rows[self.script] = [self._make_row(row) for row in LAYOUTS[self.script]]
        holder.clear_widgets()
        for row in self._rows[self.script]:
            holder.add_widget(row)
        self.row_count = len(self._rows[self.script])
        for name in self._letter_ids:
            self.ids.pop(name, None)
        letters = {name: key for name, key in self.named_keys().items() if name.startswith("letter_")}
        self.ids.update(letters)  # so the screen's drivers find a letter by its name
        self._letter_ids = set(letters)

    def _make_row(self, letters: tuple[str, ...]) -> LetterRow:
        row = LetterRow(count=len(letters))
        for name in ("key_width", "key_height", "gap"):
            setattr(row, name, getattr(self, name))
            self.fbind(name, row.setter(name))
        for letter in letters:
            key = LetterKey(letter=letter, text=letter.upper(), type_size=self.letter_size)
            key.bind(on_release=lambda key: self.type_key(key.letter))
            self.fbind("letter_size", key.setter("type_size"))
            row.add_widget(key)
        return row

    def _measure_keys(self, *_args) -> None:
        """Key sizes from the keyboard's own size; the letters' type from the keys'."""
        columns, rows = widest_row(), most_rows() + 1  # the letters and the bottom row
        gap = dp(GAP)
        self.gap = gap
        self.key_width = max(1.0, (self.width - (columns - 1) * gap) / columns)
        self.key_height = max(1.0, min(dp(TALLEST), (self.height - (rows - 1) * gap) / rows))
        self.letter_size = self._letter_size(sp(LETTER_SP) * self.text_scale)

    def _letter_size(self, wanted: float) -> float:
        room_x = self.key_width - 2 * dp(MARGIN)
        room_y = self.key_height - 2 * dp(MARGIN)
        measure = CoreLabel(font_size=wanted)
        measure.resolve_font_name()
        every = {key.upper() for rows in LAYOUTS.values() for row in rows for key in row}
        widest = max(measure.get_extents(letter)[0] for letter in every)
        tallest = max(measure.get_extents(letter)[1] for letter in every)
        # Type is drawn in proportion to its size; a hair less, for the rounding of pixels.
        return min(wanted, 0.97 * wanted * room_x / widest, 0.97 * wanted * room_y / tallest)


load_rules_beside(__file__)
