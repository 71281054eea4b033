"""Clause-level helpers of the event coder: headings, pronoun antecedents, which act nouns
are events (predicated threats, time anchors, the grounds of a charge), who acts (a
governing verb's subject, a participle's agent, coordinated mentions, "between" parties)
and who receives (an indirect object). Pure functions over the spaCy parse;
:mod:`detente.extract.events.stage` uses them."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from detente.extract.events.args import find_subject
from detente.extract.events.frames import Act
from detente.extract.events.ontology import MUTUAL_CATEGORIES
from detente.extract.events.participles import by_agent, reduced_relative
from detente.extract.events.phrases import actorness, expand_conj, opens_clause
from detente.extract.nlp import doc_text, span_text
from detente.extract.tokens import children, sentence
from detente.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "MAX_PER_SIDE",
    "SET_TERMS",
    "addressee",
    "antecedent",
    "behest_agent",
    "between_parties",
    "convening",
    "coordinated_mentions",
    "copular_state",
    "courtesy",
    "defender",
    "governing_subject",
    "grounds",
    "has_country",
    "heading_ranges",
    "indirect_object",
    "inside",
    "interrogative",
    "locative",
    "mutual",
    "opinion",
    "participle_agent",
    "predicated",
    "questioned",
    "reflexive",
    "time_anchor",
    "topic_phrase",
    "topic_tokens",
    "unaddressed",
    "undergone",
    "with_partner",
]

# Coordinated actors expanded per side ("India and China" gives two events).
MAX_PER_SIDE = 4
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# What may stand between two coordinated actor mentions: "and", commas, and the title or
# adjective words that open the next name ("and Russian President").
_COORD_GAP = re.compile(r"(?:\s*,)?\s+and\s+(?:[A-Z][\w.-]*\s+){0,3}|\s*,\s*")


# Meetings that need no one on the other side: a mediator's role ("brokered by the Red
# Cross", CAMEO 045) and a leader convening a body of its own ("convened the National
# Security Council"). The real_dev GUIDELINES code both as CONSULT with no target.
_UNADDRESSED_CAMEO = frozenset({"045"})
_CONVENING = frozenset({"convene"})
# Verbs that hold their subject in the state a prepositional act noun names: "forces were
# on high alert", "the two sides are in talks", "troops remained on standby" (not "under":
# "X was under surveillance / pressure / arrest" undergoes the act).
_COPULAS = frozenset({"be", "remain", "stay"})


def unaddressed(act: Act) -> bool:
    """Whether a CONSULT act is coded with no target: mediation, or convening a meeting."""
    if act.category != "CONSULT":
        return False
    return act.cameo in _UNADDRESSED_CAMEO or act.token.lemma_.lower() in _CONVENING or \
        act.arg_token.lemma_.lower() in _CONVENING


def convening(act: Act) -> bool:
    """Whether a CONSULT act is a leader convening a meeting ("convened the National
    Security Council", "convened an emergency meeting"): a body of its own meets, no one
    on the other side (the real_dev GUIDELINES: target null)."""
    return act.category == "CONSULT" and (act.token.lemma_.lower() in _CONVENING or
                                          act.arg_token.lemma_.lower() in _CONVENING)


def copular_state(noun: Token) -> bool:
    """An act noun that is the predicate of its clause through a preposition ("X were on
    high alert", "X are in talks with Y"): the copula's subject is in that state, so the
    noun is the point of the clause, not a phrase buried in it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("on", "in"):
        return False
    verb = prep.head
    return verb.i != prep.i and verb.lemma_.lower() in _COPULAS


# Verbs and nouns of defending: "Ukraine defends itself from Russian aggression", "in its
# defense against Russian aggression", "efforts to resist Russia's invasion". The one
# defending is who the attack named by the "from"/"against" object (or the resisted
# object) is done to.
_DEFENDING = frozenset({"defend", "protect", "shield", "resist", "repel", "defense",
                        "defence", "protection", "resistance"})


def defender(noun: Token) -> Token | None:
    """Who defends against the act a noun names, when the noun is what a verb or noun of
    defending is against ("X defends itself from Russian aggression": X), or None."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("from", "against"):
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    if head.lemma_.lower() not in _DEFENDING or head.i == noun.i:
        return None
    who = find_subject(head) if head.pos_ in ("VERB", "AUX") else next(
        (c for c in children(head) if c.dep_ == "poss"), None)
    if who is not None and who.lower_ in ("it", "its"):
        # "stand by Ukraine as it defends itself", "supporting Ukraine in its defense": the
        # country named last before the pronoun in its sentence.
        doc = who.doc
        return next((t for t in reversed(doc[sentence(who).start:who.i]) if t.ent_type_ == "GPE"
                     and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I")), None)
    return who


def with_partner(trigger: Token, nouns: frozenset[str],
                  spans: list[tuple[int, int]]) -> bool:
    """Whether the act names a partner with "with" ("in coordination with international
    partners", "met with Zelensky"): then coordinated subjects act together on the
    partner, not on each other."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.dep_ == "pobj" and actorness(g, nouns, spans) > 0 for g in children(c))
        for c in children(trigger))


def has_country(actor: Actor) -> bool:
    return bool(actor.country or (actor.code and actor.code.startswith(("IGO", "NGO", "IMG"))))


def heading_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the title and section headings of a multi-line article: lines of
    at most 20 words with no closing punctuation."""
    if "\n" not in text.strip():
        return []
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and len(s.split()) <= 20 and not s.endswith(
                (".", "!", "?", '"', "\u201d", ":", ";", ",")):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def inside(token: Token, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in ranges)


def antecedent(pron: Token) -> Token | None:
    """The person "he"/"she" most likely refers to: in the nearest earlier sentence (this
    one first) naming a person, its subject if a person, else the last person named. A
    name the writer put in brackets right after the pronoun ("He (Abe) will") is meant."""
    doc = pron.doc
    if pron.i + 3 < len(doc) and doc[pron.i + 1].text == "(" and \
            doc[pron.i + 2].ent_type_ == "PERSON":
        return doc[pron.i + 2]
    sent = sentence(pron)
    for _ in range(3):
        end = pron.i if sent.start <= pron.i < sent.end else sent.end
        names = [t for t in doc[sent.start:end] if t.ent_type_ == "PERSON"
                 and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I")]
        for t in names:
            if t.dep_ in ("nsubj", "nsubjpass"):
                return t
        if names:
            return names[-1]
        if sent.start == 0:
            return None
        sent = sentence(doc[sent.start - 1])
    return None


_PREDICATING = frozenset({"be", "pose", "represent", "constitute", "remain", "become", "see",
                          "consider", "call", "describe", "view", "regard", "label", "brand",
                          # "did not detect a threat to Japanese territory": perceived
                          "detect", "perceive", "sense", "identify"})


# Threat nouns that name terms someone sets, not a quality: "that is the deadline set by X".
SET_TERMS = frozenset({"deadline", "ultimatum"})


def predicated(act: Act) -> bool:
    """A threat noun said of someone ("X is / poses / represents a threat", "sees X as a
    threat") evaluates X: the speaker accuses X (the evaluative stage codes it); X threatens
    no one."""
    tok = act.token
    if act.category != "THREATEN" or tok.pos_ != "NOUN" or tok.i != act.arg_token.i \
            or tok.lemma_.lower() in SET_TERMS:
        return False
    head = tok.head
    if tok.dep_ in ("attr", "oprd", "acomp"):
        return True
    if tok.dep_ == "pobj" and head.lower_ == "as":
        return True
    return tok.dep_ == "dobj" and head.lemma_.lower() in _PREDICATING


# Prepositions by which an act noun only dates another clause ("after the meeting",
# "ahead of the summit", "heading into the talks"): GUIDELINES of real_dev, section 3,
# "mentions that only anchor time" are not events.
_TIME_PREPS = frozenset({"after", "before", "following", "during", "into", "since", "until"})


def time_anchor(act: Act) -> bool:
    """An act noun that is the object of a time preposition ("after a meeting") and names
    no agent of its own ("after Putin's visit" still says who visited)."""
    tok = act.token
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj":
        return False
    prep = tok.head
    word = prep.lower_
    if word == "of" and prep.head.lower_ == "ahead":
        word = "before"
    if word not in _TIME_PREPS:
        return False
    return not any((c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON", "ADJ"))
                   or (c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE"))
                   or (c.dep_ == "prep" and c.lower_ in ("by", "with", "between"))
                   for c in children(tok))


def undergone(act: Act) -> bool:
    """An act noun its clause's subject is under ("the premier is under investigation",
    "Guam came under threat", "a city under attack"): the subject receives the act; who
    does it is not the subject, and is not coded here."""
    tok = act.token
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "under"


# Nouns that state a charge: "on suspicion of violating", "on charges of murdering".
_CHARGE_NOUNS = frozenset({"suspicion", "charge", "accusation", "allegation", "count",
                           "ground", "conviction"})


def grounds(act: Act) -> bool:
    """A verb act that is only the grounds of what is done to someone: the gerund of "for"
    or "of" after a verb with an object ("seized the ship for violating sanctions", "accused
    police of keeping her from ...") or after a charge noun ("on suspicion of violating").
    It is alleged of the object, not done by the subject; the outer act is the event."""
    tok = act.token
    for _ in range(3):  # "on suspicion of stalking and threatening her"
        if tok.dep_ != "conj" or tok.head.i == tok.i or tok.head.pos_ != "VERB":
            break
        tok = tok.head
    if tok.pos_ != "VERB" or tok.dep_ != "pcomp" or tok.tag_ != "VBG":
        return False
    prep = tok.head
    if prep.lower_ not in ("for", "of") or prep.head.i == prep.i:
        return False
    head = prep.head
    if head.pos_ == "NOUN":
        return head.lemma_.lower() in _CHARGE_NOUNS
    return head.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") for c in children(head))


def addressee(verb: Token) -> Token | None:
    """Whom a request verb addresses: its object or the object of "on", "upon" or "to"
    when an infinitive says what is asked ("urged Russia to", "called on Iran to")."""
    for c in children(verb):
        if c.dep_ in ("advcl", "ccomp", "xcomp") and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in children(c)):
            # "called for police to solve the crimes": the infinitive's subject is asked
            return next((g for g in children(c) if g.dep_ == "nsubj"), None)
    if not any(c.dep_ in ("xcomp", "ccomp") for c in children(verb)):
        return None
    clause = next((c for c in children(verb) if c.dep_ == "ccomp"), None)
    if clause is not None and not any(c.dep_ in ("dobj", "dative", "iobj") or (
            c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")) for c in children(verb)):
        # "proposed that Seoul and Washington postpone the drills": the clause's subject
        # is asked.
        subj = next((c for c in children(clause) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
            return subj
    for c in children(verb):
        if c.dep_ in ("dobj", "dative", "iobj") and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to"):
            obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


_ASKING = frozenset({"ask", "wonder", "question", "inquire", "enquire"})


def questioned(act: Act) -> bool:
    """An act that is only asked about: a "whether" clause ("debated whether the soldier
    should have struck back", "it is unclear whether they met"), or the "if" clause of a
    verb of asking ("Asked if China would investigate those named, ..."). The question is
    someone's, not an act of its subject."""
    tok = act.arg_token
    for _ in range(3):
        if tok.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "csubj") or tok.head.i == tok.i:
            return False
        if tok.dep_ != "conj" and any(c.dep_ == "mark" and c.lower_ == "whether"
                                      for c in children(tok)):
            return True
        if tok.dep_ != "conj" and any(c.dep_ == "mark" and c.lower_ == "if"
                                      for c in children(tok)):
            return tok.head.lemma_.lower() in _ASKING
        tok = tok.head
    return False


# Verbs of agreeing, which also say that someone shares a view ("the spokesman agreed",
# "we agreed the campaign has to be central", "she agrees it's a stretch").
_AGREEING = frozenset({"agree", "concur"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "\u2019ll"})


def courtesy(act: Act) -> bool:
    """"Thank you" said as a courtesy ("Mr. Lavrov, thank you very much", "have you said
    thank you once?"): "thank" with "you" and no subject of its own thanks no one for
    anything done; "we thank Japan for its help" still praises."""
    tok = act.token
    return tok.lemma_.lower() == "thank" and tok.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in children(tok)) and any(
        c.dep_ == "dobj" and c.lower_ == "you" for c in children(tok)) and not any(
        c.dep_ == "prep" and c.lower_ == "for" for c in children(tok))


def opinion(act: Act) -> bool:
    """Agreeing with a view, not to an act: "agree" with no act agreed to (no infinitive,
    object or "to"/"on" phrase), or with a finished clause that states an opinion ("agreed
    the pressure campaign has to be central"; "agreed that they would meet" still commits
    them). Sharing a view is no AGREE event between actors."""
    tok = act.token
    if act.category != "AGREE" or tok.pos_ != "VERB" or tok.lemma_.lower() not in _AGREEING:
        return False
    if any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon"))
           for c in children(tok)):
        return False
    if any(d.pos_ in ("VERB", "AUX") and any(g.dep_ == "aux" and g.lower_ == "to"
                                             for g in children(d))
           for c in children(tok) if c.dep_ not in ("ccomp", "conj") for d in c.subtree):
        return False  # "agreed with the Social Democrats to enter into talks"
    clause = next((c for c in children(tok) if c.dep_ == "ccomp"), None)
    if clause is None:
        return True
    return not any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children(clause))


