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
    ("Hwangju", "PRK", "city"), ("Sariwon", "PRK", "city"),  # GeoNames: Hwangju-ŭp, Sariwŏn-si
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
    assert metrics["none_accuracy"] == 0.0 and metrics["invented_rate"] == 1.0
    # §11: country level is scored over the golds that have a country; the any-event view
    # (no place right only as no place) is reported beside it.
    assert metrics["country_accuracy"] == 1.0
    assert metrics["country_or_none_accuracy"] == 0.5
    assert counts["gold_country_sentence"] == 1 and metrics["city_accuracy_sentence"] == 1.0


def _loc(name: str, country: str | None, lat: float, lon: float) -> Any:
    from detente.model import Location

    return Location(name=name, country=country, admin1=None, lat=lat, lon=lon,
                    precision="city", basis="sentence", evidence=None)


def test_eval_where_city_needs_the_country_and_the_name_or_50km() -> None:
    from detente.evaluate.where import Pair, score_pairs

    gold = _gold("S.", "Sunan", "PRK", "city", 39.2, 125.67)
    gold["location"]["admin1"] = "Pyongyang"
    event = _event("S.", "S", RUS, UKR, "ASSAULT", 4)
    cases = [(_loc("Sunan", "PRK", 0.0, 0.0), 1.0),  # the name, whatever the point
             (_loc("Pyongyang", "PRK", 0.0, 0.0), 1.0),  # the gold's city-province
             (_loc("Elsewhere", "PRK", 39.0, 125.75), 1.0),  # within 50 km
             (_loc("Sunan", "KOR", 39.2, 125.67), 0.0),  # the wrong country
             (_loc("Wonsan", "PRK", 39.15, 127.44), 0.0)]  # 150 km away
    for loc, want in cases:
        metrics, _ = score_pairs([Pair(gold, dataclasses.replace(event, location=loc), "S.",
                                       "giveme5w1h")])
        assert metrics["city_accuracy"] == want, loc
        assert metrics["city_accuracy_giveme5w1h"] == want


def test_the_leads_scene_places_later_physical_acts_though_no_event_was_coded_there(
        nlp: Any) -> None:
    text = ("Gunmen stormed a wedding hall in the eastern city of Kharkiv late on Friday, "
            "officials said. Two guards were wounded.")
    (e,) = _locate(nlp, text, _event(text, "wounded", Actor("gunmen"), None, "ASSAULT", 4))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Kharkiv", "UKR",
                                                                        "article")


def test_a_place_on_the_speakers_or_under_a_reason_sets_no_scene(nlp: Any) -> None:
    text = ("Officials in Odesa said on Friday that the talks had failed. The army called "
            "it a reprisal for shelling near Kharkiv. Two guards were wounded.")
    (e,) = _locate(nlp, text, _event(text, "wounded", Actor("gunmen"), None, "ASSAULT", 4))
    assert e.location is None


def test_the_headline_sets_the_scene_when_the_lead_names_none(nlp: Any) -> None:
    from detente.extract.where.places import title_place

    gaz = load_gazetteer()
    found = title_place("Gunmen Kill Four in Afghan City of Mazar-i-Sharif, Police Say", gaz)
    assert found is not None and {p.country for p in found.candidates} == {"AFG"}
    assert title_place("Talks on Ukraine Stall in Turkey as Russia Balks", gaz) is None
    text = "Two guards were wounded late on Friday, police said."
    (e,) = locate_events([_event(text, "wounded", Actor("gunmen"), None, "ASSAULT", 4)],
                         nlp(text), gaz, title="Gunmen Storm Wedding Hall in Kharkiv")
    assert e.location is not None and e.location.name == "Kharkiv"
    assert e.location.evidence is None and e.location.note == "from the title: Kharkiv"


JPN_GOV = Actor("Prime Minister", code="JPNGOV", country="JPN", sector="GOV")
JPN_MIL = Actor("the defence chiefs", code="JPNMIL", country="JPN", sector="MIL")


