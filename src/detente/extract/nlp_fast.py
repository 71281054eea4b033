"""Drop-in replacements for two rule-based spaCy components that cost as much as the parser.

Measured on 100 giveme5w1h articles with ``en_core_web_sm`` (CPU seconds): tok2vec 2.4,
tagger 0.05, parser 1.8, **attribute_ruler 1.8**, **lemmatizer 1.2**, ner 5.5. Both rule
components do per-token Python work (a ``Span`` and an attribute write per match; a lemma
computed per token), although their answer depends on a few token attributes only:

- the attribute ruler's single-token patterns look at TAG, LOWER and DEP, so what they set
  is computed once per distinct (TAG, LOWER, DEP) and written back with ``Doc.from_array``
  (a LOWER no rule tests counts as one word: most tokens share a key per TAG and DEP);
  the few multi-token patterns ("gon na", an expletive before "is") run on a matcher of
  their own and are replayed, with the single-token ones, in the original order;
- the rule lemmatizer's answer depends on ORTH, POS and MORPH (its cache key), so it is
  looked up per distinct triple and written back the same way.

The annotations are identical to the stock components' (``tests/extract/test_nlp_fast.py``
compares every token attribute on real news); only the time changes.

The network layers (the tok2vec encoders, the parser's and NER's feature layers) multiply
their matrices with thinc's ``NumpyOps``, which calls the BLIS library bundled with it. On
this machine (AMD EPYC, 2 cores) numpy's OpenBLAS does the same float32 products three times
as fast (29 vs 89 GFLOPS on the tok2vec's 6,000 x 288 by 288 x 288 product), so the model is
loaded under ``NumpyOps(use_blis=False)`` (thinc's own switch: its ``gemm`` is then
``numpy.dot``), with OpenBLAS held to one thread: a worker is one process per core, and a
second BLAS thread cost 20 % more CPU time for the same parse. Measured on 60 giveme5w1h
articles: tok2vec 2.45 -> 1.07 CPU s, ner 4.28 -> 3.21, parser 1.53 -> 1.35; no token's tag,
dependency, head, sentence start or entity differs.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, DependencyParser, EntityRecognizer, Lemmatizer

__all__ = ["CACHE_KEYS", "FastAttributeRuler", "FastLemmatizer", "install", "numpy_blas",
           "one_blas_thread"]

# The attributes written in bulk; anything else a rule sets goes through the token setter.
_BULK = (POS, MORPH, LEMMA)
# What a single-token rule may test for its answer to be a function of (TAG, LOWER, DEP).
_KEYED = {"TAG", "LOWER", "DEP", "IS_SPACE"}
# Distinct keys a cache holds before it starts afresh: the keys grow with the vocabulary of
# the corpus (8,900 lemma keys after 120 articles), so an unbounded cache would make a long
# run's memory grow with its length. 50,000 keys are about 15 MB; refilling costs about
# 1 CPU s per 100 articles at first (bench/bench_pipeline.py, the cold lemmatizer).
CACHE_KEYS = 50_000


def _keyed(ruler: AttributeRuler) -> bool:
    """Whether every single-token pattern of ``ruler`` tests only attributes in _KEYED."""
    for attr_id in range(len(ruler.attrs)):
        for pattern in ruler.matcher.get(str(attr_id))[1]:
            if len(pattern) == 1 and not set(pattern[0]) <= _KEYED:
                return False
    return True


def _lower_tests(ruler: AttributeRuler) -> tuple[frozenset[str] | None, list[re.Pattern[str]]]:
    """The words the single-token rules of ``ruler`` compare LOWER with (equal, IN, NOT_IN)
    and their LOWER regexes: a token whose LOWER is none of those words, matches none of
    the regexes and is not whitespace (IS_SPACE) gets the same answer from every rule as
    any other such token of its TAG and DEP. (None, []) when a rule tests LOWER otherwise."""
    words: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for attr_id in range(len(ruler.attrs)):
        for pattern in ruler.matcher.get(str(attr_id))[1]:
            if len(pattern) != 1 or "LOWER" not in pattern[0]:
                continue
            value = pattern[0]["LOWER"]
            if isinstance(value, str):
                words.add(value)
                continue
            if not isinstance(value, dict) or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
                return None, []
            for op, arg in value.items():
                if op == "REGEX":
                    regexes.append(re.compile(arg))
                else:
                    words.update(arg)
    return frozenset(words), regexes


def _write(doc: Doc, attrs: list[int], values: Any) -> None:
    """``Doc.from_array`` with the hash values as the unsigned 64-bit ints spaCy stores."""
    array: Any = np.asarray(values, dtype=np.uint64)  # spaCy's stubs want thinc's Ints2d
    doc.from_array(list(attrs), array)


class _Starts:
    """Whether a ``Doc`` has a token a multi-token rule of the ruler can start with. The
    ruler's ``Matcher`` walks every token of every text for its eight multi-token rules
    ("gon na", "there is"): 0.17 of the ruler's 0.42 CPU s over 100 giveme5w1h articles,
    mostly for no match. Their first tokens test LOWER (a word, a list, a regex) and DEP;
    a text without such a token cannot match. A first token testing anything else (or
    testing LOWER or DEP otherwise) makes every text a candidate."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.always = False
        self.words: set[int] = set()
        self.deps: set[int] = set()
        self.regexes: list[re.Pattern[str]] = []
        self._regex_hits: dict[int, bool] = {}  # LOWER -> whether a regex matches it
        for attr_id in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                if len(pattern) > 1:
                    self._add(pattern[0], strings)

    def _add(self, first: dict[str, Any], strings: Any) -> None:
        lower, dep = first.get("LOWER"), first.get("DEP")
        if not set(first) <= {"LOWER", "DEP", "TAG"} or (lower is None and dep is None):
            self.always = True
        elif lower is not None:  # a token must pass its LOWER test: DEP and TAG aside
            if isinstance(lower, str):
                self.words.add(strings.add(lower))
            elif isinstance(lower, dict) and set(lower) == {"IN"}:
                self.words.update(strings.add(w) for w in lower["IN"])
            elif isinstance(lower, dict) and set(lower) == {"REGEX"}:
                self.regexes.append(re.compile(lower["REGEX"]))
            else:
                self.always = True
        elif isinstance(dep, str):
            self.deps.add(strings.add(dep))
        else:
            self.always = True

    def _regex_hit(self, lower: int, strings: Any) -> bool:
        hit = self._regex_hits.get(lower)
        if hit is None:
            word = strings[lower]
            hit = any(rx.search(word) for rx in self.regexes)
            if len(self._regex_hits) >= CACHE_KEYS:
                self._regex_hits.clear()
            self._regex_hits[lower] = hit
        return hit

    def may_match(self, doc: Doc) -> bool:
        """False only when no token of ``doc`` can start a multi-token rule."""
        if self.always:
            return True
        arr = doc.to_array([LOWER, DEP])
        lowers = np.unique(arr[:, 0]).tolist()
        if self.words.intersection(lowers) or self.deps.intersection(arr[:, 1].tolist()):
            return True
        strings = doc.vocab.strings
        return bool(self.regexes) and any(self._regex_hit(w, strings) for w in lowers)


