"""The event coder on the error patterns of real news (issue 15), fixed by their causes."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.extract.events.confidence import Calibration, cell, load_calibration
from detente.extract.events.evaluative import load_evaluative
from detente.extract.events.ontology import load_ontology
from detente.extract.pipeline import Pipeline
from detente.model import Actor, Article, Event, EventDate, Span


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


def run(pipe: Pipeline, text: str, author: str | None = None) -> list[Event]:
    (rec,) = pipe.run([Article(id="t", text=text, published="2025-08-05", language="en",
                               author=author)])
    assert not rec.errors, rec.errors
    return rec.events


def coded(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    """(category, source country, target country) of each event."""
    return {(e.category, e.source.country or e.source.code,
             e.target.country or e.target.code if e.target else None) for e in events}


@pytest.mark.parametrize(("text", "absent"), [
    ("Putin told reporters that the talks were useful.", "REQUEST"),
    ("Asked whether China would investigate, the spokesman said nothing.", "REQUEST"),
    ("Trump called the deal a disaster for America.", "CONSULT"),
])
def test_reporting_verbs_are_not_events(pipe: Pipeline, text: str, absent: str) -> None:
    assert absent not in {e.category for e in run(pipe, text)}


def test_telling_someone_to_act_is_still_a_request(pipe: Pipeline) -> None:
    assert ("REQUEST", "USA", "UKR") in coded(run(
        pipe, "President Trump told President Zelensky to accept the ceasefire."))


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea launched a ballistic missile on Sunday.", ("MOBILIZE", "PRK", None)),
    ("North Korea fired three ballistic missiles toward Japan.", ("MOBILIZE", "PRK", "JPN")),
    ("North Korea conducted a nuclear test on Tuesday.", ("MOBILIZE", "PRK", None)),
    ("Russia fired missiles at Ukraine overnight.", ("ASSAULT", "RUS", "UKR")),
    # An actor's own means are not the target of a movement; where they go is.
    ("The United States repositioned two submarines closer to Russian waters.",
     ("MOBILIZE", "USA", "RUS")),
])
def test_launches_tests_and_deployments_are_mobilize(pipe: Pipeline, text: str,
                                                     expected: tuple[str, str, str | None]
                                                     ) -> None:
    assert expected in coded(run(pipe, text))


def test_a_target_naming_an_act_stands_for_its_agent(pipe: Pipeline) -> None:
    events = run(pipe, "North Korea launched a missile on Sunday. Japan condemned the launch.")
    assert ("ACCUSE", "JPN", "PRK") in coded(events)
    assert ("ACCUSE", "JPN", "PRK") in coded(run(pipe, "Japan condemned North Korea's test."))


def test_talks_between_two_sides_code_both_directions(pipe: Pipeline) -> None:
    events = coded(run(pipe, "The release was part of ongoing negotiations between Russia "
                             "and Ukraine."))
    assert {("CONSULT", "RUS", "UKR"), ("CONSULT", "UKR", "RUS")} <= events


@pytest.mark.parametrize(("text", "author", "expected"), [
    ("“Russia’s relentless attacks on Ukrainian cities are disgusting and shameful,” "
     "Emmanuel Macron said on Monday.", None, ("ACCUSE", "FRA", "RUS")),
    ("Chancellor Olaf Scholz said China's behaviour was a large-scale provocation.", None,
     ("ACCUSE", "DEU", "CHN")),
    # A statement's author speaks in its sentences outside quotation marks.
    ("Russia's brutal war against Ukraine is a flagrant violation of international law.",
     "Joe Biden", ("ACCUSE", "USA", "RUS")),
])
def test_evaluative_language_of_a_speaker_is_an_accusation(
        pipe: Pipeline, text: str, author: str | None,
        expected: tuple[str, str, str]) -> None:
    assert expected in coded(run(pipe, text, author))


@pytest.mark.parametrize(("text", "author"), [
    ("“Russia’s proposal is not unacceptable,” Emmanuel Macron said on Monday.", None),
    # A journalist is not a known actor: the report's own words accuse no one.
    ("Russia's brutal war against Ukraine is a flagrant violation of international law.",
     "Jane Q. Reporter"),
])
def test_evaluative_language_without_an_accuser_is_not_coded(pipe: Pipeline, text: str,
                                                             author: str | None) -> None:
    assert "ACCUSE" not in {e.category for e in run(pipe, text, author)}


def test_evaluative_cues_file_reports_a_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "evaluative.tsv"
    bad.write_text("cue\tcategory\tcameo\ndisgusting\tASSAULT\t-\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_evaluative(load_ontology(), bad)
    assert str(err.value) == (f"{bad}:2: category 'ASSAULT' is not one of ACCUSE, REJECT, "
                              "SUPPORT")


def _event(quad: int, target: Actor | None, modality: str = "asserted") -> Event:
    span = Span(0, 1, "x")
    return Event("e", Actor("Moscow", code="RUSGOV", country="RUS"), target, "ACCUSE", None,
                 "111", -2.0, quad, EventDate(None, None), modality, False, "public", span,
                 span, 0.8)


def test_confidence_is_the_smoothed_share_right_in_the_event_cell() -> None:
    kyiv = Actor("Kyiv", code="UKRGOV", country="UKR")
    assert cell(_event(3, kyiv)) == "verbal source=coded target=coded asserted"
    assert cell(_event(4, None, "planned")) == "material source=coded target=none modal"
    table = Calibration({"verbal source=coded target=coded asserted": (90, 60),
                         "material source=coded target=none modal": (10, 0)})
    # Overall 60/100; the coarse cell of the first is itself: (60 + 10*0.6) / 100 = 0.66,
    # then (60 + 10*0.66) / 100.
    assert table.confidence(_event(3, kyiv)) == round((60 + 10 * 0.66) / 100, 3)
    assert table.confidence(_event(4, None, "planned")) == round(
        (0 + 10 * ((0 + 10 * 0.6) / 20)) / 20, 3)


def test_confidence_table_reports_a_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "confidence.tsv"
    bad.write_text("cell\tevents\tright\nverbal x\t3\t5\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_calibration(bad)
    assert str(err.value) == (f"{bad}:2: events '3' and right '5' must be counts with "
                              "right <= events")


def test_shipped_calibration_loads_and_ranks_coded_dyads_first() -> None:
    table = load_calibration()
    kyiv = Actor("Kyiv", code="UKRGOV", country="UKR")
    assert table.confidence(_event(3, kyiv)) > table.confidence(_event(3, Actor("them")))


@pytest.mark.parametrize(("text", "category", "modality"), [
    ("The European Union weighed new sanctions against Russia.", "COERCE", "hypothetical"),
    ("If Russia were to attack Poland, NATO would respond.", "ASSAULT", "hypothetical"),
    ("Trump is likely to meet Putin in Alaska.", "CONSULT", "hypothetical"),
    ("Russia attacked Ukraine on Monday.", "ASSAULT", "asserted"),
])
def test_unrealized_acts_carry_their_modality(pipe: Pipeline, text: str, category: str,
                                              modality: str) -> None:
    assert (category, modality) in {(e.category, e.modality) for e in run(pipe, text)}


def test_a_thing_named_after_a_country_is_not_that_country(pipe: Pipeline) -> None:
    events = run(pipe, "The gunman carried out the deadliest shooting in US history.")
    assert not any(e.target is not None and e.target.country == "USA" for e in events)
    assert ("ASSAULT", "RUS", "UKR") in coded(run(
        pipe, "Russian forces shelled Ukrainian cities overnight."))


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("Putin ordered the fighting to stop.", "RETREAT", "ASSAULT"),
    ("The president ordered troops to the border.", "MOBILIZE", "REQUEST"),
    ("The United States will not back down in its support for Ukraine.", "SUPPORT", "REJECT"),
    # "on Monday" is a time, not the target of a missile fired "on" someone.
    ("North Korea fired two missiles toward Japan on Monday.", "MOBILIZE", "ASSAULT"),
])
def test_orders_deployments_and_support_fall_in_their_category_family(
        pipe: Pipeline, text: str, expected: str, absent: str) -> None:
    categories = {e.category for e in run(pipe, text)}
    assert expected in categories and absent not in categories


def test_a_story_naming_no_political_actor_shows_no_events(pipe: Pipeline) -> None:
    text = ("The striker signed for the club on Monday. He scored twice in his first match. "
            "The coach praised the young player. Fans attacked the referee's decision online.")
    events = run(pipe, text)
    assert all(e.off_topic for e in events)  # kept for --all, out of the default view


@pytest.mark.parametrize(("text", "author", "expected"), [
    # An obligation in a statement's own voice is its author's demand of the subject.
    ("Russia must withdraw its forces from Ukraine without any further delay.", "Joe Biden",
     ("REQUEST", "USA", "RUS")),
    # In a quotation, the speaker's.
    ("“Japan should lift the tariffs at once,” Emmanuel Macron said on Monday.", None,
     ("REQUEST", "FRA", "JPN")),
])
def test_stated_obligation_is_a_demand_of_its_subject(
        pipe: Pipeline, text: str, author: str | None,
        expected: tuple[str, str, str]) -> None:
    assert expected in coded(run(pipe, text, author))


def test_obligation_of_oneself_is_no_demand(pipe: Pipeline) -> None:
    events = run(pipe, "We must stay calm and united in the face of Russia's threats.",
                 "Joe Biden")
    assert "REQUEST" not in {e.category for e in events}


def test_refusing_to_respond_to_nothing_named_is_no_rejection(pipe: Pipeline) -> None:
    events = run(pipe, "Soldiers of the Ruritanian army who were slapped by protesters "
                       "refused to respond.")
    assert "REJECT" not in {e.category for e in events}
    events = run(pipe, "Russia refused to respond to the demands of Ukraine.")
    assert ("REJECT", "RUS", "UKR") in coded(events)



def test_what_is_urged_is_not_done_or_planned_by_whom_it_is_urged_of(pipe: Pipeline) -> None:
    events = run(pipe, "Paris is urging Madrid and Rome to agree to new sanctions on Iran.")
    rows = coded(events)
    assert ("REQUEST", "FRA", "ESP") in rows
    assert not {e.category for e in events} & {"COERCE", "SANCTION"}
