"""stops.yaml to Tour: good files load, broken ones name the line and what to do."""

import math
from pathlib import Path

import pytest
import yaml

from kiosk.content import ContentError, read_tour
from kiosk.content.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parents[2]

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
        read_tour(make_content(tmp_path, text)).valid_tour()
    return [str(p) for p in caught.value.problems]


def test_good_tour_loads_in_order_without_hidden_stops(tmp_path):
    tour = read_tour(make_content(tmp_path)).valid_tour()
    assert [s.id for s in tour.stops] == ["arch", "wall"]
    assert tour.museum.default_language == "kk"
    assert tour.by_number(102).id == "wall"
    assert tour.by_number(103) is None
    assert tour.neighbour("arch", 1).id == "wall"
    assert tour.neighbour("wall", 1) is None
    assert tour.file("assets/images/arch-1.jpg").is_file()


def edited(*changes: tuple[str, str]) -> str:
    """GOOD with each change (old, new) made: its one ``old`` written as ``new``."""
    text = GOOD
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("old, new, place, words", [
    pytest.param("    kind: monument\n    title: {kk: Қақпа",
                 "    kind: monument\n   oops: [1, 2\n    title: {kk: Қақпа", "stops.yaml:9:",
                 "not well formed", id="syntax-error-names-its-line"),
    pytest.param("    number: 101", "\tnumber: 101", "stops.yaml:7:1:", "use spaces, not tabs",
                 id="tab-indentation-is-explained"),
])
def test_a_malformed_file_names_the_line(tmp_path, old, new, place, words):
    (problem,) = problems_of(tmp_path, edited((old, new)))
    assert problem.startswith(place)
    assert words in problem


@pytest.mark.parametrize("old, new, problem", [
    # Only the typo: "'title' is missing" would say the same thing again.
    pytest.param("    title: {kk: Қақпа", "    titel: {kk: Қақпа",
                 "stops.yaml:9:5: unknown key 'titel'; did you mean 'title'?",
                 id="unknown-key-suggests-the-right-one"),
    pytest.param("    number: 101\n", "    number: 101\n    number: 104\n",
                 "stops.yaml:8:5: 'number' is given twice here (first on line 7); keep only one",
                 id="duplicate-key-is-reported-not-hidden"),
    pytest.param("number: 102", "number: 101",
                 "stops.yaml:16:13: stop number 101 is used twice (also on line 7); give each "
                 "stop its own number", id="duplicate-number-names-both-places"),
    pytest.param("kind: grounds", "kind: !!python/object/apply:os.system ['true']",
                 "stops.yaml:23:11: the tag '!!python/object/apply:os.system' is not allowed "
                 "here; remove it, and write plain text, numbers and lists",
                 id="python-objects-in-yaml-are-refused"),
])
def test_one_mistake_is_one_problem_in_staffs_words(tmp_path, old, new, problem):
    assert problems_of(tmp_path, edited((old, new))) == [problem]


def test_missing_file_and_path_outside_are_errors(tmp_path):
    problems = problems_of(tmp_path, edited(
        ("file: assets/images/arch-1.jpg\n        caption",
         "file: assets/images/arch-2.jpg\n        caption"),
        ("captions: assets/audio/en/arch.vtt", "captions: ../secret.vtt")))
    assert any(p.startswith("stops.yaml:11:") and "outside the content folder" in p for p in problems)
    assert any(p.startswith("stops.yaml:13:") and "'assets/images/arch-2.jpg' does not exist; "
               "did you mean 'assets/images/arch-1.jpg'?" in p for p in problems)


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(ContentError, match="there is no stops.yaml"):
        read_tour(tmp_path).valid_tour()
    with pytest.raises(ContentError, match="stops.yaml:1:1: the file is empty"):
        read_tour(make_content(tmp_path, "# nothing yet\n")).valid_tour()


def test_recursive_anchor_does_not_hang(tmp_path):
    problems = problems_of(tmp_path, "a: &x [*x]\n")
    assert problems[0] == ("stops.yaml:1:8: *x refers to the value it stands in (&x above "
                           "contains it); write the value out instead")


