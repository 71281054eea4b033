"""The fast attribute ruler and lemmatizer give the stock components' annotations.

Entities are left out of the exact comparison: detente's NER runs on token windows and agrees
with the stock component on 99.9 % of tokens (tests/extract/test_ner_windows.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from detente.config import ExtractOptions
from detente.extract.lines import add_line_starts
from detente.extract.nlp import load_nlp
from detente.extract.nlp_fast import FastAttributeRuler, FastLemmatizer

_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]
# Contractions, "gon na", expletives, "y'all", "let's", spaces: the multi-token rules.
_TRICKY = [
    "There is a deal, and there's talk. Let's go: we're gonna win, y'all. Ain't it so?",
    "He 'd said that I would. Gotta go.\n\n  Everyone knows something; nobody c'mon.",
    "",
    "   ",
]


def _news(shared_data: Path, n: int) -> list[str]:
    texts = []
    for path in sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:n]:
        d = json.loads(path.read_text(encoding="utf-8"))
        texts.append(f"{d.get('title') or ''}\n\n{d.get('text') or ''}")
    return texts


@pytest.fixture(scope="module")
def stock() -> Any:
    # with detente's line starts too: the comparison is of the fast components alone
    return add_line_starts(spacy.load(ExtractOptions().model))


def test_fast_components_replace_the_stock_ones() -> None:
    nlp = load_nlp(ExtractOptions().model)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_fast_components_annotate_exactly_as_the_stock_ones(stock: Any,
                                                            shared_data: Path) -> None:
    fast = load_nlp(ExtractOptions().model)
    texts = _TRICKY + _news(shared_data, 60)
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert np.array_equal(a.to_array(_ATTRS), b.to_array(_ATTRS)), a.text[:80]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_networks_multiply_with_numpy_and_leave_the_global_ops_alone() -> None:
    from thinc.api import NumpyOps, get_current_ops

    nlp = load_nlp(ExtractOptions().model)
    for name in ("tok2vec", "ner"):
        layers = list(nlp.get_pipe(name).model.walk())
        assert any(isinstance(m.ops, NumpyOps) and not m.ops.use_blis for m in layers), name
    ops = get_current_ops()
    assert not isinstance(ops, NumpyOps) or ops.use_blis  # restored after the load


def test_bounded_caches_still_annotate_as_the_stock_components(
        stock: Any, shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import detente.extract.nlp_fast as nlp_fast

    monkeypatch.setattr(nlp_fast, "CACHE_KEYS", 40)
    fast = load_nlp(ExtractOptions().model)
    lemmatizer = fast.get_pipe("lemmatizer")
    ruler = fast.get_pipe("attribute_ruler")
    texts = _TRICKY + _news(shared_data, 75)[60:]  # news the other tests have not cached
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert np.array_equal(a.to_array(_ATTRS), b.to_array(_ATTRS)), a.text[:80]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert 0 < len(lemmatizer._lemmas) <= 40
    assert 0 < len(ruler._rules) <= 40


def test_doc_ents_and_entity_at_agree_with_spacy(shared_data: Path) -> None:
    from detente.extract.nlp import doc_ents, entity_at

    nlp = load_nlp(ExtractOptions().model)
    for doc in nlp.pipe(_news(shared_data, 5)):
        ents = doc_ents(doc)
        assert ents == doc.ents and doc_ents(doc) is ents
        for tok in doc:
            want = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            got = entity_at(doc, tok.i)
            assert (got is None) == (want is None)
            if want is not None and got is not None:
                assert (got.start, got.end, got.label_) == (want.start, want.end, want.label_)


def test_attribute_ruler_keys_words_no_rule_tests_by_tag_and_dep(stock: Any,
                                                                 shared_data: Path) -> None:
    from spacy.attrs import LOWER

    ruler = FastAttributeRuler(stock.get_pipe("attribute_ruler"))
    assert ruler._words is not None and "'ll" in ruler._words  # a rule tests "'ll"
    texts = _news(shared_data, 20)
    distinct: set[tuple[int, int, int]] = set()
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in stock.pipe(texts):
            distinct.update(map(tuple, doc.to_array([TAG, LOWER, DEP]).tolist()))
            ruler(doc)
    strings = stock.vocab.strings
    kept = {strings[lower] for _, lower, _ in ruler._rules if lower}
    assert kept and all(w in ruler._words or w.isspace() or
                        any(rx.search(w) for rx in ruler._regexes) for w in kept)
    assert len(ruler._rules) < len(distinct) / 5  # the matcher ran once per key


def test_lemmatizer_base_forms_are_sets() -> None:
    lemmatizer = load_nlp(ExtractOptions().model).get_pipe("lemmatizer")
    index = lemmatizer.lemmatizer.lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister met the envoy in Paris on Monday.", False),
    ("We're gonna win.", True),
    ("There is a deal.", True),
    ("Ain't it so?", True),
])
def test_attribute_ruler_runs_multi_token_rules_only_where_one_can_start(
        text: str, expected: bool) -> None:
    nlp = load_nlp(ExtractOptions().model)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler._starts.may_match(nlp(text)) is expected
