"""Targets named outside an act's own phrase on real news (issue 15): the victims an attack
"left" dead or that were killed "in" it, one target per coordinated demonym, a weapon's
owner, and the one a request is addressed to. Sentences written for these tests, not taken
from any gold set."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.lexicon import load_cues
from detente.extract.events.targets import each_modifier, victims, weapon_owner
from detente.jobs import annotate_text

Row = tuple[str | None, str | None, str]


def coded(text: str) -> set[Row]:
    """(source country, target country, category) of each event the whole pipeline codes."""
    events = annotate_text(text, published="2017-10-01", article_id="t").events
    return {(e.source.country, e.target.country if e.target else None, e.category)
            for e in events}


def _token(doc: Any, word: str) -> Any:
    return next(t for t in doc if t.text == word)


# --- victims of an attack ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "act", "victim"), [
    ("A rebel assault left two soldiers dead near the border.", "assault", "soldiers"),
    ("The bombing by the militia left twenty civilians wounded.", "bombing", "civilians"),
    ("Gunmen stormed the station, leaving six officers dead.", "stormed", "officers"),
    ("Four soldiers were killed in an attack by the rebels.", "attack", "soldiers"),
    ("Three villagers died in a raid by the militia.", "raid", "villagers"),
    ("The assault left the town without power.", "assault", None),
    ("The soldiers were honoured in a ceremony after the attack.", "ceremony", None),
])
def test_victims_are_who_an_attack_killed_or_hurt(nlp: Any, text: str, act: str,
                                                  victim: str | None) -> None:
    found = victims(_token(nlp(text), act), load_cues().casualty)
    assert (found.text if found is not None else None) == victim


def test_an_assault_that_left_soldiers_dead_targets_each_of_their_states() -> None:
    rows = coded("The attack came after a Taliban assault left two American soldiers and "
                 "three Afghan soldiers dead near Kunduz.")
    assert {("AFG", "USA", "ASSAULT"), ("AFG", "AFG", "ASSAULT")} <= rows


def test_soldiers_killed_in_an_attack_by_a_group_are_its_target() -> None:
    assert ("NGA", "NGA", "ASSAULT") in coded(
        "Four Nigerian soldiers were killed in an attack by Boko Haram on Monday.")


def test_civilians_an_attack_left_wounded_are_its_target() -> None:
    assert ("SOM", "SOM", "ASSAULT") in coded(
        "The bombing by Al-Shabaab left 20 Somali civilians wounded.")


# --- coordinated demonyms and a weapon's owner -----------------------------------------------

@pytest.mark.parametrize(("text", "noun", "states"), [
    ("They hit American, South Korean and Japanese bases.", "bases",
     ["American", "Korean", "Japanese"]),
    ("They hit American bases.", "bases", []),
])
def test_each_modifier_lists_every_demonym(nlp: Any, text: str, noun: str,
                                           states: list[str]) -> None:
    assert [t.text for t in each_modifier(_token(nlp(text), noun))] == states


def test_a_weapons_owner_is_who_has_it(nlp: Any) -> None:
    doc = nlp("Russia deployed missiles that struck Ukrainian airfields.")
    owner = weapon_owner(_token(doc, "missiles"), _token(doc, "struck"), load_cues().asset,
                         load_cues().actor_noun, [(0, 6)])
    assert owner is not None and owner.text == "Russia"


def test_what_a_weapon_can_do_is_no_act() -> None:
    rows = coded("North Korea tested a missile that could target American, South Korean "
                 "and Japanese bases.")
    assert not any(c == "ASSAULT" for _, _, c in rows)
    assert not any(s in ("USA", "KOR", "JPN") for s, _, _ in rows)


def test_a_weapon_that_struck_acts_for_its_owner() -> None:
    rows = coded("Russia deployed missiles that struck Ukrainian and Polish airfields.")
    assert {("RUS", "UKR", "ASSAULT"), ("RUS", "POL", "ASSAULT")} <= rows


# --- a request's addressee ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The leader of the group urged fanatics to run over Westerners.",
    "The cleric called on his followers to attack Westerners.",
])
def test_those_urged_are_the_requests_target_not_the_requested_acts(text: str) -> None:
    assert not any(t == "WST" for _, t, c in coded(text) if c == "REQUEST")


def test_a_named_addressee_still_wins() -> None:
    assert ("USA", "CHN", "REQUEST") in coded("Trump called on China to stop North Korea.")


# --- an insurgency stands for its rebels ------------------------------------------------------

@pytest.mark.parametrize(("text", "row"), [
    ("The Nigerian army has been fighting an insurgency since 2009.",
     ("NGA", "NGA", "ASSAULT")),
    ("Nigeria's military has been fighting the Boko Haram insurgency for years.",
     ("NGA", "NGA", "ASSAULT")),
])
def test_an_insurgency_fought_is_the_rebels(text: str, row: Row) -> None:
    assert row in coded(text)


def test_an_insurgency_is_coded_as_rebels() -> None:
    events = annotate_text("The Nigerian army has been fighting an insurgency since 2009.",
                           published="2017-10-01", article_id="t").events
    assert any(e.target is not None and e.target.code == "NGAREB" for e in events)


def test_an_insurgency_fought_by_no_state_force_stays_uncoded() -> None:
    events = annotate_text("The charity has been fighting an insurgency of weeds.",
                           published="2017-10-01", article_id="t").events
    assert not any(e.target is not None and (e.target.code or "").endswith("REB")
                   for e in events)


# --- a state described, in the possessive -------------------------------------------------------

def test_the_regimes_actions_are_the_state_named_before() -> None:
    rows = coded("North Korea fired a ballistic missile over Japan on Tuesday. Tokyo "
                 "condemned the regime's reckless actions.")
    assert ("JPN", "PRK", "ACCUSE") in rows
    assert ("JPN", "JPN", "ACCUSE") not in rows


# --- coordinated infinitives, and the source's own act ------------------------------------------

def test_each_coordinated_infinitives_object_is_a_target() -> None:
    rows = coded("The president vowed to punish Russia and to isolate Belarus.")
    assert {t for _, t, c in rows if c == "THREATEN"} == {"RUS", "BLR"}


def test_one_trigger_reaches_a_target_once() -> None:
    events = annotate_text("The minister promised to help Ukraine and to support Moldova.",
                           published="2017-10-01", article_id="t").events
    moldova = [e for e in events if e.target is not None and e.target.country == "MDA"]
    assert len(moldova) == 1


@pytest.mark.parametrize(("text", "target"), [
    ("North Korea fired a missile over Japan on Friday. Mr. Abe said his government was "
     "prepared to take all the measures to protect lives.", None),
    ("North Korea fired a missile over Japan on Friday. Japan condemned the launch.", "PRK"),
])
def test_an_act_the_source_takes_itself_stands_for_no_one_else(
        text: str, target: str | None) -> None:
    events = annotate_text(text, published="2017-10-01", article_id="t").events
    japan = [e for e in events if e.source.country == "JPN"]
    assert japan
    assert all((e.target.country if e.target else None) == target for e in japan)


# --- a warning that the speaker's side will act --------------------------------------------------

@pytest.mark.parametrize(("text", "target"), [
    ("The minister warned that we will punish Russia.", "RUS"),
    ("Colonel Kim warned: \"If they attack us, our air forces will exterminate the "
     "leadership of North Korea.\"", "PRK"),
    ("The minister warned that Moscow would face tariffs.", "RUS"),
])
def test_a_warning_that_the_speakers_side_will_act_threatens_whom_it_acts_on(
        text: str, target: str) -> None:
    assert target in {t for _, t, c in coded(text) if c == "THREATEN"}


def test_an_act_noun_that_is_the_coded_act_stands_for_no_one_else() -> None:
    events = annotate_text("Iceland's prime minister accused the reporters of lying. Britain and "
                           "Mexico have vowed investigations for possible tax evasion.",
                           published="2016-04-05", article_id="t").events
    vowed = [e for e in events if e.trigger.text == "vowed"]
    assert vowed
    assert not any(e.target is not None and e.target.country == "ISL" for e in vowed)
