"""The times beside the narration bar add up to the recording's length, at every point."""

import pytest

from kiosk.play_times import clock_text, shown_texts, shown_times


def seconds_of(text: str) -> int:
    minutes, seconds = text.lstrip("-").split(":")
    return int(minutes) * 60 + int(seconds)


@pytest.mark.parametrize("duration", [43.0, 43.4, 43.5, 43.6, 0.4, 59.5, 61.2, 3599.7])
def test_elapsed_and_remaining_add_up_to_the_length_shown_before_starting(duration):
    _, length = shown_texts(0.0, duration)
    for tenth in range(int(duration * 10) + 1):
        position = tenth / 10
        elapsed, remaining = shown_texts(position, duration)
        assert seconds_of(elapsed) + seconds_of(remaining) == seconds_of(length), (
            position, duration, elapsed, remaining)


def test_the_case_a_visitor_saw_on_a_43_second_narration():
    assert shown_texts(0.5, 43.4) == ("0:01", "-0:42")
    assert shown_texts(0.0, 43.4) == ("0:00", "-0:43")
    assert shown_texts(43.4, 43.4) == ("0:43", "-0:00")


def test_at_the_end_nothing_is_left_and_past_it_nothing_goes_below_zero():
    assert shown_times(43.6, 43.6) == (44, 0)
    assert shown_times(50.0, 43.6) == (44, 0)
    assert shown_times(-1.0, 43.6) == (0, 44)


def test_clock_text_has_minutes_and_two_digit_seconds():
    assert clock_text(0) == "0:00"
    assert clock_text(75) == "1:15"
    assert clock_text(3600) == "60:00"
