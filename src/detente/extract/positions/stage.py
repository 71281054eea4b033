"""The positions stage: stances and demands on issues.

"Moscow insists on Ukraine's neutrality, territorial concessions and limits on its military"
gives three positions (RUS demand neutrality, territory, military_limits); "Kyiv rejects any
territorial concessions" gives UKR reject territory. How:

1. a stance word from the lexicon ("insist on", "reject", "call for", "support"), outside
   quotation marks or inside a quote whose speaker it then belongs to ("'We will never accept
   territorial concessions,' Zelenskyy said");
2. its holder: the clause subject (through coordination and "continues to reject"), taken to
   the actor mention over it; "I"/"we" inside a quote is the quote's speaker. Holders without
   a country (or an international organisation) give nothing: precision first;
3. the issues: every issue whose cue phrase occurs in what the word governs (its object
   side of the parse), one position each;
4. negation flips the stance as the lexicon says ("does not support" = oppose) or drops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from detente.extract.nlp import doc_text
from detente.extract.positions.lexicon import PositionLexicon, StanceCue, load_position_lexicon
from detente.extract.quotes.cues import subject
from detente.extract.stage import Draft
from detente.model import Actor, Mention, Position, Quote, Span

__all__ = ["PositionStage", "extract_positions"]

_FIRST_PERSON = frozenset({"i", "we"})
_PARTICLES = ("prt", "prep")


def _cue(tok: Any, lex: PositionLexicon) -> StanceCue | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in _PARTICLES:
            found = lex.phrases.get((lemma, child.lower_))
            if found is not None:
                return found
    return lex.words.get(lemma)


def _negated(tok: Any) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head  # "does not want to accept", "refuses to support" are not a flip here
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)


def _holder(tok: Any, mentions: Sequence[Mention], quotes: Sequence[Quote]) -> Actor | None:
    subj = subject(tok)
    if subj is None:
        return None
    if subj.lower_ in _FIRST_PERSON:
        quote = next((q for q in quotes if q.start <= subj.idx < q.end), None)
        return quote.speaker.actor if quote is not None else _over(subj, mentions)
    return _over(subj, mentions)


def _over(tok: Any, mentions: Sequence[Mention]) -> Actor | None:
    lo = min(t.idx for t in tok.subtree if t.dep_ in ("compound", "amod", "poss") or t is tok)
    hi = tok.idx + len(tok)
    hits = [m for m in mentions if m.start < hi and lo < m.end]
    own = [m for m in hits if m.start <= tok.idx < m.end]
    found = own or hits
    return found[-1].actor if found else None


def _coded(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or actor.sector == "IGO")


def extract_positions(doc: Any, *, lexicon: PositionLexicon, mentions: Sequence[Mention] = (),
                      quotes: Sequence[Quote] = ()) -> list[Position]:
    """Every position in a parsed document, in text order (see the module docstring)."""
    text: str = doc_text(doc)
    out: list[Position] = []
    seen: set[tuple[str | None, str, str, int]] = set()
    direct = [q for q in quotes if q.kind == "direct"]
    for tok in doc:
        cue = _cue(tok, lexicon)
        if cue is None:
            continue
        stance = cue.negated if _negated(tok) else cue.stance
        if stance is None:
            continue
        inside = any(q.start <= tok.idx < q.end for q in direct)
        holder = _holder(tok, mentions, direct if inside else ())
        if inside and holder is None:
            continue
        if not _coded(holder):
            continue
        assert holder is not None
        governed = [t for t in tok.subtree if t.i > tok.i]
        if not governed:
            continue
        lo = governed[0].idx
        hi = governed[-1].idx + len(governed[-1])
        region = text[lo:hi].lower()
        sent = tok.sent
        for issue in lexicon.issues.values():
            if not issue.pattern.search(region):
                continue
            key = (holder.code or holder.country, stance, issue.id, sent.start)
            if key in seen:
                continue
            seen.add(key)
            end = sent.start_char + len(text[sent.start_char:sent.end_char].rstrip())
            evidence = Span(sent.start_char, end, text[sent.start_char:end])
            out.append(Position(holder, stance, issue.id, evidence))
    return out


class PositionStage:
    """Pipeline stage adding ``record.positions``; needs the parse, the actor mentions and
    the quotes (a stance inside a quote is its speaker's). ``lexicon_files`` are extra
    ``*issues.yaml`` / ``*stances.tsv`` files layered over the built-in ones."""

    name = "positions"
    requires: tuple[str, ...] = ("doc", "mentions", "quotes")
    assigns: tuple[str, ...] = ("positions",)

    def __init__(self, *, lexicon_files: Sequence[Path] = ()) -> None:
        self.lexicon = load_position_lexicon(lexicon_files)

    def __call__(self, item: Draft) -> Draft:
        item.record.positions = extract_positions(
            item.doc, lexicon=self.lexicon, mentions=item.record.mentions,
            quotes=item.record.quotes)
        return item