def test_billion_laughs_is_refused_at_an_alias_of_it(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    problems = problems_of(tmp_path, "\n".join(lines) + "\n")
    assert len(problems) == 1
    place, message = problems[0].split(": ", 1)
    assert message == ("the file repeats itself through anchors (&name / *name) far too "
                       "much; write the values out")
    line, column = map(int, place.split(":")[1:])
    assert 2 <= line <= 9 and lines[line - 1][column - 1] == "*"


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path):
    problems = problems_of(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert len(problems) == 1 and "nests lists and groups far too deeply" in problems[0]


TRICKY = """\
plain: [yes, No, on, OFF, true, ~, null, '', 1_000, 0x1F, 0o17, 017, 1:30, 1e3, .inf, -.Inf,
        .NaN, 2001-12-14, 2001-12-14t21:59:43.10-05:00, 3.0, +12, -0, "quoted 1", 'it''s']
folded: >
  one
  two
literal: |
  line 1
  line 2
anchored: &base {x: 1, y: [a, b]}
again: *base
"""


@pytest.mark.parametrize("text", [TRICKY, (ROOT / "stops.yaml").read_text(encoding="utf-8")],
                         ids=["tricky-scalars", "demo-tour"])
def test_values_are_exactly_what_yaml_safe_load_gives(text):
    data, _, problems = load_yaml(text, "stops.yaml")
    expected = yaml.safe_load(text)
    if text is TRICKY:  # 017 is octal in YAML 1.1: read, and also reported
        assert [str(p) for p in problems] == [
            "stops.yaml:1:65: 017 starts with 0, so YAML reads it as a different number (15); "
            "write it without the leading 0, or in quotes if it is text"]
        nan = math.isnan
        assert nan(data["plain"][16]) and nan(expected["plain"][16])
        data["plain"][16] = expected["plain"][16] = "nan"
    else:
        assert problems == []
    assert data == expected


def test_the_pure_python_parser_words_a_syntax_error(tmp_path, monkeypatch):
    text = GOOD.replace("    kind: monument\n", "    kind: monument\n   oops: [1, 2\n", 1)
    with_c = problems_of(tmp_path, text)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert problems_of(tmp_path, text) == with_c


def test_places_are_remembered_for_every_value():
    _, source, _ = load_yaml(GOOD, "stops.yaml")
    assert source.place(("stops", 0, "narration", "en", "audio")) == (11, 19)
    assert source.place(("stops", 1, "title", "ru")) == (18, 30)
    assert source.place(("stops", 1, "number"), prefer_key=True) == (16, 5)
    assert source.place(("stops", 9, "title")) == (6, 3)  # the nearest that exists: stops


def test_a_broken_stop_does_not_hide_the_others_problems(tmp_path):
    text = GOOD.replace("kind: monument", "kind: statue", 1)
    text = text.replace("number: 102", "number: 101")
    text = text.replace("file: assets/images/arch-1.jpg\n    hidden", "file: x.jpg\n    hidden")
    text = text.replace("    hidden: true\n    title: {en: Not yet}\n    images:\n"
                        "      - file: assets/images/arch-1.jpg",
                        "    hidden: true\n    title: {en: Not yet}\n    images:\n"
                        "      - file: assets/images/arch-9.jpg")
    assert problems_of(tmp_path, text) == [
        "stops.yaml:8:11: 'statue' is not a kind of stop; use one of: "
        "museum_hall, installation, sculpture, monument, building, grounds",
        "stops.yaml:16:13: stop number 101 is used twice (also on line 7); give each stop its "
        "own number",
        "stops.yaml:27:15: the file 'assets/images/arch-9.jpg' does not exist; did you mean "
        "'assets/images/arch-1.jpg'?",
    ]


def test_a_folder_linked_out_of_the_content_folder_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "pictures").mkdir(parents=True)
    (outside / "pictures" / "arch-1.jpg").write_bytes(b"x")
    content = make_content(tmp_path / "content")
    (content / "assets" / "linked").symlink_to(outside / "pictures")
    text = GOOD.replace("file: assets/images/arch-1.jpg\n        caption",
                        "file: assets/linked/arch-1.jpg\n        caption")
    (content / "stops.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_tour(content).valid_tour()
    assert [str(p) for p in caught.value.problems] == [
        "stops.yaml:13:15: the folder of 'assets/linked/arch-1.jpg' is a link to a place "
        "outside the content folder; put the files themselves in assets/"]


def test_a_link_inside_the_content_folder_is_fine(tmp_path):
    content = make_content(tmp_path)
    (content / "assets" / "images" / "same.jpg").symlink_to(content / "assets/images/arch-1.jpg")
    (content / "stops.yaml").write_text(GOOD.replace("arch-1.jpg\n        caption",
                                                     "same.jpg\n        caption"), encoding="utf-8")
    assert read_tour(content).valid_tour().stops[0].images[0].file == "assets/images/same.jpg"


def test_reading_says_where_each_file_really_is(tmp_path):
    found = read_tour(make_content(tmp_path))
    assert found.tour is not None and found.problems == []
    assert found.files["assets/audio/en/arch.ogg"] == str((tmp_path / "assets/audio/en/arch.ogg").resolve())
    assert [index for index, _ in found.stops] == [0, 1, 2]


def test_loading_never_decodes_media(tmp_path, monkeypatch):
    import PIL.Image
    import soundfile

    def refuse(*args, **kwargs):
        raise AssertionError("the kiosk's load must not open media")

    monkeypatch.setattr(soundfile, "SoundFile", refuse)
    monkeypatch.setattr(soundfile, "info", refuse)
    monkeypatch.setattr(PIL.Image, "open", refuse)
    assert read_tour(make_content(tmp_path)).valid_tour().stops  # the files hold b"x": never opened


def test_places_follow_the_editor_when_yaml_sees_more_line_breaks(tmp_path):
    # U+2028 (pasted from a word processor) is a new line to YAML, not to editors.
    text = edited(("title: {kk: Қақпа, ru: Арка, en: Arch}",
                   "title: {kk: Қақпа, ru: Арка,\u2028en: Arch}"),
                  ("kind: grounds", "kind: ground"))
    assert problems_of(tmp_path, text) == [
        "stops.yaml:9:1: warning: this line holds an invisible line-break character (pasted "
        "from a word processor or a PDF) that YAML reads as a new line but your editor may "
        "not show; retype the line",
        "stops.yaml:23:11: 'ground' is not a kind of stop; did you mean 'grounds'? use one of: "
        "museum_hall, installation, sculpture, monument, building, grounds",
    ]
