"""Past participles and their "by" agents: who did what a participle says was done.

The participle that modifies an act noun ("the deadline set by Trump", "the sanctions on X,
recently imposed by the Council"), its "by" object, and the captor of the people a release
frees ("21 of the schoolgirls abducted by Boko Haram have been released": Boko Haram).
Syntax only, like :mod:`detente.extract.events.args`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["by_agent", "captor", "held_captive", "reduced_relative"]


# Participles and nouns that say someone holds the people a release frees: "the girls
# abducted by Boko Haram", "the hostages". Whoever holds them releases them.
_CAPTURING = frozenset({"abduct", "kidnap", "capture", "seize", "hold", "take", "snatch",
                        "detain", "imprison", "jail", "arrest"})
_CAPTIVE = frozenset({"hostage", "captive", "abductee"})
_ABDUCTING = frozenset({"abduct", "kidnap", "snatch", "abducted", "kidnapped", "snatched"})


def _released(verb: Token) -> list[Token]:
    """The people an agentless passive release frees (its passive subject), with their
    phrase."""
    return [t for c in children(verb) if c.dep_ == "nsubjpass" for t in c.subtree]


def captor(verb: Token) -> Token | None:
    """Who holds the people an agentless passive release frees, when their phrase says so
    ("21 of the schoolgirls abducted by Boko Haram have been released": Boko Haram)."""
    for t in _released(verb):
        if t.tag_ == "VBN" and t.dep_ in ("acl", "relcl") and t.lemma_.lower() in _CAPTURING:
            agent = by_agent(t)
            if agent is not None:
                return agent
    return None


def held_captive(verb: Token) -> bool:
    """Whether the people an agentless passive release frees are someone's captives
    ("the hostages were released", "the kidnapped girls were freed"): the captor freed
    them, not whoever reports it."""
    return any(t.lemma_.lower() in _CAPTIVE or t.lemma_.lower() in _ABDUCTING
               or t.lower_ in _ABDUCTING for t in _released(verb))


def reduced_relative(noun: Token) -> Token | None:
    """The past participle with a "by" agent that modifies an act noun: "the deadline set
    by Trump", or one set off by a comma that the parser hangs on a verb above the noun
    ("the sanctions on X, recently imposed by the Council"). None when there is none."""
    if noun.pos_ != "NOUN":
        return None
    for c in children(noun):
        if c.dep_ == "acl" and c.tag_ == "VBN" and by_agent(c) is not None:
            return c
    doc = noun.doc
    j = noun.right_edge.i + 1
    if noun.dep_ == "dobj" or j >= len(doc) or doc[j].text != ",":
        # ("Israel carried out strikes, backed by X": said of the subject, not the noun)
        return None
    j += 1
    while j < len(doc) and doc[j].dep_ == "advmod":
        j += 1
    if j >= len(doc):
        return None
    part = doc[j]
    if part.tag_ != "VBN" or part.dep_ not in ("advcl", "acl", "conj") or \
            any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in children(part)) or \
            part.head not in list(noun.ancestors) or by_agent(part) is None:
        return None
    return part


def by_agent(participle: Token) -> Token | None:
    for g in children(participle):
        if g.dep_ == "agent":
            return next((p for p in children(g) if p.dep_ == "pobj"), None)
    return None
