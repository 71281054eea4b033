"""First-person pronouns in quoted speech: "we" and "I" are whoever says the quote.

The events stage codes "We signed a ceasefire" with the source "We", which names no one by
itself; the quotes stage, which runs after it, knows who says the quote ("Zelenskyy: ...",
"..., the minister said"). :class:`QuotedPersonStage` runs right after the quotes stage and
gives an event's uncoded first-person argument the speaker's actor: "I"/"me" the speaker,
"we"/"us" the speaker's side (an office holder's government: "we" in a president's words is
the state, not the president alone), "our people" the people of the speaker's state. In a
transcript (quotes after speaker labels: "Vance: “...”") "you" is the side of the speaker
of the nearest turn from another state. Second and third person pronouns are left alone: in
speech they may mean anyone (and "you" outside a transcript).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from detente.extract.stage import Draft
from detente.model import Actor, Event, Quote

__all__ = ["QuotedPersonStage", "speaker_pronouns"]

_SINGULAR = frozenset({"i", "me", "my", "myself"})
_PLURAL = frozenset({"we", "us", "our", "ourselves"})
_SECOND = frozenset({"you", "you guys", "you all", "yourself", "yourselves"})
# A transcript turn's speaker label before its quote: "Vance: “", "President Trump: \"".
_LABEL = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w.’'() -]{0,40}:[ \t]*[\"“]?$")
_TRANSNATIONAL = ("IGO", "NGO", "IMG")


def _coded(actor: Actor | None) -> bool:
    return actor is not None and bool(
        actor.country or (actor.code and actor.code.startswith(_TRANSNATIONAL)))


def _side(actor: Actor, speaker: Actor) -> Actor:
    """Whom "we" means in the words of ``speaker``: the speaker's government when the
    speaker holds office (a person of sector GOV), else what the speaker is."""
    if speaker.id is not None and speaker.sector == "GOV" and speaker.country:
        return Actor(text=actor.text, name=speaker.country, code=f"{speaker.country}GOV",
                     country=speaker.country, sector="GOV")
    return dataclasses.replace(speaker, text=actor.text, id=None)


def _as_spoken(actor: Actor | None, speaker: Actor,
               addressee: Actor | None = None) -> Actor | None:
    if actor is None or _coded(actor):
        return None
    word = actor.text.strip().lower()
    if word in _SINGULAR:
        return dataclasses.replace(speaker, text=actor.text)
    if word in _PLURAL:
        return _side(actor, speaker)
    if word in _SECOND and addressee is not None:
        return _side(actor, addressee)
    first, _, rest = word.partition(" ")
    if rest and (first in _SINGULAR or first in _PLURAL) and actor.id is None and \
            speaker.country and actor.sector not in (None, "UNK"):
        # "our people", "my government": the speaker's state's
        return dataclasses.replace(actor, country=speaker.country,
                                   code=f"{speaker.country}{actor.sector}{actor.sector2 or ''}")
    return None


def _addressees(quotes: Sequence[tuple[int, int, Actor]], text: str) -> dict[int, Actor]:
    """For each transcript turn (a quote right after a speaker label, "Vance: “..."), whom
    "you" addresses: the speaker of the nearest turn before it (else after it) from
    another state. Keyed by the quote's start."""
    turns = [(s, a) for s, _, a in quotes if _LABEL.search(text, max(0, s - 60), s)]
    out: dict[int, Actor] = {}
    for k, (start, actor) in enumerate(turns):
        others = [a for _, a in reversed(turns[:k])] + [a for _, a in turns[k + 1:]]
        other = next((a for a in others if a.country != actor.country), None)
        if other is not None:
            out[start] = other
    return out


def speaker_pronouns(events: Sequence[Event], quotes: Sequence[Quote],
                     text: str = "") -> list[Event]:
    """``events`` with every uncoded first-person source or target of an act said inside a
    quote (its trigger within the quote) given the quote speaker's actor, when known; in a
    transcript (``text`` given, quotes after speaker labels) "you" is the other side."""
    # Sorted by position only: two quotes with the same span (a quote reported twice) must
    # not fall back to comparing their actors, which have no order.
    spoken = sorted(((q.start, q.end, q.speaker.actor) for q in quotes
                     if q.kind == "direct" and q.speaker.actor is not None
                     and _coded(q.speaker.actor)), key=lambda t: (t[0], t[1]))
    addressed = _addressees([(s, e, a) for s, e, a in spoken if a is not None], text) \
        if text else {}
    out: list[Event] = []
    for ev in events:
        turn = next(((s, a) for s, e, a in spoken if s <= ev.trigger.start < e), None)
        if turn is None or turn[1] is None:
            out.append(ev)
            continue
        speaker = turn[1]
        source = _as_spoken(ev.source, speaker, addressed.get(turn[0]))
        target = _as_spoken(ev.target, speaker, addressed.get(turn[0]))
        if source is not None and target is not None:
            target = None  # "we ... us": a reflexive act, leave the target as it is
        if source is None and target is None:
            out.append(ev)
            continue
        out.append(dataclasses.replace(ev, source=source or ev.source,
                                       target=target or ev.target))
    return out


class QuotedPersonStage:
    """Pipeline stage after the quotes stage: see :func:`speaker_pronouns`."""

    name = "quoted_persons"
    requires: tuple[str, ...] = ("events", "quotes")
    assigns: tuple[str, ...] = ("events.speakers",)

    def __call__(self, item: Draft) -> Draft:
        record = item.record
        record.events = speaker_pronouns(record.events, record.quotes, item.text)
        return item
