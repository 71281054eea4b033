"""What an act is about, where that fixes its place (GUIDELINES §11 rules 5 and 7, and the
article-level conventions of :mod:`detente.extract.where.stage`):

- complying with or defying sanctions and resolutions is done at home ("in defiance of
  U.N. sanctions", "has strictly followed the resolutions");
- a national body's sitting is at home ("called an emergency meeting of the National
  Security Council");
- an act at a gathering named without a place ("the Group of 20 summit meeting, where the
  president urged ...") is where another sentence puts the same gathering;
- a physical act on a fixed thing ("reopening a hotline") is where the article places the
  thing ("The hotline, located in the truce village of Panmunjom").

The functions return the words that decide (a yes or no, or the place mention); the stage
resolves mentions to places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.extract.nlp import doc_text
from detente.extract.tokens import children, sentence
from detente.extract.where.attach import attach
from detente.extract.where.places import PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from detente.model import Event

__all__ = ["complying", "gathering", "gathering_place", "national_sitting", "object_place",
           "trigger_token"]

# Words of complying with or defying sanctions and resolutions, and what they bear on.
_COMPLY = frozenset({"defy", "defiance", "flout", "violate", "violation", "breach", "evade",
                     "evasion", "ignore", "shrug", "follow", "implement", "enforce", "comply",
                     "compliance", "observe", "abide", "honor", "honour", "respect"})
_RULINGS = frozenset({"sanction", "sanctions", "resolution", "resolutions", "embargo"})
# A national body's sitting: a meeting word and the body ("an emergency meeting of the
# National Security Council", "a cabinet session"); not a UN body, which sits in New York.
_SITTINGS = frozenset({"meet", "meeting", "convene", "session", "gather", "summon", "host",
                       "receive", "call"})
_BODIES = frozenset({"council", "cabinet", "committee", "parliament", "politburo", "congress",
                     "assembly", "senate", "knesset", "duma", "presidium", "plenum"})
_UN_WORDS = frozenset({"u.n.", "un", "united", "nations"})
# Nouns for a gathering whose place the article may give in another sentence.
_GATHERINGS = frozenset({"summit", "meeting", "conference", "forum", "session", "congress",
                         "convention", "rally", "assembly", "talks", "gathering"})
# Participles that place the noun they follow: "the hotline, located in Panmunjom".
_PLACED = frozenset({"locate", "base", "situate", "house", "station"})
_LOCAL_PREPS = frozenset({"in", "at", "near", "of"})
_PLACE_PRECISIONS = frozenset({"city", "admin1"})


def trigger_token(doc: Doc, e: Event) -> Token | None:
    """The root token of the event's trigger."""
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def complying(doc: Doc, e: Event) -> bool:
    """Whether the act complies with or defies sanctions or resolutions ("in defiance of
    U.N. sanctions", "strictly followed the resolutions", "shrugged off new sanctions"):
    the trigger is such a word and a sanction or resolution is in its phrase."""
    tok = trigger_token(doc, e)
    if tok is None or tok.lemma_.lower() not in _COMPLY:
        return False
    return any(t.lemma_.lower() in _RULINGS or t.lower_ in _RULINGS
               for t in tok.subtree if t.i != tok.i)


def national_sitting(doc: Doc, e: Event) -> bool:
    """Whether the act is a sitting of a national body ("called an emergency meeting of the
    National Security Council", "will hold a cabinet session"): a meeting word at the
    trigger or as its object, with a body named in that phrase; not a UN body."""
    tok = trigger_token(doc, e)
    if tok is None or (e.source.code or "").startswith("IGO"):
        return False
    meetings = [tok] if tok.lemma_.lower() in _SITTINGS and tok.pos_ == "NOUN" else \
        [c for c in children(tok) if c.dep_ in ("dobj", "obj", "oprd")
         and c.lemma_.lower() in _SITTINGS]
    for m in meetings:
        # "national security councils": the plural names the bodies too.
        words = {w for t in m.subtree for w in (t.lower_, t.lemma_.lower())}
        if words & _BODIES and not words & _UN_WORDS:
            return True
    return False


def gathering(trigger: Token) -> Span | None:
    """The gathering the act took place at, named without a place: the noun phrase a
    "where" clause holding the act hangs off ("the Group of 20 summit meeting, where the
    president urged ...")."""
    tok = trigger
    for _ in range(6):
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in children(tok)):
            head = tok.head
            nouns = [t for t in head.subtree if head.i <= t.i < tok.i and t.pos_ == "NOUN"
                     and t.lemma_.lower() in _GATHERINGS]
            if not nouns:
                return None
            first = head.left_edge.i
            while first < head.i and head.doc[first].dep_ in ("det", "poss", "amod"):
                first += 1
            return head.doc[first:nouns[-1].i + 1]
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "parataxis"):
            return None
        tok = tok.head
    return None


def gathering_place(phrase: Span, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The place mentions another sentence gives the same gathering (its name written the
    same: "the Group of 20 summit meeting"), first first: a place on that sentence's main
    verb. A bare "the meeting" names no gathering in particular."""
    if len(phrase) < 2:
        return []
    doc = phrase.doc
    name = phrase.text
    text = doc_text(doc)
    out: list[PlaceMention] = []
    start = text.find(name)
    while start >= 0:
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        if span is not None and span.sent.start != phrase.sent.start:
            hit = attach(mentions, span.sent.root, category="CONSULT", quad_class=1)
            if hit is not None and any(p.precision in _PLACE_PRECISIONS
                                       for p in hit.mention.candidates):
                out.append(hit.mention)
        start = text.find(name, start + len(name))
    return out


def object_place(trigger: Token, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The place mentions the article gives the fixed thing a physical act is done to
    ("reopening a hotline" where another sentence says "The hotline, located in the truce
    village of Panmunjom"): the same noun elsewhere with a place in "located in"/"based in"
    after it, or a place phrase right on it ("the hotline in Panmunjom")."""
    objs = [c for c in children(trigger) if c.dep_ in ("dobj", "obj", "nsubjpass")
            and c.pos_ == "NOUN"]
    if trigger.pos_ != "VERB" or not objs:
        return []
    lemma = objs[0].lemma_.lower()
    doc = trigger.doc
    out: list[PlaceMention] = []
    for m in mentions:
        if m.start_char < 0 or m.demonym or m.seat or \
                sentence(trigger).start <= m.start < sentence(trigger).end or \
                not any(p.precision in _PLACE_PRECISIONS for p in m.candidates):
            continue
        tok = doc[m.start]
        while m.start <= tok.head.i < m.end and tok.head.i != tok.i:
            tok = tok.head
        for _ in range(6):
            head = tok.head
            if head.i == tok.i or not (
                    (tok.dep_ == "pobj" and head.dep_ == "prep")
                    or (tok.dep_ == "prep" and tok.lower_ in _LOCAL_PREPS and (
                        head.lower_ == "of" or head.pos_ == "NOUN"
                        or head.lemma_ in _PLACED))
                    or (tok.dep_ == "acl" and tok.lemma_ in _PLACED)):
                break
            tok = head
            if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma and tok.i != objs[0].i:
                out.append(m)
                break
    return out
