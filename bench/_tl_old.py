"""Benchmark: where the time of ``detente run --workers N`` goes, process by process.

    .venv/bin/python bench/bench_timeline.py [--articles 300] [--workers 2]

Runs the command on the first ``--articles`` giveme5w1h articles with
``bench/timeline/sitecustomize.py`` loaded in each of its processes (marks written to a
file; see that module), then prints, from the command's start: when ingest and extraction
begin and end and the command's CPU in each phase (the records it saves apart); each
worker's start, its pipeline build (or none, when it was forked from the template built
once, see detente.extract.template), when it codes its first and last chunk, its seconds
between chunks (idle, pickling and the hand-over included) and the sizes of its last chunks;
and the collector's CPU per process. Mechanisms, not a speed-up: read them with the load
average printed beside them.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from _news import load, news_articles, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
Mark = tuple[float, int, float, str, dict[str, Any]]


def read_marks(path: Path) -> list[Mark]:
    marks: list[Mark] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        t, pid, cpu, name, details = line.split(" ", 4)
        marks.append((float(t), int(pid), float(cpu), name, ast.literal_eval(details)))
    return sorted(marks)


def _pairs(marks: list[Mark], begin: str, end: str) -> list[tuple[Mark, Mark]]:
    starts = [m for m in marks if m[3] == begin]
    ends = [m for m in marks if m[3] == end]
    return list(zip(starts, ends, strict=False))


def report(marks: list[Mark]) -> None:
    t0, main = marks[0][0], marks[0][1]
    by_pid: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        by_pid[m[1]].append(m)
    for pid, mine in by_pid.items():
        if pid == main:
            role = "command"
        elif any(m[3].startswith("chunk") for m in mine):
            role = "worker"
        else:  # the fork server that holds the workers' template; the resource tracker
            role = "other process"
        print(f"{role} {pid}:")
        for t, _, cpu, name, details in mine:
            if name.startswith(("chunk", "save", "workers_asked_end")):
                continue
            print(f"  {t - t0:7.2f} s  cpu {cpu:6.2f} s  {name} {details or ''}")
        saves = _pairs(mine, "save_begin", "save_end")
        if saves:
            print(f"  saving records: {len(saves)} saves, "
                  f"{sum(b[2] - a[2] for a, b in saves):.2f} s CPU, "
                  f"{sum(b[0] - a[0] for a, b in saves):.2f} s wall")
        chunks = _pairs(mine, "chunk_begin", "chunk_end")
        if chunks:
            gaps = [b[0][0] - a[1][0] for a, b in pairwise(chunks)]
            coding = sum(b[2] - a[2] for a, b in chunks)
            print(f"  {len(chunks)} chunks: first begins {chunks[0][0][0] - t0:.2f} s, last "
                  f"ends {chunks[-1][1][0] - t0:.2f} s; coding {coding:.2f} s CPU; between "
                  f"chunks {sum(gaps):.2f} s (longest {max(gaps, default=0):.3f})")
            print("  last chunks (begin, end, articles): "
                  + ", ".join(f"({a[0] - t0:.2f}, {b[0] - t0:.2f}, {a[4]['n']})"
                              for a, b in chunks[-4:]))
    ends = [m for m in marks if m[3] == "chunk_end"]
    if ends:
        finish = [max(m[0] for m in ends if m[1] == pid) for pid in {m[1] for m in ends}]
        print(f"workers' last chunks end {max(finish) - min(finish):.2f} s apart; the command "
              f"ends {marks[-1][0] - t0:.2f} s after its start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "news.jsonl"
        write_jsonl(corpus, news_articles(args.articles))
        log = work / "timeline.txt"
        paths = [str(ROOT / "bench" / "timeline"), str(ROOT / "src"),
                 os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "DETENTE_TIMELINE": str(log),
               "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        print(f"load average before: {load()}")
        done = subprocess.run([sys.executable, "-c", "from detente.cli.main import main; main()", "run", str(corpus), "--db",
                               str(work / "s.duckdb"), "--workers", str(args.workers)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        print(f"load average after: {load()}")
        if done.returncode != 0:
            sys.exit(f"detente run failed ({done.returncode}):\n{done.stderr[-2000:]}")
        report(read_marks(log))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
