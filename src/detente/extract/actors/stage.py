"""The actors stage: every actor mention in an article, resolved as of its publication date.

How a text becomes mentions:

1. the gazetteer finds every known name and agent word (one automaton pass);
2. neighbouring pieces join into one mention when they form one noun phrase: "Russian" +
   "state media", "U.S." + "nuclear" + "submarines" (the words between must be adjectives or
   nouns in the parse), "Moscow" + "-based" + "political scientist", "Foreign Minister" +
   "Sergei Lavrov", "Prime Minister" + "of" + "Estonia";
3. each phrase is resolved by :class:`~detente.extract.actors.resolver.Resolver`. Not
   actors, so no mention: a demonym before a plain noun or a city ("Russian oil", "in
   Kharkiv"), an agent word used as an adjective or verb ("military posture", "he wanted").
   A capital after "in"/"at" or in a dateline is the place, not its government (country
   only);
4. spaCy's named entities the gazetteer does not know are kept as explicit unknown actors
   (one-word brands aside); a title before a person's name ("Senator Jane Doe"), an
   apposition or an affiliation after it ("Nina Khrushcheva, professor of international
   affairs at The New School in New York" = USA EDU) give sector and country; a name that
   contains a place ("Denzel Washington") is the person, not the place;
5. within the document, a surname means the person named in full before it (the first word
   of a Chinese or Korean name), "the president" the last person holding that title (not a
   vice president), a subject "he"/"she" outside quotation marks the last person who was the
   subject of the current or previous sentence (else the last person named there), and a
   subject "it" the last state or organisation that was;
6. context gives generic mentions their country: a state or demonym modifying the head
   ("Pakistan's Foreign Affairs Ministry"), the same body named before with its country
   ("German police" ... "police"), else for civilian state bodies the dateline's state or the
   state the article is about; a demonym before an act, arm or land is an actor ("Russian
   attacks" RUS MIL, "the Ukrainian side" UKR GOV, "Russian waters" RUS); a plural demonym
   is people of the state ("the Americans").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.extract.actors.built import name_key
from detente.extract.actors.context import (
    LEADER,
    NEAR_CHARS,
    _Chunk,
    _Found,
    previous_sentence_start,
)
from detente.extract.actors.knowledge import Person
from detente.extract.actors.namesakes import POLITICAL, name_support
from detente.extract.actors.pronouns import PronounRules
from detente.extract.actors.resolver import Match, Resolver, default_resolver
from detente.extract.actors.spans import Covered
from detente.extract.nlp import doc_ents
from detente.extract.stage import Draft
from detente.model import Actor, Mention
from detente.timeml import as_of_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["ActorStage", "find_mentions"]

# Gaps that keep two pieces in one noun phrase.
# "-flagged"/"-registered": a ship's flag is its state ("a Panama-flagged tanker" = PAN BUS)
_TIGHT_GAP = re.compile(r"^(?:[ \t\xa0]|-|-(?:based|flagged|registered)[ \t]|['’]s[ \t])+$")
_OF_GAP = re.compile(r"^[ \t]+of(?:[ \t]+the)?[ \t]+$", re.IGNORECASE)
_WORDS_GAP = re.compile(r"^[ \t]+(?:[a-z][\w-]*[ \t]+){1,2}$")
# What each of those three gaps opens with: no other gap (nor one with a full stop or a
# comma, which none holds) need be matched against them.
_GAP_OPENS = frozenset(" \t\xa0-'’")
_GAP_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_IDENTITY = frozenset({"person", "org"})
_PLACE_ENTRIES = frozenset({"state", "capital", "city", "region", "seat"})
_PLACE_KINDS = frozenset({"state", "capital", "seat"})
_MODIFIER_ONLY = frozenset({"adj", "city", "region"})
_MODIFIER_OR_AGENT = _MODIFIER_ONLY | {"agent"}
_PLACE_OR_MODIFIER = _PLACE_KINDS | _MODIFIER_ONLY
# The sets of kinds a chunk is tested against (made once, not per chunk).
_ADJ = frozenset({"adj"})
_AGENT = frozenset({"agent"})
_CAPITAL = frozenset({"capital"})
_ACTING = frozenset({"adj", "state"})
_NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|around|across)\s+$", re.IGNORECASE)
# "in the Niger capital Niamey", "in the Afghan capital, Kabul": the city is where, as above.
_LOCATIVE_CAPITAL = re.compile(r"\b(?:in|at|near|outside|inside|around|across)\s+the\s+"
                               r"(?:[\w-]+\s+){0,2}capital,?\s+$", re.IGNORECASE)
_DATELINE_REST = re.compile(r"(?:/[\w .]+)*\s*(?:[–—-]\s|\(|,\s*(?:\w+\.?\s+\d|\d))")
# What stands before a title used as a noun ("the Prince", "his Minister", "Britain's Prime
# Minister"); without it a capitalised title mid-sentence is someone's name ("Prince").
_DETERMINED = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|this|that|former|"
                         r"late|then|acting|interim)|['’]s?)\s+$", re.IGNORECASE)


# Between coordinated country adjectives: "American and Russian", "British, French and".
_ADJ_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# A description in apposition before a name opens with a possessive or an article.
_DESCRIBING = re.compile(r"\b(?:his|her|their|its|the|a|an)\s+$", re.IGNORECASE)
# (matched from a position to another: the words between two offsets, not cut out first)
_APPOSED = re.compile(r"(?: [a-z]+){0,2}, $")


class ActorStage:
    """Finds and resolves actor mentions. Requires the parse; assigns ``mentions``."""

    name = "actors"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, options: ExtractOptions | None = None, *,
                 resolver: Resolver | None = None) -> None:
        opts = options or ExtractOptions()
        self.resolver = resolver or default_resolver(tuple(opts.actor_files))

    def __call__(self, item: Draft) -> Draft:
        item.record.mentions = find_mentions(self.resolver, item.text, doc=item.doc,
                                             published=item.published,
                                             author=item.record.article.author)
        return item


def find_mentions(resolver: Resolver, text: str, *, doc: Doc | None = None,
                  published: str | None = None, author: str | None = None) -> list[Mention]:
    """Every actor mention in ``text`` (offsets exact), sorted by start. ``doc`` is the spaCy
    parse of ``text`` (optional: without it, no named entities, pronouns or POS checks).
    ``author``, when it names a known person (a statement, a speech, a press release),
    makes first-person pronouns outside quotation marks that person ("I") and, for an
    office holder, their government ("we")."""
    try:
        on = as_of_date(published)
    except UsageError:  # a malformed date must not lose the article's actors
        on = dt.date.today()
    return _Finder(resolver, text, doc, on, author).run()


class _Finder(PronounRules):
    def __init__(self, resolver: Resolver, text: str, doc: Doc | None, on: dt.date,
                 author: str | None = None) -> None:
        self.r = resolver
        self.author = author
        self.text = text
        self.doc = doc
        self.on = on
        self._subjects: tuple[list[int], list[int], int] | None = None  # _is_subject
        self._quotes: list[int] | None = None  # _in_quotes
        self._ent_starts: list[int] | None = None  # _entity_at
        self._end_pos: dict[int, str | None] = {}  # _last_pos
        self.found: list[_Found] = []
        self.seen_people: list[str] = []
        self.unknown_people: dict[str, Actor] = {}  # surname -> actor of a named unknown
        self.pending_titles: dict[int, tuple[int, Actor]] = {}  # name start -> title
        self.bare_adjectives: list[tuple[int, int]] = []  # "American" in "American and ..."
        self.home: str | None = None

    # --- driver ------------------------------------------------------------------------------

    def run(self) -> list[Mention]:
        matches = self.r.gazetteer.find(self.text)
        self._context_words(matches)
        chunks = self._chunks(matches)
        for ch in chunks:
            self._resolve_chunk(ch)
        if self.doc is not None:
            self._possessors()
        self._surnames()
        self._home_country(chunks)
        self._affiliations()
        self._compass_states()
        if self.doc is not None:
            self._entities()
            self._unknown_people_home()
            self._described_names()
            self._pronouns()
            self._first_person()
        self._coordinated_adjectives()
        self.found.sort(key=lambda f: (f.start, -f.end))
        out: list[Mention] = []
        last_end = -1
        for f in self.found:
            if f.start < last_end:
                continue
            span = self.text[f.start:f.end]
            actor = f.actor if f.actor.text == span else dataclasses.replace(f.actor, text=span)
            out.append(Mention(f.start, f.end, span, actor))
            last_end = f.end
        return out

    # --- 1-3: gazetteer chunks ---------------------------------------------------------------

    def _chunks(self, matches: Sequence[Match]) -> list[_Chunk]:
        chunks: list[_Chunk] = []
        for m in matches:
            if chunks and self._joins(chunks[-1], m):
                chunks[-1].end = m.end
                chunks[-1].matches.append(m)
            else:
                chunks.append(_Chunk(m.start, m.end, [m]))
        return chunks

    def _joins(self, ch: _Chunk, m: Match) -> bool:
        gap = self.text[ch.end:m.start]
        if not gap or gap[0] not in _GAP_OPENS or "." in gap or "," in gap:
            return False
        tight = _TIGHT_GAP.match(gap)
        of = tight is None and _OF_GAP.match(gap)
        if tight is None and not of and not _WORDS_GAP.match(gap):
            return False  # only these gaps join (checked first: the tests below read the parse)
        left, right = ch.matches[-1].entries[0], m.entries[0]  # (their best entries)
        if right.kind == "agent" and self._adjectival(m.end):
            return False
        if right.kind == "agent" and self.r.agent(right).kind == "act" and \
                not self._nominal(m.end):
            return False  # "Russia attacks Ukraine": a verb, not "Russian attacks"
        if left.kind == "agent" and self.r.agent(left).kind == "act":
            return False  # an act follows the state that acts: "attacks Ukraine" is two
        possessive = "'" in gap or "’" in gap
        if left.kind in _IDENTITY and right.kind in _IDENTITY and not possessive:
            return False  # "Trump Putin" are two actors
        if left.kind in _PLACE_KINDS and right.kind in _PLACE_KINDS:
            return False
        if tight is not None:
            return not possessive or right.kind == "agent"
        if of:  # "the President of the United States"
            return left.kind == "agent" and right.kind in ("state", "org", "capital", "city",
                                                           "region")
        if right.kind == "agent" and \
                left.kind in ("adj", "state", "city", "capital", "region", "agent"):
            return self._gap_is_modifiers(ch.end, m.start)
        return False

    def _gap_is_modifiers(self, start: int, end: int) -> bool:
        """The words between are adjectives/nouns ("U.S. nuclear submarines"), not a verb."""
        if self.doc is None:
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return all(t.pos_ in _GAP_POS or t.is_space or t.text == "-" for t in span)

    def _resolve_chunk(self, ch: _Chunk) -> None:
        kinds = ch.kinds()
        if kinds == _ADJ:
            self.bare_adjectives.append((ch.start, ch.end))  # see _coordinated_adjectives
        words = self.r.kb.agents  # (Resolver.agent, inline: one lookup per agent word)
        agents = [words[e.ref] for m in ch.matches for e in m.entries if e.kind == "agent"]
        acts = any(a.kind == "act" for a in agents) and bool(kinds & _ACTING)
        people = kinds == _ADJ and self._demonym_noun(ch)  # "the Americans", "two Russians"
        if kinds <= _MODIFIER_OR_AGENT and not acts and not people and not any(
                a.kind in ("noun", "title", "weak") for a in agents):
            return  # "Russian oil", "former": no actor ("Russian attacks" is one: acts)
        if kinds <= _MODIFIER_ONLY and not people:
            return
        if kinds == _AGENT and not self._nominal(ch.end):
            return  # "military posture", "we judge", "he wanted": not an actor here
        if kinds == _AGENT and all(a.kind == "weak" for a in agents) and \
                self.text[ch.start].isupper() and not self._sentence_start(ch.start):
            return  # "Center", "Council": a fragment of a name we do not know
        if kinds == _AGENT and all(a.kind == "title" for a in agents) and \
                self.text[ch.start].isupper() and not self._sentence_start(ch.start) and \
                not _DETERMINED.search(self.text, max(0, ch.start - 12), ch.start) and \
                not self.text[ch.end:ch.end + 2][-1:].isupper():
            return  # "where Prince recorded": a capitalised title with no article is a name
        phrase = self.text[ch.start:ch.end]
        if kinds == _AGENT and all(a.kind == "title" or a.term in LEADER for a in agents):
            antecedent = self._title_antecedent(ch.start, agents[-1].term, agents[-1].sector)
            if antecedent is not None:
                self._add(ch.start, ch.end, antecedent, person=antecedent.id is not None)
                return
        actor = self.r.compose(phrase, ch.matches, self.on, prefer=self.seen_people,
                               offset=ch.start)
        if "person" not in kinds and "org" not in kinds and agents and \
                agents[-1].kind == "title" and self.text[ch.end:ch.end + 2][-1:].isupper() \
                and self.text[ch.end:ch.end + 1] == " ":
            # "Senator Jane Doe" (a name we may not know) or "General Public License":
            # wait for a PERSON entity to start right after; else it is part of a name
            self.pending_titles[ch.end + 1] = (ch.start, actor)
            return
        if kinds == _CAPITAL and (_LOCATIVE.search(self.text, max(0, ch.start - 10),
                                                      ch.start) or self._dateline(ch) or
                                     _LOCATIVE_CAPITAL.search(self.text, max(0, ch.start - 48),
                                                              ch.start)):
            # "talks in Moscow", "MOSCOW (Reuters) -": the place, not its government
            actor = Actor(actor.text, None, actor.country, actor.country, None, None, None)
        if actor.sector == "UNK" and actor.country is None and "person" not in kinds:
            return  # "sources", "men": nothing to say
        known = self.r.kb.person(actor.id) if actor.id else None
        if known is not None and known.built and not agents and not self._supported(ch, known):
            return  # a namesake: left to the named-entity pass as an unknown person
        if known is not None and not agents and " " not in phrase and self._in_longer_name(ch):
            return  # "Cameron Heyward" is not Cameron: someone we do not know
        is_person = known is not None
        gender = known.gender if known is not None else None
        if is_person and actor.id:
            self.seen_people.append(actor.id)
        self._add(ch.start, ch.end, actor, person=is_person, gender=gender,
                  place=kinds <= _PLACE_OR_MODIFIER)

    def _in_longer_name(self, ch: _Chunk) -> bool:
        """A one-word name inside a longer person's name the parser found, whose other words
        the tables do not know ("Kirk Cameron", "Cameron Heyward"): someone else."""
        if self.doc is None:
            return False
        span = self.doc.char_span(ch.start, ch.end, alignment_mode="expand")
        if span is None or span[0].ent_type_ != "PERSON":
            return False
        ent = self._entity_at(span.start)
        if ent is None or len(ent) <= len(span):
            return False
        others = [t for t in ent if not ch.start <= t.idx < ch.end]
        return all(t.idx not in self.match_starts for t in others) and \
            any(t.text[:1].isupper() for t in others)

    def _entity_at(self, i: int) -> Span | None:
        """:func:`detente.extract.nlp.entity_at` (the named entity holding token ``i``, or
        None), by bisection: the entities are in order and do not overlap."""
        ents = doc_ents(self.parsed)
        if self._ent_starts is None:
            self._ent_starts = [e.start for e in ents]
        k = bisect_right(self._ent_starts, i) - 1
        return ents[k] if k >= 0 and i < ents[k].end else None

    def _context_words(self, matches: Sequence[Match]) -> None:
        """What the article says around names: the states it names and where its political
        words (titles, office nouns) are (see :mod:`detente.extract.actors.namesakes`)."""
        self.match_starts = {m.start for m in matches}
        self.countries: set[str] = set()
        self.political: list[int] = []
        self.located: list[tuple[int, str]] = []  # "in Nice": (start, country of the place)
        text, places, states, agents = self.text, self.r.kb.places, self.r.kb.states, \
            self.r.kb.agents
        for m in matches:
            e = m.entries[0]
            place = None
            for x in m.entries:
                if x.kind in _PLACE_ENTRIES:
                    place = x
                    break
            if place is not None and _LOCATIVE.search(text, max(0, m.start - 10), m.start):
                where = place.ref if place.kind == "state" else places[place.ref].country
                if where and where in states:  # a state, not "the West" (WST)
                    self.located.append((m.start, where))
            kind = e.kind
            if kind in ("state", "adj", "capital", "seat"):
                country = e.ref if kind in ("state", "adj") else places[e.ref].country
                if country:
                    self.countries.add(country)
            elif kind == "agent":
                ag = agents[e.ref]
                if ag.kind in ("title", "noun", "weak") and ag.sector in POLITICAL:
                    self.political.append(m.start)

    def _supported(self, ch: _Chunk, person: Person) -> bool:
        """Whether a built office holder named by the name alone is the one meant."""
        if self.doc is not None:
            span = self.doc.char_span(ch.start, ch.end, alignment_mode="expand")
            if span is None:
                return True
            lo, hi = previous_sentence_start(self.doc, span.sent), span.sent.end_char
        else:
            lo, hi = ch.start - NEAR_CHARS, ch.end + NEAR_CHARS
        near = any(lo <= p < hi and not ch.start <= p < ch.end for p in self.political)
        key = name_key(self.text[ch.start:ch.end])
        assert self.r.kb.built is not None  # a built person comes from the built table
        ok, why = name_support(person, key, self.on, self.r.kb.built, political_near=near,
                               countries=self.countries)
        self.r.note(f"{self.text[ch.start:ch.end]!r} as {person.name}: {why}")
        return ok

    def _demonym_noun(self, ch: _Chunk) -> bool:
        """A demonym used as a noun ("the Americans", "two Russians"), not as an adjective."""
        if self.doc is None:
            return False
        span = self.doc.char_span(ch.start, ch.end, alignment_mode="expand")
        if span is None:
            return False
        tok = span[-1]
        return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("amod", "compound") and \
            tok.text.endswith("s") and tok.head.i != tok.i + 1

    def _dateline(self, ch: _Chunk) -> bool:
        line_start = self.text.rfind("\n", 0, ch.start) + 1
        if self.text[line_start:ch.start].strip():
            return False
        return bool(_DATELINE_REST.match(self.text, ch.end))

    def _sentence_start(self, start: int) -> bool:
        if self.doc is None:
            return not self.text[:start].strip() or self.text[:start].rstrip()[-1] in ".!?\n"
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span is None or span[0].is_sent_start is True

    def _nominal(self, end: int) -> bool:
        if self.doc is None:
            return True
        pos = self._last_pos(end)
        return pos is None or pos in ("NOUN", "PROPN")

    def _adjectival(self, end: int) -> bool:
        if self.doc is None:
            return False
        pos = self._last_pos(end)
        return pos is not None and pos == "ADJ"

    def _last_pos(self, end: int) -> str | None:
        """The part of speech of the word that ends at ``end`` (of the last token of
        ``doc.char_span(end - 1, end, alignment_mode="expand")``; None: no span), read once
        per offset: both tests above ask it of the same match ends."""
        if end in self._end_pos:
            return self._end_pos[end]
        span = self.parsed.char_span(end - 1, end, alignment_mode="expand")
        pos = None if span is None else str(span[-1].pos_)
        self._end_pos[end] = pos
        return pos

    def _add(self, start: int, end: int, actor: Actor, *, person: bool = False,
             gender: str | None = None, place: bool = False) -> None:
        self.found.append(_Found(start, end, actor, person, gender,
                                 subject=self._is_subject(start, end), place=place))

    # --- 3b: context for generic mentions -----------------------------------------------------

    # --- 4: named entities the gazetteer does not know ---------------------------------------

    def _entities(self) -> None:
        covered = Covered(len(self.text), [(f.start, f.end) for f in self.found])
        for ent in doc_ents(self.parsed):
            label = ent.label_
            if label not in _NER_LABELS:
                continue
            s, e = ent.start_char, ent.end_char
            # (every mention is in ``covered``: none lies inside an entity that overlaps none)
            overlaps = covered.overlaps(s, e)
            inside = [f for f in self.found if s <= f.start and f.end <= e] \
                if (overlaps or covered.odd) and label in ("PERSON", "ORG", "FAC") else []
            if label in ("PERSON", "ORG") and inside and len(ent.text.split()) > 1 and \
                    all(f.place for f in inside) and \
                    not any(s < f.end and f.start < e for f in self.found if f not in inside):
                # "Michael Jordan", "Bank of Ukraine Holdings": a name that contains a place
                self.found = [f for f in self.found if f not in inside]
                covered = Covered(len(self.text), [(f.start, f.end) for f in self.found])
                overlaps = covered.overlaps(s, e)
            if label == "FAC" and inside and all(f.person for f in inside) and \
                    (s, e) not in [(f.start, f.end) for f in inside]:
                # "Trump Tower", "Kennedy Airport": a building named after a person
                self.found = [f for f in self.found if f not in inside]
                covered = Covered(len(self.text), [(f.start, f.end) for f in self.found])
                continue
            if overlaps:
                continue
            name = ent.text
            if label == "PERSON":
                actor = self._unknown_person(name, e)
                title = self.pending_titles.get(s) or self._described_before(s)
                if title is None and actor.country is None and actor.sector in (None, "UNK"):
                    title = self._titled_by_phrase(ent)
                if title is not None:
                    s, described = title  # "U.S. Senator Jane Doe" = USA LEG
                    country = described.country or actor.country
                    sector = described.sector if described.sector not in (None, "UNK") \
                        else (actor.sector if actor.sector != "UNK" or not country else None)
                    code = described.code if described.sector in ("IGO", "NGO") and \
                        not described.country else \
                        f"{country or ''}{sector or ''}{described.sector2 or ''}"
                    actor = dataclasses.replace(actor, code=code, country=country,
                                                sector=sector, sector2=described.sector2)
                    self.unknown_people[name.split()[-1]] = actor
                self._add(s, e, actor, person=True)
                covered.add(s, e)
                continue
            matches = self.r.gazetteer.find(name)
            if matches and all(m.best.kind in _MODIFIER_ONLY for m in matches):
                continue  # "Russian", "New York": a modifier, not an actor
            actor = self.r.compose(name, matches, self.on, prefer=self.seen_people)
            if actor.sector == "UNK" and actor.country is None and (
                    label != "ORG" or (" " not in name and not name.isupper())):
                continue  # an unknown place, group or one-word brand ("Brexit") says nothing
            if actor.sector is None and not matches:
                continue  # a city the tables do not hold ("Brits", "Mongwalu") only locates
            self._add(s, e, actor)
            covered.add(s, e)

    def _described_before(self, start: int) -> tuple[int, Actor] | None:
        """"foreign ministry spokesman Hong Lei": a generic mention right before a name we do
        not know describes the person (start of the description, its actor)."""
        for f in self.found:
            if f.end >= start:
                continue  # no words between (both tests below want some)
            if f.actor.sector in ("IGO", "NGO") and f.actor.country is None and \
                    f.actor.code not in (None, "IGO", "NGO") and self.text[f.end:start] == " ":
                # "UN Spokesperson Jane Roe": an organisation's official, coded as it is
                return f.start, f.actor
            if f.actor.id is None and f.actor.name is None and f.actor.country is not None:
                if start - f.end == 1 and self.text[f.end] == " " and \
                        f.actor.sector not in (None, "UNK"):
                    return f.start, f.actor
                if _APPOSED.match(self.text, f.end, start) and \
                        _DESCRIBING.search(self.text, 0, f.start):
                    return f.start, f.actor  # "his U.S. counterpart, Joseph Yun"
        return None

    def _unknown_person(self, name: str, end: int) -> Actor:
        surname = name.split()[-1]
        if surname in self.unknown_people and " " not in name:
            known = self.unknown_people[surname]
            return dataclasses.replace(known, text=name)
        actor = Actor(name, name, "UNK", None, "UNK", None, None)
        span = self._description(end)
        if span is not None:
            a, b = span
            described = self.r.resolve_on(self.text[a:b], self.on)
            if described.sector not in (None, "UNK") or described.country:
                # the description's own generic words now describe this person
                self.found = [f for f in self.found if not (
                    a <= f.start < b and f.actor.id is None and f.actor.name is None)]
                sector = described.sector or "UNK"
                actor = Actor(name, name, described.code or described.country,
                              described.country, sector, described.sector2, None)
        self.unknown_people[surname] = actor
        return actor

    def _description(self, end: int) -> tuple[int, int] | None:
        """Where an apposition (", professor of ... at ...") or an affiliation ("of the Calder
        Institute") after a name runs: up to punctuation or the next verb."""
        span = self.parsed.char_span(end, min(len(self.text), end + 250),
                                  alignment_mode="contract")
        if span is None or len(span) < 2:
            return None
        first = span[0]
        if first.text == "," or first.lower_ in ("of", "at", "from"):
            toks = span[1:]
        else:
            return None
        stop = len(toks)
        for i, t in enumerate(toks):
            if (t.is_punct and t.text not in ("-", "&", "'", "’")) or t.pos_ in ("VERB", "AUX") \
                    or t.text == "\n" or t.is_space:
                stop = i
                break
        if stop == 0:
            return None
        return toks[0].idx, toks[stop - 1].idx + len(toks[stop - 1].text)

    def _coordinated_adjectives(self) -> None:
        """"American and Russian negotiators", "British, French and German officials": each
        bare country adjective coordinated with a mention that names an agent is that
        country's agent ("American [negotiators]"). Right to left, so a chain passes the
        agent noun along."""
        agent_of: dict[int, str] = {}  # mention start -> its agent noun phrase
        for start, end in reversed(self.bare_adjectives):
            gap = _ADJ_GAP.match(self.text, end)
            if gap is None:
                continue
            nxt = gap.end()
            rest = agent_of.get(nxt)
            if rest is None:
                after = next((f for f in self.found if f.start == nxt and f.actor.country
                              and f.actor.sector), None)
                if after is None:
                    continue
                words = self.text[after.start:after.end].split(None, 1)
                if len(words) < 2:
                    continue
                rest = words[1]
            actor = self.r.resolve_on(f"{self.text[start:end]} {rest}", self.on)
            if actor.country is None or actor.sector in (None, "UNK"):
                continue
            self._add(start, end, actor)
            agent_of[start] = rest
