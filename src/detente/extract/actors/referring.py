"""Mentions that refer back, rules of the actors stage: "the terrorist group" after the
group was named, "the country's foreign minister" after the state was, a bare "the
government" or "the consulate" after a body of the same kind was named with its state.
Mixed into the stage's finder, whose state
:class:`~detente.extract.actors.context.ContextRules` declares."""

from __future__ import annotations

import dataclasses
import re

from detente.extract.actors.context import (
    _HOME_SECTORS,
    NEAR_CHARS,
    ContextRules,
    _Found,
    previous_sentence_start,
)
from detente.model import Actor

__all__ = ["ReferringRules"]

# Armed groups, and the collective nouns that refer back to one named before.
_ARMED_GROUPS = frozenset({"REB", "PRM"})
_COLLECTIVE = frozenset({"group", "organisation", "organization", "movement", "faction",
                         "outfit", "network"})
# "the country's [foreign minister]", "the nation's top [general]".
_THE_COUNTRYS = re.compile(r"\b[Tt]he\s+(?:country|nation)['’]s?\s+(?:[\w-]+\s+){0,2}$")
# "the ", or "the" and up to two modifiers, right before a mention ("the Islamist [militant
# group]").
_THE_BEFORE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}$")
# A state's bodies and officials that serve abroad: named bare after one of them, still
# that state's, whatever state the story is about.
_ABROAD = frozenset({"embassy", "embassies", "consulate", "consulates", "ambassador",
                     "ambassadors", "diplomat", "diplomats", "envoy", "envoys", "mission",
                     "attache", "attaché"})


class ReferringRules(ContextRules):
    """Mentions that refer back to an actor named earlier in the article."""

    def _named_groups(self) -> None:
        """"The terrorist group", "the militant group": a definite armed group named by a
        collective noun alone is the armed group the article named last before it (Islamic
        State ... "the terrorist group claimed" is IMGISIS, not a local group)."""
        last: _Found | None = None
        for i, f in sorted(enumerate(self.found), key=lambda x: x[1].start):
            a = f.actor
            if a.id is not None and a.sector in _ARMED_GROUPS and not f.person:
                last = f
                continue
            if last is None or a.country is not None or a.id is not None or \
                    a.name is not None or a.sector not in _ARMED_GROUPS or \
                    self.text[f.start:f.end].split()[-1].lower() not in _COLLECTIVE or \
                    not self._definite(f):
                continue
            self.found[i] = dataclasses.replace(f, actor=dataclasses.replace(
                last.actor, text=a.text, name=None, id=None))

    def _the_country(self) -> None:
        """"The country's foreign minister", "the nation's army": the state named last
        before it, in its sentence or the one before ("a Namibian newspaper reported that
        the country's foreign minister denied ..." is Namibia's, whatever the story's
        state); with no state named that near, left to the story's state."""
        if self.doc is None:
            return
        for i, f in enumerate(self.found):
            a = f.actor
            if a.country is not None or a.id is not None or a.sector in (None, "UNK") or \
                    _THE_COUNTRYS.search(self.text, max(0, f.start - 48), f.start) is None:
                continue
            span = self.doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None:
                continue
            lo = previous_sentence_start(self.doc, span.sent)
            named = [g for g in self.found if lo <= g.start < f.start and g.actor.country
                     in self.r.kb.states]
            named += [_Found(a0, b0, Actor(self.text[a0:b0], None, c, c))
                      for a0, b0 in self.bare_adjectives if lo <= a0 < f.start
                      and (c := self.r.country_in(self.text[a0:b0])) is not None]
            if not named:
                continue
            state = max(named, key=lambda g: g.start).actor.country
            phrase = self.text[f.start:f.end]
            matches = self.r.gazetteer.find(phrase)
            actor = self.r.compose(phrase, matches, self.on, state)
            if actor.country == state:
                self.found[i] = dataclasses.replace(f, actor=actor)

    def _town_modifiers(self) -> None:
        """"Slidell police", "Kunduz residents": a town the tables do not hold, named
        right before a generic mention as its modifier, places it in the town's state
        (GeoNames cities), whatever state the story is about."""
        if self.doc is None:
            return
        covered = [(g.start, g.end) for g in self.found]
        for i, f in enumerate(self.found):
            a = f.actor
            if a.country is not None or a.id is not None or a.name is not None or \
                    a.sector in (None, "UNK") or f.person:
                continue
            span = self.doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None or span.start == 0:
                continue
            tok = self.doc[span.start - 1]
            if tok.pos_ != "PROPN" or tok.dep_ != "compound" or tok.head.i not in \
                    range(span.start, span.end) or tok.ent_type_ not in ("", "GPE") or \
                    any(x <= tok.idx < y for x, y in covered):
                continue
            country = self.r.city_country(tok.text)
            if country is None or country not in self.r.kb.states:
                continue
            self.found[i] = dataclasses.replace(f, actor=dataclasses.replace(
                a, country=country, code=f"{country}{a.sector}{a.sector2 or ''}"))

    def _definite(self, f: _Found) -> bool:
        """Whether a mention opens with "the" or follows it."""
        return self.text[f.start:f.end].lower().startswith("the ") or \
            _THE_BEFORE.search(self.text, max(0, f.start - 40), f.start) is not None

    def _same_body(self, before: tuple[str, int] | None, f: _Found, word: str,
                   home: str | None) -> str | None:
        """The country of the body named earlier with the same head word ("German police"
        ... "police"), when the bare mention refers back to it: a state's body (people named
        bare, "130 people" after "the American people", are where the story places them),
        of the story's own state, named in this sentence or the one before ("the Swiss
        government" brokered ... "the government said" in a story about Nigeria is
        Nigeria's), or a body that serves abroad (the German consulate in Mazar-i-Sharif
        ... "the consulate")."""
        if before is None or f.actor.sector not in _HOME_SECTORS:
            return None
        country, at = before
        if home is None or country == home or word in _ABROAD:
            return country
        if self.doc is None:
            return country if f.start - at < NEAR_CHARS else None
        span = self.doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            return None
        return country if at >= previous_sentence_start(self.doc, span.sent) else None
