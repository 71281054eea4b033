"""Benchmark: de-duplication, a dyad series and a full report on 1,000,000 synthetic events.

    .venv/bin/python bench/bench_relations.py [--events 1000000] [--db FILE]

The events are generated in DuckDB (``range()`` + ``random()``): 40 countries with a skewed
(Zipf-like) choice of source and target, so that the busiest dyad holds a few percent of
all events, 16 PLOVER categories with their CAMEO code and Goldstein score, dates spread
over 2022-2025, five events per article, 1,000 outlets, and one event in five a second
report (another article, another outlet, same dyad, category and day, overlapping wording)
of an earlier one, which de-duplication should fold back. Targets: dyad series < 0.5 s,
full report < 2 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from detente.analyze.dedup import dedupe
from detente.analyze.relations import relations
from detente.analyze.report import build_report
from detente.store.db import Store

_CATS = """
SELECT * FROM (VALUES
 (0,'CONSULT','040',1.0,1),(1,'AGREE','057',8.0,1),(2,'SUPPORT','051',3.4,1),
 (3,'CONCEDE','080',5.0,2),(4,'COOPERATE','061',6.4,2),(5,'AID','070',7.0,2),
 (6,'RETREAT','087',9.0,2),(7,'REQUEST','020',3.0,1),(8,'ACCUSE','112',-2.0,3),
 (9,'REJECT','120',-4.0,3),(10,'THREATEN','138',-7.0,3),(11,'PROTEST','140',-6.5,3),
 (12,'SANCTION','163',-8.0,4),(13,'MOBILIZE','154',-7.2,4),(14,'COERCE','170',-7.0,4),
 (15,'ASSAULT','190',-10.0,4)) t(k, category, cameo, goldstein, quad)
