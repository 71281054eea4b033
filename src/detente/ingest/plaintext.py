"""Plain-text articles: a title line, optional byline and date lines, then the body.

    Envoy Returns to Moscow for Talks                   <- title (first non-empty line)
    By Ana Ruiz – The Meridian Ledger                   <- byline: author – outlet
    August 7, 2025                                      <- optional date line
    Source: https://example.org/envoy                   <- optional "Key: value" lines
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
from detente.model import Article
from detente.timeml import news_date

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
# "Key: value" metadata lines: the key (lower case) -> the field it fills. "source" is a URL
# when the value is one, else the outlet.
_META_KEYS = {
    "published": "published",
    "date": "published",
    "dated": "published",
    "updated": "published",
    "posted": "published",
    "publication date": "published",
    "source": "source",
    "url": "url",
    "link": "url",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "by": "author",
    "outlet": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "id": "external_id",
}
_META_LINE = re.compile(r"(?P<key>[A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(?P<value>\S.*)")
_URL_VALUE = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Header:
    """What the lines before the body said, and where the body starts."""

    meta: Meta
    body_start: int
    warnings: tuple[str, ...] = ()


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
    return news_date(_DATE_PREFIX.sub("", line, count=1))


def _meta_line(line: str) -> tuple[str, str, str | None] | None:
    """(field, value, warning) of a "Key: value" metadata line, or None for a body line."""
    match = _META_LINE.fullmatch(line) if len(line) <= _MAX_META_LINE else None
    field = _META_KEYS.get(" ".join(match["key"].lower().split())) if match else None
    if match is None or field is None:
        return None
    key, value = match["key"].strip(), match["value"].strip()
    if field == "source":
        field = "url" if _URL_VALUE.fullmatch(value) else "outlet"
    if field == "url" and not _URL_VALUE.fullmatch(value):
        return field, "", f"{key} line is not a URL: {value[:80]!r}; ignored"
    if field == "published" and news_date(value) is None:
        return field, "", f"unparseable date {value[:80]!r}; stored without a date"
    return field, value, None


def parse_header(lines: list[str]) -> Header:
    """Title, byline, date and "Key: value" lines from the first lines of ``lines``
    (non-empty, normalized)."""
    if len(lines) < 2 or len(lines[0]) > _MAX_TITLE:
        return Header(Meta(), 0)
    found: dict[str, str] = {"title": lines[0]}
    warnings: list[str] = []
    i = 1
    # Metadata lines come in any order, each field at most once, right after the title.
    while i < len(lines) - 1:
        line = lines[i]
        if "author" not in found and (by := _byline(line)) is not None:
            found["author"] = by[0]
            if by[1] is not None:
                found.setdefault("outlet", by[1])
        elif (kv := _meta_line(line)) is not None and kv[0] not in found:
            field, value, warning = kv
            found[field] = value
            if warning:
                warnings.append(warning)
        elif "published" not in found and (day := _date_line(line)) is not None:
            found["published"] = day
        else:
            break
        i += 1
    meta = Meta(**{field: value or None for field, value in found.items()})
    return Header(meta, i, tuple(warnings))


def read_plain_text(text: str, *, input: str, overrides: Meta) -> Article | IngestError:
    """One article from a plain-text document (see the module docstring for the layout)."""
    lines = [line for line in normalize_text(text).split("\n") if line]
    header = parse_header(lines)
    body = strip_boilerplate(lines[header.body_start :])
    meta = header.meta
    found = find_dateline(body[0]) if body else None
    if found is not None:
        meta = Meta(dateline=found.place, outlet=meta.outlet or found.agency).over(meta)
    return make_article_from(
        "\n".join(body), input=input, meta=overrides.over(meta), warnings=header.warnings
    )