def test_a_state_bodys_meeting_at_home_is_its_country_but_a_phone_call_is_nowhere(
        nlp: Any) -> None:
    text = "The prime minister met the defence chiefs on Monday to discuss the launch."
    (e,) = _locate(nlp, text, _event(text, "met", JPN_GOV, JPN_MIL, "CONSULT", 1))
    assert e.location is not None
    assert (e.location.country, e.location.precision, e.location.basis) == (
        "JPN", "country", "inferred")
    text = "The prime minister spoke by phone with the defence chiefs on Monday."
    (e,) = _locate(nlp, text, _event(text, "spoke", JPN_GOV, JPN_MIL, "CONSULT", 1))
    assert e.location is None


def test_the_security_council_meets_in_new_york_and_sanctions_have_no_place(
        nlp: Any) -> None:
    council = Actor("The U.N. Security Council", code="IGOUNO", country=None)
    text = "The U.N. Security Council called an emergency meeting for Sunday."
    (e,) = _locate(nlp, text, _event(text, "meeting", council, None, "CONSULT", 1))
    assert e.location is not None and e.location.name == "New York City"
    assert (e.location.country, e.location.basis) == ("USA", "inferred")
    usa = Actor("The United States", code="USA", country="USA")
    text = "The United States announced new sanctions today."
    (e,) = _locate(nlp, text, _event(text, "sanctions", usa, None, "COERCE", 4))
    assert e.location is None


def test_a_written_statement_takes_no_place_from_the_dateline(nlp: Any) -> None:
    gbr = Actor("Theresa May", code="GBRGOV", country="GBR")
    trump = Actor("Trump", code="USAGOV", country="USA")
    text = ("WASHINGTON (Reuters) - Theresa May congratulated Trump on his victory, "
            "according to a statement from her office.")
    (e,) = _locate(nlp, text, _event(text, "congratulated", gbr, trump, "SUPPORT", 1))
    assert e.location is None and e.reported_from == "WASHINGTON"
    text = "WASHINGTON (Reuters) - Theresa May congratulated Trump at the White House."
    (e,) = _locate(nlp, text, _event(text, "congratulated", gbr, trump, "SUPPORT", 1))
    assert e.location is not None and e.location.name == "Washington"


def test_an_act_on_a_region_across_states_by_one_of_its_states_is_in_that_state(
        nlp: Any) -> None:
    usa = Actor("U.S. forces", code="USAMIL", country="USA")
    text = "U.S. and South Korean troops held large drills on the Korean peninsula in March."
    (e,) = _locate(nlp, text, _event(text, "drills", usa, None, "MOBILIZE", 4))
    assert e.location is not None
    assert (e.location.country, e.location.precision, e.location.evidence.text) == (
        "KOR", "country", "Korean peninsula")
    text = "The U.S. and its ally deployed bombers on the Korean peninsula, Seoul said."
    (e,) = _locate(nlp, text, _event(text, "deployed", usa, None, "MOBILIZE", 4))
    assert e.location is not None and e.location.precision == "region"  # no state of it
    # Two of the region's states act: the region stays.
    text = "North and South Korean troops clashed on the Korean peninsula, both sides said."
    kor = Actor("South Korean troops", code="KORMIL", country="KOR")
    prk = Actor("North Korean troops", code="PRKMIL", country="PRK")
    (e,) = _locate(nlp, text, _event(text, "clashed", kor, prk, "FIGHT", 4))
    assert e.location is not None and e.location.precision == "region"


def test_a_place_after_a_participle_and_a_venue_up_a_chain_of_clauses(nlp: Any) -> None:
    text = "Regional officials were meeting on the crisis in neighbouring Botswana."
    (e,) = _locate(nlp, text, _event(text, "meeting", Actor("officials"), None, "CONSULT", 1))
    assert e.location is not None and e.location.country == "BWA"
    text = ("The president struck a softer tone on Tuesday in Turkey, praising the talks and "
            "urging Moscow to return to the table.")
    (e,) = _locate(nlp, text, _event(text, "urging", TUR, RUS, "REQUEST", 3))
    assert e.location is not None and e.location.country == "TUR"


def test_a_visitors_meeting_under_a_foreign_dateline_is_at_the_dateline(nlp: Any) -> None:
    trump = Actor("Trump", code="USAGOV", country="USA")
    text = "TOKYO (Reuters) - Trump met the emperor before his lunch."
    (e,) = _locate(nlp, text, _event(text, "met", trump, Actor("the emperor"), "CONSULT", 1))
    assert e.location is not None and (e.location.name, e.location.basis) == ("Tokyo",
                                                                              "article")


