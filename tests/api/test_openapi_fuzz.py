"""Property-based fuzzing of the whole API from its own ``/openapi.json`` with schemathesis:
no input makes the server fail (500), and every response matches the documented schema
(errors included: the one error shape)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from detente.api.app import create_app
from tests.api.conftest import TOKEN
from tests.synthetic import fill_store

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from schemathesis import checks  # noqa: E402


def _app() -> Any:
    # schemathesis' lazy fixture loader does not work with pytest 9, so the schema is built
    # at import, over a synthetic store in a temporary folder removed at exit.
    folder = Path(tempfile.mkdtemp(prefix="detente-fuzz-"))
    atexit.register(shutil.rmtree, folder, True)
    fill_store(folder / "store.duckdb")
    # Ingest is enabled but the fuzzer has no token: POST bodies are checked, never stored.
    return create_app(folder / "store.duckdb", token=TOKEN)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case: Any) -> None:
    case.call_and_validate(checks=[checks.not_a_server_error,
                                   checks.response_schema_conformance,
                                   checks.content_type_conformance])
