"""What a rule of the temporal tagger is, and what its handler may know about a match."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from detente.extract.time.anchors import Anchor
from detente.timeml import Tense

__all__ = ["Context", "Handler", "Rule", "Tagged"]

Tagged = tuple[str, str | None]  # (TIMEX3 type, value)


@dataclass(slots=True)
class Context:
    """What a handler may know about a match besides its text."""

    text: str
    ref: date | None
    tense_of: Callable[[int, int], Tense] = lambda s, e: None
    anchor: str | None = None  # value of the previous DATE in the text, for "a year earlier"
    anchor_end: int = -1
    quarter: str | None = None  # the last quarter named outright ("the third quarter")
    quarter_end: int = -1
    _tense: dict[tuple[int, int], Tense] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> Tense:
        key = m.span()
        if key not in self._tense:
            self._tense[key] = self.tense_of(*key)
        return self._tense[key]


Handler = Callable[[re.Match[str], Context], Tagged | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    anchor: Anchor | None = None  # where its matches can start (anchors.py); None: anywhere
