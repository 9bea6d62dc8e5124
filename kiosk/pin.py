"""The staff PIN that opens the staff panel, and `python main.py set-pin`.

Only `set-pin` sets the PIN (deploy/install.sh runs it): a kiosk without one keeps its
staff panel shut and never offers a visitor to choose one. Obvious PINs (0000, 1234,
4321) are refused. The PIN is kept only as a salted scrypt hash in ``DATA/staff-pin.json``. The kiosk stands
in a public hall, so guessing must be slow: after the third wrong try each further try
waits longer (2 s, doubling to 5 min), during the wait every try is refused at once,
without even hashing (the right PIN too: the panel never opens during a lockout), and the
count is kept in the same file, so switching the kiosk off and on does not reset it.
"""

from __future__ import annotations

import getpass as getpass_module
import hashlib
import hmac
import json
import logging
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from kiosk.analytics.storage import move_aside, remove_leftovers, write_atomically

log = logging.getLogger(__name__)

PIN_FILE = "staff-pin.json"
DIGITS = (4, 8)
#: scrypt's cost: 16 MiB and ~50 ms per try on the kiosk. Tests may pass less.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
#: Wrong tries allowed before any wait; then the wait doubles from FIRST_WAIT up to MAX_WAIT.
FREE_TRIES = 3
FIRST_WAIT = 2.0
MAX_WAIT = 300.0


@dataclass(frozen=True)
class PinCheck:
    """The answer to a try: the panel opens only when ``ok``."""

    ok: bool
    wait: float = 0.0  # seconds before another try is allowed (0: now)


def lockout(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** min(failures - FREE_TRIES, 16))


def valid_pin(pin: Any) -> str:
    """``pin`` if it is 4 to 8 digits, else ValueError with a sentence for staff."""
    low, high = DIGITS
    if not isinstance(pin, str) or pin and not (pin.isascii() and pin.isdigit()):
        raise ValueError(f"The PIN must be {low} to {high} digits (0-9), nothing else.")
    if not low <= len(pin) <= high:
        raise ValueError(f"The PIN must be {low} to {high} digits long, not {len(pin)}.")
    return pin


def weakness(pin: str) -> str | None:
    """Why ``pin`` (already 4 to 8 digits) is a first guess, or None.

    Refused: one digit repeated (0000, 77777) and a run of neighbouring digits up or down
    (1234, 4321, 23456, 7890, 0987), the guesses anyone tries first on a keypad.
    """
    if len(set(pin)) == 1:
        return f"{pin} is one digit repeated, the first thing anyone would try."
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:])}
    if steps in ({1}, {9}):
        return f"{pin} is a run of neighbouring digits, the first thing anyone would try."
    return None


def strong_pin(pin: Any) -> str:
    """``pin`` if it is 4 to 8 digits and not a first guess, else ValueError saying why."""
    why = weakness(valid_pin(pin))
    if why is not None:
        raise ValueError(f"{why} Please choose digits that follow no pattern.")
    return pin


class PinStore:
    """The staff PIN of one data folder. ``clock`` is injectable (fake in tests)."""

    def __init__(self, data_dir: str | Path, clock: Callable[[], float] = time.time, *,
                 n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P):
        self.path = Path(data_dir) / PIN_FILE
        self.clock = clock
        self.cost = {"n": n, "r": r, "p": p}
        self.problems: list[str] = []
        self._record: dict | None = None  # as last read or written; the lockout lives here

    # --- asking --------------------------------------------------------------------------

    def has_pin(self) -> bool:
        """False until `python main.py set-pin` sets one: the panel then stays shut."""
        return self._current() is not None

    def wait(self) -> float:
        """Seconds before a try is allowed now (for the panel's countdown)."""
        record = self._current()
        return 0.0 if record is None else self._wait_left(record, self.clock())

    def check(self, pin: str) -> PinCheck:
        """Try ``pin``. Never raises; a refused try while waiting costs no hashing."""
        now = self.clock()
        record = self._current()
        if record is None:
            return PinCheck(False)  # no PIN yet: set one first
        left = self._wait_left(record, now)
        if left > 0:
            return PinCheck(False, left)
        try:
            good = hmac.compare_digest(_hash(valid_pin(pin), record), bytes.fromhex(record["hash"]))
        except ValueError:  # not 4-8 digits: simply wrong (and counted)
            good = False
        if good:
            if record["failures"]:
                self._save({**record, "failures": 0, "last_failure": None})
            return PinCheck(True)
        failures = record["failures"] + 1
        self._save({**record, "failures": failures, "last_failure": now})
        log.warning("Staff panel: wrong PIN (%d in a row)", failures)
        return PinCheck(False, lockout(failures))

    # --- setting -------------------------------------------------------------------------

    def set_pin(self, pin: str) -> None:
        """Set or replace the PIN (and forget earlier wrong tries).

        ValueError with a clear sentence unless 4 to 8 digits; OSError if the data folder
        cannot be written.
        """
        valid_pin(pin)
        salt = secrets.token_bytes(16)
        record = {"salt": salt.hex(), **self.cost, "failures": 0, "last_failure": None}
        record["hash"] = _hash(pin, record).hex()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.path.parent, PIN_FILE)
        self._write(record)
        self._record = record

    # --- the file ------------------------------------------------------------------------

    def _wait_left(self, record: dict, now: float) -> float:
        delay = lockout(record["failures"])
        if not delay:
            return 0.0
        # min(): a clock set back (a kiosk without network) must not lock staff out for
        # years; the wait then starts again from now
        return max(0.0, min(delay, record["last_failure"] + delay - now))

    def _current(self) -> dict | None:
        """The record on disk (another process may have set a new PIN), but never with
        fewer failures than this process has seen: a file that could not be written must
        not lift the lockout."""
        try:
            on_disk = self._read()
        except OSError as exc:
            self._problem(f"The staff PIN file {self.path} cannot be read ({exc.strerror}).")
            return self._record
        mine = self._record
        if on_disk is not None and mine is not None and on_disk["hash"] == mine["hash"]:
            if mine["failures"] > on_disk["failures"]:
                on_disk = {**on_disk, "failures": mine["failures"],
                           "last_failure": mine["last_failure"]}
        self._record = on_disk
        return on_disk

    def _read(self) -> dict | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return _checked(json.loads(raw))
        except (ValueError, TypeError, KeyError, RecursionError) as why:
            target = move_aside(self.path, self.clock())
            log.error("Staff PIN file %s is damaged (%s); set aside as %s", self.path, why,
                      target.name)
            self._problem(f"The staff PIN file was damaged and was set aside as "
                          f"{target.name}; please set a new PIN with "
                          f"'python main.py set-pin'.")
            return None

    def _save(self, record: dict) -> None:
        self._record = record  # the lockout holds in memory even if the disk fails
        try:
            self._write(record)
        except OSError as exc:
            log.error("Staff PIN: cannot save the count of wrong tries: %s", exc)
            self._problem(f"The staff PIN file {self.path} cannot be written ({exc.strerror}).")

    def _write(self, record: dict) -> None:
        write_atomically(self.path, (json.dumps(record, indent=1).encode("utf-8"),))

    def _problem(self, sentence: str) -> None:
        if sentence not in self.problems:
            self.problems.append(sentence)


