"""The caption band shows at most two lines: a cue's own line breaks kept, a longer cue
from staff shown in pages of two lines, also with larger text (issue #12, point 9)."""

from __future__ import annotations

import pytest

from samples import make_tour
from tests.ui.conftest import start_app, stop_app

LONG = ("Before you stands the Arch of Sorrow, the gateway to holy ground, the place where "
        "the world of the living meets the world of the dead, where visitors bow their heads "
        "as they pass beneath it in silence.")
CUES = ("WEBVTT\n\n00:00:00.500 --> 00:00:03.500\nBefore you stands the Arch\nof Sorrow.\n\n"
        f"00:00:04.000 --> 00:00:14.000\n{LONG}\n")


@pytest.fixture
def band_pilot(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=1, seconds=30)
    for language in ("kk", "ru", "en"):
        (content / f"assets/audio/{language}/stop-1.vtt").write_text(CUES, encoding="utf-8")
    app, pilot = start_app(window, content)
    yield pilot
    stop_app(app)


def rendered_lines(band) -> list[str]:
    band.texture_update()
    return [" ".join(word.text for word in line.words).strip()
            for line in band._label._cached_lines if line.words]


@pytest.mark.parametrize("language", ("kk", "ru", "en"))
@pytest.mark.parametrize("larger_text", (False, True))
def test_the_band_never_shows_a_third_line_and_every_word_is_shown(band_pilot, language,
                                                                   larger_text):
    pilot = band_pilot
    pilot.open_stop("stop-1", language)
    if larger_text:
        pilot.tap("text_size")
    pilot.tap("captions_toggle")
    pilot.tap("play")
    band = pilot.find("caption_band")
    pilot.advance(1.5)
    # the cue's own two lines, as the file breaks them
    assert rendered_lines(band) == ["Before you stands the Arch", "of Sorrow."]
    pilot.advance(2.7)  # into the long cue
    seen = []
    for _ in range(22):  # through the long cue, half a second at a time
        pilot.advance(0.5)
        lines = rendered_lines(band)
        assert len(lines) <= 2, lines
        if lines and (not seen or seen[-1] != lines):
            seen.append(lines)
    words = " ".join(" ".join(lines) for lines in seen).split()
    assert words == LONG.split()  # all of it, in order, page after page
    if larger_text:
        assert len(seen) >= 2


@pytest.mark.parametrize("larger_text", (False, True))
def test_the_band_keeps_its_height_between_sentences_so_nothing_above_it_moves(band_pilot,
                                                                             larger_text):
    """Before the first cue, a two-line cue, the gap, a long cue in pages: one height."""
    pilot = band_pilot
    pilot.open_stop("stop-1", "en")
    if larger_text:
        pilot.tap("text_size")
    pilot.tap("captions_toggle")
    pilot.tap("play")
    story = pilot.find("story")
    heights, places, texts = set(), set(), set()
    for _ in range(30):
        pilot.advance(0.5)
        heights.add(pilot.find("caption_band").height)
        places.add((story.y, story.height))
        texts.add(pilot.text("caption_band"))
    assert "" in texts and len(texts) >= 3  # a gap and different cues were shown
    assert len(heights) == 1 and len(places) == 1, (heights, places)
