"""Actors a plural noun sums up: "the two countries", "both leaders", "the two Koreas".

Functions here take spaCy tokens and return the head tokens of the named entities meant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.tokens import children, sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["group_members"]


# Plural nouns that sum up actors named before ("the two countries", "both leaders") and
# the entity types their members are named by.
_GROUP_NOUNS = {
    "country": ("GPE",), "nation": ("GPE",), "government": ("GPE",), "korea": ("GPE",),
    "neighbor": ("GPE",), "neighbour": ("GPE",), "ally": ("GPE",), "power": ("GPE",),
    "man": ("PERSON",), "leader": ("PERSON",), "president": ("PERSON",),
    "side": ("GPE", "PERSON", "NORP"),
}
_GROUP_SIZES = {"two": 2, "three": 3, "both": 2}
# How far back the members of a group are looked for, in sentences (this one included).
_GROUP_SENTENCES = 4


def group_members(head: Token) -> list[Token]:
    """The actors a plural summing-up noun stands for ("the two countries", "both leaders",
    "the three countries", "the two Koreas"): the last that many distinct named entities of
    the fitting type before it, in this sentence and the few before (their head tokens, in
    text order). Empty when the noun is not such a group or too few are named."""
    kinds = _GROUP_NOUNS.get(head.lemma_.lower()) or _GROUP_NOUNS.get(head.lower_.rstrip("s"))
    if kinds is None or head.tag_ not in ("NNS", "NNPS"):
        return []
    size = next((_GROUP_SIZES[c.lower_] for c in children(head)
                 if c.dep_ in ("nummod", "det", "predet") and c.lower_ in _GROUP_SIZES), 0)
    if not size and head.pos_ == "PROPN":
        size = 2  # "the rival Koreas"
    if not size:
        return []
    doc = head.doc
    sent = sentence(head)
    first = sent.start
    for _ in range(_GROUP_SENTENCES - 1):
        if first == 0:
            break
        first = sentence(doc[first - 1]).start
    start = head.left_edge.i
    members: list[Token] = []
    seen: set[str] = set()
    # A proper plural ("the two Koreas", "the two Sudans") sums up states of that name,
    # named anywhere before.
    named = head.lower_.removesuffix("s") if head.pos_ == "PROPN" else None
    if named is not None:
        first = 0
    ents = [e for e in reversed([e for e in doc.ents if first <= e.start and e.end <= start])
            if e.label_ in kinds and e.root.tag_ not in ("NNS", "NNPS")
            and e.root.lower_ != head.lower_]
    # "A supplies B with oil and C employs ...; he called on both countries": the states
    # that act first, then the most recent others.
    if named is None:
        # (not the subject of the group's own clause: "Spain urged both countries")
        own = set() if _absolute(head) else {a.i for a in head.ancestors}
        ents = [e for e in ents if not (_acting(e.root) and e.root.head.i in own)]
        ents = [e for e in ents if _acting(e.root)] + [e for e in ents if not _acting(e.root)]
    for ent in ents:
        key = ent.text.lower().removeprefix("the ").removesuffix("'s").removesuffix("’s")
        if key in seen or (named is not None and named not in key):
            continue
        seen.add(key)
        members.append(ent.root)
        if len(members) == size:
            return sorted(members, key=lambda t: t.i)
    return []


def _acting(token: Token) -> bool:
    """Whether a name is a clause's subject, or coordinated with one."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _absolute(head: Token) -> bool:
    """Whether a group is the subject of a "with" absolute ("Tokyo and Washington pressed,
    with the two governments calling a meeting"): it goes on about the clause's own
    subjects, who are then its members."""
    verb = head.head
    return head.dep_ == "nsubj" and verb.dep_ == "pcomp" and verb.head.lower_ == "with"
