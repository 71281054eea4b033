"""The server's dyad histories (``ServerState.dyad_history``) answer as the library does:
B-A from A-B, and the densest dyads' built at start-up the same as on demand."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from detente.analyze.dedup import ensure_deduped
from detente.analyze.relations import cluster_details, dyad_frame, dyad_series
from detente.api.cluster_index import DyadRows
from detente.api.prebuild import PrebuildOptions
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
    state = ServerState(long_db, token=None,
                        options=ServeOptions(prebuild=PrebuildOptions(max_dyads=1)))
    try:
        state.prepare()
        index = state.cluster_index()
        assert index is not None and index.busiest(2) == [("USA", "RUS"), ("USA", "UKR")]
        # built at start-up: the densest dyad, both orders, every frequency
        assert state.memo_get(("dyad-series", "USA", "RUS", "day")) is not None
        assert state.memo_get(("dyad-series", "RUS", "USA", "week")) is not None
        assert state.memo_get(("dyad-series", "USA", "UKR", "day")) is None
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


def test_prebuilt_histories_are_those_built_on_demand(long_db: Path) -> None:
    # Built at start-up, two at a time, turning points in two other processes; and on
    # demand, all in this process.
    kept = ServerState(long_db, token=None, options=ServeOptions(
        prebuild=PrebuildOptions(seconds=60, min_events=20, max_dyads=10),
        build_pool_workers=2, build_pool_events=1, build_pool_days=100))
    fresh = ServerState(long_db, token=None, options=ServeOptions(
        prebuild=PrebuildOptions(seconds=0), build_pool_workers=0))
    try:
        prepared = kept.prepare()
        assert kept._build_pool is not None and fresh._build_pool is None
        assert fresh.prepare().dyads == 0
        index, fresh_index = kept.cluster_index(), fresh.cluster_index()
        assert index is not None and fresh_index is not None
        # a side is named by its country or its code (the synthetic events' XXXGOV)
        dense = index.dense(20)
        assert dense[0] == ("USA", "RUS", 515) and {n for _, _, n in dense} == {515, 60}
        assert {(a, b) for a, b, n in dense if n == 60} == {
            ("USA", "UKR"), ("USAGOV", "UKR"), ("USA", "UKRGOV"), ("USAGOV", "UKRGOV")}
        # every one of them (min_events=20 keeps USA-UKR's 60 events), both orders, rows
        # and three frequencies
        assert prepared.dyads == len(dense) == 8 and prepared.histories == 8 * 2 * (1 + 3)
        pairs = [(a, b) for a, b, _ in dense] + [(b, a) for a, b, _ in dense]
        for a, b in pairs:
            for freq in ("day", "week", "month"):
                assert kept.memo_get(("dyad-series", a, b, freq)) is not None
                assert fresh.memo_get(("dyad-series", a, b, freq)) is None
        for a, b in pairs:
            for freq in ("day", "week", "month"):
                rows, series = kept.dyad_history(index, a, b, freq)
                fresh_rows, built = fresh.dyad_history(fresh_index, a, b, freq)
                assert series.turns == built.turns
                for start, end in [(None, None), ("2022-02-01", "2022-09-30")]:
                    got = series.window(start, end,
                                        lambda ids, r=rows: index.details(r, ids))
                    want = built.window(start, end,
                                        lambda ids, r=fresh_rows: fresh_index.details(r, ids))
                    assert got.to_json() == want.to_json()
    finally:
        kept.close()
        fresh.close()


def test_prebuild_stops_at_its_budget(long_db: Path) -> None:
    state = ServerState(long_db, token=None, options=ServeOptions(
        prebuild=PrebuildOptions(seconds=1e-9, min_events=1)))
    try:
        # the budget, counted from ranking the dyads, is checked before each dyad
        prepared = state.prepare()
        assert prepared.dyads == 0 and prepared.histories == 0
        assert state.memo_get(("dyad-series", "USA", "RUS", "week")) is None
    finally:
        state.close()


def test_a_build_waiting_for_another_process_gives_its_slot_to_the_next() -> None:
    import threading

    from detente.api.state import _Queue

    queue = _Queue(holders=1)
    paused, other_done, order = threading.Event(), threading.Event(), []

    def long_build() -> None:
        with queue.slot(3650):
            order.append("long starts")
            with queue.paused():  # its turning points searched in another process
                paused.set()
                assert other_done.wait(10)
            order.append("long ends")

    def short_build() -> None:
        assert paused.wait(10)
        with queue.slot(120):
            order.append("short")
        other_done.set()

    threads = [threading.Thread(target=f) for f in (long_build, short_build)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert order == ["long starts", "short", "long ends"]
    with queue.slot(1):  # every slot was given back
        pass


def test_a_dyad_asked_for_at_one_frequency_is_built_at_the_others_ahead(long_db: Path) -> None:
    # With build processes (a big store), the first request for a dyad starts its other
    # frequencies' histories; without them, nothing is built ahead.
    ahead = ServerState(long_db, token=None, options=ServeOptions(
        prebuild=PrebuildOptions(seconds=0), build_pool_workers=2, build_pool_events=1,
        build_pool_days=100))
    plain = ServerState(long_db, token=None, options=ServeOptions(
        prebuild=PrebuildOptions(seconds=0), build_pool_workers=0))
    try:
        for state in (ahead, plain):
            state.prepare()
            index = state.cluster_index()
            assert index is not None
            state.prefetch(index, "usa", "ukr", "week")
            state.dyad_history(index, "USA", "UKR", "week")
        assert ahead._prefetcher is not None
        ahead._prefetcher.shutdown(wait=True)  # the builds ahead are done
        ahead._prefetcher = None
        for freq in ("day", "month"):
            built = ahead.memo_get(("dyad-series", "USA", "UKR", freq))
            assert built is not None and len(built.points) > 0
            assert plain.memo_get(("dyad-series", "USA", "UKR", freq)) is None
        # what was built ahead is what a request builds
        with Store(long_db, read_only=True) as store:
            frame = dyad_frame(store, "USA", "UKR", dedupe=False)
            built_index = ahead.cluster_index()
            assert built_index is not None
            _, day = ahead.dyad_history(built_index, "USA", "UKR", "day")
            assert day.window(None, None).to_json() == \
                dyad_series(frame, "day").window(None, None).to_json()
    finally:
        ahead.close()
        plain.close()


def test_build_processes_run_below_the_server() -> None:
    # Real processes: each runs at the server's priority lowered by `nice`.
    import os

    from detente.api.prebuild import BuildPool

    pool = BuildPool(1, nice=3)
    try:
        inside = pool._pool.submit(os.nice, 0).result(timeout=60)
    finally:
        pool.close()
    assert inside == min(os.nice(0) + 3, 19)
