"""Fixtures for ingest tests: a real HTTP server on 127.0.0.1 and page builders.

The articles here are written for these tests (no copied news text).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from detente.config import IngestOptions
from detente.errors import IngestError
from detente.ingest import read_inputs
from detente.model import Article

PARAGRAPHS = (
    "Geneva – Negotiators from both delegations met for six hours on Tuesday in a villa "
    "near the lake, the third such session since the spring, officials said afterwards.",
    "The talks covered prisoner exchanges, the reopening of consulates and a proposal to "
    "restore direct flights, according to a statement released late in the evening.",
    "Neither side described the meeting as a breakthrough, but both agreed to convene "
    "again before the end of the month at the level of deputy foreign ministers.",
)


def article_html(
    *,
    title: str = "Envoys Meet Again in Geneva as Talks Inch Forward",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    author: str = "Jane Roe",
    site: str = "The Lakeside Ledger",
    date: str = "2025-08-05",
    extra_body: str = "",
) -> str:
    """A small but realistic news page with the metadata trafilatura reads."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
{body}
</article>
{extra_body}
<footer>Copyright The Lakeside Ledger. All rights reserved.</footer>
</body></html>"""


def rss(items: list[tuple[str, str, str, str]], *, channel: str = "Ledger World") -> str:
    """An RSS 2.0 feed; each item is (title, link, RFC 2822 date, HTML description)."""
    entries = "\n".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<author>desk@example.org (Sam Poe)</author>"
        f"<description><![CDATA[{desc}]]></description></item>"
        for t, link, d, desc in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{channel}</title><link>http://example.org/</link>
<description>World news</description>
{entries}
</channel></rss>"""


def read_all(inputs: list[str], **options: object) -> list[Article | IngestError]:
    return list(read_inputs(inputs, IngestOptions(**options)))  # type: ignore[arg-type]


def articles(results: list[Article | IngestError]) -> list[Article]:
    assert all(isinstance(r, Article) for r in results), [str(r) for r in results]
    return [r for r in results if isinstance(r, Article)]


def failures(results: list[Article | IngestError]) -> list[str]:
    """Failures as the user reads them: ``input: message``."""
    return [str(r) for r in results if isinstance(r, IngestError)]


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Send no Content-Length, so a client must stream to learn the size.
    chunked: bool = False


@dataclass
class Server:
    """A real HTTP server on 127.0.0.1; add pages with ``route``."""

    base: str
    routes: dict[str, Route]

    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.base + path


@pytest.fixture()
def server() -> Iterator[Server]:
    routes: dict[str, Route] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path, Route(404, b"not found"))
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if not route.chunked:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # The client may stop reading (size cap): expected.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``write(name, content)`` makes a file under tmp_path and returns its path as str."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return str(path)

    return _write
