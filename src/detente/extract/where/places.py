"""Place names in a parsed article, and which place each one means.

A place mention is a run of capitalised tokens whose text the gazetteer knows ("Kharkiv",
"the Black Sea", "Mazar-i-Sharif"), outside person names; or a state adjective on a place
noun ("Ukrainian territory", "Russian waters"), which names the state. Which place an
ambiguous name means is chosen by a prior (countries before regions before cities; bigger
cities first) plus the article's context: the countries of its actors and of its unambiguous
places ("Paris" in a story about Texas is Paris, Texas), and the evidence says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detente.extract.nlp import doc_text
from detente.extract.tokens import children, doc_tokens, sentence
from detente.extract.where.gazetteer import Gazetteer, Place, normalize_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["PlaceMention", "adjectives", "choose", "context_countries", "find_place_mentions",
           "seat_mentions", "title_place"]

# Entity types a place name inside of is no place: "Paris Hilton", "Jordan Peterson", "in
# March" (a town in Australia), "by Sunday".
_NOT_PLACE_ENTS = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE",
                             "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                             "ORDINAL"})
# A city name must look like a name to the parser (a proper noun or inside a place entity):
# "Of", "Mobile" and "Nice" are towns as well as words.
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})
# Nouns a state adjective turns into that state's ground: "on Ukrainian territory".
_PLACE_NOUNS = frozenset({
    "territory", "territories", "soil", "waters", "airspace", "land", "lands", "mainland",
    "coast", "coastline", "city", "cities", "town", "towns", "village", "villages",
    "region", "regions", "province", "provinces", "port", "ports", "capital", "countryside",
})
# Priors (log-odds-like points): a country name means the country; a named region or sea
# is rarely anything else; among cities the bigger one, by log10 of population.
_PRIOR = {"country": 3.0, "sea": 2.5, "region": 2.5, "admin1": 1.5}
# Points for a candidate in a country the article is about: enough to pick Paris, Texas in
# a Texas story (Paris, France leads Paris, Texas by 1.9 on population) but not to turn
# "Georgia" into the US state in a story that names no US place or actor.
_CONTEXT_BONUS = 2.0
_SMALL_TOWN = 100_000


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the text: token range, character span, and what it may mean."""

    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    text: str
    candidates: tuple[Place, ...]
    demonym: bool = False  # a state adjective on a place noun ("Ukrainian territory")
    seat: bool = False  # a seat of government standing for its city ("outside parliament")


@lru_cache(maxsize=1)
def adjectives() -> dict[str, str]:
    """State adjectives ("Ukrainian") to ISO alpha-3, from the actor knowledge base."""
    path = Path(str(resources.files("detente").joinpath("data", "actors", "states.tsv")))
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 3 or cells[0] == "iso3":
            continue
        for adj in cells[2].split("|"):
            if adj and adj not in out:
                out[adj] = cells[0]
    return out


def _site_name(gaz: Gazetteer, word: str, ent: str) -> bool:
    """Whether a word the tagger took for a person is the name of a site we list and
    nothing else ("the truce village of Panmunjom", "Yongbyon"): no one is named so."""
    cands = gaz.candidates(word) if ent == "PERSON" else []
    return bool(cands) and all(p.precision == "city" and p.population == 0 for p in cands)


