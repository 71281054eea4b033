"""Named entities found only where one can be: NER on token windows, not on every token.

spaCy's ``ner`` costs half of the parse on news (5.3 of 10.1 CPU s over 100 giveme5w1h
articles, bench/bench_pipeline.py), and its cost is per token: its own tok2vec network, then
one transition per token. Most tokens of news are lowercase words far from any name, number or
date, and the model never starts an entity there. :class:`WindowedNer` runs the stock
component on windows around the tokens that can be in an entity (*core* tokens) and marks
every other token outside any entity:

- a core token holds a digit or an uppercase letter (a sentence-initial stop word like "The"
  or "But" and the pronoun "I" aside), is tagged NNP, NNPS or CD, or is one of the few
  lowercase words that are entities or start them in English news (number and ordinal
  words, days, weeks, years and other time words, "percent", currency names:
  :data:`ENTITY_WORDS`);
- a window is a core token with CONTEXT tokens either side (NER's encoder sees 4 tokens
  either side of a token, its transitions look at the token before and the entity so far),
  and windows at most GAP tokens apart are one window;
- the windows of a text are parsed as one ``Doc`` in which each window starts a sentence
  (the stock NER never carries an entity over a sentence start), with the tokens' norms and
  sentence starts as the parse gave them; the entities found are set on the text's ``Doc``.

On 100 giveme5w1h articles the windows hold 75 % of the tokens (core tokens: 19 %), the NER's
CPU time falls by a fifth to a quarter, and 99.97 % of tokens get the entity type and IOB tag
the stock component gives them (9 of 8,626 entities differ, mostly a date or time phrase
without a number or a capital, "a little over a week"). No eval figure or output checksum
changes (bench/eval_agreement.py --switch DETENTE_NER=full runs every eval both ways). With 3
tokens of context (windows joined 1 apart) the windows hold 66 % of the tokens and the NER
saves a third, but a core token no longer sees all it would see in the whole text, and
99.89 % of tokens agree; a quotes test caught the difference ("the Nashir agency, a militant
website": ORG whole, GPE in a window cut 3 tokens after the name).
``DETENTE_NER=full`` in the environment keeps the stock component.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import NORM, ORTH, SENT_START, SPACY, TAG
from spacy.tokens import Doc, Span

from detente.extract.ner_decode import Entity, decoder

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer

__all__ = ["CONTEXT", "ENTITY_WORDS", "GAP", "WindowedNer", "windows"]

# Tokens of context either side of a core token: all that NER's encoder sees.
CONTEXT = 4
# Windows this close (in tokens) are parsed as one.
GAP = 2
# Lowercase words that are entities (CARDINAL, ORDINAL, DATE, TIME, PERCENT, MONEY) or
# begin one without a digit or a capital in it: general English number and time vocabulary.
_WORDS = """
one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion
billions trillion trillions dozen dozens half quarter
first second third fourth fifth sixth seventh eighth ninth tenth last next
today yesterday tomorrow tonight day days week weeks weekend weekends fortnight month months
year years decade decades century centuries hour hours minute minutes seconds
morning mornings afternoon evening evenings night nights midnight noon overnight ago
annual annually daily weekly monthly yearly season seasons spring summer autumn fall winter
recent recently earlier later past
percent per cent dollar dollars euro euros pound pounds
"""
ENTITY_WORDS = frozenset(_WORDS.split())
# Tags of tokens that are names or numbers whatever their spelling.
_CORE_TAGS = ("NNP", "NNPS", "CD")
# Per ORTH: never core, core unless it starts a sentence, always core.
_NEVER, _UNLESS_INITIAL, _ALWAYS = 0, 1, 2


def windows(core: np.ndarray, n: int, context: int = CONTEXT, gap: int = GAP
            ) -> list[tuple[int, int]]:
    """The (start, end) token windows around the sorted ``core`` indices of an ``n``-token
    text: ``context`` tokens either side, windows within ``gap`` tokens of each other
    joined."""
    if not len(core):
        return []
    starts = np.maximum(core - context, 0)
    ends = np.minimum(core + context + 1, n)
    new = np.flatnonzero(starts[1:] > ends[:-1] + gap) + 1
    first = np.concatenate(([0], new))
    last = np.concatenate((new - 1, [len(core) - 1]))
    return [(int(starts[a]), int(ends[b])) for a, b in zip(first, last, strict=True)]


class WindowedNer:
    """The pipeline's ``ner``, run on the windows around core tokens only (see the module)."""

    def __init__(self, ner: EntityRecognizer) -> None:
        self.ner = ner
        self._decoder = decoder(ner)
        self._trusted: bool | None = None  # checked on the first windows decoded
        self.vocab = ner.vocab
        self._kinds: dict[int, int] = {}  # ORTH -> _NEVER / _UNLESS_INITIAL / _ALWAYS
        strings = self.vocab.strings
        self._tags = np.array([strings.add(t) for t in _CORE_TAGS], dtype=np.uint64)

    def __getattr__(self, name: str) -> Any:  # labels, model, cfg: the stock component's
        return getattr(self.ner, name)

    def _kind(self, orth: int) -> int:
        kind = self._kinds.get(orth)
        if kind is None:
            word = self.vocab.strings[orth]
            if any(c.isdigit() for c in word) or word.lower() in ENTITY_WORDS:
                kind = _ALWAYS
            elif word == "I":  # the pronoun: never an entity ("World War I" has capitals)
                kind = _NEVER
            elif any(c.isupper() for c in word):
                kind = _UNLESS_INITIAL if self.vocab[orth].is_stop else _ALWAYS
            else:
                kind = _NEVER
            if len(self._kinds) >= 200_000:  # the vocabulary of a long run: start afresh
                self._kinds.clear()
            self._kinds[orth] = kind
        return kind

    def core(self, doc: Doc) -> np.ndarray:
        """The sorted indices of the tokens of ``doc`` that can be in an entity."""
        arr = doc.to_array([ORTH, TAG, SENT_START])
        kinds = np.fromiter((self._kind(int(o)) for o in arr[:, 0]), dtype=np.int8,
                            count=len(arr))
        initial = arr[:, 2].astype(np.int64) == 1
        keep = (kinds == _ALWAYS) | ((kinds == _UNLESS_INITIAL) & ~initial) | \
            np.isin(arr[:, 1], self._tags)
        return np.flatnonzero(keep)

    def _windows_doc(self, doc: Doc) -> tuple[Doc, np.ndarray] | None:
        """The windows of ``doc`` as one ``Doc``, and the index in ``doc`` of its tokens."""
        spans = windows(self.core(doc), len(doc))
        if not spans:
            return None
        idx = np.concatenate([np.arange(a, b) for a, b in spans])
        arr = doc.to_array([ORTH, SPACY, NORM, SENT_START])[idx]
        strings = self.vocab.strings
        sub = Doc(self.vocab, words=[strings[int(o)] for o in arr[:, 0]],
                  spaces=[bool(s) for s in arr[:, 1]])
        first = np.cumsum([0] + [b - a for a, b in spans[:-1]])
        arr[first, 3] = 1
        values: Any = arr[:, 2:4].astype(np.uint64)  # spaCy's stubs want thinc's Ints2d
        sub.from_array([NORM, SENT_START], values)
        return sub, idx

    def _entities(self, subs: list[Doc]) -> list[list[Entity]]:
        """The entities of the windows docs ``subs``: decoded with numpy
        (:mod:`detente.extract.ner_decode`), or by the stock component."""
        if self._decoder is not None and self._trusted is None:
            self._trusted = self._agrees(subs[0])
        if self._decoder is not None and self._trusted:
            return self._decoder(subs)
        done = list(self.ner.pipe(subs, batch_size=max(1, len(subs))))
        return [[(e.start, e.end, e.label) for e in sub.ents] for sub in done]

    def _agrees(self, sub: Doc) -> bool:
        """Whether the numpy decoding of ``sub`` gives the stock entities: a model whose
        layout :mod:`detente.extract.ner_decode` misreads falls back to spaCy's loop."""
        theirs = next(iter(self.ner.pipe([sub.copy()], batch_size=1)))
        try:
            ours = self._decoder([sub]) if self._decoder is not None else None
        except Exception:  # any failure here means: keep spaCy's own loop
            return False
        return ours == [[(e.start, e.end, e.label) for e in theirs.ents]]

    @staticmethod
    def _set(doc: Doc, idx: np.ndarray | None, found: list[Entity]) -> Doc:
        ents = [] if idx is None else \
            [Span(doc, int(idx[a]), int(idx[b - 1]) + 1, label=label) for a, b, label in found]
        doc.set_ents(ents, default="outside")
        return doc

    def __call__(self, doc: Doc) -> Doc:
        found = self._windows_doc(doc) if len(doc) else None
        if found is None:
            return self._set(doc, None, [])
        return self._set(doc, found[1], self._entities([found[0]])[0])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128, **_: Any) -> Iterator[Doc]:
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            found = [self._windows_doc(d) if len(d) else None for d in batch]
            subs = [f[0] for f in found if f is not None]
            ents = iter(self._entities(subs) if subs else [])
            for doc, f in zip(batch, found, strict=True):
                yield self._set(doc, None, []) if f is None else self._set(doc, f[1], next(ents))
