"""Built indexes kept on disk between runs, so that a process need not build them again.

Every process that extracts builds the place gazetteer from GeoNames (34,000 cities) and
our own files (about 1.2 s) and the actor knowledge base (about 0.55 s, mostly indexing the
names of 110,000 built office holders), paid again by every ``detente`` command that extracts
and, before any worker codes, by the fork server of a multi-worker run. Their entries read
in about 0.2 s each.

An entry's file name is a hash of everything it was built from (the code that builds it and
this module's, the data files' bytes, the versions of the packages whose data it reads,
Python's version): a change to any of them names another file, so a stale entry is never
read. An entry that
cannot be read (truncated, from another Python) is built again and rewritten; one that
cannot be written (a read-only home) is only built. Entries are written to a temporary file
and renamed, so a reader never sees half of one.

The folder is ``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente``, else
``~/.cache/detente``; ``DETENTE_CACHE_DIR=`` (empty) keeps nothing on disk. The files are
pickles: the folder must be writable by you alone, as your home's cache folder is.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, TypeVar

__all__ = ["UNUSED_DAYS", "PickledByFields", "cache_dir", "cached"]

T = TypeVar("T")
# An entry no process has read for this many days is removed when its name is next built.
UNUSED_DAYS = 30
_DAY = 86_400.0
# Bumped when the way entries are written or read changes. This module's own code is part of
# every key as well (PickledByFields decides how the objects of an entry are stored).
_FORMAT = b"detente-build-cache-2"


def cache_dir() -> Path | None:
    """The folder of the kept entries, or None when ``DETENTE_CACHE_DIR`` is set empty."""
    configured = os.environ.get("DETENTE_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "detente"


def _key(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    digest.update(Path(__file__).read_bytes())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


def cached(name: str, inputs: Iterable[bytes], build: Callable[[], T], kind: type[T]) -> T:
    """What ``build()`` returns, read from the entry for ``name`` and ``inputs`` when there
    is one (an instance of ``kind``), else built and kept for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{_key(inputs)}.pickle"
    except OSError:  # this module's code cannot be read (to be part of the key)
        return build()
    with contextlib.suppress(Exception):  # unreadable or foreign: build it again
        with path.open("rb") as fh:
            found = _load(fh)
        if isinstance(found, kind):
            _mark_used(path)
            return found
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _prune(folder, name, path)
    return value


def _mark_used(path: Path) -> None:
    """Date an entry's file to now when it is read (at most once a day): see :func:`_prune`."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > _DAY:
            os.utime(path)


def _prune(folder: Path, name: str, kept: Path) -> None:
    """Remove the entries of ``name`` but ``kept`` that no process has read for
    ``UNUSED_DAYS``: every version of the code or data leaves one (the actor base's is
    25 MB), and a version that is still in use (another checkout or environment sharing the
    folder) reads its own entry now and then."""
    cutoff = time.time() - UNUSED_DAYS * _DAY
    for entry in folder.glob(f"{name}-{'[0-9a-f]' * 32}.pickle"):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
            if entry != kept and entry.stat().st_mtime < cutoff:
                entry.unlink()


def _load(fh: BinaryIO) -> Any:
    """``pickle.load`` with the garbage collector paused: reading an entry makes tens of
    thousands of objects, none of them garbage, and every 700 new ones set off a collection
    (now and then of the whole heap). Measured, the place gazetteer read after the actor
    base, median of 6 fresh processes: 0.20 s -> 0.165 s."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


class PickledByFields:
    """For a frozen dataclass kept in an entry: pickled as its class and field values, read
    back by one call of the class, not by dataclasses' ``__setstate__``, which looks up the
    fields again for every object. Measured, the place gazetteer (34,000 places) read after
    the actor base, median of 6 fresh processes: 0.29 s -> 0.20 s. The dataclass's
    ``__init__`` must take every field, in order (no ``init=False`` or keyword-only field)."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]]  # set by @dataclass: the __init__ fields

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        return type(self), tuple(getattr(self, name) for name in self.__match_args__)
