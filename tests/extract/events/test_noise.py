"""False events in the default view (issue 15): stories that are not political, labels
taken for acts, affirmations taken for denials, criticism taken for attacks. Sentences
written for these tests, not taken from any gold set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.evaluate.real import in_default_view
from detente.extract.events.noise import caption_ranges, load_topics, political_share
from detente.extract.events.stage import EventCoder
from detente.extract.pipeline import Pipeline
from detente.model import Article, Event


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


def code(nlp: Any, coder: EventCoder, text: str) -> list[Event]:
    return coder.code_doc(nlp(text), article_id="t")


def run(pipe: Pipeline, text: str) -> list[Event]:
    (rec,) = pipe.run([Article(id="t", text=text, published="2025-08-05", language="en")])
    assert not rec.errors, rec.errors
    return rec.events


def test_a_company_story_naming_a_government_once_shows_no_events(pipe: Pipeline) -> None:
    text = ("Voltara Motors unveiled its new electric truck on Thursday. Its founder, Dana "
            "Kessler, said the truck would reach buyers next year. Kessler told engineers at "
            "Voltara Motors to double output. Analysts at Brightline Capital said Voltara "
            "Motors could beat Ford and Tesla. Kessler attacked critics of the design on "
            "social media. Voltara Motors shares rose 4 percent. Kessler thanked the workers "
            "of Voltara Motors. Voltara Motors received a loan from the government in 2019.")
    events = run(pipe, text)
    assert events and all(e.off_topic and e.off_topic.startswith("not a political story: ")
                          for e in events)
    assert not [e for e in events if in_default_view(e)]


def test_a_political_story_of_the_same_length_keeps_its_events(pipe: Pipeline) -> None:
    text = ("Russian forces attacked the city of Kharkiv on Thursday. The Ukrainian "
            "government condemned the strike. President Zelensky asked allies for more air "
            "defence. The Kremlin said the strikes hit military targets. NATO ministers will "
            "meet next week. Poland's prime minister pledged more aid to Kyiv.")
    events = run(pipe, text)
    assert "ASSAULT" in {e.category for e in events} and not any(e.off_topic for e in events)


@pytest.mark.parametrize("text", [
    "We cannot deny that it was a deliberate attack.",
    "The minister did not deny that the vote was a setback.",
])
def test_not_denying_is_no_rejection(nlp: Any, coder: EventCoder, text: str) -> None:
    assert "REJECT" not in {e.category for e in code(nlp, coder, text)}


def test_not_denying_an_act_states_it(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Moscow did not deny that its troops attacked the village.")
    assault = [e for e in events if e.category == "ASSAULT"]
    assert assault and all(e.modality == "asserted" and not e.negated for e in assault)


def test_denying_an_act_is_still_a_denial(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Moscow denied that its troops attacked the village.")
    assert {e.modality for e in events if e.category == "ASSAULT"} == {"denied"}


@pytest.mark.parametrize("text", [
    "The African Union condemned what it termed a cowardly attack on the market.",
    "Germany called the shooting an attack on democracy.",
    "The ministry described the explosion as an attack on civilians.",
])
def test_the_one_who_names_an_attack_did_not_make_it(nlp: Any, coder: EventCoder,
                                                     text: str) -> None:
    events = code(nlp, coder, text)
    subject = text.split(" condemned")[0].split(" called")[0].split(" described")[0]
    assert not [e for e in events if e.category == "ASSAULT" and e.source.text == subject]


@pytest.mark.parametrize("text", [
    "The senator hit out at the governor over the budget.",
    "Campaigners were hitting out at the council for closing the library.",
])
def test_hitting_out_at_someone_is_criticism(nlp: Any, coder: EventCoder, text: str) -> None:
    cats = {e.category for e in code(nlp, coder, text)}
    assert "ACCUSE" in cats and "ASSAULT" not in cats


def test_hitting_a_target_is_still_an_attack(nlp: Any, coder: EventCoder) -> None:
    cats = {e.category for e in code(nlp, coder, "The missile hit a school in Donetsk.")}
    assert "ASSAULT" in cats


@pytest.mark.parametrize("text", [
    "Police did not immediately release the names of the victims.",
    "The ministry released a statement on Monday.",
])
def test_releasing_information_is_not_setting_free(nlp: Any, coder: EventCoder,
                                                   text: str) -> None:
    assert "RETREAT" not in {e.category for e in code(nlp, coder, text)}


def test_releasing_hostages_is_still_a_retreat(nlp: Any, coder: EventCoder) -> None:
    cats = {e.category for e in code(nlp, coder, "Hamas released three hostages on Saturday.")}
    assert "RETREAT" in cats


@pytest.mark.parametrize("text", [
    "The ministry did not respond to a request for comment.",
    "The embassy did not reply to requests for an interview.",
])
def test_answering_a_request_is_not_making_it(nlp: Any, coder: EventCoder, text: str) -> None:
    assert "REQUEST" not in {e.category for e in code(nlp, coder, text)}


def test_a_travel_story_that_names_officials_shows_no_events(pipe: Pipeline) -> None:
    # Political actors are named (a spokesman, the government), but the vocabulary is an
    # airline's: passengers, flights, an airport.
    text = ("Skyway Air apologized on Monday to passengers of a flight from Denver. The "
            "airline said the plane returned to the airport after a fault. A spokesman for "
            "the airline said customers would get refunds for their flights. Passengers "
            "accused the crew of ignoring them. The government said officials would review "
            "the flight. Skyway Air shares fell as customers complained online about the "
            "airline and its app.")
    events = run(pipe, text)
    assert events and all(e.off_topic == "not a political story: 3 of 18 topic words are "
                          "political (less than 35%)" for e in events)
    assert not [e for e in events if in_default_view(e)]


@pytest.mark.parametrize(("words", "share"), [
    ("the government and the military met the president", None),  # too few to judge
    ("government minister troops sanctions president company shares market players season",
     0.5),
    ("minister minister minister minister minister minister minister minister", 1.0),
])
def test_political_share_counts_topic_words(words: str, share: float | None) -> None:
    assert political_share(words.split()) == share


def test_a_bad_topic_kind_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "topics.tsv"
    path.write_text("kind\tword\npolitical\tminister\nmarkets\tstock\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_topics(path)
    assert info.value.line == 3 and "unknown topic kind 'markets'" in str(info.value)


@pytest.mark.parametrize(("line", "caption"), [
    ("Soldiers patrol the border town on Tuesday. (Jane Roe/AP)", True),
    ("The minister speaks in Berlin, March 3, 2017. REUTERS/John Doe", True),
    ("Protesters gather outside the court. (Photo: City Herald)", True),
    ("Rescuers search the rubble. [Photo/Agencies]", True),
    ("Photos: Storm hits the coast Rescuers carried the wounded to safety.", True),
    ("Rescuers carried the wounded to safety. Hide Caption 3 of 9", True),
    ("REUTERS/Jane Roe/File Photo Soldiers arrest a man suspected of looting in the town",
     False),
    ("The prime minister addresses parliament \u00a9Jane Roe (AFP)", True),
    ("WASHINGTON (Reuters) - The president said the talks would resume.", False),
    ("The deal, he said, would cut costs by 10 percent (about $2 million).", False),
])
def test_caption_lines_are_known_by_credit_or_label(line: str, caption: bool) -> None:
    text = f"Talks resume\n\nThe envoys met on Monday.\n{line}\nThe talks went on."
    start = text.index(line)
    assert (caption_ranges(text) == [(start, start + len(line))]) is caption


def test_an_act_in_a_photo_caption_is_not_coded(nlp: Any, coder: EventCoder) -> None:
    body = "Police arrested the opposition leader in the capital on Monday."
    caption = "Police arrested the opposition leader in the capital on Monday. (Jane Roe/AP)"
    assert "COERCE" in {e.category for e in code(nlp, coder, f"Arrests\n\n{body}\n")}
    assert "COERCE" not in {e.category for e in code(nlp, coder, f"Arrests\n\n{caption}\n")}


@pytest.mark.parametrize(("text", "category"), [
    ("Colonel Dane, who was in charge of the unit, retired in May.", "ACCUSE"),
    ("The embassy declined to comment on the arrests.", "REJECT"),
    ("The ministry refused to be identified by name.", "REJECT"),
    ("The governor warned residents to stay indoors as the storm neared.", "THREATEN"),
    ("Officials warned people to take cover in basements.", "THREATEN"),
    ("The court ordered the firm to provide information about its accounts.", "AID"),
    ("The ministry provided reporters a statement on Friday.", "AID"),
])
def test_set_phrases_are_no_events(nlp: Any, coder: EventCoder, text: str,
                                   category: str) -> None:
    assert category not in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize(("text", "category"), [
    ("Prosecutors filed charges against the mayor.", "ACCUSE"),
    ("The government refused to release the prisoners.", "REJECT"),
    ("Russia warned Ukraine that it would retaliate.", "THREATEN"),
    ("Japan provided aid to the Philippines.", "AID"),
])
def test_the_full_acts_are_still_coded(nlp: Any, coder: EventCoder, text: str,
                                       category: str) -> None:
    assert category in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize(("text", "visit"), [
    ("The refugees arrived in Vienna on Monday.", False),
    ("The Chinese foreign minister flew to Moscow on Monday.", True),
])
def test_only_political_travellers_visit(nlp: Any, coder: EventCoder, text: str,
                                         visit: bool) -> None:
    events = code(nlp, coder, text)
    assert any(e.category == "CONSULT" and e.mode == "visit" for e in events) is visit


def test_vowing_an_inquiry_is_no_threat(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Canada and Norway have vowed investigations into the leak.")
    cats = {e.category for e in events}
    assert "THREATEN" not in cats and "ACCUSE" in cats


def test_a_science_story_about_a_state_agency_shows_no_events(pipe: Pipeline) -> None:
    text = ("The Indian space agency will send a probe to Mars next year, its director said. "
            "Scientists said the spacecraft would study the planet and its moon. Researchers "
            "at the agency said the telescope on board would also watch an asteroid. The "
            "agency's director thanked the scientists and the government for the mission. "
            "Astronauts may follow, the study said.")
    assert not [e for e in run(pipe, text) if in_default_view(e)]


@pytest.mark.parametrize("text", [
    "German Chancellor Olaf Scholz said his party would take tougher action against Syrian "
    "refugees who commit crimes.",
    "President Macron said France would deport Algerian migrants who commit crimes.",
])
def test_a_class_defined_by_a_relative_clause_is_not_accused(pipe: Pipeline,
                                                            text: str) -> None:
    assert "ACCUSE" not in {e.category for e in run(pipe, text)}


def test_saying_that_a_group_committed_crimes_still_accuses(pipe: Pipeline) -> None:
    text = "President Macron said Algerian migrants committed crimes in Marseille."
    assert "ACCUSE" in {e.category for e in run(pipe, text)}


@pytest.mark.parametrize("text", [
    "President Macron ordered French citizens to be evacuated from Niamey.",
    "Japan evacuated Japanese citizens from the capital.",
])
def test_evacuating_ones_own_people_is_no_retreat(nlp: Any, coder: EventCoder,
                                                  text: str) -> None:
    assert "RETREAT" not in {e.category for e in code(nlp, coder, text)}


def test_evacuating_another_countrys_civilians_is_still_coded(nlp: Any,
                                                              coder: EventCoder) -> None:
    events = code(nlp, coder, "Russia evacuated Ukrainian civilians from the city.")
    assert "RETREAT" in {e.category for e in events}


def test_getting_ready_is_no_offer(nlp: Any, coder: EventCoder) -> None:
    assert "AGREE" not in {e.category for e in code(
        nlp, coder, "Soldiers were preparing to evacuate the consulate staff.")}
    assert "AGREE" in {e.category for e in code(
        nlp, coder, "Canada is prepared to negotiate with Mexico.")}


def test_a_reaction_in_a_participle_clause_is_not_the_subjects(nlp: Any,
                                                               coder: EventCoder) -> None:
    events = code(nlp, coder, "The mayor closed the market, raising protests from traders.")
    assert not [e for e in events if e.category == "ACCUSE" and e.source.text == "The mayor"]
    assert "ACCUSE" in {e.category for e in code(
        nlp, coder, "Germany raised objections to the French plan.")}


@pytest.mark.parametrize("text", [
    "Three suspects are in detention, the prosecutor said.",
    "The opposition leader remains in custody in the capital.",
    "Spain will feel pressure to follow suit, the analyst said.",
])
def test_a_state_undergone_names_no_one_doing_it(nlp: Any, coder: EventCoder,
                                                 text: str) -> None:
    assert "COERCE" not in {e.category for e in code(nlp, coder, text)}


def test_putting_pressure_on_someone_is_still_coerce(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The United States put pressure on China.")
    assert "COERCE" in {e.category for e in events}


@pytest.mark.parametrize("medium_word", ["Twitter", "Facebook", "television"])
def test_the_medium_of_a_statement_is_not_its_target(nlp: Any, coder: EventCoder,
                                                     medium_word: str) -> None:
    events = code(nlp, coder, f"The French president praised the rescuers on {medium_word}.")
    assert all(e.target is None or e.target.text != medium_word for e in events)


@pytest.mark.parametrize("text", [
    "The court charged him with assaulting a police officer.",
    "The military court indicted the girl on several counts including attacking soldiers.",
])
def test_the_charged_act_is_not_the_courts(nlp: Any, coder: EventCoder, text: str) -> None:
    events = code(nlp, coder, text)
    assert "ACCUSE" in {e.category for e in events}
    assert not [e for e in events if e.category == "ASSAULT" and "court" in e.source.text]


def test_the_wounded_are_victims_not_attackers(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The French police said 84 died and 70 were wounded in Nice.")
    assert "ASSAULT" not in {e.category for e in events}
    events = code(nlp, coder, "Civilians were wounded by Russian shelling.")
    assert "ASSAULT" in {e.category for e in events}


def test_horrific_news_accuses_no_one(pipe: Pipeline) -> None:
    text = ('As Europe woke up to the horrific news, Germany and Poland added their voices to '
            'the chorus of condemnation. "Poland shares the pain of our French friends," '
            'Polish Prime Minister Donald Tusk tweeted.')
    assert not [e for e in run(pipe, text) if e.trigger.text == "horrific"]


def test_going_home_is_no_retreat(nlp: Any, coder: EventCoder) -> None:
    assert "RETREAT" not in {e.category for e in code(
        nlp, coder, "President Lula returned to Brasilia from Geneva for crisis talks.")}
    for handing_back in ("Russia returned the bodies of 50 soldiers to Ukraine.",
                         "The agency returned to Peru last week 30 stolen paintings."):
        assert "RETREAT" in {e.category for e in code(nlp, coder, handing_back)}


def test_suggesting_a_fact_asks_nothing(nlp: Any, coder: EventCoder) -> None:
    assert "REQUEST" not in {e.category for e in code(
        nlp, coder, "The report suggests that the minister's family is linked to the funds.")}
    for asking in ("Germany suggested that Iran should halt enrichment.",
                   "He suggested countries with influence on Iran hold talks with Tehran."):
        assert "REQUEST" in {e.category for e in code(nlp, coder, asking)}
