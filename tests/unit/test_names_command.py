"""`python main.py find-name` and `check` with a list of names, as staff use them; and
what a visitor types is written nowhere."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.check import check_content, run_check
from kiosk.cli import main
from kiosk.names.roll import read_roll
from kiosk.names.search import NameIndex

ROOT = Path(__file__).resolve().parents[2]
NAMES = """\
id,surname,given_name,patronymic,birth_year,panel,row,stop,publish,other_surnames,other_spellings
a1,Щербакова,Мария,Петровна,1910,12,3,wall-of-memory,yes,,
a2,Щербакова,Анна,Ивановна,1904,12,4,wall-of-memory,yes,,
a3,Щербакова,Ольга,,1899,12,5,wall-of-memory,no,,
a4,Ковальская,Ядвига,,1901,7,1,wall-of-memory,yes,Зюзина,Kowalska Jadwiga
"""


@pytest.fixture
def content(tmp_path) -> Path:
    """A tour folder: the demo's stops.yaml and assets, with a small names.csv."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "stops.yaml").write_bytes((ROOT / "stops.yaml").read_bytes())
    (folder / "assets").symlink_to(ROOT / "assets")
    (folder / "names.csv").write_text(NAMES, encoding="utf-8")
    return folder


def test_find_name_json_lists_the_persons_best_first(content, capsys):
    assert main(["find-name", "Щербакова", "--content", str(content), "--json"]) == 0
    assert [person["id"] for person in json.loads(capsys.readouterr().out)] == ["a2", "a1"]
    assert main(["find-name", "Мария", "Щербакова", "--content", str(content), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [person["id"] for person in found] == ["a1"]
    assert {key: found[0][key] for key in ("surname", "given_name", "patronymic", "panel",
                                           "row", "stop")} == {
        "surname": "Щербакова", "given_name": "Мария", "patronymic": "Петровна",
        "panel": 12, "row": 3, "stop": "wall-of-memory"}
    assert found[0]["score"] > 0


def test_find_name_prints_where_the_name_stands_and_obeys_limit(content, capsys):
    assert main(["find-name", "Shcherbakova", "--content", str(content), "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "panel 12, row" in lines[0]


def test_find_name_finds_a_maiden_name_and_an_own_spelling(content, capsys):
    main(["find-name", "Зюзина", "--content", str(content), "--json"])
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == ["a4"]
    main(["find-name", "Kowalska", "Jadwiga", "--content", str(content), "--json"])
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == ["a4"]


def test_an_unpublished_row_is_never_shown_counted_or_found(content, capsys):
    main(["find-name", "Щербакова", "Ольга", "--content", str(content), "--json"])
    assert json.loads(capsys.readouterr().out) == []
    main(["find-name", "Щербакова", "--content", str(content), "--json", "--limit", "50"])
    assert "a3" not in capsys.readouterr().out
    roll = read_roll(content / "names.csv", {"wall-of-memory"})
    assert len(roll.people) == 3 and "Ольга" not in repr(roll.people)


def test_check_names_the_mistakes_of_names_csv(tmp_path):
    import yaml
    from samples import make_tour

    root = make_tour(tmp_path / "tour", stops=1, seconds=1.0)
    tour = yaml.safe_load((root / "stops.yaml").read_text(encoding="utf-8"))
    tour["museum"]["names"] = "names.csv"
    (root / "stops.yaml").write_text(yaml.safe_dump(tour, allow_unicode=True), encoding="utf-8")
    stop = tour["stops"][0]["id"]
    rows = NAMES.replace("wall-of-memory", stop)
    (root / "names.csv").write_text(rows, encoding="utf-8")
    assert check_content(root).errors == 0
    said = []
    run_check(root, out=said.append)
    assert "Checked the list of names: 3 name(s) to show." in said  # the unpublished not counted
    (root / "names.csv").write_text(rows + "a4,Ким,Вера,,1900,1,1,nowhere,yes\n",
                                    encoding="utf-8")
    assert [str(p) for p in check_content(root).problems if p.file == "names.csv"] == [
        "names.csv:6:1: the id 'a4' is already used on line 5; give each person an id of "
        "their own"]
    (root / "names.csv").write_text(rows + "a5,Ким,Вера,,1900,1,1,nowhere,yes\n",
                                    encoding="utf-8")
    assert [str(p) for p in check_content(root).problems if p.file == "names.csv"] == [
        "names.csv:6:8: there is no stop 'nowhere' in stops.yaml; write the id of the stop "
        "told at this part of the wall (for example wall-of-memory)"]


def test_the_demo_list_checks_clean_and_is_marked_a_demonstration():
    from kiosk.content.loader import read_tour

    museum = read_tour(ROOT, check_files=False).museum
    assert museum.names == "names.csv" and museum.names_demonstration is True
    roll = read_roll(ROOT / "names.csv", {"wall-of-memory"})
    assert roll.problems == [] and len(roll.people) > 19_000 and roll.unpublished > 0


def test_a_search_logs_nothing_of_what_was_typed(content, caplog):
    caplog.set_level(logging.DEBUG)
    index = NameIndex(read_roll(content / "names.csv").people)
    assert index.search("Зюзина Ядвига")
    assert "Зюзина" not in caplog.text and "zuzina" not in caplog.text.lower()


def test_find_name_writes_nothing_of_what_was_typed(content, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"),
               TMPDIR=str(home))
    typed = "Зюзена Ядвиго"  # a typo in each word: in no file before
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "find-name", typed,
                           "--content", str(content)], env=env, cwd=home,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Ковальская" in done.stdout
    assert typed not in done.stdout + done.stderr
    written = [path for path in tmp_path.rglob("*") if path.is_file() and
               not path.is_symlink() and "assets" not in path.parts]
    assert written, "the test looks at the files there are"
    for path in written:
        data = path.read_bytes()
        for word in typed.split():
            assert word.encode("utf-8") not in data, path
