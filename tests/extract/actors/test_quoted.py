"""First-person pronouns in quoted speech take the quote speaker's actor."""

from __future__ import annotations

from typing import Any

import pytest

from detente.config import ExtractOptions
from detente.extract.actors.quoted import speaker_pronouns
from detente.extract.pipeline import Pipeline
from detente.model import Actor, Article, Event, EventDate, Quote, Span, Speaker

_PRESIDENT = Actor("Zelensky", "Volodymyr Zelensky", "UKRGOV", "UKR", "GOV",
                   id="volodymyr-zelensky")
_UN = Actor("the UN", "United Nations", "IGOUNO", None, "IGO")


def _event(source: str, target: str | None, trigger_at: int) -> Event:
    return Event(id="e1", source=Actor(source), target=Actor(target) if target else None,
                 category="SUPPORT", mode=None, cameo="057", goldstein=None, quad_class=None,
                 date=EventDate(None, None), modality="asserted", negated=False,
                 channel="public", evidence=Span(0, 40, "x" * 40),
                 trigger=Span(trigger_at, trigger_at + 6, "signed"), confidence=0.5)


def _quote(start: int, end: int, actor: Actor | None, kind: str = "direct") -> Quote:
    return Quote(start, end, "x" * (end - start), kind, None,
                 Speaker(0, 5, "Zelensky", actor, None, False))


@pytest.mark.parametrize(("source", "speaker", "code", "name"), [
    ("We", _PRESIDENT, "UKRGOV", "UKR"),       # an office holder's "we" is the state
    ("I", _PRESIDENT, "UKRGOV", "Volodymyr Zelensky"),
    ("we", _UN, "IGOUNO", "United Nations"),
])
def test_quoted_first_person_source_is_the_speaker_side(source: str, speaker: Actor,
                                                         code: str, name: str) -> None:
    [ev] = speaker_pronouns([_event(source, None, 12)], [_quote(10, 30, speaker)])
    assert (ev.source.text, ev.source.code, ev.source.name) == (source, code, name)


@pytest.mark.parametrize(("source", "trigger_at", "quote"), [
    ("We", 50, _quote(10, 30, _PRESIDENT)),   # the act is outside the quote
    ("We", 12, _quote(10, 30, None)),         # the speaker is unknown
    ("they", 12, _quote(10, 30, _PRESIDENT)),  # third person: anyone
    ("We", 12, _quote(10, 30, _PRESIDENT, kind="indirect")),
])
def test_quoted_pronoun_left_alone_without_a_direct_quote_by_a_known_speaker(
        source: str, trigger_at: int, quote: Quote) -> None:
    [ev] = speaker_pronouns([_event(source, None, trigger_at)], [quote])
    assert ev.source.code is None


def test_quoted_first_person_target_is_the_speaker() -> None:
    [ev] = speaker_pronouns([_event("Russia", "us", 12)], [_quote(10, 30, _PRESIDENT)])
    assert ev.target is not None and ev.target.code == "UKRGOV"


def test_quoted_pronoun_stage_runs_in_the_pipeline(nlp: Any) -> None:
    text = ('Volodymyr Zelensky spoke on Friday in Kyiv.\n\n'
            'Zelensky: "We signed a ceasefire with Russia in 2019."')
    [rec] = Pipeline(ExtractOptions()).run([Article(id="a", text=text, published="2025-02-28",
                                    language="en")])
    signed = [e for e in rec.events if e.trigger.text == "signed"]
    assert signed and signed[0].source.code == "UKRGOV"


def test_quoted_you_in_a_transcript_is_the_other_side() -> None:
    text = 'Zelensky: "We want peace."\n\nVance: "You signed it."\n'
    q1 = Quote(11, 25, text[11:25], "direct", None,
               Speaker(0, 8, "Zelensky", _PRESIDENT, None, False))
    vance = Actor("Vance", "JD Vance", "USAGOV", "USA", "GOV", id="jd-vance")
    q2 = Quote(36, 50, text[36:50], "direct", None, Speaker(28, 33, "Vance", vance, None,
                                                            False))
    [ev] = speaker_pronouns([_event("You", None, 40)], [q1, q2], text)
    assert ev.source.code == "UKRGOV"
    # outside a transcript "you" is left alone
    [ev] = speaker_pronouns([_event("You", None, 40)], [q1, q2])
    assert ev.source.code is None


def test_two_quotes_on_one_span_do_not_compare_their_speakers() -> None:
    # A quote reported twice with the same span by two speakers: ordering by position
    # alone (Actor has no order; comparing them raised TypeError on real news).
    [ev] = speaker_pronouns([_event("We", None, 12)],
                            [_quote(10, 30, _PRESIDENT), _quote(10, 30, _UN)])
    assert ev.source.code in ("UKRGOV", "IGOUNO")
