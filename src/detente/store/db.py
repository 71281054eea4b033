"""The embedded store: one DuckDB file holding articles, every annotation layer and failures.

Writes are transactional per batch: a crash mid-run loses nothing already committed, and a
re-run skips what is done (articles are keyed by content hash, layers are replaced per article).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from detente.errors import IngestError, StoreError, StoreLockedError, StoreMissingError
from detente.model import Actor, Article, Event, Record
from detente.store.migrations import MIGRATIONS, migrate
from detente.timeml import period_start

__all__ = ["LAYER_TABLES", "MAX_ATTEMPTS", "Store", "pack_record", "unpack_record"]

# An article handed to extraction this many times without a saved result is set aside (listed
# by ``detente failures``; ``--reprocess`` tries it again): whatever stops its extraction
# (a crash of the process, the OOM killer) would stop every later run at the same place.
MAX_ATTEMPTS = 3
# What :meth:`Store.release_memory` asks DuckDB to shrink its cache to.
_RELEASE_TO = "16MB"

# zlib's level for stored records: record JSON shrinks about fivefold. A checkpoint rewrites
# what a run appended to the ``records`` table since its last full row group, so compressed
# records cut the growth of the main process's peak to a third (bench/bench_store_memory.py,
# 1,000 -> 20,000 articles: +130 MB as JSON, +44 MB compressed).
_RECORD_LEVEL = 6


def pack_record(record: dict[str, Any]) -> bytes:
    """A record's ``to_dict()`` as the ``records`` table stores it: JSON, zlib-compressed."""
    return zlib.compress(json.dumps(record).encode("utf-8"), _RECORD_LEVEL)


def unpack_record(data: bytes | str) -> dict[str, Any]:
    """Inverse of :func:`pack_record`; also reads the plain JSON that stores written before
    compression hold (migration 6 moved them as they were: they start with ``{``, which a
    zlib stream never does)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if raw[:1] != b"{":
        raw = zlib.decompress(raw)
    record: dict[str, Any] = json.loads(raw)
    return record


LAYER_TABLES = (
    "mentions", "events", "quotes", "timexes", "deadlines", "positions", "record_errors",
)


def _actor_cols(prefix: str, a: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_text": a.text if a else None,
        f"{prefix}_name": a.name if a else None,
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_country": a.country if a else None,
        f"{prefix}_sector": a.sector if a else None,
        f"{prefix}_id": a.id if a else None,
    }


def _location_cols(e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None,
        "location_basis": loc.basis if loc else None,
        "reported_from": e.reported_from,
        "off_topic": e.off_topic,
    }


def _rows(record: Record, d: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Flatten one record (``d``: its ``to_dict()``) into table rows (the full objects ride
    along as JSON)."""
    aid = record.article.id
    published = record.article.published
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in LAYER_TABLES}
    for i, m in enumerate(record.mentions):
        a = m.actor
        out["mentions"].append({
            "article_id": aid, "idx": i, "start_char": m.start, "end_char": m.end,
            "text": m.text, "name": a.name, "code": a.code, "country": a.country,
            "sector": a.sector, "sector2": a.sector2, "actor_id": a.id,
        })
    for i, (e, ed) in enumerate(zip(record.events, d["events"], strict=True)):
        src = _actor_cols("source", e.source)
        tgt = _actor_cols("target", e.target)
        day = period_start(e.date.value) or period_start(published)
        out["events"].append({
            "id": e.id, "article_id": aid, "idx": i, **src, **tgt,
            "category": e.category, "mode": e.mode, "cameo": e.cameo,
            "goldstein": e.goldstein, "quad_class": e.quad_class, "event_date": day,
            "date_value": e.date.value, "date_precision": e.date.precision,
            "modality": e.modality, "negated": e.negated, "channel": e.channel,
            "confidence": e.confidence, "evidence": e.evidence.text, "data": json.dumps(ed),
            **_location_cols(e),
        })
    for i, (q, qd) in enumerate(zip(record.quotes, d["quotes"], strict=True)):
        sa = q.speaker.actor
        out["quotes"].append({
            "article_id": aid, "idx": i, "start_char": q.start, "end_char": q.end,
            "text": q.text, "kind": q.kind, "speaker_text": q.speaker.text,
            "speaker_name": sa.name if sa else None, "speaker_code": sa.code if sa else None,
            "speaker_country": sa.country if sa else None, "speaker_id": sa.id if sa else None,
            "role": q.speaker.role, "anonymous": q.speaker.anonymous, "data": json.dumps(qd),
        })
    for i, t in enumerate(record.timexes):
        out["timexes"].append({
            "article_id": aid, "idx": i, "start_char": t.start, "end_char": t.end,
            "text": t.text, "type": t.type, "value": t.value,
        })
    for i, (dl, dd) in enumerate(zip(record.deadlines, d["deadlines"], strict=True)):
        out["deadlines"].append({
            "id": dl.id, "article_id": aid, "idx": i,
            "issuer_code": dl.issuer.code, "issuer_country": dl.issuer.country,
            "target_code": dl.target.code if dl.target else None,
            "target_country": dl.target.country if dl.target else None,
            "demand": dl.demand, "threat": dl.threat, "issued": dl.issued,
            "duration": dl.duration, "expires": dl.expires, "revises": dl.revises,
            "status": dl.status, "evidence": dl.evidence.text, "data": json.dumps(dd),
        })
    for i, (p, pd) in enumerate(zip(record.positions, d["positions"], strict=True)):
        out["positions"].append({
            "article_id": aid, "idx": i, "actor_code": p.actor.code,
            "actor_country": p.actor.country, "actor_name": p.actor.name,
            "actor_text": p.actor.text, "actor_id": p.actor.id, "stance": p.stance,
            "issue": p.issue, "evidence": p.evidence.text, "data": json.dumps(pd),
        })
    for err in record.errors:
        out["record_errors"].append({"article_id": aid, "stage": err.stage,
                                     "message": err.message})
    return out


