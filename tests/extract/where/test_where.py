"""Where events happened: the gazetteer, place phrases, disambiguation, datelines, and the
stage's record, on text we write here (the gold data is scored by ``detente eval where``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from detente.errors import DataFileError
from detente.extract.where.gazetteer import build_gazetteer, distance_km, load_gazetteer
from detente.extract.where.stage import LocationStage, locate_events
from detente.model import Actor, Event, EventDate, Span

UKR = Actor("Kyiv", code="UKRGOV", country="UKR")
RUS = Actor("Russian forces", code="RUSMIL", country="RUS")
TUR = Actor("Erdogan", code="TURGOV", country="TUR")
USA = Actor("police", code="USACOP", country="USA")
PRK = Actor("North Korea", code="PRK", country="PRK")


def _event(text: str, trigger: str, source: Actor, target: Actor | None, category: str,
           quad: int) -> Event:
    start = text.index(trigger)
    return Event(id=f"e-{start}", source=source, target=target, category=category, mode=None,
                 cameo=None, goldstein=None, quad_class=quad, date=EventDate(None, None),
                 modality="asserted", negated=False, channel="public",
                 evidence=Span(0, len(text), text), trigger=Span(start, start + len(trigger),
                                                                 trigger), confidence=0.9)


def _locate(nlp: Any, text: str, *events: Event, countries: tuple[str, ...] = ()) -> list[Any]:
    return locate_events(list(events), nlp(text), load_gazetteer(),
                         actor_countries=list(countries))


@pytest.mark.parametrize(("name", "country", "precision"), [
    ("Kharkiv", "UKR", "city"), ("Kiev", "UKR", "city"), ("the Black Sea", None, "sea"),
    ("Donbas", "UKR", "region"), ("Gaza Strip", "PSE", "region"), ("Texas", "USA", "admin1"),
    ("North Korea", "PRK", "country"), ("the U.S.", "USA", "country"),
    ("Korean peninsula", None, "region"), ("Taiwan Strait", None, "sea"),
])
def test_gazetteer_knows_cities_states_seas_and_regions(name: str, country: str | None,
                                                       precision: str) -> None:
    cands = load_gazetteer().candidates(name)
    assert any(p.country == country and p.precision == precision for p in cands), cands


def test_gazetteer_reports_the_file_and_line_of_a_bad_place(tmp_path: Path) -> None:
    bad = tmp_path / "places.tsv"
    bad.write_text("name\tprecision\tcountry\tlat\tlon\taliases\tplace\n"
                   "Atlantis\tsea\t-\tnorth\t0\t\t\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        build_gazetteer([bad])
    assert str(info.value) == f"{bad}:2: lat and lon must be numbers"


def test_gazetteer_takes_a_users_extra_places(tmp_path: Path) -> None:
    extra = tmp_path / "places.tsv"
    extra.write_text("name\tprecision\tcountry\tlat\tlon\taliases\tplace\n"
                     "Zmiinyi Island\tregion\tUKR\t45.255\t30.204\tSnake Island\t\n",
                     encoding="utf-8")
    (place,) = build_gazetteer([extra]).candidates("Snake Island")
    assert (place.name, place.country, place.precision) == ("Zmiinyi Island", "UKR", "region")


def test_cities_keep_latin_alternate_names_of_big_cities_only() -> None:
    from detente.extract.where.gazetteer import _kept_city

    names = ["Kiev", "KBP", "Київ", "kyiv lowercase", "Kyjiw"]
    big = _kept_city({"name": "Kyiv", "population": 2_900_000, "alternatenames": names})
    small = _kept_city({"name": "Town", "population": 20_000, "alternatenames": ["Towne"]})
    assert big["alternatenames"] == ["Kiev", "Kyjiw"]
    assert small["alternatenames"] == []
    gaz = load_gazetteer()
    assert {p.country for p in gaz.candidates("Kiev")} == {"UKR"}


def test_distance_km_is_the_great_circle_distance() -> None:
    # Kyiv to Kharkiv is about 410 km.
    assert 400 < distance_km(50.4501, 30.5234, 49.9808, 36.2527) < 420


@pytest.mark.parametrize(("text", "trigger", "source", "target", "category", "quad", "want"), [
    ("Russian forces launched strikes on Kharkiv overnight.", "strikes", RUS, UKR, "ASSAULT",
     4, ("Kharkiv", "UKR", "city", "sentence")),
    ("Putin held talks with Erdogan in Istanbul on Tuesday.", "talks", RUS, TUR, "CONSULT", 1,
     ("Istanbul", "TUR", "city", "sentence")),
    ("The navy held drills off the Korean peninsula on Monday.", "drills", PRK, None,
     "MOBILIZE", 4, ("Korean peninsula", None, "region", "sentence")),
    ("Drones struck targets on Ukrainian territory overnight.", "struck", RUS, UKR, "ASSAULT",
     4, ("Ukraine", "UKR", "country", "sentence")),
])
def test_events_take_the_place_their_own_sentence_gives(
        nlp: Any, text: str, trigger: str, source: Actor, target: Actor | None, category: str,
        quad: int, want: tuple[str, str | None, str, str]) -> None:
    (e,) = _locate(nlp, text, _event(text, trigger, source, target, category, quad))
    loc = e.location
    assert loc is not None
    assert (loc.name, loc.country, loc.precision, loc.basis) == want
    assert loc.evidence is not None
    assert text[loc.evidence.start:loc.evidence.end] == loc.evidence.text


@pytest.mark.parametrize(("text", "trigger", "source", "target", "category", "quad"), [
    # Metonyms are actors, not places; a statement's content is no venue.
    ("Moscow warned Kyiv against the offensive.", "warned", RUS, UKR, "THREATEN", 3),
    ("The ministry condemned the attacks on Ukraine.", "condemned", RUS, UKR, "ACCUSE", 3),
    # A phrase on the subject places the subject, not what another clause reports.
    ("A spokesman in Berlin said the attack was suppressed.", "suppressed", RUS, UKR,
     "COERCE", 4),
    # Sanctions on a country are aimed at it; they happen nowhere in particular.
    ("Washington imposed new sanctions on Russia.", "imposed", USA, RUS, "COERCE", 4),
])
def test_events_get_no_invented_place(nlp: Any, text: str, trigger: str, source: Actor,
                                      target: Actor | None, category: str, quad: int) -> None:
    (e,) = _locate(nlp, text, _event(text, trigger, source, target, category, quad))
    assert e.location is None


def test_paris_in_a_texas_story_is_paris_texas_and_the_evidence_says_why(nlp: Any) -> None:
    text = ("Police in Texas are stretched thin. Police arrested two men after a shooting in "
            "Paris on Friday.")
    (e,) = _locate(nlp, text, _event(text, "arrested", USA, None, "COERCE", 4),
                   countries=("USA",))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.admin1) == ("Paris", "USA", "Texas")
    assert e.location.note == "Paris: USA, not FRA, by the article's places and actors"


def test_the_dateline_is_where_the_home_side_acted_and_every_event_was_reported_from(
        nlp: Any) -> None:
    text = ("MOSCOW (Reuters) - The Kremlin rejected the proposal on Monday. North Korea "
            "fired a missile.")
    kremlin = Actor("The Kremlin", code="RUSGOV", country="RUS")
    rejected = _event(text, "rejected", kremlin, None, "REJECT", 3)
    fired = _event(text, "fired", PRK, None, "ASSAULT", 4)
    a, b = _locate(nlp, text, rejected, fired)
    assert a.location is not None
    assert (a.location.name, a.location.country, a.location.basis) == ("Moscow", "RUS",
                                                                        "article")
    assert text[a.location.evidence.start:a.location.evidence.end] == "MOSCOW"
    # North Korea's launch did not happen in Moscow: its own country, inferred.
    assert b.location is not None
    assert (b.location.country, b.location.precision, b.location.basis) == ("PRK", "country",
                                                                             "inferred")
    assert a.reported_from == b.reported_from == "MOSCOW"


def test_stage_declares_its_layers_and_fills_every_event() -> None:
    stage = LocationStage()
    assert stage.requires == ("doc", "mentions", "events")
    assert stage.assigns == ("locations",)


def _gold(sentence: str, name: str | None, country: str | None, precision: str,
          lat: float | None = None, lon: float | None = None) -> dict[str, Any]:
    return {"source": "RUS", "target": "UKR", "category": "ASSAULT", "alt": [],
            "kind": "action", "negated": False, "symmetric": False, "background": False,
            "sentence": sentence, "location": {"name": name, "country": country,
                                               "precision": precision, "basis": "sentence",
                                               "lat": lat, "lon": lon}}


def test_eval_where_scores_country_city_within_50km_and_none(nlp: Any) -> None:
    from detente.evaluate.where import match_as_real, match_events, score_pairs

    text = ("Russian forces launched strikes on Kharkiv overnight. "
            "Russian forces shelled the town again.")
    first, second = text.split(". ")[0] + ".", text.split(". ")[1]
    spans = [Span(0, len(first), first), Span(len(first) + 1, len(text), second)]
    events = _locate(nlp, text, *(
        dataclasses.replace(_event(text, trig, RUS, UKR, "ASSAULT", 4), evidence=span)
        for trig, span in zip(("strikes", "shelled"), spans, strict=True)))
    gold = [_gold(first, "Kharkiv", "UKR", "city", 49.99, 36.23),  # 2 km off: right
            _gold(second, None, None, "none")]
    pairs = match_as_real(text, gold, events)
    assert len(pairs) == 2 and pairs == match_events(text, gold, events)
    metrics, counts = score_pairs(pairs)
    assert counts["matched"] == 2
    assert metrics["city_accuracy"] == 1.0
    # The second strike is put at the scene (Kharkiv) though the gold has no place.
    assert metrics["none_accuracy"] == 0.0
    assert metrics["country_accuracy"] == 0.5
