"""Loading the actor knowledge base: the hand-written files, the user's files and the office
holders built by ``scripts/build_actors.py``, assembled into one :class:`ActorBase`.

Apart from :mod:`~detente.extract.actors.knowledge` (the entries) and
:mod:`~detente.extract.actors.built` (the built table, which makes knowledge's ``Person``
objects), so that neither of those two imports the other both ways.

Building takes about 0.55 s, mostly indexing the names of ~110,000 built office holders;
:func:`load_actor_base` keeps the built base on disk for the next process
(:mod:`detente.build_cache`), which reads it in about 0.2 s.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from detente.build_cache import cached
from detente.errors import DataFileError
from detente.extract.actors.built import BuiltPeople
from detente.extract.actors.knowledge import (
    ActorBase,
    Row,
    _build,
    _builtin_files,
    _merge,
    _pycountry_states,
    _rows_of,
)

__all__ = ["build_actor_base", "default_actor_base", "load_actor_base"]


def load_actor_base(extra: Sequence[Path] = (), *, built: bool = True) -> ActorBase:
    """The built-in knowledge base plus ``extra`` user files (YAML or TSV), validated.

    ``built``: also load the office holders compiled by ``scripts/build_actors.py`` (under the
    hand-written people and the user's, who keep precedence for the names they cover).
    Raises :class:`DataFileError` (file and line) for the first bad entry.

    Read from the entry a previous process kept (:mod:`detente.build_cache`) when the code,
    the data files and ``extra`` are those it was built from; else built and kept."""
    extra = tuple(extra)
    try:
        inputs = _inputs(extra, built)
    except OSError:  # a user file that cannot be read: the build says what is wrong
        return build_actor_base(extra, built=built)
    return cached("actors", inputs, lambda: build_actor_base(extra, built=built), ActorBase)


def build_actor_base(extra: Sequence[Path] = (), *, built: bool = True) -> ActorBase:
    """:func:`load_actor_base`, built from the files, never read from the cache folder."""
    rows: dict[str, list[Row]] = {"states": _pycountry_states()}
    for path, text in _builtin_files(built):
        _merge(rows, _rows_of(path, text))
    kb = ActorBase()
    _build(kb, rows)
    for p in extra:
        try:
            text = Path(p).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(str(p), None, f"cannot read actor file: {exc}") from exc
        _build(kb, _rows_of(str(p), text))
    if built:
        kb.built = BuiltPeople.load()
    return kb


# The modules whose code builds the base (and its entries, and the errors a bad file raises).
_CODE = (*sorted(Path(__file__).parent.glob("*.py")),
         Path(__file__).parents[2] / "errors.py")


def _inputs(extra: tuple[Path, ...], built: bool) -> list[bytes]:
    """What the built base depends on: the code of every module of this package and of
    ``detente.errors``, the versions of the packages that read or check the files, every
    file of ``detente/data/actors`` (the hand-written tables and the built ones), ``built``,
    and each user file's path and bytes."""
    from importlib.metadata import version

    parts = [b"built" if built else b"hand-written"]
    for path in _CODE:
        parts += [path.name.encode(), path.read_bytes()]
    parts += [f"{name} {version(name)}".encode() for name in ("pycountry", "PyYAML")]
    for name, data in _data_files(resources.files("detente").joinpath("data", "actors"), ""):
        parts += [name.encode(), data]
    for path in extra:
        parts += [str(path).encode(), Path(path).read_bytes()]
    return parts


def _data_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    """(relative name, bytes) of every file under ``folder``, in name order."""
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.is_dir():
            yield from _data_files(item, f"{prefix}{item.name}/")
        elif item.is_file():
            yield prefix + item.name, item.read_bytes()


@lru_cache(maxsize=8)
def default_actor_base(extra: tuple[Path, ...] = (), *, built: bool = True) -> ActorBase:
    """:func:`load_actor_base`, loaded once per process and set of user files."""
    return load_actor_base(extra, built=built)