def interrogative(act: Act) -> bool:
    """An act in a yes/no question ("Did the Western media vilify Cameron?", "Have you
    said thank you once?"): the sentence ends with a question mark and its main verb's
    auxiliary comes before its subject. A question is asked, not done; "What if Russia
    breaks the ceasefire?" (no inversion) still reads as a hypothetical."""
    sent = sentence(act.token)
    if not span_text(sent).rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
        return False
    root = sent.root
    subj = next((c for c in children(root) if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return subj is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subj.i
                                    for c in children(root))


_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves",
                         "yourselves", "yourself", "myself"})
_SELF_HELP = frozenset({"AID", "SUPPORT", "COOPERATE"})


def reflexive(act: Act) -> bool:
    """Help or support an actor gives itself ("needs nuclear weapons to protect itself
    from a hostile Washington", "Ukraine defends itself"), also when a frame announces it
    ("is ready to defend itself": no offer to anyone): no one else receives it."""
    if act.category in _SELF_HELP and act.token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in children(act.token)):
        return True
    comp = act.complement
    return act.category in (_SELF_HELP | {"AGREE"}) and comp is not None and \
        comp.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES
                                    for c in children(comp))


_POSS_PRONOUNS = frozenset({"its", "their", "his", "her"})


def governing_subject(act: Act, subj: Token | None) -> Token | None:
    """For an act noun whose only agent is a possessive pronoun ("Russia launched its
    largest assault"), the subject of the verb governing it, when it has one: the pronoun
    refers back to it."""
    noun = act.arg_token
    if subj is None or subj.dep_ != "poss" or subj.lower_ not in _POSS_PRONOUNS or \
            subj.head.i != noun.i or noun.pos_ != "NOUN":
        return subj
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
        if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "attr") and verb.head.i != verb.i:
            verb = verb.head  # "has made no secret of its plans to ..."
    elif noun.dep_ not in ("dobj", "attr", "oprd"):
        return subj
    if verb.i == noun.i or verb.pos_ not in ("VERB", "AUX"):
        return subj
    return find_subject(verb) or subj


