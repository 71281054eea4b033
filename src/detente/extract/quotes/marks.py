"""Finding quoted stretches of text: straight and curly double quotation marks, and single
ones ('like this', ‘like this’) outside them, as British-style and tabloid copy quotes.

Never raises on unbalanced marks. Follows the newswire convention for quotes that run over
several paragraphs: a paragraph that ends without a closing mark while the next paragraph
opens with a quotation mark continues the same quotation.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuotedSegment", "find_quoted"]

_OPENERS = frozenset("“«„")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
_FIRST_CHARS = frozenset(_OPENERS | _CLOSERS | {_STRAIGHT, "`", "'"})
# Characters after which a straight quote opens rather than closes.
_BEFORE_OPEN = frozenset(" \t\n\r([{—–-/:")
# Trailing characters inside the marks that belong to the host sentence, not the quote.
_INNER_TRAIL = " \t\r\n,:;"


@dataclass(frozen=True, slots=True)
class QuotedSegment:
    """One quoted stretch. ``start``/``end`` include the marks; ``inner_*`` is the quoted
    words (whitespace and a trailing comma or colon trimmed). ``closed`` is False when the
    paragraph ended before a closing mark; ``continues`` when the next paragraph picks it up."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    continues: bool


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _INNER_TRAIL:
        end -= 1
    return start, end


def _next_paragraph_opens(text: str, newline: int) -> bool:
    i = newline
    while i < len(text) and text[i].isspace():
        i += 1
    return i < len(text) and (text[i] in _OPENERS or text[i] == _STRAIGHT
                              or text[i : i + 2] in ("``", "''"))


def _segment(text: str, open_at: int, width: int, close_at: int, close_width: int, *,
             closed: bool) -> QuotedSegment | None:
    """``close_at`` is the index of the closing mark (or of the paragraph end)."""
    inner_start, inner_end = _trim(text, open_at + width, close_at)
    if inner_end <= inner_start:
        return None
    end = close_at + close_width if closed else inner_end
    continues = (not closed) and _next_paragraph_opens(text, close_at)
    return QuotedSegment(open_at, end, inner_start, inner_end, closed, continues)


def _opens(text: str, i: int, width: int) -> bool:
    """Whether the mark at ``i`` sits where an opening mark would: after a space or
    bracket and before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens_here = before in _BEFORE_OPEN or before in _OPENERS
    return opens_here and not (after.isspace() or after in ",.;:!?")


def _mark(text: str, i: int) -> tuple[str, int] | None:
    """The quotation mark at ``i`` as (kind, width): kind is "open", "close" or "either"."""
    pair = text[i : i + 2]
    if pair == "``":
        return "open", 2
    if pair == "''":  # typewriter style, as in some newswire archives: ''like this''
        return "either", 2
    ch = text[i]
    if ch in _OPENERS:
        return "open", 1
    if ch in _CLOSERS:
        return "close", 1
    if ch == _STRAIGHT:
        return "either", 1
    return None


_SINGLE_OPEN = frozenset("'‘")
_SINGLE_CLOSE = frozenset("'’")
# A single-quoted stretch longer than this is an apostrophe mistaken for a mark, not a quote.
_SINGLE_MAX_CHARS = 400


def _single_quoted(text: str, lo: int, hi: int) -> list[QuotedSegment]:
    """Single-quoted stretches in ``text[lo:hi]``: a mark at the start of a word opens, a
    mark at the end of a word (followed by a space or punctuation, never by a letter, so
    "Seoul's" and "don't" are not marks) closes, within one paragraph."""
    out: list[QuotedSegment] = []
    i = lo
    while i < hi:
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in _SINGLE_OPEN and (before in _BEFORE_OPEN or before in _OPENERS) and \
                (after.isalnum() or after in "(.…"):
            j = i + 1
            while j < hi and j - i <= _SINGLE_MAX_CHARS and text[j] != "\n":
                nxt = text[j + 1] if j + 1 < len(text) else " "
                if text[j] in _SINGLE_CLOSE and not text[j - 1].isspace() and \
                        not nxt.isalnum():
                    seg = _segment(text, i, 1, j, 1, closed=True)
                    if seg and any(c.isalpha() for c in text[seg.inner_start:seg.inner_end]):
                        out.append(seg)
                    i = j
                    break
                j += 1
        i += 1
    return out


def find_quoted(text: str) -> list[QuotedSegment]:
    """Every quoted stretch in ``text``, in order. Unterminated quotes run to the end of
    their paragraph; stray closing marks are ignored."""
    double = _find_double(text)
    single: list[QuotedSegment] = []
    lo = 0
    for seg in [*double, None]:
        hi = seg.start if seg is not None else len(text)
        single.extend(_single_quoted(text, lo, hi))
        if seg is not None:
            lo = seg.end
    return sorted(double + single, key=lambda s: s.start)


def _find_double(text: str) -> list[QuotedSegment]:
    out: list[QuotedSegment] = []
    open_at: int | None = None
    open_width = 1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                seg = _segment(text, open_at, open_width, i, 0, closed=False)
                if seg:
                    out.append(seg)
                open_at = None
            i += 1
            continue
        mark = _mark(text, i) if ch in _FIRST_CHARS else None
        if mark is None:
            i += 1
            continue
        kind, width = mark
        if open_at is None:
            if kind == "open" or (kind == "either" and _opens(text, i, width)):
                open_at, open_width = i, width
        # A quotation is open: a closer (or a mark that does not look like an opener, such
        # as a mistyped “ right after a word) ends it; a fresh opener means the previous one
        # was never closed.
        elif kind == "close" or not _opens(text, i, width):
            seg = _segment(text, open_at, open_width, i, width, closed=True)
            if seg:
                out.append(seg)
            open_at = None
        else:
            open_at, open_width = i, width
        i += width
    if open_at is not None:
        seg = _segment(text, open_at, open_width, n, 0, closed=False)
        if seg:
            out.append(seg)
    return out
