"""Which place in an event's sentence is where the event happened.

A place counts only when it belongs to the event (GUIDELINES §11 rule 4): it is the object
of a locative preposition ("talks in Istanbul", "off the Korean peninsula", "strikes on
Kharkiv", "outside Cologne's cathedral", "in the northern city of Mazar-i-Sharif") or a
place modifier of the trigger ("the Kharkiv strikes"), and that phrase hangs off the trigger,
the verb of its clause, or a non-subject noun of that clause. A phrase on the subject ("a
spokesman in Berlin said the attack was suppressed") describes the subject, not the event;
a place anywhere else is a metonym or an argument ("Pyongyang warned", "talks with Moscow").

Verbal acts (statements, accusations, demands) also take the venue of the verb that reports
them ("told reporters in Manila that ..."); physical acts never do ("officials in Seoul said
the North fired ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from detente.extract.tokens import children, doc_tokens, sentence
from detente.extract.where.places import PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Attached", "attach"]

# Prepositions that place what they attach to. "on" places a strike ("strikes on Kharkiv")
# as well as a region ("on the Korean peninsula").
_LOCATIVE = frozenset({"in", "at", "near", "off", "outside", "inside", "across", "throughout",
                       "within", "around", "along", "on", "aboard", "beside"})
# "from" places a launch or a speaker ("fired from Hwangju", "From Washington, ...") but is
# weaker: "returned from Moscow" names where someone was before.
_SOURCE = frozenset({"from"})
# "to"/"into" give the place of a visit, a deployment or aid ("a trip to Seoul", "troops
# into Poland"), never of an attack (a missile fired toward the sea: the path, not the place).
_GOAL = frozenset({"to", "into"})
_GOAL_CATEGORIES = frozenset({"CONSULT", "MOBILIZE", "AID"})
# Verbs whose object is the place itself: "visited Moscow", "toured the DMZ".
_PLACE_OBJECT_VERBS = frozenset({"visit", "tour", "reach", "enter", "invade", "bomb", "shell",
                                 "strike", "raid", "attack", "occupy", "storm", "annex"})
# Prepositions that introduce where words were said: "at a briefing in Beijing".
_VENUE = frozenset({"in", "at", "during", "from", "inside", "outside"})
# Prepositions that open a reason, a topic or a comparison: a place under them belongs to
# that, not to the event ("a reprisal for airstrikes in Kunduz", "talks about the war in
# Donbas", "angry over the strikes in Gaza"). Time ("arrested after a shooting in Paris")
# keeps the place: what follows an event mostly happens where it did.
_OTHER_MATTER = frozenset({"for", "about", "over", "than", "like", "unlike", "despite",
                           "because"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_VERBAL_QUADS = frozenset({1, 3})
# Specific places before broad ones when two phrases tie ("in Mazar-i-Sharif, Afghanistan").
_SPECIFIC = {"city": 0, "admin1": 1, "region": 2, "sea": 3, "country": 4}


@dataclass(frozen=True, slots=True)
class Attached:
    """A place mention that belongs to the event, and how firmly (lower rank is firmer)."""

    mention: PlaceMention
    rank: int
    how: str  # "in", "on", "from", "compound", "object", ...


def _governor(tok: Token) -> Token:
    """The first verb at or above ``tok`` (the clause it sits in)."""
    for _ in range(12):
        if tok.pos_ in _CLAUSE_POS or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _anchors(trigger: Token, verbal: bool) -> dict[int, int]:
    """Token index to rank of the tokens a place phrase may hang off."""
    gov = _governor(trigger)
    out = {trigger.i: 0}
    out.setdefault(gov.i, 1)
    # "agreed to meet in Doha": the clause verb may sit in an xcomp of the governor.
    if gov.dep_ in ("xcomp", "conj") and gov.head.pos_ in _CLAUSE_POS:
        out.setdefault(gov.head.i, 2)
    # "ordered the drill to be conducted from Pyongyang": the object's own verb.
    if trigger.dep_ in ("dobj", "obj") and trigger.head.i == gov.i:
        for c in children(gov):
            if c.dep_ == "xcomp" and c.i > trigger.i:
                out.setdefault(c.i, 2)
    if verbal:
        # The reporting verb's venue, up a chain of clauses ("struck a conciliatory note in
        # the ROK, expressing ..., urging Pyongyang to ..."), but not past a subject clause.
        rank = 3
        while gov.dep_ in ("ccomp", "xcomp", "advcl", "parataxis", "conj") and \
                gov.head.i != gov.i and rank < 6:
            gov = _governor(gov.head)
            out.setdefault(gov.i, rank)
            rank += 1
    return out


def _phrases(mention: PlaceMention, doc: Doc) -> list[tuple[Token, str]]:
    """How the mention's noun phrase joins the sentence: each (token, relation) pair says
    "this token hangs off its head by this relation" (a preposition's word, "compound" for
    a place modifier of a noun, "object" for the object of a place verb). Empty when the
    mention is no adjunct (a subject, an object of "with")."""
    tokens = doc_tokens(doc)
    tok = tokens[mention.end - 1]
    for t in tokens[mention.start:mention.end]:  # the mention's own root
        if not (mention.start <= t.head.i < mention.end) or t.head.i == t.i:
            tok = t
            break
    out: list[tuple[Token, str]] = []
    for _ in range(8):
        dep = tok.dep_
        head = tok.head
        if head.i == tok.i:
            break
        if (dep in ("pobj", "pcomp") and head.dep_ in ("prep", "dative")) or dep == "prep":
            prep = head if dep in ("pobj", "pcomp") else tok
            if prep.lower_ == "of":  # "the city of Mazar-i-Sharif": keep climbing
                tok = prep.head
                continue
            out.append((prep, prep.lower_))
            break
        if dep in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN"):
            out.append((tok, "compound"))  # "the Kharkiv strikes", "in the Hwangju area"
            tok = head
            continue
        if dep in ("poss", "appos", "conj", "npadvmod"):
            tok = head
            continue
        if dep in ("dobj", "obj"):
            # "held drills off the peninsula" parsed as a phrasal verb "drills off": the
            # particle before the object is the preposition it stands for.
            particle = [c for c in children(head)
                        if c.dep_ == "prt" and c.lower_ in _LOCATIVE and c.i < tok.i]
            if particle:
                out.append((particle[0], particle[0].lower_))
            elif head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.tag_ in (
                    "VBG", "VBN"):
                # "in neighbouring Botswana", "in occupied Crimea" parsed as a verb's object
                out.append((head.head, head.head.lower_))
            elif head.lemma_ in _PLACE_OBJECT_VERBS:
                out.append((tok, "object"))
        break
    return out


def _other_matter(tok: Token) -> bool:
    """A preposition that opens a reason, topic or comparison; "for" with a span of time
    ("for the first time", "for two days") opens none."""
    if tok.dep_ != "prep" or tok.lower_ not in _OTHER_MATTER:
        return False
    objs = [c for c in children(tok) if c.dep_ == "pobj"]
    return not (tok.lower_ == "for" and objs and (
        objs[0].lemma_ in _SPANS or objs[0].ent_type_ in ("DATE", "TIME")))


# Nouns of time after "for": "for the first time", "for years".
_SPANS = frozenset({"time", "moment", "hour", "day", "night", "week", "month", "year",
                    "decade", "while"})


def _hangs_off(start: Token, anchors: dict[int, int], *, verbal: bool) -> int | None:
    """The rank of the anchor ``start`` reaches by climbing nouns and prepositions, without
    crossing a subject, another clause or a preposition that opens another matter ("a
    reprisal for airstrikes in Kunduz"); None when it reaches none. For a verbal act the
    climb goes only through venue phrases ("at a briefing in Beijing"), never through what
    was said ("condemned attacks on Ukraine", "called for peace on the peninsula")."""
    tok = start
    extra = 0
    for _ in range(10):
        if tok.i in anchors:
            return anchors[tok.i] + extra
        if tok.dep_ in _SUBJECTS or tok.head.i == tok.i or tok.pos_ in _CLAUSE_POS:
            return None
        if _other_matter(tok):
            return None
        if verbal and not ((tok.dep_ == "prep" and tok.lower_ in _VENUE)
                           or (tok.dep_ == "pobj" and tok.head.lower_ in _VENUE)):
            return None
        tok = tok.head
        extra = 1
    return None


def _agents(trigger: Token, source: str | None, institutional: bool
            ) -> tuple[set[int], set[int]]:
    """The nouns for the one who acts, whose place is the act's: (nouns a place modifier
    places, for a physical act: the noun its clause describes, "The Las Vegas shooter, who
    killed 59", and its subject, "the Kharkiv gunman opened fire"; subjects an "in" phrase
    places, when the subject is the event's source: "Prosecutors in Taiwan say they are
    investigating", not "a spokesman in Berlin said the attack was suppressed")."""
    gov = _governor(trigger)
    modified: set[int] = set()
    if gov.dep_ == "relcl" and gov.head.pos_ in ("NOUN", "PROPN"):
        modified.add(gov.head.i)
    subjects = [c for c in children(gov) if c.dep_ in ("nsubj", "nsubjpass")]
    modified.update(c.i for c in subjects)
    located: set[int] = set()
    if subjects and subjects[0].pos_ == "PRON" and gov.dep_ in ("ccomp", "xcomp"):
        subjects = [c for c in children(_governor(gov.head)) if c.dep_ == "nsubj"]
    if source and institutional:
        located.update(c.i for c in subjects[:1] if c.text.lower() in source.lower())
    return modified, located


def attach(mentions: Sequence[PlaceMention], trigger: Token, *, category: str,
           quad_class: int | None, source: str | None = None,
           institutional: bool = False) -> Attached | None:
    """The place mention in the trigger's sentence that says where the event happened.
    ``source`` is the text of the event's source actor; ``institutional`` says the act is
    an authority's (an investigation, a charge, an arrest), placed where the authority is."""
    doc = trigger.doc
    sent = sentence(trigger)
    # Meetings and visits are physical acts even though CAMEO counts them as verbal.
    verbal = quad_class in _VERBAL_QUADS and category != "CONSULT"
    anchors = _anchors(trigger, verbal)
    physical = quad_class in (2, 4) and not verbal
    modified, located = _agents(trigger, source, institutional or physical)
    best: tuple[tuple[int, int, int], Attached] | None = None
    for m in mentions:
        if not (sent.start <= m.start < sent.end):
            continue
        rank: int | None = None
        for tok, how in _phrases(m, doc):
            r: int | None
            if how == "compound" and (verbal or any(
                    p.precision == "city" and p.population == 0 for p in m.candidates)):
                # "U.N. sanctions", "Kremlin statement": an actor, not a place, nor is it
                # one further up ("in defiance of United Nations sanctions").
                rank = None
                break
            elif how in ("compound", "object"):
                r = anchors.get(tok.head.i)
                if r is None and how == "compound" and physical and tok.head.i in modified \
                        and all(p.precision in ("city", "admin1") for p in m.candidates):
                    r = 5  # "the Las Vegas shooter, who killed 59"
            elif how == "in" and tok.head.i in located:
                r = 6  # "Prosecutors in Taiwan say they are investigating"
            elif how == "on" and category != "ASSAULT" and any(
                    p.precision == "country" for p in m.candidates):
                r = None  # "sanctions on Russia", "pressure on Russia": the target, no place
            elif how in _LOCATIVE or (how in _GOAL and category in _GOAL_CATEGORIES):
                r = _hangs_off(tok.head, anchors, verbal=verbal)
            elif how in _SOURCE:
                r = _hangs_off(tok.head, anchors, verbal=verbal)
                r = None if r is None else r + 2
            else:
                r = None
            if r is not None and (rank is None or r < rank):
                rank, kind = r, how
        if rank is None:
            continue
        place_rank = min(_SPECIFIC.get(p.precision, 5) for p in m.candidates)
        key = (rank, place_rank, m.start)
        if best is None or key < best[0]:
            best = (key, Attached(m, rank, kind))
    return None if best is None else best[1]


# Prepositions that set a scene in an article's lead: "in the northern city of Mazar-i-Sharif",
# "at the consulate in Herat", "near Kharkiv", "outside Cologne's cathedral".
_SCENE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off"})
_SCENE_PRECISIONS = frozenset({"city", "admin1", "region"})


def lead_scene(mentions: Sequence[PlaceMention], doc: Doc, *,
               sentences: int = 3) -> PlaceMention | None:
    """The place the article's lead sets its story in: the first city, state or region in
    its first ``sentences`` sentences that is the object of a scene preposition hanging off
    a verb's phrase, not off its subject ("Officials in Seoul said": where the officials
    sit), and not under a preposition that opens another matter ("a reprisal for airstrikes
    near Kunduz"). It holds for the article's physical acts whose sentences name no place
    (:mod:`detente.extract.where.stage`), whether or not the lead's own act was coded."""
    if not mentions or not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return None
    sents = list(islice(doc.sents, sentences))
    if not sents:
        return None
    end = sents[-1].end
    for m in mentions:
        if m.start >= end:
            break
        if m.demonym or m.seat or not any(p.precision in _SCENE_PRECISIONS
                                          for p in m.candidates):
            continue
        for tok, how in _phrases(m, doc):
            if how in _SCENE_PREPS and _reaches_root(tok.head):
                return m
    return None


def _reaches_root(start: Token) -> bool:
    """Whether ``start`` climbs to its sentence's root through a verb, crossing no subject
    and no preposition that opens another matter."""
    tok = start
    verb = False
    for _ in range(24):
        verb = verb or tok.pos_ in _CLAUSE_POS
        if tok.head.i == tok.i:
            return verb
        if tok.dep_ in _SUBJECTS or _other_matter(tok):
            return False
        tok = tok.head
    return False
