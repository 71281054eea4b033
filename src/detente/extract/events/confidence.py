"""Event confidence calibrated on real news: the share of such events an analyst agrees with.

Every event falls in one cell of four features read off the event itself: whether the act is
verbal (PLOVER quad classes 1 and 3) or material, whether its source and its target are
coded actors (a country, or an international organisation) or not (no target at all is its
own value), and its modality (asserted, negated, or any other). ``data/events/confidence.tsv``
holds, per cell, how many events detente coded on the real-news development set
(``events/real_dev``) and how many of them matched the gold at country level; the event's
confidence is that share, smoothed towards the coarser cell (source and target only) and then
the overall share when a cell has few events. ``scripts/calibrate_events.py`` rebuilds the
table; ``detente eval real`` prints the reliability table it yields. The figures are
in-sample on real_dev: a held-out set will show how well they carry over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.errors import DataFileError
from detente.extract.events.ontology import read_table
from detente.model import Actor, Event

if TYPE_CHECKING:
    from detente.extract.stage import Draft

__all__ = ["Calibration", "ConfidenceStage", "cell", "coarse_cell", "load_calibration"]

_COLUMNS = ("cell", "events", "right")
# Pseudo-events pulling a small cell towards its coarser cell: with 10, a cell of 10 events
# weighs as much as its prior. Chosen a priori (cells hold 5-300 events on real_dev).
_PRIOR_WEIGHT = 10.0


def _coded(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or (
        actor.code and actor.code.startswith(("IGO", "NGO", "IMG"))))


def _side(actor: Actor | None) -> str:
    if actor is None:
        return "none"
    return "coded" if _coded(actor) else "uncoded"


def coarse_cell(event: Event) -> str:
    """The source-and-target part of the cell: ``source=coded target=none``."""
    return f"source={_side(event.source)} target={_side(event.target)}"


def cell(event: Event) -> str:
    """The event's calibration cell, e.g. ``verbal source=coded target=coded asserted``."""
    kind = "verbal" if event.quad_class in (1, 3) else "material"
    modality = "negated" if event.negated else (
        "asserted" if event.modality == "asserted" else "modal")
    return f"{kind} {coarse_cell(event)} {modality}"


@dataclass(frozen=True)
class Calibration:
    """Observed (events, right) per cell and per coarse cell."""

    cells: dict[str, tuple[int, int]]

    def _totals(self, prefix_of: Any) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = {}
        for key, (n, k) in self.cells.items():
            c = out.setdefault(prefix_of(key), [0, 0])
            c[0] += n
            c[1] += k
        return {key: (v[0], v[1]) for key, v in out.items()}

    def confidence(self, event: Event) -> float:
        """The smoothed share of right events in the event's cell."""
        n_all = sum(n for n, _ in self.cells.values())
        k_all = sum(k for _, k in self.cells.values())
        overall = k_all / n_all if n_all else 0.5
        coarse = self._totals(lambda key: " ".join(key.split()[1:3]))
        n_c, k_c = coarse.get(coarse_cell(event), (0, 0))
        prior = (k_c + _PRIOR_WEIGHT * overall) / (n_c + _PRIOR_WEIGHT)
        n, k = self.cells.get(cell(event), (0, 0))
        return round((k + _PRIOR_WEIGHT * prior) / (n + _PRIOR_WEIGHT), 3)


def load_calibration(path: Path | None = None) -> Calibration:
    """The table of ``confidence.tsv`` (or ``path``), validated."""
    path = path or Path(str(resources.files("detente") / "data" / "events" / "confidence.tsv"))
    cells: dict[str, tuple[int, int]] = {}
    for line, (key, n, k) in read_table(path, _COLUMNS):
        if not (n.isdigit() and k.isdigit()) or int(k) > int(n):
            raise DataFileError(str(path), line, f"events {n!r} and right {k!r} must be "
                                "counts with right <= events")
        cells[key] = (int(n), int(k))
    return Calibration(cells)


def calibrate(events: Sequence[Event], calibration: Calibration) -> list[Event]:
    return [dataclasses.replace(e, confidence=calibration.confidence(e)) for e in events]


class ConfidenceStage:
    """Pipeline stage: replaces each event's confidence by its calibrated value."""

    name = "confidence"
    requires: tuple[str, ...] = ("events",)
    assigns: tuple[str, ...] = ("confidence",)

    def __init__(self, calibration: Calibration | None = None) -> None:
        self.calibration = calibration or load_calibration()

    def __call__(self, item: Draft) -> Draft:
        item.record.events = calibrate(item.record.events, self.calibration)
        return item
