"""Scoring quote extraction on PolNeAR (``quotes/polnear/`` in the shared data).

Gold: brat standoff ``.ann`` files, one per annotator; articles annotated by several people
are scored against the first annotator in file-name order. An attribution (``E`` line) links
Source, Cue and Content spans; a span may be discontinuous (``start end;start end``).

Prediction: quotes sharing one cue are one attribution (``"X," he said, "Y."`` is one gold
attribution with a two-part content), and so is a quotation continued in the next paragraph
with no cue of its own (it joins the last attribution of the same speaker span, as the gold
joins it). Predicted and gold attributions are paired one to one,
largest character overlap of content first. Then:

- overlap P/R/F1: a pair counts when the contents share at least one character;
- exact P/R/F1: a pair counts when the content extents are equal once whitespace,
  quotation marks and edge punctuation are stripped from both;
- speaker match: over pairs whose gold attribution has a Source, the share where our
  speaker span overlaps it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.evaluate import EvalReport, checksum
from detente.extract.nlp import load_nlp
from detente.extract.quotes.lexicon import load_quote_lexicon
from detente.extract.quotes.stage import extract_quotes
from detente.model import Quote

__all__ = ["GoldAttribution", "evaluate", "read_gold", "render", "score_article"]

_SPLITS = ("train", "dev", "test")  # test: the held-out half, when present
_EDGE = " \t\r\n\"'“”‘’«».,;:!?—–-()"
_SPAN = re.compile(r"^(\d+) (\d+)$")

Frag = tuple[int, int]


@dataclass(slots=True)
class GoldAttribution:
    content: list[Frag]
    source: list[Frag] = field(default_factory=list)
    cue: list[Frag] = field(default_factory=list)


@dataclass(slots=True)
class _Pred:
    content: list[Frag]
    speaker: Frag | None
    kind: str


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    pred: int = 0
    overlap: int = 0
    exact: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    kinds_ok: Counter[str] = field(default_factory=Counter)

    def add(self, other: _Tally) -> None:
        for name in ("gold", "pred", "overlap", "exact", "with_source", "speaker_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kinds.update(other.kinds)
        self.kinds_ok.update(other.kinds_ok)


def read_gold(ann: str) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` text (those with a Content span)."""
    spans: dict[str, tuple[str, list[Frag]]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for piece in offsets.split(";"):
                m = _SPAN.match(piece.strip())
                if m:
                    frags.append((int(m.group(1)), int(m.group(2))))
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            relations.append([(arg.partition(":")[0], arg.partition(":")[2])
                              for arg in parts[1].split() if ":" in arg])
    out = []
    for args in relations:
        att = GoldAttribution([])
        for role, ref in args:
            frags = spans.get(ref, ("", []))[1]
            if role.startswith("Content"):
                att.content.extend(frags)
            elif role.startswith("Source"):
                att.source.extend(frags)
            elif role.startswith("Cue"):
                att.cue.extend(frags)
        if att.content:
            out.append(att)
    return out


def _group(quotes: Iterable[Quote]) -> list[_Pred]:
    by_cue: dict[tuple[int, int] | int, _Pred] = {}
    last_key: dict[tuple[int, int], tuple[int, int] | int] = {}
    for n, q in enumerate(quotes):
        sp = q.speaker
        speaker = (sp.start, sp.end) if sp.start is not None and sp.end is not None else None
        key: tuple[int, int] | int = (q.cue.start, q.cue.end) if q.cue else n
        if q.cue is None and speaker in last_key:
            key = last_key[speaker]  # a continued quotation joins its speaker's last one
        if speaker is not None:
            last_key[speaker] = key
        if key in by_cue:
            by_cue[key].content.append((q.start, q.end))
            if by_cue[key].kind != q.kind:
                by_cue[key].kind = "mixed"
        else:
            by_cue[key] = _Pred([(q.start, q.end)], speaker, q.kind)
    return list(by_cue.values())


def _overlap(a: list[Frag], b: list[Frag]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _norm(text: str, frags: list[Frag]) -> tuple[int, int]:
    start = min(s for s, _ in frags)
    end = max(e for _, e in frags)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def score_article(text: str, gold: list[GoldAttribution], quotes: list[Quote]) -> _Tally:
    """Counts for one article (see the module docstring for the matching)."""
    preds = _group(quotes)
    tally = _Tally(gold=len(gold), pred=len(preds))
    pairs = sorted(((_overlap(p.content, g.content), i, j) for i, p in enumerate(preds)
                    for j, g in enumerate(gold)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for size, i, j in pairs:
        if size <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        p, g = preds[i], gold[j]
        tally.overlap += 1
        tally.kinds_ok[p.kind] += 1
        if _norm(text, p.content) == _norm(text, g.content):
            tally.exact += 1
        if g.source:
            tally.with_source += 1
            if p.speaker is not None and _overlap([p.speaker], g.source) > 0:
                tally.speaker_ok += 1
    tally.kinds.update(p.kind for p in preds)
    return tally


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _articles(data_dir: Path, split: str) -> list[tuple[Path, Path]]:
    if split not in _SPLITS:
        raise UsageError(f"split must be one of {', '.join(_SPLITS)}, got {split!r}")
    root = data_dir / "quotes" / "polnear" / split
    if not (root / "text").is_dir():
        raise UsageError(f"PolNeAR {split} split not found under {root}")
    pairs = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            pairs.append((txt, anns[0]))
    return pairs


def evaluate(data_dir: Path, *, split: str = "dev", options: ExtractOptions | None = None,
             limit: int | None = None) -> EvalReport:
    """Score quote extraction on PolNeAR ``split`` ("dev" or "train"); ``limit`` takes the
    first N articles (for development)."""
    options = options or ExtractOptions()
    pairs = _articles(data_dir, split)[:limit]
    nlp = load_nlp(options.model)
    lexicon = load_quote_lexicon()
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    total = _Tally()
    for (_, ann), text, doc in zip(pairs, texts, nlp.pipe(texts, batch_size=8), strict=True):
        gold = read_gold(ann.read_text(encoding="utf-8"))
        total.add(score_article(text, gold, extract_quotes(doc, lexicon=lexicon)))
    op, or_, of = _prf(total.overlap, total.pred, total.gold)
    ep, er, ef = _prf(total.exact, total.pred, total.gold)
    metrics = {
        "overlap_p": op, "overlap_r": or_, "overlap_f1": of,
        "exact_p": ep, "exact_r": er, "exact_f1": ef,
        "speaker_match": total.speaker_ok / total.with_source if total.with_source else 0.0,
    }
    details = "\n".join(
        f"  {kind:<9} predicted {total.kinds[kind]:>5}  matched {total.kinds_ok[kind]:>5}"
        f"  precision {total.kinds_ok[kind] / total.kinds[kind] if total.kinds[kind] else 0:.3f}"
        for kind in ("direct", "indirect", "mixed")
    )
    return EvalReport(
        name="quotes", metrics=metrics, n=len(pairs),
        data_checksum=checksum([p for pair in pairs for p in pair]),
        details=details,
        extra={"gold": total.gold, "predicted": total.pred, "matched": total.overlap,
               "exact": total.exact, "gold_with_source": total.with_source,
               "speaker_ok": total.speaker_ok, "split": split},
    )


def render(report: EvalReport) -> str:
    """The report as text for a terminal."""
    m, x = report.metrics, report.extra
    return "\n".join([
        f"quotes on PolNeAR {x.get('split')}: {report.n} articles, {x.get('gold')} gold "
        f"attributions, {x.get('predicted')} predicted, {x.get('matched')} matched",
        f"  content overlap  P {m['overlap_p']:.3f}  R {m['overlap_r']:.3f}  "
        f"F1 {m['overlap_f1']:.3f}",
        f"  content exact    P {m['exact_p']:.3f}  R {m['exact_r']:.3f}  F1 {m['exact_f1']:.3f}",
        f"  speaker match    {m['speaker_match']:.3f} "
        f"({x.get('speaker_ok')}/{x.get('gold_with_source')} matched quotes with a gold source)",
        "  by kind:",
        report.details,
    ])
