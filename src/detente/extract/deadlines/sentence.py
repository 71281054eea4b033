"""One sentence of an article as the deadline finder reads it: its text, timexes and the
article's actor mentions, with the look-ups the cues need (a token at a character, the
mention inside a phrase, the previous sentence's subject, the date a verb was issued on)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.extract.events.dating import precision_of
from detente.extract.nlp import span_text
from detente.extract.tokens import children
from detente.model import Actor, Mention, Timex

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["PRONOUNS", "Sentence", "is_day"]

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def is_day(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and t.value is not None and precision_of(t.value) == "day"


class Sentence:
    """One sentence with its timexes and the article's mentions."""

    def __init__(self, sent: SpacySpan, times: list[Timex], mentions: Sequence[Mention],
                 published: str | None) -> None:
        self.sent = sent
        self.text: str = span_text(sent)
        self.times = times
        self.mentions = mentions
        self.published = published

    def rel(self, char: int) -> int:
        return char - int(self.sent.start_char)

    def token_at(self, rel_char: int) -> Token | None:
        char = self.sent.start_char + rel_char
        for tok in self.sent:
            if tok.idx <= char < tok.idx + len(tok):
                return tok
        return None

    def mention_in(self, tok: Token) -> Actor | None:
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        inside = [m for m in self.mentions if lo <= m.start and m.end <= hi]
        for m in inside:
            if m.start <= tok.idx and tok.idx + len(tok) <= m.end:
                return m.actor
        return inside[0].actor if inside else None

    def mention_after(self, rel_char: int, lead: str) -> Actor | None:
        m = re.match(lead, self.text[rel_char:], re.I)
        if m is None:
            return None
        at = self.sent.start_char + rel_char + m.end()
        return next((x.actor for x in self.mentions if x.start == at), None)

    def previous_subject(self) -> Actor | None:
        """The main subject of the nearest earlier sentence that has an actor as one."""
        doc, start = self.sent.doc, self.sent.start
        while start > 0 and self.sent.start - start < 120:
            prev = doc[start - 1].sent
            # The main clause's subject first: a centering guess at what "he" refers to.
            for tok in [*children(prev.root), *prev]:
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in PRONOUNS:
                    found = self.mention_in(tok)
                    if found is not None:
                        return found
            start = prev.start
        return None

    def issue_date(self, verb: Token | None) -> str | None:
        """A day-precise date attached to ``verb`` or to a verb it reports to."""
        if verb is None:
            return None
        chain = [verb]
        while chain[-1].head.i != chain[-1].i and len(chain) < 4:
            chain.append(chain[-1].head)
        best: tuple[int, str] | None = None
        for t in self.times:
            if not is_day(t) or t.value is None:
                continue
            span = self.sent.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tok = span.root
            for _ in range(6):
                if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                    break
                tok = tok.head
            level = next((i for i, v in enumerate(chain) if v.i == tok.i), None)
            if level is None:
                continue
            # Same level: the date nearer the verb (not a dateline glued to the sentence).
            rank = level * 10_000 + abs(span.root.i - chain[level].i)
            if best is None or rank < best[0]:
                best = (rank, t.value[:10])
        return best[1] if best else None
