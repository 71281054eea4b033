"""Modality and category on real news (issue 15): capabilities are no attacks, "call X a Y"
names, sentences coerce, a captor releases, requested and warned acts are not done, the
future and conditions of governing verbs, agreements are intentions. Sentences written for
these tests, not taken from any gold set."""

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


def by_trigger(nlp: Any, coder: EventCoder, text: str, trigger: str) -> list[Event]:
    return [e for e in code(nlp, coder, text) if e.trigger.text == trigger]


@pytest.mark.parametrize("text", [
    "Iran said its rockets are able to strike Israeli cities.",
    "The new rocket is capable of hitting targets in Europe.",
    "Syria has rockets that can reach Tel Aviv.",
    "Moscow will not be able to attack Kyiv this year.",
    "It wanted to show it was a nuclear power, and able to strike European capitals.",
    "Seoul tested a missile which the army said was capable of striking the launch site.",
])
def test_capability_is_no_attack(nlp: Any, coder: EventCoder, text: str) -> None:
    assert "ASSAULT" not in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "The rebels were able to capture the town after a week of fighting.",
    "Syrian troops attacked the town of Idlib.",
])
def test_a_realized_act_stays(nlp: Any, coder: EventCoder, text: str) -> None:
    assert {"COERCE", "ASSAULT"} & {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "Merkel has called the refugee crisis -- which also divided her party -- a test of Europe.",
    "Macron called the vote a disaster for France.",
])
def test_calling_something_a_name_is_no_phone_call(nlp: Any, coder: EventCoder,
                                                    text: str) -> None:
    assert "CONSULT" not in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "Trump called Abe on Tuesday.",
    "The Security Council called an emergency meeting for Monday.",
])
def test_phone_calls_and_convened_meetings_stay_consult(nlp: Any, coder: EventCoder,
                                                         text: str) -> None:
    assert "CONSULT" in {e.category for e in code(nlp, coder, text)}


def test_a_sentence_is_coercion(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "A Turkish court sentenced the journalist to five years "
                        "in prison.", "sentenced")
    assert [e.category for e in events] == ["COERCE"]


def test_captives_are_released_by_their_captor(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "Modi says ten of the workers kidnapped by the Taliban "
                        "have been released.", "released")
    assert [e.source.text for e in events] == ["the Taliban"]


@pytest.mark.parametrize("text", [
    "The hostages were released on Friday, the ministry said.",
    "The kidnapped engineers have been freed, the prime minister said.",
])
def test_captives_freed_by_no_one_named_are_not_the_reporters_act(
        nlp: Any, coder: EventCoder, text: str) -> None:
    assert "RETREAT" not in {e.category for e in code(nlp, coder, text)}


def test_prisoners_released_by_the_reporters_state_stay(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "Two prisoners were released on Friday, the Iranian "
                        "judiciary said.", "released")
    assert [e.category for e in events] == ["RETREAT"]


def test_what_is_sought_is_not_done(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The Greek minister seeks financial assistance to repay the "
                  "debt.")
    assert "AID" not in {e.category for e in events}


def test_persuading_someone_asks_and_does_not_do(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Washington tried to persuade Beijing to cut oil supplies to "
                  "Pyongyang and ease tensions.")
    assert {e.category for e in events} == {"REQUEST"}


def test_what_is_called_for_is_not_done(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Italian politicians are calling for migrants who commit "
                  "crimes to be deported.")
    assert {e.category for e in events} == {"REQUEST"}


def test_a_warning_carries_the_act_it_warns_of(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Tehran warned that it would strike Israel.")
    assert [(e.category, e.modality) for e in events] == [("THREATEN", "threatened")]


def test_a_threat_in_a_condition_is_hypothetical(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "Biden said Russia would pay a price if it threatened "
                        "Poland.", "threatened")
    assert [e.modality for e in events] == ["hypothetical"]


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("We will work with our allies to impose new sanctions on Iran.", "impose", "planned"),
    ("We will continue to work with our partners to isolate Iran, increase the pressure on "
     "Iran and punish Iran.", "increase", "planned"),
    ("Seoul is to reopen a hotline with Pyongyang.", "reopen", "planned"),
    ("There will be an investigation into the minister, the prosecutor said.",
     "investigation", "planned"),
    ("France and Italy agreed to hold talks.", "agreed", "planned"),
    ("Unless parliament acts, we will not be able to keep sending aid to Kenya.", "sending",
     "hypothetical"),
    ("Had Seoul shot down the missile, it could have faced a military response.", "shot",
     "hypothetical"),
])
def test_mood_of_a_governing_verb(nlp: Any, coder: EventCoder, text: str, trigger: str,
                                  modality: str) -> None:
    assert {e.modality for e in by_trigger(nlp, coder, text, trigger)} == {modality}


@pytest.mark.parametrize("text", [
    "The decision is an assault on democracy and the rule of law.",
    "Shares in Tokyo hit a record on Friday.",
    "The Council adopted new sanctions against Iran, targeting its oil exports.",
])
def test_figurative_attacks_are_no_attacks(nlp: Any, coder: EventCoder, text: str) -> None:
    assert "ASSAULT" not in {e.category for e in code(nlp, coder, text)}


def test_endangering_stability_is_no_threat(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "This is a reckless act by the regime in Tehran, threatening "
                  "the stability of the region, the Saudi minister said.")
    assert "THREATEN" not in {e.category for e in events}


@pytest.mark.parametrize(("text", "category"), [
    ("Indian officials disputed the news reports.", "REJECT"),
    ("\"We do not accept these conditions,\" the Iranian minister told Germany.", "REJECT"),
    ("Syria has carried out chemical attacks, flouting the sanctions.", "REJECT"),
    ("Tokyo lodged a protest with Beijing over the incursion.", "ACCUSE"),
    ("Ankara protested to Athens over the flights.", "ACCUSE"),
    ("The Security Council approved a new round of sanctions against Iran.", "COERCE"),
])
def test_category_of_verbal_acts(nlp: Any, coder: EventCoder, text: str,
                                 category: str) -> None:
    assert category in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "The prosecutors released their final estimates in March.",
    "The incident is being investigated by the safety authorities.",
])
def test_no_political_act(nlp: Any, coder: EventCoder, text: str) -> None:
    assert code(nlp, coder, text) == []


@pytest.mark.parametrize("text", [
    "Beijing sees the joint drills as a rehearsal for an invasion.",
    "Diplomats say Paris and Berlin only view a test of a long-range missile as a reason "
    "for new sanctions.",
])
def test_an_act_seen_as_something_is_not_done_by_the_viewer(nlp: Any, coder: EventCoder,
                                                            text: str) -> None:
    assert {"MOBILIZE", "COOPERATE"} & {e.category for e in code(nlp, coder, text)} == set()
