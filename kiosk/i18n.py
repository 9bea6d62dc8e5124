"""The kiosk's own words in Kazakh, Russian and English, from gettext .po catalogs.

The catalogs live in kiosk/locale/<lang>/LC_MESSAGES/kiosk.po and are read directly with
polib, so no compile step is needed at set-up. Message ids are the English text.

Where a number meets a noun ("1 stop", "21 объект", "5 объектов") a message has plural
forms: ``msgid``/``msgid_plural`` in the catalog, one ``msgstr[i]`` per form of the
language, and the language's ``Plural-Forms`` header says which form a number takes.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Callable

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "kiosk"

PluralRule = Callable[[int], int]


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs where it is defined; translated where shown."""
    return message


def english_plural(n: int) -> int:
    """The English ids' own rule: the singular for 1, the plural otherwise."""
    return 0 if n == 1 else 1


def plural_rule(header: str) -> tuple[int, PluralRule]:
    """``nplurals=3; plural=(...);`` -> (3, the rule as a Python function)."""
    fields = {}
    for part in header.split(";"):
        name, _, value = part.partition("=")
        if name.strip():
            fields[name.strip()] = value.strip()
    count = int(fields["nplurals"])
    # gettext's own parser of the C expression: a safe subset, no eval of arbitrary text.
    return count, gettext.c2py(fields["plural"])


class Catalogs:
    """Translations of the interface, one dictionary per language."""

    def __init__(self, messages: dict[str, dict[str, str]],
                 plurals: dict[str, dict[str, list[str]]] | None = None,
                 rules: dict[str, PluralRule] | None = None):
        self._messages = messages
        self._plurals = plurals or {}
        self._rules = rules or {}

    @classmethod
    def load(cls, locale_dir: Path = LOCALE_DIR) -> "Catalogs":
        messages: dict[str, dict[str, str]] = {}
        plurals: dict[str, dict[str, list[str]]] = {}
        rules: dict[str, PluralRule] = {}
        for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            language = po_path.parent.parent.name
            catalog = polib.pofile(str(po_path))
            header = catalog.metadata.get("Plural-Forms")
            count = 2
            if header:
                count, rules[language] = plural_rule(header)
            messages[language] = {}
            plurals[language] = {}
            for entry in catalog:
                if entry.obsolete or "fuzzy" in entry.flags:
                    continue
                if entry.msgid_plural:
                    forms = [entry.msgstr_plural.get(i, "") for i in range(count)]
                    if all(forms):
                        plurals[language][entry.msgid] = forms
                elif entry.msgstr:
                    messages[language][entry.msgid] = entry.msgstr
        return cls(messages, plurals, rules)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._messages)

    def gettext(self, language: str, message: str) -> str:
        """``message`` in ``language``; the English id if a translation is missing."""
        return self._messages.get(language, {}).get(message, message)

    def ngettext(self, language: str, singular: str, plural: str, n: int) -> str:
        """The form of ``singular``/``plural`` that ``n`` takes in ``language``.

        Falls back to the English ids (singular for 1) if the language has no translation.
        The result still holds its placeholders: ``.format(stops=n)`` fills them.
        """
        forms = self._plurals.get(language, {}).get(singular)
        rule = self._rules.get(language)
        if forms and rule:
            index = rule(abs(int(n)))
            if 0 <= index < len(forms):
                return forms[index]
        return (singular, plural)[english_plural(n)]
