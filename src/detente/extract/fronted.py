"""The subject of a clause that opens with a fronted phrase, when the parser hung that
subject on the phrase ("While condemning North Korea's actions, Moscow and Beijing
continue ...": the small model reads "Moscow" as in apposition to "actions"; "From
Washington, Susan Rice, the adviser, said ...": "Rice" as a conjunct of "Washington").

Shared by the events and quotes layers, which both need who performs a verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["fronted_subject"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Fronted phrases the parser may swallow the subject into: "While condemning ...",
# "From Washington, ...", "After talks with Iran, ...".
_FRONTED = frozenset({"prep", "advcl", "npadvmod"})
# Named actors only: a common noun after a comma is usually a list item or an aside.
_NAMED = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def fronted_subject(verb: Token) -> Token | None:
    """The named phrase that ends a fronted phrase right before ``verb``, set off from it
    by a comma and attached inside it as an apposition or a conjunct, when ``verb`` has no
    subject of its own: the subject the parse lost. None otherwise."""
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ == "VB" or any(
            c.dep_ in _SUBJECTS for c in children(verb)):
        return None
    doc = verb.doc
    for phrase in children(verb):
        if phrase.i >= verb.i or phrase.dep_ not in _FRONTED:
            continue
        if any(not t.is_punct for t in doc[phrase.right_edge.i + 1: verb.i]):
            continue  # the phrase must run up to the verb
        for tok in phrase.subtree:
            if tok.dep_ not in ("appos", "conj") or not (
                    tok.pos_ == "PROPN" or tok.ent_type_ in _NAMED):
                continue
            left = tok.left_edge.i
            if left == 0 or doc[left - 1].text != "," or any(
                    not t.is_punct for t in doc[tok.right_edge.i + 1: verb.i]):
                continue
            return tok
    return None
