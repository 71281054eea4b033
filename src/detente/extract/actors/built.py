"""The built actor knowledge: office holders from open tables, compiled into one compact file.

``scripts/build_actors.py`` turns an office-holder table (one row per person and office;
columns below) into ``detente/data/actors/built/officeholders.tsv.gz``, which
:func:`load_built` adds to an :class:`~detente.extract.actors.knowledge.ActorBase` under the
hand-written files (a hand-written person keeps precedence: a built person with the same full
name and country is left out).

Input table (tab-separated, header row, optionally gzip-compressed; other columns ignored):

=================  ============================================================================
``name``           the person's name
``aliases``        other names, ``|``-separated (optional)
``country``        ISO 3166 alpha-3 of the office (``XKX`` Kosovo; ``IGO`` international posts)
``role``           the office title
``sector``         GOV LEG MIL JUD SPY COP PTY ELI OPP REB ...
``start``, ``end`` ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an empty end means "no end known as of
                   ``source_asof``"
``source_id``      a stable person id (a Wikidata QID); rows with the same id are one person
                   (optional: without it, name + country identify a person)
``source_asof``    the snapshot date of the row (optional)
``source_dataset`` where the row comes from (optional; counted in the build summary)
=================  ============================================================================

Built file (gzip TSV, ``#`` comments): see :func:`write_built`. An end written
``~YYYY-MM-DD`` is assumed, not known: an open term is taken to last until the snapshot date
plus :data:`OPEN_TERM_YEARS` (then the person counts as a former office holder, ELI).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from detente.errors import DataFileError
from detente.extract.actors.knowledge import Person, Role

__all__ = [
    "BUILT_FILE",
    "OPEN_TERM_YEARS",
    "BuildSummary",
    "BuiltPeople",
    "ascii_fold",
    "build_table",
    "name_key",
    "office_key",
    "write_built",
]

BUILT_FILE = "data/actors/built/officeholders.tsv.gz"
# How long an office with no known end is trusted after the source's snapshot. 3 years: about
# one ministerial term (a minister in a 2022 snapshot is still taken as one in mid-2025, an
# ELI after); Phoenix (CIA World Leaders 2003-2013, snapshot 2014) gets 1 year.
OPEN_TERM_YEARS = {"phoenix-countryinfo": 1}
_DEFAULT_OPEN_YEARS = 3
_NEEDED = ("name", "country", "role", "sector", "start", "end")
_SECTORS = frozenset(["GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "ELI", "IGO"])
# International posts: the UN's and its court's organs carry UNO; members of international
# assemblies (PACE) and national ambassadors to the UN also sit in their national rows.
_DROP_IGO = re.compile(r"Parliamentary Assembly|Pan-African Parliament|Permanent Representative",
                       re.IGNORECASE)
# Hispanic names carry two surnames; the paternal one (the first) is the one news uses
# ("Diego Molano Vega" is "Diego Molano").
_DOUBLE_SURNAME = frozenset([
    "ESP", "MEX", "COL", "ARG", "CHL", "PER", "VEN", "ECU", "BOL", "PRY", "URY", "CUB", "DOM",
    "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "PRI"])


_NOT_NAME = re.compile(r"[^\w ]+")


def ascii_fold(text: str) -> str:
    """"Jüri Ratas" -> "Juri Ratas" (names are matched with and without accents)."""
    if text.isascii():  # nothing to decompose, no combining mark
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """The key two spellings of one name share: folded, lower case, no punctuation."""
    return " ".join(_NOT_NAME.sub(" ", ascii_fold(text).lower()).split())


@dataclass
class _Person:
    pid: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


@dataclass
class BuildSummary:
    """What a build read and wrote: counts by source, dropped rows by reason."""

    rows_read: Counter[str] = field(default_factory=Counter)
    rows_kept: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    people: int = 0
    roles: int = 0

    def lines(self) -> list[str]:
        out = [f"people {self.people}, roles {self.roles}"]
        out += [f"  {src}: read {n}, kept {self.rows_kept[src]}"
                for src, n in sorted(self.rows_read.items())]
        out += [f"  dropped ({why}): {n}" for why, n in self.dropped.most_common()]
        return out


def _iso(value: str, *, end: bool) -> str:
    """A partial date as a day: a start year is 1 January, an end year 31 December."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        if not end:
            return f"{value}-01"
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31" if end else f"{value}-01-01"
    return ""


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in _NEEDED if c not in (reader.fieldnames or ())]
            if missing:
                raise DataFileError(str(path), 1, "missing column(s) " + ", ".join(missing)
                                    + "; an office-holder table needs " + ", ".join(_NEEDED))
            for n, row in enumerate(reader, 2):
                yield n, {k: (v or "").strip() for k, v in row.items() if k is not None}
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read office-holder table: {exc}") from exc


