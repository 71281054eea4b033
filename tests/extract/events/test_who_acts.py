"""Who acts in act nouns and in requested acts (issue 15, precision outside real_dev): the
agent a participle names, acts asked of someone, obligations laid on a third party, and
topics that no one is said to do. Sentences written for these tests, not taken from any
gold set."""

from __future__ import annotations

from detente.jobs import annotate_text
from detente.model import Event


def coded(text: str) -> list[Event]:
    return list(annotate_text(text, published="2024-03-01", article_id="t").events)


def summary(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.category, e.source.country if e.source else None,
             e.target.country if e.target else None) for e in coded(text)}


def test_a_comma_participle_names_who_did_the_act_noun() -> None:
    text = ('"We are angry about the tariffs on Brazilian steel, recently imposed by '
            'Washington," the Argentine trade minister said.')
    events = [e for e in coded(text) if e.category == "COERCE"]
    assert len(events) == 1  # the participle and the noun are one act
    assert events[0].source is not None and events[0].source.country == "USA"


def test_the_clause_subject_still_acts_without_a_participle() -> None:
    text = "Canada imposed tariffs on Brazil."
    assert ("COERCE", "CAN", "BRA") in summary(text)


def test_acts_coordinated_in_a_request_are_not_the_requesters() -> None:
    text = ("The French president urged Iran to halt enrichment, accept inspections and "
            "release the detained sailors.")
    got = summary(text)
    assert ("REQUEST", "FRA", "IRN") in got
    assert {c for c, s, _ in got if s == "FRA"} == {"REQUEST"}


def test_acts_hung_on_the_request_verb_are_requested_too() -> None:
    text = ("The German chancellor called on the Syrian government to stop the shelling, "
            "respect the ceasefire, and allow aid convoys into the city.")
    got = summary(text)
    assert {c for c, s, _ in got if s == "DEU"} == {"REQUEST"}


def test_an_obligation_on_a_third_party_is_a_request_of_it() -> None:
    text = '"Germany has to step up the pressure," the Polish prime minister told reporters.'
    got = summary(text)
    assert ("REQUEST", "POL", "DEU") in got
    assert not any(c == "COERCE" for c, _, _ in got)


def test_a_topic_after_when_it_comes_to_is_no_act() -> None:
    text = ('"When it comes to pushing for a truce, they always hide behind others," the '
            'Turkish foreign minister said of Greece.')
    assert not any(c == "REQUEST" and s == "TUR" for c, s, _ in summary(text))


def test_a_call_for_help_asks_for_the_help_and_gives_none() -> None:
    text = "Residents made a call for help on social media after the floods."
    got = {e.category for e in coded(text)}
    assert "AID" not in got
    assert not any(e.target is not None and e.target.text == "social media"
                   for e in coded(text))


def test_an_obligation_said_by_no_one_named_is_not_asserted() -> None:
    events = coded("Portugal must withdraw its troops from Mali.")
    assert events and all(e.modality != "asserted" for e in events
                          if e.source is not None and e.source.country == "PRT")


def test_the_speakers_own_obligation_stays_the_speakers_act() -> None:
    text = '"We must increase pressure on Syria," the Danish foreign minister said.'
    assert ("COERCE", "DNK", "SYR") in summary(text)


def test_an_obligation_covers_a_coordinated_act() -> None:
    text = ('"Italy needs to take this seriously and increase pressure," the Austrian '
            'chancellor said.')
    got = [e for e in coded(text) if e.source is not None and e.source.country == "AUT"]
    assert [(e.category, e.target.country if e.target else None) for e in got] == \
        [("REQUEST", "ITA")]
    assert not any(e.category == "COERCE" for e in coded(text))
