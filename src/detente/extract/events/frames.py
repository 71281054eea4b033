"""Frames: from the lexicon's triggers in one sentence to the acts to code.

A trigger may name an act itself ("attacked"), lend its meaning to an embedded act
("threatened to impose tariffs" is one THREATEN act about a COERCE act), pass through
("began to shell"), report another act ("Russia said Ukraine attacked": the attack is
coded, Russia is the speaker) or take its meaning from its object ("held talks"). This
module folds those into :class:`Act` objects with category, mode, CAMEO code, modality and
polarity; :mod:`detente.extract.events.stage` then finds the arguments and builds the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.extract.events.args import find_subject, noun_agent
from detente.extract.events.complements import as_verb, complement, light_object, object_of
from detente.extract.events.lexicon import Cues, LexEntry, Lexicon
from detente.extract.events.mood import (
    COOPERATIVE,
    HOSTILE,
    answered,
    aux_lemmas,
    be_to,
    caution,
    conditional,
    governing_verbs,
    labelled,
    naming_call,
    sought,
    speculation,
)
from detente.extract.events.ontology import Ontology
from detente.extract.events.participles import reduced_relative
from detente.extract.events.speech import (
    deontic,
    formula,
    going_to,
    missed_obligation,
    negated,
    predicative,
    reported_fact,
    ruled_out,
    subjunctive,
)
from detente.extract.tokens import children, doc_tokens, own_token, span_tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["COOPERATIVE", "HOSTILE", "Act", "Frames", "deontic", "missed_obligation",
           "read_frames", "subjunctive"]

_FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "’ll"})
# Cooperative acts that an order commits its giver to (help, backing, meetings, joint work).
_OFFERED = frozenset({"AID", "SUPPORT", "COOPERATE", "CONSULT"})
# Verbs whose negation in any tense refuses: "we do not accept", "could not accept".
_REFUSABLE = frozenset({"accept"})
# Verbs through which a future auxiliary reaches the act: "will continue to provide".
_PASS_THROUGH = frozenset({"continue", "keep", "begin", "start", "resume", "go", "try", "attempt",
                           "manage"})


@dataclass
class Act:
    """One act to code: the trigger, where its arguments are, and its coding."""

    token: Token  # the trigger
    arg_token: Token  # whose subject is the source (a frame verb, or the trigger)
    target_tokens: list[Token]
    complement: Token | None
    category: str
    mode: str | None
    cameo: str
    modality: str = "asserted"
    negated: bool = False
    speaker: Token | None = None
    salience: float = 1.0
    confidence: float = 1.0
    # "X said Y must resign": a demand by the speaker (source) of Y (target).
    demand_of: Token | None = None
    # A stated intention ("is committed / ready to impose"): its subject intends the act.
    intent: bool = False


@dataclass
class Frames:
    """The acts of one sentence, and every token already accounted for."""

    acts: list[Act] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    speakers: dict[int, Token] = field(default_factory=dict)
    ontology: Ontology | None = None
    cues: Cues | None = None

    def act_for(self, token: Token, category: str, mode: str | None, about: str | None,
                *, confidence: float = 1.0) -> Act:
        """An act for a trigger the lexicon does not know (the classifier's decision)."""
        assert self.ontology is not None and self.cues is not None
        act = Act(token, token, [token], None, category, mode,
                  self.ontology.default_cameo(category, mode, about), confidence=confidence)
        _finish(act, None, self.ontology, self.cues, self.speakers)
        return act


def _depth(token: Token) -> int:
    n = 0
    while token.head.i != token.i and n < 50:
        token = token.head
        n += 1
    return n


def _resolve(token: Token | None, entries: dict[int, LexEntry], used: set[int],
             depth: int = 0) -> tuple[Token, LexEntry] | None:
    """Follow aspect, light and frame words down to the act an embedded clause names."""
    if token is None or depth > 4:
        return None
    used.add(token.i)
    entry = entries.get(token.i)
    if entry is None:
        # "committed to employing sanctions": a verb the lexicon does not know, whose
        # object names the act.
        obj = object_of(token) if token.pos_ in ("VERB", "AUX") else None
        if obj is not None and obj.i in entries and entries[obj.i].category:
            used.add(obj.i)
            return obj, entries[obj.i]
        return None
    if entry.frame in ("aspect", "say"):
        return _resolve(complement(token, entries), entries, used, depth + 1)
    if entry.frame == "light":
        obj = light_object(token, entries)
        if obj is not None and obj.i in entries and entries[obj.i].category:
            used.add(obj.i)
            return obj, entries[obj.i]
        return (token, entry) if entry.category else None
    if entry.category is None:
        return None
    _consume_object(token, entries, used)
    return token, entry


def _consume_object(token: Token, entries: dict[int, LexEntry], used: set[int]) -> None:
    """An act noun that is the object of a coded verb is its argument, not another act
    ("imposed tariffs", "refused to lift the ban")."""
    if token.pos_ not in ("VERB", "AUX"):
        return
    obj = object_of(token)
    if obj is not None and obj.i in entries and entries[obj.i].frame != "control":
        used.add(obj.i)


def _consume_requested(noun: Token, entries: dict[int, LexEntry], used: set[int]) -> None:
    """The act a request noun asks for is requested, not done ("a call for help", "an
    appeal for aid"): no act of its own."""
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in children(c):
                if g.dep_ == "pobj" and g.i in entries and entries[g.i].frame != "control":
                    used.add(g.i)



def _finish(act: Act, frame: LexEntry | None, ontology: Ontology, cues: Cues,
            speakers: dict[int, Token]) -> None:
    """Set modality, polarity, the intent/threat reading of future acts, and the speaker."""
    tokens = [act.token] if act.arg_token.i == act.token.i else [act.arg_token, act.token]
    if act.token.pos_ == "NOUN" and act.token.dep_ in ("dobj", "nsubjpass"):
        tokens.append(act.token.head)  # "will not hold talks": the verb carries the modality
    elif act.token.pos_ == "NOUN" and act.token.dep_ in ("attr", "nsubj") and \
            act.token.head.lemma_.lower() == "be" and \
            any(c.dep_ == "expl" for c in children(act.token.head)):
        tokens.append(act.token.head)  # "there will be an investigation"
    elif act.token.pos_ == "NOUN" and act.token.dep_ == "pobj" and \
            act.token.head.lower_ in ("on", "under") and \
            act.token.head.head.lemma_.lower() == "be":
        tokens.append(act.token.head.head)  # "officers who will be on patrol"
    carrier = act.arg_token
    for _ in range(2):  # "will continue to provide": the aux is on "continue"
        if carrier.dep_ != "xcomp" or carrier.head.lemma_.lower() not in _PASS_THROUGH:
            break
        carrier = carrier.head
        tokens.append(carrier)
    governing, ability = governing_verbs(carrier)
    aux = aux_lemmas(tokens)
    mood = aux | aux_lemmas(governing)  # (the tense and mood only: no obligation)
    # ("will not be able to continue sending": the negation is on the ability's verb)
    act.negated = negated(tokens + governing if ability else tokens)
    future = bool(mood & (cues.planned | _FUTURE_AUX)) or going_to(tokens) or (
        frame is not None and frame.frame == "intent") or be_to(carrier)
    if frame is not None and frame.frame == "intent" and act.category == "AGREE" and \
            act.complement is not None and not act.negated and \
            negated([act.complement]) and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in children(act.complement)):
        # "vowed never to give up its arsenal", "pledged not to step down": a stated
        # refusal (CAMEO 12x), not an offer.
        act.cameo = ontology.default_cameo("REJECT")
        act.category, act.mode = "REJECT", None
    elif ((act.negated and (future or act.token.lemma_.lower() in _REFUSABLE)
           and not ability) or ruled_out(act.arg_token)) and (
            act.category in COOPERATIVE or act.category == "AGREE"):
        # "will not release", "not willing to meet", "I don't accept that": a refusal
        # (CAMEO 12x), which happened.
        about = act.category if act.category != "AGREE" else None
        act.cameo = ontology.default_cameo("REJECT", None, about)
        act.category, act.mode, act.negated = "REJECT", None, False
    elif frame is not None and frame.frame == "deny":
        act.modality = "denied"
    elif act.category == "THREATEN":
        # ("would face fire and fury if it threatened the United States": a condition)
        act.modality = "hypothetical" if conditional(tokens) else "threatened"
    elif act.category == "REQUEST":
        lemma = act.arg_token.lemma_.lower()
        if lemma in cues.demand or act.token.lemma_.lower() in cues.demand:
            act.modality = "demanded"
            act.cameo = ontology.demand_code(act.cameo)
    elif mood & cues.hypothetical - _FUTURE_AUX or conditional(tokens + governing) or (
            frame is not None and frame.frame == "intent" and frame.lemma in cues.hypothetical):
        # ("reserves the right to conduct drills": an option kept, not an act or a plan)
        act.modality = "hypothetical"
    elif (speculative := speculation(act)) is not None:
        act.modality = speculative
    elif mood & (cues.planned | _FUTURE_AUX) or going_to(tokens) or be_to(carrier) or (
            frame is not None and frame.frame == "intent"
            and frame.lemma in cues.planned):
        act.modality = "planned"
        if act.category == "ACCUSE" and act.token.lemma_.lower() in cues.punitive:
            # "We will hold Russia accountable": a threat of punishment (CAMEO 13).
            act.cameo = ontology.default_cameo("THREATEN")
            act.category, act.mode, act.modality = "THREATEN", None, "threatened"
        # A future cooperative act is an offer (CAMEO 03x); a scheduled one ("Kim is to
        # reopen the hotline") keeps its category, as "scheduled meeting" does (GUIDELINES).
        if act.category in COOPERATIVE and frame is None and not be_to(carrier):
            act.cameo = ontology.default_cameo("AGREE", None, act.category)
            act.category, act.mode = "AGREE", None
        # A future hostile act stays in its own category, planned: the real_dev GUIDELINES
        # code "conflictual plans" as intent in their own category (alt THREATEN).
        # Measured: real_dev R(non-bg) 0.175 -> 0.178, PLV dev accuracy 0.705 -> 0.703.
    if act.category == "AGREE" and act.modality == "asserted" and not act.negated:
        # An agreement, offer or invitation commits to a later act: the real_dev
        # GUIDELINES code AGREE always as kind intent.
        act.modality = "planned"
    act.speaker = speakers.get(act.arg_token.i)
    act.salience = 1.0 - 0.04 * min(_depth(act.arg_token), 6)
    obliged = _obliged_verb(act)
    if act.speaker is not None and not act.negated and (
            deontic(obliged, aux) or subjunctive(obliged, cues)
            or missed_obligation(obliged, aux)):
        subj = find_subject(obliged)
        if subj is not None and subj.i != act.speaker.i and subj.lower_ not in _SELF:
            # A reported obligation ("Tsvangirai said Mugabe must resign", "Seoul should
            # respond") is the speaker's demand of its subject (CAMEO 10x, PLOVER REQUEST).
            if missed_obligation(obliged, aux):
                # "Trump says Japan should have shot the missiles down": an obligation
                # missed in the past reproaches its subject (CAMEO 111); it asks nothing.
                act.cameo = ontology.default_cameo("ACCUSE", "disapprove")
                act.category, act.mode, act.modality = "ACCUSE", "disapprove", "asserted"
            else:
                about = act.category if act.category not in ("REQUEST", "AGREE") else None
                act.cameo = ontology.demand_code(
                    ontology.default_cameo("REQUEST", None, about))
                act.category, act.mode, act.modality = "REQUEST", None, "demanded"
            act.demand_of = subj
    elif act.speaker is None and act.modality == "asserted" and not act.negated and \
            act.category != "REQUEST" and deontic(obliged, aux):
        subj = find_subject(obliged)
        if subj is not None and subj.lower_ not in _SELF:
            # "Russia must withdraw", said by no one named: an obligation, not a fact.
            act.modality = "hypothetical"


