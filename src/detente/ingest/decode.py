"""Bytes to text: size caps, gzip, character sets, and telling text from binary.

Every function here raises :class:`IngestError` with the one-line reason a user sees.
"""

from __future__ import annotations

import codecs
import gzip
import re
import unicodedata
import zlib
from typing import IO

import charset_normalizer

from detente.errors import IngestError

__all__ = [
    "GZIP_MAGIC",
    "cap_message",
    "decode_bytes",
    "gunzip",
    "is_gzip",
    "open_gzip",
    "read_capped",
]

GZIP_MAGIC = b"\x1f\x8b"
# Formats that are certainly not articles, recognised by their first bytes.
_BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"\xd0\xcf\x11\xe0",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters (other than tab and line breaks) above which decoded text
# is called binary. Text files hold none or a stray few; random bytes decoded as cp1252
# hold about 11%, as latin-1 about 25%.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c")
# The same test on the raw bytes, before any decoding: without it, charset_normalizer will
# happily read random bytes as UTF-16 and return CJK-looking noise with no controls in it.
# (Catches UTF-16 without a BOM too; with a BOM it is decoded before this test.)
_CONTROL_BYTES = [bytes([b]) for b in [*range(1, 9), *range(14, 32), 127]]
# Character categories no real text is made of: controls, private use, unassigned,
# surrogates; U+FFFD (a byte that did not decode) counts too.
_NOT_TEXT = frozenset({"Cc", "Co", "Cn", "Cs"})
# The ASCII characters of category Cc, less _TEXT_CONTROLS; and runs of non-ASCII ones.
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def cap_message(size: int | None, cap: int, what: str = "file") -> str:
    """The one-line reason for refusing input above ``cap`` bytes."""
    if size is None:
        return f"{what} is above the {cap:,}-byte cap (--max-bytes)"
    return f"{what} is {size:,} bytes, above the {cap:,}-byte cap (--max-bytes)"


def is_gzip(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC)


def read_capped(stream: IO[bytes], cap: int, *, input: str, what: str = "file") -> bytes:
    """All of ``stream``, refusing more than ``cap`` bytes."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise IngestError(input, cap_message(None, cap, what))
    return data


def gunzip(data: bytes, cap: int, *, input: str) -> bytes:
    """``data`` decompressed, refusing more than ``cap`` bytes of output (gzip bombs)."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = bytearray()
    try:
        chunk = data
        while chunk:
            out += decompressor.decompress(chunk, cap + 1 - len(out))
            if len(out) > cap:
                raise IngestError(input, cap_message(None, cap, "decompressed content"))
            chunk = decompressor.unconsumed_tail
            if decompressor.eof and decompressor.unused_data:
                # Concatenated gzip members (as `cat a.gz b.gz` makes): keep going.
                chunk = decompressor.unused_data
                decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    except zlib.error:
        raise IngestError(input, "truncated or corrupt gzip") from None
    if not decompressor.eof:
        raise IngestError(input, "truncated or corrupt gzip")
    return bytes(out)


def open_gzip(stream: IO[bytes]) -> gzip.GzipFile:
    """A decompressing reader over ``stream`` (errors surface on read)."""
    return gzip.GzipFile(fileobj=stream, mode="rb")


def _control_share(text: str) -> float:
    # The first 100,000 characters decide: enough to tell, and bounded on a 10 MB file.
    text = text[:100_000]
    if not text:
        return 0.0
    # ASCII's only non-text characters are its controls; the rest (a few per cent of a news
    # text) is looked up one character at a time.
    controls = sum(1 for _ in _ASCII_CONTROLS.finditer(text)) + sum(
        1
        for run in _NON_ASCII.findall(text)
        for ch in run
        if ch == "\ufffd" or unicodedata.category(ch) in _NOT_TEXT
    )
    return controls / len(text)


def _guess(data: bytes, input: str) -> str:
    """charset_normalizer's decoding, preferring cp1252 among the equally clean ones: on
    short Western text it ties cp1250 with cp1252 and ranks cp1250 first (measured: French
    "Genève" in cp1252 came back as "Genčve"), and cp1252 is by far the commoner in news."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise _binary(input)
    least = min(match.chaos for match in matches)
    calm = [match for match in matches if match.chaos <= least]
    chosen = next((m for m in calm if "cp1252" in m.could_be_from_charset), calm[0])
    return str(chosen)


def _binary(input: str) -> IngestError:
    return IngestError(input, "binary content, not text")


def decode_bytes(data: bytes, *, input: str, charset: str | None = None) -> str:
    """``data`` as text: the declared ``charset`` if it works, else UTF-8 (with or without
    BOM), UTF-16/32 with a BOM, else charset_normalizer's best guess (cp1252, cp1251, ...).
    NUL bytes are dropped. Raises IngestError("binary content, not text") for binary data.
    """
    text = _decode(data, input, charset)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise _binary(input)
    return text


def _decode(data: bytes, input: str, charset: str | None) -> str:
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_encoding, errors="replace").replace("\x00", "")
    if data.startswith(_BINARY_MAGIC):
        raise _binary(input)
    data = data.replace(b"\x00", b"")
    if data and sum(data.count(byte) for byte in _CONTROL_BYTES) / len(data) > _MAX_CONTROL_SHARE:
        raise _binary(input)
    text: str | None = None
    for encoding in (charset, "utf-8"):
        if encoding is None:
            continue
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    return text if text is not None else _guess(data, input)
