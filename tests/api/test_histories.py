"""The server's dyad histories (``ServerState.dyad_history``) answer as the library does:
B-A from A-B, and the busiest dyad's built at start-up."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from detente.analyze.dedup import ensure_deduped
from detente.analyze.relations import cluster_details, dyad_frame, dyad_series
from detente.api.cluster_index import DyadRows
from detente.api.state import ServeOptions, ServerState
from detente.store.db import Store
from tests.analyze.synth import add_article, add_event

_CATEGORIES = ["CONSULT", "AGREE", "AID", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT"]


@pytest.fixture(scope="module")
def long_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four years of USA-RUS events and a few USA-UKR ones, clustered."""
    path = tmp_path_factory.mktemp("long") / "store.duckdb"
    rng = random.Random(5)
    with Store(path) as store:
        for i in range(600):
            day = (date(2021, 1, 4) + timedelta(days=rng.randrange(1460))).isoformat()
            add_article(store, f"a{i}", outlet=f"O{i % 7}", published=day)
            pair = ("USA", "RUS") if i % 3 else ("RUS", "USA")
            if i % 10 == 0:
                pair = ("USA", "UKR")
            add_event(store, article_id=f"a{i}", source=pair[0], target=pair[1], day=day,
                      category=rng.choice(_CATEGORIES), confidence=rng.uniform(0.3, 1),
                      channel="private" if i % 5 == 0 else "public", evidence=f"event {i}")
        ensure_deduped(store)
    return path


def test_server_histories_are_the_library_series(long_db: Path) -> None:
    state = ServerState(long_db, token=None, options=ServeOptions(prebuild_dyads=1))
    try:
        state.prepare()
        index = state.cluster_index()
        assert index is not None and index.busiest(2) == [("USA", "RUS"), ("USA", "UKR")]
        # built at start-up: the busiest dyad, every frequency
        assert state.memo_get(("dyad-series", "USA", "RUS", "day")) is not None
        with Store(long_db, read_only=True) as store:
            for a, b in [("USA", "RUS"), ("RUS", "USA"), ("UKR", "USA"), ("USA", "UKR")]:
                frame = dyad_frame(store, a, b, dedupe=False)
                for freq in ("day", "week"):
                    rows, series = state.dyad_history(index, a, b, freq)
                    theirs = dyad_series(frame, freq)
                    assert len(series.points) > (1000 if freq == "day" else 0)

                    def details(ids: list[str], rows: DyadRows = rows) -> list[dict[str, Any]]:
                        return index.details(rows, ids)

                    for start, end in [(None, None), ("2023-02-01", "2023-09-30")]:
                        got = series.window(start, end, details)
                        want = theirs.window(start, end,
                                             lambda ids: cluster_details(store, ids))
                        assert got.to_json() == want.to_json()
    finally:
        state.close()
