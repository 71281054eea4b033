"""``detente serve`` as a user runs it (uvicorn itself replaced by a recorder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from detente.cli import serve as cli_serve


def _app() -> typer.Typer:
    app = typer.Typer()
    cli_serve.register(app)

    @app.callback()
    def _root() -> None:  # keep `serve` a subcommand
        pass

    return app


def test_serve_help_has_an_example() -> None:
    result = CliRunner().invoke(_app(), ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: detente serve --db demo.duckdb --port 8000" in " ".join(result.output.split())


@pytest.mark.parametrize(("args", "host", "port"), [
    ([], "127.0.0.1", 8000),
    (["--host", "0.0.0.0", "--port", "9001"], "0.0.0.0", 9001),
])
def test_serve_runs_uvicorn_on_the_store(args: list[str], host: str, port: int,
                                         synthetic_db: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import uvicorn

    db = tmp_path / "s.duckdb"
    shutil.copy(synthetic_db, db)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    result = CliRunner().invoke(_app(), ["serve", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    assert (calls[0]["host"], calls[0]["port"]) == (host, port)
    assert calls[0]["app"].state.detente.db_path == db
    calls[0]["app"].state.detente.close()


def test_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(_app(), ["serve", "--port", "70000"])
    assert result.exit_code == 2
