"""Which sentences yield an act and of which category (issue 15): the trigger side of the
coder on news phrasing. Sentences written for these tests, not taken from any gold set."""

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


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.text, e.target.text if e.target else "", e.category) for e in events}


@pytest.mark.parametrize("text", [
    "Canada allowed the tankers to leave the port of Halifax.",
    "Beijing will never allow its companies to break the embargo.",
])
def test_letting_another_act_happen_is_no_concession(nlp: Any, coder: EventCoder,
                                                     text: str) -> None:
    assert "CONCEDE" not in {e.category for e in code(nlp, coder, text)}


def test_allowing_a_thing_is_still_a_concession(nlp: Any, coder: EventCoder) -> None:
    assert "CONCEDE" in {e.category for e in code(nlp, coder, "Egypt allowed access to Gaza.")}


@pytest.mark.parametrize(("text", "outer", "alleged"), [
    ("Greek coast guards seized the tanker for violating the embargo on Libya.",
     "COERCE", "REJECT"),
    ("French police arrested the men on suspicion of attacking a journalist.",
     "COERCE", "ASSAULT"),
])
def test_the_grounds_of_a_charge_are_not_the_subjects_act(nlp: Any, coder: EventCoder,
                                                          text: str, outer: str,
                                                          alleged: str) -> None:
    cats = {e.category for e in code(nlp, coder, text)}
    assert outer in cats
    assert alleged not in cats


@pytest.fixture(scope="module")
def pipe() -> Any:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline

    return Pipeline(ExtractOptions(workers=1))


def run(pipe: Any, text: str) -> list[Event]:
    from detente.model import Article

    (rec,) = pipe.run([Article(id="t", text=text, published="2025-02-28", language="en")])
    assert not rec.errors, rec.errors
    return list(rec.events)


def coded(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.category, e.source.country or e.source.code,
             e.target.country or e.target.code if e.target else None) for e in events}


_TURN = ('"We need more weapons from America," Ukrainian President Volodymyr Zelensky '
         'said. ')


@pytest.mark.parametrize("reply", [
    '"Sign the agreement today," President Donald Trump replied.',
    '"Please show some gratitude to the American people," President Donald Trump replied.',
    '"You have to respect the voters of this country," President Donald Trump replied.',
    '"You\'ve got to be more careful with your words," President Donald Trump replied.',
])
def test_an_imperative_or_obligation_in_a_reply_requests_of_the_addressee(
        pipe: Any, reply: str) -> None:
    assert ("REQUEST", "USA", "UKR") in coded(run(pipe, _TURN + reply))


@pytest.mark.parametrize("reply", [
    '"Look, the weapons are expensive," President Donald Trump replied.',
    '"Thank you for coming to the White House," President Donald Trump replied.',
    '"Do not talk to us about weapons," President Donald Trump replied.',
    '"Tell me why we should pay for them?" President Donald Trump replied.',
])
def test_talk_steering_negated_or_asked_imperatives_request_nothing(pipe: Any,
                                                                     reply: str) -> None:
    assert "REQUEST" not in {e.category for e in run(pipe, _TURN + reply)}


def test_an_imperative_with_no_earlier_turn_addresses_no_one(pipe: Any) -> None:
    events = run(pipe, '"Sign the agreement today," President Donald Trump said.')
    assert ("REQUEST", "USA", "UKR") not in coded(events)


@pytest.mark.parametrize("reply", [
    '"You’re wrong about the war," President Donald Trump replied.',
    '"It’s disrespectful for you to come here," President Donald Trump replied.',
])
def test_a_typographic_contraction_is_still_a_copula(pipe: Any, reply: str) -> None:
    assert ("ACCUSE", "USA", "UKR") in coded(run(pipe, _TURN + reply))


def test_a_typographic_will_contraction_plans_the_act(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "We’ll deploy warships near Haiti, the Canadian minister said.")
    assert "planned" in {e.modality for e in events if e.category == "MOBILIZE"}


@pytest.mark.parametrize("text", [
    "Iran demonstrated its ability to strike ships in the Gulf.",
    "The senator spoke at a rally in Ohio on Monday.",
])
def test_showing_something_or_a_campaign_rally_is_no_protest(nlp: Any, coder: EventCoder,
                                                             text: str) -> None:
    assert "PROTEST" not in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "Thousands of Georgians demonstrated outside the parliament in Tbilisi.",
    "Serbian students held a rally against the government in Belgrade.",
])
def test_street_demonstrations_and_rallies_against_someone_are_protests(
        nlp: Any, coder: EventCoder, text: str) -> None:
    assert "PROTEST" in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize(("text", "target"), [
    ("The Security Council denied port access to four Syrian ships.", "four Syrian ships"),
    ("Washington will raise the costs on Moscow.", "Moscow"),
])
def test_restrictions_and_raised_costs_are_coercion(nlp: Any, coder: EventCoder, text: str,
                                                    target: str) -> None:
    assert "COERCE" in {e.category for e in code(nlp, coder, text)
                        if e.target is not None and e.target.text == target}