_BEHEST_PREPS = frozenset({"at", "on", "upon"})
# Nouns that say at whose behest ("at the request of", "on the orders of"); other nouns
# after "on" are what is acted on ("tariffs on Russia's partners", "insist on Ukraine's
# neutrality").
_BEHEST_NOUNS = frozenset({"request", "invitation", "behest", "order", "instruction",
                           "urging", "initiative", "suggestion", "direction", "demand"})


def behest_agent(noun: Token) -> Token | None:
    """Who asked, when an act noun says at whose behest a clause's subject acts ("the
    Council will meet at the request of the United States", "on the orders of the
    president", "at Japan's invitation"): the noun's "of" object or possessor, else None.
    The subject receives the request; the agent made it."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ not in _BEHEST_PREPS \
            or noun.lemma_.lower() not in _BEHEST_NOUNS:
        return None
    for c in children(noun):
        if c.dep_ == "poss" and c.lower_ not in _POSS_PRONOUNS | {"our", "my", "your"}:
            return c
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((g for g in children(c) if g.dep_ == "pobj"), None)
    return None


def participle_agent(noun: Token) -> Token | None:
    """The "by" agent of a participle that modifies an act noun: "the deadline set by
    Trump", "sanctions imposed by the UN" (whoever set or imposed it did the act)."""
    part = reduced_relative(noun)
    return by_agent(part) if part is not None else None


