"""The actor knowledge base: states, places, organisations, people with dated roles, and
generic agent words, loaded from the data files in ``detente/data/actors/`` and validated.

Every file is a tab-separated table with a header row (``#`` starts a comment line; several
values in one cell are separated by ``|``). A bad cell raises :class:`DataFileError` naming
the file and line. Users layer their own actors on top with YAML or TSV files
(``ExtractOptions.actor_files``, ``--actors FILE``): a YAML file has the sections ``states``,
``places``, ``orgs``, ``people`` (each person may carry a ``roles`` list) and ``agents``,
whose mappings use the same field names as the TSV columns; a TSV file is recognised by its
header row. Later files override earlier entries with the same id. See the data README.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from detente.build_cache import PickledByFields
from detente.errors import DataFileError

if TYPE_CHECKING:
    from detente.extract.actors.built import BuiltPeople
    from detente.extract.actors.cities import Cities

__all__ = [
    "AGENT_KINDS",
    "BLOCS",
    "SECTORS",
    "ActorBase",
    "Agent",
    "Org",
    "Person",
    "Place",
    "Role",
    "State",
    "describe",
    "list_entries",
]

# PLOVER/POLECAT agent codes (DESIGN.md).
_SECTOR_CODES = ("GOV MIL REB OPP PTY COP JUD SPY LEG ELI CVL BUS CRM REL JRN MED HLH EDU LAB "
                 "AGR NGO IGO REF UAF PRM SOC UNK")
SECTORS = frozenset(_SECTOR_CODES.split(" "))
# CAMEO's supranational and regional codes, allowed where a country is expected: the EU's and
# the UN's own organs carry EUR/UNO (as in the NGEC gold data), regions carry theirs.
BLOCS = {
    "EUR": "Europe / the European Union",
    "UNO": "United Nations",
    "AFR": "Africa",
    "ASA": "Asia",
    "MEA": "Middle East",
    "LAM": "Latin America",
    "WST": "the West",
}
# US territories with no foreign or defence policy of their own: news about them ("contain
# Guam") is news about the United States, so they are places of USA, not states.
_HELD_BY_USA = frozenset({"GUM", "PRI", "VIR", "ASM", "MNP", "UMI"})
# Codes pycountry lacks but the news uses.
_EXTRA_COUNTRIES = {"XKX": "Kosovo"}
# noun: an agent word that names its sector ("soldiers"); weak: a generic head that yields to
# a stronger word beside it ("officer", "men"); title: can precede a name ("President");
# former: turns an office into ELI ("former"); state: makes media/business state-run;
# act: an act, arm or land that makes the country word before it an actor ("Russian attacks").
AGENT_KINDS = frozenset({"noun", "weak", "title", "former", "state", "act"})
_PLACE_KINDS = frozenset({"capital", "seat", "city", "region"})

_DATA = "data/actors"


@dataclass(frozen=True, slots=True)
class State(PickledByFields):
    iso3: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Place(PickledByFields):
    """A capital or seat of power (acts for its government), or a city/region (locates)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    kind: str
    sector: str | None
    sector2: str | None


@dataclass(frozen=True, slots=True)
class Org(PickledByFields):
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str
    sector2: str | None
    code: str | None
    bloc: str | None  # for IGOs: the code its organs and members carry (EUR, UNO)


@dataclass(frozen=True, slots=True)
class Role(PickledByFields):
    country: str | None
    sector: str
    sector2: str | None
    title: str
    start: dt.date | None
    end: dt.date | None  # exclusive; None: still in office
    assumed_end: bool = False  # the source knew no end: ``end`` is its snapshot + a tolerance

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Person(PickledByFields):
    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    country: str | None
    base: str | None  # sector when no role applies (e.g. BUS for a businessman)
    died: dt.date | None
    roles: tuple[Role, ...] = ()
    built: bool = False  # from the built office-holder file, not a hand-written one


@dataclass(frozen=True, slots=True)
class Agent(PickledByFields):
    term: str
    kind: str
    sector: str | None
    sector2: str | None
    forms: tuple[str, ...]  # the term and its plural(s)


@dataclass
class ActorBase:
    """Everything the resolver knows, keyed by id."""

    states: dict[str, State] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)  # key: "term:kind"
    # office holders compiled from open tables (scripts/build_actors.py), decoded on demand
    built: BuiltPeople | None = None
    # which state a city is in (GeoNames), read with the built office holders; else the
    # resolver reads it at first use
    cities: Cities | None = None

    def person(self, pid: str) -> Person | None:
        """A hand-written (or user) person, else a built one."""
        found = self.people.get(pid)
        if found is None and self.built is not None:
            return self.built.get(pid)
        return found

    def is_country(self, code: str | None) -> bool:
        return code is not None and (code in self.states or code in BLOCS)

    def stats(self) -> dict[str, int]:
        return {
            "states": len(self.states),
            "places": len(self.places),
            "organisations": len(self.orgs),
            "people": len(self.people),
            "roles": sum(len(p.roles) for p in self.people.values()),
            "built_people": len(self.built) if self.built is not None else 0,
            "built_roles": self.built.role_count() if self.built is not None else 0,
            "agent_terms": len(self.agents),
        }


