"""The actor knowledge base: built-in files load and validate; user files layer on top."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DataFileError, UsageError
from detente.extract.actors.knowledge import describe, list_entries
from detente.extract.actors.loader import load_actor_base
from detente.extract.actors.resolver import Resolver


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_actor_base()


def test_actorbase_covers_states_orgs_people_and_roles(kb) -> None:  # type: ignore[no-untyped-def]
    stats = kb.stats()
    assert stats["states"] >= 193
    assert stats["organisations"] >= 300
    assert stats["people"] >= 400
    assert stats["roles"] >= 600


@pytest.mark.parametrize("person_id", ["donald-trump", "vladimir-putin", "volodymyr-zelensky",
                                       "xi-jinping", "keir-starmer", "emmanuel-macron",
                                       "friedrich-merz", "mark-rutte", "benjamin-netanyahu",
                                       "ali-khamenei", "narendra-modi"])
def test_actorbase_holds_leaders_with_dated_roles(kb, person_id: str) -> None:  # type: ignore[no-untyped-def]
    person = kb.people[person_id]
    assert person.roles and all(r.start is not None for r in person.roles)


def test_actorbase_roles_never_end_before_they_start(kb) -> None:  # type: ignore[no-untyped-def]
    for p in kb.people.values():
        for r in p.roles:
            assert r.start is None or r.end is None or r.start <= r.end, p.id


BAD_TSV = [
    ("people.tsv", "id\tname\taliases\tgender\tcountry\tbase\tdied\nx\tX\t\tq\tUSA\t\t\n", 2,
     "gender must be m, f or empty, not 'q'"),
    ("people.tsv", "id\tname\taliases\tgender\tcountry\tbase\tdied\nx\tX\t\tm\tZZZ\t\t\n", 2,
     "unknown country code 'ZZZ'"),
    ("orgs.tsv", "id\tname\taliases\tcountry\tsector\tsector2\tcode\tbloc\n"
     "# comment\nx\tX\t\tUSA\tFOO\t\t\t\n", 3, "unknown sector 'FOO'"),
    ("roles.tsv", "person\tcountry\tsector\tsector2\ttitle\tstart\tend\n"
     "nobody\tUSA\tGOV\t\tPresident\t2020-01-01\t\n", 2, "role for unknown person id 'nobody'"),
    ("roles.tsv", "person\tcountry\tsector\tsector2\ttitle\tstart\tend\n"
     "donald-trump\tUSA\tGOV\t\tPresident\t2020-13-01\t\n", 2, "bad date '2020-13-01'"),
    ("roles.tsv", "person\tcountry\tsector\tsector2\ttitle\tstart\tend\n"
     "donald-trump\tUSA\tGOV\t\tPresident\t2020-01-01\t2019-01-01\n", 2, "role ends"),
    ("agents.tsv", "term\tkind\tsector\tsector2\tplural\nfoo\tverb\tGOV\t\t\n", 2,
     "unknown agent kind 'verb'"),
    ("weird.tsv", "a\tb\n", 1, "unknown header"),
    ("orgs.tsv", "id\tname\taliases\tcountry\tsector\tsector2\tcode\tbloc\n"
     "x\tX\t\tUSA\tGOV\t\t\t\nx\tY\t\tUSA\tGOV\t\t\t\n", 3, "duplicate id 'x'"),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), BAD_TSV)
def test_actorbase_error_names_file_and_line(tmp_path: Path, name: str, text: str, line: int,
                                             message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_actor_base([path])
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_actorbase_yaml_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("people:\n  - id: a\n    name: A\n    roles:\n      - {country: USA, "
                    "sector: NOPE, title: Mayor, start: 2020-01-01}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_actor_base([path])
    assert info.value.line == 2
    assert "unknown sector 'NOPE'" in str(info.value)


def test_actorbase_user_yaml_adds_a_person_with_roles(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "people:\n"
        "  - id: jane-roe\n    name: Jane Roe\n    aliases: [Roe]\n    gender: f\n"
        "    country: NZL\n    roles:\n"
        "      - {country: NZL, sector: GOV, title: Mayor, start: 2020-01-01, end: 2023-01-01}\n"
        "orgs:\n  - {id: kiwi-news, name: Kiwi Daily, country: NZL, sector: JRN}\n",
        encoding="utf-8")
    r = Resolver(load_actor_base([path]))
    assert r.resolve("Roe", date="2021-06-01").code == "NZLGOV"
    assert r.resolve("Roe", date="2025-06-01").sector == "ELI"
    assert r.resolve("the Kiwi Daily").code == "NZLJRN"


def test_actorbase_user_tsv_extends_places(tmp_path: Path) -> None:
    path = tmp_path / "towns.tsv"
    path.write_text("name\taliases\tcountry\tkind\tsector\tsector2\nSmalltown\t\tNZL\tcity\t\t\n",
                    encoding="utf-8")
    r = Resolver(load_actor_base([path]))
    assert r.resolve("Smalltown police").code == "NZLCOP"


def test_actorbase_missing_user_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read actor file"):
        load_actor_base([tmp_path / "absent.yaml"])


@pytest.mark.parametrize(("kind", "country", "expect_id"), [
    ("state", None, "UKR"), ("igo", None, "nato"), ("person", "UKR", "volodymyr-zelensky"),
    ("org", "RUS", "fsb"), ("agent", None, "soldier:noun")])
def test_actorbase_lists_entries_by_kind_and_country(kb, kind: str, country: str | None,  # type: ignore[no-untyped-def]
                                                      expect_id: str) -> None:
    rows = list_entries(kb, kind=kind, country=country)
    assert expect_id in {r["id"] for r in rows}
    assert {r["kind"] for r in rows} == {kind}


def test_actorbase_describe_unknown_id_says_what_to_do(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="no actor with id 'nobody'; try `detente actors list`"):
        describe(kb, "nobody")
