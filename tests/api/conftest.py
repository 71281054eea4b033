"""Fixtures for the API tests: an API client over the synthetic store (``synthetic_db`` in
``tests/conftest.py``), and a real uvicorn server on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from detente.api.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "test-token-123"
REPO = Path(__file__).resolve().parents[2]
REPO_DOCS = REPO / "docs"
DEMO_CORPUS = REPO / "src" / "detente" / "demo" / "corpus"


@pytest.fixture()
def fresh_db(synthetic_db: Path, tmp_path: Path) -> Path:
    """A private copy of the synthetic store, for tests that write."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(synthetic_db, path)
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, synthetic_db: Path) -> Iterator[TestClient]:
    """A client of an app over a copy of the synthetic store, with ingest enabled."""
    path = tmp_path_factory.mktemp("client") / "store.duckdb"
    shutil.copy(synthetic_db, path)
    with TestClient(create_app(path, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def click_period(page: Any, period: str) -> None:
    """Click the relations chart (uPlot) at the period starting on ``period`` (ISO date)."""
    box = page.locator("#chart .u-over").bounding_box()
    x = page.evaluate("p => document.getElementById('chart')._uplot.valToPos("
                      "Date.parse(p + 'T00:00:00Z') / 1000, 'x')", period)
    page.mouse.click(box["x"] + x, box["y"] + box["height"] * 0.95)


def chart_periods(page: Any) -> list[str]:
    """The periods the relations chart shows, as ISO dates."""
    return list(page.evaluate("() => document.getElementById('chart')._uplot.data[0]"
                              ".map(t => new Date(t * 1000).toISOString().slice(0, 10))"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving ``create_app(db)`` in a thread on a free port of 127.0.0.1."""

    def __init__(self, db: Path, token: str | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("uvicorn did not start within 20 s")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, synthetic_db: Path,
                ) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("live") / "store.duckdb"
    shutil.copy(synthetic_db, path)
    with LiveServer(path) as server:
        yield server


def demo_store(path: Path) -> bool:
    """Ingest and extract the demo corpus into ``path``; True when the result tells a
    USA-RUS story (events both ways, a deadline and a quote), so the dashboard has it."""
    from detente import jobs
    from detente.config import ExtractOptions, IngestOptions
    from detente.extract.pipeline import default_stages
    from detente.store.db import Store

    options = ExtractOptions(workers=1)
    if not default_stages(options):
        return False
    with Store(path) as store:
        jobs.ingest(store, [str(DEMO_CORPUS)], IngestOptions())
        jobs.process(store, options)
        row = store.con.execute(
            "SELECT (SELECT count(*) FROM events WHERE source_country = 'USA' AND "
            "target_country = 'RUS'), (SELECT count(*) FROM events WHERE source_country = "
            "'RUS' AND target_country = 'USA'), (SELECT count(*) FROM deadlines), "
            "(SELECT count(*) FROM quotes)").fetchone()
    return bool(row and all(n > 0 for n in row))


@pytest.fixture(scope="module")
def live_dashboard_server(tmp_path_factory: pytest.TempPathFactory, synthetic_db: Path,
                          ) -> Iterator[LiveServer]:
    """The server the dashboard tests use: over the demo corpus when extraction tells its
    USA-RUS story, else over the synthetic store (the test output says which)."""
    path = tmp_path_factory.mktemp("dash") / "store.duckdb"
    try:
        use_demo = demo_store(path)
    except Exception as exc:  # extraction still being built: fall back, and say so
        print(f"demo corpus could not be extracted ({type(exc).__name__}: {exc})")
        use_demo = False
    if not use_demo:
        for leftover in path.parent.glob("store.duckdb*"):
            leftover.unlink()
        shutil.copy(synthetic_db, path)
    print(f"dashboard tests run on the {'demo corpus' if use_demo else 'synthetic'} store")
    with LiveServer(path) as server:
        yield server


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Headless Debian Chromium through Playwright; skips when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium; "
                    "`make browser` does it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()