def test_promised_aid_and_a_phone_call_have_no_place_but_a_spokesman_is_at_the_dateline(
        nlp: Any) -> None:
    usa = Actor("the United States", code="USA", country="USA")
    text = "The United States will provide Ukraine with more air defence systems."
    (e,) = _locate(nlp, text, dataclasses.replace(
        _event(text, "provide", usa, UKR, "AID", 2), modality="planned"))
    assert e.location is None
    text = "Erdogan spoke on the phone with leaders from Japan to Turkey on Monday."
    (e,) = _locate(nlp, text, _event(text, "spoke", TUR, None, "CONSULT", 1))
    assert e.location is None
    text = ("UNITED NATIONS (AP) - \"We appeal to all Ukrainians to stay calm,\" said the "
            "spokesman.")
    (e,) = _locate(nlp, text, _event(text, "appeal", Actor("the spokesman"), UKR, "APPEAL",
                                     3))
    assert e.location is not None and e.location.country == "USA"
    text = "MOSCOW (AP) - \"We meet regularly,\" he said."
    (e,) = _locate(nlp, text, _event(text, "meet", Actor("he"), None, "CONSULT", 1))
    assert e.location is None


def test_a_launch_with_no_site_is_at_the_launching_state_whatever_it_flies_over(
        nlp: Any) -> None:
    jpn = Actor("Japan", code="JPN", country="JPN")
    text = "North Korea fired a missile over Japan into the sea on Friday."
    (e,) = _locate(nlp, text, _event(text, "fired", PRK, jpn, "MOBILIZE", 4))
    assert e.location is not None
    assert (e.location.country, e.location.precision, e.location.basis) == (
        "PRK", "country", "inferred")
    text = "North Korea will launch more satellites next year, the agency said."
    (e,) = _locate(nlp, text, dataclasses.replace(
        _event(text, "launch", PRK, None, "THREATEN", 3), modality="planned"))
    assert e.location is not None and e.location.country == "PRK"
    # A threat to retaliate is no launch at home.
    text = "North Korea will retaliate against Japan if provoked, the agency said."
    (e,) = _locate(nlp, text, dataclasses.replace(
        _event(text, "retaliate", PRK, jpn, "THREATEN", 3), modality="threatened"))
    assert e.location is None


def test_an_ordered_acts_own_verb_places_it_and_for_a_span_of_time_is_no_reason(
        nlp: Any) -> None:
    text = ("The minister ordered the exercise to be held for the first time from the port "
            "city of Odesa, officials said.")
    (e,) = _locate(nlp, text, _event(text, "exercise", UKR, None, "MOBILIZE", 4))
    assert e.location is not None and e.location.name == "Odesa"
    assert e.location.basis == "sentence"


def test_a_launch_under_a_dateline_is_at_its_site_or_its_state_not_the_dateline(
        nlp: Any) -> None:
    text = "PYONGYANG (AP) - North Korea launched a satellite on Sunday, state media said."
    (e,) = _locate(nlp, text, _event(text, "launched", PRK, None, "MOBILIZE", 4))
    assert e.location is not None and e.reported_from == "PYONGYANG"
    assert (e.location.name, e.location.precision) == ("North Korea", "country")
    text = ("SEOUL (AP) - North Korea fired three missiles from the western town of Hwangju "
            "on Monday.")
    (e,) = _locate(nlp, text, _event(text, "fired", PRK, None, "MOBILIZE", 4))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Hwangju", "PRK",
                                                                        "sentence")


def test_the_place_of_the_one_who_acts(nlp: Any) -> None:
    gunman = Actor("The Odesa gunman")
    text = "The Odesa gunman, who killed five people, had no accomplices, police said."
    (e,) = _locate(nlp, text, _event(text, "killed", gunman, None, "ASSAULT", 4))
    assert e.location is not None and (e.location.name, e.location.basis) == ("Odesa",
                                                                             "sentence")
    prosecutors = Actor("Prosecutors", code="TURJUD", country="TUR")
    text = "Prosecutors in Ankara say they are investigating a shipping company."
    (e,) = _locate(nlp, text, _event(text, "investigating", prosecutors, None, "ACCUSE", 3))
    assert e.location is not None and e.location.name == "Ankara"
    # The speaker's place is not the place of what the speaker reports.
    text = "A spokesman in Ankara said the attack was suppressed by the army."
    (e,) = _locate(nlp, text, _event(text, "suppressed", Actor("the army"), None, "ASSAULT",
                                     4))
    assert e.location is None


