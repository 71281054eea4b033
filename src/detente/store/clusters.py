"""The de-duplicated events in DuckDB: the queries that find candidate pairs and build
``event_clusters`` and ``clusters`` (the rule is :mod:`detente.analyze.dedup`'s), and the
reads of the clusters that relations, reports and evaluation need.

An actor matches one side of a cluster by country code ("USA"), a prefix of its actor
code ("USAGOV" matches "USAGOVDIP") or its actor id.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from detente.store.db import Store

__all__ = ["article_files", "build_clusters", "candidate_pairs", "cluster_article_pairs",
           "cluster_details", "count_clusters", "dedup_fingerprint", "dyad_columns",
           "dyad_prefilter", "events_fingerprint", "happened_clusters", "has_table",
           "side_matches"]

# Events that happened: not negated, not denied, not only hypothetical.
HAPPENED = "NOT negated AND coalesce(modality, '') NOT IN ('hypothetical', 'denied')"


def events_fingerprint(store: Store) -> str:
    """A cheap digest of the events' state: their count and the articles' latest processing
    time (``Store.save_records`` stamps every article whose layers it replaces). Reading it
    costs milliseconds where hashing every event id costs a scan of the table."""
    row = store.con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), "
        "(SELECT CAST(max(processed_at) AS VARCHAR) FROM articles)"
    ).fetchone()
    return ":".join(str(x) for x in row) if row else ""


def dedup_fingerprint(store: Store) -> str | None:
    """The events fingerprint the clusters were last built from (None: never built).
    Only reads: a read-only store may lack the ``dedup_state`` table."""
    if not has_table(store, "dedup_state"):
        return None
    row = store.con.execute("SELECT max(fingerprint) FROM dedup_state").fetchone()
    return str(row[0]) if row and row[0] is not None else None


def has_table(store: Store, name: str) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


# Events of one dyad with the same code on the same day are one event by rule 4a whatever
# their wording: they are collapsed into one "unit" first, so that a busy dyad (hundreds of
# reports a day in GDELT-sized feeds) does not produce a quadratic number of pairs.
_PREPARE = """
CREATE OR REPLACE TEMP TABLE _dd_all AS
WITH base AS (
    SELECT e.id, e.category, e.cameo, coalesce(e.negated, false) AS neg, e.evidence,
           coalesce(e.event_date, a.published) AS d,
           coalesce(e.source_country, e.source_code, e.source_id, '') AS s,
           coalesce(e.target_country, e.target_code, e.target_id, '') AS t,
           CASE
               WHEN e.date_value IS NULL OR e.event_date IS NULL THEN 1
               WHEN e.date_precision = 'week' THEN 6
               WHEN e.date_precision = 'month' THEN 30
               WHEN e.date_precision = 'year' THEN 364
               ELSE 0
           END AS slack
    FROM events e LEFT JOIN articles a ON a.id = e.article_id
    WHERE e.off_topic IS NULL  -- no political story: kept, but out of the index
),
keyed AS (
    SELECT *, CASE WHEN list_contains($mutual, category) THEN least(s, t) ELSE s END AS k1,
              CASE WHEN list_contains($mutual, category) THEN greatest(s, t) ELSE t END AS k2
    FROM base WHERE d IS NOT NULL
)
SELECT *, min(id) OVER w AS unit, max(slack) OVER w AS unit_slack
FROM keyed
WINDOW w AS (PARTITION BY k1, k2, neg, category, cameo, d,
             CASE WHEN category IS NULL AND cameo IS NULL THEN id END);

CREATE OR REPLACE TEMP TABLE _dd_ev AS
SELECT u.id, u.category, u.cameo, u.neg, u.d, u.k1, u.k2, left(u.cameo, 2) AS root,
       date_diff('day', DATE '1970-01-01', u.d) AS day,
       u.unit_slack AS slack,
       list_distinct(list_filter(string_split_regex(lower(coalesce(u.evidence, '')), '[^a-z0-9]+'),
                     lambda x: length(x) >= 3 AND NOT list_contains($stop, x))) AS toks,
       CAST(floor(date_diff('day', DATE '1970-01-01', u.d) / $bucket) AS BIGINT) AS b
