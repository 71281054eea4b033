"""The server's in-memory clusters give the frames and details DuckDB gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from detente.analyze.dedup import ensure_deduped
from detente.analyze.relations import cluster_details, dyad_frame, dyad_series
from detente.api.cluster_index import ClusterIndex
from detente.store.db import Store
from tests.api.test_event_index import _edge_record

_COLUMNS = ("cluster_id", "day", "ab", "private", "goldstein", "quad", "weight", "mentions")
# Countries, code prefixes, ids and actors nobody has, in both orders, in any case.
_DYADS = [("USA", "RUS"), ("RUS", "USA"), ("usa", "rus"), ("USAGOV", "RUS"), ("RUSGOV", "USA"),
          ("USA", "UKR"), ("RUS", "UKR"), ("USAGOVDIP", "RUSGOV"), ("IGO", "USA"),
          ("XXX", "RUS"), ("RUS", "RUS"), (" ind ", "USA")]


@pytest.fixture(scope="module")
def clustered_db(synthetic_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clusters") / "c.duckdb"
    shutil.copy(synthetic_db, path)
    with Store(path) as store:
        record = _edge_record()
        store.add_articles([record.article])
        store.save_records([record])
        ensure_deduped(store)
    return path


@pytest.mark.parametrize(("a", "b"), _DYADS)
def test_index_frame_is_the_frame_duckdb_reads(clustered_db: Path, a: str, b: str) -> None:
    with Store(clustered_db, read_only=True) as store:
        expected = dyad_frame(store, a, b, dedupe=False)
        rows = ClusterIndex.build(store).dyad(a, b)
    got = rows.frame
    assert (got.a, got.b, got.background) == (expected.a, expected.b, expected.background)
    for name in _COLUMNS:
        x, y = getattr(got, name), getattr(expected, name)
        assert x.dtype.kind == y.dtype.kind, name
        assert np.array_equal(x, y, equal_nan=name == "goldstein"), name


@pytest.mark.parametrize(("a", "b"), [("USA", "RUS"), ("RUSGOV", "USA"), ("USA", "UKR")])
@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_index_answers_relations_as_duckdb_does(clustered_db: Path, a: str, b: str,
                                                freq: str) -> None:
    with Store(clustered_db, read_only=True) as store:
        index = ClusterIndex.build(store)
        rows = index.dyad(a, b)
        series = dyad_series(rows.frame, freq)
        duck = dyad_series(dyad_frame(store, a, b, dedupe=False), freq)
        for start, end in [(None, None), ("2025-03-01", "2025-06-30"), ("2026-01-01", None)]:
            ours = series.window(start, end, lambda ids: index.details(rows, ids))
            theirs = duck.window(start, end, lambda ids: cluster_details(store, ids))
            assert ours.to_json() == theirs.to_json()


def test_index_details_are_what_duckdb_reads(clustered_db: Path) -> None:
    with Store(clustered_db, read_only=True) as store:
        index = ClusterIndex.build(store)
        rows = index.dyad("USA", "RUS")
        ids = [str(i) for i in rows.frame.cluster_id[::7]][::-1]
        assert ids
        assert index.details(rows, ids) == cluster_details(store, ids)
