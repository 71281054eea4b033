"""URLs and feeds against a real HTTP server on 127.0.0.1: content types, the address guard,
redirect limits, the size cap, unreachable hosts; feeds from files and URLs."""

from __future__ import annotations

import gzip
import ipaddress
import socket
from collections.abc import Callable
from typing import Any

import pytest

from detente.errors import IngestError, UnsafeURLError
from detente.ingest import fetch
from detente.ingest.fetch import check_url
from detente.model import Article

from .conftest import PARAGRAPHS, Route, Server, article_html, articles, failures, read_all, rss

Write = Callable[[str, "str | bytes"], str]
HTML = {"Content-Type": "text/html; charset=utf-8"}
STORY = "Envoys Meet in Geneva\nBy Ana Lima – The Harbour Post\n" + "\n".join(PARAGRAPHS)


def test_url_html_page_becomes_article(server: Server) -> None:
    url = server.route("/world/envoys", Route(body=article_html().encode(), headers=HTML))
    [article] = articles(read_all([url], allow_private=True))
    assert (article.input, article.url, article.author, article.outlet) == (
        url,
        url,
        "Jane Roe",
        "The Lakeside Ledger",
    )
    assert article.text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain; charset=utf-8", STORY.encode()),
        ("text/plain; charset=windows-1252", STORY.replace("–", "-").encode("cp1252")),
        ("application/octet-stream", STORY.encode()),
        ("", gzip.compress(STORY.encode(), mtime=0)),
    ],
)
def test_url_content_type_or_content_decides_the_reader(
    server: Server, content_type: str, body: bytes
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    url = server.route("/story", Route(body=body, headers=headers))
    [article] = articles(read_all([url], allow_private=True))
    assert (article.title, article.author) == ("Envoys Meet in Geneva", "Ana Lima")


def test_url_refused_for_loopback_without_allow_private(server: Server) -> None:
    url = server.route("/a", Route(body=article_html().encode(), headers=HTML))
    [result] = read_all([url])
    assert isinstance(result, UnsafeURLError)
    assert str(result) == (
        f"{url}: refused: 127.0.0.1 resolves to non-public address 127.0.0.1 "
        "(--allow-private allows it)"
    )


def _fake_resolver(table: dict[str, list[str]]) -> Callable[..., list[Any]]:
    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in table[host]
        ]

    return getaddrinfo


@pytest.mark.parametrize(
    ("addresses", "refused"),
    [
        (["93.184.215.14"], None),
        (["93.184.215.14", "10.0.0.5"], "10.0.0.5"),  # every address is checked
        (["169.254.169.254"], "169.254.169.254"),  # cloud metadata, link-local
        (["192.168.1.1"], "192.168.1.1"),
        (["::1"], "::1"),
        (["::ffff:127.0.0.1"], "::ffff:7f00:1"),  # IPv4-mapped loopback
        (["fe80::1"], "fe80::1"),
        (["0.0.0.0"], "0.0.0.0"),
        (["240.0.0.1"], "240.0.0.1"),  # reserved
    ],
)
def test_guard_checks_every_resolved_address(
    monkeypatch: pytest.MonkeyPatch, addresses: list[str], refused: str | None
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _fake_resolver({"news.test": addresses}))
    if refused is None:
        check_url("https://news.test/a", allow_private=False)
        return
    with pytest.raises(UnsafeURLError) as info:
        check_url("https://news.test/a", allow_private=False)
    assert info.value.reason == (
        f"refused: news.test resolves to non-public address {refused} (--allow-private allows it)"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://news.test/a", "unsupported URL scheme 'ftp'"),
        ("http:///nohost", "URL has no host"),
        ("http://news.test:99999/", "invalid URL"),
        ("http://nowhere.test/", "cannot resolve host 'nowhere.test'"),
    ],
)
def test_bad_urls_fail_with_one_line(
    monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _fake_resolver({"news.test": ["1.1.1.1"]}))
    assert failures(read_all([url])) == [f"{url}: {message}"]


