"""Who did it to whom: the argument rules of ``extract/events/args.py`` on the parse."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.args import find_subject


def _subject_of(nlp: Any, text: str, word: str) -> str | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    subj = find_subject(token)
    return subj.text if subj is not None else None


@pytest.mark.parametrize(("text", "word", "subject"), [
    # A possessive pronoun on an act noun is the clause's subject.
    ("Overnight, Iran launched its largest missile attack on Israel.", "attack", "Iran"),
    ("Pakistan conducted its sixth nuclear test in May.", "test", "Pakistan"),
    # A named possessor stays the agent.
    ("Officials condemned Russia's attack on Kharkiv.", "attack", "Russia"),
])
def test_args_possessive_pronoun_on_act_noun_is_the_clause_subject(
        nlp: Any, text: str, word: str, subject: str) -> None:
    assert _subject_of(nlp, text, word) == subject
