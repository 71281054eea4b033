"""The event ontologies as data: PLOVER categories and modes, CAMEO codes, and the maps
between them.

The tables live in ``detente/data/ontology/`` (tab-separated, ``#`` comments, one header
line). Every loader validates what it reads and raises :class:`DataFileError` naming the
file and line of a bad entry.

    plover.tsv        category, mode ("-" = the category itself), PLOVER score
    cameo.tsv         code, root, goldstein, quad_class, short_name
    cameo2plover.tsv  CAMEO code -> (category, mode)
    plover2cameo.tsv  (category, mode, about) -> default CAMEO code
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from detente.errors import DataFileError

__all__ = [
    "CATEGORIES",
    "MUTUAL_CATEGORIES",
    "CameoCode",
    "Ontology",
    "load_ontology",
    "read_table",
]

# The 16 PLOVER categories, in the order of the PLOVER manual (cooperation to conflict).
CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Acts that are mutual by nature: "A and B met" is A->B and B->A, and a report of A meeting B
# and one of B meeting A describe the same event.
MUTUAL_CATEGORIES: tuple[str, ...] = ("CONSULT", "AGREE", "COOPERATE")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code: ``code`` keeps its leading zeros ("0871")."""

    code: str
    root: str
    goldstein: float
    quad_class: int
    short_name: str


def _data_dir() -> Path:
    return Path(str(resources.files("detente") / "data" / "ontology"))


def read_table(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Rows of a TSV file as ``(line number, cells)``, header checked, comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read the file: {exc}") from exc
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                raise DataFileError(
                    str(path), number,
                    f"expected the header {'<TAB>'.join(columns)!r}, found {line!r}",
                )
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise DataFileError(
                str(path), number,
                f"expected {len(columns)} tab-separated columns, found {len(cells)}",
            )
        yield number, cells
    if not header_seen:
        raise DataFileError(str(path), None, "the file has no header line")


def _number(path: Path, line: int, text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise DataFileError(str(path), line, f"{what} {text!r} is not a number") from None


@dataclass(frozen=True)
class Ontology:
    """PLOVER and CAMEO tables with the lookups the event coder needs."""

    modes: dict[str, dict[str, float]]  # category -> mode ("-" = base) -> PLOVER score
    cameo: dict[str, CameoCode]
    cameo_to_plover: dict[str, tuple[str, str | None]]
    plover_to_cameo: dict[tuple[str, str | None, str | None], str]

    def is_mode(self, category: str, mode: str | None) -> bool:
        return category in self.modes and (mode or "-") in self.modes[category]

    def default_cameo(
        self, category: str, mode: str | None = None, about: str | None = None
    ) -> str:
        """The CAMEO code for a PLOVER category (and mode / embedded act when known)."""
        table = self.plover_to_cameo
        for key in ((category, mode, about), (category, None, about), (category, mode, None)):
            if key in table:
                return table[key]
        return table[(category, None, None)]

    def demand_code(self, code: str) -> str:
        """The 10x demand code mirroring a 02x appeal code ("026" -> "106")."""
        if code.startswith("02"):
            mirrored = "10" + code[2:]
            if mirrored in self.cameo:
                return mirrored
        return code

    def goldstein(self, code: str) -> float:
        return self.cameo[code].goldstein

    def quad_class(self, code: str) -> int:
        return self.cameo[code].quad_class


def _load_modes(path: Path) -> dict[str, dict[str, float]]:
    modes: dict[str, dict[str, float]] = {}
    for line, (category, mode, score) in read_table(path, ("category", "mode", "score")):
        if category not in CATEGORIES:
            raise DataFileError(str(path), line, f"unknown PLOVER category {category!r}")
        value = _number(path, line, score, "score")
        if not -10.0 <= value <= 10.0:
            raise DataFileError(str(path), line, f"score {value} is outside -10..10")
        modes.setdefault(category, {})[mode] = value
    missing = [c for c in CATEGORIES if c not in modes or "-" not in modes[c]]
    if missing:
        raise DataFileError(str(path), None, f"no base row for {', '.join(missing)}")
    return modes


def _load_cameo(path: Path) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    columns = ("code", "root", "goldstein", "quad_class", "short_name")
    for line, (code, root, goldstein, quad, name) in read_table(path, columns):
        if not (code.isdigit() and 2 <= len(code) <= 4 and code.startswith(root)
                and len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
            raise DataFileError(str(path), line, f"bad CAMEO code {code!r} for root {root!r}")
        if code in codes:
            raise DataFileError(str(path), line, f"CAMEO code {code!r} appears twice")
        value = _number(path, line, goldstein, "goldstein")
        if not -10.0 <= value <= 10.0:
            raise DataFileError(str(path), line, f"goldstein {value} is outside -10..10")
        if quad not in ("1", "2", "3", "4"):
            raise DataFileError(str(path), line, f"quad_class {quad!r} is not 1, 2, 3 or 4")
        codes[code] = CameoCode(code, root, value, int(quad), name)
    return codes


def _mode(value: str) -> str | None:
    return None if value == "-" else value


def _load_maps(
    directory: Path, modes: dict[str, dict[str, float]], cameo: dict[str, CameoCode]
) -> tuple[dict[str, tuple[str, str | None]], dict[tuple[str, str | None, str | None], str]]:
    def check(path: Path, line: int, category: str, mode: str) -> None:
        if category not in modes:
            raise DataFileError(str(path), line, f"unknown PLOVER category {category!r}")
        if mode not in modes[category]:
            raise DataFileError(str(path), line, f"{category} has no mode {mode!r}")

    to_plover: dict[str, tuple[str, str | None]] = {}
    path = directory / "cameo2plover.tsv"
    for line, (code, category, mode) in read_table(path, ("cameo", "category", "mode")):
        if code not in cameo:
            raise DataFileError(str(path), line, f"CAMEO code {code!r} is not in cameo.tsv")
        check(path, line, category, mode)
        to_plover[code] = (category, _mode(mode))

    to_cameo: dict[tuple[str, str | None, str | None], str] = {}
    path = directory / "plover2cameo.tsv"
    columns = ("category", "mode", "about", "cameo")
    for line, (category, mode, about, code) in read_table(path, columns):
        check(path, line, category, mode)
        if about != "-" and about not in CATEGORIES:
            raise DataFileError(str(path), line, f"about {about!r} is not a PLOVER category")
        if code not in cameo:
            raise DataFileError(str(path), line, f"CAMEO code {code!r} is not in cameo.tsv")
        to_cameo[(category, _mode(mode), _mode(about))] = code
    missing = [c for c in CATEGORIES if (c, None, None) not in to_cameo]
    if missing:
        raise DataFileError(str(path), None, f"no default CAMEO code for {', '.join(missing)}")
    return to_plover, to_cameo


@lru_cache(maxsize=4)
def load_ontology(directory: Path | None = None) -> Ontology:
    """Load and validate the four ontology tables (once per process and directory)."""
    directory = directory or _data_dir()
    modes = _load_modes(directory / "plover.tsv")
    cameo = _load_cameo(directory / "cameo.tsv")
    to_plover, to_cameo = _load_maps(directory, modes, cameo)
    return Ontology(modes, cameo, to_plover, to_cameo)
