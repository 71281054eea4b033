"""Deadlines and ultimatums found in text, with issuer, target, demand, threat and chain."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from detente.extract.deadlines.stage import DeadlineStage
from detente.extract.stage import Draft
from detente.extract.time.stage import TimexStage
from detente.model import Actor, Article, Deadline, Mention, Record

# Hand-built mentions until the actors stage lands: surface -> actor.
_ACTORS = {
    "Trump": Actor("Trump", "Donald Trump", "USAGOV", "USA", "GOV"),
    "Washington": Actor("Washington", "United States", "USA", "USA"),
    "the United States": Actor("the United States", "United States", "USA", "USA"),
    "Putin": Actor("Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV"),
    "the Kremlin": Actor("the Kremlin", "Kremlin", "RUSGOV", "RUS", "GOV"),
    "Moscow": Actor("Moscow", "Russia", "RUS", "RUS"),
    "Russia": Actor("Russia", "Russia", "RUS", "RUS"),
    "Iran": Actor("Iran", "Iran", "IRN", "IRN"),
    "Tehran": Actor("Tehran", "Iran", "IRN", "IRN"),
    "The EU": Actor("The EU", "European Union", "IGOEU", None, "IGO"),
}


def _mentions(text: str) -> list[Mention]:
    found = [Mention(m.start(), m.end(), k, a) for k, a in _ACTORS.items()
             for m in re.finditer(rf"\b{re.escape(k)}\b", text)]
    return sorted(found, key=lambda m: m.start)


def _deadlines(nlp: Any, text: str, published: str | None = "2025-08-07") -> list[Deadline]:
    rec = Record(Article(id="a", text=text), mentions=_mentions(text))
    item = TimexStage()(Draft(rec, nlp(text), published))
    return DeadlineStage()(item).record.deadlines


@pytest.mark.parametrize(
    ("text", "issuer", "target", "demand", "duration", "expires", "threat"),
    [
        ("Washington gave Tehran 30 days to respond to the offer or face sanctions.",
         "USA", "IRN", "respond to the offer", "P30D", None, "sanctions"),
        ("On July 14, Trump gave Russia 50 days to end the war.",
         "USAGOV", "RUS", "end the war", "P50D", "2025-09-02", None),
        ("The EU set a deadline of Friday for Iran to resume talks.",
         "IGOEU", "IRN", "resume talks", None, "2025-08-08", None),
    ],
)
def test_deadlines_reads_issuer_target_demand_and_window(
        nlp: Any, text: str, issuer: str, target: str, demand: str, duration: str | None,
        expires: str | None, threat: str | None) -> None:
    [d] = _deadlines(nlp, text)
    assert d.issuer.code == issuer and d.target is not None and d.target.code == target
    assert (d.demand, d.duration, d.expires, d.threat) == (demand, duration, expires, threat)
    assert text[d.evidence.start:d.evidence.end] == d.evidence.text


@pytest.mark.parametrize(
    ("text", "issuer", "target", "demand", "duration", "expires"),
    [
        # An ultimatum without a window noun: "until" a day (2025-08-07 is a Thursday).
        ("Washington has given Moscow until Friday to halt its offensive or face sanctions.",
         "USA", "RUS", "halt its offensive", None, "2025-08-08"),
        # A demand with a window is a deadline; a vague window has no expiry.
        ("Trump urged Iran to resume talks within 30 days.",
         "USAGOV", "IRN", "resume talks", "P30D", "2025-09-06"),
        ("Trump called on Russia to end the war in the next few days.",
         "USAGOV", "RUS", "end the war", "PXD", None),
        # An open ultimatum: either the addressee acts or the speaker does.
        ("Trump told Iran: you are either going to make a deal or we are out.",
         "USAGOV", "IRN", None, None, None),
    ],
)
def test_deadlines_from_until_windows_and_either_or(
        nlp: Any, text: str, issuer: str, target: str, demand: str | None,
        duration: str | None, expires: str | None) -> None:
    [d] = _deadlines(nlp, text)
    assert d.issuer.code == issuer and d.target is not None and d.target.code == target
    assert (d.duration, d.expires) == (duration, expires)
    if demand is not None:
        assert d.demand == demand


def test_deadlines_time_left_counts_from_publication_and_takes_the_target(nlp: Any) -> None:
    text = ("Trump urged Iran to resume talks within 30 days. "
            "Iran is now 10 days from the deadline.")
    found = _deadlines(nlp, text)
    assert found[-1].expires == "2025-08-17" and found[-1].issuer.code == "USAGOV"
    assert found[-1].target is not None and found[-1].target.code == "IRN"


def test_deadlines_revision_counts_from_its_own_date(nlp: Any) -> None:
    text = ("On July 14, Trump gave Russia 50 days to end the war. "
            "On July 28, Trump shortened the deadline to 10 days.")
    first, second = _deadlines(nlp, text, "2025-08-20")
    assert second.revises == first.id and second.duration == "P10D"
    assert second.expires == "2025-08-07"
    assert (first.status, second.status) == ("shortened", "expired")


def test_deadlines_none_in_text_without_ultimatum(nlp: Any) -> None:
    assert _deadlines(nlp, "Trump met Putin in Alaska for three hours last week.") == []


def test_deadlines_seed_ultimatum_is_one_chain_from_us_to_russia(nlp: Any, seed_path: Path
                                                                ) -> None:
    found = _deadlines(nlp, seed_path.read_text(encoding="utf-8"))
    assert [d.duration for d in found] == ["P50D", "P10D"]
    first, second = found
    for d in found:
        assert d.issuer.country == "USA" and d.target is not None
        assert d.target.country == "RUS"
        assert d.demand == "halt its offensive"
    assert second.revises == first.id and first.revises is None
    assert second.expires == "2025-W32-WE"
    assert (first.status, second.status) == ("shortened", "active")


def test_deadlines_demo_corpus_ultimatum_chain_across_articles(nlp: Any) -> None:
    """The demo corpus's 2025 chain: 50 days from 2025-07-14, cut on 2025-07-28 to expire
    about 2025-08-08; as of 2025-08-07 the cut deadline runs, the original is shortened."""
    from datetime import date

    from detente.extract.deadlines.timeline import countdown, link_revisions, statuses

    corpus = Path(__file__).resolve().parents[3] / "src" / "detente" / "demo" / "corpus"
    files = sorted(corpus.glob("*.txt"))
    if not files:
        pytest.skip("no demo corpus")
    mentions_mod = pytest.importorskip("detente.extract.actors.stage")
    stages = [mentions_mod.ActorStage(), TimexStage(), DeadlineStage()]
    found: list[tuple[Deadline, str]] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^([A-Z][a-z]+ \d{1,2}, \d{4})$", text, re.M)
        if m is None:
            continue
        from datetime import datetime

        published = datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
        item = Draft(Record(Article(id=path.stem, text=text)), nlp(text), published)
        for stage in stages:
            item = stage(item)
        found += [(d, published) for d in item.record.deadlines]
    linked = link_revisions(found)
    by_id = {d.id: d for d in linked}
    original = next(d for d in linked if d.issued == "2025-07-14" and d.duration == "P50D")
    cut = next(d for d in linked if d.issued in ("2025-07-28", "2025-07-29")
               and d.revises is not None)
    assert original.issuer.country == "USA" and original.target is not None
    assert original.target.country == "RUS" and original.expires == "2025-09-02"
    assert by_id[cut.revises].duration == "P50D"
    assert date(2025, 8, 7) <= date.fromisoformat(cut.expires or "") <= date(2025, 8, 10)
    state = statuses(linked, "2025-08-07")
    assert (state[original.id], state[cut.id]) == ("shortened", "active")
    assert countdown(cut, "2025-08-07") in (0, 1, 2, 3)
