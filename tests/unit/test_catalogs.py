"""Every word the kiosk shows a visitor exists in Kazakh, Russian and English."""

import polib
import pytest

from kiosk.i18n import DOMAIN, LOCALE_DIR, Catalogs
from tools.catalog_messages import find_messages

LANGUAGES = ("kk", "ru", "en")
USED = find_messages()


def test_messages_are_found_in_the_code():
    # Guards the extractor itself: if it found nothing, the tests below would pass vacuously.
    assert "Begin the tour" in USED and "Monument" in USED


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_unused(language):
    catalog = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"))
    translated = {e.msgid for e in catalog if "fuzzy" not in e.flags
                  and (e.msgstr.strip() or (e.msgstr_plural and all(f.strip() for f in e.msgstr_plural.values())))}
    assert sorted(set(USED) - translated) == [], f"untranslated in {language}"
    assert sorted({e.msgid for e in catalog} - set(USED)) == [], f"unused in {language}"


def test_kazakh_and_russian_differ_from_the_english_ids():
    catalogs = Catalogs.load()
    assert catalogs.gettext("kk", "Begin the tour") == "Экскурсияны бастау"
    assert catalogs.gettext("ru", "Begin the tour") == "Начать экскурсию"
    assert catalogs.gettext("en", "Begin the tour") == "Begin the tour"
