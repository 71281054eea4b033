"""Cross-article de-duplication on synthetic stored events."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.analyze.dedup import dedupe, ensure_deduped
from detente.errors import DataFileError
from detente.evaluate.dedup import evaluate_store, load_key
from detente.store.db import Store
from tests.analyze.synth import add_article, add_event


@pytest.fixture()
def store() -> Store:
    return Store(":memory:")


def _cluster_of(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT event_id, cluster_id FROM event_clusters").fetchall())


def _two_reports(store: Store, first: dict[str, object], second: dict[str, object]) -> bool:
    """Insert one event per article (two outlets) and say whether they were merged."""
    add_article(store, "a1", outlet="Alpha", published="2025-08-06")
    add_article(store, "a2", outlet="Beta", published="2025-08-07")
    e1 = add_event(store, article_id="a1", **first)  # type: ignore[arg-type]
    e2 = add_event(store, article_id="a2", **second)  # type: ignore[arg-type]
    dedupe(store)
    c = _cluster_of(store)
    return c[e1] == c[e2]


MEETING = "Special envoy met the Russian president in Moscow for three hours"


@pytest.mark.parametrize(("first", "second"), [
    # same dyad, code and day: GDELT's unit
    ({"day": "2025-08-06", "evidence": MEETING},
     {"day": "2025-08-06", "evidence": "Talks at the Kremlin lasted into the evening"}),
    # reported the next day, dates from publication, similar wording
    ({"day": "2025-08-06", "precision": None, "evidence": MEETING},
     {"day": "2025-08-07", "precision": None,
      "evidence": "The special envoy met the Russian president in Moscow"}),
    # mutual category reported from the other side
    ({"source": "USA", "target": "RUS", "evidence": MEETING},
     {"source": "RUS", "target": "USA", "evidence": MEETING}),
    # a vague date ("in August") matches a precise one with similar wording
    ({"day": "2025-08-01", "precision": "month", "evidence": MEETING},
     {"day": "2025-08-06", "evidence": MEETING}),
], ids=["same-day", "next-day-similar-text", "mutual-reversed", "month-vs-day"])
def test_dedup_merges_reports_of_one_event_from_two_outlets(
        store: Store, first: dict[str, object], second: dict[str, object]) -> None:
    assert _two_reports(store, first, second)


@pytest.mark.parametrize(("first", "second"), [
    ({"category": "CONSULT", "evidence": MEETING}, {"category": "THREATEN", "evidence": MEETING}),
    ({"target": "RUS", "evidence": MEETING}, {"target": "CHN", "evidence": MEETING}),
    ({"day": "2025-08-01", "evidence": MEETING}, {"day": "2025-08-06", "evidence": MEETING}),
    ({"evidence": MEETING}, {"evidence": MEETING, "negated": True}),
    ({"category": "ACCUSE", "source": "USA", "target": "RUS", "evidence": MEETING},
     {"category": "ACCUSE", "source": "RUS", "target": "USA", "evidence": MEETING}),
    ({"day": "2025-08-04", "precision": None, "evidence": "Envoy met officials in Moscow"},
     {"day": "2025-08-06", "precision": None, "evidence": "Sanctions package discussed today"}),
], ids=["other-category", "other-target", "five-days-apart", "negated", "directed-reversed",
        "dissimilar-text"])
def test_dedup_keeps_distinct_events_apart(
        store: Store, first: dict[str, object], second: dict[str, object]) -> None:
    assert not _two_reports(store, first, second)


def test_dedup_cluster_lists_mentions_outlets_and_report_dates(store: Store) -> None:
    for i, outlet in enumerate(["Alpha", "Beta", "Gamma"]):
        add_article(store, f"a{i}", outlet=outlet, published=f"2025-08-0{6 + i % 2}")
        add_event(store, article_id=f"a{i}", day="2025-08-06", evidence=MEETING,
                  channel="private" if i == 2 else "public", confidence=0.5 + 0.1 * i)
    assert dedupe(store) == 1
    row = store.query("SELECT * FROM clusters")[0]
    assert (row["mentions"], row["n_articles"]) == (3, 3)
    assert row["outlets"] == ["Alpha", "Beta", "Gamma"]
    assert (row["first_report"], row["last_report"]) == (date(2025, 8, 6), date(2025, 8, 7))
    assert row["channel"] == "private"
    assert row["confidence"] == pytest.approx(0.7)


def test_dedup_does_not_chain_a_daily_run_into_one_event(store: Store) -> None:
    for i in range(8):
        day = date(2025, 3, 1) + timedelta(days=i)
        add_article(store, f"a{i}", published=day.isoformat())
        add_event(store, article_id=f"a{i}", category="ASSAULT", source="RUS", target="UKR",
                  day=day, evidence="Russian forces shelled Kharkiv overnight")
    dedupe(store)
    spans = store.con.execute(
        "SELECT max(event_date) - min(event_date) FROM event_clusters ec "
        "JOIN events e ON e.id = ec.event_id GROUP BY cluster_id").fetchall()
    assert len(spans) >= 3
    assert max(s[0] for s in spans) <= 2


def test_dedup_is_idempotent_and_reruns_only_when_events_change(store: Store) -> None:
    add_article(store, "a1")
    add_event(store, article_id="a1", evidence=MEETING)
    assert ensure_deduped(store) is True
    before = store.con.execute("SELECT * FROM event_clusters ORDER BY event_id").fetchall()
    assert ensure_deduped(store) is False
    dedupe(store)
    assert store.con.execute("SELECT * FROM event_clusters ORDER BY event_id").fetchall() == before
    add_event(store, article_id="a1", category="THREATEN", evidence="threat")
    assert ensure_deduped(store) is True
    assert store.con.execute("SELECT count(*) FROM event_clusters").fetchone() == (2,)


_event = st.tuples(
    st.sampled_from(["USA", "RUS", "UKR"]), st.sampled_from(["USA", "RUS", "UKR"]),
    st.sampled_from(["CONSULT", "THREATEN", "ACCUSE"]), st.integers(0, 20),
    st.sampled_from(["day", None, "week", "month"]),
    st.sampled_from(["met in moscow", "threatened tariffs", "shelled kharkiv overnight"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_event, min_size=1, max_size=25))
def test_dedup_puts_every_event_in_one_cluster_of_bounded_span(
        events: list[tuple[str, str, str, int, str | None, str]]) -> None:
    store = Store(":memory:")
    for i, (s, t, cat, offset, precision, text) in enumerate(events):
        add_article(store, f"a{i}", outlet=f"O{i % 3}", published="2025-01-01")
        add_event(store, article_id=f"a{i}", source=s, target=t, category=cat,
                  day=date(2025, 1, 1) + timedelta(days=offset), precision=precision,
                  evidence=text)
    n = dedupe(store)
    rows = store.con.execute("SELECT count(*), count(DISTINCT event_id) FROM event_clusters"
                             ).fetchone()
    assert rows == (len(events), len(events))
    assert store.con.execute("SELECT sum(mentions) FROM clusters").fetchone() == (len(events),)
    assert 1 <= n <= len(events)
    # a cluster never mixes dyads (mutual categories aside) or categories
    mixed = store.con.execute("""
        SELECT count(*) FROM (SELECT cluster_id FROM event_clusters ec JOIN events e
        ON e.id = ec.event_id GROUP BY cluster_id
        HAVING count(DISTINCT category) > 1 OR count(DISTINCT least(source_country,
        target_country) || greatest(source_country, target_country)) > 1)""").fetchone()
    assert mixed == (0,)
    span = store.con.execute("""
        SELECT max(e.event_date) - min(e.event_date) FROM event_clusters ec
        JOIN events e ON e.id = ec.event_id WHERE e.date_precision = 'day'
        GROUP BY cluster_id ORDER BY 1 DESC LIMIT 1""").fetchone()
    assert span is None or span[0] <= 2 + 30


KEY = """same_event:
  - event: meeting
    files: [01-a.txt, 02-b.txt, 03-c.txt]
  - event: sanctions
    files: [05-e.txt, 06-f.txt]
