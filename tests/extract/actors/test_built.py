"""Office holders built from open tables: the build, the shipped file, and how they resolve."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.errors import DataFileError
from detente.extract.actors.built import (
    BuiltPeople,
    build_table,
    legislatures,
    office_key,
    write_built,
)
from detente.extract.actors.cities import Cities
from detente.extract.actors.loader import build_actor_base, load_actor_base
from detente.extract.actors.resolver import Resolver

HEADER = "name\taliases\tcountry\trole\tsector\tstart\tend\tsource_dataset\tsource_id\tsource_asof"
ROWS = [
    "Ana Lopez Garcia\t\tCOL\tMinister of National Defence\tGOV\t2019-01\t2021\tw\tQ1\t2022-07-01",
    "Ana Lopez Garcia\t\tCOL\tmember of the Chamber of Representatives\tLEG\t2014\t2018\tw\tQ1\t"
    "2022-07-01",
    "Jaan Tamm\tJ. Tamm|Minister Jaan Tamm\tEST\tmember of the 11th Riigikogu\tLEG\t2007\t2011"
    "\tw\tQ2\t2022-07-01",
    "Mari Kask\t\tEST\tmember of the 11th Riigikogu\tLEG\t2007\t2011\tw\tQ3\t2022-07-01",
    "Peeter Saar\t\tEST\tmember of the 12th Riigikogu\tLEG\t2011\t\tw\tQ4\t2022-07-01",
    "Jaan Tamm\t\tEST\tCAMEO code ESTGOV\tGOV\t2003-01-01\t2004-01-01\tph\t\t2014-01-30",
    "Solo\t\tEST\tmember of the 11th Riigikogu\tLEG\t2007\t2011\tw\tQ5\t2022-07-01",
    "Ghost Person\t\tDDR\tCAMEO code DDRGOV\tGOV\t1980\t1990\tph\t\t2014-01-30",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltPeople:
    table = tmp_path_factory.mktemp("tables") / "mine.tsv.gz"
    table.write_bytes(gzip.compress(("\n".join([HEADER, *ROWS]) + "\n").encode()))
    kb = load_actor_base(built=False)
    people, summary = build_table([table], kb.states.keys(), ["minister"])
    assert summary.dropped == {"one-word or lower-case name": 1, "country DDR": 1}
    out = table.parent / "built.tsv.gz"
    write_built(people, out, ["test"])
    loaded = BuiltPeople.load(out)
    assert loaded is not None
    return loaded


def test_build_merges_rows_of_one_person_and_id_less_rows_by_name_and_country(
        built: BuiltPeople) -> None:
    tamm = built.get("Q2")
    assert tamm is not None
    assert [(r.sector, r.title) for r in tamm.roles] == [
        ("GOV", "CAMEO code ESTGOV"), ("LEG", "member of the 11th Riigikogu")]
    assert "Jaan Tamm" not in tamm.aliases and "Minister Jaan Tamm" not in tamm.aliases


def test_build_reads_partial_dates_and_assumes_an_end_for_open_terms(built: BuiltPeople) -> None:
    ana = built.get("Q1")
    saar = built.get("Q4")
    assert ana is not None and saar is not None
    minister = next(r for r in ana.roles if r.sector == "GOV")
    assert (str(minister.start), str(minister.end), minister.assumed_end) == (
        "2019-01-01", "2021-12-31", False)
    assert (str(saar.roles[0].end), saar.roles[0].assumed_end) == ("2025-07-01", True)


def test_build_indexes_common_offices(built: BuiltPeople) -> None:
    assert built.holders("COL", "defense minister") == (("Q1", "2019-01-01", "2021-12-31"),)
    assert built.holders("COL", "no such office") == ()
    assert office_key("Minister of Foreign Affairs of Ukraine") == "foreign minister"
    assert office_key("President of Kazakhstan") == "president"


def test_the_packaged_base_holds_its_indexes_built() -> None:
    """The base kept on disk carries the name counts, the office index and the cities, so a
    process that reads it (every extraction worker) builds none of them again; they are what
    building them on first use gives."""
    kb = build_actor_base()
    assert kb.built is not None and kb.cities is not None
    assert kb.built._words is not None and kb.built._offices is not None
    ahead = (kb.built.word_counts(), kb.built.holders("USA", "president"))
    assert ahead[0][0] and ahead[1]
    fresh = BuiltPeople.load()
    assert fresh is not None
    assert (fresh.word_counts(), fresh.holders("USA", "president")) == ahead
    cities = Cities.load()
    assert cities is not None
    assert kb.cities.country_in("talks in Geneva") == cities.country_in("talks in Geneva")
    assert Resolver(kb)._cities is kb.cities


def test_build_finds_legislatures_in_office_titles() -> None:
    kb = load_actor_base(built=False)
    table_rows = [r.split("\t") for r in ROWS[2:5]]
    from detente.extract.actors.built import _Person

    people = [_Person(r[8], r[0], roles=[(r[2], r[4], r[3], "", "")]) for r in table_rows]
    found = legislatures(people, {"EST": {"Estonia", "Estonian"}}, set())
    assert found == [("Riigikogu", "EST", [])]
    assert legislatures(people, {}, {"riigikogu"}) == []
    assert kb.orgs  # the hand-written bodies are untouched


def test_build_table_without_needed_columns_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tcountry\nJane Roe\tNZL\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        build_table([bad], ["NZL"])
    assert str(err.value) == (f"{bad}:1: missing column(s) role, sector, start, end; an "
                              "office-holder table needs name, country, role, sector, start, end")


def test_built_file_with_a_bad_line_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "b.tsv.gz"
    bad.write_bytes(gzip.compress(b"# c\nX\tnonsense\n"))
    with pytest.raises(DataFileError) as err:
        BuiltPeople.load(bad)
    assert str(err.value) == (f"{bad}:2: expected 'P id keys name aliases country "
                              "roles' or 'T country office id start end'")


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_actor_base())


@pytest.mark.parametrize(("query", "date", "code"), [
    ("Boyko Borisov", "2020-01-01", "BGRGOV"),  # a Bulgarian prime minister
    ("Kathleen Hicks", "2023-01-01", "USAGOV"),  # a US deputy defence secretary
    ("Jai Ram Thakur", "2021-01-01", "INDGOV"),  # an Indian chief minister
    ("Juri Ratas", "2018-01-01", "ESTGOV"),  # written without the accent
    ("Diego Molano", "2012-01-01", "COLGOV"),  # a Hispanic name by its first surname
    ("the Bulgarian prime minister", "2020-01-01", "BGRGOV"),
    ("Riigikogu", "2024-01-01", "ESTLEG"),
])
def test_shipped_table_resolves_office_holders_the_hand_files_lack(
        resolver: Resolver, query: str, date: str, code: str) -> None:
    assert resolver.resolve(query, date=date).code == code


def test_shipped_table_gives_eli_after_the_assumed_end_of_an_open_term(
        resolver: Resolver) -> None:
    actor, why = resolver.explain("Jai Ram Thakur", date="2026-01-01")
    assert actor.code == "INDELI"
    assert any("assumed: no end known" in line for line in why)


def test_hand_written_person_keeps_precedence_over_a_built_namesake(resolver: Resolver) -> None:
    actor = resolver.resolve("Vladimir Putin", date="2024-01-01")
    assert (actor.id, actor.code) == ("vladimir-putin", "RUSGOV")


def test_city_gives_a_country_only_where_nothing_else_does(resolver: Resolver) -> None:
    assert resolver.resolve("Santa Marta Self Defense Forces").code == "COLPRM"
    assert resolver.resolve("Puerto Penasco").code == "MEX"
    assert resolver.resolve("Russian soldiers in Santa Marta").code == "RUSMIL"


def test_undated_person_is_read_as_last_known_in_office(resolver: Resolver) -> None:
    assert resolver.resolve("Heiko Maas").code == "DEUGOV"  # out since 2021
    assert resolver.resolve("Tony Blair").code == "GBRELI"  # out for over ten years


def test_cli_explain_prints_the_rules_and_rows_that_decided() -> None:
    result = CliRunner().invoke(app, ["actors", "resolve", "Defence Minister Diego Molano",
                                      "--date", "2021-06-01", "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("text=Defence Minister Diego Molano name=Diego Molano Vega "
                               "code=COLGOV country=COL sector=GOV")
    assert lines[1:] == [
        "  - found 'Defence Minister': agent defence minister:title (agents.tsv)",
        "  - found 'Diego Molano': person x-diego-molano-vega-col (built office-holder table)",
        "  - Diego Molano Vega on 2021-06-01: no office; the last (CAMEO code COLGOVMED) "
        "ended 2015-01-30 (assumed: no end known): ELI",
        "  - the title 'defence minister' written beside the name: GOV",
    ]
