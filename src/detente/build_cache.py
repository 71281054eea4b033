"""Built indexes kept on disk between runs, so that a process need not build them again.

Every process that extracts builds the place gazetteer from GeoNames (34,000 cities) and
our own files: about 1.2 s of a 4 s pipeline build, paid again by every ``detente`` command
that extracts and, before any worker codes, by the fork server of a multi-worker run. A
pickle of the built index loads in about 0.35 s.

An entry's file name is a hash of everything it was built from (the code that builds it,
the data files' bytes, the versions of the packages whose data it reads, Python's version):
a change to any of them names another file, so a stale entry is never read. An entry that
cannot be read (truncated, from another Python) is built again and rewritten; one that
cannot be written (a read-only home) is only built. Entries are written to a temporary file
and renamed, so a reader never sees half of one.

The folder is ``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente``, else
``~/.cache/detente``; ``DETENTE_CACHE_DIR=`` (empty) keeps nothing on disk. The files are
pickles: the folder must be writable by you alone, as your home's cache folder is.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "cached"]

T = TypeVar("T")
# Bumped when the way entries are written changes.
_FORMAT = b"detente-build-cache-1"


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
    path = folder / f"{name}-{_key(inputs)}.pickle"
    with contextlib.suppress(Exception):  # unreadable or foreign: build it again
        with path.open("rb") as fh:
            found = pickle.load(fh)
        if isinstance(found, kind):
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
    return value
