"""Ingest: every kind of news source to :class:`~detente.model.Article` (text + metadata).

    read_inputs(inputs, options)   paths, directories, URLs, feeds, WARC, JSONL -> articles
    make_article(text, input=...)  one text + metadata -> a normalized, hashed article

Both yield/return an :class:`~detente.errors.IngestError` (naming the input, with a one-line
reason) instead of raising for a bad input.

``read_inputs`` (and the readers behind it: trafilatura, httpx, the feed and WARC parsers) is
imported on first use: extraction's worker processes import ``detente.ingest.dateline``, which
runs this file, and loading the readers there cost each worker ~0.8 s of CPU for nothing
(``python -X importtime``).
"""

from typing import TYPE_CHECKING, Any

from detente.errors import IngestError, UnsafeURLError
from detente.ingest.article import Meta, article_id, detect_language, make_article, normalize_text

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name == "read_inputs":
        from detente.ingest.sources import read_inputs

        return read_inputs
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
