"""Who did it to whom: the argument rules of ``extract/events/args.py`` on the parse."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.args import find_subject, group_members


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


@pytest.mark.parametrize(("text", "word", "members"), [
    ("Japan hosted Canada on Monday. The two countries signed a trade pact.", "countries",
     ["Japan", "Canada"]),
    ("Emmanuel Macron met Olaf Scholz on Monday. Later the two men spoke to reporters.",
     "men", ["Macron", "Scholz"]),
    ("Peru, Chile and Bolivia held drills. The three countries agreed to meet.",
     "countries", ["Peru", "Chile", "Bolivia"]),
    # not a group: no number, or too few named before
    ("Japan hosted Canada on Monday. The countries signed a trade pact.", "countries", []),
    ("Japan held talks on Monday. The two countries signed a trade pact.", "countries", []),
])
def test_args_group_noun_stands_for_the_actors_named_before(
        nlp: Any, text: str, word: str, members: list[str]) -> None:
    doc = nlp(text)
    head = next(t for t in doc if t.text == word)
    assert [t.text for t in group_members(head)] == members
