"""What a pronoun speaker stands for: "he said", "it said", "they told reporters".

News prose names a speaker once and then goes on with "he said". The referent is rarely
the nearest name: it is the last one who was *speaking*. So, within the last few
sentences, outside quotation marks, among the mentions of the right kind (a person for
he/she, an organisation or a state for it/they) and of a compatible gender:

1. the most recent subject of a reporting verb ("Prime Minister Valls said Friday ...", or
   a "he said" the actors layer has already resolved);
2. else the most recent clause subject;
3. else the most recent mention.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.nlp import doc_ents, span_text
from detente.extract.quotes.lexicon import QuoteLexicon
from detente.extract.tokens import children, sentence, span_tokens
from detente.model import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Referent", "antecedent", "referents"]

# How far back (in sentences, the pronoun's own included) a speaker is looked for: a quote
# paragraph rarely refers back further than the two sentences before it without repeating
# the name.
LOOKBACK_SENTS = 3
_SUBJ = ("nsubj", "nsubjpass")
_SPEAKING = frozenset({"speech", "writing"})
_CHAIN = {"he": "m", "she": "f"}
_PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they", "them", "i", "we", "you",
                       "his", "its", "their"})


@dataclass(frozen=True, slots=True)
class Referent:
    """A mention a pronoun may stand for: character offsets, its head token, the actor
    (None for a name the actors layer does not cover), person or not, gender if known."""

    start: int
    end: int
    tok: Token
    actor: Actor | None
    person: bool
    gender: str | None
    pronoun: bool = False  # a "he"/"she" the actors layer resolved: a link in the chain


def referents(doc: Doc, mentions: Sequence[Mention], people: Mapping[str, str | None],
              inside_quote: Sequence[bool], lex: QuoteLexicon) -> list[Referent]:
    """Candidate referents of one document in text order: actor mentions (pronoun mentions
    left out) and the names no mention covers that are people: PERSON entities, and names
    the tagger missed that an apposition gives a title ("Christian Estrosi, the president
    of the region"). ``people`` maps the knowledge base's person ids to their gender."""
    out: list[Referent] = []
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if inside_quote and inside_quote[root.i]:
            continue
        words = span_text(span).lower()
        if words in _PRONOUNS:
            if words in _CHAIN and m.actor.name:
                out.append(Referent(m.start, m.end, root, m.actor, True,
                                    _CHAIN[words], pronoun=True))
            continue
        spans.append((span.start, span.end))
        # A known organisation stays one even when the tagger calls it a PERSON.
        is_person = m.actor.id in people if m.actor.id is not None else any(
            t.ent_type_ == "PERSON" for t in span_tokens(span))
        if not is_person and not (m.actor.country or m.actor.sector == "IGO"):
            continue
        gender = people.get(m.actor.id) if m.actor.id else None
        out.append(Referent(m.start, m.end, root, m.actor, is_person, gender))
    titles = {t[-1] for t in lex.titles}
    for ent in doc_ents(doc):
        if any(a < ent.end and ent.start < b for a, b in spans):
            continue
        if ent.label_ != "PERSON" and not _titled(ent, titles):
            continue
        if inside_quote and inside_quote[ent.root.i]:
            continue
        out.append(Referent(ent.start_char, ent.end_char, ent.root, None, True, None))
    out.sort(key=lambda r: r.start)
    return out


def _titled(ent: Span, titles: set[str]) -> bool:
    return any(c.dep_ == "appos" and c.lower_ in titles for c in children(ent.root))


def _reporting_subject(ref: Referent, lex: QuoteLexicon) -> bool:
    tok = ref.tok
    if tok.dep_ not in _SUBJ:
        return False
    verb = tok.head
    cue = lex.verbs.get(verb.lemma_.lower())
    # Speech, not a stance in a relative clause ("the deal, which X opposed").
    return cue is not None and cue.cls in _SPEAKING and verb.dep_ != "relcl"


def antecedent(doc: Doc, refs: Sequence[Referent], head: Token, lex: QuoteLexicon, *,
               person: bool, gender: str | None,
               inside_quote: Sequence[bool]) -> Referent | None:
    """The referent of the pronoun token ``head`` (see the module docstring), or None."""
    sent = sentence(head)
    back = 1
    while back < LOOKBACK_SENTS and sent.start > 0:
        sent = sentence(doc[sent.start - 1])
        # A sentence wholly inside quotation marks is the quote itself, not narrative.
        back += any(not inside_quote[t.i] and not t.is_space for t in sent)
    floor = sent.start_char
    cands = [r for r in refs if floor <= r.start and r.end <= head.idx and r.person == person
             and (gender is None or r.gender in (None, gender))]
    if not cands:
        return None
    speaking = [r for r in cands if _reporting_subject(r, lex)]
    named = [r for r in cands if not r.pronoun]
    subjects = [r for r in named if r.tok.dep_ in _SUBJ]
    # A resolved "he said" carries its speaker on ("..., he said. '...,' he added").
    found = speaking or subjects or named
    return found[-1] if found else None
