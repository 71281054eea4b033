"""Namesakes: when a name in running text is the office holder the built table lists.

The built table holds ~113,000 office holders, so many names in the news (a baseball
player, a singer, an engineer) collide with some deputy or mayor of the same name. A built
person named by the name alone (no title beside it) is taken only with support:

- a political word near the mention (a title or an office noun: "minister", "lawmakers",
  "police", "party" in the same or the previous sentence), or
- the person was in office on the article's date, or left it recently, and either their
  office's state is named in the article or the name is rare (few people in the table share
  its first name and its surname, and no one shares the whole name).

A former office holder who left long ago, named with no political word near, is more likely a
namesake, and so is anyone named in an article about other states with a common name. An
unsupported name is left to the named-entity pass (an unknown person, described by its
apposition if any). Hand-written people are curated and need no support.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from detente.extract.actors.built import BuiltPeople
from detente.extract.actors.knowledge import Person
from detente.model import Actor

if TYPE_CHECKING:
    from detente.extract.actors.resolver import Resolver

__all__ = ["POLITICAL", "argument_actor", "expected_namesakes", "name_support"]

# Sectors whose words make the text around a name political.
POLITICAL = frozenset({"GOV", "LEG", "MIL", "JUD", "SPY", "COP", "PTY", "ELI", "OPP", "REB",
                       "IGO"})
# An office left more than this many years before the article is "long ago" (round figures,
# not tuned: about two terms).
RECENT_YEARS = 8
# A name whose first name and surname are each common in the table is expected to have
# namesakes outside it (one in ten: a round figure, not tuned).
COMMON_NAME = 0.1

def expected_namesakes(built: BuiltPeople, key: str) -> float:
    """How many table people one would expect to bear this name by chance: (people with its
    first name) x (people with its surname) / (people). "jose ramirez" 0.6; "sergei lavrov"
    0.001. Several table people sharing the whole name count as that many."""
    first, last = built.word_counts()
    words = key.split()
    if not words:
        return 0.0
    chance = first[words[0]] * last[words[-1]] / max(1, len(built))
    return max(chance, float(len(built.names.get(key, ())) - 1))


def name_support(person: Person, key: str, on: dt.date, built: BuiltPeople, *,
                 political_near: bool, countries: Iterable[str]) -> tuple[bool, str]:
    """Whether a built person named by ``key`` alone is the one meant, and why.
    ``countries``: the states the article names (other than through this person)."""
    if political_near:
        return True, "a political word near the name"
    spans = [(r.start, r.end) for r in person.roles]
    active = any((s is None or s <= on) and (e is None or on < e) for s, e in spans)
    ended = [e for s, e in spans if e is not None and e <= on]
    recent = active or bool(ended and (on - max(ended)).days <= RECENT_YEARS * 365)
    if not recent:
        return False, ("out of office long before the article (or not yet in it) and no "
                       "political word near: a namesake")
    states = {r.country for r in person.roles if r.country}
    if states & set(countries):
        return True, "in office on or near the date, and the article names the office's state"
    odds = expected_namesakes(built, key)
    if odds < COMMON_NAME:
        return True, f"in office on or near the date, and a rare name ({odds:.3f} expected)"
    return False, (f"a common name ({odds:.2f} expected namesakes in the table) in an article "
                   "that names none of the office's states: a namesake")


def argument_actor(resolver: Resolver, text: str, published: str | None) -> Actor:
    """An event argument no mention covers, resolved by its own words, except what the
    actors stage leaves out: a built office holder's name (the stage found no support for
    it) and a town the tables do not hold ("Harvey", "Bryant": more often a name)."""
    actor = resolver.resolve(text, date=published)
    person = resolver.kb.person(actor.id) if actor.id else None
    if (person is not None and person.built) or (
            actor.country and actor.sector is None and actor.id is None
            and not resolver.gazetteer.find(text)):
        return Actor(text=text)
    return actor
