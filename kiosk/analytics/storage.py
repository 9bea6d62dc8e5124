"""A TinyDB storage that a power cut cannot corrupt, and the reading of event files.

TinyDB's own JSONStorage rewrites its file in place (seek, write, truncate): a power cut
in the middle leaves half a file. Here every write goes to a new file in the same folder,
is flushed and fsynced, and replaces the old one with ``os.replace``; the folder is then
fsynced so the new name survives too. At any moment the file on disk is either the last
complete state or the one before it.

Two things keep the rewrite cheap (TinyDB hands ``write()`` the whole database each time):
the state is kept in memory, so ``read()`` never parses the file again; and, because the
event log only ever adds documents, only the documents added since the last write are
encoded: the rest of the file is reused byte for byte. Encoding all of a 10,000-event file
takes ~20 ms in one C call that holds the GIL, which the screen would feel; the new
documents of one flush take well under a millisecond.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from contextlib import suppress
from itertools import islice
from pathlib import Path
from typing import Any, Iterable

from tinydb.storages import Storage

from ..atomic import fsync_folder
from ..files import kind_of
from ..atomic import write_atomically as _write_atomically

log = logging.getLogger(__name__)

TABLE = "_default"
#: How our files begin and end: ``{"_default":{"1":{...},"2":{...}}}``, nothing else.
HEAD = b'{"' + TABLE.encode() + b'":{'
TAIL = b"}}"
#: A visit log never grows this large (a full part is ~0.6 MB): a bigger file is not ours,
#: and is set aside without being read into memory.
MAX_FILE_BYTES = 64 * 2**20

_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)


class DamagedFile(ValueError):
    """A database file that cannot be used; the message says why, in plain words.

    ``salvaged`` holds the events that could still be read from its start (a file cut
    off after some complete events), keyed by their ids; empty when none could.
    """

    def __init__(self, why: str, salvaged: dict[str, dict] | None = None):
        super().__init__(why)
        self.salvaged: dict[str, dict] = salvaged or {}


# --- writing ---------------------------------------------------------------------------

def write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace ``path`` with ``chunks``: the old content or the new, never half of either."""
    _write_atomically(path, lambda out: [out.write(chunk) for chunk in chunks])


