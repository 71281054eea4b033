"""Where a speaker spoke (GUIDELINES §11 rules 2, 3 and 7), and when the dateline does
not say it.

A sentence or caption that places a person speaking ("From Washington, Susan Rice ...
said", "said at the annual Herzliya security conference near Tel Aviv", "speaks to the
Associated Press after giving a press conference at his home in Harare") places that
person's words in nearby sentences too ("Rice also reiterated calls ..."): the same
speaker, named by surname, in the same stretch of the article.

The dateline does not place an envoy's words at home (:func:`envoy`), another state's
speaker supposing an act (:func:`foreign_speaker`), nor words told in the perfect
(:func:`perfect`).

The functions return the words that decide (the venue's place mention); the stage
resolves mentions to places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.tokens import children, doc_tokens, sentence
from detente.extract.where.attach import attach
from detente.extract.where.places import PlaceMention, adjectives

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from detente.extract.where.gazetteer import Gazetteer
    from detente.model import Event

__all__ = ["Venue", "envoy", "foreign_speaker", "perfect", "speaker_key", "speaker_venues"]

# Verbs of speaking whose venue places the speaker.
_SPEAKING = frozenset({"say", "speak", "tell", "brief", "address", "insist", "add",
                       "announce", "declare", "remark", "comment"})
# "giving a press conference at his home in Harare", "held a news briefing in Beijing".
_GIVING = frozenset({"give", "hold"})
_TALKS = frozenset({"conference", "briefing", "speech", "address", "remarks", "interview"})
# How far up from the speaking verb its subject is looked for ("speaks ... after giving").
_CLIMB = 3
# How many lines (paragraphs or captions) apart a venue and the speaker's words may be.
LINES = 3


@dataclass(frozen=True, slots=True)
class Venue:
    """A place a named speaker was placed at, and where in the text that was said."""

    mention: PlaceMention
    at: int  # the speaking verb's character offset


def speaker_key(text: str) -> str | None:
    """The surname that names a speaker: the last capitalised word of the actor's text
    ("Opposition leader Morgan Tsvangirai": "Tsvangirai"), or None for a pronoun or an
    office ("the spokesman")."""
    words = [w.strip(".,'\u2019") for w in text.split() if w not in ("'s", "\u2019s")]
    last = words[-1] if words else ""
    return last if len(last) > 1 and last[0].isupper() and last[1:].islower() else None


def _speech(tok: Token) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in _SPEAKING:
        return True
    return lemma in _GIVING and any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _TALKS
                                    for c in children(tok))


def _speaker(tok: Token) -> str | None:
    """The proper-noun subject of ``tok`` or of a verb up to ``_CLIMB`` heads above it;
    for a root verb with no subject the parser found ("From Washington, Susan Rice, ...,
    said" read as "Washington and Rice"), the first person its sentence names before it."""
    for _ in range(_CLIMB):
        subjects = [c for c in children(tok) if c.dep_ == "nsubj"]
        if subjects:
            subj = subjects[0]
            return speaker_key(subj.text) if subj.pos_ == "PROPN" else None
        if tok.head.i == tok.i:
            people = [e for e in sentence(tok).ents if e.label_ == "PERSON" and e.end <= tok.i]
            return speaker_key(people[0].text) if people else None
        tok = tok.head
    return None


def speaker_venues(doc: Doc, mentions: Sequence[PlaceMention]) -> dict[str, list[Venue]]:
    """Surname to the places the text gives that person speaking, in text order."""
    out: dict[str, list[Venue]] = {}
    if not mentions:
        return out
    for tok in doc_tokens(doc):
        if not _speech(tok):
            continue
        name = _speaker(tok)
        if name is None:
            continue
        hit = attach(mentions, tok, category="REQUEST", quad_class=1)
        if hit is None or hit.how not in ("in", "at", "from", "near", "during"):
            continue
        out.setdefault(name, []).append(Venue(hit.mention, tok.idx))
    return out


_ENVOY = re.compile(r"\b(?:ambassador|envoy|emissary)s?\b", re.IGNORECASE)
# Verbs that report words: their subject is the speaker.
_SAYING = frozenset({"say", "tell", "suggest", "add", "claim", "insist", "predict", "warn",
                     "argue", "believe", "think", "note"})


def foreign_speaker(trigger: Token, e: Event, gaz: Gazetteer) -> bool:
    """Whether the act is reported by a speaker of another state than its actor's ("U.S.
    President Donald Trump said Japan would shoot ..."): the speaker's supposition about
    another state's act, which the speaker's place (the dateline) does not place
    (GUIDELINES §11 rule 7.4). "Abe said Tokyo would shoot" names no other state."""
    tok = trigger
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() not in _SAYING:
            continue
        demonyms = adjectives()
        for subj in (c for c in children(tok) if c.dep_ == "nsubj"):
            for t in subj.subtree:
                state = demonyms.get(t.text) or next(
                    (p.country for p in gaz.candidates(t.text) if p.precision == "country"),
                    None)
                if state is not None and state != e.source.country:
                    return True
        return False
    return False




def envoy(text: str, name: str | None) -> bool:
    """Whether the actor is an envoy (an ambassador, an envoy), who serves abroad: a home
    dateline does not place an ambassador's words ("U.S. Ambassador to the United Nations
    Nikki Haley said" under WASHINGTON)."""
    return bool(_ENVOY.search(f"{text} {name or ''}"))


def perfect(tok: Token) -> bool:
    """Whether the act is told in the present perfect ("Japanese officials have countered
    U.S. trade complaints", "the Christian Democrats have agreed to enter into talks"): a
    state of affairs up to now, not an act done at the dateline's place that day, so the
    dateline does not place it (GUIDELINES §11 rule 3)."""
    for t in (tok, tok.head):
        if t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in children(t)):
            return True
    return False