def test_aid_announced_is_words_and_aid_given_is_at_the_recipient(nlp: Any) -> None:
    usa = Actor("the United States", code="USA", country="USA")
    for text in ("I have decided to provide Ukraine with more air defence systems.",
                 "We will continue to provide Ukraine with the equipment it needs."):
        (e,) = _locate(nlp, text, _event(text, "provide", usa, UKR, "AID", 2))
        assert e.location is None, text
    text = "The United States provided Ukraine with more air defence systems last week."
    (e,) = _locate(nlp, text, _event(text, "provided", usa, UKR, "AID", 2))
    assert e.location is not None and e.location.country == "UKR"


def test_a_launch_takes_the_site_the_article_gives_before_or_after(nlp: Any) -> None:
    text = ("North Korea fired a ballistic missile on Friday, Japan said. The missile was "
            "launched from Sunan, near the capital, and flew over Hokkaido.")
    (e,) = _locate(nlp, text, _event(text, "fired", PRK, None, "MOBILIZE", 4))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Sunan", "PRK",
                                                                        "article")
    # Another state's launch does not take it.
    kor = Actor("South Korea", code="KOR", country="KOR")
    text = ("South Korea fired a missile in response. North Korea's missile was launched "
            "from Sunan on Friday.")
    (e,) = _locate(nlp, text, _event(text, "fired", kor, None, "MOBILIZE", 4))
    assert e.location is not None and e.location.country == "KOR"
    assert e.location.precision == "country"


def test_a_physical_act_announced_abroad_is_placed_where_it_was_announced(nlp: Any) -> None:
    trump = Actor("Trump", code="USAGOV", country="USA")
    jpn = Actor("Japan", code="JPN", country="JPN")
    text = "TOKYO (Reuters) - Trump said he wants to work with Japan on trade."
    (e,) = _locate(nlp, text, _event(text, "work", trump, jpn, "COOPERATE", 2))
    assert e.location is not None and (e.location.name, e.location.basis) == ("Tokyo",
                                                                             "article")
    # Done, not announced: a physical act abroad is not placed by a dateline.
    text = "TOKYO (Reuters) - U.S. troops worked with Japan on the exercise."
    (e,) = _locate(nlp, text, _event(text, "worked", trump, jpn, "COOPERATE", 2))
    assert e.location is None


def test_negotiations_with_rebels_and_a_flight_carry_no_meeting_place(nlp: Any) -> None:
    gov = Actor("the government", code="NGAGOV", country="NGA", sector="GOV")
    reb = Actor("the rebels", code="NGAREB", country="NGA", sector="REB")
    text = "The release was the outcome of negotiations between the government and the rebels."
    (e,) = _locate(nlp, text, _event(text, "negotiations", gov, reb, "CONSULT", 1))
    assert e.location is None
    text = ("The girls were flown by the army to Maiduguri. The government said the rebels "
            "had demanded more.")
    events = _locate(nlp, text, _event(text, "flown", Actor("the army", code="NGAMIL",
                                                              country="NGA"), reb,
                                       "CONSULT", 1),
                     _event(text, "demanded", reb, gov, "REQUEST", 1))
    assert events[0].location is not None and events[0].location.name == "Maiduguri"
    assert events[1].location is None


def test_words_in_a_meetings_sentence_by_its_parties_were_said_at_it(nlp: Any) -> None:
    pm = Actor("The prime minister", code="JPNGOV", country="JPN", sector="GOV")
    monks = Actor("senior monks", code="JPNREL", country="JPN", sector="REL")
    text = "The prime minister met with senior monks on Monday to ask for their support."
    met, ask = _locate(nlp, text, _event(text, "met", pm, monks, "CONSULT", 1),
                       _event(text, "ask", pm, None, "REQUEST", 1))
    assert met.location is not None and met.location.country == "JPN"
    assert ask.location == met.location