# --- rows: (path, line, {column: value}) -----------------------------------------------------

Row = tuple[str, int, dict[str, Any]]

_COLUMNS = {
    "states": ("iso3", "names", "adjectives"),
    "places": ("name", "aliases", "country", "kind", "sector", "sector2"),
    "orgs": ("id", "name", "aliases", "country", "sector", "sector2", "code", "bloc"),
    "people": ("id", "name", "aliases", "gender", "country", "base", "died"),
    "roles": ("person", "country", "sector", "sector2", "title", "start", "end"),
    "agents": ("term", "kind", "sector", "sector2", "plural"),
}


def _read_tsv(path: str, text: str) -> tuple[str, list[Row]]:
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    kind = ""
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = tuple(cells)
            kinds = [k for k, cols in _COLUMNS.items() if cols == header]
            if not kinds:
                raise DataFileError(path, lineno, f"unknown header {'|'.join(cells)!r}; expected "
                                    "one of: " + "; ".join(" ".join(c) for c in _COLUMNS.values()))
            kind = kinds[0]
            continue
        if len(cells) > len(header):
            raise DataFileError(path, lineno, f"{len(cells)} columns, expected {len(header)} "
                                f"({', '.join(header)})")
        cells += [""] * (len(header) - len(cells))
        rows.append((path, lineno, dict(zip(header, cells, strict=True))))
    if header is None:
        raise DataFileError(path, None, "empty file: expected a header row")
    return kind, rows


def _read_yaml(path: str, text: str) -> dict[str, list[Row]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from exc
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(path, root.start_mark.line + 1, "expected a mapping of sections")
    out: dict[str, list[Row]] = {}
    for key_node, value_node in root.value:
        section = key_node.value
        if section not in _COLUMNS or section == "roles":
            raise DataFileError(path, key_node.start_mark.line + 1,
                                f"unknown section {section!r}; use states, places, orgs, "
                                "people or agents")
        if not isinstance(value_node, yaml.SequenceNode):
            raise DataFileError(path, value_node.start_mark.line + 1, "expected a list")
        for item in value_node.value:
            line = item.start_mark.line + 1
            data = yaml.safe_load(yaml.serialize(item))
            if not isinstance(data, dict):
                raise DataFileError(path, line, "expected a mapping")
            roles = data.pop("roles", None) if section == "people" else None
            out.setdefault(section, []).append((path, line, _flatten(data)))
            for r in roles or []:
                if not isinstance(r, dict):
                    raise DataFileError(path, line, "a role must be a mapping")
                out.setdefault("roles", []).append(
                    (path, line, _flatten({**r, "person": data.get("id", "")})))
    return out


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    return {str(k): "|".join(map(str, v)) if isinstance(v, list) else
            ("" if v is None else str(v)) for k, v in data.items()}


# --- validation --------------------------------------------------------------------------------


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _need(row: Row, col: str) -> str:
    path, line, cells = row
    value = str(cells.get(col, "")).strip()
    if not value:
        raise DataFileError(path, line, f"missing {col!r}")
    return value


def _sector(row: Row, col: str, *, required: bool) -> str | None:
    path, line, cells = row
    value = str(cells.get(col, "")).strip()
    if not value:
        if required:
            raise DataFileError(path, line, f"missing {col!r}")
        return None
    if value not in SECTORS:
        raise DataFileError(path, line, f"unknown sector {value!r} in {col!r}; use one of "
                            f"{', '.join(sorted(SECTORS))}")
    return value


def _country(row: Row, col: str, known: Iterable[str], *, required: bool) -> str | None:
    path, line, cells = row
    value = str(cells.get(col, "")).strip()
    if not value:
        if required:
            raise DataFileError(path, line, f"missing {col!r}")
        return None
    if value not in known and value not in BLOCS:
        raise DataFileError(path, line, f"unknown country code {value!r} in {col!r}; use ISO "
                            "3166 alpha-3 or one of " + ", ".join(BLOCS))
    return value


def _date(row: Row, col: str) -> dt.date | None:
    path, line, cells = row
    value = str(cells.get(col, "")).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, line, f"bad date {value!r} in {col!r}; use YYYY-MM-DD") from None


