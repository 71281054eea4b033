"""The gazetteer: every surface form of the actor knowledge base in one Aho-Corasick
automaton, plus the built office holders' names (looked up by word runs), found in a text
leftmost-longest on word boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from detente.extract.actors.built import name_key
from detente.extract.actors.knowledge import ActorBase

__all__ = ["Entry", "Gazetteer", "Match", "fold"]

# Which entry wins when one surface names several things ("Brussels": the Commission before
# the Belgian capital; "Georgia": a state before anything else).
_PRIORITY = {"person": 0, "org": 1, "seat": 2, "capital": 3, "state": 4, "adj": 5, "city": 6,
             "region": 6, "agent": 7}
# A word that may start a built name: a maximal word run whose first character is a letter
# outside a-z (str.isupper() is checked after; this only skips the rest of the words), and
# that another word follows as in a name (``_NEXT_WORD``: a name has two words or more).
# ``(?<!\w)[^\W\d_a-z]\w*`` written character first: the letter is A-Z or non-ASCII,
# then (looking back) a letter with no word character before it. A pattern that opens with
# a look-behind or a class of all letters is tried slowly at every position; this one skips
# over lower case and punctuation fast (1.0 ms against 1.5 a pass over the demo corpus,
# bench/bench_actors.py).
_CAP_WORD = re.compile(r"[A-Z\x80-\U0010FFFF](?<![\W\d_])(?<!\w.)\w*"
                       r"(?=(?: |-|\. ?|['’]|\xa0)\w)")
# A run of two to eight words joined as a name's words are (a space, a hyphen, a dot with or
# without a space, an apostrophe, a no-break space), read a word at a time: the gap and the
# next word.
_RUN_WORDS = 8
_NEXT_WORD = re.compile(r"( |-|\. ?|['’]|\xa0)(\w+)")
# Curly quotes and dashes, one character each way. (str.replace per pair: str.translate
# looks every character of a non-ASCII text up in a dict, several times slower on news.)
_FOLD = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


def fold(text: str) -> str:
    """Lower case, same length (so offsets carry over), straight quotes."""
    if not text.isascii():
        for curly, straight in _FOLD:
            if curly in text:
                text = text.replace(curly, straight)
    lowered = text.lower()
    if len(lowered) == len(text):  # the usual case; "İ" lowers to two characters
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a surface string can name. ``kind``: person, org, state, adj, agent, or a
    place kind (capital, seat, city, region); ``ref`` keys the knowledge base."""

    kind: str
    ref: str
    surface: str


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def best(self) -> Entry:
        return self.entries[0]

    def of(self, *kinds: str) -> Entry | None:
        return next((e for e in self.entries if e.kind in kinds), None)


_SET_START, _SET_END, _SET_ENTRIES = (vars(Match)[name].__set__
                                      for name in ("start", "end", "entries"))


def _match(start: int, end: int, entries: tuple[Entry, ...]) -> Match:
    """``Match(start, end, entries)`` made without the frozen dataclass's ``__init__``, which
    sets each field through ``object.__setattr__``: the same object in 60% of the time, for
    the 1,400 matches of a pass of bench/bench_actors.py."""
    m: Match = object.__new__(Match)
    _SET_START(m, start)
    _SET_END(m, end)
    _SET_ENTRIES(m, entries)
    return m