def topic_tokens(token: Token) -> set[int]:
    """The tokens of what a consultation word says is talked about: its direct object and
    its "on", "about", "over" and "of" phrases ("discussed sanctions on North Korea",
    "a discussion about Syria"), where no party to the talks is named."""
    out: set[int] = set()
    for c in children(token):
        if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("on", "about", "over", "of")):
            out |= {t.i for t in c.subtree}
            # "discussed the launches with South Korea", the "with" hung on the object: the
            # partner, not the topic
            for t in c.subtree:
                if t.dep_ == "prep" and t.lower_ == "with":
                    out -= {g.i for g in t.subtree}
    return out


def topic_phrase(token: Token) -> bool:
    """Whether an act noun or gerund only names a topic: "when it comes to pushing for
    peace (they hide)", "when it comes to sanctions": no one is said to do it."""
    if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ != "to":
        return False
    verb = token.head.head
    return verb.lemma_.lower() == "come" and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in children(verb))


def locative(token: Token) -> bool:
    """The object of "in", "at", "near"...: where an act happened, not who it involved;
    also a name in apposition to it ("in the Russian capital Moscow")."""
    while token.dep_ in ("appos", "compound") and token.head.i != token.i:
        token = token.head
    return bool(token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS)


def mutual(act: Act) -> bool:
    """Whether an act is done with each other when its subject is coordinated ("A and B
    met", "agreed to hold exercises", "signed an agreement"): the mutual categories, and
    CAMEO 057 (sign a formal agreement), which PLOVER files under SUPPORT. Not an offer
    or proposal made together ("Moscow and Beijing proposed a freeze", "A and B invited
    C"): it goes to a third party, not from one to the other."""
    if act.category == "AGREE" and act.token.lemma_.lower() in _OFFERS:
        return False
    return act.category in MUTUAL_CATEGORIES or act.cameo == "057"