def _role_place(row: dict[str, str], known: frozenset[str]) -> tuple[str, str] | str:
    """(country, sector) of a row's office, or the reason it is dropped."""
    country, sector, title = row["country"], row["sector"], row["role"]
    if sector not in _SECTORS:
        return f"sector {sector or 'empty'}"
    if country == "IGO":
        if _DROP_IGO.search(title):
            return "international assembly seat"
        if "Court of Justice" in title:
            return "UNO", "JUD"
        if "United Nations" in title:
            return "UNO", "GOV"
        return "", "IGO"
    if country not in known:
        return f"country {country or 'empty'}"
    return country, sector


def _clean_alias(alias: str, titles: tuple[str, ...]) -> str:
    """Source aliases sometimes carry a title ("Foreign Minister Ghani"): the name is the rest."""
    low = alias.lower()
    for t in titles:
        if low.startswith(t + " "):
            return alias[len(t) + 1:].strip()
    return alias


def build_table(paths: Iterable[Path], known_countries: Iterable[str],
                titles: Iterable[str] = ()) -> tuple[list[_Person], BuildSummary]:
    """Read office-holder tables into people with dated roles (see the module docstring)."""
    known = frozenset(known_countries)
    title_words = tuple(sorted({t.lower() for t in titles}, key=len, reverse=True))
    summary = BuildSummary()
    people: dict[str, _Person] = {}
    by_name: dict[tuple[str, str], str] = {}  # (name key, country) -> pid, for id-less rows
    pending: list[tuple[str, dict[str, str]]] = []
    for path in paths:
        for _, row in _rows(Path(path)):
            src = row.get("source_dataset") or Path(path).name
            summary.rows_read[src] += 1
            place = _role_place(row, known)
            if isinstance(place, str):
                summary.dropped[place] += 1
                continue
            name = row["name"]
            if len(name.split()) < 2 or not any(c.isupper() for c in name):
                summary.dropped["one-word or lower-case name"] += 1
                continue
            if row.get("source_id"):
                pid = row["source_id"].replace("bioguide:", "bio-")
                person = people.setdefault(pid, _Person(pid, name))
                by_name.setdefault((name_key(name), place[0]), pid)
                _add_role(person, row, place, src, title_words)
                summary.rows_kept[src] += 1
            else:
                pending.append((src, row))
    for src, row in pending:  # rows with no id join the person of the same name and country
        place = _role_place(row, known)
        assert not isinstance(place, str)
        key = (name_key(row["name"]), place[0])
        pid = by_name.get(key) or f"x-{re.sub(r'[^a-z0-9]+', '-', key[0])}-{key[1].lower()}"
        by_name[key] = pid
        person = people.setdefault(pid, _Person(pid, row["name"]))
        _add_role(person, row, place, src, title_words)
        summary.rows_kept[src] += 1
    out = sorted(people.values(), key=lambda p: p.pid)
    summary.people = len(out)
    summary.roles = sum(len(p.roles) for p in out)
    return out, summary


def _add_role(person: _Person, row: dict[str, str], place: tuple[str, str], src: str,
              titles: tuple[str, ...]) -> None:
    country, sector = place
    names = [row["name"], *row.get("aliases", "").split("|")]
    if country in _DOUBLE_SURNAME and len(row["name"].split()) >= 3:
        names.append(row["name"].rsplit(" ", 1)[0])
    for alias in names:
        alias = _clean_alias(alias.strip(), titles)
        if len(alias.split()) >= 2 and alias != person.name and alias not in person.aliases:
            person.aliases.append(alias)
    start = _iso(row["start"], end=False)
    end = _iso(row["end"], end=True)
    if not end and row["end"] == "" and sector != "ELI":
        asof = _iso(row.get("source_asof", ""), end=False)
        if asof:
            years = OPEN_TERM_YEARS.get(src, _DEFAULT_OPEN_YEARS)
            end = "~" + dt.date.fromisoformat(asof).replace(
                year=int(asof[:4]) + years).isoformat()
    if start and end and end.lstrip("~") < start:
        end = ""
    title = row["role"].replace("\t", " ")
    role = (country, sector, title, start, end)
    if role not in person.roles:
        person.roles.append(role)
    person.sources.add(src)


