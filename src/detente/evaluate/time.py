"""TempEval-3 scoring of the temporal tagger on ``time/tempeval3_train`` (TimeBank +
AQUAINT, TimeML ``.tml``).

Each document's text is its ``TEXT`` element with the tags stripped; gold offsets come from
that text. The document creation time (the TIMEX3 with ``functionInDocument=
"CREATION_TIME"``) is the publication date and is not itself scored. As the TempEval-3
scorer does: strict (exact extent) and relaxed (overlap) P/R/F1, then type and value
accuracy over the relaxed matches, and value F1 = relaxed F1 x value accuracy (type F1
likewise).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.evaluate import EvalReport, checksum
from detente.model import Timex

__all__ = ["GoldDoc", "Scores", "evaluate", "read_tml", "render", "score"]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One TimeML document: its id, plain text, creation date and gold TIMEX3s."""

    id: str
    text: str
    dct: str | None
    timexes: tuple[Timex, ...]


def read_tml(path: Path) -> GoldDoc:
    """Parse a ``.tml`` file into plain text with gold TIMEX3 offsets into that text."""
    root = ET.parse(path).getroot()
    dct = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = (el.get("value") or "")[:10] or None
            break
    body = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
                text = "".join(parts)[start:length]
                gold.append(Timex(start, length, text, child.get("type") or "",
                                  child.get("value")))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    if body is not None:
        walk(body)
    return GoldDoc(path.stem, "".join(parts), dct, tuple(gold))


@dataclass
class Scores:
    """Counts over a corpus, and the TempEval-3 figures computed from them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def metrics(self) -> dict[str, float]:
        def prf(tp_sys: int, tp_gold: int) -> tuple[float, float, float]:
            p = tp_sys / self.system if self.system else 0.0
            r = tp_gold / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict, self.strict)
        rp, rr, rf = prf(self.relaxed_system, self.relaxed_gold)
        matched = self.relaxed_gold
        type_acc = self.type_ok / matched if matched else 0.0
        value_acc = self.value_ok / matched if matched else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_acc": type_acc, "type_f1": rf * type_acc,
            "value_acc": value_acc, "value_f1": rf * value_acc,
        }


def _shape(text: str) -> str:
    return re.sub(r"\d", "9", text.lower())


def score(gold: list[Timex], system: list[Timex], scores: Scores, errors: Counter[str]) -> None:
    """Add one document's matches to ``scores``; count error classes in ``errors``."""
    scores.gold += len(gold)
    scores.system += len(system)
    used: set[int] = set()
    matched_sys: set[int] = set()
    for g in gold:
        best, overlap = -1, 0
        for i, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > overlap and i not in used:
                best, overlap = i, ov
        if best < 0:
            errors[f"missed {g.type}: {_shape(g.text)}"] += 1
            continue
        s = system[best]
        used.add(best)
        matched_sys.add(best)
        scores.relaxed_gold += 1
        if (s.start, s.end) == (g.start, g.end):
            scores.strict += 1
        if s.type == g.type:
            scores.type_ok += 1
        else:
            errors[f"type {g.type}->{s.type}: {_shape(g.text)}"] += 1
        if s.value == g.value:
            scores.value_ok += 1
        else:
            errors[f"value: {_shape(g.text)} gold {_shape(g.value or '')} "
                   f"got {_shape(s.value or '')}"] += 1
    # A system expression overlapping a matched gold one is not a false positive.
    for i, s in enumerate(system):
        if i in matched_sys or any(min(g.end, s.end) > max(g.start, s.start) for g in gold):
            matched_sys.add(i)
        else:
            errors[f"spurious {s.type}: {_shape(s.text)}"] += 1
    scores.relaxed_system += len(matched_sys)


def _docs(data_dir: Path, split: str) -> list[Path]:
    """TimeML files of a split: ``dev`` is TempEval-3 train (TimeBank + AQUAINT), any other
    split reads ``time/tempeval3_<split>/`` (e.g. the held-out ``test``)."""
    root = data_dir / "time" / ("tempeval3_train" if split == "dev" else f"tempeval3_{split}")
    paths = sorted(root.rglob("*.tml"))
    if not paths:
        raise UsageError(f"no TimeML (.tml) files for split {split!r} under {root}")
    return paths


def _tag_all(docs: list[GoldDoc], options: ExtractOptions, parse: bool) -> Iterator[list[Timex]]:
    from detente.extract.time.stage import TimexStage, TimexTagger

    tagger = TimexTagger()
    if not parse:
        for doc in docs:
            yield tagger.tag(doc.text, doc.dct)
        return
    from detente.extract.nlp import load_nlp
    from detente.extract.stage import Draft
    from detente.model import Article, Record

    stage = TimexStage(tagger)
    nlp = load_nlp(options.model)
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        record = Record(Article(id=doc.id, text=doc.text, published=doc.dct))
        yield stage(Draft(record, parsed, doc.dct)).record.timexes


def evaluate(data_dir: Path, *, split: str = "dev", options: ExtractOptions | None = None,
             parse: bool = True) -> EvalReport:
    """Score the tagger on TempEval-3 train (the ``dev`` split) or ``tempeval3_<split>``.

    ``parse=False`` skips spaCy and resolves tense from cue words only (faster, a little
    less accurate on bare months and weekdays)."""
    paths = _docs(data_dir, split)
    docs = [read_tml(p) for p in paths]
    scores = Scores()
    errors: Counter[str] = Counter()
    for doc, system in zip(docs, _tag_all(docs, options or ExtractOptions(), parse), strict=True):
        score(list(doc.timexes), system, scores, errors)
    lines = [f"{n:4d}  {what}" for what, n in errors.most_common(40)]
    return EvalReport(
        name="time",
        metrics=scores.metrics(),
        n=scores.gold,
        data_checksum=checksum(paths),
        details="\n".join(lines),
        extra={"documents": len(docs), "system": scores.system, "split": split},
    )


def render(report: EvalReport) -> str:
    """The report as text: the figures, then the most frequent errors."""
    m = report.metrics
    rows = [
        f"time (TempEval-3 train, {report.extra.get('documents')} docs, {report.n} gold "
        f"TIMEX3, {report.extra.get('system')} tagged)",
        f"  strict   P {m['strict_p']:.4f}  R {m['strict_r']:.4f}  F1 {m['strict_f1']:.4f}",
        f"  relaxed  P {m['relaxed_p']:.4f}  R {m['relaxed_r']:.4f}  F1 {m['relaxed_f1']:.4f}",
        f"  type     acc {m['type_acc']:.4f}  F1 {m['type_f1']:.4f}",
        f"  value    acc {m['value_acc']:.4f}  F1 {m['value_f1']:.4f}",
        "most frequent errors:",
        report.details,
    ]
    return "\n".join(rows)
