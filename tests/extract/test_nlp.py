"""Helpers over a parsed Doc give what spaCy's own attributes give."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.extract.nlp import span_text

_NLP = spacy.blank("en")
_NLP.add_pipe("sentencizer")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab .,!?\n\t\"'", "  ", "\n\n", "Mr. ", "é"]),
                max_size=60).map("".join),
       st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_span_text_is_the_spans_text(text: str, a: int, b: int) -> None:
    doc = _NLP(text)
    for sent in doc.sents:
        assert span_text(sent) == sent.text
    lo, hi = sorted((min(a, len(doc)), min(b, len(doc))))
    assert span_text(doc[lo:hi]) == doc[lo:hi].text
