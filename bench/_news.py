"""Real news for the speed and memory benchmarks: the giveme5w1h articles in
``../shared/data/news/giveme5w1h`` (news-please JSON), read at run time, never copied.

The files hold ``title`` and ``text`` (the body; unlike news-please's ``maintext`` it mostly
does not repeat the title), ``date_publish`` and ``url``. A benchmark article is the title, a
blank line and the body, as JSONL that ``detente ingest``/``run`` read.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[1].parent
                             / "shared" / "data"))
NEWS = SHARED / "news" / "giveme5w1h"
# Articles shorter than this are stubs (a caption, a paywall line): not what a run codes.
MIN_CHARS = 200


def news_articles(limit: int | None = None) -> list[dict[str, Any]]:
    """Up to ``limit`` giveme5w1h articles as JSONL objects, in path order (stable across
    runs). Exits with a message when the data is absent (a fresh clone has no ../shared)."""
    if not NEWS.is_dir():
        sys.exit(f"skipped: {NEWS} not found (set DETENTE_SHARED to the shared data folder)")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in sorted(NEWS.glob("*/data/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        body = (d.get("text") or "").strip()
        title = (d.get("title") or "").strip()
        text = body if body.startswith(title) else f"{title}\n\n{body}"
        if len(body) < MIN_CHARS or text in seen:
            continue
        seen.add(text)
        day = (d.get("date_publish") or "")[:10]
        out.append({"id": d.get("dId") or path.stem, "title": title, "text": text,
                    "url": d.get("url"), "published": day if day[:4].isdigit() else None})
        if limit is not None and len(out) >= limit:
            break
    return out


def synthetic(base: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    """``n`` distinct articles built from the real ones: copy k of article i ends with a line
    of its own, so its content hash (the article id) is new and its length stays real."""
    for k in range(n):
        a = base[k % len(base)]
        copy = k // len(base)
        yield {**a, "id": f"{a['id']}-{copy}",
               "text": f"{a['text']}\n\nThis report was filed as edition {copy + 1}."}


def write_jsonl(path: Path, articles: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
            n += 1
    return n


def load() -> str:
    """The 1/5/15-minute load averages: other processes on the machine skew every rate."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class RssSampler:
    """Peak resident memory of a process and each of its descendants, sampled every
    ``interval`` seconds in a thread (psutil). ``peaks`` maps pid -> (name, peak MB);
    ``total_peak`` is the peak of the sum over the tree at one instant."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        import psutil

        self._root = psutil.Process(pid)
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self.total_peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        import psutil

        # Finding the descendants reads every process's stat file (~30 ms here): done once a
        # second, not at every sample, where it took 3 % of a core from the workers of a run
        # that keeps both cores busy. A new process is seen within a second of its start.
        procs: list[psutil.Process] = []
        scanned = 0.0
        while not self._stop.is_set():
            if time.monotonic() - scanned >= 1.0:
                try:
                    procs = [self._root, *self._root.children(recursive=True)]
                except psutil.Error:
                    break
                scanned = time.monotonic()
            total = 0.0
            for p in procs:
                try:
                    mb = p.memory_info().rss / 1e6
                    name = "main" if p.pid == self._root.pid else "worker"
                except psutil.Error:
                    continue
                total += mb
                if mb > self.peaks.get(p.pid, ("", 0.0))[1]:
                    self.peaks[p.pid] = (name, mb)
            self.total_peak = max(self.total_peak, total)
            time.sleep(self.interval)

    def summary(self) -> str:
        main = [mb for name, mb in self.peaks.values() if name == "main"]
        workers = sorted((mb for name, mb in self.peaks.values() if name == "worker"),
                         reverse=True)
        parts = [f"main {max(main, default=0):.0f} MB"]
        if workers:
            parts.append("workers " + ", ".join(f"{mb:.0f}" for mb in workers) + " MB")
        parts.append(f"all processes together {self.total_peak:.0f} MB")
        return "; ".join(parts)


def self_peak_mb() -> float:
    """This process's own peak RSS so far (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
