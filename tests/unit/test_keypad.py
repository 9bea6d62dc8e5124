"""The stop-number keypad: what a visitor sees after each key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.keypad import KeypadEntry, KeypadResult

DEMO_NUMBERS = range(101, 117)  # the demo tour's stops, 101 to 116


def typing(number: int) -> KeypadResult:
    return KeypadResult("typing", number)


def opens(number: int) -> KeypadResult:
    return KeypadResult("open", number)


def unknown(number: int) -> KeypadResult:
    return KeypadResult("unknown", number)


EMPTY = KeypadResult("empty", None)


def type_in(entry: KeypadEntry, digits: str) -> list[KeypadResult]:
    return [entry.press(d) for d in digits]


# --- opening at once, or waiting -----------------------------------------------------


def test_a_demo_stop_opens_on_its_last_digit_without_enter():
    entry = KeypadEntry(DEMO_NUMBERS)
    assert type_in(entry, "105") == [typing(1), typing(10), opens(105)]
    assert entry.typed == ""


def test_typing_1_then_2_with_stops_12_and_123_waits_and_a_pause_opens_12():
    entry = KeypadEntry([12, 123])
    assert type_in(entry, "12") == [typing(1), typing(12)]
    assert entry.typed == "12"
    assert entry.pause() == opens(12)
    assert entry.typed == ""


def test_enter_opens_12_while_it_waits_for_a_possible_123():
    entry = KeypadEntry([12, 123])
    type_in(entry, "12")
    assert entry.enter() == opens(12)


def test_typing_123_with_stops_12_and_123_opens_123_at_once():
    entry = KeypadEntry([12, 123])
    assert type_in(entry, "123") == [typing(1), typing(12), opens(123)]


def test_four_digits_1234_with_stops_123_and_1234():
    entry = KeypadEntry([123, 1234])
    assert type_in(entry, "123") == [typing(1), typing(12), typing(123)]
    assert entry.press("4") == opens(1234)
    type_in(entry, "123")
    assert entry.pause() == opens(123)


def test_a_one_digit_stop_opens_at_once_when_no_longer_stop_starts_with_it():
    entry = KeypadEntry([7, 12])
    assert entry.press("7") == opens(7)


# --- a visitor who types slowly: pauses between the digits -----------------------------


def slowly(entry: KeypadEntry, digits: str) -> list[KeypadResult]:
    """Each digit followed by a pause, as when the visitor looks back at the sign."""
    results = []
    for digit in digits:
        result = entry.press(digit)
        results.append(result)
        if result.kind == "typing":
            results.append(entry.pause())
    return results


def test_110_typed_with_pauses_between_the_digits_opens_110():
    entry = KeypadEntry(DEMO_NUMBERS)
    assert slowly(entry, "110") == [typing(1), typing(1), typing(11), typing(11), opens(110)]


def test_1107_typed_with_pauses_between_the_digits_opens_1107():
    entry = KeypadEntry([1101, 1107, 1116, 1203])
    assert slowly(entry, "1107")[-1] == opens(1107)
    assert entry.typed == ""


def test_many_pauses_on_a_beginning_change_nothing():
    entry = KeypadEntry(DEMO_NUMBERS)
    type_in(entry, "11")
    assert [entry.pause() for _ in range(50)] == [typing(11)] * 50
    assert entry.press("6") == opens(116)


def test_a_stop_that_also_begins_a_longer_one_opens_on_the_pause():
    entry = KeypadEntry([110, 1107])
    assert slowly(entry, "11") == [typing(1), typing(1), typing(11), typing(11)]
    assert entry.press("0") == typing(110)
    assert entry.opens_on_pause
    assert entry.pause() == opens(110)


def test_only_a_stop_that_also_begins_a_longer_one_opens_on_a_pause():
    entry = KeypadEntry([12, 123, 1234, 7, 50])
    after_each = []
    for digit in "123":
        entry.press(digit)
        after_each.append(entry.opens_on_pause)
    assert after_each == [False, True, True]  # 1 only begins; 12 and 123 are stops too
    entry.clear()
    type_in(entry, "12")
    assert entry.opens_on_pause
    entry.backspace()
    assert not entry.opens_on_pause  # "1" only begins 12, 123 and 1234
    entry.clear()
    entry.press("0")
    assert not entry.opens_on_pause  # "0" only begins 012, 050...


def test_clearing_ends_a_wait_for_the_next_visitor():
    entry = KeypadEntry(DEMO_NUMBERS)
    entry.press("1")
    entry.pause()
    entry.clear()  # the visit's idle reset
    assert entry.typed == "" and entry.pause() == EMPTY
    assert type_in(entry, "105") == [typing(1), typing(10), opens(105)]


# --- numbers that are no stop ----------------------------------------------------------


def test_three_digits_that_start_no_stop_give_unknown_at_once():
    entry = KeypadEntry([101, 120, 125])
    assert type_in(entry, "12") == [typing(1), typing(12)]
    assert entry.press("9") == unknown(129)
    assert entry.typed == ""


def test_digits_that_start_no_stop_give_unknown_at_once():
    entry = KeypadEntry(DEMO_NUMBERS)
    assert entry.press("5") == unknown(5)
    assert type_in(entry, "12") == [typing(1), unknown(12)]
    assert entry.typed == ""


def test_enter_on_a_beginning_that_is_no_stop_gives_unknown():
    entry = KeypadEntry(DEMO_NUMBERS)
    type_in(entry, "11")
    assert entry.enter() == unknown(11)
    assert entry.typed == ""


def test_a_pause_on_a_beginning_that_is_no_stop_keeps_waiting_for_the_next_digit():
    entry = KeypadEntry(DEMO_NUMBERS)
    entry.press("1")
    assert not entry.opens_on_pause
    assert entry.pause() == typing(1)  # the visitor may be looking back at the sign
    assert entry.typed == "1"


def test_after_unknown_the_next_digits_start_a_new_number():
    entry = KeypadEntry(DEMO_NUMBERS)
    type_in(entry, "19")
    assert type_in(entry, "116") == [typing(1), typing(11), opens(116)]


def test_a_hidden_or_removed_stop_is_unknown():
    entry = KeypadEntry([101, 103])
    assert type_in(entry, "102") == [typing(1), typing(10), unknown(102)]


def test_with_no_stops_at_all_every_digit_is_unknown():
    entry = KeypadEntry([])
    assert entry.press("1") == unknown(1)


# --- leading zeros: ignored, as on a sign padded to three digits ----------------------


def test_012_opens_stop_12():
    entry = KeypadEntry([12, 105])
    assert type_in(entry, "012") == [typing(0), typing(1), opens(12)]


def test_0012_opens_stop_12_on_a_four_digit_keypad():
    entry = KeypadEntry([12])
    assert type_in(entry, "0012") == [typing(0), typing(0), typing(1), opens(12)]


def test_0_alone_is_no_stop():
    entry = KeypadEntry(DEMO_NUMBERS)
    assert entry.press("0") == typing(0)  # might be the start of 0105
    assert entry.enter() == unknown(0)
    entry.press("0")
    assert entry.pause() == typing(0)  # a pause never turns down a beginning
    assert entry.enter() == unknown(0)


def test_zeros_that_leave_no_room_for_a_stop_give_unknown_at_once():
    entry = KeypadEntry(DEMO_NUMBERS)  # three-digit stops on a four-digit keypad
    assert type_in(entry, "00") == [typing(0), unknown(0)]


def test_a_leading_zero_when_every_stop_fills_the_keypad_is_unknown_at_once():
    entry = KeypadEntry([1001, 2002])
    assert entry.press("0") == unknown(0)


def test_012_waits_when_stop_123_exists_too():
    entry = KeypadEntry([12, 123])
    assert type_in(entry, "012") == [typing(0), typing(1), typing(12)]
    assert entry.press("3") == opens(123)


# --- correcting and clearing -----------------------------------------------------------


def test_backspace_removes_the_last_digit():
    entry = KeypadEntry([12, 123])
    type_in(entry, "12")
    assert entry.backspace() == typing(1)
    assert entry.typed == "1"
    assert entry.press("2") == typing(12)


def test_backspace_of_the_only_digit_leaves_nothing_typed():
    entry = KeypadEntry(DEMO_NUMBERS)
    entry.press("1")
    assert entry.backspace() == EMPTY
    assert entry.backspace() == EMPTY
    assert entry.typed == ""


def test_enter_or_pause_with_nothing_typed_does_nothing():
    entry = KeypadEntry(DEMO_NUMBERS)
    assert entry.enter() == EMPTY
    assert entry.pause() == EMPTY


def test_clear_forgets_the_digits():
    entry = KeypadEntry(DEMO_NUMBERS)
    type_in(entry, "11")
    entry.clear()
    assert entry.typed == ""
    assert type_in(entry, "101") == [typing(1), typing(10), opens(101)]


# --- how long a number can be ------------------------------------------------------------


def test_a_stop_longer_than_the_keypad_cannot_be_typed():
    entry = KeypadEntry([12345, 12], max_digits=4)
    assert type_in(entry, "123") == [typing(1), opens(12), unknown(3)]


def test_a_four_digit_stop_fills_the_display_and_opens():
    entry = KeypadEntry([9999])
    assert type_in(entry, "9999") == [typing(9), typing(99), typing(999), opens(9999)]


def test_on_a_two_digit_keypad_the_second_digit_always_decides():
    entry = KeypadEntry([1, 10, 100], max_digits=2)  # 100 cannot be typed
    assert type_in(entry, "100") == [typing(1), opens(10), typing(0)]
    assert entry.press("1") == opens(1)  # "01"
    assert type_in(entry, "99") == [unknown(9), unknown(9)]


def test_digits_beyond_max_digits_are_ignored():
    entry = KeypadEntry([12, 123], max_digits=4)
    entry.typed = "1234"  # as if the display were full (the keypad never leaves it so)
    assert entry.press("5") == typing(1234)
    assert entry.typed == "1234"


def test_a_keypad_needs_room_for_a_digit():
    with pytest.raises(ValueError):
        KeypadEntry([1], max_digits=0)


@pytest.mark.parametrize("key", ["", "a", "12", "-", " "])
def test_only_digit_keys_are_accepted(key):
    entry = KeypadEntry(DEMO_NUMBERS)
    with pytest.raises(ValueError):
        entry.press(key)
    assert entry.typed == ""


def test_every_demo_stop_can_be_opened_by_typing_its_number():
    entry = KeypadEntry(DEMO_NUMBERS)
    for number in DEMO_NUMBERS:
        assert type_in(entry, str(number))[-1] == opens(number)


def test_results_are_small_frozen_values():
    result = KeypadResult("open", 12)
    with pytest.raises(AttributeError):
        result.kind = "unknown"  # type: ignore[misc]
    assert KeypadResult("empty") == EMPTY


@settings(max_examples=60, deadline=None)
@given(numbers=st.sets(st.integers(1, 9999), max_size=30),
       keys=st.lists(st.sampled_from(list("0123456789") + ["back", "enter", "pause"]),
                     max_size=40))
def test_any_keys_open_only_real_stops_and_never_overfill_the_display(numbers, keys):
    entry = KeypadEntry(numbers)
    for key in keys:
        if key == "back":
            result = entry.backspace()
        elif key in ("enter", "pause"):
            result = getattr(entry, key)()
        else:
            result = entry.press(key)
        assert len(entry.typed) <= 4
        if result.kind == "open":
            assert result.number in numbers and entry.typed == ""
        elif result.kind == "unknown":
            assert entry.typed == ""
        elif result.kind == "typing":
            assert result.number == int(entry.typed)
        else:
            assert entry.typed == "" and result.number is None


@settings(max_examples=60, deadline=None)
@given(numbers=st.sets(st.integers(1, 9999), min_size=1, max_size=30))
def test_every_stop_opens_by_its_digits_then_at_most_a_pause(numbers):
    entry = KeypadEntry(numbers)
    for number in sorted(numbers):
        result = type_in(entry, str(number))[-1]
        if result.kind == "typing":  # a longer stop starts with these digits
            assert any(str(n).startswith(str(number)) and n != number for n in numbers)
            result = entry.pause()
        assert result == opens(number)


@settings(max_examples=60, deadline=None)
@given(numbers=st.sets(st.integers(1, 9999), min_size=1, max_size=30), data=st.data())
def test_every_stop_opens_when_typed_with_a_pause_after_each_digit(numbers, data):
    # A pause never rejects digits: after each one, the stop still opens or may still come.
    number = data.draw(st.sampled_from(sorted(numbers)))
    entry = KeypadEntry(numbers)
    for position, digit in enumerate(str(number), 1):
        result = entry.press(digit)
        if result.kind == "typing":
            result = entry.pause()
        if result.kind == "open":
            break
        assert result == typing(int(str(number)[:position]))
    # a shorter stop that also begins this number opens on its pause: that is the rule
    assert result.kind == "open" and str(number).startswith(str(result.number))
    assert result.number == number or result.number in numbers


# --- staff save an edit while a visitor is typing ---------------------------------------


def test_digits_that_may_still_become_a_stop_are_taken_over_by_a_new_tour():
    entry = KeypadEntry([110, 1107, 1203])
    assert entry.take_over("11") == typing(11)
    assert entry.press("0") == typing(110)


def test_digits_that_can_no_longer_become_a_stop_are_cleared_by_a_new_tour():
    entry = KeypadEntry([203, 204])
    assert entry.take_over("11") == EMPTY
    assert entry.typed == ""
    assert entry.take_over("") == EMPTY
