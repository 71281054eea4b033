"""Deadlines and ultimatums: who gave whom how long to do what, what happens if not, when
it was issued and expires, and which earlier deadline of the same article it revises.

Cues, sentence by sentence:
  - a grant: "gave the Kremlin 50 days to halt its offensive", "set a 30-day deadline";
  - a dated deadline: "set a deadline of Friday", "must withdraw by March 1";
  - a revision: "shortening the deadline to just ten", "extended the deadline by a week";
  - an expiry: "that ultimatum expires this weekend"; compliance: "met the deadline";
  - a threat: "... or face tariffs".
Issuer and target come from the actor mentions on the parse (subject; indirect object or
"for"/"on" object), a pronoun subject taking the previous sentence's subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from detente.analyze.deadlines import add_duration, parse_duration, statuses
from detente.extract.event_dates import precision_of
from detente.extract.pipeline import Annotated
from detente.extract.timex_calendar import parse_iso_date
from detente.extract.timex_lexicon import load_lexicon
from detente.extract.timex_numbers import NumberReader
from detente.model import Actor, Deadline, Mention, Span, Timex

__all__ = ["DeadlineFinder", "DeadlineStage"]

_GRANT = re.compile(r"\b(?:gave|give|gives|giving|given|granted|grants?|allowed|allows?|"
                    r"set|sets|setting|issued|issues?|imposed|imposes?)\b", re.I)
_NOUN = re.compile(r"\b(?:deadline|ultimatum|time\s+limit)s?\b", re.I)
_SHORTEN = re.compile(r"\b(?:shorten\w*|cut|cuts|cutting|reduc\w+|mov\w+\s+up|brought\s+forward|"
                      r"bring\w*\s+forward|advanc\w+|trimm\w+|trim)\b", re.I)
_EXTEND = re.compile(r"\b(?:extend\w*|push\w*\s+back|delay\w*|postpon\w*|prolong\w*)\b", re.I)
_MUST = re.compile(r"\b(?:must|has\s+to|have\s+to|had\s+to|needs?\s+to|was\s+told\s+to|"
                   r"were\s+told\s+to)\s+(?P<demand>[^,;.]+?)\s+(?:by|before|until|within)\s*$",
                   re.I)
_EXPIRE = re.compile(r"\b(?:expir\w+|runs?\s+out|ran\s+out|lapses?|ends?)\b", re.I)
_MET = re.compile(r"\b(?:met|meets|complied\s+with|compl(?:y|ies)\s+with|fulfill?ed)\s+(?:the|"
                  r"its|their|his|her)\s+(?:deadline|ultimatum|demands?)\b", re.I)
_THREAT = re.compile(r"\b(?:or\s+(?:else\s+)?(?:face|risk|see|suffer)|otherwise\s+(?:face|risk)?|"
                     r"under\s+threat\s+of|(?:the\s+)?threat\s+of|threatened\s+(?:to|with))"
                     r"\s+(?P<threat>[^.;]+)", re.I)
_TO_COUNT = re.compile(r"\bto\s+(?:just|only|a\s+mere|as\s+few\s+as)?\s*(?P<n>[\w-]+)"
                       r"(?:\s+(?P<u>days?|weeks?|months?|hours?))?", re.I)
_DEMAND_STOP = re.compile(r"\s*(?:,|;|\.|\s[-–—]\s|\bbefore\b|\bor\s+(?:else|face|risk)\b|$)",
                          re.I)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


@dataclass
class _Draft:
    issuer: Actor
    target: Actor | None
    demand: str | None
    threat: str | None
    issued: str | None
    duration: str | None
    expires: str | None
    revises: str | None
    met: bool
    sentence: Any


class DeadlineFinder:
    """Finds deadlines in a parsed article. Build once."""

    def __init__(self) -> None:
        self.numbers = NumberReader(load_lexicon())
        self._published: str | None = None

    def find(self, doc: Any, text: str, timexes: Sequence[Timex], mentions: Sequence[Mention],
             published: str | None, article_id: str) -> list[Deadline]:
        """The article's deadlines, revisions linked, statuses as of ``published``."""
        self._published = published
        drafts: list[_Draft] = []
        pending_threat: str | None = None  # "the threat of tariffs" said before the deadline
        for sent in doc.sents:
            s_text = sent.text
            s_times = [t for t in timexes if sent.start_char <= t.start and t.end <= sent.end_char]
            draft = self._grant(sent, s_text, s_times, mentions, drafts)
            draft = draft or self._must_by(sent, s_text, s_times, mentions, drafts)
            if draft is not None:
                draft.threat = draft.threat or pending_threat
                drafts.append(draft)
            revision = self._revision(sent, s_text, s_times, mentions, drafts)
            if revision is not None:
                drafts.append(revision)
            if draft is None and revision is None:
                if drafts:
                    self._update_latest(drafts[-1], sent, s_text, s_times)
                elif _NOUN.search(s_text):
                    pending_threat = _threat(s_text) or pending_threat
        out: list[Deadline] = []
        for n, d in enumerate(drafts):
            evidence = Span(d.sentence.start_char, d.sentence.end_char, d.sentence.text)
            out.append(Deadline(
                id=f"{article_id}:deadline{n + 1}", issuer=d.issuer, target=d.target,
                demand=d.demand, issued=d.issued, duration=d.duration,
                expires=d.expires or add_duration(d.issued, d.duration),
                revises=(f"{article_id}:deadline{int(d.revises)}" if d.revises else None),
                status="met" if d.met else "active", evidence=evidence, threat=d.threat))
        if published and out:
            found = statuses(out, published)
            out = [replace(d, status=found[d.id]) for d in out]
        return out

    # --- cue handlers --------------------------------------------------------------------

    def _grant(self, sent: Any, s_text: str, s_times: list[Timex], mentions: Sequence[Mention],
               drafts: list[_Draft]) -> _Draft | None:
        cue = _GRANT.search(s_text)
        durations = [t for t in s_times if t.type == "DURATION" and t.value
                     and parse_duration(t.value)]
        dates = [t for t in s_times if t.type in ("DATE", "TIME") and t.value
                 and precision_of(t.value)]
        noun = _NOUN.search(s_text)
        if cue is None and noun is None:
            return None
        if cue is not None and durations:
            dur = next((t for t in durations if t.start - sent.start_char > cue.start()), None)
            if dur is None:
                return None
            after = s_text[dur.end - sent.start_char:]
            if not re.match(r"\s+(?:to|for|in\s+which\s+to)\b", after) and noun is None:
                return None
            demand = _clause(after, r"\s+(?:to|in\s+which\s+to)\s+")
            verb = _token_at(sent, sent.start_char + cue.start())
            issuer, target = self._parties(sent, verb, mentions, drafts)
            if issuer is None:
                return None
            return _Draft(issuer, target, demand, _threat(s_text), self._issued(dates, dur),
                          dur.value, None, None, False, sent)
        if noun is not None and (durations or dates) and cue is not None:
            verb = _token_at(sent, sent.start_char + cue.start())
            issuer, target = self._parties(sent, verb, mentions, drafts)
            if issuer is None:
                return None
            demand = _clause(s_text[noun.end():], r"[^,;.]*?\bto\s+(?=[a-z])")
            if target is None:
                target = self._target_near(sent, noun.end(), mentions)
            dur_value = durations[0].value if durations else None
            expires = None
            after_noun = [t for t in dates if t.start - sent.start_char > noun.start()]
            if after_noun and not dur_value:
                expires = _ahead(after_noun[0], self._published)
            return _Draft(issuer, target, demand, _threat(s_text), None, dur_value, expires,
                          None, False, sent)
        return None

    def _must_by(self, sent: Any, s_text: str, s_times: list[Timex],
                 mentions: Sequence[Mention], drafts: list[_Draft]) -> _Draft | None:
        for t in s_times:
            if t.type not in ("DATE", "TIME") or not t.value or not precision_of(t.value):
                continue
            m = _MUST.search(s_text[:t.start - sent.start_char])
            if m is None:
                continue
            verb = _token_at(sent, sent.start_char + m.start())
            target = self._mention_for(verb.head if verb is not None else None, mentions, sent,
                                       subject=True)
            issuer = drafts[-1].issuer if drafts else self._speaker(sent, mentions)
            if issuer is None:
                return None
            return _Draft(issuer, target, m.group("demand").strip(), _threat(s_text), None,
                          None, t.value, None, False, sent)
        return None

    def _revision(self, sent: Any, s_text: str, s_times: list[Timex],
                  mentions: Sequence[Mention], drafts: list[_Draft]) -> _Draft | None:
        noun = _NOUN.search(s_text)
        if noun is None or not drafts:
            return None
        old = drafts[-1]
        # Only what follows the latest deadline when it is in this same sentence.
        skip = 0
        if old.sentence.start == sent.start:
            durs = [t for t in s_times if t.value == old.duration]
            skip = durs[0].end - sent.start_char if durs else len(s_text)
        noun = _NOUN.search(s_text, skip)
        if noun is None:
            return None
        shorten, extend = _SHORTEN.search(s_text, skip), _EXTEND.search(s_text, skip)
        cue = shorten or extend
        if cue is None:
            return None
        duration = self._new_duration(s_text[noun.end():], s_times, sent, old.duration)
        expires = None
        dates = [t for t in s_times if t.type in ("DATE", "TIME") and t.value
                 and precision_of(t.value) and t.start - sent.start_char > noun.start()]
        if dates and duration is None:
            expires = _ahead(dates[0], self._published)
        if duration is None and expires is None:
            return None
        verb = _token_at(sent, sent.start_char + cue.start())
        issuer, target = self._parties(sent, verb, mentions, drafts)
        issued = self._issued([t for t in s_times if t.value and precision_of(t.value)],
                              s_times[0]) if s_times else None
        return _Draft(issuer or old.issuer, target or old.target, old.demand,
                      _threat(s_text) or old.threat, issued, duration, expires,
                      str(len(drafts)), False, sent)

    def _update_latest(self, latest: _Draft, sent: Any, s_text: str, s_times: list[Timex]
                       ) -> None:
        if _MET.search(s_text):
            latest.met = True
        if _NOUN.search(s_text) and _EXPIRE.search(s_text):
            for t in s_times:
                if t.type in ("DATE", "TIME") and t.value and precision_of(t.value):
                    latest.expires = t.value
                    break
        if latest.threat is None and _NOUN.search(s_text):
            latest.threat = _threat(s_text)

    # --- helpers -------------------------------------------------------------------------

    def _new_duration(self, after: str, s_times: list[Timex], sent: Any, old: str | None
                      ) -> str | None:
        m = _TO_COUNT.search(after)
        if m is None:
            return None
        n = self.numbers.read(m.group("n"))
        if n is None:
            return None
        if m.group("u"):
            letter = m.group("u")[0].upper()
        else:
            parsed = parse_duration(old)
            letter = parsed[1] if parsed else "D"
        return f"P{int(n)}{letter}"

    @staticmethod
    def _issued(dates: list[Timex], near: Timex) -> str | None:
        days = [t for t in dates if t.value and precision_of(t.value) == "day"]
        if not days:
            return None
        best = min(days, key=lambda t: abs(t.start - near.start))
        return best.value[:10] if best.value else None

    def _parties(self, sent: Any, verb: Any, mentions: Sequence[Mention],
                 drafts: list[_Draft]) -> tuple[Actor | None, Actor | None]:
        if verb is None:
            return None, None
        issuer = self._mention_for(verb, mentions, sent, subject=True)
        target = None
        for child in verb.children:
            if child.dep_ in ("dative", "iobj") or (
                    child.dep_ == "dobj" and child.lower_ not in ("deadline", "ultimatum")
                    and not child.like_num):
                target = self._mention_in(child, mentions)
            elif child.dep_ == "prep" and child.lower_ in ("for", "on", "to"):
                for grand in child.children:
                    target = target or self._mention_in(grand, mentions)
            if target is not None:
                break
        if issuer is None and drafts:
            issuer = drafts[-1].issuer
        return issuer, target

    def _mention_for(self, verb: Any, mentions: Sequence[Mention], sent: Any, *,
                     subject: bool) -> Actor | None:
        tok = verb
        for _ in range(4):
            if tok is None:
                return None
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                found = self._mention_in(subj[0], mentions)
                if found is not None:
                    return found
                if subj[0].lower_ in _PRONOUNS:
                    return self._previous_subject(sent, mentions)
                return Actor(text=subj[0].text)
            if tok.head is tok:
                break
            tok = tok.head
        return self._previous_subject(sent, mentions)

    def _previous_subject(self, sent: Any, mentions: Sequence[Mention]) -> Actor | None:
        doc = sent.doc
        start = sent.start
        while start > 0:
            prev = doc[start - 1].sent
            # The main clause's subject first: a centering guess at what "he" refers to.
            for tok in [*(c for c in prev.root.children), *prev]:
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in _PRONOUNS:
                    found = self._mention_in(tok, mentions)
                    if found is not None:
                        return found
            start = prev.start
            if sent.start - start > 120:
                break
        return None

    def _speaker(self, sent: Any, mentions: Sequence[Mention]) -> Actor | None:
        for tok in sent:
            if tok.dep_ == "nsubj":
                found = self._mention_in(tok, mentions)
                if found is not None:
                    return found
        return None

    def _target_near(self, sent: Any, char: int, mentions: Sequence[Mention]) -> Actor | None:
        """The actor of a "for X" right after the deadline noun ("a deadline of Friday for
        Iran to ...")."""
        m = re.search(r"\bfor\s+", sent.text[char - sent.start_char:])
        if m is None:
            return None
        at = char + m.end()
        for mention in mentions:
            if mention.start == at:
                return mention.actor
        return None

    @staticmethod
    def _mention_in(tok: Any, mentions: Sequence[Mention]) -> Actor | None:
        lo = tok.left_edge.idx
        hi = tok.right_edge.idx + len(tok.right_edge)
        head_lo, head_hi = tok.idx, tok.idx + len(tok)
        inside = [m for m in mentions if lo <= m.start and m.end <= hi]
        for m in inside:
            if m.start <= head_lo and head_hi <= m.end:
                return m.actor
        return inside[0].actor if inside else None


