"""The pipeline spine: stage order, per-article failures, language skips."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from detente.config import ExtractOptions
from detente.errors import PipelineError
from detente.extract.pipeline import Pipeline
from detente.extract.stage import Draft
from detente.model import Article


@dataclass
class _Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    fail_on: str | None = None

    def __call__(self, item: Draft) -> Draft:
        if self.fail_on and self.fail_on in item.text:
            raise ValueError(f"cannot handle {self.fail_on!r}")
        return item


def _art(text: str, aid: str, language: str | None = "en") -> Article:
    return Article(id=aid, text=text, language=language)


def test_pipeline_in_wrong_order_fails_naming_the_missing_layer() -> None:
    stages = [_Stage("events", ("mentions",), ("events",)), _Stage("actors", ("doc",),
                                                                   ("mentions",))]
    with pytest.raises(PipelineError, match="stage 'events' requires layer\\(s\\) mentions"):
        Pipeline(ExtractOptions(workers=1), stages=stages)


def test_pipeline_records_stage_failure_and_continues_batch() -> None:
    stage = _Stage("quotes", ("doc",), ("quotes",), fail_on="boom")
    pipe = Pipeline(ExtractOptions(workers=1), stages=[stage])
    recs = list(pipe.run([_art("A boom here.", "1"), _art("All fine.", "2")]))
    assert [r.article.id for r in recs] == ["1", "2"]
    assert [(e.stage, e.message) for e in recs[0].errors] == [
        ("quotes", "ValueError: cannot handle 'boom'")
    ]
    assert recs[1].errors == []


def test_pipeline_skips_non_english_with_reason() -> None:
    pipe = Pipeline(ExtractOptions(workers=1), stages=[])
    (rec,) = pipe.run([_art("Der Kanzler traf den Präsidenten.", "de", language="de")])
    assert [(e.stage, e.message) for e in rec.errors] == [
        ("language", "skipped: detected language 'de'; extraction covers English only")
    ]


def test_pipeline_records_layers_as_empty_lists_in_contract() -> None:
    pipe = Pipeline(ExtractOptions(workers=1), stages=[])
    (rec,) = pipe.run([_art("Putin met Trump.", "x")])
    d = rec.to_dict()
    assert d["schema"] == "detente.article/1"
    assert list(d) == ["schema", "article", "mentions", "events", "quotes", "timexes",
                       "deadlines", "positions", "errors"]
    assert list(d["article"]) == ["id", "url", "title", "outlet", "author", "published",
                                  "dateline", "language", "text", "input", "external_id",
                                  "warnings"]


def test_the_modules_a_waiting_fork_server_imports_are_those_of_the_default_stages() -> None:
    from detente.config import ExtractOptions
    from detente.extract.pipeline import STAGE_MODULES, default_stages

    modules = {type(stage).__module__ for stage in default_stages(ExtractOptions(workers=1))}
    assert modules == set(STAGE_MODULES)


def test_one_worker_extracts_with_what_was_alive_out_of_collection() -> None:
    """The pipeline built for in-process extraction is kept out of the collector's sight
    while records are made (gc.freeze), and everything is collectable again afterwards."""
    import gc

    from detente.extract.pipeline import extract_records

    gc.unfreeze()  # a process another test left frozen
    seen: list[int] = []
    articles = [Article(id=f"a{i}", text="Russia condemned the strike on Kyiv.",
                        published="2025-08-07") for i in range(3)]
    records = list(extract_records(articles, ExtractOptions(workers=1),
                                   on_record=lambda _rec: seen.append(gc.get_freeze_count())))
    assert len(records) == 3
    assert seen and min(seen) > 10_000  # the model and the tables among them
    assert gc.get_freeze_count() == 0
