"""``make fuzz``: each fuzz target of tests/fuzz_targets.py on many inputs (default 100,000),
printing per target the inputs run, the time taken and the distinct failures found.

    python scripts/fuzz.py [--inputs N] [--max-seconds S] [--only txt,html,...]

A failing input does not stop the run: it is recorded (the first line of its error and the
input) and generation goes on with a new seed. Exit 1 when any target failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from hypothesis import HealthCheck, Phase, given, settings
from tests.fuzz_targets import TARGETS, Target


class _OutOfTime(Exception):
    pass


def campaign(target: Target, inputs: int,
             max_seconds: float) -> tuple[int, float, dict[str, str]]:
    """Run ``target`` on ``inputs`` inputs (fewer when ``max_seconds`` runs out first);
    return (inputs run, seconds, failures)."""
    count = 0
    failures: dict[str, str] = {}
    start = time.monotonic()
    deadline = start + max_seconds
    while count < inputs and time.monotonic() < deadline:
        @settings(max_examples=inputs - count, deadline=None, database=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(target.strategy)
        def run(data: Any) -> None:
            nonlocal count
            if time.monotonic() > deadline:
                raise _OutOfTime
            count += 1
            try:
                target.check(data)
            except Exception as exc:
                key = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                failures.setdefault(key[:200], repr(data)[:300])

        before = count
        try:
            run()
        except _OutOfTime:
            break
        if count == before:  # the strategy is exhausted
            break
    return count, time.monotonic() - start, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, default=float("inf"),
                        help="time budget per target (default: none)")
    parser.add_argument("--only", default=",".join(TARGETS))
    args = parser.parse_args()
    failed = False
    for name in args.only.split(","):
        n, seconds, failures = campaign(TARGETS[name], args.inputs, args.max_seconds)
        print(f"{name:8} {n:>8,} inputs {seconds:>8.1f} s {n / max(seconds, 1e-9):>8.0f}/s "
              f"{len(failures)} distinct failure(s)", flush=True)
        for key, example in failures.items():
            print(f"    {key}\n      e.g. {example}", flush=True)
        failed = failed or bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
