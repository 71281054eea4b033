"""Datelines: the place (and sometimes date and agency) that opens a news story.

``Washington/Moscow – What once...``, ``KYIV, Ukraine (AP) — ...``,
``MOSCOW, Aug. 6 (Reuters) - ...``. The dateline stays in the article text (offsets stay
honest to the source); :func:`find_dateline` only reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.timeml import news_date

__all__ = ["Dateline", "find_dateline"]

# One place name: up to four capitalised words ("New York", "Rio de Janeiro", "WASHINGTON").
_WORD = r"[^\W\d_][\w.'’]*"
_PLACE = rf"{_WORD}(?:[ -]{_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"""(?P<place>{_PLACE}(?:\s*/\s*{_PLACE})*)     # City or City/City
    (?:,\s*(?P<extra>[^,()–—]{{1,30}}?))?          # , Aug. 6   or   , Ukraine
    \s*(?:\((?P<agency>[^()]{{1,40}})\))?           # (Reuters)
    \s*(?:[–—]|--?(?=\s))\s+                        # the dash, then the story
    """,
    re.VERBOSE,
)
# Lower-case joining words allowed inside place names ("Rio de Janeiro", "Dar es Salaam").
_PARTICLES = frozenset({"de", "da", "do", "del", "des", "di", "es", "la", "le", "al", "el", "am"})


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the start of a paragraph: ``place`` as written, the agency in
    parentheses if any, and ``end``, the offset where the story proper begins."""

    place: str
    agency: str | None
    end: int


def _capitalised(words: list[str]) -> bool:
    return (
        bool(words)
        and all(w[0].isupper() or w in _PARTICLES for w in words)
        and (words[0][0].isupper())
    )


def _looks_like_extra(extra: str) -> bool:
    """The bit after the comma must be a date ("Aug. 6") or a region ("Ukraine")."""
    if re.fullmatch(r"[A-Za-z]{3,9}\.? \d{1,2}", extra):
        return news_date(f"{extra} 2000") is not None
    return _capitalised(extra.split()) and len(extra.split()) <= 3


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None."""
    match = _DATELINE.match(paragraph)
    if match is None or match.end() >= len(paragraph):
        return None
    place = match["place"]
    if not _capitalised(re.split(r"[\s/-]+", place)):
        return None
    extra = match["extra"]
    if extra is not None and not _looks_like_extra(extra.strip()):
        return None
    agency = match["agency"].strip() if match["agency"] else None
    return Dateline(place=re.sub(r"\s*/\s*", "/", place), agency=agency, end=match.end())
