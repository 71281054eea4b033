"""Every decoder and extraction, fuzzed briefly on each test run (``make fuzz`` runs each
target on 100,000 inputs): any input gives articles or one-line failures, never an
exception, and every extracted span slices to its text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz_targets import TARGETS

_EXAMPLES = {"extract": 40}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_any_input_reads_or_fails_cleanly(name: str) -> None:
    target = TARGETS[name]

    @settings(max_examples=_EXAMPLES.get(name, 150), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(target.strategy)
    def run(data: Any) -> None:
        target.check(data)

    run()
