"""What a pronoun argument of an event stands for, from the actor mentions around it.

"I urge them to act" after a sentence about Congress: "them" is Congress. "We never severed
our contacts": the contacts are the source's own, not whom the act is done to. Functions
here take spaCy tokens and the actors stage's mentions; they know nothing of categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["OBJECT_PRONOUNS", "group_antecedent", "own_reference"]

# Object pronouns that stand for a state, a body or a group named before ("urge them",
# "occupied it"); "he"/"she" go to a person (see clauses.antecedent).
OBJECT_PRONOUNS = frozenset({"them", "it"})
_PERSONAL = frozenset({"he", "she", "him", "her", "i", "we", "you", "me", "us", "it", "they",
                       "them"})
# Nouns that name another party through its relation to the owner: "our partners" are not
# "we".
_RELATIONAL = frozenset({"partner", "ally", "counterpart", "neighbor", "neighbour", "friend",
                         "enemy", "adversary", "rival", "opponent", "successor",
                         "predecessor"})


def _coded(mention: Mention) -> bool:
    return bool(mention.actor.country) or (mention.actor.code or "").startswith("IGO")


def group_antecedent(pron: Token, mentions: Sequence[Mention], *,
                     avoid: str | None = None) -> Mention | None:
    """The coded actor an object "them"/"it" most likely stands for: the nearest mention of
    a state, body or group (not a person, not a pronoun) before it in this sentence or the
    one before, other than the subject of its clause and other than an actor coded
    ``avoid`` (the event's source: "Trade unions urged them" is not the unions)."""
    doc = pron.doc
    sent = pron.sent
    first = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    verb = pron.head.head if pron.dep_ == "pobj" and pron.head.dep_ == "prep" else pron.head
    subject = {t.idx for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i}
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        if m.end > pron.idx or m.start < first or not _coded(m):
            continue
        if avoid is not None and m.actor.code == avoid:
            continue
        tok = next((t for t in doc if t.idx >= m.start), None)
        if tok is None or tok.ent_type_ == "PERSON" or m.text.lower() in _PERSONAL:
            continue
        if any(m.start <= i < m.end for i in subject):
            continue
        return m
    return None


def own_reference(head: Token) -> bool:
    """Whether an argument is a personal pronoun ("me", "it") or a thing a possessive
    pronoun gives an owner ("our contacts", "its people"): when it resolves to the event's
    own source, the source acts on itself or its own, which is no event between actors."""
    if head.pos_ == "PRON" and head.lower_ in _PERSONAL:
        return True
    if head.lemma_.lower() in _RELATIONAL:
        return False
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children)