def test_unknown_attackers_fighting_foreign_forces_are_at_the_scene_and_pressure_is_not(
        nlp: Any) -> None:
    text = ("Gunmen stormed a hotel in the northern city of Kharkiv late on Friday. "
            "The attackers fought Turkish guards for hours. Ankara vowed to increase the "
            "pressure on the gunmen's backers.")
    fought, pressure = _locate(nlp, text,
                               _event(text, "fought", Actor("The attackers"), TUR,
                                      "FIGHT", 4),
                               _event(text, "pressure", TUR, RUS, "COERCE", 4))
    assert fought.location is not None and fought.location.name == "Kharkiv"
    assert pressure.location is None


def test_a_launch_into_a_sea_is_not_at_the_sea(nlp: Any) -> None:
    text = "North Korea fired a missile into the Sea of Japan on Friday."
    (e,) = _locate(nlp, text, _event(text, "fired", PRK, None, "MOBILIZE", 4))
    assert e.location is not None and e.location.precision == "country"
    assert e.location.country == "PRK"


def test_a_seat_of_government_stands_for_the_capital_of_the_country_in_question(
        nlp: Any) -> None:
    crowd = Actor("Huge crowds")
    text = ("Iceland's prime minister resisted pressure to resign over a company in Panama. "
            "Huge crowds gathered outside parliament demanding he quit.")
    (e,) = _locate(nlp, text, _event(text, "gathered", crowd, None, "PROTEST", 3))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.evidence.text) == (
        "Reykjavík", "ISL", "parliament")
    # A parliament with a name of its own is no capital's seat.
    text = "Lawmakers from Iceland gathered at the European Parliament on Monday."
    (e,) = _locate(nlp, text, _event(text, "gathered", crowd, None, "PROTEST", 3))
    assert e.location is None or e.location.name != "Reykjavik"


def test_defying_or_following_sanctions_is_done_at_home(nlp: Any) -> None:
    un = Actor("the United Nations", code="IGOUNO")
    text = "Iran keeps enriching uranium in defiance of United Nations sanctions, officials said."
    irn = Actor("Iran", code="IRN", country="IRN")
    (e,) = _locate(nlp, text, _event(text, "defiance", irn, un, "REJECT", 3))
    assert e.location is not None
    assert (e.location.country, e.location.precision, e.location.basis) == (
        "IRN", "country", "inferred")
    text = "Vietnam's government has fully implemented the resolutions, a spokesman said."
    vnm = Actor("Vietnam's government", code="VNMGOV", country="VNM")
    (e,) = _locate(nlp, text, _event(text, "implemented", vnm, un, "COOPERATE", 2))
    assert e.location is not None and e.location.country == "VNM"
    # Imposing sanctions stays placeless (aimed abroad).
    text = "Canada imposed new sanctions on Iran on Monday."
    can = Actor("Canada", code="CAN", country="CAN")
    (e,) = _locate(nlp, text, _event(text, "imposed", can, irn, "SANCTION", 4))
    assert e.location is None


def test_a_national_body_sits_at_home_whoever_it_answers(nlp: Any) -> None:
    text = ("The Philippine president convened an emergency meeting of the National Security "
            "Council after China's latest move.")
    phl = Actor("The Philippine president", code="PHLGOV", country="PHL")
    chn = Actor("China", code="CHN", country="CHN")
    (e,) = _locate(nlp, text, _event(text, "convened", phl, chn, "CONSULT", 1))
    assert e.location is not None
    assert (e.location.country, e.location.precision, e.location.basis) == (
        "PHL", "country", "inferred")
    # A meeting with a foreign leader names no body: no place.
    text = "The Philippine president convened a meeting with China's envoy."
    (e,) = _locate(nlp, text, _event(text, "convened", phl, chn, "CONSULT", 1))
    assert e.location is None


def test_an_attack_with_no_target_at_home_is_not_placed_at_the_attackers_country(
        nlp: Any) -> None:
    text = "What if Turkey breaks the ceasefire?"
    turkey = Actor("Turkey", code="TUR", country="TUR")
    (e,) = _locate(nlp, text, _event(text, "breaks", turkey, None, "ASSAULT", 4))
    assert e.location is None


