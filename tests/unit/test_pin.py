"""The staff PIN: a salted scrypt hash, a lockout that grows and survives a restart, and a
thousand wrong tries that never open the panel. A fake clock; a cheap scrypt except once."""

from __future__ import annotations

import io
import json
import random
import stat

import pytest

from kiosk import pin as pin_module
from kiosk.clock import FakeClock
from kiosk.pin import MAX_WAIT, PinCheck, PinStore, lockout, run_set_pin

CHEAP = {"n": 2, "r": 1, "p": 1}  # the real cost is tested once, below


@pytest.fixture
def clock():
    return FakeClock(1_750_000_000.0)  # wall-clock seconds: the PIN store keeps time.time


@pytest.fixture
def store(tmp_path, clock):
    s = PinStore(tmp_path, clock, **CHEAP)
    s.set_pin("2468")
    return s


@pytest.fixture
def hashes(monkeypatch):
    """How many times a PIN was hashed."""
    calls = []
    real = pin_module._hash
    monkeypatch.setattr(pin_module, "_hash",
                        lambda pin, record: calls.append(pin) or real(pin, record))
    return calls


def test_the_real_scrypt_cost_sets_and_checks_a_pin(tmp_path):
    store = PinStore(tmp_path)
    assert not store.has_pin()
    store.set_pin("135790")
    record = json.loads((tmp_path / "staff-pin.json").read_text())
    assert (record["n"], record["r"], record["p"]) == (2**14, 8, 1)
    assert len(bytes.fromhex(record["salt"])) == 16 and len(bytes.fromhex(record["hash"])) == 32
    assert "135790" not in (tmp_path / "staff-pin.json").read_text()
    assert PinStore(tmp_path).check("135790") == PinCheck(True, 0.0)
    assert not PinStore(tmp_path).check("135791").ok


def test_the_same_pin_twice_gets_a_different_salt_and_hash(tmp_path, clock):
    a, b = PinStore(tmp_path / "a", clock, **CHEAP), PinStore(tmp_path / "b", clock, **CHEAP)
    a.set_pin("1111")
    b.set_pin("1111")
    ra, rb = (json.loads((tmp_path / x / "staff-pin.json").read_text()) for x in "ab")
    assert ra["salt"] != rb["salt"] and ra["hash"] != rb["hash"]


def test_the_file_is_private_and_written_without_leftovers(tmp_path, store):
    mode = stat.S_IMODE((tmp_path / "staff-pin.json").stat().st_mode)
    assert mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["staff-pin.json"]


@pytest.mark.parametrize("bad, message", [
    ("123", "4 to 8 digits long, not 3"),
    ("123456789", "4 to 8 digits long, not 9"),
    ("", "4 to 8 digits long, not 0"),
    ("12a4", "4 to 8 digits (0-9), nothing else"),
    ("12 34", "digits (0-9), nothing else"),
    ("١٢٣٤", "digits (0-9), nothing else"),  # Arabic-Indic digits are digits, but not 0-9
    (1234, "digits (0-9), nothing else"),
])
def test_a_pin_must_be_4_to_8_digits(tmp_path, clock, bad, message):
    store = PinStore(tmp_path, clock, **CHEAP)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.set_pin(bad)
    assert not store.has_pin()


def test_without_a_pin_nothing_opens(tmp_path, clock):
    assert PinStore(tmp_path, clock, **CHEAP).check("0000") == PinCheck(False, 0.0)


