"""Exporting the store as a data set: JSON lines of records, or Parquet/CSV tables."""

from __future__ import annotations

import json
from pathlib import Path

from detente.errors import UsageError
from detente.store.db import LAYER_TABLES, Store

__all__ = ["ACTION_GEO_COLUMNS", "EXPORT_FORMATS", "export_store"]

EXPORT_FORMATS = ("jsonl", "parquet", "csv")
# GDELT's ActionGeo columns on the events table, for tools that read GDELT exports. Type
# follows GDELT (1 country, 2 US state, 3 US city, 4 world city, 5 world state; null for a
# region or sea, which GDELT has no type for); CountryCode is ISO 3166 alpha-3 (GDELT uses
# FIPS 10-4); FullName is the place as the text names it.
ACTION_GEO_COLUMNS = (
    "CASE location_precision WHEN 'country' THEN 1 "
    "WHEN 'admin1' THEN CASE WHEN location_country = 'USA' THEN 2 ELSE 5 END "
    "WHEN 'city' THEN CASE WHEN location_country = 'USA' THEN 3 ELSE 4 END END "
    "AS ActionGeo_Type, location_name AS ActionGeo_FullName, "
    "location_country AS ActionGeo_CountryCode, location_admin1 AS ActionGeo_ADM1Code, "
    "location_lat AS ActionGeo_Lat, location_lon AS ActionGeo_Long"
)
_TABLES = ("articles", *LAYER_TABLES, "failures")

# One row per de-duplicated event, in the manner of GDELT's events table: who did what to
# whom (codes, CAMEO, Goldstein, quad class), when, how widely it was reported (mentions,
# sources, articles) and where (the first report's URL and every one).
_GDELT_EVENTS = """
WITH urls AS (
    SELECT ec.cluster_id,
           arg_min(a.url, (a.published, a.id)) FILTER (WHERE a.url IS NOT NULL) AS source_url,
           list(DISTINCT a.url ORDER BY a.url) FILTER (WHERE a.url IS NOT NULL) AS source_urls
    FROM event_clusters ec JOIN events e ON e.id = ec.event_id
    JOIN articles a ON a.id = e.article_id
    GROUP BY ec.cluster_id
)
SELECT c.cluster_id, c.event_id AS representative_event_id,
       CAST(c.event_date AS VARCHAR) AS event_date, c.date_precision,
       c.source_code AS actor1_code, c.source_name AS actor1_name,
       c.source_country AS actor1_country, c.source_sector AS actor1_sector,
       c.target_code AS actor2_code, c.target_name AS actor2_name,
       c.target_country AS actor2_country, c.target_sector AS actor2_sector,
       c.category, c.mode, c.cameo, left(c.cameo, 2) AS cameo_root,
       round(c.goldstein, 2) AS goldstein, c.quad_class, c.channel, c.modality, c.negated,
       c.mentions AS num_mentions, len(c.outlets) AS num_sources,
       c.n_articles AS num_articles,
       CAST(c.first_report AS VARCHAR) AS first_report,
       CAST(c.last_report AS VARCHAR) AS last_report,
       u.source_url, {urls} AS source_urls, c.evidence, {action_geo}
FROM clusters c LEFT JOIN urls u ON u.cluster_id = c.cluster_id
LEFT JOIN events g ON g.id = c.event_id
ORDER BY c.event_date, c.cluster_id
"""


def export_store(store: Store, fmt: str, output: Path) -> list[Path]:
    """Write the store to ``output``; return the files written.

    ``jsonl``: one DESIGN.md record per processed article (``output`` is a file, or a
    directory that gets ``records.jsonl``). ``parquet``/``csv``: one file per table in the
    directory ``output`` (the JSON records are not one of them; events with GDELT's
    ActionGeo columns beside their own location columns), and, when the events have been
    de-duplicated, ``clusters`` and ``events_gdelt`` (one row per real-world event,
    GDELT-style, with the ActionGeo of its representative event).
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonl":
        path = output / "records.jsonl" if output.is_dir() else output
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for rec in store.records():
                fh.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        return [path]
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for table in _TABLES:
        path = output / f"{table}.{fmt}"
        cols = {"events": f"*, {ACTION_GEO_COLUMNS}"}.get(table, "*")
        opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
        target = str(path).replace("'", "''")
        store.con.execute(f"COPY (SELECT {cols} FROM {table}) TO '{target}' {opts}")
        written.append(path)
    if _has_table(store, "clusters"):
        # CSV has no lists: URLs and outlets are joined with spaces (URLs hold none).
        joined = fmt == "csv"
        outlets = "array_to_string(outlets, '; ')" if joined else "outlets"
        articles = "array_to_string(articles, ' ')" if joined else "articles"
        urls = "array_to_string(u.source_urls, ' ')" if joined else "u.source_urls"
        for name, sql in (
            ("clusters", f"SELECT * EXCLUDE (outlets, articles), {outlets} AS outlets, "
                         f"{articles} AS articles FROM clusters ORDER BY cluster_id"),
            ("events_gdelt", _GDELT_EVENTS.format(
                urls=urls, action_geo=ACTION_GEO_COLUMNS.replace("location_", "g.location_"))),
        ):
            path = output / f"{name}.{fmt}"
            opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
            target = str(path).replace("'", "''")
            store.con.execute(f"COPY ({sql}) TO '{target}' {opts}")
            written.append(path)
    return written


def _has_table(store: Store, name: str) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])
