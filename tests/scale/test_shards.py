"""Parquet shards: lossless records, atomic files, DuckDB reading them in place."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.model import (
    Actor,
    Article,
    Deadline,
    Event,
    EventDate,
    Mention,
    Position,
    Quote,
    Record,
    Span,
    Speaker,
    StageError,
    Timex,
)
from detente.scale.shards import Failure, read_shard, shard_files, write_shard

USA = Actor(text="Washington", name="United States", code="USAGOV", country="USA", sector="GOV")
RUS = Actor(text="Moscow", name="Russia", code="RUSGOV", country="RUS", sector="GOV",
            sector2="JRN", id="Q159")


def full_record(text: str, aid: str, published: str | None = "2025-08-07") -> Record:
    """A record with every layer filled (offsets slice ``text``)."""
    span = Span(0, len(text), text)
    art = Article(id=aid, text=text, published=published, language="en", title="T",
                  url="https://example.org/a", outlet="Wire", author=None, dateline="Kyiv")
    event = Event(
        id=f"{aid}-e0", source=USA, target=None, category="THREATEN", mode="sanction",
        cameo="0130", goldstein=-4.4, quad_class=3, date=EventDate("2025-W31", "week", "x"),
        modality="threatened", negated=False, channel="private", evidence=span,
        trigger=Span(0, 1, text[:1]), confidence=0.625, speaker=RUS,
    )
    quote = Quote(0, len(text), text, "direct", None,
                  Speaker(None, None, None, None, "professor of law", True))
    return Record(
        article=art,
        mentions=[Mention(0, 1, text[:1], USA)],
        events=[event],
        quotes=[quote],
        timexes=[Timex(0, 1, text[:1], "DATE", None)],
        deadlines=[Deadline(f"{aid}-d0", USA, RUS, "a ceasefire", "2025-07-14", "P50D",
                            "2025-09-02", None, "running", span, threat="tariffs")],
        positions=[Position(RUS, "oppose", "sanctions", span)],
        errors=[StageError("quotes", "ValueError: «odd» input")],
    )


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=40), min_size=0, max_size=5),
       published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_shard_round_trips_records_exactly(tmp_path: Path, texts: list[str],
                                           published: str | None) -> None:
    records = [full_record(t, f"id{i}", published) for i, t in enumerate(texts)]
    failures = [Failure("in.jsonl:3", "ingest", "line is not valid JSON")]
    path = write_shard(tmp_path / "part-x.parquet", records, failures, unit='{"u": 1}')
    shard = read_shard(path)
    assert [r.to_dict() for r in shard.records] == [r.to_dict() for r in records]
    assert (shard.failures, shard.unit) == (failures, '{"u": 1}')


def test_shard_write_leaves_only_the_final_file(tmp_path: Path) -> None:
    write_shard(tmp_path / "part-a.parquet", [full_record("Kyiv said.", "a")])
    assert [p.name for p in tmp_path.iterdir()] == ["part-a.parquet"]
    assert shard_files(tmp_path) == [tmp_path / "part-a.parquet"]


def test_shard_empty_unit_is_a_readable_empty_shard(tmp_path: Path) -> None:
    path = write_shard(tmp_path / "part-e.parquet", [])
    assert read_shard(path).records == []


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) FROM read_parquet('{d}/*.parquet')", [(3,)]),
        ("SELECT article_id FROM read_parquet('{d}/*.parquet') "
         "WHERE published >= '2025-08-01' ORDER BY 1", [("a",), ("c",)]),
        ("SELECT sum(json_array_length(events)) FROM read_parquet('{d}/*.parquet')", [(3,)]),
        ("SELECT DISTINCT events->>'$[0].category' FROM read_parquet('{d}/*.parquet')",
         [("THREATEN",)]),
        ("SELECT article->>'$.outlet', count(*) FROM read_parquet('{d}/*.parquet') GROUP BY 1",
         [("Wire", 3)]),
        # docs/cluster.md's one-row-per-event query
        ("SELECT article_id, e->>'$.source.code', CAST(e->>'$.goldstein' AS DOUBLE) "
         "FROM read_parquet('{d}/*.parquet'), unnest(CAST(events AS JSON[])) AS t(e) "
         "ORDER BY 1", [("a", "USAGOV", -4.4), ("b", "USAGOV", -4.4), ("c", "USAGOV", -4.4)]),
    ],
)
def test_duckdb_queries_shards_in_place(tmp_path: Path, sql: str,
                                        expected: list[tuple[object, ...]]) -> None:
    write_shard(tmp_path / "part-1.parquet", [full_record("One.", "a"),
                                              full_record("Two.", "b", "2025-07-01")])
    write_shard(tmp_path / "part-2.parquet", [full_record("Three.", "c")])
    rows = duckdb.connect().execute(sql.format(d=tmp_path)).fetchall()
    assert rows == expected


def test_shard_layer_columns_are_the_record_lists(tmp_path: Path) -> None:
    rec = full_record("Moscow warned.", "m")
    write_shard(tmp_path / "part-m.parquet", [rec])
    cur = duckdb.connect().execute(f"SELECT * FROM read_parquet('{tmp_path}/*.parquet')")
    cols = [c[0] for c in cur.description]
    values = dict(zip(cols, cur.fetchall()[0], strict=True))
    assert json.loads(values["quotes"]) == rec.to_dict()["quotes"]
    assert (values["schema"], values["article_id"]) == ("detente.article/1", "m")
