"""Brings kiosk/locale/*/LC_MESSAGES/kiosk.po up to date with the messages in the code.

New messages are added untranslated (the catalog test then fails until a translator fills
them in); messages no longer used are removed. Messages written with ``tr.ngettext`` get
``msgid_plural`` and one empty ``msgstr[i]`` per plural form of the language, as its
``Plural-Forms`` header (PLURAL_FORMS below) counts them. Run: python tools/update_catalogs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kiosk.i18n import DOMAIN, LOCALE_DIR  # noqa: E402
from kiosk.i18n import plural_rule  # noqa: E402
from tools.catalog_messages import find_messages, find_plural_messages  # noqa: E402

LANGUAGES = ("kk", "ru", "en")
# How many forms a noun takes after a number, and which one n takes (GNU gettext's notation).
# Kazakh keeps the noun singular after any number ("1 нысан", "5 нысан"): one form.
# Russian: 1, 21, 101 объект; 2-4, 22-24 объекта; 0, 5-20, 11-14, 25 объектов.
PLURAL_FORMS = {
    "kk": "nplurals=1; plural=0;",
    "ru": ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
           "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    "en": "nplurals=2; plural=(n != 1);",
}


def update(language: str, messages: dict[str, list[str]],
           plurals: dict[str, str] | None = None) -> tuple[int, int]:
    plurals = plurals or {}
    count, _rule = plural_rule(PLURAL_FORMS[language])
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = polib.pofile(str(path)) if path.exists() else polib.POFile()
    catalog.metadata = {"Project-Id-Version": "alzhir-kiosk", "Language": language,
                        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit",
                        "Plural-Forms": PLURAL_FORMS[language]}
    known = {entry.msgid: entry for entry in catalog}
    added = removed = 0
    for message, places in messages.items():
        entry = known.get(message)
        if entry is None:
            entry = polib.POEntry(msgid=message, msgstr=message if language == "en" else "")
            catalog.append(entry)
            added += 1
        if message in plurals:
            entry.msgid_plural = plurals[message]
            entry.msgstr = ""
            english = (message, plurals[message])
            entry.msgstr_plural = {i: entry.msgstr_plural.get(i) or (english[i] if language == "en" else "")
                                   for i in range(count)}
        entry.occurrences = [tuple(place.rsplit(":", 1)) for place in places]
    for entry in list(catalog):
        if entry.msgid not in messages:
            catalog.remove(entry)
            removed += 1
    catalog.save(str(path))
    return added, removed


if __name__ == "__main__":
    found = find_messages()
    plural_ids = find_plural_messages()
    for code in LANGUAGES:
        added, removed = update(code, found, plural_ids)
        print(f"{code}: {added} added, {removed} removed")
