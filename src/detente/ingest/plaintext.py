"""Plain-text articles: a title line, optional byline and date lines, then the body.

    Envoy Returns to Moscow for Talks                   <- title (first non-empty line)
    By Ana Ruiz – The Meridian Ledger                   <- byline: author – outlet
    August 7, 2025                                      <- optional date line
    Washington/Moscow – The envoy flew back ...         <- body, dateline recorded
    ...
    Leave a Reply                                       <- trailing boilerplate, dropped

Title, byline and date lines are metadata, not text: ``Article.text`` is the body
paragraphs joined with ``\\n``, starting with the dateline paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from, normalize_text
from detente.ingest.boilerplate import strip_boilerplate
from detente.ingest.dateline import find_dateline
from detente.ingest.dates import parse_date
from detente.model import Article

__all__ = ["Header", "parse_header", "read_plain_text"]

# "By NAME", "By NAME – OUTLET" (en dash, em dash, or a hyphen with spaces around it).
_BYLINE = re.compile(
    r"by\s+(?P<author>.+?)(?:\s*[–—|]\s*|\s+-{1,2}\s+)(?P<outlet>.+)|by\s+(?P<only>.+)",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
# Lower-case words a personal name may contain ("Ursula von der Leyen", "A and B").
_NAME_PARTICLES = frozenset(
    {
        "and",
        "de",
        "da",
        "del",
        "van",
        "von",
        "der",
        "den",
        "al",
        "bin",
        "ibn",
        "la",
        "le",
        "du",
        "y",
    }
)
# Longer than this, a first line is a paragraph, not a headline (the longest headline in
# our sources is ~150 characters).
_MAX_TITLE = 300
_MAX_NAME_WORDS = 8
_MAX_META_LINE = 120


@dataclass(frozen=True, slots=True)
class Header:
    """What the lines before the body said, and where the body starts."""

    meta: Meta
    body_start: int


def _is_name(text: str) -> bool:
    words = re.split(r"[\s,]+", text.strip())
    if not words or len(words) > _MAX_NAME_WORDS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words if w)


def _byline(line: str) -> tuple[str, str | None] | None:
    match = _BYLINE.fullmatch(line)
    if match is None or len(line) > _MAX_META_LINE:
        return None
    if match["only"] is not None:
        return (match["only"], None) if _is_name(match["only"]) else None
    author, outlet = match["author"], match["outlet"]
    if _is_name(author):
        return author, outlet
    return (line[3:].strip(), None) if _is_name(line[3:]) else None


def _date_line(line: str) -> str | None:
    if len(line) > _MAX_META_LINE:
        return None
    return parse_date(_DATE_PREFIX.sub("", line, count=1))


def parse_header(lines: list[str]) -> Header:
    """Title, byline and date from the first lines of ``lines`` (non-empty, normalized)."""
    if len(lines) < 2 or len(lines[0]) > _MAX_TITLE:
        return Header(Meta(), 0)
    title, author, outlet, published = lines[0], None, None, None
    i = 1
    # Byline and date line come in either order, each at most once, right after the title.
    while i < len(lines) - 1:
        if author is None and (by := _byline(lines[i])) is not None:
            author, outlet = by
        elif published is None and (day := _date_line(lines[i])) is not None:
            published = day
        else:
            break
        i += 1
    meta = Meta(title=title, author=author, outlet=outlet, published=published)
    return Header(meta, i)


def read_plain_text(text: str, *, input: str, overrides: Meta) -> Article | IngestError:
    """One article from a plain-text document (see the module docstring for the layout)."""
    lines = [line for line in normalize_text(text).split("\n") if line]
    header = parse_header(lines)
    body = strip_boilerplate(lines[header.body_start :])
    meta = header.meta
    found = find_dateline(body[0]) if body else None
    if found is not None:
        meta = Meta(dateline=found.place, outlet=meta.outlet or found.agency).over(meta)
    return make_article_from("\n".join(body), input=input, meta=overrides.over(meta))
