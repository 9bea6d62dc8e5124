"""Captions: WebVTT cues looked up by narration position, and switching language mid-story."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.captions import Captions, CaptionsError, Cue, matching_position

ROOT = Path(__file__).resolve().parents[2]
AUDIO = ROOT / "assets" / "audio"
DEMO_LANGUAGES = ("kk", "ru", "en")
DEMO_STOPS = sorted(p.stem for p in (AUDIO / "kk").glob("*.vtt"))


def write_vtt(folder: Path, body: str, name: str = "stop.vtt") -> Path:
    path = folder / name
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    return path


THREE_CUES = """\
1
00:00:01.250 --> 00:00:04.625
Before you is the Arch of Sorrow.

2
00:00:04.625 --> 00:00:09.000
It is the gate to a sacred place

3
00:00:10.500 --> 00:00:15.750
where the worlds of the living and the dead meet.
"""


@pytest.fixture
def captions(tmp_path) -> Captions:
    return Captions.load(write_vtt(tmp_path, THREE_CUES))


# --- loading -----------------------------------------------------------------------


def test_cue_times_keep_their_milliseconds(captions):
    assert captions.cues[0] == Cue(1.25, 4.625, "Before you is the Arch of Sorrow.")
    assert captions.cues[2].start == 10.5
    assert captions.cues[2].end == 15.75


def test_cue_at_4_625_s_is_the_second_sentence_not_the_first(captions):
    # a whole-second parser would put both cues at 4 s and show the wrong sentence
    assert captions.at(4.624).text == "Before you is the Arch of Sorrow."
    assert captions.at(4.625).text == "It is the gate to a sacred place"


def test_a_cue_broken_over_lines_reads_as_one_sentence(tmp_path):
    path = write_vtt(tmp_path, "00:00:00.500 --> 00:00:03.000\nThe women built\n"
                               "the barracks  \nthemselves.\n")
    assert Captions.load(path).cues[0].text == "The women built the barracks themselves."


def test_minutes_only_and_hour_long_times_are_read(tmp_path):
    path = write_vtt(tmp_path, "01:02.500 --> 01:05.125\nShort form.\n\n"
                               "01:00:00.001 --> 01:00:02.000\nAn hour in.\n")
    cues = Captions.load(path).cues
    assert (cues[0].start, cues[0].end) == (62.5, 65.125)
    assert (cues[1].start, cues[1].end) == (3600.001, 3602.0)


def test_cue_tags_are_not_shown_to_visitors(tmp_path):
    path = write_vtt(tmp_path, "00:00:00.000 --> 00:00:02.000\n<v Narrator>We <i>testify</i>.\n")
    assert Captions.load(path).cues[0].text == "We testify."


def test_cues_out_of_order_in_the_file_are_sorted(tmp_path):
    path = write_vtt(tmp_path, "00:00:05.000 --> 00:00:06.000\nSecond.\n\n"
                               "00:00:01.000 --> 00:00:02.000\nFirst.\n")
    assert Captions.load(path).transcript() == ["First.", "Second."]


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.vtt"
    path.write_bytes(b"\xef\xbb\xbfWEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello.\n")
    assert Captions.load(path).transcript() == ["Hello."]


def test_a_file_with_no_cues_gives_no_captions(tmp_path):
    assert len(Captions.load(write_vtt(tmp_path, ""))) == 0


def test_a_missing_file_says_it_is_missing(tmp_path):
    with pytest.raises(CaptionsError, match="missing") as caught:
        Captions.load(tmp_path / "nowhere.vtt")
    assert "nowhere.vtt" in str(caught.value)


@pytest.mark.parametrize("content, says", [
    (b"", "WEBVTT"),
    (b"Just some notes about the barrack\n", "WEBVTT"),
    (b"1\n00:00:01,000 --> 00:00:02,000\nSRT, not WebVTT\n", "WEBVTT"),
    (b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nComma in the time\n", "00:01:02.500"),
    (b"WEBVTT\n\n00:99:01.000 --> 00:00:02.000\nNo such minute\n", "00:01:02.500"),
    (b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBackwards\n", "ends"),
    (b"WEBVTT\n\n\xff\xfe\xfa not text\n", "UTF-8"),
])
def test_an_unreadable_file_gives_a_clear_captions_error(tmp_path, content, says):
    path = tmp_path / "broken.vtt"
    path.write_bytes(content)
    with pytest.raises(CaptionsError) as caught:
        Captions.load(path)
    message = str(caught.value)
    assert says in message and "broken.vtt" in message


def test_a_folder_instead_of_a_file_gives_a_captions_error(tmp_path):
    with pytest.raises(CaptionsError, match="could not be read"):
        Captions.load(tmp_path)


def test_a_path_can_be_a_string(tmp_path):
    assert len(Captions.load(str(write_vtt(tmp_path, THREE_CUES)))) == 3


# --- looking up --------------------------------------------------------------------


def test_no_caption_before_the_first_cue_or_in_a_gap_or_after_the_last(captions):
    assert captions.at(0.0) is None
    assert captions.at(1.249) is None
    assert captions.at(9.5) is None  # the pause between two sentences
    assert captions.at(15.75) is None
    assert captions.at(100.0) is None


def test_each_sentence_shows_from_its_start_until_its_end(captions):
    assert captions.at(1.25).text.startswith("Before you")
    assert captions.at(8.999).text.startswith("It is the gate")
    assert captions.at(10.5).text.startswith("where the worlds")
    assert captions.at(15.749).text.startswith("where the worlds")


def test_index_at_is_the_sentence_at_or_just_before_the_position(captions):
    assert captions.index_at(0.0) is None
    assert captions.index_at(1.25) == 0
    assert captions.index_at(4.625) == 1
    assert captions.index_at(9.5) == 1  # in the gap: the sentence just heard
    assert captions.index_at(12.0) == 2
    assert captions.index_at(500.0) == 2


def test_overlapping_cues_show_the_one_that_started_last():
    captions = Captions([Cue(0.0, 10.0, "Long."), Cue(2.0, 4.0, "Short.")])
    assert captions.at(3.0).text == "Short."
    assert captions.at(1.0).text == "Long."


def test_transcript_is_every_sentence_in_order(captions):
    assert captions.transcript() == [
        "Before you is the Arch of Sorrow.",
        "It is the gate to a sacred place",
        "where the worlds of the living and the dead meet.",
    ]


def test_empty_captions_show_nothing():
    empty = Captions.empty()
    assert len(empty) == 0
    assert empty.cues == ()
    assert empty.at(3.0) is None
    assert empty.index_at(3.0) is None
    assert empty.transcript() == []


def test_cues_are_a_tuple_the_screen_cannot_change(captions):
    assert isinstance(captions.cues, tuple)
    with pytest.raises(AttributeError):
        captions.cues[0].text = "changed"  # type: ignore[misc]


def test_lookup_of_a_long_recording_is_fast():
    many = Captions(Cue(i * 2.0, i * 2.0 + 1.5, f"Sentence {i}.") for i in range(20_000))
    assert many.at(23_456.7).text == "Sentence 11728."
    assert many.at(23_457.6) is None


# --- switching language mid-story --------------------------------------------------


def _captions(*starts: float) -> Captions:
    return Captions(Cue(s, s + 2.0, f"at {s}") for s in starts)


def test_switching_with_paired_sentences_lands_at_the_start_of_the_same_sentence():
    kk = _captions(0.5, 4.0, 9.0, 15.0)
    ru = _captions(0.3, 3.0, 7.5, 12.0)
    # in kk sentence 3 (index 2), a little way in
    assert matching_position(kk, 10.2, ru, new_duration=15.0, old_duration=18.0) == 7.5


def test_switching_in_a_pause_goes_back_to_the_sentence_just_heard():
    kk = _captions(0.5, 4.0, 9.0)
    ru = _captions(0.3, 3.0, 7.5)
    assert matching_position(kk, 8.0, ru, new_duration=10.0, old_duration=12.0) == 3.0


def test_switching_before_the_first_sentence_starts_the_new_recording_at_0():
    kk = _captions(0.5, 4.0)
    ru = _captions(0.3, 3.0)
    assert matching_position(kk, 0.2, ru, new_duration=6.0, old_duration=7.0) == 0.0


def _parts(*cues: tuple[float, str]) -> Captions:
    return Captions(Cue(s, s + 1.0, f"at {s}", identifier=name) for s, name in cues)


def test_switching_pairs_sentences_that_each_language_shows_in_its_own_number_of_cues():
    # kk says sentence 2 in three cues, ru in one; sentence 3 in one and two
    kk = _parts((0.5, "1.1"), (2.0, "2.1"), (3.0, "2.2"), (4.0, "2.3"), (6.0, "3.1"))
    ru = _parts((0.3, "1.1"), (1.8, "2.1"), (4.5, "3.1"), (5.5, "3.2"))
    # in the third cue of kk sentence 2: to the start of ru sentence 2
    assert matching_position(kk, 4.5, ru, new_duration=8.0, old_duration=8.0) == 1.8
    # in kk sentence 3: to the first cue of ru sentence 3
    assert matching_position(kk, 6.2, ru, new_duration=8.0, old_duration=8.0) == 4.5
    # and back, from the second cue of ru sentence 3
    assert matching_position(ru, 5.7, kk, new_duration=8.0, old_duration=8.0) == 6.0


def test_switching_without_paired_sentences_keeps_the_same_fraction():
    kk = _captions(0.5, 4.0, 9.0)
    ru = _captions(0.3, 3.0)
    assert matching_position(kk, 30.0, ru, new_duration=80.0, old_duration=60.0) == 40.0
    none = Captions.empty()
    assert matching_position(none, 15.0, none, new_duration=40.0, old_duration=60.0) == 10.0
    assert matching_position(kk, 15.0, none, new_duration=40.0, old_duration=60.0) == 10.0


def test_switching_never_lands_outside_the_new_recording():
    none = Captions.empty()
    assert matching_position(none, 70.0, none, new_duration=40.0, old_duration=60.0) == 40.0
    assert matching_position(none, -3.0, none, new_duration=40.0, old_duration=60.0) == 0.0
    assert matching_position(none, 5.0, none, new_duration=40.0, old_duration=0.0) == 0.0
    # a cue that starts past the end of the new recording (a wrong captions file)
    kk, ru = _captions(1.0, 5.0), _captions(1.0, 50.0)
    assert matching_position(kk, 6.0, ru, new_duration=40.0, old_duration=10.0) == 40.0


# --- the demo tour's own captions --------------------------------------------------


def test_the_demo_tour_has_captions_to_test():
    assert len(DEMO_STOPS) >= 10


@pytest.mark.parametrize("stop_id", DEMO_STOPS)
def test_demo_captions_load_in_every_language_with_paired_sentences(stop_id):
    loaded = {lang: Captions.load(AUDIO / lang / f"{stop_id}.vtt") for lang in DEMO_LANGUAGES}
    # a sentence may take several cues, differently in each language: sentences pair up
    counts = {lang: len(captions.passages()) for lang, captions in loaded.items()}
    assert len(set(counts.values())) == 1 and counts["kk"] > 0, counts
    for captions in loaded.values():
        for cue in captions.cues:
            assert 0 <= cue.start < cue.end and cue.text and "\n" not in cue.text
            assert cue.shown == "\n".join(cue.lines) and " ".join(cue.lines) == cue.text
            assert captions.at((cue.start + cue.end) / 2) == cue
        # a cue in a demo file has millisecond times, not whole seconds
        assert any(cue.start != int(cue.start) for cue in captions.cues)


def test_switching_from_kk_sentence_3_to_ru_lands_at_the_start_of_ru_sentence_3():
    kk = Captions.load(AUDIO / "kk" / "arch-of-sorrow.vtt")
    ru = Captions.load(AUDIO / "ru" / "arch-of-sorrow.vtt")
    # the last cue of kk sentence 3 (a sentence may take more than one cue)
    third = [cue for cue in kk.cues if cue.passage == "3"][-1]
    in_the_middle = (third.start + third.end) / 2
    kk_length, ru_length = kk.cues[-1].end + 0.5, ru.cues[-1].end + 0.5
    landed = matching_position(kk, in_the_middle, ru, ru_length, kk_length)
    ru_third = ru.cues[ru.passages()[2]]
    assert ru_third.identifier == "3.1"
    assert landed == ru_third.start
    assert ru.at(landed) == ru_third


def test_demo_cue_times_match_the_file_to_the_millisecond():
    path = AUDIO / "kk" / "arch-of-sorrow.vtt"
    timings = [line.split(" --> ") for line in path.read_text(encoding="utf-8").splitlines()
               if " --> " in line]

    def seconds(stamp: str) -> float:
        h, m, s = stamp.strip().split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = Captions.load(path).cues
    assert [t for c in cues for t in (c.start, c.end)] == pytest.approx(
        [seconds(t) for pair in timings for t in pair], abs=1e-9)
