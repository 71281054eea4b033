"""Whose state a mention takes from its article (issue 15, wrong sources and targets outside
real_dev): experts at institutions, transnational groups, a bare "the government" after a
foreign one, "the country's" officials, groups named back by a collective noun. Texts
written for these tests, not taken from any gold set."""

from __future__ import annotations

import pytest

from detente.extract.actors.resolver import default_resolver
from detente.jobs import annotate_text
from detente.model import Actor


def mentions(text: str, published: str = "2017-05-01") -> list[tuple[str, Actor]]:
    record = annotate_text(text, published=published, article_id="t")
    return [(m.text, m.actor) for m in record.mentions]


def code_of(text: str, phrase: str, nth: int = 0) -> str | None:
    found = [a.code for t, a in mentions(text) if t == phrase]
    assert len(found) > nth, (phrase, mentions(text))
    return found[nth]


@pytest.mark.parametrize(("phrase", "code"), [
    ("a Fudan expert", "CHNEDU"),
    ("a political science professor at Sophia University", "JPNEDU"),  # not Sofia, BGR
    ("a professor of North Korean studies at Kyungnam University in Seoul", "KOREDU"),
    ("an analyst at the Asan Institute for Policy Studies", "KOREDU"),
    ("a researcher at Keio University", "JPNEDU"),
])
def test_an_expert_takes_the_state_of_their_institution(phrase: str, code: str) -> None:
    assert default_resolver().resolve(phrase, date="2017-05-01").code == code


def test_a_transnational_group_takes_no_state_from_where_it_struck() -> None:
    text = ("Islamic State militants killed 130 people in Paris in November. Police in "
            "France have been on alert since.")
    assert code_of(text, "Islamic State militants") == "IMGISIS"


def test_generic_groups_without_a_name_still_take_the_local_state() -> None:
    text = ("Civil society groups in Zimbabwe urged President Robert Mugabe to resign. "
            "Zimbabwe's ruling party met in Harare.")
    actor = dict(mentions(text))["Civil society groups"]
    assert actor.country == "ZWE"


def test_a_bare_government_is_the_story_state_not_a_foreign_one_named_earlier() -> None:
    text = ("Nigeria said 21 girls kidnapped by Boko Haram in Nigeria were freed. The talks "
            "were brokered by the Swiss government, Nigerian officials said. Nigeria has "
            "been fighting the group for years. Later on Thursday the government said the "
            "girls were in good health.")
    assert code_of(text, "government") == "NGAGOV"


def test_a_bare_government_right_after_a_foreign_one_is_that_one() -> None:
    text = ("Nigeria welcomed the release of the girls. Nigeria thanked the Swiss "
            "government. The government had hosted the talks, Nigeria said.")
    assert code_of(text, "government") == "CHEGOV"


def test_an_embassy_named_bare_stays_the_foreign_states() -> None:
    text = ("Gunmen attacked the German consulate in Mazar-i-Sharif, Afghanistan, on "
            "Thursday. Afghan police said Afghanistan had sent troops. Afghan officials said "
            "three Afghan civilians died. Hours later, the consulate was on fire.")
    assert code_of(text, "consulate", 0) == "DEUGOV"


def test_people_named_bare_do_not_take_an_earlier_demonym() -> None:
    text = ('"On behalf of the American people, I condemn this attack," Obama said of the '
            "attack in Nice, France. Eight months ago militants killed 130 people in Paris, "
            "France.")
    assert code_of(text, "people") == "FRACVL"


def test_a_company_is_no_earlier_mention_of_the_police() -> None:
    text = ("Twitter Police posted a video of the attack in Nice, France. Later the police "
            "killed the driver, French officials said.")
    assert not (code_of(text, "police") or "").startswith("USA")


def test_the_countrys_official_belongs_to_the_state_named_just_before() -> None:
    text = ("Mugabe's wife has left Zimbabwe, officials in Harare said. One Namibian "
            "newspaper reported that the country's foreign minister denied she had fled "
            "there.")
    assert (code_of(text, "foreign minister") or "").startswith("NAM")


def test_leaders_from_across_the_globe_are_not_the_home_government() -> None:
    text = ("Trump met aides in Washington on Monday. Trump will speak on the phone with "
            "an array of leaders from across the globe, his aides said in Washington.")
    assert (code_of(text, "leaders") or "") == "GOV"


def test_the_terrorist_group_is_the_group_named_before() -> None:
    text = ("Islamic State claimed the bombing in Kabul on Friday, Afghan officials said. "
            "The terrorist group said the attack targeted the ministry.")
    assert code_of(text, "terrorist group") == "IMGISIS"


def test_the_militant_group_is_the_armed_group_named_before() -> None:
    text = ("The Red Cross brokered talks between Boko Haram and the Nigerian government. "
            "The Islamist militant group freed 21 girls in Nigeria.")
    assert code_of(text, "militant group") == "NGAREB"


def test_a_town_before_a_generic_body_places_it() -> None:
    text = ("A scammer who claimed to be a Nigerian prince was arrested. Nigeria and "
            "Nigerian officials welcomed it. Slidell police said the fraud cost millions.")
    assert code_of(text, "police") == "USACOP"
