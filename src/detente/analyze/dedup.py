"""Cross-article de-duplication: one real-world event reported by many articles becomes one
cluster with its mentions (articles, outlets, first and last report), as GDELT's mentions
table does.

The rule. Two stored events are the same real-world event when all of these hold:

1. **Same dyad.** Source and target resolve to the same actors: country when known, else
   the actor code, else the actor id (an absent target matches only an absent target).
   For the mutual categories (CONSULT, AGREE, COOPERATE: "A met B" is "B met A") the pair
   is unordered; for every other category it is directed.
2. **Same negation.** "did not meet" never merges with "met".
3. **Compatible dates.** The event dates differ by at most ``1 + slack(a) + slack(b)`` days,
   and two period dates (weeks, months, years) must overlap: "last week" in two reports
   written a week apart names two different weeks. One day of tolerance is the base: a
   report dated the next day, a relative date ("on Thursday") resolved across a time-zone
   line, and the demo corpus's duplicate briefs (published the same day or one day apart,
   ``demo/corpus_key.yaml``) all fall within it. ``slack`` widens it for vague dates: 0 for
   a day-precise date read from the text, 1 when the date is the article's publication date
   (the time layer found none: news usually reports yesterday's event), 6 for week
   precision, 30 for month and 364 for year (the stored ``event_date`` is the first day of
   the period).
4. **Same event, by structure or by text.** Either (a) the same CAMEO code (or, without
   one, the same PLOVER category) and dates at most one day apart, which is GDELT's own
   unit (actors + event code + day) with the day of reporting slack, or a day that falls
   in the week another report gives (a meeting "on Friday" and the same meeting dated only
   to its week by another report; publication-date fallbacks, months
   and years are too vague to merge on the code alone); or (b) a compatible category
   (same PLOVER category or same CAMEO root) and evidence sentences whose content-word
   Jaccard similarity is at least ``JACCARD_MIN``.

Clusters grow by merging candidate pairs best-first (structural matches, then by
similarity). A merge is refused when the merged cluster would span more than
``2 + its largest slack`` days: single-link chaining would otherwise fuse a daily run of
similar reports ("shelling of Kharkiv" on six consecutive days) into one event.

Each cluster keeps the attributes of its most confident mention (ties: smallest event id),
the confidence-weighted mean Goldstein of its mentions, ``channel = private`` when any
report saw it as private (a closed-door meeting is often reported as an ordinary meeting
by outlets that were not told), and the weight ``confidence * (1 + ln(articles))`` that
the relations index uses: every independent report adds evidence, with diminishing
returns so that one heavily covered event does not drown a period.

``dedupe(store)`` rebuilds the tables ``event_clusters(cluster_id, event_id)`` and
``clusters(...)`` from scratch (idempotent; ``cluster_id`` is the smallest event id of the
cluster, so it is stable across runs), and ``ensure_deduped(store)`` reruns it only when
the events changed since the last run.
"""

from __future__ import annotations

import pyarrow as pa

from detente.extract.events.ontology import MUTUAL_CATEGORIES
from detente.store.db import Store

__all__ = ["JACCARD_MIN", "MUTUAL_CATEGORIES", "clusters_current", "dedupe", "ensure_deduped",
           "events_fingerprint"]

# 0.3: content-word Jaccard of two sentences about the same meeting written by different
# outlets runs 0.3-0.5 on the demo corpus's paraphrased pairs (e.g. "X met Y in Moscow on
# Wednesday" vs "X held talks with Y in Moscow"), while unrelated sentences with the same
# dyad share only the names (< 0.2). Structural matches (rule 4a) do not need it.
JACCARD_MIN = 0.3
# Width of the date buckets used to find candidate pairs without a quadratic self-join.
_BUCKET_DAYS = 3

_STOPWORDS = (
    "the", "and", "for", "with", "that", "this", "from", "was", "were", "are", "has", "have",
    "had", "his", "her", "its", "their", "they", "said", "says", "would", "will", "after",
    "before", "over", "into", "about", "than", "been", "also", "which", "who", "whom", "but",
    "not", "on", "at", "by", "in", "of", "to", "a", "an", "as", "it", "be", "is", "or",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week",
    "day", "today", "yesterday", "last", "next", "on",
)


def events_fingerprint(store: Store) -> str:
    """A cheap digest of the events' state: their count and the articles' latest processing
    time (``Store.save_records`` stamps every article whose layers it replaces). Reading it
    costs milliseconds where hashing every event id costs a scan of the table."""
    row = store.con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), "
        "(SELECT CAST(max(processed_at) AS VARCHAR) FROM articles)"
    ).fetchone()
    return ":".join(str(x) for x in row) if row else ""


def clusters_current(store: Store) -> bool:
    """Whether the stored clusters reflect the stored events."""
    if not (_has_table(store, "dedup_state") and _has_table(store, "clusters")):
        return False
    row = store.con.execute("SELECT max(fingerprint) FROM dedup_state").fetchone()
    return bool(row and row[0] == events_fingerprint(store))


