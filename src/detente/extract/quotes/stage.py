"""Quotes: who said what, in direct, indirect and mixed speech, and how well we know them.

Candidates come from :mod:`~detente.extract.quotes.cues` and from quotation marks, merged
per article:

1. reporting verbs from the lexicon ("said", "warned", "believes") whose subject is the
   speaker and whose complement is the content; reporting nouns with a possessor ("Pence's
   call for ..."); prepositional cues ("according to X, ..."); headline colons ("Reid: ...");
2. quoted stretches (curly or straight marks) not already covered, attached to the nearest
   reporting verb in their sentence, to a "X said:" lead-in, or, with no cue at all, to the
   speaker of the quote just before them (newswire continues a speaker's quote over
   paragraphs without repeating the attribution).

A content that is a quoted stretch is ``direct``; reported content holding a quoted fragment
is ``mixed``; the rest is ``indirect``.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from detente.config import ExtractOptions
from detente.errors import DetenteError
from detente.extract.nlp import doc_text
from detente.extract.quotes.cues import (
    MIN_BARE_WORDS,
    Cand,
    colon_candidates,
    cue_span,
    filler,
    name_like,
    noun_candidates,
    phrase_candidates,
    span_of,
    speaker_of,
    verb_candidates,
)
from detente.extract.quotes.lexicon import QuoteLexicon, load_quote_lexicon
from detente.extract.quotes.marks import QuotedSegment, find_quoted
from detente.extract.quotes.speakers import Resolver, SpeakerFinder
from detente.extract.stage import Draft
from detente.extract.tokens import children, sentence
from detente.model import Actor, Mention, Quote, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["QuoteStage", "extract_quotes", "render_quotes", "sourcing_summary"]

_NO_SPEAKER = Speaker(None, None, None, None, None, False)
# A quote with no cue continues the previous quote's speaker if it starts within this many
# characters of it (about two short news paragraphs).
_CONTINUE_CHARS = 600
# A speaker label of a transcript turn: "Vance:", "President Donald Trump:" (4 words).
_LABEL_MAX_WORDS = 4
# A quoted fragment: a word or a phrase ("crazy", "a slow-motion disaster"), not a clause.
_FRAGMENT_WORDS = 6
_STAGE_NOTE = re.compile(r"\s*\([^()]{1,40}\)\s*$")


# --- quoted stretches --------------------------------------------------------------------


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _apply_marks(cands: list[Cand], segs: list[QuotedSegment], text: str) -> set[int]:
    """Turn candidates whose content is a quotation into direct/mixed quotes; returns the
    indices of the segments they use. A mixed candidate remembers its quoted fragments."""
    used: set[int] = set()
    for cand in cands:
        hits = [k for k, s in enumerate(segs)
                if _overlaps(cand.start, cand.end, s.inner_start, s.inner_end)]
        if not hits:
            continue
        # Inside: the quotation lies in the content, marks and all; a short one also when
        # the parse ended the content before its closing mark ('called the vote "crazy."').
        inside = [k for k in hits if cand.start <= segs[k].start and (
            segs[k].end <= cand.end or (segs[k].inner_end <= cand.end and len(
                text[segs[k].inner_start:segs[k].inner_end].split()) <= _FRAGMENT_WORDS))]
        quoted = sum(min(cand.end, s.inner_end) - max(cand.start, s.inner_start)
                     for s in (segs[k] for k in hits))
        cue_out = cand.cue is None or all(
            not _overlaps(cand.cue.start, cand.cue.end, segs[k].start, segs[k].end)
            for k in hits)
        if quoted >= 0.8 * (cand.end - cand.start) and cue_out:
            # The content is the quotation; take the whole of it (a parse only sees the
            # clause, the quote may run over several sentences).
            seg = max((segs[k] for k in hits), key=lambda s: s.inner_end - s.inner_start)
            cand.start, cand.end, cand.kind = seg.inner_start, seg.inner_end, "direct"
            used.add(segs.index(seg))
        elif inside:
            # Reported speech holding a quoted fragment.
            cand.kind = "mixed"
            cand.fragments = [(segs[k].inner_start, segs[k].inner_end) for k in inside]
            used.update(inside)
    return used


def _cue_tokens(doc: Doc, lex: QuoteLexicon, inside_quote: list[bool]) -> list[Token]:
    from spacy.attrs import POS

    verb = doc.vocab.strings["VERB"]  # the part-of-speech symbol's id
    verbs = (doc[int(i)] for i in (doc.to_array(POS) == verb).nonzero()[0])  # no Token per word
    return [t for t in verbs if not inside_quote[t.i]
            and t.lemma_.lower() in lex.verbs and lex.verbs[t.lemma_.lower()].cls != "belief"]


def _bare_cands(doc: Doc, lex: QuoteLexicon, segs: list[QuotedSegment], used: set[int],
                inside_quote: list[bool], prior: list[Cand]) -> list[Cand]:
    """Quoted stretches no reporting verb took as content."""
    text = doc_text(doc)
    cues = _cue_tokens(doc, lex, inside_quote)
    out: list[Cand] = []
    done = sorted(prior, key=lambda c: c.start)
    for k, seg in enumerate(segs):
        if k in used:
            continue
        inner = doc.char_span(seg.inner_start, seg.inner_end, alignment_mode="expand")
        if inner is None:
            continue
        words = [t for t in inner if not t.is_punct and not t.is_space]
        first_sent = sentence(doc[inner.start])
        last_sent = sentence(doc[max(inner.start, inner.end - 1)])
        lo_tok, hi_tok = first_sent.start, last_sent.end
        para_lo = text.rfind("\n", 0, seg.start) + 1
        para_hi = text.find("\n", seg.end)
        para_hi = len(text) if para_hi < 0 else para_hi
        label = _speaker_label(doc, seg, para_lo)
        if label is None and _title_like(words):
            continue
        near = [t for t in cues if lo_tok <= t.i < hi_tok and para_lo <= t.idx < para_hi]
        if not near and last_sent.end < len(doc) and inner.end >= last_sent.end - 2:
            # '"... win!" Sessions said.': the quote closed its own sentence.
            follow = sentence(doc[last_sent.end])
            near = [t for t in cues if follow.start <= t.i < follow.end
                    and t.idx < para_hi and not _has_content(t, lex)]
        lead = _lead_in(doc, seg, cues)
        if label is not None:
            near = [t for t in near if t.idx > seg.start]  # "Trump (talking over X):"
        if label is not None and not near:
            # A transcript turn, 'Vance: "Sure. Yeah."': any length, the label speaks.
            out.append(Cand(seg.inner_start, seg.inner_end, "direct",
                             span_of(text, label[1], label[1] + 1), None, label[0]))
            continue
        if near:
            verb = min(near, key=lambda t: min(abs(t.idx - seg.end), abs(t.idx - seg.start)))
        elif lead is not None:
            verb = lead
        else:
            verb = None
        if verb is not None:
            cue = lex.verbs[verb.lemma_.lower()]
            out.append(Cand(seg.inner_start, seg.inner_end, "direct",
                             cue_span(verb, cue.slots, text), verb.i,
                             speaker_of(verb, lex, inside_quote)))
            continue
        if len(words) < MIN_BARE_WORDS or _title_like(words):
            continue
        before = [c for c in done + out if c.end <= seg.start
                  and seg.start - c.end <= _CONTINUE_CHARS]
        if before:
            prev = max(before, key=lambda c: c.end)
            out.append(Cand(seg.inner_start, seg.inner_end, "direct", None, None,
                             prev.speaker_tok, prev.speaker))
    return out


def _speaker_label(doc: Doc, seg: QuotedSegment, para_lo: int) -> tuple[Token, int] | None:
    """The speaker token and colon offset of a label opening the paragraph right before the
    quote ('Vance: "..."', 'President Trump: "..."'), else None."""
    head = doc_text(doc)[para_lo : seg.start].rstrip()
    if not head.endswith(":"):
        return None
    name = _STAGE_NOTE.sub("", head[:-1])  # "Zelenskyy (sarcastic):"
    if not 0 < len(name.split()) <= _LABEL_MAX_WORDS:
        return None
    span = doc.char_span(para_lo, para_lo + len(name.rstrip()), alignment_mode="contract")
    if span is None or not len(span) or not name_like(span) or any(
            t.pos_ in ("VERB", "AUX") and t.ent_type_ != "PERSON" for t in span):
        return None
    return span.root, para_lo + len(head) - 1


def _title_like(words: Sequence[Token]) -> bool:
    """A short capitalised stretch: a title, show or slogan ("Meet the Press"), not speech.
    6 words: longer quoted stretches in title case are rare outside headlines."""
    long_words = [t for t in words if len(t) >= 4 and t.is_alpha]
    if not long_words or len(words) > 6:
        return False
    return sum(1 for t in long_words if t.text[0].isupper()) >= 0.75 * len(long_words)


def _has_content(verb: Token, lex: QuoteLexicon) -> bool:
    cue = lex.verbs[verb.lemma_.lower()]
    return any(filler(verb, c, cue) is not None for c in children(verb))


def _lead_in(doc: Doc, seg: QuotedSegment, cues: list[Token]) -> Token | None:
    """A reporting verb in the sentence ending with a colon right before the quote."""
    j = seg.start - 1
    text = doc_text(doc)
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    tok = doc.char_span(j, j + 1, alignment_mode="expand")
    if tok is None:
        return None
    sent = sentence(doc[tok.start])
    here = [t for t in cues if sent.start <= t.i < sent.end]
    return here[-1] if here else None


def _fragments(cands: list[Cand], text: str) -> list[Cand]:
    """Each quotation inside reported speech ("called him 'little rocket man'") is also a
    direct quote of its own, with the same cue and speaker: it is the speaker's exact words.
    Sharing the cue keeps it one attribution with the reported content around it. A single
    letter ("voted for 'R'") is a label, not words."""
    return [Cand(a, b, "direct", c.cue, c.cue_tok, c.speaker_tok)
            for c in cands if c.kind == "mixed" for a, b in c.fragments
            if (a, b) != (c.start, c.end) and sum(ch.isalpha() for ch in text[a:b]) >= 2]


# --- assembly ----------------------------------------------------------------------------


def _drop_nested(cands: list[Cand], doc: Doc) -> list[Cand]:
    """An attribution inside another's content is part of that content (PolNeAR-style
    annotation is univocal, and so is a reader's: "X said Y told him Z" is X's claim)."""
    keep = []
    for c in cands:
        if c.cue is None:
            keep.append(c)
            continue
        nested = any(o is not c and o.start <= c.cue.start and c.cue.end <= o.end
                     and (o.end - o.start) > (c.end - c.start) for o in cands)
        if not nested:
            keep.append(c)
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(keep, key=lambda c: (c.start, -c.end)):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        out.append(c)
    return out


def extract_quotes(
    doc: Doc,
    *,
    lexicon: QuoteLexicon,
    mentions: Sequence[Mention] = (),
    published: str | None = None,
    resolve: Resolver | None = None,
    people: Mapping[str, str | None] | None = None,
) -> list[Quote]:
    """Every quote in a parsed document, in text order, speakers resolved. ``people`` maps
    the knowledge base's person ids to their gender (for "he"/"she" speakers)."""
    text: str = doc_text(doc)
    segs = find_quoted(text)
    inside_quote = [False] * len(doc)
    for seg in segs:
        span = doc.char_span(seg.inner_start, seg.inner_end, alignment_mode="contract")
        if span is not None:
            for i in range(span.start, span.end):
                inside_quote[i] = True
    cands = (verb_candidates(doc, lexicon, inside_quote)
             + phrase_candidates(doc, lexicon, inside_quote)
             + noun_candidates(doc, lexicon, inside_quote)
             + colon_candidates(doc, inside_quote))
    used = _apply_marks(cands, segs, text)
    cands = _drop_nested(cands, doc)
    cands += _fragments(cands, text)
    finder = SpeakerFinder(doc, lexicon, mentions=mentions, published=published,
                           resolve=resolve, people=people, inside_quote=inside_quote)
    for c in cands:
        c.speaker = finder.speaker(c.speaker_tok) if c.speaker_tok is not None else None
    cands += _bare_cands(doc, lexicon, segs, used, inside_quote, cands)
    quotes = []
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        speaker = c.speaker
        if speaker is None and c.speaker_tok is not None:
            speaker = finder.speaker(c.speaker_tok)
        quotes.append(Quote(c.start, c.end, text[c.start : c.end], c.kind, c.cue,
                            speaker or _NO_SPEAKER))
    return quotes


