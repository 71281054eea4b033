"""Resolving actor strings to :class:`Actor`: who someone is, as of a date.

``resolve("Russian state media")`` gives RUS, GOV + JRN; ``resolve("Angela Merkel",
date="2022-01-10")`` gives DEU ELI (out of office); ``resolve("Defense Minister",
context="German")`` gives DEU GOV. The knowledge is in ``detente/data/actors`` (see
:mod:`detente.extract.actors.knowledge`); this module is mechanism only:

1. a gazetteer (one Aho-Corasick automaton over every name, alias and agent word, built once)
   finds the known pieces of the phrase, respecting word boundaries and capitals;
2. the phrase is split into its head (before "of", "at", "in", a comma...) and the rest;
3. a known person or organisation in the head is the actor (a person as of the date; a title
   beside the name sets the sector: "Senator", "former President"), unless an agent word
   follows it ("Trump officials", "a Hamas official": people around it, with its country and
   sector). Otherwise the country comes from a country, demonym, capital or city in the
   head, then the rest, then the context ("pro-Russian", "Iran-backed" name no one's
   country), and the sector from the head's rightmost strong agent word ("army accountant" =
   MIL), with "former" making an office ELI and "state"/"official" making media GOV + JRN;
   a title with a country is the person holding that office on the date, when the data
   knows exactly one ("the Russian foreign minister");
4. nothing known: an explicit unknown actor (sector UNK), never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from detente.extract.actors.built import office_key
from detente.extract.actors.cities import Cities
from detente.extract.actors.gazetteer import Entry, Gazetteer, Match
from detente.extract.actors.knowledge import ActorBase, Agent, Org, Person, Role
from detente.extract.actors.loader import default_actor_base
from detente.extract.actors.phrase_rules import (
    SPELL_DAYS,
    days_in_office,
    head_end,
    last_known,
    sponsored,
    studied,
)
from detente.model import Actor
from detente.timeml import as_of_date

__all__ = [
    "Entry",
    "Gazetteer",
    "Match",
    "Resolver",
    "default_resolver",
    "resolve",
]

# How many compose() results a resolver keeps before it starts over (some 10 MB; a day of
# news names far fewer distinct phrases).
_COMPOSED_KEPT = 20_000
# Sectors an office can have that "former" turns into ELI (PLOVER: former officials are elites).
_OFFICE = frozenset({"GOV", "LEG", "MIL", "JUD", "SPY", "COP"})
# Among roles held at once, the one that speaks for the person (a PM who leads a party is GOV).
_RANKED = "GOV IGO MIL SPY JUD COP LEG REL EDU JRN BUS MED NGO LAB PTY OPP REB ELI"
_ROLE_RANK = {s: i for i, s in enumerate(_RANKED.split(" "))}
_ORDINAL = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|next|new)\b",
                      re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*['’]s?\b")


def _code(*parts: str | None) -> str | None:
    return "".join(p for p in parts if p) or None


class _Phrase:
    """A phrase split into its head and the rest, with the agent words of the head."""

    def __init__(self, text: str, matches: Sequence[Match], on: dt.date | None,
                 agents: list[tuple[Match, Agent]]) -> None:
        self.text = text
        self.on = on
        end = head_end(text, matches)
        self.head = [m for m in matches if m.start < end]
        self.tail = [m for m in matches if m.start >= end]
        in_head = [(m, a) for m, a in agents if m.start < end]
        self.former = any(a.kind == "former" for _, a in in_head)
        self.state_run = any(a.kind == "state" for _, a in in_head)
        self.strong = [(m, a) for m, a in in_head if a.kind in ("noun", "title")]
        self.weak = [(m, a) for m, a in in_head if a.kind == "weak"]
        self.acts = [(m, a) for m, a in in_head if a.kind == "act"]


# The head of a phrase naming one state: with only a region before it ("the Asian country"),
# the region is not that state.
_ONE_STATE = re.compile(r"\b(?:country|nation|state|kingdom|republic)\s*$", re.IGNORECASE)


def _demote(sector: str | None, sector2: str | None, former: bool,
            ) -> tuple[str | None, str | None]:
    """A former office holder is an elite (PLOVER: ELI)."""
    if former and sector in _OFFICE:
        return "ELI", None
    return sector, sector2


class Resolver:
    """Resolves phrases (and gazetteer matches inside text) against one knowledge base."""

    def __init__(self, kb: ActorBase) -> None:
        self.kb = kb
        self.gazetteer = Gazetteer(kb)
        self._why: list[str] | None = None  # set by explain(): the decisions, in order
        # False: not loaded yet (a base read from the build cache holds them already)
        self._cities: Cities | bool | None = kb.cities if kb.cities is not None else False
        # compose() results: a phrase, its matches and its date decide the actor, and news
        # names the same few actors again and again ("Russia", "President Trump").
        self._composed: dict[tuple[object, ...], Actor] = {}
        # office_holder(): the hand-written people's roles by country, listed at first use
        # (the knowledge base does not change under a resolver: the gazetteer is built once)
        self._roles_by_country: dict[str | None, list[tuple[Person, Role]]] | None = None

    def forget(self) -> None:
        """Drop what was kept from earlier texts (benchmarks measure a cold pass)."""
        self.gazetteer.forget()
        self._composed.clear()

    def explain(self, text: str, *, date: str | None = None, context: str | None = None,
                ) -> tuple[Actor, list[str]]:
        """:meth:`resolve`, with the rules and table rows that decided, in order (for
        ``detente actors resolve --explain``; not thread-safe)."""
        self._why = []
        try:
            actor = self.resolve(text, date=date, context=context)
            return actor, self._why
        finally:
            self._why = None

    def _note(self, message: str) -> None:
        if self._why is not None:
            self._why.append(message)

    def note(self, message: str) -> None:
        """Record a decision taken outside the resolver (the actors stage's) for explain()."""
        self._note(message)

    def _describe_match(self, m: Match, text: str) -> str:
        e = m.best
        where = {"person": "person", "org": "orgs.tsv", "state": "states.tsv/pycountry",
                 "adj": "states.tsv adjective", "agent": "agents.tsv"}.get(e.kind, "places.tsv")
        if e.kind == "person":
            p = self.kb.person(e.ref)
            where = ("built office-holder table" if p is not None and p.built
                     else "people.tsv/roles.tsv")
            if len(m.entries) > 1:
                where += f", {len(m.entries)} people of that name"
        return f"{text[m.start:m.end]!r}: {e.kind} {e.ref} ({where})"

    def city_country(self, text: str, matches: Sequence[Match] = ()) -> str | None:
        """The state of a city the text names (GeoNames, 15,000+ people), or None. A city
        whose name lies inside an agent word of the phrase ("Police") is the word."""
        if self._cities is False:
            self._cities = Cities.load()
        if not isinstance(self._cities, Cities):
            return None
        for m in matches:  # "Ban Ki-moon" holds no city named "Ban Ki"
            if m.best.kind == "person":
                text = text[:m.start] + " " * (m.end - m.start) + text[m.end:]
        found = self._cities.country_in(text, [(m.start, m.end) for m in matches
                                               if m.best.kind == "agent"])
        if found is None:
            return None
        self._note(f"country {found[1]} from the city {found[0]!r} (GeoNames cities)")
        return found[1]

    # --- public -----------------------------------------------------------------------------

    def resolve(self, text: str, *, date: str | None = None, context: str | None = None,
                ) -> Actor:
        """The actor ``text`` names as of ``date`` (ISO). ``context`` (a country, a demonym, a
        sentence) supplies the country when the text has none. Without a date, a person is
        what they were when last known in office (an undated text cannot tell that someone
        has since left: no ELI from the calendar alone)."""
        on = as_of_date(date) if date and date.strip() else None
        if on is None:
            self._note("no date: a person is read as last known in office")
        return self.resolve_on(text, on, context=context)

    def resolve_on(self, text: str, on: dt.date | None, *, context: str | None = None,
                   ) -> Actor:
        """:meth:`resolve` with the date already parsed."""
        ctx_country = self.country_in(context) if context else None
        if ctx_country:
            self._note(f"context {context!r} names {ctx_country}")
        return self.compose(text, self.gazetteer.find(text), on, ctx_country)

    def country_in(self, text: str) -> str | None:
        """The first country the text names (state, demonym, capital, city or organisation)."""
        for m in self.gazetteer.find(text):
            c = self._country_of(m)
            if c:
                return c
        return None

    def person_actor(self, person: Person, on: dt.date | None, text: str) -> Actor:
        """A person as of ``on``: the office held then, else ELI after an office (country of
        the last one), else the person's base sector. ``on`` None: as last known."""
        on = on or last_known(person)
        when = min(on, person.died - dt.timedelta(days=1)) if person.died else on
        role = self.role_on(person, when)
        if role is not None:
            # an IGO post (NATO Secretary General) speaks for no country
            country = role.country or (None if role.sector == "IGO" else person.country)
            self._note(f"{person.name} on {when}: {role.title} ({role.country or '-'} "
                       f"{role.sector}, {role.start or '?'} to "
                       f"{(role.end or 'open') if not role.assumed_end else 'no known end'})")
            return Actor(text, person.name, self._role_code(country, role), country,
                         role.sector, role.sector2, person.id)
        past = [r for r in person.roles if r.end is not None and r.end <= when]
        if past and person.base and person.base not in _OFFICE | {"ELI"} and \
                days_in_office(person) < SPELL_DAYS:
            # a business leader after a short spell in office is a business leader again
            self._note(f"{person.name} on {when}: no office; back to their own sector "
                       f"{person.base}")
            return Actor(text, person.name, _code(person.country, person.base),
                         person.country, person.base, None, person.id)
        if past:
            last = max(past, key=lambda r: r.end or dt.date.min)
            country = last.country if last.country in self.kb.states else person.country
            self._note(f"{person.name} on {when}: no office; the last ({last.title}) ended "
                       f"{last.end}{' (assumed: no end known)' if last.assumed_end else ''}"
                       ": ELI")
            return Actor(text, person.name, _code(country, "ELI"), country, "ELI", None,
                         person.id)
        return Actor(text, person.name, _code(person.country, person.base), person.country,
                     person.base, None, person.id)

    def office_holder(self, country: str, title: str, on: dt.date | None) -> Person | None:
        """The one person holding this title in this country on the date (hand-written people
        first, then the built office holders), or None."""
        on = on or dt.date.today()
        want = office_key(title)
        if self._roles_by_country is None:  # the people's roles by country, in their order
            self._roles_by_country = {}
            for person in self.kb.people.values():
                for role in person.roles:
                    self._roles_by_country.setdefault(role.country, []).append((person, role))
        found = [p for p, r in self._roles_by_country.get(country, ())
                 if r.active(on) and office_key(r.title) == want]
        if not found and self.kb.built is not None:
            ids = {pid for pid, start, end in self.kb.built.holders(country, want)
                   if (not start or start <= on.isoformat())
                   and (not end or on.isoformat() < end.lstrip("~"))}
            found = [p for pid in sorted(ids) if (p := self.kb.built.get(pid)) is not None]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def role_on(person: Person, on: dt.date | None) -> Role | None:
        on = on or last_known(person)
        active = [r for r in person.roles if r.active(on)]
        if not active:
            return None
        return min(active, key=lambda r: (_ROLE_RANK.get(r.sector, 50),
                                          -(r.start or dt.date.min).toordinal()))

    def org_actor(self, org: Org, text: str) -> Actor:
        code = org.code or _code(org.country, org.sector, org.sector2)
        return Actor(text, org.name, code, org.country, org.sector, org.sector2, org.id)

    def agent(self, entry: Entry) -> Agent:
        return self.kb.agents[entry.ref]

    def pick_person(self, m: Match, on: dt.date | None, *, prefer: Iterable[str] = (),
                    country: str | None = None) -> Person | None:
        """The person a name match means: one already named in the document (``prefer``),
        else the only one in office on the date (in ``country`` if given), else the only one
        at all. Ambiguous: None (better unknown than wrong)."""
        people = [p for e in m.entries if e.kind == "person"
                  and (p := self.kb.person(e.ref)) is not None]
        if len(people) <= 1:
            return people[0] if people else None
        preferred = set(prefer)
        named = [p for p in people if p.id in preferred]
        if named:
            return named[-1]
        day = on or dt.date.today()
        active = [(p, r) for p in people if (r := self.role_on(p, day)) is not None]
        if country:
            local = [p for p, r in active if r.country == country]
            if len(local) == 1:
                return local[0]
        if len(active) == 1:
            return active[0][0]
        if len({p.country for p in people}) == 1 and all(p.built for p in people):
            # namesakes in one state (often one person under two source ids): the one with
            # the most offices, since the country is certain either way
            return max(people, key=lambda p: len(p.roles))
        return None

    # --- composition ------------------------------------------------------------------------

    def compose(self, text: str, matches: Sequence[Match], on: dt.date | None,
                ctx_country: str | None = None, *, prefer: Iterable[str] = (),
                offset: int = 0) -> Actor:
        """The actor named by ``text`` given the gazetteer ``matches`` inside it (offsets into
        ``text``, or into a longer text in which ``text`` starts at ``offset``). ``prefer``:
        people already named (see :meth:`pick_person`)."""
        if self._why is not None or on is None:
            # explaining records every step; undated, a person is read as of today
            return self._compose(text, _shifted(matches, offset), on, ctx_country, prefer)
        people = {e.ref for m in matches for e in m.entries if e.kind == "person"}
        if people:
            prefer = tuple(prefer)
        # prefer counts only for the people the phrase may name, in no particular order
        key = (text, on, ctx_country, frozenset(people.intersection(prefer)) if people
               else None, *[(m.start - offset, m.end - offset, m.entries) for m in matches])
        actor = self._composed.get(key)
        if actor is None:
            actor = self._compose(text, _shifted(matches, offset), on, ctx_country, prefer)
            if len(self._composed) >= _COMPOSED_KEPT:
                self._composed.clear()  # as the gazetteer's kept matches: simple, thread-safe
            self._composed[key] = actor
        return actor

    def _compose(self, text: str, matches: Sequence[Match], on: dt.date | None,
                 ctx_country: str | None, prefer: Iterable[str]) -> Actor:
        matches = [m for m in matches if not sponsored(text, m) and not studied(text, m)]
        if self._why is not None:  # describing a match costs: only when explaining
            for m in matches:
                self._note("found " + self._describe_match(m, text))
        if not matches:
            city = self.city_country(text)
            if city is not None:  # a place the tables do not hold: its state, no sector
                return Actor(text, None, city, city, None, None, None)
            self._note("nothing known in the phrase: unknown")
            return _unknown(text)
        named = self.place_named(text, matches)
        if named is not None:
            self._note(f"{named.term!r} closes a name that begins with a place: an "
                       "organisation named after it, not its state")
            # named, so that no context lends it a state either ("... in Nice", the dateline)
            name = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
            return Actor(text, name, named.sector, None, named.sector, named.sector2, None)
        ph = _Phrase(text, matches, on, [(m, self.agent(e)) for m in matches for e in m.entries
                                         if e.kind == "agent"])
        return (self._named(ph, ctx_country, prefer) or self._member_of(ph)
                or self._generic(ph, ctx_country))

    def place_named(self, text: str, matches: Sequence[Match]) -> Agent | None:
        """The agent word that closes a proper name opening with a state or place ("the
        Palestine Solidarity Campaign", "Iraq Peace Foundation": a group named after a place,
        often abroad), or None. The closing word is an agent written with a capital in
        ``agents.tsv`` ("Campaign"), the words between are capitalised and unknown, and
        nothing else is known in the phrase."""
        # (an adjective names where the group is: "the Russian Geographical Society" = RUS)
        places = [m for m in matches if m.best.kind in ("state", "city", "region")]
        agents = [m for m in matches if m.best.kind == "agent"]
        if len(places) != 1 or len(agents) != 1 or len(matches) != 2:
            return None
        place, last = places[0], agents[0]
        agent = self.agent(last.best)
        if not agent.term[:1].isupper() or last.start <= place.end:
            return None
        between = text[place.end:last.start].split()
        if not between or not all(w[:1].isupper() and w.isalpha() for w in between):
            return None
        return agent

    def _named(self, ph: _Phrase, ctx_country: str | None, prefer: Iterable[str],
               ) -> Actor | None:
        """Step 1: a known person or organisation heads the phrase."""
        for m in ph.head:
            e = m.best
            if e.kind not in ("person", "org"):
                continue
            after = [a for mm, a in ph.strong + ph.weak if mm.start > m.start]
            if _POSSESSIVE.match(ph.text, m.end) and any(a.kind != "weak" for a in after):
                continue  # "Trump's special envoy": Trump only says whose
            if e.kind == "person":
                if after:
                    continue  # "Trump officials", "Putin aides": people around the person
                person = self.pick_person(m, ph.on, prefer=prefer, country=self._head_country(
                    ph.head, ctx_country, ph.on))
                if person is None:
                    self._note("several people of that name, none preferred: unknown")
                    return _unknown(ph.text)
                titles = [a for mm, a in ph.strong if a.kind == "title" and mm.start < m.start]
                return self._with_title(self.person_actor(person, ph.on, ph.text),
                                        titles[-1] if titles else None, ph.former)
            return self._org_phrase(ph, m, self.kb.orgs[e.ref], after)
        return None

    def _org_phrase(self, ph: _Phrase, m: Match, org: Org, after: list[Agent]) -> Actor:
        text = ph.text
        modifier = self._head_country([mm for mm in ph.head if mm.start < m.start], None, ph.on)
        if modifier and org.country and org.country != modifier and org.sector != "IGO":
            self._note(f"{modifier} before a generic body's name: that state's body")
            # "Chile's Defense Department": a generic name another state's body shares
            return Actor(text, None, _code(modifier, org.sector, org.sector2), modifier,
                         org.sector, org.sector2, None)
        telling = [a for a in after if a.sector not in (None, "IGO", "UNK")]
        if org.sector == "IGO" and org.bloc and telling:
            # "European Union legislators" = EUR LEG, "U.N. peacekeepers" = UNO MIL
            ag = ([a for a in telling if a.kind != "weak"] or telling)[-1]
            sector, sector2 = _demote(ag.sector, ag.sector2, ph.former)
            if (sector, sector2) == ("GOV", None) and not any(
                    o.country == org.bloc and o.sector == "GOV" for o in self.kb.orgs.values()):
                # "a U.N. spokesman", "UN officials", "a UN envoy": with no executive organ
                # of its own (the EU has its Commission, EUR GOV), the organisation speaks,
                # as its post holders do (IGOUNO)
                self._note("an official of an organisation with no executive organ: it")
                return self.org_actor(org, text)
            return Actor(text, None, _code(org.bloc, sector, sector2), org.bloc, sector,
                         sector2, None)
        if after:
            # "a Hamas official", "a former Department of Defense adviser": a member
            sector, sector2 = _demote(org.sector, org.sector2, ph.former)
            code = org.code if sector == org.sector and org.code and not org.country \
                else _code(org.country, sector, sector2)  # "an ICRC official" = NGOICRC
            return Actor(text, None, code, org.country, sector, sector2, None)
        return self.org_actor(org, text)

    def _member_of(self, ph: _Phrase) -> Actor | None:
        """Step 2: "members of SANDF": a generic head over a known organisation."""
        if ph.strong or any(a.sector != "UNK" for _, a in ph.weak):
            return None
        for m in ph.tail:
            if m.best.kind == "org" and not _POSSESSIVE.match(ph.text, m.end):
                return self.org_actor(self.kb.orgs[m.best.ref], ph.text)
        return None

    def _generic(self, ph: _Phrase, ctx_country: str | None) -> Actor:
        """Step 3: country from the modifiers, sector from the head word."""
        on, text = ph.on, ph.text
        post = None if ph.former else self._igo_post(ph.head + ph.tail, on)
        if post is not None:
            # "a spokesman for NATO Secretary General X", "X's aides": people around the
            # holder of an IGO post act for that IGO, not for the holder's home state
            self._note(f"around {post[0]}, who holds an IGO post on {on or 'record'}: {post[1]}")
            return Actor(text, None, post[1], None, "IGO", None, None)
        written = self._head_country(ph.head, None, on) or self._first_country(ph.tail, on)
        if written is None and ctx_country is None:
            written = self.city_country(text, ph.head + ph.tail)
        if written and _ONE_STATE.search(text) and all(
                m.best.kind == "region" for m in ph.head if m.best.kind != "agent"):
            # "the Asian country", "an African nation": one state of the region, not the
            # region; which one, the text around says (events: the state named before)
            self._note("one state of a region, not the region: unknown")
            return _unknown(text)
        country = written or ctx_country
        if written:
            self._note(f"country {written} written in the phrase")
        elif ctx_country:
            self._note(f"country {ctx_country} from the context")
        strong, weak = ph.strong, ph.weak
        if strong and strong[-1][1].kind == "title" and written and not ph.former \
                and not _ORDINAL.search(text):
            holder = self.office_holder(written, strong[-1][1].term, on)
            if holder is not None:  # "the Russian foreign minister" on that date
                self._note(f"the one {strong[-1][1].term} of {written} on {on or 'record'}: "
                           f"{holder.name}")
                return self.person_actor(holder, on, text)
        pool = [a for _, a in strong or weak]
        if not strong and ph.acts:
            if not written:
                self._note("an act or a land with no country written: not an actor")
                return _unknown(text)
            # "Russian attacks" = RUS MIL, "Russian waters" = RUS: the act says the sector
            pool = [ph.acts[-1][1]]
        elif not strong and not [a for _, a in weak if a.sector != "UNK"]:
            # "a team of heavily armed police": the head says nothing, the rest does
            tail_strong = [self.agent(e) for m in ph.tail for e in m.entries
                           if e.kind == "agent" and self.agent(e).kind in ("noun", "title")]
            pool = tail_strong[-1:] or pool
        sector: str | None = None
        sector2: str | None = None
        if pool:
            sector, sector2 = pool[-1].sector, pool[-1].sector2
            self._note(f"sector {sector} from the agent word {pool[-1].term!r} "
                       f"({pool[-1].kind})")
        else:
            seat = next((m.best for m in ph.head if m.best.kind in ("seat", "capital")), None)
            if seat is not None:
                place = self.kb.places[seat.ref]
                sector, sector2 = place.sector, place.sector2
        if sector in ("JRN", "BUS") and ph.state_run:
            sector, sector2 = "GOV", sector
        sector, sector2 = _demote(sector, sector2, ph.former)
        if country is None and sector in (None, "UNK"):
            self._note("neither a country nor a sector: unknown")
            return _unknown(text)
        return Actor(text, None, _code(country, sector, sector2), country, sector, sector2, None)

    def _with_title(self, actor: Actor, title: Agent | None, former: bool) -> Actor:
        """A title written beside a name is the role at the time of writing."""
        sector, sector2 = actor.sector, actor.sector2
        if title is not None and title.sector and title.sector != sector:
            sector, sector2 = title.sector, title.sector2
            self._note(f"the title {title.term!r} written beside the name: {sector}")
        sector, sector2 = _demote(sector, sector2, former)
        if (sector, sector2) == (actor.sector, actor.sector2):
            return actor
        return Actor(actor.text, actor.name, _code(actor.country, sector, sector2),
                     actor.country, sector, sector2, actor.id)

    def _country_of(self, m: Match, on: dt.date | None = None) -> str | None:
        for e in m.entries:
            if e.kind in ("state", "adj"):
                return e.ref
            if e.kind in ("capital", "seat", "city", "region"):
                return self.kb.places[e.ref].country
            if e.kind == "org":
                org = self.kb.orgs[e.ref]
                return org.country or org.bloc
            if e.kind == "person":
                p = self.kb.person(e.ref)
                if p is None:
                    continue
                role = self.role_on(p, on)
                if role is not None and not role.country and role.sector == "IGO":
                    return None  # an IGO post speaks for no country
                return (role.country if role else None) or p.country
        return None

    def _igo_post(self, matches: Sequence[Match], on: dt.date | None,
                  ) -> tuple[str, str] | None:
        """The first person among the matches holding an IGO post on the date, as (name,
        the IGO's code), or None."""
        for m in matches:
            if m.best.kind != "person":
                continue
            p = self.kb.person(m.best.ref)
            role = self.role_on(p, on) if p is not None else None
            if p is not None and role is not None and not role.country \
                    and role.sector == "IGO":
                return p.name, self._role_code(None, role) or "IGO"
        return None

    def _head_country(self, head: Sequence[Match], fallback: str | None,
                      on: dt.date | None = None) -> str | None:
        for m in head:
            if m.best.kind == "agent":
                continue
            c = self._country_of(m, on)
            if c:
                return c
        return fallback

    def _first_country(self, matches: Sequence[Match], on: dt.date | None = None,
                       ) -> str | None:
        return self._head_country(matches, None, on)

    def _role_code(self, country: str | None, role: Role) -> str | None:
        if country is None and role.sector == "IGO":
            # a post at an IGO acts for the organisation its title names, coded as the
            # organisation itself is ("NATO Secretary General" -> IGONAT)
            org = self._igo_named(role.title)
            if org is not None and org.code:
                return org.code
        return _code(country, role.sector, role.sector2)

    def _igo_named(self, title: str) -> Org | None:
        """The first intergovernmental organisation an office title names, or None."""
        for m in self.gazetteer.find(title):
            for e in m.entries:
                if e.kind == "org" and self.kb.orgs[e.ref].sector == "IGO":
                    return self.kb.orgs[e.ref]
        return None


def _shifted(matches: Sequence[Match], offset: int) -> Sequence[Match]:
    """The matches with offsets into a text that starts ``offset`` characters later (made
    only when a phrase is composed anew: most are found among the kept ones)."""
    if not offset:
        return matches
    return [Match(m.start - offset, m.end - offset, m.entries) for m in matches]


def _unknown(text: str) -> Actor:
    """The explicit unknown actor: the text is kept, nothing is guessed."""
    return Actor(text, None, "UNK", None, "UNK", None, None)


@lru_cache(maxsize=8)
def default_resolver(extra: tuple[Path, ...] = ()) -> Resolver:
    """A resolver over the built-in knowledge base (plus user files), built once."""
    return Resolver(default_actor_base(extra))


def resolve(text: str, *, date: str | None = None, context: str | None = None) -> Actor:
    """Resolve one actor string with the built-in knowledge base (see :class:`Resolver`)."""
    return default_resolver().resolve(text, date=date, context=context)
