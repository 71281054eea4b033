"""Which sentences yield an act and of which category (issue 15): the trigger side of the
coder on news phrasing. Sentences written for these tests, not taken from any gold set."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.stage import EventCoder
from detente.model import Event


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(nlp: Any, coder: EventCoder, text: str) -> list[Event]:
    return coder.code_doc(nlp(text), article_id="t")


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.text, e.target.text if e.target else "", e.category) for e in events}


@pytest.mark.parametrize("text", [
    "Canada allowed the tankers to leave the port of Halifax.",
    "Beijing will never allow its companies to break the embargo.",
])
def test_letting_another_act_happen_is_no_concession(nlp: Any, coder: EventCoder,
                                                     text: str) -> None:
    assert "CONCEDE" not in {e.category for e in code(nlp, coder, text)}


def test_allowing_a_thing_is_still_a_concession(nlp: Any, coder: EventCoder) -> None:
    assert "CONCEDE" in {e.category for e in code(nlp, coder, "Egypt allowed access to Gaza.")}


@pytest.mark.parametrize(("text", "outer", "alleged"), [
    ("Greek coast guards seized the tanker for violating the embargo on Libya.",
     "COERCE", "REJECT"),
    ("French police arrested the men on suspicion of attacking a journalist.",
     "COERCE", "ASSAULT"),
])
def test_the_grounds_of_a_charge_are_not_the_subjects_act(nlp: Any, coder: EventCoder,
                                                          text: str, outer: str,
                                                          alleged: str) -> None:
    cats = {e.category for e in code(nlp, coder, text)}
    assert outer in cats
    assert alleged not in cats
