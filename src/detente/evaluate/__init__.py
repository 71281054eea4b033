"""Scoring detente against gold data in ``../shared/data`` (never shipped, read at eval time).

Each module here (``actors``, ``events``, ``time``, ``quotes``, ...) exposes
``evaluate(data_dir: Path, *, split: str = "dev", options: ExtractOptions | None = None)
-> EvalReport``. ``detente eval NAME`` prints the report; ``make eval`` runs them all and
fails when a metric falls below its floor in ``eval/floors.json``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["EvalReport", "checksum", "shared_data_dir"]


@dataclass
class EvalReport:
    """Scores for one gold set. ``metrics`` values are in 0..1; ``details`` is rendered text
    (per-class scores, confusion matrix, worst errors) for a human."""

    name: str
    metrics: dict[str, float]
    n: int
    data_checksum: str
    details: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def checksum(paths: list[Path]) -> str:
    """sha256 over the files' bytes, in sorted path order: pins floors to the data."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def shared_data_dir() -> Path:
    """``$DETENTE_SHARED_DATA`` or ``../shared/data`` relative to the working directory."""
    import os

    return Path(os.environ.get("DETENTE_SHARED_DATA", "../shared/data"))
