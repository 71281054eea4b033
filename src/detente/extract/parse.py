"""The spaCy parse of a batch, where no article can fail its batch mates.

``nlp.pipe`` parses a batch at once; one text it cannot take (E088 for a text over
``nlp.max_length``, or any exception of a component) would stop the whole batch. Here a text
over the extraction cap gets a reason instead of a parse, a text over spaCy's limit is parsed
in pieces cut at paragraph, line or sentence ends (joined back into one ``Doc`` whose offsets
are those of the text), and a batch that fails is parsed again one text at a time, so that
only the text that fails gets the error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["GROUP_CHARS", "PIECE_CHARS", "groups", "parse_texts", "pieces", "too_long"]

# Pieces of a text longer than spaCy's max_length are at most this long: spaCy's own docs
# give ~1 GB of temporary memory per 100,000 characters for the parser and NER.
PIECE_CHARS = 100_000

# Texts parsed together (one ``nlp.pipe`` batch) hold at most this many characters: the
# parser's and NER's arrays for a batch take about 3 KB per character at their peak (the 8
# longest of 300 giveme5w1h articles, 146,000 characters in one batch: +450 MB), and a batch
# of 8 long articles drove a worker past 600 MB. Peak of a run over those 8: 817 MB in one
# batch, 435 MB in groups of 30,000 characters, 409 MB of 12,000 (a longer text is parsed
# alone). Each text's parse is its own; the grouping changes only the memory.
GROUP_CHARS = 12_000

# Where a piece may end, best first: a blank line, a line end, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"),
         re.compile(r"\s"))


def too_long(length: int, cap: int) -> str:
    """The reason an article of ``length`` characters is not extracted."""
    return (f"text too long: {length:,} characters; extraction stops at {cap:,} "
            "(ExtractOptions.max_chars, see docs/reliability.md)")


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it,
    each ending at the best boundary in its second half (a hard cut when there is none)."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, start + limit // 2, end)]
            if found:
                cut = found[-1]
                break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def groups(items: Sequence[int], lengths: Sequence[int],
           limit: int | None = None) -> list[list[int]]:
    """``items`` in order, in runs whose ``lengths`` add up to at most ``limit`` (default
    GROUP_CHARS; a longer item is a run of its own)."""
    limit = GROUP_CHARS if limit is None else limit
    out: list[list[int]] = []
    size = 0
    for item, length in zip(items, lengths, strict=True):
        if not out or size + length > limit:
            out.append([])
            size = 0
        out[-1].append(item)
        size += length
    return out


def _parse_one(nlp: Language, text: str) -> Doc:
    """One text's Doc, in pieces when spaCy would refuse it whole. Raises what spaCy raises."""
    if len(text) <= nlp.max_length:
        return nlp(text)
    from spacy.tokens import Doc

    parts = list(nlp.pipe(pieces(text, min(PIECE_CHARS, nlp.max_length))))
    return Doc.from_docs(parts, ensure_whitespace=False)


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def parse_texts(nlp: Language, texts: Sequence[str], *, max_chars: int) -> list[Doc | str]:
    """One spaCy ``Doc`` per text, in order, or a string saying why that text has none."""
    out: list[Doc | str | None] = [
        too_long(len(t), max_chars) if len(t) > max_chars else None for t in texts
    ]
    batch = [i for i, t in enumerate(texts) if out[i] is None and len(t) <= nlp.max_length]
    for group in groups(batch, [len(texts[i]) for i in batch]):
        try:
            for i, doc in zip(group, nlp.pipe(texts[i] for i in group), strict=True):
                out[i] = doc
        except Exception:  # one text broke the group: find it by parsing each alone
            for i in group:
                out[i] = None
    for i, t in enumerate(texts):
        if out[i] is None:
            try:
                out[i] = _parse_one(nlp, t)
            except Exception as exc:  # recorded on this article only
                out[i] = _error(exc)
    return [x if x is not None else "not parsed" for x in out]  # every slot is filled above
