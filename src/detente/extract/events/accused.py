"""Who an evaluation or an accusation is aimed at (issue 15): the actor a phrase names,
the agent of an evaluated act ("Russia's attacks", "the launch" reported earlier), and the
doers of an act an accusation names instead of an actor ("denounced the drills").

Shared by the evaluative stage (:mod:`detente.extract.events.evaluative`), which codes
evaluations with these and re-aims the lexicon's accusations with
:func:`retarget_accusations`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from detente.extract.events.args import find_subject, noun_agent
from detente.extract.events.lexicon import Lexicon, load_cues
from detente.extract.events.phrases import arg_span
from detente.extract.events.targets import named_object, patient_roles
from detente.extract.nlp import doc_text
from detente.extract.tokens import children, sentence
from detente.model import Actor, Event, Mention

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Coder", "Resolve", "coded", "prior_source", "retarget_accusations", "same_actor"]

Resolve = Callable[[str], Actor]

SELF = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
YOU = ("you", "your")
_TRANSNATIONAL = ("IGO", "NGO", "IMG")


def coded(actor: Actor | None) -> bool:
    """An actor with a country, or an international organisation."""
    return actor is not None and bool(actor.country or (
        actor.code and actor.code.startswith(_TRANSNATIONAL)))


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors are one: the same knowledge-base id, name or sector code."""
    if a.id and b.id:
        return a.id == b.id
    return (a.name or a.text).lower() == (b.name or b.text).lower() or (
        a.code == b.code and a.code is not None and a.sector is not None)


