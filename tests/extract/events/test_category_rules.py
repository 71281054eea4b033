"""Category and modality of acts whose words mislead (issue 15, session 8): phrasal verbs of
"call", negated and reserved plans, police "targeting", investigations of reported acts,
denials of deals, fines, figurative attacks said of an actor, the default view of
agreements with a thing. Sentences written for these tests, not taken from any gold set."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.stage import EventCoder
from detente.model import Event
from detente.store.queries import target_shown


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(nlp: Any, coder: EventCoder, text: str) -> list[Event]:
    return coder.code_doc(nlp(text), article_id="t")


def by_trigger(nlp: Any, coder: EventCoder, text: str, trigger: str) -> list[Event]:
    return [e for e in code(nlp, coder, text) if e.trigger.text == trigger]


@pytest.mark.parametrize(("text", "category"), [
    ("The Ukrainian commander called in air support after the village was shelled.",
     "MOBILIZE"),
    ("The Russian army called up 300,000 reservists.", "MOBILIZE"),
    ("The Israeli army called off the offensive against Hamas in Rafah.", "RETREAT"),
    ("The Polish foreign ministry called in the Russian ambassador.", "ACCUSE"),
    ("The French president called for a ceasefire in Gaza.", "REQUEST"),
    ("The German chancellor called on Russia to withdraw its troops.", "REQUEST"),
    ("The French president called the Russian president on Tuesday.", "CONSULT"),
])
def test_phrasal_verbs_of_call_name_their_own_act(nlp: Any, coder: EventCoder, text: str,
                                                   category: str) -> None:
    assert {e.category for e in by_trigger(nlp, coder, text, "called")} == {category}


def test_calling_in_experts_is_no_act(nlp: Any, coder: EventCoder) -> None:
    assert by_trigger(nlp, coder, "The Kenyan government called in experts from Germany.",
                      "called") == []


@pytest.mark.parametrize("text", [
    "China has no plans to conduct military drills near Taiwan, the defense ministry said.",
    "Seoul said it had no plan to deploy more troops to the border with North Korea.",
    "Neither Russia nor Belarus plans any military exercises near the Polish border.",
    "Japan will not hold drills near the islands, nor does it plan any missile tests.",
])
def test_negated_plans_are_negated(nlp: Any, coder: EventCoder, text: str) -> None:
    mobilized = [e for e in code(nlp, coder, text) if e.category == "MOBILIZE"]
    assert mobilized and all(e.negated for e in mobilized)


def test_no_plans_to_change_a_schedule_refuses_nothing(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The White House said Biden had no plans to change the "
                              "schedule of his trip to Japan.")
    assert "REJECT" not in {e.category for e in events}


@pytest.mark.parametrize("text", [
    "North Korea said it reserved the right to launch more missiles over Japan.",
    "China reserves the right to conduct military drills around Taiwan.",
    "Iran reserves the right to respond militarily to Israel, its foreign minister said.",
])
def test_a_reserved_right_is_no_act(nlp: Any, coder: EventCoder, text: str) -> None:
    events = code(nlp, coder, text)
    assert all(e.modality == "hypothetical" for e in events)
    assert "AGREE" not in {e.category for e in events}
    assert all(e.target is None or e.target.text != "the right" for e in events)


@pytest.mark.parametrize(("text", "category"), [
    ("Greek police targeted migrants and smugglers near the border with Turkey.", "COERCE"),
    ("Migrants were targeted by police in Calais.", "COERCE"),
    ("The Russian army targeted Ukrainian cities with drones.", "ASSAULT"),
])
def test_police_targeting_is_coercion(nlp: Any, coder: EventCoder, text: str,
                                      category: str) -> None:
    assert {e.category for e in by_trigger(nlp, coder, text, "targeted")} == {category}


@pytest.mark.parametrize("text", [
    "The Nigerian president pledged to fight poverty.",
    "The Indian government vowed to fight corruption in the police.",
])
def test_fighting_a_social_ill_is_no_attack(nlp: Any, coder: EventCoder, text: str) -> None:
    assert "ASSAULT" not in {e.category for e in code(nlp, coder, text)}


def test_an_investigation_of_reported_assaults_accuses_no_victim(nlp: Any,
                                                                 coder: EventCoder) -> None:
    events = code(nlp, coder, "German police are investigating reports of assaults on "
                              "women in Cologne.")
    probe = [e for e in events if e.trigger.text == "investigating"]
    assert [e.category for e in probe] == ["ACCUSE"]
    assert probe[0].target is None
    # the police did not commit the assaults they investigate
    assert not [e for e in events if e.category == "ASSAULT"]


def test_an_investigation_names_whoever_did_the_act(nlp: Any, coder: EventCoder) -> None:
    probe = by_trigger(nlp, coder, "The FBI is investigating Russian interference in the "
                                   "election.", "investigating")
    assert [(e.category, e.target.country if e.target else None) for e in probe] == [
        ("ACCUSE", "RUS")]


def test_an_ordered_investigation_against_someone_targets_them(nlp: Any,
                                                               coder: EventCoder) -> None:
    events = code(nlp, coder, "The Indian government ordered an investigation against the "
                              "Pakistani army.")
    assert ("ACCUSE", "PAK") in {(e.category, e.target.country if e.target else None)
                                 for e in events}


@pytest.mark.parametrize("text", [
    "The Turkish government denied doing a deal with Russia over Syria.",
    "The Kremlin denied that Putin had met Trump's envoy in secret.",
])
def test_denying_a_deal_or_meeting_is_a_rejection(nlp: Any, coder: EventCoder,
                                                  text: str) -> None:
    events = by_trigger(nlp, coder, text, "denied")
    assert [(e.category, e.modality, e.target) for e in events] == [
        ("REJECT", "asserted", None)]


def test_denying_an_attack_keeps_the_attack_denied(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "The Kremlin denied that Russian troops attacked the "
                                    "Ukrainian city of Kharkiv.", "denied")
    assert [(e.category, e.modality) for e in events] == [("ASSAULT", "denied")]


def test_a_court_ordering_a_fine_coerces(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "An Egyptian court ordered the former minister to pay "
                                    "a fine of 2 million pounds.", "ordered")
    assert [e.category for e in events] == ["COERCE"]


def test_agreeing_to_pay_compensation_is_no_coercion(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Germany agreed to pay compensation to the victims.")
    assert "COERCE" not in {e.category for e in events}


def test_a_plan_to_develop_a_missile_mobilizes_against_its_reach(nlp: Any,
                                                                 coder: EventCoder) -> None:
    events = code(nlp, coder, "Iran has made no secret of its plans to develop missiles "
                              "that can reach Israel.")
    assert [(e.category, e.modality, e.source.country,
             e.target.country if e.target else None) for e in events
            if e.category == "MOBILIZE"] == [("MOBILIZE", "planned", "IRN", "ISR")]


def test_a_figurative_attack_said_of_an_actor_is_an_accusation(nlp: Any,
                                                               coder: EventCoder) -> None:
    events = code(nlp, coder, "The Japanese prime minister said North Korea's actions "
                              "damaged peace in the region.")
    assert ("ACCUSE", "JPN", "PRK") in {
        (e.category, e.source.country, e.target.country if e.target else None)
        for e in events}
    assert "ASSAULT" not in {e.category for e in events}


def test_a_figurative_attack_with_no_speaker_is_nothing(nlp: Any, coder: EventCoder) -> None:
    assert code(nlp, coder, "Stock prices in Tokyo hit a record on Monday.") == []


def test_officers_who_will_be_on_patrol_plan_it(nlp: Any, coder: EventCoder) -> None:
    events = by_trigger(nlp, coder, "German police will be on patrol "
                                    "in Berlin on New Year's Eve.", "patrol")
    assert [e.modality for e in events] == ["planned"]


@pytest.mark.parametrize(("category", "text", "country", "code", "shown"), [
    ("AGREE", "transparency", None, None, False),       # "willing to improve transparency"
    ("COERCE", "all demonstrations", None, None, False),
    ("AGREE", "Japan", "JPN", "JPN", True),
    ("AGREE", None, None, None, True),                  # no one named: shown
    ("COERCE", "the United Nations", None, "IGOUNO", True),
    ("ACCUSE", "the report", None, None, True),         # accusations need no coded target
])
def test_default_view_hides_agreements_and_coercion_of_things(
        category: str, text: str | None, country: str | None, code: str | None,
        shown: bool) -> None:
    assert target_shown(category, text, country, code) is shown