def test_words_take_a_meetings_place_only_in_its_paragraph(nlp: Any) -> None:
    fra = Actor("Macron", code="FRAGOV", country="FRA")
    deu = Actor("Scholz", code="DEUGOV", country="DEU")
    text = ("Macron met Scholz in Strasbourg on Monday. Macron praised Scholz warmly.\n"
            "Macron thanked Scholz for his support.")
    met, praised, thanked = _locate(
        nlp, text, _event(text, "met", fra, deu, "CONSULT", 1),
        _event(text, "praised", fra, deu, "SUPPORT", 1),
        _event(text, "thanked", fra, deu, "SUPPORT", 1))
    assert met.location is not None and met.location.name == "Strasbourg"
    assert praised.location is not None and praised.location.name == "Strasbourg"
    assert praised.location.basis == "article"
    assert thanked.location is None


def test_words_at_a_gathering_take_the_place_the_article_gives_it_not_the_dateline(
        nlp: Any) -> None:
    fra = Actor("the president of France", code="FRAGOV", country="FRA")
    irn = Actor("Iran", code="IRN", country="IRN")
    text = ("PARIS (AP) - The vote came on the last day of the Group of Seven summit meeting, "
            "where the president of France urged Iran to return to talks.\n"
            "In the Japanese city of Hiroshima, leaders met on the sidelines of the Group of Seven "
            "summit meeting on Friday.")
    (e,) = _locate(nlp, text, _event(text, "urged", fra, irn, "REQUEST", 1))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Hiroshima", "JPN",
                                                                        "article")
    # With no place for the gathering anywhere, no place at all (not the dateline).
    text = ("PARIS (AP) - The vote came on the last day of the Group of Seven summit meeting, "
            "where the president of France urged Iran to return to talks.")
    (e,) = _locate(nlp, text, _event(text, "urged", fra, irn, "REQUEST", 1))
    assert e.location is None


def test_an_act_on_a_fixed_thing_is_where_the_article_places_that_thing(nlp: Any) -> None:
    kor = Actor("South Korea", code="KOR", country="KOR")
    text = ("North Korea is reopening a hotline with South Korea after two years.\n"
            "The hotline, located in the truce village of Panmunjom, was cut in 2016.")
    (e,) = _locate(nlp, text, _event(text, "reopening", PRK, kor, "COOPERATE", 2))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Panmunjom", "PRK",
                                                                        "article")
    # Another thing placed elsewhere says nothing about this one.
    text = ("North Korea is reopening a hotline with South Korea after two years.\n"
            "The factory, located in the truce village of Panmunjom, was closed in 2016.")
    (e,) = _locate(nlp, text, _event(text, "reopening", PRK, kor, "COOPERATE", 2))
    assert e.location is None or e.location.name != "Panmunjom"


def test_a_country_in_a_sanctions_sentence_is_whom_they_hit_not_a_place(nlp: Any) -> None:
    text = "These sanctions will impose costs on companies inside and outside of Belarus."
    (e,) = _locate(nlp, text, _event(text, "impose", Actor("These sanctions"), None,
                                     "COERCE", 4))
    assert e.location is None


def test_an_attack_on_another_state_with_no_place_is_in_the_state_attacked(nlp: Any) -> None:
    text = "We stand by Ukraine as it defends itself from Russian aggression."
    (e,) = _locate(nlp, text, _event(text, "aggression", RUS, UKR, "ASSAULT", 4))
    assert e.location is not None
    assert (e.location.country, e.location.basis) == ("UKR", "inferred")


def test_supplies_between_states_and_coordination_with_allies_have_no_place(
        nlp: Any) -> None:
    china = Actor("China", code="CHN", country="CHN")
    text = ("North Korea fired a missile from Pyongyang. China supplies North Korea with "
            "oil, he said.")
    _, supply = _locate(nlp, text, _event(text, "fired", PRK, None, "MOBILIZE", 4),
                        _event(text, "supplies", china, PRK, "COOPERATE", 2))
    assert supply.location is None
    usa = Actor("the Treasury", code="USAGOV", country="USA")
    text = "The Treasury acted today in coordination with international partners."
    (e,) = _locate(nlp, text, _event(text, "coordination", usa, Actor("partners"),
                                     "COOPERATE", 2))
    assert e.location is None