# "we must", "I should" are the speaker's own plans, not demands of someone else.
_SELF = frozenset({"i", "we", "me", "us"})


def _obliged_verb(act: Act) -> Token:
    """The verb an obligation would sit on: the act's own, or for an act noun the verb it
    is the object of ("X has to step up the pressure": the pressure is asked of X)."""
    noun = act.arg_token
    if noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return noun.head
    return noun


def plans_hostile(entry: LexEntry, inner: tuple[Token, LexEntry] | None) -> bool:
    """Whether a neutral statement of intent ("ready to launch", "prepared to deploy",
    "committed to imposing") governs a hostile act: a conflictual plan, which the
    real_dev GUIDELINES code in the act's own category, kind intent (alt THREATEN), as
    for "will launch". A vow or a threat ("vowed to retaliate") stays THREATEN."""
    return (entry.frame == "intent" and entry.category == "AGREE" and inner is not None
            and inner[1].category in HOSTILE)


def _code_frame(token: Token, entry: LexEntry, inner: tuple[Token, LexEntry] | None,
                ontology: Ontology) -> tuple[str, str | None, str]:
    """Category, mode and CAMEO code of a frame word given its embedded act."""
    about = inner[1].category if inner is not None else None
    if entry.frame in ("deny", "cause") and inner is not None and inner[1].category:
        e = inner[1]
        return e.category or "", e.mode, e.cameo or ontology.default_cameo(e.category or "",
                                                                           e.mode)
    category = entry.category or ""
    if plans_hostile(entry, inner):
        assert inner is not None
        e = inner[1]
        return e.category or "", e.mode, e.cameo or ontology.default_cameo(e.category or "",
                                                                           e.mode)
    if entry.frame == "intent" and about is not None:
        if about in HOSTILE or about in ("THREATEN", "ACCUSE"):
            category = "THREATEN"
        elif about in COOPERATIVE or about == "AGREE":
            category = "AGREE"
    if category == "THREATEN" and inner is not None and inner[1].category == "THREATEN":
        return category, inner[1].mode, inner[1].cameo or ontology.default_cameo(category)
    mode = entry.mode if category == entry.category else None
    if entry.cameo and category == entry.category:
        return category, mode, entry.cameo
    return category, mode, ontology.default_cameo(category, mode, about)


