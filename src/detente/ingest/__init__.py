"""Ingest: every kind of news source to :class:`~detente.model.Article` (text + metadata).

    read_inputs(inputs, options)   paths, directories, URLs, feeds, WARC, JSONL -> articles
    make_article(text, input=...)  one text + metadata -> a normalized, hashed article

Both yield/return an :class:`~detente.errors.IngestError` (naming the input, with a one-line
reason) instead of raising for a bad input.
"""

from detente.errors import IngestError, UnsafeURLError
from detente.ingest.article import Meta, article_id, detect_language, make_article, normalize_text
from detente.ingest.sources import read_inputs

__all__ = [
    "IngestError",
    "Meta",
    "UnsafeURLError",
    "article_id",
    "detect_language",
    "make_article",
    "normalize_text",
    "read_inputs",
]
