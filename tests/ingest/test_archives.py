"""JSONL and WARC inputs: one article per line / HTML response, failures per line / record."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.model import Article

from .conftest import PARAGRAPHS, article_html, articles, failures, read_all

Write = Callable[[str, "str | bytes"], str]


def jsonl(*rows: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def test_jsonl_lines_become_articles_with_their_fields(write: Write) -> None:
    path = write(
        "batch.jsonl",
        jsonl(
            {
                "id": "user-1",
                "text": PARAGRAPHS[0],
                "title": "Envoys meet",
                "url": "https://news.example/a",
                "published": "Tue, 05 Aug 2025 08:00:00 GMT",
                "outlet": "Ledger",
                "author": "Ana Lima",
            },
            {"html": article_html(), "url": "https://news.example/b"},
        ),
    )
    first, second = articles(read_all([path]))
    assert (first.input, first.title, first.url, first.published, first.outlet, first.author) == (
        f"{path}:1",
        "Envoys meet",
        "https://news.example/a",
        "2025-08-05",
        "Ledger",
        "Ana Lima",
    )
    assert first.text == PARAGRAPHS[0]
    assert first.id != "user-1"  # identity is the text's hash, always
    assert second.input == f"{path}:2"
    assert (second.title, second.author, second.url) == (
        "Envoys Meet Again in Geneva as Talks Inch Forward",
        "Jane Roe",
        "https://news.example/b",
    )
    assert second.text == "\n".join(PARAGRAPHS)


def test_jsonl_bad_lines_fail_alone_and_the_rest_ingest(write: Write) -> None:
    path = write(
        "mixed.jsonl",
        jsonl(
            {"text": PARAGRAPHS[0]},
            "",
            "{not json",
            {"title": "no body"},
            {"text": PARAGRAPHS[1], "published": "xyz"},
            '["a", "list"]',
            {"text": PARAGRAPHS[2], "title": 7},
            {"text": PARAGRAPHS[2]},
        ),
    )
    results = read_all([path])
    assert failures(results) == [
        f"{path}:3: line is not valid JSON",
        f'{path}:4: no "text", "maintext" or "html" field',
        f"{path}:6: line is not a JSON object",
    ]
    kept = [a for a in results if isinstance(a, Article)]
    assert [a.input for a in kept] == [f"{path}:{n}" for n in (1, 5, 7, 8)]


def test_jsonl_bad_fields_keep_the_article_with_a_warning(write: Write) -> None:
    path = write(
        "fields.jsonl",
        jsonl(
            {"text": PARAGRAPHS[1], "published": "xyz", "id": "doc-5"},
            {"text": PARAGRAPHS[2], "title": 7, "published": 20250801},
        ),
    )
    first, second = articles(read_all([path]))
    assert (first.published, first.external_id, first.warnings) == (
        None, "doc-5", ("unparseable date 'xyz'; stored without a date",)
    )
    assert (second.title, second.published, second.warnings) == (
        None,
        None,
        ('field "title" is not a string; ignored', 'field "published" is not a string; ignored'),
    )


def test_gzipped_jsonl_is_read(write: Write) -> None:
    path = write("b.jsonl.gz", gzip.compress(jsonl({"text": PARAGRAPHS[0]}).encode()))
    [article] = articles(read_all([path]))
    assert article.text == PARAGRAPHS[0]


def test_jsonl_is_sniffed_without_extension(write: Write) -> None:
    path = write("export", jsonl({"text": PARAGRAPHS[0]}, {"text": PARAGRAPHS[1]}))
    assert len(articles(read_all([path]))) == 2


def test_jsonl_same_article_twice_has_one_id(write: Write) -> None:
    path = write("dup.jsonl", jsonl({"text": PARAGRAPHS[0]}, {"text": " " + PARAGRAPHS[0]}))
    first, second = articles(read_all([path]))
    assert first.id == second.id


def _warc(records: list[tuple[str, str, int, bytes]], *, gz: bool) -> bytes:
    """A WARC with a request record and one response per (uri, content-type, status, body)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(
        writer.create_warc_record("https://news.example/", "request", payload=io.BytesIO(b"GET /"))
    )
    for uri, content_type, status, body in records:
        headers = StatusAndHeaders(
            f"{status} OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return out.getvalue()


RECORDS = [
    ("https://news.example/a", "text/html; charset=utf-8", 200, article_html().encode()),
    ("https://news.example/logo.png", "image/png", 200, b"\x89PNG...."),
    ("https://news.example/gone", "text/html", 404, b"<html><body>Not found</body></html>"),
    (
        "https://news.example/b",
        "text/html",
        200,
        article_html(title="Second Story About Grain", paragraphs=PARAGRAPHS[1:]).encode(),
    ),
]


@pytest.mark.parametrize(("name", "gz"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles(write: Write, name: str, gz: bool) -> None:
    path = write(name, _warc(RECORDS, gz=gz))
    first, second = articles(read_all([path]))
    assert (first.input, first.url) == (f"{path}#record-2", "https://news.example/a")
    assert first.text == "\n".join(PARAGRAPHS)
    assert (second.input, second.url, second.title) == (
        f"{path}#record-5",
        "https://news.example/b",
        "Second Story About Grain",
    )


def test_warc_is_sniffed_without_extension(write: Write) -> None:
    path = write("crawl.bin", _warc(RECORDS[:1], gz=True))
    assert len(articles(read_all([path]))) == 1


def test_warc_record_above_cap_fails_alone(write: Write) -> None:
    big = article_html(paragraphs=PARAGRAPHS * 200).encode()
    path = write(
        "big.warc",
        _warc([RECORDS[0], ("https://news.example/big", "text/html", 200, big)], gz=False),
    )
    results = read_all([path], max_bytes=len(big) - 1)
    assert failures(results) == [
        f"{path}#record-3: record is above the {len(big) - 1:,}-byte cap (--max-bytes)"
    ]
    assert len(articles([r for r in results if isinstance(r, Article)])) == 1


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([RECORDS[1]], "no HTML responses in WARC"),
        ([("https://news.example/x", "text/html", 200, b"<html><body></body></html>")], None),
    ],
)
def test_warc_without_articles_says_why(
    write: Write, records: list[tuple[str, str, int, bytes]], message: str | None
) -> None:
    path = write("w.warc", _warc(records, gz=False))
    expected = (
        [f"{path}: {message}"] if message else [f"{path}#record-2: no article text found in HTML"]
    )
    assert failures(read_all([path])) == expected


def test_truncated_warc_gz_keeps_whole_records_and_fails_the_rest(write: Write) -> None:
    data = _warc(RECORDS, gz=True)
    path = write("cut.warc.gz", data[: len(data) // 2])
    results = read_all([path])
    assert [a.input for a in results if isinstance(a, Article)] == [f"{path}#record-2"]
    assert failures(results) == [f"{path}#record-3: truncated or corrupt WARC record"]


@pytest.mark.parametrize(
    ("where", "articles_kept", "failed_record"),
    [
        ("inside the first page", [], 2),
        ("inside the next record's headers", [2], 3),
        ("30 bytes before the end", [2], 5),
    ],
)
def test_truncated_plain_warc_fails_the_cut_record(
    write: Write, where: str, articles_kept: list[int], failed_record: int
) -> None:
    """Uncompressed, a cut-off record reads as a shorter one: it must fail, not pass as a
    whole article."""
    data = _warc(RECORDS, gz=False)
    page = data.find(b"<html")
    cut = {"inside the first page": page + 200,
           "inside the next record's headers": data.find(b"WARC-Date", data.find(b"logo.png")),
           "30 bytes before the end": len(data) - 30}[where]
    path = write("cut.warc", data[:cut])
    results = read_all([path])
    assert [a.input for a in results if isinstance(a, Article)] == [
        f"{path}#record-{n}" for n in articles_kept]
    assert failures(results) == [
        f"{path}#record-{failed_record}: truncated WARC record (the file ends inside it)"]


def test_text_named_warc_is_a_failure(write: Write) -> None:
    path = write("notes.warc", "just some notes\n")
    assert failures(read_all([path])) == [f"{path}: not a valid WARC record"]


def test_bad_inputs_print_nothing(write: Write, capfd: pytest.CaptureFixture[str]) -> None:
    """Failures are values, not output: no warning or traceback reaches stdout/stderr."""
    good = _warc(RECORDS, gz=False)
    # A wrong Content-Length makes warcio complain on stderr unless silenced.
    broken = good.replace(b"Content-Length: ", b"Content-Length: 1", 1)
    date = '<meta property="article:published_time" content="2025-08-05T09:30:00 D">'
    inputs = [
        write("broken.warc", broken),
        write("tz.html", article_html().replace("<title>", date + "<title>")),
        write("bad.jsonl", "{nope\n"),
        write("deep.html", "<div>" * 10_000),
    ]
    results = read_all(inputs)
    assert results
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def _members(n: int, *, gz: bool) -> list[bytes]:
    """A request record, then ``n`` HTML responses: each record's bytes apart."""
    out = []
    for i in range(n + 1):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=gz)
        if i == 0:
            record = writer.create_warc_record("https://news.example/", "request",
                                               payload=io.BytesIO(b"GET /"))
        else:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            html = article_html(title=f"Story Number {i} About The Talks In Geneva")
            record = writer.create_warc_record(f"https://news.example/{i}", "response",
                                               payload=io.BytesIO(html.encode()),
                                               http_headers=headers)
        writer.write_record(record)
        out.append(buf.getvalue())
    return out


@pytest.mark.parametrize(("name", "gz"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_corrupt_record_in_the_middle_is_reported_with_its_span_and_the_rest_kept(
    write: Write, name: str, gz: bool,
) -> None:
    records = _members(30, gz=gz)
    bad = 16  # the 15th response
    start = sum(len(r) for r in records[:bad])
    end = start + len(records[bad])
    damaged = bytearray(records[bad])
    if gz:
        mid = len(damaged) // 2
        damaged[mid:mid + 40] = bytes(40)
    else:
        damaged[:8] = b"XXXX/1.0"
    path = write(name, b"".join(records[:bad]) + bytes(damaged) + b"".join(records[bad + 1:]))
    results = read_all([path])
    kept = [a.input for a in results if isinstance(a, Article)]
    assert kept == [f"{path}#record-{n}" for n in range(2, 32) if n != bad + 1]
    assert failures(results) == [
        f"{path}#record-{bad + 1}: corrupt WARC data at bytes {start:,}-{end:,}; reading went "
        "on at the next record"]
