"""Trying a time rule only at or just before its anchor words finds exactly the matches of a
scan of the whole text (anchors.py)."""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.extract.time.anchors import (
    Anchor,
    Words,
    all_words,
    finditer,
    first_words,
    last_words,
    pattern_words,
)
from detente.extract.time.heads import word_heads
from detente.extract.time.lexicon import load_lexicon
from detente.extract.time.rules import Grammar, Rule
from detente.extract.time.stage import TimexTagger

LEXICON = load_lexicon()
RULES = Grammar(LEXICON).rules
BY_NAME = {rule.name: rule for rule in RULES}


def _found(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _same_as_full_scan(text: str) -> None:
    words = Words(text)
    for rule in RULES:
        assert rule.anchor is not None, rule.name
        full = _found(rule.regex.finditer(text))
        assert _found(finditer(rule.regex, rule.anchor, text, words)) == full, (rule.name, text)


def test_every_rule_has_an_anchor() -> None:
    assert [rule.name for rule in RULES if rule.anchor is None] == []


# The anchor word at the very start or end of the text, after a line break, in capitals,
# the words before it joined without a separator ("midyear", "midMarch"), anchors that are
# only the start of a word ("first quarterback", "todays") and letters that IGNORECASE
# matches beyond str.lower() (long s, Kelvin sign, dotless i).
EDGE_TEXTS = [
    "An hour later",
    "AN HOUR\nLATER they left.",
    "later",
    "It will end twenty-four\nhours from now.",
    "He came about a couple of weeks ago, some 1,500 years earlier than hoped.",
    "Sales rose midyear 2024 and mid-year 2023, in midMarch and mid-\nMarch, the end ofMay.",
    "In the early '90s, the '80s and the 1990s; '70s",
    "The first quarterback, the second-half, the 2024's third fiscal quarter of next year.",
    "Todays news, the day before yesterday, tomorrow morning, early tonight's.",
    "Springfield last springtime, the summer of 2020, last fall",
    "\u017feven days ago, two wee\u212as later, la\u017ft \u017funday, th\u0131s week",
    "\u0130stanbul, May 5, 2024 and Tuesday, Jan. 5; the 5th of May, 2024; 6 August",
    "Tuesday",
    "the 21st century and the twenty-first-century economy",
    "At 3 p.m. Tuesday, at noon today, 10:30 EST, at 9am, midnight",
    "Christmas Eve 2024, the fourth of July, New Year's Day, Valentine's day",
    "Filed 2024-01-05 and 1/5/2024 and 12/31/99.",
    "every other Tuesday, once a week, twice per month, three times a year, each March",
    "right now, these days, in the near future, recently",
    "the year-ago quarter, the 1988 quarter, year-earlier, the latest period",
    "daily, semiannually, the last five years, the past two decades, 3-day, a 10-year-old",
    "the end of the week, year-end, the beginning of next month, this weekend, last night",
    "for years, over decades, within hours; days of rage",
    "",
    "___ 2024_ _may",
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_anchored_rules_match_as_the_full_scan_on_edge_texts(text: str) -> None:
    _same_as_full_scan(text)


_PIECES = st.sampled_from([
    " ", "  ", "\n", ",", ".", "-", "'", "/", ":", "_",
    "An", "an", "a", "hour", "HOURS", "later", "ago", "from", "now", "hence", "earlier",
    "twenty", "four", "and", "couple", "of", "few", "several", "about", "more", "than",
    "mid", "year", "midyear", "years", "the", "end", "early", "late", "March", "may", "May",
    "Jan", "sept", "90s", "1990", "2024", "5", "12", "31", "th", "s", "first", "quarter",
    "half", "fiscal", "every", "other", "once", "twice", "times", "per", "week", "weekend",
    "Tuesday", "sunday", "night", "morning", "tonight", "today", "yesterday", "spring",
    "fall", "last", "next", "this", "past", "coming", "day", "days", "decade", "century",
    "Christmas", "Eve", "New", "Year", "noon", "p.m.", "am", "EST", "daily", "right",
    "period", "\u017f", "\u212a", "\u0130", "\u0131", "\u00e9", "\u0663",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_anchored_rules_match_as_the_full_scan_on_generated_text(text: str) -> None:
    _same_as_full_scan(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_anchored_rules_match_as_the_full_scan_on_generated_phrases(text: str) -> None:
    _same_as_full_scan(text)


def _news(shared_data: Path, n: int) -> list[tuple[str, str | None]]:
    paths = sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:n]
    if not paths:
        pytest.skip("no giveme5w1h articles in the shared data")
    out = []
    for path in paths:
        d = json.loads(path.read_text(encoding="utf-8"))
        out.append(((d.get("title") or "") + "\n\n" + (d.get("text") or ""),
                    (d.get("date_publish") or "")[:10] or None))
    return out


def test_anchored_rules_match_as_the_full_scan_on_news(shared_data: Path) -> None:
    found = 0
    for text, _ in _news(shared_data, 120):
        _same_as_full_scan(text)
        found += sum(1 for rule in RULES for _ in rule.regex.finditer(text))
    assert found > 500


def test_tagger_gives_the_timexes_of_the_full_scan_on_news(shared_data: Path) -> None:
    anchored = TimexTagger(LEXICON)
    full = TimexTagger(LEXICON)
    full.grammar.rules = [dataclasses.replace(rule, anchor=None) for rule in full.grammar.rules]
    n = 0
    for text, published in _news(shared_data, 120):
        timexes = anchored.tag(text, published)
        assert timexes == full.tag(text, published)
        n += len(timexes)
    assert n > 200


def test_a_chain_missing_a_word_loses_the_match() -> None:
    # The comparisons above can fail: "an" left out of the words that may stand before
    # the anchor, "An hour later" is found from "hour" on only.
    rule = BY_NAME["ago"]
    assert rule.anchor is not None
    broken = dataclasses.replace(rule.anchor, chain=rule.anchor.chain - {"an"})
    text = "An hour later"
    assert [m.group() for m in rule.regex.finditer(text)] == ["An hour later"]
    assert [m.group() for m in finditer(rule.regex, broken, text, Words(text))] == \
        ["hour later"]


def _head_chars(rule: Rule) -> str:
    pattern = rule.regex.pattern
    assert pattern.startswith("(?=[")
    head = re.compile(pattern[3:pattern.index("])(?:") + 1], rule.regex.flags)
    return "".join(head.findall("".join(map(chr, range(0x10000)))))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_every_anchored_rule_starts_on_a_word_or_its_lead(rule: Rule) -> None:
    assert rule.anchor is not None
    lead = rule.anchor.lead
    assert all(c.isalnum() or c == "_" or c in lead for c in _head_chars(rule))


def test_word_heads() -> None:
    assert word_heads(r"(?<!\w)(?:abc|\d+|[a-c]x)", re.IGNORECASE)
    assert not word_heads(r"(?<!\w)(?:'a|b)")
    assert word_heads(r"(?<!\w)(?:'a|b)", 0, "'")
    assert not word_heads(r"\sx")
    assert not word_heads(r".x")
    assert not word_heads(r"a?")


def test_words_of_a_text() -> None:
    words = Words("The \u0130stanbul talks_2 ended. THE end")
    assert words.words == ["the", "i\u0307stanbul", "talks_2", "ended", "the", "end"]
    assert words.starts == [0, 4, 13, 21, 28, 32]  # of the text, though "İ" lowers to two
    assert words.where["the"] == [0, 4]
    assert words.odd == ["i\u0307stanbul"]
    assert words.digit_words() == []


def test_pattern_words_read_through_escapes() -> None:
    assert {"an", "a", "hour"} <= pattern_words(r"\ban?\b\s+hour")


def test_first_words_give_up_on_what_they_cannot_compare() -> None:
    assert first_words(["new year's day", "Easter"]) == frozenset({"new", "easter"})
    assert last_words(["new year's day", "Easter"]) == frozenset({"day", "easter"})
    assert all_words(["new year's day"]) == frozenset({"new", "year", "s", "day"})
    assert last_words(["the fourth of July", "m\u00e4rz"]) is None
    assert first_words(["m\u00e4rz"]) is None
    assert first_words(["'tis"]) is None
    assert first_words([]) is None


def test_a_lexicon_word_that_is_not_ascii_scans_the_rule_whole() -> None:
    lexicon = dataclasses.replace(LEXICON, months={**LEXICON.months, "m\u00e4rz": 3})
    grammar = Grammar(lexicon)
    rules = {rule.name: rule for rule in grammar.rules}
    assert rules["month_day"].anchor is None
    assert rules["ago"].anchor is not None
    tagger = TimexTagger(lexicon)
    assert [(t.text, t.value) for t in tagger.tag("Signed M\u00e4rz 5, 2024.", None)] == \
        [("M\u00e4rz 5, 2024", "2024-03-05")]


def test_anchor_with_nothing_to_find_starts_nowhere() -> None:
    anchor = Anchor(frozenset({"ago"}), frozenset({"two", "days"}))
    assert anchor.starts(Words("no such word here"), "no such word here") == []
    text = "It was two days ago."
    assert anchor.starts(Words(text), text) == [7, 11, 16]


def test_tagger_survives_pickling_with_its_anchors() -> None:
    tagger = TimexTagger(LEXICON)
    copy = pickle.loads(pickle.dumps(tagger))
    text = "An hour later, on March 5, the midyear 2024 review; the early '90s."
    assert copy.tag(text, "2025-01-01") == tagger.tag(text, "2025-01-01")
    assert [t.text for t in copy.tag(text, "2025-01-01")] == \
        ["An hour later", "March 5", "midyear 2024", "the early '90s"]
