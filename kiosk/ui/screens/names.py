"""Find a name on the Wall of Memory: a keyboard in the visitor's letters, the names found
as they type, best first.

What the visitor types lives in :attr:`NameSearchScreen.query` and nowhere else: it is not
logged, recorded or saved, and :meth:`forget` (the idle reset) clears it. The screen tells
the app two things: ``on_search_begun`` when a new search starts (the figures count that
a search was made, never what was typed) and ``on_person_chosen(person)``.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from ...i18n import N_
from ...names.search import Match
from ..rules import load_rules_beside
from ..widgets import letter_keys, toolbar  # noqa: F401  (LetterKeys, Header, Toolbar: names.kv)
from ..widgets.name_result import describe, forget_heights, row_height
from ..widgets.scrolling import NameList  # noqa: F401  (the list of names found, in names.kv)
from ..widgets.shown import ShownLabel  # noqa: F401  (the demonstration notice, in names.kv)

#: The most names shown for one query: a family narrows it by typing more.
MOST_SHOWN = 40
#: The longest query kept (a name with its patronymic and a maiden name fits many times).
LONGEST_QUERY = 80

DEMONSTRATION = N_("A demonstration list: these made-up names are here to try the search. They are not the names on the Wall of Memory.")
PREPARING = N_("The list of names is being prepared. One moment, please.")
INVITE = N_("Type a surname, or a surname and a given name, in any letters.")
NOTHING_FOUND = N_("No name found. Check the spelling, or type only the surname.")
MANY_FOUND = N_("Many names match. Type more letters to find the one you are looking for.")
TOUCH_ONE = N_("Touch a name to see where it stands on the wall.")


class NameSearchScreen(Screen):
    """The search: :attr:`query` typed, :attr:`results` (one dict per name) shown."""

    #: What a made-up demonstration list says of itself (names.kv).
    DEMONSTRATION = DEMONSTRATION
    query = StringProperty("")
    #: The RecycleView's data: full_name, details, place, chosen, height.
    results = ListProperty([])
    #: What the line above the results says, in the visitor's language.
    status = StringProperty("")
    #: The finder (kiosk.ui.name_finding.NameFinding), given by the app.
    finder = ObjectProperty(None)
    #: The app's translator, for the words built here (the status, the details line).
    tr = ObjectProperty(None)
    #: Set in names.kv: the language, the larger-text scale, the list's width.
    language = StringProperty("")
    text_scale = NumericProperty(1.0)
    list_width = NumericProperty(0)
    #: True while the list of names is still being read and indexed.
    waiting = BooleanProperty(True)

    __events__ = ("on_search_begun", "on_person_chosen")

    def __init__(self, **kwargs):
        self._matches: list[Match] = []
        self._refresh = Clock.create_trigger(lambda _dt: self._show_matches(), -1)
        super().__init__(**kwargs)
        if self.finder is not None:
            self.finder.bind(ready=self._finder_changed, count=self._finder_changed)
            self._finder_changed()
        self.bind(language=self._refresh, text_scale=self._refresh, list_width=self._refresh)

    # -- what the visitor types (the on-screen keys and a USB keyboard) -------------------
    def type_text(self, text: str) -> None:
        """Letters, a space or a hyphen typed; anything else is not part of a name."""
        kept = "".join(ch for ch in text if ch.isalpha() or ch in " -'’")
        if not kept:
            return
        if not self.query.strip():
            self.dispatch("on_search_begun")
        self.query = (self.query + kept)[:LONGEST_QUERY]

    def erase(self) -> None:
        self.query = self.query[:-1]

    def clear(self) -> None:
        self.query = ""

    def choose_first(self) -> None:
        """Enter on a keyboard: the best name found, if there is one."""
        if self._matches:
            self.choose(0)

    def choose(self, place: int) -> None:
        if 0 <= place < len(self._matches):
            self.dispatch("on_person_chosen", self._matches[place].person)

    def forget(self) -> None:
        """The idle reset: nothing of this visitor's search is left."""
        self.query = ""
        self._matches = []
        self.results = []
        self.ids.names.scroll_y = 1
        forget_heights()
        self._show_matches()

    # -- what is shown ----------------------------------------------------------------
    def on_query(self, *_args) -> None:
        self._search()

    def _finder_changed(self, *_args) -> None:
        self.waiting = not self.finder.ready
        self._search()

    def _search(self) -> None:
        finder = self.finder
        typed = self.query.strip()
        self._matches = finder.search(typed, MOST_SHOWN) if finder and typed else []
        self.ids.names.scroll_y = 1
        self._show_matches()

    def _show_matches(self) -> None:
        tr = self.tr
        if tr is None:
            return
        width, scale = self.list_width, self.text_scale
        rows = []
        for place, match in enumerate(self._matches):
            person = match.person
            line = describe(person, tr)
            rows.append({"full_name": person.full_name, "details": line, "place": place,
                         "chosen": self.choose,
                         "height": row_height(person.full_name, line, width, scale)})
        self.results = rows
        self.status = self._status_text()

    def _status_text(self) -> str:
        tr = self.tr
        count = len(self._matches)
        if self.waiting:
            return tr._(PREPARING)
        if not self.query.strip():
            return tr._(INVITE)
        if count == 0:
            return tr._(NOTHING_FOUND)
        if count >= MOST_SHOWN:
            return tr._(MANY_FOUND)
        found = tr.ngettext("{count} name found", "{count} names found", count)
        return f"{found.format(count=count)}. {tr._(TOUCH_ONE)}"

    def on_search_begun(self) -> None:
        pass

    def on_person_chosen(self, person) -> None:
        pass


load_rules_beside(__file__)
