"""NER decoded with numpy gives the entities of spaCy's own transition loop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy

from detente.config import ExtractOptions
from detente.extract.ner_decode import NerDecoder, decoder


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load(ExtractOptions().model)


def _stock(nlp: Any, docs: list[Any]) -> list[list[tuple[int, int, int]]]:
    ner = nlp.get_pipe("ner")
    done = list(ner.pipe([d.copy() for d in docs], batch_size=8))
    return [[(e.start, e.end, e.label) for e in d.ents] for d in done]


def _parsed(nlp: Any, texts: list[str]) -> list[Any]:
    with nlp.select_pipes(disable=["ner"]):
        return list(nlp.pipe(texts))


def test_decoder_finds_the_stock_entities_in_hard_places(nlp: Any) -> None:
    texts = [
        "Vladimir Putin met Donald Trump in Alaska",  # an entity on the last token
        "He flew to Paris.\n\nBerlin said no. Talks end on 5 May 2025",
        "The   United  Nations \n\n and the European Union met on Monday in New York.",
        "A",  # one token
        "Moscow",
        "$5 billion, 30 percent, the 1990s, World War II and Kim Jong Un's North Korea.",
    ]
    docs = _parsed(nlp, texts)
    mine = NerDecoder(nlp.get_pipe("ner"))(docs)
    assert mine == _stock(nlp, docs)
    assert any(end == len(docs[0]) for _, end, _ in mine[0])  # "Alaska", the last token


def test_decoder_finds_the_stock_entities_on_news(nlp: Any, shared_data: Path) -> None:
    texts = []
    for path in sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:24]:
        d = json.loads(path.read_text(encoding="utf-8"))
        texts.append(f"{d.get('title') or ''}\n\n{d.get('text') or ''}")
    docs = _parsed(nlp, texts)
    ner = nlp.get_pipe("ner")
    mine: list[list[tuple[int, int, int]]] = []
    for i in range(0, len(docs), 8):
        mine += NerDecoder(ner)(docs[i:i + 8])
    stock = _stock(nlp, docs)
    total = sum(len(s) for s in stock)
    same = sum(len(set(a) & set(b)) for a, b in zip(mine, stock, strict=True))
    assert total > 1000
    # the same float32 sums; only the score products' rounding may differ from spaCy's
    assert same / total >= 0.999
    assert sum(len(m) for m in mine) == pytest.approx(total, rel=0.001)


def test_empty_docs_and_the_switch(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ner = nlp.get_pipe("ner")
    assert NerDecoder(ner)([nlp.make_doc(""), nlp.make_doc("")]) == [[], []]
    assert isinstance(decoder(ner), NerDecoder)
    monkeypatch.setenv("DETENTE_NER_DECODE", "spacy")
    assert decoder(ner) is None


def test_a_component_it_does_not_cover_keeps_its_own_loop(nlp: Any) -> None:
    assert decoder(nlp.get_pipe("parser")) is None  # another transition system
    beam = spacy.blank("en").add_pipe("beam_ner")
    beam.add_label("ORG")
    assert decoder(beam) is None
