"""Which state a city name is in: the city index built from GeoNames (``write_cities``, run by
``scripts/build_actors.py``) and read by the resolver (:class:`Cities`), for phrases that name
nothing else ("Santa Marta Self Defense Forces" = COL)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from detente.extract.actors.built import name_key

__all__ = ["CITIES_FILE", "Cities", "write_cities"]

CITIES_FILE = "data/actors/built/cities.tsv.gz"


def write_cities(rows: Iterable[tuple[str, str, int, bool]], out: Path,
                 header: Iterable[str]) -> int:
    """Write the city index from ``(name, country, population, primary)`` rows (primary: the
    city's own name, else an alternative spelling): one ``name-key country`` line per name
    that points to one state. A name several cities share belongs to the most populous only
    when it is three times the next one abroad; a city's own name beats another city's
    alternative spelling. Returns the number of names written."""
    best: dict[str, dict[str, tuple[int, int]]] = {}  # key -> country -> (primary, pop)
    for name, country, pop, primary in rows:
        per = best.setdefault(name_key(name), {})
        per[country] = max(per.get(country, (0, 0)), (int(primary), int(pop)))
    lines = []
    for key, per in sorted(best.items()):
        ranked = sorted(per.items(), key=lambda kv: kv[1], reverse=True)
        (top, (prim, pop)), rest = ranked[0], ranked[1:]
        if len(key) > 3 and (not rest or rest[0][1][0] < prim or pop >= 3 * rest[0][1][1]):
            lines.append(f"{key}\t{top}")
    text = "".join(f"# {h}\n" for h in header) + "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                              compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return len(lines)


# English determiners, quantifiers and pronouns that are also town names ("Most", "Many").
_FUNCTION_WORDS = frozenset({
    "all", "any", "both", "each", "every", "few", "many", "more", "most", "much", "no",
    "none", "other", "others", "several", "some", "such", "that", "these", "this", "those",
    "what", "which", "who", "whose", "it", "we", "they", "he", "she", "you", "our", "their",
    "his", "her", "its", "my", "your", "one", "once", "only", "also", "after", "before",
    "as", "at", "by", "for", "if", "in", "on", "so", "then", "there", "when", "while",
})

# A compass word alone opens a region's name ("North Rhine-Westphalia", "North Kivu"): it is
# not read as the town it also names.
_COMPASS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
})

# A word alone that is not read as a town (the union made once, not for every word).
_NOT_TOWNS = _FUNCTION_WORDS | _COMPASS


class Cities:
    """Which state a city name is in (GeoNames cities of 15,000 people or more), for phrases
    that name nothing else: "Santa Marta Self Defense Forces" = COL (see :func:`write_cities`
    for shared names)."""

    def __init__(self, text: str) -> None:
        self._index: dict[str, str] = dict(
            line.split("\t", 1) for line in text.split("\n") if line and line[0] != "#")

    @classmethod
    def load(cls) -> Cities | None:
        res = resources.files("detente").joinpath(CITIES_FILE)
        if not res.is_file():
            return None
        return cls(gzip.decompress(res.read_bytes()).decode("utf-8"))

    def country_in(self, text: str, words: Iterable[tuple[int, int]] = (),
                   ) -> tuple[str, str] | None:
        """(city, country) of the first city named in ``text`` (capitalised words, longest
        first), or None. ``words``: spans of known words ("Police", the agent word, is not
        the Polish town): a city name inside one of them is not read as a city."""
        toks = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        known = list(words)
        for i, (a, _) in enumerate(toks):
            if not text[a].isupper():
                continue
            for j in range(min(len(toks), i + 4) - 1, i - 1, -1):
                b = toks[j][1]
                if not text[toks[j][0]].isupper() or any(s <= a and b <= e for s, e in known):
                    # inside a known word: "Police officers" is the agent word "police
                    # officer" capitalised at the start of a sentence, not the Polish town
                    continue
                span = text[a:toks[j][1]]
                if j == i and span.lower() in _NOT_TOWNS:
                    continue  # "Most countries" is not the Czech town of Most
                country = self._index.get(name_key(span))
                if country is not None:
                    return span, country
        return None
