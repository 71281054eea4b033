"""Context rules of the actors stage: what the words around a mention say about it (a
possessive state, the same body named earlier, the dateline, the state the article is about,
a surname after the full name, a subject "it"). Mixed into the stage's finder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.actors.gazetteer import Match
from detente.extract.actors.phrase_rules import in_aside
from detente.extract.actors.resolver import Resolver
from detente.extract.actors.spans import word_hits
from detente.extract.tokens import sentence
from detente.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Sectors of a state's own bodies, which an article's dateline places in that state.
_HOME_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY"})
_BLOC_CODES = frozenset({"EUR", "UNO"})
# ... and those an article's dateline or main state stands for when named bare (not armed
# forces: "drones", "conscripts" in an article about Ukraine are as often the enemy's).
_DOMESTIC = frozenset({"GOV", "LEG", "JUD", "COP"})
# ... but a state's armed forces named as an institution ("the military", "the army", "a
# military source") are the home state's like its other bodies.
_HOME_ARMED = re.compile(r"^(?:the |a |an )?(?:military|army|navy)(?: (?:source|sources|"
                         r"spokesman|spokeswoman|spokesperson|official|officials))?$",
                         re.IGNORECASE)
# Sectors of a state's own bodies: a spokesman for one speaks for that state's government.
_STATE_BODIES = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY", "ELI"})
# The longest title phrase before a name read as its description ("First Deputy Chairman
# of the Federation Council's Defence and Security Committee" is 13 tokens).
_DESCRIPTION_MAX_TOKENS = 16
# People and groups named without a state ("residents", "militant gunmen", "trade unions",
# "the rabbis", "opposition leaders") belong where the sentence places the event ("in
# Nice"), else to the dateline's state or the state the article is about. Armed forces and
# businesses are left out: "drones" or "banks" in a story about a war are as often the
# other side's.
_LOCAL = frozenset({"CVL", "CRM", "REB", "OPP", "LAB", "REL", "NGO", "PTY", "EDU", "MED",
                    "HLH", "REF"})
_HOME_OR_LOCAL = _HOME_SECTORS | _LOCAL  # (made once, not per mention)
# After a generic mention: people from other states ("leaders from across the globe").
_FROM_ABROAD = re.compile(r"\s+(?:from|of|around|across)\s+(?:across\s+|around\s+|all\s+"
                          r"over\s+)?(?:the\s+)?(?:globe|world|abroad|region)\b",
                          re.IGNORECASE)
_POSSESSED = re.compile(r"\b(?:our|their|his|her|its|my|your)\s+$", re.IGNORECASE)
# Quantifiers that sum up several sides ("all parties", "both parties"): parties to a talk
# or a conflict, not political parties of the place it is held in.
_SUMMED = re.compile(r"\b(?:all|both|each|either|neither|the two|the three)\s+$",
                     re.IGNORECASE)
# A preposition of place right before a mention ("flown in from France"): a place there.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|into|near|over|across|around|inside|"
                           r"outside)\s+(?:the\s+)?$", re.IGNORECASE)
# Words that say the group is not the local one ("foreign journalists").
_NOT_LOCAL = re.compile(r"\b(?:foreign|international|overseas|western|global|world)\b",
                        re.IGNORECASE)
# Words that name other states by their relation to one ("our allies", "its partners"):
# never the dateline's or the article's state.
_RELATIONAL = frozenset({"ally", "allies", "partner", "partners", "counterpart",
                         "counterparts", "neighbor", "neighbors", "neighbour", "neighbours"})
_FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MAC"})
# "\b[Ii]t\b" written letter first (the start boundary checked behind it): a pattern that
# opens with "\b" is tried at every position of the text, one that opens with letters skips
# ahead to them (about 2x faster on news text).
_IT = re.compile(r"[Ii](?<!\w.)t\b")
_QUOTES = re.compile(r"[\"“”]")
# "a spokeswoman for China's Foreign Ministry", "members of the CSU party".
_AFFILIATION = re.compile(r"[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?")
# What stands before a title that refers back ("the president", "his ambassador", "the
# 32-year-old leader": a determiner and up to three modifiers).
_TITLE_DET = re.compile(r"\b(the|his|her)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# Generic words for a head of state or government that refer back like a title.
# (A "leader" fits a Supreme Leader; fitting every head of state too cost one real_dev
# event, 0.2507 -> 0.2498 actors_right: "the leader" is as often a party's.)
LEADER = frozenset({"leader"})
# Without a parse, "near a name" is this many characters either side (about a sentence).
NEAR_CHARS = 200
# A name of two to four capitalised words right after a description ("law firm Mossack
# Fonseca"), then a break (punctuation, a lower-case word or the end).
_NAME_AFTER = re.compile(r" ((?:[A-Z][\w&-]*)(?: [A-Z][\w&-]*){1,3})(?=[\s,.;:)'’]|$)")
# "the North", "the South" (not "the North Korean", "the South China Sea").
# (written letter first, as _IT)
_COMPASS = re.compile(r"[Tt](?<!\w.)he (North|South)\b(?!\s+[A-Z])(?![-\w])")


@dataclass
class _Chunk:
    start: int
    end: int
    matches: list[Match]

    def kinds(self) -> set[str]:
        return {m.entries[0].kind for m in self.matches}  # (each match's best entry)


@dataclass
class _Found:
    start: int
    end: int
    actor: Actor
    person: bool = False  # a person (KB or named unknown): antecedent for pronouns
    gender: str | None = None
    subject: bool = False
    place: bool = False  # a bare place name (may be part of a longer proper name)


class ContextRules:
    """The context rules, over the finder's state (declared here, set by the finder)."""

    r: Resolver
    on: dt.date
    text: str
    doc: Doc | None
    found: list[_Found]
    bare_adjectives: list[tuple[int, int]]
    located: list[tuple[int, str]]
    home: str | None  # the dateline's state, else the state the article is about
    _quotes: list[int] | None  # where the quotation marks are (_in_quotes)
    _subjects: tuple[list[int], list[int], int] | None  # where the subjects are (_is_subject)

    @property
    def parsed(self) -> Doc:
        """The spaCy parse; the rules that read it run only when there is one."""
        assert self.doc is not None
        return self.doc

    def _add(self, start: int, end: int, actor: Actor, *, person: bool = False,
             gender: str | None = None, place: bool = False) -> None:
        raise NotImplementedError

    def _dateline(self, ch: _Chunk) -> bool:
        raise NotImplementedError

    def _named_groups(self) -> None:
        raise NotImplementedError

    def _the_country(self) -> None:
        raise NotImplementedError

    def _town_modifiers(self) -> None:
        raise NotImplementedError

    def _same_body(self, before: tuple[str, int] | None, f: _Found, word: str,
                   home: str | None) -> str | None:
        raise NotImplementedError

    def _in_quotes(self, pos: int) -> bool:
        """Whether an odd number of quotation marks opens the paragraph up to ``pos``."""
        if self._quotes is None:  # where the quotation marks are, listed once
            self._quotes = [m.start() for m in _QUOTES.finditer(self.text)]
        para_start = self.text.rfind("\n", 0, pos) + 1
        return (bisect_left(self._quotes, pos) - bisect_left(self._quotes, para_start)) % 2 == 1

    def _is_subject(self, start: int, end: int) -> bool:
        """Whether a token of ``doc.char_span(start, end, alignment_mode="expand")`` is a
        subject, read off the subjects' offsets, listed once per document (the span and its
        tokens for each of 914 mentions a pass of bench/bench_actors.py: 2.2 ms; so: 1.7)."""
        if self.doc is None:
            return False
        if self._subjects is None:
            self._subjects = subject_offsets(self.doc)
        starts, ends, doc_end = self._subjects
        if start < 0 or end > doc_end:
            return False  # outside the parse: char_span gives None
        # the tokens run on without gaps: the span holds a subject exactly when the last
        # subject starting before ``end`` ends after ``start``
        i = bisect_left(starts, end) - 1
        return i >= 0 and ends[i] > start

    def _possessors(self) -> None:
        """"Pakistan's Foreign Affairs Ministry", "Colombian defence officials": a state or
        demonym that modifies (possessive, adjective, compound) the head of a generic mention
        gives it its country, across words the gazetteer does not know."""
        states = {f.start: f for f in self.found if f.actor.country and f.actor.sector is None
                  and f.actor.id is None}
        adjectives = dict(self.bare_adjectives)
        for f in list(self.found):
            if f.actor.country is not None or f.actor.id is not None or \
                    f.actor.sector in (None, "UNK"):
                continue
            span = self.parsed.char_span(f.start, f.end, alignment_mode="expand")
            if span is None:
                continue
            for child in span.root.lefts:
                if child.dep_ not in ("poss", "amod", "compound", "nmod") or child.idx >= f.start:
                    continue
                start = child.left_edge.idx
                owner = next((g for a, g in states.items() if start <= a <= child.idx), None)
                adj = next(((a, b) for a, b in adjectives.items() if start <= a <= child.idx),
                           None)
                country = owner.actor.country if owner is not None else (
                    self.r.country_in(self.text[adj[0]:adj[1]]) if adj else None)
                if country is None:
                    continue
                begin = owner.start if owner is not None else adj[0] if adj else f.start
                whole = self.text[begin:f.end]
                matches = self.r.gazetteer.find(whole)
                if owner is not None and self.r.place_named(whole, matches) is not None:
                    # "the Palestine Solidarity Campaign": named after a state, not of it
                    actor = self.r.compose(whole, matches, self.on)
                else:
                    sector, sector2 = f.actor.sector, f.actor.sector2
                    actor = Actor(whole, None, f"{country}{sector}{sector2 or ''}", country,
                                  sector, sector2, None)
                self.found = [g for g in self.found if g is not f and g is not owner]
                self._add(begin, f.end, actor)
                break

    def _titled_by_phrase(self, ent: Span) -> tuple[int, Actor] | None:
        """A name we do not know at the end of a noun phrase that holds a title and a
        coded body ("Refugee Council director Jane Doe", "deputy chairman of the Duma's
        defence committee John Doe"): the phrase describes the person, who takes its
        state and sector (the quotes stage places such speakers the same way). The name
        keeps its own span; the description's start is not returned as the mention's."""
        root = ent.root
        if root.i != ent.end - 1 or ent.start == 0:
            return None
        first = root.left_edge.i
        if first >= ent.start:
            # the parser made the title its own phrase ("Chairman of the Committee" as a
            # subject of its own): the phrase that ends right before the name
            head = self.parsed[ent.start - 1]
            while head.head.i != head.i and head.head.right_edge.i == ent.start - 1:
                head = head.head
            if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("pobj", "dobj", "dative",
                                                                  "attr"):
                return None
            first = head.left_edge.i
        words = self.parsed[first:ent.start]
        if len(words) > _DESCRIPTION_MAX_TOKENS or any(
                t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON" or t.text in (",", "(")
                for t in words):
            return None
        a, b = words[0].idx, words[-1].idx + len(words[-1].text)
        inside = [f for f in self.found if a <= f.start and f.end <= b]
        if not inside or any(f.person for f in inside):
            return None
        described = self.r.resolve_on(self.text[a:b], self.on)
        if not described.country:
            return None
        return ent.start_char, described

    def _surnames(self) -> None:
        """A surname alone ("Molano") after the full name ("Diego Molano") is that person."""
        covered = [(f.start, f.end) for f in self.found]
        people: dict[str, _Found] = {}
        for f in sorted(self.found, key=lambda f: f.start):
            if f.person and f.actor.name and " " in f.actor.name.strip():
                # Chinese and Korean names put the family name first ("Kim Jong Un": Kim)
                pick = 0 if f.actor.country in _FAMILY_NAME_FIRST else -1
                people.setdefault(f.actor.name.split()[pick], f)
                if pick == -1 and f.actor.text and " " in f.actor.text.strip():
                    people.setdefault(f.actor.text.split()[-1], f)
        for surname, first in people.items():
            if len(surname) < 3 or not surname[0].isupper():
                continue
            for a, b in word_hits(self.text, surname, first.end):
                if any(x < b and a < y for x, y in covered):
                    continue
                self._add(a, b, first.actor, person=True, gender=first.gender)
                covered.append((a, b))

    def _home_country(self, chunks: Sequence[_Chunk]) -> None:
        """A state's body named without a country ("police", "the Finance Ministry",
        "Treasury") is that of the same body named earlier with one ("German police" ...
        "police"), else of the article's dateline ("ISLAMABAD (Reuters) -"), else of the state
        the article is about (named by at least half of the mentions that name a state, and
        twice or more)."""
        dateline = next((f.actor.country for ch in chunks[:3] if self._dateline(ch)
                         for f in self.found if f.start == ch.start and f.actor.country), None)
        named = Counter(f.actor.country for f in self.found if f.actor.country)
        named.update(c for a, b in self.bare_adjectives
                     if (c := self.r.country_in(self.text[a:b])) is not None)
        top = named.most_common(1)
        about = top[0][0] if top and top[0][1] >= 2 and \
            top[0][1] * 2 >= sum(named.values()) else None
        home_state = dateline or about
        self._named_groups()
        self._the_country()
        self._town_modifiers()
        # (head word, sector) -> (country, where named): "Twitter Police" (a company) is no
        # earlier "police"
        earlier: dict[tuple[str, str], tuple[str, int]] = {}
        for i, f in sorted(enumerate(self.found), key=lambda x: x[1].start):
            if f.actor.country and f.actor.sector and f.actor.id is None:
                word = self.text[f.start:f.end].split()[-1].lower()
                earlier[(word, f.actor.sector)] = (f.actor.country, f.start)
                continue
            if f.actor.country is not None or f.actor.id is not None or \
                    f.actor.sector not in _HOME_OR_LOCAL or f.actor.country in _BLOC_CODES:
                continue
            word = self.text[f.start:f.end].split()[-1].lower()
            if word in _RELATIONAL or _stateless(f.actor):
                continue
            if _FROM_ABROAD.match(self.text, f.end):
                continue  # "leaders from across the globe": not the home state's
            if f.actor.name is None and not f.person and (
                    g := self._affiliated(f)) is not None and (
                        g.actor.country or _transnational(g.actor)):
                continue  # "a spokesman for Microsoft": whose, not where (_affiliations)
            home = self._same_body(earlier.get((word, f.actor.sector)), f, word,
                                   home_state) or (
                home_state if f.actor.sector in _DOMESTIC or (
                    f.actor.sector == "MIL" and _HOME_ARMED.match(self.text[f.start:f.end]))
                else None)
            if home is not None:
                self.found[i] = dataclasses.replace(f, actor=dataclasses.replace(
                    f.actor, country=home,
                    code=f"{home}{f.actor.sector}{f.actor.sector2 or ''}"))
        self._local_country(dateline, about)
        self.home = dateline or about  # for the people named later (_unknown_people_home)

    def _unknown_people_home(self) -> None:
        """A person we do not know whose description gave a state's office but no state
        ("spokesman Pierre-Henry Brandet", "Lee Ju-ho, the presidential security adviser")
        is of the dateline's state, else of the state the article is about."""
        home = self.home
        if home is None:
            return
        for i, f in enumerate(self.found):
            a = f.actor
            if f.person and a.id is None and a.name and a.country is None and \
                    a.sector in _DOMESTIC:
                self.found[i] = dataclasses.replace(f, actor=dataclasses.replace(
                    a, country=home, code=f"{home}{a.sector}{a.sector2 or ''}"))

    def _local_country(self, dateline: str | None, about: str | None) -> None:
        """People and groups named without a state (``_LOCAL`` sectors) take the state of
        the place their sentence is located in ("84 people were killed in Nice"), else
        the dateline's, else the state the article is about."""
        for i, f in enumerate(self.found):
            a = f.actor
            if a.country is not None or a.id is not None or a.name is not None or \
                    a.sector not in _LOCAL or _NOT_LOCAL.search(self.text[f.start:f.end]) or \
                    _stateless(a):
                continue  # ("Islamic State militants" in Paris are IMGISIS, not French)
            if _POSSESSED.search(self.text, max(0, f.start - 8), f.start):
                continue  # "our people", "their troops": whose they are, not where
            if a.sector == "PTY" and _SUMMED.search(self.text, max(0, f.start - 12), f.start):
                continue  # "all parties agreed" in Geneva: the sides to a talk, not its host's
            lo, hi = self._sentence_bounds(f.start)
            here = [c for at, c in self.located if lo <= at < hi]
            home = here[0] if len(set(here)) == 1 else (dateline or about if not here
                                                          else None)
            if home is None:
                continue
            self.found[i] = dataclasses.replace(f, actor=dataclasses.replace(
                a, country=home, code=f"{home}{a.sector}{a.sector2 or ''}"))

    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        if self.doc is None:
            return pos - 200, pos + 200
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None:
            return pos, pos
        sent = span.sent  # (spaCy finds it anew on each access)
        return sent.start_char, sent.end_char

    def _described_names(self) -> None:
        """A name we do not know right after a generic mention that describes it
        ("Panamanian law firm Mossack Fonseca" = PAN BUS) is that body, here and wherever
        the article names it again. Only bodies (not people: the named-entity pass gives
        unknown people their description) and only names of capitalised words."""
        covered = [(f.start, f.end) for f in self.found]
        names: dict[str, Actor] = {}
        for f in sorted(self.found, key=lambda f: f.start):
            a = f.actor
            if a.id is not None or a.name is not None or not a.country or \
                    a.sector in (None, "UNK") or f.person:
                continue
            m = _NAME_AFTER.match(self.text, f.end)
            if m is None:
                continue
            name = m.group(1)
            a0, b0 = m.start(1), m.end(1)
            if any(a < b0 and a0 < b for a, b in covered) or self._person_named(a0, b0):
                continue
            names[name] = dataclasses.replace(a, text=name, name=name)
        for name, actor in names.items():
            for a0, b0 in word_hits(self.text, name, 0):
                if not any(a < b0 and a0 < b for a, b in covered):
                    self._add(a0, b0, actor)
                    covered.append((a0, b0))

    def _person_named(self, start: int, end: int) -> bool:
        if self.doc is None:
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.ent_type_ == "PERSON" for t in span)

    def _title_antecedent(self, start: int, term: str, sector: str | None = None
                          ) -> Actor | None:
        """"the president", "the 32-year-old leader": the last person named before whose
        office has that title. "his ambassador" with no such person: an office of the
        state of the person "his" stands for (the last person named, within a sentence
        or so), with the title's sector."""
        det = _TITLE_DET.search(self.text, max(0, start - 40), start)
        if det is None:
            return None
        holders: dict[str, tuple[int, int, Actor]] = {}  # id -> (times named, last, actor)
        for f in self.found:
            known = self.r.kb.person(f.actor.id) if f.actor.id else None
            if f.start >= start or known is None or f.actor.id is None:
                continue
            role = self.r.role_on(known, self.on)
            if role is not None and _title_fits(role.title, term):
                n = holders.get(f.actor.id, (0, 0, f.actor))[0]
                holders[f.actor.id] = (n + 1, f.start, f.actor)
        if holders:
            # the holder named most often so far (the article's president, not one named
            # in passing: +1 real_dev event), the last named on a tie
            return max(holders.values(), key=lambda x: (x[0], x[1]))[2]
        if det.group(1).lower() in ("his", "her") and sector is not None:
            owner = next((f for f in reversed(self.found) if f.person and f.actor.country
                          and start - NEAR_CHARS <= f.start < start), None)
            if owner is not None and owner.actor.country:
                country = owner.actor.country
                return Actor(self.text[start:start + len(term)], None, f"{country}{sector}",
                             country, sector)
        return None

    def _compass_states(self) -> None:
        """"the North" and "the South" in an article that names North Korea and South Korea
        (or North Macedonia, South Sudan...) are those states: the one state the article
        names whose name starts with that word."""
        named = {f.actor.country for f in self.found if f.actor.country}
        by_word: dict[str, set[str]] = {}
        for code in named:
            state = self.r.kb.states.get(code)
            if state is not None and state.name.split()[0] in ("North", "South"):
                by_word.setdefault(state.name.split()[0], set()).add(code)
        if not by_word:
            return  # no such state named: no "the North" to look for
        covered = [(f.start, f.end) for f in self.found]
        for m in _COMPASS.finditer(self.text):
            codes = by_word.get(m.group(1), set())
            if len(codes) != 1 or any(a < m.end() and m.start() < b for a, b in covered):
                continue
            code = next(iter(codes))
            self._add(m.start(), m.end(), Actor(m.group(0), self.r.kb.states[code].name,
                                                 code, code))

    def _affiliated(self, f: _Found) -> _Found | None:
        """The coded mention right after a generic one's "for" / "of" ("a spokesman for
        Microsoft", "a spokeswoman for the Foreign Ministry"), if any."""
        gap = _AFFILIATION.match(self.text, f.end)
        if gap is None:
            return None
        pos = gap.end()
        starts = {g.start: g for g in self.found}
        return starts.get(pos) or (starts.get(pos - 4)
                                   if self.text[pos - 4:pos].lower() == "the " else None)

    def _affiliations(self) -> None:
        """A generic mention with no state right before "for"/"of" and a coded actor: with
        a sector of its own, it takes that actor's state ("a spokeswoman for China's Foreign
        Ministry" = CHN GOV, "a spokesman for Putin"); without one, it is a part of that
        body ("members of the Bavarian CSU party" = the party)."""
        for i, f in enumerate(self.found):
            a = f.actor
            if a.country is not None or a.id is not None or a.name is not None or \
                    f.person or a.sector in ("IGO", "NGO") or \
                    (a.code or "")[:3] in ("IGO", "NGO", "IMG"):
                continue
            g = self._affiliated(f)
            if g is not None and not g.actor.country and _transnational(g.actor) and \
                    a.sector in _STATE_BODIES | {None, "UNK"}:
                # "a spokesman for U.N. Secretary-General Ban Ki-moon" speaks for the UN
                self.found[i] = dataclasses.replace(f, actor=dataclasses.replace(
                    g.actor, text=a.text, name=None, id=None))
                continue
            if g is None or not g.actor.country:
                continue
            if a.sector in (None, "UNK") or (
                    g.actor.sector is not None and g.actor.sector not in _STATE_BODIES):
                # "a spokesman for Microsoft" speaks for the company, not for a government
                if g.person or g.actor.sector is None:
                    continue
                actor = dataclasses.replace(g.actor, text=a.text, name=None, id=None)
            else:
                country = g.actor.country
                actor = dataclasses.replace(a, country=country,
                                            code=f"{country}{a.sector}{a.sector2 or ''}")
            self.found[i] = dataclasses.replace(f, actor=actor)

    def _it(self) -> None:
        """A subject "it" outside quotation marks after a state or an organisation that was
        the subject of the current or previous sentence is that actor ("North Korea says it
        has built a warhead"); an "it" with no such subject ("it is time") stays unresolved."""
        spans = (self.parsed.char_span(m.start(), m.end()) for m in _IT.finditer(self.text))
        its = [sp[0] for sp in spans if sp is not None and sp[0].dep_.startswith("nsubj")]
        if not its:
            return
        sents = [(s.start, s.end, s.start_char) for s in self.parsed.sents]
        for tok in its:
            if self._in_quotes(tok.idx):
                continue
            k = next(i for i, (a, b, _) in enumerate(sents) if a <= tok.i < b)
            if in_aside(self.parsed[sents[k][0]:tok.i], self.parsed[tok.i + 1:sents[k][1]]):
                # "North Korea's threats -- it also conducted a test --": an aside speaks of
                # the state just named, whatever its role, not of the clause's subject (a
                # place it names, "flown in from France", is not who acts)
                near = [f for f in self.found if sents[k][2] <= f.start < tok.idx
                        and not f.person and f.actor.text.lower() != "it"
                        and (f.actor.country or f.actor.sector == "IGO")
                        and not _PLACE_BEFORE.search(self.text, max(0, f.start - 16), f.start)]
                if near:
                    self.found.append(_Found(tok.idx, tok.idx + len(tok.text), near[-1].actor,
                                             subject=True))
                    continue
            covered = [(f.start, f.end) for f in self.found]
            if any(t.dep_.startswith("nsubj") and not any(a <= t.idx < b for a, b in covered)
                   for t in self.parsed[sents[k][0]:tok.i]):
                continue  # "The plan said it ...": "it" is more likely the plan
            prev = sents[k - 1][2] if k else 0
            window = [f for f in self.found if prev <= f.start < tok.idx and f.subject
                      and not f.person and f.actor.text.lower() != "it"
                      and (f.actor.country or f.actor.sector == "IGO")]
            if window:
                pick = window[-1]
                self.found.append(_Found(tok.idx, tok.idx + len(tok.text), pick.actor,
                                         subject=True))


