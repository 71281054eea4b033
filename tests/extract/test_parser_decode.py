"""The dependency parse stepped from Python is spaCy's own parse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.attrs import DEP, HEAD, SENT_START

from detente.config import ExtractOptions
from detente.extract.lines import add_line_starts
from detente.extract.nlp import load_nlp
from detente.extract.parser_decode import SteppedParser, stepped_parser

_ATTRS = [HEAD, DEP, SENT_START]


@pytest.fixture(scope="module")
def nlp() -> Any:
    return add_line_starts(spacy.load(ExtractOptions().model))


def _before_parser(nlp: Any, texts: list[str]) -> list[Any]:
    names = [n for n, _ in nlp.pipeline]
    with nlp.select_pipes(enable=names[:names.index("parser")]):
        return list(nlp.pipe(texts))


def _compare(nlp: Any, texts: list[str], group: int) -> tuple[int, int]:
    """(tokens whose head, label and sentence start agree, tokens)."""
    docs = _before_parser(nlp, texts)
    stock = nlp.get_pipe("parser")
    ours = [d.copy() for d in docs]
    theirs = list(stock.pipe([d.copy() for d in docs], batch_size=8))
    list(SteppedParser(stock).pipe(ours, batch_size=group))
    same = sum(int((a.to_array(_ATTRS) == b.to_array(_ATTRS)).all(axis=1).sum())
               for a, b in zip(theirs, ours, strict=True))
    return same, sum(len(d) for d in docs)


def test_stepped_parse_is_the_stock_parse_in_hard_places(nlp: Any) -> None:
    texts = [
        "Putin met Trump in Alaska.",
        "A",
        "",
        "He said:\n\"We will not go.\"\nThe talks ended. Nobody   spoke after that",
        "MOSCOW (Reuters) - Russia's foreign ministry said on Monday it had summoned the "
        "ambassador, who declined to comment; talks, which began in May, are over.",
    ]
    same, total = _compare(nlp, texts, group=8)
    assert same == total
    same, total = _compare(nlp, texts, group=1)  # one at a time: the same parse
    assert same == total


def test_stepped_parse_is_the_stock_parse_on_news(nlp: Any, shared_data: Path) -> None:
    texts = []
    for path in sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:24]:
        d = json.loads(path.read_text(encoding="utf-8"))
        texts.append(f"{d.get('title') or ''}\n\n{d.get('text') or ''}")
    same, total = _compare(nlp, texts, group=8)
    assert total > 10_000
    # the same float32 sums; only the score products' rounding may differ from spaCy's
    assert same / total >= 0.999


def test_the_pipeline_steps_its_parser_unless_told_not_to(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    nlp = load_nlp(ExtractOptions().model)
    parser = nlp.get_pipe("parser")
    assert isinstance(parser, SteppedParser)
    assert "nsubj" in parser.labels  # the stock component's attributes
    doc = nlp("Russia expelled two diplomats. Britain protested.")
    assert [t.dep_ for t in doc][:2] == ["nsubj", "ROOT"]
    assert len(list(doc.sents)) == 2
    assert parser._trusted is True  # its first text agreed with the stock parse
    monkeypatch.setenv("DETENTE_PARSER_DECODE", "spacy")
    assert stepped_parser(parser.parser) is None


def test_a_parser_it_does_not_cover_keeps_its_own_loop() -> None:
    beam = spacy.blank("en").add_pipe("beam_parser")
    assert stepped_parser(beam) is None


def test_a_stepped_parse_that_disagrees_on_the_first_text_falls_back(
        nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _before_parser(nlp, ["Russia expelled two diplomats.", "Britain protested."])
    stock = nlp.get_pipe("parser")
    theirs = list(stock.pipe([d.copy() for d in docs]))
    stepped = SteppedParser(stock)

    def broken(self: SteppedParser, batch: list[Any]) -> None:
        raise ValueError("a model this module misreads")

    monkeypatch.setattr(SteppedParser, "_stepped", broken)
    ours = list(stepped.pipe([d.copy() for d in docs], batch_size=8))
    assert stepped._trusted is False  # spaCy's loop from now on
    assert [[t.dep_ for t in d] for d in ours] == [[t.dep_ for t in d] for d in theirs]
