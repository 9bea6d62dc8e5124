"""Brings kiosk/locale/*/LC_MESSAGES/kiosk.po up to date with the messages in the code.

New messages are added untranslated (the catalog test then fails until a translator fills
them in); messages no longer used are removed. Run: python tools/update_catalogs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kiosk.i18n import DOMAIN, LOCALE_DIR  # noqa: E402
from tools.catalog_messages import find_messages  # noqa: E402

LANGUAGES = ("kk", "ru", "en")


def update(language: str, messages: dict[str, list[str]]) -> tuple[int, int]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = polib.pofile(str(path)) if path.exists() else polib.POFile()
    catalog.metadata = {"Project-Id-Version": "alzhir-kiosk", "Language": language,
                        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit"}
    known = {entry.msgid: entry for entry in catalog}
    added = removed = 0
    for message, places in messages.items():
        entry = known.get(message)
        if entry is None:
            entry = polib.POEntry(msgid=message, msgstr=message if language == "en" else "")
            catalog.append(entry)
            added += 1
        entry.occurrences = [tuple(place.rsplit(":", 1)) for place in places]
    for entry in list(catalog):
        if entry.msgid not in messages:
            catalog.remove(entry)
            removed += 1
    catalog.save(str(path))
    return added, removed


if __name__ == "__main__":
    found = find_messages()
    for code in LANGUAGES:
        added, removed = update(code, found)
        print(f"{code}: {added} added, {removed} removed")