class Gazetteer:
    """Every surface form of the knowledge base in one Aho-Corasick automaton."""

    def __init__(self, kb: ActorBase) -> None:
        table: dict[str, list[Entry]] = {}

        def add(surface: str, kind: str, ref: str) -> None:
            key = fold(surface.strip())
            if key:
                entries = table.setdefault(key, [])
                entry = Entry(kind, ref, surface.strip())
                if entry not in entries:
                    entries.append(entry)

        for st in kb.states.values():
            for n in st.names:
                add(n, "state", st.iso3)
            for a in st.adjectives:
                add(a, "adj", st.iso3)
                if not a.endswith(("sh", "ch", "ss", "ese", "s")):
                    add(a + "s", "adj", st.iso3)  # demonym nouns: "two Russians"
        for pl in kb.places.values():
            for n in (pl.name, *pl.aliases):
                add(n, pl.kind, pl.name)
        for org in kb.orgs.values():
            for n in (org.name, *org.aliases):
                add(n, "org", org.id)
        for p in kb.people.values():
            for n in (p.name, *p.aliases):
                add(n, "person", p.id)
        for key, ag in kb.agents.items():
            for form in ag.forms:
                add(form, "agent", key)
        self._auto = ahocorasick.Automaton()
        for key, entries in table.items():
            # (so a person, if any, comes first: _find reads only the first entry's kind)
            entries.sort(key=lambda e: _PRIORITY.get(e.kind, 9))
            self._auto.add_word(key, (key, tuple(entries)))
        self._auto.make_automaton()
        self._built = kb.built
        self._parties = _PartyNouns(kb)
        # Short texts (entity names, phrases) are looked up again and again ("Putin" in every
        # paragraph): their matches are kept, up to a bound, as the search is pure.
        self._short: dict[str, tuple[Match, ...]] = {}
        # The entries a text span's capitals allow ("US" is not "us"), by key and span (a
        # span alone could fold to two keys: a Greek final sigma depends on what follows).
        self._cased: dict[tuple[str, str], tuple[Entry, ...]] = {}

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches on word boundaries. An upper-case letter
        in a surface must be upper case in the text ("US" is not "us"; "the Kremlin" matches
        "The Kremlin"). A built office holder's name (two words or more, accents optional)
        matches too; where a hand-written entry names the same span, the hand-written one
        alone is kept (it has precedence for the names it covers)."""
        if len(text) > 200:
            return self._find(text)
        hit = self._short.get(text)
        if hit is None:
            if len(self._short) >= 50_000:
                self._short.clear()
            hit = self._short[text] = tuple(self._find(text))
        return list(hit)

    def forget(self) -> None:
        """Drop what was kept from earlier texts (benchmarks measure a cold pass)."""
        self._short.clear()
        self._cased.clear()

    def _find(self, text: str) -> list[Match]:
        found = self._find_known(text)
        if self._built is not None:
            built = self._find_built(text)
            if built:
                spans = {(m.start, m.end): i for i, m in enumerate(found)}
                # (a person's entry comes first in a known match's entries: see __init__)
                people = [m for m in found if m.entries[0].kind == "person"]
                for b in built:
                    i = spans.get((b.start, b.end))
                    if i is None:
                        # A longer built alias around a hand-written person ("Russian
                        # President Vladimir Putin" in the Phoenix names) yields to that
                        # person: the hand-written files keep precedence for whom they cover.
                        if not any(b.start <= m.start and m.end <= b.end for m in people):
                            found.append(b)
                    elif found[i].entries[0].kind != "person":
                        found[i] = Match(b.start, b.end, found[i].entries + b.entries)
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match] = []
        last_end = -1
        for m in found:
            if m.start >= last_end:
                chosen.append(m)
                last_end = m.end
            elif _article_yields(chosen[-1], m, text):
                chosen[-1] = m  # "the West Bank" is the West Bank, not "the West" + "Bank"
                last_end = m.end
        return self._parties.apply(_heritage(chosen, text), text)

    def _find_built(self, text: str) -> list[Match]:
        """Built names: runs of 2-8 words starting (and, unless hyphenated, ending) with a
        capital, looked up whole; the longest at each start."""
        assert self._built is not None
        names, first_words = self._built.names, self._built.first_words
        out: list[Match] = []
        for first in _CAP_WORD.finditer(text):
            a, b = first.span()
            if not text[a].isupper():
                continue
            word = first.group()
            key = word.lower() if word.isascii() else name_key(word)
            longest = first_words.get(key, 0)
            if longest < 2:
                continue  # no name starts with the word, or only the one-word name it is
            best: tuple[int, tuple[str, ...]] | None = None
            end = b
            # The run's next words, one at a time. Each word read adds a word to the key (a
            # space, then the word's key): past the longest name that starts with the first
            # word, no key can be a name.
            for _ in range(min(longest - 1, _RUN_WORDS - 1)):
                step = _NEXT_WORD.match(text, end)
                if step is None:
                    break
                gap, word = step.groups()
                end = step.end()
                key = f"{key} {word.lower() if word.isascii() else name_key(word)}"
                if not (word[0].isupper() or gap == "-"):
                    continue
                ids = names.get(key)
                if ids:
                    best = (end, ids)
            if best is not None:
                stop, ids = best
                surface = text[a:stop]
                out.append(Match(a, stop, tuple(Entry("person", pid, surface) for pid in ids)))
        return out

    def _find_known(self, text: str) -> list[Match]:
        folded = fold(text)
        size = len(text)
        cased = self._cased
        found: list[Match] = []
        for end, (key, entries) in self._auto.iter(folded):
            start = end - len(key) + 1
            stop = end + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if stop < size and folded[stop].isalnum() and not key.endswith("-"):
                continue
            span = text[start:stop]
            ok = cased.get((key, span))
            if ok is None:
                if len(cased) >= 50_000:
                    cased.clear()
                if len(entries) == 1:  # (most surfaces name one thing)
                    ok = entries if _case_ok(entries[0].surface, span) else ()
                else:
                    ok = tuple(e for e in entries if _case_ok(e.surface, span))
                cased[key, span] = ok
            if ok:
                found.append(_match(start, stop, ok))
        return found


def _article_yields(first: Match, later: Match, text: str) -> bool:
    """Whether a match that opens with "the" ("the West") gives way to a longer name that
    starts at its second word and runs past it ("West Bank", "U.N. Security Council")."""
    head = text[first.start:first.end]
    return (head[:4].lower() == "the " and later.start == first.start + 4
            and later.end > first.end)


def _heritage(chosen: list[Match], text: str) -> list[Match]:
    """Drop a region adjective hyphened to a state's ("African-American", "Asian-Australian"):
    the compound names people of the second state."""
    if not any(m.entries[0].kind == "region" for m in chosen):
        return chosen  # (most texts: no region to drop; the same list, as nothing changes)
    out: list[Match] = []
    for i, m in enumerate(chosen):
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        if (nxt is not None and m.best.kind == "region" and nxt.start == m.end + 1
                and text[m.end] == "-" and nxt.best.kind == "adj"):
            continue
        out.append(m)
    return out


# Words before a party's member noun that qualify its members, not name another party
# ("House Republicans", "Top Democrats", "Many Democrats").
_QUALIFIERS = frozenset({
    "house", "top", "senior", "leading", "key", "fellow", "moderate", "moderates",
    "progressive", "conservative", "centrist", "liberal-leaning", "young", "old", "new",
    "former", "rank-and-file", "many", "most", "some", "all", "few", "several", "other",
    "both", "two", "three", "four", "five", "the", "a", "an", "and", "or", "but", "by",
    "with", "for", "of", "in", "on", "to", "from", "as", "at", "no", "not",
})
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)(['’]s)? $")


class _PartyNouns:
    """A party's one-word member noun ("Democrats", "Republicans") after a capitalised word
    that is part of another party's own name ("Christian Democrats", "Social Democrats",
    "Free Democrats") names that other party: the match becomes the generic agent "party"
    over both words (the country then comes from a state word before it or the context),
    never the party the noun alone is listed for. The noun keeps its listed party after a
    qualifier ("House Republicans", "Top Democrats"), a word of the party's own country
    ("Texas Democrats", "American Democrats", "Biden Democrats") or a legislature or
    government word ("Senate Democrats"), and inside a run of capitalised words (a title
    case headline: "Trump Slams Democrats") unless the word before is a state's name,
    adjective or possessive ("Germany's Christian Democrats")."""

    def __init__(self, kb: ActorBase) -> None:
        self._kb = kb
        self._orgs = {o.id: o for o in kb.orgs.values() if o.sector == "PTY"}
        self._party = "party:noun" if "party:noun" in kb.agents else None

    def _country(self, m: Match) -> str | None:
        e = m.best
        if e.kind in ("state", "adj"):
            return e.ref
        if e.kind == "org":
            org = self._kb.orgs.get(e.ref)
            return org.country if org else None
        if e.kind == "person":
            p = self._kb.person(e.ref)
            return p.country if p else None
        if e.kind == "agent":
            return None
        place = self._kb.places.get(e.ref)
        return place.country if place else None

    def apply(self, chosen: list[Match], text: str) -> list[Match]:
        orgs = self._orgs
        if self._party is None or not any(
                m.entries[0].kind == "org" and m.entries[0].ref in orgs for m in chosen):
            return chosen
        out: list[Match] = []
        for m in chosen:
            org = self._orgs.get(m.best.ref) if m.best.kind == "org" else None
            surface = text[m.start:m.end]
            before = (_WORD_BEFORE.search(text, max(0, m.start - 80), m.start)
                      if org is not None else None)
            if (org is None or before is None or " " in surface or not surface.endswith("s")
                    or not surface[:1].isupper()):
                out.append(m)
                continue
            word = before.group(1)
            prev = out[-1] if out and out[-1].end > before.start() else None
            if (not word[:1].isupper() or word.lower() in _QUALIFIERS
                    or (prev is not None and self._keeps(prev, org.country))):
                out.append(m)
                continue
            state_word = prev is not None and prev.best.kind in ("state", "adj")
            if not state_word and _capital_before(text, before.start(), out):
                out.append(m)  # a title-case run: "Trump Slams Democrats"
                continue
            start = m.start if state_word else before.start()
            if prev is not None and not state_word:
                out.pop()
            out.append(Match(start, m.end, (Entry("agent", self._party, text[start:m.end]),)))
        return out

    def _keeps(self, prev: Match, country: str | None) -> bool:
        """Whether the match before the noun keeps the noun's listed party."""
        if prev.best.kind == "agent":
            agent = self._kb.agents.get(prev.best.ref)
            return agent is not None and agent.sector in ("LEG", "GOV")
        return self._country(prev) == country


def _capital_before(text: str, start: int, found: list[Match]) -> bool:
    """Whether a capitalised word ends one space before ``start`` that is neither
    possessive ("Germany's") nor a state's name or adjective ("German", "Sweden")."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
        return False
    word = text[max(0, start - 81):start - 1].rsplit(None, 1)[-1]
    if not word[:1].isupper() or word.endswith(("'s", "’s")) or word.lower() in _QUALIFIERS:
        return False
    return not any(m.end == start - 1 and m.best.kind in ("state", "adj") for m in found)


def _case_ok(surface: str, span: str) -> bool:
    """An upper-case letter in the surface is upper case in the text's span."""
    if surface == span or surface.islower():  # (islower: no upper-case letter at all)
        return True
    return all(span[i].isupper() for i, ch in enumerate(surface) if ch.isupper())
