"""Loading shards into the store: everything arrives once, however often it is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import UsageError
from detente.scale import load_shards
from detente.scale.shards import Failure, write_shard
from detente.store.db import Store
from tests.scale.test_shards import full_record


def _shards(d: Path) -> None:
    write_shard(d / "part-1.parquet", [full_record("One said.", "a"),
                                       full_record("Two said.", "b")],
                [Failure("in.jsonl:9", "ingest", "line is not valid JSON")])
    write_shard(d / "part-2.parquet", [full_record("Two said.", "b")])  # the same article


@pytest.mark.parametrize("times", [1, 2, 3])
def test_load_imports_each_article_once(tmp_path: Path, db_path: Path, times: int) -> None:
    _shards(tmp_path)
    with Store(db_path) as store:
        news = [load_shards(store, tmp_path).new for _ in range(times)]
        stats = store.stats()
        records = {r.article.id: r.to_dict() for r in store.records()}
        failures = store.query("SELECT input, message FROM failures")
    assert news == [2] + [0] * (times - 1)
    assert (stats["articles"], stats["processed"], stats["events"], stats["quotes"]) == (2, 2, 2, 2)
    assert records["a"] == full_record("One said.", "a").to_dict()
    assert failures == [{"input": "in.jsonl:9", "message": "line is not valid JSON"}]


def test_load_refuses_a_missing_directory(tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as store, pytest.raises(UsageError) as info:
        load_shards(store, tmp_path / "nope")
    assert str(info.value) == f"{tmp_path / 'nope'} is not a directory of Parquet shards"
