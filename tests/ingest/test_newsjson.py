"""News JSON files (news-please, Giveme5W1H), folders with non-article files, and metadata
lines in plain text: what a newcomer's corpus looks like."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.errors import SkippedInput
from detente.ingest.sources import is_article_file
from detente.model import Article

from .conftest import PARAGRAPHS, articles, failures, read_all

Write = Callable[[str, "str | bytes"], str]
TITLE = "Envoys Meet in Geneva"


def news_please(**fields: object) -> str:
    """A news-please style record: the body repeats the title as its first line."""
    record: dict[str, object] = {
        "authors": ["Ana Lima", "Sam Poe"],
        "date_publish": "2025-08-05 09:30:00",
        "description": "Talks resume.",
        "source_domain": "www.harbour-post.example",
        "text": TITLE + "\n" + "\n".join(PARAGRAPHS),
        "title": TITLE,
        "url": "https://www.harbour-post.example/envoys",
        "dId": "3f2a9c",
    }
    record.update(fields)
    return json.dumps(record, indent=2)


def test_news_please_json_file_is_one_article_with_its_metadata(write: Write) -> None:
    path = write("3f2a9c.json", news_please())
    [article] = articles(read_all([path]))
    assert (article.title, article.author, article.outlet, article.published) == (
        TITLE, "Ana Lima, Sam Poe", "www.harbour-post.example", "2025-08-05",
    )
    assert (article.url, article.external_id, article.input) == (
        "https://www.harbour-post.example/envoys", "3f2a9c", path,
    )
    assert article.text == "\n".join(PARAGRAPHS)  # the repeated title is not body text
    assert article.dateline == "Geneva"


def test_news_please_maintext_is_the_body(write: Write) -> None:
    path = write("a.json", news_please(text=None, maintext=PARAGRAPHS[0]))
    [article] = articles(read_all([path]))
    assert article.text == PARAGRAPHS[0]


def test_pretty_printed_json_without_extension_is_sniffed(write: Write) -> None:
    [article] = articles(read_all([write("record", news_please())]))
    assert article.external_id == "3f2a9c"


def test_json_array_holds_one_article_per_item(write: Write) -> None:
    items = [{"id": 7, "text": PARAGRAPHS[0]}, {"title": "no body"}, {"text": PARAGRAPHS[1]}]
    path = write("batch.json", json.dumps(items))
    results = read_all([path])
    assert failures(results) == [f'{path}#2: no "text", "maintext" or "html" field']
    kept = [r for r in results if isinstance(r, Article)]
    assert [(a.input, a.external_id) for a in kept] == [(f"{path}#1", "7"), (f"{path}#3", None)]


def test_json_lines_named_json_are_read_as_lines(write: Write) -> None:
    lines = "\n".join(json.dumps({"text": p}) for p in PARAGRAPHS[:2])
    path = write("export.json", lines)
    assert [a.input for a in articles(read_all([path]))] == [f"{path}:1", f"{path}:2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("{\n  \"text\": ", "not valid JSON"), ("[]", "empty JSON array")],
)
def test_bad_json_file_is_one_failure(write: Write, content: str, message: str) -> None:
    path = write("bad.json", content)
    assert failures(read_all([path])) == [f"{path}: {message}"]


def test_news_json_bad_date_keeps_the_article_with_a_warning(write: Write) -> None:
    path = write("a.json", news_please(date_publish="None"))
    [article] = articles(read_all([path]))
    assert (article.published, article.warnings) == (
        None, ("unparseable date 'None'; stored without a date",)
    )


def test_folder_skips_files_that_are_not_articles_with_the_reason(write: Write) -> None:
    write("corpus/data/3f2a9c.json", news_please())
    write("corpus/README.MD", "# About this corpus\nSome words on where it comes from.")
    write("corpus/LICENSE_repo_Apache-2.0.txt", "Apache License\nVersion 2.0")
    write("corpus/PROVENANCE.md", "Source: somewhere\nCollected in 2024.")
    write("corpus/index.csv", "id,title\n1,x\n")
    root = str(Path(write("corpus/story.txt", TITLE + "\n" + "\n".join(PARAGRAPHS))).parent)
    results = read_all([root])
    assert failures(results) == [
        f"{root}/LICENSE_repo_Apache-2.0.txt: skipped: not an article file",
        f"{root}/PROVENANCE.md: skipped: not an article file",
        f"{root}/README.MD: skipped: not an article file",
        f"{root}/index.csv: skipped: not an article file",
    ]
    assert all(r.stage == "skip" for r in results if isinstance(r, SkippedInput))
    assert [a.title for a in results if isinstance(a, Article)] == [TITLE, TITLE]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story.txt", True),
        ("story.json", True),
        ("3f2a9c", True),
        ("feed.xml", True),
        ("page.html.gz", True),
        ("README", False),
        ("readme.txt", False),
        ("LICENSE", False),
        ("COPYING.gz", False),
        ("NOTICE.md", False),
        ("data.csv", False),
        ("photo.png", False),
        ("script.py", False),
    ],
)
def test_is_article_file_by_name(name: str, expected: bool) -> None:
    assert is_article_file(name) is expected


def test_a_documentation_file_given_by_name_is_still_read(write: Write) -> None:
    path = write("README.txt", TITLE + "\n" + "\n".join(PARAGRAPHS))
    [article] = articles(read_all([path]))
    assert article.title == TITLE


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Published: 2025-08-01", "Source: https://news.example/geneva"],
            ("2025-08-01", "https://news.example/geneva", None, None),
        ),
        (
            ["Source: The Harbour Post", "Date: August 1, 2025", "ID: doc-17"],
            ("2025-08-01", None, "The Harbour Post", "doc-17"),
        ),
        (["URL: https://news.example/x", "Author: Ana Lima"], (None, "https://news.example/x",
                                                                None, None)),
    ],
)
def test_plain_text_metadata_lines_under_the_title_are_metadata(
    write: Write, lines: list[str], expected: tuple[str | None, ...]
) -> None:
    path = write("story.txt", "\n".join([TITLE, *lines, *PARAGRAPHS]))
    [article] = articles(read_all([path]))
    assert (article.published, article.url, article.outlet, article.external_id) == expected
    assert article.text == "\n".join(PARAGRAPHS)
    assert article.dateline == "Geneva"


def test_plain_text_bad_published_line_is_metadata_with_a_warning(write: Write) -> None:
    path = write("story.txt", "\n".join([TITLE, "Published: soon", *PARAGRAPHS]))
    [article] = articles(read_all([path]))
    assert (article.published, article.warnings) == (
        None, ("unparseable date 'soon'; stored without a date",)
    )
    assert article.text == "\n".join(PARAGRAPHS)


def test_giveme5w1h_folder_reads_every_record_and_skips_the_rest(shared_data: Path) -> None:
    results = read_all([str(shared_data / "news" / "giveme5w1h")])
    kept = [r for r in results if isinstance(r, Article)]
    skipped = [r for r in results if isinstance(r, SkippedInput)]
    others = [str(r) for r in results if not isinstance(r, Article | SkippedInput)]
    names = sorted(Path(s.input).name for s in skipped)
    assert names == ["LICENSE_repo_Apache-2.0.txt", "PROVENANCE.md", "README.MD", "README.MD"]
    assert len(kept) + len(others) == 511
    assert all(not a.text.startswith("{") and a.external_id for a in kept)
    assert sum(a.published is not None for a in kept) >= 500
