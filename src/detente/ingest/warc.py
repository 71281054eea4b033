"""WARC and WARC.gz archives (CC-NEWS and the like): one article per HTML response.

Records are streamed, so an archive may be far above ``max_bytes``; the cap applies to each
record's body. Records that are not successful HTML responses are skipped silently (an
archive holds requests, metadata, images...): they are not articles, not failures.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from detente.errors import IngestError
from detente.ingest.decode import cap_message
from detente.model import Article

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# (html, input name, target URI, declared charset) -> the article
HtmlReader = Callable[[bytes, str, str | None, str | None], Article | IngestError]


# warcio logs repairs it makes to bad headers; without a handler Python's last-resort
# handler would print them on stderr, which belongs to the CLI.
logging.getLogger("warcio").addHandler(logging.NullHandler())


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio writes a warning straight to sys.stderr when a record's Content-Length looks
    wrong; the reader reports what matters itself, and stderr belongs to the CLI."""

    INC_RECORD = ""


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _cut_short(record: Any) -> bool:
    """Whether the file ended inside the record (an uncompressed WARC cut off mid-record:
    warcio then hands out what there is without complaint): before its declared length, or
    inside its headers, so that it has no Content-Length (which every WARC record has)."""
    if getattr(record, "length", None) is None:
        return True
    return int(getattr(record.raw_stream, "limit", 0) or 0) > 0


def _trailing_bytes(stream: IO[bytes], end: int) -> bool:
    """Whether anything but whitespace follows the last whole record (at offset ``end``);
    False when the stream cannot tell."""
    try:
        size = stream.seek(0, 2)
        if size <= end:
            return False
        stream.seek(end)
        return bool(stream.read(min(size - end, 1 << 16)).strip())
    except (OSError, ValueError, AttributeError):
        return False


@dataclass
class _Progress:
    found: int = 0  # HTML responses
    number: int = 0  # records, counting a corrupt span as one
    last: Any = None  # the last record, while its end is still to be checked
    broken: bool = False  # stopped at a corrupt record with no record after it


_PLAIN_HEADER = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN = 1 << 20


def _next_record(stream: IO[bytes], after: int) -> int | None:
    """The offset of the first record header (or gzip member holding one) after ``after``,
    or None when there is none or the stream cannot seek."""
    try:
        stream.seek(0)
        gz = stream.read(3) == _GZIP_MAGIC  # a WARC.gz is gzip members from its first byte
        stream.seek(after)
        pos = after
        tail = b""
        while chunk := stream.read(_SCAN):
            data = tail + chunk
            base = pos - len(tail)
            if gz:
                at = data.find(_GZIP_MAGIC)
                while at != -1:
                    try:
                        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(
                            data[at:at + 4096], 8)
                    except zlib.error:
                        head = b""
                    if head.startswith(b"WARC/1."):
                        return base + at
                    at = data.find(_GZIP_MAGIC, at + 1)
            else:
                m = _PLAIN_HEADER.search(data)
                if m:
                    return base + m.start(1)
            tail = data[-4096:]
            pos += len(chunk)
    except (OSError, ValueError, AttributeError):
        return None
    return None


def read_warc(
    stream: IO[bytes], *, input: str, max_bytes: int, read_html: HtmlReader
) -> Iterator[Article | IngestError]:
    """Every HTML response in the archive on ``stream``; each is named ``input#record-N``
    (N counts all records from 1) and carries its target URI as ``url``. A corrupt record in
    the middle is reported with its byte span, and reading goes on at the next record header
    (the next gzip member that holds one, in a WARC.gz)."""
    state = _Progress()
    pos: int | None = 0
    while pos is not None:
        pos = yield from _read_from(stream, pos, state, input, max_bytes, read_html)
    if state.broken:
        return
    if state.found == 0 and state.number > 0:
        yield IngestError(input, "no HTML responses in WARC")
    elif state.number == 0:
        yield IngestError(input, "no WARC records")


def _resync(stream: IO[bytes], bad: int, state: _Progress, input: str,
            message: str) -> Generator[IngestError, None, int | None]:
    """Report the corrupt record at ``bad``; return where reading goes on (None: nowhere)."""
    where = input if state.number == 0 else f"{input}#record-{state.number + 1}"
    nxt = _next_record(stream, bad + 1)
    if nxt is None:
        state.broken = True
        yield IngestError(where, message)
        return None
    state.number += 1
    yield IngestError(where, f"corrupt WARC data at bytes {bad:,}-{nxt:,}; "
                             "reading went on at the next record")
    return nxt


def _read_from(
    stream: IO[bytes], pos: int, state: _Progress, input: str, max_bytes: int,
    read_html: HtmlReader,
) -> Generator[Article | IngestError, None, int | None]:
    """Read records from offset ``pos``; return where to go on after a corrupt record."""
    if pos:
        stream.seek(pos)
    archive = _QuietArchiveIterator(stream)
    try:
        for record in archive:
            state.number += 1
            state.last = record
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not str(status).startswith("2") or not content_type.lower().startswith(_HTML_TYPES):
                continue
            state.found += 1
            name = f"{input}#record-{state.number}"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield IngestError(name, cap_message(None, max_bytes, "record"))
                continue
            if _cut_short(record):
                state.last = None  # reported here
                yield IngestError(name, "truncated WARC record (the file ends inside it)")
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            yield read_html(body, name, uri, _charset(content_type))
    except ArchiveLoadFailed:
        return (yield from _resync(stream, max(archive.offset, pos), state, input,
                                   "not a valid WARC record"))
    except (EOFError, zlib.error, OSError):
        return (yield from _resync(stream, max(archive.offset, pos), state, input,
                                   "truncated or corrupt gzip"))
    except (AttributeError, ValueError, KeyError, IndexError, TypeError):
        # warcio parses a cut-off record's garbage as headers and trips over them.
        return (yield from _resync(stream, max(archive.offset, pos), state, input,
                                   "truncated or corrupt WARC record"))
    if state.last is not None and _cut_short(state.last):
        yield IngestError(f"{input}#record-{state.number}",
                          "truncated WARC record (the file ends inside it)")
    elif _trailing_bytes(stream, archive.offset):
        # The file ends inside the headers of one more record, which warcio drops silently.
        yield IngestError(f"{input}#record-{state.number + 1}",
                          "truncated WARC record (the file ends inside it)")
    return None