def _checked(record: Any) -> dict:
    """The record if it has the shape we write, with sane scrypt costs; else ValueError."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    salt, digest = bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
    n, r, p = (record[key] for key in ("n", "r", "p"))
    if not (len(salt) >= 8 and len(digest) == 32 and all(type(v) is int for v in (n, r, p))
            and 2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        raise ValueError("not a PIN record")
    failures = record.get("failures", 0)
    last = record.get("last_failure")
    if type(failures) is not int or failures < 0:
        raise ValueError("bad count of wrong tries")
    if failures and type(last) not in (int, float):
        raise ValueError("bad time of the last wrong try")
    return {**record, "failures": failures, "last_failure": last}


def _hash(pin: str, record: dict) -> bytes:
    n, r, p = record["n"], record["r"], record["p"]
    return hashlib.scrypt(pin.encode("ascii"), salt=bytes.fromhex(record["salt"]), n=n, r=r,
                          p=p, maxmem=128 * r * (n + p + 2) + 2**20, dklen=32)


# --- a fallback data folder -------------------------------------------------------------

def carry_pin(source_dir: Path, target_dir: Path) -> bool:
    """Give ``target_dir`` (the fallback data folder) the PIN kept in ``source_dir`` (the
    real one, which may be read-only or full), or none if it has none.

    Nothing is written in ``source_dir``. Without a readable PIN there (none set, a file
    where the folder should be, a damaged file), ``target_dir`` is left with none either,
    so the panel stays shut: a PIN from an earlier start is never kept. Wrong tries the
    fallback already counted against the same PIN are kept: a restart lifts no lockout.
    True when ``target_dir`` now holds the real PIN.
    """
    target = PinStore(target_dir)
    record, kept = _peek(Path(source_dir) / PIN_FILE), _peek(target.path)
    try:
        if record is None:
            target.path.unlink(missing_ok=True)
            return False
        if kept is not None and (kept["salt"], kept["hash"]) == (record["salt"], record["hash"]) \
                and kept["failures"] > record["failures"]:
            record = {**record, "failures": kept["failures"], "last_failure": kept["last_failure"]}
        target.path.parent.mkdir(parents=True, exist_ok=True)
        target._write(record)
        return True
    except OSError as exc:
        log.error("Staff PIN: cannot copy it to the fallback data folder %s: %s", target_dir, exc)
        try:
            target.path.unlink(missing_ok=True)
        except OSError:
            pass
        return False


def _peek(path: Path) -> dict | None:
    """The PIN record in ``path``, or None when it cannot be read or is damaged (and then
    it is left where it is: the folder may not be ours to change)."""
    try:
        return _checked(json.loads(path.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


# --- python main.py set-pin ------------------------------------------------------------

def run_set_pin(data_dir: Path, from_stdin: bool = False, *, stdin=None,
                getpass: Callable[[str], str] = getpass_module.getpass) -> int:
    """Ask for the new PIN twice (or read one line with ``from_stdin``) and store it.

    A PIN that is not 4 to 8 digits, or is a first guess (:func:`weakness`), is refused
    with the reason."""
    try:
        if from_stdin:
            pin = (stdin or sys.stdin).readline().strip()
        else:
            pin = getpass(f"New staff PIN ({DIGITS[0]} to {DIGITS[1]} digits): ")
            if getpass("The same PIN again: ") != pin:
                print("The two PINs differ; nothing was changed.", file=sys.stderr)
                return 1
    except (EOFError, KeyboardInterrupt):
        print("\nNo PIN given; nothing was changed.", file=sys.stderr)
        return 1
    store = PinStore(data_dir)
    replacing = store.has_pin()
    try:
        store.set_pin(strong_pin(pin))
    except ValueError as exc:
        print(f"{exc} Nothing was changed.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Cannot save the PIN in {data_dir}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"The staff PIN was {'changed' if replacing else 'set'} ({store.path}).")
    return 0