FROM _dd_all u WHERE u.id = u.unit
"""

# Candidate pairs without a quadratic self-join: the event with the larger slack (ties: the
# smaller id) probes every date bucket its window can reach, ``1 + 2 * slack`` days either
# side; its partner is matched on its own bucket. Every pair is found exactly once.
_PAIRS = """
WITH probe AS (
    SELECT ev.*, unnest(range(
        CAST(floor((date_diff('day', DATE '1970-01-01', d) - 1 - 2 * slack) / $bucket) AS BIGINT),
        CAST(floor((date_diff('day', DATE '1970-01-01', d) + 1 + 2 * slack) / $bucket) AS BIGINT)
            + 1)) AS pb
    FROM _dd_ev ev
),
pairs AS (
    SELECT a.id AS ida, b.id AS idb, a.day AS da, b.day AS db, a.slack AS sa, b.slack AS sb,
           a.cameo AS ca, b.cameo AS cb, a.category AS ka, b.category AS kb, a.toks AS ta,
           b.toks AS tb
    FROM probe a JOIN _dd_ev b
      ON a.k1 = b.k1 AND a.k2 = b.k2 AND a.pb = b.b AND a.neg = b.neg
     AND a.category = b.category
     AND (a.slack > b.slack OR (a.slack = b.slack AND a.id < b.id))
    UNION ALL
    SELECT a.id, b.id, a.day, b.day, a.slack, b.slack, a.cameo, b.cameo, a.category, b.category,
           a.toks, b.toks
    FROM probe a JOIN _dd_ev b
      ON a.k1 = b.k1 AND a.k2 = b.k2 AND a.pb = b.b AND a.neg = b.neg AND a.root = b.root
     AND a.category IS DISTINCT FROM b.category
     AND (a.slack > b.slack OR (a.slack = b.slack AND a.id < b.id))
),
cand AS (
    SELECT ida, idb, da, db, sa, sb, abs(da - db) AS gap,
           coalesce(ca = cb, ka = kb, false) AS same_code, ta, tb,
           -- a day inside the other report's week (one day of reporting slack either side)
           abs(da - db) <= 1 OR (sa = 6 AND sb < 6 AND db - da BETWEEN -1 AND 7)
               OR (sb = 6 AND sa < 6 AND da - db BETWEEN -1 AND 7) AS code_day_ok,
           -- the periods the two dates name overlap: two different weeks (or months) are
           -- two different events, however alike their sentences
           CASE WHEN least(sa, sb) >= 6
                THEN da <= db + sb AND db <= da + sa ELSE true END AS periods_meet
    FROM pairs
),
scored AS (
    SELECT *, CASE WHEN same_code AND code_day_ok THEN 1.0 WHEN len(ta) + len(tb) = 0 THEN 0.0
                   ELSE len(list_intersect(ta, tb)) / len(list_distinct(list_concat(ta, tb)))
              END AS jac
    FROM cand WHERE gap <= 1 + sa + sb AND periods_meet
)
SELECT ida, idb, da, db, sa, sb, same_code AND code_day_ok AS structural, jac
FROM scored
WHERE (same_code AND code_day_ok) OR jac >= $jac
"""


def candidate_pairs(store: Store, *, mutual: Sequence[str], stopwords: Sequence[str],
                    bucket_days: int, jaccard_min: float) -> dict[str, Any]:
    """Pairs of event units that may be one event (structural matches first, then by
    evidence similarity), as NumPy columns ``ida, idb, da, db, sa, sb``."""
    # DuckDB draws a progress bar on stderr for queries over 2 s; the CLI has its own output.
    store.con.execute("SET enable_progress_bar = false")
    params = {"mutual": list(mutual), "stop": list(stopwords), "bucket": bucket_days}
    for statement in _PREPARE.split(";"):
        if statement.strip():
            store.con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
    return dict(store.con.execute(
        _PAIRS + " ORDER BY structural DESC, jac DESC, ida, idb",
        {"bucket": bucket_days, "jac": jaccard_min},
    ).fetchnumpy())


_BUILD = """
CREATE OR REPLACE TABLE event_clusters AS
SELECT coalesce(m.cluster_id, u.unit, e.id) AS cluster_id, e.id AS event_id
FROM events e LEFT JOIN _dd_all u ON u.id = e.id
LEFT JOIN _dd_map m ON m.event_id = u.unit
WHERE e.off_topic IS NULL;

