"""Namesakes: a built office holder named by the name alone is taken only with support; a
capitalised title with no article is a name; a town named like an agent word is the word."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from detente.extract.actors.built import BuiltPeople, build_table, write_built
from detente.extract.actors.loader import load_actor_base
from detente.extract.actors.namesakes import expected_namesakes
from detente.extract.actors.resolver import Resolver, default_resolver
from detente.extract.actors.stage import find_mentions

HEADER = "name\tcountry\trole\tsector\tstart\tend\tsource_dataset\tsource_id\tsource_asof"
ROWS = [
    # a common first name and a common surname, out of office since 2000
    "Pablo Herrera\tMEX\tmember of the Chamber of Deputies\tLEG\t1997\t2000\tw\tQ1\t2022-07-01",
    "Pablo Soto\tMEX\tmember of the Chamber of Deputies\tLEG\t1997\t2000\tw\tQ2\t2022-07-01",
    "Pablo Ruiz\tCHL\tmember of the Chamber of Deputies\tLEG\t1997\t2000\tw\tQ3\t2022-07-01",
    "Luis Herrera\tCOL\tmember of the Senate\tLEG\t1997\t2000\tw\tQ4\t2022-07-01",
    "Rosa Herrera\tPER\tmember of the Congress\tLEG\t1997\t2000\tw\tQ5\t2022-07-01",
    # in office in 2021: a rare name, and a common one
    "Ines Valdeolmos\tESP\tMinister of Culture\tGOV\t2020-01-13\t\tw\tQ6\t2022-07-01",
    "Pablo Herrero\tARG\tMinister of Tourism\tGOV\t2020-01-13\t\tw\tQ7\t2022-07-01",
    "Ana Herrero\tARG\tmember of the Chamber of Deputies\tLEG\t1997\t2000\tw\tQ8\t2022-07-01",
    "Pablo Diaz\tARG\tmember of the Chamber of Deputies\tLEG\t1997\t2000\tw\tQ9\t2022-07-01",
    "Juan Herrero\tARG\tmember of the Chamber of Deputies\tLEG\t1997\t2000\tw\tQ10\t2022-07-01",
] + [f"Filler{i} Person{i}\tFRA\tmember of the Senate\tLEG\t1997\t2000\tw\tF{i}\t2022-07-01"
     for i in range(40)]


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    table = tmp_path_factory.mktemp("namesakes") / "table.tsv.gz"
    table.write_bytes(gzip.compress(("\n".join([HEADER, *ROWS]) + "\n").encode()))
    kb = load_actor_base(built=False)
    people, _ = build_table([table], kb.states.keys())
    out = table.parent / "built.tsv.gz"
    write_built(people, out, ["test"])
    kb.built = BuiltPeople.load(Path(out))
    return Resolver(kb)


def codes(resolver: Resolver, nlp: Any, text: str, date: str) -> dict[str, str | None]:
    return {m.text: m.actor.code for m in find_mentions(resolver, text, doc=nlp(text),
                                                        published=date)}


def test_expected_namesakes_grow_with_how_common_the_first_name_and_surname_are(
        resolver: Resolver) -> None:
    assert resolver.kb.built is not None
    common = expected_namesakes(resolver.kb.built, "pablo herrera")
    rare = expected_namesakes(resolver.kb.built, "ines valdeolmos")
    assert common >= 0.1 > rare


def test_a_long_gone_office_holder_named_in_a_sports_story_is_not_coded(
        resolver: Resolver, nlp: Any) -> None:
    text = "Pablo Herrera scored twice as the home side won the cup final on Sunday."
    found = codes(resolver, nlp, text, "2017-05-01")
    assert found.get("Pablo Herrera") in (None, "UNK")


def test_the_same_name_beside_a_political_word_is_the_former_office_holder(
        resolver: Resolver, nlp: Any) -> None:
    text = "Pablo Herrera told lawmakers that the reform would fail."
    assert codes(resolver, nlp, text, "2017-05-01")["Pablo Herrera"] == "MEXELI"


def test_a_sitting_office_holder_with_a_rare_name_is_coded_without_context(
        resolver: Resolver, nlp: Any) -> None:
    text = "Ines Valdeolmos opened the new library on Tuesday."
    assert codes(resolver, nlp, text, "2021-03-02")["Ines Valdeolmos"] == "ESPGOV"


def test_a_sitting_office_holder_with_a_common_name_needs_the_state_named(
        resolver: Resolver, nlp: Any) -> None:
    abroad = "Pablo Herrero opened the new library in Ohio on Tuesday."
    assert codes(resolver, nlp, abroad, "2021-03-02").get("Pablo Herrero") in (None, "UNK")
    home = "Pablo Herrero opened the new library on Tuesday, the first in Argentina this year."
    assert codes(resolver, nlp, home, "2021-03-02")["Pablo Herrero"] == "ARGGOV"


def test_a_capitalised_title_with_no_article_is_a_name_not_a_royal(nlp: Any) -> None:
    r = default_resolver()
    text = "Fans left flowers at the studio where Prince recorded his albums."
    assert "Prince" not in codes(r, nlp, text, "2016-04-22")
    text = "The crowd cheered when the Prince arrived at the palace."
    assert codes(r, nlp, text, "2016-04-22")["Prince"] == "ELI"


def test_a_town_named_like_an_agent_word_is_the_word() -> None:
    actor = default_resolver().resolve("Police", date="2017-05-01")
    assert (actor.country, actor.sector) == (None, "COP")


def test_a_business_leader_after_a_spell_in_office_is_business_again() -> None:
    actor = default_resolver().resolve("Elon Musk", date="2025-09-01")
    assert (actor.country, actor.sector) == ("USA", "BUS")


def test_a_known_surname_inside_a_longer_name_is_someone_else(nlp: Any) -> None:
    r = default_resolver()
    text = "Cameron Heyward made the tackle that sealed the game for Pittsburgh."
    assert codes(r, nlp, text, "2017-05-01")["Cameron Heyward"] == "UNK"
    text = "Cameron said on Tuesday that Britain would stay in the alliance."
    assert codes(r, nlp, text, "2015-05-01")["Cameron"] == "GBRGOV"


def test_an_event_argument_naming_only_a_small_town_is_not_a_state() -> None:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline
    from detente.model import Article

    text = ("Harvey slammed into the coast on Friday and destroyed hundreds of homes, "
            "officials in Texas said.")
    rec = next(iter(Pipeline(ExtractOptions()).run(
        [Article(id="t1", text=text, published="2017-08-26", language="en")])))
    assert all(e.source.country is None for e in rec.events if e.source.text == "Harvey")
