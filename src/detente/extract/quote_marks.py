"""Finding quoted stretches of text: straight and curly double quotation marks.

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
_ALL_MARKS = _OPENERS | _CLOSERS | {_STRAIGHT}
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
    return i < len(text) and (text[i] in _OPENERS or text[i] == _STRAIGHT)


def _segment(text: str, open_at: int, close_at: int, *, closed: bool) -> QuotedSegment | None:
    """``close_at`` is the index of the closing mark (or of the paragraph end)."""
    inner_start, inner_end = _trim(text, open_at + 1, close_at)
    if inner_end <= inner_start:
        return None
    end = close_at + 1 if closed else inner_end
    continues = (not closed) and _next_paragraph_opens(text, close_at)
    return QuotedSegment(open_at, end, inner_start, inner_end, closed, continues)


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` sits where an opening mark would: after a space or
    bracket and before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens_here = before in _BEFORE_OPEN or before in _OPENERS
    return opens_here and not (after.isspace() or after in ",.;:!?")


def find_quoted(text: str) -> list[QuotedSegment]:
    """Every quoted stretch in ``text``, in order. Unterminated quotes run to the end of
    their paragraph; stray closing marks are ignored."""
    out: list[QuotedSegment] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if open_at is not None:
                seg = _segment(text, open_at, i, closed=False)
                if seg:
                    out.append(seg)
                open_at = None
            continue
        if ch not in _ALL_MARKS:
            continue
        if open_at is None:
            if ch in _OPENERS or (ch == _STRAIGHT and _opens(text, i)):
                open_at = i
            continue
        # A quotation is open: a closer (or a mark that does not look like an opener, such
        # as a mistyped “ right after a word) ends it; a fresh opener means the previous one
        # was never closed.
        if ch in _CLOSERS or not _opens(text, i):
            seg = _segment(text, open_at, i, closed=True)
            if seg:
                out.append(seg)
            open_at = None
        else:
            open_at = i
    if open_at is not None:
        seg = _segment(text, open_at, len(text), closed=False)
        if seg:
            out.append(seg)
    return out