"""


def test_evaluate_store_scores_pairwise_precision_and_recall(store: Store,
                                                             tmp_path: Path) -> None:
    key = tmp_path / "key.yaml"
    key.write_text(KEY, encoding="utf-8")
    names = ["01-a.txt", "02-b.txt", "03-c.txt", "04-d.txt", "05-e.txt", "06-f.txt"]
    for i, n in enumerate(names):
        add_article(store, f"a{i}", outlet=f"O{i}", published="2025-08-06",
                    input=f"/corpus/{n}")
    for i in range(3):  # the meeting, reported by three briefs
        add_event(store, article_id=f"a{i}", day="2025-08-06", evidence=MEETING)
    # brief 4 reports an unrelated event; briefs 5 and 6 describe the sanctions too differently
    add_event(store, article_id="a3", category="THREATEN", evidence="tariff threat")
    add_event(store, article_id="a4", category="SANCTION", day="2025-08-02", evidence="x y z")
    add_event(store, article_id="a5", category="SANCTION", day="2025-08-06", evidence="p q r")
    report = evaluate_store(store, key)
    assert report.n == 4
    assert report.metrics["precision"] == 1.0
    assert report.metrics["recall"] == pytest.approx(3 / 4)
    assert report.extra["missing"] == [("05-e.txt", "06-f.txt")]


def test_load_key_names_the_file_of_a_bad_key(tmp_path: Path) -> None:
    bad = tmp_path / "key.yaml"
    bad.write_text("same_event:\n  - files: [only-one.txt]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"key\.yaml: same_event entry 1: 'files' must list"):
        load_key(bad)


def test_dedup_merges_day_and_week_dates_of_the_same_meeting(store: Store) -> None:
    first = {"day": "2025-08-15", "precision": "day", "evidence": "Leaders met in Anchorage"}
    second = {"day": "2025-08-11", "precision": "week",
              "evidence": "The two presidents held a summit at the air base"}
    assert _two_reports(store, first, second)


def test_dedup_keeps_two_weeks_of_the_same_code_apart(store: Store) -> None:
    first = {"day": "2025-04-21", "precision": "week", "evidence": "Envoy met officials"}
    second = {"day": "2025-04-28", "precision": "week", "evidence": "Sanctions discussed"}
    assert not _two_reports(store, first, second)


def test_dedup_keeps_a_day_before_the_other_reports_week_apart(store: Store) -> None:
    first = {"day": "2025-02-12", "precision": "day", "evidence": "Leaders spoke by phone"}
    second = {"day": "2025-02-17", "precision": "week", "evidence": "Officials met in Riyadh"}
    assert not _two_reports(store, first, second)


def test_dedup_keeps_events_of_two_different_weeks_apart_however_alike(store: Store) -> None:
    same = "Leaders spoke by telephone and agreed that their teams would meet"
    first = {"day": "2025-02-10", "precision": "week", "evidence": same}
    second = {"day": "2025-02-17", "precision": "week", "evidence": same}
    assert not _two_reports(store, first, second)