def remove_leftovers(folder: Path, name_glob: str) -> int:
    """Delete temporary files a killed writer left behind (``.NAME.*.tmp``); how many."""
    removed = 0
    for leftover in Path(folder).glob(f".{name_glob}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def move_aside(path: Path, now: float) -> Path:
    """Rename a damaged file to ``NAME.damaged-YYYYMMDD-HHMMSS``; the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    fsync_folder(path.parent)
    return target


# --- reading ---------------------------------------------------------------------------

class Loaded:
    """A database file as read: its data (None: empty) and, when it is in our own layout,
    the bytes of its documents, so the next write can reuse them."""

    __slots__ = ("data", "body", "count", "last_key")

    def __init__(self, data: dict | None, body: bytes | None):
        self.data = data
        self.body = body
        table = (data or {}).get(TABLE) or {}
        self.count = len(table)
        self.last_key = next(reversed(table), None) if table else None


def load_database(path: Path, max_bytes: int = MAX_FILE_BYTES, events: bool = True) -> Loaded:
    """Read and check a database file. A missing or 0-byte file is empty.

    Raises ``DamagedFile`` for anything else that is not a TinyDB file of ours: cut off,
    not JSON, the wrong shape, too large; with ``events``, also any document that is not
    an event (a ``kind`` and a time ``t``). ``OSError`` passes through.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Loaded(None, b"")
    if not stat.S_ISREG(st.st_mode):
        raise DamagedFile(f"it is {kind_of(st.st_mode)}, not a file")
    size = st.st_size
    if size == 0:
        return Loaded(None, b"")
    if size > max_bytes:
        raise DamagedFile(f"it is {size / 2**20:.0f} MiB, far larger than a visit log grows")
    raw = Path(path).read_bytes()
    data = parse_database(raw, events=events)
    canonical = raw.startswith(HEAD) and raw.endswith(TAIL) and TABLE in data
    return Loaded(data, raw[len(HEAD):-len(TAIL)] if canonical else None)


def parse_database(raw: bytes, events: bool = True) -> dict:
    """The database in ``raw`` after ``check_shape``; ``DamagedFile`` if it is not one.

    The ``DamagedFile`` of a file in our layout that breaks off after some complete
    events carries those events (``salvaged``).
    """
    try:
        data = _parse(raw)
    except DamagedFile as why:
        salvaged = salvage(raw, events=events)
        if salvaged:
            raise DamagedFile(str(why), salvaged) from None
        raise
    check_shape(data, events=events)
    return data


def salvage(raw: bytes, events: bool = True) -> dict[str, dict]:
    """The complete documents at the start of ``raw``, a file in our layout that breaks
    off (cut short, or garbage from some point on); reading stops at the first document
    that is incomplete or not an event."""
    found: dict[str, dict] = {}
    if not raw.startswith(HEAD):
        return found
    try:
        text = raw[len(HEAD):].decode("utf-8", errors="replace")
    except Exception:  # noqa: BLE001 - whatever the bytes, salvage never raises
        return found
    decoder = json.JSONDecoder()
    at = 0
    while at < len(text):
        try:
            key, at = decoder.raw_decode(text, at)
            if text[at:at + 1] != ":":
                break
            doc, at = decoder.raw_decode(text, at + 1)
        except (ValueError, RecursionError):
            break
        if not (isinstance(key, str) and key.isascii() and key.isdigit()
                and isinstance(doc, dict) and (not events or _is_event(doc))):
            break
        found[key] = doc
        if text[at:at + 1] != ",":
            break
        at += 1
    return found


def _parse(raw: bytes) -> Any:
    if not raw.strip():
        raise DamagedFile("it holds only blank space")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        # the parser stopped at the end, or in a string that runs to the end: cut off
        if exc.pos >= len(raw.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise DamagedFile("it ends in the middle (cut off)") from None
        raise DamagedFile(f"it is not valid JSON ({exc.msg}, byte {exc.pos})") from None
    except UnicodeDecodeError:
        raise DamagedFile("it is not text") from None
    except RecursionError:
        raise DamagedFile("it is not valid JSON (nested too deeply)") from None


def check_shape(data: Any, events: bool = True) -> None:
    """Raise ``DamagedFile`` unless ``data`` is {"_default": {"<id>": {document}, ...}}."""
    if not isinstance(data, dict):
        raise DamagedFile(f"it holds a JSON {_json_type(data)}, not a database")
    others = [key for key in data if key != TABLE]
    if others:
        raise DamagedFile(f"it is not a visit log (it has a table {str(others[0])[:40]!r})")
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        raise DamagedFile(f"its table of visits is a JSON {_json_type(table)}, not a table")
    for key, doc in table.items():
        if not (key.isascii() and key.isdigit()):
            raise DamagedFile(f"it is not a visit log (an entry is named {key[:40]!r})")
        if not isinstance(doc, dict):
            raise DamagedFile(f"entry {key} is a JSON {_json_type(doc)}, not a document")
        if events and not _is_event(doc):
            raise DamagedFile(f"it is not a visit log (entry {key} is not a visit event)")


def _is_event(doc: dict) -> bool:
    t = doc.get("t")
    return (type(doc.get("kind")) is str and type(t) in (int, float)
            and t == t and abs(t) < 1e12)  # t == t: not NaN


def _json_type(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "true/false",
            int: "number", float: "number", type(None): "null"}.get(type(value), "value")


# --- the storage -----------------------------------------------------------------------

class AtomicJSONStorage(Storage):
    """TinyDB's Storage API over ``write_atomically``, with the state kept in memory.

    Append-only: documents must never change once written (the event log only inserts).
    Added documents are found by position: TinyDB keeps a table's documents in the order
    they were inserted, so those past the count last written are the new ones. Anything
    else (fewer documents, another table, a different last-written id) falls back to
    encoding the whole file, so a misuse costs time, never data.

    ``read()`` may raise ``DamagedFile``: check a file with ``load()`` before handing the
    storage to TinyDB.
    """

    def __init__(self, path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES):
        super().__init__()
        self.path = Path(path)
        self.max_bytes = max_bytes
        self._loaded: Loaded | None = None
        self.writes = 0  # how many times the file was written (tests, the bench)

    def load(self) -> Loaded:
        """Read and check the file once (``DamagedFile``, ``OSError``); later: the copy."""
        if self._loaded is None:
            self._loaded = load_database(self.path, self.max_bytes)
        return self._loaded

    @property
    def count(self) -> int:
        """Documents in the file as last read or written."""
        return self.load().count

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = self.load().data
        # a shallow copy: TinyDB replaces the table in what it gets before calling
        # write(), and a write that fails must leave our copy as it was on disk
        return None if data is None else dict(data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        loaded = self.load()
        table = data.get(TABLE)
        if set(data) == {TABLE} and isinstance(table, dict):
            body = self._new_body(loaded, table)
            write_atomically(self.path, (HEAD, body, TAIL))
        else:  # not an event log's shape: plain, whole-file JSON
            body = None
            write_atomically(self.path, (_ENCODER.encode(data).encode("utf-8"),))
        self.writes += 1
        self._loaded = Loaded(data, body)

    @staticmethod
    def _new_body(loaded: Loaded, table: dict) -> bytes:
        done = loaded.count
        reusable = (loaded.body is not None and done <= len(table)
                    and (done == 0 or next(islice(table, done - 1, None)) == loaded.last_key))
        if not reusable:
            done = 0
        encode = _ENCODER.encode
        pieces = [b"%s:%s" % (encode(str(key)).encode(), encode(doc).encode())
                  for key, doc in islice(table.items(), done, None)]
        added = b",".join(pieces)
        if done == 0:
            return added
        return loaded.body + b"," + added if added else loaded.body
