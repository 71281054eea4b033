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

from detente.extract.events.ontology import MUTUAL_CATEGORIES
from detente.store.clusters import (
    build_clusters,
    candidate_pairs,
    dedup_fingerprint,
    events_fingerprint,
    has_table,
)
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


def clusters_current(store: Store) -> bool:
    """Whether the stored clusters reflect the stored events."""
    return (has_table(store, "clusters")
            and dedup_fingerprint(store) == events_fingerprint(store))


def ensure_deduped(store: Store) -> bool:
    """Run :func:`dedupe` unless the clusters already reflect the current events.
    Returns True when it ran. On a read-only store whose clusters are out of date, the
    clusters are built as temporary tables of this connection (the file is not touched)."""
    fingerprint = events_fingerprint(store)
    if store.read_only:
        if getattr(store, "_temp_clusters", None) == fingerprint or clusters_current(store):
            return False
        dedupe(store, temporary=True)
        store._temp_clusters = fingerprint  # type: ignore[attr-defined]
        return True
    if dedup_fingerprint(store) == fingerprint and has_table(store, "clusters"):
        return False
    dedupe(store)
    return True


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
    cols = candidate_pairs(store, mutual=list(MUTUAL_CATEGORIES), stopwords=_STOPWORDS,
                           bucket_days=_BUCKET_DAYS, jaccard_min=JACCARD_MIN)
    ida, idb = cols["ida"].tolist(), cols["idb"].tolist()
    da, db = cols["da"].tolist(), cols["db"].tolist()
    sa, sb = cols["sa"].tolist(), cols["sb"].tolist()
    uf = _Clusters()
    for x, y, dx, dy, kx, ky in zip(ida, idb, da, db, sa, sb, strict=True):
        uf.add(x, dx, kx)
        uf.add(y, dy, ky)
        uf.union(x, y)
    return {x: uf.find(x) for x in uf.parent}


def dedupe(store: Store, *, temporary: bool = False) -> int:
    """Cluster the stored events (rule in the module docstring) and rebuild
    ``event_clusters`` and ``clusters`` (as temporary tables of this connection with
    ``temporary``, for a read-only store). Returns the number of clusters."""
    return build_clusters(store, _assignments(store), temporary=temporary)
