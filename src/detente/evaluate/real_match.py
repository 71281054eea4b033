"""Matching predicted events, quotes and deadlines to the real-news gold (``real_dev``).

Pure functions over plain data, no I/O and no pipeline: :mod:`detente.evaluate.real` loads
the gold and runs detente, this module pairs the two as the gold set's GUIDELINES.md (§9)
says:

- a predicted event belongs to a gold sentence when its evidence span overlaps the
  sentence (located in the text with ``str.find``);
- country level: the category is the gold one or one of its ``alt``; source and target
  compare by country (the first three letters; ``IGO``/``NGO``/``IMG`` codes whole); a gold
  ``---`` matches any prediction, a gold null target matches any target or none; a
  ``symmetric`` gold event may be matched with its two sides swapped;
- strict: exact codes and exact category (no alt); a gold null target wants none, a gold
  ``---`` country still matches any country but the sectors must agree;
- matching is one to one, a maximum bipartite matching (augmenting paths), so a greedy
  choice never costs a pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from detente.model import Actor, Deadline, Event, Quote

__all__ = [
    "GoldDeadline",
    "GoldDoc",
    "GoldEvent",
    "GoldQuote",
    "actor_key",
    "country_of_code",
    "match_events",
    "match_quotes",
    "max_matching",
    "speaker_name_ok",
]

_TRANSNATIONAL = ("IGO", "NGO", "IMG")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_SPACE = re.compile(r"\s+")
_EDGE = " \t\r\n\"'"

# The PLOVER categories and the gold kinds GUIDELINES.md scores by.
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
              "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
              "COERCE", "ASSAULT")
KINDS = ("action", "statement", "threat", "intent", "hypothetical")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str | None
    category: str
    alt: tuple[str, ...]
    kind: str
    negated: bool
    symmetric: bool
    background: bool
    sentence: str
    start: int  # where the sentence is in the article text (-1: not found)

    @property
    def end(self) -> int:
        return self.start + len(self.sentence)

    def code(self) -> str:
        return f"{self.category} {self.source}->{self.target or '-'}"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: str
    speaker_code: str | None
    starts: str
    start: int  # where ``starts`` is in the text (-1: not found)


@dataclass(frozen=True, slots=True)
class GoldDeadline:
    issuer: str
    target: str | None
    expires: str | None
    sentence: str
    start: int


@dataclass(slots=True)
class GoldDoc:
    key: str
    set: str
    title: str
    published: str
    text: str
    author: str | None = None
    events: list[GoldEvent] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    deadlines: list[GoldDeadline] = field(default_factory=list)


def country_of_code(code: str | None) -> str | None:
    """The country-level key of a gold or predicted code: ``USAGOV`` -> ``USA``; IGO, NGO
    and IMG codes whole; None stays None."""
    if not code:
        return None
    if code.startswith(_TRANSNATIONAL):
        return code
    return code[:3]


def actor_key(actor: Actor | None, *, strict: bool = False) -> str | None:
    """A predicted actor as a gold-comparable code (strict: the full code; else the
    country-level key). An actor the coder could not code gives None."""
    if actor is None:
        return None
    code = actor.code
    if code and code.startswith(_TRANSNATIONAL):
        return code
    if not actor.country:
        return None  # "COP", "UNK": a sector alone names no one in particular
    return (code or actor.country) if strict else actor.country


def _side_ok(gold: str | None, pred: Actor | None, *, strict: bool) -> bool:
    if gold is None:
        # A gold null target: anything goes at country level; strict wants none.
        return pred is None if strict else True
    if gold.startswith("---"):
        if not strict:
            return True
        key = actor_key(pred, strict=True)
        return key is not None and key[3:] == gold[3:]
    key = actor_key(pred, strict=strict)
    if key is None:
        return False
    return key == gold if strict else key == country_of_code(gold)


def event_compatible(gold: GoldEvent, pred: Event, *, strict: bool = False,
                     ignore_category: bool = False, ignore_target: bool = False) -> bool:
    """Whether ``pred`` codes ``gold`` (see the module docstring for the rules)."""
    if not ignore_category:
        cats = {gold.category} if strict else {gold.category, *gold.alt}
        if pred.category not in cats:
            return False

    def sides(src: Actor | None, tgt: Actor | None) -> bool:
        return (_side_ok(gold.source, src, strict=strict)
                and (ignore_target or _side_ok(gold.target, tgt, strict=strict)))

    if sides(pred.source, pred.target):
        return True
    return gold.symmetric and pred.target is not None and sides(pred.target, pred.source)


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum one-to-one matching of left to right items (Kuhn's augmenting paths).
    Returns {left: right}. Left items are tried in order, so earlier ones win ties."""
    adj = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def overlaps_gold(pred: Event, gold: GoldEvent) -> bool:
    """Whether the prediction's evidence overlaps the gold sentence."""
    ev = pred.evidence
    return gold.start >= 0 and ev.start < gold.end and gold.start < ev.end


