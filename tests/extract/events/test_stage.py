"""The event coder on sentences an analyst would code: dyad, category, modality, channel."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.extract.events.stage import EventCoder, EventStage
from detente.model import Article, Event, Record


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(nlp: Any, coder: EventCoder, text: str) -> list[Event]:
    return coder.code_doc(nlp(text), article_id="t")


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.text, e.target.text if e.target else "", e.category) for e in events}


@pytest.mark.parametrize(("text", "source", "target", "category"), [
    ("Russian forces shelled Kharkiv on Monday.", "Russian forces", "Kharkiv", "ASSAULT"),
    ("The resolution was blocked by the United States.", "the United States", "The resolution",
     "REJECT"),
    ("Germany praised France for its efforts.", "Germany", "France", "SUPPORT"),
    ("Turkish police arrested two Greek journalists.", "Turkish police",
     "two Greek journalists", "COERCE"),
    ("Japan sent humanitarian aid to the Philippines.", "Japan", "the Philippines", "AID"),
    ("The European Union imposed sanctions on Belarus.", "The European Union", "Belarus",
     "COERCE"),
    ("Iran accused Israel of sabotage.", "Iran", "Israel", "ACCUSE"),
    ("Kenya rejected the proposal from Somalia.", "Kenya", "Somalia", "REJECT"),
    ("Poland expelled three Russian diplomats.", "Poland", "three Russian diplomats",
     "SANCTION"),
    ("China deployed warships near Taiwan.", "China", "Taiwan", "MOBILIZE"),
    ("Rebels released the hostages to the Red Cross.", "Rebels", "the hostages", "RETREAT"),
    ("Macron met Scholz in Berlin.", "Macron", "Scholz", "CONSULT"),
    # An act noun predicated with "as": the verb's arguments; a receiver is the target.
    ("China sent Pakistan two pandas as a gift.", "China", "Pakistan", "SUPPORT"),
    ("Beijing sent a pair of pandas to Tokyo as a gift.", "Beijing", "Tokyo", "SUPPORT"),
    ("Putin gave him a portrait of Biden as a gift.", "Putin", "him", "SUPPORT"),
    ("The envoy received a sword from the king as a gift.", "the king", "The envoy",
     "SUPPORT"),
    ("The envoy met the king in Riyadh, receiving a sword as a gift.", "the king",
     "The envoy", "SUPPORT"),
])
def test_events_codes_the_dyad_and_category(nlp: Any, coder: EventCoder, text: str,
                                            source: str, target: str, category: str) -> None:
    assert (source, target, category) in dyads(code(nlp, coder, text))


def test_events_threat_of_tariffs_is_threaten_with_one_event_per_target(
        nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Trump threatened to impose tariffs on India and China.")
    assert {(e.target.text if e.target else None, e.category, e.cameo, e.modality)
            for e in events} == {("India", "THREATEN", "1312", "threatened"),
                                 ("China", "THREATEN", "1312", "threatened")}


def test_events_reported_speech_codes_the_reported_act_with_speaker(
        nlp: Any, coder: EventCoder) -> None:
    events = code(nlp, coder, "Russia said Ukraine attacked its forces in Kursk.")
    assault = [e for e in events if e.category == "ASSAULT"]
    assert assault and assault[0].source.text == "Ukraine"
    assert assault[0].speaker is not None and assault[0].speaker.text == "Russia"


@pytest.mark.parametrize(("text", "category", "modality", "negated"), [
    ("Iran agreed to meet European negotiators in Vienna.", "AGREE", "planned", False),
    ("Germany could send aid to Ukraine.", "AID", "hypothetical", False),
    ("Israel did not attack Gaza.", "ASSAULT", "asserted", True),
    ("China will not release the detained Canadian citizens.", "REJECT", "asserted", False),
    ("Protesters demanded that the government resign.", "REQUEST", "demanded", False),
    ("Moscow denied that its troops attacked Ukrainian villages.", "ASSAULT", "denied", False),
    ("The United States will hold talks with Iran next week.", "AGREE", "planned", False),
])
def test_events_modality_and_polarity(nlp: Any, coder: EventCoder, text: str, category: str,
                                      modality: str, negated: bool) -> None:
    events = code(nlp, coder, text)
    assert (category, modality, negated) in {(e.category, e.modality, e.negated) for e in events}


@pytest.mark.parametrize(("text", "channel"), [
    ("The envoy held closed-door talks with Putin in Moscow.", "private"),
    ("Sources familiar with the talks say Witkoff met Putin.", "private"),
    ("Biden met Xi at the summit in Bali.", "public"),
])
def test_events_channel_from_cue_words(nlp: Any, coder: EventCoder, text: str,
                                       channel: str) -> None:
    events = [e for e in code(nlp, coder, text) if e.category == "CONSULT"]
    assert events and {e.channel for e in events} == {channel}


@pytest.mark.parametrize("text", [
    "The weather in Paris was mild on Monday.",
    "The economy of Brazil grew by three percent last year.",
    "Canada has a population of forty million people.",
])
def test_events_codes_nothing_without_a_codable_act(nlp: Any, coder: EventCoder,
                                                    text: str) -> None:
    assert code(nlp, coder, text) == []


def test_events_ids_are_stable_and_cameo_carries_goldstein(nlp: Any, coder: EventCoder) -> None:
    text = "France condemned the strike. Russia attacked Kyiv and Lviv."
    first, again = code(nlp, coder, text), code(nlp, coder, text)
    assert [e.id for e in first] == [f"t-e{n}" for n in range(1, len(first) + 1)]
    assert first == again
    for e in first:
        assert e.cameo in coder.ontology.cameo
        assert e.goldstein == coder.ontology.goldstein(e.cameo)
        assert e.quad_class == coder.ontology.quad_class(e.cameo)
        assert e.date.value is None and 0.0 <= e.confidence <= 1.0


_ACTORS = ["Russia", "the Chinese army", "President Macron", "Kenyan police", "the rebels",
           "India and Pakistan", "NATO"]
_VERBS = ["attacked", "praised", "threatened", "met", "sanctioned", "urged", "visited",
          "criticized", "did not attack", "will help", "refused to meet"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ACTORS), st.sampled_from(_VERBS),
                          st.sampled_from(_ACTORS)), min_size=1, max_size=4))
def test_events_offsets_always_slice_to_their_text(nlp: Any, coder: EventCoder,
                                                   parts: list[tuple[str, str, str]]) -> None:
    text = " ".join(f"{a} {v} {b} on Monday." for a, v, b in parts)
    for e in code(nlp, coder, text):
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.source.text and e.source.text in e.evidence.text
        assert e.target is None or e.target.text in e.evidence.text


def test_event_stage_assigns_events_to_the_record(nlp: Any) -> None:
    from detente.extract.stage import Draft

    stage = EventStage()
    assert (stage.name, stage.requires, stage.assigns) == ("events", ("doc", "mentions"),
                                                            ("events",))
    text = "Ukraine accused Russia of shelling Kharkiv."
    item = Draft(Record(article=Article(id="a1", text=text)), nlp(text), "2025-08-07")
    out = stage(item)
    assert [e.id for e in out.record.events][:1] == ["a1-e1"]
    assert out.record.events[0].category == "ACCUSE"


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("U.S. President Donald Trump and Russian President Vladimir Putin met on Friday "
         "at Joint Base Elmendorf-Richardson in Anchorage, Alaska.",
         {("USA", "RUS"), ("RUS", "USA")}),
        ("Trump and Putin spoke by phone for two hours.", {("USA", "RUS"), ("RUS", "USA")}),
        ("Trump and Putin met Zelensky in Kyiv.", {("USA", "UKR"), ("RUS", "UKR")}),
    ],
)
def test_events_mutual_act_between_coordinated_actors(sentence: str,
                                                      pairs: set[tuple[str, str]]) -> None:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline
    from detente.model import Article

    pipe = Pipeline(ExtractOptions(workers=1))
    (rec,) = pipe.run([Article(id="m", text=sentence, published="2025-08-16", language="en")])
    got = {(e.source.country, e.target.country) for e in rec.events
           if e.category == "CONSULT" and e.target is not None}
    assert got == pairs
    for e in rec.events:
        assert sentence[e.evidence.start:e.evidence.end] == e.evidence.text


def test_events_coordinated_subject_does_not_target_each_other_in_hostile_acts() -> None:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline
    from detente.model import Article

    pipe = Pipeline(ExtractOptions(workers=1))
    text = "India and China rejected the new tariffs."
    (rec,) = pipe.run([Article(id="r", text=text, published="2025-08-16", language="en")])
    assert not any(e.target is not None and e.target.country in ("IND", "CHN")
                   for e in rec.events)


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("Ukrainian and Russian forces clashed near Pokrovsk on Monday.",
         {("UKR", "RUS"), ("RUS", "UKR")}),
        ("Israel and Hamas exchanged fire overnight.", {("ISR", "PSE"), ("PSE", "ISR")}),
    ],
)
def test_events_reciprocal_hostile_acts_go_both_ways(sentence: str,
                                                     pairs: set[tuple[str, str]]) -> None:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline
    from detente.model import Article

    pipe = Pipeline(ExtractOptions(workers=1))
    (rec,) = pipe.run([Article(id="c", text=sentence, published="2025-08-16", language="en")])
    got = {(e.source.country, e.target.country) for e in rec.events
           if e.category == "ASSAULT" and e.target is not None}
    assert got == pairs


def test_events_title_case_dateline_is_not_the_subject() -> None:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline
    from detente.model import Article

    text = "Riyadh – American and Russian negotiators held talks in Riyadh on Tuesday."
    (rec,) = Pipeline(ExtractOptions(workers=1)).run(
        [Article(id="d", text=text, published="2025-02-19", language="en")])
    pairs = {(e.source.country, e.target.country if e.target else None) for e in rec.events}
    assert pairs == {("USA", "RUS"), ("RUS", "USA")}
