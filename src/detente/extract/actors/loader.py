"""Loading the actor knowledge base: the hand-written files, the user's files and the office
holders built by ``scripts/build_actors.py``, assembled into one :class:`ActorBase`.

Apart from :mod:`~detente.extract.actors.knowledge` (the entries) and
:mod:`~detente.extract.actors.built` (the built table, which makes knowledge's ``Person``
objects), so that neither of those two imports the other both ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

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

__all__ = ["default_actor_base", "load_actor_base"]


def load_actor_base(extra: Sequence[Path] = (), *, built: bool = True) -> ActorBase:
    """The built-in knowledge base plus ``extra`` user files (YAML or TSV), validated.

    ``built``: also load the office holders compiled by ``scripts/build_actors.py`` (under the
    hand-written people and the user's, who keep precedence for the names they cover).
    Raises :class:`DataFileError` (file and line) for the first bad entry."""
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


@lru_cache(maxsize=8)
def default_actor_base(extra: tuple[Path, ...] = (), *, built: bool = True) -> ActorBase:
    """:func:`load_actor_base`, loaded once per process and set of user files."""
    return load_actor_base(extra, built=built)

