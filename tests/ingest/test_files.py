"""read_inputs on files and directories: every kind, every bad input with its exact message."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.config import IngestOptions
from detente.errors import IngestError, UsageError
from detente.ingest import read_inputs
from detente.model import Article

from .conftest import PARAGRAPHS, article_html, articles, failures, read_all

Write = Callable[[str, "str | bytes"], str]
STORY = "Envoys Meet in Geneva\nBy Ana Lima – The Harbour Post\n" + "\n".join(PARAGRAPHS)


def test_text_file_reads_title_byline_and_body(write: Write) -> None:
    [article] = articles(read_all([write("story.txt", STORY)]))
    assert (article.title, article.author, article.outlet) == (
        "Envoys Meet in Geneva",
        "Ana Lima",
        "The Harbour Post",
    )
    assert article.text == "\n".join(PARAGRAPHS)
    assert article.dateline == "Geneva"


@pytest.mark.parametrize("name", ["story.html", "story.htm", "story", "story.xml"])
def test_html_file_is_read_by_extension_or_content(write: Write, name: str) -> None:
    [article] = articles(read_all([write(name, article_html())]))
    assert article.title == "Envoys Meet Again in Geneva as Talks Inch Forward"
    assert (article.author, article.outlet, article.published) == (
        "Jane Roe",
        "The Lakeside Ledger",
        "2025-08-05",
    )
    assert article.text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("name", ["story.html.gz", "story.gz", "story.htm.gz"])
def test_gzipped_html_is_read(write: Write, name: str) -> None:
    [article] = articles(read_all([write(name, gzip.compress(article_html().encode()))]))
    assert article.text == "\n".join(PARAGRAPHS)


def test_gzipped_text_is_read(write: Write) -> None:
    [article] = articles(read_all([write("story.txt.gz", gzip.compress(STORY.encode()))]))
    assert article.title == "Envoys Meet in Geneva"


def test_file_without_extension_holding_text_is_read_as_text(write: Write) -> None:
    [article] = articles(read_all([write("README", STORY)]))
    assert article.author == "Ana Lima"


def test_directory_is_read_recursively_sorted_skipping_hidden(write: Write, tmp_path: Path) -> None:
    write("b.txt", "Second\n" + PARAGRAPHS[1])
    write("a.txt", "First\n" + PARAGRAPHS[0])
    write("sub/c.html", article_html())
    write(".hidden.txt", "Hidden\n" + PARAGRAPHS[2])
    write(".git/d.txt", "Hidden dir\n" + PARAGRAPHS[2])
    found = articles(read_all([str(tmp_path)]))
    assert [Path(a.input or "").relative_to(tmp_path).as_posix() for a in found] == [
        "a.txt",
        "b.txt",
        "sub/c.html",
    ]


def test_empty_directory_is_a_failure(tmp_path: Path) -> None:
    assert failures(read_all([str(tmp_path)])) == [f"{tmp_path}: no files in directory"]


def test_options_override_published_and_outlet(write: Write) -> None:
    results = read_all([write("p.html", article_html())], published="Aug. 1, 2025", outlet="Mine")
    [article] = articles(results)
    assert (article.published, article.outlet) == ("2025-08-01", "Mine")


def test_override_spares_an_article_its_own_bad_date(write: Write) -> None:
    path = write("d.jsonl", '{"text": "Talks went on.", "published": "soon"}\n')
    [article] = articles(read_all([path], published="2025-08-01"))
    assert article.published == "2025-08-01"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"published": "someday"}, "--published: unparseable date 'someday' (use YYYY-MM-DD)"),
        ({"max_bytes": 0}, "--max-bytes must be a positive number of bytes, not 0"),
        ({"timeout": 0.0}, "--timeout must be more than 0 seconds, not 0.0"),
    ],
)
def test_invalid_options_raise_usage_error_at_once(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError) as info:
        read_inputs(["anything"], IngestOptions(**options))  # type: ignore[arg-type]
    assert str(info.value) == message


RANDOM = bytes(range(256)) * 4
CP1252 = "Caf\u00e9 talks \u201cresume\u201d in Gen\u00e8ve \u2013 d\u00e9l\u00e9gu\u00e9s.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t ", "empty file"),
        ("random.bin", RANDOM, "binary content, not text"),
        ("random.txt", os.urandom(0) + RANDOM[::-1], "binary content, not text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"x" * 40, "binary content, not text"),
        ("paper.pdf", b"%PDF-1.7\n" + b"stream" * 10, "binary content, not text"),
        (
            "broken.html.gz",
            gzip.compress(article_html().encode(), mtime=0)[:60],
            "truncated or corrupt gzip",
        ),
        ("broken.gz", gzip.compress(b"hello " * 50, mtime=0)[:-6], "truncated or corrupt gzip"),
        ("fake.txt.gz", b"this is not gzip at all", "truncated or corrupt gzip"),
        (
            "empty.html",
            "<html><head><title>Loading</title><script>start()</script></head>"
            "<body><div id='app'></div></body></html>",
            "no article text found in HTML",
        ),
        (
            "deep.html",
            "<html><body>" + "<div>" * 50_000 + "Hello" + "</div>" * 50_000,
            "HTML nested more than 255 levels deep",
        ),
        (
            "deep-unclosed.html",
            "<html><body>" + "<span>" * 50_000 + "Hello",
            "HTML nested more than 255 levels deep",
        ),
        ("nul-only.txt", b"\x00" * 10, "empty file"),
    ],
)
def test_bad_file_is_one_failure_with_exact_message(
    write: Write, name: str, content: str | bytes, message: str
) -> None:
    path = write(name, content)
    assert failures(read_all([path])) == [f"{path}: {message}"]


def test_missing_path_is_a_failure_and_the_run_continues(write: Write, tmp_path: Path) -> None:
    good = write("ok.txt", STORY)
    missing = str(tmp_path / "nope.txt")
    results = read_all([missing, good])
    assert failures(results) == [f"{missing}: no such file or directory"]
    assert [a.input for a in results if isinstance(a, Article)] == [good]


def test_file_above_cap_is_refused_without_reading(write: Write) -> None:
    path = write("big.txt", b"a" * 31_457_280)
    assert failures(read_all([path])) == [
        f"{path}: file is 31,457,280 bytes, above the 10,000,000-byte cap (--max-bytes)"
    ]


def test_gzip_bomb_is_refused_by_decompressed_size(write: Write) -> None:
    path = write("bomb.txt.gz", gzip.compress(b"a" * 2_000_000))
    assert failures(read_all([path], max_bytes=1_000_000)) == [
        f"{path}: decompressed content is above the 1,000,000-byte cap (--max-bytes)"
    ]


def test_nul_bytes_are_stripped_and_the_rest_ingested(write: Write) -> None:
    [article] = articles(read_all([write("nul.txt", STORY.replace(" ", " \x00").encode())]))
    assert "\x00" not in article.text
    assert article.title == "Envoys Meet in Geneva"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", CP1252),
        (
            "latin-1",
            "Le minist\u00e8re a confirm\u00e9 la r\u00e9union de jeudi \u00e0 Gen\u00e8ve.\n",
        ),
        (
            "cp1251",
            "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
            "\u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f "
            "\u043d\u0430 \u0441\u043b\u0435\u0434\u0443\u044e\u0449\u0435\u0439 "
            "\u043d\u0435\u0434\u0435\u043b\u0435.\n",
        ),
        ("utf-16", CP1252),
        ("utf-8-sig", CP1252),
    ],
)
def test_non_utf8_text_is_decoded(write: Write, encoding: str, text: str) -> None:
    [article] = articles(read_all([write("enc.txt", text.encode(encoding))]))
    assert article.text == text.strip()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2048), name=st.sampled_from(["x.txt", "x.html", "x.htm", "x.gz"]))
def test_any_bytes_give_exactly_one_article_or_failure(
    tmp_path: Path, data: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    results = list(read_inputs([str(path)], IngestOptions()))
    assert len(results) == 1
    [result] = results
    assert isinstance(result, Article | IngestError)
    if isinstance(result, IngestError):
        assert result.input == str(path)
        assert "\n" not in str(result) and not result.reason.startswith("unexpected error")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2048))
def test_any_bytes_without_extension_give_articles_or_failures(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "noext"
    path.write_bytes(data)
    results = list(read_inputs([str(path)], IngestOptions()))
    assert results
    for result in results:
        if isinstance(result, IngestError):
            assert not result.reason.startswith("unexpected error"), str(result)
        else:
            assert isinstance(result, Article)


def test_reading_a_thousand_small_files_is_quick(tmp_path: Path) -> None:
    for i in range(1000):
        (tmp_path / f"{i:04}.txt").write_text(
            f"Headline {i}\nBy Ana Lima – The Harbour Post\n{PARAGRAPHS[i % 3]} Item {i}.",
            encoding="utf-8",
        )
    start = time.perf_counter()
    found = articles(read_all([str(tmp_path)]))
    elapsed = time.perf_counter() - start
    assert len(found) == 1000 and len({a.id for a in found}) == 1000
    # Sanity figure only (no timed assert: the machine is shared).
    print(f"\n1,000 small text files read in {elapsed:.2f} s")


# -- folders that cannot be read, symbolic links ----------------------------------------------

PLAIN = "Envoys Meet In Moscow\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def _unprivileged(produce: Callable[[], list[str]]) -> list[str]:
    """``produce()`` run where file permissions apply: as is for a normal user; as root (who
    reads anything, as in CI), in a forked child that drops to the ``nobody`` user first."""
    if os.geteuid() != 0:
        return produce()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            with os.fdopen(write, "w") as out:
                json.dump(produce(), out)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged reader failed"
    result: list[str] = json.loads(data)
    return result


@pytest.fixture()
def shared_tmp() -> Iterator[Path]:
    """A folder any user can enter (pytest's tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="detente-perm-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for sub in path.rglob("*"):
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(path)


def _lines(inputs: list[str]) -> list[str]:
    return [f"{type(x).__name__} {x.input}" if isinstance(x, Article) else str(x)
            for x in read_all(inputs)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to drop privileges as root")
def test_unreadable_subfolder_is_a_permission_denied_failure(shared_tmp: Path) -> None:
    corpus = shared_tmp / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "locked" / "hidden.txt").write_text(PLAIN)
    (corpus / "open.txt").write_text(PLAIN)
    (corpus / "locked").chmod(0o000)
    assert _unprivileged(lambda: _lines([str(corpus)])) == [
        f"Article {corpus / 'open.txt'}", f"{corpus / 'locked'}: permission denied"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to drop privileges as root")
def test_unreadable_folder_given_as_input_says_permission_denied(shared_tmp: Path) -> None:
    locked = shared_tmp / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(PLAIN)
    locked.chmod(0o000)
    assert _unprivileged(lambda: _lines([str(locked)])) == [f"{locked}: permission denied"]


def test_symlinked_folder_is_read_and_a_loop_is_a_recorded_skip(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text(PLAIN.replace("Moscow", "Geneva"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PLAIN)
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert _lines([str(corpus)]) == [
        f"Article {corpus / 'a.txt'}",
        f"{corpus / 'gone.txt'}: broken symbolic link (to {tmp_path / 'nowhere.txt'}: no such "
        "file or directory)",
        f"{corpus / 'loop'}: skipped: symbolic link to a folder already read ({corpus})",
        f"Article {corpus / 'linked' / 'b.txt'}",
    ]
