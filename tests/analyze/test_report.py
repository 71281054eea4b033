"""The corpus report's data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.analyze.report import build_report, sparkline
from detente.store.db import Store
from tests.analyze.report_store import filled
from tests.analyze.synth import add_article

__all__ = ["filled"]  # the fixture, imported for pytest

def test_report_picks_the_most_active_dyad_and_summarizes_the_corpus(filled: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store)
    assert rep.dyad == ("RUS", "USA")
    assert rep.corpus["articles"] == 17 and rep.corpus["failures"] == 1
    assert rep.relations is not None and rep.relations.lowest is not None
    assert len(rep.sparkline) == len(rep.relations.series)
    assert [d["id"] for d in rep.deadlines] == ["d1"]  # d0 expired before the last article
    assert [(d["id"], d["status"]) for d in rep.ended] == [("d0", "expired")]
    assert rep.quotes[0]["speaker_name"] == "Ann Analyst"
    assert rep.events and all(e["source"][:3] in ("USA", "RUS") for e in rep.events)


def test_report_for_a_given_dyad(filled: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store, dyad=("chn", "ind"))
    assert rep.dyad == ("CHN", "IND")
    assert rep.relations is not None and sum(p.events for p in rep.relations.series) == 2


@pytest.mark.parametrize(("values", "expected"), [
    ([0.0, 5.0, 10.0], "▁▅█"), ([None, -3.0, -3.0], " ▁▁"), ([], ""), ([1.0, None], "▁ "),
])
def test_sparkline_scales_between_the_series_extremes(values: list[float | None],
                                                      expected: str) -> None:
    assert sparkline(values) == expected


def test_report_drops_a_deadline_a_later_one_shortened(db_path: Path) -> None:
    import dataclasses

    from detente.model import Actor, Deadline, Span

    def put(store: Store, did: str, art: str, published: str, duration: str,
            expires: str) -> None:
        add_article(store, art, published=published)
        d = Deadline(id=did, issuer=Actor("Trump", code="USAGOV", country="USA"),
                     target=Actor("Russia", code="RUS", country="RUS"),
                     demand="reach a ceasefire deal", issued=published, duration=duration,
                     expires=expires, revises=None, status="active",
                     evidence=Span(0, 4, "text"))
        store.con.execute(
            "INSERT INTO deadlines (id, article_id, idx, issuer_code, target_code, demand, "
            "issued, duration, expires, status, data) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
            [did, art, "USAGOV", "RUS", d.demand, published, duration, expires, "active",
             json.dumps(dataclasses.asdict(d))])

    with Store(db_path) as store:
        put(store, "fifty", "a1", "2025-07-14", "P50D", "2025-09-02")
        put(store, "ten", "a2", "2025-07-29", "P10D", "2025-08-08")
        rep = build_report(store)
    assert [(d["id"], d["days_left"]) for d in rep.deadlines] == [("ten", 10)]
