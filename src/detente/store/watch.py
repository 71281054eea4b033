"""What the watcher remembers between polls: every file and feed entry it has handled, with
the version it saw (``watch_seen``, created on first use: only watchers need it)."""

from __future__ import annotations

from collections.abc import Sequence

from detente.store.db import Store

__all__ = ["SEEN_TABLE", "create_seen_table", "mark_seen", "seen", "unprocessed_ids"]

SEEN_TABLE = """
CREATE TABLE IF NOT EXISTS watch_seen (
    source VARCHAR NOT NULL, item VARCHAR NOT NULL, version VARCHAR NOT NULL,
    seen_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, item)
)
"""


def create_seen_table(store: Store) -> None:
    store.con.execute(SEEN_TABLE)


def seen(store: Store, source: str) -> dict[str, str]:
    """The items of ``source`` already handled, with the version seen."""
    rows = store.con.execute(
        "SELECT item, version FROM watch_seen WHERE source = ?", [source]
    ).fetchall()
    return {str(item): str(version) for item, version in rows}


def mark_seen(store: Store, source: str, item: str, version: str) -> None:
    store.con.execute(
        "INSERT INTO watch_seen (source, item, version) VALUES (?, ?, ?) "
        "ON CONFLICT (source, item) DO UPDATE SET version = excluded.version, seen_at = now()",
        [source, item, version],
    )


def unprocessed_ids(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of the articles ``ids`` are stored and not processed yet."""
    if not ids:
        return set()
    return {
        str(r[0]) for r in store.con.execute(
            "SELECT id FROM articles WHERE processed_at IS NULL AND id IN (SELECT unnest(?))",
            [list(ids)],
        ).fetchall()
    }
