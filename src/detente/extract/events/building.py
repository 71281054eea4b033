"""The last step of event coding: from a coded act and its argument tokens to an
:class:`~detente.model.Event`, with the source and target actors refined (an act or product
that acts stands for its maker, an insurgency for its rebels, a described state for that
state) and the acts that are no events between actors left out. Mixed into
:class:`~detente.extract.events.stage.EventCoder`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.events.arg_actors import ArgActors, Resolver
from detente.extract.events.clauses import has_country
from detente.extract.events.complements import answered_for
from detente.extract.events.frames import Act
from detente.extract.events.lexicon import Cues, Lexicon
from detente.extract.events.noise import own_evacuation, private_visit, thing_target
from detente.extract.events.ontology import Ontology
from detente.extract.events.referents import (
    COOPERATIVE,
    OBJECT_PRONOUNS,
    OWN_ACT_REPORTERS,
    by_reporter,
    described_state,
    group_antecedent,
    own_reference,
    reported_target,
)
from detente.extract.events.targets import insurgents, own_act
from detente.model import Actor, Event, EventDate, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["Coded", "EventBuilder"]


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded act with its source and target tokens and its confidence."""

    act: Act
    source: Token
    target: Token | None
    confidence: float



class EventBuilder:
    """Builds events from coded acts, over the coder's data (see the module)."""

    lexicon: Lexicon
    cues: Cues
    ontology: Ontology
    _args: ArgActors
    _private: re.Pattern[str]

    def _event(self, text: str, sent: SpacySpan, coded: Coded, mentions: Sequence[Mention],
               resolver: Resolver | None, cache: dict[tuple[int, int], Actor],
               event_id: str, prior: Sequence[Event] = ()) -> Event | None:
        act = coded.act
        code = act.cameo
        source = self._args.actor(text, coded.source, mentions, resolver, cache)
        if private_visit(act.category, act.mode, source):
            return None  # "tourists flew to Sydney": a journey, no visit between actors
        if source.sector not in OWN_ACT_REPORTERS and by_reporter(act, coded.source):
            # "her detention has been extended, the family said": only a state's body (or an
            # armed group) reports its own side's unnamed acts; anyone else only reports
            return None
        if not has_country(source) and coded.source.pos_ == "NOUN" and \
                coded.source.dep_ == "nsubj" and coded.source.head.i == act.arg_token.i:
            # "The embargo will freeze ..." after "Canada declared an embargo": an act
            # or product that acts stands for whoever did or made it
            maker = self._args.owner(text, coded.source, act.token.idx, source, prior,
                                     mentions, resolver, cache)
            if maker is not None:
                source = dataclasses.replace(maker, text=source.text)
        target = (self._args.actor(text, coded.target, mentions, resolver, cache)
                  if coded.target is not None else None)
        if target is not None and coded.target is not None and not has_country(target):
            rebels = insurgents(coded.target, source, self.cues.insurgency,
                                lambda t: self._args.actor(text, t, mentions, resolver, cache))
            if rebels is not None:  # "fighting an insurgency": the rebels
                target = dataclasses.replace(rebels, text=target.text)
        if target is not None and coded.target is not None and not has_country(target) and \
                not own_act(coded.target, coded.source, act.token, self.lexicon):
            owner = self._args.owner(text, coded.target, coded.act.token.idx, source, prior,
                                mentions, resolver, cache)
            if owner is not None:
                target = dataclasses.replace(owner, text=target.text)
        if target is not None and coded.target is not None and (
                not has_country(target) or target.country == source.country):
            # "demanded that the isolated country halt", "flew over their country"
            state = described_state(coded.target, mentions, source.country)
            if state is not None:
                target = dataclasses.replace(state, text=target.text)
        if target is not None and coded.target is not None and thing_target(
                act.category, target, coded.target, self.cues.actor_noun, mentions,
                act_noun=self._args.stands_for_agent(coded.target)):
            return None  # done to a thing, no one: "approved the funding"
        if target is not None and coded.target is not None and not has_country(target) and \
                coded.target.lower_ in ("they", *OBJECT_PRONOUNS):
            # a subject "they" on the receiving end ("as they endured a raid by X")
            other = group_antecedent(coded.target, mentions, avoid=source.code)
            if other is not None:
                target = dataclasses.replace(other.actor, text=target.text)
        if target is not None and coded.target is not None and source.code and \
                target.code == source.code and own_reference(coded.target):
            # "we will protect our borders", "she called me", "the unions urged them"
            # read as the unions: a pronoun or the source's own thing is not whom the act
            # is done to.
            other = (group_antecedent(coded.target, mentions, avoid=source.code)
                     if coded.target.lower_ in OBJECT_PRONOUNS else None)
            if other is not None:
                target = dataclasses.replace(other.actor, text=target.text)
            elif coded.target.lower_ in ("him", "her", "he", "she"):
                target = Actor(text=target.text)  # someone else, not known who
            else:
                return None
        if target is not None and target.code == source.code and source.country and \
                source.sector is None and act.category in COOPERATIVE:
            # "Ukraine agreed to provide Ukraine ...": a misread argument (no state agrees
            # with, helps or meets itself; its bodies do act on each other, and a state
            # blockading its own ports is coded so on PLV)
            return None
        if target is None and answered_for(act.token):
            # "claimed responsibility for the attack": the attack already reported
            target = reported_target(act, source, prior)
        if own_evacuation(act.category, [act.token.lemma_, *(
                [act.complement.lemma_] if act.complement is not None else [])], source, target):
            return None  # "ordered Russians to be evacuated": one's own people to safety
        speaker = (self._args.actor(text, act.speaker, mentions, resolver, cache)
                   if act.speaker is not None else None)
        evidence = Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char])
        trig = act.token
        trigger = Span(trig.idx, trig.idx + len(trig.text), trig.text)
        lowered = evidence.text.lower()
        private = bool(self._private.search(lowered)) or "envoy" in source.text.lower()
        return Event(
            id=event_id,
            source=source,
            target=target,
            category=act.category,
            mode=act.mode,
            cameo=code,
            goldstein=self.ontology.goldstein(code),
            quad_class=self.ontology.quad_class(code),
            date=EventDate(None, None),
            modality=act.modality,
            negated=act.negated,
            channel="private" if private else "public",
            evidence=evidence,
            trigger=trigger,
            confidence=round(max(0.0, min(1.0, coded.confidence)), 3),
            speaker=speaker,
        )
