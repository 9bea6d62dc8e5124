"""stops.yaml to Tour: good files load, broken ones name the line and what to do."""

from pathlib import Path

import pytest

from kiosk.content import ContentError, load_tour

GOOD = """\
museum:
  name: {kk: Мұражай, ru: Музей, en: Museum}
  languages: [kk, ru, en]
  default_language: kk
stops:
  - id: arch
    number: 101
    kind: monument
    title: {kk: Қақпа, ru: Арка, en: Arch}
    narration:
      en: {audio: assets/audio/en/arch.ogg, captions: assets/audio/en/arch.vtt}
    images:
      - file: assets/images/arch-1.jpg
        caption: {en: An arch}
  - id: wall
    number: 102
    kind: monument
    title: {kk: Қабырға, ru: Стена, en: Wall}
    images:
      - file: assets/images/arch-1.jpg
  - id: secret
    number: 103
    kind: grounds
    hidden: true
    title: {en: Not yet}
    images:
      - file: assets/images/arch-1.jpg
"""


def make_content(tmp_path: Path, text: str = GOOD) -> Path:
    for rel in ("assets/audio/en/arch.ogg", "assets/audio/en/arch.vtt", "assets/images/arch-1.jpg"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    (tmp_path / "stops.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_tour(make_content(tmp_path, text))
    return [str(p) for p in caught.value.problems]


def test_good_tour_loads_in_order_without_hidden_stops(tmp_path):
    tour = load_tour(make_content(tmp_path))
    assert [s.id for s in tour.stops] == ["arch", "wall"]
    assert tour.museum.default_language == "kk"
    assert tour.by_number(102).id == "wall"
    assert tour.by_number(103) is None
    assert tour.neighbour("arch", 1).id == "wall"
    assert tour.neighbour("wall", 1) is None
    assert tour.file("assets/images/arch-1.jpg").is_file()


def test_syntax_error_names_its_line(tmp_path):
    text = GOOD.replace("    kind: monument\n", "    kind: monument\n   oops: [1, 2\n", 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("stops.yaml:9:")
    assert "not well formed" in problem


def test_tab_indentation_is_explained(tmp_path):
    text = GOOD.replace("    number: 101", "\tnumber: 101")
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("stops.yaml:7:1:")
    assert "use spaces, not tabs" in problem


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = GOOD.replace("    title: {kk: Қақпа", "    titel: {kk: Қақпа")
    problems = problems_of(tmp_path, text)
    assert "stops.yaml:9:5: unknown key 'titel'; did you mean 'title'?" in problems
    assert any(p.startswith("stops.yaml:6:5: 'title' is missing") for p in problems)


def test_duplicate_key_is_reported_not_hidden(tmp_path):
    text = GOOD.replace("    number: 101\n", "    number: 101\n    number: 104\n", 1)
    problems = problems_of(tmp_path, text)
    assert problems == ["stops.yaml:8:5: 'number' is given twice here (first on line 7); keep only one"]


def test_duplicate_number_names_both_places(tmp_path):
    text = GOOD.replace("number: 102", "number: 101")
    problems = problems_of(tmp_path, text)
    assert problems == ["stops.yaml:16:13: stop number 101 is used twice (also on line 7); "
                        "give each stop its own number"]


def test_missing_file_and_path_outside_are_errors(tmp_path):
    text = GOOD.replace("file: assets/images/arch-1.jpg\n        caption",
                        "file: assets/images/arch-2.jpg\n        caption")
    text = text.replace("captions: assets/audio/en/arch.vtt", "captions: ../secret.vtt")
    problems = problems_of(tmp_path, text)
    assert any(p.startswith("stops.yaml:11:") and "outside the content folder" in p for p in problems)
    assert any(p.startswith("stops.yaml:13:") and "'assets/images/arch-2.jpg' does not exist; "
               "did you mean 'assets/images/arch-1.jpg'?" in p for p in problems)


def test_python_objects_in_yaml_are_refused(tmp_path):
    text = GOOD.replace("kind: grounds", "kind: !!python/object/apply:os.system ['true']")
    problems = problems_of(tmp_path, text)
    assert problems == ["stops.yaml:23:11: the tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                        "is not allowed; write plain text, numbers and lists"]


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(ContentError, match="there is no stops.yaml"):
        load_tour(tmp_path)
    with pytest.raises(ContentError, match="stops.yaml:1:1: the file is empty"):
        load_tour(make_content(tmp_path, "# nothing yet\n"))


def test_recursive_anchor_does_not_hang(tmp_path):
    problems = problems_of(tmp_path, "a: &x [*x]\n")
    assert "repeats itself" in problems[0]
