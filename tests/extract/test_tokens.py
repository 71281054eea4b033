"""Kept Token objects read as spaCy's own: same words, same dependents, same order."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from detente.extract.tokens import children, doc_tokens, own_token, sentence, span_tokens

_TEXT = (
    "North Korea said on Wednesday it had tested a missile, and the United States and Japan "
    "asked the Security Council to meet. \"We will not back down,\" the minister told "
    "reporters in Seoul, while Russia and China urged both sides to resume talks.\n\n"
    "The Council will meet Friday at the request of the United States and Japan."
)


@pytest.fixture(scope="module")
def parsed(nlp: Any) -> Doc:
    doc: Doc = nlp(_TEXT)
    return doc


def test_doc_tokens_are_the_docs_tokens_made_once(parsed: Doc) -> None:
    kept = doc_tokens(parsed)
    assert kept == list(parsed)
    assert [t.i for t in kept] == list(range(len(parsed)))
    assert doc_tokens(parsed) is kept
    assert all(a is b for a, b in zip(kept, doc_tokens(parsed), strict=True))


def test_span_tokens_are_the_spans_tokens(parsed: Doc) -> None:
    for sent in parsed.sents:
        assert span_tokens(sent) == list(sent)
        assert [t.text for t in span_tokens(sent)] == [t.text for t in sent]
    assert span_tokens(parsed[3:3]) == []
    assert span_tokens(parsed[-4:]) == list(parsed[-4:])


def test_children_are_spacys_children_in_order(parsed: Doc) -> None:
    for token in parsed:
        assert [c.i for c in children(token)] == [c.i for c in token.children]
        assert children(token) is children(token)  # read once
        assert all(c is doc_tokens(parsed)[c.i] for c in children(token))


def test_sentence_is_the_tokens_sentence(parsed: Doc) -> None:
    for token in parsed:
        got, want = sentence(token), token.sent
        assert (got.start, got.end, got.label_) == (want.start, want.end, want.label_)
        assert got == want
    assert sentence(parsed[0]) is sentence(parsed[1])  # one span per sentence, kept


def test_own_token_is_a_new_object_for_the_same_word(parsed: Doc) -> None:
    kept = doc_tokens(parsed)[5]
    own = own_token(kept)
    assert own == kept and own.i == kept.i and own.doc is parsed
    assert own is not kept
    assert own_token(None) is None


def test_docs_keep_their_own_tokens(nlp: Any) -> None:
    a, b = nlp("Russia warned Ukraine."), nlp("Ukraine warned Russia.")
    assert [t.text for t in doc_tokens(a)] == ["Russia", "warned", "Ukraine", "."]
    assert [t.text for t in doc_tokens(b)] == ["Ukraine", "warned", "Russia", "."]
    assert all(t.doc is b for t in doc_tokens(b))


_BLANK = spacy.blank("en")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=11), min_size=1, max_size=12))
def test_children_match_any_tree(heads: list[int]) -> None:
    # Any head array (a token pointing at itself or out of range is a root): the kept
    # children are spaCy's, also for crossing (non-projective) arcs.
    n = len(heads)
    fixed = [h if 0 <= h < n else i for i, h in enumerate(heads)]
    for i in range(n):  # break cycles: walk up; a token met again becomes a root
        seen = {i}
        j = fixed[i]
        while fixed[j] != j:
            if j in seen:
                fixed[j] = j
                break
            seen.add(j)
            j = fixed[j]
    doc = Doc(_BLANK.vocab, words=[f"w{i}" for i in range(n)], heads=fixed,
              deps=["dep"] * n)
    for token in doc:
        assert [c.i for c in children(token)] == [c.i for c in token.children]
