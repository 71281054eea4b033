"""A poison article fails alone: on the command line and in the store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from detente.cli.main import app
from detente.extract.parse import too_long
from detente.store.db import MAX_ATTEMPTS, Store

runner = CliRunner()
GOOD = ("Talks Resume\n\nPresident Trump met President Putin in Alaska on Friday. "
        "The two leaders agreed to meet again, officials said. Story {n}.\n")


def _invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_long_article_in_a_batch_of_good_ones_fails_alone_and_is_not_retried(
    tmp_path: Path, db_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(5):
        (corpus / f"good{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    long = corpus / "long.txt"
    long.write_text("Long Dump\n\n" + ("A sentence that repeats. " * 60_000)[:1_200_000])
    code, _, err = _invoke("run", corpus, "--db", db_path, "--workers", "1")
    assert code == 1, err
    assert "processed 6 article(s)" in err
    assert "1 article(s) could not be extracted (see `detente failures`)" in err
    with Store(db_path) as store:
        done = store.query("SELECT input, n_errors FROM articles WHERE processed_at IS NOT "
                           "NULL ORDER BY input")
        assert [(Path(r["input"]).name, r["n_errors"]) for r in done] == [
            ("good0.txt", 0), ("good1.txt", 0), ("good2.txt", 0), ("good3.txt", 0),
            ("good4.txt", 0), ("long.txt", 1)]
        (length,) = [len(r["text"]) for r in store.query(
            "SELECT text FROM articles WHERE input = ?", [str(long)])]
    code, out, _ = _invoke("failures", "--db", db_path, "--json")
    assert [(r["input"], r["stage"], r["message"], r["attempts"]) for r in json.loads(out)] == [
        (str(long), "parse", too_long(length, 200_000), 1)]
    assert length > 1_000_000
    code, _, err = _invoke("process", "--db", db_path, "--workers", "1")
    assert code == 0, err
    assert "processed 0 article(s)" in err


def test_article_given_up_after_max_attempts_is_listed_and_skipped(db_path: Path,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD.format(n=1), encoding="utf-8")
    _invoke("ingest", tmp_path / "a.txt", "--db", db_path)
    with Store(db_path) as store:
        (aid,) = [r["id"] for r in store.query("SELECT id FROM articles")]
        for _ in range(MAX_ATTEMPTS):  # three runs died while extracting it
            store.count_attempt([aid])
        assert store.count_unprocessed() == 0
    code, _, err = _invoke("process", "--db", db_path, "--workers", "1")
    assert (code, "processed 0 article(s)" in err) == (0, True)
    code, out, _ = _invoke("failures", "--db", db_path, "--json")
    rows = json.loads(out)
    assert [(r["stage"], r["message"], r["attempts"]) for r in rows] == [
        ("extract", "extraction did not finish in 3 attempts (the process was killed or "
         "crashed while on this article); `detente process --reprocess` tries again", 3)]
    code, _, err = _invoke("process", "--db", db_path, "--workers", "1", "--reprocess")
    assert (code, "processed 1 article(s)" in err) == (0, True)
    code, out, _ = _invoke("failures", "--db", db_path, "--json")
    assert json.loads(out) == []


def test_process_counts_one_attempt_per_article(db_path: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    code, _, err = _invoke("run", corpus, "--db", db_path, "--workers", "1")
    assert code == 0, err
    with Store(db_path) as store:
        assert [r["attempts"] for r in store.query("SELECT attempts FROM articles")] == [1] * 3