@lru_cache(maxsize=4096)
def office_key(title: str) -> str:
    """The common name of an office, for "the Russian foreign minister": "Minister of Foreign
    Affairs of Ukraine" -> "foreign minister", "President of Kazakhstan" -> "president".
    (Kept per title: the resolver asks it for every office of a state, each time a phrase
    names "the <state> <title>".)"""
    t = " ".join(title.lower().replace("defence", "defense").replace("-", " ").split())
    t = _OFFICE_OPENS.sub("", t)
    for pattern, key in _OFFICE_PATTERNS:
        if pattern.fullmatch(t):
            return key
    return " ".join(w for w in t.split() if w != "the")


_OF_ANY = r"(?: of (?!state\b).*)?"
_OFFICES = (
    (r"president" + _OF_ANY, "president"),
    (r"vice president" + _OF_ANY, "vice president"),
    (r"prime minister" + _OF_ANY, "prime minister"),
    (r"minister (?:of|for) (?:the )?(?:foreign|external) (?:affairs|relations).*",
     "foreign minister"),
    (r"minister (?:of|for) (?:the )?(?:national )?(?:defense|armed forces).*", "defense minister"),
    (r"minister (?:of|for) (?:the )?(?:interior|internal affairs|home affairs).*",
     "interior minister"),
    (r"minister (?:of|for) (?:the )?finance.*", "finance minister"),
    (r"secretary of defense", "defense secretary"),
    (r"secretary of the treasury", "treasury secretary"),
)
_OFFICE_OPENS = re.compile(r"^(?:acting|interim|the) ")
_OFFICE_PATTERNS = tuple((re.compile(pattern), key) for pattern, key in _OFFICES)
# Offices "the <country> <title>" can name: the built file lists their holders (T lines).
_INDEXED = frozenset(k for _, k in _OFFICES)


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("|", "/").replace(";", ",")


