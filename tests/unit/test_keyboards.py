"""The on-screen keyboard's letters: every letter of each alphabet, once, and a keyboard
for every interface language."""

import pytest

from kiosk.i18n import DOMAIN, LOCALE_DIR
from kiosk.names.keyboards import (HYPHEN, LAYOUTS, SCRIPT_NAMES, SCRIPT_OF_LANGUAGE, SCRIPTS,
                                   letters, most_rows, widest_row)

# The alphabets as they are taught, written out here rather than taken from the module.
KAZAKH = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"
RUSSIAN = "А Б В Г Д Е Ё Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я"
LATIN = "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z"
ALPHABETS = {"kk": KAZAKH, "ru": RUSSIAN, "latin": LATIN}


def test_the_alphabets_written_here_have_their_known_lengths():
    assert [len(ALPHABETS[s].split()) for s in ("kk", "ru", "latin")] == [42, 33, 26]


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_keyboard_has_every_letter_of_its_alphabet_once(script):
    typed = letters(script)
    assert len(typed) == len(set(typed)), "a letter has two keys"
    assert sorted(typed) == sorted(letter.lower() for letter in ALPHABETS[script].split())


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_keys_type_lower_case_letters_and_one_hyphen(script):
    keys = [key for row in LAYOUTS[script] for key in row]
    assert keys.count(HYPHEN) == 1
    assert all(key == key.lower() and len(key) == 1 for key in keys)


def test_kazakh_is_russian_with_the_nine_kazakh_letters_in_a_row_above():
    assert LAYOUTS["kk"][0] == tuple("әіңғүұқөһ") + (HYPHEN,)
    assert set(letters("kk")) - set(letters("ru")) == set("әғқңөұүһі")
    assert LAYOUTS["kk"][1][:6] == tuple("йцукен") == LAYOUTS["ru"][0][:6]
    assert LAYOUTS["latin"][0][:6] == tuple("qwerty")


def test_rows_are_few_and_short_enough_for_keys_of_48_dp_on_the_search_screen():
    # At 1280 px the keyboard gets about half the width (640 px): 12 keys and their gaps.
    assert most_rows() <= 4
    assert widest_row() <= 12


def test_every_interface_language_opens_a_keyboard_of_its_script():
    languages = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    assert languages == {"kk", "ru", "en"}
    assert {language: SCRIPT_OF_LANGUAGE[language] for language in languages} == \
        {"kk": "kk", "ru": "ru", "en": "latin"}
    assert set(SCRIPT_OF_LANGUAGE.values()) == set(SCRIPTS) == set(LAYOUTS)


def test_the_switch_keys_name_each_script_in_its_own_letters():
    assert SCRIPT_NAMES == {"kk": "ҚАЗ", "ru": "РУС", "latin": "ABC"}
