"""The seed article (read from ../shared at test time): the events an analyst would code."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.jobs import annotate_text
from detente.model import Event


@pytest.fixture(scope="module")
def seed_events(seed_path: Path) -> list[Event]:
    return annotate_text(seed_path.read_text(encoding="utf-8"), published="2025-08-07",
                         article_id="seed").events


def _find(events: list[Event], category: str, trigger: str) -> list[Event]:
    return [e for e in events if e.category == category and e.trigger.text == trigger]


@pytest.mark.parametrize(("category", "trigger", "source", "target", "channel"), [
    ("SUPPORT", "siding", "United States", "Russia", "public"),
    ("REJECT", "blocking", "United States", "resolution", "public"),
    ("THREATEN", "threat", "Trump", "India", "public"),
    ("THREATEN", "threat", "Trump", "China", "public"),
    ("REQUEST", "calling", "Trump", "Putin", "public"),
    ("CONSULT", "traveled", "Witkoff", "Moscow", "private"),
    ("CONSULT", "meetings", "Witkoff", "Putin", "private"),
    ("REJECT", "rejected", "Kyiv", "conditions", "public"),
    ("REQUEST", "insist", "He", "neutrality", "public"),
    # Its own submarines are not the target; where they go is (issue 15, pattern 5).
    ("MOBILIZE", "repositioned", "White House", "Russian waters", "public"),
    ("THREATEN", "gave", "He", "Kremlin", "public"),  # 50 days to halt: an ultimatum
    ("SUPPORT", "gift", "Putin", "Witkoff", "private"),  # the portrait, in closed-door talks
])
def test_seed_article_codes_the_analysts_events(seed_events: list[Event], category: str,
                                                trigger: str, source: str, target: str,
                                                channel: str) -> None:
    found = [e for e in _find(seed_events, category, trigger)
             if source in e.source.text and e.target is not None and target in e.target.text]
    assert found, f"no {category} {source} -> {target} [{trigger}]"
    assert {e.channel for e in found} == {channel}


def test_seed_article_tariff_threat_is_not_a_sanction(seed_events: list[Event]) -> None:
    tariff = [e for e in seed_events if e.trigger.text == "threat"]
    assert tariff and all(e.modality == "threatened" and e.cameo == "1312" for e in tariff)


def test_seed_article_putin_insists_is_a_demand(seed_events: list[Event]) -> None:
    insist = _find(seed_events, "REQUEST", "insist")
    assert insist and insist[0].modality == "demanded"
    assert insist[0].source.name == "Vladimir Putin" or insist[0].source.text == "He"


def test_seed_article_codes_nothing_from_headings(seed_events: list[Event]) -> None:
    text = "Trump-Putin Relations Hit Lowest Point"
    assert not [e for e in seed_events if e.evidence.text.startswith(text[:20])
                and e.trigger.text == "Hit"]