def find_place_mentions(doc: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """Every place name in ``doc``, longest match first, left to right.

    Only capitalised tokens that begin some gazetteer name are tried, each with no more
    words than the longest name they begin, on slices of the text read once (``Doc.text``
    and ``doc[i]`` are rebuilt on every access; going through spans made this the costliest
    step of the stage, see bench/bench_where.py)."""
    out: list[PlaceMention] = []
    text: str = doc_text(doc)
    tokens = doc_tokens(doc)
    n = len(tokens)
    starts = [t.idx for t in tokens]
    ends = [t.idx + len(t.text) for t in tokens]
    adjectives_ = adjectives()
    i = 0
    while i < n:
        tok = tokens[i]
        word = tok.text
        if not word[:1].isupper() or (tok.ent_type_ in _NOT_PLACE_ENTS
                                      and not _site_name(gaz, word, tok.ent_type_)):
            i += 1
            continue
        found: PlaceMention | None = None
        longest = gaz.longest_from(word)
        for j in range(min(n, i + longest), i, -1):
            if tokens[j - 1].is_punct and j - 1 > i:
                continue
            name = text[starts[i]:ends[j - 1]]
            if "\n" in name:
                continue
            cands = gaz.candidates(name)
            if cands and (tok.pos_ == "PROPN" or tok.ent_type_ in _PLACE_ENTS
                          or any(p.precision != "city" for p in cands)) and not (
                              j == i + 1 and tok.is_stop):
                found = PlaceMention(i, j, starts[i], ends[j - 1], name, tuple(cands))
                break
        if found is None:
            iso3 = adjectives_.get(word)
            if iso3 and tok.head.lower_ in _PLACE_NOUNS and tok.dep_ in ("amod", "compound"):
                country = gaz.country(iso3)
                if country is not None:
                    found = PlaceMention(i, i + 1, starts[i], ends[i], word, (country,),
                                         demonym=True)
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end
    return out


def context_countries(mentions: Sequence[PlaceMention],
                      actor_countries: Sequence[str | None]) -> Counter[str]:
    """The countries an article is about: its actors' and its unambiguous places'."""
    counts: Counter[str] = Counter(c for c in actor_countries if c)
    for m in mentions:
        # A small town's name says little: "Asia" and "Sarwar" are towns, and a town must
        # not vouch for itself when :func:`choose` asks whether the article is about its
        # country.
        if all(p.precision == "city" and 0 < p.population < _SMALL_TOWN for p in m.candidates):
            continue
        countries = {p.country for p in m.candidates}
        if len(countries) == 1:
            (country,) = countries
            if country:
                counts[country] += 1
    return counts


def _prior(place: Place) -> float:
    if place.precision == "city" and place.population == 0:
        return _PRIOR["region"]  # a site of our own file ("the White House"), not a GeoNames name
    if place.precision == "city":
        return 1.0 + math.log10(max(place.population, 10)) / 7
    return _PRIOR.get(place.precision, 1.0)


def choose(mention: PlaceMention, context: Counter[str]) -> tuple[Place | None, str | None]:
    """The place ``mention`` most likely means, and a note when the article's context
    changed the choice ("Paris: USA, not FRA, by the article's places and actors").

    None when the only reading is a small town (under 100,000 people) in a country the
    article is otherwise not about: more likely a place the gazetteer lacks ("the town of
    Banki" in a Nigerian story is not Banki, India) than a jump abroad."""
    cands = mention.candidates
    plain = max(cands, key=_prior)
    best = max(cands, key=lambda p: _prior(p) + (_CONTEXT_BONUS if p.country in context
                                                  else 0.0))
    if (context and best.precision == "city" and 0 < best.population < _SMALL_TOWN
            and best.country not in context):
        return None, None
    if best is plain or best.country == plain.country:
        return best, None
    note = (f"{normalize_name(mention.text).title()}: {best.country}, not {plain.country}, "
            f"by the article's places and actors")
    return best, note


_TITLE_WORDS = re.compile(r"[A-Za-z][\w'\u2019.-]*|,")
_TITLE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off"})
# Words that end a place phrase in a headline: another preposition or a conjunction.
_TITLE_STOPS = frozenset({"in", "at", "near", "outside", "inside", "off", "on", "as", "after",
                          "over", "for", "to", "with", "from", "and", "amid", "by", ","})


def title_place(title: str, gaz: Gazetteer) -> PlaceMention | None:
    """The city, state or region a headline puts its story in: the first gazetteer name
    in a phrase opened by a scene preposition ("Scores Die in Nice, France, as ...",
    "Taliban Strike German Consulate in Afghan City of Mazar-i-Sharif"); None when the
    phrase names only a country or nothing known. Read without a parse (headlines are
    title-cased); the mention has no position in the text (offsets -1)."""
    words = _TITLE_WORDS.findall(title)
    for i, word in enumerate(words):
        if word.lower() not in _TITLE_PREPS:
            continue
        k = i + 1
        while k < len(words) and k <= i + 6 and words[k].lower() not in _TITLE_STOPS:
            if not words[k][:1].isupper():
                k += 1
                continue
            for j in range(min(len(words), k + 4), k, -1):
                if any(w in _TITLE_STOPS for w in words[k:j]):
                    continue
                cands = gaz.candidates(" ".join(words[k:j]))
                if cands:
                    if not any(p.precision in ("city", "admin1", "region") for p in cands):
                        return None
                    return PlaceMention(-1, -1, -1, -1, " ".join(words[k:j]), tuple(cands))
            k += 1
    return None


# Seats of government named without their city: they stand for the capital of the country
# the article is about (GUIDELINES §11: "the State House becomes Harare").
_SEATS = re.compile(r"\b(?:[Pp]arliament|[Ss]tate [Hh]ouse|[Pp]residential [Pp]alace)\b")


def seat_mentions(doc: Doc, mentions: Sequence[PlaceMention], gaz: Gazetteer,
                  context: Counter[str]) -> list[PlaceMention]:
    """Each "parliament", "state house" or "presidential palace" in ``doc`` with no name
    of its own ("the European Parliament", "Iceland's parliament" are left alone: the
    first is no seat of a country, the second is placed by its country's name), as a
    mention of a capital: of the first country named in its sentence before it or in the
    sentence before ("Iceland's prime minister resisted ... Huge crowds gathered outside
    parliament"), else of the country the article is most about. Found by searching the
    text (cheaper than reading every token)."""
    out: list[PlaceMention] = []
    top = context.most_common(1)[0][0] if context else None
    for found in _SEATS.finditer(doc_text(doc)):
        span = doc.char_span(found.start(), found.end())
        if span is None:
            continue
        first, head = span[0], span[-1]
        if any(c.dep_ in ("compound", "amod", "poss") and (c.pos_ == "PROPN" or c.ent_type_)
               and c.i < first.i for c in children(head)) or (
                first.i and doc[first.i - 1].pos_ == "PROPN"):
            continue
        iso3 = _topic_country(mentions, first) or top
        capital = gaz.capital(iso3) if iso3 else None
        if capital is not None:
            out.append(PlaceMention(first.i, head.i + 1, found.start(), found.end(),
                                    found[0], (capital,), seat=True))
    return out


def _topic_country(mentions: Sequence[PlaceMention], tok: Token) -> str | None:
    sent = sentence(tok)
    prev = sentence(tok.doc[sent.start - 1]) if sent.start > 0 else None
    for lo, hi in ((sent.start, tok.i), (prev.start, prev.end) if prev is not None else (0, 0)):
        for m in mentions:
            countries = {p.country for p in m.candidates}
            if lo <= m.start < hi and len(countries) == 1 and m.candidates[0].country:
                return m.candidates[0].country
    return None