def sourcing_summary(quotes: list[Quote]) -> dict[str, int]:
    """How an article sources its claims: quote counts by kind and by speaker type
    (``named``: a speaker resolved or named; ``anonymous``; ``unattributed``: no speaker)."""
    kinds = Counter(q.kind for q in quotes)
    anonymous = sum(1 for q in quotes if q.speaker.anonymous)
    unattributed = sum(1 for q in quotes if q.speaker.text is None)
    return {
        "quotes": len(quotes),
        "named": len(quotes) - anonymous - unattributed,
        "anonymous": anonymous,
        "unattributed": unattributed,
        "direct": kinds["direct"],
        "indirect": kinds["indirect"],
        "mixed": kinds["mixed"],
    }


def _actors_resolver(options: ExtractOptions) -> tuple[Resolver | None, dict[str, str | None]]:
    """The actors layer's resolver (built now, so the stage does no I/O per article) and its
    people's genders by id, or (None, {}) when the actors layer is not installed."""
    try:
        actors = importlib.import_module("detente.extract.actors.resolver")
    except ImportError:
        return None, {}
    resolver = actors.default_resolver(tuple(options.actor_files))
    people = {pid: p.gender for pid, p in resolver.kb.people.items()}

    def resolve(text: str, date: str | None, context: str) -> Actor | None:
        try:
            actor = resolver.resolve(text, date=date, context=context)
        except DetenteError:  # a malformed publication date: leave the speaker unresolved
            return None
        if not isinstance(actor, Actor):
            return None
        if actor.country and actor.sector is None and actor.id is None and \
                not resolver.gazetteer.find(text):
            # a town the tables do not hold is all it names ("the Federal Trade Commission"
            # is not of Federal, Argentina): unknown, as for event arguments
            return None
        return actor

    return resolve, people


