"""The two SQL helpers every query shares: a WHERE clause built from optional filters with
its parameters (:class:`Where`), and LIKE patterns that take the user's text literally
(:func:`escape_like`, :func:`contains`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Where", "contains", "escape_like"]


def escape_like(value: str) -> str:
    """``value`` with LIKE's wildcards (and the escape character) taken literally; use it
    with ``LIKE ? ESCAPE '\\'``."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(value: str) -> str:
    """A LIKE pattern matching ``value`` (lowercased) literally anywhere, for
    ``lower(column) LIKE ? ESCAPE '\\'``."""
    return f"%{escape_like(value.lower())}%"


@dataclass
class Where:
    """Conditions joined by AND, each with its ``?`` parameters in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        """`` WHERE a AND b`` (with its leading space), or nothing without conditions."""
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""
