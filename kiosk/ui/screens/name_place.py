"""Where a name stands: the wall drawn with its panel and row marked, and the way to the
story told at that part of the wall."""

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from ...i18n import N_
from ..rules import load_rules_beside
from ..widgets.name_result import describe
from ..widgets import controls, toolbar, wall_plan  # noqa: F401  (Header, Toolbar, WallPlan: name_place.kv)

TOLD_AT = N_("The story told at this part of the wall: {title}")


class NamePlaceScreen(Screen):
    """Shows :attr:`person` (kiosk.names.roll.Person); the app sets it and
    :attr:`stop_title`, the title of the stop told there ("" when the tour has no such
    stop: then there is no story to offer). ``on_hear_story`` asks for that stop."""

    person = ObjectProperty(None, allownone=True)
    stop_title = StringProperty("")

    __events__ = ("on_hear_story",)

    def details(self, tr, _language: str) -> str:
        """The year of birth, the panel and row (kv passes the language to follow it)."""
        return describe(self.person, tr) if self.person is not None else ""

    def told_at(self, tr, _language: str) -> str:
        return tr._(TOLD_AT).format(title=self.stop_title) if self.stop_title else ""

    def hear_story(self) -> None:
        if self.person is not None and self.stop_title:
            self.dispatch("on_hear_story", self.person.stop)

    def on_hear_story(self, stop_id: str) -> None:
        pass


load_rules_beside(__file__)
