"""Where a frame word's act is in the parse: the clause or act noun it embeds, the object
of a light verb ("held talks", "launched a wave of strikes"), the act noun someone answers
for ("claimed responsibility for the bombing") and the verb an act noun is predicated of
with "as" ("gave a portrait as a gift"). Syntax only; :mod:`detente.extract.events.frames`
decides what the acts are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events.lexicon import PARTITIVE, LexEntry
from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["answered_for", "as_verb", "complement", "light_object", "object_of"]


def object_of(token: Token) -> Token | None:
    """A word's direct object, or its passive subject ("sanctions were imposed")."""
    for c in children(token):
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return None


_ANSWERABLE = frozenset({"responsibility", "credit"})


def light_object(token: Token, entries: dict[int, LexEntry]) -> Token | None:
    """The object of a light verb, or the act noun a partitive object holds ("backed
    new rounds of sanctions", "launched a wave of strikes") or that one answers for
    ("claimed responsibility for the bombing")."""
    obj = object_of(token)
    if obj is None or obj.i in entries:
        return obj
    lemma = obj.lemma_.lower()
    # "claimed responsibility for the bombing": the claimant did the act
    through = "of" if lemma in PARTITIVE else "for" if lemma in _ANSWERABLE else None
    if through is None:
        return obj
    # ("took credit for the bombing": the parser may hang the "for" on the verb)
    holders = [obj, token] if through == "for" else [obj]
    for c in (c for h in holders for c in children(h)):
        if c.dep_ == "prep" and c.lower_ == through:
            inner = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if inner is not None and inner.i in entries and entries[inner.i].category:
                return inner
    return obj


def answered_for(noun: Token) -> bool:
    """Whether an act noun is what someone answers for ("claimed responsibility for the
    attack", "took credit for the bombing"): the act is the claimant's, the point of the
    clause, and needs no one on its receiving end (the real_dev GUIDELINES code such claims
    as the attack, target null when none is named)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.i == prep.i:
        return False
    holder = prep.head
    if holder.pos_ in ("VERB", "AUX"):  # "took credit for the bombing", "for" on the verb
        holder = object_of(holder) or holder
    return holder.lemma_.lower() in _ANSWERABLE and holder.dep_ in ("dobj", "nsubjpass")


def complement(token: Token, entries: dict[int, LexEntry]) -> Token | None:
    """The embedded act of a frame word: a clause, a prepositional act or an act noun."""
    for c in children(token):
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "acl" and c.pos_ == "VERB" and token.pos_ == "NOUN":
            return c
        if c.dep_ == "advcl" and c.pos_ == "VERB" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in children(c)):
            return c  # an infinitive the parser attached as a purpose clause
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > token.i and \
                not any(g.dep_ == "mark" for g in children(c)) and \
                not any(x.is_punct for x in token.doc[token.i + 1:c.i]):
            return c  # "ruled out sending troops": a gerund the parser made an adverbial
    if token.pos_ == "NOUN":
        # "his vow to destroy X", "a pledge to provide aid": the parser often hangs the
        # infinitive on the verb above the noun; it is the noun's when it follows it.
        up = token.head
        for _ in range(3):
            if up.i == token.i:
                break
            for c in children(up):
                if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and \
                        c.left_edge.i == token.i + 1 and c.left_edge.lower_ == "to":
                    return c
            if up.head.i == up.i:
                break
            up = up.head
    for c in children(token):
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "to", "of", "with"):
            for g in children(c):
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    return g
                if g.dep_ == "pobj" and g.i in entries and entries[g.i].category:
                    return g
    obj = object_of(token)
    if obj is not None and obj.i in entries and entries[obj.i].category:
        return obj
    if obj is not None:  # "gave the Kremlin 50 days to halt its offensive"
        for c in children(obj):
            if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                return c
    return None


def as_verb(noun: Token) -> Token | None:
    """The verb an act noun is predicated of with "as" ("gave a portrait as a gift",
    "received it as a gesture of goodwill"), or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "as" or prep.head.i == prep.i:
        return None
    head = prep.head
    if head.dep_ == "dobj" and head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "as" attached to the object: "gave [a portrait as a gift]"
    return head if head.pos_ in ("VERB", "AUX") else None