def read_frames(sent: Span, lexicon: Lexicon, ontology: Ontology, cues: Cues) -> Frames:
    """The acts of one sentence (a spaCy ``Span``), parents before the clauses they embed."""
    entries: dict[int, LexEntry] = {}
    doc = doc_tokens(sent.doc)
    tokens = doc[sent.start:sent.end]
    for t in tokens:
        e = lexicon.match(t)
        if e is not None and not (t.lemma_.lower() in cues.agentive and noun_agent(t) is None):
            entries[t.i] = e  # ("dangerous aggression": an agentive noun naming no one is no act)
    # "launched a mediation effort": the generic noun stands for the act its modifier names.
    for t in tokens:
        if t.i not in entries and t.lemma_.lower() in cues.generic:
            mods = [c for c in children(t) if c.dep_ in ("compound", "amod")]
            mods += [g for c in children(t) if c.dep_ == "prep" and c.lower_ == "of"
                     for g in children(c) if g.dep_ == "pobj"]  # "a state of siege"
            for c in mods:
                if c.i in entries and entries[c.i].category:
                    entries[t.i] = entries.pop(c.i)
                    break
    frames = Frames(ontology=ontology, cues=cues)
    frames.seen.update(entries)
    used: set[int] = set()
    for i, e in entries.items():
        part = reduced_relative(doc[i]) if e.category else None
        if part is not None and part.i in entries:
            used.add(part.i)  # "the sanctions, imposed by X": one act, the noun's
    # Reported speech: the reporting verb's subject speaks for the clause it reports.
    for i, e in entries.items():
        if e.frame == "say":
            t = doc[i]
            subj = find_subject(t)
            for c in children(t):
                if c.dep_ in ("ccomp", "xcomp", "advcl") and subj is not None:
                    for d in c.subtree:
                        frames.speakers.setdefault(d.i, subj)
    for t in sorted((t for t in tokens if t.i in entries), key=_depth):
        entry = entries.get(t.i)
        if entry is None or t.i in used or entry.frame in ("say", "aspect"):
            continue
        if predicative(t):
            continue  # "does not want to appear threatening": a quality, not an act
        if entry.frame == "light":
            obj = light_object(t, entries)
            if obj is not None and obj.i in entries and entries[obj.i].category:
                continue  # the object noun is the act; it finds this verb's arguments
            if entry.category is None:
                continue
        if entry.frame in ("control", "intent", "deny", "cause"):
            comp = complement(t, entries)
            if entry.frame == "intent" and reported_fact(comp):
                continue  # "vowed the country has observed the sanctions": a claim
            inner = _resolve(comp, entries, used)
            obj = object_of(t)
            named = inner is None and entry.frame == "cause" and obj is not None and \
                obj.i in entries and bool(entries[obj.i].category)
            if named and obj is not None:
                # "ordered the missile drill to be conducted": the object names the act,
                # and stays its trigger (the drill's place is the act's place).
                inner = (obj, entries[obj.i])
                used.add(obj.i)
            if comp is None and inner is None and entry.frame == "cause" and \
                    obj is not None and obj.pos_ == "NOUN" and \
                    obj.lemma_.lower() not in cues.actor_noun:
                continue  # "ordered new vaccines", "ordered their removal": no act named
            if comp is not None:
                used.add(comp.i)
            if entry.category == "REQUEST" and entry.frame == "control" and comp is not None:
                # "urging China and Russia to agree to new sanctions": every act in what is
                # urged is asked for, not done or planned by whom it is asked of
                used.update(d.i for d in comp.subtree if d.i in entries and d.i != t.i)
            if entry.category == "REQUEST" and obj is not None and obj.i in entries and \
                    entries[obj.i].frame != "control":
                # "seeks financial assistance to retrieve ...": what is sought is asked
                # of someone else, not done
                used.add(obj.i)
            if entry.category == "REQUEST":
                # "calling for migrants who commit crimes to be deported": the infinitive
                # in what is called for is requested, not done
                used.update(d.i for c in children(t) if c.dep_ == "prep" and c.lower_ == "for"
                            for d in c.subtree if d.i in entries and d.pos_ == "VERB"
                            and any(g.dep_ == "aux" and g.lower_ == "to" for g in children(d)))
            if entry.frame == "intent" and inner is None and (
                    entry.lemma in cues.hypothetical or
                    (entry.lemma != "agree" and negated([t]))):
                # "reserves the right to respond": an option; "has no plans to change the
                # schedule": no act planned, so none refused either
                continue
            if entry.frame == "intent" and comp is None and entry.lemma != "agree":
                # "planned the satellite", "the post was promised to him": no act planned
                # or promised ("agreed to a program" is an agreement to one)
                continue
            category, mode, cameo = _code_frame(t, entry, inner, ontology)
            inner_tok = inner[0] if inner is not None else comp
            # (neither is ever ``t`` itself: a complement is another word, and when each access
            # made a new Token an ``is not t`` here always held; see extract/tokens.py)
            targets = [t] + [x for x in (inner_tok, comp) if x is not None]
            act = Act(obj if named and obj is not None else t, t, targets, comp, category,
                      mode, cameo,
                      intent=entry.frame == "intent")
            _finish(act, entry, ontology, cues, frames.speakers)
            if plans_hostile(entry, inner) and act.modality == "asserted":
                act.modality = "planned"
            if entry.frame == "deny" and act.negated:
                # "cannot deny that it was an attack", "did not deny that troops fired":
                # not denying affirms; the embedded act, if any, stands as stated.
                if inner is None or not inner[1].category:
                    continue
                act.modality, act.negated = "asserted", False
            elif entry.frame == "deny" and (act.category in COOPERATIVE or
                                            act.category == "AGREE"):
                # "denied doing a deal with Russia", "denies meeting the envoy": the denial
                # is the act (real_dev GUIDELINES: denials are REJECT, CAMEO 12x), not a
                # deal or a meeting; whom it answers is not named.
                act.category, act.mode, act.modality = "REJECT", None, "asserted"
                act.cameo = ontology.default_cameo("REJECT")
                act.target_tokens = []
            if entry.frame == "cause" and entry.category == "REQUEST" and \
                    act.category in _OFFERED and inner is not None:
                # "directed the Department of Defense to provide Ukraine with ...": a
                # commitment to help, which the real_dev GUIDELINES code AGREE, kind
                # intent (alt AID, COOPERATE), as for "will provide". (An order to attack,
                # arrest or withdraw is the act itself; "rallied the world to stand with
                # Ukraine" is the backing.)
                act.cameo = ontology.default_cameo("AGREE", None, act.category)
                act.category, act.mode, act.modality = "AGREE", None, "planned"
            frames.acts.append(act)
            if entry.frame in ("intent", "control", "cause") and comp is not None:
                frames.acts.extend(_coordinated_frames(t, entry, comp, entries, used, ontology,
                                                       cues, frames))
            continue
        assert entry.category is not None
        if labelled(t):
            continue  # "calling the kidnappings a disgrace": evaluated, not done, by the caller
        if entry.mode == "phone" and naming_call(t, cues):
            continue  # "called the threats -- ... -- a crisis": naming, not a phone call
        if answered(t):
            continue  # "did not respond to a request": someone else's act, by no one named
        if sought(t, entry.category):
            continue  # "seeks financial assistance": wanted from someone else
        if formula(t, entries):
            continue  # "have you said thank you?": words quoted, not an act
        _consume_object(t, entries, used)
        if entry.category == "REQUEST" and t.pos_ == "NOUN":
            _consume_requested(t, entries, used)
        targets = [t]
        if t.dep_ in ("dobj", "pobj") and t.head.i in entries:
            targets.append(t.head if t.dep_ == "dobj" else t.head.head)
        carrier = t
        verb = as_verb(t)
        if verb is not None:
            # "gave Witkoff a portrait as a gift": the verb's arguments are the act's.
            carrier = verb
            targets.insert(0, verb)
        cameo = entry.cameo or ontology.default_cameo(entry.category, entry.mode)
        act = Act(t, carrier, targets, None, entry.category, entry.mode, cameo)
        _finish(act, None, ontology, cues, frames.speakers)
        frames.acts.append(act)
    # A noun frame deeper in the parse than the infinitive it governs ("rattled allies with
    # his vow to destroy X") finds it after that act was coded on its own: the noun's act
    # carries it.
    embedded = {a.complement.i for a in frames.acts
                if a.complement is not None and a.token.pos_ == "NOUN"}
    frames.acts = [a for a in frames.acts if a.token.i not in embedded]
    frames.seen.update(used)
    for act in frames.acts:
        if caution(act, entries, cues):
            # "Nauert warned that Kim may be trying to drive a wedge": a warning about what
            # someone else does is a reproach of them (CAMEO 111), not a threat.
            act.category, act.mode, act.modality = "ACCUSE", "disapprove", "asserted"
            act.cameo = ontology.default_cameo("ACCUSE", "disapprove")
    _reported_obligations(sent, frames, ontology, cues)
    return frames


