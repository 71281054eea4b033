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
    (rec,) = pipe.run([Article(id="t", text=text, published="2019-09-15", language="en")])
    assert not rec.errors, rec.errors
    return rec.events


def accused(events: list[Event]) -> set[tuple[str | None, str | None]]:
    """(source country, target country or code) of every ACCUSE event."""
    return {(e.source.country or e.source.code,
             (e.target.country or e.target.code) if e.target else None)
            for e in events if e.category == "ACCUSE"}


def test_condemning_drills_accuses_each_country_that_held_them(pipe: Pipeline) -> None:
    events = run(pipe, "South Korea and Japan are conducting naval drills this week. North "
                       "Korea's state media condemned the drills as a threat to the region.")
    assert {("PRK", "KOR"), ("PRK", "JPN")} <= accused(events)


def test_criticising_joint_patrols_accuses_both_patrolling_states(pipe: Pipeline) -> None:
    events = run(pipe, "Russia and China launched joint patrols near Alaska on Sunday. The "
                       "Pentagon criticized the patrols.")
    assert {("USA", "RUS"), ("USA", "CHN")} <= accused(events)


def test_being_concerned_about_launches_does_not_make_one_their_agent(pipe: Pipeline
                                                                      ) -> None:
    events = run(pipe, "China criticised North Korea's rocket launch on Monday. \u201cChina is "
                       "very concerned about these provocative launches,\u201d a Chinese "
                       "foreign ministry spokesman said.")
    found = accused(events)
    assert ("CHN", "PRK") in found
    assert ("CHN", "CHN") not in found


def test_an_evaluated_act_after_an_accusation_is_the_accused_ones(pipe: Pipeline) -> None:
    events = run(pipe, "Seoul denounced North Korea's latest provocation on Sunday. \u201cSuch "
                       "provocations will only isolate the regime further,\u201d the German "
                       "foreign minister said.")
    assert ("DEU", "PRK") in accused(events)


def test_a_feeling_that_modifies_a_phrase_is_still_about_its_clause(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cUnbelievable \u2014 deeply disappointed that Iran is sending "
                       "drones to Russia,\u201d President Donald Trump tweeted.")
    assert ("USA", "IRN") in accused(events)


def test_a_blame_noun_accuses_its_own_agent(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cIt was a Russian hoax,\u201d President Donald Trump said.")
    assert ("USA", "RUS") in accused(events)


def test_the_country_us_is_not_the_pronoun(pipe: Pipeline) -> None:
    events = run(pipe, "The Kremlin described the protests as a US plot.")
    assert ("RUS", "USA") in accused(events)


def test_a_violation_of_resolutions_accuses_the_violator_not_the_un(pipe: Pipeline) -> None:
    events = run(pipe, "Iran tested a ballistic missile on Saturday. France's foreign ministry "
                       "said the test constitutes a clear violation of U.N. resolutions.")
    found = accused(events)
    assert ("FRA", "IRN") in found
    assert ("FRA", "IGOUNO") not in found


def test_an_adverb_of_blame_accuses_the_doer(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cTurkish companies have illegally sold weapons to the rebels,\u201d "
                       "the Syrian foreign minister said.")
    assert ("SYR", "TUR") in accused(events)


def test_the_kind_of_act_outranks_an_unrelated_earlier_accusation(pipe: Pipeline) -> None:
    filler = " ".join(f"The markets in Tokyo were calm on day {n}." for n in range(1, 7))
    events = run(pipe, "North Korea fired a ballistic missile over Japan on Tuesday. "
                       f"{filler} Japan raised protests at the United Nations. The British "
                       "foreign secretary said the launch was \u201ccompletely "
                       "unacceptable.\u201d")
    found = accused(events)
    assert ("GBR", "PRK") in found
    assert ("GBR", "IGOUNO") not in found


def test_answerable_for_a_harm_accuses(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cDamascus is responsible for the suffering of millions of "
                       "Syrians,\u201d French President Emmanuel Macron said.")
    assert ("FRA", "SYR") in accused(events)


def test_answerable_for_a_duty_or_a_responsible_partner_accuses_no_one(pipe: Pipeline
                                                                        ) -> None:
    events = run(pipe, "\u201cWe will work with responsible partners, and Japan is "
                       "responsible for security in its waters,\u201d French President "
                       "Emmanuel Macron said.")
    assert not accused(events)


def test_a_reported_claim_is_its_owners_accusation(pipe: Pipeline) -> None:
    events = run(pipe, "The move follows a French report that Russian companies have "
                       "illegally shipped arms to Libya.")
    assert ("FRA", "RUS") in accused(events)


def test_a_blame_noun_in_a_compound_evaluates_the_whole_phrase(pipe: Pipeline) -> None:
    events = run(pipe, "\u201cRussia is running a propaganda campaign against us,\u201d "
                       "Lithuanian Foreign Minister Gabrielius Landsbergis said.")
    assert ("LTU", "RUS") in accused(events)


def test_a_noun_of_blame_with_no_agent_stands_for_the_act_reported(pipe: Pipeline) -> None:
    events = run(pipe, "Iran seized a British tanker in the Gulf on Friday. The British prime "
                       "minister said London would respond to the \u201caggressions\u201d.")
    assert ("GBR", "IRN") in accused(events)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Pentagon denies Iran's persistent allegation that Israel sabotaged the plant.",
     ("IRN", "ISR")),
    ("Beijing dismissed accusations by Washington that China is stealing technology.",
     ("USA", "CHN")),
])
def test_a_charge_noun_is_its_owners_accusation_of_the_clauses_subject(
        pipe: Pipeline, text: str, expected: tuple[str, str]) -> None:
    assert expected in accused(run(pipe, text))
