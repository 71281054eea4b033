"""Acts an actor receives: "Iran faces criticism from the U.N.", "received a portrait from
Putin as a gift", "met at the request of the United States". The receiving verb's subject is
the target; the giver (a "from" object, the one being met, the one who asked) is the source.
:mod:`detente.extract.events.stage` uses these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events.args import actorness
from detente.extract.events.clauses import behest_agent
from detente.extract.events.frames import Act, as_verb
from detente.extract.events.lexicon import Cues

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["recipient_source", "recipient_verb"]


def recipient_verb(act: Act, recipient: frozenset[str]) -> Token | None:
    """The verb by which the subject receives the act noun ("faced criticism",
    "received a portrait as a gift"), or None."""
    noun = act.token
    if noun.pos_ != "NOUN":
        return None
    if behest_agent(noun) is not None and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head  # "met at the request of X": the subject was asked
    verb = noun.head if noun.dep_ == "dobj" else as_verb(noun)
    if verb is None or verb.lemma_.lower() not in recipient:
        return None
    return verb


def recipient_source(act: Act, cues: Cues, spans: list[tuple[int, int]]) -> Token | None:
    """Who gave what the subject received: the "from" object ("faced criticism from",
    "received a portrait from Putin as a gift"), else the one the subject was meeting in
    the clause the receiving belongs to ("in talks with Putin, even receiving a gift",
    "met the king, receiving a sword as a gift")."""
    verb = recipient_verb(act, cues.recipient)
    if verb is None:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for holder in (act.token, verb, obj):
        for c in holder.children if holder is not None else ():
            if c.dep_ == "prep" and c.lower_ == "from":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
    if verb.dep_ not in ("advcl", "conj") or verb.head.i == verb.i:
        return None
    own = {t.i for t in verb.subtree}
    partners = [g for t in verb.head.subtree if t.i not in own and t.dep_ == "prep"
                and t.lower_ == "with" for g in t.children if g.dep_ == "pobj"]
    partners += [c for c in verb.head.children if c.dep_ == "dobj"]  # "met the king"
    return next((g for g in partners if actorness(g, cues.actor_noun, spans) > 0), None)
