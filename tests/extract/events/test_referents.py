"""A target that describes a state without naming it ("the isolated country", "the
communist regime", "their country") takes the one state named before it (issue 15). Sentences
written for these tests, not taken from any gold set."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.referents import described_state
from detente.jobs import annotate_text
from detente.model import Actor, Mention

Row = tuple[str | None, str | None, str]


def _coded(text: str) -> set[Row]:
    events = annotate_text(text, published="2024-05-01", article_id="t").events
    return {(e.source.code, e.target.code if e.target else None, e.category) for e in events}


def _state(text: str, name: str, code: str) -> Mention:
    start = text.index(name)
    return Mention(start=start, end=start + len(name), text=name,
                   actor=Actor(text=name, code=code, country=code[:3], sector=code[3:] or None))


def _resolve(nlp: Any, text: str, head: str, names: dict[str, str],
             source: str | None) -> str | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == head and t.idx > text.index(". "))
    mentions = [_state(text, n, c) for n, c in names.items()]
    actor = described_state(token, mentions, source)
    return actor.code if actor is not None else None


@pytest.mark.parametrize(("text", "head", "names", "source", "code"), [
    # one state named before, other than the source: that state (or its government)
    ("Iran seized a tanker on Friday. Britain condemned the country for the seizure.",
     "country", {"Iran": "IRN", "Britain": "GBR"}, "GBR", "IRN"),
    ("Cuba jailed three journalists. Canada urged the communist government to free them.",
     "government", {"Cuba": "CUB", "Canada": "CAN"}, "CAN", "CUBGOV"),
    ("Laos tested a rocket. Thailand protested to the secretive regime.",
     "regime", {"Laos": "LAO", "Thailand": "THA"}, "THA", "LAOGOV"),
    # a news agency or a dateline is no state the description points back to
    ("Laos tested a rocket, Reuters reported. Thailand protested to the secretive regime.",
     "regime", {"Laos": "LAO", "Reuters": "GBRJRN", "Thailand": "THA"}, "THA", "LAOGOV"),
    ("HANOI - Laos tested a rocket. Thailand protested to the secretive regime.",
     "regime", {"HANOI": "VNM", "Laos": "LAO", "Thailand": "THA"}, "THA", "LAOGOV"),
    # a possessive "their country": the state named in its sentence or the one before
    ("Chileans marched in Santiago. They said Peru had insulted their country.",
     "country", {"Chileans": "CHL", "Peru": "PER"}, "PER", None),
    ("Farmers in Chile were angry. They said the storm had ruined their country.",
     "country", {"Chile": "CHL"}, None, "CHL"),
    # one state named as a subject, object or possessor, another only in a phrase: the first
    ("Kenya's troops crossed into Somalia. The union urged the country to withdraw.",
     "country", {"Kenya": "KEN", "Somalia": "SOM"}, None, "KEN"),
    # ... but not for a possessive, whose owner may be named anywhere
    ("Peru fired a rocket. People in Chile hid as it flew over their country.",
     "country", {"Peru": "PER", "Chile": "CHL"}, "PER", None),
    # two states close together: ambiguous, left alone
    ("China criticised Japan on Monday. The union backed the country.",
     "country", {"China": "CHN", "Japan": "JPN"}, None, None),
    ("Egypt and Sudan signed a deal. Kenya criticised the country on Monday.",
     "country", {"Egypt": "EGY", "Sudan": "SDN", "Kenya": "KEN"}, "KEN", None),
    # a phrase that does not point back to a state named before
    ("Iran seized a tanker. Britain sent an envoy to another country.",
     "country", {"Iran": "IRN", "Britain": "GBR"}, "GBR", None),
    ("Iran seized a tanker. Britain praised the host nation.",
     "nation", {"Iran": "IRN", "Britain": "GBR"}, "GBR", None),
    ("Iran seized a tanker. Britain criticised the government.",
     "government", {"Iran": "IRN", "Britain": "GBR"}, "GBR", None),
    ("Iran seized a tanker. Britain praised the state of Texas.",
     "state", {"Iran": "IRN", "Britain": "GBR"}, "GBR", None),
    ("Iran seized a tanker. Britain praised the countries.",
     "countries", {"Iran": "IRN", "Britain": "GBR"}, "GBR", None),
    # a clause's subject after its own state's voice: that state, not the one named before
    ("Peru sued Chile. Chile's foreign ministry said the country would appeal.",
     "country", {"Peru": "PER", "Chile's": "CHL"}, "CHL", None),
    # only the source was named: nothing to point back to
    ("Britain held talks. Britain praised the country.",
     "country", {"Britain": "GBR"}, "GBR", None),
])
def test_a_described_state_takes_the_one_state_named_before(
        nlp: Any, text: str, head: str, names: dict[str, str], source: str | None,
        code: str | None) -> None:
    assert _resolve(nlp, text, head, names, source) == code


def test_a_state_named_too_far_back_is_not_taken(nlp: Any) -> None:
    text = ("Iran seized a tanker. Talks went on. Nothing changed. The weather was calm. "
            "Britain condemned the country.")
    assert _resolve(nlp, text, "country", {"Iran": "IRN", "Britain": "GBR"}, "GBR") is None


@pytest.mark.parametrize(("text", "row"), [
    ("Iran seized a tanker on Friday. Britain condemned the country for the seizure.",
     ("GBR", "IRN", "ACCUSE")),
    ("Kim Jong Un fired a missile on Sunday. Japan condemned the hermit kingdom.",
     ("JPN", "PRK", "ACCUSE")),
    # one state of a region, not the region ("the Asian country" is no ASA)
    ("North Korea fired a missile on Friday. Last month Japan threatened to punish "
     "the Asian country.", ("JPN", "PRK", "THREATEN")),
])
def test_events_aimed_at_a_described_state_target_it(text: str, row: Row) -> None:
    assert row in _coded(text)


def test_an_ambiguous_description_leaves_the_target_without_a_state() -> None:
    rows = _coded("Russia attacked Ukraine on Monday. Germany condemned the country.")
    targets = [t for s, t, c in rows if s == "DEU" and c == "ACCUSE"]
    assert targets
    assert not {"RUS", "UKR"} & set(targets)
