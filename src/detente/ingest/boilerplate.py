"""Dropping what pages append after an article (comment forms, share buttons, link lists).

The rules are data: ``detente/data/boilerplate.txt`` (format described in the file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from detente.errors import DataFileError

__all__ = ["Boilerplate", "load_boilerplate", "strip_boilerplate"]

_KINDS = ("section", "tail")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled rules: ``section`` lines start a trailing block, ``tail`` lines are dropped
    while they end the text."""

    section: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]

    def is_section(self, line: str) -> bool:
        return any(p.fullmatch(line.strip()) for p in self.section)

    def is_tail(self, line: str) -> bool:
        stripped = line.strip()
        return not stripped or any(p.fullmatch(stripped) for p in self.tail + self.section)


def _parse(text: str, where: str) -> Boilerplate:
    rules: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in _KINDS}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, pattern = line.partition(" ")
        pattern = pattern.strip()
        if kind not in rules:
            raise DataFileError(where, lineno, f"kind must be one of {_KINDS}, not {kind!r}")
        if not pattern:
            raise DataFileError(where, lineno, "missing pattern after the kind")
        try:
            rules[kind].append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise DataFileError(where, lineno, f"bad regular expression: {exc}") from None
    return Boilerplate(section=tuple(rules["section"]), tail=tuple(rules["tail"]))


def load_boilerplate(path: Path | None = None) -> Boilerplate:
    """The rules in ``path``, or the built-in ``boilerplate.txt``. Raises DataFileError
    naming the file and line of a malformed rule."""
    if path is not None:
        return _parse(path.read_text(encoding="utf-8"), str(path))
    return _builtin()


@lru_cache(maxsize=1)
def _builtin() -> Boilerplate:
    source = resources.files("detente").joinpath("data", "boilerplate.txt")
    return _parse(source.read_text(encoding="utf-8"), str(source))


def strip_boilerplate(lines: list[str], rules: Boilerplate | None = None) -> list[str]:
    """``lines`` (paragraphs of one article) without trailing boilerplate. The first line is
    never dropped: it is the article, whatever it says."""
    rules = rules or _builtin()
    kept = list(lines)
    for i in range(1, len(kept)):
        if rules.is_section(kept[i]):
            kept = kept[:i]
            break
    while len(kept) > 1 and rules.is_tail(kept[-1]):
        kept.pop()
    return kept