def test_the_wait_starts_after_the_third_wrong_try_and_doubles_to_five_minutes():
    assert [lockout(n) for n in range(13)] == [0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert lockout(10_000) == MAX_WAIT


def test_a_right_pin_forgets_earlier_wrong_tries(store, clock):
    assert store.check("1111") == PinCheck(False, 0.0)
    assert store.check("2222") == PinCheck(False, 0.0)
    assert store.check("2468").ok
    assert store.check("1111") == PinCheck(False, 0.0)  # counting starts again


def test_a_thousand_wrong_pins_never_open_the_panel(tmp_path, clock, hashes):
    store = PinStore(tmp_path, clock, **CHEAP)
    store.set_pin("2468")
    hashes.clear()
    rng = random.Random(7)
    failures, last_failure, hashed = 0, None, 0
    waits = []
    for i in range(1000):
        if i == 500:  # switched off and on mid-lockout: nothing forgotten
            store = PinStore(tmp_path, clock, **CHEAP)
        delay = lockout(failures)
        left = max(0.0, last_failure + delay - clock.now) if delay else 0.0
        guess = "2468" if left > 0 and i % 7 == 0 else f"{rng.randrange(10**6):06d}"
        if guess == "2468" and left == 0:
            guess = "0000"
        result = store.check(guess)
        assert not result.ok, f"try {i} opened the panel"
        if left > 0:  # refused at once, not hashed, not counted
            assert result.wait == pytest.approx(left)
            assert len(hashes) == hashed
        else:
            hashed += 1
            failures += 1
            last_failure = clock.now
            assert len(hashes) == hashed
            assert result.wait == lockout(failures)
        assert result.wait <= MAX_WAIT
        waits.append(result.wait)
        # the next try: often too soon, sometimes just when allowed
        soon = rng.uniform(0, max(result.wait, 0.1) * 0.99)
        clock.advance(result.wait if rng.random() < 0.3 else soon)
    assert failures > 20 and hashed == failures
    assert max(waits) == MAX_WAIT and waits.count(MAX_WAIT) > 10  # capped, and held there
    assert store.wait() > 0
    on_disk = json.loads((tmp_path / "staff-pin.json").read_text())
    assert on_disk["failures"] == failures
    clock.advance(MAX_WAIT)
    assert store.check("2468").ok  # staff get in once the wait is over


def test_a_restart_does_not_lift_the_lockout(tmp_path, store, clock):
    for _ in range(3):
        store.check("0000")
    clock.advance(2)
    assert store.check("0000").wait == 4
    clock.advance(4)
    assert store.check("0000").wait == 8
    clock.advance(3)
    again = PinStore(tmp_path, clock, **CHEAP)
    assert again.check("2468") == PinCheck(False, 5.0)


def test_a_clock_set_back_does_not_lock_staff_out_for_years(store, clock):
    for _ in range(3):
        store.check("0000")
    clock.advance(-10 * 365 * 86400)
    assert store.wait() == lockout(3)


def test_the_lockout_holds_when_the_disk_cannot_be_written(store, clock, monkeypatch):
    def read_only(path, chunks):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(pin_module, "write_atomically", read_only)
    for _ in range(3):
        store.check("0000")
    assert store.check("2468") == PinCheck(False, lockout(3))
    clock.advance(lockout(3))
    assert store.check("0000") == PinCheck(False, lockout(4))
    assert any("cannot be written" in p for p in store.problems)


def test_a_pin_set_from_the_command_line_is_seen_by_the_running_kiosk(tmp_path, store, clock):
    for _ in range(4):
        store.check("0000")
    PinStore(tmp_path, clock, **CHEAP).set_pin("97531")
    assert store.check("97531").ok  # a new PIN: the old lockout is gone


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"salt": "zz"}', b"\x00" * 64,
                                     b'{"salt": "00", "hash": "00", "n": 3, "r": 1, "p": 1}'])
def test_a_damaged_pin_file_is_set_aside_and_staff_are_asked_for_a_new_pin(tmp_path, clock,
                                                                           content):
    (tmp_path / "staff-pin.json").write_bytes(content)
    store = PinStore(tmp_path, clock, **CHEAP)
    assert not store.has_pin()
    assert store.problems and "set a new PIN" in store.problems[0]
    assert [p.name.startswith("staff-pin.json.damaged-") for p in tmp_path.iterdir()] == [True]
    assert store.check("0000") == PinCheck(False, 0.0)


# --- python main.py set-pin -------------------------------------------------------------

def answers(*replies):
    it = iter(replies)
    return lambda prompt: next(it)


def test_set_pin_asks_twice(tmp_path, capsys):
    assert run_set_pin(tmp_path, getpass=answers("4829", "4829")) == 0
    assert "The staff PIN was set" in capsys.readouterr().out
    assert PinStore(tmp_path).check("4829").ok
    assert run_set_pin(tmp_path, getpass=answers("61730", "61730")) == 0
    assert "was changed" in capsys.readouterr().out


def test_set_pin_refuses_two_different_pins(tmp_path, capsys):
    assert run_set_pin(tmp_path, getpass=answers("4829", "4828")) == 1
    assert "differ; nothing was changed" in capsys.readouterr().err
    assert not (tmp_path / "staff-pin.json").exists()


