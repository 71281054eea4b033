"""The phrase of an argument: its extent, its coordinated members, and how clearly it names
an actor.

:func:`arg_span` gives the characters of the noun phrase a head token heads,
:func:`expand_conj` the heads coordinated with it or listed by it, :func:`subject_tokens`
the tokens of a subject's phrase, :func:`actorness` how clearly a head names an actor (from
the NER labels, the actors stage's mention spans and the actor nouns in ``cues.tsv``) and
:func:`path_target` the actor on a launch's path. Syntax helpers shared with
:mod:`detente.extract.events.args`, which finds the arguments themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events.args import ACTOR_ENTS, child, is_dash, pobj
from detente.extract.events.groups import group_members
from detente.extract.fronted import fronted_subject
from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["actorness", "arg_span", "expand_conj", "opens_clause", "path_target",
           "subject_tokens"]

# Right-hand modifiers kept in an argument's span: names and short "of"/"for"/"in" phrases
# ("spokesman for President X", "court in Bishkek"); clauses and long phrases are cut.
_KEEP_RIGHT = ("compound", "flat", "nummod", "appos", "poss", "amod", "case")
_KEEP_PREPS = ("of", "for", "in")
_MAX_PREP_TOKENS = 7
# Prepositions of a launch's path: "fired a missile over Japan".
_PATH_PREPS = frozenset({"over", "toward", "towards", "through", "across"})


# Signatories a joint statement lists ("We, the leaders of A, B, C and D, condemn"): more
# than the usual cap on coordinated actors, as the gold codes one event per signatory.
_MAX_LISTED = 8


def _listed_members(head: Token) -> list[Token]:
    """"We, the leaders of A, B and C": the members an apposition to a pronoun lists."""
    if head.pos_ != "PRON":
        return []
    for c in children(head):
        if c.dep_ != "appos":
            continue
        for p in children(c):
            if p.dep_ == "prep" and p.lower_ == "of":
                first = pobj(p)
                if first is not None and any(g.dep_ == "conj" for g in children(first)):
                    return expand_conj(first, _MAX_LISTED)
    return []


def subject_tokens(subj: Token, act: Token) -> set[int]:
    """The token indices of the subject's phrase, less a clause inside it that holds the
    act ("The U.S. leader, who will visit South Korea": visit's object is not the
    subject's)."""
    out = set(range(subj.left_edge.i, subj.right_edge.i + 1))
    for c in children(subj):
        if c.dep_ in ("relcl", "acl") and c.left_edge.i <= act.i <= c.right_edge.i:
            out -= set(range(c.left_edge.i, c.right_edge.i + 1))
    return out


def expand_conj(head: Token, limit: int = 4) -> list[Token]:
    """``head`` and the heads coordinated with it ("India and China" gives both), the
    members it lists ("partners, including India and China"), or the actors it sums up
    ("the two countries": see :func:`group_members`)."""
    if not any(c.dep_ == "conj" for c in children(head)):
        members = group_members(head)
        if members:
            return members[:limit]
    listed = _listed_members(head)
    if listed:
        return listed
    out = [head]
    stack = [c for c in children(head) if c.dep_ == "conj"]
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        # "talks with Israel and with Hamas": the repeated preposition's object too
        prep = head.head
        stack += [g for c in children(prep) if c.dep_ == "conj" and c.lower_ == prep.lower_
                  for g in children(c) if g.dep_ == "pobj"]
    for c in children(head):
        # "countries like Iran": members; "Tunisia, like France, has": a comparison
        if c.dep_ == "prep" and (c.lower_ == "including" or (
                c.lower_ == "like" and head.pos_ != "PROPN")):
            stack.extend(g for g in children(c) if g.dep_ == "pobj")
    while stack and len(out) < limit:
        c = stack.pop(0)
        if c.pos_ in ("NOUN", "PROPN", "PRON") and not opens_clause(c):
            out.append(c)
            stack.extend(g for g in children(c) if g.dep_ == "conj")
    return out


def opens_clause(conjunct: Token) -> bool:
    """Whether a conjunct is the subject of a clause of its own that the parser left
    without one ("denied by fanatics and France is their target": "France is", not
    "fanatics and France"): a finite verb with no subject follows its phrase."""
    doc = conjunct.doc
    nxt = conjunct.right_edge.i + 1
    if nxt >= len(doc) or conjunct.right_edge.pos_ in ("CCONJ", "PUNCT"):
        return False  # "weapons and missiles" mis-tagged as a verb: still one phrase
    verb = doc[nxt]
    while verb.pos_ == "AUX" and verb.dep_ == "aux" and verb.head.i > verb.i:
        verb = verb.head
    if not (verb.tag_ in ("VBZ", "VBD", "VBP", "MD") and verb.dep_ in ("conj", "ROOT") and
            not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children(verb))):
        return False
    # "While condemning X's actions, Moscow and Beijing continue": the phrase is the
    # verb's lost subject, of which the conjunct is a part
    fronted = fronted_subject(verb)
    return fronted is None or conjunct.i not in {t.i for t in fronted.subtree}


