"""Who is the source when someone speaks of an act (issue 15, wrong sources outside
real_dev): an expert discussing a state's act is not its source, a reporter is not the
doer of a passive act unless it is that side's official, an official does not accuse their
own state as a whole. Sentences written for these tests, not taken from any gold set."""

from __future__ import annotations

from detente.jobs import annotate_text
from detente.model import Event


def coded(text: str) -> list[Event]:
    return list(annotate_text(text, published="2017-05-01", article_id="t").events)


def summary(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.category, e.source.country, e.target.country if e.target else None)
            for e in coded(text)}


def test_a_demonstrative_in_an_experts_quote_is_not_the_expert() -> None:
    text = ("Wang Lei, an expert on Iran at Peking University in Beijing, said: 'This is a "
            "natural result of the harsh sanctions against Iran.'")
    assert not any(s == "CHN" for _, s, _ in summary(text))


def test_an_it_said_still_stands_for_the_speaker() -> None:
    text = "Iran's foreign ministry said it would impose sanctions on Canada."
    assert ("COERCE", "IRN", "CAN") in summary(text)


def test_they_in_the_speakers_own_quoted_words_is_someone_else() -> None:
    text = ('"They will seize the port again within weeks," said Lee Min-ho, a professor at '
            "Tufts University.")
    assert not any(e.source.sector == "EDU" for e in coded(text))


def test_a_family_reporting_a_detention_is_not_the_jailer() -> None:
    text = ("The family of a Palestinian lawmaker said her detention had been extended for "
            "six months.")
    assert not any(c == "COERCE" for c, _, _ in summary(text))


def test_an_official_reporting_an_arrest_stands_for_its_side() -> None:
    text = "Two suspects were arrested in Lyon on Monday, the French interior ministry said."
    assert any(c == "COERCE" and s == "FRA" for c, s, _ in summary(text))


def test_an_analyst_reporting_a_release_is_not_who_released() -> None:
    text = "Two soldiers were freed on Friday, a French analyst said."
    assert not any(c == "RETREAT" for c, _, _ in summary(text))


def test_an_official_does_not_accuse_their_own_state_of_the_act_they_punish() -> None:
    text = ('Russia attacked Kyiv on Monday. "Tomorrow we will announce the costs the '
            'United States will impose on Russia for this needless act of aggression," '
            "President Joe Biden said.")
    assert not any(c == "ACCUSE" and t == "USA" for c, _, t in summary(text))


def test_an_attack_met_in_the_face_of_is_not_the_subjects() -> None:
    text = ('"In the face of this brutal attack, Ukraine deployed the air defense systems," '
            "President Joe Biden said.")
    assert not any(c == "ACCUSE" and t == "UKR" for c, _, t in summary(text))


def test_a_state_does_not_act_on_itself() -> None:
    text = "Ukraine agreed to help Ukraine rebuild."
    assert not any(s == t == "UKR" for _, s, t in summary(text))


def test_bodies_of_one_state_still_act_on_each_other() -> None:
    text = "The Israeli government approved new funding for Israeli settlers in the West Bank."
    assert any(s == t == "ISR" for _, s, t in summary(text))
