"""Deadlines and ultimatums: who gave whom how long to do what, what happens if not, when
it was issued and expires, and which earlier deadline of the same article it revises.

Cues, sentence by sentence (the words live in ``data/time/deadlines.yaml``):
  - a grant: "gave the Kremlin 50 days to halt its offensive", "set a 50-day deadline",
    "set a deadline of Friday", "Russia has until September to agree a deal";
  - an obligation: "must withdraw by March 1";
  - a revision: "shortening the deadline to just ten", "cut his 50-day ultimatum to 12 days";
  - an expiry: "that ultimatum expires this weekend"; compliance: "met the deadline";
  - a threat: "... or face tariffs", "the threat of sweeping tariffs".
Issuer and target come from the actor mentions on the parse (subject; indirect object or
"for" object), a pronoun subject taking the previous sentence's main subject. The issue
date is a day-precise timex attached to the cue verb or to the verb reporting it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from detente.errors import DataFileError
from detente.extract.deadlines.sentence import PRONOUNS, Sentence, is_day
from detente.extract.deadlines.timeline import statuses
from detente.extract.events.dating import precision_of
from detente.extract.nlp import span_text
from detente.extract.stage import Draft
from detente.extract.time.lexicon import load_lexicon
from detente.extract.time.numbers import NumberReader
from detente.extract.tokens import children
from detente.model import Actor, Deadline, Mention, Quote, Span, Timex
from detente.timeml import add_duration, iso_date, parse_duration

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["CUES_FILE", "DeadlineCues", "DeadlineFinder", "DeadlineStage", "load_cues"]

CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "time" / "deadlines.yaml"
_SECTIONS = ("grant", "noun", "window", "shorten", "extend", "expire", "must", "met", "threat",
             "request", "within", "either")
_QUOTE = "[\"“”’']?"
_TO_COUNT = re.compile(r"\bto\s+(?:just|only|a\s+mere|as\s+few\s+as)?\s*(?P<n>[\w-]+)"
                       r"(?:\s+(?P<u>days?|weeks?|months?|hours?))?", re.I)
_DEMAND_STOP = re.compile(r"\s*(?:,|;|\.|\s[-–—]\s|\bbefore\b|\binstead\b|"
                          r"\bor\s+(?:else|face|risk)\b|$)", re.I)
# A cue and its noun this close belong together ("shortening the deadline", "cut his
# original 50-day ultimatum"): 60 characters covers the longest such phrase in the demo
# corpus and the seed article.
_CUE_REACH = 60


@dataclass(frozen=True)
class DeadlineCues:
    """The compiled cue patterns, one per section of the cue file."""

    grant: re.Pattern[str]
    noun: re.Pattern[str]
    window: re.Pattern[str]
    shorten: re.Pattern[str]
    extend: re.Pattern[str]
    expire: re.Pattern[str]
    must: re.Pattern[str]
    met: re.Pattern[str]
    threat: re.Pattern[str]
    request: re.Pattern[str]
    within: re.Pattern[str]
    either: re.Pattern[str]


def load_cues(path: Path = CUES_FILE) -> DeadlineCues:
    """Compile the cue file; a bad entry raises DataFileError naming file and line."""
    try:
        root: Any = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), None, f"not valid YAML: {exc}") from None
    found: dict[str, list[str]] = {}
    for key, node in root.value if isinstance(root, yaml.MappingNode) else []:
        name = str(key.value)
        if name not in _SECTIONS:
            raise DataFileError(str(path), key.start_mark.line + 1, f"unknown section {name!r}")
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise DataFileError(str(path), node.start_mark.line + 1, "expected a list of cues")
        for item in node.value:
            try:
                re.compile(str(item.value))
            except re.error as exc:
                raise DataFileError(str(path), item.start_mark.line + 1,
                                    f"bad pattern {item.value!r}: {exc}") from None
        found[name] = [str(item.value).replace(" ", r"\s+") for item in node.value]
    missing = [s for s in _SECTIONS if s not in found]
    if missing:
        raise DataFileError(str(path), None, f"missing section(s) {', '.join(missing)}")
    compiled = {k: re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I) for k, v in found.items()}
    compiled["threat"] = re.compile(r"\b(?:" + "|".join(found["threat"]) +
                                    r")\s+(?P<threat>[^.;]+)", re.I)
    # A window phrase must end right where the timex begins ("within | 30 days").
    compiled["within"] = re.compile(r"\b(?:" + "|".join(found["within"]) + r")\s+$", re.I)
    compiled["must"] = re.compile(r"\b(?:" + "|".join(found["must"]) + r")\s+(?P<demand>[^,;.]+?)"
                                  r"\s+(?:by|before|until|within)\s*$", re.I)
    return DeadlineCues(**compiled)


@dataclass
class _Pending:
    issuer: Actor
    target: Actor | None
    demand: str | None
    threat: str | None
    issued: str | None
    duration: str | None
    expires: str | None
    revises: int | None  # index of the revised draft
    met: bool
    sentence: SpacySpan
    kind: str = "grant"  # grant | revision


def _is_date(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and t.value is not None and precision_of(t.value) is not None


def _is_duration(t: Timex) -> bool:
    return t.type == "DURATION" and parse_duration(t.value) is not None


class DeadlineFinder:
    """Finds deadlines in a parsed article. Build once."""

    def __init__(self, cues: DeadlineCues | None = None) -> None:
        self.cues = cues or load_cues()
        self.numbers = NumberReader(load_lexicon())

    def find(self, doc: Doc, timexes: Sequence[Timex], mentions: Sequence[Mention],
             published: str | None, article_id: str, quotes: Sequence[Quote] = ()
             ) -> list[Deadline]:
        """The article's deadlines, revisions linked, statuses as of ``published``. The
        quotes (when the quotes layer ran) give who speaks an ultimatum and to whom."""
        drafts: list[_Pending] = []
        pending_threat: str | None = None  # "the threat of tariffs" said before the deadline
        for sent in _lines(doc):
            s = Sentence(sent, [t for t in timexes
                                 if sent.start_char <= t.start and t.end <= sent.end_char],
                          mentions, published)
            rev = self._revision_cue(s)
            draft = self._grant(s, rev.start() if rev else len(s.text), drafts)
            if rev is None:
                draft = (draft or self._must_by(s, drafts) or self._request_by(s)
                         or self._countdown(s, drafts) or self._either_or(s, quotes))
            if draft is not None:
                draft.threat = draft.threat or pending_threat
                _add(drafts, draft)
            revision = self._revision(s, rev, drafts) if rev else None
            if revision is not None:
                revision.kind = "revision"
                _add(drafts, revision)
            if draft is None and revision is None:
                if drafts:
                    self._update_latest(drafts[-1], s)
                elif self.cues.noun.search(s.text):
                    pending_threat = self._threat(s.text) or pending_threat
        for d in drafts:
            if d.target is None:
                # "we are 10 days from hitting this critical deadline": the deadline the
                # same issuer gives someone elsewhere in the article.
                d.target = next((o.target for o in drafts if o.target is not None
                                 and o.issuer.code == d.issuer.code), None)
        out: list[Deadline] = []
        for n, d in enumerate(drafts):
            sent = d.sentence
            out.append(Deadline(
                id=f"{article_id}:deadline{n + 1}", issuer=d.issuer, target=d.target,
                demand=d.demand, issued=d.issued, duration=d.duration,
                expires=d.expires or add_duration(d.issued, d.duration),
                revises=None if d.revises is None else f"{article_id}:deadline{d.revises + 1}",
                status="met" if d.met else "active",
                evidence=Span(sent.start_char, sent.end_char, sent.text), threat=d.threat))
        if published and out:
            found = statuses(out, published)
            out = [replace(d, status=found[d.id]) for d in out]
        return out

    # --- cues ----------------------------------------------------------------------------

    def _revision_cue(self, s: Sentence) -> re.Match[str] | None:
        text = s.text
        found = None
        for cue in [*self.cues.shorten.finditer(text), *self.cues.extend.finditer(text)]:
            noun = self.cues.noun.search(text, cue.end())
            if noun is None or noun.start() - cue.end() > _CUE_REACH:
                continue
            tok = s.token_at(cue.start())
            # "the shortened deadline" names a deadline; it does not shorten one.
            if tok is not None and tok.dep_ == "amod":
                continue
            if found is None or cue.start() > found.start():
                found = cue  # the last one: the fullest statement comes after a headline
        return found

    def _grant(self, s: Sentence, stop: int, drafts: list[_Pending]) -> _Pending | None:
        head = s.text[:stop]
        cues = list(self.cues.grant.finditer(head))
        if not cues:
            return None
        first_duration = next((s.rel(t.start) for t in s.times if _is_duration(t)
                               and s.rel(t.start) > cues[0].end()), None)
        # The grant verb is the one nearest before the window ("the ultimatum issued ...
        # by Trump, who gave Russia 50 days": "gave").
        cue = [c for c in cues if first_duration is None or c.end() <= first_duration][-1]
        noun = self.cues.noun.search(head, cue.end())
        durations = [t for t in s.times if _is_duration(t) and cue.end() <= s.rel(t.start) < stop]
        until = re.search(r"\bha(?:s|ve|d)\s+until\s+", head, re.I)
        by_date = _until_date(s, cue.end(), stop)
        if not durations and noun is None:
            if by_date is None:
                return None
            # "gave Moscow until Friday to halt its offensive or face new sanctions"
            verb = s.token_at(cue.start())
            issuer, target = self._parties(s, verb, drafts)
            if issuer is None:
                return None
            demand = _clause(s.text[s.rel(by_date.end):], r"[^,;.]*?\bto\s+(?=[a-z])")
            return _Pending(issuer, target, demand, self._threat(s.text), s.issue_date(verb),
                            None, _ahead(by_date, s.published), None, False, s.sent)
        expires = None
        if durations:
            dur: Timex | None = durations[0]
            assert dur is not None
            demand = _clause(s.text[s.rel(dur.end):], rf"{_QUOTE}\s+(?:to|in\s+which\s+to)\s+")
            if demand is None and noun is None and until is None:
                return None
        else:
            assert noun is not None
            dur = None
            dates = [t for t in s.times if _is_date(t) and s.rel(t.start) > noun.start()]
            if not dates:
                return None
            expires = _ahead(dates[0], s.published)
            demand = None
        if noun is not None and demand is None:
            demand = _clause(s.text[noun.end():], r"[^,;.]*?\bto\s+(?=[a-z])")
        verb = s.token_at(cue.start())
        issuer, target = self._parties(s, verb, drafts)
        if until is not None:
            demand = demand or _clause(s.text[until.end():], r"[^,;.]*?\bto\s+(?=[a-z])")
            subj = s.token_at(until.start())
            target = target or (self._subject(s, subj) if subj is not None else None)
        if target is None and noun is not None:
            target = s.mention_after(noun.end(), r"[^,;.]{0,40}?\bfor\s+")
        if issuer is None:
            return None
        return _Pending(issuer, target, demand, self._threat(s.text), s.issue_date(verb),
                      dur.value if dur else None, expires, None, False, s.sent)

    def _must_by(self, s: Sentence, drafts: list[_Pending]) -> _Pending | None:
        for t in s.times:
            if not _is_date(t):
                continue
            m = self.cues.must.search(s.text[:s.rel(t.start)])
            if m is None:
                continue
            verb = s.token_at(m.start())
            target = self._subject(s, verb.head) if verb is not None else None
            issuer = drafts[-1].issuer if drafts else self._speaker(s)
            if issuer is None:
                return None
            return _Pending(issuer, target, m.group("demand").strip(), self._threat(s.text), None,
                          None, t.value, None, False, s.sent)
        return None

    def _request_by(self, s: Sentence) -> _Pending | None:
        """A demand with a window: "called on Congress to pass the bill in the next few
        days", "urged Iran to resume talks within 30 days", "ordered the army to leave by
        Friday". Issuer: the demanding verb's subject; target: whom it addresses."""
        for t in s.times:
            span = t.type == "DURATION" and bool(t.value)  # also "the next few days" (PXD)
            if not (_is_date(t) or span):
                continue
            before = s.text[:s.rel(t.start)]
            window = self.cues.within.search(before)
            if window is None:
                continue
            cue = next(iter(reversed(list(self.cues.request.finditer(before)))), None)
            verb = s.token_at(cue.start()) if cue is not None else None
            if verb is None or cue is None:
                continue
            issuer = self._subject(s, verb)
            target = self._addressee(s, verb)
            if issuer is None or target is None or (issuer.code or issuer.text) == (
                    target.code or target.text):
                continue  # the president may give Congress a deadline: codes, not countries
            demand = _clause(s.text[cue.end():window.start()], r"[^,;.]*?\bto\s+(?=[a-z])")
            expires = (add_duration(s.published, t.value) if span
                       else _end_of(t, s.published))
            return _Pending(issuer, target, demand, self._threat(s.text), s.issue_date(verb),
                            t.value if span else None, expires, None, False, s.sent)
        return None

    def _countdown(self, s: Sentence, drafts: list[_Pending]) -> _Pending | None:
        """The time left before a deadline: "we are 10 days from hitting this deadline"
        expires that long after publication."""
        noun = self.cues.noun.search(s.text)
        if noun is None:
            return None
        for t in s.times:
            gap = s.text[s.rel(t.end):noun.start()]
            if _is_duration(t) and s.rel(t.end) <= noun.start() and re.fullmatch(
                    r"\s+(?:away\s+)?(?:from|before|until)\s+(?:\w+ing\s+)?[\w\s]{0,40}",
                    gap, re.I):
                # The deadline already set in the article, else the subject's own ("we are
                # 10 days from hitting this deadline", in a statement demanding it).
                verb = s.token_at(s.rel(t.start))
                issuer = drafts[-1].issuer if drafts else (
                    self._subject(s, verb) if verb is not None else None)
                if issuer is None:
                    return None
                return _Pending(issuer, drafts[-1].target if drafts else None,
                                drafts[-1].demand if drafts else None, self._threat(s.text),
                                None, t.value, add_duration(s.published, t.value), None,
                                False, s.sent)
        return None

    def _either_or(self, s: Sentence, quotes: Sequence[Quote]) -> _Pending | None:
        """An open ultimatum: "you're either going to make a deal or we're out". The
        speaker issues it; "you" is whom the speaker answers (the previous speaker of
        another side in the same exchange), else a mention in the sentence."""
        m = self.cues.either.search(s.text)
        if m is None:
            return None
        start = s.sent.start_char
        said = [q for q in quotes if q.start <= start + m.start() < q.end]
        issuer = said[0].speaker.actor if said else self._speaker(s)
        if issuer is None:
            return None
        target = next((x.actor for x in s.mentions if start <= x.start < s.sent.end_char
                       and not _same_side(x.actor, issuer)), None)
        if target is None:
            earlier = [q for q in quotes if q.end <= start and q.speaker.actor is not None
                       and q.speaker.actor.country]
            target = next((q.speaker.actor for q in reversed(earlier)
                           if not _same_side(q.speaker.actor, issuer)), None)
        if target is None:
            return None
        demand = _clause(s.text[m.start():], r"\w*\s*(?:either\s+)?(?:going\s+to\s+)?")
        return _Pending(issuer, target, demand, m.group("threat").strip() or None, None,
                        None, None, None, False, s.sent)

    def _addressee(self, s: Sentence, verb: Token) -> Actor | None:
        """Whom a demanding verb addresses: its object, the "on" of "call on", or the
        object of "to" ("said to Kyiv")."""
        for child in children(verb):
            if child.dep_ in ("dobj", "dative", "iobj"):
                found = s.mention_in(child)
                if found is not None:
                    return found
            if child.dep_ in ("prep", "prt") and child.lower_ in ("on", "upon", "to"):
                for grand in children(child):
                    found = s.mention_in(grand)
                    if found is not None:
                        return found
        # "call on Congress": the parser may hang "Congress" on the particle's verb.
        after = s.text[s.rel(verb.idx + len(verb)):]
        m = re.match(r"\s+(?:on|upon)\s+", after)
        return s.mention_after(s.rel(verb.idx + len(verb)) + m.end(), "") if m else None

    def _revision(self, s: Sentence, cue: re.Match[str], drafts: list[_Pending]
                  ) -> _Pending | None:
        noun = self.cues.noun.search(s.text, cue.end())
        assert noun is not None
        old = drafts[-1] if drafts else None
        after = [t for t in s.times if s.rel(t.start) >= noun.end()]
        new = next((t for t in after if _is_duration(t)), None)
        duration = new.value if new else self._count(s.text[noun.end():],
                                                     old.duration if old else None)
        expires = None
        if duration is None:
            dates = [t for t in after if is_day(t)]
            if not dates:
                return None
            expires = _ahead(dates[0], s.published)
        verb = s.token_at(cue.start())
        issuer, target = self._parties(s, verb, drafts)
        if old is not None and (issuer is None or not (issuer.id or issuer.country)):
            # Whoever set a deadline changes it: a subject that resolves to no one in
            # particular ("It capped a summer in which Trump gave ..., then cut the
            # deadline", whose "It" reads back to "the two leaders") does not replace them.
            issuer = old.issuer
        if issuer is None:
            return None
        demand = old.demand if old else None
        if demand is None and new is not None:
            demand = _clause(s.text[s.rel(new.end):], rf"{_QUOTE}\s+to\s+")
        return _Pending(issuer, target or (old.target if old else None), demand,
                      self._threat(s.text) or (old.threat if old else None),
                      s.issue_date(verb), duration, expires,
                      len(drafts) - 1 if old else None, False, s.sent)

    def _update_latest(self, latest: _Pending, s: Sentence) -> None:
        if self.cues.met.search(s.text) and self.cues.noun.search(s.text):
            latest.met = True
        window = self.cues.window.search(s.text)
        if window is not None and self.cues.expire.search(s.text):
            dates = [t for t in s.times if _is_date(t) and s.rel(t.start) > window.start()]
            if dates:
                latest.expires = _ahead(dates[0], s.published)
        if latest.threat is None and window is not None:
            latest.threat = self._threat(s.text)

    # --- helpers -------------------------------------------------------------------------

    def _threat(self, text: str) -> str | None:
        m = self.cues.threat.search(text)
        if m is None:
            return None
        return re.split(r"\s[-–—]\s|,", m.group("threat"))[0].strip() or None

    def _count(self, after: str, old: str | None) -> str | None:
        m = _TO_COUNT.search(after)
        if m is None:
            return None
        n = self.numbers.read(m.group("n"))
        if n is None:
            return None
        parsed = parse_duration(old)
        letter = m.group("u")[0].upper() if m.group("u") else (parsed[1] if parsed else "D")
        return f"P{int(n)}{letter}"

    def _parties(self, s: Sentence, verb: Token | None, drafts: list[_Pending]
                 ) -> tuple[Actor | None, Actor | None]:
        if verb is None:
            return (drafts[-1].issuer if drafts else None), None
        issuer = self._subject(s, verb)
        target = None
        for child in children(verb):
            if child.dep_ == "dobj" and self.cues.noun.fullmatch(child.text):
                # "shortened the deadline he gave Russia": the target is in the noun's clause.
                subject = self._subject(s, verb)
                for tok in child.subtree:
                    if tok.i == child.i or tok.dep_ not in ("dobj", "dative", "pobj"):
                        continue
                    found = s.mention_in(tok)
                    if found is not None and not _same_side(found, subject):
                        target = found
                        break
            elif child.dep_ in ("dative", "iobj") or (
                    child.dep_ == "dobj" and not self.cues.noun.fullmatch(child.text)
                    and not child.like_num):
                target = s.mention_in(child)
            elif child.dep_ == "prep" and child.lower_ in ("for", "on", "to"):
                for grand in children(child):
                    target = target or s.mention_in(grand)
            if target is not None:
                break
        if issuer is None and drafts:
            issuer = drafts[-1].issuer
        return issuer, target

    def _subject(self, s: Sentence, verb: Token) -> Actor | None:
        for child in children(verb):
            if child.dep_ == "agent":  # "issued by Trump"
                for grand in children(child):
                    found = s.mention_in(grand)
                    if found is not None:
                        return found
        tok = verb
        for _ in range(4):
            subj = [c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                found = s.mention_in(subj[0])
                if found is not None:
                    return found
                if subj[0].lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                    return s.mention_in(tok.head)  # "Trump, who gave Russia 50 days"
                if subj[0].lower_ in PRONOUNS:
                    return s.previous_subject()
                return Actor(text=subj[0].text)
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return s.previous_subject()

    @staticmethod
    def _speaker(s: Sentence) -> Actor | None:
        for tok in s.sent:
            if tok.dep_ == "nsubj":
                found = s.mention_in(tok)
                if found is not None:
                    return found
        return None


def _same_side(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    if a.country and b.country:
        return a.country == b.country
    return (a.code or a.text) == (b.code or b.text)


def _add(drafts: list[_Pending], new: _Pending) -> None:
    """Append ``new``, or fold it into the latest draft when it restates it: same kind
    (grant or revision), no conflicting duration or expiry, same target (a headline and
    the lead sentence telling the same news)."""
    old = drafts[-1] if drafts else None
    if (old is None or old.kind != new.kind
            or (old.duration and new.duration and old.duration != new.duration)
            or (old.expires and new.expires and old.expires != new.expires)
            or (old.target and new.target and old.target.country != new.target.country)):
        drafts.append(new)
        return
    if new.revises is not None and new.revises == len(drafts) - 1:
        new.revises = old.revises
    filled = sum(x is not None for x in (new.demand, new.issued, new.target))
    if filled > sum(x is not None for x in (old.demand, old.issued, old.target)):
        old.sentence = new.sentence  # the fuller statement is the better evidence
    for name in ("target", "demand", "threat", "issued", "duration", "expires"):
        if getattr(old, name) is None:
            setattr(old, name, getattr(new, name))
    old.met = old.met or new.met


def _lines(doc: Doc) -> list[SpacySpan]:
    """The parse's sentences, cut again at line breaks: a headline, byline or dateline
    glued to the first sentence is a unit of its own."""
    out = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in span_text(sent).split("\n"):
            lo = start + len(piece) - len(piece.lstrip())
            hi = start + len(piece.rstrip())
            span = doc.char_span(lo, hi, alignment_mode="contract") if hi > lo else None
            if span is not None and len(span) > 0:
                out.append(span)
            start += len(piece) + 1
    return out


def _ahead(t: Timex, published: str | None) -> str | None:
    """A deadline's day is ahead of when it is set: a relative day ("Friday") that the
    tagger put before the publication date (tense of "set" is past) moves a week on."""
    day, pub = iso_date(t.value), iso_date(published)
    if day is not None and pub is not None and day < pub and not re.search(r"\d", t.text):
        return (day + timedelta(days=7)).isoformat()
    return t.value


def _clause(after: str, lead: str) -> str | None:
    m = re.match(lead, after, re.I)
    if m is None:
        return None
    rest = after[m.end():]
    stop = _DEMAND_STOP.search(rest)
    demand = rest[:stop.start()] if stop else rest
    return demand.strip() or None


def _until_date(s: Sentence, start: int, stop: int) -> Timex | None:
    """A date right after "until" between ``start`` and ``stop`` ("gave Moscow until
    Friday")."""
    for t in s.times:
        at = s.rel(t.start)
        if _is_date(t) and start <= at < stop and re.search(r"\buntil\s+$", s.text[:at], re.I):
            return t
    return None


def _end_of(t: Timex, published: str | None) -> str | None:
    """The last day a date phrase allows: "by the end of this year" is the year's last
    day; a day is that day (moved ahead as :func:`_ahead` does)."""
    value = t.value or ""
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        day = add_duration(f"{value}-01", "P1M")
        return add_duration(day, "P-1D") if day else None
    return _ahead(t, published)


class DeadlineStage:
    """Pipeline stage: ``record.deadlines`` from the parse, the timexes and the mentions."""

    name = "deadlines"
    requires: tuple[str, ...] = ("doc", "timexes", "mentions")
    assigns: tuple[str, ...] = ("deadlines",)

    def __init__(self, finder: DeadlineFinder | None = None) -> None:
        self.finder = finder or DeadlineFinder()

    def __call__(self, item: Draft) -> Draft:
        rec = item.record
        rec.deadlines = self.finder.find(item.doc, rec.timexes, rec.mentions, item.published,
                                         rec.article.id, rec.quotes)
        return item
