"""The visit log's TinyDB storage: atomic replace, cheap appends, damaged files recognised."""

from __future__ import annotations

import json
import os

import pytest
from tinydb import TinyDB

from kiosk.analytics import storage as storage_module
from kiosk.analytics.storage import (
    AtomicJSONStorage, DamagedFile, load_database, move_aside, remove_leftovers,
    write_atomically)
from samples.visit_logs import DAMAGED, GOOD, event




def open_db(path) -> tuple[TinyDB, AtomicJSONStorage]:
    store = AtomicJSONStorage(path)
    return TinyDB(storage=lambda: store), store


def test_inserts_round_trip_and_the_file_is_plain_tinydb_json(tmp_path):
    path = tmp_path / "events-2025-06.json"
    db, store = open_db(path)
    db.insert_multiple([event(i) for i in range(5)])
    db.insert_multiple([event(i) for i in range(5, 8)])
    assert store.writes == 2
    on_disk = json.loads(path.read_bytes())
    assert list(on_disk) == ["_default"]
    times = [doc["t"] for doc in on_disk["_default"].values()]
    assert times == [1750000000.0 + i for i in range(8)]
    # TinyDB's own storage reads our file back: it is an ordinary TinyDB database
    plain = TinyDB(path)
    assert len(plain) == 8 and plain.get(doc_id=8)["stop"] == "hall-0"
    plain.close()


def test_appending_encodes_only_new_documents_and_equals_a_full_encoding(tmp_path, monkeypatch):
    path = tmp_path / "e.json"
    db, _ = open_db(path)
    db.insert_multiple([event(i) for i in range(1000)])
    encoded = []
    real = storage_module._ENCODER.encode
    monkeypatch.setattr(storage_module._ENCODER, "encode", lambda o: encoded.append(o) or real(o))
    db.insert_multiple([event(i) for i in range(1000, 1003)])
    assert len([o for o in encoded if isinstance(o, dict)]) == 3  # not 1003
    monkeypatch.undo()
    full = json.dumps(json.loads(path.read_bytes()), separators=(",", ":")).encode()
    assert path.read_bytes() == full


def test_a_reopened_file_is_appended_to_without_reencoding_it(tmp_path):
    path = tmp_path / "e.json"
    db, _ = open_db(path)
    db.insert_multiple([event(i) for i in range(10)])
    before = path.read_bytes()
    db2, store2 = open_db(path)
    assert store2.count == 10
    db2.insert_multiple([event(10)])
    after = path.read_bytes()
    assert after.startswith(before[:-2]) and len(json.loads(after)["_default"]) == 11


def test_a_file_written_by_tinydbs_own_storage_is_read_and_rewritten_in_our_layout(tmp_path):
    path = tmp_path / "e.json"
    plain = TinyDB(path, indent=2)
    plain.insert_multiple([event(i) for i in range(3)])
    plain.close()
    db, store = open_db(path)
    assert store.count == 3
    db.insert(event(3))
    assert path.read_bytes().startswith(b'{"_default":{"1":')
    assert len(json.loads(path.read_bytes())["_default"]) == 4


def test_a_failed_write_leaves_the_old_file_and_the_state_as_they_were(tmp_path, monkeypatch):
    path = tmp_path / "e.json"
    db, store = open_db(path)
    db.insert_multiple([event(i) for i in range(3)])
    before = path.read_bytes()

    def no_space(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(storage_module.os, "replace", no_space)
    with pytest.raises(OSError):
        db.insert_multiple([event(3), event(4)])
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert store.count == 3 and len(store.read()["_default"]) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no leftovers
    db.insert_multiple([event(3), event(4)])
    assert len(json.loads(path.read_bytes())["_default"]) == 5


def test_write_atomically_fsyncs_the_file_then_the_folder(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(storage_module.os, "fsync", lambda fd: synced.append(
        os.path.isdir(f"/proc/self/fd/{fd}")) or real(fd))
    write_atomically(tmp_path / "x.json", [b"{}"])
    assert synced == [False, True]  # the new file, then the folder holding its new name
    assert (tmp_path / "x.json").read_bytes() == b"{}"


def test_leftover_temporary_files_are_removed(tmp_path):
    (tmp_path / ".events-2025-06.json.abc123.tmp").write_text('{"_default":{"1"')
    (tmp_path / "events-2025-06.json").write_text("{}")
    assert remove_leftovers(tmp_path, "events-*.json") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["events-2025-06.json"]


def test_move_aside_names_the_file_with_a_timestamp_and_never_overwrites(tmp_path):
    now = 1750000000.0
    first = tmp_path / "e.json"
    first.write_text("x")
    a = move_aside(first, now)
    first.write_text("y")
    b = move_aside(first, now)
    assert a.name.startswith("e.json.damaged-2025") and a.read_text() == "x"
    assert b.name == a.name + "-2" and b.read_text() == "y"
    assert not first.exists()


# --- what is not a database of ours ----------------------------------------------------



@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_files_raise_damaged_file_with_a_reason(tmp_path, content):
    path = tmp_path / "e.json"
    path.write_bytes(content)
    with pytest.raises(DamagedFile) as caught:
        load_database(path)
    assert str(caught.value).startswith(("it ", "its ", "entry "))


def test_a_truncated_file_is_said_to_be_cut_off(tmp_path):
    path = tmp_path / "e.json"
    path.write_bytes(GOOD[:-3])
    with pytest.raises(DamagedFile, match="cut off"):
        load_database(path)


def test_empty_and_missing_files_are_simply_empty(tmp_path):
    (tmp_path / "empty.json").write_bytes(b"")
    for name in ("empty.json", "missing.json"):
        loaded = load_database(tmp_path / name)
        assert loaded.data is None and loaded.count == 0
    assert load_database(tmp_path / "e.json").count == 0
    (tmp_path / "e.json").write_bytes(b'{"_default": {}}')
    assert load_database(tmp_path / "e.json").count == 0


def test_a_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "e.json"
    with open(path, "wb") as f:  # sparse: 5 GiB on paper, nothing on the disk
        f.truncate(5 * 2**30)
    monkeypatch.setattr(storage_module.Path, "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(DamagedFile, match="5120 MiB"):
        load_database(path)


def test_the_storage_raises_damaged_file_on_first_read(tmp_path):
    path = tmp_path / "e.json"
    path.write_bytes(b'{"_default": 5}')
    with pytest.raises(DamagedFile):
        AtomicJSONStorage(path).read()
