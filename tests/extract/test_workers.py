"""Worker processes never outlive their run: a killed ``detente run`` leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from detente.extract.workers import ordered_map
from detente.model import Article

STORY = ("Talks Resume {n}\n\nPresident Trump met President Putin in Alaska on Friday, "
         "officials said. The two leaders agreed to meet again next month in Moscow. "
         "Russia threatened new tariffs on Ukraine's grain, the ministry said. ") * 3


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process tree via /proc")
def test_sigkilled_run_leaves_no_worker_10s_later_and_a_rerun_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = subprocess.Popen(
        [sys.executable, "-m", "detente", "run", str(corpus), "--db",
         str(tmp_path / "s.duckdb"), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    parent = psutil.Process(run.pid)
    workers: list[psutil.Process] = []
    everyone: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    try:
        # Wait until both workers are busy extracting (each has loaded spaCy: > 100 MB).
        while time.monotonic() < deadline and run.poll() is None:
            workers = [c for c in parent.children(recursive=True)
                       if c.memory_info().rss > 100_000_000]
            if len(workers) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2, "the run never started two workers"
        time.sleep(2)
        everyone = parent.children(recursive=True)
        run.send_signal(signal.SIGKILL)
        run.wait()
        gone_by = time.monotonic() + 10
        while _alive(everyone) and time.monotonic() < gone_by:
            time.sleep(0.2)
        assert _alive(everyone) == []
        rerun = subprocess.run(
            [sys.executable, "-m", "detente", "run", str(corpus), "--db",
             str(tmp_path / "s.duckdb"), "--workers", "2"], env=env, capture_output=True,
            text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr
        _assert_whole(tmp_path / "s.duckdb", 400)
    finally:
        if run.poll() is None:
            everyone = [parent, *parent.children(recursive=True)]
        for p in _alive(everyone or workers):
            p.kill()


def _assert_whole(path: Path, n: int) -> None:
    """Every input stored once and processed once; the layer tables hold exactly what the
    records hold (no row lost, none twice)."""
    from detente.store.db import Store, unpack_record

    with Store(path, read_only=True) as store:
        articles = store.query("SELECT id, input, record FROM articles "
                               "LEFT JOIN records ON article_id = id")
        assert len(articles) == len({a["input"] for a in articles}) == n
        assert all(a["record"] is not None for a in articles)
        for table, key in (("events", "events"), ("mentions", "mentions"),
                           ("quotes", "quotes"), ("timexes", "timexes")):
            rows = store.query(f"SELECT article_id, idx FROM {table}")
            assert len(rows) == len({(r["article_id"], r["idx"]) for r in rows}), table
            assert len(rows) == sum(len(unpack_record(a["record"])[key]) for a in articles), table


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_and_bounds_what_is_in_flight() -> None:
    from concurrent.futures import ThreadPoolExecutor

    submitted: list[int] = []
    results: list[int] = []
    with ThreadPoolExecutor(2) as pool:
        for r in ordered_map(pool, _square, range(10), ahead=3, on_submit=submitted.append):
            results.append(r)
            assert len(submitted) - len(results) <= 3
    assert results == [x * x for x in range(10)]


def _slow_first(x: int) -> int:
    if x == 0:
        time.sleep(0.5)
    return x


def test_completed_map_does_not_wait_for_a_slow_item_and_bounds_what_is_in_flight() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from detente.extract.workers import completed_map

    submitted: list[int] = []
    results: list[int] = []
    with ThreadPoolExecutor(2) as pool:
        for r in completed_map(pool, _slow_first, range(8), ahead=3,
                               on_submit=submitted.append):
            results.append(r)
            assert len(submitted) - len(results) <= 3
    assert sorted(results) == list(range(8))
    assert results[0] != 0  # the others came back while item 0 was still running


@pytest.mark.parametrize(("n", "size", "workers", "sizes"), [
    (20, 4, 2, [4, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1]),
    (5, 8, 2, [2, 2, 1]),
    (0, 8, 2, []),
])
def test_balanced_chunks_cut_the_tail_small_and_keep_every_article_once(
    n: int, size: int, workers: int, sizes: list[int]
) -> None:
    from detente.extract.pipeline import _balanced_chunks

    arts = [Article(id=f"a{i}", text="x") for i in range(n)]
    chunks = list(_balanced_chunks(iter(arts), size, workers))
    assert [len(c) for c in chunks] == sizes
    assert [a.id for c in chunks for a in c] == [a.id for a in arts]
