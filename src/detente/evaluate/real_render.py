"""The ``detente eval real`` report as text: headline table, breakdowns, worst misses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from detente.evaluate import EvalReport
from detente.evaluate.real_match import CATEGORIES, KINDS, actor_key, overlaps_gold
from detente.store.queries import TARGETED_CATEGORIES

if TYPE_CHECKING:
    from detente.evaluate.real import DocScore
    from detente.model import Event

__all__ = ["details"]


def _r(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def _code(e: Event) -> str:
    src = e.source.code or actor_key(e.source) or f"?{e.source.text[:20]}"
    tgt = "-" if e.target is None else (e.target.code or actor_key(e.target)
                                        or f"?{e.target.text[:20]}")
    return f"{e.category} {src}->{tgt} [{e.modality}, '{e.trigger.text}', {e.confidence:.2f}]"


def _headline(report: EvalReport) -> list[str]:
    m, c = report.metrics, report.extra["counts"]
    assert isinstance(c, dict)
    lines = [
        f"real news (events/real_dev): {report.n} documents, {c['gold']} gold events; "
        f"predicted {c['predicted']}, of which {c['coded']} in the default view "
        f"(source coded with a country; a named target coded too for "
        f"{', '.join(TARGETED_CATEGORIES)})",
        "                          P(all)  P(in gold sent)  R(all)  R(non-bg)",
    ]
    for title, prefix in (("default view", ""), ("all events", "all_")):
        for level in ("country", "strict"):
            lines.append(
                f"  {title:<13} {level:<8} {m[prefix + level + '_p']:.3f}   "
                f"{m[prefix + level + '_p_in_sentence']:.3f}            "
                f"{m[prefix + level + '_r']:.3f}   {m[prefix + level + '_r_nonbg']:.3f}")
    by_set = report.extra["by_set"]
    assert isinstance(by_set, dict)
    lines.append("  by set (default view, country): " + "; ".join(
        f"{name} P {v['country_p']:.3f} R(non-bg) {v['country_r_nonbg']:.3f}"
        for name, v in by_set.items()))
    lines.append(f"  actors: gold events whose source gets the right country in an event of "
                 f"their sentence {m['source_right']:.3f}; source and target "
                 f"{m['actors_right']:.3f} (any category, all events)")
    return lines


def _table(title: str, rows: dict[str, tuple[int, int]], order: Sequence[str],
           prec: dict[str, tuple[int, int]] | None = None) -> list[str]:
    head = f"{title:<14} gold  found  recall"
    if prec is not None:
        head += "   predicted  right  precision"
    lines = [head]
    for key in [k for k in order if k in rows or (prec and k in prec)]:
        n, k = rows.get(key, (0, 0))
        line = f"  {key:<12} {n:4d}  {k:5d}  {_r(k, n)}"
        if prec is not None:
            pn, pk = prec.get(key, (0, 0))
            line += f"   {pn:9d}  {pk:5d}  {_r(pk, pn)}"
        lines.append(line)
    return lines


def _quotes_and_deadlines(report: EvalReport) -> list[str]:
    q: dict[str, int] = report.extra["quotes"]  # type: ignore[assignment]
    d: dict[str, int] = report.extra["deadlines"]  # type: ignore[assignment]
    mo: dict[str, int] = report.extra["modality"]  # type: ignore[assignment]
    g = q.get("gold", 0)
    return [
        f"quotes: gold {g}, predicted {q.get('predicted', 0)}, matched {q.get('matched', 0)} "
        f"(recall {_r(q.get('matched', 0), g)})",
        f"  speaker name   P {_r(q.get('name_ok', 0), q.get('with_speaker', 0))}  "
        f"R {_r(q.get('name_ok', 0), g)}  ({q.get('name_ok', 0)} right: "
        f"{_r(q.get('name_ok', 0), q.get('matched', 0))} of the matched quotes)",
        f"  speaker code   P {_r(q.get('code_ok', 0), q.get('with_actor', 0))}  "
        f"R {_r(q.get('code_ok', 0), g)}  (country level; strict R "
        f"{_r(q.get('code_strict_ok', 0), g)})",
        f"deadlines: gold {d.get('gold', 0)}, predicted {d.get('predicted', 0)}, found "
        f"{d.get('found', 0)}, correct (issuer, target, expiry) {d.get('correct', 0)}",
        "matched events (default view): kind right "
        f"{_r(mo.get('kind_ok', 0), mo.get('matched', 0))}"
        f"; intent/threat/hypothetical gold with the right modality "
        f"{mo.get('modal_ok', 0)}/{mo.get('modal_gold', 0)}; negation right "
        f"{_r(mo.get('negated_ok', 0), mo.get('matched', 0))}",
    ]


def _reliability(report: EvalReport) -> list[str]:
    rows: list[tuple[float, int, int]] = report.extra["reliability"]  # type: ignore[assignment]
    lines = ["confidence reliability (all events; right = matches gold, country level):",
             "  bin        n  right  share"]
    for lo, n, k in rows:
        lines.append(f"  {lo:.1f}-{lo + 0.1:.1f}  {n:4d}  {k:5d}  {_r(k, n)}")
    return lines


def _operating_points(report: EvalReport) -> list[str]:
    rows: list[tuple[float, int, float, float]] = (
        report.extra["operating_points"])  # type: ignore[assignment]
    lines = ["precision against recall by minimum confidence (default view, country level; "
             "`detente events --min-confidence`):",
             "  min conf  events  P      R(non-bg)"]
    for cut, n, p, r in rows:
        lines.append(f"  {cut:8.2f}  {n:6d}  {p:.3f}  {r:.3f}")
    return lines


def _worst_misses(scores: Sequence[DocScore], recall: dict[str, tuple[int, int]],
                  show: int) -> list[str]:
    """Missed non-background gold events, round-robin over categories, most-missed first,
    each with what the coder said in that sentence."""
    missed: dict[str, list[tuple[DocScore, int]]] = {}
    for s in scores:
        for i, g in enumerate(s.doc.events):
            if not g.background and i not in s.country["coded"]:
                missed.setdefault(g.category, []).append((s, i))
    order = sorted(missed, key=lambda c: (-len(missed[c]), c))
    picked: list[tuple[DocScore, int]] = []
    while len(picked) < show and any(missed[c] for c in order):
        for c in order:
            if missed[c] and len(picked) < show:
                picked.append(missed[c].pop(0))
    lines = ["worst misses (non-background gold, default view; categories by events missed):"]
    for s, i in picked:
        g = s.doc.events[i]
        ours = [_code(e) for e in s.preds["all"] if overlaps_gold(e, g)]
        n, k = recall.get(g.category, (0, 0))
        lines.append(f"  - gold {g.code()} ({g.kind}; {g.category} recall {_r(k, n)})")
        lines.append(f"    {g.sentence[:160]!r}")
        lines.append("    ours: " + ("; ".join(ours) if ours else "(nothing)"))
    return lines


def _false_positives(scores: Sequence[DocScore]) -> list[str]:
    fp: Counter[str] = Counter()
    where: Counter[str] = Counter()
    for s in scores:
        matched = set(s.country["coded"].values())
        for j, e in enumerate(s.preds["coded"]):
            if j in matched:
                continue
            fp[f"{e.category} '{e.trigger.text.lower()}'"] += 1
            where["in a gold sentence" if any(overlaps_gold(e, g) for g in s.doc.events)
                  else "outside every gold sentence"] += 1
    return [
        "unmatched predictions (default view): " + ", ".join(f"{k} {v}" for k, v in
                                                             where.most_common()),
        "  most frequent: " + ", ".join(f"{k} {v}" for k, v in fp.most_common(15)),
    ]


def details(report: EvalReport, scores: Sequence[DocScore], *, show: int) -> str:

    x: dict[str, Any] = report.extra
    lines = _headline(report)
    lines.append("")
    lines += _table("category", x["by_category"], CATEGORIES, x["precision_by_category"])
    lines.append("(non-background gold, default view, country level; precision over all "
                 "default-view events of the category)")
    lines += _table("kind", x["by_kind"], KINDS)
    lines.append("")
    lines += _quotes_and_deadlines(report)
    lines.append("")
    lines += _reliability(report)
    lines += _operating_points(report)
    lines.append("")
    lines.append("why non-background gold events were missed (default view): " + ", ".join(
        f"{k} {v}" for k, v in x["miss_reasons"].most_common()))
    lines += _false_positives(scores)
    lines.append("")
    lines += _worst_misses(scores, x["by_category"], show)
    return "\n".join(lines)