def test_redirect_hops_are_checked_by_the_guard(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first URL passes (127.0.0.1 is made to count as public here); the redirect to
    127.0.0.2 must be refused before it is fetched."""
    real = fetch._unsafe
    monkeypatch.setattr(
        fetch,
        "_unsafe",
        lambda a: (
            a == ipaddress.ip_address("127.0.0.2")
            or (real(a) and a != ipaddress.ip_address("127.0.0.1"))
        ),
    )
    port = server.base.rsplit(":", 1)[1]
    url = server.route("/go", Route(302, headers={"Location": f"http://127.0.0.2:{port}/x"}))
    assert failures(read_all([url])) == [
        f"{url}: refused: 127.0.0.2 resolves to non-public address 127.0.0.2 "
        "(--allow-private allows it)"
    ]


def test_redirects_are_followed_up_to_the_limit(server: Server) -> None:
    final = server.route("/final", Route(body=article_html().encode(), headers=HTML))
    for i in range(3):
        server.route(f"/hop{i}", Route(302, headers={"Location": f"/hop{i + 1}"}))
    server.route("/hop3", Route(301, headers={"Location": final}))
    start = server.base + "/hop0"
    [article] = articles(read_all([start], allow_private=True, max_redirects=4))
    assert (article.input, article.url) == (start, final)
    assert failures(read_all([start], allow_private=True, max_redirects=3)) == [
        f"{start}: more than 3 redirects"
    ]


def test_redirect_loop_stops_at_the_limit(server: Server) -> None:
    url = server.route("/loop", Route(302, headers={"Location": "/loop"}))
    assert failures(read_all([url], allow_private=True)) == [f"{url}: more than 5 redirects"]


@pytest.mark.parametrize("chunked", [False, True])
def test_response_above_cap_is_refused(server: Server, chunked: bool) -> None:
    body = article_html(paragraphs=PARAGRAPHS * 400).encode()
    url = server.route("/big", Route(body=body, headers=HTML, chunked=chunked))
    cap = 100_000
    expected = (
        f"response is above the {cap:,}-byte cap (--max-bytes)"
        if chunked
        else f"response is {len(body):,} bytes, above the {cap:,}-byte cap (--max-bytes)"
    )
    assert failures(read_all([url], allow_private=True, max_bytes=cap)) == [f"{url}: {expected}"]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(404, b"nope"), "HTTP error 404"),
        (Route(500, b"oops"), "HTTP error 500"),
        (Route(body=b"", headers=HTML), "empty response"),
        (
            Route(body=b"\x89PNG\r\n", headers={"Content-Type": "image/png"}),
            "unsupported content type 'image/png'",
        ),
        (Route(body=b"<html><body></body></html>", headers=HTML), "no article text found in HTML"),
    ],
)
def test_bad_responses_fail_with_one_line(server: Server, route: Route, message: str) -> None:
    url = server.route("/bad", route)
    assert failures(read_all([url], allow_private=True)) == [f"{url}: {message}"]


def test_unreachable_url_is_a_failure(server: Server) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens on this port now
    url = f"http://127.0.0.1:{port}/a"
    assert failures(read_all([url], allow_private=True)) == [
        f"{url}: unreachable: connection refused"
    ]


# -- feeds ---------------------------------------------------------------------------------


def _feed_server(server: Server) -> str:
    a = server.route("/a", Route(body=article_html().encode(), headers=HTML))
    b = server.route(
        "/b",
        Route(
            body=article_html(title="Page Title B", paragraphs=PARAGRAPHS[1:]).encode(),
            headers=HTML,
        ),
    )
    missing = server.base + "/missing"
    feed = rss(
        [
            ("Feed Title A", a, "Tue, 05 Aug 2025 08:00:00 +0000", "<p>Summary A.</p>"),
            ("Feed Title B", b, "Wed, 06 Aug 2025 08:00:00 +0000", "<p>Summary B.</p>"),
            ("Gone", missing, "Wed, 06 Aug 2025 09:00:00 +0000", "<p>Gone.</p>"),
        ]
    )
    return server.route(
        "/feed.xml", Route(body=feed.encode(), headers={"Content-Type": "application/rss+xml"})
    )


def test_feed_url_fetches_each_item_page(server: Server) -> None:
    feed_url = _feed_server(server)
    results = read_all([feed_url], allow_private=True)
    first, second = articles([r for r in results if isinstance(r, Article)])
    assert (first.title, first.published, first.author, first.outlet, first.input) == (
        "Feed Title A",  # the entry's title beats the page's
        "2025-08-05",
        "desk@example.org (Sam Poe)",
        "The Lakeside Ledger",  # the page's site name beats the feed's title
        server.base + "/a",
    )
    assert first.text == "\n".join(PARAGRAPHS)
    assert second.text == "\n".join(PARAGRAPHS[1:])
    assert failures(results) == [f"{server.base}/missing: HTTP error 404"]


def test_feed_items_are_refused_by_the_guard_too(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = rss([("Inside", "http://10.1.2.3/secret", "Tue, 05 Aug 2025 08:00:00 +0000", "x")])
    url = server.route(
        "/f.xml", Route(body=feed.encode(), headers={"Content-Type": "application/rss+xml"})
    )
    real = fetch._unsafe
    monkeypatch.setattr(
        fetch, "_unsafe", lambda a: a != ipaddress.ip_address("127.0.0.1") and real(a)
    )
    assert failures(read_all([url])) == [
        "http://10.1.2.3/secret: refused: 10.1.2.3 resolves to non-public address 10.1.2.3 "
        "(--allow-private allows it)"
    ]


def test_feed_file_without_fetching_uses_entry_content(write: Write) -> None:
    feed = rss(
        [
            (
                "Envoys meet",
                "https://news.example/a",
                "Tue, 05 Aug 2025 08:00:00 +0000",
                f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>",
            ),
            ("No link", "", "2025-08-06T10:00:00Z", f"<p>{PARAGRAPHS[2]}</p>"),
        ],
        channel="Ledger World",
    )
    path = write("world.rss", feed)
    first, second = articles(read_all([path], fetch_feed_items=False))
    assert (first.input, first.url, first.title, first.published, first.outlet) == (
        "https://news.example/a",
        "https://news.example/a",
        "Envoys meet",
        "2025-08-05",
        "Ledger World",
    )
    assert first.text == f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"
    assert (second.input, second.published) == (f"{path}#entry-2", "2025-08-06")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Atom story</title><link href="https://news.example/atom1"/>
<updated>2025-08-07T12:00:00Z</updated><author><name>Kim Park</name></author>
<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry></feed>
"""


@pytest.mark.parametrize("name", ["desk.atom", "desk.xml", "desk"])
def test_atom_feed_file_is_read_by_extension_or_content(write: Write, name: str) -> None:
    path = write(name, ATOM.format(text=PARAGRAPHS[0]))
    [article] = articles(read_all([path], fetch_feed_items=False))
    assert (article.title, article.author, article.published, article.outlet) == (
        "Atom story",
        "Kim Park",
        "2025-08-07",
        "Atom Desk",
    )
    assert article.text == PARAGRAPHS[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>',
            "malformed feed",
        ),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "feed has no entries",
        ),
    ],
)
def test_bad_feed_is_one_failure(write: Write, content: str, message: str) -> None:
    path = write("bad.rss", content)
    assert failures(read_all([path], fetch_feed_items=False)) == [f"{path}: {message}"]


