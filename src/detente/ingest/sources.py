"""Reading every kind of input a user has into articles: :func:`read_inputs`.

An input is a path (file or directory), an http(s) URL, or a feed (file or URL). The kind of
a file is told by its name, and by its first bytes when the name does not say (``.xml``,
``.gz``, no extension). Each article read is yielded as an :class:`Article`; each input
(or part of one: a JSONL line, a WARC record, a feed entry) that cannot be read is yielded
as an :class:`IngestError` with a one-line reason. Nothing here raises for a bad input.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from gzip import GzipFile
from pathlib import Path
from typing import IO

from detente.config import IngestOptions
from detente.errors import IngestError, SkippedInput, UsageError
from detente.ingest.article import Meta
from detente.ingest.decode import (
    cap_message,
    decode_bytes,
    gunzip,
    is_gzip,
    open_gzip,
)
from detente.ingest.fetch import Fetcher
from detente.ingest.jsonl import read_jsonl
from detente.ingest.newsjson import read_json_document
from detente.ingest.plaintext import read_plain_text
from detente.ingest.warc import read_warc
from detente.model import Article
from detente.timeml import news_date

__all__ = ["is_article_file", "read_inputs", "sniff_kind"]

Item = Article | IngestError

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
_MEDIA_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/warc": "warc",
}
# Media types that say nothing useful about the content: look at the bytes instead.
_SNIFF_MEDIA = frozenset(
    {
        "",
        "text/xml",
        "application/xml",
        "application/octet-stream",
        "binary/octet-stream",
        "application/gzip",
        "application/x-gzip",
    }
)
_HEAD = 4096
# In a folder, files named like a project's documentation are not articles, whatever their
# extension (README.md, LICENSE_Apache-2.0.txt, PROVENANCE.md, NOTICE).
_DOC_FILE = re.compile(
    r"(readme|licen[cs]e|copying|notice|provenance|changelog|changes|authors|contributing"
    r"|contributors|citation|manifest)([._-].*)?",
    re.IGNORECASE,
)
# ... and files whose extension names no article kind (.csv, .py, .png, .pdf, .yaml).
_FOLDER_SUFFIXES = frozenset(_SUFFIX_KINDS) | {".xml", ""}


# The HTML and feed readers (trafilatura, lxml: 0.3 s to import) are imported when an input
# needs them: a run over JSON lines of plain text never does, and ``detente run`` starts its
# extraction workers only once ingest has read a few inputs (jobs.MORE_AFTER).
def _read_html() -> Callable[..., Item]:
    from detente.ingest.html import read_html

    return read_html


def sniff_kind(head: bytes) -> str:
    """The kind of a document from its first bytes: warc, feed, html, jsonl, json or text."""
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    lowered = start[:2048].decode("latin-1").lower()
    if lowered.startswith("<") or "<html" in lowered or "<!doctype html" in lowered:
        from detente.ingest.feeds import looks_like_feed  # see _read_html

        return "feed" if looks_like_feed(lowered) else "html"
    if lowered.startswith('{"'):
        return "jsonl"
    if lowered[:1] in ("{", "["):
        return "json"
    return "text"


def _name_kind(name: str) -> tuple[str | None, bool]:
    """(kind the file name says or None, whether it says gzip)."""
    lowered = name.lower()
    gz = lowered.endswith(".gz")
    if gz:
        lowered = lowered[:-3]
    return _SUFFIX_KINDS.get(os.path.splitext(lowered)[1]), gz


def is_article_file(name: str) -> bool:
    """Whether a file found in a folder may hold articles, by its name: not documentation
    (README, LICENSE...) and an article extension or none (then its bytes tell)."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    if _DOC_FILE.fullmatch(lowered):
        return False
    return os.path.splitext(lowered)[1] in _FOLDER_SUFFIXES


