"""The PLOVER/CAMEO tables: complete, consistent, and loud about bad lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from detente.errors import DataFileError
from detente.extract.events.ontology import CATEGORIES, load_ontology

ONTOLOGY = load_ontology()


def test_ontology_has_all_cameo_codes_and_sixteen_categories() -> None:
    assert len(ONTOLOGY.cameo) == 312
    assert set(ONTOLOGY.modes) == set(CATEGORIES) and len(CATEGORIES) == 16


@pytest.mark.parametrize("code", sorted(ONTOLOGY.cameo))
def test_ontology_cameo_code_is_consistent(code: str) -> None:
    c = ONTOLOGY.cameo[code]
    root = int(c.root)
    assert code.startswith(c.root) and -10 <= c.goldstein <= 10
    assert c.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4)
    # Every code but the statements (01x) has a PLOVER category.
    assert (code in ONTOLOGY.cameo_to_plover) == (not code.startswith("01"))


@pytest.mark.parametrize(("code", "category", "mode"), [
    ("172", "COERCE", "restrict"), ("163", "COERCE", "restrict"), ("0871", "RETREAT", "ceasefire"),
    ("042", "CONSULT", "visit"), ("1312", "THREATEN", "restrict"), ("026", "REQUEST", "meet"),
    ("195", "ASSAULT", "heavy-weapons"), ("057", "SUPPORT", None),
])
def test_ontology_maps_cameo_to_plover(code: str, category: str, mode: str | None) -> None:
    assert ONTOLOGY.cameo_to_plover[code] == (category, mode)


@pytest.mark.parametrize(("category", "mode"), [
    (cat, None if mode == "-" else mode) for cat, modes in ONTOLOGY.modes.items() for mode in modes
])
def test_ontology_gives_every_category_and_mode_a_cameo_code(category: str,
                                                              mode: str | None) -> None:
    code = ONTOLOGY.default_cameo(category, mode)
    assert code in ONTOLOGY.cameo
    assert ONTOLOGY.cameo_to_plover[code][0] in (category, "CONCEDE", "RETREAT")


@pytest.mark.parametrize(("appeal", "demand"), [("026", "106"), ("0231", "1031"), ("020", "100"),
                                                 ("172", "172")])
def test_ontology_demand_code_mirrors_appeal(appeal: str, demand: str) -> None:
    assert ONTOLOGY.demand_code(appeal) == demand


def _copy(tmp_path: Path) -> Path:
    src = Path(__file__).resolve().parents[3] / "src" / "detente" / "data" / "ontology"
    dst = tmp_path / "ontology"
    shutil.copytree(src, dst)
    return dst


@pytest.mark.parametrize(("file", "line", "message"), [
    ("cameo.tsv", "999\t99\t1\t1\tbad", "bad CAMEO code '999' for root '99'"),
    ("cameo.tsv", "0999\t09\t12\t2\tbad", "goldstein 12.0 is outside -10..10"),
    ("plover.tsv", "ATTACK\t-\t1", "unknown PLOVER category 'ATTACK'"),
    ("cameo2plover.tsv", "190\tASSAULT\tnuclear", "ASSAULT has no mode 'nuclear'"),
    ("plover2cameo.tsv", "AID\t-\t-\t9999", "CAMEO code '9999' is not in cameo.tsv"),
    ("plover.tsv", "AID\t-", "expected 3 tab-separated columns, found 2"),
])
def test_ontology_loader_names_file_and_line(tmp_path: Path, file: str, line: str,
                                             message: str) -> None:
    directory = _copy(tmp_path)
    path = directory / file
    n = len(path.read_text().splitlines()) + 1
    with path.open("a") as fh:
        fh.write(line + "\n")
    with pytest.raises(DataFileError) as err:
        load_ontology(directory)
    assert str(err.value) == f"{path}:{n}: {message}"
