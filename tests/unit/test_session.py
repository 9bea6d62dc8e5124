"""The idle timer: ask "Are you still there?", then start afresh. A fake clock, no sleeping."""

from __future__ import annotations

import pytest

from kiosk.session import VisitorSession
from kiosk.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(clock) -> VisitorSession:
    """A visitor has just touched the screen; 90 s idle, then a 20 s question."""
    s = VisitorSession(clock, idle_timeout=90.0, countdown=20.0)
    s.touch()
    return s


def run(session: VisitorSession, clock: FakeClock, seconds: float, step: float = 0.25) -> list:
    """Tick like the UI does (four times a second) for ``seconds``; the events that came."""
    events = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        event = session.tick()
        if event is not None:
            events.append((event, round(clock.now - 1000.0, 2)))
    return events


# --- the question, then the reset ------------------------------------------------------


def test_a_visitor_who_walks_away_is_asked_at_90_s_and_the_kiosk_resets_20_s_later(session, clock):
    assert run(session, clock, 200) == [("ask", 90.0), ("reset", 110.0)]
    assert session.state == "resting"


def test_ask_comes_once_and_the_question_stays(session, clock):
    events = run(session, clock, 95)
    assert events == [("ask", 90.0)]
    assert session.state == "asking"


def test_nothing_happens_before_the_idle_timeout(session, clock):
    assert run(session, clock, 89.75) == []
    assert session.state == "active"
    assert session.idle_for == pytest.approx(89.75)


def test_every_touch_starts_the_idle_time_again(session, clock):
    for _ in range(5):
        assert run(session, clock, 80) == []
        session.touch()
    assert session.idle_for == 0.0
    assert run(session, clock, 90) == [("ask", 5 * 80 + 90.0)]


def test_touch_during_the_countdown_cancels_it(session, clock):
    run(session, clock, 100)
    assert session.state == "asking"
    session.touch()
    assert session.state == "active"
    assert run(session, clock, 89) == []  # no reset at 110 s, no new question yet
    assert run(session, clock, 1) == [("ask", 190.0)]


def test_reset_comes_once(session, clock):
    run(session, clock, 110)
    assert run(session, clock, 600) == []


# --- a narration playing ---------------------------------------------------------------


def test_a_narration_playing_for_10_minutes_never_triggers_ask(session, clock):
    session.set_narration_playing(True)
    assert run(session, clock, 600) == []
    assert session.state == "active"
    assert session.idle_for == 0.0


def test_idle_time_counts_from_the_end_of_the_narration(session, clock):
    session.set_narration_playing(True)
    run(session, clock, 300)
    session.set_narration_playing(False)
    assert session.idle_for == 0.0
    assert run(session, clock, 200) == [("ask", 390.0), ("reset", 410.0)]


def test_saying_not_playing_again_does_not_restart_the_idle_time(session, clock):
    run(session, clock, 50)
    session.set_narration_playing(False)  # it was not playing: nothing changes
    assert session.idle_for == pytest.approx(50.0)
    assert run(session, clock, 40) == [("ask", 90.0)]


def test_a_pause_in_the_narration_counts_as_idle_from_the_pause(session, clock):
    session.set_narration_playing(True)
    run(session, clock, 30)
    session.set_narration_playing(False)  # paused at 30 s
    assert run(session, clock, 90) == [("ask", 120.0)]


def test_a_narration_starting_during_the_question_withdraws_it(session, clock):
    run(session, clock, 95)
    session.set_narration_playing(True)
    assert session.state == "active"
    assert run(session, clock, 60) == []


# --- resting between visitors ---------------------------------------------------------


def test_a_switched_on_kiosk_rests_until_the_first_visitor(clock):
    session = VisitorSession(clock)
    assert session.state == "resting"
    assert run(session, clock, 600) == []
    session.touch()
    assert session.state == "active"
    assert run(session, clock, 90) == [("ask", 690.0)]


def test_after_the_reset_nothing_is_asked_until_the_next_visitor_touches(session, clock):
    run(session, clock, 110)
    session.reset_done()  # the UI confirms; it may do so after tick() said "reset"
    assert session.state == "resting"
    assert run(session, clock, 1000) == []
    session.touch()
    assert session.state == "active"
    assert session.idle_for == 0.0


def test_reset_done_from_elsewhere_also_rests(session, clock):
    run(session, clock, 30)
    session.reset_done()  # e.g. staff started afresh
    assert session.state == "resting"
    assert run(session, clock, 200) == []


def test_narration_stopping_during_the_reset_does_not_wake_the_kiosk(session, clock):
    session.set_narration_playing(True)
    session.reset_done()
    session.set_narration_playing(False)  # the reset stopped the narration
    assert session.state == "resting"
    assert run(session, clock, 300) == []


# --- the countdown on screen -----------------------------------------------------------


def test_the_countdown_shows_whole_seconds_rounded_up(session, clock):
    run(session, clock, 90)
    assert session.seconds_left == 20
    clock.advance(0.25)
    assert session.seconds_left == 20  # 19.75 s left reads 20
    clock.advance(0.75)
    assert session.seconds_left == 19
    clock.advance(18.5)
    assert session.seconds_left == 1  # 0.5 s left still reads 1, never 0 while asking


def test_the_countdown_is_full_again_after_a_touch(session, clock):
    run(session, clock, 100)
    assert session.seconds_left == 10
    session.touch()
    assert session.seconds_left == 20


def test_the_countdown_starts_when_the_question_shows_even_if_ticks_were_late(session, clock):
    clock.advance(500)  # the UI stalled: no ticks for a long while
    assert session.tick() == "ask"
    assert session.seconds_left == 20
    assert run(session, clock, 19.75) == []
    assert run(session, clock, 0.25) == [("reset", 520.0)]


def test_float_noise_does_not_show_one_second_too_many(session, clock):
    run(session, clock, 90)
    for _ in range(10):
        clock.advance(0.1)  # 1.0000000000000009 s in all
    assert session.seconds_left == 19


# --- staff settings -------------------------------------------------------------------


def test_staff_can_shorten_the_timings_at_run_time(session, clock):
    session.configure(idle_timeout=30, countdown=10)
    assert (session.idle_timeout, session.countdown) == (30.0, 10.0)
    assert run(session, clock, 60) == [("ask", 30.0), ("reset", 40.0)]


def test_configure_can_change_one_timing_alone(session, clock):
    session.configure(countdown=15)
    assert session.idle_timeout == 90.0
    assert run(session, clock, 200) == [("ask", 90.0), ("reset", 105.0)]


def test_a_shorter_countdown_applies_to_the_question_on_screen(session, clock):
    run(session, clock, 95)
    session.configure(countdown=10)
    assert session.seconds_left == 5
    assert run(session, clock, 5) == [("reset", 100.0)]


@pytest.mark.parametrize("timings", [dict(idle_timeout=0), dict(countdown=-5)])
def test_timings_must_be_positive(clock, timings):
    with pytest.raises(ValueError):
        VisitorSession(clock, **timings)
    with pytest.raises(ValueError):
        VisitorSession(clock).configure(**timings)


def test_the_model_defaults_are_the_session_defaults(clock):
    from kiosk.content.model import KioskSettings

    settings = KioskSettings()
    session = VisitorSession(clock)
    assert (session.idle_timeout, session.countdown) == (settings.idle_timeout, settings.countdown)
