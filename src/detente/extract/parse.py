"""The spaCy parse of a batch, where no article can fail its batch mates.

``nlp.pipe`` parses a batch at once; one text it cannot take (E088 for a text over
``nlp.max_length``, or any exception of a component) would stop the whole batch. Here a text
over the extraction cap gets a reason instead of a parse, a text over PIECE_CHARS is parsed
in pieces cut at paragraph, line or sentence ends (joined back into one ``Doc`` whose offsets
are those of the text), and a batch that fails is parsed again one piece at a time, so that
only the text that fails gets the error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["GROUP_CHARS", "PARSER_GROUP_CHARS", "PIECE_CHARS", "groups", "parse_texts", "pieces",
           "too_long"]

# Texts parsed together (one ``nlp.pipe`` batch) hold at most this many characters: the
# parser's and NER's arrays for a batch take about 3 KB per character at their peak (the 8
# longest of 300 giveme5w1h articles, 146,000 characters in one batch: +450 MB), and a batch
# of 8 long articles drove a worker past 600 MB. Peak of a run over those 8: 817 MB in one
# batch, 435 MB in groups of 30,000 characters, 409 MB of 12,000. Each text's parse is its
# own; the grouping changes only the memory. Larger groups cost less CPU (the networks run
# on more rows at once): parsing 300 giveme5w1h articles in one call took 29.5 CPU s in
# groups of 12,000 characters and 26 s in groups of 30,000, but in the pipeline a group never
# holds more than one batch (8 articles), and there 40,000 saved 4 % of the run's CPU time
# for a peak of 609 MB against 483 (bench/bench_pipeline.py; same records): not taken.
GROUP_CHARS = 12_000
# The parser runs on groups of up to this many characters (the whole batch of 8 news articles,
# mostly) while the other components keep GROUP_CHARS. Its transition loop moves one state
# per text a step, so more texts at once share each step's fixed costs: on 60 giveme5w1h
# articles the parser took 1.69 CPU s in groups of 3 texts and 1.39 in groups of 8. Its
# arrays are about 4 KB per token (8 features x 64 hidden x 2 pieces, float32), 30 MB at
# 40,000 characters; the memory-heavy networks (tok2vec, NER) keep the small groups. Each
# text's parse is its own: every token's annotation is the same (tests/extract/test_parse.py,
# and the records of 300 giveme5w1h articles, bench/bench_pipeline.py).
PARSER_GROUP_CHARS = 40_000
# The components run on PARSER_GROUP_CHARS groups.
_WIDE = frozenset({"parser"})


def _piece_chars() -> int:
    """PIECE_CHARS: ``DETENTE_PARSE_PIECE_CHARS`` in the environment, else GROUP_CHARS."""
    value = os.environ.get("DETENTE_PARSE_PIECE_CHARS", "")
    return int(value) if value.isdigit() and int(value) > 0 else GROUP_CHARS


# A text longer than this is parsed in pieces of at most this many characters, cut at a
# paragraph end where there is one (then a line end, a sentence end), and the pieces' Docs
# joined into one. Without it the longest texts, parsed alone, set a worker's peak: tok2vec and
# NER each hold about 15 KB per token while they run (73 and 74 MB over the 4,933 tokens of a
# 25,668-character article), and in a run over 300 giveme5w1h articles every new high of the
# resident memory came in the parse of one of the three articles over 19,000 characters
# (bench/bench_pipeline.py). In pieces, that run's peak fell from 473 to 434 MB at the same CPU
# time. A piece's tokens see no context across the cut (the tok2vec looks 4 tokens either
# side): one record of the 300 changed (a 13,656-character article, 62 -> 61 quotes) and no
# eval figure did (bench/eval_agreement.py --switch DETENTE_PARSE_PIECE_CHARS=1000000, which
# parses every text whole). Never more than spaCy's ``nlp.max_length``.
PIECE_CHARS = _piece_chars()

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


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _join(parts: list[Doc]) -> Doc:
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


def _run_component(proc: Callable[[Doc], Doc], docs: list[Doc]) -> list[Doc]:
    pipe = getattr(proc, "pipe", None)
    if pipe is not None:
        return list(pipe(docs, batch_size=max(1, len(docs))))
    return [proc(doc) for doc in docs]


def _parse_staged(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """What ``nlp.pipe(texts)`` gives, component by component: each component on groups of
    GROUP_CHARS, the parser on groups of PARSER_GROUP_CHARS."""
    lengths = [len(t) for t in texts]
    narrow = groups(range(len(texts)), lengths)
    wide = groups(range(len(texts)), lengths, PARSER_GROUP_CHARS)
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        for group in wide if name in _WIDE else narrow:
            done = _run_component(proc, [docs[k] for k in group])
            for k, doc in zip(group, done, strict=True):
                docs[k] = doc
    return docs


def _parse_grouped(nlp: Language, units: list[tuple[int, str]], parts: dict[int, list[Doc]],
                   failed: dict[int, str]) -> None:
    """Each group of ``units`` with ``nlp.pipe``; a group that fails, one piece at a time."""
    for group in groups(range(len(units)), [len(p) for _, p in units]):
        try:
            docs = list(nlp.pipe(units[k][1] for k in group))
        except Exception:  # one piece broke the group: find it by parsing each alone
            for k in group:
                i = units[k][0]
                if i in failed:
                    continue
                try:
                    parts[i].append(nlp(units[k][1]))
                except Exception as exc:  # recorded on this article only
                    failed[i] = _error(exc)
            continue
        for k, doc in zip(group, docs, strict=True):
            parts[units[k][0]].append(doc)


def parse_texts(nlp: Language, texts: Sequence[str], *, max_chars: int) -> list[Doc | str]:
    """One spaCy ``Doc`` per text, in order, or a string saying why that text has none."""
    out: list[Doc | str | None] = [
        too_long(len(t), max_chars) if len(t) > max_chars else None for t in texts
    ]
    limit = min(PIECE_CHARS, nlp.max_length)
    # (text index, piece): the pieces of one text are consecutive and in order
    units = [(i, p) for i, t in enumerate(texts) if out[i] is None for p in pieces(t, limit)]
    parts: dict[int, list[Doc]] = {i: [] for i, _ in units}
    failed: dict[int, str] = {}
    try:
        staged = _parse_staged(nlp, [p for _, p in units])
    except Exception:  # some piece broke the batch: group by group, then piece by piece
        _parse_grouped(nlp, units, parts, failed)
    else:
        for (i, _), doc in zip(units, staged, strict=True):
            parts[i].append(doc)
    for i, docs in parts.items():
        if i in failed:
            out[i] = failed[i]
            continue
        try:
            out[i] = _join(docs)
        except Exception as exc:
            out[i] = _error(exc)
    return [x if x is not None else "not parsed" for x in out]  # every slot is filled above
