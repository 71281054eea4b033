"""Every eval figure with and without a speed shortcut, side by side: they must agree within
0.005 (issue 17).

    .venv/bin/python bench/eval_agreement.py [--switch DETENTE_BLAS=blis] [--data ../shared/data]

Runs ``python -m detente eval all --data DATA --json`` (actors, time, events, quotes, dedup,
where, real) twice in subprocesses: as configured (every shortcut on), then with the
environment variable of ``--switch`` set, which turns the shortcut off
(``DETENTE_BLAS=blis``: the spaCy networks multiply with thinc's BLIS, not numpy's
OpenBLAS; ``DETENTE_NER=full``: NER runs on every token, not on the windows around possible
entity tokens; ``DETENTE_NER_DECODE=spacy`` / ``DETENTE_PARSER_DECODE=spacy``: NER / the
parser decode with spaCy's own transition loop, not with numpy;
``DETENTE_PARSE_PIECE_CHARS=1000000``: long texts are parsed whole).
Prints one row per figure and exits 1 when any differs by more than 0.005.
Not a ``bench_*`` script: two full evals take about ten minutes, so ``make bench`` leaves it
out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOLERANCE = 0.005


def evaluate(data: str, env: dict[str, str]) -> dict[str, dict[str, Any]]:
    """``detente eval all --json`` in a subprocess with ``env`` added: name -> its result."""
    cmd = [sys.executable, "-m", "detente", "eval", "all", "--data", data, "--json"]
    began = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **env}, capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    label = " ".join(f"{k}={v}" for k, v in env.items()) or "as configured"
    print(f"eval all ({label}): {time.perf_counter() - began:.0f} s")
    return {d["name"]: d for d in json.loads(proc.stdout)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--switch", default="DETENTE_BLAS=blis",
                        help="VAR=VALUE that turns the shortcut off (DETENTE_BLAS=blis, "
                        "DETENTE_NER=full, DETENTE_NER_DECODE=spacy, "
                        "DETENTE_PARSE_PIECE_CHARS=1000000)")
    args = parser.parse_args()
    var, _, value = args.switch.partition("=")
    on = evaluate(args.data, {})
    off = evaluate(args.data, {var: value})
    worst = 0.0
    print(f"{'eval':<8} {'figure':<40} {'shortcut on':>12} {'off':>12} {'|diff|':>8}")
    for name, result in on.items():
        other = off.get(name, {"metrics": {}, "n": None})
        if result.get("n") != other.get("n"):
            print(f"{name:<8} {'n':<40} {result.get('n')!s:>12} {other.get('n')!s:>12}")
            worst = max(worst, 1.0)
        for figure, a in result["metrics"].items():
            b = other["metrics"].get(figure)
            if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
                continue
            diff = abs(a - b)
            worst = max(worst, diff)
            print(f"{name:<8} {figure:<40} {a:12.4f} {b:12.4f} {diff:8.4f}")
        same = result.get("checksum") == other.get("checksum")
        print(f"{name:<8} {'(output checksum)':<40} {'same' if same else 'differs':>12}")
    print(f"largest difference {worst:.4f} (target <= {TOLERANCE})")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    raise SystemExit(main())
