"""Reading counts ("50", "twenty-four", "a couple of", "several") and duration units
("days", "centuries") for the temporal tagger."""

from __future__ import annotations

import re
from collections.abc import Iterable

from detente.extract.time.lexicon import TimeLexicon, Unit

__all__ = ["NumberReader", "alternation"]

_IRREGULAR_PLURALS = {"century": "centuries", "millennium": "millennia"}


def alternation(words: Iterable[str], *, abbrev: bool = False) -> str:
    """A non-capturing regex alternation of ``words``, longest first, spaces matching any
    whitespace; with ``abbrev``, words of up to four letters may end in a period."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in word.split())
        if abbrev and len(word) <= 4 and word.isalpha():
            body = rf"{body}\b\.?"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


class NumberReader:
    """Turns count phrases into numbers (None for vague counts) and unit words into units."""

    def __init__(self, lex: TimeLexicon) -> None:
        self.lex = lex
        # "a"/"an" count one only on their own: "a two-day visit" is two days.
        words = alternation(w for w in lex.numbers if w not in ("a", "an"))
        vague = alternation(lex.vague_numbers)
        digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
        compound = rf"{words}(?:[-\s]+(?:and[-\s]+)?{words})*"
        self.pattern = rf"(?:{digits}|{vague}|\b{compound}|\ban?\b)"
        self._units: dict[str, Unit] = {}
        for name, unit in lex.units.items():
            self._units[name] = unit
            self._units[_IRREGULAR_PLURALS.get(name, name + "s")] = unit
        self.unit_pattern = alternation(self._units) + r"\b"

    @property
    def unit_words(self) -> list[str]:
        """Every unit word the unit pattern spells ("day", "days", "centuries")."""
        return list(self._units)

    def unit(self, word: str) -> Unit | None:
        """The unit a word names ("days" -> D), or None."""
        return self._units.get(word.lower())

    def read(self, text: str) -> float | None:
        """The number a count phrase says, None when it is vague ("several") or unknown."""
        t = re.sub(r"\s+", " ", text.strip().lower())
        if t in self.lex.vague_numbers:
            return None
        if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
            return float(t.replace(",", ""))
        if t in self.lex.numbers:
            return self.lex.numbers[t]
        total = 0.0
        current = 0.0
        for word in re.split(r"[-\s]+", t):
            if word == "and":
                continue
            value = self.lex.numbers.get(word)
            if value is None:
                return None
            if value == 100:
                current = max(current, 1) * 100
            elif value == 1000:
                total += max(current, 1) * 1000
                current = 0
            else:
                current += value
        return total + current or None
