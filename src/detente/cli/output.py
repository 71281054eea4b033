"""What every listing command shares: ``--format table|csv|json``, ``--offset``, and output
paths checked before any work is done (one line and exit 2 for a path that cannot be
written, never a traceback)."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.errors import UsageError
from detente.store.db import Store
from detente.store.queries import article_count

__all__ = ["FORMATS", "FormatOpt", "JsonOpt", "OffsetOpt", "listing_format", "require_articles",
           "writable_dir", "writable_file", "write_csv"]

FORMATS = ("table", "csv", "json")
FormatOpt = Annotated[str, typer.Option("--format", help="Output: table, csv or json.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0,
                                        help="Rows to skip first (pages with --limit).")]


def listing_format(fmt: str, as_json: bool = False) -> str:
    """The output format asked for (``--json`` wins), or a :class:`UsageError`."""
    if as_json:
        return "json"
    value = fmt.strip().lower()
    if value not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return value


def require_articles(store: Store) -> None:
    """A :class:`UsageError` when ``store`` holds no article: every answer from it would be
    empty, and an empty answer with exit 0 reads as "nothing happened" (a mistyped --db, or
    a run that read nothing)."""
    if not article_count(store):
        raise UsageError(f"the store {store.path} holds no articles yet; add some with "
                         f"`detente run ARTICLES --db {store.path}`")


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return "" if value is None else value


def write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> None:
    """``rows`` as CSV with a header on stdout; nested values as compact JSON."""
    cols = list(columns or (rows[0].keys() if rows else ()))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in cols])


def _reason(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def writable_file(path: Path) -> Path:
    """``path`` when a file can be written there (its folder is made if missing); else a
    :class:`UsageError` saying why, e.g. "cannot write /proc/x: permission denied"."""
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        with path.open("a", encoding="utf-8"):
            pass
        if not existed:
            path.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {_reason(exc)}") from None
    return path


def writable_dir(path: Path) -> Path:
    """``path`` when it is (or can be made) a writable directory; else a :class:`UsageError`
    ("cannot write to notes.txt: it is a file, not a directory")."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"cannot write to {path}: it is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write to {path}: {_reason(exc)}") from None
    if not os.access(path, os.W_OK):
        raise UsageError(f"cannot write to {path}: permission denied")
    return path
