"""Two namesake errors: a party's member noun inside another party's name ("Christian
Democrats" is not the US Democratic Party), and a first-level division in an apposition
("an official in Saxony") that gives its country rather than a town sharing its first word."""

from __future__ import annotations

import pytest

from detente.extract.actors.resolver import default_resolver


def _resolve(text: str, context: str | None = None) -> tuple[str | None, str | None, str | None]:
    actor = default_resolver().resolve(text, context=context)
    return actor.country, actor.sector, actor.id


@pytest.mark.parametrize("text", [
    "Christian Democrats", "the Social Democrats", "Free Democrats",
    "the Christian Republicans", "the Centre Democrats", "The Christian Democrats",
])
def test_party_noun_inside_another_name_takes_the_context_country(text: str) -> None:
    country, sector, ident = _resolve(text, context="VIENNA - Austria's parliament met.")
    assert (country, sector) == ("AUT", "PTY")
    assert ident not in ("dems", "gop")


def test_party_noun_inside_another_name_without_context_is_not_american() -> None:
    country, sector, ident = _resolve("the Social Democrats said on Monday")
    assert country is None
    assert sector == "PTY"
    assert ident is None


@pytest.mark.parametrize(("text", "country"), [
    ("Germany's Social Democrats", "DEU"),
    ("the Dutch Christian Democrats", "NLD"),
])
def test_a_state_word_before_the_name_gives_the_country(text: str, country: str) -> None:
    assert _resolve(text, context="WASHINGTON - The U.S. Senate met.")[:2] == (country, "PTY")


@pytest.mark.parametrize("text", [
    "Democrats", "the Republicans", "Senate Democrats", "House Republicans",
    "Top Democrats", "Many Republicans", "Ohio Democrats", "American Republicans",
    "Voters Back Democrats",
])
def test_the_us_parties_member_nouns_keep_their_party(text: str) -> None:
    country, sector, ident = _resolve(text)
    assert (country, sector) == ("USA", "PTY")
    assert ident in ("dems", "gop")


@pytest.mark.parametrize(("text", "country"), [
    ("Anna Weber, the top security official in North Rhine-Westphalia", "DEU"),
    ("the interior minister of Lower Saxony", "DEU"),
    ("an official in Bavaria", "DEU"),
    ("police in Thuringia", "DEU"),
    ("the governor of Sindh", "PAK"),
    ("the premier of Manitoba", "CAN"),
    ("the chief minister of Tamil Nadu", "IND"),
])
def test_a_first_level_division_gives_its_country(text: str, country: str) -> None:
    assert _resolve(text)[0] == country


def test_a_compass_word_alone_is_not_a_town() -> None:
    # "North" is also the name of a town; the first word of a region's name is not it
    assert _resolve("officials of the North Zone Council")[0] != "USA"


def test_in_a_sentence_the_whole_name_is_one_party_match() -> None:
    text = "In Berlin, the Christian Democrats and the Social Democrats agreed on a budget."
    found = [(text[m.start:m.end], m.best.ref) for m in default_resolver().gazetteer.find(text)]
    assert ("Christian Democrats", "party:noun") in found
    assert ("Social Democrats", "party:noun") in found
    assert all(ref != "dems" for _, ref in found)


@pytest.mark.parametrize("text", ["the Asian country", "an African nation",
                                  "the European state"])
def test_one_state_of_a_region_is_not_the_region(text: str) -> None:
    assert _resolve(text)[0] is None


@pytest.mark.parametrize(("text", "country"), [("Asian leaders", "ASA"),
                                               ("European states", "EUR")])
def test_a_region_of_many_keeps_the_region(text: str, country: str) -> None:
    assert _resolve(text)[0] == country
