"""News as JSON objects: the JSONL line format of DESIGN.md and the common news JSON layouts
(news-please, Giveme5W1H, most scraper exports), one object per article.

    {"id", "text" | "maintext" | "html", "title", "url", "published" | "date_publish",
     "outlet" | "source_domain" | "publisher", "author" | "authors": [...]}

The first key of each row below that is present wins. A field of the wrong type is not a bad
article: it is ignored and the reason recorded in the article's ``warnings``. The input's own
id (``id``, news-please's ``dId``) is kept as ``external_id``; it is never the article id
(that is always the hash of the text, so the same article from two sources is one article).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from
from detente.model import Article

__all__ = ["FIELD_KEYS", "HtmlReader", "news_article", "read_json_document"]

# Metadata field -> the keys news JSON uses for it, in order of preference.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "title_page", "title_rss"),
    "url": ("url",),
    "published": ("published", "date_publish", "date_published", "publish_date"),
    "outlet": ("outlet", "source_domain", "publisher"),
    "author": ("author", "authors"),
    "external_id": ("id", "dId"),
}
_TEXT_KEYS = ("text", "maintext", "body")
# (html, input name, metadata from the object) -> the article
HtmlReader = Callable[[str, str, Meta], Article | IngestError]


@dataclass(frozen=True, slots=True)
class _Field:
    value: str | None
    warning: str | None = None


def _field(obj: dict[str, Any], field: str) -> _Field:
    for key in FIELD_KEYS[field]:
        value = obj.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            return _Field(value)
        if field == "author" and isinstance(value, list):
            names = [v for v in value if isinstance(v, str) and v.strip()]
            if len(names) == len(value):
                return _Field(", ".join(names) or None)
        if field == "external_id" and isinstance(value, int) and not isinstance(value, bool):
            return _Field(str(value))
        return _Field(None, f'field "{key}" is not a string; ignored')
    return _Field(None)


def _first_text(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _without_title(text: str, title: str | None) -> str:
    """``text`` without a first line that repeats the title (news-please keeps it there)."""
    if not title:
        return text
    first, sep, rest = text.lstrip().partition("\n")
    if sep and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def news_article(
    obj: Any, *, name: str, overrides: Meta, read_html: HtmlReader
) -> Article | IngestError:
    """One article from one news JSON object (see the module docstring for the keys)."""
    if not isinstance(obj, dict):
        return IngestError(name, "not a JSON object")
    fields = {field: _field(obj, field) for field in FIELD_KEYS}
    warnings = tuple(f.warning for f in fields.values() if f.warning)
    meta = overrides.over(Meta(**{field: f.value for field, f in fields.items()}))
    text, html = _first_text(obj, _TEXT_KEYS), _first_text(obj, ("html",))
    if text is not None:
        body = _without_title(text, fields["title"].value)
        return make_article_from(body, input=name, meta=meta, warnings=warnings)
    if html is not None:
        article = read_html(html, name, meta)
        if isinstance(article, Article) and warnings:
            article = replace(article, warnings=(*warnings, *article.warnings))
        return article
    return IngestError(name, 'no "text", "maintext" or "html" field')


def read_json_document(
    text: str, *, input: str, overrides: Meta, read_html: HtmlReader
) -> Iterator[Article | IngestError] | None:
    """The articles of a JSON document: one object is one article (``input`` names it), an
    array holds one per item (named ``input#N``, from 1). None when ``text`` is not one JSON
    document (the caller may then read it as JSON lines)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if doc == []:
        return iter([IngestError(input, "empty JSON array")])
    if isinstance(doc, list):
        return (
            news_article(item, name=f"{input}#{i}", overrides=overrides, read_html=read_html)
            for i, item in enumerate(doc, start=1)
        )
    return iter([news_article(doc, name=input, overrides=overrides, read_html=read_html)])
