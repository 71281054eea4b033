"""The story test (issue 15, pattern 7): every event of a sports, business or accident story
is kept and marked with why, the evaluative ones too, and the default view leaves them out;
a political story's events are not marked. Texts written for these tests."""

from __future__ import annotations

import pytest

from detente.config import ExtractOptions
from detente.evaluate.real import in_default_view
from detente.extract.events.noise import political_words
from detente.extract.pipeline import Pipeline
from detente.model import Article, Record


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


def _record(pipe: Pipeline, text: str) -> Record:
    (rec,) = pipe.run([Article(id="s", text=text, published="2025-08-05", language="en")])
    assert not rec.errors, rec.errors
    return rec


_ACCIDENT = (
    "A tram derailed and overturned in south London on Wednesday, killing seven passengers. "
    "Police arrested the tram driver, a 42-year-old man, on suspicion of manslaughter. The "
    "tram was travelling at high speed on a sharp bend when it crashed, investigators said. "
    "Survivors said the driver attacked the rail operator for ignoring warnings about the "
    "bend. The operator called the crash a tragedy and said it would help the families. "
    "Police said the wreckage would be removed overnight and the trains would run again "
    "on Friday. The mayor of London visited the scene and thanked the police and the "
    "ambulance crews.")


def test_every_event_of_an_accident_story_is_kept_and_marked(pipe: Pipeline) -> None:
    rec = _record(pipe, _ACCIDENT)
    assert rec.events
    reasons = {e.off_topic for e in rec.events}
    assert len(reasons) == 1 and next(iter(reasons), "").startswith("not a political story: ")
    assert not [e for e in rec.events if in_default_view(e)]
    # The record says why, and keeps it through JSON.
    data = rec.to_dict()
    assert {e["off_topic"] for e in data["events"]} == reasons
    assert Record.from_dict(data).events == rec.events


def test_police_are_no_political_topic_word_and_crashes_are_other_news() -> None:
    assert political_words(["police"] * 10) is None  # no topic word at all
    assert political_words(["police", "crash", "tram", "derailment", "accident"] * 2) == (0, 8)
    words = political_words(_ACCIDENT.lower().replace(",", " ").replace(".", " ").split())
    assert words is not None and words[0] < words[1]


def test_a_terror_attack_told_by_its_witnesses_stays_a_political_story(pipe: Pipeline) -> None:
    # Few actor mentions are political actors (3 of 25: the witnesses and the crowd are
    # not), but the vocabulary is that of terrorism and its government response.
    text = (
        "Anna Petit and Marc Duval were walking on the promenade with Lucie, Paul and Claire "
        "when the truck drove into the crowd. Anna said Marc pulled Lucie and Claire behind "
        "a wall while Paul ran to the beach. Marc said Anna and Paul saw the truck hit "
        "Sophie, Thomas, Julie and Louis near the hotel. Claire said Lucie helped Sophie "
        "and Julie, and Thomas carried Louis to Marc. Emma and Hugo said Nina and Leo were "
        "safe with Lucie. The terrorist attack was an act of "
        "war on the nation, the president said, and national security and the border would "
        "be tightened. The attack deepened the crisis over terrorism, and the government "
        "said the war on terrorism would go on.")
    rec = _record(pipe, text)
    assert rec.events and not any(e.off_topic for e in rec.events)
