"""The console script's look at its arguments before the command line is imported
(detente/cli/entry.py): whether to start extraction's fork server first."""

from __future__ import annotations

import os

import pytest

from detente.cli.entry import wants_workers

MANY = (os.cpu_count() or 1) > 1


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "news/", "--workers", "2"], True),
    (["run", "news/", "--workers=3"], True),
    (["process", "-w", "2", "--db", "x.duckdb"], True),
    (["process", "-w4"], True),
    (["run", "news/", "--workers", "1"], False),
    (["run", "news/", "-w1"], False),
    (["run", "news/", "--workers", "two"], False),
    (["run", "--help"], False),
    (["report", "--workers", "2"], False),
    (["extract", "a.txt", "--workers", "2"], True),
    (["extract", "a.jsonl", "--workers", "2", "--scheduler", "local:2", "-o", "out"], False),
    (["extract", "a.jsonl", "-w2", "--scheduler=tcp://h:8786"], False),
    ([], False),
    (["run", "news/"], MANY),
    (["process"], MANY),
])
def test_only_extracting_commands_with_more_than_one_worker_start_the_server_early(
        args: list[str], expected: bool) -> None:
    assert wants_workers(args) is expected