_FRAME_KINDS = frozenset({"control", "intent", "deny", "cause", "say", "aspect", "light"})


def _coordinated_frames(t: Token, entry: LexEntry, comp: Token, entries: dict[int, LexEntry],
                        used: set[int], ontology: Ontology, cues: Cues,
                        frames: Frames) -> list[Act]:
    """The frame over each act coordinated with its complement, sharing its subject
    ("threatened to attack Israel and to invade Bahrain": two threats, not a threat and an
    invasion that happened). Not for requests: whoever is urged to do two things is asked
    once, and the other acts are requested, not done (no events of the one who asks)."""
    out: list[Act] = []
    for c in map(own_token, _coordinated(t, comp)):
        # (own Token objects: ``inner[0] is not c`` below tells whether ``_resolve`` handed
        # back ``c`` itself, as when each access made a new Token; see extract/tokens.py)
        if c.i in used or any(g.dep_ in ("nsubj", "nsubjpass") for g in children(c)):
            continue
        own = entries.get(c.i)
        if own is not None and (not own.category or own.frame in _FRAME_KINDS):
            continue
        # (a verb the lexicon does not know may take an act noun: "to respect the truce")
        inner = _resolve(c, entries, used)
        if inner is None:
            continue
        category, mode, cameo = _code_frame(t, entry, inner, ontology)
        if category == "REQUEST":
            used.add(c.i)  # "urged them to reject X and to stand with Y": one request of them
            continue
        used.add(c.i)
        act = Act(t, t, [c, inner[0]] if inner[0] is not c else [c], c, category, mode,
                  cameo, intent=entry.frame == "intent")
        _finish(act, entry, ontology, cues, frames.speakers)
        if plans_hostile(entry, inner) and act.modality == "asserted":
            act.modality = "planned"
        out.append(act)
    return out