def test_a_refused_visa_stays_a_rejection(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Ukraine denied a visa to an Austrian journalist.")
    assert "REJECT" in {e.category for e in events}


def test_naming_wrongdoing_accuses_whoever_does_it(pipe: Any) -> None:
    events = run(pipe, '"Russia is laundering money through Cyprus," British Foreign '
                       'Secretary David Lammy said.')
    assert ("ACCUSE", "GBR", "RUS") in coded(events)


@pytest.mark.parametrize(("text", "found"), [
    ("Beijing ran an anti-graft campaign.", False),
    ("Beijing ran a counter-terrorism campaign.", False),
    ("Officials took part in graft.", True),
])
def test_a_cue_after_anti_or_counter_is_no_evaluation(nlp: Any, text: str,
                                                      found: bool) -> None:
    from detente.extract.events.evaluative import _index, _matches, load_evaluative
    from detente.extract.events.ontology import load_ontology

    index = _index(load_evaluative(load_ontology()))
    (sent,) = nlp(text).sents
    assert bool([t for t, _ in _matches(sent, index)]) is found


def test_an_unnamed_spokesman_of_a_coded_body_evaluates_for_it(pipe: Any) -> None:
    events = run(pipe, '"The behaviour of Washington is disgraceful," a Kremlin spokesman '
                       'said on Monday.')
    assert ("ACCUSE", "RUS", "USA") in coded(events)


@pytest.mark.parametrize("text", [
    "Erdogan repeated his vow to destroy the Kurdish militias.",
    "The president has alarmed allies with his vow to destroy Iran.",
])
def test_a_vow_to_attack_is_a_threat_not_an_attack(nlp: Any, coder: EventCoder,
                                                   text: str) -> None:
    cats = {e.category for e in code(nlp, coder, text)}
    assert "THREATEN" in cats
    assert "ASSAULT" not in cats


def test_talking_about_a_topic_consults_no_one(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "The French minister was talking about the kind of diplomacy "
                              "that ends wars.")
    assert "CONSULT" not in {e.category for e in events}


@pytest.mark.parametrize("text", [
    "The Polish premier lambasted Hungary over its veto.",
    "Beijing castigated Washington for its arms sales.",
    "The European Parliament censured Slovakia.",
    "Moscow pointed the finger at Kyiv for the blast.",
])
def test_verbs_of_censure_accuse(nlp: Any, coder: EventCoder, text: str) -> None:
    assert "ACCUSE" in {e.category for e in code(nlp, coder, text)}


@pytest.mark.parametrize("text", [
    "Macron proposed that Serbia postpone the elections.",
    "The envoy recommended that Serbia postpone the elections.",
])
def test_proposing_that_someone_act_asks_it_of_them(nlp: Any, coder: EventCoder,
                                                    text: str) -> None:
    assert any(e.category == "REQUEST" and e.target is not None and e.target.text == "Serbia"
               for e in code(nlp, coder, text))


def test_an_evaluated_act_noun_stands_for_the_act_the_lead_reported(pipe: Any) -> None:
    text = ("North Korea launched a ballistic missile on Sunday. "
            "The missile flew for about ten minutes. "
            "It reached an altitude of 500 kilometres. "
            "Analysts said the flight was the longest so far. "
            "Markets in Asia barely moved. "
            "The weather in the region was clear. "
            "Seoul's stock index closed higher. "
            '"The launch is unacceptable," Japanese Prime Minister Fumio Kishida said.')
    assert ("ACCUSE", "JPN", "PRK") in coded(run(pipe, text))


@pytest.mark.parametrize("text", [
    "The Polish president called the bombing a crime.",
    "Beijing denounced the drills as a rehearsal for war.",
])
def test_an_act_labelled_by_a_speaker_is_not_the_speakers_act(nlp: Any, coder: EventCoder,
                                                              text: str) -> None:
    speaker = text.split(" called")[0].split(" denounced")[0]
    assert not any(e.category in ("ASSAULT", "MOBILIZE") and e.source.text == speaker
                   for e in code(nlp, coder, text))


def test_reported_words_without_quotation_marks_have_their_reporter(pipe: Any) -> None:
    events = run(pipe, "The Kremlin on Tuesday suggested an American plot behind the leaks.")
    assert ("ACCUSE", "RUS", "USA") in coded(events)


def test_calling_a_charge_false_rejects_its_author(pipe: Any) -> None:
    events = run(pipe, '"The accusations by Washington are false," Chinese Foreign Ministry '
                       'spokesman Wang Wenbin said.')
    assert ("REJECT", "CHN", "USA") in coded(events)


@pytest.mark.parametrize(("text", "asked"), [
    ("Asked whether Beijing would sanction Pyongyang, the Chinese spokesman declined to "
     "comment.", "SANCTION"),
    ("Reporters asked if Hungary would veto the Ukrainian accession.", "REJECT"),
])
def test_an_act_only_asked_about_is_no_event(nlp: Any, coder: EventCoder, text: str,
                                             asked: str) -> None:
    assert asked not in {e.category for e in code(nlp, coder, text)}


def test_protecting_oneself_helps_no_one_else(nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Iran says it needs missiles to protect itself from Israel.")
    assert "AID" not in {e.category for e in events}


def test_raising_a_protest_with_a_government_is_a_complaint(nlp: Any,
                                                            coder: EventCoder) -> None:
    events = code(nlp, coder, "Tokyo raised a protest with Beijing over the incursion.")
    assert "ACCUSE" in {e.category for e in events}
    assert "PROTEST" not in {e.category for e in events}
