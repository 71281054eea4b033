"""Deadlines over time: when one expires, how many days are left, what its status is on a
given date, and which later deadline revises which earlier one across articles.

Pure functions over plain lists of :class:`~detente.model.Deadline` records (the store
passes what it reads), so they run the same on one article and on a whole database.

Statuses: ``active`` (running), ``expired`` (its day has passed), ``met`` (the text says it
was complied with), and for a deadline a later one revises: ``shortened`` (the revision
expires earlier), ``extended`` (later) or ``superseded`` (replaced, same or unknown expiry).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from detente.model import Actor, Deadline
from detente.timeml import expiry_date, iso_date, parse_duration

__all__ = [
    "STATUSES",
    "canonical",
    "countdown",
    "link_revisions",
    "same_actor",
    "same_party",
    "status_as_of",
    "statuses",
]

STATUSES = ("active", "expired", "met", "superseded", "extended", "shortened")

# Demands sharing at least a quarter of their content words read as the same demand
# ("halt its offensive" / "halt the offensive in Ukraine").
_DEMAND_OVERLAP = 0.25


def countdown(deadline: Deadline, as_of: str | date) -> int | None:
    """Days left until the deadline expires, as of a date (0 on the day itself, negative
    once passed); None when its expiry is unknown."""
    end = expiry_date(deadline.expires)
    today = as_of if isinstance(as_of, date) else iso_date(as_of)
    if end is None or today is None:
        return None
    return (end - today).days


def status_as_of(deadline: Deadline, as_of: str | date, *, revised_by: Deadline | None = None
                 ) -> str:
    """The status of one deadline on ``as_of``, given the deadline that revises it (if any).

    A deadline recorded as ``met`` stays met."""
    if deadline.status == "met":
        return "met"
    if revised_by is not None:
        old, new = expiry_date(deadline.expires), expiry_date(revised_by.expires)
        if old is not None and new is not None and old != new:
            return "shortened" if new < old else "extended"
        old_d, new_d = _days(deadline.duration), _days(revised_by.duration)
        if old_d is not None and new_d is not None and old_d != new_d:
            return "shortened" if new_d < old_d else "extended"
        return "superseded"
    left = countdown(deadline, as_of)
    if left is not None and left < 0:
        return "expired"
    return "active"


def _days(duration: str | None) -> float | None:
    parsed = parse_duration(duration)
    if parsed is None:
        return None
    factor = {"D": 1, "W": 7, "M": 30.4, "Y": 365.25, "H": 1 / 24, "S": 1 / 86400}
    return parsed[0] * factor.get(parsed[1], 1 / 1440)


def canonical(deadlines: Sequence[Deadline]) -> dict[str, str]:
    """Map each deadline id to the first deadline it restates (itself if none): same
    parties, similar demand, same window (see :func:`link_revisions`). Articles retell
    the same ultimatum; its status is the status of the first report."""
    order = sorted(deadlines, key=lambda d: iso_date(d.issued) or date.max)
    out: dict[str, str] = {}
    for pos, d in enumerate(order):
        out[d.id] = d.id
        for earlier in order[:pos]:
            if (out[earlier.id] == earlier.id and not d.revises
                    and _same_window(earlier, d) and same_party(earlier.issuer, d.issuer)
                    and same_party(earlier.target, d.target)
                    and _similar(earlier.demand, d.demand)):
                out[d.id] = earlier.id
                break
    return out


def statuses(deadlines: Sequence[Deadline], as_of: str | date) -> dict[str, str]:
    """Status of every deadline on ``as_of``; a revision only counts once it is issued
    (its issue date, when known, is on or before ``as_of``). A restatement of a deadline
    (:func:`canonical`) shares its status."""
    today = as_of if isinstance(as_of, date) else iso_date(as_of)
    by_id = {d.id: d for d in deadlines}
    first = canonical(deadlines)
    revised_by: dict[str, Deadline] = {}
    for d in deadlines:
        issued = iso_date(d.issued)
        if d.revises in by_id and (issued is None or today is None or issued <= today):
            revised_by[first[d.revises]] = d
    return {d.id: status_as_of(by_id[first[d.id]], as_of, revised_by=revised_by.get(first[d.id]))
            if d.status != "met" else "met" for d in deadlines}


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Whether two actors are the same by id, else code, else name, else text."""
    if a is None or b is None:
        return a is None and b is None
    for key in ("id", "code", "name"):
        x, y = getattr(a, key), getattr(b, key)
        if x and y:
            return bool(x == y)
    return a.text.lower() == b.text.lower()


def same_party(a: Actor | None, b: Actor | None) -> bool:
    """Whether two actors may stand for the same party of a deadline: the same country
    when both have one ("Russia", "Moscow" and "the Kremlin" all answer for RUS), else
    :func:`same_actor`; an unknown (None) party matches any."""
    if a is None or b is None:
        return True  # an unknown party does not tell two deadlines apart
    if a.country and b.country:
        return a.country == b.country
    return same_actor(a, b)


def _same_window(a: Deadline, b: Deadline) -> bool:
    """Whether ``b`` restates ``a`` rather than changing it: same duration (an undated
    restatement or the same issue day), or the same expiry."""
    if a.expires and b.expires and expiry_date(a.expires) == expiry_date(b.expires):
        return True
    if a.duration and a.duration == b.duration:
        return b.issued is None or a.issued is None or a.issued == b.issued
    return False


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if len(w) > 2}


def _similar(a: str | None, b: str | None) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return True
    return len(wa & wb) / len(wa | wb) >= _DEMAND_OVERLAP


def link_revisions(items: Sequence[tuple[Deadline, str | None]]) -> list[Deadline]:
    """Set ``revises`` across articles: each deadline without one revises the latest
    earlier deadline (by issue date, else article date) from the same issuer to the same
    target (:func:`same_party`) with a similar demand, unless it only restates it (same
    duration or same expiry: then it is left unlinked). ``items`` pairs each deadline with
    its article's date; the result keeps the input order."""

    def when(item: tuple[Deadline, str | None]) -> date:
        return iso_date(item[0].issued) or iso_date(item[1]) or date.min

    order = sorted(range(len(items)), key=lambda i: when(items[i]))
    out = [d for d, _ in items]
    first = canonical(out)
    for pos, i in enumerate(order):
        d = items[i][0]
        if d.revises:
            continue
        if any(_same_window(items[j][0], d) and same_party(items[j][0].issuer, d.issuer)
               and same_party(items[j][0].target, d.target) for j in order[:pos]):
            continue  # a later article recalling an earlier deadline, not changing it
        for j in reversed(order[:pos]):
            earlier = items[j][0]
            if not (when(items[j]) < when(items[i]) and same_party(earlier.issuer, d.issuer)
                    and same_party(earlier.target, d.target)
                    and _similar(earlier.demand, d.demand)):
                continue
            if _same_window(earlier, d):
                break  # the same deadline reported again: no revision
            out[i] = dataclasses.replace(d, revises=first.get(earlier.id, earlier.id))
            break
    return out