def _ahead(t: Timex, published: str | None) -> str | None:
    """A deadline's day is ahead of when it is set: a relative day ("Friday") that the
    tagger put before the publication date (tense of "set" is past) moves a week on."""
    value = t.value
    day = parse_iso_date(value)
    pub = parse_iso_date(published)
    if day is not None and pub is not None and day < pub and not re.search(r"\d", t.text):
        return (day + timedelta(days=7)).isoformat()
    return value


def _token_at(sent: Any, char: int) -> Any:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok):
            return tok
    return None


def _clause(after: str, lead: str) -> str | None:
    m = re.match(lead, after, re.I)
    if m is None:
        return None
    rest = after[m.end():]
    stop = _DEMAND_STOP.search(rest)
    demand = rest[:stop.start()] if stop else rest
    return demand.strip() or None


def _threat(s_text: str) -> str | None:
    m = _THREAT.search(s_text)
    if m is None:
        return None
    return re.split(r"\s[-–—]\s|,", m.group("threat"))[0].strip() or None


class DeadlineStage:
    """Pipeline stage: ``record.deadlines`` from the parse, the timexes and the mentions."""

    name = "deadlines"
    requires: tuple[str, ...] = ("doc", "timexes", "mentions")
    assigns: tuple[str, ...] = ("deadlines",)

    def __init__(self, finder: DeadlineFinder | None = None) -> None:
        self.finder = finder or DeadlineFinder()

    def __call__(self, item: Annotated) -> Annotated:
        rec = item.record
        rec.deadlines = self.finder.find(item.doc, item.text, rec.timexes, rec.mentions,
                                         item.published, rec.article.id)
        return item