class Store:
    """A DuckDB file with detente's schema. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        """Open (or, unless ``read_only``, create) the store at ``path``. A read-only store
        must exist (:class:`StoreMissingError`) and shares the file with other readers; a
        writable one excludes every other process (:class:`StoreLockedError` names the
        holder). A read-only open of a file with an older schema upgrades it first."""
        self.path = str(path)
        self.read_only = read_only
        in_memory = self.path == ":memory:"
        if read_only and not in_memory and not Path(self.path).exists():
            raise StoreMissingError(f"no store at {self.path}; create one with "
                                    f"`detente run ARTICLES --db {self.path}`")
        try:
            if not in_memory and not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = self._connect(read_only)
            if read_only:
                self.version = _schema_version(self.con)
                if self.version < len(MIGRATIONS):  # written by an older detente
                    self.con.close()
                    self.con = self._connect(False)
                    self.version = migrate(self.con)
                    self.con.close()
                    self.con = self._connect(True)
            else:
                self.version = migrate(self.con)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    def _connect(self, read_only: bool) -> Any:
        try:
            con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            locked = _locked(self.path, str(exc), read_only)
            if locked is None:
                raise
            raise locked from None
        # DuckDB draws its own progress bar on stderr for long queries; ours is enough.
        con.execute("SET enable_progress_bar = false")
        return con

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def set_threads(self, n: int) -> None:
        """Let each query use at most ``n`` DuckDB threads."""
        self.con.execute(f"SET threads TO {int(n)}")

    @contextlib.contextmanager
    def cursor(self) -> Iterator[Store]:
        """A read view of this store on its own DuckDB cursor (closed after use): reads on
        cursors run beside a write on the store (DuckDB's MVCC)."""
        cursor = self.con.cursor()
        try:
            yield _CursorStore(cursor, self.path)
        finally:
            cursor.close()

    # -- writing ---------------------------------------------------------------------------

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        tbl = pa.Table.from_pylist(rows)
        self.con.register("_detente_rows", tbl)
        try:
            names = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _detente_rows")
        finally:
            self.con.unregister("_detente_rows")

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of the article ids ``ids`` are stored."""
        if not ids:
            return set()
        return {r[0] for r in self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(set(ids))]
        ).fetchall()}

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert articles not yet stored (by id), in one transaction; return how many were new."""
        if not articles:
            return 0
        existing = self.known_ids([a.id for a in articles])
        seen: set[str] = set()
        rows = []
        for a in articles:
            if a.id in existing or a.id in seen:
                continue
            seen.add(a.id)
            rows.append({
                "id": a.id, "url": a.url, "title": a.title, "outlet": a.outlet,
                "author": a.author, "published": period_start(a.published),
                "dateline": a.dateline, "language": a.language, "text": a.text,
                "input": a.input, "external_id": a.external_id,
                "warnings": json.dumps(list(a.warnings)) if a.warnings else None,
            })
        with self.transaction():
            self._insert("articles", rows)
            # An input that now ingested is no longer a failure.
            inputs = [a.input for a in articles if a.input]
            if inputs:
                self.con.execute(
                    "DELETE FROM failures WHERE stage = 'ingest' AND input IN (SELECT unnest(?))",
                    [inputs],
                )
        return len(rows)

    def add_failures(self, failures: Iterable[IngestError]) -> int:
        """Record ingest failures (one row per input and stage; re-runs update the time)."""
        rows = {(f.input, f.stage): f.reason for f in failures}
        with self.transaction():
            for (inp, stage), message in rows.items():
                self.con.execute(
                    "INSERT INTO failures (input, stage, message) VALUES (?, ?, ?) "
                    "ON CONFLICT (input, stage) DO UPDATE SET message = excluded.message, "
                    "time = now()",
                    [inp, stage, message],
                )
        return len(rows)

    def save_records(self, records: Sequence[Record]) -> None:
        """Replace the annotation layers of these articles, in one transaction."""
        if not records:
            return
        records = list({r.article.id: r for r in records}.values())  # the last one of an id
        ids = [r.article.id for r in records]
        tables: dict[str, list[dict[str, Any]]] = {t: [] for t in LAYER_TABLES}
        tables["records"] = []
        for rec in records:
            d = rec.to_dict()  # built once: the rows' JSON and the record's
            for table, rows in _rows(rec, d).items():
                tables[table].extend(rows)
            tables["records"].append({"article_id": rec.article.id, "record": pack_record(d)})
        with self.transaction():
            # Layer rows exist only for articles saved before (saving sets processed_at): a
            # first save skips the deletes, each of which would scan a whole layer table.
            done = [r[0] for r in self.con.execute(
                "SELECT id FROM articles WHERE processed_at IS NOT NULL "
                "AND id IN (SELECT unnest(?))", [ids]).fetchall()]
            for table in (*LAYER_TABLES, "records"):
                if done:
                    self.con.execute(
                        f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [done]
                    )
                self._insert(table, tables[table])
            for rec in records:
                self.con.execute(
                    "UPDATE articles SET processed_at = current_timestamp, n_errors = ? "
                    "WHERE id = ?", [len(rec.errors), rec.article.id],
                )

    def count_attempt(self, ids: Sequence[str]) -> None:
        """Count one extraction attempt on these articles (before extraction starts)."""
        if ids:
            self.con.execute("UPDATE articles SET attempts = attempts + 1 "
                             "WHERE id IN (SELECT unnest(?))", [list(ids)])

    def release_memory(self) -> None:
        """Drop the blocks DuckDB holds cached; call between transactions.

        DuckDB keeps every block it reads or writes in memory until its memory limit (80 %
        of the machine's RAM by default) is reached, so a long write run (``process``,
        ``ingest``) would hold a copy of everything it wrote. Lowering the limit for a moment
        evicts the cached blocks (they are in the file), and restoring it keeps queries as
        fast as before. An in-memory store has nowhere to evict to and is left alone."""
        if self.path == ":memory:":
            return
        limit = self._setting("memory_limit")
        try:
            self.con.execute(f"SET memory_limit = '{_RELEASE_TO}'")
        except duckdb.OutOfMemoryException:
            pass  # too much pinned to get that low: nothing lost, the limit is unchanged
        finally:
            # RESET restores the default exactly (the setting reads back rounded); a limit
            # set by someone else is set back as it reads.
            self.con.execute("RESET memory_limit")
            if self._setting("memory_limit") != limit:
                self.con.execute(f"SET memory_limit = '{limit}'")

    def _setting(self, name: str) -> str:
        row = self.con.execute("SELECT current_setting(?)", [name]).fetchone()
        return str(row[0]) if row else ""

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- reading ---------------------------------------------------------------------------

    def unprocessed(self, *, reprocess: bool = False) -> Iterator[Article]:
        """Stored articles extraction has not run on yet and has not given up on after
        ``MAX_ATTEMPTS`` attempts (all of them with ``reprocess``), read a chunk at a time
        (see :meth:`unprocessed_chunks`)."""
        for chunk in self.unprocessed_chunks(reprocess=reprocess):
            yield from chunk

    def unprocessed_chunks(
        self, size: int = 500, *, reprocess: bool = False
    ) -> Iterator[list[Article]]:
        """The articles of :meth:`unprocessed` in lists of at most ``size``, in id order.

        Each chunk is a separate query that starts after the last id of the one before, so
        memory holds one chunk whatever the corpus size, and the caller may write to the
        store between chunks (a DuckDB cursor would not survive the writes)."""
        pending = "WHERE id > ?" if reprocess else f"{_PENDING} AND id > ?"
        last = ""
        while True:
            rows = self.con.execute(
                "SELECT id, url, title, outlet, author, strftime(published, '%Y-%m-%d'), "
                "dateline, language, text, input, external_id, warnings "
                f"FROM articles {pending} ORDER BY id LIMIT ?", [last, size],
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [Article(id=r[0], url=r[1], title=r[2], outlet=r[3], author=r[4],
                           published=r[5], dateline=r[6], language=r[7], text=r[8],
                           input=r[9], external_id=r[10],
                           warnings=tuple(json.loads(r[11] or "[]"))) for r in rows]

    def count_unprocessed(self, *, reprocess: bool = False) -> int:
        where = "" if reprocess else _PENDING
        row = self.con.execute(f"SELECT count(*) FROM articles {where}").fetchone()
        return int(row[0]) if row else 0

    def records(self) -> Iterator[Record]:
        """Every processed article as its full record, read a few hundred at a time (on a
        cursor of its own: the store can be queried between two records)."""
        cur = self.con.cursor()
        try:
            cur.execute("SELECT r.record FROM records r JOIN articles a ON a.id = r.article_id "
                        "ORDER BY a.published, a.id")
            while rows := cur.fetchmany(256):
                for (data,) in rows:
                    yield Record.from_dict(unpack_record(data))
        finally:
            cur.close()

    def stats(self) -> dict[str, int]:
        """Counts of everything stored: ``articles``, ``events``, ``failed``, ..."""
        q = {
            "articles": "SELECT count(*) FROM articles",
            "processed": "SELECT count(*) FROM articles WHERE processed_at IS NOT NULL",
            "skipped": "SELECT count(DISTINCT article_id) FROM record_errors",
            "mentions": "SELECT count(*) FROM mentions",
            "events": "SELECT count(*) FROM events",
            "quotes": "SELECT count(*) FROM quotes",
            "timexes": "SELECT count(*) FROM timexes",
            "deadlines": "SELECT count(*) FROM deadlines",
            "positions": "SELECT count(*) FROM positions",
            "failed": "SELECT count(*) FROM failures WHERE stage <> 'skip'",
            "skipped_inputs": "SELECT count(*) FROM failures WHERE stage = 'skip'",
        }
        out = {}
        for key, sql in q.items():
            row = self.con.execute(sql).fetchone()
            out[key] = int(row[0]) if row else 0
        return out

    def failures(self) -> list[dict[str, Any]]:
        """Everything a run could not do, oldest first: inputs not ingested, articles whose
        text could not be parsed, articles set aside after ``MAX_ATTEMPTS`` attempts. Each row
        has ``input``, ``stage``, ``message``, ``attempts`` (None for ingest) and ``time``."""
        return self.query(
            "SELECT input, stage, message, NULL::INTEGER AS attempts, time FROM failures "
            "UNION ALL "
            "SELECT coalesce(a.input, a.id), e.stage, e.message, a.attempts, a.processed_at "
            "FROM record_errors e JOIN articles a ON a.id = e.article_id "
            "WHERE e.stage = 'parse' AND e.message NOT LIKE 'skipped:%' "
            "UNION ALL "
            "SELECT coalesce(input, id), 'extract', "
            f"'extraction did not finish in {MAX_ATTEMPTS} attempts (the process was killed "
            "or crashed while on this article); `detente process --reprocess` tries again', "
            f"attempts, ingested_at FROM articles WHERE processed_at IS NULL "
            f"AND attempts >= {MAX_ATTEMPTS} "
            "ORDER BY time, input"
        )

    def corpus_start(self) -> date | None:
        """The earliest publication date of the stored articles (None when none has one):
        where the period the corpus reports on begins."""
        row = self.con.execute("SELECT min(published) FROM articles").fetchone()
        return row[0] if row else None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _schema_version(con: Any) -> int:
    try:
        row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0]) if row else 0


