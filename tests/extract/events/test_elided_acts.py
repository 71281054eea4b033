"""Recall on real news (issue 15, session 8): a subject the parse hung on a fronted phrase,
acts repeated by an elided verb phrase ("So did X.", "..., as did X"), and act nouns that
take up an act already reported ("that demand was echoed by X"). Sentences written for these
tests, not taken from any gold set."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.fronted import fronted_subject
from detente.jobs import annotate_text
from detente.model import Event


def _events(text: str, published: str = "2018-01-01") -> list[Event]:
    return annotate_text(text, published=published).events


def _pairs(events: list[Event], category: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.country, e.target.country if e.target else None) for e in events
            if e.category == category}


# --- a subject hung on a fronted phrase -------------------------------------------------

@pytest.mark.parametrize(("text", "verb", "subject"), [
    ("While strongly condemning North Korea's actions, Moscow and Beijing continue to insist "
     "on talks.", "continue", "Moscow"),
    ("From Washington, Susan Rice, the national security adviser, said the test was wrong.",
     "said", "Rice"),
])
def test_a_subject_hung_on_a_fronted_phrase_is_found(nlp: Any, text: str, verb: str,
                                                     subject: str) -> None:
    # (the small model hangs these subjects on the fronted phrase; whichever way it
    # parses, the verb's subject must come out)
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    own = next((c for c in token.children if c.dep_ == "nsubj"), None)
    found = own or fronted_subject(token)
    assert found is not None and found.text == subject


@pytest.mark.parametrize("text", [
    "Speaking to reporters in Moscow, Putin said the sanctions were illegal.",
    "After weeks of talks with the European Union, Britain agreed to pay.",
])
def test_a_verb_with_its_own_subject_keeps_it(nlp: Any, text: str) -> None:
    doc = nlp(text)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert fronted_subject(root) is None


def test_an_act_in_a_fronted_participle_is_done_by_every_lost_subject() -> None:
    events = _events("While strongly condemning North Korea's actions, Moscow and Beijing "
                     "continue to insist on talks.", published="2017-09-01")
    assert _pairs(events, "ACCUSE") == {("RUS", "PRK"), ("CHN", "PRK")}


def test_the_lost_subject_of_a_speech_verb_is_the_quote_speaker() -> None:
    record = annotate_text("From Washington, Susan Rice, the national security adviser, "
                           "said that the launch was a flagrant violation of the resolutions.",
                           published="2016-02-07")
    assert [q.speaker.text for q in record.quotes] == ["Susan Rice"]


# --- elided verb phrases ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "category", "pairs"), [
    ("The Polish president criticized the European Commission. So did the Hungarian prime "
     "minister.", "ACCUSE", {("POL", None), ("HUN", None)}),
    ("France condemned the missile test, as did Britain.", "ACCUSE", set()),
    ("Japan has imposed sanctions on North Korea, as has South Korea.", "COERCE",
     {("JPN", "PRK"), ("KOR", "PRK")}),
    ("The French president visited Beijing, as did the German chancellor.", "CONSULT",
     {("FRA", "CHN"), ("DEU", "CHN")}),
])
def test_an_elided_verb_phrase_repeats_the_act_for_its_subject(
        text: str, category: str, pairs: set[tuple[str | None, str | None]]) -> None:
    events = [e for e in _events(text) if e.category == category]
    if category == "ACCUSE" and not pairs:
        # no target named: both states condemn, each once
        assert sorted(e.source.country or "" for e in events) == ["FRA", "GBR"]
    elif category == "ACCUSE":
        # (the Commission is an IGO: no country)
        assert {e.source.country for e in events} == {"POL", "HUN"}
    else:
        assert _pairs(events, category) == pairs


@pytest.mark.parametrize(("text", "category", "pairs"), [
    ("Britain expelled 23 Russian diplomats. The United States and France followed suit.",
     "SANCTION", {("GBR", "RUS"), ("USA", "RUS"), ("FRA", "RUS")}),
    ("Germany expelled four Russian diplomats, and Poland followed suit.", "SANCTION",
     {("DEU", "RUS"), ("POL", "RUS")}),
    ("Japan imposed new sanctions on North Korea on Monday. Australia did the same.",
     "COERCE", {("JPN", "PRK"), ("AUS", "PRK")}),
])
def test_following_suit_repeats_the_act_just_reported(
        text: str, category: str, pairs: set[tuple[str | None, str | None]]) -> None:
    assert _pairs(_events(text), category) == pairs


def test_following_suit_is_no_lawsuit() -> None:
    events = _events("The Chinese company followed suit after the market fell.")
    assert "ACCUSE" not in {e.category for e in events}


def test_so_did_needs_a_coded_new_subject() -> None:
    events = _events("The Polish president criticized the European Commission. So did many "
                     "others.")
    assert len([e for e in events if e.category == "ACCUSE"]) == 1


def test_so_did_after_a_sentence_with_no_act_adds_nothing() -> None:
    events = _events("The weather in Warsaw was cold on Monday. So did the Hungarian prime "
                     "minister.")
    assert events == []


def test_an_as_clause_with_its_own_verb_is_no_ellipsis() -> None:
    events = _events("France condemned the missile test, as Britain expected.")
    assert {e.source.country for e in events if e.category == "ACCUSE"} == {"FRA"}


# --- echoed act nouns -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "source"), [
    ("Polish leaders demanded that the European Commission withdraw the proposal. That "
     "demand was echoed by the Hungarian prime minister.", "HUN"),
    ("The French president called on Iran to release the prisoners. The German chancellor "
     "echoed the call.", "DEU"),
])
def test_an_echoed_act_noun_is_aimed_at_whom_the_act_it_takes_up_was(text: str,
                                                                      source: str) -> None:
    echoed = [e for e in _events(text) if e.category == "REQUEST"
              and e.source.country == source]
    assert len(echoed) == 1
    first = [e for e in _events(text) if e.category == "REQUEST" and e is not echoed[0]
             and e.source.country != source]
    assert echoed[0].target is not None and first[0].target is not None
    assert echoed[0].target.code == first[0].target.code


def test_an_echoed_act_noun_with_its_own_argument_keeps_it() -> None:
    events = _events("The French president called on Iran to release the prisoners. The "
                     "German chancellor echoed calls for an inquiry into the killings.")
    echoed = [e for e in events if e.source.country == "DEU" and e.category == "REQUEST"]
    assert all(e.target is None or e.target.country != "IRN" for e in echoed)


def test_an_echoed_act_noun_with_no_act_before_keeps_no_target() -> None:
    events = _events("The weather in Berlin was cold. The German chancellor echoed the call.")
    assert all(e.target is None for e in events if e.category == "REQUEST")


def test_crying_foul_is_an_accusation() -> None:
    events = _events("The Republican senator Ted Cruz cried foul after the Justice Department "
                     "dropped the case.", published="2016-11-01")
    assert "ACCUSE" in {e.category for e in events if e.trigger.text == "cried"}
