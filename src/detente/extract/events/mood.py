"""Whether a sentence says an act happened, and whether the one it names did it.

An act may sit in a condition ("if Russia were to attack"), be weighed or planned rather
than done ("weighed new sanctions", "is expected to meet"), be a warning about what someone
else does rather than a threat ("warned that Kim may be trying to drive a wedge"), or be
an act noun that its sentence's subject labels ("called the strikes terrorism") or answers
("ignored the warning") without doing it. Pure tests over the spaCy parse that
:mod:`detente.extract.events.frames` applies to each act; also the category sets that
decide when an announced act is an offer or a threat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events.args import noun_agent
from detente.extract.events.lexicon import Cues, LexEntry
from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.extract.events.frames import Act

__all__ = ["COOPERATIVE", "HOSTILE", "REPORTING_NOUNS", "answered", "aux_lemmas", "be_to",
           "capability", "caution", "conditional", "figurative", "governing_verbs", "labelled",
           "naming_call", "reported_act", "sought", "speculation"]

# Categories whose stated intention is an offer (AGREE) or a threat (THREATEN): CAMEO codes
# an announced future act as intent (03x) or threat (13x), not as the act itself.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})


def aux_lemmas(tokens: list[Token]) -> set[str]:
    """The auxiliaries on the tokens, each as written and as its lemma ("'ll" and "will")."""
    out: set[str] = set()
    for t in tokens:
        for c in children(t):
            if c.dep_ in ("aux", "auxpass"):
                out.add(c.lower_)
                out.add(c.lemma_.lower())
    return out


# Auxiliaries of the consequence of a condition: "would shoot them down if", "unless
# Congress acts, we will not be able to continue".
_CONSEQUENCE = frozenset({"would", "could", "might", "will", "'ll", "’ll", "shall"})


def conditional(tokens: list[Token]) -> bool:
    """Whether the act sits in an "if"/"unless" clause, also through the verbs it hangs
    from ("if Russia were to start a war": the mark is on "were"), or is the consequence
    of one with "would", "could" or "will" ("Japan would shoot them down if it bought
    ...")."""
    for t in tokens:
        if any(c.dep_ == "aux" and c.lower_ in _CONSEQUENCE for c in children(t)) \
                and any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                                  for g in children(c)) for c in children(t)):
            return True
    for t in tokens:
        for _ in range(3):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children(t)):
                return True
            if _inverted(t):
                return True
            if t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "dobj", "pobj", "prep") \
                    or t.head.i == t.i:
                break
            t = t.head
    return False


