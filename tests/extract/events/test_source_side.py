"""Who acts, on the source side (issue 15, hand check outside real_dev): a place is where,
not who; an aside's "it" is the state just named; a clause of its own is not a co-agent;
names that contain a place or a town's name are not that state. Sentences written for
these tests, not taken from any gold set."""

from __future__ import annotations

import pytest

from detente.extract.actors.resolver import resolve
from detente.jobs import annotate_text
from detente.model import Event, Mention


def coded(text: str) -> list[Event]:
    return list(annotate_text(text, published="2024-03-01", article_id="t").events)


def mentions(text: str) -> list[Mention]:
    return list(annotate_text(text, published="2024-03-01", article_id="t").mentions)


def sources(text: str, category: str) -> set[str | None]:
    return {e.source.country for e in coded(text) if e.category == category}


@pytest.mark.parametrize("text", [
    "The senator condemned a deadly bombing in Lyon, France, which killed nine shoppers.",
    "The minister described a car bomb attack in Mosul, which killed twelve soldiers.",
])
def test_a_relative_clause_after_a_place_is_not_done_by_the_place(text: str) -> None:
    assert not {"FRA", "IRQ"} & sources(text, "ASSAULT")


def test_a_relative_clause_after_a_state_is_still_the_states() -> None:
    text = "The rebels fled to Chad, which bombed their camps near the border."
    assert "TCD" in sources(text, "ASSAULT")


def test_a_relative_clause_after_a_located_act_is_its_agents() -> None:
    text = "Ukraine condemned Russia's missile strike in Odesa, which killed four people."
    assert sources(text, "ASSAULT") <= {"RUS"}


def test_a_conjunct_with_its_own_verb_is_not_a_co_agent() -> None:
    text = "Free speech is denied by extremists and Belgium is clearly their target."
    assert "BEL" not in {e.source.country for e in coded(text)}


def test_coordinated_agents_still_act_together() -> None:
    text = "The village was shelled by Armenia and Azerbaijan on Tuesday."
    assert {"ARM", "AZE"} <= sources(text, "ASSAULT")


def test_like_after_a_named_state_compares_and_does_not_list() -> None:
    text = "Turkey, like Iran, has shelled Kurdish villages in northern Iraq."
    got = sources(text, "ASSAULT")
    assert "TUR" in got and "IRN" not in got


def test_like_after_a_common_noun_lists_members() -> None:
    text = "Countries like Chile and Peru have imposed new tariffs on Chinese steel."
    assert {"CHL", "PER"} <= sources(text, "COERCE")


def test_a_participle_after_faced_attacks_is_not_the_victims() -> None:
    text = "Kenya has suffered a wave of militant attacks this year, killing dozens."
    assert "KEN" not in sources(text, "ASSAULT")


def test_it_in_a_dashed_aside_is_the_state_just_named() -> None:
    text = ("Seoul will vote next week. The South Korean president called Iran's growing "
            "arsenal -- it also tested a ballistic missile last week -- a grave risk.")
    its = [m for m in mentions(text) if m.text == "it"]
    assert [m.actor.country for m in its] == ["IRN"]


def test_a_subject_it_outside_an_aside_keeps_the_last_subject_state() -> None:
    text = "Iran said on Monday that it had tested a new ballistic missile."
    its = [m for m in mentions(text) if m.text == "it"]
    assert [m.actor.country for m in its] == ["IRN"]


def test_all_parties_to_talks_take_no_country_from_the_venue() -> None:
    text = "All parties agreed to resume the ceasefire talks in Vienna."
    parties = [m for m in mentions(text) if m.text.endswith("parties")]
    assert parties and all(m.actor.country is None for m in parties)


def test_a_partys_local_country_still_comes_from_the_place() -> None:
    text = "Opposition parties rejected the election result in Nairobi."
    parties = [m for m in mentions(text) if m.text.endswith("parties")]
    assert parties and all(m.actor.country == "KEN" for m in parties)


@pytest.mark.parametrize(("phrase", "code"), [
    ("Police officers", "COP"),
    ("Police", "COP"),
    ("the Yemen Solidarity Campaign", "NGO"),
    ("Iraq Peace Foundation", "NGO"),
    ("Russian Geographical Society", "RUSNGO"),
    ("police in Warsaw", "POLCOP"),
])
def test_a_name_with_a_place_in_it_is_coded_as_the_name(phrase: str, code: str) -> None:
    assert resolve(phrase).code == code


@pytest.mark.parametrize("text", [
    '"Both states must act," the minister said in a statement, despite Paris and Berlin '
    'repeatedly and firmly condemning the strikes.',
    "The envoy praised the deal, with Paris and Berlin condemning the strikes on Monday.",
])
def test_the_noun_before_a_gerund_after_a_preposition_acts(text: str) -> None:
    events = [e for e in coded(text) if e.category == "ACCUSE"]
    assert {e.source.country for e in events} == {"FRA", "DEU"}


def test_a_group_named_after_a_state_is_not_that_state_in_a_text() -> None:
    text = "Marchers in London joined the Yemen Solidarity Campaign, which condemned the raids."
    named = [m for m in mentions(text) if m.text.endswith("Campaign")]
    assert named and all(m.actor.country is None and m.actor.sector == "NGO" for m in named)


def test_a_capital_named_in_apposition_after_in_is_where_they_met() -> None:
    text = "Iranian and Turkish officials met in the Russian capital Moscow on Monday."
    got = {(e.category, e.source.country, e.target.country if e.target else None)
           for e in coded(text)}
    assert ("CONSULT", "IRN", "TUR") in got
    assert not any(t == "RUS" for _, _, t in got)


def test_a_capital_after_the_capital_of_a_locative_is_a_place_not_a_government() -> None:
    text = "Diplomats gathered in the Afghan capital, Kabul, for the talks."
    kabul = [m for m in mentions(text) if m.text == "Kabul"]
    assert kabul and all(m.actor.sector is None for m in kabul)


def test_it_after_a_single_running_dash_is_no_aside() -> None:
    text = ("Leaks can change behaviour -- when a blog told of a lavish wedding in Chile, "
            "with wine flown in from Spain, it helped fuel the anger.")
    its = [m for m in mentions(text) if m.text == "it"]
    assert all(m.actor.country not in ("ESP", "CHL") for m in its)
