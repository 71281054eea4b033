"""The head-class lookahead leaves every time rule's matches as they were."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.extract.time.heads import guarded, head_class
from detente.extract.time.lexicon import load_lexicon
from detente.extract.time.rules import Grammar


def _bare(rule_regex: re.Pattern[str]) -> re.Pattern[str]:
    """The rule's pattern without the lookahead in front."""
    pattern = rule_regex.pattern
    assert pattern.startswith("(?=[")
    return re.compile(pattern[pattern.index("])(?:") + 5:-1], rule_regex.flags)


RULES = Grammar(load_lexicon()).rules


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"abc|de", "[\\U00000061\\U00000064]"),
    (r"(?<!\w)(?:\d+|x)", "[\\d\\U00000078]"),
    (r"(?:the\s+)?year", "[\\U00000074\\U00000079]"),
    (r"[a-c]z", "[\\U00000061-\\U00000063]"),
])
def test_head_class_holds_the_first_characters(pattern: str, expected: str) -> None:
    assert head_class(pattern) == expected


@pytest.mark.parametrize("pattern", [r"a?", r".x", r"[^a]b", r"(?:x|)", r"(?:a|.)", r"\bz*"])
def test_head_class_is_none_when_any_start_or_none_is_possible(pattern: str) -> None:
    assert head_class(pattern) is None
    assert guarded(pattern).pattern == pattern


def test_every_time_rule_is_guarded() -> None:
    assert all(rule.regex.pattern.startswith("(?=[") for rule in RULES)


_ALPHABET = st.sampled_from([*"aAeEmMnNtTsSyYkK0123459 .,'’-/:\n", "May", "March", "the ",
                             "last ", "next ", "week", "years", "ago", "Monday", "2025",
                             "a.m.", "\u212a", "\u0663", "\u017f"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_guarded_rules_match_as_the_bare_ones_on_generated_text(text: str) -> None:
    for rule in RULES:
        bare = _bare(rule.regex)
        assert [m.span() for m in rule.regex.finditer(text)] == \
            [m.span() for m in bare.finditer(text)], rule.name


def test_guarded_rules_match_as_the_bare_ones_on_news(shared_data: Path) -> None:
    paths = sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:60]
    if not paths:
        pytest.skip("no giveme5w1h articles in the shared data")
    texts = [json.loads(p.read_text(encoding="utf-8")).get("text") or "" for p in paths]
    found = 0
    for rule in RULES:
        bare = _bare(rule.regex)
        for text in texts:
            spans = [m.span() for m in rule.regex.finditer(text)]
            assert spans == [m.span() for m in bare.finditer(text)], rule.name
            found += len(spans)
    assert found > 100
