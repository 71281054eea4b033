"""Fixtures shared by every test: temp stores, the shared gold data, the spaCy pipeline."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Shared CI machines are slow and noisy: property tests check invariants, not speed.
settings.register_profile("detente", deadline=None, print_blob=True)
settings.load_profile("detente")

REPO = Path(__file__).resolve().parents[1]
# Built indexes kept between processes (detente.build_cache) go to a folder of the test run,
# not to the user's cache, unless the caller chose one; the run's folder (about 30 MB) is
# removed when the run ends.
if "DETENTE_CACHE_DIR" not in os.environ:
    os.environ["DETENTE_CACHE_DIR"] = tempfile.mkdtemp(prefix="detente-test-cache-")
    atexit.register(shutil.rmtree, os.environ["DETENTE_CACHE_DIR"], ignore_errors=True)
SHARED = Path(os.environ.get("DETENTE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip with a clear message when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"gold data not found at {SHARED} (set DETENTE_SHARED_DATA)")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_data: Path) -> Path:
    files = sorted((shared_data / "seed").glob("*.txt"))
    if not files:
        pytest.skip("no seed article in ../shared/data/seed")
    return files[0]


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from detente.config import ExtractOptions
    from detente.extract.nlp import load_nlp

    return load_nlp(ExtractOptions().model)


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file with a year of synthetic USA-RUS news (never written by the tests)."""
    from tests.synthetic import fill_store

    path = tmp_path_factory.mktemp("serve") / "synthetic.duckdb"
    fill_store(path)
    return path
