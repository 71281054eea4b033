"""Time expressions: find them, type them and normalize them (TIMEX3, as TimeML writes it).

A rule-based tagger in the HeidelTime manner: the patterns and their normalization
functions live in :mod:`detente.extract.time.rules`, the words in
``data/time/lexicon.yaml``. Relative expressions ("last week", "in February", "Tuesday")
resolve against the publication date, the tense of the governing verb deciding the
direction; with no publication date they keep a null value.

>>> from detente.extract.time.stage import TimexTagger
>>> [(t.text, t.value) for t in TimexTagger().tag("He left last week.", "2025-08-07")]
[('last week', '2025-W31')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from detente.extract.nlp import doc_text
from detente.extract.stage import Draft
from detente.extract.time.anchors import Words, finditer
from detente.extract.time.lexicon import TimeLexicon, load_lexicon
from detente.extract.time.rules import Context, Grammar
from detente.model import Timex
from detente.timeml import Tense, iso_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["TimexStage", "TimexTagger", "doc_tense_of", "text_tense_of"]

TenseOf = Callable[[int, int], Tense]

_FUTURE_VERBS = {"expect", "plan", "schedule", "intend", "aim", "hope", "want", "promise",
                 "threaten", "vow", "pledge", "seek", "agree", "propose", "set", "due",
                 "prepare", "ready", "likely"}
_MODALS = {"would", "could", "may", "might", "should", "can", "must"}
# Words just before a date that put it ahead whatever the verb's tense.
_AHEAD = re.compile(r"(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|next)\s+$",
                    re.I)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n")


def _verb_tense(verb: Token) -> Tense:
    """The tense of a verb from its tag and its auxiliaries (spaCy token)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"}:
        return "future"
    # "could come as early as Tuesday", "would meet on Friday": ahead of the report,
    # unless perfect ("could have met").
    if words & _MODALS and verb.tag_ == "VB" and "have" not in words:
        return "future"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "amod", "advcl", "relcl"):
        return "past"  # "the decision, announced Wednesday": a reduced relative is done
    if verb.tag_ == "VB" and "to" in words and verb.head.i != verb.i:
        head = verb.head
        if head.lemma_ in _FUTURE_VERBS or head.lower_ == "going" or head.lemma_ == "be":
            return "future"
        return _verb_tense(head) if head.pos_ in ("VERB", "AUX") else None
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'s", "'re"}:
        return "present"
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl") and verb.head.i != verb.i:
        return _verb_tense(verb.head)
    return None


def doc_tense_of(doc: Doc) -> TenseOf:
    """A tense function over a spaCy ``Doc``: the tense of the verb governing the span."""

    text = doc_text(doc)

    def tense_of(start: int, end: int) -> Tense:
        if _AHEAD.search(text[max(0, start - 20):start]):
            return "future"
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span.root
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD":
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(tok)
            if tense is not None:
                return tense
        # No governing verb with a tense: the first tensed verb of the sentence.
        for t in tok.sent:
            if t.lower_ in ("will", "'ll", "shall", "wo") and t.tag_ == "MD":
                return "future"
            if t.tag_ == "VBD":
                return "past"
        return None

    return tense_of


def text_tense_of(text: str, lex: TimeLexicon) -> TenseOf:
    """A tense function without a parse: cue words in the span's sentence."""
    future = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex.future_cues) + r")\b", re.I)
    past = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lex.past_cues) + r")\b|"
                      r"\b[a-z]{3,}ed\b", re.I)

    def tense_of(start: int, end: int) -> Tense:
        left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        stop = _SENTENCE_END.search(text, end)
        sentence = text[left:stop.start() if stop else len(text)]
        if future.search(sentence):
            return "future"
        if past.search(sentence):
            return "past"
        return None

    return tense_of


class TimexTagger:
    """Finds and normalizes TIMEX3 expressions. Build once (compiles the rules)."""

    def __init__(self, lexicon: TimeLexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.grammar = Grammar(self.lexicon)

    def tag(self, text: str, published: str | None, *, tense_of: TenseOf | None = None
            ) -> list[Timex]:
        """The time expressions of ``text`` in order, resolved against ``published``."""
        ref = iso_date(published)
        probe = Context(text, ref)
        candidates: list[tuple[int, int, int]] = []  # (start, end, rule index)
        matches: dict[tuple[int, int, int], re.Match[str]] = {}
        words: Words | None = None  # the text's words, for the rules' anchors (anchors.py)
        for index, rule in enumerate(self.grammar.rules):
            if rule.anchor is None:
                found = rule.regex.finditer(text)
            else:
                words = words or Words(text)
                found = finditer(rule.regex, rule.anchor, text, words)
            for m in found:
                if m.end() > m.start() and rule.handler(m, probe) is not None:
                    key = (m.start(), m.end(), index)
                    candidates.append(key)
                    matches[key] = m
        chosen = _longest_first(candidates)
        ctx = Context(text, ref, tense_of or text_tense_of(text, self.lexicon))
        out: list[Timex] = []
        for key in chosen:
            start, end, index = key
            result = self.grammar.rules[index].handler(matches[key], ctx)
            if result is None:
                continue
            kind, value = result
            out.append(Timex(start, end, text[start:end], kind, value))
            if kind == "DATE" and value and value[:1].isdigit():
                ctx.anchor, ctx.anchor_end = value, end
                if self.grammar.rules[index].name == "quarter" and "-Q" in value:
                    ctx.quarter, ctx.quarter_end = value, end
        return out


def _longest_first(candidates: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping candidates, the longest winning, then the earlier rule."""
    taken: list[tuple[int, int, int]] = []
    busy = bytearray()
    for start, end, index in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if len(busy) < end:
            busy.extend(b"\0" * (end - len(busy)))
        if any(busy[start:end]):
            continue
        busy[start:end] = b"\1" * (end - start)
        taken.append((start, end, index))
    return sorted(taken)


class TimexStage:
    """Pipeline stage: ``record.timexes`` from the text, the parse and the publication date."""

    name = "time"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("timexes",)

    def __init__(self, tagger: TimexTagger | None = None) -> None:
        self.tagger = tagger or TimexTagger()

    def __call__(self, item: Draft) -> Draft:
        tense_of = doc_tense_of(item.doc) if item.doc is not None else None
        item.record.timexes = self.tagger.tag(item.text, item.published, tense_of=tense_of)
        return item