def _coordinated(frame: Token, comp: Token) -> list[Token]:
    """The verbs coordinated with a frame's complement, through chains of conjuncts; also
    the bare infinitives the parser coordinates with the finite frame verb itself ("called
    on X to cease testing, comply with Y and allow Z": "comply" hung on "called")."""
    out: list[Token] = []
    heads = [comp]
    if frame.tag_ in ("VBD", "VBZ", "VBG", "VBN"):
        heads += [c for c in children(frame)
                  if c.dep_ == "conj" and c.tag_ == "VB" and c.i > comp.i]
        out += heads[1:]
    while heads:
        for c in children(heads.pop()):
            if c.dep_ == "conj" and c.pos_ == "VERB" and c not in out:
                out.append(c)
                heads.append(c)
    return [c for c in out if c.pos_ == "VERB"]


def _reported_obligations(sent: Span, frames: Frames, ontology: Ontology, cues: Cues) -> None:
    """A reported obligation whose verb names no act of its own ("Haley said the Council
    needed to take serious action", "Kim said Seoul should respond to the overtures") is
    still the speaker's demand of its subject (REQUEST, demanded)."""
    coded = {a.arg_token.i for a in frames.acts} | {a.token.i for a in frames.acts} | {
        x.i for a in frames.acts for x in a.target_tokens}
    for a in frames.acts:
        obliged = _obliged_verb(a)
        if a.demand_of is not None:
            # ("has to step up the pressure", "need to take it seriously and step up ...")
            coded |= {obliged.i, obliged.head.i} if obliged.dep_ == "conj" else {obliged.i}
    for t in span_tokens(sent):
        if t.pos_ != "VERB" or t.i in coded or t.i not in frames.speakers:
            continue
        if t.dep_ == "xcomp" and t.head.i in coded:
            continue  # "must refuse to meet": the outer act says it
        aux = aux_lemmas([t])
        if not (deontic(t, aux) or subjunctive(t, cues, strict=True)) or negated([t]):
            continue
        act = Act(t, t, [t], None, "REQUEST", None,
                  ontology.demand_code(ontology.default_cameo("REQUEST")))
        _finish(act, None, ontology, cues, frames.speakers)
        if act.demand_of is not None:
            frames.acts.append(act)
            frames.seen.add(t.i)
