"""Quality floors: the scores CI must not fall below. Floors only go up."""

from __future__ import annotations

import json
from pathlib import Path

from detente.evaluate import EvalReport

__all__ = ["check_floors"]


def check_floors(reports: list[EvalReport], floors_file: Path) -> list[str]:
    """Messages for every metric below its floor (empty when all pass).

    ``floors_file`` maps eval name to ``{"checksum": ..., "floors": {metric: value}}``. A
    checksum that differs from the data's means the gold data changed: that is reported too,
    since the floors were set on other data.
    """
    floors = json.loads(floors_file.read_text(encoding="utf-8"))
    problems = []
    for rep in reports:
        entry = floors.get(rep.name)
        if entry is None:
            continue
        if entry.get("checksum") and entry["checksum"] != rep.data_checksum:
            problems.append(
                f"{rep.name}: gold data checksum {rep.data_checksum} differs from the pinned "
                f"{entry['checksum']}; re-pin the floors in {floors_file} deliberately"
            )
        for metric, floor in entry.get("floors", {}).items():
            value = rep.metrics.get(metric)
            if value is None:
                problems.append(f"{rep.name}: metric {metric!r} missing from the report")
            elif value + 1e-9 < floor:
                problems.append(
                    f"{rep.name}: {metric} = {value:.4f} is below its floor {floor:.4f}"
                )
    return problems
