"""One name found on the Wall of Memory: the full name as the wall writes it, the year of
birth, the panel and row; one large target that shows where the name stands."""

from functools import lru_cache

from kivy.metrics import dp, sp
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from ...i18n import N_
from ..rules import load_rules_beside
from .stop_tile import text_height

BORN = N_("born {year}")
PLACE = N_("panel {panel}, row {row}")

#: Type sizes (sp, before the larger-text scale) of the name and of the line under it.
NAME_SP = 22
DETAILS_SP = 18
#: Space inside the row around its words (dp).
PADDING_X, PADDING_Y = 20, 12


def describe(person, tr) -> str:
    """"born 1905  ·  panel 57, row 12" in the visitor's language (``tr``)."""
    details = [tr._(PLACE).format(panel=person.panel, row=person.row)]
    if person.birth_year:
        details.insert(0, tr._(BORN).format(year=person.birth_year))
    return "  ·  ".join(details)


def row_height(full_name: str, details: str, width: float, scale: float = 1.0) -> float:
    """How tall a row of ``width`` must be for the whole name and its details: a long
    name wraps onto a second line; it is never cut or shrunk."""
    text_width = max(1.0, width - 2 * dp(PADDING_X) - 1)
    return (_height(full_name, text_width, sp(NAME_SP) * scale, True)
            + _height(details, text_width, sp(DETAILS_SP) * scale, False)
            + 2 * dp(PADDING_Y) + dp(2))


@lru_cache(maxsize=4096)
def _height(text: str, width: float, font_size: float, bold: bool) -> float:
    # A family types a name a letter at a time and sees mostly the same names again:
    # each is measured once (a few hundred microseconds each, up to 40 a keystroke).
    return text_height(text, width, font_size, bold=bold)


class NameResult(RecycleDataViewBehavior, ButtonBehavior, BoxLayout):
    """A row of the search's results (the RecycleView reuses a handful of them)."""

    #: Its place among the results, for :attr:`chosen`.
    place = NumericProperty(0)
    full_name = StringProperty("")
    #: "born 1905 · panel 57, row 12", in the visitor's language.
    details = StringProperty("")
    #: Called with :attr:`place` when the row is touched (the search screen's choose).
    chosen = ObjectProperty(None, allownone=True)

    def on_release(self):
        if self.chosen is not None:
            self.chosen(self.place)


def forget_heights() -> None:
    """The idle reset: not even the measures of the names shown are kept."""
    _height.cache_clear()


load_rules_beside(__file__)
