"""Dating events: each event takes the date of the time expression that governs its
trigger in its clause, else the publication date widened to its week (news reports what
happened in the days before it was published), else no date.

The governing expression is found on the dependency parse: a DATE (or TIME) timex whose
chain of heads reaches the trigger before it reaches another verb, or failing that one
attached to the verb that governs a noun trigger ("held talks on Friday").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.extract.stage import Draft
from detente.extract.tokens import children, sentence
from detente.model import Event, EventDate, Timex
from detente.timeml import fmt, iso_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["EventDatingStage", "date_event", "precision_of", "publication_date"]

_CLAUSE_POS = ("VERB", "AUX")


def precision_of(value: str) -> str | None:
    """The precision of a TIMEX3 DATE/TIME value: day, week, month or year; None when the
    value is no calendar date (PRESENT_REF, a duration...)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    # Quarters, halves and seasons are coarser than a month: the year is the finest
    # precision that does not overstate them.
    if re.fullmatch(r"\d{4}(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?", value):
        return "year"
    return None


def publication_date(published: str | None) -> EventDate:
    """The fallback date: the publication date's ISO week, or null without one."""
    day = iso_date(published)
    if day is None:
        return EventDate(None, None, None)
    return EventDate(fmt(day, "week"), "week", None)


def _usable(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and t.value is not None and precision_of(t.value) is not None


def _to_date(t: Timex) -> EventDate:
    assert t.value is not None
    value = t.value.split("T")[0] if "T" in t.value else t.value
    return EventDate(value, precision_of(t.value), t.text)


def _governor(tok: Token) -> Token:
    """The first verb at or above ``tok``."""
    for _ in range(12):
        if tok.pos_ in _CLAUSE_POS or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _reaches(tok: Token, target: Token) -> int | None:
    """Steps from ``tok`` up to ``target`` without crossing another verb, else None."""
    steps = 0
    while True:
        if tok.i == target.i:
            return steps
        if tok.head.i == tok.i or (steps > 0 and tok.pos_ in _CLAUSE_POS):
            return None
        tok = tok.head
        steps += 1
        if steps > 12:
            return None


def date_event(event: Event, timexes: Sequence[Timex], doc: Doc | None, published: str | None
               ) -> EventDate:
    """The date of one event (see the module docstring)."""
    usable = [t for t in timexes if _usable(t)]
    if usable and doc is not None:
        trig = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trig is not None and len(trig) > 0:
            found = _governing(trig.root, usable, doc)
            if found is not None:
                return _to_date(found)
    elif usable:
        inside = [t for t in usable
                  if event.evidence.start <= t.start and t.end <= event.evidence.end]
        if inside:
            best = min(inside, key=lambda t: abs(t.start - event.trigger.start))
            return _to_date(best)
    return publication_date(published)


def _governors(trigger: Token) -> list[Token]:
    """The verb governing the trigger, then the verbs above it across non-finite clauses
    with no subject of their own ("declared last week, calling on Putin"), never across
    a reported clause ("said Monday that the troops withdrew")."""
    chain = [_governor(trigger)]
    while len(chain) < 4:
        verb = chain[-1]
        if (verb.dep_ not in ("advcl", "xcomp", "conj") or verb.tag_ not in ("VBG", "VBN", "VB")
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb))
                or verb.head.i == verb.i):
            break
        chain.append(_governor(verb.head))
    return chain


def _governing(trigger: Token, timexes: Sequence[Timex], doc: Doc) -> Timex | None:
    sent = sentence(trigger)
    governors = _governors(trigger)
    best: tuple[int, Timex] | None = None
    for t in timexes:
        if t.start < sent.start_char or t.end > sent.end_char:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        steps = _reaches(root, trigger)
        for level, governor in enumerate(governors, start=1):
            if steps is not None:
                break
            if governor.i != trigger.i:
                reach = _reaches(root, governor)
                steps = None if reach is None else reach + 10 * level
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, t)
    return best[1] if best else None


class EventDatingStage:
    """Pipeline stage: fills ``Event.date`` for every event of the record."""

    name = "event_dates"
    requires: tuple[str, ...] = ("events", "timexes")
    assigns: tuple[str, ...] = ("events.date",)

    def __call__(self, item: Draft) -> Draft:
        rec = item.record
        rec.events = [
            dataclasses.replace(e, date=date_event(e, rec.timexes, item.doc, item.published))
            for e in rec.events
        ]
        return item
