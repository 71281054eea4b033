"""``json_values``: each row of an Arrow table as JSON texts the server pastes into pages."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pytest

from detente.store.queries import json_values

_SEP = "\x1f"


@pytest.mark.parametrize("text", ["plain", 'quote " and \\ backslash', "sep \x1f inside",
                                  "nul \x00 and newline \n", "Zelenskyy – «Київ» \u2028", ""])
def test_json_values_read_back_as_the_values(text: str) -> None:
    table = pa.table({"s": [text, None], "x": [-7.0, 0.1 + 0.2], "n": [3, None],
                      "d": pa.array([date(2025, 3, 4), None], pa.date32()),
                      "b": [True, None]})
    rows = json_values(table, _SEP).to_pylist()
    parsed = [[json.loads(v) for v in row.split(_SEP)] for row in rows]
    assert parsed == [[text, -7.0, 3, "2025-03-04", True],
                      [None, 0.30000000000000004, None, None, None]]


def test_json_values_keep_the_rows_order() -> None:
    n = 200_000
    rows = json_values(pa.table({"i": list(range(n))}), _SEP).to_pylist()
    assert [int(r) for r in rows] == list(range(n))
