"""Built indexes kept on disk between processes: read back, rebuilt when stale or broken."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from detente.build_cache import cache_dir, cached
from detente.extract.where.gazetteer import Gazetteer, build_gazetteer, load_gazetteer


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Counter:
    def __init__(self) -> None:
        self.builds = 0

    def __call__(self) -> dict[str, int]:
        self.builds += 1
        return {"built": self.builds}


def test_an_entry_is_built_once_then_read(folder: Path) -> None:
    build = Counter()
    assert cached("index", [b"data v1"], build, dict) == {"built": 1}
    assert cached("index", [b"data v1"], build, dict) == {"built": 1}  # read, not built
    assert build.builds == 1
    entries = list(folder.glob("index-*.pickle"))
    assert len(entries) == 1
    assert stat.S_IMODE(entries[0].stat().st_mode) & 0o077 == 0  # the owner's alone
    assert not list(folder.glob(".*"))  # no temporary file left behind


def test_other_inputs_name_another_entry(folder: Path) -> None:
    build = Counter()
    cached("index", [b"data v1"], build, dict)
    assert cached("index", [b"data v2"], build, dict) == {"built": 2}
    assert cached("index", [b"data", b" v1"], build, dict) == {"built": 3}  # parts, not text
    assert len(list(folder.glob("index-*.pickle"))) == 3


def test_a_broken_or_foreign_entry_is_built_again(folder: Path) -> None:
    build = Counter()
    cached("index", [b"x"], build, dict)
    (entry,) = folder.glob("index-*.pickle")
    entry.write_bytes(b"\x80\x05 truncated")
    assert cached("index", [b"x"], build, dict) == {"built": 2}
    assert cached("index", [b"x"], build, dict) == {"built": 2}  # rewritten, read again
    assert cached("index", [b"x"], build, list) == {"built": 3}  # not the kind asked for


def test_no_folder_or_an_unwritable_one_only_builds(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", "")
    assert cache_dir() is None
    build = Counter()
    assert cached("index", [b"x"], build, dict) == {"built": 1}
    assert cached("index", [b"x"], build, dict) == {"built": 2}
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(blocker / "cache"))
    assert cached("index", [b"x"], build, dict) == {"built": 3}


def test_the_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETENTE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache_dir() == Path("/somewhere/cache/detente")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "detente"


def test_the_kept_gazetteer_is_the_built_one(folder: Path, tmp_path: Path) -> None:
    load_gazetteer.cache_clear()
    try:
        first = load_gazetteer()
        load_gazetteer.cache_clear()
        kept = load_gazetteer()  # read from the entry the first call wrote
        assert kept is not first and isinstance(kept, Gazetteer)
        fresh = build_gazetteer()
        assert kept._index == fresh._index
        assert kept._capitals == fresh._capitals and kept._first == fresh._first
        assert [p.country for p in kept.candidates("Kharkiv")] == ["UKR"]
        # an extra place file is part of what the entry depends on
        extra = tmp_path / "places.tsv"
        extra.write_text("name\tprecision\tcountry\tlat\tlon\taliases\tplace\n"
                         "Camp Alpha\tsite\tUKR\t50.0\t36.2\t\tCamp Alpha\n", encoding="utf-8")
        with_extra = load_gazetteer((extra,))
        assert [p.country for p in with_extra.candidates("Camp Alpha")] == ["UKR"]
        assert len(list(folder.glob("gazetteer-*.pickle"))) == 2
        assert os.environ["DETENTE_CACHE_DIR"] == str(folder)
    finally:
        load_gazetteer.cache_clear()