def _transnational(actor: Actor) -> bool:
    """An international or non-governmental organisation (no state of its own)."""
    return (actor.code or "")[:3] in ("IGO", "NGO")


def _stateless(actor: Actor) -> bool:
    """An organisation coded without a state (an IGO, a transnational NGO or armed group:
    "UN peacekeepers", "Islamic State militants"): no place lends it one."""
    code = actor.code or ""
    return code[:3] in ("IGO", "NGO", "IMG") and len(code) > 3  # not "NGO": a generic one


def previous_sentence_start(doc: Doc, sent: Span) -> int:
    """Where the sentence before ``sent`` starts, passing over "sentences" of punctuation
    alone (a closing quotation mark the parser split off at a line end)."""
    start = sent.start
    while start > 0:
        before = sentence(doc[start - 1])
        start = before.start
        if any(t.is_alpha or t.is_digit for t in before):
            break
    return int(doc[start].idx) if start < len(doc) else 0


# Whether a dependency label is a subject's, by the label's id (the hash of its name, the
# same in every vocabulary), as the labels are met.
_SUBJECT_LABELS: dict[int, bool] = {}


def subject_offsets(doc: Doc) -> tuple[list[int], list[int], int]:
    """Where the subjects (``nsubj``, ``nsubjpass``) of a parse start and end, and where the
    parse ends."""
    if not len(doc):
        return [], [], 0
    deps = doc.to_array("DEP")
    strings = doc.vocab.strings
    subject = []
    for v in set(deps.tolist()):
        is_subject = _SUBJECT_LABELS.get(v)
        if is_subject is None:
            is_subject = _SUBJECT_LABELS[v] = bool(v) and strings[v].startswith("nsubj")
        if is_subject:
            subject.append(v)
    # (Python ints, not numpy's: sorted and indexed faster)
    tokens = [doc[i] for i in sorted(i for v in subject
                                     for i in (deps == v).nonzero()[0].tolist())]
    last = doc[-1]
    return ([t.idx for t in tokens], [t.idx + len(t) for t in tokens],
            last.idx + len(last.text_with_ws))


def _title_fits(role_title: str, term: str) -> bool:
    """"the president" fits a President, not a Vice President; "the envoy" a Special Envoy."""
    role = role_title.lower().replace("defence", "defense").split()
    want = term.lower().replace("defence", "defense").split()
    if role == want:
        return True
    if len(role) > len(want) and role[-len(want):] == want:
        return role[-len(want) - 1] not in ("vice", "deputy", "prime", "first", "assistant")
    return False