CREATE OR REPLACE TABLE clusters AS
WITH j AS (
    SELECT ec.cluster_id, e.*, a.outlet, a.published,
           coalesce(e.event_date, a.published) AS d
    FROM event_clusters ec JOIN events e ON e.id = ec.event_id
    LEFT JOIN articles a ON a.id = e.article_id
),
agg AS (
    SELECT cluster_id,
           arg_min(id, (-coalesce(confidence, 0), id)) AS event_id,
           sum(coalesce(confidence, 0) * goldstein) FILTER (WHERE goldstein IS NOT NULL)
               / nullif(sum(coalesce(confidence, 0)) FILTER (WHERE goldstein IS NOT NULL), 0)
               AS wgold,
           avg(goldstein) AS mean_goldstein,
           max(coalesce(confidence, 0)) AS confidence,
           bool_or(channel = 'private') AS any_private,
           min(d) FILTER (WHERE date_value IS NOT NULL AND date_precision = 'day') AS day_date,
           min(d) AS min_date,
           count(*) AS mentions,
           count(DISTINCT article_id) AS n_articles,
           list(DISTINCT article_id ORDER BY article_id) AS articles,
           list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL) AS outlets,
           min(published) AS first_report,
           max(published) AS last_report
    FROM j GROUP BY cluster_id
)
SELECT agg.cluster_id, agg.event_id,
       r.source_name, r.source_code, r.source_country, r.source_sector, r.source_id,
       r.target_name, r.target_code, r.target_country, r.target_sector, r.target_id,
       r.category, r.mode, r.cameo, r.quad_class,
       coalesce(agg.wgold, agg.mean_goldstein) AS goldstein,
       coalesce(agg.day_date, agg.min_date) AS event_date, r.date_precision,
       r.modality, coalesce(r.negated, false) AS negated,
       CASE WHEN agg.any_private THEN 'private' ELSE coalesce(r.channel, 'public') END AS channel,
       agg.confidence, agg.mentions, agg.n_articles, agg.articles,
       coalesce(agg.outlets, []) AS outlets, agg.first_report, agg.last_report,
       r.evidence,
       agg.confidence * (1 + ln(greatest(agg.n_articles, 1))) AS weight