def match_events(gold: Sequence[GoldEvent], preds: Sequence[Event], *, strict: bool = False,
                 ignore_category: bool = False, ignore_target: bool = False) -> dict[int, int]:
    """One-to-one matching {gold index: prediction index} of compatible pairs whose
    evidence overlaps the gold sentence."""
    def ok(i: int, j: int) -> bool:
        return overlaps_gold(preds[j], gold[i]) and event_compatible(
            gold[i], preds[j], strict=strict, ignore_category=ignore_category,
            ignore_target=ignore_target)

    return max_matching(len(gold), len(preds), ok)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip(_EDGE).lower()


def quote_matches(gold: GoldQuote, pred: Quote) -> bool:
    """GUIDELINES §9.5: the predicted quote's text starts with the gold ``starts`` (curly
    and straight marks and whitespace normalized), or the quote begins where ``starts``
    does (within two characters, for a mark kept or dropped)."""
    g, p = _norm(gold.starts), _norm(pred.text)
    if g and (p.startswith(g) or (len(p) >= 12 and g.startswith(p))):
        return True
    return gold.start >= 0 and abs(pred.start - gold.start) <= 2


def match_quotes(gold: Sequence[GoldQuote], preds: Sequence[Quote]) -> dict[int, int]:
    """One-to-one {gold index: prediction index}."""
    return max_matching(len(gold), len(preds), lambda i, j: quote_matches(gold[i], preds[j]))


def speaker_name_ok(gold: GoldQuote, pred: Quote) -> bool:
    """The predicted speaker names the gold speaker: the speaker's words or its resolved
    actor's name contain the other's last word ("Trump" and "President Donald Trump"; "he"
    resolved to Donald Trump); ``anonymous`` wants an anonymous speaker."""
    sp = pred.speaker
    if gold.speaker == "anonymous":
        return sp.anonymous
    g = _norm(gold.speaker).split()
    for name in (sp.text, sp.actor.name if sp.actor else None):
        p = _norm(name or "").split()
        if g and p and (g[-1] in p or p[-1] in g):
            return True
    return False


def speaker_code_ok(gold: GoldQuote, pred: Quote, *, strict: bool = False) -> bool:
    """The speaker's actor has the gold code (country level unless strict); a gold null
    code wants no coded actor."""
    actor = pred.speaker.actor
    if gold.speaker_code is None:
        return actor is None or actor_key(actor) is None
    return _side_ok(gold.speaker_code, actor, strict=strict)


def deadline_matches(gold: GoldDeadline, pred: Deadline) -> bool:
    ev = pred.evidence
    return gold.start >= 0 and ev.start < gold.start + len(gold.sentence) and gold.start < ev.end


def deadline_correct(gold: GoldDeadline, pred: Deadline) -> bool:
    return (_side_ok(gold.issuer, pred.issuer, strict=False)
            and _side_ok(gold.target, pred.target, strict=False)
            and (gold.expires or None) == (pred.expires or None))
