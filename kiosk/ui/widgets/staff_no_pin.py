"""The note the corner's long press shows while the kiosk has no staff PIN.

No PIN means no way into the staff panel: a visitor who finds the corner must never be
offered to choose one (and with it "leave kiosk mode"). The note tells staff, in the
visitor's language, how the PIN is set, and closes.
"""

from kivy.properties import StringProperty

from ..rules import load_rules_beside
from .overlay import Overlay
from . import notices  # noqa: F401  (NoticePanel, in staff_no_pin.kv)

#: The command staff run on the kiosk's computer (the same in every language).
SET_PIN_COMMAND = "python main.py set-pin"


class StaffNoPinView(Overlay):
    """"This kiosk has no staff PIN yet", with the command that sets it, and Close."""

    command = StringProperty(SET_PIN_COMMAND)

    @staticmethod
    def note_words(tr, command: str, _language=None) -> str:
        """The note with the command in it (the kv rule also passes ``app.tr._``, read so
        that a change of language runs the rule again)."""
        return tr._("This kiosk has no staff PIN yet. Staff set it on the kiosk's computer with: {command}").format(command=command)


load_rules_beside(__file__)
