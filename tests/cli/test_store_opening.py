"""One way to name the store, read commands that need it to exist and only read it, and a
lock conflict that says who holds the store (real processes, a real DuckDB file)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from detente.cli.main import app

runner = CliRunner()
SRC = Path(__file__).resolve().parents[2] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "400"}

READ_COMMANDS = [
    ["stats"], ["failures"], ["events"], ["quotes"], ["deadlines"], ["relations", "USA", "RUS"],
    ["report"], ["export", "--output", "out.jsonl"], ["serve"],
]


def _invoke(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def _missing(path: Path) -> str:
    return (f"Error: no store at {path}; create one with `detente run ARTICLES --db {path}`\n")


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_command_on_a_missing_store_exits_2_and_creates_nothing(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "nope" / "missing.duckdb"
    code, out, err = _invoke(*command, "--db", path)
    assert (code, out, err) == (2, "", _missing(path))
    assert not (tmp_path / "nope").exists()


def test_store_comes_from_detente_db_when_no_db_option(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    env_store = tmp_path / "env.duckdb"
    code, _, err = _invoke("stats", env={"DETENTE_DB": str(env_store)})
    assert (code, err) == (2, _missing(env_store))
    code, _, err = _invoke("stats", env={"DETENTE_DB": ""})  # empty means unset
    assert (code, err) == (2, _missing(Path("detente.duckdb")))
    (tmp_path / "a.txt").write_text("Talks Resume\n\nRussia and Ukraine met in Geneva on "
                                    "Friday, officials said.\n")
    code, _, err = _invoke("ingest", tmp_path / "a.txt", env={"DETENTE_DB": str(env_store)})
    assert code == 0, err
    code, out, _ = _invoke("stats", "--json", env={"DETENTE_DB": str(env_store)})
    assert (code, '"articles": 1' in out) == (0, True)
    other = tmp_path / "other.duckdb"  # --db wins over the environment
    code, _, err = _invoke("stats", "--db", other, env={"DETENTE_DB": str(env_store)})
    assert (code, err) == (2, _missing(other))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _detente(*args: str | Path, env: dict[str, str] = ENV) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "detente", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=300)


def _serve(path: Path, *, token: str | None) -> Iterator[subprocess.Popen[str]]:
    port = _free_port()
    env = {**ENV, "DETENTE_API_TOKEN": token or ""}
    proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(path),
                             "--port", str(port)], env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).is_success:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            raise AssertionError("the server did not answer within 120 s")
        yield proc
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.fixture()
def store(synthetic_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    shutil.copy(synthetic_db, path)
    return path


@pytest.fixture()
def reading_server(store: Path) -> Iterator[subprocess.Popen[str]]:
    yield from _serve(store, token=None)


@pytest.fixture()
def writing_server(store: Path) -> Iterator[subprocess.Popen[str]]:
    yield from _serve(store, token="secret-token")


def test_read_commands_run_beside_a_server_without_ingest_and_each_other(
    store: Path, reading_server: subprocess.Popen[str],
) -> None:
    both = [subprocess.Popen([sys.executable, "-m", "detente", *args, "--db", str(store)],
                             env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for args in (["stats", "--json"], ["relations", "USA", "RUS", "--json"])]
    results = [(p.wait(300), p.stderr.read() if p.stderr else "") for p in both]
    assert [code for code, _ in results] == [0, 0], results


def test_write_beside_a_reading_server_exits_75_naming_the_holder(
    store: Path, reading_server: subprocess.Popen[str], tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks Resume\n\nRussia and Ukraine met in Geneva on Friday.\n")
    done = _detente("ingest", article, "--db", store)
    port = reading_server.args[-1]
    assert (done.returncode, done.stderr) == (75, (
        f"Error: the store {store} is open for reading by process {reading_server.pid} "
        f"(detente serve --db {store} --port {port}); a command that writes needs it alone: "
        "stop that process (or wait for it to finish), then try again\n"))


def test_read_beside_a_writing_server_exits_75_naming_the_holder(
    store: Path, writing_server: subprocess.Popen[str],
) -> None:
    done = _detente("stats", "--db", store)
    port = writing_server.args[-1]
    assert (done.returncode, done.stderr) == (75, (
        f"Error: the store {store} is being written by process {writing_server.pid} "
        f"(detente serve --db {store} --port {port}); read commands can run beside "
        "`detente serve` and each other, not beside a write: wait for it to finish (or stop "
        "it), then try again\n"))


def test_read_commands_leave_the_store_file_untouched(store: Path) -> None:
    import hashlib

    from detente.analyze.dedup import clusters_current
    from detente.store.db import Store

    with Store(store, read_only=True) as s:
        stale = not clusters_current(s)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    for command in (["relations", "USA", "RUS", "--json"], ["report", "--json"], ["stats"]):
        code, _, err = _invoke(*command, "--db", store)
        assert code == 0, (command, err)
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert stale  # the clusters were built in memory, not written