def _head_of_gzip(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, _HEAD)
    except zlib.error:
        return b""


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _key(path: Path) -> tuple[int, int] | None:
    """What identifies a folder however it is reached (device, inode); None if unknown."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _overrides(options: IngestOptions) -> Meta:
    if options.max_bytes < 1:
        raise UsageError(f"--max-bytes must be a positive number of bytes, not {options.max_bytes}")
    if options.max_redirects < 0:
        raise UsageError(f"--max-redirects must be 0 or more, not {options.max_redirects}")
    if options.timeout <= 0:
        raise UsageError(f"--timeout must be more than 0 seconds, not {options.timeout}")
    published = None
    if options.published is not None:
        published = news_date(options.published)
        if published is None:
            raise UsageError(
                f"--published: unparseable date {options.published!r} (use YYYY-MM-DD)"
            )
    return Meta(published=published, outlet=options.outlet or None)


def read_inputs(inputs: Sequence[str], options: IngestOptions) -> Iterator[Item]:
    """Every article in ``inputs`` (paths, directories, URLs, feeds), in order, with one
    :class:`IngestError` for each input or part of one that could not be read.

    Raises :class:`UsageError` at once (not when iterated) for invalid ``options``; never
    raises for a bad input.
    """
    reader = _Reader(options, _overrides(options))
    return reader.run(list(inputs))


class _Reader:
    def __init__(self, options: IngestOptions, overrides: Meta) -> None:
        self.options = options
        self.overrides = overrides
        self.fetcher = Fetcher(options)

    def run(self, inputs: list[str]) -> Iterator[Item]:
        try:
            for item in inputs:
                if _URL.match(item):
                    yield from self._safely(item, partial(self._url, item))
                else:
                    yield from self._path(item)
        finally:
            self.fetcher.close()

    def _safely(self, name: str, produce: Callable[[], Iterator[Item]]) -> Iterator[Item]:
        """What ``produce`` yields, with a raised IngestError yielded instead. Any other
        exception is a bug in a reader or a library; it is still reported as one failure so
        that one input cannot stop a batch."""
        try:
            yield from produce()
        except IngestError as exc:
            yield exc
        except Exception as exc:
            detail = _one_line(str(exc))
            kind = type(exc).__name__
            yield IngestError(name, f"unexpected error ({kind}): {detail}" if detail else kind)

    # -- paths -----------------------------------------------------------------------------

    def _path(self, item: str) -> Iterator[Item]:
        path = Path(item)
        try:
            info = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                yield IngestError(item, "broken symbolic link (to "
                                  f"{os.readlink(path)}: no such file or directory)")
            else:
                yield IngestError(item, "no such file or directory")
            return
        except OSError as exc:
            yield IngestError(item, _os_reason(exc))
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self._directory(path, item)
        elif not stat.S_ISREG(info.st_mode):
            yield IngestError(item, "not a regular file")
        else:
            yield from self._safely(item, partial(self._file, path, item, info.st_size))

    def _directory(self, root: Path, item: str) -> Iterator[Item]:
        """Every non-hidden file under ``root``, recursively, in sorted order. A folder that
        cannot be listed is a failure with the reason; a symbolic link to a folder is
        followed, unless that folder is already read (a loop): then it is a recorded skip."""
        found = False
        errors: list[OSError] = []
        seen: set[tuple[int, int] | None] = {_key(root)} - {None}
        for directory, subdirs, files in os.walk(root, onerror=errors.append, followlinks=True):
            yield from self._walk_errors(errors, item)
            found = found or bool(errors)
            errors.clear()
            for name in sorted(f for f in files if not f.startswith(".")):
                found = True
                path = os.path.join(directory, name)
                if is_article_file(name):
                    yield from self._path(path)
                else:
                    yield SkippedInput(path)
            keep = []
            for d in sorted(d for d in subdirs if not d.startswith(".")):
                sub = os.path.join(directory, d)
                key = _key(Path(sub))
                if key in seen:
                    found = True
                    yield IngestError(sub, "skipped: symbolic link to a folder already read "
                                      f"({os.path.realpath(sub)})", stage="skip")
                    continue
                if key is not None:
                    seen.add(key)
                keep.append(d)
            subdirs[:] = keep
        yield from self._walk_errors(errors, item)
        if not found and not errors:
            yield IngestError(item, "no files in directory")

    @staticmethod
    def _walk_errors(errors: list[OSError], item: str) -> Iterator[Item]:
        for exc in errors:
            yield IngestError(str(exc.filename or item), _os_reason(exc))

    def _file(self, path: Path, name: str, size: int) -> Iterator[Item]:
        if size == 0:
            yield IngestError(name, "empty file")
            return
        try:
            with path.open("rb") as stream:
                head = stream.read(_HEAD)
        except OSError as exc:
            yield IngestError(name, _os_reason(exc))
            return
        kind, named_gz = _name_kind(path.name)
        gz = is_gzip(head)
        if kind is None:
            kind = sniff_kind(_head_of_gzip(head) if gz else head)
        if kind == "warc":
            with path.open("rb") as stream:  # warcio reads gzip members itself
                yield from read_warc(
                    stream, input=name, max_bytes=self.options.max_bytes, read_html=self._warc_html
                )
        elif kind == "jsonl":
            yield from self._jsonl_file(path, name, gz)
        else:
            cap = self.options.max_bytes
            if size > cap:
                yield IngestError(name, cap_message(size, cap))
                return
            data = path.read_bytes()
            if gz:
                data = gunzip(data, cap, input=name)
            elif named_gz:
                yield IngestError(name, "truncated or corrupt gzip")
                return
            yield from self._content(data, kind=kind, name=name, url=None, charset=None)

    def _jsonl_file(self, path: Path, name: str, gz: bool) -> Iterator[Item]:
        with path.open("rb") as raw:
            stream: IO[bytes] | GzipFile = open_gzip(raw) if gz else raw
            try:
                yield from read_jsonl(
                    stream,
                    input=name,
                    max_bytes=self.options.max_bytes,
                    overrides=self.overrides,
                    read_html=self._jsonl_html,
                )
            except (EOFError, zlib.error, OSError):
                yield IngestError(name, "truncated or corrupt gzip")

    # -- content in memory (a file's bytes or a response body) -------------------------

    def _content(
        self,
        data: bytes,
        *,
        kind: str | None,
        name: str,
        url: str | None,
        charset: str | None,
        prefer: Meta | None = None,
        fallback: Meta | None = None,
    ) -> Iterator[Item]:
        if kind is None:
            if is_gzip(data):
                data = gunzip(data, self.options.max_bytes, input=name)
            kind = sniff_kind(data[:_HEAD])
        if not data.strip(b"\x00 \t\r\n"):
            yield IngestError(name, "empty file" if url is None else "empty response")
        elif kind == "warc":
            yield from read_warc(
                io.BytesIO(data),
                input=name,
                max_bytes=self.options.max_bytes,
                read_html=self._warc_html,
            )
        elif kind == "jsonl":
            yield from self._json_lines(data, name=name)
        elif kind == "json":
            yield from self._json(data, name=name)
        elif kind == "feed":
            if prefer is not None:
                yield IngestError(name, "feed entry links to another feed")
                return
            from detente.ingest.feeds import read_feed

            yield from read_feed(
                data,
                input=name,
                overrides=self.overrides,
                fetch_items=self.options.fetch_feed_items,
                read_page=self._feed_page,
            )
        elif kind == "html":
            html = decode_bytes(data, input=name, charset=charset)
            yield _read_html()(
                html,
                input=name,
                url=url,
                overrides=self.overrides,
                prefer=prefer,
                fallback=fallback,
            )
        else:
            text = decode_bytes(data, input=name, charset=charset)
            meta = (prefer or Meta()).over(Meta(url=url)).over(fallback or Meta())
            yield read_plain_text(text, input=name, overrides=self.overrides.over(meta))

    def _json_lines(self, data: bytes, *, name: str) -> Iterator[Item]:
        return read_jsonl(
            data.splitlines(),
            input=name,
            max_bytes=self.options.max_bytes,
            overrides=self.overrides,
            read_html=self._jsonl_html,
        )

    def _json(self, data: bytes, *, name: str) -> Iterator[Item]:
        """One JSON document (an article object or an array of them); a file of JSON lines
        that is named ``.json`` is read as JSON lines."""
        text = decode_bytes(data, input=name)
        items = read_json_document(
            text, input=name, overrides=self.overrides, read_html=self._jsonl_html
        )
        if items is not None:
            yield from items
            return
        first = text.lstrip().split("\n", 1)[0]
        if _is_json_object(first):
            yield from self._json_lines(data, name=name)
        else:
            yield IngestError(name, "not valid JSON")

    def _warc_html(self, body: bytes, name: str, uri: str | None, charset: str | None) -> Item:
        try:
            html = decode_bytes(body, input=name, charset=charset)
        except IngestError as exc:
            return exc
        return _read_html()(html, input=name, url=uri, overrides=self.overrides)

    def _jsonl_html(self, html: str, name: str, meta: Meta) -> Item:
        return _read_html()(html, input=name, url=meta.url, overrides=meta)

    # -- URLs --------------------------------------------------------------------------

    def _url(
        self, url: str, prefer: Meta | None = None, fallback: Meta | None = None
    ) -> Iterator[Item]:
        fetched = self.fetcher.get(url)
        if fetched.media_type in _SNIFF_MEDIA:
            kind = None
        elif fetched.media_type in _MEDIA_KINDS:
            kind = _MEDIA_KINDS[fetched.media_type]
        elif fetched.media_type.startswith("text/"):
            kind = "text"
        else:
            yield IngestError(url, f"unsupported content type {fetched.media_type!r}")
            return
        yield from self._content(
            fetched.body,
            kind=kind,
            name=url,
            url=fetched.url,
            charset=fetched.charset,
            prefer=prefer,
            fallback=fallback,
        )

    def _feed_page(self, url: str, prefer: Meta, fallback: Meta) -> Iterator[Item]:
        return self._safely(url, partial(self._url, url, prefer, fallback))