# AGREE triggers that offer something to a third party rather than settle with a partner.
_OFFERS = frozenset({"propose", "proposal", "offer", "invite", "invitation"})


def coordinated_mentions(subj: Token, spans: list[tuple[int, int]]) -> list[Token]:
    """Heads of the actor mentions a subject lists when the parse does not coordinate them
    (the small model often reads "U.S. President Donald Trump and Russian President
    Vladimir Putin" as one noun phrase): two or more mentions inside the subject separated
    only by "and" or commas (plus titles and adjectives). Empty when there are fewer."""
    doc = subj.doc
    first, last = subj.left_edge, subj.right_edge
    clause = next((c for c in children(subj) if c.dep_ in ("relcl", "acl") and c.i > subj.i),
                  None)
    if clause is not None:
        # "a missile that could target American and Japanese bases": the names in the
        # subject's own clause are what it acts on, not the subject
        last = doc[max(subj.i, clause.left_edge.i - 1)]
    start, end = first.idx, last.idx + len(last.text)
    inside = sorted((s, e) for s, e in spans if start <= s and e <= end)
    if len(inside) < 2:
        return []
    text = doc_text(doc)
    for (_, e1), (s2, _) in itertools.pairwise(inside):
        gap = text[e1:s2]
        if not _COORD_GAP.fullmatch(gap):
            return []
    heads: list[Token] = []
    for s, e in inside:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and span.root not in heads and not (
                heads and opens_clause(span.root)):  # "by X and Y is their target"
            heads.append(span.root)
    return heads if len(heads) > 1 else []


def between_parties(token: Token) -> list[Token]:
    """The parties of "talks between A and B" (empty unless two or more)."""
    for c in children(token):
        if c.dep_ == "prep" and c.lower_ == "between":
            obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if obj is not None:
                return expand_conj(obj, MAX_PER_SIDE)
    return []


def indirect_object(verb: Token) -> Token | None:
    """Who receives what ``verb`` gives: its indirect object ("gave him a portrait"), else
    its "to" object ("sent a portrait to him")."""
    for c in children(verb):
        if c.dep_ in ("dative", "iobj") and c.lower_ != "to":
            return c
    obj: Token | None = next((c for c in children(verb) if c.dep_ == "dobj"), None)
    # "to" on the verb, or anywhere in the object phrase ("sent a pair of pandas to Tokyo").
    for c in [*children(verb), *(obj.subtree if obj is not None else ())]:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            pobj: Token | None = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None
