"""Run detente on the 2022-2025 US and Russian official statements in ../shared/data/news
(read at run time, never copied) and print the USA-RUS relations series.

    python scripts/real_corpus.py [--db /tmp/official.duckdb] [--freq month] [--png FILE]

The CSVs (speaker, date, title, text, url) are converted to detente's JSONL input in a
temporary directory; undated documents keep no date and fall out of the series.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

csv.field_size_limit(sys.maxsize)
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / \
    "us_russia_official_statements_ukraine"


def _date(value: str) -> str | None:
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/official.duckdb")
    ap.add_argument("--freq", default="month")
    ap.add_argument("--png", default=None)
    args = ap.parse_args()
    exe = Path(sys.executable).parent / "detente"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "official.jsonl"
        n = 0
        with out.open("w", encoding="utf-8") as fh:
            for name in ("us_ukraine.csv", "russia_ukraine.csv"):
                with (DATA / name).open(encoding="utf-8") as src:
                    for row in csv.DictReader(src):
                        fh.write(json.dumps({
                            "text": row["text"], "title": row["title"], "url": row["url"],
                            "published": _date(row["date"]), "author": row["speaker"],
                            "outlet": "official statement",
                        }) + "\n")
                        n += 1
        print(f"{n} documents", file=sys.stderr)
        subprocess.run([str(exe), "run", str(out), "--db", args.db], check=False)
    cmd = [str(exe), "report", "--db", args.db, "--dyad", "USA", "RUS", "--freq", args.freq]
    if args.png:
        cmd += ["--png", args.png]
    subprocess.run(cmd, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
