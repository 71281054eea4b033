"""Action categories on real news (issue 15): states named by a prepositional act noun,
meetings with no one on the other side, trade and supplies, aid, plans and the
aggression someone defends against. Sentences written for these tests, not taken from any
gold set."""

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


def rows(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.text, e.target.text if e.target else "", e.category) for e in events}


@pytest.mark.parametrize(("text", "source", "category"), [
    ("Serbian troops were on high alert.", "Serbian troops", "MOBILIZE"),
    ("The Greek navy remained on alert.", "The Greek navy", "MOBILIZE"),
])
def test_act_noun_after_a_copula_is_its_subjects_state(nlp: Any, coder: EventCoder,
                                                       text: str, source: str,
                                                       category: str) -> None:
    assert (source, "", category) in rows(code(nlp, coder, text))


def test_what_a_subject_is_under_is_not_its_own_act(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The Serbian minister was under pressure.")
    assert not [e for e in events if e.source.text == "The Serbian minister"]


@pytest.mark.parametrize(("text", "source"), [
    ("The deal was brokered by Qatar.", "Qatar"),
    ("The Japanese prime minister convened an emergency session.",
     "The Japanese prime minister"),
])
def test_mediation_and_convening_need_no_one_on_the_other_side(nlp: Any, coder: EventCoder,
                                                               text: str, source: str) -> None:
    assert [e for e in code(nlp, coder, text)
            if e.category == "CONSULT" and e.source.text == source]


@pytest.mark.parametrize(("text", "expected"), [
    ("Poland coordinated with Lithuania.", ("Poland", "Lithuania", "COOPERATE")),
    ("Germany will coordinate with France.", ("Germany", "France", "AGREE")),
    ("China supplied oil to North Korea.", ("China", "North Korea", "COOPERATE")),
    ("Iran supplies Syria with fuel.", ("Iran", "Syria", "COOPERATE")),
    ("Turkey delivered fuel to Syria.", ("Turkey", "Syria", "COOPERATE")),
    ("The United States supplied weapons to Ukraine.", ("The United States", "Ukraine", "AID")),
    ("Canada delivered aid to Haiti.", ("Canada", "Haiti", "AID")),
    ("Russia sold oil to India.", ("Russia", "India", "COOPERATE")),
])
def test_commodity_supplies_are_cooperation_and_aid_stays_aid(
        nlp: Any, coder: EventCoder, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in rows(code(nlp, coder, text))


def test_partner_named_with_with_is_not_a_mutual_act_of_the_subjects(
        nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The French police and the Spanish army acted in "
                              "coordination with Interpol.")
    pairs = {(e.source.text, e.target.text if e.target else "") for e in events}
    assert ("the Spanish army", "The French police") not in pairs
    assert ("The French police", "the Spanish army") not in pairs


def test_financing_approved_is_aid(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The Israeli cabinet approved the financing of new roads.")
    assert "AID" in {e.category for e in events}


@pytest.mark.parametrize(("text", "category", "modality"), [
    ("Russia is ready to deploy troops to Belarus.", "MOBILIZE", "planned"),
    ("Iran vowed to attack Israel.", "THREATEN", "threatened"),
])
def test_plan_of_a_hostile_act_keeps_its_category_a_vow_threatens(
        nlp: Any, coder: EventCoder, text: str, category: str, modality: str) -> None:
    assert (category, modality) in {(e.category, e.modality) for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "We stand by Poland as it defends itself from Russian aggression.",
    "Many countries support Poland in its defense against Russian aggression.",
])
def test_aggression_is_an_attack_on_whoever_defends_against_it(nlp: Any, coder: EventCoder,
                                                               text: str) -> None:
    assert [e for e in code(nlp, coder, text)
            if e.category == "ASSAULT" and e.target is not None
            and e.target.text == "Poland"]


@pytest.mark.parametrize("text", [
    "Japan and Korea agreed to counter dangerous aggression.",
    "Pyongyang says it needs nuclear weapons to counter perceived U.S. aggression.",
])
def test_aggression_naming_no_agent_or_no_victim_is_no_attack(nlp: Any, coder: EventCoder,
                                                              text: str) -> None:
    assert "ASSAULT" not in {e.category for e in code(nlp, coder, text)}


def test_holding_a_ship_is_a_seizure(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Indonesian authorities held the tanker at the port.")
    assert ("Indonesian authorities", "the tanker", "COERCE") in rows(events)


def test_sealing_off_a_place_shows_police_power(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Riot police sealed off the square.")
    assert "MOBILIZE" in {e.category for e in events}


def test_sealing_without_off_is_no_mobilization(nlp: Any, coder: EventCoder) -> None:
    assert "MOBILIZE" not in {e.category for e in code(nlp, coder, "They sealed the deal.")}


def test_claiming_responsibility_for_an_act_owns_it(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The Pakistani Taliban claimed responsibility for the bombing "
                              "of a school in Peshawar.")
    assert ("The Pakistani Taliban", "ASSAULT") in {(e.source.text, e.category)
                                                    for e in events}