_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def _command_of(pid: int, program: str) -> str:
    """The holder's command line (from /proc, shortened), else the program DuckDB names."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return program
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    if len(words) > 2 and words[1] == "-m":  # python -m detente ... reads as detente ...
        words = words[2:]
    elif words and Path(words[0]).name.startswith("python") and len(words) > 1:
        words = [Path(words[1]).name, *words[2:]]
    command = " ".join(words) or program
    return command if len(command) <= 240 else command[:237] + "..."


def _locked(path: str, message: str, read_only: bool) -> StoreLockedError | None:
    """The error for a DuckDB lock conflict on ``path`` (None: not a lock conflict)."""
    if "different configuration than existing connections" in message:
        return StoreLockedError(
            f"the store {path} is already open in this process for "
            f"{'writing' if read_only else 'reading'}; close it first", pid=os.getpid())
    found = _HOLDER.search(message)
    if "Could not set lock" not in message or found is None:
        return None
    pid = int(found.group(2))
    who = f"process {pid} ({_command_of(pid, found.group(1))})"
    if read_only:
        return StoreLockedError(
            f"the store {path} is being written by {who}; read commands can run beside "
            "`detente serve` and each other, not beside a write: wait for it to finish "
            "(or stop it), then try again", pid=pid)
    if "read-only mode" in message:  # DuckDB's hint: the holder only reads
        return StoreLockedError(
            f"the store {path} is open for reading by {who}; a command that writes needs "
            "it alone: stop that process (or wait for it to finish), then try again", pid=pid)
    return StoreLockedError(
        f"the store {path} is in use by {who}, which writes to it; one command can write "
        "at a time: wait for it to finish (or stop it), then try again", pid=pid)


_PENDING = f"WHERE processed_at IS NULL AND attempts < {MAX_ATTEMPTS}"


class _CursorStore(Store):
    """A read view of a store on its own DuckDB cursor."""

    def __init__(self, con: Any, path: str) -> None:  # no super().__init__: no new file open
        self.con = con
        self.path = path


class _Transaction:
    def __init__(self, con: Any) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
