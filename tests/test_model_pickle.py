"""Records cross process boundaries pickled (extraction workers, Dask): every model class
pickles by its constructor, and a record comes back equal, field for field."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from detente import model
from detente.model import Actor, Deadline, Position, Record, Span, StageError
from tests.synthetic import placed_records, synthetic_records


def _records() -> list[Record]:
    records = synthetic_records(weeks=3) + placed_records(weeks=2)
    extra = records[0]
    extra.positions.append(Position(Actor("Kyiv", country="UKR"), "oppose", "ceasefire",
                                    Span(0, 4, extra.article.text[:4])))
    extra.errors.append(StageError("quotes", "ValueError: example"))
    extra.deadlines.append(Deadline("d1", Actor("Washington", country="USA"), None, "talks",
                                    "2025-08-01", "P10D", "2025-08-11", None, "running",
                                    Span(0, 4, extra.article.text[:4]), threat="sanctions"))
    return records


def _model_classes() -> list[type]:
    return [c for c in vars(model).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c)
            and c.__module__ == model.__name__ and not c.__name__.startswith("_")]


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_records_round_trip(protocol: int) -> None:
    records = _records()
    assert any(r.positions and r.errors for r in records)
    assert any(e.location is not None for r in records for e in r.events)
    back = pickle.loads(pickle.dumps(records, protocol=protocol))
    assert back == records
    assert [r.to_dict() for r in back] == [r.to_dict() for r in records]
    for old, new in zip(records, back, strict=True):
        assert type(new.article) is type(old.article)
        assert new.article.warnings == old.article.warnings


def test_every_model_class_pickles_by_its_constructor() -> None:
    classes = _model_classes()
    assert {"Span", "Actor", "Article", "Event", "Quote", "Record"} <= {c.__name__
                                                                        for c in classes}
    records = _records()
    seen: dict[type, object] = {}

    def walk(obj: object) -> None:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            seen.setdefault(type(obj), obj)
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name))
        elif isinstance(obj, list | tuple):
            for item in obj:
                walk(item)

    walk(records)
    assert set(classes) <= set(seen), set(classes) - set(seen)
    for cls in classes:
        obj = seen[cls]
        reduced = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        assert isinstance(reduced, tuple)
        rebuild, args = reduced[:2]
        assert rebuild in (cls, model._by_keywords), cls
        assert rebuild(*args) == obj
