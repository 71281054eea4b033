"""The positions stage: stances and demands on issues.

"Moscow insists on Ukraine's neutrality, territorial concessions and limits on its military"
gives three positions (RUS demand neutrality, territory, military_limits); "Kyiv rejects any
territorial concessions" gives UKR reject territory. How:

1. a stance word from the lexicon ("insist on", "reject", "call for", "support"), outside
   quotation marks or inside a quote whose speaker it then belongs to ("'We will never accept
   territorial concessions,' Zelenskyy said");
2. its holders: the clause subject (through "continues to reject"; each of coordinated
   subjects), taken to the actor mention over it; "I"/"we" inside a quote is the quote's
   speaker. Holders without a country (or an international organisation) give nothing:
   precision first;
3. the issues: every issue whose cue phrase occurs in what the word governs (its object
   side of the parse), one position each;
4. negation flips the stance as the lexicon says ("does not support" = oppose) or drops it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from detente.extract.nlp import doc_text
from detente.extract.positions.lexicon import PositionLexicon, StanceCue, load_position_lexicon
from detente.extract.quotes.cues import subject
from detente.extract.stage import Draft
from detente.extract.tokens import children, doc_tokens, sentence
from detente.model import Actor, Mention, Position, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["PositionStage", "extract_positions"]

_FIRST_PERSON = frozenset({"i", "we"})
_PARTICLES = ("prt", "prep")
# A denial right before an issue's words turns the stance on that issue around; 4 tokens
# reach over "not to a full ceasefire".
_DENIALS = frozenset({"not", "never", "no"})
_DENIAL_REACH = 4
_SUMMING = frozenset({"—", "–", "--", ":"})
_OBJECTS = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "dative"})


def _cue(tok: Token, lex: PositionLexicon) -> tuple[StanceCue, Token | None] | None:
    """The stance cue at ``tok`` and its particle token (None for a one-word cue)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    for child in children(tok):
        if child.dep_ in _PARTICLES:
            found = lex.phrases.get((lemma, child.lower_))
            if found is not None:
                return found, child
    word = lex.words.get(lemma)
    return (word, None) if word is not None else None


def _governed(tok: Token, particle: Token | None, lex: PositionLexicon) -> list[Token]:
    """What the stance is about: the particle's object ("insist on X"), the verb's object or
    complement ("rejects X", "wants to join X"); for a relative clause with no object, the
    noun it modifies and the list that noun sums up ("neutrality, concessions and limits --
    conditions Kyiv has rejected"). Time, place and side clauses are left out."""
    parts = [c for c in children(tok) if particle is not None and c.dep_ in _PARTICLES
             and c.lower_ == particle.lower_]  # "agreed to a pause but not to a truce"
    # A complement that states a stance of its own is coded on its own ("I want ... I don't
    # want a ceasefire" is not a demand for one).
    parts += [c for c in children(tok) if c.dep_ in _OBJECTS and _cue(c, lex) is None]
    if not parts and tok.dep_ == "relcl":
        noun = tok.head
        own = {t.i for t in tok.subtree}
        doc = tok.doc
        if noun.i > 0 and doc[noun.i - 1].text in _SUMMING:
            # "... -- conditions Kyiv has rejected": the noun sums up what came before it
            return doc_tokens(doc)[sentence(noun).start : noun.i + 1]
        return [t for t in noun.subtree if t.i not in own]
    return sorted({t for p in parts for t in p.subtree}, key=lambda t: t.i)


def _asked(tok: Token) -> bool:
    """A stance put as a question or a condition: "whether Moscow wants a deal"."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in children(tok))


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in children(tok)):
        return True
    head = tok.head  # "does not want to accept", "refuses to support" are not a flip here
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in children(head))


def _holders(tok: Token, mentions: Sequence[Mention], quotes: Sequence[Quote]) -> list[Actor]:
    """Who holds the stance: the subject, each of coordinated subjects ("France and the
    United States call for ..."), the quote's speaker for "I"/"we" inside a quote."""
    subj = subject(tok)
    if subj is None:
        return []
    out: list[Actor] = []
    for part in (subj, *subj.conjuncts):
        if part.lower_ in _FIRST_PERSON:
            quote = next((q for q in quotes if q.start <= part.idx < q.end), None)
            actor = quote.speaker.actor if quote is not None else _over(part, mentions)
        else:
            actor = _over(part, mentions)
        if actor is not None and actor not in out:
            out.append(actor)
    return out


def _over(tok: Token, mentions: Sequence[Mention]) -> Actor | None:
    lo = min(t.idx for t in tok.subtree if t.dep_ in ("compound", "amod", "poss") or t is tok)
    hi = tok.idx + len(tok)
    hits = [m for m in mentions if m.start < hi and lo < m.end]
    own = [m for m in hits if m.start <= tok.idx < m.end]
    found = own or hits
    return found[-1].actor if found else None


def _coded(actor: Actor) -> bool:
    return bool(actor.country or actor.sector == "IGO")


def extract_positions(doc: Doc, *, lexicon: PositionLexicon, mentions: Sequence[Mention] = (),
                      quotes: Sequence[Quote] = ()) -> list[Position]:
    """Every position in a parsed document, in text order (see the module docstring)."""
    text: str = doc_text(doc)
    out: list[Position] = []
    seen: set[tuple[str | None, str, str, int]] = set()
    direct = [q for q in quotes if q.kind == "direct"]
    for tok in doc_tokens(doc):
        found = _cue(tok, lexicon)
        if found is None or _asked(tok):
            continue
        cue, particle = found
        stance = cue.negated if _negated(tok) else cue.stance
        if stance is None:
            continue
        inside = any(q.start <= tok.idx < q.end for q in direct)
        holders = [h for h in _holders(tok, mentions, direct if inside else ()) if _coded(h)]
        if not holders:
            continue
        governed = _governed(tok, particle, lexicon)
        if not governed:
            continue
        region = " ".join(t.lower_ for t in governed)
        starts = []
        at = 0
        for t in governed:
            starts.append(at)
            at += len(t.lower_) + 1
        sent = sentence(tok)
        for issue in lexicon.issues.values():
            match = issue.pattern.search(region)
            if match is None:
                continue
            k = bisect_right(starts, match.start()) - 1
            if any(t.lower_ in _DENIALS or t.lemma_ == "not"
                   for t in governed[max(0, k - _DENIAL_REACH) : k]):
                # "agreed to a pause but not to a full ceasefire": not that issue
                flipped = cue.negated if stance == cue.stance else cue.stance
                if flipped is None:
                    continue
                stance_here = flipped
            else:
                stance_here = stance
            end = sent.start_char + len(text[sent.start_char:sent.end_char].rstrip())
            evidence = Span(sent.start_char, end, text[sent.start_char:end])
            for holder in holders:
                key = (holder.code or holder.country, stance_here, issue.id, sent.start)
                if key not in seen:
                    seen.add(key)
                    out.append(Position(holder, stance_here, issue.id, evidence))
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
