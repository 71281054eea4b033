"""How a clause puts an act (:mod:`detente.extract.events.speech`), on real parses."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.lexicon import load_cues
from detente.extract.events.mood import aux_lemmas
from detente.extract.events.speech import (
    going_to,
    missed_obligation,
    negated,
    predicative,
    reported_fact,
    ruled_out,
    subjunctive,
)


def _token(nlp: Any, text: str, word: str) -> Any:
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Putin insisted that Ukraine withdraw its troops.", "withdraw", True),
    ("The OECD insisted that Panama's leaders sign the agreements.", "sign", True),
    ("He insisted that the talks are useless.", "are", False),
    ("He insisted that he had never hidden money.", "hidden", False),
])
def test_subjunctive_after_a_verb_of_demanding(nlp: Any, text: str, word: str,
                                               expected: bool) -> None:
    assert subjunctive(_token(nlp, text, word), load_cues()) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Japan should have shot down the missiles.", "shot", True),
    ("Japan should shoot down the missiles.", "shoot", False),
    ("Russia must have known about the plan.", "known", False),
])
def test_an_obligation_missed_in_the_past(nlp: Any, text: str, word: str,
                                          expected: bool) -> None:
    tok = _token(nlp, text, word)
    assert missed_obligation(tok, aux_lemmas([tok])) is expected


def test_going_to_and_nor(nlp: Any) -> None:
    going = _token(nlp, "He is not going to resign.", "going")
    assert going_to([going]) and negated([going])
    doc = nlp("I have not considered it nor am I going to quit.")
    assert negated([next(t for t in doc if t.text == "going")])


def test_not_considering_rules_it_out(nlp: Any) -> None:
    assert ruled_out(_token(nlp, "He has not considered quitting.", "quitting"))
    assert not ruled_out(_token(nlp, "He has considered quitting.", "quitting"))


def test_a_participle_after_a_linking_verb_is_a_quality(nlp: Any) -> None:
    assert predicative(_token(nlp, "Kim does not want to appear threatening.",
                              "threatening"))
    assert not predicative(_token(nlp, "Kim is threatening Seoul.", "threatening"))


def test_a_vowed_fact_is_reported(nlp: Any) -> None:
    vowed = _token(nlp, "Moscow vowed the country has observed the sanctions.", "vowed")
    clause = next(c for c in vowed.children if c.dep_ == "ccomp")
    assert reported_fact(clause)
    vowed = _token(nlp, "Moscow vowed that it will retaliate.", "vowed")
    clause = next(c for c in vowed.children if c.dep_ == "ccomp")
    assert not reported_fact(clause)