def test_feed_entry_with_bad_date_is_kept_with_a_warning(write: Write) -> None:
    feed = rss(
        [
            ("One", "https://news.example/1", "not a date", f"<p>{PARAGRAPHS[0]}</p>"),
            (
                "Two",
                "https://news.example/2",
                "Tue, 05 Aug 2025 08:00:00 +0000",
                f"<p>{PARAGRAPHS[1]}</p>",
            ),
        ]
    )
    path = write("f.rss", feed)
    results = read_all([path], fetch_feed_items=False)
    first, second = articles(results)
    assert (first.published, first.warnings) == (
        None, ("unparseable date 'not a date'; stored without a date",)
    )
    assert second.published == "2025-08-05"


def test_ingest_error_is_the_failure_type() -> None:
    assert issubclass(UnsafeURLError, IngestError)


def test_feed_body_naming_a_file_does_not_read_that_file(write: Write) -> None:
    secret = write("secret.rss", rss([("Secret", "https://x.example/s", "", "<p>hidden</p>")]))
    pointer = write("pointer.rss", secret)
    assert failures(read_all([pointer], fetch_feed_items=False)) == [f"{pointer}: malformed feed"]


def test_garbage_encoding_declaration_is_a_malformed_feed(write: Write) -> None:
    path = write("enc.rss", b'<?xml version="1.0" encoding="Pl\xc8\xb3g\xdfV"?><rss><channel>')
    assert failures(read_all([path], fetch_feed_items=False)) == [f"{path}: malformed feed"]


def test_url_refused_when_the_connection_rebinds_to_loopback(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the guard's lookup sees a public address, the connection's own lookup
    a moment later gets 127.0.0.1. The page is served, and dropped unread."""
    url = server.route("/a", Route(body=article_html().encode(), headers=HTML))
    port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> list[Any]:
        if host != "rebind.test":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return _fake_resolver({"rebind.test": next(answers)})(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    rebinding = f"http://rebind.test:{port}/a"
    [result] = read_all([rebinding])
    assert isinstance(result, UnsafeURLError)
    assert str(result) == (
        f"{rebinding}: refused: rebind.test connected to non-public address 127.0.0.1 after "
        "resolving to public ones (--allow-private allows it)"
    )
