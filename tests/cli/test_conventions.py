"""What analysts expect of a command line, tested as a user meets it (Typer's CliRunner, a
real DuckDB file, real subprocesses for pipes and a real socket for a busy port)."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.store.db import Store
from tests.analyze.synth import add_event, dyad_run

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
CALM, HOSTILE = ("CONSULT", "AGREE"), ("THREATEN", "SANCTION")


def _invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def store_file(db_path: Path) -> Path:
    """A store with ten weeks of USA-RUS events, one quote and one stage error."""
    with Store(db_path) as store:
        dyad_run(store, [CALM] * 5 + [HOSTILE] * 5)
        store.con.execute(
            "INSERT INTO quotes (article_id, idx, text, kind, speaker_text, speaker_name, "
            "speaker_country, anonymous) VALUES ('wpublic3', 0, 'The door stays open to talks', "
            "'direct', 'Ann Analyst', 'Ann Analyst', 'USA', false)")
        store.con.execute("INSERT INTO record_errors VALUES ('wpublic4', 'quotes', "
                          "'ValueError: odd span')")
        store.con.execute("INSERT INTO mentions (article_id, idx, text, name, code, country) "
                          "VALUES ('wpublic1', 0, 'Witkoff', 'Steve Witkoff', 'USAGOV', 'USA')")
    return db_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["relations", "USA", "XYZ"], "Error: unknown actor code 'XYZ'"),
        (["events", "--actor", "XYZ"], "Error: unknown actor code 'XYZ'"),
        (["events", "--dyad", "USA", "RUX"], "Error: unknown actor code 'RUX'; close matches: "),
        (["events", "--category", "THREATENS"],
         "Error: unknown category 'THREATENS'; one of AGREE, CONSULT, SUPPORT, CONCEDE, "
         "COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, "
         "MOBILIZE, COERCE, ASSAULT"),
        (["events", "--channel", "secret"],
         "Error: unknown channel 'secret'; one of public, private"),
        (["report", "--dyad", "USA", "--json"],
         "Error: --dyad takes two actor codes, e.g. --dyad USA RUS; got 'USA' and '--json'"),
        (["events", "--format", "xml"], "Error: unknown format 'xml'; one of table, csv, json"),
    ],
)
def test_unknown_values_exit_2_with_the_reason(store_file: Path, args: list[str],
                                               message: str) -> None:
    code, out, err = _invoke(*args, "--db", store_file)
    assert code == 2
    assert err.startswith(message) and len(err.strip().splitlines()) == 1
    assert out == ""


def test_close_matches_name_the_code_meant(store_file: Path) -> None:
    _, _, err = _invoke("relations", "USA", "RUX", "--db", store_file)
    assert "RUS" in err.split("close matches: ")[1].split(", ")


def test_report_dyad_does_not_swallow_the_db_option(tmp_path: Path) -> None:
    code, _, err = _invoke("report", "--dyad", "USA", "--db", tmp_path / "x.duckdb")
    assert code == 2
    assert err.strip() == ("Error: --dyad takes two actor codes, e.g. --dyad USA RUS; "
                           "got 'USA' and '--db'")
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.parametrize("value", ["USA", "USAGOV", "witkoff", "FRA", "IGOUNO"])
def test_known_actor_values_are_accepted(store_file: Path, value: str) -> None:
    code, _, err = _invoke("events", "--actor", value, "--db", store_file, "--format", "json")
    assert code == 0, err


def test_relations_on_a_dyad_without_events_says_so(store_file: Path) -> None:
    code, out, _ = _invoke("relations", "USA", "FRA", "--db", store_file)
    assert code == 0
    assert out.strip() == "No events between USA and FRA in this store."


def test_timex_refuses_a_published_value_that_is_not_a_date() -> None:
    code, _, err = _invoke("timex", "He left last week.", "--published", "yesterday")
    assert code == 2
    assert err.strip() == "Error: invalid date 'yesterday': use YYYY-MM-DD, e.g. 2025-08-07"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "parquet", "--output", "{tmp}/textfile.txt"],
         "Error: cannot write to {tmp}/textfile.txt: it is a file, not a directory"),
        (["export", "--output", "/proc/x"], "Error: cannot write /proc/x: "),
        (["export", "--output", "{tmp}"], None),  # a directory gets records.jsonl
        (["relations", "USA", "RUS", "--png", "/proc/nope/x.png"],
         "Error: cannot write /proc/nope/x.png: "),
    ],
)
def test_output_paths_that_cannot_be_written_are_one_line_and_exit_2(
        store_file: Path, tmp_path: Path, args: list[str], message: str | None) -> None:
    (tmp_path / "textfile.txt").write_text("notes\n")
    code, _, err = _invoke(*(a.format(tmp=tmp_path) for a in args), "--db", store_file)
    if message is None:
        assert code == 0 and (tmp_path / "records.jsonl").exists()
        return
    assert code == 2
    assert err.startswith(message.format(tmp=tmp_path)) and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_extract_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text("Title\nMoscow – The envoy met the president.\n")
    code, _, err = _invoke("extract", story, "--output", "/proc/nope/x.jsonl")
    assert code == 2
    assert err.strip() == "Error: cannot write /proc/nope/x.jsonl: no such file or directory"


def test_export_without_output_writes_a_named_jsonl_file(
        store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _invoke("export", "--db", store_file)
    assert code == 0, err
    assert err.strip() == "wrote detente-export.jsonl"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_clusters_and_gdelt_style_events(store_file: Path, tmp_path: Path,
                                                       fmt: str) -> None:
    import duckdb

    with Store(store_file) as store:
        store.con.execute("UPDATE articles SET url = 'https://news.example/' || id")
    code, _, err = _invoke("export", "--format", fmt, "--output", tmp_path / "out",
                           "--db", store_file)
    assert code == 0, err
    con = duckdb.connect()
    rows = con.execute(f"SELECT * FROM '{tmp_path}/out/events_gdelt.{fmt}' "
                       "ORDER BY event_date, cluster_id").fetchall()
    names = [d[0] for d in con.description]
    assert names[:4] == ["cluster_id", "representative_event_id", "event_date",
                         "date_precision"]
    for column in ("actor1_code", "actor2_code", "category", "cameo", "cameo_root", "goldstein",
                   "quad_class", "num_mentions", "num_sources", "num_articles", "source_url",
                   "source_urls", "first_report"):
        assert column in names
    first = dict(zip(names, rows[0], strict=True))
    assert first["source_url"] == "https://news.example/wpublic0"
    assert (first["num_mentions"], first["num_articles"]) == (1, 1)
    clusters = con.execute(f"SELECT count(*) FROM '{tmp_path}/out/clusters.{fmt}'").fetchone()
    assert clusters == (len(rows),) and len(rows) == 20


@pytest.mark.parametrize(
    ("command", "key"),
    [(["events"], "events"), (["quotes"], "quotes"), (["deadlines"], None),
     (["relations", "USA", "RUS"], None), (["failures", "--articles"], None)],
)
def test_listings_speak_csv_json_and_table(store_file: Path, command: list[str],
                                           key: str | None) -> None:
    code, out, err = _invoke(*command, "--db", store_file, "--format", "csv")
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(out)))
    code, out, _ = _invoke(*command, "--db", store_file, "--format", "json")
    data = json.loads(out)
    rows = data[key] if key else data.get("series", data) if isinstance(data, dict) else data
    assert len(table) == len(rows)
    code, _, err = _invoke(*command, "--db", store_file, "--format", "table")
    assert code == 0, err


@pytest.mark.parametrize("command", [["events"], ["relations", "USA", "RUS"]])
def test_offset_skips_rows(store_file: Path, command: list[str]) -> None:
    def rows(*extra: str) -> list[dict[str, str]]:
        _, out, _ = _invoke(*command, "--db", store_file, "--format", "csv", *extra)
        return list(csv.DictReader(io.StringIO(out)))

    every = rows()
    assert len(every) > 3 and rows("--offset", "3") == every[3:]


def test_actors_list_speaks_csv_with_offset() -> None:
    code, out, _ = _invoke("actors", "list", "--kind", "state", "--format", "csv",
                           "--limit", "3", "--offset", "2")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    code, out2, _ = _invoke("actors", "list", "--kind", "state", "--format", "csv",
                            "--limit", "5")
    assert table == list(csv.DictReader(io.StringIO(out2)))[2:5]


def test_failures_says_when_there_are_none_and_points_at_stage_errors(
        store_file: Path) -> None:
    code, out, err = _invoke("failures", "--db", store_file)
    assert code == 0 and out == ""
    assert err.splitlines() == [
        f"No failed or skipped inputs in {store_file}.",
        "1 stored article(s) have stage errors: list them with `detente failures --articles`",
    ]
    code, out, err = _invoke("failures", "--articles", "--db", store_file)
    assert out.strip() == "wpublic4: quotes: ValueError: odd span"
    assert err.strip() == "1 of 1 article(s) with stage errors"


def test_info_shows_store_schema_counts_and_model(store_file: Path) -> None:
    code, out, _ = _invoke("info", "--db", store_file, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["store"]["schema_version"] == data["schema_version_supported"] >= 2
    assert data["store"]["counts"]["events"] == 20
    assert data["spacy_model"]["name"] and data["spacy"]
    assert "actors/states.tsv" in data["knowledge"]["files"]
    code, out, _ = _invoke("info", "--db", store_file)
    assert f"store: {store_file} (schema version " in out and "spaCy model: " in out


def test_info_without_a_store_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    code, out, err = _invoke("info", "--db", missing)
    assert code == 2 and "spaCy model: " in out
    assert err.strip() == (f"no store at {missing}; create one with "
                           f"`detente run ARTICLES --db {missing}`")
    assert not missing.exists()


def test_ingest_json_prints_a_summary(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Title\nMoscow – The envoy met the president.\n")
    (tmp_path / "in" / "LICENSE").write_text("MIT\n")
    code, out, _ = _invoke("ingest", tmp_path / "in", "--db", db_path, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["read"], data["new"], data["failed"], data["skipped"]) == (1, 1, 0, 1)


def test_serve_on_a_busy_port_is_one_line_and_exit_2(store_file: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = _invoke("serve", "--db", store_file, "--port", str(port))
    assert code == 2 and out == ""
    assert err.strip() == (f"Error: port {port} on 127.0.0.1 is already in use; stop what "
                           "holds it or pick another with --port")


def _detente(*args: str | Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-m", "detente", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def test_a_closed_pipe_ends_the_command_quietly(store_file: Path) -> None:
    with Store(store_file) as store:  # more output than a pipe buffer holds
        for i in range(1500):
            add_event(store, article_id="wpublic0", category="CONSULT", day="2025-01-08",
                      evidence="a long sentence about envoys meeting again " * 3 + str(i))
    proc = _detente("events", "--db", store_file, "--format", "csv", "--limit", "2000")
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "Broken pipe" not in err


def test_files_are_written_before_stdout_so_a_closed_pipe_keeps_them(
        store_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "chart.png"
    proc = _detente("relations", "USA", "RUS", "--db", store_file, "--png", png)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head -0`: the reader is gone at once
    proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("command", [["events"], ["quotes"], ["deadlines"],
                                     ["relations", "USA", "RUS"], ["report"], ["export"]])
def test_data_commands_on_a_store_without_articles_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    code, out, err = _invoke(*command, "--db", db)
    assert code == 2 and out == ""
    assert err.strip() == (f"Error: the store {db} holds no articles yet; add some with "
                           f"`detente run ARTICLES --db {db}`")
    assert not (tmp_path / "detente-export.jsonl").exists()