def arg_span(head: Token) -> tuple[int, int]:
    """Character offsets of the noun phrase headed by ``head`` (no clauses, no conjuncts)."""
    start_tok = head
    for c in head.lefts:
        if c.dep_ in ("punct", "cc", "preconj"):
            continue
        if any(is_dash(t) for t in head.doc[c.right_edge.i + 1: head.i]):
            continue  # "Kenya — Somalia": a dateline glued to the name
        start_tok = c.left_edge if c.left_edge.i < start_tok.i else start_tok
        break
    end_tok = head
    for c in head.rights:
        if c.dep_ in _KEEP_RIGHT or (c.dep_ == "prep" and c.lower_ in _KEEP_PREPS and \
                c.right_edge.i - c.i < _MAX_PREP_TOKENS):
            end_tok = c.right_edge
        elif c.dep_ == "punct" and c.lower_ == "," and child(head, "appos") is not None:
            continue
        else:
            break
    # Never swallow a coordinated actor into this one ("India and China").
    for t in head.doc[head.i + 1: end_tok.i + 1]:
        if t.dep_ in ("cc",) and t.head.i == head.i:
            end_tok = head.doc[t.i - 1]
            break
    while end_tok.i > head.i and end_tok.is_punct:
        end_tok = head.doc[end_tok.i - 1]
    while start_tok.i < head.i and (start_tok.is_punct or start_tok.dep_ == "cc"):
        start_tok = head.doc[start_tok.i + 1]
    return start_tok.idx, end_tok.idx + len(end_tok.text)


def actorness(head: Token, actor_nouns: frozenset[str],
              mention_spans: list[tuple[int, int]] | None = None) -> int:
    """How clearly a noun phrase head names an actor: 3 a resolved mention, 2 a named
    entity or actor noun, 1 a proper noun or personal pronoun, 0 a thing or an act."""
    if mention_spans:
        for start, end in mention_spans:
            if start <= head.idx < end:
                return 3
    if head.ent_type_ in ACTOR_ENTS:
        return 2
    if head.lemma_.lower() in actor_nouns or head.lower_ in actor_nouns:
        return 2
    if any(c.dep_ == "compound" and c.ent_type_ in ACTOR_ENTS for c in children(head)):
        return 2
    if head.pos_ == "PROPN":
        return 1
    if any(c.dep_ in ("amod", "poss") and c.ent_type_ in ACTOR_ENTS for c in children(head)):
        return 1  # "Russian waters", "Russia's partners"
    if head.pos_ == "PRON" and head.lower_ in ("he", "she", "they", "we", "i", "him", "her",
                                               "them", "us", "who"):
        return 1
    return 0


def path_target(token: Token, taken: set[int], actor_nouns: frozenset[str],
                territory: frozenset[str], spans: list[tuple[int, int]]) -> Token | None:
    """The object of "over", "toward", "through" or "across" in the act's phrase (its
    object's relative clause included) naming an actor or an actor's territory."""
    for tok in token.subtree:
        if tok.dep_ != "prep" or tok.lower_ not in _PATH_PREPS:
            continue
        for obj in children(tok):
            if obj.dep_ != "pobj" or obj.i in taken:
                continue
            if actorness(obj, actor_nouns, spans) > 0 or (
                    obj.lemma_.lower() in territory and any(
                        c.dep_ in ("poss", "amod", "compound") and actorness(
                            c, actor_nouns, spans) > 0 for c in children(obj))):
                return obj
    return None
