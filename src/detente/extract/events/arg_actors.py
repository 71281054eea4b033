"""Who an event's argument stands for: from a token in the parse to an :class:`Actor`.

A phrase a mention covers is that mention's actor (the one nearest its head, or the group
a member acts for: "Hamas gunmen"); a pronoun is its antecedent's actor; "her office" is
the office holder's; a phrase no mention covers is resolved by its own words when it is a
name, an actor noun or a place a country owns ("Russian waters"). An act or product noun
that is a target or source stands for whoever did or made it ("condemned the launch"
after "North Korea launched a rocket"). :class:`ArgActors` holds these for
:class:`detente.extract.events.stage.EventCoder`, which codes the events.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from detente.extract.events.args import noun_agent
from detente.extract.events.clauses import antecedent, has_country
from detente.extract.events.lexicon import Cues, Lexicon
from detente.extract.events.phrases import actorness, arg_span
from detente.extract.events.referents import (
    OBJECT_PRONOUNS,
    group_antecedent,
    modifying_group,
    possessor_person,
)
from detente.extract.events.targets import owners_state, patient_roles
from detente.extract.tokens import children, sentence
from detente.model import Actor, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ArgActors", "Resolver"]

Resolver = Callable[[str], Actor]
# A person's office acts for the person ("her office called for ...", "his office said").
_OWN_OFFICE = frozenset({"office"})


class ArgActors:
    """The actors of event arguments, by the trigger lexicon and the cue lists."""

    def __init__(self, lexicon: Lexicon, cues: Cues) -> None:
        self.lexicon = lexicon
        self.cues = cues

    def nameable(self, head: Token) -> bool:
        """Whether a phrase no mention covers may be resolved by its words: a name, an
        actor noun ("Russian forces"), or a place a country owns ("Ukrainian cities",
        "Russian waters"); not a thing that merely carries a country's name ("US history",
        "the Russian economy")."""
        lemma = head.lemma_.lower()
        return (head.pos_ == "PROPN" or lemma in self.cues.actor_noun
                or head.lower_ in self.cues.actor_noun or lemma in self.cues.territory
                or lemma in self.cues.asset or head.ent_type_ in ("GPE", "NORP", "ORG",
                                                                  "PERSON"))

    def stands_for_agent(self, head: Token) -> bool:
        """An act or product noun ("Russia's war", "Russian attacks", "Moscow's
        conditions") or a possessed one: the actor in the phrase is who acted."""
        if any(c.dep_ == "poss" for c in children(head)):
            return True
        lemma = head.lemma_.lower()
        if lemma in self.cues.product or head.lower_ in self.cues.product:
            return True
        entry = self.lexicon.match(head)
        return entry is not None and entry.category is not None

    def actor(self, text: str, head: Token, mentions: Sequence[Mention],
               resolver: Resolver | None, cache: dict[tuple[int, int], Actor]) -> Actor:
        start, end = arg_span(head)
        if (start, end) in cache:
            return cache[(start, end)]
        span_text = text[start:end]
        if head.lower_ in ("he", "she", "him", "her") and not any(
                m.start <= head.idx < m.end for m in mentions):  # the actors stage's first
            ante = antecedent(head)
            if ante is not None:  # the pronoun keeps its text, the actor is the antecedent's
                actor = self.actor(text, ante, mentions, resolver, cache)
                actor = dataclasses.replace(actor, text=span_text,
                                            name=actor.name or actor.text)
                cache[(start, end)] = actor
                return actor
        if head.lower_ in OBJECT_PRONOUNS and head.dep_ in ("dobj", "pobj", "dative") and \
                not any(m.start <= head.idx < m.end for m in mentions):
            ante_m = group_antecedent(head, mentions)
            if ante_m is not None:  # "we urge them" after "parliament must vote"
                actor = dataclasses.replace(ante_m.actor, text=span_text)
                cache[(start, end)] = actor
                return actor
        if head.lemma_.lower() in _OWN_OFFICE and not any(
                m.start <= head.idx < m.end for m in mentions):
            owner = self.owner_person(text, head, mentions, resolver, cache)
            if owner is not None:  # "her office called for": the office holder's own
                actor = dataclasses.replace(owner, text=span_text, id=None, name=None)
                cache[(start, end)] = actor
                return actor
        inside = [m for m in mentions if m.start < end and start < m.end]
        if inside and not any(m.start <= head.idx < m.end for m in inside) and \
                not self.nameable(head) and not self.stands_for_agent(head):
            inside = []  # "the deadliest shooting in US history": not the United States
            resolver = None
        if inside:
            # The mention nearest the head is the actor ("Trump's envoy, Witkoff"), coded first.
            m = min(inside, key=lambda m: (0, 0) if m.start <= head.idx < m.end else
                    (m.actor.code in (None, "UNK"), abs(m.start - head.idx)))
            # Several actors in one phrase (a coordination the parse merged): the argument
            # is the mention itself.
            own = len(inside) > 1 and m.start <= head.idx < m.end
            actor = dataclasses.replace(m.actor, text=m.text if own else span_text)
            group = modifying_group(head, m, inside) if own else None
            if group is not None:
                # "a Taliban suicide bomber", "Hamas gunmen": a group's member acts for it
                actor = dataclasses.replace(group.actor, text=span_text)
        elif resolver is not None and self.nameable(head):
            actor = dataclasses.replace(resolver(span_text), text=span_text)
        else:
            actor = Actor(text=span_text)
        if actor.country is None and actor.sector not in (None, "UNK", "IGO", "NGO"):
            # "Kim's government": the owner's state's body
            actor = owners_state(head, actor, lambda owner: (
                self.owner_person(text, head, mentions, resolver, cache)
                or Actor(text=owner.text)) if owner.tag_ == "PRP$"
                else self.actor(text, owner, mentions, resolver, cache))
        cache[(start, end)] = actor
        return actor

    def owner_person(self, text: str, head: Token, mentions: Sequence[Mention],
                      resolver: Resolver | None,
                      cache: dict[tuple[int, int], Actor]) -> Actor | None:
        """The coded person a "his"/"her" before ``head`` stands for, if any."""
        ante = possessor_person(head)
        actor = self.actor(text, ante, mentions, resolver, cache) if ante is not None \
            else None
        return actor if actor is not None and actor.country else None

    def owner(self, text: str, head: Token, trigger_start: int, source: Actor,
               prior: Sequence[Event],
               mentions: Sequence[Mention], resolver: Resolver | None,
               cache: dict[tuple[int, int], Actor]) -> Actor | None:
        """Whom a target that names an act stands for: "condemned the launch" targets
        whoever launched. The act's own agent when the phrase names it ("Russia's attacks",
        "the launch by North Korea"), else the source of the latest earlier event of this
        or the two sentences before whose trigger or category the noun names ("the
        launch" after "North Korea launched a rocket"; "conditions Kyiv rejected" after
        "Putin insisted on ..."), when that source is someone else."""
        lemma = head.lemma_.lower()
        entry = self.lexicon.match(head) if head.pos_ == "NOUN" else None
        act_noun = entry is not None and entry.category is not None
        if not act_noun and lemma not in self.cues.product and head.lower_ not in \
                self.cues.product:
            return None
        roles = patient_roles(head, self.cues.patient)
        agent = noun_agent(head) if roles is None else roles[0]
        if agent is not None and actorness(
                agent, self.cues.actor_noun, [(m.start, m.end) for m in mentions]) > 0:
            actor = self.actor(text, agent, mentions, resolver, cache)
            if has_country(actor):
                return actor
        window_start = sentence(head).start_char
        prev = sentence(head).start - 1
        for _ in range(2):
            if prev < 0:
                break
            window_start = sentence(head.doc[prev]).start_char
            prev = sentence(head.doc[prev]).start - 1
        for ev in reversed(prior):
            if ev.evidence.start < window_start:
                break
            if ev.trigger.start == trigger_start:
                continue  # the same act, coded for a coordinated source
            if not has_country(ev.source) or ev.source.country == source.country:
                continue
            if act_noun and entry is not None and ev.category != entry.category and \
                    ev.trigger.text.lower() != head.lower_:
                continue
            return ev.source
        return None