class QuoteStage:
    """Pipeline stage adding ``record.quotes``; needs the parse and the actor mentions.

    ``lexicon_files`` are extra quote-lexicon files (named ``*cue_verbs.tsv``,
    ``*cue_nouns.tsv``, ``*cue_phrases.tsv``, ``*anonymous.yaml`` or ``*roles.yaml``)
    layered over the built-in ones. ``resolve`` overrides the actors layer's resolver;
    ``use_actors=False`` leaves speakers not covered by a mention unresolved."""

    name = "quotes"
    requires: tuple[str, ...] = ("doc", "mentions")
    assigns: tuple[str, ...] = ("quotes",)

    def __init__(self, options: ExtractOptions | None = None, *,
                 lexicon_files: Sequence[Path] = (), resolve: Resolver | None = None,
                 use_actors: bool = True) -> None:
        options = options or ExtractOptions()
        self.lexicon = load_quote_lexicon(lexicon_files)
        own, self.people = _actors_resolver(options) if use_actors else (None, {})
        self.resolve = resolve if resolve is not None else own

    def __call__(self, item: Draft) -> Draft:
        item.record.quotes = extract_quotes(
            item.doc, lexicon=self.lexicon, mentions=item.record.mentions,
            published=item.published, resolve=self.resolve, people=self.people,
        )
        return item


def render_quotes(quotes: Sequence[Quote]) -> str:
    """Quotes as readable lines: kind, speaker (role, anonymity, actor), cue, text."""
    lines = []
    for q in quotes:
        sp = q.speaker
        who = sp.text or "(no speaker)"
        if sp.role:
            who += f" [{sp.role}]"
        if sp.anonymous:
            who += " (anonymous)"
        if sp.actor is not None and sp.actor.code:
            who += f" <{sp.actor.code}>"
        cue = q.cue.text if q.cue else "-"
        lines.append(f"{q.kind:<8} {who} | {cue} | {q.text}")
    return "\n".join(lines)
