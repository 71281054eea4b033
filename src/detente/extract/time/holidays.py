"""Holidays named in text ("Christmas", "Thanksgiving", "Easter") to calendar dates."""

from __future__ import annotations

from datetime import date, timedelta

from detente.extract.time.lexicon import TimeLexicon
from detente.extract.time.numbers import alternation
from detente.timeml import Tense, easter, nth_weekday

__all__ = ["HolidayResolver"]


class HolidayResolver:
    """Dates of the lexicon's fixed, nth-weekday and Easter-relative holidays."""

    def __init__(self, lex: TimeLexicon) -> None:
        self.lex = lex
        names = [*lex.fixed_holidays, *lex.weekday_holidays, *lex.easter_holidays]
        self.names = names
        self.pattern = alternation(names) if names else r"(?!x)x"

    def on(self, name: str, year: int) -> date:
        """The holiday's date in ``year``."""
        if name in self.lex.fixed_holidays:
            month, day = self.lex.fixed_holidays[name]
            return date(year, month, day)
        if name in self.lex.weekday_holidays:
            month, weekday, n = self.lex.weekday_holidays[name]
            return nth_weekday(year, month, weekday, n)
        return easter(year) + timedelta(days=self.lex.easter_holidays[name])

    def resolve(self, name: str, year: int | None, ref: date | None, tense: Tense) -> date:
        """The holiday in ``year``, else the occurrence nearest ``ref`` in the tense's
        direction (the last one in a past-tense sentence, the next one in a future one)."""
        if year is not None:
            return self.on(name, year)
        assert ref is not None
        this = self.on(name, ref.year)
        if tense == "past" and this > ref:
            return self.on(name, ref.year - 1)
        if tense == "future" and this < ref:
            return self.on(name, ref.year + 1)
        if tense is None and (this - ref).days > 183:
            return self.on(name, ref.year - 1)
        if tense is None and (ref - this).days > 183:
            return self.on(name, ref.year + 1)
        return this
