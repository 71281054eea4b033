"""Running deadlines across the store: linked, folded and judged as of a day."""

from __future__ import annotations

from pathlib import Path

from detente.analyze.deadlines import list_deadlines
from detente.model import Actor, Article, Deadline, Record, Span
from detente.store.db import Store

USA = Actor(text="Trump", name="Donald Trump", code="USAGOV", country="USA", sector="GOV")
RUS = Actor(text="Russia", name="Russia", code="RUS", country="RUS")


def _store_with(path: Path, deadlines: list[tuple[str, Deadline]]) -> Store:
    store = Store(path)
    for published, d in deadlines:
        aid = d.id.split(":")[0]
        art = Article(id=aid, text=d.evidence.text, published=published, outlet=f"O{aid}")
        store.add_articles([art])
        store.save_records([Record(article=art, deadlines=[d])])
    return store


def _deadline(aid: str, duration: str, issued: str | None, expires: str | None,
              target: Actor | None = RUS) -> Deadline:
    text = f"Trump gave Russia {duration[1:-1]} days to reach a deal."
    return Deadline(id=f"{aid}:deadline1", issuer=USA, target=target,
                    demand="reach a deal", issued=issued, duration=duration, expires=expires,
                    revises=None, status="active", evidence=Span(0, len(text), text))


def test_deadlines_chain_is_linked_and_judged_as_of_a_day(db_path: Path) -> None:
    store = _store_with(db_path, [
        ("2025-07-14", _deadline("a", "P50D", "2025-07-14", "2025-09-02")),
        ("2025-07-29", _deadline("b", "P12D", "2025-07-28", "2025-08-08")),
    ])
    rows = list_deadlines(store, "2025-08-07")
    assert [(r["duration"], r["status"], r["days_left"]) for r in rows] == [
        ("P12D", "active", 1), ("P50D", "shortened", 26)]
    assert rows[0]["revises"] == "a:deadline1"
    store.close()


def test_deadlines_restated_later_without_dates_fold_into_the_known_one(db_path: Path) -> None:
    store = _store_with(db_path, [
        ("2025-07-14", _deadline("a", "P50D", "2025-07-14", "2025-09-02")),
        ("2025-08-16", _deadline("c", "P50D", None, None)),  # "... gave Moscow 50 days ..."
        ("2025-08-16", _deadline("d", "P12D", None, None, target=None)),  # unrelated length
    ])
    rows = list_deadlines(store, "2025-08-20")
    assert [(r["duration"], r["reports"]) for r in rows] == [("P12D", 1), ("P50D", 2)]
    store.close()


def test_deadlines_issued_after_the_day_are_not_listed(db_path: Path) -> None:
    store = _store_with(db_path, [
        ("2025-07-14", _deadline("a", "P50D", "2025-07-14", "2025-09-02"))])
    assert list_deadlines(store, "2025-07-01") == []
    store.close()
