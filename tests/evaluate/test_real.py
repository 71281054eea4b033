"""Scoring end to end on real news (``detente eval real``), on small synthetic gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.errors import UsageError
from detente.evaluate.real import (
    in_default_view,
    load_gold,
    operating_points,
    reliability,
    report_from,
    score_docs,
)
from detente.evaluate.real_match import (
    GoldDoc,
    GoldEvent,
    GoldQuote,
    match_events,
    match_quotes,
    max_matching,
    speaker_name_ok,
)
from detente.model import Actor, Article, Event, EventDate, Quote, Record, Span, Speaker

S1 = "Russian forces shelled Kharkiv on Monday."
S2 = "Kyiv condemned the attack and Moscow met Washington."
TEXT = f"{S1} {S2}"


def _actor(code: str | None) -> Actor:
    if code is None:
        return Actor("someone")
    if code.startswith("IGO"):
        return Actor(code, code=code, sector="IGO")
    return Actor(code, code=code, country=code[:3])


def _event(category: str, source: str | None, target: str | None, sentence: str,
           confidence: float = 0.5) -> Event:
    start = TEXT.find(sentence)
    return Event("e", _actor(source), _actor(target) if target else None, category, None,
                 None, None, None, EventDate(None, None), "asserted", False, "public",
                 Span(start, start + len(sentence), sentence), Span(start, start + 3,
                                                                    sentence[:3]),
                 confidence)


def _gold(category: str, source: str, target: str | None, sentence: str, *,
          alt: tuple[str, ...] = (), symmetric: bool = False,
          background: bool = False) -> GoldEvent:
    return GoldEvent(source, target, category, alt, "action", False, symmetric, background,
                     sentence, TEXT.find(sentence))


@pytest.mark.parametrize(("gold", "pred", "country", "strict"), [
    (_gold("ASSAULT", "RUSMIL", "UKR", S1), _event("ASSAULT", "RUSMIL", "UKR", S1), True, True),
    (_gold("ASSAULT", "RUSMIL", "UKR", S1), _event("ASSAULT", "RUS", "UKRGOV", S1), True, False),
    (_gold("ASSAULT", "RUSMIL", "UKR", S1), _event("ASSAULT", "UKR", "RUS", S1), False, False),
    (_gold("ASSAULT", "RUSMIL", "UKR", S1), _event("COERCE", "RUSMIL", "UKR", S1), False, False),
    (_gold("ASSAULT", "RUSMIL", "UKR", S1, alt=("COERCE",)),
     _event("COERCE", "RUSMIL", "UKR", S1), True, False),
    (_gold("ASSAULT", "RUSMIL", "UKR", S1), _event("ASSAULT", "RUSMIL", "UKR", S2), False, False),
    (_gold("ASSAULT", "RUSMIL", None, S1), _event("ASSAULT", "RUSMIL", "UKR", S1), True, False),
    (_gold("ASSAULT", "RUSMIL", None, S1), _event("ASSAULT", "RUSMIL", None, S1), True, True),
    (_gold("ASSAULT", "---MIL", "UKR", S1), _event("ASSAULT", None, "UKR", S1), True, False),
    (_gold("ASSAULT", "---MIL", "UKR", S1), _event("ASSAULT", "RUSMIL", "UKR", S1), True, True),
    (_gold("CONSULT", "RUS", "USA", S2, symmetric=True), _event("CONSULT", "USA", "RUS", S2),
     True, True),
    (_gold("CONSULT", "RUS", "USA", S2), _event("CONSULT", "USA", "RUS", S2), False, False),
    (_gold("CONSULT", "IGOUNO", "USA", S2), _event("CONSULT", "IGOEU", "USA", S2), False, False),
])
def test_real_event_match_country_level_and_strict(gold: GoldEvent, pred: Event,
                                                   country: bool, strict: bool) -> None:
    assert bool(match_events([gold], [pred])) is country
    assert bool(match_events([gold], [pred], strict=True)) is strict


def test_real_matching_is_one_to_one_and_maximum() -> None:
    twice = [_gold("ASSAULT", "RUS", "UKR", S1), _gold("ASSAULT", "RUS", "UKR", S1)]
    assert len(match_events(twice, [_event("ASSAULT", "RUS", "UKR", S1)])) == 1
    # Greedy would give left 0 the right 0 and leave left 1 with nothing.
    edges = {(0, 0), (0, 1), (1, 0)}
    assert max_matching(2, 2, lambda i, j: (i, j) in edges) == {0: 1, 1: 0}


def _quote(text: str, start: int, speaker: str | None, actor: Actor | None = None) -> Quote:
    return Quote(start, start + len(text), text, "direct", None,
                 Speaker(None, None, speaker, actor, None, False))


def test_real_quotes_match_on_their_start_with_quote_marks_normalized() -> None:
    gold = [GoldQuote("Donald Trump", "USAGOV", "We’re going to make a deal", 10)]
    assert match_quotes(gold, [_quote('"We\'re going to  make a deal, or else."', 500, "he")])
    assert match_quotes(gold, [_quote("something else entirely here", 11, "he")])
    assert not match_quotes(gold, [_quote("We are not", 300, "he")])


@pytest.mark.parametrize(("speaker", "actor", "ok"), [
    ("President Donald Trump", None, True),
    ("he", Actor("he", name="Donald Trump", code="USAGOV", country="USA"), True),
    ("he", Actor("he", name="Vladimir Putin", code="RUSGOV", country="RUS"), False),
    (None, None, False),
])
def test_real_speaker_name_is_the_text_or_the_resolved_actor(speaker: str | None,
                                                             actor: Actor | None,
                                                             ok: bool) -> None:
    gold = GoldQuote("Trump", "USAGOV", "x", 0)
    assert speaker_name_ok(gold, _quote("x", 0, speaker, actor)) is ok


def _doc(events: list[GoldEvent]) -> GoldDoc:
    return GoldDoc("d1", "giveme5w1h", "t", "2022-03-01", TEXT, events=events)


def _record(events: list[Event]) -> Record:
    return Record(Article(id="a", text=TEXT), events=events)


def test_real_report_counts_precision_recall_views_and_reliability() -> None:
    gold = [_gold("ASSAULT", "RUSMIL", "UKR", S1),
            _gold("ACCUSE", "UKR", "RUS", S2),
            _gold("CONSULT", "RUS", "USA", S2, symmetric=True, background=True)]
    preds = [_event("ASSAULT", "RUS", "UKR", S1, 0.85),   # right, country level only
             _event("ACCUSE", "UKRGOV", "RUS", S2, 0.35),  # right
             _event("REQUEST", "UKR", None, S2, 0.31),     # wrong category
             _event("CONSULT", None, "USA", S2, 0.95)]     # uncoded source: not in view
    scores = score_docs([_doc(gold)], [_record(preds)])
    report = report_from(scores, "x")
    m = report.metrics
    assert m["country_p"] == pytest.approx(2 / 3)      # 3 events in the default view
    assert m["all_country_p"] == pytest.approx(2 / 4)
    assert m["country_r"] == pytest.approx(2 / 3)
    assert m["country_r_nonbg"] == pytest.approx(1.0)
    assert m["strict_r"] == pytest.approx(0.0)         # RUS vs RUSMIL, UKRGOV vs UKR
    assert m["accuse_r_nonbg"] == pytest.approx(1.0)
    assert m["actors_right"] == pytest.approx(2 / 3)  # the meeting's sides are not found
    assert m["source_right"] == pytest.approx(1.0)     # symmetric: RUS is ACCUSE's target
    assert [(lo, n, k) for lo, n, k in reliability(scores) if n] == [
        (0.3, 2, 1), (0.8, 1, 1), (0.9, 1, 0)]
    assert not in_default_view(preds[3])
    points = {cut: (n, p, r) for cut, n, p, r in operating_points(scores)}
    assert points[0.0] == (3, pytest.approx(2 / 3), pytest.approx(1.0))
    assert points[0.4] == (1, pytest.approx(1.0), pytest.approx(0.5))  # only the ASSAULT
    text = report.details
    assert "min conf" in text
    assert "default view  country  0.667" in text
    assert "worst misses" in text and "ACCUSE" in text


def test_real_gold_loads_articles_from_json_and_csv(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.json").write_text(json.dumps({"text": TEXT}), encoding="utf-8")
    (tmp_path / "news" / "b.csv").write_text(f'text\n"{S1}"\n', encoding="utf-8")
    event = {"source": "RUSMIL", "target": "UKR", "category": "ASSAULT", "alt": [],
             "kind": "action", "negated": False, "symmetric": False, "background": False,
             "sentence": S1}
    lines = [
        {"set": "giveme5w1h", "file": "news/a.json", "id": "a", "published": "2022-03-01",
         "title": "t", "events": [event], "quotes": [], "deadlines": []},
        {"set": "us_russia", "file": "news/b.csv", "row": 0, "published": "2022-03-02",
         "title": "u", "events": [event], "quotes": [], "deadlines": []},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = load_gold(gold, tmp_path)
    assert [d.text for d in docs] == [TEXT, S1]
    assert [d.events[0].start for d in docs] == [0, 0]


def test_real_gold_naming_a_missing_article_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"set": "giveme5w1h", "file": "news/gone.json", "id": "g",
                                "published": "2022-03-01", "events": [], "quotes": [],
                                "deadlines": []}) + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_gold(gold, tmp_path)
    assert str(info.value) == (f"article file {tmp_path / 'news/gone.json'} named by the "
                               "real-news gold is missing")