def _infinitive(token: Token) -> bool:
    """A "to" infinitive, or a bare one with no subject or auxiliary of its own ("will
    continue to work with allies ..., increase the pressure")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children(token)):
        return True
    return token.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in children(token))


def governing_verbs(carrier: Token) -> tuple[list[Token], bool]:
    """The verbs above an infinitive act that carry its tense and mood, up to the first
    finite one ("we will work with allies to gather evidence to hold Russia accountable":
    "will" is on "work"; "will not be able to continue sending": on "be"), and whether an
    ability word ("able") is on the way, which makes a negated future an inability rather
    than a refusal."""
    out: list[Token] = []
    ability = False
    tok = carrier
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "conj" and (_infinitive(head) or head.dep_ in ("xcomp", "advcl")):
            tok = head
            continue  # "to denounce these moves and to hold Russia accountable"
        if tok.dep_ == "conj" and _infinitive(tok) and head.pos_ in ("VERB", "AUX"):
            out.append(head)  # "will continue to work ..., increase the pressure"
            tok = head
            continue
        if tok.dep_ not in ("xcomp", "advcl") or not _infinitive(tok):
            break
        if head.lemma_.lower() in ("able", "unable") and head.head.i != head.i:
            ability = True
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            break
        out.append(head)
        tok = head
    return out, ability


def be_to(carrier: Token) -> bool:
    """The "be to" future: "Kim is to reopen a hotline", "the talks are to resume"."""
    head = carrier.head
    return carrier.dep_ == "xcomp" and _infinitive(carrier) and head.i != carrier.i and \
        head.lemma_.lower() == "be" and head.pos_ == "AUX" and \
        any(c.dep_ in ("nsubj", "nsubjpass") for c in children(head))


def _inverted(verb: Token) -> bool:
    """An inverted condition: "Had Japan shot down the missile, ...", "Were Russia to
    attack, ...", "Should talks fail, ..." (the auxiliary before the subject, in an
    adverbial clause)."""
    if verb.dep_ != "advcl":
        return False
    aux = next((c for c in children(verb) if c.dep_ in ("aux", "auxpass")
                and c.lower_ in ("had", "were", "should")), None)
    subj = next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if aux is None and verb.lower_ in ("were", "had") and subj is not None and \
            verb.i < subj.i:
        return True  # ("Were Russia to attack": "were" heads the clause)
    return aux is not None and subj is not None and aux.i < subj.i


# Words that leave the act they govern unrealized: "weighed new sanctions", "is expected to
# meet", "a potential meeting", "likely to attack", "hopes to visit" (issue 15, pattern 3).
_SPECULATIVE_HEADS = frozenset({"weigh", "mull", "contemplate", "consider", "discuss", "debate",
                                "explore", "hope", "wish", "likely", "unlikely", "possible",
                                "could", "may", "might", "would"})
# "wants to work with Japan", "has decided to provide": an announced intention (the
# real_dev GUIDELINES' kind "intent"), not speculation.
_PLANNED_HEADS = frozenset({"expect", "schedule", "set", "due", "poise", "want", "seek", "aim",
                            "decide"})
_SPECULATIVE_MODIFIERS = frozenset({"potential", "possible", "proposed", "prospective",
                                    "hypothetical", "likely", "eventual"})
# "an anticipated meeting", "the planned visit": scheduled, kind intent in the GUIDELINES.
_PLANNED_MODIFIERS = frozenset({"planned", "future", "upcoming", "forthcoming", "scheduled",
                                "anticipated", "expected", "impending"})


def speculation(act: Act) -> str | None:
    """"hypothetical" or "planned" when a governing word or a modifier says the act has not
    happened; None otherwise."""
    tok = act.arg_token
    if any(c.dep_ == "amod" and c.lower_ in _SPECULATIVE_MODIFIERS
           for c in children(act.token)):
        return "hypothetical"
    if any(c.dep_ == "amod" and c.lower_ in _PLANNED_MODIFIERS for c in children(act.token)):
        return "planned"
    for _ in range(2):
        if tok.dep_ not in ("xcomp", "dobj", "pobj", "prep") or tok.head.i == tok.i:
            return None
        tok = tok.head
        lemma = tok.lemma_.lower()
        if lemma in _SPECULATIVE_HEADS:
            return "hypothetical"
        if lemma in _PLANNED_HEADS:
            return "planned"
    return None


# Words that state what someone or something can do, not what it did: "able to strike",
# "capable of hitting", "the ability to reach" (issue 15: capability coded as an attack).
_CAPABLE = frozenset({"able", "unable", "capable", "incapable", "ability", "inability",
                      "capability", "capacity"})
_CAN = frozenset({"can", "could"})


def _capable_word(verb: Token) -> Token | None:
    """The word of capability an act verb hangs from ("able to strike": "able"; "capable
    of hitting": "capable"), or None."""
    head = verb.head
    if verb.dep_ in ("xcomp", "acl", "advcl") and head.lemma_.lower() in _CAPABLE:
        return head
    if verb.dep_ == "pcomp" and head.lower_ == "of" and \
            head.head.lemma_.lower() in _CAPABLE:
        return head.head
    return None


def capability(act: Act, cues: Cues) -> bool:
    """Whether a hostile act is only said to be within its doer's power, not done ("it is
    able to strike American cities", "a missile capable of hitting the mainland",
    "missiles that can reach Guam", "Russia will not be able to take Kyiv"): the real_dev
    GUIDELINES code no attack for it. A past ability ("the army was able to take the
    town") happened. Other categories are left to the offer and plan tests ("able to
    meet")."""
    verb = act.arg_token
    if act.category not in HOSTILE or verb.pos_ not in ("VERB", "AUX"):
        return False
    word = _capable_word(verb)
    if word is not None:
        denied = word.lemma_.lower() in ("unable", "incapable", "inability") or any(
            c.dep_ == "neg" for c in (*children(word), *children(word.head)))
        # "was able to" managed it ("was capable of striking" did not): the copula the
        # adjective is the complement of, in the past
        return denied or not (word.lemma_.lower() == "able" and word.dep_ == "acomp"
                              and word.head.tag_ in ("VBD", "VBN"))
    if not any(c.dep_ == "aux" and c.lower_ in _CAN for c in children(verb)):
        return False
    # "missiles that can reach Guam", "its rockets could hit Tel Aviv": what a weapon or
    # a force can do
    doer = verb.head if verb.dep_ == "relcl" else next(
        (c for c in children(verb) if c.dep_ == "nsubj"), None)
    return doer is not None and doer.lemma_.lower() in cues.asset


def figurative(act: Act, cues: Cues) -> bool:
    """Whether an attack or a threat is said of something abstract ("hit a record", "an
    assault on the rules and norms", "targeted voters", "an act threatening the stability
    of the region"): no violence done, no threat made."""
    if act.category not in ("ASSAULT", "THREATEN") or (
            act.category == "THREATEN" and act.token.lemma_.lower() != "threaten"):
        return False
    tok = act.token
    if act.category == "ASSAULT" and act.complement is not None and \
            act.complement.pos_ == "VERB":
        tok = act.complement  # "pledged to fight poverty": what the plan fights
    objects = [c for c in children(tok) if c.dep_ == "dobj"] if tok.pos_ == "VERB" else [
        g for c in children(tok) if c.dep_ == "prep" and c.lower_ in ("on", "against", "upon")
        for g in children(c) if g.dep_ == "pobj"]
    return bool(objects) and all(o.lemma_.lower() in cues.figurative
                                 or o.lower_ in cues.figurative for o in objects)


def caution(act: Act, entries: dict[int, LexEntry], cues: Cues) -> bool:
    """A verb of warning addressed to no one whose clause says what a named third party
    does or will do, with no hostile act and no penalty in it ("warned that Kim may be
    trying to drive a wedge"); "warned Seoul that", "warned that it would retaliate" and
    "warned that Russia would pay a heavy price" stay threats."""
    tok = act.token
    if act.category != "THREATEN" or tok.pos_ != "VERB" or \
            tok.lemma_.lower() not in cues.caution:
        return False
    if any(c.dep_ in ("dobj", "dative", "iobj") or (c.dep_ == "prep" and c.lower_ == "to")
           for c in children(tok)):
        return False
    clause = next((c for c in children(tok) if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subj = next((c for c in children(clause) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN"):
        return False
    for t in clause.subtree:
        entry = entries.get(t.i)
        if entry is not None and entry.category in (*HOSTILE, "THREATEN"):
            return False
        if t.lemma_.lower() in cues.penalty or t.lower_ in cues.penalty:
            return False
    return True


# Verbs that label their object: "called the attack a provocation", "described the move as
# reckless", "branded the strikes terrorism".
_LABELLING = frozenset({"call", "describe", "brand", "label", "term", "dub", "characterize",
                        "characterise", "denounce", "condemn", "decry", "slam", "criticize",
                        "criticise", "hail", "praise", "welcome", "see", "view", "regard",
                        "perceive", "treat"})


def labelled(noun: Token) -> bool:
    """An act noun that is the object of a labelling verb with a predicate ("called the
    kidnappings a disgrace", "denounced the drills as a rehearsal for war", "sees the war
    games as a preparation for invasion"), or that
    predicate itself ("what it termed an attack", "described the raid as an attack"): the
    verb's subject speaks of it and did not do it."""
    if noun.pos_ != "NOUN":
        return False
    verb = noun.head
    if noun.dep_ == "oprd":
        return verb.lemma_.lower() in _LABELLING
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "as":
        verb = verb.head  # "as" hangs on the verb or on its object
        if verb.dep_ == "dobj":
            verb = verb.head
        return verb.lemma_.lower() in _LABELLING
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _LABELLING:
        return False
    # ("view a test of a missile as a trigger": the "as" may hang inside the noun phrase)
    return any(c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"
                                                and c.doc[c.i + 1:c.i + 2].text != "well")
               for c in list(children(verb)) + list(noun.subtree) if c.i > noun.i)


_ASIDE_OPEN = frozenset({"--", "—", "–", "-", "("})
_ASIDE_CLOSE = frozenset({"--", "—", "–", "-", ")"})


def naming_call(verb: Token, cues: Cues) -> bool:
    """Whether "call" names its object rather than telephoning it: the object is no actor
    ("called the election a farce", "called North Korea's threats -- ... -- a crisis"), or
    a second noun phrase follows it, past an aside in dashes or brackets that the parser
    may have read as the main clause ("called Kim -- who ... -- a madman")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() != "call":
        return False
    obj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    if obj.pos_ not in ("PROPN", "PRON") and obj.lemma_.lower() not in cues.actor_noun and \
            obj.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG"):
        return True
    doc = verb.doc
    j = obj.right_edge.i + 1
    if j < len(doc) and doc[j].text in _ASIDE_OPEN:
        close = next((k for k in range(j + 1, min(len(doc), j + 40))
                      if doc[k].text in _ASIDE_CLOSE), None)
        if close is None:
            return False
        j = close + 1
    else:
        return False  # "called Abe on Tuesday", "called Abe a liar" (an "oprd", coded apart)
    while j < len(doc) and (doc[j].tag_ in ("``", "''") or doc[j].text == '"'):
        j += 1
    return j < len(doc) and doc[j].tag_ in ("DT", "JJ", "JJS", "NN", "NNS", "PRP$")


# Verbs of asking for: their object is what someone else would give ("seeks financial
# assistance", "needs help"), not an act of their subject. Not "want": "I want a ceasefire"
# offers one's own part in it (the real_dev GUIDELINES code it AGREE).
_WANTING = frozenset({"seek", "need", "request", "demand", "beg"})
_GIVEN = frozenset({"AID", "SUPPORT", "RETREAT", "CONCEDE"})


def sought(noun: Token, category: str) -> bool:
    """An act noun of giving ("assistance", "support", "release") that a verb of wanting
    takes as its object: the subject wants it from someone else and did not do it."""
    return noun.pos_ == "NOUN" and category in _GIVEN and noun.dep_ == "dobj" and \
        noun.head.lemma_.lower() in _WANTING and noun_agent(noun) is None


# Verbs of answering or watching: their object is an act someone else did ("did not respond
# to a request for comment", "ignored the warning", "the US military detected the launch").
_ANSWERING = frozenset({"respond", "reply", "answer", "ignore", "heed", "acknowledge",
                        "receive", "detect", "spot", "track", "monitor", "observe",
                        "witness", "predict", "investigate", "probe", "examine"})
# Nouns that report an act: "investigating reports of assaults" investigates the assaults.
REPORTING_NOUNS = frozenset({"report", "allegation", "claim", "account", "accusation",
                             "rumor", "rumour", "evidence", "case", "complaint"})


def reported_act(noun: Token) -> Token:
    """The noun phrase that stands for an act noun in its clause: the act noun itself, or
    the report of it ("reports of dozens of assaults" for "assaults")."""
    for _ in range(2):
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and \
                head.head.lemma_.lower() in REPORTING_NOUNS:
            noun = head.head
        else:
            break
    return noun


def answered(noun: Token) -> bool:
    """An act noun that a verb of answering takes as its object, naming no doer of its own:
    the verb's subject answers the act and did not do it."""
    if noun.pos_ != "NOUN" or noun_agent(noun) is not None:
        return False
    noun = reported_act(noun)  # "are investigating reports of assaults"
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "to":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return False
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _ANSWERING
