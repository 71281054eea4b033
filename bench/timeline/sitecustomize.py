"""Marks for bench/bench_timeline.py, loaded by every process of a ``detente run`` (the
command, the fork server, the workers) that has this folder on PYTHONPATH and
``DETENTE_TIMELINE`` set: one line per mark, ``time pid cpu name {details}``.

It wraps, as they are imported: ``jobs.ingest``/``jobs.process``/``EarlyWorkers.start``,
``Store.save_records``, the worker initializer and chunk function and ``Pipeline.__init__``,
and counts the collector's CPU time. Nothing else changes.
"""

from __future__ import annotations

import atexit
import gc
import importlib.abc
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

LOG = os.environ.get("DETENTE_TIMELINE")


def _mark(name: str, **details: Any) -> None:
    with open(LOG or os.devnull, "a", encoding="utf-8") as fh:
        fh.write(f"{time.time():.4f} {os.getpid()} {time.process_time():.3f} {name} "
                 f"{details!r}\n")


def _wrapped(fn: Callable[..., Any], before: str, after: str,
             size: Callable[..., int] | None = None) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        details = {"n": size(*args)} if size else {}
        _mark(before, **details)
        try:
            return fn(*args, **kwargs)
        finally:
            _mark(after, **details)

    for attr in ("__module__", "__qualname__", "__name__", "__doc__"):
        setattr(run, attr, getattr(fn, attr))  # pickled by name: must read as the original
    return run


def _pipeline(m: ModuleType) -> None:
    m._init_worker = _wrapped(m._init_worker, "worker_init", "worker_ready")
    m._run_chunk = _wrapped(m._run_chunk, "chunk_begin", "chunk_end", lambda c: len(c))
    m.Pipeline.__init__ = _wrapped(m.Pipeline.__init__, "build_begin", "build_end")
    m.WorkerPool.close = _wrapped(m.WorkerPool.close, "pool_close_begin", "pool_close_end")


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each live thread of this process, by thread name (Linux)."""
    import threading

    ticks = os.sysconf("SC_CLK_TCK")
    names = {t.native_id: t.name for t in threading.enumerate()}
    out: dict[str, float] = {}
    for tid, name in names.items():
        try:
            with open(f"/proc/self/task/{tid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[name] = round((int(fields[11]) + int(fields[12])) / ticks, 2)
    return out


def _jobs(m: ModuleType) -> None:
    m.ingest = _wrapped(m.ingest, "ingest_begin", "ingest_end")
    process = m.process

    def process_with_threads(*args: Any, **kwargs: Any) -> Any:
        _mark("process_begin", threads=_thread_cpu())
        try:
            return process(*args, **kwargs)
        finally:
            _mark("process_end", threads=_thread_cpu())

    process_with_threads.__module__ = process.__module__
    process_with_threads.__qualname__ = process.__qualname__
    m.process = process_with_threads
    m.EarlyWorkers.start = _wrapped(m.EarlyWorkers.start, "workers_asked", "workers_asked_end")


def _db(m: ModuleType) -> None:
    m.Store.save_records = _wrapped(m.Store.save_records, "save_begin", "save_end",
                                    lambda _s, recs: len(recs))
    m.Store.close = _wrapped(m.Store.close, "store_close_begin", "store_close_end")


def _cli(m: ModuleType) -> None:
    m._process = _wrapped(m._process, "cli_process_begin", "cli_process_end")


def _template(m: ModuleType) -> None:
    m._stop_server = _wrapped(m._stop_server, "stop_server_begin", "stop_server_end")


_PATCHES = {"detente.extract.pipeline": _pipeline, "detente.jobs": _jobs,
            "detente.store.db": _db, "detente.cli.pipeline": _cli,
            "detente.extract.template": _template}


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if name not in _PATCHES:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        exec_module = loader.exec_module

        def patched(module: ModuleType) -> None:
            exec_module(module)
            _PATCHES[name](module)

        loader.exec_module = patched
        return spec


def _install() -> None:
    _mark("start", argv=sys.argv[:2])
    sys.meta_path.insert(0, _Finder())
    collected = {"cpu": 0.0, "began": 0.0, "runs": 0}

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected["began"] = time.process_time()
        else:
            collected["cpu"] += time.process_time() - collected["began"]
            collected["runs"] += 1

    gc.callbacks.append(on_gc)
    atexit.register(lambda: _mark("exit", gc_cpu=round(collected["cpu"], 3),
                                  gc_runs=collected["runs"]))


if LOG:
    _install()
