"""Who is speaking: the speaker's span, role, anonymity and actor, from a spaCy parse.

Works on the token that fills a reporting verb's subject slot (or the object of "according
to"). Pronouns and bare titles ("he", "the president") are taken back to the person they
stand for: the mention layer's own resolution when it covers the word, else the most recent
compatible PERSON before it.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from detente.extract.nlp import doc_ents, doc_text, entity_at
from detente.extract.quotes.lexicon import QuoteLexicon
from detente.extract.quotes.referents import antecedent, referents
from detente.extract.tokens import children, doc_tokens
from detente.model import Actor, Mention, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Resolver", "SpeakerFinder"]

# (text, date, context) -> Actor | None: the actors layer's resolve(), when it is installed.
Resolver = Callable[[str, str | None, str], Actor | None]

_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_PERSONAL = frozenset({"he", "she", "him", "her", "his"})
_NONPERSONAL = frozenset({"it", "they", "its", "their"})
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# A speaker phrase longer than this is a clause, not a description worth resolving.
_PHRASE_MAX_TOKENS = 16
_CUT_DEPS = frozenset({"appos", "relcl", "punct", "cc", "conj"})
_LEAD_DROP = frozenset({"DET", "NUM", "PUNCT"})
_DATELINE_MARKS = frozenset({"-", "–", "—", "--", ")"})
# How far back (in sentences) a pronoun or title looks for its person: news prose rarely
# refers back further than the previous two sentences without repeating the name.
_LOOKBACK_SENTS = 3


def _core_tokens(head: Token) -> list[Token]:
    """The head's noun phrase without appositions, relative clauses or anything after a
    comma: "Nina Khrushcheva, professor of ..." -> "Nina Khrushcheva"."""
    keep = [head]
    for child in children(head):
        if child.dep_ in _CUT_DEPS:
            continue
        if child.i > head.i and any(
            t.text == "," for t in doc_tokens(head.doc)[head.i + 1 : child.left_edge.i]
        ):
            continue
        keep.extend(child.subtree)
    idx = sorted(t.i for t in keep)
    # Keep the contiguous run around the head.
    lo = hi = head.i
    have = set(idx)
    while lo - 1 in have:
        lo -= 1
    while hi + 1 in have:
        hi += 1
    doc = head.doc
    # Never across a line break or a dateline's dash ("OSLO (Reuters) - Minister X said").
    for i in range(head.i - 1, lo - 1, -1):
        if "\n" in doc[i].text or (doc[i].text in _DATELINE_MARKS and doc[i].whitespace_):
            lo = i + 1
            break
    for i in range(head.i + 1, hi + 1):
        if "\n" in doc[i].text:
            hi = i - 1
            break
    if head.ent_type_ == "PERSON":  # "Lee Ju-ho": never cut a name at its hyphen
        ent = entity_at(doc, head.i)
        if ent is not None:
            lo, hi = min(lo, ent.start), max(hi, ent.end - 1)
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return list(doc[lo : hi + 1])


def _text_of(tokens: Sequence[Token]) -> tuple[int, int, str]:
    doc = tokens[0].doc
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1])
    return start, end, doc_text(doc)[start:end]


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _strip_lead(tokens: Sequence[Token]) -> list[Token]:
    out = list(tokens)
    while out and (out[0].pos_ in _LEAD_DROP
                   or (out[0].dep_ == "poss" and out[0].pos_ == "PRON")):
        out.pop(0)
    while out and out[-1].is_punct:
        out.pop()
    return out


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""


def _is_name(tok: Token) -> bool:
    return bool(tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_ENTS)


class SpeakerFinder:
    """Builds :class:`Speaker` objects for one document."""

    def __init__(
        self,
        doc: Doc,
        lexicon: QuoteLexicon,
        *,
        mentions: Sequence[Mention] = (),
        published: str | None = None,
        resolve: Resolver | None = None,
        people: Mapping[str, str | None] | None = None,
        inside_quote: Sequence[bool] = (),
    ) -> None:
        self.doc = doc
        self.lex = lexicon
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self.published = published
        self.resolve = resolve
        self.persons = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
        self._title_words = {w for t in lexicon.titles for w in t}
        self._roleless = lexicon.roleless_heads
        self._inside = list(inside_quote) or [False] * len(doc)
        self._referents = referents(doc, self.mentions, people or {}, self._inside, lexicon)
        self._surnames: dict[str, Actor] = {}  # surname -> the actor a full name resolved to

    # --- public -------------------------------------------------------------------------

    def speaker(self, head: Token) -> Speaker:
        """The speaker whose noun phrase is headed by ``head``."""
        core = _core_tokens(head)
        start, end, text = _text_of(core)
        if head.pos_ == "PRON":
            return self._pronoun(head, start, end, text)
        name_tok = head if _is_name(head) else self._appos_name(head)
        role = self._role(head, core, name_tok)
        anonymous = name_tok is None and self._anonymous(head, core)
        if name_tok is None and not anonymous and self._is_title(head):
            mention = self._mention_over(start, end)
            if mention is not None and mention.actor.name:
                # the actors layer matched the title to its holder ("the president")
                return Speaker(start, end, text, mention.actor, role, False)
            person = self._antecedent(head, title=True)
            if person is not None:
                actor = self._actor_for(person.start_char, person.end_char, person.text)
                return Speaker(start, end, text, actor, role, False)
        if name_tok is not None and name_tok is not head:
            ent = self._entity_of(name_tok)
            actor = self._actor_for(ent[0], ent[1], doc_text(self.doc)[ent[0] : ent[1]])
        else:
            actor = self._actor_for(start, end, text)
        if name_tok is not None and not anonymous:
            actor = self._placed(core, name_tok, actor)
        return Speaker(start, end, text, actor, role, anonymous)

    # --- pieces -------------------------------------------------------------------------

    def _pronoun(self, head: Token, start: int, end: int, text: str) -> Speaker:
        if head.lower_ in _PERSONAL or head.lower_ in _NONPERSONAL:
            ref = antecedent(self.doc, self._referents, head, self.lex,
                             person=head.lower_ in _PERSONAL,
                             gender=_GENDER.get(head.lower_), inside_quote=self._inside)
            if ref is not None:
                actor = ref.actor or self._actor_for(ref.start, ref.end,
                                                     doc_text(self.doc)[ref.start : ref.end])
                if actor is not None:
                    actor = self._surnames.get(_surname(actor.name or ""), actor) \
                        if actor.country is None else actor
                return Speaker(start, end, text, actor, None, False)
        mention = self._mention_over(start, end)
        if mention is not None:
            return Speaker(start, end, text, mention.actor, None, False)
        return Speaker(start, end, text, None, None, False)

    def _placed(self, core: Sequence[Token], name_tok: Token, actor: Actor | None) -> Actor | None:
        """A named speaker the knowledge base gives no country: the country its own noun
        phrase states ("Harare resident Clinton Mandioper", "a deputy of Russia's Federation
        Council Franz Klintsevich"), else the one this surname got earlier in the article."""
        if actor is not None and (actor.country or actor.sector == "IGO"):
            self._surnames.setdefault(_surname(actor.name or actor.text), actor)
            return actor
        ent = self._entity_of(name_tok)
        name = doc_text(self.doc)[ent[0] : ent[1]]
        known = self._surnames.get(_surname(name)) or self._named_before(name, ent[0])
        if known is not None:
            return known
        if self.resolve is None:
            return actor
        if len(core) > _PHRASE_MAX_TOKENS:
            return actor
        a, b, phrase = _text_of(core)
        # the name itself says nothing of where the person is from ("Mr. Steyer" is not of
        # the Austrian town of Steyr): only the words around it
        lo, hi = max(ent[0], a) - a, min(ent[1], b) - a
        words = (phrase[:lo] + " " + phrase[hi:]).strip() if lo < hi else phrase
        described = self.resolve(words, self.published, "") if words else None
        if described is None or not described.country:
            return actor
        sector = described.sector if described.sector not in (None, "UNK") else (
            actor.sector if actor is not None and actor.sector != "UNK" else None)
        placed = Actor(name, actor.name if actor is not None else name,
                       described.country + (sector or ""), described.country, sector,
                       described.sector2, actor.id if actor is not None else None)
        self._surnames[_surname(name)] = placed
        return placed

    def _named_before(self, name: str, pos: int) -> Actor | None:
        """A one-word name ("Yun", "Ren") that is a word of a coded actor's full name
        mentioned earlier ("Joseph Yun", "Senior Colonel Ren Guoqiang"): that actor. Family
        names come first in Chinese and Korean, so any word of the name counts."""
        if " " in name.strip() or not name[:1].isupper():
            return None
        for m in reversed(self.mentions):
            if m.end > pos or not m.actor.country:
                continue
            words = m.text.replace("-", " ").split()
            if len(words) > 1 and name in words:
                return dataclasses.replace(m.actor, text=name)
        return None

    def _antecedent(self, head: Token, *, title: bool) -> Span | None:
        """The PERSON entity a pronoun or title most likely stands for: within the last few
        sentences, the most recent one that is a clause subject, else the most recent."""
        sent_starts = [s.start for s in self.doc.sents]
        k = bisect_right(sent_starts, head.i) - 1
        floor = sent_starts[max(0, k - _LOOKBACK_SENTS + 1)] if sent_starts else 0
        cands = [e for e in self.persons if floor <= e.start and e.end <= head.i]
        if title:
            word = head.lower_
            titled = [e for e in self.persons if e.end <= head.i
                      and word in self.doc[max(0, e.start - 4) : e.start].text.lower()]
            if titled:
                return titled[-1]
        if not cands:
            return None
        subjects = [e for e in cands if e.root.dep_ in ("nsubj", "nsubjpass")]
        return (subjects or cands)[-1]

    def _appos_name(self, head: Token) -> Token | None:
        for child in children(head):
            if child.dep_ == "appos" and _is_name(child):
                return child
        return None

    def _entity_of(self, tok: Token) -> tuple[int, int]:
        for ent in doc_ents(self.doc):
            if ent.start <= tok.i < ent.end:
                return ent.start_char, ent.end_char
        lo, hi = tok.i, tok.i
        while lo > 0 and self.doc[lo - 1].dep_ == "compound" and self.doc[lo - 1].pos_ == "PROPN":
            lo -= 1
        return self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])

    def _role(self, head: Token, core: Sequence[Token], name_tok: Token | None) -> str | None:
        if name_tok is head:
            for child in children(head):
                if child.dep_ == "appos" and not _is_name(child):
                    tokens = _strip_lead(list(child.subtree))
                    if tokens:
                        return _text_of(tokens)[2]
            ent_start = self._entity_of(head)[0]
            before = _strip_lead([t for t in core if t.idx < ent_start])
            if before and any(t.pos_ == "NOUN" or t.lower_ in self._title_words
                              for t in before):
                return _text_of(before)[2]
            return None
        if (head.pos_ in ("NOUN", "ADJ") and head.lemma_.lower() not in self._roleless
                and (head.lemma_.lower() in self._title_words
                     or head.lower_ in self._title_words)):
            tokens = _strip_lead(core)
            if tokens:
                return _text_of(tokens)[2]
        return None


    def _is_title(self, head: Token) -> bool:
        """A bare title standing for its holder ("the president"), not a description ("the
        head of the national space agency", which names no one)."""
        return head.pos_ == "NOUN" and any(t[-1] == head.lower_ for t in self.lex.titles) and any(
            c.lower_ == "the" for c in children(head)
        ) and not any(c.dep_ == "prep" for c in children(head))

    def _anonymous(self, head: Token, core: Sequence[Token]) -> bool:
        if head.pos_ not in ("NOUN", "ADJ", "PRON"):
            return False
        if head.pos_ == "PRON" and head.lower_ not in self.lex.anon_heads:
            return False
        words = [t.lower_ for t in head.subtree]
        if any(_contains(words, p) for p in self.lex.anon_phrases):
            return True
        if head.lemma_.lower() in self.lex.anon_heads or head.lower_ in self.lex.anon_heads:
            return True
        first = core[0].lower_ if core else ""
        return first in self.lex.anon_determiners

    def _mention_over(self, start: int, end: int) -> Mention | None:
        k = bisect_right(self._starts, end)
        for m in reversed(self.mentions[max(0, k - 8) : k]):
            if m.start < end and start < m.end:
                return m
        return None

    def _actor_for(self, start: int, end: int, text: str) -> Actor | None:
        mention = self._mention_over(start, end)
        if mention is not None:
            return mention.actor
        if self.resolve is None:
            return None
        context = doc_text(self.doc)[max(0, start - 300) : end + 100]
        return self.resolve(text, self.published, context)
