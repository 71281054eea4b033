"""Built indexes kept on disk between processes (the place gazetteer, the actor base): read
back, rebuilt when stale or broken."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import stat
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from detente import build_cache
from detente.build_cache import PickledByFields, cache_dir, cached
from detente.errors import DataFileError
from detente.extract.actors import knowledge, loader
from detente.extract.actors.built import BUILT_FILE
from detente.extract.actors.knowledge import ActorBase
from detente.extract.actors.loader import build_actor_base, load_actor_base
from detente.extract.actors.resolver import Resolver
from detente.extract.where.gazetteer import Gazetteer, Place, build_gazetteer, load_gazetteer


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


def test_entries_unread_for_a_month_go_when_another_of_their_name_is_written(
        folder: Path) -> None:
    build = Counter()
    old_unused, old_read, recent = (
        folder / f"index-{build_cache._key([v])}.pickle" for v in (b"v1", b"v2", b"v3"))
    for version in (b"v1", b"v2", b"v3"):
        cached("index", [version], build, dict)
    other = folder / f"other-{build_cache._key([b'v1'])}.pickle"
    cached("other", [b"v1"], build, dict)
    month_ago = build_cache.time.time() - (build_cache.UNUSED_DAYS + 1) * 86_400
    for entry in (old_unused, old_read, other):
        os.utime(entry, (month_ago, month_ago))
    os.utime(recent, (month_ago + 5 * 86_400, month_ago + 5 * 86_400))
    assert cached("index", [b"v2"], build, dict) == {"built": 2}  # read: dated to now
    assert build.builds == 4
    cached("index", [b"v4"], build, dict)  # a new version is written
    assert not old_unused.exists()
    assert old_read.exists() and recent.exists()  # read lately, or not a month old
    assert other.exists()  # another name's entries are left alone


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


@pytest.fixture()
def builds(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``built`` flag of every build of the packaged actor base (not read from an entry)."""
    seen: list[bool] = []
    build = loader._build_builtin

    def counted(built: bool) -> ActorBase:
        seen.append(built)
        return build(built)

    monkeypatch.setattr(loader, "_build_builtin", counted)
    return seen


def _same_base(kept: ActorBase, fresh: ActorBase) -> None:
    assert kept.states == fresh.states and kept.places == fresh.places
    assert kept.orgs == fresh.orgs and kept.people == fresh.people
    assert kept.agents == fresh.agents
    assert [list(t) for t in (kept.states, kept.places, kept.orgs, kept.people, kept.agents)] \
        == [list(t) for t in (fresh.states, fresh.places, fresh.orgs, fresh.people, fresh.agents)]
    assert (kept.built is None) == (fresh.built is None)
    if kept.built is not None and fresh.built is not None:
        assert vars(kept.built) == vars(fresh.built)  # names, lines, offices, first words


def test_the_kept_actor_base_is_the_built_one(builds: list[bool], folder: Path) -> None:
    first = load_actor_base()
    kept = load_actor_base()  # read from the entry the first call wrote
    assert builds == [True]
    assert len(list(folder.glob("actors-*.pickle"))) == 1
    assert kept is not first and kept.built is not None
    fresh = build_actor_base()
    _same_base(kept, fresh)
    assert kept.stats() == fresh.stats()
    # resolved alike: every entry's name, and one built office holder in 500, on two dates
    people = [kept.built.get(pid) for pid in list(kept.built.ids())[::500]]
    adjectives = [s.adjectives[0] for s in kept.states.values() if s.adjectives]
    names = [*(s.name for s in kept.states.values()), *(o.name for o in kept.orgs.values()),
             *(p.name for p in [*kept.people.values(), *people] if p is not None),
             *(f"{adjectives[i % len(adjectives)]} {a.forms[-1]}"
               for i, a in enumerate(kept.agents.values()))]
    from_kept, from_fresh = Resolver(kept), Resolver(fresh)
    for day in ("2012-03-01", "2025-06-01"):
        assert [from_kept.resolve(n, date=day) for n in names] \
            == [from_fresh.resolve(n, date=day) for n in names]
    assert builds == [True, True]  # the second: build_actor_base's
    assert load_actor_base(built=False).built is None  # an entry of its own
    assert builds == [True, True, False]


def test_a_changed_actor_file_is_read_again(builds: list[bool], folder: Path,
                                            tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("people:\n  - {id: jane-roe, name: Jane Roe, country: NZL, base: BUS}\n",
                    encoding="utf-8")
    assert Resolver(load_actor_base([mine])).resolve("Jane Roe").code == "NZLBUS"
    mine.write_text("people:\n  - {id: jane-roe, name: Jane Roe, country: AUS, base: BUS}\n",
                    encoding="utf-8")
    assert Resolver(load_actor_base([mine])).resolve("Jane Roe").code == "AUSBUS"
    assert Resolver(load_actor_base()).resolve("Jane Roe").id is None
    # the user's file is layered on the kept base: it names no entry of its own
    assert builds == [True] and len(list(folder.glob("actors-*.pickle"))) == 1
    _same_base(load_actor_base([mine]), build_actor_base([mine]))
    assert builds == [True, True]  # build_actor_base's


@pytest.mark.parametrize("name", ["absent.yaml", "a-folder"])
def test_an_unreadable_actor_file_is_the_same_data_error(builds: list[bool], tmp_path: Path,
                                                         name: str) -> None:
    (tmp_path / "a-folder").mkdir()
    path = tmp_path / name
    with pytest.raises(DataFileError) as fresh:
        build_actor_base([path])
    for _ in range(2):  # building the entry, then reading it
        with pytest.raises(DataFileError) as kept:
            load_actor_base([path])
        assert str(kept.value) == str(fresh.value)
        assert str(kept.value).startswith(f"{path}: cannot read actor file: ")


def test_the_actor_key_covers_the_code_that_builds_the_base() -> None:
    """Every detente module that runs while the packaged base is built is part of the key
    (``build_cache`` through its own key), save the package's ``__init__`` and what it
    imports, which build nothing."""
    script = ("import json, sys\n"
              "from detente.extract.actors.loader import build_actor_base\n"
              "build_actor_base()\n"
              "print(json.dumps({n: m.__file__ for n, m in sys.modules.items()"
              " if n.split('.')[0] == 'detente'}))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env=env).stdout
    used = {name: Path(file).resolve() for name, file in json.loads(out).items()}
    covered = {path.resolve() for path in loader._CODE}
    covered.add(Path(build_cache.__file__).resolve())
    uncovered = {name for name, path in used.items() if path not in covered}
    assert uncovered <= {"detente", "detente.model", "detente.extract"}, uncovered
    inputs = loader._inputs(True)
    assert all(path.read_bytes() in inputs for path in loader._CODE)
    built_file = Path(str(resources.files("detente").joinpath(BUILT_FILE)))
    assert built_file.read_bytes() in inputs and b"built" in inputs
    assert loader._inputs(False) != inputs


FIELD_CLASSES = [Place, knowledge.State, knowledge.Place, knowledge.Org, knowledge.Role,
                 knowledge.Person, knowledge.Agent]


@pytest.mark.parametrize("cls", FIELD_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_an_entrys_objects_are_pickled_with_every_field(cls: type[Any]) -> None:
    names = tuple(f.name for f in dataclasses.fields(cls))
    assert cls.__match_args__ == names  # what PickledByFields stores is all of the object
    assert issubclass(cls, PickledByFields)
    values = [f"v{i}" for i in range(len(names))]
    obj = cls(*values)
    back = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == obj and type(back) is cls
    assert [getattr(back, n) for n in names] == values
