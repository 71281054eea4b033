"""Fuzz targets: every decoder detente reads bytes with, and extraction on arbitrary text.

Each target takes what a strategy draws and checks the invariants that must hold for any
input: reading yields articles or one-line failures and never raises; an article has text;
every span of an extracted record slices to its stated text. ``tests/ingest/test_fuzz.py``
runs them briefly in CI; ``make fuzz`` (scripts/fuzz.py) runs each on 100,000 inputs.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.config import ExtractOptions, IngestOptions
from detente.errors import IngestError
from detente.model import Article, Record

__all__ = ["TARGETS", "Target"]

# In memory where there is a tmpfs: a file write costs ~5 ms on a busy disk, 50 us there.
_FOLDER = Path(tempfile.mkdtemp(prefix="detente-fuzz-",
                                dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
_OPTIONS = IngestOptions(fetch_feed_items=False, max_bytes=1_000_000)

_WORDS = ["Russia", "Ukraine", "Putin", "Trump", "said", "met", "on", "Friday", "the",
          "president", "minister", "threatened", "sanctions", "talks", "in", "Geneva",
          "\u201c", "\u201d", '"', ".", ",", "\n", "\n\n", "2025", "August", "7", "days",
          "ultimatum", "deadline", "\u00e9", "\u0416", "\u202e", "\u0000", "\ufeff"]
_text = st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=80).map(" ".join)


def _mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` with a few random byte edits: flips, cuts, insertions, truncation."""
    edit = st.tuples(st.integers(0, max(len(seed) - 1, 0)), st.binary(max_size=8),
                     st.integers(0, 8))

    def apply(edits: list[tuple[int, bytes, int]], cut: int | None) -> bytes:
        data = bytearray(seed)
        for at, new, drop in edits:
            data[at:at + drop] = new
        return bytes(data[:cut] if cut is not None else data)

    return st.builds(apply, st.lists(edit, max_size=4), st.none() | st.integers(0, len(seed)))


def _html_doc(title: str, body: str) -> str:
    return (f"<html><head><title>{title}</title><meta name='author' content='{title[:8]}'>"
            f"</head><body><article><h1>{title}</h1><p>{body}</p><p>{body[::-1]}</p>"
            "</article></body></html>")


def _warc_bytes(gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for i in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        body = _html_doc(f"Story {i} about talks", "Envoys met in Geneva on Friday. " * 5)
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{i}", "response", payload=io.BytesIO(body.encode()),
            http_headers=headers))
    return out.getvalue()


_FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
         + "".join(f"<item><title>Item {i}</title><link>https://news.example/{i}</link>"
                   f"<pubDate>Fri, 0{i + 1} Aug 2025 10:00:00 GMT</pubDate><description>"
                   "Envoys met in Geneva on Friday, officials said.</description></item>"
                   for i in range(3))
         + "</channel></rss>").encode()
_ATOM = (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>News</title>"
         b"<entry><title>One</title><link href='https://news.example/1'/><updated>"
         b"2025-08-01T10:00:00Z</updated><summary>Talks resumed.</summary></entry></feed>"
         )

_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6)
_jsonl_line = st.fixed_dictionaries(
    {}, optional={k: _json_value | _text for k in
                  ("id", "text", "html", "title", "url", "published", "outlet", "author")},
).map(lambda d: json.dumps(d).encode()) | st.binary(max_size=60)

_STRATEGIES: dict[str, tuple[str, st.SearchStrategy[bytes]]] = {
    "txt": ("in.txt", st.binary(max_size=400) | _text.map(lambda t: t.encode("utf-8",
                                                                          "surrogatepass"))),
    "html": ("in.html", st.builds(_html_doc, _text, _text).map(str.encode)
             | _mutated(_html_doc("Envoys Meet", "Talks resumed " * 20).encode())
             | st.binary(max_size=300)),
    "jsonl": ("in.jsonl", st.lists(_jsonl_line, max_size=5).map(b"\n".join)),
    "warc": ("in.warc", _mutated(_warc_bytes(False)) | _mutated(_warc_bytes(True))),
    "feed": ("in.rss", _mutated(_FEED) | _mutated(_ATOM)),
    "gzip": ("in.txt.gz", _mutated(gzip.compress(b"Envoys Meet\n\nTalks resumed in Geneva "
                                                 b"on Friday, officials said.\n" * 3))),
}


def _check_read(name: str, data: bytes) -> None:
    from detente.ingest import read_inputs

    path = _FOLDER / name
    path.write_bytes(data)
    for item in read_inputs([str(path)], _OPTIONS):
        if isinstance(item, IngestError):
            assert item.reason and "\n" not in item.reason, repr(item.reason)
        else:
            assert isinstance(item, Article), type(item)
            assert item.text.strip(), "an article without text"


def _spans(record: Record) -> None:
    text = record.article.text

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
                assert text[node["start"]:node["end"]] == node["text"], node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(record.to_dict())


_PIPELINE: list[Any] = []


def _check_extract(text: str) -> None:
    from detente.extract.pipeline import Pipeline

    if not _PIPELINE:
        _PIPELINE.append(Pipeline(ExtractOptions(workers=1)))
    (record,) = _PIPELINE[0].run([Article(id="fuzz", text=text, language="en")])
    crashed = [e for e in record.errors if e.stage not in ("parse", "language")]
    assert not crashed, crashed
    _spans(record)


class Target:
    """A named strategy and the check every drawn input must pass."""

    def __init__(self, name: str, strategy: st.SearchStrategy[Any],
                 check: Callable[[Any], None]) -> None:
        self.name = name
        self.strategy = strategy
        self.check = check


TARGETS: dict[str, Target] = {
    kind: Target(kind, strategy, lambda data, name=name: _check_read(name, data))
    for kind, (name, strategy) in _STRATEGIES.items()
}
TARGETS["extract"] = Target("extract", _text | st.text(max_size=300), _check_extract)