def _plurals(term: str) -> tuple[str, ...]:
    head, _, last = term.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return (term, prefix + plural)


def _build(kb: ActorBase, rows: dict[str, list[Row]]) -> None:
    """Validate rows and add them to ``kb`` (states first: the others refer to them)."""
    import pycountry  # here, not at the top: a process that reads the kept base never needs it

    for row in rows.get("states", []):
        iso3 = _need(row, "iso3")
        found = pycountry.countries.get(alpha_3=iso3)
        if found is None and iso3 not in _EXTRA_COUNTRIES:
            raise DataFileError(row[0], row[1], f"unknown ISO 3166 alpha-3 code {iso3!r}")
        old = kb.states.get(iso3)
        name = old.name if old else _EXTRA_COUNTRIES.get(iso3) or _common_name(found)
        names = (old.names if old else ()) + _split(row[2].get("names", ""))
        adjs = (old.adjectives if old else ()) + _split(row[2].get("adjectives", ""))
        kb.states[iso3] = State(iso3, name, tuple(dict.fromkeys(names)), tuple(dict.fromkeys(adjs)))
    known = kb.states.keys()
    for row in rows.get("places", []):
        kind = _need(row, "kind")
        if kind not in _PLACE_KINDS:
            raise DataFileError(row[0], row[1], f"unknown place kind {kind!r}; use "
                                + ", ".join(sorted(_PLACE_KINDS)))
        name = _need(row, "name")
        sector = _sector(row, "sector", required=False)
        if kind in ("capital", "seat") and sector is None:
            sector = "GOV"  # a capital or seat of power acting is its government
        kb.places[name] = Place(name, _split(row[2].get("aliases", "")),
                                _country(row, "country", known, required=True) or "",
                                kind, sector, _sector(row, "sector2", required=False))
    _unique(rows.get("orgs", []), "id")
    _unique(rows.get("people", []), "id")
    for row in rows.get("orgs", []):
        oid = _need(row, "id")
        kb.orgs[oid] = Org(oid, _need(row, "name"), _split(row[2].get("aliases", "")),
                           _country(row, "country", known, required=False),
                           _sector(row, "sector", required=True) or "",
                           _sector(row, "sector2", required=False),
                           str(row[2].get("code", "")).strip() or None,
                           _country(row, "bloc", known, required=False))
    for row in rows.get("people", []):
        pid = _need(row, "id")
        gender = str(row[2].get("gender", "")).strip() or None
        if gender not in (None, "m", "f"):
            raise DataFileError(row[0], row[1], f"gender must be m, f or empty, not {gender!r}")
        kb.people[pid] = Person(pid, _need(row, "name"), _split(row[2].get("aliases", "")),
                                gender, _country(row, "country", known, required=False),
                                _sector(row, "base", required=False), _date(row, "died"))
    roles: dict[str, list[Role]] = {}
    for row in rows.get("roles", []):
        pid = _need(row, "person")
        if pid not in kb.people:
            raise DataFileError(row[0], row[1], f"role for unknown person id {pid!r}; add the "
                                "person to people.tsv first")
        start, end = _date(row, "start"), _date(row, "end")
        if start and end and end < start:
            raise DataFileError(row[0], row[1], f"role ends ({end}) before it starts ({start})")
        roles.setdefault(pid, []).append(Role(
            _country(row, "country", known, required=False),
            _sector(row, "sector", required=True) or "",
            _sector(row, "sector2", required=False), _need(row, "title"), start, end))
    for pid, rs in roles.items():
        p = kb.people[pid]  # a person (re)defined in this batch starts with no roles
        kb.people[pid] = Person(p.id, p.name, p.aliases, p.gender, p.country, p.base, p.died,
                                p.roles + tuple(rs))
    for row in rows.get("agents", []):
        term = _need(row, "term")
        kind = _need(row, "kind")
        if kind not in AGENT_KINDS:
            raise DataFileError(row[0], row[1], f"unknown agent kind {kind!r}; use "
                                + ", ".join(sorted(AGENT_KINDS)))
        plural = str(row[2].get("plural", "")).strip()
        if plural == "-":
            forms: tuple[str, ...] = (term,)
        elif plural:
            forms = (term, *_split(plural))
        else:
            forms = _plurals(term) if kind in ("noun", "weak", "title", "act") else (term,)
        needs_sector = kind not in ("former", "state", "act")  # modifiers carry no sector
        kb.agents[f"{term}:{kind}"] = Agent(term, kind,
                                            _sector(row, "sector", required=needs_sector),
                                            _sector(row, "sector2", required=False), forms)


