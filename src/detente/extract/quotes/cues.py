"""Where attributions start: reporting verbs, reporting nouns, "according to" and
headline colons, each giving a candidate content span, cue and speaker token.

Used by :mod:`detente.extract.quotes.stage`, which merges the candidates with quotation marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.extract.fronted import fronted_subject
from detente.extract.nlp import doc_text
from detente.extract.quotes.lexicon import CueVerb, QuoteLexicon
from detente.extract.tokens import children, doc_tokens, sentence, span_tokens
from detente.model import Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "MIN_BARE_WORDS",
    "Cand",
    "char_range",
    "colon_candidates",
    "cue_span",
    "filler",
    "name_like",
    "noun_candidates",
    "phrase_candidates",
    "span_of",
    "speaker_of",
    "subject",
    "verb_candidates",
]

# Quoted stretches shorter than this with no reporting verb are scare quotes, titles or
# nicknames ("Trumpism"), not quotations. 4 words: the shortest quoted sentences in news
# ("We will win.") are about that long.
MIN_BARE_WORDS = 4
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_DATELINE_DASHES = frozenset({"-", "–", "—", "--"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CUE_PARTS = frozenset({"aux", "auxpass", "neg", "prt"})
# Verbs addressed to someone carry the addressee in the cue ("told The New York Diplomat").
_ADDRESSED = frozenset({"tell", "inform", "assure", "remind", "advise", "warn", "urge", "ask"})
# "Name: what they said" only when the name is short (a headline label: 6 words covers
# "Former Attorney General Eric Holder"), and only to the end of a short line.
_COLON_MAX_WORDS = 6
_COLON_MAX_CHARS = 300
# Content must hold at least this many tokens ("said so" is not a quote).
_MIN_CONTENT_TOKENS = 2


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    kind: str
    cue: Span | None
    cue_tok: int | None  # token index of the cue head, for nesting checks
    speaker_tok: Token | None
    speaker: Speaker | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)  # quotations inside


def char_range(tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def span_of(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


# --- reporting verbs ---------------------------------------------------------------------


def speaker_of(verb: Token, lex: QuoteLexicon, inside_quote: Sequence[bool] = ()) -> Token | None:
    """The speaker token of a reporting verb: the source a relay verb names ("Reuters cited
    the Amaq website", "the agency said, quoting its director", "quoted the head of the
    agency as saying"), else the verb's subject (see :func:`subject`)."""
    roles = {t[-1] for t in lex.titles} | lex.anon_heads

    def relayed(tok: Token) -> Token | None:
        cue = lex.verbs.get(tok.lemma_.lower())
        if cue is None or cue.cls != "relay":
            return None
        obj = next((c for c in children(tok) if c.dep_ == "dobj"), None)
        # Only a source can be relayed: a name or a role ("quoted the agency director"),
        # not a reason ("citing low growth").
        if obj is None or obj.ent_type_ in ("NORP", "GPE"):
            return None  # "citing the many Americans who ...": a reason, not a source
        named = [t for t in obj.subtree if t.dep_ != "relcl" and t.ent_type_ not in (
            "NORP", "GPE") and (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"))]
        if obj.lemma_.lower() in roles or obj.lower_ in roles or named:
            return obj  # a name or a role: "the agency director", "the Amaq website"
        return None

    own = relayed(verb)
    if own is not None:
        return own
    for child in children(verb):
        if child.dep_ in ("advcl", "xcomp", "conj") and child.i > verb.i:
            found = relayed(child)
            if found is not None:
                return found
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.i != head.i:
        found = relayed(head.head)  # "quoted X as saying"
        if found is not None:
            return found
    return subject(verb, inside_quote)


# Relay verbs whose passive subject is the one quoted ("X was quoted/cited by Y as saying").
_PASSIVE_RELAY = frozenset(["quote", "cite"])


def subject(verb: Token, inside_quote: Sequence[bool] = ()) -> Token | None:
    """The speaker token of a reporting verb, climbing through coordination, participles
    and relative clauses ("Trump said X and added Y", "..., saying Y", "Nina, who said").
    A subject inside quotation marks is a misparse of the quote itself ('"That," he said'):
    then the word next to the verb is taken ("said Mr. X", "he said")."""
    def quoted(tok: Token) -> bool:
        return bool(inside_quote) and inside_quote[tok.i]

    start = verb
    misparsed = False
    for _ in range(4):
        # The subject nearest the verb first: a misparse may add a second one, a dateline
        # ("TOKYO (Reuters) - Trump said") or a caption credit on the line before.
        if verb.lemma_.lower() in _PASSIVE_RELAY:
            # "X was quoted by Tass as saying": X spoke; the agent is only the medium
            relayed_subj = next((c for c in children(verb)
                                 if c.dep_ == "nsubjpass" and not quoted(c)), None)
            if relayed_subj is not None:
                return relayed_subj
        for child in sorted(children(verb), key=lambda c: abs(c.i - verb.i)):
            between = doc_tokens(verb.doc)[min(child.i, verb.i) + 1 : max(child.i, verb.i)]
            if child.dep_ in ("nsubj", "csubj") and any("\n" in t.text for t in between):
                continue
            if child.dep_ == "nsubj" and child.i < verb.i and child.text.isupper() and any(
                    t.text in _DATELINE_DASHES and t.whitespace_ for t in between):
                # "OSLO (Reuters) - Minister X said": the dateline is not the speaker
                adjacent = _adjacentsubject(start)
                if adjacent is not None:
                    return adjacent
                continue
            if child.dep_ in ("nsubj", "csubj") and quoted(child):
                misparsed = True
            elif child.dep_ in ("nsubj", "csubj"):
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    return verb.head
                return child
            if child.dep_ == "agent":
                for grand in children(child):
                    if grand.dep_ == "pobj":
                        return grand
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "countered by calling him ...", "by saying ..."
            continue
        if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ") and \
                verb.doc[verb.i - 1].text == ",":
            # "..., Joice Mujuru, called for ...": a finite verb the parse hung on the
            # noun phrase before it; that phrase's head noun is the subject.
            return _np_top(verb.head)
        break
    if not misparsed:
        fronted = fronted_subject(verb) or fronted_subject(start)  # "From Washington, X said"
        if fronted is not None:
            return fronted
        # "Trump -- noting that the meeting ran long -- said": the parse gave the subject to
        # an aside in front of the verb.
        for child in children(start):
            if child.dep_ == "advcl" and child.i < start.i:
                subj = next((g for g in children(child)
                             if g.dep_ == "nsubj" and g.i < child.i), None)
                if subj is not None:
                    return subj
    return _adjacentsubject(start) if misparsed else None


def _np_top(tok: Token) -> Token | None:
    """The head noun of the outermost noun phrase ``tok`` sits in, climbing through
    prepositions and relative clauses ("Abe, with whom Trump has bonded through summits")."""
    best = tok
    for _ in range(8):
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "ROOT", "npadvmod",
                                                          "appos", "nsubjpass"):
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN"):
            best = tok
    return best


def _adjacentsubject(verb: Token) -> Token | None:
    doc = verb.doc
    for i in (verb.i + 1, verb.i - 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "PRON", "NOUN"):
            tok = doc[i]
            while tok.dep_ == "compound" and tok.head.i != tok.i:
                tok = tok.head
            return tok
    return None


def cue_span(verb: Token, slots: frozenset[str], text: str) -> Span:
    toks = [verb]
    for child in children(verb):
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
        for child in children(verb):
            if child.dep_ in ("dative", "dobj", "prt") and child.i > verb.i:
                hi = max(hi, child.right_edge.i)
    start = verb.doc[lo].idx
    end = verb.doc[hi].idx + len(verb.doc[hi])
    return span_of(text, start, end)


def verb_candidates(doc: Doc, lex: QuoteLexicon, inside_quote: list[bool]) -> list[Cand]:
    out: list[Cand] = []
    text = doc_text(doc)
    for tok in doc_tokens(doc):
        if tok.pos_ != "VERB" or inside_quote[tok.i]:
            continue
        cue = lex.verbs.get(tok.lemma_.lower())
        if cue is None:
            continue
        speaker = speaker_of(tok, lex, inside_quote)
        # Speech with no speaker still reports ("it was reported that ..."); an intention
        # ("eager to claim victory") or a belief with no holder does not.
        if speaker is None and (cue.cls in ("belief", "stance") or tok.head.pos_ == "ADJ"):
            continue
        for rng in (_in_paragraph(text, tok.idx, r) for r in _contents(tok, cue)):
            if rng is None:
                continue
            if cue.cls == "relay" and speaker is not None and rng[0] <= speaker.idx < rng[1]:
                continue  # a relay verb's object is its source, not what was said
            out.append(Cand(rng[0], rng[1], "indirect", cue_span(tok, cue.slots, text),
                             tok.i, speaker))
    return out


def _in_paragraph(text: str, at: int, rng: tuple[int, int]) -> tuple[int, int] | None:
    """``rng`` cut to the paragraph holding offset ``at`` (a parse may run a sentence over a
    blank line; what a verb reports stays in its paragraph), or None when nothing is left."""
    lo = text.rfind("\n\n", 0, at)
    lo = 0 if lo < 0 else lo + 2
    hi = text.find("\n\n", at)
    hi = len(text) if hi < 0 else hi
    start, end = max(rng[0], lo), min(rng[1], hi)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end - start >= 2 else None


def filler(verb: Token, child: Token, cue: CueVerb) -> Token | None:
    """The token whose subtree is the content, if ``child`` fills a content slot."""
    if child.dep_ == "prep":
        if f"prep:{child.lower_}" not in cue.slots:
            return None
        objs = [g for g in children(child) if g.dep_ in ("pobj", "pcomp")]
        return objs[0] if objs else None
    if child.dep_ in cue.slots:
        return child
    if child.dep_ == "parataxis" and "ccomp" in cue.slots and child.i < verb.i:
        return child
    return None


def _contents(verb: Token, cue: CueVerb) -> list[tuple[int, int]]:
    out = []
    for child in children(verb):
        fill = filler(verb, child, cue)
        if fill is None:
            continue
        tokens = list(fill.subtree)
        if len([t for t in tokens if not t.is_punct]) < _MIN_CONTENT_TOKENS:
            continue
        rng = char_range(tokens)
        if rng:
            out.append(rng)
    if not out and "oprd" in cue.slots:
        # "called the plan a disaster": the object and what it is called, together.
        pair = [c for c in children(verb) if c.dep_ in ("dobj", "oprd")]
        if {c.dep_ for c in pair} == {"dobj", "oprd"}:
            rng = char_range([t for c in pair for t in c.subtree])
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
        rng = char_range(best)
        if rng and len(best) >= _MIN_CONTENT_TOKENS:
            out.append(rng)
    return out


def _hangs_off_content(verb: Token) -> bool:
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                        for c in children(verb))


def _noun_speaker(noun: Token) -> Token | None:
    for child in children(noun):
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            objs = [g for g in children(child) if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def noun_candidates(doc: Doc, lex: QuoteLexicon, inside_quote: list[bool]) -> list[Cand]:
    """Reporting nouns with a possessor or "by" speaker: "Pence's call for a prosecutor"."""
    out: list[Cand] = []
    for tok in doc_tokens(doc):
        cue = lex.nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if cue is None or inside_quote[tok.i]:
            continue
        speaker = _noun_speaker(tok)
        if speaker is None:
            continue
        for rng in _contents(tok, cue):
            out.append(Cand(rng[0], rng[1], "indirect", span_of(doc_text(doc), tok.idx,
                                                               tok.idx + len(tok)),
                             tok.i, speaker))
    return out


# --- "according to" ----------------------------------------------------------------------


def phrase_candidates(doc: Doc, lex: QuoteLexicon, inside_quote: list[bool]) -> list[Cand]:
    out: list[Cand] = []
    toks = doc_tokens(doc)
    lowers = [t.lower_ for t in toks]
    for phrase in lex.phrases:
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if tuple(lowers[i : i + n]) != phrase or inside_quote[i]:
                continue
            last = toks[i + n - 1]
            objs = [c for c in children(last) if c.dep_ == "pobj"]
            speaker = objs[0] if objs else (toks[i + n] if i + n < len(doc) else None)
            cue = span_of(doc_text(doc), toks[i].idx, last.idx + len(last))
            sent = sentence(toks[i])
            phrase_toks = set(range(i, i + n))
            if speaker is not None:
                phrase_toks.update(t.i for t in speaker.subtree)
            lo = min(phrase_toks)
            hi = max(phrase_toks)
            left = [t for t in span_tokens(sent) if t.i < lo]
            right = [t for t in span_tokens(sent) if t.i > hi]
            best = max((left, right), key=lambda ts: len([t for t in ts if not t.is_punct]))
            if any(inside_quote[t.i] for t in best) and any(
                    _speaks(t, lex, inside_quote) for t in best):
                continue  # '"...," Abe told reporters, according to Reuters': the channel
            rng = char_range(best)
            if rng and len(best) >= _MIN_CONTENT_TOKENS:
                out.append(Cand(rng[0], rng[1], "indirect", cue, i, speaker))
    return out


def _speaks(tok: Token, lex: QuoteLexicon, inside_quote: Sequence[bool]) -> bool:
    """A speech verb with its own subject, outside quotation marks."""
    cue = lex.verbs.get(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
    return (cue is not None and cue.cls in ("speech", "writing") and not inside_quote[tok.i]
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(tok)))


def name_like(tokens: Iterable[Token]) -> bool:
    """A proper name, or a label written as one ("Doe", "NY Daily News")."""
    words = [t for t in tokens if t.is_alpha]
    return bool(words) and (any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS for t in words)
                            or all(t.text[0].isupper() for t in words))


def colon_candidates(doc: Doc, inside_quote: list[bool]) -> list[Cand]:
    """Headline-style attribution, "Reid: 'Never underestimate Trump.'": a short name
    phrase, a colon, then what was said, to the end of the line."""
    out: list[Cand] = []
    text = doc_text(doc)
    toks = doc_tokens(doc)
    for sent in doc.sents:
        head_toks = toks[sent.start:min(sent.start + _COLON_MAX_WORDS + 1, sent.end)]
        colon = next((t for t in head_toks if t.text == ":"), None)
        if colon is None or colon.i == sent.start or inside_quote[colon.i]:
            continue
        before = toks[sent.start : colon.i]  # (the tokens of doc[sent.start : colon.i])
        if any(t.pos_ in ("VERB", "AUX") or t.text == "(" for t in before) or \
                not name_like(before):  # "(Photo: ...)" is a credit, not a speaker
            continue
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        end = line_end if line_end - colon.idx <= _COLON_MAX_CHARS else sent.end_char
        rng = char_range(doc.char_span(colon.idx + 1, end, alignment_mode="contract") or [])
        if rng is None or len(text[rng[0] : rng[1]].split()) < MIN_BARE_WORDS:
            continue
        out.append(Cand(rng[0], rng[1], "indirect", span_of(text, colon.idx, colon.idx + 1),
                         colon.i, doc[sent.start : colon.i].root))
    return out


