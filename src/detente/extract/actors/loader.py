"""Loading the actor knowledge base: the hand-written files, the user's files and the office
holders built by ``scripts/build_actors.py``, assembled into one :class:`ActorBase`.

Apart from :mod:`~detente.extract.actors.knowledge` (the entries) and
:mod:`~detente.extract.actors.built` (the built table, which makes knowledge's ``Person``
objects), so that neither of those two imports the other both ways.

Building the base of the packaged files takes about 1.3 s, mostly indexing and counting the
names of ~110,000 built office holders and reading the GeoNames cities: :func:`load_actor_base`
keeps it on disk for the next process (:mod:`detente.build_cache`), which reads it in about
0.35 s, and adds the user's files to it.
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
from detente.extract.actors.cities import Cities
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

    The built-in base is read from the entry a previous process kept
    (:mod:`detente.build_cache`) when the code and data files are those it was built from,
    else built and kept; the user's files are read every time and layered on top of it."""
    kb = _builtin_base(built)
    for path in extra:
        _add_file(kb, path)
    return kb


def build_actor_base(extra: Sequence[Path] = (), *, built: bool = True) -> ActorBase:
    """:func:`load_actor_base` built from the files, never read from the cache folder."""
    kb = _build_builtin(built)
    for path in extra:
        _add_file(kb, path)
    return kb


def _builtin_base(built: bool) -> ActorBase:
    try:
        inputs = _inputs(built)
    except OSError:  # a packaged file that cannot be read: the build says what is wrong
        return _build_builtin(built)
    return cached("actors", inputs, lambda: _build_builtin(built), ActorBase)


def _build_builtin(built: bool) -> ActorBase:
    """The packaged files' base. The user's files add to its tables only (``_build``), never
    to the built office holders, so layering them on a kept copy gives what building
    everything at once gives."""
    rows: dict[str, list[Row]] = {"states": _pycountry_states()}
    for path, text in _builtin_files(built):
        _merge(rows, _rows_of(path, text))
    kb = ActorBase()
    _build(kb, rows)
    if built:
        kb.built = BuiltPeople.load()
        if kb.built is not None:
            kb.built.index_all()
        kb.cities = Cities.load()
    return kb


def _add_file(kb: ActorBase, path: Path) -> None:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read actor file: {exc}") from exc
    _build(kb, _rows_of(str(path), text))


# The modules whose code builds the base (and its entries, and the errors a bad file raises).
_CODE = (*sorted(Path(__file__).parent.glob("*.py")),
         Path(__file__).parents[2] / "errors.py")


def _inputs(built: bool) -> list[bytes]:
    """What the built-in base depends on: ``built``, the code of every module of this
    package and of ``detente.errors``, the versions of the packages that read and check the
    files, and every file of ``detente/data/actors`` (the hand-written and the built tables)."""
    from importlib.metadata import version

    parts = [b"built" if built else b"hand-written"]
    for path in _CODE:
        parts += [path.name.encode(), path.read_bytes()]
    parts += [f"{name} {version(name)}".encode() for name in ("pycountry", "PyYAML")]
    for name, data in _data_files(resources.files("detente").joinpath("data", "actors"), ""):
        parts += [name.encode(), data]
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

