"""Quotes: who said what, in direct, indirect and mixed speech, and how well we know them.

Three sources of candidates, merged per article:

1. reporting verbs from the lexicon ("said", "warned", "believes") whose subject is the
   speaker and whose clausal complement is the content;
2. prepositional cues ("according to X, ...") whose object is the speaker;
3. quoted stretches (curly or straight marks) not already covered, attached to the nearest
   reporting verb in their sentence, to a "X said:" lead-in, or, with no cue at all, to the
   speaker of the quote just before them (newswire continues a speaker's quote over
   paragraphs without repeating the attribution).

A content that is a quoted stretch is ``direct``; reported content holding a quoted fragment
is ``mixed``; the rest is ``indirect``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions
from detente.errors import DetenteError
from detente.extract.pipeline import Annotated
from detente.extract.quote_lexicon import CueVerb, QuoteLexicon, load_quote_lexicon
from detente.extract.quote_marks import QuotedSegment, find_quoted
from detente.extract.quote_speakers import Resolver, SpeakerFinder
from detente.model import Actor, Mention, Quote, Span, Speaker

__all__ = ["QuoteStage", "extract_quotes", "quote_text", "render_quotes", "sourcing_summary"]

_NO_SPEAKER = Speaker(None, None, None, None, None, False)
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CUE_PARTS = frozenset({"aux", "auxpass", "neg", "prt"})
# Verbs addressed to someone carry the addressee in the cue ("told The New York Diplomat").
_ADDRESSED = frozenset({"tell", "inform", "assure", "remind", "advise", "warn", "urge", "ask"})
# Quoted stretches shorter than this with no reporting verb are scare quotes, titles or
# nicknames ("Trumpism"), not quotations. 4 words: the shortest quoted sentences in news
# ("We will win.") are about that long.
_MIN_BARE_WORDS = 4
# A quote with no cue continues the previous quote's speaker if it starts within this many
# characters of it (about two short news paragraphs).
_CONTINUE_CHARS = 600
# "Name: what they said" only when the name is short (a headline label: 6 words covers
# "Former Attorney General Eric Holder"), and only to the end of a short line.
_COLON_MAX_WORDS = 6
_COLON_MAX_CHARS = 300
# Content must hold at least this many tokens ("said so" is not a quote).
_MIN_CONTENT_TOKENS = 2


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    cue: Span | None
    cue_tok: int | None  # token index of the cue head, for nesting checks
    speaker_tok: Any  # spaCy Token or None
    speaker: Speaker | None = None


def _char_range(tokens: Sequence[Any]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


# --- reporting verbs ---------------------------------------------------------------------


def _subject(verb: Any, inside_quote: Sequence[bool] = ()) -> Any:
    """The speaker token of a reporting verb, climbing through coordination, participles
    and relative clauses ("Trump said X and added Y", "..., saying Y", "Nina, who said").
    A subject inside quotation marks is a misparse of the quote itself ('"That," he said'):
    then the word next to the verb is taken ("said Mr. X", "he said")."""
    def quoted(tok: Any) -> bool:
        return bool(inside_quote) and inside_quote[tok.i]

    start = verb
    misparsed = False
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj") and quoted(child):
                misparsed = True
            elif child.dep_ in ("nsubj", "csubj"):
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    return verb.head
                return child
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return _adjacent_subject(start) if misparsed else None


def _adjacent_subject(verb: Any) -> Any:
    doc = verb.doc
    for i in (verb.i + 1, verb.i - 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "PRON", "NOUN"):
            tok = doc[i]
            while tok.dep_ == "compound" and tok.head.i != tok.i:
                tok = tok.head
            return tok
    return None


def _cue_span(verb: Any, slots: frozenset[str], text: str) -> Span:
    toks = [verb]
    for child in verb.children:
        if child.dep_ in _CUE_PARTS and abs(child.i - verb.i) <= 3:
            toks.append(child)
        elif (child.dep_ in ("dative", "dobj") and child.i > verb.i and "dobj" not in slots
              and verb.lemma_.lower() in _ADDRESSED):
            toks.extend(child.subtree)
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # Keep the cue contiguous and clear of the subject.
    toks_in = [t for t in verb.doc[lo : hi + 1]]
    if any(t.dep_ in _SUBJ for t in toks_in):
        lo = hi = verb.i
        for child in verb.children:
            if child.dep_ in ("dative", "dobj", "prt") and child.i > verb.i:
                hi = max(hi, child.right_edge.i)
    start = verb.doc[lo].idx
    end = verb.doc[hi].idx + len(verb.doc[hi])
    return _span(text, start, end)


def _verb_cands(doc: Any, lex: QuoteLexicon, inside_quote: list[bool]) -> list[_Cand]:
    out: list[_Cand] = []
    text = doc.text
    for tok in doc:
        if tok.pos_ != "VERB" or inside_quote[tok.i]:
            continue
        cue = lex.verbs.get(tok.lemma_.lower())
        if cue is None:
            continue
        speaker = _subject(tok, inside_quote)
        # Speech with no speaker still reports ("it was reported that ..."); an intention
        # ("eager to claim victory") or a belief with no holder does not.
        if speaker is None and (cue.cls in ("belief", "stance") or tok.head.pos_ == "ADJ"):
            continue
        for rng in _contents(tok, cue):
            out.append(_Cand(rng[0], rng[1], "indirect", _cue_span(tok, cue.slots, text),
                             tok.i, speaker))
    return out


def _filler(verb: Any, child: Any, cue: CueVerb) -> Any:
    """The token whose subtree is the content, if ``child`` fills a content slot."""
    if child.dep_ == "prep":
        if f"prep:{child.lower_}" not in cue.slots:
            return None
        objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        return objs[0] if objs else None
    if child.dep_ in cue.slots:
        return child
    if child.dep_ == "parataxis" and "ccomp" in cue.slots and child.i < verb.i:
        return child
    return None


def _contents(verb: Any, cue: CueVerb) -> list[tuple[int, int]]:
    out = []
    for child in verb.children:
        filler = _filler(verb, child, cue)
        if filler is None:
            continue
        tokens = list(filler.subtree)
        if len([t for t in tokens if not t.is_punct]) < _MIN_CONTENT_TOKENS:
            continue
        rng = _char_range(tokens)
        if rng:
            out.append(rng)
    if not out and "oprd" in cue.slots:
        # "called the plan a disaster": the object and what it is called, together.
        pair = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
        if {c.dep_ for c in pair} == {"dobj", "oprd"}:
            rng = _char_range([t for c in pair for t in c.subtree])
            if rng:
                out.append(rng)
    if not out and "ccomp" in cue.slots and _hangs_off_content(verb):
        # "The deal, he said, is dead" / "as she noted, the deal is dead": the reporting
        # clause hangs off the content.
        head = verb.head
        own = {t.i for t in verb.subtree}
        rest = [t for t in head.subtree if t.i not in own]
        left = [t for t in rest if t.i < verb.left_edge.i]
        right = [t for t in rest if t.i > verb.right_edge.i]
        best = max((left, right), key=len)
        rng = _char_range(best)
        if rng and len(best) >= _MIN_CONTENT_TOKENS:
            out.append(rng)
    return out


def _hangs_off_content(verb: Any) -> bool:
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                        for c in verb.children)


def _noun_speaker(noun: Any) -> Any:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _noun_cands(doc: Any, lex: QuoteLexicon, inside_quote: list[bool]) -> list[_Cand]:
    """Reporting nouns with a possessor or "by" speaker: "Pence's call for a prosecutor"."""
    out: list[_Cand] = []
    for tok in doc:
        cue = lex.nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if cue is None or inside_quote[tok.i]:
            continue
        speaker = _noun_speaker(tok)
        if speaker is None:
            continue
        for rng in _contents(tok, cue):
            out.append(_Cand(rng[0], rng[1], "indirect", _span(doc.text, tok.idx,
                                                               tok.idx + len(tok)),
                             tok.i, speaker))
    return out


# --- "according to" ----------------------------------------------------------------------


def _phrase_cands(doc: Any, lex: QuoteLexicon, inside_quote: list[bool]) -> list[_Cand]:
    out: list[_Cand] = []
    lowers = [t.lower_ for t in doc]
    for phrase in lex.phrases:
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if tuple(lowers[i : i + n]) != phrase or inside_quote[i]:
                continue
            last = doc[i + n - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"]
            speaker = objs[0] if objs else (doc[i + n] if i + n < len(doc) else None)
            cue = _span(doc.text, doc[i].idx, last.idx + len(last))
            sent = doc[i].sent
            phrase_toks = set(range(i, i + n))
            if speaker is not None:
                phrase_toks.update(t.i for t in speaker.subtree)
            lo = min(phrase_toks)
            hi = max(phrase_toks)
            left = [t for t in sent if t.i < lo]
            right = [t for t in sent if t.i > hi]
            best = max((left, right), key=lambda ts: len([t for t in ts if not t.is_punct]))
            rng = _char_range(best)
            if rng and len(best) >= _MIN_CONTENT_TOKENS:
                out.append(_Cand(rng[0], rng[1], "indirect", cue, i, speaker))
    return out


def _name_like(tokens: Any) -> bool:
    """A proper name, or a label written as one ("Doe", "NY Daily News")."""
    words = [t for t in tokens if t.is_alpha]
    return bool(words) and (any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS for t in words)
                            or all(t.text[0].isupper() for t in words))


def _colon_cands(doc: Any, inside_quote: list[bool]) -> list[_Cand]:
    """Headline-style attribution, "Reid: 'Never underestimate Trump.'": a short name
    phrase, a colon, then what was said, to the end of the line."""
    out: list[_Cand] = []
    text = doc.text
    for sent in doc.sents:
        head_toks = list(sent[:_COLON_MAX_WORDS + 1])
        colon = next((t for t in head_toks if t.text == ":"), None)
        if colon is None or colon.i == sent.start or inside_quote[colon.i]:
            continue
        before = doc[sent.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") for t in before) or not _name_like(before):
            continue
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        end = line_end if line_end - colon.idx <= _COLON_MAX_CHARS else sent.end_char
        rng = _char_range(doc.char_span(colon.idx + 1, end, alignment_mode="contract") or [])
        if rng is None or len(text[rng[0] : rng[1]].split()) < _MIN_BARE_WORDS:
            continue
        out.append(_Cand(rng[0], rng[1], "indirect", _span(text, colon.idx, colon.idx + 1),
                         colon.i, before.root))
    return out


# --- quoted stretches --------------------------------------------------------------------


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _apply_marks(cands: list[_Cand], segs: list[QuotedSegment]) -> set[int]:
    """Turn candidates whose content is a quotation into direct/mixed quotes; returns the
    indices of the segments they use."""
    used: set[int] = set()
    for cand in cands:
        hits = [k for k, s in enumerate(segs)
                if _overlaps(cand.start, cand.end, s.inner_start, s.inner_end)]
        if not hits:
            continue
        inside = [k for k in hits if cand.start <= segs[k].start and segs[k].end <= cand.end]
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
            used.update(inside)
    return used


def _cue_tokens(doc: Any, lex: QuoteLexicon, inside_quote: list[bool]) -> list[Any]:
    return [t for t in doc if t.pos_ == "VERB" and not inside_quote[t.i]
            and t.lemma_.lower() in lex.verbs and lex.verbs[t.lemma_.lower()].cls != "belief"]


def _bare_cands(doc: Any, lex: QuoteLexicon, segs: list[QuotedSegment], used: set[int],
                inside_quote: list[bool], prior: list[_Cand]) -> list[_Cand]:
    """Quoted stretches no reporting verb took as content."""
    text = doc.text
    cues = _cue_tokens(doc, lex, inside_quote)
    out: list[_Cand] = []
    done = sorted(prior, key=lambda c: c.start)
    for k, seg in enumerate(segs):
        if k in used:
            continue
        inner = doc.char_span(seg.inner_start, seg.inner_end, alignment_mode="expand")
        if inner is None:
            continue
        words = [t for t in inner if not t.is_punct and not t.is_space]
        first_sent = doc[inner.start].sent
        last_sent = doc[max(inner.start, inner.end - 1)].sent
        lo_tok, hi_tok = first_sent.start, last_sent.end
        para_lo = text.rfind("\n", 0, seg.start) + 1
        para_hi = text.find("\n", seg.end)
        para_hi = len(text) if para_hi < 0 else para_hi
        if _title_like(words):
            continue
        near = [t for t in cues if lo_tok <= t.i < hi_tok and para_lo <= t.idx < para_hi]
        if not near and last_sent.end < len(doc) and inner.end >= last_sent.end - 2:
            # '"... win!" Sessions said.': the quote closed its own sentence.
            follow = doc[last_sent.end].sent
            near = [t for t in cues if follow.start <= t.i < follow.end
                    and t.idx < para_hi and not _has_content(t, lex)]
        lead = _lead_in(doc, seg, cues)
        if near:
            verb = min(near, key=lambda t: min(abs(t.idx - seg.end), abs(t.idx - seg.start)))
        elif lead is not None:
            verb = lead
        else:
            verb = None
        if verb is not None:
            cue = lex.verbs[verb.lemma_.lower()]
            out.append(_Cand(seg.inner_start, seg.inner_end, "direct",
                             _cue_span(verb, cue.slots, text), verb.i,
                             _subject(verb, inside_quote)))
            continue
        if len(words) < _MIN_BARE_WORDS or _title_like(words):
            continue
        before = [c for c in done + out if c.end <= seg.start
                  and seg.start - c.end <= _CONTINUE_CHARS]
        if before:
            prev = max(before, key=lambda c: c.end)
            out.append(_Cand(seg.inner_start, seg.inner_end, "direct", None, None,
                             prev.speaker_tok, prev.speaker))
    return out


def _title_like(words: Sequence[Any]) -> bool:
    """A short capitalised stretch: a title, show or slogan ("Meet the Press"), not speech.
    6 words: longer quoted stretches in title case are rare outside headlines."""
    long_words = [t for t in words if len(t) >= 4 and t.is_alpha]
    if not long_words or len(words) > 6:
        return False
    return sum(1 for t in long_words if t.text[0].isupper()) >= 0.75 * len(long_words)


def _has_content(verb: Any, lex: QuoteLexicon) -> bool:
    cue = lex.verbs[verb.lemma_.lower()]
    return any(_filler(verb, c, cue) is not None for c in verb.children)


def _lead_in(doc: Any, seg: QuotedSegment, cues: list[Any]) -> Any:
    """A reporting verb in the sentence ending with a colon right before the quote."""
    j = seg.start - 1
    text = doc.text
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    tok = doc.char_span(j, j + 1, alignment_mode="expand")
    if tok is None:
        return None
    sent = doc[tok.start].sent
    here = [t for t in cues if sent.start <= t.i < sent.end]
    return here[-1] if here else None


# --- assembly ----------------------------------------------------------------------------


def _drop_nested(cands: list[_Cand], doc: Any) -> list[_Cand]:
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
    doc: Any,
    *,
    lexicon: QuoteLexicon,
    mentions: Sequence[Mention] = (),
    published: str | None = None,
    resolve: Resolver | None = None,
) -> list[Quote]:
    """Every quote in a parsed document, in text order, speakers resolved."""
    text: str = doc.text
    segs = find_quoted(text)
    inside_quote = [False] * len(doc)
    for seg in segs:
        span = doc.char_span(seg.inner_start, seg.inner_end, alignment_mode="contract")
        if span is not None:
            for i in range(span.start, span.end):
                inside_quote[i] = True
    cands = (_verb_cands(doc, lexicon, inside_quote) + _phrase_cands(doc, lexicon, inside_quote)
             + _noun_cands(doc, lexicon, inside_quote) + _colon_cands(doc, inside_quote))
    used = _apply_marks(cands, segs)
    cands = _drop_nested(cands, doc)
    finder = SpeakerFinder(doc, lexicon, mentions=mentions, published=published,
                           resolve=resolve)
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


def _actors_resolver(options: ExtractOptions) -> Resolver | None:
    """The actors layer's resolver (built now, so the stage does no I/O per article), or
    None when the actors layer is not installed."""
    try:
        actors = importlib.import_module("detente.extract.actors")
    except ImportError:
        return None
    resolver = actors.default_resolver(tuple(options.actor_files))

    def resolve(text: str, date: str | None, context: str) -> Actor | None:
        try:
            actor = resolver.resolve(text, date=date, context=context)
        except DetenteError:  # a malformed publication date: leave the speaker unresolved
            return None
        return actor if isinstance(actor, Actor) else None

    return resolve


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
        self.resolve = resolve if resolve is not None else (
            _actors_resolver(options) if use_actors else None)

    def __call__(self, item: Annotated) -> Annotated:
        item.record.quotes = extract_quotes(
            item.doc, lexicon=self.lexicon, mentions=item.record.mentions,
            published=item.published, resolve=self.resolve,
        )
        return item


def quote_text(text: str, *, published: str | None = None,
               options: ExtractOptions | None = None) -> list[Quote]:
    """The quotes of one text, parsed on the spot (for debugging and the ``quote-text``
    command; batch work goes through the pipeline)."""
    from detente.extract.nlp import load_nlp

    options = options or ExtractOptions()
    doc = load_nlp(options.model)(text)
    stage = QuoteStage(options)
    mentions: list[Mention] = []
    try:
        from detente.extract.mentions import find_mentions

        mentions = find_mentions(_default_actor_resolver(options), text, doc=doc,
                                 published=published)
    except ImportError:  # the actors layer is optional here: speakers stay unresolved
        pass
    return extract_quotes(doc, lexicon=stage.lexicon, mentions=mentions, published=published,
                          resolve=stage.resolve)


def _default_actor_resolver(options: ExtractOptions) -> Any:
    from detente.extract.actors import default_resolver

    return default_resolver(tuple(options.actor_files))


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
