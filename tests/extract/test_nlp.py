"""Helpers over a parsed Doc give what spaCy's own attributes give."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from detente.config import ExtractOptions
from detente.extract.nlp import _load, _saved_stock_tokenizer, span_text

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


def _tokenizer_state(nlp: Language) -> tuple[object, ...]:
    tok = nlp.tokenizer
    patterns = [getattr(f, "__self__", None) for f in (
        tok.prefix_search, tok.suffix_search, tok.infix_finditer, tok.token_match,
        tok.url_match)]
    return (sorted(tok.rules.items()), [p.pattern if p is not None else None for p in patterns],
            tok.faster_heuristics)


def test_the_tokenizer_read_from_disk_is_spacys_own() -> None:
    """The bare tokenizer load_nlp builds first is replaced, rule for rule, by the saved one."""
    model = ExtractOptions().model
    assert _saved_stock_tokenizer(model)
    ours, stock = _load(model), spacy.load(model)
    assert _tokenizer_state(ours) == _tokenizer_state(stock)
    assert len(ours.tokenizer.rules) > 1000  # read from disk, not left bare
    text = ("Mr. Putin didn't say it: the U.S.-Russia talks (in Alaska) won't resume "
            "before Aug. 15th, 2025 -- see https://example.org/a?b=1 :-) e.g. 3.5% or $40bn.")
    assert [t.text for t in ours.tokenizer(text)] == [t.text for t in stock.tokenizer(text)]


def test_only_a_saved_rule_tokenizer_is_read_over_a_bare_one(tmp_path: Path) -> None:
    saved = tmp_path / "blank"
    spacy.blank("en").to_disk(saved)
    assert _saved_stock_tokenizer(str(saved))
    assert _tokenizer_state(_load(str(saved))) == _tokenizer_state(spacy.load(saved))
    config = saved / "config.cfg"
    config.write_text(config.read_text(encoding="utf-8").replace(
        '"spacy.Tokenizer.v1"', '"spacy.zh.ChineseTokenizer"'), encoding="utf-8")
    assert not _saved_stock_tokenizer(str(saved))  # another tokenizer: spaCy's load as is
    assert not _saved_stock_tokenizer(str(tmp_path / "missing"))