FROM agg JOIN events r ON r.id = agg.event_id
ORDER BY agg.cluster_id;
"""


def build_clusters(store: Store, mapping: dict[str, str], *, temporary: bool = False) -> int:
    """Rebuild ``event_clusters`` and ``clusters`` with ``mapping`` (event unit -> cluster
    root; units left out stand alone) and record the events fingerprint they reflect.
    With ``temporary`` (a read-only store) they are temporary tables of this connection and
    nothing is recorded: the file is not touched. Returns the number of clusters."""
    table = pa.table({"event_id": pa.array(list(mapping), pa.string()),
                      "cluster_id": pa.array(list(mapping.values()), pa.string())})
    build = _BUILD.replace("CREATE OR REPLACE TABLE", "CREATE OR REPLACE TEMP TABLE") \
        if temporary else _BUILD
    store.con.register("_dd_map", table)
    try:
        with store.transaction():
            for statement in build.split(";"):
                if statement.strip():
                    store.con.execute(statement)
            if not temporary:
                store.con.execute("CREATE TABLE IF NOT EXISTS dedup_state (fingerprint VARCHAR)")
                store.con.execute("DELETE FROM dedup_state")
                store.con.execute("INSERT INTO dedup_state VALUES (?)",
                                  [events_fingerprint(store)])
    finally:
        store.con.unregister("_dd_map")
        store.con.execute("DROP TABLE IF EXISTS _dd_ev")
        store.con.execute("DROP TABLE IF EXISTS _dd_all")
    row = store.con.execute("SELECT count(*) FROM clusters").fetchone()
    return int(row[0]) if row else 0


def _match(side: str, n: int) -> str:
    """SQL matching one side of an event to actor parameter ``$n``: a country code, a prefix
    of the actor code (USAGOV matches USAGOVDIP), or an actor id."""
    return (f"({side}_country = ${n} OR starts_with({side}_code, ${n}) OR {side}_id = ${n})")


def _dyad_where() -> str:
    # The first line is a cheap pre-filter on plain columns that every match passes (a code
    # starts with its actor's country code; ids are compared as they are): it lets DuckDB
    # skip the string-prefix tests on most rows, 3x faster on the 1M-event benchmark.
    pre = ("(source_country IN (left($1, 3), left($2, 3)) OR source_country IS NULL "
           "OR source_id IN ($1, $2)) AND (target_country IN (left($1, 3), left($2, 3)) "
           "OR target_country IS NULL OR target_id IN ($1, $2))")
    return (f"{pre} AND (({_match('source', 1)} AND {_match('target', 2)}) OR "
            f"({_match('source', 2)} AND {_match('target', 1)}))")


def side_matches(value: str, country: str | None, code: str | None,
                 actor_id: str | None) -> bool:
    """:func:`_match` in Python: one side of a cluster matches actor ``value``."""
    return (country == value or (code is not None and code.startswith(value))
            or actor_id == value)


def dyad_prefilter(a: str, b: str, country: str | None, actor_id: str | None) -> bool:
    """One side's half of :func:`_dyad_where`'s pre-filter, in Python."""
    return country is None or country in (a[:3], b[:3]) or actor_id in (a, b)


# What a point shows of each of its events (cluster_details), and the columns of a dyad's
# frame (dyad_columns) but ``ab``.
_DETAIL_COLUMNS = """
    event_id, cluster_id, CAST(event_date AS VARCHAR) AS date, category, cameo,
    round(goldstein, 2) AS goldstein, channel,
    coalesce(source_code, source_country) AS source,
    coalesce(target_code, target_country) AS target, mentions, outlets, evidence
"""
_FRAME_COLUMNS = """
    CAST(event_date AS DATE) - DATE '1970-01-01' AS _day,
    coalesce(channel = 'private', false) AS _private,
    CAST(goldstein AS DOUBLE) AS _goldstein, coalesce(quad_class, 0) AS _quad,
    coalesce(CAST(weight AS DOUBLE), 0) AS _weight, coalesce(mentions, 0) AS _mentions
