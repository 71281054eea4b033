"""Watching folders and feeds: new items are ingested and extracted once, across restarts."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer import Typer
from typer.testing import CliRunner

from detente.cli import scale as cli_scale
from detente.config import ExtractOptions, IngestOptions
from detente.scale import poll
from detente.store.db import Store

IOPTS = IngestOptions()
OPTS = ExtractOptions()


def _brief(folder: Path, name: str, what: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"Talks on {what}\n\nThe envoy met officials to discuss {what} "
                               "on Tuesday, and both sides agreed to meet again.\n")


def _counts(store: Store) -> tuple[int, int, int]:
    rows = store.query("SELECT count(*) AS a, count(processed_at) AS p FROM articles")[0]
    seen = store.query("SELECT count(*) AS n FROM watch_seen")[0]["n"]
    return rows["a"], rows["p"], seen


def test_watch_twice_then_a_new_file_processes_only_the_new_file(tmp_path: Path,
                                                                  db_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for n, what in enumerate(("grain", "prisoners", "energy")):
        _brief(inbox, f"{n}.txt", what)
    with Store(db_path) as store:
        first = poll(store, [str(inbox)], IOPTS, OPTS)
        second = poll(store, [str(inbox)], IOPTS, OPTS)
        _brief(inbox / "later", "3.txt", "tariffs")
        third = poll(store, [str(inbox)], IOPTS, OPTS)
        counts = _counts(store)
        inputs = store.query("SELECT input FROM articles ORDER BY input")
    assert (first.items, first.new, first.processed) == (3, 3, 3)
    assert (second.items, second.new, second.processed) == (0, 0, 0)
    assert (third.items, third.new, third.processed) == (1, 1, 1)
    assert counts == (4, 4, 4)
    assert inputs[-1]["input"] == str(inbox / "later" / "3.txt")


def test_watch_rereads_a_changed_file_and_keeps_one_copy_per_text(tmp_path: Path,
                                                                   db_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _brief(inbox, "a.txt", "grain")
    with Store(db_path) as store:
        poll(store, [str(inbox)], IOPTS, OPTS)
        _brief(inbox, "a.txt", "fertiliser")
        changed = poll(store, [str(inbox)], IOPTS, OPTS)
        assert (changed.items, changed.new, changed.processed) == (1, 1, 1)
        assert _counts(store) == (2, 2, 1)


def test_watch_restart_extracts_articles_stored_but_not_processed(tmp_path: Path,
                                                                  db_path: Path) -> None:
    """A watcher killed between storing and extracting: the file was not marked seen."""
    from detente.ingest import read_inputs
    from detente.model import Article

    inbox = tmp_path / "inbox"
    _brief(inbox, "a.txt", "grain")
    with Store(db_path) as store:
        store.add_articles([a for a in read_inputs([str(inbox)], IOPTS)
                            if isinstance(a, Article)])
        result = poll(store, [str(inbox)], IOPTS, OPTS)
        assert (result.items, result.new, result.processed) == (1, 0, 1)
        assert _counts(store) == (1, 1, 1)


_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}
</channel></rss>"""
_ITEM = """<item><guid>urn:item:{n}</guid><title>Brief {n}</title>
<pubDate>Tue, 05 Aug 2025 10:00:00 GMT</pubDate>
<description>The envoy met officials for round {n} of talks, and both sides agreed to meet
again next week.</description></item>"""


@pytest.fixture()
def feed_server() -> Iterator[tuple[str, list[int]]]:
    """A feed on 127.0.0.1 whose entries are the numbers in the returned list."""
    entries: list[int] = [1, 2]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = _FEED.format(items="".join(_ITEM.format(n=n) for n in entries)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.rss", entries
    server.shutdown()
    server.server_close()


def test_watch_feed_reads_each_entry_once(feed_server: tuple[str, list[int]],
                                          db_path: Path) -> None:
    url, entries = feed_server
    iopts = IngestOptions(allow_private=True, fetch_feed_items=False)
    with Store(db_path) as store:
        first = poll(store, [url], iopts, OPTS)
        again = poll(store, [url], iopts, OPTS)
        entries.append(3)
        third = poll(store, [url], iopts, OPTS)
        rows = store.query("SELECT title, published::VARCHAR AS d, outlet FROM articles "
                           "ORDER BY title")
    assert [(p.items, p.new, p.processed) for p in (first, again, third)] == [
        (2, 2, 2), (0, 0, 0), (1, 1, 1)]
    assert rows == [{"title": f"Brief {n}", "d": "2025-08-05", "outlet": "Wire"}
                    for n in (1, 2, 3)]


def test_watch_feed_unreachable_is_a_failure_not_a_crash(db_path: Path) -> None:
    iopts = IngestOptions(allow_private=True, timeout=2.0)
    with Store(db_path) as store:
        result = poll(store, ["http://127.0.0.1:9/feed.rss"], iopts, OPTS)
    assert [(f.input, f.reason) for f in result.failures] == [
        ("http://127.0.0.1:9/feed.rss", "unreachable: connection refused")]


def test_cli_watch_once_twice_adds_nothing_the_second_time(tmp_path: Path,
                                                           db_path: Path) -> None:
    app = Typer()
    cli_scale.register(app)
    _brief(tmp_path / "in", "a.txt", "grain")
    said = []
    for _ in range(2):
        result = CliRunner().invoke(app, ["watch", str(tmp_path / "in"), "--once",
                                          "--db", str(db_path)])
        assert result.exit_code == 0, result.output
        said.append(" ".join(result.output.split()))
    assert said == ["poll: 1 new item(s), 1 new article(s), 1 extracted, 0 failure(s)",
                    "poll: 0 new item(s), 0 new article(s), 0 extracted, 0 failure(s)"]
