"""The kiosk's own words in Kazakh, Russian and English, from gettext .po catalogs.

The catalogs live in kiosk/locale/<lang>/LC_MESSAGES/kiosk.po and are read directly with
polib, so no compile step is needed at set-up. Message ids are the English text.
"""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "kiosk"


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs where it is defined; translated where shown."""
    return message


class Catalogs:
    """Translations of the interface, one dictionary per language."""

    def __init__(self, messages: dict[str, dict[str, str]]):
        self._messages = messages

    @classmethod
    def load(cls, locale_dir: Path = LOCALE_DIR) -> "Catalogs":
        messages: dict[str, dict[str, str]] = {}
        for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            language = po_path.parent.parent.name
            catalog = polib.pofile(str(po_path))
            messages[language] = {entry.msgid: entry.msgstr for entry in catalog
                                  if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags}
        return cls(messages)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._messages)

    def gettext(self, language: str, message: str) -> str:
        """``message`` in ``language``; the English id if a translation is missing."""
        return self._messages.get(language, {}).get(message, message)