def write_built(people: list[_Person], out: Path, header: Iterable[str]) -> None:
    """Write the built file (deterministic: sorted by person id; gzip without a timestamp).

    One line per person: ``P id keys name aliases country roles`` (keys: the names as
    :func:`name_key` spells them, for matching with or without accents; roles:
    ``|``-separated ``country;sector;start;end;title``). Then one line per holder of a common
    office: ``T country office id start end``."""
    buf = io.StringIO()
    for line in header:
        buf.write(f"# {line}\n")
    offices: list[str] = []
    for p in people:
        country = Counter(r[0] for r in p.roles if r[0]).most_common(1)
        aliases = p.aliases
        roles = sorted(p.roles, key=lambda r: (r[3], r[4], r[2]))
        keys = dict.fromkeys(k for n in (p.name, *aliases) if (k := name_key(n)))
        buf.write("\t".join(("P", p.pid, "|".join(keys), _clean(p.name),
                             "|".join(map(_clean, aliases)),
                             country[0][0] if country else "",
                             "|".join(";".join((c, sec, st, en, _clean(t)))
                                      for c, sec, t, st, en in roles))) + "\n")
        for c, _sec, t, st, en in roles:
            key = office_key(t)
            if c and key in _INDEXED:
                offices.append("\t".join(("T", c, key, p.pid, st, en)))
    buf.write("\n".join(sorted(set(offices))) + "\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                              compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


# --- reading -----------------------------------------------------------------------------------


class BuiltPeople:
    """The office holders of a built file, decoded only when asked for.

    Loading reads the file and indexes names (a few tenths of a second for ~110,000 people);
    a person's roles are parsed the first time the person is looked up."""

    def __init__(self, text: str, where: str) -> None:
        self.where = where
        self._lines: dict[str, str] = {}
        # name_key -> person ids; tuples, not lists: the garbage collector skips a tuple of
        # strings, and a full collection visited these 126,000 lists every time (-20% of
        # its cost with the spaCy model loaded)
        self.names: dict[str, tuple[str, ...]] = {}
        self._office_lines: list[str] = []
        self._offices: dict[tuple[str, str], tuple[tuple[str, str, str], ...]] | None = None
        self._cache: dict[str, Person] = {}
        self._words: tuple[Counter[str], Counter[str]] | None = None
        names = self.names
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line or line[0] == "#":
                continue
            if line[0] == "T":
                self._office_lines.append(line)
                continue
            cells = line.split("\t", 3)
            if cells[0] != "P" or len(cells) != 4 or line.count("\t") != 6:
                raise DataFileError(where, lineno, "expected 'P id keys name aliases country "
                                    "roles' or 'T country office id start end'")
            pid = cells[1]
            self._lines[pid] = line
            for key in cells[2].split("|"):
                ids = names.get(key)
                if ids is None:
                    names[key] = (pid,)
                elif pid not in ids:
                    names[key] = (*ids, pid)
        # The first words of all names, each with the most words a name that starts with it
        # has: a run of capitalised words whose first word is not one of these names no one,
        # so the name search skips it (exact, and ~4x fewer lookups on news text, where most
        # capitalised words are not given names), and it reads no further words than the
        # longest such name holds (40% fewer on the demo corpus).
        longest: dict[str, int] = {}
        for key in names:
            first, _, rest = key.partition(" ")
            words = rest.count(" ") + 2 if rest else 1
            if longest.get(first, 0) < words:
                longest[first] = words
        self.first_words: dict[str, int] = longest

    @classmethod
    def load(cls, path: Path | None = None) -> BuiltPeople | None:
        """The built file shipped in the package (or ``path``); None when there is none."""
        if path is None:
            res = resources.files("detente").joinpath(BUILT_FILE)
            if not res.is_file():
                return None
            data, where = res.read_bytes(), f"detente/{BUILT_FILE}"
        else:
            try:
                data, where = Path(path).read_bytes(), str(path)
            except OSError as exc:
                raise DataFileError(str(path), None,
                                    f"cannot read built actor file: {exc}") from exc
        try:
            return cls(gzip.decompress(data).decode("utf-8"), where)
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise DataFileError(where, None, f"not a gzip UTF-8 file: {exc}") from exc

    def __len__(self) -> int:
        return len(self._lines)

    def __contains__(self, pid: object) -> bool:
        return pid in self._lines

    def ids(self) -> Iterator[str]:
        return iter(self._lines)

    def word_counts(self) -> tuple[Counter[str], Counter[str]]:
        """How many people have each first name and each surname (of their main name),
        counted on first use."""
        if self._words is None:
            first: Counter[str] = Counter()
            last: Counter[str] = Counter()
            for line in self._lines.values():
                words = line.split("\t", 3)[2].split("|", 1)[0].split()
                if words:
                    first[words[0]] += 1
                    last[words[-1]] += 1
            self._words = (first, last)
        return self._words

    def get(self, pid: str) -> Person | None:
        person = self._cache.get(pid)
        if person is None and pid in self._lines:
            person = self._cache[pid] = self._decode(self._lines[pid])
        return person

    def role_count(self) -> int:
        return sum(line.rsplit("\t", 1)[-1].count("|") + 1 for line in self._lines.values())

    def holders(self, country: str, office: str) -> tuple[tuple[str, str, str], ...]:
        """(person id, start, end) of every holder of a common office (see :func:`office_key`)."""
        if self._offices is None:
            offices: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
            for line in self._office_lines:
                _, c, key, pid, start, end = line.split("\t")
                offices.setdefault((c, key), []).append((pid, start, end))
            # tuples, not lists: the garbage collector skips a tuple of tuples of strings
            self._offices = {k: tuple(v) for k, v in offices.items()}
        return self._offices.get((country, office), ())

    def index_all(self) -> None:
        """Count the names and index the offices now, not on first use: a copy kept on disk
        (:mod:`detente.build_cache`) then holds them, and no process that reads it builds
        them again (0.32 and 0.05 s of CPU, paid by every extraction worker)."""
        self.word_counts()
        self.holders("", "")

    @staticmethod
    def _decode(line: str) -> Person:
        _, pid, _, name, aliases, country, raw = line.split("\t")
        parse = dt.date.fromisoformat
        roles = []
        for r in raw.split("|"):
            c, sector, start, end, title = r.split(";", 4)
            roles.append(Role(c or None, sector, None, title, parse(start) if start else None,
                              parse(end.lstrip("~")) if end else None, end.startswith("~")))
        return Person(pid, name, tuple(aliases.split("|")) if aliases else (), None,
                      country or None, None, None, tuple(roles), built=True)


# --- legislatures named in office titles -------------------------------------------------------

_SEAT = re.compile(r"^(?:(?:deputy|substitute|alternate) )?(?:member|deputy|speaker|president|"
                   r"chairman|chair|vice[- ]president) of (?:the )?(?:\d+(?:st|nd|rd|th) )?(.+)$"
                   r"|^(.+?) member$", re.IGNORECASE)
_GENERIC = frozenset([
    "national", "assembly", "senate", "house", "of", "representatives", "chamber", "deputies",
    "parliament", "council", "federal", "state", "legislative", "the", "congress", "people's",
    "general", "regional", "provincial", "supreme", "grand", "republic", "upper", "lower",
    "legislature", "assembly", "commons", "lords", "city", "county", "municipal", "island",
    "district", "european",
])


def legislatures(people: Iterable[_Person], adjectives: dict[str, set[str]],
                 taken: set[str]) -> list[tuple[str, str, list[str]]]:
    """Legislatures named in the titles of LEG offices ("Member of the 11th Riigikogu" ->
    Riigikogu, EST): ``(name, country, aliases)`` for names held by at least three people of
    one state only, that are not generic ("National Assembly") nor already ``taken``.
    ``adjectives``: country -> its adjectives ("Swedish Riksdag" also gives "Riksdag")."""
    seen: dict[str, dict[str, set[str]]] = {}  # name key -> country -> people
    spelled: dict[str, str] = {}
    for p in people:
        for country, sector, title, _, _ in p.roles:
            if sector != "LEG" or not country:
                continue
            m = _SEAT.match(title.strip())
            if m is None:
                continue
            body = (m.group(1) or m.group(2) or "").strip()
            for name in _body_names(body, adjectives.get(country, set())):
                key = name_key(name)
                seen.setdefault(key, {}).setdefault(country, set()).add(p.pid)
                spelled.setdefault(key, name)
    out: dict[str, tuple[str, list[str]]] = {}
    for key, per in seen.items():
        words = set(key.split())
        if len(per) != 1 or words <= _GENERIC or key in taken:
            continue
        (country, pids), = per.items()
        name = spelled[key]
        if len(pids) < 3 or not any(c.isupper() for c in name):
            continue
        out[key] = (country, [name])
    # one body per state and title: the full name, its shorter forms as aliases
    grouped: dict[tuple[str, str], list[str]] = {}
    for key, (country, names) in sorted(out.items(), key=lambda kv: -len(kv[0])):
        parent = next((k for k in grouped if k[0] == country and key in name_key(k[1])), None)
        if parent is not None:
            grouped[parent].append(names[0])
        else:
            grouped[(country, names[0])] = []
    return [(name, country, aliases) for (country, name), aliases in sorted(grouped.items())]


def _body_names(body: str, own: set[str]) -> list[str]:
    """The body's name and its forms without the state ("Sejm of the Republic of Poland" ->
    "Sejm", "Swedish Riksdag" -> "Riksdag"); ``own``: the state's names and adjectives."""
    if not body[:1].isupper():
        return []
    names = [body]
    for state in own:
        for tail in (f" of the {state}", f" of {state}"):
            if body.endswith(tail):
                names.append(body[:-len(tail)])
        if body.startswith(state + " "):
            names.append(body[len(state) + 1:])
    names += [n[:-len(" of the Republic")] for n in names if n.endswith(" of the Republic")]
    # a one-word form must not be an English word ("Estates of Aruba" is not "Estates")
    return [n for i, n in enumerate(names) if n[:1].isupper() and (
        i == 0 or " " in n or (n.lower() not in _GENERIC and not n.endswith("s")))]


def write_bodies(bodies: list[tuple[str, str, list[str]]], out: Path,
                 header: Iterable[str]) -> None:
    """Write legislatures as an ``orgs.tsv`` table (sector LEG)."""
    lines = [f"# {h}" for h in header]
    lines.append("id\tname\taliases\tcountry\tsector\tsector2\tcode\tbloc")
    for name, country, aliases in bodies:
        pid = "leg-" + country.lower() + "-" + re.sub(r"[^a-z0-9]+", "-", name_key(name))
        lines.append("\t".join((pid, _clean(name), "|".join(map(_clean, aliases)), country,
                                "LEG", "", "", "")))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
