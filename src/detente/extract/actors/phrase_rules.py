"""Small rules the actor resolver applies to a phrase and to a person's dates in office:
where a phrase's head ends, whether a state it names is only its sponsor ("Iran-backed"),
and the date an undated text is read at for a person."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.extract.actors.gazetteer import Match
from detente.extract.actors.knowledge import Person

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["SPELL_DAYS", "UNDATED_FORMER_YEARS", "days_in_office", "head_end", "in_aside",
           "last_known", "sponsored", "studied"]

# Words that end the head of a noun phrase: what follows qualifies it.
_HEAD_END = re.compile(r"\s(?:of|at|in|from|for|to|with|on|near|inside|outside|who|which|that)\s"
                       r"|[,;(:–—]")
_SPONSORED = re.compile(r"-(?:backed|sponsored|funded|supported|aligned|allied)\b",
                        re.IGNORECASE)


# A field of study or expertise named after a state: "a professor of North Korean studies",
# "a specialist in Russian affairs", "a North Korea expert", "an expert on China".
_FIELD_AFTER = re.compile(r"\s+(?:studies|affairs|history|politics|economy|economics|language|"
                          r"literature|issues)\b", re.IGNORECASE)
_FIELD_BEFORE = re.compile(r"\b(?:of|in|on)\s+(?:the\s+)?$", re.IGNORECASE)
_EXPERT_AFTER = re.compile(r"[\s-]+(?:experts?|watchers?|specialists?|scholars?|hands?)\b",
                           re.IGNORECASE)
_EXPERT_ON = re.compile(r"\b(?:experts?|watchers?|specialists?|scholars?|authority)\s+on\s+"
                        r"(?:the\s+)?$", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,4}$")


def studied(text: str, m: Match) -> bool:
    """A state named as someone's field, not their country: "professor of North Korean
    studies", "an expert on North Korea", "a North Korea expert" (not an abbreviation: "US
    experts" are American)."""
    if m.best.kind not in ("state", "adj"):
        return False
    before = text[max(0, m.start - 30):m.start]
    if _FIELD_AFTER.match(text, m.end) and _FIELD_BEFORE.search(before):
        return True
    if _EXPERT_ON.search(before):
        return True
    name = text[m.start:m.end]
    return m.best.kind == "state" and not _ABBREVIATION.match(name) and \
        bool(_EXPERT_AFTER.match(text, m.end))


def sponsored(text: str, m: Match) -> bool:
    """"pro-Russian", "anti-American", "Iran-backed": the state named is not the actor's."""
    if m.best.kind not in ("state", "adj", "capital", "seat", "city", "region"):
        return False
    return text[max(0, m.start - 5):m.start].lower().endswith(("pro-", "anti-")) or \
        bool(_SPONSORED.match(text, m.end))


# An undated text is taken as recent: someone whose offices all ended longer ago than this
# is a former office holder (Tony Blair), anyone out more recently is taken at their last
# office, since an undated text is as likely to date from it (a round figure, not tuned).
UNDATED_FORMER_YEARS = 10


# Time in office under which someone with a sector of their own (a business leader) goes back
# to it afterwards rather than counting as a former official (a round figure: one year).
SPELL_DAYS = 365


def days_in_office(person: Person) -> int:
    return sum((r.end - r.start).days for r in person.roles
               if r.start is not None and r.end is not None)


def last_known(person: Person) -> dt.date:
    """The date an undated text is read at for a person: today while an office has no end
    or ended more than ten years ago, else the day before the latest end."""
    today = dt.date.today()
    if not person.roles or any(r.end is None for r in person.roles):
        return today
    last = max(r.end for r in person.roles if r.end is not None)
    if last.year < today.year - UNDATED_FORMER_YEARS:
        return today
    return min(today, last - dt.timedelta(days=1))


def head_end(text: str, matches: Sequence[Match]) -> int:
    """Where the head of the phrase ends: the first "of"/"at"/comma... outside a name."""
    for hit in _HEAD_END.finditer(text):
        pos = hit.start()
        if not any(m.start <= pos < m.end for m in matches):
            return pos
    return len(text)


def in_aside(before: Span, after: Span) -> bool:
    """Whether a word stands inside an aside of its sentence (``before`` and ``after`` it):
    after an opening bracket closed later, or between a pair of dashes ("X's threats -- it
    also tested a bomb -- a danger"); a single dash only runs on ("-- when ..., it helped")."""
    depth = 0
    dashes = 0
    for t in before:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif _dash(t):
            dashes += 1
    if depth > 0:
        return any(t.text == ")" for t in after)
    return dashes % 2 == 1 and any(_dash(t) for t in after)


def _dash(t: Token) -> bool:
    return t.text in ("--", "\u2014", "\u2013") or (
        t.text == "-" and bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_))