def ensure_deduped(store: Store) -> bool:
    """Run :func:`dedupe` unless the clusters already reflect the current events.
    Returns True when it ran. On a read-only store whose clusters are out of date, the
    clusters are built as temporary tables of this connection (the file is not touched)."""
    fingerprint = events_fingerprint(store)
    if getattr(store, "read_only", False):
        if getattr(store, "_temp_clusters", None) == fingerprint:
            return False
        if clusters_current(store):
            return False
        dedupe(store, temporary=True)
        store._temp_clusters = fingerprint  # type: ignore[attr-defined]
        return True
    store.con.execute("CREATE TABLE IF NOT EXISTS dedup_state (fingerprint VARCHAR)")
    row = store.con.execute("SELECT max(fingerprint) FROM dedup_state").fetchone()
    if row and row[0] == fingerprint and _has_table(store, "clusters"):
        return False
    dedupe(store)
    return True


def _has_table(store: Store, name: str) -> bool:
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


class _Clusters:
    """Union-find over event ids that keeps each cluster's date range and largest slack."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.lo: dict[str, int] = {}
        self.hi: dict[str, int] = {}
        self.slack: dict[str, int] = {}

    def add(self, x: str, day: int, slack: int) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.lo[x] = self.hi[x] = day
            self.slack[x] = slack

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return
        lo, hi = min(self.lo[rx], self.lo[ry]), max(self.hi[rx], self.hi[ry])
        slack = max(self.slack[rx], self.slack[ry])
        if hi - lo > 2 + slack:
            return  # would chain distinct events of a daily run into one
        keep, drop = (rx, ry) if rx < ry else (ry, rx)
        self.parent[drop] = keep
        self.lo[keep], self.hi[keep], self.slack[keep] = lo, hi, slack


def _assignments(store: Store) -> dict[str, str]:
    """Cluster root of every unit that merged with another (units alone are left out)."""
    params = {"mutual": list(MUTUAL_CATEGORIES), "stop": list(_STOPWORDS),
              "bucket": _BUCKET_DAYS}
    for statement in _PREPARE.split(";"):
        if statement.strip():
            store.con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
    cols = store.con.execute(
        _PAIRS + " ORDER BY structural DESC, jac DESC, ida, idb",
        {"bucket": _BUCKET_DAYS, "jac": JACCARD_MIN},
    ).fetchnumpy()
    ida, idb = cols["ida"].tolist(), cols["idb"].tolist()
    da, db = cols["da"].tolist(), cols["db"].tolist()
    sa, sb = cols["sa"].tolist(), cols["sb"].tolist()
    uf = _Clusters()
    for x, y, dx, dy, kx, ky in zip(ida, idb, da, db, sa, sb, strict=True):
        uf.add(x, dx, kx)
        uf.add(y, dy, ky)
        uf.union(x, y)
    return {x: uf.find(x) for x in uf.parent}


_BUILD = """
CREATE OR REPLACE TABLE event_clusters AS
SELECT coalesce(m.cluster_id, u.unit, e.id) AS cluster_id, e.id AS event_id
FROM events e LEFT JOIN _dd_all u ON u.id = e.id
LEFT JOIN _dd_map m ON m.event_id = u.unit;

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


def dedupe(store: Store, *, temporary: bool = False) -> int:
    """Cluster the stored events (rule in the module docstring) and rebuild
    ``event_clusters`` and ``clusters`` (as temporary tables of this connection with
    ``temporary``, for a read-only store). Returns the number of clusters."""
    # DuckDB draws a progress bar on stderr for queries over 2 s; the CLI has its own output.
    store.con.execute("SET enable_progress_bar = false")
    mapping = _assignments(store)
    table = pa.table({"event_id": pa.array(list(mapping), pa.string()),
                      "cluster_id": pa.array(list(mapping.values()), pa.string())})
    store.con.register("_dd_map", table)
    try:
        build = _BUILD.replace("CREATE OR REPLACE TABLE", "CREATE OR REPLACE TEMP TABLE") \
            if temporary else _BUILD
        with store.transaction():
            for statement in build.split(";"):
                if statement.strip():
                    store.con.execute(statement)
            if temporary:
                return _count_clusters(store)
            store.con.execute("CREATE TABLE IF NOT EXISTS dedup_state (fingerprint VARCHAR)")
            store.con.execute("DELETE FROM dedup_state")
            store.con.execute("INSERT INTO dedup_state VALUES (?)", [events_fingerprint(store)])
    finally:
        store.con.unregister("_dd_map")
        store.con.execute("DROP TABLE IF EXISTS _dd_ev")
        store.con.execute("DROP TABLE IF EXISTS _dd_all")
    return _count_clusters(store)


def _count_clusters(store: Store) -> int:
    row = store.con.execute("SELECT count(*) FROM clusters").fetchone()
    return int(row[0]) if row else 0
