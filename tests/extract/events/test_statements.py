"""Statements on real news (issue 15): who a speaker's evaluation, denial or call is about."""

from __future__ import annotations

import pytest

from detente.config import ExtractOptions
from detente.extract.pipeline import Pipeline
from detente.model import Article, Event


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


def run(pipe: Pipeline, text: str) -> list[Event]:
    (rec,) = pipe.run([Article(id="t", text=text, published="2025-02-28", language="en")])
    assert not rec.errors, rec.errors
    return rec.events


def coded(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.category, e.source.country or e.source.code,
             e.target.country or e.target.code if e.target else None) for e in events}


_TURN = ('"We need more weapons from America," Ukrainian President Volodymyr Zelensky '
         'said. ')


@pytest.mark.parametrize("reply", [
    '"You are very disrespectful to this country," President Donald Trump replied.',
    '"It is disrespectful for you to come here and argue," President Donald Trump replied.',
    '"What you are doing is disrespectful to this country," President Donald Trump replied.',
])
def test_you_in_a_quoted_reply_is_the_previous_foreign_speaker(pipe: Pipeline,
                                                                reply: str) -> None:
    assert ("ACCUSE", "USA", "UKR") in coded(run(pipe, _TURN + reply))


def test_you_with_no_earlier_turn_addresses_no_one(pipe: Pipeline) -> None:
    events = run(pipe, '"You are very disrespectful to this country," President Donald '
                       'Trump said.')
    assert "ACCUSE" not in {e.category for e in events}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Pentagon denied North Korea's accusation that it is planning an invasion.",
     ("REJECT", "USA", "PRK")),
    ("Beijing denied the allegations by Washington.", ("REJECT", "CHN", "USA")),
])
def test_denying_an_accusation_rejects_the_accuser(pipe: Pipeline, text: str,
                                                   expected: tuple[str, str, str]) -> None:
    events = coded(run(pipe, text))
    assert expected in events
    assert not any(e[0] == "ACCUSE" and e[1] == expected[1] for e in events)


@pytest.mark.parametrize(("text", "expected"), [
    ("“Russia’s seizure of the ships is a crime,” Ukrainian Foreign Minister Dmytro Kuleba "
     "said on Monday.", ("ACCUSE", "UKR", "RUS")),
    ("“The Chinese government is cruel and shameless,” British Prime Minister Boris Johnson "
     "said.", ("ACCUSE", "GBR", "CHN")),
])
def test_insults_and_charges_of_crime_accuse(pipe: Pipeline, text: str,
                                             expected: tuple[str, str, str]) -> None:
    assert expected in coded(run(pipe, text))


def test_something_going_wrong_accuses_no_one(pipe: Pipeline) -> None:
    events = run(pipe, "“Something went wrong with the engine,” Boris Johnson said.")
    assert "ACCUSE" not in {e.category for e in events}


def test_a_cue_word_inside_a_name_is_no_evaluation(pipe: Pipeline) -> None:
    events = run(pipe, "“Turkey must keep Hayat Tahrir al-Sham out of Idlib,” Russian Foreign "
                       "Minister Sergei Lavrov said.")
    assert "ACCUSE" not in {e.category for e in events}


@pytest.mark.parametrize(("text", "expected"), [
    ("Japanese Prime Minister Shinzo Abe appealed to China to release the detained sailors.",
     ("REQUEST", "JPN", "CHN")),
    ("British Prime Minister Boris Johnson called on Iran to free the hostages.",
     ("REQUEST", "GBR", "IRN")),
])
def test_the_one_called_on_is_the_target_of_a_request(pipe: Pipeline, text: str,
                                                      expected: tuple[str, str, str]) -> None:
    assert expected in coded(run(pipe, text))


def test_striking_a_note_or_executing_a_plan_is_no_attack(pipe: Pipeline) -> None:
    events = coded(run(pipe, "Donald Trump struck a conciliatory note toward North Korea on "
                             "Tuesday. The Russian government executed its plan."))
    assert not any(e[0] == "ASSAULT" for e in events)


def test_striking_a_deal_is_still_coded_by_its_object(pipe: Pipeline) -> None:
    assert ("AGREE", "USA", "MEX") in coded(run(pipe, "Trump struck a deal with Mexico."))


def test_hitting_a_snag_or_a_record_is_no_attack(pipe: Pipeline) -> None:
    events = coded(run(pipe, "Talks between Washington and Beijing hit a snag. Chinese "
                             "exports to Russia hit a record."))
    assert not any(e[0] == "ASSAULT" for e in events)
    assert ("ASSAULT", "RUS", "UKR") in coded(run(pipe, "Russian missiles hit Kyiv overnight."))


def test_calling_for_someone_to_act_is_a_request(pipe: Pipeline) -> None:
    events = run(pipe, "German Chancellor Olaf Scholz called for police to solve the crimes "
                       "quickly.")
    assert any(e.category == "REQUEST" and e.source.country == "DEU" and e.target is not None
               and e.target.text == "police" for e in events)


@pytest.mark.parametrize(("text", "flag"), [
    ("Police in Gibraltar seized the Panama-flagged, Grace Harbour vessel.", "PAN"),
    ("Police in Singapore boarded the Togo-flagged, Blue Dolphin ship.", "TGO"),
])
def test_a_coded_actor_in_the_phrase_outranks_an_uncoded_name(pipe: Pipeline, text: str,
                                                              flag: str) -> None:
    # The ship's name is a mention the actors layer cannot code; the flag state is coded.
    (event,) = [e for e in run(pipe, text) if e.category == "COERCE"]
    assert event.target is not None and event.target.country == flag


@pytest.mark.parametrize(("text", "expected"), [
    ("The German chancellor said she expects an apology from Ankara.",
     ("REQUEST", "DEU", "TUR")),
    ("The French president said he expected an explanation from the Russian government.",
     ("REQUEST", "FRA", "RUS")),
])
def test_expecting_an_explanation_from_someone_requests_it(
        pipe: Pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in coded(run(pipe, text))


def test_expecting_an_outcome_is_no_request(pipe: Pipeline) -> None:
    events = run(pipe, "The German chancellor said she expects an agreement with Ankara soon.")
    assert "REQUEST" not in {e.category for e in events}