class FastAttributeRuler:
    """The ``attribute_ruler`` of a loaded pipeline, answering per distinct token key."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        vocab = ruler.vocab
        self.single = Matcher(vocab, validate=False)
        self.multi = Matcher(vocab, validate=False)
        for attr_id in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                target = self.single if len(pattern) == 1 else self.multi
                target.add(str(attr_id), [pattern])
        self.has_multi = len(self.multi) > 0
        self._starts = _Starts(ruler)
        self._words, self._regexes = _lower_tests(ruler)
        self._relevant: dict[int, bool] = {}  # LOWER -> whether a single-token rule tests it
        # (TAG, LOWER, DEP) -> the sorted attr ids of the single-token rules that match
        self._rules: dict[tuple[int, int, int], list[int]] = {}
        # attr ids -> (bulk value or None per _BULK column, other attributes to set)
        self._effects: dict[tuple[int, ...], tuple[list[int | None], dict[int, int]]] = {}

    def _rules_for(self, doc: Doc, i: int, key: tuple[int, int, int]) -> list[int]:
        rules = self._rules.get(key)
        if rules is None:
            if len(self._rules) >= CACHE_KEYS:
                self._rules.clear()
            found = self.single(doc[i: i + 1], allow_missing=True, as_spans=False)
            rules = sorted(int(self.ruler.vocab.strings[m_id]) for m_id, _, _ in found)
            self._rules[key] = rules
        return rules

    def _collapse(self, doc: Doc, lowers: np.ndarray) -> np.ndarray:
        """``lowers`` with every LOWER no single-token rule can tell apart from another set
        to 0: the rules' answer for such a token depends on its TAG and DEP alone, so the
        tokens share a key (and a matcher call). Without it a cold process ran the matcher
        once per new (TAG, word, DEP): 42,000 times over its first 100 articles."""
        uniq, inverse = np.unique(lowers, return_inverse=True)
        strings = doc.vocab.strings
        keep = np.empty(len(uniq), dtype=bool)
        for k, lower in enumerate(uniq.tolist()):
            found = self._relevant.get(lower)
            if found is None:
                word = strings[lower]
                found = (word in self._words or word.isspace() or  # type: ignore[operator]
                         any(rx.search(word) for rx in self._regexes))
                if len(self._relevant) >= CACHE_KEYS:
                    self._relevant.clear()
                self._relevant[lower] = found
            keep[k] = found
        return np.where(keep, uniq, 0)[inverse.reshape(-1)]

    def _effect(self, rules: tuple[int, ...]) -> tuple[list[int | None], dict[int, int]]:
        effect = self._effects.get(rules)
        if effect is None:
            bulk: list[int | None] = [None] * len(_BULK)
            other: dict[int, int] = {}
            for attr_id in rules:  # later rules win, as in AttributeRuler.set_annotations
                for attr, value in self.ruler.attrs[attr_id].items():
                    if attr in _BULK:
                        bulk[_BULK.index(attr)] = value
                    else:
                        other[attr] = value
            effect = (bulk, other)
            self._effects[rules] = effect
        return effect

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array([TAG, LOWER, DEP])
        if self._words is not None:
            keys[:, 1] = self._collapse(doc, keys[:, 1])
        uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        first = np.zeros(len(uniq), dtype=np.int64)
        first[inverse] = np.arange(len(doc))  # some token of each key: any one will do
        values = doc.to_array(list(_BULK))
        per_key: list[list[int]] = []
        bulk_rows = np.zeros((len(uniq), len(_BULK)), dtype=np.uint64)
        bulk_set = np.zeros((len(uniq), len(_BULK)), dtype=bool)
        others: dict[int, dict[int, int]] = {}
        for k, row in enumerate(uniq.tolist()):
            rules = self._rules_for(doc, int(first[k]), (row[0], row[1], row[2]))
            per_key.append(rules)
            bulk, other = self._effect(tuple(rules))
            for col, value in enumerate(bulk):
                if value is not None:
                    bulk_rows[k, col], bulk_set[k, col] = value, True
            if other:
                others[k] = other
        new = np.where(bulk_set[inverse], bulk_rows[inverse], values)
        _write(doc, list(_BULK), new)
        for k, other in others.items():
            for i in np.flatnonzero(inverse == k):
                set_token_attrs(doc[int(i)], other)
        if self.has_multi and self._starts.may_match(doc):
            self._replay_multi(doc, inverse, per_key)
        return doc

    def _replay_multi(self, doc: Doc, inverse: np.ndarray, per_key: list[list[int]]) -> None:
        """Tokens a multi-token rule targets: every rule that matches them, in order."""
        touched: dict[int, list[int]] = {}
        for m_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            attr_id = int(self.ruler.vocab.strings[m_id])
            i = doc[start:end][self.ruler.indices[attr_id]].i
            touched.setdefault(i, []).append(attr_id)
        for i, extra in touched.items():
            for attr_id in sorted(per_key[int(inverse[i])] + extra):
                set_token_attrs(doc[i], self.ruler.attrs[attr_id])

    def pipe(self, docs: Iterable[Doc], **_: Any) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _index_sets(lemmatizer: Lemmatizer) -> None:
    """Turn the rule lemmatizer's word lists (``lemma_index``: the known base forms per part
    of speech) into sets, in place. ``rule_lemmatize`` asks ``form in index`` for every
    form a suffix rule makes, and on a list that is a scan of up to 57,528 words (the
    nouns'): 1.1 ms per word the cache has not seen, 9 of the 27 CPU seconds of a cold
    worker's first 100 articles in cProfile. Membership is all it asks of them."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is None:
        return
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


class FastLemmatizer:
    """The rule ``lemmatizer`` of a loaded pipeline, answering per (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}
        _index_sets(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = (np.arange(len(doc)) if self.lemmatizer.overwrite
                else np.flatnonzero(arr[:, 3] == 0))
        if not len(todo):
            return doc
        strings = doc.vocab.strings
        uniq, first, inverse = np.unique(arr[todo, :3], axis=0, return_index=True,
                                         return_inverse=True)
        found = np.empty(len(uniq), dtype=np.uint64)
        for k, row in enumerate(uniq.tolist()):
            key = (row[0], row[1], row[2])
            lemma = self._lemmas.get(key)
            if lemma is None:
                if len(self._lemmas) >= CACHE_KEYS:
                    self._forget()
                token = doc[int(todo[first[k]])]
                lemma = strings.add(self.lemmatizer.lemmatize(token)[0])
                self._lemmas[key] = lemma
            found[k] = lemma
        lemmas = arr[:, 3].copy()
        lemmas[todo] = found[inverse.reshape(-1)]
        _write(doc, [LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _forget(self) -> None:
        """Start both caches afresh: ours and the stock lemmatizer's own, which grows with
        every (ORTH, POS) it is asked about."""
        self._lemmas.clear()
        cache = getattr(self.lemmatizer, "cache", None)
        if isinstance(cache, dict):
            cache.clear()

    def pipe(self, docs: Iterable[Doc], **_: Any) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def install(nlp: Language, *, windowed_ner: bool = False) -> Language:
    """Swap the pipeline's ``attribute_ruler`` and rule ``lemmatizer`` for the fast ones,
    in place. A pipeline without them, with a lookup lemmatizer or with rules testing other
    token attributes keeps its own. With ``windowed_ner``, its ``ner`` runs on the token
    windows where an entity can be (:mod:`detente.extract.ner_windows`). A greedy
    dependency parser steps its transition loop from Python
    (:mod:`detente.extract.parser_decode`)."""
    components = nlp._components  # spaCy keeps (name, component) pairs here
    for k, (name, proc) in enumerate(components):
        kind = type(proc).__name__
        if name == "ner" and windowed_ner and kind == "EntityRecognizer":
            from detente.extract.ner_windows import WindowedNer

            components[k] = (name, WindowedNer(cast("EntityRecognizer", proc)))
        if kind == "DependencyParser":
            from detente.extract.parser_decode import stepped_parser

            stepped = stepped_parser(cast("DependencyParser", proc))
            if stepped is not None:
                components[k] = (name, stepped)
        if name == "attribute_ruler" and kind == "AttributeRuler" and _keyed(
                cast("AttributeRuler", proc)):
            components[k] = (name, FastAttributeRuler(cast("AttributeRuler", proc)))
        elif name == "lemmatizer" and getattr(proc, "mode", None) == "rule" and \
                kind.endswith("Lemmatizer"):
            components[k] = (name, FastLemmatizer(cast("Lemmatizer", proc)))
    return nlp


# The thread setters of the OpenBLAS builds numpy wheels bundle (64-bit ints, then plain).
_SET_THREADS = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                "openblas_set_num_threads")


def one_blas_thread() -> bool:
    """Hold numpy's bundled OpenBLAS to one thread in this process; whether it could."""
    libs = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(libs.glob("*openblas*.so*")):
        with contextlib.suppress(OSError):
            lib = ctypes.CDLL(str(path))  # already loaded by numpy: the same handle
            for name in _SET_THREADS:
                setter = getattr(lib, name, None)
                if setter is not None:
                    setter(1)
                    return True
    return False


@contextlib.contextmanager
def numpy_blas() -> Iterator[None]:
    """Models built inside multiply with numpy (one BLAS thread) instead of BLIS."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    previous = get_current_ops()
    if type(previous) is not NumpyOps:  # a GPU or another backend: leave it alone
        yield
        return
    one_blas_thread()
    set_current_ops(NumpyOps(use_blis=False))
    try:
        yield
    finally:
        set_current_ops(previous)
