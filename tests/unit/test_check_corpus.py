"""The corpus of broken stops.yaml files: each names its mistake and what check must say.

Every file in tests/corpus/ is a whole stops.yaml with one kind of mistake (a few have
more). Its first line says what the mistake is; each following ``# expect:`` line is one
line check must print, exactly, place and words, in order; no other problem may be
printed. The files it names are made by tests/corpus/media.py: good recordings, captions
and pictures, and broken ones of every kind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.check import run_check
from tests.corpus.media import build_assets

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(CORPUS.glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    return [line[len(b"# expect: "):].decode("utf-8")
            for line in path.read_bytes().split(b"\n") if line.startswith(b"# expect: ")]


@pytest.fixture(scope="module")
def assets(tmp_path_factory) -> Path:
    return build_assets(tmp_path_factory.mktemp("corpus") / "content")


@pytest.fixture
def content(assets, tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(assets, folder, symlinks=True)
    return folder


def test_the_corpus_has_many_kinds_of_mistake():
    broken = [path for path in FILES if expectations(path)]
    assert len(broken) >= 25
    assert all(path.read_bytes().startswith(b"# ") for path in FILES), "say what each one is"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_check_names_the_place_and_the_fix(path, assets, content):
    shutil.copyfile(path, content / "stops.yaml")
    printed: list[str] = []
    status = run_check(content, out=printed.append)
    outside = str((assets.parent / "outside.jpg").resolve())
    expected = [line.replace("{outside}", outside) for line in expectations(path)]
    assert [line for line in printed if line.startswith("stops.yaml:")] == expected
    errors = [line for line in expected if ": warning: " not in line]
    assert status == (1 if errors else 0)
    for line in expected:  # what is wrong; what to do
        assert ";" in line, line