"""


def happened_clusters(store: Store) -> pa.Table:
    """Every cluster that happened and is dated, in :func:`dyad_columns`' order (by date,
    then cluster id): the columns of :func:`cluster_details`, those of
    :func:`dyad_columns` but ``ab`` (as ``_day``, ``_private``, ...), and each side's
    country, code and id (``_source_country``, ...). The HTTP server holds them in memory
    (:mod:`detente.api.cluster_index`) and answers any dyad from them."""
    sides = ", ".join(f"{side}_{c} AS _{side}_{c}" for side in ("source", "target")
                      for c in ("country", "code", "id"))
    with warnings.catch_warnings():  # the copy it warns of is what we want: one table
        warnings.filterwarnings("ignore", "Arrow output on a DB-API result")
        return store.con.execute(f"""
            SELECT {_DETAIL_COLUMNS}, {_FRAME_COLUMNS}, {sides}
            FROM clusters WHERE {HAPPENED} AND event_date IS NOT NULL
            ORDER BY event_date, cluster_id
        """).to_arrow_table()


def dyad_columns(store: Store, a: str, b: str) -> dict[str, Any]:
    """The clusters between actors ``a`` and ``b`` that happened and are dated, oldest first,
    as NumPy columns: cluster_id, day (since 1970-01-01), ab (a is the source), private,
    goldstein, quad, weight, mentions."""
    return dict(store.con.execute(f"""
        SELECT cluster_id, {_FRAME_COLUMNS.replace(" AS _", " AS ")},
               {_match('source', 1)} AND {_match('target', 2)} AS ab
        FROM clusters
        WHERE {_dyad_where()} AND {HAPPENED} AND event_date IS NOT NULL
        ORDER BY event_date, cluster_id
    """, [a, b]).fetchnumpy())


def cluster_details(store: Store, ids: Sequence[str]) -> list[dict[str, Any]]:
    """What a point shows of each of its events: date, codes, actors, mentions, outlets and
    the evidence sentence, in the order of ``ids``."""
    if not ids:
        return []
    # Constant IN list: ``clusters`` is stored sorted by cluster_id, so DuckDB's zone maps
    # skip every row group but the ones holding these ids.
    rows = store.query(f"""
        SELECT {_DETAIL_COLUMNS} FROM clusters WHERE cluster_id IN ({", ".join("?" for _ in ids)})
    """, list(ids))
    by_id = {r["cluster_id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def count_clusters(store: Store, *, source: str, target: str | None = None,
                   category: str | None = None, text: str | None = None,
                   start: str | None = None, end: str | None = None,
                   include_unconfirmed: bool = False) -> int:
    """How many clusters match (see
    :func:`detente.analyze.relations.frame.count_events`, which brings them up to date)."""
    where = [_match("source", 1)]
    params: list[Any] = [source.strip()]
    if not include_unconfirmed:
        where.append(HAPPENED)
    if target:
        params.append(target.strip())
        where.append(_match("target", len(params)))
    if category:
        params.append(category.strip().upper())
        where.append(f"category = ${len(params)}")
    if start:
        params.append(start)
        where.append(f"event_date >= CAST(${len(params)} AS DATE)")
    if end:
        params.append(end)
        where.append(f"event_date <= CAST(${len(params)} AS DATE)")
    if text:
        # Any mention's evidence may name the place, not only the representative's.
        params.append(f"%{text}%")
        where.append(f"cluster_id IN (SELECT ec.cluster_id FROM event_clusters ec JOIN events e "
                     f"ON e.id = ec.event_id WHERE e.evidence ILIKE ${len(params)})")
    row = store.con.execute(
        f"SELECT count(*) FROM clusters WHERE {' AND '.join(where)}", params
    ).fetchone()
    return int(row[0]) if row else 0


def article_files(store: Store) -> dict[str, str]:
    """Each article's file name (the last component of its input path), by article id."""
    rows = store.con.execute(
        "SELECT id, regexp_extract(input, '[^/\\\\]+$') FROM articles WHERE input IS NOT NULL"
    ).fetchall()
    return {aid: fname for aid, fname in rows if fname}


def cluster_article_pairs(store: Store, near_days: int) -> list[tuple[str, str]]:
    """Pairs of articles (first id smaller) that report one cluster that happened, each
    within ``near_days`` of the event's date."""
    rows = store.con.execute(f"""
        WITH m AS (
            SELECT DISTINCT ec.cluster_id, e.article_id
            FROM event_clusters ec JOIN events e ON e.id = ec.event_id
            JOIN clusters c ON c.cluster_id = ec.cluster_id
            JOIN articles a ON a.id = e.article_id
            WHERE abs(date_diff('day', c.event_date, a.published)) <= {int(near_days)}
              AND NOT c.negated
        )
        SELECT DISTINCT x.article_id, y.article_id FROM m x JOIN m y
          ON x.cluster_id = y.cluster_id AND x.article_id < y.article_id
    """).fetchall()
    return [(str(x), str(y)) for x, y in rows]
