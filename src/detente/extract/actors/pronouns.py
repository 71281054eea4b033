"""The pronoun rules of the actors stage: a subject "he"/"she" (and a quoted "him") is the
person it continues, and "I"/"we" in a text written by a known person are the author and
the author's government. Mixed into the stage's finder, whose state
:class:`~detente.extract.actors.context.ContextRules` declares.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detente.extract.actors.context import _Found, previous_sentence_start
from detente.extract.actors.referring import ReferringRules
from detente.extract.tokens import sentence
from detente.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["PronounRules"]

_PRONOUNS = {"he": "m", "she": "f", "him": "m"}
# "\b(?:[Hh][Ee]|[Ss][Hh][Ee]|[Hh]im)\b", letter first (see context._IT)
_HE_SHE = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])(?:[Ee]|im)|(?<=[Ss])[Hh][Ee])\b")
# How far back a quoted "he"/"him" may continue an earlier one when its own paragraph names
# no one before it (a transcript turn answering the turn before), in characters.
_CHAIN_CHARS = 1500
_FIRST_SINGULAR = frozenset({"i", "me", "my", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})


class PronounRules(ReferringRules):
    """Pronouns and first-person words, over the finder's state."""

    author: str | None  # who wrote the text, when known (a statement, a speech)

    # --- 5: pronouns --------------------------------------------------------------------------

    def _pronouns(self) -> None:
        spans = (self.parsed.char_span(m.start(), m.end()) for m in _HE_SHE.finditer(self.text))
        for tok in (sp[0] for sp in spans if sp is not None):
            gender = _PRONOUNS.get(tok.lower_)
            subject = tok.dep_.startswith("nsubj")
            if gender is None or (not subject and not (
                    tok.lower_ == "him" and self._in_quotes(tok.idx))):
                continue
            pick = self._pronoun_referent(tok, gender)
            if pick is None:
                continue
            self.found.append(_Found(tok.idx, tok.idx + len(tok.text), pick.actor, True,
                                     pick.gender, subject=subject))
        self._it()

    def _pronoun_referent(self, tok: Token, gender: str) -> _Found | None:
        """Whom a subject "he"/"she" stands for. Named right after it ("he (Putin)"): that
        person. Outside quotation marks: the last person who was the subject of this or the
        previous sentence, else the last person named there. Inside quotation marks the
        speaker's own words may mean anyone, so only a "he"/"she"/"him" that continues an
        earlier one of the same paragraph ("So he occupied it ... He killed people"), or of
        the paragraphs just before when its own names no one before it, is resolved."""
        after = self.text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 3]
        if after.startswith((" (", "(")):
            named = next((f for f in self.found if f.person and 0 < f.start - tok.idx - len(
                tok.text) <= 2), None)
            if named is not None:
                return named
        prev = previous_sentence_start(self.parsed, sentence(tok))
        if self._in_quotes(tok.idx):
            para = self.text.rfind("\n", 0, tok.idx) + 1
            if not any(f.person and para <= f.start < tok.idx and self._in_quotes(f.start)
                       and self.text[f.start:f.end].lower() not in _PRONOUNS
                       for f in self.found):
                para = max(0, para - _CHAIN_CHARS)
            chain = [f for f in self.found if f.person and para <= f.start < tok.idx
                     and _PRONOUNS.get(self.text[f.start:f.end].lower()) == gender]
            return chain[-1] if chain else None
        sent_start = sentence(tok).start_char
        window = [f for f in self.found if f.person and prev <= f.start < tok.idx
                  and f.gender in (None, gender)]
        if not window:
            return None
        here = [f for f in window if f.start >= sent_start and f.subject]
        before = [f for f in window if f.start < sent_start and f.subject]
        return (here or before or window)[-1]

    def _first_person(self) -> None:
        """"I" and "we" in a text written by a known person: the author and, when the author
        holds office that day, the author's government. Quoted speech is someone else's."""
        if not self.author:
            return
        author = self.r.resolve_on(self.author, self.on)
        if author.id is None or author.country is None:
            return  # a journalist or an unknown: their "we" is not a state's
        government = None
        if author.sector == "GOV":
            government = Actor(text="we", name=author.country, code=f"{author.country}GOV",
                               country=author.country, sector="GOV")
        for tok in self.parsed:
            lower = tok.lower_
            actor = author if lower in _FIRST_SINGULAR else (
                government if lower in _FIRST_PLURAL else None)
            if actor is None or self._in_quotes(tok.idx):
                continue
            self.found.append(_Found(tok.idx, tok.idx + len(tok.text), actor,
                                     person=actor is author,
                                     subject=tok.dep_.startswith("nsubj")))
