"""Worker processes that never outlive their run, fed a bounded number of chunks at a time.

A ``ProcessPoolExecutor`` worker whose parent is killed (``kill -9``, the OOM killer) would
finish its chunk and then wait for work forever under PID 1. Each worker therefore asks the
Linux kernel to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``) and, on
every platform, runs a thread that exits the process once its parent pid has changed. Workers
hold no resource that needs cleaning up: only the parent writes to the store.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from typing import TypeVar

__all__ = ["PARENT_POLL_SECONDS", "completed_map", "exit_with_parent", "ordered_map",
           "watch_parent"]

T = TypeVar("T")
R = TypeVar("R")

# How often the fallback thread looks at the parent pid: a killed run's workers are gone
# within this (plus the chunk they are in, when the kernel route is not available).
PARENT_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _pdeathsig() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            os._exit(1)  # the parent is gone: nobody will read what we make
        time.sleep(PARENT_POLL_SECONDS)


def watch_parent(parent_pid: int) -> None:
    """Exit this process within ``PARENT_POLL_SECONDS`` once ``parent_pid`` is no longer its
    parent (a thread that looks; no signal, which would follow the parent's *thread*)."""
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="detente-parent-watch",
                     daemon=True).start()


def exit_with_parent(parent_pid: int) -> None:
    """Make this (worker) process exit as soon as ``parent_pid`` is no longer its parent.
    Call it first thing in a pool initializer, with the parent's ``os.getpid()``."""
    _pdeathsig()
    watch_parent(parent_pid)  # also exits now if the parent died before the signal was armed


def ordered_map(
    pool: Executor,
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    ahead: int,
    on_submit: Callable[[T], None] | None = None,
) -> Iterator[R]:
    """``fn`` over ``items`` in ``pool``, results in input order, with at most ``ahead``
    items submitted and not yet returned (``Executor.map`` submits everything at once).
    ``on_submit`` is called with each item as it is handed to the pool."""
    pending: deque[Future[R]] = deque()
    for item in items:
        if len(pending) >= ahead:
            yield pending.popleft().result()
        if on_submit:
            on_submit(item)
        pending.append(pool.submit(fn, item))
    while pending:
        yield pending.popleft().result()


def completed_map(
    pool: Executor,
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    ahead: int,
    on_submit: Callable[[T], None] | None = None,
) -> Iterator[R]:
    """``fn`` over ``items`` in ``pool``, each result as soon as it is ready, with at most
    ``ahead`` items submitted and not yet returned. Unlike :func:`ordered_map`, one slow item
    never holds back the results behind it, so no worker waits for it with its own work done
    (the head of the line blocks an ordered map once ``ahead`` results are waiting)."""
    pending: set[Future[R]] = set()
    for item in items:
        while len(pending) >= ahead:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
        if on_submit:
            on_submit(item)
        pending.add(pool.submit(fn, item))
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
