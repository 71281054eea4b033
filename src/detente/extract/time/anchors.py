"""Where a time rule's matches can start: a word the match must hold (its anchor) and the
words that may stand between the match's start and that anchor.

Running every rule's large alternation at every word start of a text was most of the time
stage's cost (2.35 of 2.6 CPU s over 300 giveme5w1h articles, 28 rules). But a match of
"ago" holds one of "ago", "earlier", "later", "from", "hence" as a word of its own, and every
word before it in the match is one the pattern spells (a count, a unit, "about" ...). So a
match can only start at such an anchor word or at a run of pattern words just before one.
:func:`finditer` tries the rule (``regex.match`` at that position, with the whole text in
view) only there, in text order, going on after each match's end as ``finditer`` does: the
same matches, since every start it skips is one where the rule cannot match. An anchor may
also be a word that starts or ends with one of the rule's words ("quarterback" holds the
match "first quarter", "midMarch" is one) or any word starting with a digit.

Why a skipped start cannot match. A rule's pattern starts with ``(?<!\\w)`` and (heads.py)
a character class of word characters (or of its ``lead``, the "'" of "'90s", just before
an anchor word), so a match starts where a word (a maximal ``\\w+`` run) starts. If the
match holds an anchor word, every word that starts in the match before the first anchor
ends before it, so lies whole inside the match, so is one the pattern can spell: in
:attr:`Anchor.chain` (the word tokens of the rule's pattern text, read also without its
optional characters: "an?" spells "a", "mid-?year" "midyear"), or a word starting with a
digit. Words are compared lowercased; a word that is not ASCII once lowercased (where
``re``'s IGNORECASE has its own equivalences, "ſ" for "s") counts as anchor and chain word
alike. ``tests/extract/time/test_anchors.py`` compares each rule with its full scan on news,
on edge cases and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from detente.extract.time.heads import word_heads

__all__ = ["Anchor", "Words", "all_words", "finditer", "first_words", "last_words",
           "pattern_words", "rule_anchor"]

_RUN = re.compile(r"\w+")
_SPLIT = re.compile(r"(\w+)")
_TOKEN = re.compile(r"[a-z0-9_]+")
_DIGIT_LINES = re.compile(r"\n([0-9][^\n]*)")
_ESCAPE = re.compile(r"\\[A-Za-z]")
_OPTIONAL = re.compile(r"(?:\\.|.)\?")


class Words:
    """The words (maximal ``\\w+`` runs) of a text: where each starts, each lowercased,
    and where each distinct word occurs. Built once per text, shared by the rules."""

    __slots__ = ("_digits", "_lines", "_reversed", "distinct", "odd", "starts", "where",
                 "words")

    def __init__(self, text: str) -> None:
        ascii_text = text.isascii()
        # [between, word, between, word, ..., between]: a word starts where the text
        # before it ends.
        parts = _SPLIT.split(text.lower() if ascii_text else text)
        self.starts = list(accumulate(map(len, parts)))[0:-1:2]
        self.words = parts[1::2] if ascii_text else [w.lower() for w in parts[1::2]]
        where: dict[str, list[int]] = {}
        for i, word in enumerate(self.words):
            where.setdefault(word, []).append(i)
        self.where = where
        self.distinct = set(where)
        # Words that are not ASCII once lowercased: IGNORECASE may match them to a
        # pattern's letters in ways str.lower() does not tell, so they count everywhere.
        self.odd = [] if ascii_text else [w for w in where if not w.isascii()]
        self._lines = ""
        self._reversed = ""
        self._digits: list[str] | None = None

    def lines(self) -> str:
        """The distinct words, each after a newline (for prefix searches)."""
        if not self._lines:
            self._lines = "\n" + "\n".join(self.where) + "\n"
        return self._lines

    def reversed_lines(self) -> str:
        """:meth:`lines` reversed: each word spelled backwards (for suffix searches)."""
        if not self._reversed:
            self._reversed = self.lines()[::-1]
        return self._reversed

    def digit_words(self) -> list[str]:
        """The distinct words that start with an ASCII digit."""
        if self._digits is None:
            self._digits = _DIGIT_LINES.findall(self.lines())
        return self._digits


def _line_search(words: Iterable[str]) -> re.Pattern[str] | None:
    """A search for the lines (of :meth:`Words.lines`) that start with one of ``words``."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile("\n((?:" + "|".join(map(re.escape, words)) + ")[^\n]*)")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A rule's anchor: every match holds, as a word starting inside it, one that is in
    ``words``, starts with one of ``prefixes``, ends with one of ``suffixes`` or (with
    ``digits``) starts with a digit; ``chain`` holds every word that can stand whole in a
    match before such an anchor (words starting with a digit always may). With ``lead``,
    a match may also start at one of its characters just before an anchor word."""

    words: frozenset[str]
    chain: frozenset[str]
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    digits: bool = False
    lead: str = ""
    _prefix_search: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _suffix_search: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_prefix_search", _line_search(self.prefixes))
        object.__setattr__(self, "_suffix_search",
                           _line_search(s[::-1] for s in self.suffixes))

    def starts(self, found: Words, text: str) -> list[int]:
        """The positions, in order, where a match of the rule can start."""
        where = found.where
        hits = [*(self.words & found.distinct), *found.odd]
        if self._prefix_search is not None:
            hits += self._prefix_search.findall(found.lines())
        if self._suffix_search is not None:
            hits += [w[::-1] for w in self._suffix_search.findall(found.reversed_lines())]
        if self.digits:
            hits += found.digit_words()
        chain, words, starts, lead = self.chain, found.words, found.starts, self.lead
        out: set[int] = set()
        for word in set(hits):
            for k in where[word]:
                at = starts[k]
                out.add(at)
                if lead and at and text[at - 1] in lead:
                    out.add(at - 1)
                j = k - 1
                while j >= 0:
                    before = words[j]
                    if before in chain or before[0].isdigit() or not before.isascii():
                        out.add(starts[j])
                        j -= 1
                    else:
                        break
        return sorted(out)


def finditer(regex: re.Pattern[str], anchor: Anchor, text: str, found: Words
             ) -> Iterator[re.Match[str]]:
    """The matches ``regex.finditer(text)`` gives, tried only where ``anchor`` allows."""
    pos = 0
    match = regex.match
    for start in anchor.starts(found, text):
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


def pattern_words(pattern: str) -> frozenset[str]:
    """Every word-character token of a pattern's text (lowercased), read as it is, without
    its escapes and without its optional characters (``\\ban?`` spells "an" and "a",
    ``mid-?year`` "midyear"): a superset of the words a match can hold whole, for patterns
    that put a separator (or an optional one) between their words."""
    out: set[str] = set()
    bare = _ESCAPE.sub(" ", pattern)
    for variant in (pattern, bare, _ESCAPE.sub(" ", _OPTIONAL.sub("", pattern))):
        out.update(_TOKEN.findall(variant.lower()))
    return frozenset(out)


def first_words(entries: Iterable[str]) -> frozenset[str] | None:
    """The first word of each lexicon entry, lowercased; None when there is none or an entry
    is not ASCII or does not start with a word (the rule then is scanned whole)."""
    out: set[str] = set()
    for entry in entries:
        m = _RUN.match(entry.lower())
        if m is None or not entry.isascii():
            return None
        out.add(m.group())
    return frozenset(out) or None


def last_words(entries: Iterable[str]) -> frozenset[str] | None:
    """The last word of each lexicon entry, lowercased; None as for :func:`first_words`."""
    entries = list(entries)
    if first_words(entries) is None:
        return None
    return frozenset(_RUN.findall(entry.lower())[-1] for entry in entries)


def all_words(entries: Iterable[str]) -> frozenset[str] | None:
    """Every word of the lexicon entries, lowercased; None as for :func:`first_words`."""
    entries = list(entries)
    if first_words(entries) is None:
        return None
    return frozenset(w for entry in entries for w in _RUN.findall(entry.lower()))


def rule_anchor(pattern: str, flags: int, *, words: frozenset[str] | None = None,
                prefixes: tuple[str, ...] = (), suffixes: tuple[str, ...] = (),
                digits: bool = False, lead: str = "") -> Anchor | None:
    """The anchor of a rule's pattern (starting with ``(?<!\\w)``), its chain the pattern's
    words; None when none is given or a match may start on other than a word or ``lead``."""
    if words is None and not (prefixes or suffixes or digits):
        return None
    if not pattern.startswith(r"(?<!\w)") or not word_heads(pattern, flags, lead):
        return None
    return Anchor(words or frozenset(), pattern_words(pattern), prefixes, suffixes, digits, lead)