def _unique(rows: list[Row], col: str) -> None:
    """Ids are unique within one load (a user file may replace a built-in id on purpose)."""
    seen: dict[str, tuple[str, int]] = {}
    for path, line, cells in rows:
        key = str(cells.get(col, "")).strip()
        if key in seen:
            first = seen[key]
            raise DataFileError(path, line, f"duplicate {col} {key!r} (first at "
                                f"{first[0]}:{first[1]})")
        seen[key] = (path, line)


def _common_name(country: Any) -> str:
    return str(getattr(country, "common_name", None) or country.name)


def _pycountry_states() -> list[Row]:
    import pycountry

    rows: list[Row] = []
    for c in pycountry.countries:
        if c.alpha_3 in _HELD_BY_USA:
            continue  # places.tsv names them as places of the United States
        names = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        names = [n for n in names if n and "," not in n and "(" not in n]
        rows.append(("pycountry", 0, {"iso3": c.alpha_3, "names": "|".join(names)}))
    return rows


def _rows_of(path: str, text: str) -> dict[str, list[Row]]:
    if path.endswith((".yaml", ".yml")):
        return _read_yaml(path, text)
    kind, rows = _read_tsv(path, text)
    return {kind: rows}


def _merge(into: dict[str, list[Row]], more: dict[str, list[Row]]) -> None:
    for k, v in more.items():
        into.setdefault(k, []).extend(v)


def _builtin_files(with_built: bool = True) -> Iterator[tuple[str, str]]:
    root = resources.files("detente").joinpath(_DATA)
    for name in ("states.tsv", "places.tsv", "orgs.tsv", "people.tsv", "roles.tsv",
                 "agents.tsv"):
        yield f"detente/data/actors/{name}", root.joinpath(name).read_text(encoding="utf-8")
    built = root.joinpath("built", "legislatures.tsv")  # scripts/build_actors.py
    if with_built and built.is_file():
        yield "detente/data/actors/built/legislatures.tsv", built.read_text(encoding="utf-8")


# --- browsing ----------------------------------------------------------------------------------

_KINDS = ("state", "igo", "org", "person", "agent")


def list_entries(kb: ActorBase, *, kind: str | None = None,
                 country: str | None = None) -> list[dict[str, Any]]:
    """Rows for ``detente actors list``: id, kind, name, country, sector, sorted by kind, id.

    ``kind`` is one of state, igo, org, person, agent; ``country`` keeps entries of one state
    (a person: any role in it)."""
    if kind is not None and kind not in _KINDS:
        from detente.errors import UsageError

        raise UsageError(f"unknown kind {kind!r}: choose from {', '.join(_KINDS)}")
    rows: list[dict[str, Any]] = []
    if kind in (None, "state"):
        rows += [{"id": s.iso3, "kind": "state", "name": s.name, "country": s.iso3,
                  "sector": None} for s in kb.states.values()]
    if kind in (None, "igo", "org"):
        for o in kb.orgs.values():
            k = "igo" if o.sector == "IGO" else "org"
            if kind in (None, k):
                rows.append({"id": o.id, "kind": k, "name": o.name, "country": o.country,
                             "sector": o.sector})
    if kind in (None, "person"):
        built = [] if kb.built is None else [
            p for pid in kb.built.ids() if pid not in kb.people and (p := kb.built.get(pid))]
        for p in [*kb.people.values(), *built]:
            countries = {r.country for r in p.roles} | {p.country}
            rows.append({"id": p.id, "kind": "person", "name": p.name,
                         "country": p.country, "sector": p.roles[-1].sector if p.roles
                         else p.base, "countries": countries})
    if kind in (None, "agent"):
        rows += [{"id": key, "kind": "agent", "name": a.term, "country": None,
                  "sector": a.sector} for key, a in kb.agents.items()]
    if country:
        rows = [r for r in rows if r["country"] == country or country in r.get("countries", ())]
    for r in rows:
        r.pop("countries", None)
    return sorted(rows, key=lambda r: (_KINDS.index(r["kind"]), str(r["id"])))


def describe(kb: ActorBase, entry_id: str) -> dict[str, Any]:
    """Everything the knowledge base holds about one id (state ISO code, org or person id)."""
    from dataclasses import asdict

    from detente.errors import UsageError

    person = kb.person(entry_id)
    if person is not None:
        data = asdict(person)
        data["kind"] = "person"
    elif entry_id in kb.orgs:
        data = asdict(kb.orgs[entry_id])
        data["kind"] = "igo" if kb.orgs[entry_id].sector == "IGO" else "org"
    elif entry_id.upper() in kb.states:
        data = asdict(kb.states[entry_id.upper()])
        data["kind"] = "state"
        data["places"] = sorted(pl.name for pl in kb.places.values()
                                if pl.country == entry_id.upper())
    else:
        raise UsageError(f"no actor with id {entry_id!r}; try `detente actors list`")
    return data
