"""Captions visitors can read along: at most two lines of about 42 characters, 1-7 s a
cue, no faster than 17 characters a second (issue #12, point 9).

The demo tour's captions keep those rules (read with the kiosk's own reader), and
`check` warns staff, at the cue's own line in the .vtt, about captions that break them,
without failing (only --strict counts warnings). No Kivy here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kiosk.captions import (LINE_CHARS, MAX_CHARS_PER_SECOND, MAX_SECONDS, MIN_SECONDS,
                            Captions, Cue, cue_layout, reading_chars, reading_problems,
                            sentence_cues, webvtt_text)
from kiosk.check import run_check
from samples import make_tour

ROOT = Path(__file__).resolve().parents[2]


def demo_caption_files(root: Path = ROOT) -> list[Path]:
    tour = yaml.safe_load((root / "stops.yaml").read_text(encoding="utf-8"))
    return [root / narration["captions"] for stop in tour["stops"]
            for narration in stop["narration"].values() if narration.get("captions")]


def hard_to_read(path: Path) -> list[str]:
    """Every cue of ``path`` past the rules, with what is wrong (kiosk's reader)."""
    found = []
    for cue in Captions.load(path).cues:
        duration = cue.end - cue.start
        said = reading_problems(cue.start, cue.end, cue.lines)
        # the generator keeps to the rules exactly: 42, not merely "about 42"
        if max(len(line) for line in cue.lines) > LINE_CHARS:
            said.append(f"a line over {LINE_CHARS} characters")
        if said:
            found.append(f"{path.relative_to(ROOT)} {cue.start:.3f}-{cue.end:.3f} "
                         f"({duration:.1f} s, {len(cue.lines)} line(s)) {cue.text!r}: "
                         + "; ".join(said))
    return found


def test_every_demo_caption_can_be_read_along():
    files = demo_caption_files()
    assert len(files) >= 30
    found = [problem for path in files for problem in hard_to_read(path)]
    assert not found, f"{len(found)} demo cue(s) past the reading rules:\n" + "\n".join(found[:20])


def test_every_demo_cue_is_one_or_two_lines_shown_as_the_file_breaks_them():
    for path in demo_caption_files():
        for cue in Captions.load(path).cues:
            assert 1 <= len(cue.lines) <= 2, (path, cue)
            assert cue.shown.split("\n") == list(cue.lines)


# --- the rules themselves ------------------------------------------------------------


def test_the_rules_name_each_way_a_cue_is_hard_to_read():
    long_line = "x" * 60
    assert reading_problems(0.0, 3.0, ["Before you stands the Arch of Sorrow."]) == []
    said = reading_problems(0.0, 11.5, [long_line, "a", "b"])
    assert any("3 lines" in s for s in said)
    assert any("60 characters" in s for s in said)
    assert any("11.5 s" in s for s in said)
    assert any("0.4 s" in s for s in reading_problems(0.0, 0.4, ["Yes."]))
    fast = reading_problems(0.0, 2.0, ["It is the gateway to holy ground, the place"])
    assert len(fast) == 1 and "22 characters a second" in fast[0]


def test_a_long_sentence_is_cut_into_cues_of_two_lines_at_its_pauses():
    text = ("It stands on the site of the Akmolinsk Camp of Wives of Traitors to the "
            "Motherland, a Soviet camp for women that existed from 1938 to 1953.")
    words = text.split()
    cues = [cue_layout(words[first:end]) for first, end in sentence_cues(words)]
    assert " ".join(" ".join(lines) for lines in cues) == text  # every word, in order
    assert all(1 <= len(lines) <= 2 and all(len(line) <= LINE_CHARS for line in lines)
               for lines in cues)
    assert len(cues) == 2 and cues[1][0].startswith("Motherland, a Soviet camp")


def test_cuts_fall_only_where_they_are_allowed():
    words = "one two three four five six seven eight nine ten eleven twelve thirteen".split() * 3
    spans = sentence_cues(words, breaks={13, 26})
    assert [end for _, end in spans] == [13, 26, 39]


def test_cues_written_as_webvtt_read_back_with_their_lines_and_names(tmp_path):
    cues = [Cue(0.349, 2.662, "a b", ("a", "b"), "1.1"), Cue(3602.5, 3604.0, "c", ("c",), "1.2")]
    path = tmp_path / "x.vtt"
    path.write_text(webvtt_text(cues), encoding="utf-8")
    back = Captions.load(path).cues
    assert [(c.start, c.end, c.lines, c.identifier) for c in back] == [
        (0.349, 2.662, ("a", "b"), "1.1"), (3602.5, 3604.0, ("c",), "1.2")]


# --- check warns staff ---------------------------------------------------------------


LONG = ("Before you stands the Arch of Sorrow, the gateway to holy ground, the place where "
        "the world of the living meets the world of the dead, and where visitors bow.")


def _run(content: Path, strict: bool = False) -> tuple[int, list[str]]:
    printed: list[str] = []
    return run_check(content, out=printed.append, strict=strict), printed


def test_check_warns_at_the_cue_in_the_vtt_and_does_not_fail(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=14)
    vtt = content / "assets/audio/en/stop-1.vtt"
    vtt.write_text("WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nGood.\n\n"
                   f"2\n00:00:03.000 --> 00:00:14.000\n{LONG}\n", encoding="utf-8")
    status, printed = _run(content)
    assert status == 0
    warned = [line for line in printed if line.startswith("assets/audio/en/stop-1.vtt:")]
    assert len(warned) == 1, printed
    line = warned[0]
    assert line.startswith("assets/audio/en/stop-1.vtt:8:1: warning: the caption 'Before you")
    assert f"{len(LONG)} characters long" in line and "about 42" in line
    assert "11.0 s" in line and "7 s or less" in line
    assert "characters a second" not in line  # 153 characters in 11 s: slow enough
    assert "stops.yaml is fine: 1 stops in kk, ru, en; 1 warning(s) above." in printed
    assert _run(content, strict=True)[0] == 1  # --strict: warnings count as errors


def test_check_names_the_first_few_and_counts_the_rest(tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=14)
    vtt = content / "assets/audio/ru/stop-1.vtt"
    body = "".join(f"00:00:{n:02d}.000 --> 00:00:{n:02d}.300\nСлишком быстро {n}.\n\n"
                   for n in range(1, 10))
    vtt.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    status, printed = _run(content)
    assert status == 0
    warned = [line for line in printed if line.startswith("assets/audio/ru/stop-1.vtt:")]
    assert len(warned) == 6, printed
    assert all("0.3 s" in line and "at least 1 s" in line for line in warned[:5])
    assert warned[5].startswith("assets/audio/ru/stop-1.vtt:18:1: warning: 4 more caption(s)")
