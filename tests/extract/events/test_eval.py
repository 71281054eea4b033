"""Scoring the event coder on the PLV sentences, as ../shared/data/README.md describes."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evaluate.events import evaluate, overlaps, pick_event, render
from detente.model import Actor, Event, EventDate, Span

TEXT = "Ukraine accused Russia of shelling Kharkiv."


def _event(source: str, target: str | None, category: str, confidence: float) -> Event:
    return Event("x", Actor(source), Actor(target) if target else None, category, None, "112",
                 -2.0, 3, EventDate(None, None), "asserted", False, "public",
                 Span(0, len(TEXT), TEXT), Span(8, 15, "accused"), confidence)


@pytest.mark.parametrize(("gold", "start", "end", "ours", "expected"), [
    ("Ukraine", 0, 7, "Ukraine", True),
    ("Russia", 0, 7, "Ukraine", False),
    ("Russia of", 16, 22, "Russia", True),
    ("Moscow government", -1, -1, "the Moscow mayor", True),
    ("", 0, 7, "Ukraine", False),
])
def test_eval_overlap_by_offsets_or_words(gold: str, start: int, end: int, ours: str,
                                          expected: bool) -> None:
    assert overlaps(TEXT, gold, start, end, ours) is expected


def test_eval_picks_the_event_matching_gold_before_the_most_confident() -> None:
    events = [_event("Russia", "Kharkiv", "ASSAULT", 0.9),
              _event("Ukraine", "Russia", "ACCUSE", 0.5)]
    ev, s_ok, t_ok = pick_event(TEXT, events, "Ukraine", "Russia")
    assert ev is events[1] and s_ok and t_ok
    ev, s_ok, t_ok = pick_event(TEXT, events, "Kyiv", "Moscow")
    assert ev is events[0] and not s_ok and not t_ok
    assert pick_event(TEXT, [], "Ukraine", "Russia") == (None, False, False)


@pytest.mark.slow
def test_eval_plv_meets_the_bar(shared_data: Path) -> None:
    report = evaluate(shared_data)
    assert report.n == 1050
    # Bar from issue 4: accuracy >= 0.60 and source match >= 0.80 on plv_train.
    assert report.metrics["accuracy"] >= 0.60, render(report)
    assert report.metrics["source_match"] >= 0.80, render(report)
    assert "confusion" in render(report)
