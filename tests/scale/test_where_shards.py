"""Event places ride through Parquet shards unchanged (the record's JSON layers)."""

from __future__ import annotations

import dataclasses

from detente.model import Record
from detente.scale.shards import records_to_table, table_to_records
from tests.synthetic import placed_records


def test_shards_keep_each_events_location_and_dateline() -> None:
    records = placed_records(weeks=2)
    records[0].events[0] = dataclasses.replace(records[0].events[0], reported_from="KHARKIV")
    back, _ = table_to_records(records_to_table(records))
    assert [r.to_dict() for r in back] == [r.to_dict() for r in records]
    first = back[0].events[0]
    assert first.location is not None and first.location.name == "Kharkiv"
    assert first.reported_from == "KHARKIV"


def test_events_with_places_round_trip_through_the_record_dict() -> None:
    for rec in placed_records(weeks=1):
        assert Record.from_dict(rec.to_dict()).events == rec.events
