"""names.csv as staff keep it: each mistake `check` names, at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.names.roll import parse_roll, read_named_roll, read_roll

HEADER = ("id,surname,given_name,patronymic,birth_year,panel,row,stop,publish,"
          "other_surnames,other_spellings\n")
GOOD = "1,Фёдорова,Анна,Ивановна,1901,1,1,wall,yes,Петрова|Сидорова,Fiodorowa Anna\n"


def problems(text: str) -> list[str]:
    return [str(p) for p in parse_roll(text, stop_ids={"wall"}).problems]


def test_a_good_row_is_read_with_its_other_names():
    roll = parse_roll(HEADER + GOOD, stop_ids={"wall"})
    assert roll.problems == []
    (person,) = roll.people
    assert (person.full_name, person.birth_year, person.panel, person.row) == \
        ("Фёдорова Анна Ивановна", 1901, 1, 1)
    assert person.other_surnames == ("Петрова", "Сидорова")
    assert person.other_spellings == ("Fiodorowa Anna",)


def test_the_optional_and_extra_columns_may_be_left_off_or_added():
    text = ("id,surname,given_name,patronymic,birth_year,panel,row,stop,publish,note\n"
            "1,Ким,Ольга,,,2,3,wall,yes,seen in 1941\n")
    roll = parse_roll(text, stop_ids={"wall"})
    assert roll.problems == [] and roll.people[0].birth_year is None


def test_a_missing_column():
    text = "id,surname,given_name,birth_year,panel,row,stop,publish\n"
    assert problems(text) == [
        "names.csv:1:4: column 4 should be 'patronymic' but is 'birth_year'; the first row "
        "must name the columns in this order: id, surname, given_name, patronymic, "
        "birth_year, panel, row, stop, publish"]


def test_a_row_with_too_few_columns():
    assert problems(HEADER + "1,Фёдорова,Анна\n") == [
        "names.csv:2:4: this row has 3 column(s), fewer than the 9 the header names; fill in "
        "'patronymic' and those after it"]


def test_an_empty_required_field():
    assert problems(HEADER + "1,,Анна,,1901,1,1,wall,yes\n") == [
        "names.csv:2:2: 'surname' is empty; fill it in"]


def test_a_duplicate_id():
    assert problems(HEADER + GOOD + GOOD.replace("Фёдорова", "Петрова")) == [
        "names.csv:3:1: the id '1' is already used on line 2; give each person an id of "
        "their own"]


def test_an_unknown_stop():
    assert problems(HEADER + GOOD.replace(",wall,", ",wal,")) == [
        "names.csv:2:8: there is no stop 'wal' in stops.yaml; write the id of the stop told "
        "at this part of the wall (for example wall-of-memory)"]


@pytest.mark.parametrize("year", ["19O1", "1901.0", "201", "2024"])
def test_a_year_that_is_no_year(year):
    assert problems(HEADER + GOOD.replace("1901", year)) == [
        f"names.csv:2:5: birth_year '{year}' is not a year; write four digits between 1850 "
        "and 1959, or leave it empty if unknown"]


def test_a_panel_that_is_no_number():
    assert problems(HEADER + GOOD.replace(",1,1,", ",B,1,")) == [
        "names.csv:2:6: panel 'B' is not a number; write the panel's number, 1 or more"]


def test_publish_neither_yes_nor_no():
    assert problems(HEADER + GOOD.replace(",yes,", ",maybe,")) == [
        "names.csv:2:9: publish is 'maybe'; write yes (the name is shown) or no (the family "
        "asked that it not be shown)"]


def test_a_row_not_to_be_published_is_dropped_as_it_is_read():
    roll = parse_roll(HEADER + GOOD + GOOD.replace("1,", "2,", 1).replace(",yes,", ",no,"),
                      stop_ids={"wall"})
    assert [p.id for p in roll.people] == ["1"] and roll.unpublished == 1


def test_a_quoted_cell_with_a_comma_and_a_line_break_keeps_the_line_numbers():
    text = HEADER + '1,"Фёдорова, урожд.\nПетрова",Анна,,1901,1,1,wall,yes\n' + \
        "2,,Ольга,,1902,1,1,wall,yes\n"
    assert problems(text) == ["names.csv:4:2: 'surname' is empty; fill it in"]


def _save(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "names.csv"
    path.write_bytes(data)
    return path


def test_windows_1251_says_how_to_save_as_csv_utf8(tmp_path):
    path = _save(tmp_path, (HEADER + GOOD).encode("cp1251", errors="replace"))
    (problem,) = [str(p) for p in read_roll(path, {"wall"}).problems]
    # Ф and ё in Windows-1251 happen to form a UTF-8 letter; д, the 5th character, does not
    assert problem.startswith("names.csv:2:5: this is not UTF-8 text (perhaps Windows-1251")
    assert "'CSV UTF-8 (Comma delimited)'" in problem and "'Unicode (UTF-8)'" in problem


def test_a_byte_order_mark_is_read_with_a_warning_saying_how_to_save_without_it(tmp_path):
    path = _save(tmp_path, b"\xef\xbb\xbf" + (HEADER + GOOD).encode("utf-8"))
    roll = read_roll(path, {"wall"})
    (problem,) = [str(p) for p in roll.problems]
    assert problem.startswith("names.csv:1:1: warning: the file starts with a byte order "
                              "mark (BOM), as Excel's 'CSV UTF-8' writes it")
    assert "untick 'Save with BOM'" in problem
    assert [p.surname for p in roll.people] == ["Фёдорова"] and roll.errors == []


def test_utf16_from_a_spreadsheet_says_how_to_save_as_csv_utf8(tmp_path):
    path = _save(tmp_path, (HEADER + GOOD).encode("utf-16"))
    (problem,) = [str(p) for p in read_roll(path, {"wall"}).problems]
    assert problem.startswith("names.csv:1:1: the file is saved as UTF-16")
    assert "CSV UTF-8" in problem


def test_a_missing_file(tmp_path):
    (problem,) = [str(p) for p in read_roll(tmp_path / "names.csv").problems]
    assert problem.startswith("names.csv:1:1: the list of names cannot be read")


def test_a_list_outside_the_content_folder_is_not_read(tmp_path):
    (tmp_path / "names.csv").write_text(HEADER + GOOD, encoding="utf-8")
    (tmp_path / "tour").mkdir()
    roll = read_named_roll(tmp_path / "tour", "../names.csv", {"wall"})
    assert roll.people == [] and str(roll.problems[0]).startswith(
        "../names.csv:1:1: the list of names is outside the content folder")
    assert [p.id for p in read_named_roll(tmp_path, "names.csv", {"wall"}).people] == ["1"]