def test_set_pin_refuses_a_bad_pin_with_the_reason(tmp_path, capsys):
    assert run_set_pin(tmp_path, from_stdin=True, stdin=io.StringIO("12\n")) == 1
    assert "4 to 8 digits long, not 2. Nothing was changed." in capsys.readouterr().err


def test_set_pin_from_stdin(tmp_path):
    assert run_set_pin(tmp_path / "new", from_stdin=True, stdin=io.StringIO("86420\n")) == 0
    assert PinStore(tmp_path / "new").check("86420").ok


def test_set_pin_with_no_answer_changes_nothing(tmp_path, capsys):
    def eof(prompt):
        raise EOFError
    assert run_set_pin(tmp_path, getpass=eof) == 1
    assert "nothing was changed" in capsys.readouterr().err


@pytest.mark.parametrize("weak, why", [
    ("0000", "one digit repeated"),
    ("77777777", "one digit repeated"),
    ("1234", "a run of neighbouring digits"),
    ("2345", "a run of neighbouring digits"),
    ("4321", "a run of neighbouring digits"),
    ("98765", "a run of neighbouring digits"),
    ("7890", "a run of neighbouring digits"),
    ("0987", "a run of neighbouring digits"),
    ("123", "4 to 8 digits long, not 3"),
])
def test_set_pin_refuses_a_pin_anyone_would_guess_first_and_says_why(tmp_path, capsys, weak, why):
    assert run_set_pin(tmp_path, getpass=answers(weak, weak)) == 1
    said = capsys.readouterr().err
    assert why in said and "Nothing was changed." in said, said
    assert not (tmp_path / "staff-pin.json").exists()


@pytest.mark.parametrize("fine", ["2580", "1357", "4829", "13579", "1212", "90210", "12345670"])
def test_set_pin_takes_a_pin_with_no_such_pattern(tmp_path, fine):
    assert run_set_pin(tmp_path, from_stdin=True, stdin=io.StringIO(fine + "\n")) == 0
    assert PinStore(tmp_path).check(fine).ok


# --- a fallback data folder keeps the real PIN (issue #13, point 1) -----------------------

def test_the_fallback_folder_gets_the_real_pin_and_the_real_folder_is_not_written(tmp_path, clock):
    from kiosk.pin import carry_pin

    real, fallback = tmp_path / "real", tmp_path / "fallback"
    PinStore(real, clock, **CHEAP).set_pin("4829")
    before = {p.name: p.read_bytes() for p in real.iterdir()}
    fallback.mkdir()
    assert carry_pin(real, fallback)
    assert PinStore(fallback, clock, **CHEAP).check("4829").ok
    assert not PinStore(fallback, clock, **CHEAP).check("2580").ok
    assert {p.name: p.read_bytes() for p in real.iterdir()} == before


@pytest.mark.parametrize("real_is", ["missing", "a file", "empty", "damaged"])
def test_a_real_folder_without_a_readable_pin_leaves_the_fallback_with_none(tmp_path, clock, real_is):
    """An earlier start's copy is not kept: the panel stays shut."""
    from kiosk.pin import carry_pin

    real, fallback = tmp_path / "real", tmp_path / "fallback"
    PinStore(fallback, clock, **CHEAP).set_pin("4829")  # left by an earlier start
    if real_is == "a file":
        real.write_text("a file where the data folder should be")
    elif real_is != "missing":
        real.mkdir()
        if real_is == "damaged":
            (real / "staff-pin.json").write_bytes(b"{")
    assert not carry_pin(real, fallback)
    assert not PinStore(fallback, clock, **CHEAP).has_pin()
    assert not PinStore(fallback, clock, **CHEAP).check("4829").ok
    if real_is == "damaged":  # left in place: the real folder is not ours to change here
        assert (real / "staff-pin.json").read_bytes() == b"{"


def test_a_restart_on_the_fallback_does_not_lift_a_lockout(tmp_path, clock):
    from kiosk.pin import carry_pin

    real, fallback = tmp_path / "real", tmp_path / "fallback"
    PinStore(real, clock, **CHEAP).set_pin("4829")
    carry_pin(real, fallback)
    store = PinStore(fallback, clock, **CHEAP)
    for _ in range(5):
        store.check("0000")
    waiting = store.wait()
    assert waiting > 0
    carry_pin(real, fallback)  # the kiosk is switched off and on
    assert PinStore(fallback, clock, **CHEAP).check("4829") == PinCheck(False, waiting)
