"""Whatever staff type, loading gives a Tour or a ContentError, and check a verdict.

Property-based (hypothesis): random YAML-ish text, random data written as YAML, and
random edits of the demo tour's stops.yaml (lines deleted, doubled, swapped, re-indented,
cut off, characters replaced, YAML punctuation inserted). Never another exception, never
a hang (each example is given a few seconds at most), and every problem has a real place.
"""

from __future__ import annotations

import contextlib
import re
import signal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.check import check_content, run_check
from kiosk.content import ContentError, Tour
from kiosk.content.errors import Problem, Severity
from kiosk.content.loader import read_tour_text
from samples import make_tour

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "stops.yaml").read_text(encoding="utf-8")
DEMO_LINES = DEMO.split("\n")

#: No example may take longer than this: a hang fails the test instead of stalling it.
LIMIT_S = 10
SETTINGS = dict(deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

TOKENS = ["museum:", "stops:", "- ", "id: ", "number: ", "title: ", "kk: ", "en: ", "images:",
          "file: ", "narration:", "audio: ", "\n", "\n  ", "\n    ", "  ", "\t", ":", " ", "-",
          "[", "]", "{", "}", ",", "'", '"', "#", "&a ", "*a", "!!python/object:os.system ",
          "!!int ", "<<: ", "---\n", "...\n", "? ", "|", ">", "%YAML 1.1\n", "@", "`", "\\",
          "0101", "1e9", "yes", "~", "Қақпа", "é", "\x00", "\x07", "\ufeff", "\r\n", "\r",
          "\x85", "\u2028", "assets/",
          "../", "/etc/passwd", "a" * 30]


@contextlib.contextmanager
def time_limit(seconds: int):
    def stop(signum, frame):
        raise TimeoutError(f"took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def load_text(text: str, root: Path = ROOT) -> Tour:
    """What reading a stops.yaml holding ``text`` gives: the tour and the problems."""
    found = read_tour_text(text, root)
    tour, problems = found.tour, found.problems
    if tour is None or any(p.severity is Severity.error for p in problems):
        raise ContentError(problems)
    return tour


def assert_tour_or_content_error(text: str) -> None:
    # YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
    lines = len(re.split(r"\r\n|\r|\n|\x85|\u2028|\u2029", text))
    with time_limit(LIMIT_S):
        try:
            tour = load_text(text)
        except ContentError as error:
            assert error.errors, "a ContentError names at least one error"
            for problem in error.problems:
                assert isinstance(problem, Problem)
                assert problem.file == "stops.yaml"
                assert 1 <= problem.line <= lines + 1 and problem.col >= 1, problem
                assert problem.message and "Traceback" not in problem.message
        else:
            assert isinstance(tour, Tour) and tour.stops is not None


@st.composite
def demo_edits(draw) -> str:
    """The demo stops.yaml with one to four random edits."""
    lines = list(DEMO_LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "double", "swap", "indent", "dedent", "insert",
                                     "replace", "cut"]))
        if edit == "delete" and len(lines) > 1:
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "indent":
            lines[at] = " " * draw(st.integers(1, 3)) + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 3)):]
        elif edit == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(TOKENS)) + lines[at][column:]
        elif edit == "replace" and lines[at]:
            column = draw(st.integers(0, len(lines[at]) - 1))
            lines[at] = lines[at][:column] + draw(st.characters()) + lines[at][column + 1:]
        elif edit == "cut":
            return "\n".join(lines[:at] + [lines[at][: draw(st.integers(0, len(lines[at])))]])
    return "\n".join(lines)


yamlish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=40).map("".join)

plain_data = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10_000) | st.floats(allow_nan=False)
    | st.text(max_size=8) | st.sampled_from(["kk", "ru", "en", "monument", "assets/x.jpg"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["museum", "stops", "id", "number", "kind", "title",
                                       "kk", "ru", "en", "images", "file", "narration",
                                       "audio", "languages", "name", "default_language",
                                       "hidden", "at"]) | st.text(max_size=5),
                      children, max_size=5),
    max_leaves=25)


@settings(max_examples=150, **SETTINGS)
@given(demo_edits())
def test_edits_of_the_demo_tour_give_a_tour_or_a_content_error(text):
    assert_tour_or_content_error(text)


@settings(max_examples=150, **SETTINGS)
@given(yamlish)
def test_yamlish_text_gives_a_tour_or_a_content_error(text):
    assert_tour_or_content_error(text)


@settings(max_examples=100, **SETTINGS)
@given(plain_data)
def test_any_data_written_as_yaml_gives_a_tour_or_a_content_error(data):
    assert_tour_or_content_error(yaml.safe_dump({"museum": data} if isinstance(data, list)
                                                else data, allow_unicode=True))


@settings(max_examples=40, **SETTINGS)
@given(st.data())
def test_check_always_gives_a_verdict(tmp_path_factory, data):
    content = tmp_path_factory.getbasetemp() / "check-property-tour"
    if not (content / "assets").is_dir():
        make_tour(content, stops=2, seconds=1)
        (content / "good.yaml").write_bytes((content / "stops.yaml").read_bytes())
    good = (content / "good.yaml").read_text(encoding="utf-8").split("\n")
    at = data.draw(st.integers(0, len(good) - 1))
    column = data.draw(st.integers(0, len(good[at])))
    good[at] = good[at][:column] + data.draw(yamlish) + good[at][column:]
    (content / "stops.yaml").write_text("\n".join(good), encoding="utf-8")
    printed: list[str] = []
    with time_limit(LIMIT_S):
        report = check_content(content)
        status = run_check(content, out=printed.append)
    assert status in (0, 1)
    assert status == (1 if report.errors else 0)
    assert printed and not any("Traceback" in line for line in printed)
