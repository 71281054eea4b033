"""The values a user may filter by, and the check that turns a typo into a clear error:
"unknown actor code 'XYZ'; close matches: ...", "unknown category 'THREATENS'; one of ...".

An actor value is known when it matches a side of a stored event or mention (country, code
prefix, id, or part of a name, as the listings match it) or is a code the knowledge base
has (an ISO 3166 alpha-3 country, an organisation's code): a known code with no events
gives an empty answer, an unknown one an error.
"""

from __future__ import annotations

import csv
import difflib
from functools import cache
from importlib import resources

from detente.errors import UsageError
from detente.extract.events.ontology import CATEGORIES
from detente.store.db import Store

__all__ = ["CHANNELS", "check_actor", "check_category", "check_channel", "known_codes"]

CHANNELS = ("public", "private")


@cache
def known_codes() -> frozenset[str]:
    """Every actor code the knowledge base has: ISO 3166 alpha-3 countries (and Kosovo's
    XKX) and the organisations' codes and blocs (IGOUNO, UNO, EUR ...)."""
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    orgs = resources.files("detente") / "data" / "actors" / "orgs.tsv"
    lines = [ln for ln in orgs.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        codes |= {v for v in (row.get("code"), row.get("bloc")) if v}
    return frozenset(codes)


def _stored_codes(store: Store) -> set[str]:
    rows = store.con.execute("""
        SELECT source_country FROM events UNION SELECT source_code FROM events
        UNION SELECT target_country FROM events UNION SELECT target_code FROM events
        UNION SELECT country FROM mentions UNION SELECT code FROM mentions
    """).fetchall()
    return {str(r[0]) for r in rows if r[0]}


def _stored_match(store: Store, value: str) -> bool:
    v = value.strip()
    like = "%" + v.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    row = store.con.execute("""
        SELECT EXISTS (SELECT 1 FROM events WHERE
            source_country = $1 OR starts_with(source_code, $1) OR source_id = $2
            OR target_country = $1 OR starts_with(target_code, $1) OR target_id = $2
            OR lower(source_name) LIKE $3 ESCAPE '\\' OR lower(target_name) LIKE $3 ESCAPE '\\'
            OR lower(source_text) LIKE $3 ESCAPE '\\' OR lower(target_text) LIKE $3 ESCAPE '\\')
        OR EXISTS (SELECT 1 FROM mentions WHERE country = $1 OR starts_with(code, $1)
            OR actor_id = $2 OR lower(name) LIKE $3 ESCAPE '\\')
        OR EXISTS (SELECT 1 FROM quotes WHERE speaker_country = $1
            OR starts_with(speaker_code, $1) OR lower(speaker_name) LIKE $3 ESCAPE '\\')
    """, [v.upper(), v, like]).fetchone()
    return bool(row and row[0])


def check_actor(store: Store, value: str) -> str:
    """``value`` (stripped) when it names an actor; else a :class:`UsageError` naming the
    close matches among the stored and known codes."""
    v = value.strip()
    if v and (v.upper() in known_codes() or _stored_match(store, v)):
        return v
    pool = sorted(_stored_codes(store) | known_codes())
    close = difflib.get_close_matches(v.upper(), pool, n=5, cutoff=0.6)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise UsageError(f"unknown actor code {v!r}{hint}")


def check_category(value: str) -> str:
    """``value`` as a PLOVER category (upper case), or a :class:`UsageError` listing them."""
    v = value.strip().upper()
    if v in CATEGORIES:
        return v
    raise UsageError(f"unknown category {value.strip()!r}; one of {', '.join(CATEGORIES)}")


def check_channel(value: str) -> str:
    """``value`` as a channel (public or private), or a :class:`UsageError`."""
    v = value.strip().lower()
    if v in CHANNELS:
        return v
    raise UsageError(f"unknown channel {value.strip()!r}; one of {', '.join(CHANNELS)}")
