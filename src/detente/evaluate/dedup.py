"""De-duplication scored on the demo corpus's repeated reports (``demo/corpus_key.yaml``).

The key lists groups of briefs that report the same real-world event (only each brief's
main event). Scoring is pairwise over articles: a pair of briefs is **predicted** to report
the same event when one cluster holds events of both and that cluster is dated within
``NEAR_DAYS`` of both publication dates (news of the day, not background: brief 12
recalling an April post must not count as brief 12 and brief 11 reporting the same
event); a pair is **gold** when both briefs are in one ``same_event`` group.
Precision = |predicted and gold| / |predicted|, recall = |predicted and gold| / |gold|.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.evaluate import EvalReport, checksum
from detente.store.clusters import article_files, cluster_article_pairs
from detente.store.db import Store

__all__ = ["NEAR_DAYS", "KeyGroup", "evaluate", "evaluate_store", "load_key", "render"]

# 3 days: the key's duplicate briefs are published the day of the event or one day after;
# three days also covers a weekend between event and report.
NEAR_DAYS = 3
DEMO_DIR = Path(__file__).resolve().parents[1] / "demo"


@dataclass(frozen=True)
class KeyGroup:
    event: str
    files: tuple[str, ...]


def load_key(path: Path) -> list[KeyGroup]:
    """The ``same_event`` groups of a corpus key, validated (file and line on errors)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataFileError(str(path), None if line is None else line + 1, str(exc)) from exc
    groups = data.get("same_event") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise DataFileError(str(path), None, "expected a mapping with a 'same_event' list")
    out = []
    for i, g in enumerate(groups):
        files = g.get("files") if isinstance(g, dict) else None
        if not isinstance(files, list) or len(files) < 2 or not all(
                isinstance(f, str) for f in files):
            raise DataFileError(str(path), None,
                                f"same_event entry {i + 1}: 'files' must list two or more names")
        out.append(KeyGroup(str(g.get("event", f"group {i + 1}")), tuple(files)))
    return out


def _pairs(files: list[str]) -> set[tuple[str, str]]:
    return {(x, y) if x < y else (y, x) for x, y in itertools.combinations(files, 2) if x != y}


def evaluate_store(store: Store, key_path: Path) -> EvalReport:
    """Score the clusters in ``store`` (built now if missing or stale) against the key."""
    from detente.analyze.dedup import ensure_deduped

    groups = load_key(key_path)
    ensure_deduped(store)
    # File name of each article (its input path's last component).
    name = article_files(store)
    gold: set[tuple[str, str]] = set()
    for g in groups:
        gold |= _pairs(list(g.files))
    linked = cluster_article_pairs(store, NEAR_DAYS)
    predicted: set[tuple[str, str]] = set()
    for x, y in linked:
        if x in name and y in name:
            predicted |= _pairs([name[x], name[y]])
    hits = predicted & gold
    p = len(hits) / len(predicted) if predicted else 0.0
    r = len(hits) / len(gold) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    missing = sorted(gold - predicted)
    spurious = sorted(predicted - gold)
    details = "\n".join(
        [f"gold pairs {len(gold)}, predicted {len(predicted)}, correct {len(hits)}",
         f"articles mapped to files: {len(name)}"]
        + [f"missed   {x} ~ {y}" for x, y in missing]
        + [f"spurious {x} ~ {y}" for x, y in spurious])
    return EvalReport(
        name="dedup", metrics={"precision": p, "recall": r, "f1": f1}, n=len(gold),
        data_checksum=checksum([key_path]), details=details,
        extra={"missing": missing, "spurious": spurious},
    )


def evaluate(data_dir: Path, *, split: str = "dev",
             options: ExtractOptions | None = None) -> EvalReport:
    """Run the pipeline on the bundled demo corpus in a temporary store and score it.
    ``data_dir`` and ``split`` are unused: the demo corpus and its key ship with detente."""
    import tempfile

    from detente import jobs
    from detente.config import IngestOptions

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dedup.duckdb") as store:
        jobs.ingest(store, [str(DEMO_DIR / "corpus")], IngestOptions())
        jobs.process(store, options or ExtractOptions(workers=1))
        return evaluate_store(store, DEMO_DIR / "corpus_key.yaml")


def render(report: EvalReport) -> str:
    m = report.metrics
    return (f"dedup on the demo corpus ({report.n} gold pairs): precision {m['precision']:.3f} "
            f"recall {m['recall']:.3f} F1 {m['f1']:.3f}\n{report.details}")
