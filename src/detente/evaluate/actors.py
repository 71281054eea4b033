"""Scoring actor resolution on ``actors/actor_queries_<split>.jsonl`` (NGEC actor tests).

Each line is ``{"query", "date", "context", "country", "sector"}``. A query is resolved exactly
as ``detente actors resolve QUERY --date D --context C --json`` does. Conventions of the gold
file, applied here:

- country "IGO" means an international organisation: we must give country None, sector IGO;
  country "" means no country (None); a missing key is not scored;
- sector "" means no sector (None); a missing key is not scored, nor is "????" (unannotated);
- a gold row with country "IGO" and no sector is also scored on sector (it must be IGO).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.evaluate import EvalReport, checksum
from detente.extract.actors.resolver import Resolver, default_resolver
from detente.model import Actor

__all__ = ["evaluate", "load_queries", "render", "score_one"]

_UNANNOTATED = frozenset({"????"})


def load_queries(path: Path) -> list[dict[str, Any]]:
    """The gold rows of one JSONL file, in order."""
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{n}: not JSON ({exc})") from exc
    return rows


def score_one(row: dict[str, Any], actor: Actor) -> tuple[bool | None, bool | None]:
    """(country correct, sector correct) for one gold row; None where the row is not scored."""
    country_ok: bool | None = None
    sector_ok: bool | None = None
    gold_country = row.get("country")
    if gold_country is not None:
        if gold_country == "IGO":
            country_ok = actor.country is None and actor.sector == "IGO"
        else:
            country_ok = (actor.country or "") == gold_country
    gold_sector = row.get("sector")
    if gold_sector is None and gold_country == "IGO":
        gold_sector = "IGO"
    if gold_sector is not None and gold_sector not in _UNANNOTATED:
        sector_ok = (actor.sector or "") == gold_sector
    return country_ok, sector_ok


def evaluate(data_dir: Path, *, split: str = "dev", options: ExtractOptions | None = None,
             ) -> EvalReport:
    """Country and sector accuracy of :meth:`Resolver.resolve` on the gold queries."""
    path = data_dir / "actors" / f"actor_queries_{split}.jsonl"
    if not path.is_file():
        raise UsageError(f"no actor gold file at {path}")
    opts = options or ExtractOptions()
    resolver: Resolver = default_resolver(tuple(opts.actor_files))
    rows = load_queries(path)
    n_c = ok_c = n_s = ok_s = 0
    errors: Counter[str] = Counter()
    worst: list[str] = []
    for row in rows:
        actor = resolver.resolve(str(row.get("query", "")), date=str(row.get("date") or ""),
                                 context=str(row.get("context") or "") or None)
        c_ok, s_ok = score_one(row, actor)
        if c_ok is not None:
            n_c += 1
            ok_c += c_ok
        if s_ok is not None:
            n_s += 1
            ok_s += s_ok
        if c_ok is False:
            errors[f"country {row.get('country') or '-'} -> {actor.country or '-'}"] += 1
        if s_ok is False:
            errors[f"sector {row.get('sector') or '-'} -> {actor.sector or '-'}"] += 1
        if c_ok is False or s_ok is False:
            worst.append(f"{row.get('query')!r} [{row.get('date') or 'today'}]: gold "
                         f"{row.get('country', '?') or '-'}/{row.get('sector', '?') or '-'}, "
                         f"got {actor.country or '-'}/{actor.sector or '-'}")
    metrics = {"country_accuracy": ok_c / n_c if n_c else 0.0,
               "sector_accuracy": ok_s / n_s if n_s else 0.0}
    details = "\n".join(
        ["error classes (gold -> ours):"]
        + [f"  {k}: {v}" for k, v in errors.most_common(15)]
        + ["errors:"] + [f"  {w}" for w in worst])
    return EvalReport("actors", metrics, len(rows), checksum([path]), details,
                      {"n_country": n_c, "n_sector": n_s})


def render(report: EvalReport) -> str:
    """The figures and the error list, for a terminal."""
    m = report.metrics
    return (f"actors ({report.n} queries, data {report.data_checksum})\n"
            f"  country accuracy {m['country_accuracy']:.3f} "
            f"(n={report.extra.get('n_country')})\n"
            f"  sector accuracy  {m['sector_accuracy']:.3f} (n={report.extra.get('n_sector')})\n"
            f"{report.details}")
