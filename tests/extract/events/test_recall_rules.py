"""Recall on real news (issue 15, session 6): claims of responsibility for an act with no
one named on its receiving end, and an armed group's member acting for the group. Sentences
written for these tests, not taken from any gold set."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.stage import EventCoder
from detente.jobs import annotate_text
from detente.model import Event


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(nlp: Any, coder: EventCoder, text: str) -> list[Event]:
    return coder.code_doc(nlp(text), article_id="t")


@pytest.mark.parametrize("text", [
    "The Taliban claimed responsibility for the attack.",
    "The rebel group took credit for the bombing on Sunday, in a statement.",
])
def test_a_claimed_act_with_no_target_is_the_claimants(nlp: Any, coder: EventCoder,
                                                       text: str) -> None:
    events = [e for e in code(nlp, coder, text) if e.category == "ASSAULT"]
    assert len(events) == 1
    assert events[0].target is None
    assert events[0].trigger.text in ("attack", "bombing")


def test_an_act_noun_buried_in_a_phrase_still_needs_a_target(nlp: Any,
                                                             coder: EventCoder) -> None:
    # Not a claim: "the attack" in a phrase with no one attacked is still no event.
    events = code(nlp, coder, "The Taliban published a video of the attack.")
    assert "ASSAULT" not in {e.category for e in events}


def test_the_claimed_attack_is_on_whom_the_reported_attack_was() -> None:
    events = annotate_text("Gunmen stormed the Indian consulate in Jalalabad overnight. "
                           "The Taliban claimed responsibility for the attack.",
                           published="2015-05-01").events
    claimed = [e for e in events if e.trigger.text == "attack"]
    assert len(claimed) == 1
    assert claimed[0].source.code == "AFGREB"
    assert claimed[0].target is not None and claimed[0].target.country == "IND"


def test_a_claimed_attack_with_nothing_reported_before_keeps_no_target() -> None:
    events = annotate_text("Talks resumed in Doha on Monday. The Taliban claimed "
                           "responsibility for the attack.", published="2015-05-01").events
    claimed = [e for e in events if e.trigger.text == "attack"]
    assert len(claimed) == 1 and claimed[0].target is None


@pytest.mark.parametrize(("text", "code_"), [
    ("A Taliban suicide bomber attacked a police checkpoint in Kandahar.", "AFGREB"),
    ("An al-Shabaab suicide bomber attacked a hotel in Mogadishu.", "SOMREB"),
])
def test_an_armed_groups_member_acts_for_the_group(text: str, code_: str) -> None:
    events = [e for e in annotate_text(text, published="2015-05-01").events
              if e.category == "ASSAULT"]
    assert [e.source.code for e in events] == [code_]


def test_a_countrys_soldier_keeps_the_country() -> None:
    events = [e for e in annotate_text("A Russian army officer attacked a journalist in Kazan.",
                                       published="2015-05-01").events
              if e.category == "ASSAULT"]
    assert events and events[0].source.country == "RUS"


def test_a_subject_shared_with_a_passive_acts_in_the_active_verb() -> None:
    events = annotate_text("The Turkish president has been briefed and has convened a "
                           "National Security Council meeting.",
                           published="2016-05-01").events
    convened = [e for e in events if e.trigger.text == "convened"]
    assert [(e.source.code, e.target) for e in convened] == [("TURGOV", None)]


def test_a_participle_sharing_a_passive_has_no_subject(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "It is not known how many Kenyan soldiers were killed or "
                              "wounded, the spokesman said.")
    assert not any(e.trigger.text == "wounded" and e.source.country == "KEN"
                   for e in events)


def test_convening_names_no_one_on_the_other_side(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Prime Minister Abe convened the National Security Council.")
    assert [(e.category, e.target) for e in events if e.trigger.text == "convened"] == \
        [("CONSULT", None)]


def test_calling_an_act_deplorable_accuses_whoever_did_it() -> None:
    events = annotate_text("Iran launched a ballistic missile on Sunday. The Dutch foreign "
                           "minister called the launch deeply deplorable.",
                           published="2016-05-01").events
    accused = [(e.source.country, e.target.country if e.target else None)
               for e in events if e.category == "ACCUSE"]
    assert accused == [("NLD", "IRN")]


def test_an_unknown_igo_official_named_after_the_title_is_the_igo() -> None:
    record = annotate_text("UN Spokesperson Pierre Lacoste told a daily briefing that the "
                           "hostages were safe. He urged the government of Mali to protect "
                           "them.", published="2016-10-17")
    codes = {m.text: m.actor.code for m in record.mentions}
    assert codes.get("UN Spokesperson Pierre Lacoste") == "IGOUNO"
    urged = [e for e in record.events if e.trigger.text == "urged"]
    assert [e.source.code for e in urged] == ["IGOUNO"]


def test_a_threat_covers_each_act_coordinated_with_its_complement(nlp: Any,
                                                                 coder: EventCoder) -> None:
    events = code(nlp, coder, "Iran threatened to attack Israel and to invade Bahrain.")
    assert {(e.category, e.modality, e.target.text if e.target else "") for e in events} == {
        ("THREATEN", "threatened", "Israel"), ("THREATEN", "threatened", "Bahrain")}


def test_a_request_of_two_acts_is_one_request(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Germany urged Serbia to release the prisoners and to "
                              "withdraw its troops.")
    assert [e.target.text if e.target else "" for e in events
            if e.category == "REQUEST"] == ["Serbia"]
