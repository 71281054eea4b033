"""NER on token windows: where it runs, and how close it stays to the stock component."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import spacy
from spacy.pipeline import EntityRecognizer

from detente.config import ExtractOptions
from detente.extract.ner_windows import CONTEXT, WindowedNer, windows
from detente.extract.nlp import load_nlp
from detente.extract.nlp_fast import install


def _news(shared_data: Path, n: int) -> list[str]:
    texts = []
    for path in sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:n]:
        d = json.loads(path.read_text(encoding="utf-8"))
        texts.append(f"{d.get('title') or ''}\n\n{d.get('text') or ''}")
    return texts


@pytest.fixture(scope="module")
def stock() -> Any:
    return spacy.load(ExtractOptions().model)


@pytest.fixture(scope="module")
def windowed() -> Any:
    nlp = spacy.load(ExtractOptions().model)
    return install(nlp, windowed_ner=True)


def test_windows_take_context_either_side_and_join_close_ones() -> None:
    assert windows(np.array([], dtype=np.int64), 10) == []
    assert windows(np.array([0]), 20, context=4, gap=2) == [(0, 5)]
    assert windows(np.array([18]), 20, context=4, gap=2) == [(14, 20)]
    # 5 and 16: windows (1, 10) and (12, 21) are 2 tokens apart: one window
    assert windows(np.array([5, 16]), 40, context=4, gap=2) == [(1, 21)]
    # 5 and 17: (1, 10) and (13, 22) are 3 apart: two windows
    assert windows(np.array([5, 17]), 40, context=4, gap=2) == [(1, 10), (13, 22)]


def test_install_swaps_ner_only_when_asked() -> None:
    plain = install(spacy.load(ExtractOptions().model))
    assert isinstance(plain.get_pipe("ner"), EntityRecognizer)
    nlp = load_nlp(ExtractOptions().model)  # the default: windows
    assert isinstance(nlp.get_pipe("ner"), WindowedNer)
    assert "PERSON" in nlp.get_pipe("ner").labels  # the stock component's attributes


def test_core_tokens_are_names_numbers_and_time_words(windowed: Any) -> None:
    doc = windowed("The talks in Geneva began on Monday, and three people said they were over "
                   "within a week. But I think so.")
    core = {doc[int(i)].text for i in windowed.get_pipe("ner").core(doc)}
    assert {"Geneva", "Monday", "three", "week"} <= core
    assert not core & {"The", "But", "talks", "people", "said"}


def test_tokens_far_from_any_core_token_are_outside_entities(windowed: Any) -> None:
    filler = "and then they walked along the river for a while without saying anything " * 3
    doc = windowed(f"Angela Merkel met officials in Berlin {filler}before they went home.")
    assert [(e.text, e.label_) for e in doc.ents][:1] == [("Angela Merkel", "PERSON")]
    assert any(e.text == "Berlin" for e in doc.ents)
    far = doc[12 + CONTEXT: len(doc) - CONTEXT]
    assert all(t.ent_iob_ == "O" for t in far)
    assert windowed("").ents == ()
    assert all(t.ent_iob_ == "O" for t in windowed("nothing here is a name or a number"))


def test_windowed_entities_agree_with_the_stock_component_on_news(
        stock: Any, windowed: Any, shared_data: Path) -> None:
    texts = _news(shared_data, 40)
    tokens = same = ents = same_ents = 0
    for a, b in zip(stock.pipe(texts), windowed.pipe(texts, batch_size=8), strict=True):
        assert len(a) == len(b)
        tokens += len(a)
        same += sum(x.ent_iob == y.ent_iob and x.ent_type == y.ent_type
                    for x, y in zip(a, b, strict=True))
        spans = {(e.start, e.end, e.label) for e in b.ents}
        ents += len(a.ents)
        same_ents += sum((e.start, e.end, e.label) in spans for e in a.ents)
    assert same / tokens >= 0.998
    assert same_ents / ents >= 0.99
    # one at a time (``nlp(text)``) gives what ``pipe`` gives
    one = windowed(texts[0])
    again = next(iter(windowed.pipe(texts[:1])))
    assert [(e.start, e.end, e.label) for e in one.ents] == \
        [(e.start, e.end, e.label) for e in again.ents]


def test_windowed_ner_falls_back_when_the_decoding_disagrees(
        windowed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = WindowedNer(windowed.get_pipe("ner").ner)
    assert fresh._decoder is not None
    monkeypatch.setattr(fresh, "_decoder", lambda subs: [[] for _ in subs])  # finds nothing
    names = [n for n, _ in windowed.pipeline if n != "ner"]
    with windowed.select_pipes(enable=names):
        doc = windowed("Angela Merkel met officials in Berlin on Monday.")
    fresh(doc)
    assert fresh._trusted is False
    assert ("Angela Merkel", "PERSON") in [(e.text, e.label_) for e in doc.ents]
