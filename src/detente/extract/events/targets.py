"""Where the target of an act hides when it is not the act's plain object.

"Sent an envoy to Pyongyang": the envoy is the sender's means, Pyongyang the target.
"Met another key player, Speaker Paul Ryan": the name in apposition is whom the act is
done to. "Announced a drill in response to the launch": whoever launched is the target.
Functions here take spaCy tokens and return tokens; they know the trigger lexicon's
entries but not actors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from detente.extract.events.args import find_subject, noun_agent
from detente.extract.events.clauses import behest_agent
from detente.extract.events.complements import as_verb
from detente.extract.events.phrases import actorness
from detente.extract.events.referents import relational
from detente.extract.tokens import children
from detente.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.extract.actors.resolver import Resolver
    from detente.extract.events.lexicon import Lexicon

__all__ = [
    "answer_target",
    "can_do",
    "coordinated_modifiers",
    "dated_name",
    "each_modifier",
    "further_objects",
    "insurgents",
    "means_object",
    "named_in_apposition",
    "named_object",
    "only_a_city",
    "own_act",
    "owners_state",
    "partitive_whole",
    "patient_roles",
    "recipient_source",
    "recipient_verb",
    "responded_to",
    "speakers_side",
    "victims",
    "weapon_owner",
]

# Categories whose verb acts on its object: an asset object there is the victim ("attacked
# troops", "seized a vessel"), never the means.
_ACTS_ON_OBJECT = frozenset({"ASSAULT", "COERCE", "SANCTION"})
_OWN = ("its", "their", "his", "her", "our", "my")
# "in response to", "in reply to", "in retaliation for": the noun of the phrase and the
# preposition that follows it.
_RESPONSE_NOUNS = {"response": "to", "reply": "to", "answer": "to", "retaliation": "for",
                   "reaction": "to"}


def means_object(cand: Token, category: str, lexicon: Lexicon,
                 assets: frozenset[str]) -> bool:
    """Whether a candidate target is the actor's own means: an asset noun ("troops",
    "submarines", "an envoy", "missiles") that it moves or deploys (MOBILIZE), that it
    owns ("withdraw its troops", "recalled their ambassador"), or that the governing
    verb's trigger entry names as its object ("sent an envoy to", "fire missiles into",
    "send troops to"): the verb and the object together name the act, so the object is
    not acted upon. Not for acts done to their object ("attacked troops")."""
    if cand.lemma_.lower() not in assets and cand.lower_ not in assets:
        return False
    if category == "MOBILIZE":
        return True
    if any(c.dep_ == "poss" and c.lower_ in _OWN for c in children(cand)):
        return True
    if category in _ACTS_ON_OBJECT or cand.dep_ != "dobj" or cand.head.i == cand.i:
        return False
    if any(c.dep_ == "poss" for c in children(cand)):
        return False  # "sent Russia's envoy": someone else's
    verb = cand.head
    entries = lexicon.entries.get((verb.lemma_.lower(), "VERB")) or ()
    # ("fire missiles into the sea": the lexicon codes "fire missiles" a launch, "fire
    # on/into" an attack; the object is the means either way)
    return any(e.category not in _ACTS_ON_OBJECT and any(
        key == "obj" and (cand.lemma_.lower() in values or cand.lower_ in values)
        for key, values in e.conditions) for e in entries)


def named_in_apposition(cand: Token, actor_nouns: frozenset[str],
                        spans: list[tuple[int, int]]) -> Token:
    """The name a description of a target stands in apposition to ("another key player in
    his presidency, Republican House Speaker Paul Ryan"), when the actors stage resolved
    the name and the description is no resolved actor itself; else the candidate. (Not an
    unresolved place name: "Japan's northern island Hokkaido" is Japan's.)"""
    if actorness(cand, actor_nouns, spans) >= 3 and not relational(cand):
        return cand  # (but "the North's allies, China and Russia": the names)
    for c in children(cand):
        if c.dep_ == "appos" and c.i > cand.i and actorness(c, actor_nouns, spans) == 3:
            return c
    return cand


def responded_to(token: Token) -> Token | None:
    """What an act answers: the object of "in response to", "in reply to" or "in
    retaliation for" attached to the act, to its clause's verb or to its object
    ("announced a drill in response to the missile launch", "proposed talks in response
    to an olive branch from X"). None when the act answers nothing named."""
    holders = [token]
    if token.pos_ == "NOUN" and token.head.i != token.i:
        holders.append(token.head)  # "announced a drill in response to ..."
    # "proposed talks in response to ...": the phrase hangs on the verb's object
    holders += [c for c in children(token) if c.dep_ == "dobj"]
    for holder in holders:
        for prep in children(holder):
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in children(prep):
                want = _RESPONSE_NOUNS.get(noun.lower_)
                if noun.dep_ != "pobj" or want is None:
                    continue
                for p in children(noun):
                    if p.dep_ == "prep" and p.lower_ == want:
                        obj = next((g for g in children(p) if g.dep_ == "pobj"), None)
                        if obj is not None:
                            return obj
    return None


def patient_roles(noun: Token, patient: frozenset[str]) -> tuple[Token | None, Token] | None:
    """(who does it, to whom) for an act noun whose possessor suffers it ("Gershkovich's
    wrongful detention in Russia": Russia detains Gershkovich): the possessor is the
    target, the "by" object or the state named by "in" the source (None when neither is
    named). None when the noun is no such act or an "of" object names who suffers it
    ("Russia's release of the prisoners": Russia releases)."""
    if noun.pos_ != "NOUN" or (noun.lemma_.lower() not in patient and
                               noun.lower_ not in patient):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children(noun)):
        return None
    # (a pronoun too: "said her detention was extended" does not make the family that
    # said it the jailer)
    owner = next((c for c in children(noun) if c.dep_ == "poss"), None)
    if owner is None:
        return None
    doer = None
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ in ("by", "in"):
            obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if obj is not None and (c.lower_ == "by" or obj.ent_type_ == "GPE"):
                doer = obj
                break
    return doer, owner


# Words that take a part of a group named by their "of" object ("some of our allies",
# "many of the missiles", "two of the soldiers").
_QUANTIFIERS = frozenset({"some", "many", "most", "all", "several", "few", "each", "any",
                          "none", "both", "either", "neither", "dozens", "hundreds",
                          "thousands", "millions", "scores", "majority", "rest", "number"})


def partitive_whole(cand: Token) -> Token:
    """The group a quantity of it stands for as an argument ("threatened some of our NATO
    allies": the allies; "killed dozens of civilians", "21 of the girls"); else the
    candidate itself."""
    if cand.lower_ not in _QUANTIFIERS and cand.pos_ != "NUM":
        return cand
    for c in children(cand):
        if c.dep_ == "prep" and c.lower_ == "of":
            whole = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if whole is not None:
                return whole
    return cand


def coordinated_modifiers(noun: Token) -> list[Token]:
    """The further states of a noun modified by coordinated demonyms ("South Korean and
    Japanese militaries", "U.S. and Japanese forces": the second and later adjectives, each
    an actor of its own); empty when the modifiers are not coordinated."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    out: list[Token] = []
    for c in children(noun):
        if c.dep_ not in ("amod", "compound") or c.i > noun.i or \
                c.ent_type_ not in ("NORP", "GPE"):
            continue
        stack = [g for g in children(c) if g.dep_ == "conj"]
        while stack:
            g = stack.pop(0)
            if g.ent_type_ in ("NORP", "GPE") and g.i < noun.i:
                out.append(g)
                stack.extend(h for h in children(g) if h.dep_ == "conj")
    return out


def each_modifier(noun: Token) -> list[Token]:
    """Every state of a noun modified by coordinated demonyms, the first included
    ("American, South Korean and Japanese bases": American, Korean, Japanese), each an
    actor of its own as a target; empty when the modifiers are not coordinated."""
    further = coordinated_modifiers(noun)
    if not further:
        return []
    first = next((c for c in children(noun) if c.dep_ in ("amod", "compound") and
                  c.i < noun.i and any(g.i == further[0].i for g in children(c))), None)
    return [first, *further] if first is not None else []


def further_objects(obj: Token) -> list[Token]:
    """The objects of infinitives coordinated with the verb whose object ``obj`` is, when
    they share its subject ("warned that it was time to annihilate the US, to sink Japan
    and to wipe out South Korea": Japan, South Korea; "vowed to punish X and to isolate
    Y": Y). Empty when there are none."""
    verb = obj.head
    if obj.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i == obj.i:
        return []
    out: list[Token] = []
    stack = [c for c in children(verb) if c.dep_ in ("conj", "advcl") and c.i > obj.i]
    while stack:
        c = stack.pop(0)
        if c.pos_ != "VERB" or any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in
                                   children(c)) or \
                not any(g.dep_ == "aux" and g.lower_ == "to" for g in children(c)):
            continue  # its own clause ("..., which would ...") or no infinitive
        out.extend(g for g in children(c) if g.dep_ == "dobj")
        stack.extend(g for g in children(c) if g.dep_ == "conj")
    return out


# Modals by which a relative clause says what a weapon can do ("missiles that can hit the
# mainland", "a missile that could target bases"): a capability, not an act (real_dev
# codes none).
_CAPABLE = frozenset({"can", "could", "may", "might", "would"})


def can_do(verb: Token) -> bool:
    """Whether a clause says what something can do rather than what it did ("that can hit
    the mainland", "that could target bases")."""
    return any(c.dep_ == "aux" and c.lemma_.lower() in _CAPABLE for c in children(verb))


def speakers_side(subj: Token) -> bool:
    """Whether a clause's subject is the speaker's own side: "we", "I" or what "our" or
    "my" owns ("our air forces")."""
    return subj.lower_ in ("we", "i") or any(
        c.dep_ == "poss" and c.lower_ in ("our", "my") for c in children(subj))


def named_object(noun: Token, lexicon: Lexicon) -> bool:
    """Whether a verb's object is one a lexicon entry of the verb names ("vowed
    investigations", "opened a probe"): the verb and the object together are one act, so
    the object is no one else's act."""
    if noun.dep_ != "dobj" or noun.head.i == noun.i:
        return False
    entries = lexicon.entries.get((noun.head.lemma_.lower(), "VERB")) or ()
    return any(any(key == "obj" and (noun.lemma_.lower() in values or noun.lower_ in values)
                   for key, values in e.conditions) for e in entries)


def own_act(noun: Token, source: Token, trigger: Token, lexicon: Lexicon) -> bool:
    """Whether an act noun is the source's own doing: carried by a light verb (a lexicon
    entry of frame "light" with no condition) whose subject is the source ("was prepared
    to take all the measures", "vowed to launch strikes"), or the object the trigger's
    own entry names ("vowed investigations"). Then it stands for no one else's act."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or noun_agent(noun) is not None:
        return False  # ("violated a ban by the UN": the UN's)
    entries = lexicon.entries.get((verb.lemma_.lower(), "VERB")) or ()
    if verb.i == trigger.i:
        return named_object(noun, lexicon)
    if not any(e.frame == "light" and not e.conditions for e in entries):
        return False
    doer = find_subject(verb)
    return doer is not None and doer.i == source.i


def weapon_owner(subj: Token, act: Token, assets: frozenset[str],
                 actor_nouns: frozenset[str], spans: list[tuple[int, int]]) -> Token | None:
    """Who has the weapon a relative clause says can act ("North Korea tested a missile
    that could target American bases", "deployed a system that can strike Russian
    airfields"): the subject of the verb whose object the weapon is, when the weapon
    names no actor itself; else None."""
    if act.dep_ != "relcl" or act.head.i != subj.i or subj.dep_ != "dobj" or \
            (subj.lemma_.lower() not in assets and subj.lower_ not in assets) or \
            actorness(subj, actor_nouns, spans) > 0:
        return None
    verb = subj.head
    owner = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
    if owner is None or actorness(owner, actor_nouns, spans) == 0:
        return None
    return owner


_NAMES = ("GPE", "ORG", "NORP", "PERSON")


def dated_name(cand: Token) -> Token:
    """The name a parse glued onto a following date ("sanctions against Pyongyang Monday":
    "Monday" heads the phrase, "Pyongyang" is its compound); else the candidate itself."""
    if cand.ent_type_ not in ("DATE", "TIME"):
        return cand
    names = [c for c in children(cand) if c.dep_ == "compound" and c.ent_type_ in _NAMES]
    return names[-1] if names else cand


def answer_target(token: Token, taken: set[int], actor_nouns: frozenset[str],
                  spans: list[tuple[int, int]]) -> Token | None:
    """The target of an act that answers another ("announced a drill in response to the
    launch", "proposed talks in response to an olive branch from X"): who did the answered
    act when the phrase names them ("Russia's claims", "an offer from X"), else the
    answered act's noun (whose doer the events before may name). None when the act
    answers nothing."""
    answered = responded_to(token)
    if answered is None or answered.i in taken:
        return None
    agent = noun_agent(answered)
    if agent is not None and actorness(agent, actor_nouns, spans) > 0:
        return agent
    for c in children(answered):
        if c.dep_ == "prep" and c.lower_ == "from":
            giver = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if giver is not None and actorness(giver, actor_nouns, spans) > 0:
                return giver
    return answered


# Dependencies by which a casualty word says what an attack "left" its object ("left two
# soldiers dead", "left 20 civilians wounded", "left them injured").
_LEFT_STATE = ("oprd", "acomp", "ccomp", "advcl", "xcomp", "conj", "amod")


def victims(token: Token, casualty: frozenset[str]) -> Token | None:
    """Whom an attack killed or hurt when its own phrase does not name them
    (``casualty``: the cue words): the object of "left"/"leaving" with a casualty word
    ("a Taliban assault left two American soldiers dead", "stormed a police station,
    leaving six officers dead"), or who suffered the casualty verb an attack noun is the
    occasion of ("four soldiers were killed in an attack by X", "three soldiers died in
    a raid"). None when neither is said."""
    def hurt(word: Token) -> bool:
        return word.lemma_.lower() in casualty or word.lower_ in casualty

    leavers = [c for c in children(token) if c.dep_ in ("advcl", "conj", "xcomp")
               and c.lemma_.lower() == "leave" and c.i > token.i]
    if token.dep_ == "nsubj" and token.head.lemma_.lower() == "leave":
        leavers.append(token.head)
    for verb in leavers:
        obj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
        if obj is not None and any(c.dep_ in _LEFT_STATE and hurt(c) for c in
                                   [*children(verb), *children(obj)] if c.i > obj.i):
            return obj
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or \
            token.head.lower_ not in ("in", "during"):
        return None
    verb = token.head.head
    if verb.pos_ != "VERB" or not hurt(verb):
        return None
    deps = ("nsubjpass", "nsubj") if verb.lemma_.lower() == "die" else ("nsubjpass",)
    return next((c for c in children(verb) if c.dep_ in deps), None)


# Sectors of a state's own forces, whose fight against an insurgency named with no group
# or place is against their own country's rebels.
_STATE_FORCES = frozenset({"GOV", "MIL", "COP"})


def insurgents(head: Token, source: Actor, words: frozenset[str],
               resolve: Callable[[Token], Actor]) -> Actor | None:
    """The rebels an insurgency noun stands for as a target (``words``: the cue words;
    national insurgents are coded country + REB): the group its phrase names ("the Boko
    Haram insurgency"), else the rebels of the state it is in ("an insurgency in
    Afghanistan", "the Nigerian insurgency"), else those of the state whose own forces
    fight it ("the Nigerian army has been fighting an insurgency"). None for any other
    noun or when no state is named."""
    if head.lemma_.lower() not in words and head.lower_ not in words:
        return None

    def rebels(country: str) -> Actor:
        return Actor(text=head.text, code=f"{country}REB", country=country, sector="REB")

    agent = noun_agent(head)
    named = resolve(agent) if agent is not None else None
    if named is not None and named.country:
        return named if named.sector else rebels(named.country)
    for c in children(head):
        if c.dep_ == "prep" and c.lower_ == "in":
            place = next((g for g in children(c) if g.dep_ == "pobj"), None)
            where = resolve(place) if place is not None else None
            if where is not None and where.country:
                return rebels(where.country)
            if where is not None:
                return None  # a place we cannot place: not the source's country
    if source.country and len(source.country) == 3 and source.sector in _STATE_FORCES:
        return rebels(source.country)
    return None


def owners_state(head: Token, actor: Actor, resolve: Callable[[Token], Actor]) -> Actor:
    """A state's body named with no state, owned by a coded actor ("Kim's government",
    "Trump's administration"): that body of the owner's state; else the actor unchanged
    (not for relational nouns: "the North's allies" are other states). ``resolve`` gives
    the owner's actor; for "his"/"her" ("her government") the person it stands for, or an
    actor with no country when it cannot tell."""
    owner = next((c for c in children(head) if c.dep_ == "poss" and (
        c.tag_ != "PRP$" or c.lower_ in ("his", "her"))), None)
    if owner is None or relational(head):
        return actor
    state = resolve(owner).country
    if state is None or len(state) != 3 or not state.isalpha():
        return actor
    return dataclasses.replace(actor, country=state,
                               code=f"{state}{actor.sector}{actor.sector2 or ''}")


def recipient_verb(noun: Token, recipient: frozenset[str]) -> Token | None:
    """The verb by which the subject receives the act noun ("faced criticism",
    "received a portrait as a gift"; ``recipient``: the cue lemmas), or None."""
    if noun.pos_ != "NOUN":
        return None
    if behest_agent(noun) is not None and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head  # "met at the request of X": the subject was asked
    verb = noun.head if noun.dep_ == "dobj" else as_verb(noun)
    if verb is None or verb.lemma_.lower() not in recipient:
        return None
    return verb


def recipient_source(noun: Token, recipient: frozenset[str], actor_nouns: frozenset[str],
                     spans: list[tuple[int, int]]) -> Token | None:
    """Who gave what the subject received: the "from" object ("faced criticism from",
    "received a portrait from Putin as a gift"), else the one the subject was meeting in
    the clause the receiving belongs to ("in talks with Putin, even receiving a gift",
    "met the king, receiving a sword as a gift")."""
    verb = recipient_verb(noun, recipient)
    if verb is None:
        return None
    obj = next((c for c in children(verb) if c.dep_ == "dobj"), None)
    for holder in (noun, verb, obj):
        for c in children(holder) if holder is not None else ():
            if c.dep_ == "prep" and c.lower_ == "from":
                for g in children(c):
                    if g.dep_ == "pobj":
                        return g
    if verb.dep_ not in ("advcl", "conj") or verb.head.i == verb.i:
        return None
    own = {t.i for t in verb.subtree}
    partners = [g for t in verb.head.subtree if t.i not in own and t.dep_ == "prep"
                and t.lower_ == "with" for g in children(t) if g.dep_ == "pobj"]
    partners += [c for c in children(verb.head) if c.dep_ == "dobj"]  # "met the king"
    return next((g for g in partners if actorness(g, actor_nouns, spans) > 0), None)


def only_a_city(token: Token, resolver: Resolver) -> bool:
    """Whether a name is only a city's or a region's ("Las Vegas", "Cologne"; not a state,
    a capital standing for its government, or a person): it says where, not who."""
    if token.ent_type_ not in ("GPE", "LOC"):
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    found = resolver.gazetteer.find(ent.text if ent is not None else token.text)
    return len(found) == 1 and found[0].best.kind in ("city", "region")
