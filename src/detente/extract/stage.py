"""The Stage protocol and the in-progress record every stage reads and extends.

A stage is a callable taking a :class:`Draft` article and returning it with one more
layer. It declares ``requires`` and ``assigns`` (layer names: the :class:`~detente.model.Record`
fields it reads and fills, ``"doc"`` for the parse), so a pipeline in the wrong order fails
when it is built, naming the missing layer. Stages do no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from detente.model import Record

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BASE_LAYERS", "Draft", "Stage"]

# Layers every pipeline starts with: the parse.
BASE_LAYERS = frozenset({"doc"})


@dataclass(slots=True)
class Draft:
    """An article on its way through the stages: the record, its spaCy ``Doc`` and the
    publication date relative expressions resolve against (the article's own, else the
    ``--published`` default, else None)."""

    record: Record
    doc: Doc
    published: str | None
    layers: set[str] = field(default_factory=lambda: set(BASE_LAYERS))

    @property
    def text(self) -> str:
        return self.record.article.text


class Stage(Protocol):
    """One extraction step. ``name`` is used in error records."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, item: Draft) -> Draft: ...
