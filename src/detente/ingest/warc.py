"""WARC and WARC.gz archives (CC-NEWS and the like): one article per HTML response.

Records are streamed, so an archive may be far above ``max_bytes``; the cap applies to each
record's body. Records that are not successful HTML responses are skipped silently (an
archive holds requests, metadata, images...): they are not articles, not failures.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterator
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


def read_warc(
    stream: IO[bytes], *, input: str, max_bytes: int, read_html: HtmlReader
) -> Iterator[Article | IngestError]:
    """Every HTML response in the archive on ``stream``; each is named ``input#record-N``
    (N counts all records from 1) and carries its target URI as ``url``."""
    found = 0
    number = 0
    last: Any = None
    archive = _QuietArchiveIterator(stream)
    try:
        for number, record in enumerate(archive, start=1):
            last = record
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not str(status).startswith("2") or not content_type.lower().startswith(_HTML_TYPES):
                continue
            found += 1
            name = f"{input}#record-{number}"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield IngestError(name, cap_message(None, max_bytes, "record"))
                continue
            if _cut_short(record):
                last = None  # reported here
                yield IngestError(name, "truncated WARC record (the file ends inside it)")
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            yield read_html(body, name, uri, _charset(content_type))
    except ArchiveLoadFailed:
        where = input if number == 0 else f"{input}#record-{number + 1}"
        yield IngestError(where, "not a valid WARC record")
        return
    except (EOFError, zlib.error, OSError):
        yield IngestError(input, "truncated or corrupt gzip")
        return
    except (AttributeError, ValueError, KeyError, IndexError, TypeError):
        # warcio parses a cut-off record's garbage as headers and trips over them.
        yield IngestError(f"{input}#record-{number + 1}", "truncated or corrupt WARC record")
        return
    if last is not None and _cut_short(last):
        yield IngestError(f"{input}#record-{number}",
                          "truncated WARC record (the file ends inside it)")
    elif _trailing_bytes(stream, archive.offset):
        # The file ends inside the headers of one more record, which warcio drops silently.
        yield IngestError(f"{input}#record-{number + 1}",
                          "truncated WARC record (the file ends inside it)")
    if found == 0 and number > 0:
        yield IngestError(input, "no HTML responses in WARC")
    elif number == 0:
        yield IngestError(input, "no WARC records")