class Coder:
    """Reads the actors of one parsed article: what a phrase names, whom an evaluated
    phrase is about."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], resolve: Resolve | None,
                 lexicon: Lexicon) -> None:
        self.doc = doc
        self.mentions = mentions
        self.resolve = resolve
        self.lexicon = lexicon
        cues = load_cues()
        self.product = cues.product
        self.patient = cues.patient
        self.cue_words: frozenset[str] = frozenset()

    def actor(self, head: Token, left: bool = False) -> Actor | None:
        """The actor a noun phrase head names: a mention covering it, else its words
        (``left``: only the words up to the head, not its "of"/"against" objects)."""
        start, end = arg_span(head)
        if left:
            end = min(end, head.idx + len(head.text))
        inside = [m for m in self.mentions if m.start < end and start < m.end]
        if inside:
            m = min(inside, key=lambda m: 0 if m.start <= head.idx < m.end
                    else abs(m.start - head.idx))
            return m.actor
        if self.resolve is None or head.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return None
        return self.resolve(doc_text(self.doc)[start:end])

    def names_act(self, token: Token) -> bool:
        """An act noun, a product noun or a noun of blame ("the launch", "the move", "these
        provocations", "the aggressions")."""
        lemma = token.lemma_.lower()
        return token.pos_ == "NOUN" and (self.is_act(token) or lemma in self.product
                                         or token.lower_ in self.product
                                         or lemma in self.cue_words)

    def categories(self, token: Token) -> frozenset[str]:
        """Every category the lexicon gives the token's lemma as a noun, whatever the
        conditions ("launch": MOBILIZE)."""
        bucket = self.lexicon.entries.get((token.lemma_.lower(), "NOUN"), [])
        return frozenset(e.category for e in bucket if e.category is not None)

    def is_act(self, token: Token) -> bool:
        entry = self.lexicon.match(token)
        return entry is not None and entry.category is not None

    def owner(self, head: Token | None, depth: int = 0) -> Token | None:
        """Who an evaluated phrase is about: an actor itself, else the agent of the act
        it names ("Russia's attacks", "the launch by North Korea", "Russian strikes")."""
        if head is None or depth > 2 or (head.lower_ in SELF and head.text != "US"):
            return None
        if head.pos_ == "PRON":
            return head if head.lower_ in ("he", "she", "they", "him", "her", "them",
                                           *YOU) else None
        # "a violation of the treaty", "aggression against Georgia": what an act or
        # charge is against is not who commits it.
        actor = self.actor(head, left=head.pos_ == "NOUN" and (
            self.is_act(head) or head.lemma_.lower() in self.cue_words))
        if coded(actor) and not self.is_act(head):
            return head
        if head.pos_ == "NOUN":
            # The act's own agent, else whoever does what the clause says ("they committed
            # aggression"), not whoever feels about it ("China is concerned about
            # these provocative launches"); the speaker evaluating themself is dropped by the
            # caller.
            roles = patient_roles(head, self.patient)  # "X's wrongful detention in Russia"
            agent = roles[0] if roles is not None else (
                noun_agent(head) or (None if _felt(head) else find_subject(head)))
            if agent is not None and agent.i != head.i:
                return self.owner(agent, depth + 1)
        return None


# What a subject feels or says about an act, not what it does: "China is concerned
# about these provocative launches" (the launches are not China's).
_ATTITUDES = frozenset({"worry", "worried", "concern", "concerned", "alarm", "alarmed",
                        "anger", "angry", "upset", "disappoint", "disappointed", "fear",
                        "complain", "protest", "object", "react", "respond", "criticize",
                        "criticise", "condemn", "denounce", "warn", "talk", "speak",
                        # "in the face of this brutal attack, Ukraine deployed": what the
                        # subject meets, not what it does
                        "face"})


# Verbs that name what their object is: "called the launch deplorable", "described the
# vote as a farce" (the object is not the namer's own act).
_NAMING = frozenset({"call", "describe", "brand", "label", "term", "dub", "deem"})


def _felt(noun: Token) -> bool:
    """Whether an act noun is what its clause's subject feels or speaks about ("worried
    over the launches", "complained about the drills") or names ("called the launch
    deplorable"), so that subject is not its agent."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _NAMING:
        return True
    if noun.dep_ != "pobj" or noun.head.head.i == noun.head.i:
        return False
    governor = noun.head.head
    if noun.head.lower_ == "for" and governor.pos_ == "VERB":
        # a reason: "will impose costs on Russia for this needless act", "thanked them for
        # the help", "blamed Seoul for the drills" (not "is responsible for the attack")
        return True
    return governor.lemma_.lower() in _ATTITUDES or governor.lower_ in _ATTITUDES


# Categories an evaluated act of someone else may be coded in (the acts that draw
# criticism): a "launch", "provocation" or "detention" said to be unacceptable.
_CRITICISED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"})
# How many sentences before an evaluated act noun its agent is looked for.
_PRIOR_SENTENCES = 5


def prior_source(events: Sequence[Event], sent: SpacySpan, noun: Token,
                  speaker: Actor, categories: frozenset[str] = frozenset()) -> Actor | None:
    """The coded doer of what an evaluated act noun stands for, from the events before it
    (in its sentence or the few before): the latest one whose trigger shares the noun's
    stem; else whom the latest accusation named by that stem was aimed at ("such
    provocations" after "Seoul denounced Pyongyang's provocation"); else the latest act
    of a kind the noun can name, in that window or failing it the first in the article ("the
    launch" said late in a story of the test its lead reported); else whom the latest
    accusation before it was aimed at; else the latest act of a criticised category. Never
    the speaker itself."""
    doc = noun.doc
    window = sent.start_char
    prev = sent.start - 1
    for _ in range(_PRIOR_SENTENCES):
        if prev < 0:
            break
        window = sentence(doc[prev]).start_char
        prev = sentence(doc[prev]).start - 1
    lemma = noun.lemma_.lower()
    earlier = [e for e in events if e.trigger.start < noun.idx and coded(e.source)
               and not same_actor(e.source, speaker) and e.source.country != speaker.country]
    candidates = [e for e in earlier if window <= e.evidence.start]
    for e in reversed(candidates):
        if e.category != "ACCUSE" and e.trigger.text.lower().startswith(lemma[:5]):
            return e.source
    # "such provocations" after "Seoul denounced Pyongyang's provocation": the
    # earlier accusation named the act's agent as its target.
    for e in reversed(events):
        if (e.category == "ACCUSE" and window <= e.evidence.start and e.trigger.start < noun.idx
                and e.trigger.text.lower().startswith(lemma[:5]) and e.target is not None
                and coded(e.target) and e.target.country != speaker.country):
            return e.target
    named = next((e.source for e in reversed(candidates)
                  if e.category in categories & _CRITICISED), None) or next(
        (e.source for e in earlier if e.category in categories & _CRITICISED), None)
    if named is not None:
        # "the launch": the latest act of a kind the noun can name, else the first in
        # the article (the test its lead reported)
        return named
    # "China criticised Pyongyang's launch ... 'these provocative launches'": whom
    # the latest accusation before it (by anyone) was aimed at.
    accused = next((e.target for e in reversed(events) if e.category == "ACCUSE"
                    and window <= e.evidence.start and e.trigger.start < noun.idx
                    and e.target is not None and coded(e.target)
                    and not same_actor(e.target, speaker)
                    and e.target.country != speaker.country), None)
    if accused is not None:
        return accused
    return next((e.source for e in reversed(candidates) if e.category in _CRITICISED), None)


# How far back (characters) the acts an accused act noun names are looked for.
_NEAR = 600


def _token_starting(doc: Doc, starts: np.ndarray | None, char: int) -> Token | None:
    """The token of ``doc`` starting at character ``char`` (``starts``: every token's
    first character, in order), or None: without a ``Token`` made for every other one."""
    if starts is None:
        return None
    i = int(starts.searchsorted(char))
    return doc[i] if i < len(starts) and int(starts[i]) == char else None


def retarget_accusations(doc: Doc, events: Sequence[Event], mentions: Sequence[Mention],
                         lexicon: Lexicon, resolve: Resolve | None = None) -> list[Event]:
    """``events`` with each accusation aimed at an act rather than an actor ("criticized such
    moves", "condemned the drills", "branding the patrols a provocation") aimed at whoever
    did the act instead: the sources of the events of its sentence
    named by the same word (one accusation each), else the agent found as for an
    evaluated act (:func:`prior_source`). One already aimed at one of those doers is
    copied for each other doer. Unresolved ones are kept as they are."""
    coder = Coder(doc, mentions, resolve, lexicon)
    from spacy.attrs import IDX

    starts = doc.to_array(IDX) if events else None  # each token's first character
    out: list[Event] = []
    for e in events:
        trigger = _token_starting(doc, starts, e.trigger.start)
        if e.category != "ACCUSE" or trigger is None or trigger.pos_ != "VERB" or (
                not coded(e.source)):
            out.append(e)
            continue
        obj = next((c for c in children(trigger) if c.dep_ == "dobj"), None)
        if obj is None or not coder.names_act(obj) or (
                noun_agent(obj) is None and named_object(obj, lexicon)):
            out.append(e)  # ("vowed investigations": the accuser's own act)
            continue
        agent = noun_agent(obj)
        if agent is not None:
            # "condemned the rocket tests by Iran": the act's own agent
            actor = coder.actor(agent)
            if (e.target is None or not coded(e.target)) and actor is not None and coded(
                    actor) and actor.country != e.source.country:
                start, end = arg_span(agent)
                e = dataclasses.replace(e, target=dataclasses.replace(
                    actor, text=doc_text(doc)[start:end]))
            out.append(e)
            continue
        sent = sentence(trigger)
        stem = obj.lemma_.lower()[:5]
        same = [x for x in events if x is not e and coded(x.source)
                and x.category != "ACCUSE" and x.trigger.text.lower().startswith(stem)
                and x.source.country != e.source.country and x.trigger.start < sent.end_char
                and x.evidence.start >= sent.start_char - _NEAR]
        # The acts the word names in its own sentence, else in the latest one before it
        # that names them ("Russia and China launched joint patrols." "The Pentagon criticized
        # the patrols").
        inside = [x for x in same if x.evidence.start >= sent.start_char]
        if not inside and same:
            inside = [x for x in same if x.evidence.start == same[-1].evidence.start]
        named = [x.source for x in inside]
        targets: list[Actor] = []
        for actor in named:
            if not any(same_actor(actor, t) or actor.country == t.country for t in targets):
                targets.append(actor)
        start, end = arg_span(obj)
        if e.target is not None and coded(e.target):
            # Already aimed at one of the doers: the others are accused too.
            out.append(e)
            if any(t.country == e.target.country for t in targets):
                out.extend(dataclasses.replace(e, target=dataclasses.replace(
                    t, text=doc_text(doc)[start:end])) for t in targets
                    if t.country != e.target.country)
            continue
        if not targets:
            prior = prior_source(events, sent, obj, e.source, coder.categories(obj))
            targets = [prior] if prior is not None else []
        if not targets:
            out.append(e)
            continue
        text = doc_text(doc)
        out.extend(dataclasses.replace(e, target=dataclasses.replace(t, text=text[start:end]))
                   for t in targets)
    return out
