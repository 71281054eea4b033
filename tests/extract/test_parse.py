"""The parse never fails a batch: long texts in pieces, a failing text alone."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from detente.config import ExtractOptions
from detente.extract.parse import parse_texts, pieces, too_long
from detente.extract.pipeline import Pipeline
from detente.model import Article


@Language.component("detente_test_poison")
def _poison(doc: Any) -> Any:
    if "poison" in doc.text:
        raise ValueError("poison in the text")
    return doc


def _blank(max_length: int = 1_000_000) -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("detente_test_poison")
    nlp.max_length = max_length
    return nlp


@given(st.text(alphabet=st.sampled_from("ab .\n!"), max_size=400),
       st.integers(min_value=8, max_value=60))
def test_pieces_join_back_and_respect_the_limit(text: str, limit: int) -> None:
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(len(p) <= limit for p in parts)


def test_pieces_cut_at_paragraph_ends_first() -> None:
    text = "One two. Three four.\n\nFive six. Seven eight. Nine."
    assert pieces(text, 30) == ["One two. Three four.\n\n", "Five six. Seven eight. Nine."]


def test_a_failing_text_fails_alone_with_its_reason() -> None:
    out = parse_texts(_blank(), ["Good one.", "A poison here.", "Good two."], max_chars=100)
    assert [d if isinstance(d, str) else d.text for d in out] == [
        "Good one.", "ValueError: poison in the text", "Good two."]


def test_text_over_spacys_limit_is_parsed_in_pieces_with_its_offsets() -> None:
    text = "".join(f"Paragraph {i} says a thing. Then another.\n\n" for i in range(60))
    (doc,) = parse_texts(_blank(max_length=500), [text], max_chars=len(text))
    assert not isinstance(doc, str)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_text_over_the_cap_gets_the_documented_reason() -> None:
    (reason,) = parse_texts(_blank(), ["x" * 1_200_000], max_chars=200_000)
    assert reason == too_long(1_200_000, 200_000) == (
        "text too long: 1,200,000 characters; extraction stops at 200,000 "
        "(ExtractOptions.max_chars, see docs/reliability.md)")


@pytest.mark.parametrize("long_at", [0, 3, 5])
def test_long_article_in_a_batch_fails_alone_and_the_good_ones_are_extracted(
    long_at: int,
) -> None:
    good = "President Trump met President Putin in Alaska on Friday. They talked.\n"
    arts = [Article(id=str(i), text=f"{good} Story {i}.", language="en") for i in range(5)]
    arts.insert(long_at, Article(id="long", text=(good * 20_000)[:1_200_000], language="en"))
    recs = list(Pipeline(ExtractOptions(workers=1)).run(arts))
    assert [r.article.id for r in recs] == [a.id for a in arts]
    long = recs[long_at]
    assert [(e.stage, e.message) for e in long.errors] == [("parse", too_long(1_200_000,
                                                                              200_000))]
    for rec in recs[:long_at] + recs[long_at + 1:]:
        assert rec.errors == []
        assert rec.mentions, rec.article.id


@given(st.lists(st.integers(0, 50), max_size=30), st.integers(1, 60))
def test_groups_keep_order_and_stay_under_the_limit(lengths: list[int], limit: int) -> None:
    from detente.extract.parse import groups

    items = list(range(len(lengths)))
    out = groups(items, lengths, limit)
    assert [i for g in out for i in g] == items
    for g in out:
        assert g and (len(g) == 1 or sum(lengths[i] for i in g) <= limit)


def test_grouped_parse_annotates_as_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG

    from detente.extract import parse
    from detente.extract.nlp import load_nlp

    nlp = load_nlp(ExtractOptions().model)
    texts = [f"Minister {name} met the envoy of {place} on Monday and said talks would go on."
             * n for n, (name, place) in enumerate(
                 [("Lavrov", "Ukraine"), ("Blinken", "China"), ("Wang Yi", "Japan")], 1)]
    attrs = [DEP, HEAD, TAG, POS, LEMMA, SENT_START, ENT_IOB, ENT_TYPE]
    whole = parse_texts(nlp, texts, max_chars=10_000)
    monkeypatch.setattr(parse, "GROUP_CHARS", 100)  # every text in a group of its own
    assert len(parse.groups([0, 1, 2], [len(t) for t in texts])) == 3
    alone = parse_texts(nlp, texts, max_chars=10_000)
    for a, b in zip(whole, alone, strict=True):
        assert not isinstance(a, str) and not isinstance(b, str)
        assert (a.to_array(attrs) == b.to_array(attrs)).all()


def test_parser_on_wide_groups_annotates_as_group_by_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG

    from detente.extract import parse
    from detente.extract.nlp import load_nlp

    nlp = load_nlp(ExtractOptions().model)
    texts = [f"{name} told reporters in {place} that the talks had failed. "
             f"Officials said {name} would return next week." * n
             for n, (name, place) in enumerate(
                 [("Lavrov", "Geneva"), ("Blinken", "Beijing"), ("Wang Yi", "Tokyo"),
                  ("Macron", "Kyiv")], 1)]
    attrs = [DEP, HEAD, TAG, POS, LEMMA, SENT_START, ENT_IOB, ENT_TYPE]
    monkeypatch.setattr(parse, "GROUP_CHARS", 200)  # the networks: a text at a time
    wide = parse_texts(nlp, texts, max_chars=10_000)  # the parser: all four at once
    monkeypatch.setattr(parse, "PARSER_GROUP_CHARS", 200)
    narrow = parse_texts(nlp, texts, max_chars=10_000)
    stock = list(nlp.pipe(texts))
    for a, b, c in zip(wide, narrow, stock, strict=True):
        assert not isinstance(a, str) and not isinstance(b, str)
        assert (a.to_array(attrs) == b.to_array(attrs)).all()
        assert (a.to_array(attrs) == c.to_array(attrs)).all()


def test_text_over_piece_chars_is_parsed_in_pieces_and_joined(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from detente.extract import parse

    monkeypatch.setattr(parse, "PIECE_CHARS", 200)
    text = "".join(f"Paragraph {i} says a thing. Then another.\n\n" for i in range(20))
    seen: list[int] = []

    @Language.component("detente_test_length")
    def _length(doc: Any) -> Any:
        seen.append(len(doc.text))
        return doc

    nlp = _blank()
    nlp.add_pipe("detente_test_length")
    short, long = parse_texts(nlp, ["A short one.", text], max_chars=10_000)
    assert not isinstance(short, str) and not isinstance(long, str)
    assert long.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in long)
    assert len(seen) > 2 and max(seen) <= 200


def test_a_failing_piece_fails_its_text_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from detente.extract import parse

    monkeypatch.setattr(parse, "PIECE_CHARS", 100)
    text = "".join(f"Line {i} is fine.\n\n" for i in range(10)) + "A poison here.\n\n" + \
        "".join(f"Line {i} is fine.\n\n" for i in range(10))
    out = parse_texts(_blank(), ["Good one.", text, "Good two."], max_chars=10_000)
    assert [d if isinstance(d, str) else d.text for d in out] == [
        "Good one.", "ValueError: poison in the text", "Good two."]


@pytest.mark.parametrize(("value", "expected"), [("", 12_000), ("5000", 5_000), ("x", 12_000),
                                                 ("0", 12_000)])
def test_piece_chars_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str,
                                          expected: int) -> None:
    from detente.extract import parse

    monkeypatch.setenv("DETENTE_PARSE_PIECE_CHARS", value)
    assert parse._piece_chars() == expected
