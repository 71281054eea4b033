"""Accusations on real news (issue 15): whom criticism of an act, a charge of wrongdoing or
a word of blame is aimed at."""

from __future__ import annotations

import pytest

from detente.config import ExtractOptions
from detente.extract.pipeline import Pipeline
from detente.model import Article, Event


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


def run(pipe: Pipeline, text: str) -> list[Event]:
    (rec,) = pipe.run([Article(id="t", text=text, published="2017-09-15", language="en")])
    assert not rec.errors, rec.errors
    return rec.events


def accused(events: list[Event]) -> set[tuple[str | None, str | None]]:
    """(source country, target country or code) of every ACCUSE event."""
    return {(e.source.country or e.source.code,
             (e.target.country or e.target.code) if e.target else None)
            for e in events if e.category == "ACCUSE"}


def test_denouncing_drills_accuses_each_country_that_held_them(pipe: Pipeline) -> None:
    events = run(pipe, "South Korea and Japan are conducting naval drills this week. North "
                       "Korea's state media condemned the drills as a rehearsal for invasion.")
    assert {("PRK", "KOR"), ("PRK", "JPN")} <= accused(events)


def test_charging_an_act_accuses_its_doers_not_the_act(pipe: Pipeline) -> None:
    events = run(pipe, "Kim Jong Un takes umbrage with South Korea and Japan conducting naval "
                       "drills near the peninsula, charging the drills as practice runs for "
                       "an invasion.")
    found = accused(events)
    assert {("PRK", "KOR"), ("PRK", "JPN")} <= found
    assert ("PRK", None) not in found


def test_worrying_over_launches_does_not_make_the_worried_their_agent(pipe: Pipeline
                                                                      ) -> None:
    events = run(pipe, "Russia condemned the latest missile launch by North Korea on Friday. "
                       "\u201cRussia is deeply worried over more provocative launches,\u201d "
                       "Kremlin spokesman Dmitry Peskov said.")
    found = accused(events)
    assert ("RUS", "PRK") in found
    assert ("RUS", "RUS") not in found


def test_an_evaluated_act_after_an_accusation_is_the_accused_ones(pipe: Pipeline) -> None:
    events = run(pipe, "Japan condemned North Korea's provocation. US Secretary of State "
                       "Rex Tillerson said, \u201cThese continued provocations only deepen "
                       "the isolation.\u201d")
    found = accused(events)
    assert ("USA", "PRK") in found
    assert ("USA", "JPN") not in found


def test_a_feeling_that_modifies_a_phrase_is_still_about_its_clause(pipe: Pipeline) -> None:
    events = run(pipe, "On Thursday President Donald Trump tweeted: \u201cCaught RED "
                       "HANDED \u2014 very disappointed that China is allowing oil to go "
                       "into North Korea.\u201d")
    assert ("USA", "CHN") in accused(events)


def test_a_blame_noun_accuses_its_own_agent(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cIt was a Russian hoax,\u201d President Donald Trump said.")
    assert ("USA", "RUS") in accused(events)


def test_the_country_us_is_not_the_pronoun(pipe: Pipeline) -> None:
    events = run(pipe, "The Kremlin suggested a US plot after the leaks.")
    assert ("RUS", "USA") in accused(events)


def test_a_violation_of_resolutions_accuses_the_violator_not_the_un(pipe: Pipeline) -> None:
    events = run(pipe, "North Korea launched a long-range rocket on Sunday. South Korea's "
                       "Defense Ministry said the launch would represent a serious violation "
                       "of U.N. resolutions.")
    found = accused(events)
    assert ("KOR", "PRK") in found
    assert ("KOR", "IGOUNO") not in found


def test_an_adverb_of_blame_accuses_the_doer(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cChinese ships have illegally supplied oil to North Korea,\u201d "
                       "South Korean Foreign Minister Kang Kyung-wha said.")
    assert ("KOR", "CHN") in accused(events)


def test_the_kind_of_act_outranks_an_unrelated_earlier_accusation(pipe: Pipeline) -> None:
    filler = " ".join(f"The markets in Tokyo were calm on day {n}." for n in range(1, 7))
    events = run(pipe, "North Korea fired a ballistic missile over Japan on Tuesday. "
                       f"{filler} Japan raised protests at the United Nations. U.S. "
                       "Ambassador Nikki Haley said the launch was \u201cabsolutely "
                       "unacceptable.\u201d")
    found = accused(events)
    assert ("USA", "PRK") in found
    assert ("USA", "IGOUNO") not in found


def test_answerable_for_a_harm_accuses(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cRussia alone is responsible for the death and destruction this "
                       "attack will bring,\u201d President Joe Biden said.")
    assert ("USA", "RUS") in accused(events)


def test_answerable_for_a_duty_or_a_responsible_partner_accuses_no_one(pipe: Pipeline
                                                                        ) -> None:
    events = run(pipe, "\u201cWe will work with responsible nations, and Japan is responsible "
                       "for security in the region,\u201d President Joe Biden said.")
    assert not accused(events)


def test_a_reported_claim_is_its_owners_accusation(pipe: Pipeline) -> None:
    events = run(pipe, "The news follows a South Korean report that Chinese ships have "
                       "illegally supplied oil to North Korean ships at sea.")
    assert ("KOR", "CHN") in accused(events)


def test_a_blame_noun_in_a_compound_evaluates_the_whole_phrase(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cRussia is running a propaganda campaign against us,\u201d "
                       "Lithuanian Foreign Minister Gabrielius Landsbergis said.")
    assert ("LTU", "RUS") in accused(events)


def test_a_noun_of_blame_with_no_agent_stands_for_the_act_reported(pipe: Pipeline) -> None:
    events = run(pipe, "North Korea fired a ballistic missile over Japan on Tuesday. President "
                       "Donald Trump said the two countries were working to counter the "
                       "\"dangerous aggressions\".")
    assert ("USA", "PRK") in accused(events)
