"""A synthetic store of N events for the API benchmark: many dyads, ten years.

Built in DuckDB in a few statements (writing a million records through ``save_records`` would
take longer than the benchmark). The schema is the store's own (``Store`` runs the
migrations); the rows are invented: 60 countries, each as a government or its military,
5 events per article, dates uniform over 2016-2025, the PLOVER category drawn with the
Goldstein score and quad class of a CAMEO code of that category, USA-RUS and a few other
pairs over-represented as in real feeds. Every event's ``data`` is its record JSON with
the fields the API renders. The store is left as every writing command leaves it: with its
event clusters built (``ensure_deduped``; timed apart, it is not the server's start-up).
"""

from __future__ import annotations

import time
from pathlib import Path

from detente.analyze.dedup import ensure_deduped
from detente.store.db import Store

COUNTRIES = [
    "USA", "RUS", "UKR", "CHN", "IRN", "ISR", "GBR", "FRA", "DEU", "IND", "PAK", "TUR", "SAU",
    "SYR", "IRQ", "AFG", "PRK", "KOR", "JPN", "TWN", "POL", "BLR", "EGY", "NGA", "ZAF", "BRA",
    "MEX", "VEN", "CUB", "CAN", "AUS", "IDN", "PHL", "VNM", "MMR", "LBN", "JOR", "QAT", "ARE",
    "YEM", "ETH", "SDN", "SOM", "KEN", "LBY", "DZA", "MAR", "ITA", "ESP", "NLD", "SWE", "FIN",
    "NOR", "GRC", "SRB", "HUN", "ROU", "AZE", "ARM", "GEO",
]
# (category, cameo, goldstein, quad class)
CODES = [
    ("CONSULT", "040", 1.0, 1), ("AGREE", "057", 8.0, 1), ("SUPPORT", "051", 3.4, 1),
    ("COOPERATE", "061", 6.4, 2), ("AID", "070", 7.0, 2), ("CONCEDE", "080", 5.0, 2),
    ("RETREAT", "087", 9.0, 2), ("REQUEST", "020", 3.0, 1), ("ACCUSE", "112", -2.0, 3),
    ("REJECT", "120", -4.0, 3), ("THREATEN", "172", -5.0, 3), ("PROTEST", "140", -6.5, 3),
    ("SANCTION", "163", -8.0, 4), ("MOBILIZE", "154", -7.2, 4), ("COERCE", "170", -7.0, 4),
    ("ASSAULT", "190", -10.0, 4),
]


def build(path: Path, events: int, *, per_article: int = 5, seed: float = 0.42,
          ) -> tuple[int, float]:
    """Write ``events`` synthetic events into a new store at ``path`` and cluster them;
    return the count and the seconds the clustering took."""
    articles = -(-events // per_article)
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    codes = ", ".join(f"({i}, '{c}', '{k}', {g}, {q})" for i, (c, k, g, q) in enumerate(CODES))
    with Store(path) as store:
        con = store.con
        con.execute(f"SELECT setseed({seed})")
        con.execute(f"CREATE TEMP TABLE codes(i INT, category VARCHAR, cameo VARCHAR, "
                    f"goldstein DOUBLE, quad INT); INSERT INTO codes VALUES {codes}")
        con.execute(f"""
            INSERT INTO articles (id, url, title, outlet, published, language, text, input,
                                  processed_at, n_errors, attempts)
            SELECT 'a' || lpad(i::VARCHAR, 8, '0'), 'https://news.example/' || i,
                   'Synthetic report ' || i, 'Outlet ' || (i % 40),
                   DATE '2016-01-01' + CAST(floor(random() * 3650) AS INT), 'en',
                   'Synthetic article ' || i || '.', 'synthetic:' || i, now(), 0, 1
            FROM range({articles}) t(i)""")
        con.execute(f"""
            CREATE TEMP TABLE ev AS
            WITH draw AS (
                SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                       CAST(floor(random() * 16) AS INT) AS code
                FROM range({events}) t(i)
            )
            SELECT i,
                   CASE WHEN r1 < 0.15 THEN 'USA' WHEN r1 < 0.25 THEN 'RUS'
                        ELSE {countries}[1 + CAST(floor(r2 * {len(COUNTRIES)}) AS INT)] END
                     AS s,
                   CASE WHEN r1 < 0.15 THEN 'RUS' WHEN r1 < 0.25 THEN 'USA'
                        ELSE {countries}[1 + CAST(floor(r3 * {len(COUNTRIES)}) AS INT)] END
                     AS t,
                   CASE WHEN r4 < 0.2 THEN 'MIL' ELSE 'GOV' END AS sector,
                   code, r4
            FROM draw""")
        con.execute(f"""
            INSERT INTO events (id, article_id, idx, source_text, source_name, source_code,
                source_country, source_sector, target_text, target_name, target_code,
                target_country, target_sector, category, mode, cameo, goldstein, quad_class,
                event_date, date_value, date_precision, modality, negated, channel,
                confidence, evidence, data)
            SELECT 'e' || lpad(ev.i::VARCHAR, 9, '0'), a.id, ev.i % {per_article},
                   ev.s, ev.s, ev.s || ev.sector, ev.s, ev.sector,
                   ev.t, ev.t, ev.t || 'GOV', ev.t, 'GOV',
                   c.category, NULL, c.cameo, c.goldstein, c.quad,
                   a.published, strftime(a.published, '%Y-%m-%d'), 'day', 'asserted', false,
                   CASE WHEN ev.r4 < 0.1 THEN 'private' ELSE 'public' END, 0.8,
                   'Synthetic evidence ' || ev.i || '.',
                   json_object('id', 'e' || lpad(ev.i::VARCHAR, 9, '0'),
                               'category', c.category, 'cameo', c.cameo)
            FROM ev
            JOIN codes c ON c.i = ev.code
            JOIN articles a ON a.id = 'a' || lpad((ev.i // {per_article})::VARCHAR, 8, '0')""")
        row = con.execute("SELECT count(*) FROM events").fetchone()
        t0 = time.perf_counter()
        ensure_deduped(store)
        clustering = time.perf_counter() - t0
    return (int(row[0]) if row else 0), clustering
