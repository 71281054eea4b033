"""The core commands as a user meets them: real files, a real DuckDB file, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app

runner = CliRunner()

BRIEF = (
    "Envoy Visits Capital\n"
    "By Ana Ruiz – The Test Ledger\n"
    "March 14, 2025\n"
    "Moscow – The envoy met the president on Thursday for closed-door talks.\n"
    "Officials said more meetings were planned.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(BRIEF, encoding="utf-8")
    (d / "b.txt").write_text(BRIEF.replace("Thursday", "Friday"), encoding="utf-8")
    return d


def _invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_run_ingests_and_processes_into_store(corpus: Path, db_path: Path) -> None:
    code, _, err = _invoke("run", corpus, "--db", db_path, "--workers", "1")
    assert code == 0, err
    assert "ingested 2 article(s), 2 new, 0 failed input(s)" in err
    code, out, _ = _invoke("stats", "--db", db_path, "--json")
    stats = json.loads(out)
    assert (stats["articles"], stats["processed"], stats["failed"]) == (2, 2, 0)


def test_cli_run_twice_changes_nothing(corpus: Path, db_path: Path) -> None:
    _invoke("run", corpus, "--db", db_path, "--workers", "1")
    code, _, err = _invoke("run", corpus, "--db", db_path, "--workers", "1")
    assert code == 0
    assert "ingested 2 article(s), 0 new, 0 failed input(s)" in err
    assert "processed 0 article(s)" in err


def test_cli_run_exits_1_and_counts_failed_inputs(corpus: Path, tmp_path: Path,
                                                  db_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = _invoke("run", corpus, empty, tmp_path / "missing.txt", "--db", db_path,
                           "--workers", "1")
    assert code == 1
    assert f"failed {empty}: empty file" in err
    assert f"failed {tmp_path / 'missing.txt'}: no such file or directory" in err
    assert "2 inputs failed" in err
    code, out, _ = _invoke("failures", "--db", db_path, "--json")
    assert sorted(r["message"] for r in json.loads(out)) == ["empty file",
                                                              "no such file or directory"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2025-13-01"], "Error: invalid date '2025-13-01': use YYYY-MM-DD"),
        (["--published", "yesterday"], "Error: invalid date 'yesterday': use YYYY-MM-DD"),
    ],
)
def test_cli_usage_errors_exit_2_with_message(corpus: Path, db_path: Path, args: list[str],
                                              message: str) -> None:
    code, _, err = _invoke("run", corpus, "--db", db_path, *args)
    assert code == 2
    assert message in err


def test_cli_extract_writes_design_records(corpus: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "out.jsonl"
    code, _, err = _invoke("extract", corpus / "a.txt", "--output", out_file,
                           "--workers", "1")
    assert code == 0, err
    (line,) = out_file.read_text(encoding="utf-8").splitlines()
    rec = json.loads(line)
    assert rec["schema"] == "detente.article/1"
    assert rec["article"]["title"] == "Envoy Visits Capital"
    assert rec["article"]["outlet"] == "The Test Ledger"
    assert rec["article"]["published"] == "2025-03-14"
    assert rec["article"]["dateline"] == "Moscow"
    for layer in ("mentions", "events", "quotes", "timexes", "deadlines", "positions"):
        assert isinstance(rec[layer], list)


def test_cli_extract_refuses_unknown_format(corpus: Path) -> None:
    code, _, err = _invoke("extract", corpus, "--format", "xml")
    assert code == 2
    assert "Error: unknown --format 'xml': extract writes jsonl" in err


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_cli_export_formats(corpus: Path, db_path: Path, tmp_path: Path, fmt: str) -> None:
    _invoke("run", corpus, "--db", db_path, "--workers", "1")
    target = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out")
    code, _, err = _invoke("export", "--db", db_path, "--format", fmt, "--output", target)
    assert code == 0, err
    assert target.exists()


def _command_paths() -> list[list[str]]:
    import typer

    root = typer.main.get_command(app)
    paths = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        paths.extend([[name, sub] for sub in subs] if subs else [[name]])
    return paths


@pytest.mark.parametrize("command", _command_paths(), ids=" ".join)
def test_cli_every_command_has_help_with_example(command: list[str]) -> None:
    code, out, _ = _invoke(*command, "--help")
    assert code == 0
    assert "Example:" in out


def test_cli_version_prints_version() -> None:
    code, out, _ = _invoke("--version")
    assert code == 0
    assert out.strip() == "detente 0.1.0"


def test_cli_extract_scheduler_needs_output_dir(corpus: Path) -> None:
    code, _, err = _invoke("extract", corpus, "--scheduler", "local:1")
    assert code == 2
    assert "Error: --scheduler writes Parquet shards: give --output DIR" in err


def test_cli_extract_published_is_recorded_and_resolves_dates(tmp_path: Path) -> None:
    src = tmp_path / "undated.txt"
    src.write_text("Talks Resume\nMoscow – The envoy met the president last week.\n",
                   encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, _, err = _invoke("extract", src, "--published", "2025-08-07", "--output", out_file,
                           "--workers", "1")
    assert code == 0, err
    rec = json.loads(out_file.read_text(encoding="utf-8"))
    assert rec["article"]["published"] == "2025-08-07"
    assert {"last week": "2025-W31"}.items() <= {t["text"]: t["value"]
                                                 for t in rec["timexes"]}.items()


@pytest.mark.parametrize("name", ["actors", "time", "events", "quotes", "real"])
def test_cli_eval_missing_split_is_a_usage_error(tmp_path: Path, name: str) -> None:
    code, _, err = _invoke("eval", name, "--split", "test", "--data", tmp_path)
    assert code == 2
    assert err.startswith("Error: ")
    assert "test" in err


def test_cli_ingest_folder_skips_non_articles_and_reports_warnings(corpus: Path,
                                                                   db_path: Path) -> None:
    (corpus / "README.md").write_text("# My corpus\nNotes.\n", encoding="utf-8")
    (corpus / "c.jsonl").write_text(
        json.dumps({"id": "c-1", "text": BRIEF.replace("Thursday", "Sunday"),
                    "published": "soon"}) + "\n",
        encoding="utf-8",
    )
    code, _, err = _invoke("ingest", corpus, "--db", db_path)
    assert code == 0, err
    assert "ingested 3 article(s), 3 new, 0 failed input(s)" in err
    assert "1 file(s) skipped: not article files (listed by `detente failures`)" in err
    assert (f"warning {corpus / 'c.jsonl'}:1: unparseable date 'soon'; stored without a date"
            in err)
    code, out, _ = _invoke("failures", "--db", db_path)
    assert out.splitlines() == [f"{corpus / 'README.md'}: skipped: not an article file"]
    code, out, _ = _invoke("stats", "--db", db_path, "--json")
    stats = json.loads(out)
    assert (stats["failed"], stats["skipped_inputs"]) == (0, 1)