"""

_COUNTRIES = ["USA", "RUS", "UKR", "CHN", "IND", "DEU", "FRA", "GBR", "TUR", "IRN", "ISR",
              "SAU", "JPN", "KOR", "PRK", "POL", "BLR", "KAZ", "GEO", "ARM", "AZE", "SYR",
              "EGY", "QAT", "ARE", "BRA", "ZAF", "NGA", "PAK", "AFG", "IRQ", "CAN", "MEX",
              "ITA", "ESP", "NLD", "SWE", "FIN", "NOR", "HUN"]


def build(store: Store, n_events: int) -> None:
    con = store.con
    n_articles = n_events // 5
    countries = ", ".join(f"('{c}', {i})" for i, c in enumerate(_COUNTRIES))
    con.execute(f"CREATE TEMP TABLE cc AS SELECT * FROM (VALUES {countries}) t(code, k)")
    con.execute(f"CREATE TEMP TABLE cats AS {_CATS}")
    con.execute(f"""
        INSERT INTO articles (id, outlet, published, text, input, title)
        SELECT 'a' || i, 'Outlet ' || (i % 1000),
               DATE '2022-01-01' + CAST(floor(random() * 1400) AS INTEGER),
               'synthetic', 'synthetic/' || i, 'Synthetic ' || i
        FROM range({n_articles}) r(i)
    """)
    # Zipf-like country choice: floor(40 * u^3) favours the first countries in the list.
    con.execute(f"""
        CREATE TEMP TABLE raw AS
        SELECT i, 'a' || (i // 5) AS article_id,
               CAST(floor(40 * pow(random(), 3)) AS INTEGER) AS s,
               CAST(floor(40 * pow(random(), 3)) AS INTEGER) AS t,
               CAST(floor(random() * 16) AS INTEGER) AS k,
               random() < 0.2 AS private, 0.5 + random() * 0.5 AS confidence,
               CAST(floor(random() * 500) AS INTEGER) AS w1,
               CAST(floor(random() * 500) AS INTEGER) AS w2
        FROM range({n_events}) r(i)
    """)
    con.execute("""
        INSERT INTO events (id, article_id, idx, source_country, source_code,
            target_country, target_code, category, cameo, goldstein, quad_class, event_date,
            date_value, date_precision, modality, negated, channel, confidence, evidence)
        SELECT 'e' || lpad(CAST(r.i AS VARCHAR), 8, '0'), r.article_id, r.i % 5,
               sc.code, sc.code || 'GOV',
               CASE WHEN r.s = r.t THEN tc2.code ELSE tc.code END,
               CASE WHEN r.s = r.t THEN tc2.code ELSE tc.code END || 'GOV',
               c.category, c.cameo, c.goldstein, c.quad, a.published,
               CAST(a.published AS VARCHAR), 'day', 'asserted', false,
               CASE WHEN r.private THEN 'private' ELSE 'public' END, r.confidence,
               'officials word' || r.w1 || ' word' || r.w2 || ' ' || c.category
        FROM raw r JOIN cc sc ON sc.k = r.s JOIN cc tc ON tc.k = r.t
        JOIN cc tc2 ON tc2.k = (r.t + 1) % 40 JOIN cats c ON c.k = r.k
        JOIN articles a ON a.id = r.article_id
    """)
    # One event in five is re-reported by another article one day later, as a duplicate.
    con.execute("""
        INSERT INTO events (id, article_id, idx, source_country, source_code,
            target_country, target_code, category, cameo, goldstein, quad_class, event_date,
            date_value, date_precision, modality, negated, channel, confidence, evidence)
        SELECT 'd' || substr(e.id, 2), 'a' || ((CAST(substr(e.id, 2) AS BIGINT) // 5 + 7919)
               % (SELECT count(*) FROM articles)), 9,
               source_country, source_code, target_country, target_code, category, cameo,
               goldstein, quad_class, event_date + 1, CAST(event_date + 1 AS VARCHAR), 'day',
               modality, negated, channel, confidence, evidence || ' reported again'
        FROM events e WHERE CAST(substr(e.id, 2) AS BIGINT) % 5 = 0
        LIMIT (SELECT count(*) // 4 FROM events)
    """)
    con.execute("DROP TABLE raw")


def _time(label: str, fn: object) -> float:
    """Wall-clock seconds of ``fn()``, printed with the process CPU seconds (all DuckDB
    threads) and the load average: on a shared machine wall time mostly measures the load."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()  # type: ignore[operator]
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{label:<48} {dt:8.3f} s wall {cpu:8.3f} s cpu  (load {os.getloadavg()[0]:.1f})")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        with Store(path) as store:
            t = _time(f"generate {args.events:,} events (+ duplicates)",
                      lambda: build(store, args.events))
            n = store.con.execute("SELECT count(*) FROM events").fetchone()
            print(f"events stored: {n[0] if n else 0:,}")
            t = _time("dedupe (clusters)", lambda: dedupe(store))
            c = store.con.execute("SELECT count(*), max(mentions) FROM clusters").fetchone()
            print(f"clusters: {c[0] if c else 0:,}, largest: {c[1] if c else 0} mentions")
            d = store.con.execute("SELECT count(*) FROM clusters WHERE source_country IN "
                                  "('USA','RUS') AND target_country IN ('USA','RUS')").fetchone()
            print(f"USA-RUS clusters: {d[0] if d else 0:,}")
            for freq in ("week", "day", "month"):
                t = _time(f"dyad series USA-RUS --freq {freq}",
                          lambda f=freq: relations(store, "USA", "RUS", freq=f))
                print(f"  target < 0.5 s: {'ok' if t < 0.5 else 'MISSED'}")
            t = _time("dyad series USAGOV-RUSGOV --freq week, 2024",
                      lambda: relations(store, "USAGOV", "RUSGOV", start="2024-01-01",
                                        end="2024-12-31"))
            t = _time("full report (most active dyad)", lambda: build_report(store))
            print(f"  target < 2 s: {'ok' if t < 2 else 'MISSED'}")
            t = _time("full report --dyad USA RUS",
                      lambda: build_report(store, dyad=("USA", "RUS")))
            print(f"  target < 2 s: {'ok' if t < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
