"""How a clause puts an act: negated ("not", "nor"), in the "going to" future, ruled out
("have not considered quitting"), owed ("must", "has to", a mandative subjunctive, or an
obligation missed: "should have acted"), a fact a vow reports, a participle used as an
adjective, or a formula a reporting verb quotes. Pure tests over the spaCy parse that
:mod:`detente.extract.events.frames` applies to each act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events.lexicon import Cues, LexEntry
from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["deontic", "formula", "going_to", "missed_obligation", "negated", "predicative",
           "reported_fact", "ruled_out", "subjunctive"]


def negated(tokens: list[Token]) -> bool:
    """Whether a "not", "no", "never", a preceding "nor" or a "neither ... nor" subject
    negates the act."""
    for t in tokens:
        for c in children(t):
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
            if c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in children(c)):
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and any(
                    g.lower_ == "neither" and g.i < c.i for g in children(c)):
                return True  # "Neither Russia nor Belarus plans any drills"
        if t.dep_ == "conj" and t.head.i != t.i and any(
                c.dep_ == "cc" and c.lower_ == "nor" and c.i < t.i for c in children(t.head)):
            return True  # "I have not considered it nor am I going to quit"
    return False


# Verbs of weighing an act: not weighing it rules it out ("have not considered quitting").
_WEIGHING = frozenset({"consider", "contemplate", "weigh", "mull", "entertain"})


def ruled_out(tok: Token) -> bool:
    """An act its subject says it does not even weigh: "I have not considered quitting"."""
    head = tok.head
    return tok.dep_ in ("xcomp", "dobj") and head.i != tok.i and \
        head.lemma_.lower() in _WEIGHING and negated([head])


def going_to(tokens: list[Token]) -> bool:
    """The "be going to" future: "is not going to resign"."""
    return any(t.lemma_.lower() == "go" and t.tag_ == "VBG" and
               any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in children(t)) and
               any(c.dep_ == "xcomp" for c in children(t)) for t in tokens)


# Modal auxiliaries and semi-modals of obligation.
_OBLIGATION = frozenset({"must", "should", "ought"})
_SEMI_MODALS = frozenset({"have", "need"})


def missed_obligation(tok: Token, aux: set[str]) -> bool:
    """An obligation stated of the past ("should have shot them down", "ought to have
    acted"): a reproach, not a demand ("must have known" is an inference)."""
    return bool(aux & {"should", "ought"}) and "have" in aux and tok.tag_ == "VBN" and \
        not any(c.dep_ == "auxpass" for c in children(tok))


def deontic(tok: Token, aux: set[str]) -> bool:
    """Whether an act is stated as an obligation: "must / should / ought to resign", or
    "has to / needs to / has got to resign" (the act an infinitive of "have", "need" or
    "have got")."""
    if any(c.dep_ == "auxpass" for c in children(tok)):
        return False  # "must be punished": the obligation falls on whoever punishes
    if missed_obligation(tok, aux):
        return False
    if aux & _OBLIGATION:
        return True
    head = tok.head
    if tok.dep_ == "conj" and head.i != tok.i and head.pos_ in ("VERB", "AUX") and \
            tok.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in children(tok)):
        # "need to take this seriously and increase pressure": the obligation covers both
        return deontic(head, {a for c in children(head) if c.dep_ == "aux"
                              for a in (c.lower_, c.lemma_.lower())})
    semi = head.lemma_.lower() in _SEMI_MODALS or (
        head.lower_ == "got" and any(c.dep_ == "aux" for c in children(head)))
    return (tok.dep_ == "xcomp" and head.i != tok.i and semi
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(tok)))


# Verb forms a mandative subjunctive takes: the base form ("insisted that he resign"), or
# the plural present the tagger gives it ("insisting that Panama's leaders sign"), but
# not be, have or do, whose indicative ("insisted that they are innocent") differs.
_NOT_SUBJUNCTIVE = frozenset({"be", "have", "do"})


def subjunctive(tok: Token, cues: Cues, *, strict: bool = False) -> bool:
    """Whether an act is the mandative subjunctive clause of a verb of demanding ("insisted
    that Panama's leaders sign", "demanded that he resign"): an obligation like "must".
    ``strict`` accepts only the unambiguous base form (for verbs that name no act, "insisted
    that officials know nothing" is a claim)."""
    head = tok.head
    if tok.dep_ != "ccomp" or head.i == tok.i or head.lemma_.lower() not in cues.demand:
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in children(tok)):
        return False
    if not any(c.dep_ == "nsubj" for c in children(tok)):
        return False
    return tok.tag_ == "VB" or (not strict and tok.tag_ == "VBP"
                                and tok.lemma_.lower() not in _NOT_SUBJUNCTIVE)


def reported_fact(comp: Token | None) -> bool:
    """A that-clause in the past or perfect under a verb of intention ("vowed the country
    has fully observed the sanctions"): it asserts what was done, it promises nothing."""
    if comp is None or comp.dep_ != "ccomp":
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children(comp)):
        return False
    aux = {c.lemma_.lower() for c in children(comp) if c.dep_ in ("aux", "auxpass")}
    return comp.tag_ == "VBD" or (comp.tag_ == "VBN" and "have" in aux)


# Linking verbs: a participle they take describes their subject ("appear threatening").
_LINKING = frozenset({"appear", "seem", "look", "sound", "become", "remain", "feel", "be"})


def predicative(verb: Token) -> bool:
    """A present participle used as an adjective after a linking verb, with no object of
    its own ("wants to appear threatening", "seemed conciliatory")."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("acomp", "xcomp", "oprd") or \
            verb.head.i == verb.i or verb.head.lemma_.lower() not in _LINKING:
        return False
    return not any(c.dep_ in ("dobj", "dative", "prep", "ccomp", "xcomp")
                   for c in children(verb))


def formula(verb: Token, entries: dict[int, LexEntry]) -> bool:
    """A formula a reporting verb quotes ("said thank you", "just say thank you"): a verb
    with no subject of its own, addressed to "you", in the clause of a verb of saying."""
    head = verb.head
    if verb.pos_ != "VERB" or verb.dep_ not in ("xcomp", "ccomp") or head.i == verb.i:
        return False
    if head.i not in entries or entries[head.i].frame != "say":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb)):
        return False
    return any(c.dep_ == "dobj" and c.lower_ == "you" for c in children(verb))
