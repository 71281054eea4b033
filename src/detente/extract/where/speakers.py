"""Where a named speaker spoke, from another sentence (GUIDELINES §11 rule 2: a verbal act
gets a place when the text places the speaker by a venue).

A sentence or caption that places a person speaking ("From Washington, Susan Rice ...
said", "said at the annual Herzliya security conference near Tel Aviv", "speaks to the
Associated Press after giving a press conference at his home in Harare") places that
person's words in nearby sentences too ("Rice also reiterated calls ..."): the same
speaker, named by surname, in the same stretch of the article.

The functions return the words that decide (the venue's place mention); the stage
resolves mentions to places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.where.attach import attach
from detente.extract.where.places import PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Venue", "speaker_key", "speaker_venues"]

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
                                    for c in tok.children)


def _speaker(tok: Token) -> str | None:
    """The proper-noun subject of ``tok`` or of a verb up to ``_CLIMB`` heads above it;
    for a root verb with no subject the parser found ("From Washington, Susan Rice, ...,
    said" read as "Washington and Rice"), the first person its sentence names before it."""
    for _ in range(_CLIMB):
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if subjects:
            subj = subjects[0]
            return speaker_key(subj.text) if subj.pos_ == "PROPN" else None
        if tok.head.i == tok.i:
            people = [e for e in tok.sent.ents if e.label_ == "PERSON" and e.end <= tok.i]
            return speaker_key(people[0].text) if people else None
        tok = tok.head
    return None


def speaker_venues(doc: Doc, mentions: Sequence[PlaceMention]) -> dict[str, list[Venue]]:
    """Surname to the places the text gives that person speaking, in text order."""
    out: dict[str, list[Venue]] = {}
    if not mentions:
        return out
    for tok in doc:
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
