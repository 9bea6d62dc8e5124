"""Audio description on the stop screen: "Describe what I see" plays what there is to see,
with its captions, in the story's place; a second touch goes back to the story."""

from __future__ import annotations

import pytest

from tests.ui.conftest import TOUR_SECONDS

LANGUAGES = ("kk", "ru", "en")
BUTTON = {"kk": "Мұнда не көрінетінін сипаттау", "ru": "Описать, что здесь видно",
          "en": "Describe what I see"}
BACK = {"kk": "‹  Әңгімеге оралу", "ru": "‹  Вернуться к рассказу", "en": "‹  Back to the story"}


@pytest.fixture
def described(app_on):
    """Three stops, each described in its languages (the last has no English at all)."""
    return app_on(stops=3, descriptions=True)


def heard(pilot) -> str:
    """The recording the narration has loaded, as a path inside the tour."""
    return pilot.backend.path.split("/assets/", 1)[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_describe_what_i_see_plays_the_description_with_its_captions(described, language):
    pilot = described
    pilot.open_stop("stop-1", language)
    assert pilot.text("describe") == BUTTON[language]
    pilot.tap("captions_toggle")
    pilot.tap("play")
    pilot.advance(TOUR_SECONDS * 0.6)  # well into the story
    assert heard(pilot) == f"audio/{language}/stop-1.ogg"
    pilot.tap("describe")
    assert heard(pilot) == f"audio/{language}/stop-1-description.ogg"
    assert pilot.app.narration.playing and pilot.app.narration.position < 1.0  # from its start
    pilot.advance(2)
    assert pilot.text("caption_band") == f"Seen first ({language})"
    assert pilot.text("describe") == BACK[language] and pilot.find("describe").selected
    pilot.advance(TOUR_SECONDS / 2)
    assert pilot.text("caption_band") == f"Seen next ({language})"
    pilot.tap("describe")  # back to the story, from its start
    assert heard(pilot) == f"audio/{language}/stop-1.ogg"
    assert pilot.app.narration.playing and pilot.app.narration.position < 1.0
    pilot.advance(2)
    assert pilot.text("caption_band") == f"First ({language})"
    assert pilot.text("describe") == BUTTON[language]


def test_no_button_where_the_stop_has_no_description_in_the_language(described):
    pilot = described
    pilot.open_stop("stop-3", "en")  # stop 3 has neither story nor description in English
    button = pilot.find("describe")
    assert button.opacity == 0 and button.disabled and button.parent.height == 0
    assert button not in pilot.reachable(lambda w: w is button)
    with pytest.raises(AssertionError, match="hidden or disabled"):
        pilot.tap("describe")
    pilot.tap("lang_kk")  # in Kazakh the same stop is described
    assert button.opacity == 1 and not button.disabled and button.parent.height > 0


def test_a_tour_without_descriptions_shows_no_button(app_on):
    pilot = app_on(stops=2)
    pilot.open_stop("stop-1", "kk")
    assert pilot.find("describe").opacity == 0 and pilot.find("describe").disabled


def test_a_language_switch_while_describing_keeps_describing_in_the_new_language(described):
    pilot = described
    pilot.open_stop("stop-3", "kk")
    pilot.tap("describe")
    assert heard(pilot) == "audio/kk/stop-3-description.ogg"
    pilot.tap("lang_ru")
    assert heard(pilot) == "audio/ru/stop-3-description.ogg" and pilot.app.describing
    assert pilot.text("describe") == BACK["ru"]
    pilot.tap("lang_en")  # no English here at all: the story's own fallback, not a description
    assert not pilot.app.describing


def test_the_next_stop_starts_on_its_story(described):
    pilot = described
    pilot.open_stop("stop-1", "en")
    pilot.tap("describe")
    pilot.tap("next_stop")
    assert pilot.app.current_stop_id == "stop-2" and not pilot.app.describing
    assert pilot.text("describe") == BUTTON["en"]
    pilot.tap("play")
    assert heard(pilot) == "audio/en/stop-2.ogg"


def test_the_next_visitor_finds_the_story_after_the_idle_reset(app_on):
    pilot = app_on(stops=2, descriptions=True, settings={"idle_timeout": 20, "countdown": 10})
    pilot.open_stop("stop-1", "ru")
    pilot.tap("describe")
    pilot.tap("play")  # paused: the kiosk may now ask and reset
    pilot.advance(20 + 10 + 1)
    assert pilot.screen.name == "attract" and not pilot.app.describing
    pilot.tap_at(10, 10)
    pilot.open_stop("stop-1", "ru")
    assert pilot.text("describe") == BUTTON["ru"]
    pilot.tap("play")
    assert heard(pilot) == "audio/ru/stop-1.ogg"
